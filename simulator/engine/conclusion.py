"""A run's conclusion from its jobs (fact sheet §9.3), and the reason shown for it."""

from __future__ import annotations

from simulator.core.reasons import Reason
from simulator.engine.records import JobRecord
from simulator.settings import DEFAULT, Settings


def run_conclusion(
    jobs: list[JobRecord], run_cancelled: bool, settings: Settings = DEFAULT
) -> tuple[str, Reason | None]:
    """(conclusion, reason). Precedence: cancelled run; unmasked job failure; cancelled job
    (failure and cancelled swap with `conclusion_failure_over_cancelled: false`); all skipped;
    success. A continue-on-error failure does not fail the run (§8.7, §9.1)."""
    if run_cancelled:
        return "cancelled", None
    failed: list[JobRecord] = []
    cancelled: list[JobRecord] = []
    skipped = 0
    for job in jobs:  # one pass: this runs for every run of every iteration
        if job.conclusion == "failure" and not job.continue_on_error:
            failed.append(job)
        elif job.conclusion == "cancelled":
            cancelled.append(job)
        elif job.conclusion == "skipped":
            skipped += 1
    order = [("failure", failed), ("cancelled", cancelled)]
    if not settings.conclusion_failure_over_cancelled:
        order.reverse()
    for conclusion, hit in order:
        if hit:
            names = ", ".join(j.key for j in hit[:3]) + (", ..." if len(hit) > 3 else "")
            kind = "run.failed" if conclusion == "failure" else "run.cancelled_jobs"
            return conclusion, Reason(kind, "§9.3", jobs=names)
    if jobs and skipped == len(jobs):  # §9.2, §13
        return "skipped", Reason("run.all_skipped", "§9.2")
    if not jobs:
        return "skipped", Reason("run.no_jobs", "§9.2")
    return "success", None


def aggregate_result(results: list[str], settings: Settings = DEFAULT) -> str:
    """`needs.<id>.result` of a matrix job or a reusable call from its parts (§8.12)."""
    if len(results) == 1:  # a plain job: its one result, read as the rule below reads it
        only = results[0]
        return only if only == "skipped" or only in settings.matrix_result_precedence else "success"
    if not results:
        return "skipped"
    if all(r == "skipped" for r in results):
        return "skipped"
    for candidate in settings.matrix_result_precedence:
        if candidate in results:
            return candidate
    return "success"
