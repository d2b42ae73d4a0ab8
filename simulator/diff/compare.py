"""What fires differently between two revisions, for one scenario, and why on each side."""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.core.timeparse import clock, format_duration
from simulator.engine.records import RunRecord, SimulationResult
from simulator.report.why import why_concluded, why_not_run
from simulator.workflow.model import WorkflowSet


@dataclass(frozen=True)
class Change:
    workflow: str
    file: str
    kind: str  # starts | stops | runs | conclusion | timing
    before: str
    after: str
    why_before: str
    why_after: str

    def sentence(self, event: str) -> str:
        if self.kind == "starts":
            return f"{self.workflow} now starts on {event}: {self.why_after}"
        if self.kind == "stops":
            return f"{self.workflow} no longer starts on {event}: {self.why_after}"
        if self.kind == "runs":
            return f"{self.workflow}: {self.before} → {self.after}"
        if self.kind == "conclusion":
            return f"{self.workflow} concludes {self.after} instead of {self.before}"
        return f"{self.workflow} starts at {self.after} instead of {self.before}"

    def to_json(self) -> dict:
        return {"workflow": self.workflow, "file": self.file, "kind": self.kind,
                "before": self.before, "after": self.after,
                "why_before": self.why_before, "why_after": self.why_after}  # fmt: skip


@dataclass
class ScenarioDiff:
    name: str
    event: str
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.changes) or self.error is not None

    def to_json(self) -> dict:
        return {"scenario": self.name, "event": self.event, "changed": self.changed,
                "changes": [c.to_json() for c in self.changes], "notes": self.notes,
                "error": self.error}  # fmt: skip


def _by_file(result: SimulationResult) -> dict[str, list[RunRecord]]:
    out: dict[str, list[RunRecord]] = {}
    for run in result.runs:
        out.setdefault(run.file, []).append(run)
    return out


def _reason_not_started(name: str, file: str, result, workflows: WorkflowSet) -> str:
    if not any(w.rel_path == file for w in workflows.workflows):
        broken = next((b for b in workflows.broken if b.rel_path == file), None)
        if broken is not None:
            return f"its file is invalid: {broken.first_error}"
        return "the file does not exist at this revision"
    why = why_not_run(name, result, workflows)
    return str(why.cause or why)


def _count(runs: list[RunRecord]) -> str:
    return f"{len(runs)} run{'s' if len(runs) != 1 else ''}"


def _started(runs: list[RunRecord]) -> str:
    return "; ".join(dict.fromkeys(str(r.trigger_reason or "") for r in runs))


def compare(
    name: str,
    event: str,
    before: SimulationResult,
    after: SimulationResult,
    base: WorkflowSet,
    head: WorkflowSet,
) -> ScenarioDiff:
    diff = ScenarioDiff(name, event)
    old, new = _by_file(before), _by_file(after)
    names = {w.rel_path: w.name for w in base.workflows} | {
        w.rel_path: w.name for w in head.workflows
    }
    files = sorted(set(old) | set(new), key=lambda f: (min(
        [r.id for r in old.get(f, []) + new.get(f, [])]), f))  # fmt: skip
    for file in files:
        a, b = old.get(file, []), new.get(file, [])
        label = names.get(file, file)
        if not a:
            reason = _reason_not_started(label, file, before, base)
            diff.changes.append(Change(label, file, "starts", "not started", _count(b),
                                       reason, _started(b)))  # fmt: skip
            continue
        if not b:
            reason = _reason_not_started(label, file, after, head)
            diff.changes.append(Change(label, file, "stops", _count(a), "not started",
                                       _started(a), reason))  # fmt: skip
            continue
        if len(a) != len(b):
            diff.changes.append(Change(label, file, "runs", _count(a), _count(b),
                                       _started(a), _started(b)))  # fmt: skip
        ca, cb = a[-1].conclusion or a[-1].status, b[-1].conclusion or b[-1].status
        if ca != cb:
            diff.changes.append(Change(label, file, "conclusion", str(ca), str(cb),
                                       why_concluded(a[-1], before), why_concluded(b[-1], after)))  # fmt: skip
        elif len(a) == len(b) and a[0].shown_at != b[0].shown_at:
            shift = b[0].shown_at - a[0].shown_at
            sign = "+" if shift > 0 else "-"
            diff.changes.append(Change(
                label, file, "timing", clock(before.start, a[0].shown_at),
                f"{clock(after.start, b[0].shown_at)} ({sign}{format_duration(abs(shift))})",
                "", ""))  # fmt: skip
    return diff


def renames(base: WorkflowSet, head: WorkflowSet) -> list[str]:
    old = {w.rel_path: w.name for w in base.workflows}
    return [f"{w.file_name}: renamed '{old[w.rel_path]}' → '{w.name}'"
            for w in head.workflows if w.rel_path in old and old[w.rel_path] != w.name]  # fmt: skip


def edited_listeners(base: WorkflowSet, head: WorkflowSet) -> list[str]:
    """Files with default-branch-only triggers (workflow_run ...) edited on the head revision."""
    old = {w.rel_path: w.digest for w in base.workflows}
    return [w.rel_path for w in head.workflows
            if w.trigger("workflow_run") is not None and old.get(w.rel_path) != w.digest]  # fmt: skip
