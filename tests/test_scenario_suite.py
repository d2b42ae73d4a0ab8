"""Scenarios as regression tests: expect:, ghasim test, golden timelines, mutations."""

import json
import shutil
import textwrap
from xml.etree import ElementTree as ET

import pytest
from cli_helpers import ghasim
from conftest import ROOT, make_scenario

from simulator.testing.suite import run_one

SEED = ROOT / "scenarios" / "mlops-sync"


@pytest.fixture
def seed_copy(tmp_path):
    """A copy of the seed chain's scenarios and workflows, free to mutate."""
    target = tmp_path / "mlops-sync"
    shutil.copytree(SEED, target)
    return target


def edit(path, old, new):
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new))


def failures(path):
    result = run_one(path)
    assert result.error is None, result.error
    return [str(f) for f in result.failures]


def test_the_seed_suite_passes():
    result = ghasim("test", SEED)
    assert result.code == 0, result.out
    assert result.out.splitlines()[-1] == "7 scenarios, all passed"


def test_renaming_ci_pipeline_breaks_the_chain_and_says_why(seed_copy):  # §5.2
    edit(seed_copy / "workflows" / "ci.yml", "name: CI Pipeline", "name: CI")
    found = failures(seed_copy / "chain.yml")
    assert found[0] == (
        "CD - Deploy API: runs 1: got 0 runs — CD - Deploy API did not start: it listens to "
        "'CI Pipeline', which is no workflow's name (did you mean 'CI'?)"
    )
    assert any(f.startswith("Model Validation Gate: runs 1: got 0 runs — Model Validation Gate "
                            "did not start: MLflow Experiment Tracking did not run") for f in found)  # fmt: skip


def test_changing_dvc_paths_stops_the_data_chain(seed_copy):  # §2.7
    edit(seed_copy / "workflows" / "dvc.yml",
         "      - 'data/**'\n      - 'src/data/**'\n", "      - 'data/processed/**'\n")  # fmt: skip
    found = failures(seed_copy / "data-push.yml")
    assert found[0] == (
        "DVC Pipeline: runs 1: got 0 runs — DVC Pipeline did not start: none of the changed files "
        "(data/raw/customers.csv, dvc.lock) match paths [data/processed/**, dvc.yaml, "
        "params.yaml] (§2.7)"
    )


def test_dropping_the_success_gate_lets_a_failed_model_through(seed_copy):  # §5.5, §8.3
    edit(seed_copy / "workflows" / "model-gate.yml",
         "    if: github.event.workflow_run.conclusion == 'success'\n", "")  # fmt: skip
    found = failures(seed_copy / "mlflow-fails.yml")
    assert found[0] == (
        "Model Validation Gate: conclusion skipped: got success — Model Validation Gate concluded "
        "success; started by MLflow Experiment Tracking, which concluded failure (failed: job training)"
    )


def test_a_gate_skip_is_explained_with_the_values_it_read(seed_copy):  # §8.3
    edit(seed_copy / "mlflow-fails.yml", "conclusion: skipped, jobs", "conclusion: success, jobs")
    [found, *_] = failures(seed_copy / "mlflow-fails.yml")
    assert found == (
        "Model Validation Gate: conclusion success: got skipped — Model Validation Gate concluded "
        "skipped (every job was skipped): job validate skipped: if evaluated false: "
        "github.event.workflow_run.conclusion == 'success' (github.event.workflow_run.conclusion "
        "= 'failure'); started by MLflow Experiment Tracking, which concluded failure "
        "(failed: job training)"
    )


def test_cli_reports_failures_with_positions_and_exits_1(seed_copy):
    edit(seed_copy / "workflows" / "ci.yml", "name: CI Pipeline", "name: CI")
    result = ghasim("test", seed_copy / "chain.yml")
    assert result.code == 1
    assert f"    {seed_copy / 'chain.yml'}:15:21: expected CD - Deploy API: runs 1" in result.out
    assert result.out.splitlines()[-1] == "1 scenario, 1 failed"


@pytest.mark.parametrize(
    ("expect", "words"),
    [
        (
            "  CI Pipline: {runs: 1}\n",
            "no workflow named 'CI Pipline' (did you mean 'CI Pipeline'?)",
        ),
        ("  CI Pipeline: {jobs: {lnt: success}}\n", "has no job 'lnt' (did you mean 'lint'?)"),
        (
            "  CI Pipeline: {conclusion: sucess}\n",
            "unknown conclusion 'sucess' (did you mean 'success'?)",
        ),
        ("  CI Pipeline: {runz: 1}\n", "unknown key 'runz' (did you mean 'runs'?)"),
        ("  order: [CI Pipeline, Nope]\n", "no workflow named 'Nope'"),
    ],
)
def test_expectation_errors_name_the_line(tmp_path, expect, words):
    w = {"ci.yml": "name: CI Pipeline\non: push\njobs: {lint: {runs-on: x}}\n"}
    path = make_scenario(tmp_path, w, "events:\n  - push: {files: [a]}\nexpect:\n" + expect)
    result = ghasim("test", path)
    assert result.code == 1
    assert f"error: {path}:5:" in result.out and words in result.out


def test_golden_timeline_update_then_diff(tmp_path):
    w = {"ci.yml": "name: CI\non: push\njobs: {lint: {runs-on: x}}\n"}
    path = make_scenario(tmp_path, w, "events:\n  - push: {files: [a]}\n")
    assert ghasim("test", path, "--update").code == 0
    golden = tmp_path / "s.timeline.txt"
    assert "CI" in golden.read_text()
    assert ghasim("test", path).code == 0
    path.write_text(path.read_text() + "durations:\n  CI: 5m\n")
    result = ghasim("test", path)
    assert result.code == 1
    assert "the timeline changed:" in result.out
    diff = [line.strip() for line in result.out.splitlines()]
    assert any(line.startswith("-│") and "00:00:00 → 00:01:00" in line for line in diff)
    assert any(line.startswith("+│") and "00:00:00 → 00:05:00" in line for line in diff)


def test_junit_and_json_reports(seed_copy):
    edit(seed_copy / "workflows" / "ci.yml", "name: CI Pipeline", "name: CI")
    result = ghasim(
        "test", seed_copy / "chain.yml", seed_copy / "mlflow-fails.yml", "--format", "junit"
    )
    suite = ET.fromstring(result.out.split("\n", 1)[1])
    assert suite.get("tests") == "2"
    assert int(suite.get("failures")) + int(suite.get("errors")) == 2
    assert suite.find("testcase/failure").get("message").startswith("expected CD - Deploy API")
    for case in suite.findall("testcase"):  # one <failure> per case, whatever failed in it
        assert len(case.findall("failure")) <= 1
        assert "/" not in case.get("classname") and "." in case.get("classname")
    data = json.loads(ghasim("test", seed_copy / "chain.yml", "--format", "json").out)
    assert data["schema"] == "ghasim/test/1" and data["failed"] == 1
    [first] = data["results"]
    assert first["ok"] is False and first["failures"][0]["why"].startswith(
        "CD - Deploy API did not start"
    )
    assert set(first["failures"][0]["position"]) == {"file", "line", "column"}


def test_junit_one_failure_per_case_with_the_timeline_diff_in_system_out(seed_copy):
    """Two failed expectations and a changed golden timeline: one <failure> naming both, the
    diff in <system-out> (JUnit readers keep only the first <failure> of a case)."""
    scenario = seed_copy / "chain.yml"
    assert ghasim("test", scenario, "--update").code in (0, 1)
    edit(seed_copy / "workflows" / "ci.yml", "name: CI Pipeline", "name: CI")
    result = ghasim("test", scenario, "--format", "junit")
    suite = ET.fromstring(result.out.split("\n", 1)[1])
    [case] = suite.findall("testcase")
    [failure] = case.findall("failure")
    assert failure.get("message").count("expected") >= 2
    assert "the timeline changed" in failure.get("message")
    assert case.find("system-out").text.startswith("--- ")


def test_probability_and_lead_time_over_iterations(tmp_path):
    w = {"ci.yml": "name: CI\non: push\njobs: {test: {runs-on: x}}\n"}
    scenario = textwrap.dedent("""
        iterations: 200
        seed: 7
        durations: {CI: {test: 5m..15m}}
        outcomes: {CI: {test: {failure: 0.1}}}
        events:
          - at: 1m
            push: {files: [a]}
        expect:
          CI:
            probability: {success: ">= 0.8", failure: "<= 0.2"}
            lead_time: {p95: "< 15m", min: ">= 5m"}
    """)
    path = make_scenario(tmp_path, w, scenario)
    result = run_one(path)
    assert result.ok, [str(f) for f in result.failures]
    path.write_text(path.read_text().replace('">= 0.8"', '">= 0.95"'))
    [failure] = run_one(path).failures
    assert str(failure).startswith("CI: probability success: >= 0.95: got success 0.9")
    assert "of 200 iterations" in str(failure)


def test_seeded_iterations_are_deterministic(tmp_path):
    w = {"ci.yml": "name: CI\non: push\njobs: {test: {runs-on: x}}\n"}
    scenario = "seed: 3\ndurations: {CI: 1m..9m}\nevents:\n  - push: {files: [a]}\n"
    path = make_scenario(tmp_path, w, scenario)
    assert (
        ghasim("run", path, "--format", "json").out == ghasim("run", path, "--format", "json").out
    )
    other = ghasim("run", path, "--format", "json", "--seed", "4").out
    assert other != ghasim("run", path, "--format", "json").out
