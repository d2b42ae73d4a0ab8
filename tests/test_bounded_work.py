"""Bounded work, decided before it is done (issue S, item 2): matrices counted before they
are built, a run budget with a note, limits on iterations and events, checks linear on any
graph shape."""

import json

import pytest
from call_count import count_calls
from cli_helpers import ghasim
from conftest import make_scenario

from simulator.engine.matrix import MatrixError, expand, size_bounds

BIG_MATRIX = """\
name: Huge
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
{axes}
    steps: [{{run: echo}}]
"""


def big_matrix(axes=6, values=1000):
    lines = [f"        a{i}: [{', '.join(str(v) for v in range(values))}]" for i in range(axes)]
    return BIG_MATRIX.format(axes="\n".join(lines))


def test_a_6_by_1000_matrix_is_refused_by_check_without_building_it(tmp_path):  # §8.10
    folder = tmp_path / "wf"
    folder.mkdir()
    (folder / "huge.yml").write_text(big_matrix())
    result, calls = count_calls(lambda: ghasim("check", "--workflows", folder))
    assert calls < 300_000  # bounded work, counted (a few times what it takes today)
    assert result.code == 1
    assert "huge.yml:7:7:" in result.out and "[matrix-size]" in result.out
    assert "1,000,000,000,000,000,000 jobs" in result.out


def test_a_6_by_1000_matrix_fails_its_job_in_run_without_building_it(tmp_path):  # §8.10
    path = make_scenario(tmp_path, {"huge.yml": big_matrix()}, "events: [{push: {}}]\n")
    result, calls = count_calls(lambda: ghasim("run", path, "--format", "json"))
    assert calls < 300_000  # bounded work, counted (a few times what it takes today)
    [run] = json.loads(result.out)["runs"]
    assert run["conclusion"] == "failure"
    assert "GitHub allows at most 256" in run["jobs"][0]["reason"]["text"]


@pytest.mark.parametrize(
    ("matrix", "legs"),
    [
        # the documented exclude example (§8.10): 12 combinations, 3 removed
        (
            {
                "os": ["macos", "windows"],
                "version": [12, 14, 16],
                "env": ["staging", "production"],
                "exclude": [
                    {"os": "macos", "version": 12, "env": "production"},
                    {"os": "windows", "version": 16},
                ],
            },
            9,
        ),  # fmt: skip
        # 400 combinations brought under 256 by overlapping excludes
        (
            {"x": list(range(200)), "y": [1, 2], "exclude": [{"y": 1}, {"x": 0}, {"x": 0, "y": 1}]},
            199,
        ),  # fmt: skip
        # more excludes than inclusion-exclusion counts: walked, still exact
        ({"x": list(range(300)), "exclude": [{"x": i} for i in range(100)]}, 200),
    ],
)
def test_counting_agrees_with_building(matrix, legs):
    low, high = size_bounds(matrix)
    assert low <= legs <= high
    assert len(expand(matrix)) == legs


def test_a_matrix_past_256_after_excludes_is_refused_before_building():
    matrix = {"x": list(range(300)), "y": [1, 2], "exclude": [{"y": 1}]}
    with pytest.raises(MatrixError, match="300 jobs"):
        expand(matrix)


TEN_LISTENERS = {
    f"l{i}.yml": (
        f"name: L{i}\non:\n  push:\n  workflow_run:\n"
        f"    workflows: [{', '.join(f'L{j}' for j in range(10) if j != i)}]\n"
        "jobs:\n  a: {runs-on: ubuntu-latest, steps: [{run: x}]}\n"
    )
    for i in range(10)
}


def test_ten_listeners_without_types_are_cut_by_max_runs(tmp_path):  # §5.1, §5.6
    path = make_scenario(tmp_path, TEN_LISTENERS, "max_runs: 2000\nevents: [{push: {}}]\n")
    result, calls = count_calls(lambda: ghasim("run", path, "--format", "json"))
    assert calls < 1_500_000  # bounded work, counted (a few times what it takes today)
    data = json.loads(result.out)
    assert len(data["runs"]) == 2000
    [note] = data["notes"]
    assert note.startswith("more than 2,000 runs (max_runs): stopped at 00:00:00")
    assert "the chain fans out through L" in note
    text = ghasim("run", path).out
    assert text.rstrip().endswith(note)


@pytest.mark.parametrize(
    ("scenario", "words"),
    [
        ("iterations: 100001\n", "'iterations' is 100,001; it must be between 1 and 100,000"),
        ("max_runs: 0\n", "'max_runs' is 0; it must be between 1 and 1,000,000"),
    ],
)
def test_limits_are_positioned_errors(tmp_path, scenario, words):
    path = make_scenario(tmp_path, {}, scenario)
    result = ghasim("run", path, "--workflows", tmp_path)
    assert result.code == 2 and words in result.err and f"{path}:2:" in result.err


def test_too_many_events_is_one_positioned_error(tmp_path):
    events = "events:\n" + "".join("  - {push: {}}\n" for _ in range(10_001))
    path = make_scenario(tmp_path, {}, events)
    result = ghasim("run", path)
    assert result.code == 2
    assert f"{path}:3:3:" in result.err and "at most 10,000" in result.err


def test_check_is_linear_on_diamonds_and_loops(tmp_path):
    """Path enumeration was exponential on diamond graphs: 30 layers of 2 workflows, each
    listening to both of the layer above, plus a loop back to the top."""
    folder = tmp_path / "wf"
    folder.mkdir()
    (folder / "top.yml").write_text(
        "name: L0a\non:\n  push:\n  workflow_run: {workflows: [L29a], types: [completed]}\n"
        "jobs: {a: {runs-on: x, steps: [{run: y}]}}\n"
    )
    (folder / "top-b.yml").write_text("name: L0b\non: push\njobs: {a: {runs-on: x}}\n")
    for layer in range(1, 30):
        for side in "ab":
            (folder / f"l{layer}{side}.yml").write_text(
                f"name: L{layer}{side}\non:\n  workflow_run:\n"
                f"    workflows: [L{layer - 1}a, L{layer - 1}b]\n    types: [completed]\n"
                "jobs: {a: {runs-on: x, steps: [{run: y}]}}\n"
            )
    result, calls = count_calls(lambda: ghasim("check", "--workflows", folder, "--format", "json"))
    assert calls < 100_000  # bounded work, counted (a few times what it takes today)
    found = json.loads(result.out)["findings"]
    cycles = [d for d in found if d["rule"] == "cycle"]
    assert len(cycles) == 1 and "L0a -> L1a" in cycles[0]["message"]
    depth = [d for d in found if d["rule"] == "chain-depth"]
    assert len(depth) == 2 * 26  # layers 4..29, both sides


def test_the_spoofing_probe_answers_which_files_it_added_in_constant_time():  # §13.1
    """Every job site of the spoofing probe asks whether its run's file is one the fork
    added. With a list of the n added names, an audit of n workflows scanned it once per site:
    quadratic, and invisible to the call counts of test_linearity (a list scan is no call)."""
    from simulator.audit.probes import spoofing_probe
    from simulator.core.events import Repository
    from simulator.workflow.loader import workflow_set

    names = [f"CI Pipeline {i}" for i in range(50)]
    probe = spoofing_probe(workflow_set("w", []), Repository(), names, ())
    assert isinstance(probe.added, (set, frozenset))
    assert len(probe.added) == 50 and ".github/workflows/ghasim-audit-spoof-50.yml" in probe.added
