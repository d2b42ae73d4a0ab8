"""Other events in the engine: dispatch inputs, schedules, pull_request_target, any event,
invalid files (fact sheet §1.11, §4.7, §6)."""

import pytest
from cli_helpers import ghasim
from conftest import make_scenario, simulate_text

J = "jobs: {a: {runs-on: x}}\n"


def test_dispatch_inputs_are_typed_and_defaulted(tmp_path):  # §6.3
    deploy = """
name: Deploy
on:
  workflow_dispatch:
    inputs:
      dry-run: {type: boolean, default: true}
      replicas: {type: number, default: 2}
      env: {type: choice, options: [staging, prod], required: true}
jobs:
  real:
    runs-on: x
    if: "!inputs.dry-run && inputs.replicas > 2 && github.event.inputs.dry-run == 'false'"
  dry:
    runs-on: x
    if: inputs.dry-run
"""
    events = ("events:\n  - workflow_dispatch: {workflow: Deploy, inputs: {env: prod}}\n"
              "  - workflow_dispatch: {workflow: Deploy, inputs: {env: prod, dry-run: false, "
              "replicas: 3}}\n")  # fmt: skip
    runs = simulate_text(tmp_path, {"d.yml": deploy}, events).runs_of("Deploy")
    first, second = ({j.key: j.conclusion for j in r.jobs} for r in runs)
    assert first == {"real": "skipped", "dry": "success"}  # defaults: dry-run true, 2 replicas
    assert second == {"real": "success", "dry": "skipped"}


@pytest.mark.parametrize(
    ("inputs", "words"),
    [("{envv: prod}", "has no input 'envv' (did you mean 'env'?)"), ("{}", "needs input 'env'")],
)
def test_dispatch_input_mistakes_are_scenario_errors(tmp_path, inputs, words):  # §6.3
    wf = "name: D\non:\n  workflow_dispatch:\n    inputs:\n      env: {required: true}\n" + J
    path = make_scenario(tmp_path, {"d.yml": wf},
                         f"events:\n  - workflow_dispatch: {{workflow: D, inputs: {inputs}}}\n")  # fmt: skip
    result = ghasim("run", path)
    assert result.code == 2 and words in result.err and f"{path}:3:" in result.err


def test_schedules_fire_every_cron_until_the_snapshot(tmp_path):  # §6.5
    wf = "name: Nightly\non:\n  schedule:\n    - cron: '*/30 * * * *'\n" + J
    scenario = "start: 2026-01-01T00:10:00Z\nuntil: 2h\nschedules: true\n"
    runs = simulate_text(tmp_path, {"n.yml": wf}, scenario).runs_of("Nightly")
    assert [r.created_at for r in runs] == [20 * 60, 50 * 60, 80 * 60, 110 * 60]
    assert all(r.head_branch == "main" and r.event == "schedule" for r in runs)


def test_schedule_timezone(tmp_path):  # §6.5 (timezone, changelog 2026-03-19)
    wf = ("name: Morning\non:\n  schedule:\n    - cron: '0 9 * * *'\n"
          "      timezone: Europe/Paris\n" + J)  # fmt: skip
    scenario = "start: 2026-01-15T00:00:00Z\nuntil: 24h\nschedules: true\n"
    [run] = simulate_text(tmp_path, {"m.yml": wf}, scenario).runs_of("Morning")
    assert run.created_at == 8 * 3600  # 09:00 in Paris is 08:00 UTC in January


def test_pull_request_target_uses_the_default_branch_copy(tmp_path):  # §4.7
    from simulator.engine.simulation import simulate
    from simulator.scenario.prepare import load_for_run
    from simulator.workflow.loader import load_folder

    head = "name: T\non:\n  pull_request_target:\n  pull_request:\n" + J
    path = make_scenario(tmp_path, {"t.yml": head},
                         "events:\n  - pull_request_target: {head: fork/x}\n"
                         "  - pull_request: {head: fork/x}\n")  # fmt: skip
    scenario, workflows = load_for_run(path)
    base = tmp_path / "base"
    base.mkdir()
    (base / "t.yml").write_text("name: T\non:\n  pull_request:\n" + J)  # no target on main
    result = simulate(scenario, workflows, load_folder(base))
    assert [r.event for r in result.runs_of("T")] == ["pull_request"]


def test_any_other_event_with_its_activity(tmp_path):  # §1.4
    wf = "name: Triage\non:\n  issues:\n    types: [labeled]\n" + J
    events = ("events:\n  - event: {name: issues, action: labeled}\n"
              "  - event: {name: issues, action: opened}\n")  # fmt: skip
    result = simulate_text(tmp_path, {"t.yml": wf}, events)
    assert len(result.runs_of("Triage")) == 1
    assert "activity 'opened' is not in its types [labeled]" in result.not_triggered[0].reason


def test_an_invalid_file_can_show_as_a_startup_failure(tmp_path):  # §1.11 [U]
    files = {
        "bad.yml": "name: Broken\non: push\njobs:\n  a: [\n",
        "ok.yml": "name: OK\non: push\n" + J,
    }
    push = "events:\n  - push: {files: [a]}\n"
    result = simulate_text(tmp_path, files, push)
    assert [r.name for r in result.runs] == ["OK"]
    assert any("invalid workflow file" in n.reason for n in result.not_triggered)
    result = simulate_text(
        tmp_path, files, push + "settings: {invalid_workflow: startup_failure}\n"
    )
    broken = next(r for r in result.runs if r.file == ".github/workflows/bad.yml")
    assert broken.conclusion == "startup_failure" and broken.jobs == []


def test_unnamed_upstream_by_path_is_a_setting(tmp_path):  # §5.2 [U], §1.2
    files = {"build.yml": "on: push\n" + J,
             "after.yml": "name: After\non:\n  workflow_run:\n    workflows: [.github/workflows/build.yml]\n"
                          "    types: [completed]\n" + J}  # fmt: skip
    push = "events:\n  - push: {files: [a]}\n"
    assert len(simulate_text(tmp_path, files, push).runs_of("After")) == 1
    off = push + "settings: {workflow_run_match_path: false}\n"
    assert simulate_text(tmp_path, files, off).runs_of("After") == []
