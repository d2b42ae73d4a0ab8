"""The static architecture of a workflows folder: who triggers whom (for graphs and reports).

Entry points (events that start workflows), `workflow_run` links labelled with their types,
branches and whether the listener really gates on the upstream's success, and
`workflow_call` links. Built from the workflow files alone; no simulation.
"""

from __future__ import annotations

from functools import cached_property

from msgspec import Struct, field

from simulator.report.inline import Inline, code, joined, plain, text_of
from simulator.report.messages import Messages
from simulator.rules.job_gates import gates_on_success
from simulator.workflow.calls import local_call_path
from simulator.workflow.model import Workflow, WorkflowSet

SHOWN_PATHS = 3  # "Push on `a`, `b`, `c`, etc."


class RunLink(Struct):
    upstream: Workflow
    listener: Workflow
    types: tuple[str, ...] | None
    branches: str | None  # "main" or "!feature/*", as written
    on_success: bool


class CallLink(Struct):
    caller: Workflow
    called: Workflow
    job: str


class Entry(Struct):
    """An event source that starts workflows directly."""

    label: Inline
    workflows: list[Workflow] = field(default_factory=list)
    independent: bool = False  # a path-filtered push: starts on its own


class Architecture(Struct, dict=True):
    workflows: list[Workflow]
    entries: list[Entry]
    runs: list[RunLink]
    calls: list[CallLink]
    labels: dict[str, str]

    def label(self, wf: Workflow) -> str:
        return self.labels.get(wf.name) or wf.name

    # Indexes built once: every lookup is O(its answer), so drawings stay linear.
    @cached_property
    def _downstream(self) -> dict[str, list[RunLink]]:
        out: dict[str, list[RunLink]] = {}
        for link in self.runs:
            out.setdefault(link.upstream.rel_path, []).append(link)
        return out

    @cached_property
    def _upstream(self) -> dict[str, list[RunLink]]:
        out: dict[str, list[RunLink]] = {}
        for link in self.runs:
            out.setdefault(link.listener.rel_path, []).append(link)
        return out

    @cached_property
    def _entries_of(self) -> dict[str, list[Entry]]:
        out: dict[str, list[Entry]] = {}
        for entry in self.entries:
            for wf in entry.workflows:
                out.setdefault(wf.rel_path, []).append(entry)
        return out

    @cached_property
    def _callers_of(self) -> dict[str, list[CallLink]]:
        out: dict[str, list[CallLink]] = {}
        for call in self.calls:
            out.setdefault(call.called.rel_path, []).append(call)
        return out

    def listeners_of(self, wf: Workflow) -> list[RunLink]:
        return self._downstream.get(wf.rel_path, [])

    def upstream_links(self, wf: Workflow) -> list[RunLink]:
        return self._upstream.get(wf.rel_path, [])

    def entries_of(self, wf: Workflow) -> list[Entry]:
        return self._entries_of.get(wf.rel_path, [])

    def callers_of(self, wf: Workflow) -> list[CallLink]:
        return self._callers_of.get(wf.rel_path, [])


def build(
    workflows: WorkflowSet, msg: Messages, labels: dict[str, str] | None = None
) -> Architecture:
    labels = labels or {}
    wfs = workflows.workflows
    by_name: dict[str, list[Workflow]] = {}
    for wf in wfs:
        by_name.setdefault(wf.name, []).append(wf)
    runs = []
    for listener in wfs:
        trigger = listener.trigger("workflow_run")
        if trigger is None:
            continue
        flt = trigger.filter("branches") or trigger.filter("branches-ignore")
        branches = None
        if flt is not None:
            prefix = "!" if flt.is_ignore else ""
            branches = ", ".join(prefix + s for s in flt.sources)
        for name in trigger.workflows:
            for upstream in by_name.get(name, []):
                runs.append(RunLink(upstream, listener, trigger.types, branches,
                                    gates_on_success(listener)))  # fmt: skip
    calls = []
    by_path = {w.rel_path: w for w in wfs}
    for caller in wfs:
        for job in caller.jobs.values():
            called = by_path.get(local_call_path(job) or "")
            if called is not None:
                calls.append(CallLink(caller, called, job.id))
    entries: dict[Inline, Entry] = {}
    for wf in wfs:
        for label, independent in entry_labels(wf, msg):
            entry = entries.setdefault(label, Entry(label, independent=independent))
            entry.workflows.append(wf)
    return Architecture(wfs, list(entries.values()), runs, calls, labels)


def entry_labels(wf: Workflow, msg: Messages) -> list[tuple[Inline, bool]]:
    """The event sources that start `wf` directly (not workflow_run / workflow_call)."""
    out: list[tuple[Inline, bool]] = []
    push, pr = wf.trigger("push"), wf.trigger("pull_request")
    handled = set()
    if push is not None:
        handled.add("push")
        paths = push.filter("paths")
        if paths is not None:
            out.append((msg.spans("trigger.push_paths", paths=_paths(paths.sources, msg)), True))
        else:
            same = pr is not None and _branches(pr) == _branches(push) and not pr.filter("paths")
            if same:
                handled.add("pull_request")
            key = "trigger.push_pr" if same else "trigger.push"
            out.append((_with_branches(key, push, msg), False))
    if pr is not None and "pull_request" not in handled:
        out.append((_with_branches("trigger.pr", pr, msg), False))
    for event, trigger in wf.triggers.items():
        if event in ("push", "pull_request", "workflow_run", "workflow_call"):
            continue
        if event == "schedule":
            crons = joined((code(c.cron) for c in trigger.crons), ", ")
            out.append((msg.spans("trigger.schedule", crons=crons), False))
        elif event == "workflow_dispatch":
            out.append((msg.spans("trigger.dispatch"), False))
        else:
            out.append((code(event), False))
    return out


def _branches(trigger) -> str:
    flt = trigger.filter("branches")
    if flt is not None:
        return "/".join(flt.sources)
    ignore = trigger.filter("branches-ignore")
    if ignore is not None:
        return "!" + "/!".join(ignore.sources)
    return ""


def _with_branches(key: str, trigger, msg: Messages) -> Inline:
    branches = _branches(trigger)
    if branches:
        return msg.spans(key, branches=branches)
    return msg.spans(key + "_any")


def _paths(sources: tuple[str, ...], msg: Messages) -> Inline:
    shown = joined((code(s) for s in sources[:SHOWN_PATHS]), ", ")
    return shown + (plain(msg.text("trigger.etc")) if len(sources) > SHOWN_PATHS else ())


def triggered_by(arch: Architecture, wf: Workflow, msg: Messages) -> Inline:
    """The trigger table's cell: "Push/PR on master/main", "Success of MLflow or DVC" ..."""
    parts = [label for label, _ in entry_labels(wf, msg)]
    links = arch.upstream_links(wf)
    if links:
        names = msg.text("or").join(dict.fromkeys(arch.label(link.upstream) for link in links))
        key = "trigger.success_of" if all(link.on_success for link in links) else "trigger.end_of"
        parts.append(msg.spans(key, names=names))
    callers = arch.callers_of(wf)
    if callers:
        names = msg.text("or").join(dict.fromkeys(arch.label(c.caller) for c in callers))
        parts.append(msg.spans("trigger.called_by", names=names))
    return joined(parts, "; ") or msg.spans("trigger.none")


def job_chain(wf: Workflow) -> str:
    """`lint → test → build-check`: the jobs in dependency order (parallel ones with ', ')."""
    levels: list[list[str]] = []
    placed: dict[str, int] = {}
    remaining = dict(wf.jobs)
    while remaining:
        ready = [j for j, job in remaining.items() if all(n in placed for n in job.needs)]
        if not ready:
            break
        level = len(levels)
        levels.append(ready)
        for j in ready:
            placed[j] = level
            del remaining[j]
    return " → ".join(", ".join(level) for level in levels)


class GraphNode(Struct, frozen=True):
    id: str
    label: str
    kind: str  # "event" or "workflow"


class GraphEdge(Struct, frozen=True):
    source: str
    target: str
    label: str | None
    style: str  # "trigger", "independent" (a path-filtered push), "workflow_run", "call"


def link_label(link: RunLink, msg: Messages) -> str:
    """`workflow_run: completed · main · on success`."""
    parts = [", ".join(link.types) if link.types else msg.text("arch.all_activities")]
    if link.branches:
        parts.append(link.branches)
    if link.on_success:
        parts.append(msg.text("arch.if_success"))
    return "workflow_run: " + " · ".join(parts)


def graph(arch: Architecture, msg: Messages) -> tuple[list[GraphNode], list[GraphEdge]]:
    """The architecture as nodes and edges: what Mermaid, DOT (and any other picture) draw."""
    ids = {wf.rel_path: f"w{i}" for i, wf in enumerate(arch.workflows)}
    nodes = [GraphNode(f"e{i}", text_of(entry.label, code_marks=False), "event")
             for i, entry in enumerate(arch.entries)]  # fmt: skip
    nodes += [GraphNode(ids[wf.rel_path], arch.label(wf), "workflow") for wf in arch.workflows]
    edges = [
        GraphEdge(
            f"e{i}", ids[wf.rel_path], None, "independent" if entry.independent else "trigger"
        )
        for i, entry in enumerate(arch.entries)
        for wf in entry.workflows
    ]
    edges += [GraphEdge(ids[link.upstream.rel_path], ids[link.listener.rel_path],
                        link_label(link, msg), "workflow_run") for link in arch.runs]  # fmt: skip
    edges += [GraphEdge(ids[c.caller.rel_path], ids[c.called.rel_path],
                        f"{msg.text('arch.calls')} ({c.job})", "call") for c in arch.calls]  # fmt: skip
    return nodes, edges
