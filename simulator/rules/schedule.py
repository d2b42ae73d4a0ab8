"""`schedule`: POSIX cron in UTC (or the entry's `timezone:`), default branch only (§6.5)."""

from __future__ import annotations

from simulator.rules.decision import Decision
from simulator.workflow.model import Workflow


def decide_schedule(workflow: Workflow, cron: str | None) -> Decision:
    trigger = workflow.trigger("schedule")
    if trigger is None:
        return Decision.no("no 'schedule' trigger")
    if cron is None:
        entries = ", ".join(e.cron for e in trigger.crons)
        return Decision.yes(f"schedule fires ({entries})", "§6.5")
    if any(e.cron.split() == cron.split() for e in trigger.crons):
        return Decision.yes(f"cron '{cron}' is one of its schedules", "§6.5")
    return Decision.no(f"its schedules ({', '.join(e.cron for e in trigger.crons)}) "
                       f"do not include '{cron}'", "§6.5")  # fmt: skip
