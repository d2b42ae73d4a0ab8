"""Graphviz DOT text of the architecture (no graphviz needed to write it)."""

from __future__ import annotations

from simulator.report.architecture import Architecture
from simulator.report.mermaid import link_label
from simulator.report.messages import Messages


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("`", "") + '"'


def dot(arch: Architecture, msg: Messages) -> str:
    ids = {wf.rel_path: f"w{i}" for i, wf in enumerate(arch.workflows)}
    lines = [
        "digraph workflows {",
        "  rankdir=TB;",
        '  node [shape=box, style=rounded, fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    for i, entry in enumerate(arch.entries):
        lines.append(f"  e{i} [label={_q(entry.label)}, shape=plaintext];")
    for wf in arch.workflows:
        lines.append(f"  {ids[wf.rel_path]} [label={_q(arch.label(wf))}];")
    for i, entry in enumerate(arch.entries):
        style = " [style=dashed]" if entry.independent else ""
        for wf in entry.workflows:
            lines.append(f"  e{i} -> {ids[wf.rel_path]}{style};")
    for link in arch.runs:
        lines.append(f"  {ids[link.upstream.rel_path]} -> {ids[link.listener.rel_path]} "
                     f"[label={_q(link_label(link, msg))}];")  # fmt: skip
    for call in arch.calls:
        label = f"{msg.text('arch.calls')} ({call.job})"
        lines.append(f"  {ids[call.caller.rel_path]} -> {ids[call.called.rel_path]} "
                     f"[label={_q(label)}, style=dotted];")  # fmt: skip
    lines.append("}")
    return "\n".join(lines)
