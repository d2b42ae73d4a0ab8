"""[required-check-filtered] a required check whose workflow is path- or branch-filtered
stays "Pending" when the filter skips it, blocking the pull request (§2.11)."""

from __future__ import annotations

from simulator.check.context import CheckContext
from simulator.core.diagnostics import Diagnostic

ID = "required-check-filtered"
TITLE = "A required check whose workflow a filter can skip stays Pending"
FACT = "§2.11"
SEVERITY = "warning"


def check(ctx: CheckContext):
    required = set(ctx.required_checks)
    if not required:
        return
    for wf in ctx.workflows.workflows:
        names = {wf.name, *(j.display_name for j in wf.jobs.values()), *wf.jobs}
        hit = sorted(required & names)
        if not hit:
            continue
        for event in ("pull_request", "pull_request_target"):
            trigger = wf.trigger(event)
            if trigger is None:
                continue
            flt = trigger.filter("paths") or trigger.filter("paths-ignore")
            if flt is not None:
                yield Diagnostic(
                    flt.pos,
                    f"'{hit[0]}' is a required check, but {flt.key} can skip this workflow: the "
                    "check then stays Pending and blocks the pull request (use a job-level "
                    "condition instead)",
                    "warning",
                    ID,
                )
