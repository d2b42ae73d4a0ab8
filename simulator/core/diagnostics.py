"""Positioned diagnostics: every problem ghasim reports points at `file:line:col`.

A `Diagnostic` is a value (reported, collected, sorted); `GhasimError` carries one up the
stack to the CLI, which prints it on one line and exits non-zero.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, NamedTuple

from msgspec import Struct

Severity = Literal["error", "warning"]


class Pos(NamedTuple):
    """A 1-based source position. `line == 0` means "the file as a whole". A tuple: every
    value of a workflow file carries one, so it must be cheap to make and to keep."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.col}"

    def to_json(self) -> dict[str, str | int]:
        """Every JSON document gives a position as {file, line, column} (docs/json.md)."""
        return {"file": self.file, "line": self.line, "column": self.col}

    def shifted(self, cols: int) -> Pos:
        """The position `cols` characters further on the same line (for columns inside a scalar)."""
        if self.line <= 0:
            return self
        return Pos(self.file, self.line, self.col + cols)


class Diagnostic(Struct, frozen=True):
    """One finding at a position: a workflow-file error or warning, a check or audit finding."""

    pos: Pos
    message: str
    severity: Severity = "error"
    kind: str = "syntax"
    fact: str | None = None  # the fact the finding rests on (audit findings cite theirs)
    path: tuple[str, ...] = ()  # how untrusted input reaches the place (audit)

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else "warning: "
        return f"{self.pos}: {tag}{self.message}"

    def to_json(self) -> dict:
        data = {"rule": self.kind, "severity": self.severity, "message": self.message,
                "position": self.pos.to_json()}  # fmt: skip
        if self.fact:
            data["fact"] = self.fact
        if self.path:
            data["path"] = list(self.path)
        return data


class RuleInfo(Struct, frozen=True):
    """What a diagnostic kind means: the rule a finding breaks, for SARIF and `--rules`."""

    id: str
    title: str
    fact: str | None
    help: str
    severity: Severity = "error"


class GhasimError(Exception):
    """A user-facing error: printed as one line, exit code 2 (or the command's own)."""

    def __init__(self, message: str, pos: Pos | None = None):
        super().__init__(message)
        self.message = message
        self.pos = pos

    def __str__(self) -> str:
        return f"{self.pos}: {self.message}" if self.pos else self.message


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A ` (did you mean 'x'?)` suffix, or '' when nothing is close."""
    import difflib

    pool = sorted(set(candidates))
    low = word.lower()
    # Same words in another case, then a whole-word prefix ('CI' for 'CI Pipeline': a renamed
    # workflow), then spelling distance.
    close = [c for c in pool if c.lower() == low]
    close = close or [c for c in pool if low.startswith(c.lower() + " ") or
                      c.lower().startswith(low + " ")]  # fmt: skip
    close = close or difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
