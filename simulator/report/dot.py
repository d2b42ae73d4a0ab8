"""Graphviz DOT text of the architecture (no graphviz needed to write it)."""

from __future__ import annotations

from simulator.core.escape import dot_string
from simulator.report.architecture import Architecture, graph
from simulator.report.messages import Messages

_q = dot_string


STYLES = {"trigger": "", "independent": "style=dashed", "workflow_run": "", "call": "style=dotted"}


def dot(arch: Architecture, msg: Messages) -> str:
    nodes, edges = graph(arch, msg)
    lines = [
        "digraph workflows {",
        "  rankdir=TB;",
        '  node [shape=box, style=rounded, fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    for node in nodes:
        shape = ", shape=plaintext" if node.kind == "event" else ""
        lines.append(f"  {node.id} [label={_q(node.label)}{shape}];")
    for edge in edges:
        attrs = [f"label={_q(edge.label)}"] if edge.label else []
        attrs += [STYLES[edge.style]] if STYLES[edge.style] else []
        lines.append(
            f"  {edge.source} -> {edge.target}" + (f" [{', '.join(attrs)}]" if attrs else "") + ";"
        )
    lines.append("}")
    return "\n".join(lines)
