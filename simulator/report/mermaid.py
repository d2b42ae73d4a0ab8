"""Mermaid: the architecture as a `flowchart`, a simulation as a `gantt` (GitHub renders both)."""

from __future__ import annotations

from datetime import timedelta

from simulator.core.escape import mermaid_gantt, mermaid_label
from simulator.engine.records import SimulationResult
from simulator.report.architecture import Architecture, graph
from simulator.report.messages import Messages, catalogue
from simulator.report.timeline import run_status

_text = mermaid_label


ARROWS = {"trigger": "-->", "independent": "-.->", "workflow_run": "-->", "call": "-.->"}


def flowchart(arch: Architecture, msg: Messages) -> str:
    nodes, edges = graph(arch, msg)
    lines = ["flowchart TD"]
    for node in nodes:
        shape = '(["{}"])' if node.kind == "event" else '["{}"]'
        lines.append(f"  {node.id}{shape.format(_text(node.label))}")
    for edge in edges:
        label = f'|"{_text(edge.label)}"|' if edge.label else ""
        lines.append(f"  {edge.source} {ARROWS[edge.style]}{label} {edge.target}")
    return "\n".join(lines)


_gantt_name = mermaid_gantt


def gantt(result: SimulationResult, *, jobs: bool = False, title: str | None = None,
          lang: str = "en") -> str:  # fmt: skip
    msg = catalogue(lang)
    start = result.start
    end_of_clock = result.until if result.until is not None else result.end

    def at(seconds: float) -> str:
        return (start + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S")

    lines = [
        "gantt",
        f"  title {_gantt_name(title or result.scenario_name or 'ghasim timeline')}",
        "  dateFormat YYYY-MM-DDTHH:mm:ss",
        "  axisFormat %H:%M:%S",
    ]
    for run in result.runs:
        lines.append(f"  section {_gantt_name(run.name)}")
        begin = run.started_at if run.started_at is not None else run.created_at
        finish = run.completed_at if run.completed_at is not None else end_of_clock
        tags = _tags(run.status, run.conclusion)
        name = _gantt_name(f"{run_status(run, msg)} (run {run.id})")
        lines.append(f"  {name} :{tags}r{run.id}, {at(begin)}, {at(max(finish, begin + 1))}")
        if not jobs:
            continue
        for job in run.jobs:
            if job.started_at is None:
                continue  # never ran (skipped): nothing to draw
            job_end = job.completed_at if job.completed_at is not None else end_of_clock
            jtags = _tags(job.status, job.conclusion)
            lines.append(f"  {_gantt_name(job.name)} :{jtags}{at(job.started_at)}, "
                         f"{at(max(job_end, job.started_at + 1))}")  # fmt: skip
    return "\n".join(lines)


def _tags(status: str, conclusion: str | None) -> str:
    if status != "completed":
        return "active, "
    if conclusion in ("failure", "cancelled", "timed_out", "startup_failure"):
        return "crit, done, "
    return "done, "
