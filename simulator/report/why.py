"""Below the timeline with `--why`: what did not start, and why."""

from __future__ import annotations

from simulator.engine.records import SimulationResult
from simulator.scenario.timeparse import clock


def render_not_triggered(result: SimulationResult) -> str:
    if not result.not_triggered:
        return "Every workflow that listens to these events started."
    lines = ["Not started:"]
    for item in result.not_triggered:
        via = f" (after run #{item.caused_by} {item.activity})" if item.caused_by else ""
        fact = f" ({item.fact})" if item.fact else ""
        lines.append(f"  {clock(result.start, item.at)}  {item.workflow} on {item.event}{via}: "
                     f"{item.reason}{fact}")  # fmt: skip
    return "\n".join(lines)
