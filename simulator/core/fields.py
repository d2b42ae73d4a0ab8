"""Typed values of one YAML mapping, each wrong value one positioned error.

Scenario sections, events, configuration files and command-line flags (turned into a
mapping whose positions name the flag) are all read through `Fields`: unknown keys get a
did-you-mean, `null` where a value is required, NaN, infinities, out-of-range numbers and
wrong types are refused with `file:line:col: message`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, NoReturn

from simulator.core.diagnostics import GhasimError, Pos, did_you_mean
from simulator.core.limits import MAX_DURATION, MAX_OFFSET, MAX_TEXT
from simulator.core.timeparse import TimeFormatError, parse_at, parse_duration, parse_instant
from simulator.core.yaml_loader import YList, YMap


def empty_map(pos: Pos) -> YMap:
    out = YMap()
    out.pos, out.key_pos, out.spans = pos, {}, {}
    return out


def flag_map(values: Mapping[str, Any], flags: Mapping[str, str]) -> YMap:
    """Command-line options as a mapping: each value's position is the flag that gave it, so
    an error reads `--branch: ...`. Options left unset (None) are absent."""
    out = empty_map(Pos("command line"))
    for key, value in values.items():
        if value is None:
            continue
        out[key] = value
        out.key_pos[key] = Pos(flags.get(key, f"--{key.replace('_', '-')}"))
    return out


def unknown_keys(mapping: YMap, allowed: Iterable[str], where: str) -> Iterable[tuple[Pos, str]]:
    """(position, message) for each key of `mapping` not in `allowed`: the one check of
    unknown keys, for workflow files, scenarios, configurations and expectations."""
    names = tuple(allowed)
    for key in mapping:
        if key not in names:
            hint = did_you_mean(str(key), names)
            yield mapping.key_pos[key], f"unknown key '{key}' in {where}{hint}"


class Fields:
    def __init__(self, mapping: YMap, where: str, error: type[GhasimError] = GhasimError):
        self.map = mapping
        self.where = where
        self.error = error

    # ------------------------------------------------------------------ basics

    def fail(self, key: str | None, message: str) -> NoReturn:
        pos = self.pos(key) if key is not None else self.map.pos
        raise self.error(message, pos)

    def pos(self, key: str) -> Pos:
        return self.map.value_pos(key) if key in self.map else self.map.pos

    def check_keys(self, allowed: Iterable[str]) -> None:
        for pos, message in unknown_keys(self.map, allowed, self.where):
            raise self.error(message, pos)

    def has(self, key: str) -> bool:
        return key in self.map

    def raw(self, key: str, default: Any = None) -> Any:
        return self.map.get(key, default)

    def sub(self, key: str, where: str | None = None) -> Fields:
        """The mapping under `key` (empty when absent)."""
        value = self.map.get(key)
        if value is None and key not in self.map:
            return Fields(empty_map(self.map.pos), where or f"'{key}'", self.error)
        if not isinstance(value, YMap):
            self.fail(key, f"'{key}' must be a mapping")
        return Fields(value, where or f"'{key}'", self.error)

    # ------------------------------------------------------------------ scalars

    def string(self, key: str, default: str | None = None) -> str | None:
        """A text value. Numbers read as their text; null, lists and mappings are errors."""
        if key not in self.map:
            return default
        value = self.map[key]
        if value is None:
            self.fail(key, f"'{key}' must be a string, not null")
        if isinstance(value, (dict, list)):
            self.fail(key, f"'{key}' must be a string")
        if isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, float) and not math.isfinite(value):
            self.fail(key, f"'{key}' must be a string, not {value}")
        else:
            text = str(value)
        if len(text) > MAX_TEXT:
            self.fail(key, f"'{key}' is {len(text):,} characters; at most {MAX_TEXT:,}")
        return text

    def text(self, key: str, default: str) -> str:
        value = self.string(key, default)
        assert value is not None
        return value

    def required_string(self, key: str, hint: str) -> str:
        if key not in self.map:
            self.fail(None, f"{self.where} needs '{key}' ({hint})")
        value = self.string(key)
        assert value is not None
        if not value:
            self.fail(key, f"'{key}' is empty")
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        """One string or a list of strings."""
        if key not in self.map:
            return ()
        value = self.map[key]
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(key, f"'{key}' must be a list of strings")
        return tuple(value)

    def boolean(self, key: str, default: bool) -> bool:
        if key not in self.map:
            return default
        value = self.map[key]
        if not isinstance(value, bool):
            self.fail(key, f"'{key}' must be true or false")
        return value

    def integer(self, key: str, default: int, minimum: int, maximum: int) -> int:
        if key not in self.map:
            return default
        value = self.map[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, f"'{key}' must be an integer between {minimum:,} and {maximum:,}")
        if not minimum <= value <= maximum:
            shown = f"{value:,}" if len(str(value)) <= 30 else f"a {len(str(value))}-digit number"
            self.fail(key, f"'{key}' is {shown}; it must be between {minimum:,} and {maximum:,}")
        return value

    def number(self, key: str, default: float, minimum: float, maximum: float) -> float:
        if key not in self.map:
            return default
        value = self.map[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(key, f"'{key}' must be a number")
        if isinstance(value, float) and not math.isfinite(value):
            self.fail(key, f"'{key}' must be a finite number, not {value}")
        if not minimum <= value <= maximum:
            self.fail(key, f"'{key}' must be between {minimum:g} and {maximum:g}")
        return float(value)

    def choice(self, key: str, default: str, options: Iterable[str]) -> str:
        allowed = tuple(options)
        value = self.text(key, default)
        if value not in allowed:
            self.fail(key, f"'{key}' is '{value}'{did_you_mean(value, allowed)}; use "
                      f"{', '.join(allowed)}")  # fmt: skip
        return value

    # ------------------------------------------------------------------ time

    def duration(self, key: str, maximum: float = MAX_DURATION) -> float:
        try:
            return parse_duration(self.map[key], maximum)
        except TimeFormatError as exc:
            self.fail(key, f"bad duration for '{key}': {exc}")

    def instant(self, key: str) -> datetime:
        try:
            return parse_instant(self.map[key])
        except TimeFormatError as exc:
            self.fail(key, str(exc))

    def at(self, key: str, start: datetime, maximum: float = MAX_OFFSET) -> float:
        try:
            return parse_at(self.map[key], start, maximum)
        except TimeFormatError as exc:
            self.fail(key, str(exc))

    # ------------------------------------------------------------------ collections

    def mapping(self, key: str) -> YMap:
        return self.sub(key).map

    def items(self, key: str) -> YList:
        value = self.map.get(key)
        if value is None:
            out = YList()
            out.pos, out.spans = self.pos(key), []
            return out
        if not isinstance(value, YList):
            self.fail(key, f"'{key}' must be a list")
        return value
