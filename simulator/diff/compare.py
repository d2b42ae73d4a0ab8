"""What fires differently between two revisions, for one probe (a scenario), and why on each
side. Reasons stay data (simulator.core.reasons) so that every format renders them its way."""

from __future__ import annotations

from msgspec import Struct, field

from simulator.core.reasons import Reason, joined, reason_json
from simulator.core.timeparse import clock, format_duration
from simulator.engine.records import RunRecord, SimulationResult
from simulator.report.why import why_concluded, why_not_run
from simulator.workflow.model import WorkflowSet

# How a change reads in a plan: + starts now, - no longer starts, ~ starts differently.
SIGN = {"starts": "+", "stops": "-", "runs": "~", "conclusion": "~", "timing": "~"}


class Change(Struct, frozen=True):
    workflow: str
    file: str
    kind: str  # starts | stops | runs | conclusion | timing
    before: str
    after: str
    why_before: str  # a Reason where the simulation gave one
    why_after: str

    @property
    def sign(self) -> str:
        return SIGN[self.kind]

    @property
    def why(self) -> str:
        """The reason a reader needs: why it runs now, or why it no longer does."""
        return self.why_after or self.why_before

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
                "sign": self.sign, "before": self.before, "after": self.after,
                "why_before": reason_json(self.why_before or None),
                "why_after": reason_json(self.why_after or None)}  # fmt: skip


class ScenarioDiff(Struct):
    """One probe on both revisions: its changes, or why it could not be simulated."""

    name: str
    event: str
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    not_simulated: str | None = None  # why (an error on one side or both): never a change
    pull_request: bool = False  # the probe is a pull request (its checks gate a merge)
    started_before: tuple[str, ...] = ()  # the files that start a run at the base revision
    started_after: tuple[str, ...] = ()  # and at the head

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    def to_json(self) -> dict:
        return {"scenario": self.name, "event": self.event, "changed": self.changed,
                "simulated": self.not_simulated is None, "not_simulated": self.not_simulated,
                "changes": [c.to_json() for c in self.changes], "notes": self.notes}  # fmt: skip


def _by_file(result: SimulationResult) -> dict[str, list[RunRecord]]:
    out: dict[str, list[RunRecord]] = {}
    for run in result.runs:
        out.setdefault(run.file, []).append(run)
    return out


def _reason_not_started(name: str, file: str, result, workflows: WorkflowSet) -> Reason:
    if not any(w.rel_path == file for w in workflows.workflows):
        broken = next((b for b in workflows.broken if b.rel_path == file), None)
        if broken is not None:
            return Reason("file.invalid", "§1.11", error=str(broken.first_error))
        return Reason("file.absent")
    why = why_not_run(name, result, workflows)
    return why.cause or why


def _count(runs: list[RunRecord]) -> str:
    return f"{len(runs)} run{'s' if len(runs) != 1 else ''}"


def _started(runs: list[RunRecord]) -> str:
    reasons = list(dict.fromkeys(r.trigger_reason for r in runs if r.trigger_reason))
    if len(reasons) == 1:
        return reasons[0]
    return joined(reasons) if reasons else ""


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
    diff.started_before, diff.started_after = tuple(sorted(old)), tuple(sorted(new))
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


def edited_listeners(base: WorkflowSet, head: WorkflowSet) -> list[str]:
    """Files with default-branch-only triggers (workflow_run ...) edited on the head revision."""
    old = {w.rel_path: w.digest for w in base.workflows}
    return [w.rel_path for w in head.workflows
            if w.trigger("workflow_run") is not None and old.get(w.rel_path) != w.digest]  # fmt: skip


class RollUp(Struct):
    """One workflow's change across the probes: `Deploy: no longer starts in 6 of 14 probes,
    because <the most frequent reason>`."""

    workflow: str
    file: str
    sign: str  # + - ~
    probes: list[str]
    total: int
    why: str

    @property
    def verb(self) -> str:
        return {"+": "starts now", "-": "no longer starts", "~": "starts differently"}[self.sign]

    def to_json(self) -> dict:
        return {"workflow": self.workflow, "file": self.file, "sign": self.sign,
                "change": self.verb, "probes": self.probes, "of": self.total,
                "why": reason_json(self.why or None)}  # fmt: skip


def roll_up(diffs: list[ScenarioDiff]) -> list[RollUp]:
    """Per workflow and kind of change, the probes where it happens and the commonest why."""
    groups: dict[tuple[str, str], list[tuple[str, Change]]] = {}
    for diff in diffs:
        for change in diff.changes:
            groups.setdefault((change.file, change.sign), []).append((diff.name, change))
    out = []
    for (file, sign), found in groups.items():
        reasons: dict[str, int] = {}
        first: dict[str, str] = {}
        for _, change in found:
            text = change.sentence("") if sign == "~" else str(change.why)
            reasons[text] = reasons.get(text, 0) + 1
            first.setdefault(text, change.why if sign != "~" else _change_text(change))
        commonest = max(reasons, key=lambda t: reasons[t])
        probes = list(dict.fromkeys(name for name, _ in found))
        out.append(RollUp(found[0][1].workflow, file, sign, probes, len(diffs), first[commonest]))
    order = {"-": 0, "+": 1, "~": 2}
    return sorted(out, key=lambda r: (order[r.sign], -len(r.probes), r.workflow, r.file))


def _change_text(change: Change) -> str:
    if change.kind == "runs":
        return f"{change.before} → {change.after}"
    if change.kind == "conclusion":
        return f"concludes {change.after} instead of {change.before}"
    return f"starts at {change.after} instead of {change.before}"
