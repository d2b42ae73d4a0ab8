"""Scenario mistakes: one clear line naming the file and line, exit 2, no traceback."""

import pytest
from cli_helpers import ghasim
from conftest import make_scenario

W = {"ci.yml": "name: CI Pipeline\non: push\njobs:\n  lint: {runs-on: x}\n  test: {runs-on: x}\n"}


@pytest.mark.parametrize(
    ("scenario", "line", "words"),
    [
        (
            "durations:\n  CI Pipline: 2m\n",
            3,
            "no workflow named 'CI Pipline' (did you mean 'CI Pipeline'?)",
        ),
        (
            "outcomes:\n  CI Pipeline: {lnt: failure}\n",
            3,
            "has no job 'lnt' (did you mean 'lint'?)",
        ),
        ("durations:\n  CI Pipeline: {lint: 2 minutes}\n", 3, "bad duration for 'lint'"),
        ("outcomes:\n  CI Pipeline: {lint: failed}\n", 3, "unknown outcome 'failed'"),
        (
            "start: 2026-01-13T04:14:21Z\nevents:\n  - at: '25:00:00'\n    push: {files: [a]}\n",
            4,
            "is not a clock time",
        ),
        ("until: yesterday\n", 2, "is not a time"),
        (
            "events:\n  - push: {branch: main, tags: v1}\n",
            3,
            "unknown key 'tags' in 'push' (did you mean 'tag'?)",
        ),
        ("evnts: []\n", 2, "unknown key 'evnts' in the scenario (did you mean 'events'?)"),
    ],
)
def test_scenario_error_is_one_positioned_line(tmp_path, scenario, line, words):
    path = make_scenario(tmp_path, W, scenario)
    result = ghasim("run", path)
    assert result.code == 2
    [message] = result.err.strip().splitlines()
    assert message.startswith(f"{path}:{line}:"), message
    assert words in message, message
    assert "Traceback" not in result.out + result.err


def test_missing_workflows_folder(tmp_path):
    path = tmp_path / "s.yml"
    path.write_text("workflows: nowhere/\nevents: []\n")
    result = ghasim("run", path)
    assert result.code == 2
    assert result.err.strip() == f"{path}:1:12: workflows folder not found: {tmp_path / 'nowhere'}"


def test_missing_scenario_file(tmp_path):
    result = ghasim("run", tmp_path / "none.yml")
    assert result.code == 2 and "scenario file not found" in result.err


BIG = "1" + "0" * 400


@pytest.mark.parametrize(
    ("scenario", "line", "words"),
    [
        ("start: .nan\n", 2, "is not a time"),
        ("start: 9999-12-31T23:59:59Z\n", 2, "outside the years ghasim simulates"),
        ("until: 0s\n", 2, "'until' must come after 'start'"),
        ("until: .nan\n", 2, "finite number of seconds"),
        ("until: .inf\n", 2, "finite number of seconds"),
        ("until: 400d\n", 2, "is longer than 366d"),
        (f"seed: {BIG}\n", 2, "'seed' is a 401-digit number"),
        (f"iterations: {BIG}\n", 2, "'iterations' is a 401-digit number"),
        (f"max_parallel_jobs: {BIG}\n", 2, "between 1 and 1,000,000"),
        ("settings: {queue_delay: -5}\n", 2, "cannot be negative"),
        ("settings: {queue_delay: .nan}\n", 2, "finite number of seconds"),
        ("settings: {matrix_result_precedence: 5}\n", 2, "must be a list of strings"),
        ("settings: {matrix_result_precedence: [failure, oops]}\n", 2, "lists 'oops'"),
        ("settings: {invalid_workflow: maybe}\n", 2, "use ignore, startup_failure"),
        ("defaults: {duration: .nan}\n", 2, "finite number of seconds"),
        ("defaults: {duration: .inf}\n", 2, "finite number of seconds"),
        (f"defaults: {{duration: {BIG}}}\n", 2, "longer than 35d"),
        ("durations: {CI Pipeline: -1}\n", 2, "cannot be negative"),
        ("outcomes: {CI Pipeline: {lint: {failure: .nan}}}\n", 2, "finite number"),
        ("events: [{push: {message: ~}}]\n", 2, "'message' must be a string, not null"),
        ("events: [{push: {branch: [a, b]}}]\n", 2, "'branch' must be a string"),
        ("events: [{at: .nan, push: {}}]\n", 2, "finite number of seconds"),
        ("events: [{push: {commits: .inf}}]\n", 2, "'commits' must be an integer"),
        ("events: [{pull_request: {number: 0}}]\n", 2, "'number' is 0"),
        ("events: [{workflow_dispatch: {workflow: ~}}]\n", 2, "'workflow' must be a string"),
        ("events: [{repository_dispatch: {type: ''}}]\n", 2, "'type' is empty"),
    ],
)
def test_extreme_values_are_positioned_errors_not_crashes(tmp_path, scenario, line, words):
    """Issue S: each of these ended in exit 70 (or was accepted silently)."""
    path = make_scenario(tmp_path, W, scenario)
    result = ghasim("run", path)
    assert result.code == 2, (result.out, result.err)
    [message] = result.err.strip().splitlines()
    assert message.startswith(f"{path}:{line}:"), message
    assert words in message, message
