"""What an attacker controls: the payload fields a fork's pull request, an outsider's issue or
comment, or an untrusted upstream run fills (fact sheet §13.2), and the `${{ }}` in a text
that read them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from msgspec import Struct

from simulator.core.diagnostics import Pos
from simulator.core.yaml_loader import ScalarSpan

_ANY = r"(?:\[[^\]]*\]|\.\*)"  # `[0]`, `['x']`, `.*`
UNTRUSTED = re.compile(
    r"\b(?:"
    r"github\.event\.pull_request\.(?:title|body|head\.ref|head\.label|head\.repo\.default_branch)"
    r"|github\.head_ref"
    r"|github\.event\.issue\.(?:title|body)"
    r"|github\.event\.(?:comment|review|review_comment)\.body"
    r"|github\.event\.discussion\.(?:title|body)"
    rf"|github\.event\.pages{_ANY}\.page_name"
    rf"|github\.event\.commits{_ANY}\.(?:message|author\.(?:name|email))"
    r"|github\.event\.head_commit\.(?:message|author\.(?:name|email))"
    r"|github\.event\.workflow_run\.(?:head_branch|display_title"
    r"|head_commit\.(?:message|author\.(?:name|email)))"
    r")\b"
)
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.S)


class Interpolation(Struct, frozen=True):
    """A `${{ }}` in a script that reads an attacker-controlled value."""

    expression: str  # as written, without the braces
    value: str  # the attacker-controlled value it reads (`github.event.pull_request.title`)
    pos: Pos


def tainted_interpolations(text: str, span: ScalarSpan | None, fallback: Pos) -> Iterator[
        Interpolation]:  # fmt: skip
    """The `${{ }}` of `text` that read attacker-controlled values, each at its own column."""
    for found in EXPRESSION.finditer(text):
        inner = found.group(1)
        value = UNTRUSTED.search(inner)
        if value is None:
            continue
        pos = span.at(found.start(), text) if span is not None else fallback
        yield Interpolation(inner.strip(), value.group(0), pos)
