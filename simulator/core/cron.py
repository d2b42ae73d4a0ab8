"""POSIX cron as GitHub reads it (fact sheet §6.5): five fields, no @macros, UTC unless the
entry names an IANA `timezone:`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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


def zone(name: str | None) -> tzinfo:
    if not name:
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def fire_times(
    cron: str, timezone: str | None, start: datetime, end: datetime
) -> Iterator[datetime]:
    """Every time in [start, end) the entry fires, in UTC."""
    from croniter import croniter

    it = croniter(cron, start.astimezone(zone(timezone)) - _EPSILON)
    while True:
        when = it.get_next(datetime).astimezone(UTC)
        if when >= end:
            return
        if when >= start:
            yield when
