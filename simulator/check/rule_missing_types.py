"""[workflow-run-types] workflow_run without `types`: up to three runs per upstream run (§5.1)."""

from __future__ import annotations

from simulator.check.context import CheckContext
from simulator.core.diagnostics import Diagnostic

ID = "workflow-run-types"
TITLE = "workflow_run without types runs up to three times per upstream run"
FACT = "§5.1"
SEVERITY = "warning"


def check(ctx: CheckContext):
    for _, trigger in ctx.listeners():
        if trigger.types is None:
            yield Diagnostic(
                trigger.pos,
                "workflow_run without 'types' fires on requested, in_progress and completed: up "
                "to three runs per upstream run; add 'types: [completed]' if that is meant",
                "warning",
                ID,
            )
