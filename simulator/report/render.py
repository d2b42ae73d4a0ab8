"""Picks the renderer for `ghasim run --format`."""

from __future__ import annotations

from simulator.core.escape import one_line, schema_document
from simulator.engine.records import SimulationResult
from simulator.report.cells import fit_lines
from simulator.report.timeline import render_timeline
from simulator.report.why import (
    cause_chain,
    render_not_triggered,
    render_started,
    repository_note,  # fmt: skip
)


def render_run(
    result: SimulationResult,
    fmt: str,
    *,
    jobs: bool = False,
    why: bool = False,
    lang: str = "en",
    columns: int | None = None,
    command: str = "run",
    extra: dict | None = None,
) -> str:
    """The run as text (fitted to `columns`), JSON (`ghasim/<command>/1`, with `extra` keys),
    Mermaid or HTML."""
    if fmt == "json":
        body = result.to_json()
        for run, data in zip(result.runs, body["runs"], strict=True):
            data["cause_chain"] = cause_chain(run, result)
        return schema_document(command, (extra or {}) | body)
    if fmt == "mermaid":
        from simulator.report.mermaid import gantt

        return gantt(result, jobs=jobs)
    if fmt == "html":
        from simulator.report.html import html_report

        return html_report(result, lang=lang)
    box = render_timeline(result, jobs=jobs, lang=lang, columns=columns)
    prose = [f"note: {one_line(note)}" for note in result.notes]
    if why and result.runs:
        prose.append(render_started(result))
    if why or not result.runs:  # nothing started: the reasons are the whole answer
        prose.append(render_not_triggered(result))
        assumed = repository_note(result)
        if assumed:
            prose.append(f"note: {one_line(assumed)}")
    return "\n".join([box, *(fit_lines(p, columns) for p in prose)])
