"""A reason as inline spans: the names, patterns and paths it quotes as code spans, the rest
as text, in any language of the catalogue.

The template is ours (simulator.core.reason_texts): a value the template quotes ('{name}') or
brackets ([{patterns}]) is a literal from the repository and becomes a code span without the
quotes; an unquoted value is prose (a nested reason, a note). Nothing is parsed back out of
a rendered sentence.
"""

from __future__ import annotations

import string
from typing import Any

from simulator.core.reason_texts import CATALOGUE
from simulator.core.reasons import Reason, Term
from simulator.report.inline import Inline, Span, code, plain

_QUOTES = (("'", "'"), ("[", "]"))
# Fields that always hold a literal from the repository, quoted by the template or not.
LITERAL_FIELDS = frozenset({"name", "pattern", "patterns", "path", "upstream", "group",
                            "expression", "cron", "crons", "ref", "job", "need", "target",
                            "entry", "names", "files", "shown"})  # fmt: skip


def reason_inline(reason: str | None, lang: str = "en") -> Inline:
    if reason is None:
        return ()
    if not isinstance(reason, Reason):
        return plain(str(reason))
    texts = CATALOGUE[reason.kind]
    template = texts.get(lang) or texts["en"]
    parts = list(string.Formatter().parse(template))
    out: list[Span] = []
    closing = ""  # the quote that closes the field just written, to drop from the next text
    for i, (literal, field, _, _) in enumerate(parts):
        if closing and literal.startswith(closing):
            literal = literal[len(closing) :]
        closing = ""
        following = parts[i + 1][0] if i + 1 < len(parts) else ""
        opened = next((q for q in _QUOTES if literal.endswith(q[0])), None)
        quoted = field is not None and opened is not None and following.startswith(opened[1])
        if quoted and opened is not None:
            literal, closing = literal[: -len(opened[0])], opened[1]
        out.extend(plain(literal))
        if field is not None:
            literal_value = quoted or field in LITERAL_FIELDS
            out.extend(_value(field, reason.details.get(field), lang, literal_value))
    return tuple(out)


def _value(name: str, value: Any, lang: str, quoted: bool) -> Inline:
    if isinstance(value, Reason):
        return reason_inline(value, lang)
    if isinstance(value, Term):
        return plain(value.render(lang))
    if name == "parts":
        out: list[Span] = []
        for i, part in enumerate(value or ()):
            if i:
                out.extend(plain("; "))
            out.extend(reason_inline(part, lang))
        return tuple(out)
    if isinstance(value, (list, tuple)):
        text = ", ".join(str(v) for v in value)
    else:
        text = "" if value is None else str(value)
    return code(text) if quoted and text else plain(text)
