"""Positioned findings (`ghasim check`, `ghasim audit`) in every format a tool reads:
text (`file:line:col: [rule] message`), JSON (docs/json.md), GitHub workflow commands
(annotations on the pull request's files) and SARIF (simulator.report.sarif)."""

from __future__ import annotations

from simulator.core.diagnostics import Diagnostic
from simulator.core.escape import github_data, github_property, one_line, schema_document


def render_text(found: list[Diagnostic]) -> str:
    lines = []
    for d in found:
        tag = "warning: " if d.severity == "warning" else ""
        fact = f" ({d.fact})" if d.fact else ""  # audit findings cite the fact they rest on
        lines.append(one_line(f"{d.pos}: [{d.kind}] {tag}{d.message}{fact}"))
    return "\n".join(lines)


def render_json(command: str, found: list[Diagnostic], files: int, extra: dict | None = None
                ) -> str:  # fmt: skip
    errors = sum(d.severity == "error" for d in found)
    return schema_document(command, {
        "files": files, "errors": errors, "warnings": len(found) - errors,
        **(extra or {}), "findings": [d.to_json() for d in found]})  # fmt: skip


def render_github(found: list[Diagnostic], command: str = "ghasim") -> str:
    """`::error file=F,line=L,col=C,title=[rule]::message`: GitHub shows each on the file."""
    lines = []
    for d in found:
        level = "error" if d.severity == "error" else "warning"
        props = [f"file={github_property(d.pos.file)}"]
        if d.pos.line > 0:
            props += [f"line={d.pos.line}", f"col={max(d.pos.col, 1)}"]
        props.append(f"title={github_property(f'{command} [{d.kind}]')}")
        lines.append(f"::{level} {','.join(props)}::{github_data(d.message)}")
    return "\n".join(lines)


def summary(files: int, found: list[Diagnostic], verb: str = "checked") -> str:
    errors = sum(d.severity == "error" for d in found)
    return f"{files} workflow files {verb}: {errors} error(s), {len(found) - errors} warning(s)"
