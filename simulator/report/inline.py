"""Inline text of a report: plain, bold and code spans, and line breaks.

Reports are built from spans, never from Markdown strings: each renderer escapes each span
for its own language (simulator.core.escape), so a name can never become markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from msgspec import Struct

Style = Literal["", "bold", "code", "break"]


class Span(Struct, frozen=True):
    """A run of inline text and how it is styled (plain, code, strong)."""

    text: str
    style: Style = ""


Inline = tuple[Span, ...]
BREAK: Inline = (Span("\n", "break"),)


def plain(text: str) -> Inline:
    return (Span(text),) if text else ()


def bold(text: str) -> Inline:
    return (Span(text, "bold"),)


def code(text: str) -> Inline:
    return (Span(text, "code"),)


def joined(parts: Iterable[Inline], sep: Inline | str) -> Inline:
    separator = plain(sep) if isinstance(sep, str) else sep
    out: list[Span] = []
    for i, part in enumerate(parts):
        if i:
            out.extend(separator)
        out.extend(part)
    return tuple(out)


def as_inline(value: Inline | str | int | float) -> Inline:
    return value if isinstance(value, tuple) else plain(str(value))


def text_of(inline: Inline, code_marks: bool = True) -> str:
    """Plain text: code spans keep their backticks (for a terminal drawing) unless told not
    to (Mermaid, DOT)."""
    out = []
    for span in inline:
        if span.style == "code" and code_marks:
            out.append(f"`{span.text}`")
        else:
            out.append(span.text)
    return "".join(out)
