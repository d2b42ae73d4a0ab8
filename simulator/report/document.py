"""The sync-test report as a document: built once, rendered to Markdown or HTML.

Four sections as in the seed report (timeline, summary, architecture, triggers), with a
verdict and a conclusion derived from the simulation, never typed by hand.
"""

from __future__ import annotations

from msgspec import Struct, field

from simulator.core.diagnostics import Diagnostic
from simulator.core.reasons import Reason
from simulator.core.timeparse import clock
from simulator.engine.records import RunRecord, SimulationResult
from simulator.report import architecture as arch_mod
from simulator.report.graph_text import draw_architecture
from simulator.report.inline import BREAK, Inline, bold, code, joined, plain
from simulator.report.mermaid import flowchart, gantt
from simulator.report.messages import Messages, catalogue
from simulator.report.reason_inline import reason_inline
from simulator.report.timeline import MARKS, render_timeline, waves
from simulator.workflow.model import Workflow


class Heading(Struct):
    level: int
    text: str


class Paragraph(Struct):
    text: Inline


class Table(Struct):
    header: list[Inline]
    rows: list[list[Inline]]


class Pre(Struct):
    text: str


class Diagram(Struct):
    """A picture: Mermaid source in Markdown; the HTML renderer draws its own SVG instead."""

    kind: str  # "gantt" or "flowchart"
    mermaid: str


class Document(Struct):
    lang: str
    title: str
    blocks: list = field(default_factory=list)
    result: SimulationResult | None = None


def build_report(outcome, lang: str = "en", problems: list[Diagnostic] | None = None) -> Document:
    """`problems`: the wiring errors `ghasim check` finds in the workflows (the caller runs
    the checks: a report reads results, it does not lint)."""
    msg = catalogue(lang)
    scenario, workflows, result = outcome.scenario, outcome.workflows, outcome.result
    labels = {}
    for key, label in scenario.labels.items():
        wf = workflows.find(key)
        if wf is not None:
            labels[wf.name] = label
    arch = arch_mod.build(workflows, msg, labels)
    problems = [d for d in problems or [] if d.severity == "error"]
    doc = Document(lang, msg.text("report.title"), result=result)
    add = doc.blocks.append
    add(Heading(1, msg.text("report.title")))
    add(Paragraph(bold(f"{msg.text('report.date')}:") + plain(f" {scenario.start.date().isoformat()}")
                  + BREAK + bold(f"{msg.text('report.scenario')}:") + plain(f" {scenario.name}")))  # fmt: skip
    add(Heading(2, msg.text("report.problems" if problems else "report.works")))
    add(Pre(render_timeline(result, lang=lang)))
    add(Paragraph(legend(result, msg)))
    add(Diagram("gantt", gantt(result, title=scenario.name, lang=lang)))
    add(Heading(2, msg.text("report.summary")))
    add(Table([plain(msg.text("col.workflow")), plain(msg.text("col.status")),
               plain(msg.text("col.comment"))],
              [[bold(run.name), plain(table_status(run, msg)), comment(run, result, arch, msg)]
               for group in waves(result) for wave in group for run in wave.runs]))  # fmt: skip
    add(Heading(2, msg.text("report.conclusion")))
    add(Paragraph(conclusion(result, arch, msg, problems)))
    add(Heading(2, msg.text("report.architecture")))
    add(Pre(draw_architecture(arch, msg)))
    add(Diagram("flowchart", flowchart(arch, msg)))
    add(Heading(2, msg.text("report.triggers")))
    add(Table([plain(msg.text("col.workflow")), plain(msg.text("col.triggered_by"))],
              [[bold(wf.name), arch_mod.triggered_by(arch, wf, msg)]
               for wf in chain_order(arch)]))  # fmt: skip
    return doc


def legend(result: SimulationResult, msg: Messages) -> Inline:
    """The marks the timeline shows, each with its meaning: `✓ success · ✗ failure ...`."""
    shown: dict[str, list[str]] = {}
    for run in result.runs:
        for status in [run.conclusion or run.status] + [j.conclusion or j.status for j in run.jobs]:
            mark = MARKS.get(status)
            if mark is not None and msg.status(status) not in shown.setdefault(mark, []):
                shown[mark].append(msg.status(status))
    entries = [f"{mark} {' / '.join(words)}" for mark, words in shown.items()]
    return bold(f"{msg.text('report.marks')}:") + plain(" " + " · ".join(entries))


def table_status(run: RunRecord, msg: Messages) -> str:
    """The summary's status: like the timeline's, but a running run reads `⏳ running`."""
    if run.status == "in_progress":
        return f"{MARKS['in_progress']} {msg.status('running')}"
    if run.status != "completed":
        return f"{MARKS.get(run.status, '…')} {msg.status(run.status)}"
    conclusion = run.conclusion or "success"
    return f"{MARKS.get(conclusion, '?')} {msg.status(conclusion)}"


def comment(run: RunRecord, result: SimulationResult, arch, msg: Messages) -> Inline:
    upstream = result.run(run.caused_by)
    if upstream is None:
        text = msg.spans("comment.entry")
    else:
        text = msg.spans("comment.after", upstream=arch.label(upstream.workflow))
    if run.status == "in_progress":
        running = [j.name for j in run.jobs if j.status == "in_progress"]
        if running:
            text = msg.spans("comment.running", comment=text, job=", ".join(running))
    elif run.status != "completed":
        text = msg.spans("comment.waiting", comment=text, status=msg.status(run.status))
    elif run.conclusion == "failure":
        failed = run.failed_jobs()
        if failed:
            text = msg.spans("comment.failed", comment=text, job=", ".join(j.name for j in failed))
    elif run.conclusion in ("skipped", "cancelled"):
        reason = next((j.reason for j in run.jobs if j.conclusion == run.conclusion), run.reason)
        why = reason.detail.text(msg.lang, "bare") if reason is not None else ""
        key = "comment.skipped" if run.conclusion == "skipped" else "comment.cancelled"
        text = msg.spans(key, comment=text, reason=why or run.conclusion or "")
    return text


def conclusion(result: SimulationResult, arch, msg: Messages, problems) -> Inline:
    chained = sum(1 for r in result.runs if r.caused_by is not None)
    parts = [msg.spans("conclusion.works", runs=len(result.runs), chained=chained)]
    failed = [r for r in result.runs if r.conclusion == "failure" and r.failed_jobs()]
    if failed:
        names = ", ".join(dict.fromkeys(arch.label(r.workflow) for r in failed))
        jobs = ", ".join(dict.fromkeys(j.name for r in failed for j in r.failed_jobs()))
        parts.append(msg.spans("conclusion.job_failures", names=names, jobs=jobs))
    running = [r for r in result.runs if r.status != "completed"]
    if running and result.until is not None:
        names = ", ".join(arch.label(r.workflow) for r in running)
        parts.append(msg.spans("conclusion.running", time=clock(result.start, result.until),
                               names=names))  # fmt: skip
    ran = {r.name for r in result.runs}
    missing: dict[str, Reason] = {}
    for item in result.not_triggered:
        if item.workflow not in ran:
            missing.setdefault(item.workflow, item.reason)
    if missing:
        items = joined((plain(f"{name} (") + reason_inline(reason, msg.lang) + plain(")")
                        for name, reason in missing.items()), "; ")  # fmt: skip
        parts.append(msg.spans("conclusion.not_started", items=items))
    if problems:
        items = joined((code(f"{d.pos}: {d.message}") for d in problems[:3]), "; ")
        parts.append(msg.spans("conclusion.problems", items=items))
    return joined(parts, " ")


def chain_order(arch) -> list:
    """Workflows in the order a reader follows the chain: each entry point's chain level by
    level; path-filtered (independent) entries after the others; the rest last."""
    roots = [w for w in arch.workflows if arch.entries_of(w)]
    alone = {w.rel_path for w in roots if any(e.independent for e in arch.entries_of(w))}
    placed: dict[str, Workflow] = {}  # insertion-ordered: the order
    groups = (
        [w for w in roots if w.rel_path not in alone],
        [w for w in roots if w.rel_path in alone],
    )
    for group in groups:
        frontier = list(group)
        while frontier:
            nxt: list[Workflow] = []
            for wf in frontier:
                if wf.rel_path not in placed:
                    placed[wf.rel_path] = wf
                    nxt.extend(link.listener for link in arch.listeners_of(wf))
            frontier = nxt
    return [*placed.values(), *(w for w in arch.workflows if w.rel_path not in placed)]
