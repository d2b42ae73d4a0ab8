"""Jobs inside a run: a true needs DAG, snapshots, first job rules (fact sheet §8, §9)."""

from conftest import simulate_text

DAG = """
name: W
on: push
jobs:
  a: {runs-on: x}
  b: {runs-on: x}
  c: {runs-on: x, needs: a}
  d: {runs-on: x, needs: [b, c]}
"""


def jobs_of(result, name="W"):
    [run] = result.runs_of(name)
    return run, {j.key: j for j in run.jobs}


def test_a_job_starts_when_its_own_needs_are_done(tmp_path):  # §8.1: a DAG, not levels
    scenario = "durations:\n  W: {a: 10s, b: 60s, c: 10s, d: 5s}\nevents:\n  - push: {files: [x]}\n"
    run, jobs = jobs_of(simulate_text(tmp_path, {"w.yml": DAG}, scenario))
    assert jobs["c"].started_at == 10  # not 60, when the "level" of a and b would end
    assert jobs["d"].started_at == 60
    assert run.completed_at == 65


def test_until_shows_live_statuses(tmp_path):
    scenario = (
        "start: 2026-01-01T00:00:00Z\nuntil: '00:00:30'\n"
        "durations:\n  W: {a: 10s, b: 60s, c: 30s, d: 5s}\nevents:\n  - push: {files: [x]}\n"
    )
    run, jobs = jobs_of(simulate_text(tmp_path, {"w.yml": DAG}, scenario))
    assert run.status == "in_progress" and run.conclusion is None and run.completed_at is None
    assert jobs["a"].status == "completed" and jobs["a"].conclusion == "success"
    assert jobs["b"].status == jobs["c"].status == "in_progress"
    assert jobs["d"].status == "waiting" and jobs["d"].conclusion is None


def test_until_includes_what_happens_exactly_then(tmp_path):
    scenario = "until: 60s\nevents:\n  - push: {files: [x]}\n"
    w = "name: W\non: push\njobs: {a: {runs-on: x}}\n"
    run, _ = jobs_of(simulate_text(tmp_path, {"w.yml": w}, scenario))
    assert run.status == "completed" and run.completed_at == 60


def test_failure_skips_dependents_and_fails_the_run(tmp_path):  # §8.2, §9.1
    scenario = "outcomes:\n  W: {a: failure}\nevents:\n  - push: {files: [x]}\n"
    run, jobs = jobs_of(simulate_text(tmp_path, {"w.yml": DAG}, scenario))
    assert jobs["c"].conclusion == "skipped" and jobs["c"].reason == "skipped: needs.a failed"
    assert jobs["d"].conclusion == "skipped"
    assert jobs["b"].conclusion == "success"
    assert run.conclusion == "failure"


def test_all_jobs_skipped_concludes_skipped(tmp_path):  # §9.2, fact 13
    w = "name: W\non: push\njobs:\n  a: {runs-on: x, if: \"github.ref == 'refs/heads/nope'\"}\n"
    run, jobs = jobs_of(simulate_text(tmp_path, {"w.yml": w}, "events:\n  - push: {files: [x]}\n"))
    assert run.conclusion == "skipped"
    assert jobs["a"].reason.startswith("skipped: if evaluated false")


def test_default_duration_is_one_minute_and_configurable(tmp_path):
    w = "name: W\non: push\njobs: {a: {runs-on: x}}\n"
    run, _ = jobs_of(simulate_text(tmp_path, {"w.yml": w}, "events:\n  - push: {files: [x]}\n"))
    assert run.completed_at == 60
    run, _ = jobs_of(simulate_text(tmp_path, {"w.yml": w},
                                   "defaults: {duration: 2m30s}\nevents:\n  - push: {files: [x]}\n"))  # fmt: skip
    assert run.completed_at == 150


def test_timeline_shows_dates_when_runs_cross_midnight(tmp_path):
    from simulator.report.timeline import render_timeline

    w = "name: W\non: push\njobs: {a: {runs-on: x}}\n"
    result = simulate_text(tmp_path, {"w.yml": w},
                           "start: 2026-01-13T23:59:30Z\nevents:\n  - push: {files: [x]}\n")  # fmt: skip
    text = render_timeline(result, jobs=True)
    assert "│ 01-13 23:59:30  W" in text
    assert "01-13 23:59:30 → 01-14 00:00:30" in text


def test_timeline_shows_dates_for_a_run_a_year_later_on_the_same_day(tmp_path):
    """Whole dates are compared, not MM-DD: 2026-01-13 and 2027-01-13 are two days."""
    from simulator.report.timeline import render_timeline

    w = "name: W\non: push\njobs: {a: {runs-on: x}}\n"
    scenario = ("start: 2026-01-13T10:00:00Z\nevents:\n  - push: {files: [x]}\n"
                "  - at: 365d\n    push: {files: [x]}\n")  # fmt: skip
    text = render_timeline(simulate_text(tmp_path, {"w.yml": w}, scenario))
    assert text.count("01-13 10:00:00  W") == 2
    same_day = simulate_text(tmp_path, {"w.yml": w}, "start: 2026-01-13T10:00:00Z\nevents:\n"
                             "  - push: {files: [x]}\n  - at: 1h\n    push: {files: [x]}\n")  # fmt: skip
    assert "│ 10:00:00  W" in render_timeline(same_day)


def test_a_timeout_written_as_an_expression_is_read_in_the_job_contexts(tmp_path):  # §8.8
    workflow = ("name: W\non: push\njobs:\n  a: {runs-on: x, timeout-minutes: '${{ vars.limit }}'}\n"
                "  b: {runs-on: x, timeout-minutes: 5}\n")  # fmt: skip
    scenario = "vars: {limit: 2}\ndurations: {W: {a: 3m, b: 3m}}\nevents:\n  - push: {files: [x]}\n"
    run, jobs = jobs_of(simulate_text(tmp_path, {"w.yml": workflow}, scenario))
    assert (jobs["a"].conclusion, jobs["a"].completed_at) == ("cancelled", 120)
    assert (jobs["b"].conclusion, jobs["b"].completed_at) == ("success", 180)
