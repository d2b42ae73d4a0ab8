"""Durations ("25s", "1m10s", "2h", 90) and points in time (an offset, "HH:MM:SS", ISO 8601)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

_DURATION = re.compile(
    r"^\s*(?:(?P<d>\d+(?:\.\d+)?)d)?\s*(?:(?P<h>\d+(?:\.\d+)?)h)?\s*"
    r"(?:(?P<m>\d+(?:\.\d+)?)m(?!s))?\s*(?:(?P<s>\d+(?:\.\d+)?)s)?\s*(?:(?P<ms>\d+)ms)?\s*$"
)
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")


class TimeFormatError(ValueError):
    pass


def parse_duration(value: object) -> float:
    """Seconds from "1m30s", "2h", "90s", "1.5m", "250ms", or a bare number of seconds."""
    if isinstance(value, bool):
        raise TimeFormatError(f"'{value}' is not a duration")
    if isinstance(value, (int, float)):
        if value < 0:
            raise TimeFormatError(f"a duration cannot be negative ({value})")
        return float(value)
    text = str(value).strip()
    match = _DURATION.match(text)
    if not text or not match or not any(match.groupdict().values()):
        raise TimeFormatError(
            f"'{value}' is not a duration: write e.g. 90s, 1m30s, 2h, 1h15m or a number of seconds"
        )
    parts = {k: float(v) for k, v in match.groupdict().items() if v}
    return (
        parts.get("d", 0) * 86400
        + parts.get("h", 0) * 3600
        + parts.get("m", 0) * 60
        + parts.get("s", 0)
        + parts.get("ms", 0) / 1000
    )


def format_duration(seconds: float) -> str:
    """1m57s, 2h03m, 45s: the compact form used in reports."""
    total = int(round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m" + (f"{secs:02d}s" if secs else "")
    if minutes:
        return f"{minutes}m{secs:02d}s" if secs else f"{minutes}m"
    return f"{secs}s"


def parse_instant(value: object) -> datetime:
    """An absolute UTC time from ISO 8601 (a YAML timestamp too). Naive times are UTC."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    text = str(value).strip()
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise TimeFormatError(
            f"'{value}' is not a time: write ISO 8601 like 2026-01-13T04:14:21Z"
        ) from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def parse_at(value: object, start: datetime) -> float:
    """Seconds after `start` for an `at:`/`until:` value: an offset ("90s", "1m57s"), a clock
    time "HH:MM:SS" on the start's day (or the next day when earlier), or an ISO time."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return parse_duration(value)
    if isinstance(value, datetime):
        return _after(parse_instant(value), start, value)
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
        return _after(parse_instant(text), start, value)
    try:
        return parse_duration(text)
    except TimeFormatError:
        raise TimeFormatError(
            f"'{value}' is not a time: write an offset (90s, 1m57s), a clock time "
            "(04:16:18) or an ISO time (2026-01-13T04:16:18Z)"
        ) from None


def _after(when: datetime, start: datetime, raw: object) -> float:
    seconds = (when - start).total_seconds()
    if seconds < 0:
        raise TimeFormatError(f"'{raw}' is before the scenario's start ({iso(start)})")
    return seconds


def iso(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def clock(start: datetime, seconds: float) -> str:
    return (start + timedelta(seconds=seconds)).astimezone(UTC).strftime("%H:%M:%S")


def day_clock(start: datetime, seconds: float) -> str:
    return (start + timedelta(seconds=seconds)).astimezone(UTC).strftime("%m-%d %H:%M:%S")
