"""`ghasim diff` output: text, JSON, and Markdown ready for a pull request comment."""

from __future__ import annotations

from simulator.core.escape import json_document, markdown_code, markdown_text, one_line
from simulator.diff.run import DiffReport
from simulator.report.architecture import build
from simulator.report.mermaid import flowchart
from simulator.report.messages import catalogue

SIGNS = {"starts": "+", "stops": "−", "runs": "~", "conclusion": "~", "timing": "~"}


def render_text(report: DiffReport) -> str:
    changed = [s for s in report.scenarios if s.changed]
    lines = [f"ghasim diff: {report.base_label} → {report.head_label}",
             f"{len(report.scenarios)} scenarios, {len(changed)} change behaviour"]  # fmt: skip
    lines += [f"note: {one_line(n)}" for n in report.notes]
    for s in report.scenarios:
        if not s.changed:
            lines.append(f"\n{one_line(s.name)}: no change")
            continue
        lines.append(f"\n{one_line(s.name)}:")
        if s.error:
            lines.append(f"  ! {one_line(s.error)}")
        for c in s.changes:
            lines.append(f"  {SIGNS[c.kind]} {one_line(c.sentence(s.event))}")
            if c.why_before and c.kind in ("starts", "stops"):
                lines.append(f"      before: {one_line(c.why_before)}")
            elif c.kind == "conclusion":
                lines.append(f"      before: {one_line(c.why_before)}")
                lines.append(f"      now: {one_line(c.why_after)}")
        lines += [f"  note: {one_line(n)}" for n in s.notes]
    return "\n".join(lines)


def render_json(report: DiffReport) -> str:
    return json_document(report.to_json())


def _cell(text: str) -> str:
    return markdown_text(text)


def render_markdown(report: DiffReport) -> str:
    changed = [s for s in report.scenarios if s.changed]
    out = ["### ghasim: workflow trigger changes", "",
           f"{markdown_code(report.base_label)} → {markdown_code(report.head_label)}: "
           + (f"**{len(changed)} of {len(report.scenarios)} scenarios change behaviour.**"
              if changed else f"no change in {len(report.scenarios)} scenarios.")]  # fmt: skip
    for note in report.notes:
        out += ["", f"> {_cell(note)}"]
    for s in changed:
        out += ["", f"#### {_cell(s.name)}", ""]
        if s.error:
            out += [f"> ⚠️ {_cell(s.error)}", ""]
        if s.changes:
            out += ["| Workflow | Before | After | Why |", "|---|---|---|---|"]
            for c in s.changes:
                why = c.why_after or c.why_before
                out.append(
                    f"| **{_cell(c.workflow)}** | {_cell(c.before)} | {_cell(c.after)} | {_cell(why)} |"
                )
        out += [f"> {_cell(n)}" for n in s.notes]
    if changed and report.head_set is not None:
        msg = catalogue("en")
        chart = flowchart(build(report.head_set, msg), msg).split("\n")
        ids = {w.rel_path: f"w{i}" for i, w in enumerate(report.head_set.workflows)}
        marked = [ids[f] for f in sorted(report.changed_files) if f in ids]
        if marked:
            chart += ["  classDef changed fill:#fff8c5,stroke:#9a6700,stroke-width:2px",
                      f"  class {','.join(marked)} changed"]  # fmt: skip
        out += ["", "<details><summary>Workflow graph at the head revision (changed ones "
                "highlighted)</summary>", "", "```mermaid", *chart, "```", "", "</details>"]  # fmt: skip
    return "\n".join(out) + "\n"
