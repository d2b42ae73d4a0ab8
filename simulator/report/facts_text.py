"""`ghasim facts` as text: one fact in full, or a list of matching facts, one line each."""

from __future__ import annotations

from simulator.core.escape import schema_document
from simulator.core.facts import Fact
from simulator.report.cells import fit_lines, shorten

DOCS = "docs/semantics.md"


def render_fact(fact: Fact, columns: int | None) -> str:
    lines = [f"{fact.label}  {fact.section}  [{fact.confidence}]", "", fact.text, ""]
    if fact.ghasim:
        lines.append("What ghasim does:")
        lines += [f"  - {clause}" for clause in fact.ghasim]
    else:
        lines.append(f"What ghasim does: not described in {DOCS} (cited where it applies).")
    if fact.sources:
        lines += ["", "Sources:"] + [f"  {url}" for url in fact.sources]
    else:
        lines += ["", "Sources: as named in the text above."]
    return fit_lines("\n".join(lines), columns)


def render_list(found: list[Fact], columns: int | None) -> str:
    width = columns or 10_000
    rows = [shorten(f"{f.label:7} {f.section}: {f.text}", width) for f in found]
    return "\n".join([*rows, "", f"{len(found)} fact(s); ghasim facts NUMBER prints one in full."])


def render_json(found: list[Fact]) -> str:
    return schema_document("facts", {"facts": [f.to_json() for f in found]})
