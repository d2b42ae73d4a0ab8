"""`ghasim diff`: the same scenarios against two revisions, and what fires differently."""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct, field

from simulator.core import git
from simulator.core.diagnostics import Diagnostic, GhasimError
from simulator.core.events import Dispatch, PullRequest, Repository
from simulator.core.progress import Progress, silent
from simulator.diff.closure import affected, restricted
from simulator.diff.compare import (
    RollUp,
    ScenarioDiff,
    compare,
    edited_listeners,
    roll_up,  # fmt: skip
)
from simulator.diff.standard import is_post_merge, standard_scenarios, witness_scenarios
from simulator.diff.structure import (
    CheckRisk,
    Edit,
    PullRequestRuns,
    required_check_risks,
    structural_edits,
)
from simulator.engine.simulation import simulate
from simulator.scenario.loader import load_scenario
from simulator.scenario.model import Scenario
from simulator.scenario.prepare import identified
from simulator.scenario.validate import validate_names
from simulator.testing.suite import discover
from simulator.workflow.from_git import load_at, prefetch_blobs
from simulator.workflow.model import AmbiguousKey, WorkflowSet


class DiffReport(Struct):
    base: str
    head: str
    base_label: str
    head_label: str
    scenarios: list[ScenarioDiff] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    head_set: WorkflowSet | None = None
    changed_files: set[str] = field(default_factory=set)
    audit_added: list[Diagnostic] = field(default_factory=list)  # findings the change brings
    audit_removed: list[Diagnostic] = field(default_factory=list)  # and those it fixes
    edits: list[Edit] = field(default_factory=list)  # in-place changes (renames, jobs ...)
    risks: list[CheckRisk] = field(default_factory=list)  # required checks it breaks
    files: int = 0  # workflow files compared (either revision)

    @property
    def changed(self) -> bool:
        """Behaviour differs in a probe both revisions could simulate, or a workflow changed
        in place (a rename, a job, a condition, concurrency, permissions, an upstream)."""
        return any(s.changed for s in self.scenarios) or bool(self.edits or self.risks)

    @property
    def not_simulated(self) -> list[ScenarioDiff]:
        return [s for s in self.scenarios if s.not_simulated is not None]

    @property
    def rollup(self) -> list[RollUp]:
        return roll_up(self.scenarios)

    def to_json(self) -> dict:
        return {"base": self.base_label, "head": self.head_label, "changed": self.changed,
                "probes": len(self.scenarios), "not_simulated": len(self.not_simulated),
                "notes": self.notes, "files": self.files,
                "required_checks": [r.to_json() for r in self.risks],
                "edits": [e.to_json() for e in self.edits],
                "workflows": [r.to_json() for r in self.rollup],
                "audit": {"added": [d.to_json() for d in self.audit_added],
                          "removed": [d.to_json() for d in self.audit_removed]},
                "scenarios": [s.to_json() for s in self.scenarios]}  # fmt: skip


def resolve_revisions(repo: Path, base: str | None, head: str | None, default_branch: str):
    git.require_repo(repo, hint=": ghasim diff compares git revisions")
    head = head or git.WORKTREE
    if base is None:
        try:
            base = git.merge_base(repo, "HEAD", default_branch)
        except git.GitError:
            raise GhasimError(
                f"cannot find the merge-base of HEAD and '{default_branch}': "
                "name the base revision (ghasim diff BASE [HEAD])"
            ) from None
        base_label = f"merge-base with {default_branch} ({git.short(repo, base)})"
    else:
        base_label = f"{base} ({git.short(repo, git.resolve(repo, base))})"
    head_label = "working tree" if head == git.WORKTREE else (
        f"{head} ({git.short(repo, git.resolve(repo, head))})")  # fmt: skip
    return base, head, base_label, head_label


def run_diff(
    repo: Path,
    base: str | None = None,
    head: str | None = None,
    scenarios_dir: Path | None = None,
    default_branch: str | None = None,
    repository: str | None = None,
    audit: bool = True,
    progress: Progress = silent,
) -> DiffReport:
    """Every probe (the standard ones, or the scenarios of `scenarios_dir`) simulated on both
    revisions, then the audit of each; `progress(steps done, steps)` follows them."""
    default_branch = default_branch or git.default_branch(repo)
    base, head, base_label, head_label = resolve_revisions(repo, base, head, default_branch)
    prefetch_blobs(repo, [base, head])
    base_set, head_set = load_at(repo, base, shown=""), load_at(repo, head, shown="")
    report = DiffReport(base, head, base_label, head_label, head_set=head_set)
    report.edits = structural_edits(base_set, head_set)
    report.files = len({rel for ws in (base_set, head_set)
                        for rel in [*(w.rel_path for w in ws.workflows),
                                    *(b.rel_path for b in ws.broken)]})  # fmt: skip
    edited = edited_listeners(base_set, head_set)
    if scenarios_dir is not None:
        scenarios = [load_scenario(p) for p in discover([scenarios_dir])]
        if not scenarios:
            raise GhasimError(f"no scenario file under {scenarios_dir}")
    else:
        scenarios = standard_scenarios([base_set, head_set], default_branch)
        scenarios += witness_scenarios(
            base_set, head_set, default_branch,
            lambda: [*git.files_at(repo, base), *git.files_at(repo, head)],
            {s.name for s in scenarios})  # fmt: skip
    # Generated probes run on what the change can affect (simulator.diff.closure): the rest
    # runs alike on both sides. A user's scenarios (runner limits, their own events) run whole.
    sides = (base_set, head_set)
    if scenarios_dir is None:
        files = affected(base_set, head_set)
        sides = (restricted(base_set, files), restricted(head_set, files))
    steps = len(scenarios) + (2 if audit else 0)  # each revision's audit is a step
    for done, scenario in enumerate(scenarios, 1):
        scenario = identified(scenario, repository, repo)
        if scenarios_dir is None and _outside(scenario, sides):
            event = "; ".join(e.label or e.event.describe() for e in scenario.events)
            report.scenarios.append(ScenarioDiff(scenario.name, event))  # runs alike
        else:
            report.scenarios.append(_one(scenario, *sides, edited))
        progress(done, steps)
    for s in report.scenarios:
        report.changed_files |= {c.file for c in s.changes}
    report.risks = required_check_risks(_required_checks(repo, report), base_set, head_set,
                                        _pull_request_runs(report.scenarios))  # fmt: skip
    if audit and (sides[0].workflows or sides[1].workflows or sides[0].broken
                  or sides[1].broken):  # fmt: skip
        report.audit_added, report.audit_removed = audit_changes(
            *sides,
            repository or git.repository_name(repo),
            default_branch,
            lambda done, _: progress(len(scenarios) + done, steps),
        )
    return report


def _outside(scenario: Scenario, sides: tuple[WorkflowSet, WorkflowSet]) -> bool:
    """A probe whose every event dispatches a workflow the change cannot affect, or that
    nothing affected could start on: it runs alike at both revisions."""
    if not (sides[0].workflows or sides[1].workflows or sides[0].broken or sides[1].broken):
        return True
    for scheduled in scenario.events:
        event = scheduled.event
        if not isinstance(event, Dispatch):
            return False
        try:
            if sides[0].resolve(event.workflow) or sides[1].resolve(event.workflow):
                return False
        except AmbiguousKey:
            return False
    return True


def _required_checks(repo: Path, report: DiffReport) -> list[str]:
    """`.ghasim.yml`'s required_checks at the repository's top (a bad file is a note)."""
    from simulator.check.config import load_config

    try:
        return list(load_config(None, git.toplevel(repo)).get("required_checks", []))
    except GhasimError as exc:
        report.notes.append(f"required checks not read: {exc}")
        return []


def _pull_request_runs(scenarios: list[ScenarioDiff]) -> list[PullRequestRuns]:
    """For each pull request probe: its name and the files that start at each revision."""
    return [(s.name, set(s.started_before), set(s.started_after))
            for s in scenarios if s.pull_request and s.not_simulated is None]  # fmt: skip


def audit_changes(base: WorkflowSet, head: WorkflowSet, repository: str | None,
                  default_branch: str, progress: Progress = silent,
                  ) -> tuple[list[Diagnostic], list[Diagnostic]]:  # fmt: skip
    """The `ghasim audit` findings the head revision adds and those it removes, matched by
    rule, file and message (line numbers move with any edit). `progress(revisions audited,
    2)` follows them."""
    from simulator.core.events import Repository

    repo = Repository(full_name=repository or "example/repo", default_branch=default_branch)
    before = _audited(base, repo, "base")
    progress(1, 2)
    after = _audited(head, repo, "head")
    progress(2, 2)

    def key(d: Diagnostic) -> tuple[str, str, str]:
        file = d.pos.file[d.pos.file.find(".github/workflows/") :]
        return (d.kind, file, d.message)

    old, new = {key(d) for d in before}, {key(d) for d in after}
    return ([d for d in after if key(d) not in old], [d for d in before if key(d) not in new])


def _audited(ws: WorkflowSet, repo: Repository, side: str) -> list[Diagnostic]:
    """A revision's audit findings, from the parse cache when the same files (bytes and
    paths) were audited for the same repository before: the audit simulates every probe an
    outsider can cause, the larger part of a warm diff."""
    from simulator.audit.run import audit_workflows
    from simulator.workflow.cache import active

    cache = active()
    if cache is None:
        return audit_workflows(ws, repo).findings
    files = sorted([(w.path, w.rel_path, w.digest) for w in ws.workflows]
                   + [(b.path, b.rel_path, str(b.first_error)) for b in ws.broken])  # fmt: skip
    key = repr((repo.full_name, repo.default_branch, files))
    return cache.memo(f"audit\0{repo.full_name}\0{side}", key, list[Diagnostic],
                      lambda: audit_workflows(ws, repo).findings)  # fmt: skip


def _one(scenario: Scenario, base_set: WorkflowSet, head_set: WorkflowSet, edited) -> ScenarioDiff:
    event = "; ".join(e.label or e.event.describe() for e in scenario.events) or "no event"
    errors = []
    for side, ws in (("base", base_set), ("head", head_set)):
        try:
            validate_names(scenario, ws)
        except GhasimError as exc:
            errors.append(f"at {side}: {exc}")
    if errors:  # a probe ghasim cannot run is not a change in behaviour: say so, apart
        return ScenarioDiff(scenario.name, event, not_simulated="; ".join(errors))
    post_merge = is_post_merge(scenario)
    try:
        before = simulate(scenario, base_set)
        # §5.4: before merging, workflow_run (and the other default-branch events) use the
        # default branch's copy, which is still the base revision's.
        after = simulate(scenario, head_set, None if post_merge else base_set)
    except GhasimError as exc:
        return ScenarioDiff(scenario.name, event, not_simulated=str(exc))
    diff = compare(scenario.name, event, before, after, base_set, head_set)
    diff.pull_request = any(isinstance(e.event, PullRequest) for e in scenario.events)
    if not post_merge:
        for rel in edited:
            name = next(w.name for w in head_set.workflows if w.rel_path == rel)
            diff.notes.append(
                f"{name} ({rel.rsplit('/', 1)[-1]}) is edited on this branch, but workflow_run "
                f"uses the default branch's copy (§5.4): for this event its edit takes effect only "
                "once merged"
            )
    return diff
