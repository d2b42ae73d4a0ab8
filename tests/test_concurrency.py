"""Concurrency groups (fact sheet §10)."""

from conftest import simulate_text

DEPLOY = """
name: Deploy
on: workflow_dispatch
concurrency: %s
jobs: {deploy: {runs-on: x}}
"""


def dispatches(times):
    return "events:\n" + "".join(f"  - at: {t}s\n    workflow_dispatch: {{workflow: Deploy}}\n"
                                 for t in times)  # fmt: skip


def deploy_runs(tmp_path, concurrency, times, extra_files=None):
    files = {"deploy.yml": DEPLOY % concurrency, **(extra_files or {})}
    return simulate_text(tmp_path, files, "durations:\n  Deploy: 2m\n" + dispatches(times))


def test_four_rapid_dispatches(tmp_path):  # §10.2: 1st success, 2nd & 3rd cancelled, 4th success
    result = deploy_runs(tmp_path, "prod", [0, 10, 20, 30])
    runs = result.runs_of("Deploy")
    assert [r.conclusion for r in runs] == ["success", "cancelled", "cancelled", "success"]
    assert runs[1].status == runs[2].status == "completed"
    assert "replaced by newer Deploy #3" in runs[1].reason
    assert runs[3].started_at == 120  # waited, pending, for the first to finish
    assert runs[1].jobs == []  # never started a job


def test_pending_status_at_a_snapshot(tmp_path):  # §10.6
    files = {"deploy.yml": DEPLOY % "prod"}
    scenario = "until: 30s\ndurations:\n  Deploy: 2m\n" + dispatches([0, 10])
    runs = simulate_text(tmp_path, files, scenario).runs_of("Deploy")
    assert [r.status for r in runs] == ["in_progress", "pending"]


def test_cancel_in_progress_cancels_the_running_run(tmp_path):  # §10.2
    result = deploy_runs(tmp_path, "{group: prod, cancel-in-progress: true}", [0, 30])
    first, second = result.runs_of("Deploy")
    assert first.conclusion == "cancelled" and first.completed_at == 30
    assert first.jobs[0].conclusion == "cancelled"
    assert second.conclusion == "success" and second.started_at == 30


def test_groups_ignore_case_and_span_workflows(tmp_path):  # §10.3
    other = "name: Other\non: workflow_dispatch\nconcurrency: PROD\njobs: {a: {runs-on: x}}\n"
    scenario = ("durations:\n  Deploy: 2m\nevents:\n  - workflow_dispatch: {workflow: Deploy}\n"
                "  - at: 10s\n    workflow_dispatch: {workflow: Other}\n")  # fmt: skip
    result = simulate_text(tmp_path, {"deploy.yml": DEPLOY % "prod", "other.yml": other}, scenario)
    [other_run] = result.runs_of("Other")
    assert other_run.started_at == 120


def test_queue_max_keeps_every_pending_run_in_order(tmp_path):  # §10.4
    result = deploy_runs(tmp_path, "{group: prod, queue: max}", [0, 10, 20, 30])
    runs = result.runs_of("Deploy")
    assert [r.conclusion for r in runs] == ["success"] * 4
    assert [r.started_at for r in runs] == [0, 120, 240, 360]


def test_group_from_an_expression(tmp_path):  # §10.1, §10.3
    result = deploy_runs(tmp_path, "deploy-${{ github.ref }}", [0, 10])
    assert [r.concurrency_group for r in result.runs_of("Deploy")] == ["deploy-refs/heads/main"] * 2


def test_a_cancelled_run_still_emits_completed(tmp_path):  # §5.5
    listener = ("name: After\non:\n  workflow_run:\n    workflows: [Deploy]\n    types: [completed]\n"
                "jobs: {a: {runs-on: x}}\n")  # fmt: skip
    result = deploy_runs(tmp_path, "prod", [0, 10, 20], {"after.yml": listener})
    after = result.runs_of("After")
    upstream = [result.run(r.caused_by).conclusion for r in after]
    assert sorted(upstream) == ["cancelled", "success", "success"]


def test_job_level_concurrency(tmp_path):  # §8.14
    workflow = ("name: W\non: push\njobs:\n  a: {runs-on: x, concurrency: lock}\n"
                "  b: {runs-on: x, concurrency: lock}\n")  # fmt: skip
    result = simulate_text(tmp_path, {"w.yml": workflow}, "events:\n  - push: {files: [x]}\n")
    [run] = result.runs_of("W")
    starts = sorted(j.started_at for j in run.jobs)
    assert starts == [0, 60]
