"""Job semantics exactly like GitHub (fact sheet §8, §9)."""

from conftest import simulate_text

PUSH = "events:\n  - push: {files: [x]}\n"


def run_of(tmp_path, workflow: str, scenario: str = ""):
    result = simulate_text(tmp_path, {"w.yml": "name: W\non: push\n" + workflow}, scenario + PUSH)
    [run] = result.runs_of("W")
    return run, {j.key: j for j in run.jobs}


def test_skipped_grandparent_skips_a_job_whose_direct_need_succeeded(tmp_path):  # §8.4, fact 11
    run, jobs = run_of(
        tmp_path,
        """
jobs:
  a: {runs-on: x, if: "false"}
  b: {runs-on: x, needs: a, if: always()}
  c: {runs-on: x, needs: b}
""",
    )
    assert jobs["a"].conclusion == "skipped"
    assert jobs["b"].conclusion == "success"
    assert jobs["c"].conclusion == "skipped"
    assert jobs["c"].reason == "skipped: needs.a was skipped"  # the grand-parent


def test_failure_is_true_if_any_ancestor_failed(tmp_path):  # §8.4
    run, jobs = run_of(
        tmp_path,
        """
jobs:
  a: {runs-on: x}
  b: {runs-on: x, needs: a, if: always()}
  notify: {runs-on: x, needs: b, if: failure()}
  ok: {runs-on: x, needs: b, if: success()}
""",
        "outcomes:\n  W: {a: failure}\n",
    )
    assert jobs["notify"].conclusion == "success"  # a (grand-parent) failed
    assert jobs["ok"].conclusion == "skipped"


def test_always_runs_and_cancelled_is_only_for_a_cancelled_run(tmp_path):  # §8.4
    run, jobs = run_of(
        tmp_path,
        """
jobs:
  a: {runs-on: x}
  b: {runs-on: x, needs: a, if: always()}
  c: {runs-on: x, needs: a, if: cancelled()}
""",
        "outcomes:\n  W: {a: cancelled}\n",
    )
    assert jobs["b"].conclusion == "success"
    assert jobs["c"].conclusion == "skipped"  # a needed job was cancelled, not the run


def test_needs_result_and_outputs(tmp_path):  # §8.2
    run, jobs = run_of(
        tmp_path,
        """
jobs:
  build: {runs-on: x, outputs: {image: x}}
  deploy:
    runs-on: x
    needs: build
    if: needs.build.result == 'success' && needs.build.outputs.image == 'api:2'
  other:
    runs-on: x
    needs: build
    if: needs.build.outputs.image == 'api:1'
""",
        "outputs:\n  W: {build: {image: 'api:2'}}\n",
    )
    assert jobs["deploy"].conclusion == "success"
    assert jobs["other"].conclusion == "skipped"
    assert "needs.build.outputs.image = 'api:2'" in jobs["other"].reason


def test_continue_on_error_masks_the_failure(tmp_path):  # §8.7, fact 12
    run, jobs = run_of(
        tmp_path,
        """
jobs:
  flaky: {runs-on: x, continue-on-error: true}
  next:
    runs-on: x
    needs: flaky
    if: needs.flaky.result == 'success'
""",
        "outcomes:\n  W: {flaky: failure}\n",
    )
    assert jobs["flaky"].conclusion == "failure" and jobs["flaky"].result == "success"
    assert jobs["next"].conclusion == "success"
    assert run.conclusion == "success"  # §9.1: the run does not fail


def test_timeout_cancels_at_the_limit_and_failure_does_not_fire(tmp_path):  # §8.8, fact 12
    run, jobs = run_of(
        tmp_path,
        """
jobs:
  slow: {runs-on: x, timeout-minutes: 10}
  on-failure: {runs-on: x, needs: slow, if: failure()}
  default: {runs-on: x, needs: slow}
  always: {runs-on: x, needs: slow, if: always()}
""",
        "durations:\n  W: {slow: 15m}\n",
    )
    assert jobs["slow"].conclusion == "cancelled"
    assert jobs["slow"].completed_at == 600  # cancelled at the limit, not at 15 minutes
    assert "timed out after 10m" in jobs["slow"].reason
    # §8.4: a cancelled ancestor makes both success() and failure() false
    assert jobs["on-failure"].conclusion == "skipped"
    assert jobs["default"].conclusion == "skipped"
    assert jobs["always"].conclusion == "success"
    assert run.conclusion == "cancelled"  # §9.3 step 3


def test_default_timeout_is_360_minutes(tmp_path):  # §8.8
    run, jobs = run_of(tmp_path, "jobs:\n  a: {runs-on: x}\n", "durations:\n  W: 7h\n")
    assert jobs["a"].conclusion == "cancelled" and jobs["a"].completed_at == 360 * 60


def test_timeout_as_an_expression(tmp_path):  # §11.7
    run, jobs = run_of(
        tmp_path,
        """
jobs:
  a: {runs-on: x, timeout-minutes: "${{ vars.LIMIT }}"}
""",
        "vars: {LIMIT: 2}\ndurations:\n  W: 3m\n",
    )
    assert jobs["a"].completed_at == 120


def test_failure_outranks_cancelled_unless_set_otherwise(tmp_path):  # §9.3 [U]
    workflow = "jobs:\n  a: {runs-on: x}\n  b: {runs-on: x}\n"
    outcomes = "outcomes:\n  W: {a: failure, b: cancelled}\n"
    run, _ = run_of(tmp_path, workflow, outcomes)
    assert run.conclusion == "failure"
    run, _ = run_of(
        tmp_path, workflow, outcomes + "settings: {conclusion_failure_over_cancelled: false}\n"
    )
    assert run.conclusion == "cancelled"


def test_success_and_skipped_jobs_make_a_successful_run(tmp_path):  # §9.2, §8.13
    run, _ = run_of(tmp_path, 'jobs:\n  a: {runs-on: x}\n  b: {runs-on: x, if: "false"}\n')
    assert run.conclusion == "success"


def test_job_if_reads_vars_and_github(tmp_path):  # §11.7
    run, jobs = run_of(
        tmp_path,
        """
jobs:
  a: {runs-on: x, if: "vars.DEPLOY == 'yes' && github.ref == 'refs/heads/main'"}
""",
        "vars: {DEPLOY: 'yes'}\n",
    )
    assert jobs["a"].conclusion == "success"


def test_hosted_runner_limit_caps_a_larger_timeout(tmp_path):  # §12.2, §8.8
    workflow = """
jobs:
  hosted: {runs-on: ubuntu-latest, timeout-minutes: 600}
  own: {runs-on: [self-hosted, linux], timeout-minutes: 600}
"""
    run, jobs = run_of(tmp_path, workflow, "durations:\n  W: 8h\n")
    assert jobs["hosted"].conclusion == "cancelled" and jobs["hosted"].completed_at == 6 * 3600
    assert jobs["own"].conclusion == "success" and jobs["own"].completed_at == 8 * 3600
