"""GitHub's filter patterns for branches, tags and paths (fact sheet §3).

Pure functions: compile a pattern to an anchored regex, evaluate an ordered list where the
last matching pattern wins and `!` (first character only) excludes again.

Syntax (§3.1): `*` anything but `/`; `**` anything; `**/` zero or more folders; `?` and `+`
quantify the PRECEDING character; `[...]` one alphanumeric character or a-z/A-Z/0-9 range;
`\\` escapes; every other character is literal, `.` included.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from msgspec import Struct


class PatternError(ValueError):
    """An invalid pattern; `column` is the 1-based column inside the pattern text."""

    def __init__(self, message: str, column: int):
        super().__init__(message)
        self.message = message
        self.column = column


class Pattern(Struct, frozen=True, dict=True):
    """One filter pattern: its source, whether it excludes (`!`), and its regex, compiled from
    the source by our own translator (never stored: a parse-cache entry holds the source)."""

    source: str  # as written, `!` included
    negative: bool
    ignore_case: bool = False

    def __post_init__(self) -> None:
        body = self.source[1:] if self.negative else self.source
        flags = re.DOTALL | (re.IGNORECASE if self.ignore_case else 0)
        self.__dict__["regex"] = re.compile(to_regex(body, 1 if self.negative else 0), flags)

    @property
    def regex(self) -> re.Pattern[str]:
        regex: re.Pattern[str] = self.__dict__["regex"]
        return regex

    def matches(self, name: str) -> bool:
        return self.__dict__["regex"].fullmatch(name) is not None

    @property
    def body(self) -> str:
        return self.source[1:] if self.negative else self.source

    def case_insensitive(self) -> Pattern:
        return Pattern(self.source, self.negative, ignore_case=True)


def _is_range_end(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _same_class(a: str, b: str) -> bool:
    return (
        (a.islower() and b.islower())
        or (a.isupper() and b.isupper())
        or (a.isdigit() and b.isdigit())
    )


def to_regex(body: str, offset: int = 0) -> str:
    """Translate a pattern body (without its leading `!`) to a regex (§3.4).

    `offset` is added to error columns (1 when a `!` was stripped).
    """
    out: list[str] = []
    # What the last emitted atom was: "char" (a quantifier applies to it), "wild" (a `*`
    # or `**`: a following quantifier adds nothing), "quant", or None at the start.
    last: str | None = None
    i, n = 0, len(body)
    while i < n:
        ch = body[i]
        col = offset + i + 1
        if ch == "*":
            if body.startswith("**/", i):
                out.append("(?:.+/)?")
                i += 3
            elif body.startswith("**", i):
                out.append(".*")
                i += 2
            else:
                out.append("[^/]*")
                i += 1
            last = "wild"
            continue
        if ch in "?+":
            if last == "char":
                out.append(ch)
                last = "quant"
            elif last is None:
                out.append(re.escape(ch))  # first character: literal (§3.4)
                last = "char"
            # after a wildcard or another quantifier it changes nothing: `x*+` == `x*`
            i += 1
            continue
        if ch == "[":
            close = body.find("]", i + 1)
            if close == -1:
                raise PatternError("missing closing ']' after '['", col)
            inner = body[i + 1 : close]
            if not inner:
                raise PatternError("empty brackets '[]' match nothing", col)
            out.append("[" + _char_class(inner, col + 1) + "]")
            i = close + 1
            last = "char"
            continue
        if ch == "\\":
            if i + 1 >= n:
                raise PatternError("a trailing '\\' escapes nothing", col)
            out.append(re.escape(body[i + 1]))
            i += 2
            last = "char"
            continue
        out.append(re.escape(ch))
        i += 1
        last = "char"
    return "".join(out)


def _char_class(inner: str, first_col: int) -> str:
    parts: list[str] = []
    j = 0
    while j < len(inner):
        ch = inner[j]
        if j + 2 < len(inner) and inner[j + 1] == "-":
            end = inner[j + 2]
            if not (_is_range_end(ch) and _is_range_end(end) and _same_class(ch, end)):
                raise PatternError(
                    f"invalid range '{ch}-{end}': ranges are a-z, A-Z or 0-9", first_col + j
                )
            if ch > end:
                raise PatternError(f"invalid range '{ch}-{end}': start after end", first_col + j)
            parts.append(f"{ch}-{end}")
            j += 3
            continue
        if not _is_range_end(ch):
            raise PatternError(
                f"'{ch}' in brackets: only letters, digits and a-z/A-Z/0-9 ranges are allowed",
                first_col + j,
            )
        parts.append(ch)
        j += 1
    return "".join(parts)


@lru_cache(maxsize=4096)
def compile_pattern(source: str) -> Pattern:
    """Compile one pattern; raises PatternError with the column inside `source`."""
    if source == "":
        raise PatternError("an empty pattern matches nothing", 1)
    negative = source.startswith("!")
    body = source[1:] if negative else source
    if negative and body == "":
        raise PatternError("'!' alone excludes nothing", 1)
    return Pattern(source, negative)


MEMO_SIZE = 50_000  # names remembered per list: histories touch the same paths again and again


class PatternList(Struct, frozen=True, dict=True):
    """An ordered filter list, as written under `branches:`, `paths-ignore:` ..."""

    patterns: tuple[Pattern, ...]

    @classmethod
    def of(cls, sources: Iterable[str]) -> PatternList:
        return cls(tuple(compile_pattern(s) for s in sources))

    def last_match(self, name: str) -> Pattern | None:
        """The deciding pattern for `name` (§3.5): the last one that matches, or None."""
        # Names already decided, kept beside the fields (not compared, hashed or cached).
        # Not a cached_property: its lock costs 3 µs a list on Python 3.11.
        memo = self.__dict__.get("memo")
        if memo is None:
            memo = self.__dict__["memo"] = {}
        elif name in memo:
            return memo[name]
        hit = None
        for pattern in reversed(self.patterns):
            if pattern.matches(name):
                hit = pattern
                break
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        memo[name] = hit
        return hit

    def includes(self, name: str) -> bool:
        """True when `name` ends up included: the last matching pattern is positive."""
        hit = self.last_match(name)
        return hit is not None and not hit.negative


def validate_list(sources: Sequence[str]) -> None:
    """A list of only `!` patterns can never include anything (§2.3)."""
    if sources and all(s.startswith("!") for s in sources):
        raise PatternError(
            "a list with only '!' patterns matches nothing: add a positive pattern "
            "or use the '-ignore' form",
            1,
        )


def matches(pattern: str, name: str) -> bool:
    """Does a single pattern (no `!`) match `name`? Convenience for tests and checks."""
    return compile_pattern(pattern).matches(name)


def example_path(pattern: str) -> str | None:
    """A concrete path the pattern matches (`src/**/*.py` -> `src/probe.py`), or None."""
    if pattern.startswith("!"):
        return None
    text = pattern.replace("**/", "").replace("**", "probe").replace("*", "probe")
    text = re.sub(r"\[([A-Za-z0-9])[^\]]*\]", r"\1", text)
    text = re.sub(r"\\(.)", r"\1", text)
    text = re.sub(r"(?<!\\)[?+]", "", text)
    try:
        return text if text and compile_pattern(pattern).matches(text) else None
    except PatternError:
        return None
