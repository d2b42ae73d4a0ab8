"""What a change does to workflows in place, whatever any probe shows: a workflow renamed,
jobs added, removed or renamed (their check names), a job's `if:` edited, concurrency and
permissions changed, `workflow_run` listeners that gain or lose a workflow as upstream; and
the required checks (`.ghasim.yml` `required_checks`) the change removes or leaves Pending."""

from __future__ import annotations

from msgspec import Struct

from simulator.workflow.model import Concurrency, Expr, Job, Permissions, Workflow, WorkflowSet


class Edit(Struct, frozen=True):
    """One in-place change of a workflow file."""

    workflow: str
    file: str
    kind: str  # renamed | job_added | job_removed | job_renamed | job_if | concurrency | ...
    text: str
    checks: tuple[str, ...] = ()  # the check names it adds, removes or renames

    def to_json(self) -> dict:
        return {"workflow": self.workflow, "file": self.file, "kind": self.kind,
                "text": self.text, "checks": list(self.checks)}  # fmt: skip


def _text(value: str | Expr | bool | None) -> str:
    if isinstance(value, Expr):
        return value.text
    return "" if value is None else str(value)


def _concurrency(c: Concurrency | None) -> str:
    return "none" if c is None else f"group {_text(c.group)!r}, cancel-in-progress " + (
        _text(c.cancel_in_progress).lower())  # fmt: skip


def _permissions(p: Permissions | None) -> str:
    if p is None:
        return "the default"
    if p.kind != "map":
        return p.kind
    return "{" + ", ".join(f"{s}: {level}" for s, level in p.scopes) + "}"


def structural_edits(base: WorkflowSet, head: WorkflowSet) -> list[Edit]:
    """Every in-place change, file by file in path order."""
    old = {w.rel_path: w for w in base.workflows}
    new = {w.rel_path: w for w in head.workflows}
    out = _presence(base, head)
    for rel in sorted(old.keys() & new.keys()):
        out += _edits(old[rel], new[rel])
    out += _upstreams(base, head)
    return out


def _presence(base: WorkflowSet, head: WorkflowSet) -> list[Edit]:
    """Files added, removed, made invalid or valid: a change even where no probe can show it
    (a dispatch-only or workflow_call-only workflow deleted)."""
    old = {w.rel_path: w for w in base.workflows}
    new = {w.rel_path: w for w in head.workflows}
    old_broken = {b.rel_path: b for b in base.broken}
    new_broken = {b.rel_path: b for b in head.broken}
    out = []
    for rel in sorted(old.keys() | new.keys() | old_broken.keys() | new_broken.keys()):
        a, b = old.get(rel), new.get(rel)
        if a is not None and b is None:
            broken = new_broken.get(rel)
            text = (f"now invalid: {broken.first_error}" if broken is not None
                    else "workflow removed: its runs and check names go")  # fmt: skip
            checks = tuple(j.display_name for j in a.jobs.values())
            out.append(Edit(a.name, rel, "invalid" if broken else "removed", text, checks))
        elif a is None and b is not None:
            text = "now valid" if rel in old_broken else "workflow added"
            checks = tuple(j.display_name for j in b.jobs.values())
            out.append(Edit(b.name, rel, "valid" if rel in old_broken else "added", text, checks))
    return out


def _edits(a: Workflow, b: Workflow) -> list[Edit]:
    out = []

    def edit(kind: str, text: str, checks: tuple[str, ...] = ()) -> None:
        out.append(Edit(b.name, b.rel_path, kind, text, checks))

    if a.name != b.name:
        edit("renamed", f"renamed {a.name!r} → {b.name!r}: its check names change "
             f"({a.name} / … → {b.name} / …) and workflow_run listeners must follow",
             tuple(f"{n} / {j.display_name}" for n in (a.name, b.name)
                   for j in (a if n == a.name else b).jobs.values()))  # fmt: skip
    for job_id in [j for j in a.jobs if j not in b.jobs]:
        name = a.jobs[job_id].display_name
        edit("job_removed", f"job {job_id!r} removed: check {name!r} is no longer reported",
             (name,))  # fmt: skip
    for job_id in [j for j in b.jobs if j not in a.jobs]:
        name = b.jobs[job_id].display_name
        edit("job_added", f"job {job_id!r} added: check {name!r}", (name,))
    for job_id in [j for j in a.jobs if j in b.jobs]:
        out += _job_edits(b, a.jobs[job_id], b.jobs[job_id])
    if _concurrency(a.concurrency) != _concurrency(b.concurrency):
        edit("concurrency", f"concurrency: {_concurrency(a.concurrency)} → "
             f"{_concurrency(b.concurrency)}")  # fmt: skip
    if _permissions(a.permissions) != _permissions(b.permissions):
        edit("permissions", f"permissions: {_permissions(a.permissions)} → "
             f"{_permissions(b.permissions)}")  # fmt: skip
    return out


def _job_edits(wf: Workflow, a: Job, b: Job) -> list[Edit]:
    out = []
    if a.display_name != b.display_name:
        out.append(Edit(wf.name, wf.rel_path, "job_renamed", f"job {b.id!r} renamed "
                        f"{a.display_name!r} → {b.display_name!r}: its check name changes",
                        (a.display_name, b.display_name)))  # fmt: skip
    if _text(a.if_) != _text(b.if_):
        out.append(Edit(wf.name, wf.rel_path, "job_if", f"job {b.id!r} if: "
                        f"{_text(a.if_) or '(none)'!r} → {_text(b.if_) or '(none)'!r}"))  # fmt: skip
    if _concurrency(a.concurrency) != _concurrency(b.concurrency):
        out.append(Edit(wf.name, wf.rel_path, "concurrency", f"job {b.id!r} concurrency: "
                        f"{_concurrency(a.concurrency)} → {_concurrency(b.concurrency)}"))  # fmt: skip
    if _permissions(a.permissions) != _permissions(b.permissions):
        out.append(Edit(wf.name, wf.rel_path, "permissions", f"job {b.id!r} permissions: "
                        f"{_permissions(a.permissions)} → {_permissions(b.permissions)}"))  # fmt: skip
    return out


def _listeners(ws: WorkflowSet) -> dict[str, set[str]]:
    """Upstream file -> the listener files whose workflow_run names it (§5.2: by name)."""
    by_name: dict[str, list[str]] = {}
    for w in ws.workflows:
        by_name.setdefault(w.name, []).append(w.rel_path)
    out: dict[str, set[str]] = {}
    for listener in ws.workflows:
        trigger = listener.trigger("workflow_run")
        for name in trigger.workflows if trigger is not None else ():
            for upstream in by_name.get(name, ()):
                out.setdefault(upstream, set()).add(listener.rel_path)
    return out


def _upstreams(base: WorkflowSet, head: WorkflowSet) -> list[Edit]:
    before, after = _listeners(base), _listeners(head)
    names = {w.rel_path: w.name for w in base.workflows} | {
        w.rel_path: w.name for w in head.workflows}  # fmt: skip
    out = []
    for upstream in sorted(before.keys() | after.keys()):
        lost = sorted(before.get(upstream, set()) - after.get(upstream, set()))
        gained = sorted(after.get(upstream, set()) - before.get(upstream, set()))
        for listener in lost:
            out.append(Edit(names[listener], listener, "upstream_lost",
                            f"no longer follows {names[upstream]!r} (workflow_run)"))  # fmt: skip
        for listener in gained:
            out.append(Edit(names[listener], listener, "upstream_gained",
                            f"now follows {names[upstream]!r} (workflow_run)"))  # fmt: skip
    return out


class CheckRisk(Struct, frozen=True):
    """A required check the change removes, or leaves Pending on a pull request."""

    check: str
    kind: str  # removed | pending
    text: str

    def to_json(self) -> dict:
        return {"check": self.check, "kind": self.kind, "text": self.text}


def _producers(ws: WorkflowSet, check: str) -> list[Workflow]:
    return [w for w in ws.workflows
            if check in {w.name, *w.jobs, *(j.display_name for j in w.jobs.values())}]  # fmt: skip


PullRequestRuns = tuple[str, set[str], set[str]]  # probe, files started at base, at head


def required_check_risks(required: list[str], base: WorkflowSet, head: WorkflowSet,
                         pull_requests: list[PullRequestRuns]) -> list[CheckRisk]:  # fmt: skip
    """A check no workflow reports any more is removed; one that some workflow reported on
    a pull request probe at the base revision and none reports at the head stays Pending
    there, blocking the merge (§2.11)."""
    out = []
    for check in required:
        before = {w.rel_path for w in _producers(base, check)}
        after = {w.rel_path for w in _producers(head, check)}
        if before and not after:
            out.append(CheckRisk(check, "removed", f"required check {check!r}: no workflow "
                                 "reports it any more, so every pull request waits for it"))  # fmt: skip
            continue
        for probe, started_before, started_after in pull_requests:
            if before & started_before and not after & started_after:
                out.append(CheckRisk(check, "pending", f"required check {check!r} stays "
                                     f"Pending on {probe}: no workflow reporting it starts "
                                     "there any more (§2.11)"))  # fmt: skip
                break
    return out
