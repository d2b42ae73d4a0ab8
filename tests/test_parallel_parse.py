"""A big folder is parsed by worker processes (issue P): the same models, in the same order,
as one process parses, broken files included; the frames the workers encoded become the
parse-cache pack as they are, and a second load reads them back."""

import pytest
from synthetic import chain_copies

from simulator.workflow import cache as cache_module
from simulator.workflow import loader
from simulator.workflow.loader import load_folder
from simulator.workflow.model import BrokenWorkflow


@pytest.fixture
def folder(tmp_path):
    workflows = chain_copies(6, tmp_path)
    (workflows / "bom.yml").write_bytes(b"\xef\xbb\xbfname: bom\non: push\njobs: {a: {runs-on: x}}")
    (workflows / "latin1.yml").write_bytes(b"name: caf\xe9\non: push\n")
    (workflows / "bad.yaml").write_text("on: [push\n")
    (workflows / "huge.yml").write_text("#" * (loader.MAX_WORKFLOW_BYTES + 1))
    return workflows


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("GHASIM_CACHE_DIR", str(tmp_path / "cache"))
    yield tmp_path / "cache"
    cache_module.configure(False)


def test_workers_parse_what_one_process_parses(folder):
    alone, workers = load_folder(folder, processes=1), load_folder(folder, processes=2)
    assert workers == alone
    assert [w.path for w in workers.workflows] == [w.path for w in alone.workflows]
    assert {b.rel_path for b in workers.broken} == {
        ".github/workflows/latin1.yml", ".github/workflows/bad.yaml",
        ".github/workflows/huge.yml"}  # fmt: skip
    assert all(isinstance(b, BrokenWorkflow) and b.diagnostics for b in workers.broken)


def test_the_workers_frames_are_the_pack_and_are_read_back(folder, cache_dir):
    cache = cache_module.configure(True)
    first = load_folder(folder, processes=2)
    assert (cache.hits, cache.misses) == (0, 39)  # 40 files, the huge one is never parsed
    pack = next(cache_dir.glob("*.pack"))
    frames = _frames(pack.read_bytes())
    assert len(frames) > 1  # one per worker chunk: nothing encoded twice
    assert sum(len(keys) for keys, _ in frames) == 39
    stamp = pack.stat().st_mtime_ns
    second = load_folder(folder, processes=2)
    assert (cache.hits, cache.misses) == (39, 39) and second == first
    assert pack.stat().st_mtime_ns == stamp  # all hits: not written again


def test_an_edit_after_a_parallel_load_rewrites_one_pack(folder, cache_dir):
    cache = cache_module.configure(True)
    load_folder(folder, processes=2)
    edited = folder / "ci-0.yml"
    edited.write_text(edited.read_text().replace("CI Pipeline 0", "CI Pipeline zero"))
    third = load_folder(folder, processes=2)
    assert cache.misses == 40 and any(w.name == "CI Pipeline zero" for w in third.workflows)
    assert load_folder(folder) == third and cache.misses == 40


@pytest.mark.parametrize("cores", [2, 8])
def test_workers_only_when_they_pay(monkeypatch, cores):
    monkeypatch.setattr("simulator.core.processes.available_cores", lambda: cores)
    many = loader.PARALLEL_FILES
    assert loader._workers(many - 1, None) == 1  # too few files to repay the pool
    assert loader._workers(many, None) == cores
    # without the cache the models are pickled only to come back: worth it with cores to spare
    assert loader._workers(many, None, cached=False) == (cores if cores >= 4 else 1)
    assert loader._workers(many, 1) == 1
    assert loader._workers(3, 8) == 3  # asked for: never more workers than files


def test_a_daemonic_worker_parses_here(monkeypatch):
    import multiprocessing

    monkeypatch.setattr(multiprocessing.current_process(), "daemon", True)
    assert loader._workers(loader.PARALLEL_FILES * 4, None) == 1


def _frames(data: bytes) -> list:
    """A pack's frames as (keys, models): header and MAC off, each frame decoded."""
    from simulator.workflow.codec import decode_entries

    body = memoryview(data)[len(cache_module.MAGIC) + 32 :]
    decoded = [decode_entries(cache_module._inflate(f)) for f in cache_module._frames(body)]
    return [([e.key for e in entries], [e.model for e in entries]) for entries in decoded]


@pytest.mark.parametrize("failure", ["fork", "worker"])
def test_when_workers_cannot_run_the_files_are_parsed_here(folder, monkeypatch, failure):
    from concurrent.futures import Executor
    from concurrent.futures.process import BrokenProcessPool

    class Failing(Executor):
        def map(self, fn, *iterables, **kwargs):
            first = next(iter(iterables[0]))
            yield fn(first)  # one chunk comes back, then the pool breaks
            raise BrokenProcessPool("a worker was killed")

    def pool(processes):
        if failure == "fork":
            raise OSError(11, "Resource temporarily unavailable")
        return Failing()

    monkeypatch.setattr("simulator.core.processes.process_pool", pool)
    assert load_folder(folder, processes=2) == load_folder(folder, processes=1)
