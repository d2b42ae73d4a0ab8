"""An SVG timeline: one lane per workflow, a bar per run coloured by conclusion, its queue time
hatched, arrows from each upstream run to the runs its workflow_run events started, and a
hover title with the reasons. Plain SVG: no script, no network."""

from __future__ import annotations

from simulator.core.escape import html as escape
from simulator.core.timeparse import clock, format_duration
from simulator.engine.records import RunRecord, SimulationResult
from simulator.report.messages import Messages, catalogue
from simulator.report.timeline import run_status

COLOURS = {
    "success": "#2da44e",
    "failure": "#cf222e",
    "cancelled": "#bf8700",
    "skipped": "#8c959f",
    "in_progress": "#0969da",
    "queued": "#8c959f",
    "pending": "#8c959f",
    "waiting": "#8250df",
}
LABEL_W = 240
PLOT_W = 760
LANE_H = 34
BAR_H = 18
TOP = 34
TICKS = (15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 43200, 86400)


def _colour(run: RunRecord) -> str:
    key = run.conclusion if run.status == "completed" else run.status
    return COLOURS.get(key or "", "#6e7781")


def _title(run: RunRecord, result: SimulationResult) -> str:
    lines = [f"{run.name} (run {run.id}): {run_status(run)}"]
    lines.append(f"created {clock(result.start, run.created_at)}"
                 + (f", started {clock(result.start, run.started_at)}" if run.started_at is not None else "")
                 + (f", completed {clock(result.start, run.completed_at)}" if run.completed_at is not None else ""))  # fmt: skip
    lines.append(f"trigger: {run.event}" + (f" ({run.activity})" if run.activity else "")
                 + f": {run.trigger_reason}")  # fmt: skip
    if run.reason:
        lines.append(f"reason: {run.reason}")
    for job in run.jobs:
        if job.conclusion in ("failure", "cancelled", "skipped") and job.reason:
            lines.append(f"job {job.key}: {job.reason}")
    return "\n".join(lines)


def svg_timeline(result: SimulationResult, lang: str = "en") -> str:
    return _Drawing(result, catalogue(lang)).svg()


class _Drawing:
    def __init__(self, result: SimulationResult, msg: Messages):
        self.msg = msg
        self.result = result
        runs = result.runs
        horizon = (
            result.until
            if result.until is not None
            else max([r.completed_at or r.created_at for r in runs] + [result.end, 1.0])
        )
        self.horizon = max(horizon, 1.0)
        self.y_of: dict[int, float] = {}
        self.lane_rows: list[tuple[str, float, int]] = []
        self.height = self.place_lanes()
        self.width = LABEL_W + PLOT_W + 20

    def x(self, seconds: float) -> float:
        return LABEL_W + PLOT_W * min(seconds, self.horizon) / self.horizon

    def place_lanes(self) -> float:
        """One lane per workflow, in order of appearance; overlapping runs get sub-rows."""
        lanes: dict[str, list[list[RunRecord]]] = {}
        for run in self.result.runs:
            rows = lanes.setdefault(run.name, [])
            for row in rows:
                last = row[-1]
                last_end = last.completed_at if last.completed_at is not None else self.horizon
                if last_end <= run.created_at:
                    row.append(run)
                    break
            else:
                rows.append([run])
        y = float(TOP)
        for name, rows in lanes.items():
            self.lane_rows.append((name, y, len(rows)))
            for row in rows:
                for run in row:
                    self.y_of[run.id] = y + (LANE_H - BAR_H) / 2
                y += LANE_H
        return y + 30

    def svg(self) -> str:
        out = [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width}" '
            f'height="{self.height:.0f}" viewBox="0 0 {self.width} {self.height:.0f}" role="img" '
            'font-family="Helvetica, Arial, sans-serif, Noto Color Emoji, Segoe UI Emoji" '
            'font-size="12">',
            "<defs>",
            '<pattern id="queued" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect width="6" height="6" fill="#eaeef2"/>'
            '<line x1="0" y1="0" x2="0" y2="6" stroke="#8c959f" stroke-width="2"/></pattern>',
            '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
            'markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" '
            'fill="#57606a"/></marker>',
            "</defs>",
        ]
        out += self.ticks() + self.lanes()
        for run in self.result.runs:
            out += self.bar(run)
        out += self.arrows() + self.legend()
        out.append("</svg>")
        return "\n".join(out)

    def ticks(self) -> list[str]:
        out = []
        step = next((t for t in TICKS if self.horizon / t <= 10), TICKS[-1])
        tick = 0.0
        while tick <= self.horizon + 1e-9:
            tx = self.x(tick)
            out.append(f'<line x1="{tx:.1f}" y1="{TOP - 6}" x2="{tx:.1f}" '
                       f'y2="{self.height - 24:.0f}" stroke="#d0d7de" stroke-width="1"/>')  # fmt: skip
            out.append(f'<text x="{tx:.1f}" y="{TOP - 10}" text-anchor="middle" fill="#57606a">'
                       f"{clock(self.result.start, tick)}</text>")  # fmt: skip
            tick += step
        return out

    def lanes(self) -> list[str]:
        out = []
        for i, (name, top, count) in enumerate(self.lane_rows):
            if i % 2:
                out.append(f'<rect x="0" y="{top}" width="{self.width}" '
                           f'height="{LANE_H * count}" fill="#f6f8fa"/>')  # fmt: skip
            out.append(f'<text x="8" y="{top + LANE_H / 2 + 4:.1f}" fill="#24292f">'
                       f"{escape(name)}</text>")  # fmt: skip
        return out

    def bar(self, run: RunRecord) -> list[str]:
        x, y0 = self.x, self.y_of[run.id]
        start = run.started_at
        end = run.completed_at if run.completed_at is not None else self.horizon
        out = [f'<g class="run" data-run="{run.id}">',
               f"<title>{escape(_title(run, self.result))}</title>"]  # fmt: skip
        queue_end = start if start is not None else end
        if queue_end > run.created_at:
            out.append(f'<rect class="queue" x="{x(run.created_at):.1f}" y="{y0:.1f}" '
                       f'width="{max(x(queue_end) - x(run.created_at), 1):.1f}" height="{BAR_H}" '
                       'fill="url(#queued)" stroke="#8c959f" stroke-width="0.5"/>')  # fmt: skip
        if start is not None:
            out.append(f'<rect class="bar" x="{x(start):.1f}" y="{y0:.1f}" '
                       f'width="{max(x(end) - x(start), 2):.1f}" height="{BAR_H}" rx="3" '
                       f'fill="{_colour(run)}"/>')  # fmt: skip
        else:
            out.append(f'<rect class="bar" x="{x(run.created_at):.1f}" y="{y0:.1f}" width="2" '
                       f'height="{BAR_H}" fill="{_colour(run)}"/>')  # fmt: skip
        span = (end - start) if start is not None else 0
        label = f"{run_status(run, self.msg)} · {format_duration(span)}"
        left = x(start if start is not None else run.created_at)
        bar_w = x(end) - left if start is not None else 2
        if bar_w >= 6.2 * len(label) + 8:  # fits inside the bar: white on colour
            text_x, fill = left + 4, "#ffffff"
        else:  # beside it
            text_x, fill = left + bar_w + 4, "#24292f"
        out.append(f'<text x="{text_x:.1f}" y="{y0 + BAR_H - 5:.1f}" fill="{fill}" '
                   f'font-size="10">{escape(label)}</text>')  # fmt: skip
        out.append("</g>")
        return out

    def arrows(self) -> list[str]:
        """From each upstream run, at the activity that fired it, to the run it started."""
        out = []
        by_id = {r.id: r for r in self.result.runs}
        for run in self.result.runs:
            upstream = by_id.get(run.caused_by) if run.caused_by is not None else None
            if upstream is None:
                continue
            at = {"completed": upstream.completed_at,
                  "in_progress": upstream.started_at}.get(run.activity or "", upstream.created_at)  # fmt: skip
            at = run.created_at if at is None else at
            x1, y1 = self.x(at), self.y_of[upstream.id] + BAR_H / 2
            x2, y2 = self.x(run.created_at), self.y_of[run.id] + BAR_H / 2
            mid = (y1 + y2) / 2
            title = escape(f"{upstream.name} {run.activity} -> {run.name}")
            out.append(f'<path class="cause" d="M {x1:.1f} {y1:.1f} C {x1 + 14:.1f} {mid:.1f}, '
                       f'{x2 - 14:.1f} {mid:.1f}, {x2:.1f} {y2:.1f}" fill="none" stroke="#57606a" '
                       f'stroke-width="1.2" marker-end="url(#arrow)"><title>{title}</title></path>')  # fmt: skip
        return out

    def legend(self) -> list[str]:
        out = []
        legend_y = self.height - 10
        lx = LABEL_W
        for name in ("success", "failure", "cancelled", "skipped", "in_progress"):
            out.append(f'<rect x="{lx}" y="{legend_y - 9}" width="10" height="10" '
                       f'fill="{COLOURS[name]}"/>')  # fmt: skip
            out.append(f'<text x="{lx + 14}" y="{legend_y}" fill="#57606a">{name}</text>')
            lx += 95
        out.append(
            f'<rect x="{lx}" y="{legend_y - 9}" width="10" height="10" fill="url(#queued)"/>'
        )
        out.append(f'<text x="{lx + 14}" y="{legend_y}" fill="#57606a">queued</text>')
        return out
