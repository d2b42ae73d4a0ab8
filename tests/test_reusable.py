"""Reusable workflows (fact sheet §6.6, §5.12)."""

from conftest import simulate_text, wf

from simulator.workflow.calls import check_calls
from simulator.workflow.model import WorkflowSet

CALLER = """
name: Release
on: push
jobs:
  build:
    uses: ./.github/workflows/build.yml
    with: {target: api}
  publish:
    needs: build
    runs-on: x
    if: needs.build.outputs.artifact == 'api.tar'
"""
CALLED = """
name: Build (reusable)
on:
  workflow_call:
    inputs:
      target: {type: string, required: true}
      debug: {type: boolean, default: false}
    outputs:
      artifact: {value: "${{ jobs.compile.outputs.file }}"}
jobs:
  compile:
    runs-on: x
    if: inputs.target == 'api' && !inputs.debug
    outputs: {file: x}
  check: {runs-on: x, needs: compile}
"""
LISTENER = """
name: After
on:
  workflow_run:
    workflows: [Release, Build (reusable)]
    types: [completed]
jobs: {j: {runs-on: x}}
"""


def test_called_jobs_run_inside_the_callers_run(tmp_path):  # §6.6
    scenario = ("durations:\n  Release: {build/compile: 2m}\n"
                "outputs:\n  Build (reusable): {compile: {file: api.tar}}\n"
                "events:\n  - push: {files: [x]}\n")  # fmt: skip
    files = {"release.yml": CALLER, "build.yml": CALLED, "after.yml": LISTENER}
    result = simulate_text(tmp_path, files, scenario)
    assert [r.name for r in result.runs] == ["Release", "After"]  # no run of its own
    [release] = result.runs_of("Release")
    jobs = {j.key: j for j in release.jobs}
    assert list(jobs) == ["build", "build/compile", "build/check", "publish"]
    assert jobs["build/compile"].completed_at == 120
    assert jobs["build/check"].started_at == 120
    assert jobs["publish"].conclusion == "success"  # outputs flowed through the call
    # §5.12: workflow_run matches the CALLER's name only
    [after] = result.runs_of("After")
    assert after.caused_by == release.id


def test_a_failing_called_job_fails_the_caller(tmp_path):
    scenario = "outcomes:\n  Release: {build/check: failure}\nevents:\n  - push: {files: [x]}\n"
    result = simulate_text(tmp_path, {"release.yml": CALLER, "build.yml": CALLED}, scenario)
    [release] = result.runs_of("Release")
    jobs = {j.key: j for j in release.jobs}
    assert jobs["build"].conclusion == "failure"
    assert jobs["publish"].conclusion == "skipped"
    assert release.conclusion == "failure"


def test_remote_call_is_one_job_the_scenario_sets(tmp_path):  # §6.6
    caller = (
        "name: R\non: push\njobs:\n  scan:\n    uses: org/tools/.github/workflows/scan.yml@v1\n"
    )
    scenario = "durations:\n  R: {scan: 4m}\noutcomes:\n  R: {scan: failure}\nevents:\n  - push: {files: [x]}\n"
    result = simulate_text(tmp_path, {"r.yml": caller}, scenario)
    [run] = result.runs_of("R")
    assert run.jobs[0].completed_at == 240 and run.conclusion == "failure"


def check(files: dict[str, str]):
    loaded = [wf(text, name) for name, text in files.items()]
    return check_calls(WorkflowSet("x", loaded))


def test_loops_are_a_clear_error():  # §6.6
    a = "on: [push, workflow_call]\njobs:\n  call: {uses: ./.github/workflows/b.yml}\n"
    b = "on: workflow_call\njobs:\n  call: {uses: ./.github/workflows/a.yml}\n"
    result = check({"a.yml": a, "b.yml": b})
    messages = [str(d) for br in result.broken for d in br.diagnostics]
    assert any("loop: .github/workflows/a.yml -> .github/workflows/b.yml -> .github/workflows/a.yml"
               in m for m in messages)  # fmt: skip
    assert messages[0].startswith("a.yml:3:")


def test_nesting_deeper_than_ten_levels_is_an_error():  # §6.6
    files = {"w0.yml": "on: push\njobs:\n  c: {uses: ./.github/workflows/w1.yml}\n"}
    for i in range(1, 11):
        nxt = (
            f"  c: {{uses: ./.github/workflows/w{i + 1}.yml}}\n"
            if i < 10
            else "  c: {runs-on: x}\n"
        )
        files[f"w{i}.yml"] = "on: workflow_call\njobs:\n" + nxt
    result = check(files)
    assert [b.file_name for b in result.broken] == ["w0.yml"]
    assert "deeper than 10 levels" in result.broken[0].first_error.message
    del files["w0.yml"]
    assert not check(files).broken  # w1 -> ... -> w10: exactly 10 levels


def test_bad_calls_are_positioned_errors():
    caller = (
        "on: push\njobs:\n  c:\n    uses: ./.github/workflows/build.yml\n    with: {targt: api}\n"
    )
    result = check({"r.yml": caller, "build.yml": CALLED})
    messages = [str(d) for d in result.broken[0].diagnostics]
    assert (
        "r.yml:5:12: job 'c': .github/workflows/build.yml has no input 'targt' (did you mean 'target'?)"
        in messages
    )
    assert any("required input 'target'" in m for m in messages)
    missing = check({"r.yml": "on: push\njobs:\n  c: {uses: ./.github/workflows/nope.yml}\n"})
    assert "not in the workflows folder" in missing.broken[0].first_error.message
    no_call = check({"r.yml": "on: push\njobs:\n  c: {uses: ./.github/workflows/x.yml}\n",
                     "x.yml": "on: push\njobs: {a: {runs-on: x}}\n"})  # fmt: skip
    assert "has no 'on: workflow_call'" in no_call.broken[0].first_error.message
