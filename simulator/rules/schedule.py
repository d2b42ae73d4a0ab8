"""`schedule`: POSIX cron in UTC (or the entry's `timezone:`), default branch only (§6.5)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from simulator.rules.decision import Decision
from simulator.workflow.model import CronEntry, Workflow

_EPSILON = timedelta(seconds=1)


def cron_problem(expression: str) -> str | None:
    """Why a cron string is invalid for GitHub, or None. Five fields, no @macros."""
    text = expression.strip()
    if text.startswith("@"):
        return "macros like @daily are not supported: write five fields"
    if len(text.split()) != 5:
        return f"expected 5 fields (minute hour day month weekday), found {len(text.split())}"
    from croniter import croniter  # here, not at import: most runs need no cron at all

    if not croniter.is_valid(text):
        return "not a valid POSIX cron expression"
    return None


def _zone(entry: CronEntry):
    if not entry.timezone:
        return UTC
    try:
        return ZoneInfo(entry.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def fire_times(entry: CronEntry, start: datetime, end: datetime) -> Iterator[datetime]:
    """Every time in [start, end) the entry fires, in UTC."""
    from croniter import croniter

    zone = _zone(entry)
    it = croniter(entry.cron, start.astimezone(zone) - _EPSILON)
    while True:
        when = it.get_next(datetime).astimezone(UTC)
        if when >= end:
            return
        if when >= start:
            yield when


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
