"""The facts ghasim's behaviour rests on (`§5.6` ...), as `ghasim facts` prints them: each
fact's text, its confidence, its sources, and what ghasim does about it.

The data (facts.json, next to this module) is built by tools/build_facts.py from the team's
fact sheet and docs/semantics.md, and checked against docs/semantics.md by the tests; every
fact number a reason, a rule or a doc cites is in it (tests/test_facts.py).
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources

from msgspec import Struct


class Fact(Struct, frozen=True):
    number: str
    section: str
    text: str
    confidence: str  # documented | observed | uncertain
    sources: tuple[str, ...]
    ghasim: tuple[str, ...]  # what ghasim does about it (docs/semantics.md)

    @property
    def label(self) -> str:
        return f"§{self.number}"

    def to_json(self) -> dict:
        return {"number": self.label, "section": self.section, "text": self.text,
                "confidence": self.confidence, "sources": list(self.sources),
                "ghasim": list(self.ghasim)}  # fmt: skip


@functools.cache
def facts() -> dict[str, Fact]:
    """Every fact by number (`5.6`), in the sheet's order."""
    data = json.loads(resources.files("simulator.core").joinpath("facts.json").read_text("utf-8"))
    return {f["number"]: Fact(f["number"], f["section"], f["text"], f["confidence"],
                              tuple(f["sources"]), tuple(f["ghasim"]))
            for f in data["facts"]}  # fmt: skip


NUMBER = re.compile(r"^§?(\d+)\.(\d+)$")


def lookup(query: str | None) -> list[Fact]:
    """A fact by number (`5.6`, `§5.6`), every fact of a section (`5`), or the facts whose
    text or section holds every word of `query` (case-insensitive); all facts for None."""
    every = facts()
    if not query:
        return list(every.values())
    found = NUMBER.match(query.strip())
    if found:
        fact = every.get(f"{found.group(1)}.{found.group(2)}")
        return [fact] if fact is not None else []
    if query.strip().lstrip("§").isdigit():
        section = query.strip().lstrip("§") + "."
        return [f for n, f in every.items() if n.startswith(section)]
    words = query.lower().split()
    return [f for f in every.values()
            if all(w in f"{f.section} {f.text}".lower() for w in words)]  # fmt: skip
