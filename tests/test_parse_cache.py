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


SCENARIO = "workflows: {folder}\nevents:\n  - push: {{branch: main, files: [src/api/app.py]}}\n"


def test_a_scenario_file_is_parsed_once_and_again_when_edited(tmp_path, cache_dir):
    from simulator.scenario.loader import load_scenario

    scenario = tmp_path / "s.yml"
    scenario.write_text(SCENARIO.format(folder=chain_copies(1, tmp_path)))
    cache = cache_module.configure(True)
    first = load_scenario(scenario)
    second = load_scenario(scenario)
    assert (cache.hits, cache.misses) == (1, 1) and second == first
    scenario.write_text(scenario.read_text().replace("main", "dev"))
    third = load_scenario(scenario)
    assert cache.misses == 2 and third.events[0].event.branch == "dev"
    assert len(list((cache_dir / "documents").iterdir())) == 1  # one entry per file, replaced


def test_a_warm_run_does_not_import_the_yaml_parser(tmp_path, cache_dir):
    """What the document cache is for: start-up (PyYAML's import is ~20 ms)."""
    import subprocess
    import sys

    scenario = tmp_path / "s.yml"
    scenario.write_text(SCENARIO.format(folder=chain_copies(1, tmp_path)))
    probe = ("import sys; sys.argv = ['ghasim', 'run', sys.argv[1]]\n"
             "from simulator.cli import main\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print('yaml' in sys.modules, file=sys.stderr)\n")  # fmt: skip
    runs = [subprocess.run([sys.executable, "-c", probe, str(scenario)], capture_output=True,
                           text=True, env={**os.environ}) for _ in range(2)]  # fmt: skip
    assert [r.stderr.strip().splitlines()[-1] for r in runs] == ["True", "False"]
    assert runs[0].stdout == runs[1].stdout and "CI Pipeline 0" in runs[0].stdout


def test_a_scenario_error_is_not_cached_and_a_corrupt_entry_is_ignored(tmp_path, cache_dir):
    from simulator.scenario.loader import ScenarioError, load_scenario

    scenario = tmp_path / "s.yml"
    scenario.write_text("events: [\n")
    cache_module.configure(True)
    for _ in range(2):
        with pytest.raises(ScenarioError, match="s.yml:2:1"):
            load_scenario(scenario)
    assert not (cache_dir / "documents").exists()
    scenario.write_text(SCENARIO.format(folder=chain_copies(1, tmp_path)))
    load_scenario(scenario)
    entry = next((cache_dir / "documents").iterdir())
    entry.write_bytes(b"\x80\x05truncated")
    assert load_scenario(scenario).events[0].event.branch == "main"
