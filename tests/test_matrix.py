"""Matrix strategy (fact sheet §8.10, §8.11, §8.12)."""

import pytest
from conftest import simulate_text

from simulator.engine.matrix import MatrixError, expand, leg_name


def test_docs_include_example_gives_six_jobs():  # §8.10
    matrix = {
        "fruit": ["apple", "pear"],
        "animal": ["cat", "dog"],
        "include": [
            {"color": "green"},
            {"color": "pink", "animal": "cat"},
            {"fruit": "apple", "shape": "circle"},
            {"fruit": "banana"},
            {"fruit": "banana", "animal": "cat"},
        ],
    }
    assert expand(matrix) == [
        {"fruit": "apple", "animal": "cat", "color": "pink", "shape": "circle"},
        {"fruit": "apple", "animal": "dog", "color": "green", "shape": "circle"},
        {"fruit": "pear", "animal": "cat", "color": "pink"},
        {"fruit": "pear", "animal": "dog", "color": "green"},
        {"fruit": "banana"},
        {"fruit": "banana", "animal": "cat"},
    ]


def test_docs_exclude_example_gives_nine_jobs():  # §8.10
    matrix = {
        "os": ["macos-latest", "windows-latest"],
        "version": [12, 14, 16],
        "environment": ["staging", "production"],
        "exclude": [
            {"os": "macos-latest", "version": 12, "environment": "production"},
            {"os": "windows-latest", "version": 16},
        ],
    }
    legs = expand(matrix)
    assert len(legs) == 9
    assert {"os": "windows-latest", "version": 16, "environment": "staging"} not in legs


def test_declaration_order_and_include_only():  # §8.10, §12.4
    assert expand({"a": [1, 2], "b": ["x", "y"]}) == [
        {"a": 1, "b": "x"},
        {"a": 1, "b": "y"},
        {"a": 2, "b": "x"},
        {"a": 2, "b": "y"},
    ]
    assert expand({"include": [{"site": "prod"}, {"site": "dev"}]}) == [
        {"site": "prod"},
        {"site": "dev"},
    ]


def test_more_than_256_jobs_is_an_error():  # §8.10, §12.3
    with pytest.raises(MatrixError, match="at most 256"):
        expand({"a": list(range(16)), "b": list(range(17))})
    assert len(expand({"a": list(range(16)), "b": list(range(16))})) == 256


def test_leg_names_are_githubs():
    assert leg_name("test", {"os": "ubuntu-latest", "py": "3.12"}) == "test (ubuntu-latest, 3.12)"


MATRIX = """
name: W
on: push
jobs:
  test:
    runs-on: ${{ matrix.os }}
    strategy:
      matrix:
        os: [ubuntu-latest, windows-latest, macos-latest]
        py: ['3.11', '3.12']
%s
"""


def legs(tmp_path, strategy_extra="", scenario=""):
    result = simulate_text(tmp_path, {"w.yml": MATRIX % strategy_extra},
                           scenario + "events:\n  - push: {files: [x]}\n")  # fmt: skip
    [run] = result.runs_of("W")
    return run, {j.key: j for j in run.jobs}


def test_fail_fast_cancels_the_other_legs(tmp_path):  # §8.11
    scenario = ("durations:\n  W: {'test (windows-latest, 3.12)': 30s, '*': 5m}\n"
                "outcomes:\n  W: {'test (windows-latest, 3.12)': failure}\n")  # fmt: skip
    run, jobs = legs(tmp_path, scenario=scenario)
    assert jobs["test (windows-latest, 3.12)"].conclusion == "failure"
    others = [j for k, j in jobs.items() if k != "test (windows-latest, 3.12)"]
    assert all(j.conclusion == "cancelled" and j.completed_at == 30 for j in others)
    assert all("fail-fast" in j.reason for j in others)
    assert run.conclusion == "failure"


def test_fail_fast_false_lets_them_finish(tmp_path):  # §8.11
    scenario = "outcomes:\n  W: {'test[os=windows-latest]': failure}\n"
    run, jobs = legs(tmp_path, "      fail-fast: false", scenario)
    assert [j.conclusion for j in jobs.values()].count("failure") == 2  # both windows legs
    assert [j.conclusion for j in jobs.values()].count("success") == 4


def test_max_parallel_limits_simultaneous_legs(tmp_path):  # §8.11
    run, jobs = legs(tmp_path, "      max-parallel: 2")
    starts = sorted(j.started_at for j in jobs.values())
    assert starts == [0, 0, 60, 60, 120, 120]


def test_runner_capacity_queues_jobs(tmp_path):  # §12.1
    run, jobs = legs(tmp_path, scenario="runners: {macos-latest: 1}\n")
    mac = sorted(j.started_at for j in jobs.values() if "macos" in j.key)
    assert mac == [0, 60]


def test_matrix_result_aggregates_legs(tmp_path):  # §8.12
    workflow = MATRIX % "      fail-fast: false" + (
        "  after:\n    runs-on: x\n    needs: test\n    if: always() && needs.test.result == 'failure'\n"
    )
    result = simulate_text(tmp_path, {"w.yml": workflow},
                           "outcomes:\n  W: {'test (ubuntu-latest, 3.11)': failure}\n"
                           "events:\n  - push: {files: [x]}\n")  # fmt: skip
    [run] = result.runs_of("W")
    assert next(j for j in run.jobs if j.key == "after").conclusion == "success"


def test_matrix_from_json_of_scenario_outputs(tmp_path):  # §11.6 fromJSON matrices
    workflow = """
name: W
on: push
jobs:
  plan: {runs-on: x, outputs: {targets: x}}
  build:
    needs: plan
    runs-on: x
    strategy:
      matrix:
        target: ${{ fromJSON(needs.plan.outputs.targets) }}
"""
    scenario = (
        'outputs:\n  W: {plan: {targets: \'["api", "ui"]\'}}\nevents:\n  - push: {files: [x]}\n'
    )
    result = simulate_text(tmp_path, {"w.yml": workflow}, scenario)
    [run] = result.runs_of("W")
    assert [j.key for j in run.jobs] == ["plan", "build (api)", "build (ui)"]


def test_continue_on_error_leg_does_not_trigger_fail_fast(tmp_path):  # §8.11
    workflow = MATRIX % "" + "    continue-on-error: ${{ matrix.os == 'macos-latest' }}\n"
    result = simulate_text(tmp_path, {"w.yml": workflow},
                           "outcomes:\n  W: {'test[os=macos-latest]': failure}\n"
                           "events:\n  - push: {files: [x]}\n")  # fmt: skip
    [run] = result.runs_of("W")
    assert [j.conclusion for j in run.jobs].count("success") == 4
    assert run.conclusion == "success"


@pytest.mark.parametrize("result", ["success", "failure", "cancelled", "skipped", "neutral"])
@pytest.mark.parametrize("precedence", [("failure", "cancelled", "success"),
                                        ("cancelled", "failure", "success"), ("failure",)])  # fmt: skip
def test_one_result_aggregates_as_it_would_beside_a_skipped_leg(result, precedence):  # §8.12
    """A plain job's result goes through the rule with one entry; a skipped leg beside it
    changes nothing, so both answers are the rule's."""
    from msgspec.structs import replace

    from simulator.engine.conclusion import aggregate_result
    from simulator.settings import DEFAULT

    settings = replace(DEFAULT, matrix_result_precedence=precedence)
    assert aggregate_result([result], settings) == aggregate_result([result, "skipped"], settings)
