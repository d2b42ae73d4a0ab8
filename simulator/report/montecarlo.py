"""`ghasim run --iterations N`: per workflow, how often it starts and succeeds, when it starts
and finishes (p50/p95), and the runner time it costs."""

from __future__ import annotations

from simulator.core.escape import json_document, one_line
from simulator.core.timeparse import format_duration
from simulator.engine.montecarlo import MonteCarlo, Sketch, WorkflowStats
from simulator.report.cells import pad, width

NOTE = ("start and lead time: from the event that started the chain; quantiles: nearest rank, "
        "within 1% (log-bucketed histogram); runner minutes: mean per iteration")  # fmt: skip


def _q(sketch: Sketch, q: float) -> str:
    value = sketch.quantile(q)
    return "-" if value is None else format_duration(value)


def _row(name: str, s: WorkflowStats, n: int) -> list[str]:
    success = s.conclusions.get("success", 0)
    return [one_line(name), f"{100 * s.started / n:.1f}%", f"{100 * success / n:.1f}%",
            _q(s.start, 0.5), _q(s.start, 0.95), _q(s.lead, 0.5), _q(s.lead, 0.95),
            f"{s.runner_seconds / 60 / n:.1f}"]  # fmt: skip


def render_text(mc: MonteCarlo, title: str) -> str:
    header = ["Workflow", "P(started)", "P(success)", "start p50", "p95", "lead p50", "p95",
              "runner-min"]  # fmt: skip
    rows = [_row(name, stats, mc.iterations) for name, stats in sorted(mc.workflows.items())]
    widths = [max(width(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        first = pad(cells[0], widths[0])
        rest = [" " * (w - width(c)) + c for c, w in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest]).rstrip()

    last = mc.seed + mc.iterations - 1
    out = [f"{one_line(title)}: {mc.iterations:,} iterations (seeds {mc.seed:,}..{last:,})", "",
           line(header), *(line(r) for r in rows), "", NOTE]  # fmt: skip
    if not rows:
        out.insert(2, "no workflow started in any iteration")
    return "\n".join(out)


def _sketch(sketch: Sketch) -> dict[str, float | None]:
    return {name: (None if (v := sketch.statistic(name)) is None else round(v, 3))
            for name in ("p50", "p95", "min", "max", "mean")}  # fmt: skip


def render_json(mc: MonteCarlo, title: str) -> str:
    n = mc.iterations
    return json_document({
        "schema": "ghasim/montecarlo/1",
        "scenario": title,
        "iterations": n,
        "seed": mc.seed,
        "quantiles": "nearest rank within 1% (log-bucketed histogram)",
        "workflows": {
            name: {
                "p_started": s.started / n,
                "p_success": s.conclusions.get("success", 0) / n,
                "conclusions": dict(sorted(s.conclusions.items())),
                "start_seconds": _sketch(s.start),
                "lead_seconds": _sketch(s.lead),
                "runner_minutes_per_iteration": round(s.runner_seconds / 60 / n, 4),
            }
            for name, s in sorted(mc.workflows.items())
        },
    })  # fmt: skip
