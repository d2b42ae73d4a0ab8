"""`${{ }}` templates and `if:` conditions (fact sheet §8.3)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from msgspec import Struct

from simulator.expressions.evaluator import StatusFunctions, evaluate
from simulator.expressions.lexer import ExpressionError
from simulator.expressions.parser import Node, parse, uses_status_function
from simulator.expressions.values import to_string


class Part(Struct, frozen=True):
    """A piece of a value: literal text, or the inside of one `${{ }}`."""

    text: str
    offset: int  # offset of `text` inside the whole value
    is_expression: bool


def split_template(value: str) -> list[Part]:
    """Literal text and `${{ ... }}` expressions, in order. `}}` inside strings is skipped."""
    parts: list[Part] = []
    i, n = 0, len(value)
    while i < n:
        start = value.find("${{", i)
        if start == -1:
            parts.append(Part(value[i:], i, False))
            break
        if start > i:
            parts.append(Part(value[i:start], i, False))
        j = start + 3
        in_string = False
        while j < n:
            if value[j] == "'":
                in_string = not in_string  # '' inside a string toggles twice: still inside
            elif not in_string and value.startswith("}}", j):
                break
            j += 1
        if j >= n:
            raise ExpressionError("'${{' is never closed by '}}'", start)
        parts.append(Part(value[start + 3 : j], start + 3, True))
        i = j + 2
    return parts


def _single_expression(value: str) -> Part | None:
    """The expression when `value` is exactly one `${{ }}` (surrounding blanks allowed)."""
    stripped = value.strip()
    if not (stripped.startswith("${{") and stripped.endswith("}}")):
        return None
    parts = [p for p in split_template(value) if p.is_expression or p.text.strip()]
    return parts[0] if len(parts) == 1 and parts[0].is_expression else None


def evaluate_template(value: str, contexts: dict[str, Any]) -> Any:
    """A value with `${{ }}`: one expression gives its value, a mix gives a string."""
    single = _single_expression(value)
    if single is not None:
        return evaluate(_parse_at(single), contexts)
    out = []
    for part in split_template(value):
        if part.is_expression:
            out.append(to_string(evaluate(_parse_at(part), contexts)))
        else:
            out.append(part.text)
    return "".join(out)


def _parse_at(part: Part, contexts: tuple[str, ...] | None = None) -> Node:
    try:
        return parse(part.text, contexts)
    except ExpressionError as exc:
        raise ExpressionError(exc.message, part.offset + exc.offset) from None


class Condition(Struct, frozen=True):
    """A parsed `if:`. `literal_text` is set when text outside `${{ }}` makes it a string."""

    source: str
    node: Node | None
    implicit_success: bool
    literal_text: bool = False

    def evaluate(self, contexts: dict[str, Any], status: StatusFunctions) -> Any:
        if self.literal_text:
            return to_string(evaluate_template(self.source, contexts))
        assert self.node is not None
        if self.implicit_success and not status.success():
            return False
        return evaluate(self.node, contexts, status)


@lru_cache(maxsize=8192)
def parse_condition(source: str, contexts: tuple[str, ...] | None = None) -> Condition:
    """Parse an `if:` value. `${{ }}` is optional; without a status function the condition is
    `success() && (...)`; text outside `${{ }}` makes a non-empty string, always true."""
    if isinstance(source, bool):
        source = "true" if source else "false"
    if "${{" in source:
        single = _single_expression(source)
        if single is None:
            for part in split_template(source):
                if part.is_expression:
                    _parse_at(part, contexts)
            return Condition(source, None, False, literal_text=True)
        node = _parse_at(single, contexts)
    else:
        node = parse(source, contexts)
    return Condition(source, node, not uses_status_function(node))
