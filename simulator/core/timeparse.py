"""Durations ("25s", "1m10s", "2h", 90) and points in time (an offset, "HH:MM:SS", ISO 8601)."""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, timedelta

from simulator.core.limits import EARLIEST_START, LATEST_START, MAX_DURATION, MAX_OFFSET

_DURATION = re.compile(
    r"^\s*(?:(?P<d>\d+(?:\.\d+)?)d)?\s*(?:(?P<h>\d+(?:\.\d+)?)h)?\s*"
    r"(?:(?P<m>\d+(?:\.\d+)?)m(?!s))?\s*(?:(?P<s>\d+(?:\.\d+)?)s)?\s*(?:(?P<ms>\d+)ms)?\s*$"
)
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")


class TimeFormatError(ValueError):
    pass


def _shown(value: object) -> str:
    text = str(value)
    return text if len(text) <= 30 else f"a {len(text)}-character value"


def _bounded(seconds: float | int, value: object, maximum: float, what: str) -> float:
    value = _shown(value)
    if isinstance(seconds, float) and not math.isfinite(seconds):
        raise TimeFormatError(f"{what} must be a finite number of seconds, not {value}")
    if seconds < 0:
        raise TimeFormatError(f"{what} cannot be negative ({value})")
    if seconds > maximum:
        raise TimeFormatError(f"{what} ({value}) is longer than {format_duration(maximum)} "
                              "(the longest ghasim simulates)")  # fmt: skip
    return float(seconds)


def parse_duration(value: object, maximum: float = MAX_DURATION, what: str = "a duration") -> float:
    """Seconds from "1m30s", "2h", "90s", "1.5m", "250ms", or a bare number of seconds; finite,
    not negative, at most `maximum` (35 days: a run's limit, §12.2)."""
    if isinstance(value, bool) or value is None:
        raise TimeFormatError(f"'{value}' is not a duration")
    if isinstance(value, (int, float)):
        return _bounded(value, value, maximum, what)
    text = str(value).strip()
    match = _DURATION.match(text)
    if not text or not match or not any(match.groupdict().values()):
        raise TimeFormatError(
            f"'{value}' is not a duration: write e.g. 90s, 1m30s, 2h, 1h15m or a number of seconds"
        )
    parts = {k: float(v) for k, v in match.groupdict().items() if v}
    seconds = (
        parts.get("d", 0) * 86400
        + parts.get("h", 0) * 3600
        + parts.get("m", 0) * 60
        + parts.get("s", 0)
        + parts.get("ms", 0) / 1000
    )
    return _bounded(seconds, f"'{value}'", maximum, what)


def format_duration(seconds: float) -> str:
    """1m57s, 2h03m, 45s, 3d: the compact form used in reports."""
    total = int(round(seconds))
    if total >= 86400 and total % 86400 == 0:
        return f"{total // 86400}d"
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m" + (f"{secs:02d}s" if secs else "")
    if minutes:
        return f"{minutes}m{secs:02d}s" if secs else f"{minutes}m"
    return f"{secs}s"


def parse_instant(value: object) -> datetime:
    """An absolute UTC time from ISO 8601 (a YAML timestamp too), between 1970 and 9000.
    Naive times are UTC."""
    if isinstance(value, datetime):
        when = value if value.tzinfo else value.replace(tzinfo=UTC)
    else:
        text = str(value).strip()
        try:
            when = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise TimeFormatError(
                f"'{value}' is not a time: write ISO 8601 like 2026-01-13T04:14:21Z"
            ) from None
        when = when if when.tzinfo else when.replace(tzinfo=UTC)
    try:
        in_range = EARLIEST_START <= when < LATEST_START
    except OverflowError:
        in_range = False
    if not in_range:
        raise TimeFormatError(f"'{value}' is outside the years ghasim simulates "
                              f"({EARLIEST_START.year}-{LATEST_START.year - 1})")  # fmt: skip
    return when


def parse_at(value: object, start: datetime, maximum: float = MAX_OFFSET) -> float:
    """Seconds after `start` for an `at:`/`until:` value: an offset ("90s", "1m57s"), a clock
    time "HH:MM:SS" on the start's day (or the next day when earlier), or an ISO time; at most
    `maximum` (a year) after the start."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return parse_duration(value, maximum, "a time offset")
    if isinstance(value, datetime):
        return _after(parse_instant(value), start, value, maximum)
    if value is None or isinstance(value, (bool, list, dict)):
        raise TimeFormatError(f"'{value}' is not a time")
    text = str(value).strip()
    clock = _CLOCK.match(text)
    if clock:
        h, m, s = int(clock.group(1)), int(clock.group(2)), int(clock.group(3) or 0)
        if h > 23 or m > 59 or s > 59:
            raise TimeFormatError(f"'{value}' is not a clock time (HH:MM:SS)")
        when = start.replace(hour=h, minute=m, second=s, microsecond=0)
        if when < start:
            when += timedelta(days=1)
        return (when - start).total_seconds()
    if "T" in text or re.match(r"^\d{4}-\d{2}-\d{2}", text):
        return _after(parse_instant(text), start, value, maximum)
    try:
        return parse_duration(text, maximum, "a time offset")
    except TimeFormatError as exc:
        if "not a duration" not in exc.args[0]:
            raise
        raise TimeFormatError(
            f"'{value}' is not a time: write an offset (90s, 1m57s), a clock time "
            "(04:16:18) or an ISO time (2026-01-13T04:16:18Z)"
        ) from None


def _after(when: datetime, start: datetime, raw: object, maximum: float) -> float:
    seconds = (when - start).total_seconds()
    if seconds < 0:
        raise TimeFormatError(f"'{raw}' is before the scenario's start ({iso(start)})")
    if seconds > maximum:
        raise TimeFormatError(f"'{raw}' is more than {format_duration(maximum)} after the "
                              f"scenario's start ({iso(start)})")  # fmt: skip
    return seconds


def iso(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_moment(start: datetime, seconds: float) -> datetime:
    """The moment `seconds` after `start`, in UTC (what every clock shows)."""
    return (start + timedelta(seconds=seconds)).astimezone(UTC)


def clock(start: datetime, seconds: float) -> str:
    return utc_moment(start, seconds).strftime("%H:%M:%S")


def utc_date(start: datetime, seconds: float) -> date:
    return utc_moment(start, seconds).date()


def day_clock(start: datetime, seconds: float) -> str:
    return utc_moment(start, seconds).strftime("%m-%d %H:%M:%S")
