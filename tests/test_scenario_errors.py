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
