"""`ghasim replay` output: per workflow, per runner label, queue times, cost."""

from __future__ import annotations

from datetime import UTC, datetime

from simulator.core.escape import schema_document
from simulator.replay.replay import MIN_EXTRAPOLATION_DAYS, ReplayResult, Usage


def _date(ts: int | None) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d") if ts is not None else "-"


def _row(name: str, u: Usage, width: int) -> str:
    cost = f"{u.cost:,.2f}" + (" +?" if u.unpriced else "")
    return (f"  {name:<{width}}  {u.runs:>8,}  {u.seconds / 60:>12,.0f}  {u.billable:>12,}  "
            f"{cost:>11}")  # fmt: skip


def render_text(result: ReplayResult, label: str, base: tuple[str, ReplayResult] | None) -> str:
    lines = [f"Replayed {result.pushes:,} pushes ({_date(result.first)} → {_date(result.last)}, "
             f"{result.span_days:,.0f} days) with the workflows at {label}."]  # fmt: skip
    lines.append(_schedules(result))
    width = max([len(n) for n in result.per_workflow] + [len("Workflow"), len("Runner label")])
    head = f"  {'Workflow':<{width}}  {'Runs':>8}  {'Runner-min':>12}  {'Billable-min':>12}  {'Cost (USD)':>11}"
    lines += ["", head]
    for name, usage in sorted(result.per_workflow.items(), key=lambda kv: -kv[1].billable):
        lines.append(_row(name, usage, width))
    lines.append(_row("Total", result.total, width))
    lines += ["", head.replace("Workflow".ljust(width), "Runner label".ljust(width))]
    for name, usage in sorted(result.per_label.items(), key=lambda kv: -kv[1].billable):
        lines.append(_row(name, usage, width).replace(f"{0:>8,}", " " * 8, 1))
    pct = result.percentile
    lines += ["",
              f"Queue time, runs: p50 {pct(result.run_queue, 50):.0f}s, p95 "
              f"{pct(result.run_queue, 95):.0f}s, max {pct(result.run_queue, 100):.0f}s; jobs "
              f"waiting for a runner: p50 {pct(result.job_queue, 50):.0f}s, p95 "
              f"{pct(result.job_queue, 95):.0f}s, max {pct(result.job_queue, 100):.0f}s",
              _monthly(result)]  # fmt: skip
    if result.total.unpriced:
        lines.append(f"'+?': {result.total.unpriced:,} billable minutes ran on labels with no known "
                     "price (give them one with --prices)")  # fmt: skip
    if base is not None:
        base_label, other = base
        saved = result.per_30_days(other.total.billable - result.total.billable)
        dollars = result.per_30_days(other.total.cost - result.total.cost)
        if saved is None or dollars is None:
            saved = other.total.billable - result.total.billable
            verb = "saves" if saved >= 0 else "costs"
            lines.append(f"Against the workflows at {base_label}: this change {verb} "
                         f"{abs(saved):,.0f} runner-minutes over the replayed pushes")  # fmt: skip
        else:
            verb = "saves" if saved >= 0 else "costs"
            lines.append(f"Against the workflows at {base_label}: this change {verb} "
                         f"{abs(saved):,.0f} runner-minutes / 30 days (${abs(dollars):,.2f})")  # fmt: skip
    return "\n".join(lines)


def _schedules(result: ReplayResult) -> str:
    if not result.schedules:
        return "Scheduled runs: excluded (--no-schedules); the figures count pushes only."
    return (f"Scheduled runs: included, {result.scheduled:,} schedule fire(s) over the replayed "
            "span (on the default branch).")  # fmt: skip


def _monthly(result: ReplayResult) -> str:
    billable = result.per_30_days(result.total.billable)
    cost = result.per_30_days(result.total.cost)
    if billable is None or cost is None:
        hours = result.span_days * 24
        return (f"Per 30 days: not estimated: the replayed pushes span {hours:,.1f} hours, less "
                f"than {MIN_EXTRAPOLATION_DAYS:g} day")  # fmt: skip
    return f"Per 30 days: {billable:,.0f} billable runner-minutes, ${cost:,.2f}"


def _rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _monthly_json(result: ReplayResult) -> dict | None:
    billable = result.per_30_days(result.total.billable)
    cost = result.per_30_days(result.total.cost)
    if billable is None or cost is None:
        return None
    return {"billable_minutes": round(billable, 1), "cost_usd": round(cost, 2)}


def _usage(u: Usage) -> dict:
    return {"runs": u.runs, "runner_minutes": round(u.seconds / 60, 2),
            "billable_minutes": u.billable, "cost_usd": round(u.cost, 4),
            "unpriced_minutes": u.unpriced}  # fmt: skip


def render_json(result: ReplayResult, label: str, base: tuple[str, ReplayResult] | None) -> str:
    pct = result.percentile
    data = {
        "revision": label,
        "pushes": result.pushes,
        "span_days": round(result.span_days, 2),
        "mode": result.mode,
        "schedules": {"included": result.schedules, "fires": result.scheduled},
        "per_workflow": {k: _usage(v) for k, v in result.per_workflow.items()},
        "per_label": {k: _usage(v) for k, v in result.per_label.items()},
        "total": _usage(result.total),
        "queue_seconds": {
            "runs": {
                "p50": pct(result.run_queue, 50),
                "p95": pct(result.run_queue, 95),
                "max": pct(result.run_queue, 100),
            },
            "jobs": {
                "p50": pct(result.job_queue, 50),
                "p95": pct(result.job_queue, 95),
                "max": pct(result.job_queue, 100),
            },
        },  # fmt: skip
        "per_30_days": _monthly_json(result),
    }
    if base is not None:
        data["base"] = {"revision": base[0], "total": _usage(base[1].total),
                        "saved_billable_minutes": base[1].total.billable - result.total.billable,
                        "saved_billable_minutes_per_30_days": _rounded(
                            result.per_30_days(base[1].total.billable - result.total.billable), 1)}  # fmt: skip
    return schema_document("replay", data)
