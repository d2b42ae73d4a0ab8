"""The part of a repository a change can affect, so a diff costs what the change costs.

A workflow file the change leaves alone runs the same at both revisions unless something it
depends on changed: an upstream it follows through `workflow_run` (or one that follows it),
a reusable workflow it calls (or one that calls it), a concurrency group it shares. The
affected set starts from the files whose bytes differ (added, removed and broken ones
included) and grows along those links at either revision, until it holds still: the changed
files, what follows them downstream, every upstream whose runs deliver their events, and
their concurrency peers. Generated probes are simulated and the audit is run on that set
only; the workflows outside it would give the same runs on both sides, hence no change.
"""

from __future__ import annotations

from simulator.workflow.calls import local_call_path
from simulator.workflow.model import Concurrency, Expr, Workflow, WorkflowSet


def _digests(ws: WorkflowSet) -> dict[str, str]:
    out = {w.rel_path: w.digest for w in ws.workflows}
    out.update({b.rel_path: "broken:" + str(b.first_error) for b in ws.broken})
    return out


def changed_files(base: WorkflowSet, head: WorkflowSet) -> set[str]:
    old, new = _digests(base), _digests(head)
    return {rel for rel in old.keys() | new.keys() if old.get(rel) != new.get(rel)}


def _group(c: Concurrency | None, workflow: str) -> str | None:
    """What two workflows must both have to share a concurrency group: its text, and when it
    names `github.workflow` (the common `${{ github.workflow }}-${{ github.ref }}`) the
    workflow's name too, as that part differs from one workflow to the next."""
    if c is None:
        return None
    text = c.group.text if isinstance(c.group, Expr) else c.group
    return f"{workflow}\0{text}" if "github.workflow" in text.replace(" ", "") else text


def _links(ws: WorkflowSet) -> dict[str, set[str]]:
    """Each file -> the files whose runs it can change or that can change its runs."""
    by_name: dict[str, list[str]] = {}
    groups: dict[str, list[str]] = {}
    for w in ws.workflows:
        by_name.setdefault(w.name, []).append(w.rel_path)
        for c in [w.concurrency, *(j.concurrency for j in w.jobs.values())]:
            group = _group(c, w.name)
            if group is not None:
                groups.setdefault(group, []).append(w.rel_path)
    links: dict[str, set[str]] = {}

    def link(a: str, b: str) -> None:
        links.setdefault(a, set()).add(b)
        links.setdefault(b, set()).add(a)

    for w in ws.workflows:
        trigger = w.trigger("workflow_run")
        for name in trigger.workflows if trigger is not None else ():
            for upstream in by_name.get(name, ()):
                link(w.rel_path, upstream)
        for job in w.jobs.values():
            called = local_call_path(job)
            if called is not None:
                link(w.rel_path, called)
    for members in groups.values():
        for other in members[1:]:
            link(members[0], other)
    return links


def affected(base: WorkflowSet, head: WorkflowSet) -> set[str]:
    """The files whose runs may differ, with everything their runs depend on."""
    todo = list(changed_files(base, head))
    if not todo:
        return set()
    links = _links(base)
    for rel, linked in _links(head).items():
        links.setdefault(rel, set()).update(linked)
    seen = set(todo)
    while todo:
        for near in links.get(todo.pop(), set()):
            if near not in seen:
                seen.add(near)
                todo.append(near)
    return seen


def restricted(ws: WorkflowSet, files: set[str]) -> WorkflowSet:
    """`ws` with only these files (their calls were checked on the whole set already)."""
    keep: list[Workflow] = [w for w in ws.workflows if w.rel_path in files]
    return WorkflowSet(ws.folder, keep, [b for b in ws.broken if b.rel_path in files])
