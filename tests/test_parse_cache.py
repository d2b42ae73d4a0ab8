"""The parse cache (issue P): a second run on the same folder parses nothing; an edited file
is parsed again; a corrupt or foreign pack is ignored and rewritten, never executed."""

import os
import pickle

import pytest
from cli_helpers import ghasim
from synthetic import chain_copies

from simulator.workflow import cache as cache_module
from simulator.workflow.loader import load_folder


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("GHASIM_CACHE_DIR", str(folder))
    yield folder
    cache_module.configure(False)


def test_a_second_load_parses_nothing_and_an_edit_parses_one_file(tmp_path, cache_dir):
    workflows = chain_copies(3, tmp_path)
    cache = cache_module.configure(True)
    first = load_folder(workflows)
    assert (cache.hits, cache.misses) == (0, 18)
    second = load_folder(workflows)
    assert (cache.hits, cache.misses) == (18, 18)
    assert [w.name for w in second.workflows] == [w.name for w in first.workflows]
    assert second.workflows[0].jobs.keys() == first.workflows[0].jobs.keys()
    edited = workflows / "ci-1.yml"
    edited.write_text(edited.read_text().replace("CI Pipeline 1", "CI Pipeline one"))
    third = load_folder(workflows)
    assert cache.misses == 19 and any(w.name == "CI Pipeline one" for w in third.workflows)


def test_the_command_line_uses_it_and_no_cache_bypasses_it(tmp_path, cache_dir):
    workflows = chain_copies(2, tmp_path)
    assert ghasim("check", "--workflows", workflows).code == 0
    assert len(list(cache_dir.glob("*.pack"))) == 1
    pack = next(cache_dir.glob("*.pack"))
    stamp = pack.stat().st_mtime_ns
    assert ghasim("--no-cache", "check", "--workflows", workflows).code == 0
    assert pack.stat().st_mtime_ns == stamp


@pytest.mark.parametrize("content", [b"", b"not a pickle at all", b"\x80\x05truncated"])
def test_a_corrupt_pack_is_ignored_and_rewritten(tmp_path, cache_dir, content):
    workflows = chain_copies(1, tmp_path)
    cache = cache_module.configure(True)
    load_folder(workflows)
    pack = next(cache_dir.glob("*.pack"))
    pack.write_bytes(content)
    again = load_folder(workflows)
    assert len(again.workflows) == 6 and cache.misses == 12
    assert pack.read_bytes() != content


class Payload:
    def __reduce__(self):
        return (os.system, ("touch pwned",))


def test_a_pack_naming_foreign_code_is_never_executed(tmp_path, cache_dir, monkeypatch):
    workflows = chain_copies(1, tmp_path)
    cache = cache_module.configure(True)
    load_folder(workflows)
    pack = next(cache_dir.glob("*.pack"))
    pack.write_bytes(pickle.dumps({"x": Payload()}))
    monkeypatch.chdir(tmp_path)
    load_folder(workflows)
    assert not (tmp_path / "pwned").exists() and cache.misses == 12


def test_an_unwritable_cache_only_costs_the_parse(tmp_path, monkeypatch):
    monkeypatch.setenv("GHASIM_CACHE_DIR", "/proc/ghasim-cannot-write-here")
    workflows = chain_copies(1, tmp_path)
    try:
        cache_module.configure(True)
        assert len(load_folder(workflows).workflows) == 6
    finally:
        cache_module.configure(False)
