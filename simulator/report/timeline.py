"""The sync-test timeline box (the seed report's picture), from a simulation result.

    ┌──────────────────────────────────────────┐
    │ 04:14:21  CI Pipeline        ✓ success    │
    │                    │                      │
    │                    ▼ workflow_run triggered
    ...
Rows show each run's start time (creation time if it has not started), its name padded to a
common column, and its status. Runs are grouped into waves: the runs one scenario event
created, then the runs they caused through workflow_run, level by level.
"""

from __future__ import annotations

import re

from msgspec import Struct

from simulator.core.escape import one_line
from simulator.core.timeparse import clock, day_clock, utc_date
from simulator.engine.records import JobRecord, RunRecord, SimulationResult
from simulator.report.cells import pad, shorten, width
from simulator.report.messages import Messages, catalogue

MIN_NAME_COLUMN = 31  # the seed's layout: marks start at cell 43
MIN_INNER_WIDTH = 65  # the seed's box is 67 cells wide
CONNECTOR_INDENT = 20


MARKS = {
    "success": "✓",
    "failure": "✗",
    "cancelled": "⊗",
    "skipped": "⊘",
    "action_required": "⏸",
    "startup_failure": "✗",
    "timed_out": "⊗",
    "neutral": "○",
    "in_progress": "⏳",
    "queued": "…",
    "pending": "…",
    "waiting": "⏸",
    "requested": "…",
}


def run_status(run: RunRecord, msg: Messages | None = None) -> str:
    """`✓ success`, `✗ failure (lint)`, `⏳ in_progress`, `… queued` ..."""
    msg = msg or catalogue("en")
    if run.status != "completed":
        return f"{MARKS.get(run.status, '…')} {msg.status(run.status)}"
    conclusion = run.conclusion or "success"
    text = f"{MARKS.get(conclusion, '?')} {msg.status(conclusion)}"
    if conclusion == "failure":
        failed = run.failed_jobs()
        if failed:
            more = f" +{len(failed) - 1}" if len(failed) > 1 else ""
            text += f" ({one_line(failed[0].key)}{more})"  # by id, as the sync-test report
    return text


def job_status(job: JobRecord, msg: Messages | None = None) -> str:
    msg = msg or catalogue("en")
    if job.status != "completed":
        return f"{MARKS.get(job.status, '…')} {msg.status(job.status)}"
    text = f"{MARKS.get(job.conclusion or '', '?')} {msg.status(job.conclusion or '')}"
    cause = job.reason.cause if job.reason is not None else None
    if job.conclusion in ("skipped", "cancelled") and cause is not None:
        # the box keeps what a condition read; the expression is in JSON and --why
        text += f": {one_line(cause.text(msg.lang, 'brief'))}"
    elif job.conclusion == "failure" and job.continue_on_error:
        text += " (continue-on-error)"
    return text


class Wave(Struct):
    """Runs shown together in a timeline: one chain level."""

    runs: list[RunRecord]


def waves(result: SimulationResult) -> list[list[Wave]]:
    """Groups of waves: one group per root event, then one wave per chain level."""
    roots: dict[int, RunRecord] = {}

    def root(run: RunRecord) -> RunRecord:
        """The run at the top of the chain (memoised: runs come after their upstream)."""
        if run.id not in roots:
            upstream = result.run(run.caused_by)
            roots[run.id] = root(upstream) if upstream is not None else run
        return roots[run.id]

    groups: dict[tuple, list[RunRecord]] = {}
    for run in result.runs:
        top = root(run)
        event = top.scenario_event if top.scenario_event is not None else -1
        effect = top.effect if top.effect is not None else -1  # runs a job's event started
        groups.setdefault((event, top.created_at, effect), []).append(run)
    out = []
    for key in sorted(groups, key=lambda k: (k[1], k[0], k[2])):
        members = groups[key]
        levels = sorted({r.depth for r in members})
        out.append([Wave(sorted((r for r in members if r.depth == d),
                                key=lambda r: (r.shown_at, r.id))) for d in levels])  # fmt: skip
    return out


def render_timeline(
    result: SimulationResult,
    *,
    jobs: bool = False,
    lang: str = "en",
    headers: bool | None = None,
    columns: int | None = None,
) -> str:
    """The box; within `columns` cells when given (names shortened with `…`, then any row
    still too long), else as wide as its longest row."""
    msg = catalogue(lang)
    if not result.runs:
        return _box([" " + msg.text("no_runs")], _inner(MIN_INNER_WIDTH, columns))
    name_col = max(max(width(one_line(r.name)) for r in result.runs) + 2, MIN_NAME_COLUMN)
    job_col = max((width(one_line(j.name)) for r in result.runs for j in r.jobs), default=0)
    rows = _rows(result, msg, jobs, headers, name_col, job_col)
    inner = max([MIN_INNER_WIDTH] + [width(r) + 2 for r in rows if r is not None])
    if columns is not None and inner + 2 > columns:
        # Shorten run names by what run rows overflow, job names by what job rows do.
        over_runs = max((width(r) for r in rows if r and not _is_job_row(r)), default=0)
        over_jobs = max((width(r) for r in rows if r and _is_job_row(r)), default=0)
        name_col = max(name_col - max(over_runs + 4 - columns, 0), MIN_FITTED_NAME)
        job_col = max(job_col - max(over_jobs + 4 - columns, 0), MIN_FITTED_NAME)
        rows = _rows(result, msg, jobs, headers, name_col, job_col)
        inner = columns - 2
        rows = [None if r is None else shorten(r, inner - 1) for r in rows]
    return _box(rows, _inner(inner, columns))


MIN_FITTED_NAME = 12  # a name shortened further than this says nothing


def _is_job_row(row: str) -> bool:
    return row[:10].isspace() and row[10:11] in ("├", "└")


def _inner(inner: int, columns: int | None) -> int:
    return inner if columns is None else min(inner, columns - 2)


def _rows(result: SimulationResult, msg: Messages, jobs: bool, headers: bool | None,
          name_col: int, job_col: int) -> list[str | None]:  # fmt: skip
    """The box's rows, names padded (or shortened) to `name_col` cells; None separates groups."""
    groups = waves(result)
    show_headers = len(groups) > 1 if headers is None else headers
    at = _clock_for(result)
    name_w = name_col - 2
    effects: dict[int, list[str]] = {}  # run id -> lines for the events its jobs made
    for effect in result.effects:
        names = [started.name for i in effect.started if (started := result.run(i))]
        what = _names(list(dict.fromkeys(names)), msg) if names else msg.text("effect.nothing")
        effects.setdefault(effect.run, []).append(
            f"{'':10}▶ {one_line(effect.label)}: {msg.text('effect.starts')} {one_line(what)}"
        )
    rows: list[str | None] = []
    for gi, group in enumerate(groups):
        if gi:
            rows.append(None)
        if show_headers:
            first = group[0].runs[0]
            rows.append(f" {at(first.created_at)}  ▶ {one_line(_event_label(first))}")
        for wi, wave in enumerate(group):
            # When a wave's runs come from different upstream runs, say which one caused each:
            # on the arrow (the upstreams' names) and on each row.
            mixed = len({r.caused_by for r in wave.runs}) > 1 and wi > 0
            if wi:
                rows.append(" " * CONNECTOR_INDENT + "│")
                rows.append(" " * CONNECTOR_INDENT + "▼ " + _arrow(result, wave, mixed, msg))
                rows.append("")
            status_col = max(width(run_status(r, msg)) for r in wave.runs) + 2 if mixed else 0
            for run in wave.runs:
                status = run_status(run, msg)
                upstream = result.run(run.caused_by)
                if mixed and upstream is not None:
                    status = pad(status, status_col) + f"← {one_line(upstream.name)}"
                name = shorten(one_line(run.name), name_w)
                rows.append(f" {at(run.shown_at)}  {pad(name, name_col)}{status}")
                if jobs:
                    rows.extend(_job_rows(run, msg, job_col, at))
                rows.extend(effects.get(run.id, []))
    return rows


def _arrow(result: SimulationResult, wave: Wave, mixed: bool, msg: Messages) -> str:
    if not mixed:
        return msg.text("workflow_run_triggered")
    names = dict.fromkeys(one_line(up.name) for r in wave.runs if (up := result.run(r.caused_by)))
    return msg.text("workflow_run_triggered_by", names=_names(list(names), msg))


SHOWN_NAMES = 3  # a line names a few; each row names its own upstream (`← name`)


def _names(names: list[str], msg: Messages) -> str:
    """`A, B, C and 197 more`: a line stays as long as a few names whatever the fan-in (the
    box is as wide as its widest line, so one long line would widen every row)."""
    if len(names) <= SHOWN_NAMES + 1:
        return ", ".join(names)
    return msg.text("names.more", names=", ".join(names[:SHOWN_NAMES]),
                    count=len(names) - SHOWN_NAMES)  # fmt: skip


def _event_label(run: RunRecord) -> str:
    return run.cause_label or run.event


def _clock_for(result: SimulationResult):
    """HH:MM:SS, or MM-DD HH:MM:SS for every row when the runs span several days."""
    times = [t for r in result.runs for t in (r.created_at, r.completed_at) if t is not None]
    # A date only moves forward with time: the runs span several days exactly when the
    # earliest or the latest time falls on another date than the start (two dates to work
    # out, not one per run; whole dates, so a run a year later on the same day counts).
    ends = (min(times), max(times)) if times else ()
    if any(utc_date(result.start, t) != utc_date(result.start, 0) for t in ends):
        return lambda seconds: day_clock(result.start, seconds)
    return lambda seconds: clock(result.start, seconds)


def _job_rows(run: RunRecord, msg: Messages, name_w: int, at) -> list[str]:
    out = []
    jobs = run.jobs
    for i, job in enumerate(jobs):
        branch = "└" if i == len(jobs) - 1 else "├"
        blank = re.sub(r"\d", "-", at(0))  # --:--:-- in the shape of the times shown
        started = at(job.started_at) if job.started_at is not None else blank
        ended = at(job.completed_at) if job.completed_at is not None else blank
        if job.started_at is None and job.status == "completed":
            span = f"{'':{len(blank)}}   {ended}"
        else:
            span = f"{started} → {ended}"
        out.append(
            f"{'':10}{branch} {pad(shorten(one_line(job.name), name_w), name_w)}  {span}  "
            f"{job_status(job, msg)}"
        )
    return out


def _box(rows: list[str | None], inner: int) -> str:
    lines = ["┌" + "─" * inner + "┐"]
    for row in rows:
        if row is None:
            lines.append("├" + "─" * inner + "┤")
        else:
            lines.append("│" + pad(row, inner) + "│")
    lines.append("└" + "─" * inner + "┘")
    return "\n".join(lines)
