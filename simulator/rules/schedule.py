"""`schedule`: POSIX cron in UTC (or the entry's `timezone:`), default branch only (§6.5)."""

from __future__ import annotations

from simulator.core.reasons import Reason
from simulator.rules.decision import Decision
from simulator.workflow.model import Workflow


def decide_schedule(workflow: Workflow, cron: str | None) -> Decision:
    trigger = workflow.trigger("schedule")
    if trigger is None:
        return Decision.no(Reason("trigger.missing", "§1.3", event="schedule"))
    crons = [e.cron for e in trigger.crons]
    if cron is None:
        return Decision.yes(Reason("schedule.fires", "§6.5", crons=crons))
    if any(e.cron.split() == cron.split() for e in trigger.crons):
        return Decision.yes(Reason("schedule.cron", "§6.5", cron=cron))
    return Decision.no(Reason("schedule.not_cron", "§6.5", crons=crons, cron=cron))
