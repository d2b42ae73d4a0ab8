"""Reasons as data: why a workflow starts or not, why a job was skipped, why a run concluded.

A Reason is a catalogue kind, the fact it rests on (`§2.7`) and the values its sentence
shows. It reads as its English sentence, so JSON and every caller that wants text get one;
reports render it in their own language and form from the data, and never cut a sentence
apart to find its parts (`reason.cause`, `reason.details`).
"""

from __future__ import annotations

import functools
import string
from collections.abc import Iterable, Mapping
from typing import Any

from simulator.core.reason_texts import CATALOGUE, TERMS


class Term(str):
    """A word a sentence holds that a language translates (`branch`, `types`, `failed`)."""

    def render(self, lang: str) -> str:
        return TERMS.get(str(self), {}).get(lang) or str(self)


class Reason(str):
    kind: str
    fact: str | None
    details: Mapping[str, Any]

    def __new__(cls, kind: str, fact: str | None = None, /, **details: Any) -> Reason:
        if kind not in CATALOGUE:
            raise KeyError(f"no reason '{kind}' in the catalogue")
        obj = super().__new__(cls, render(kind, details, "en", "full"))
        obj.kind, obj.fact, obj.details = kind, fact, details
        return obj

    def __getnewargs_ex__(self) -> tuple[tuple[Any, ...], dict[str, Any]]:
        return (self.kind, self.fact), dict(self.details)

    def text(self, lang: str = "en", form: str = "full") -> str:
        return render(self.kind, self.details, lang, form)

    @property
    def cause(self) -> Reason | None:
        """The reason inside this one (`skipped: <cause>`), when it has one."""
        cause = self.details.get("cause")
        return cause if isinstance(cause, Reason) else None

    @property
    def detail(self) -> Reason:
        """The cause when there is one, else this reason: what a short report shows."""
        return self.cause or self


def reason_json(reason: str | None) -> dict[str, Any] | None:
    """A reason in JSON (docs/json.md): its English text, its catalogue kind and its fact."""
    if reason is None:
        return None
    if not isinstance(reason, Reason):
        return {"text": str(reason), "kind": None, "fact": None}
    return {"text": str(reason), "kind": reason.kind, "fact": first_fact(reason)}


def first_fact(reason: Reason) -> str | None:
    """The fact a reason rests on: its own, else its cause's or first part's."""
    if reason.fact:
        return reason.fact
    inner = [reason.cause] if reason.cause is not None else []
    inner += [p for p in reason.details.get("parts", ()) if isinstance(p, Reason)]
    return next((f for r in inner if (f := first_fact(r))), None)


def joined(parts: Iterable[Reason | str], fact: str | None = None) -> Reason:
    """Several reasons that together decided: one sentence, "; " between them."""
    return Reason("all", fact, parts=tuple(parts))


def render(kind: str, details: Mapping[str, Any], lang: str, form: str = "full") -> str:
    template, fields = _template(kind, lang, form)
    if not fields:
        return template
    return template.format_map({name: _value(name, details.get(name), lang, form)
                                for name in fields})  # fmt: skip


@functools.cache
def _template(kind: str, lang: str, form: str) -> tuple[str, tuple[str, ...]]:
    """The template of a kind in a language and form, with its field names (parsed once)."""
    texts = CATALOGUE[kind]
    template = (texts.get(f"{lang}.{form}") or texts.get(lang) or texts.get(f"en.{form}")
                or texts["en"])  # fmt: skip
    return template, tuple(f for _, f, _, _ in string.Formatter().parse(template) if f)


def _value(name: str, value: Any, lang: str, form: str) -> str:
    if type(value) is str:
        return value
    if isinstance(value, Reason):
        inner = "full" if name != "cause" else form
        # a Reason already reads as its English full sentence: no need to render it again
        return value if lang == "en" and inner == "full" else value.text(lang, inner)
    if isinstance(value, Term):
        return value.render(lang)
    if name == "parts":
        return "; ".join(_value("part", v, lang, "full") for v in value or ())
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)
