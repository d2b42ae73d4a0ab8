"""`ghasim check` output: one diagnostic per line (`file:line:col: [rule] message`), or JSON."""

from __future__ import annotations

from simulator.core.diagnostics import Diagnostic
from simulator.core.escape import json_document, one_line


def render_text(found: list[Diagnostic]) -> str:
    lines = []
    for d in found:
        tag = "warning: " if d.severity == "warning" else ""
        lines.append(one_line(f"{d.pos}: [{d.kind}] {tag}{d.message}"))
    return "\n".join(lines)


def render_json(found: list[Diagnostic]) -> str:
    return json_document([
        {"message": d.message, "filepath": d.pos.file, "line": d.pos.line,
         "column": d.pos.col, "kind": d.kind, "severity": d.severity}
        for d in found
    ])  # fmt: skip


def summary(files: int, found: list[Diagnostic]) -> str:
    errors = sum(d.severity == "error" for d in found)
    return f"{files} workflow files checked: {errors} error(s), {len(found) - errors} warning(s)"
