"""The seed chain end to end: the sync-test timeline, the full story, the data push."""

import os
import subprocess
import sys

from cli_helpers import ghasim
from conftest import ROOT

from simulator.engine.api import run_scenario

SCENARIOS = ROOT / "scenarios" / "mlops-sync"
GOLDEN = ROOT / "tests" / "golden"


def test_sync_test_prints_the_seed_timeline():
    """The seed report's box, row for row (its run rows were hand-drawn one cell short of the
    border; ghasim keeps the right border straight)."""
    result = ghasim("run", SCENARIOS / "sync-test.yml")
    assert result.code == 0, result.err
    assert result.out == (GOLDEN / "sync-test.timeline.txt").read_text(encoding="utf-8")


def test_seed_rows_match_the_hand_drawn_report():
    seed = [
        "│ 04:14:21  CI Pipeline                    ✓ success",
        "│                    │",
        "│                    ▼ workflow_run triggered",
        "│ 04:16:18  CD - Deploy API                ✓ success",
        "│ 04:16:18  MLflow Experiment Tracking     ⏳ in_progress",
        "│ 04:16:18  Streamlit UI CI/CD             ✗ failure (lint)",
    ]
    lines = [
        line.rstrip("│").rstrip()
        for line in ghasim("run", SCENARIOS / "sync-test.yml").out.splitlines()
    ]
    for row in seed:
        assert row in lines


def test_full_story_mlflow_completes_and_the_gate_follows():  # §5.1, §5.5
    result = run_scenario(SCENARIOS / "full-story.yml").result
    [mlflow] = result.runs_of("MLflow Experiment Tracking")
    [gate] = result.runs_of("Model Validation Gate")
    assert mlflow.conclusion == "success"
    assert gate.caused_by == mlflow.id and gate.depth == 2
    assert gate.created_at == mlflow.completed_at
    assert result.runs_of("DVC Pipeline") == []
    [dvc] = [n for n in result.not_triggered if n.workflow == "DVC Pipeline"]
    assert "none of the changed files" in dvc.reason


def test_data_push_reaches_the_gate_through_dvc():  # §2.7, §5.2
    result = run_scenario(SCENARIOS / "data-push.yml").result
    [dvc] = result.runs_of("DVC Pipeline")
    gates = result.runs_of("Model Validation Gate")
    assert dvc.id in [g.caused_by for g in gates]
    assert all(g.conclusion == "success" for g in gates)


def test_streamlit_failure_skips_its_deploy_and_names_lint():  # §8.2
    result = run_scenario(SCENARIOS / "full-story.yml").result
    [streamlit] = result.runs_of("Streamlit UI CI/CD")
    jobs = {j.key: j for j in streamlit.jobs}
    assert jobs["lint"].conclusion == "failure"
    assert jobs["deploy-ui"].conclusion == "skipped"
    assert jobs["deploy-ui"].reason == "skipped: needs.lint failed"
    assert streamlit.conclusion == "failure" and streamlit.reason == "failed: job lint"


def test_output_is_byte_identical_across_processes():
    """Same scenario, same bytes: also with different hash seeds (no set-order leaks)."""
    outputs = set()
    for hash_seed in ("0", "1", "12345"):
        for fmt in ("text", "json"):
            proc = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "simulator",
                    "run",
                    str(SCENARIOS / "data-push.yml"),
                    "--format",
                    fmt,
                    "--jobs",
                ],
                capture_output=True,
                env={**os.environ, "PYTHONHASHSEED": hash_seed},
                check=True,
            )
            outputs.add((fmt, proc.stdout))
    assert len(outputs) == 2
