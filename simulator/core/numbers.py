"""Numbers as GitHub reads them: every number in a workflow, a payload or `fromJSON()` is a
double there, so an integer past a double's range is infinite, never an int no float holds
(which Python would refuse to turn into a float, or into text beyond 4,300 digits)."""

from __future__ import annotations

MAX_FLOAT_INT = int(1.7976931348623157e308)  # the largest double, as an int
_FLOAT_DIGITS = 308  # a decimal integer with more digits may be past a double's range


def bounded(value: int) -> int | float:
    """`value`, or ±inf when no double holds it."""
    if -MAX_FLOAT_INT <= value <= MAX_FLOAT_INT:
        return value
    return float("inf") if value > 0 else float("-inf")


def decimal_integer(text: str) -> int | float:
    """A decimal integer's text as a number (ValueError when it is none), read whatever its
    length: a long one through float(), which has no digit limit."""
    digits = text.lstrip("+-")
    if len(digits) > _FLOAT_DIGITS:
        if not digits.isdigit():
            raise ValueError(f"not an integer: {text[:20]!r}")
        return float(text)
    return bounded(int(text))
