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
    """Every time in [start, end) the entry fires, in UTC. With a `timezone` that observes
    daylight saving time, a wall-clock time skipped by the spring-forward jump advances to
    the next valid time (2:30 -> 3:00), once, as GitHub's docs say (github/docs #60290); an
    hour repeated in autumn fires once, the first time."""
    from croniter import croniter

    tz = zone(timezone)
    if tz is UTC:
        it = croniter(cron, start - _EPSILON)
        while (when := it.get_next(datetime).astimezone(UTC)) < end:
            if when >= start:
                yield when
        return
    local_start = start.astimezone(tz).replace(tzinfo=None)
    it = croniter(cron, local_start - _EPSILON)
    last: datetime | None = None
    while True:
        when = _instant(it.get_next(datetime), tz)
        if when >= end:
            return
        if when >= start and when != last:
            last = when
            yield when


def _instant(wall: datetime, tz: tzinfo) -> datetime:
    """The UTC instant of a local wall-clock time; a time inside a spring-forward gap moves
    to the end of the gap (the next valid time)."""
    first = wall.replace(tzinfo=tz, fold=0).astimezone(UTC)
    if first.astimezone(tz).replace(tzinfo=None) == wall:
        return first  # exists (an ambiguous time: its first occurrence)
    probe = wall.replace(tzinfo=tz, fold=1).astimezone(UTC)
    while probe.astimezone(tz).replace(tzinfo=None) < wall:
        probe += timedelta(minutes=1)
    return probe.replace(second=0, microsecond=0)
