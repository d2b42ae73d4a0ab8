"""`ghasim push`: what happens if I push what I have now.

Branch, changed files and message come from git (read-only); each can be overridden. The
pushed workflows are HEAD's (or the working tree's with --uncommitted); workflow_run
listeners come from the default branch, unless the push goes to it (§5.4).
"""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct
from msgspec.structs import replace

from simulator.core import git
from simulator.core.diagnostics import Diagnostic, GhasimError, Pos
from simulator.core.events import Push
from simulator.diff.compare import Change
from simulator.engine.api import until_offset
from simulator.engine.records import SimulationResult
from simulator.engine.simulation import simulate
from simulator.scenario.loader import DEFAULT_START, load_scenario
from simulator.scenario.model import Scenario, ScenarioEvent
from simulator.scenario.prepare import identified
from simulator.scenario.validate import validate_names
from simulator.workflow.from_git import load_at
from simulator.workflow.model import WorkflowSet


class PushPlan(Struct):
    branch: str
    files: list[str]
    message: str
    since: str  # the revision the changed files are counted from
    workflows: WorkflowSet
    listeners: WorkflowSet
    repo: Path
    default_branch: str
    since_sha: str = "HEAD"

    def to_json(self) -> dict:
        return {"branch": self.branch, "files": self.files, "message": self.message,
                "since": self.since, "default_branch": self.default_branch}  # fmt: skip

    def summary(self) -> str:
        shown = ", ".join(self.files[:5]) + (
            f" and {len(self.files) - 5} more" if len(self.files) > 5 else ""
        )
        return (f"push to {self.branch}: {len(self.files)} changed file(s) since {self.since}"
                + (f": {shown}" if self.files else ""))  # fmt: skip


def local_push(repo: Path, branch: str | None, files: list[str] | None, message: str | None
               ) -> tuple[str, list[str], str]:  # fmt: skip
    """Branch, changed files and message of a push from the local repository, for what the
    user did not name: the current branch, the files HEAD changed, HEAD's message."""
    in_repo = git.is_repo(repo)
    if files is None:
        if not in_repo:
            raise GhasimError(f"no --file given and {repo} is not a git repository: name the "
                              "changed files with --file PATH (repeatable)")  # fmt: skip
        files = git.changed_files_of_head(repo)
    if message is None:
        message = git.head_message(repo) if in_repo else ""
    if branch is None:
        branch = (git.current_branch(repo) if in_repo else None) or "main"
    return branch, files, message


def changed_files(repo: Path, base: str, uncommitted: bool) -> list[str]:
    files = git.changed_between(repo, base, "HEAD")
    if uncommitted:
        files += git.uncommitted_files(repo)
    return list(dict.fromkeys(files))


def plan_push(
    repo: Path,
    branch: str | None = None,
    files: list[str] | None = None,
    message: str | None = None,
    uncommitted: bool = False,
    default_branch: str | None = None,
) -> PushPlan:
    git.require_repo(repo, hint=": ghasim push reads your branch and changes from git")
    default_branch = default_branch or git.default_branch(repo)
    branch = branch or git.current_branch(repo)
    if not branch:
        raise GhasimError("HEAD is detached: name the branch to push with --branch")
    git.check_ref_name(branch)
    against = git.upstream_of_head(repo) or default_branch
    try:
        since = git.merge_base(repo, "HEAD", against)
    except git.GitError:
        since = "HEAD"
    if files is None:
        files = changed_files(repo, since, uncommitted)
    if message is None:
        message = git.head_message(repo)
    workflows = load_at(repo, git.WORKTREE if uncommitted else "HEAD")
    listeners = workflows
    if branch != default_branch:
        try:
            listeners = load_at(repo, default_branch)
        except GhasimError:
            listeners = workflows  # no default branch yet: nothing else to listen from
    return PushPlan(branch, files, message, f"{against} ({git.short(repo, since)})",
                    workflows, listeners, repo, default_branch, since)  # fmt: skip


def simulate_push(
    plan: PushPlan,
    scenario_file: Path | None,
    until: str | None = None,
    repository: str | None = None,
    workflows: WorkflowSet | None = None,
) -> SimulationResult:
    """The push as a one-event scenario; durations and outcomes from `scenario_file` if any;
    with the pushed workflows, or `workflows` instead (the baseline of a review)."""
    workflows = workflows or plan.workflows
    event = Push(branch=plan.branch, files=tuple(plan.files), message=plan.message)
    if scenario_file is not None:
        base = load_scenario(scenario_file)
        scenario = replace(base, events=[ScenarioEvent(0.0, event, Pos(str(scenario_file)))],
                           expect=None)  # fmt: skip
        validate_names(scenario, workflows)
    else:
        scenario = Scenario(name=f"push to {plan.branch}", path=None, workflows=None,
                            start=DEFAULT_START, events=[ScenarioEvent(0.0, event, Pos("(push)"))])  # fmt: skip
    if until is not None:
        scenario = replace(scenario, until=until_offset(until, scenario.start))
    if scenario_file is None:
        scenario = replace(scenario, default_branch=plan.default_branch)
    scenario = identified(scenario, repository, plan.repo)
    listeners = plan.listeners if workflows is plan.workflows else workflows
    return simulate(scenario, workflows, listeners)


class PushReview(Struct):
    """What a developer about to push needs above the timeline: the wiring problems this push
    brings (check findings absent from the baseline's workflows) and the runs that differ from
    what the baseline's workflows would do with the same push."""

    baseline: str
    findings: list[Diagnostic]
    changes: list[Change]

    def to_json(self) -> dict:
        return {"baseline": self.baseline, "findings": [d.to_json() for d in self.findings],
                "changes": [c.to_json() for c in self.changes]}  # fmt: skip


def review_push(plan: PushPlan, result: SimulationResult, scenario_file: Path | None,
                until: str | None, repository: str | None) -> PushReview:  # fmt: skip
    from simulator.check.context import CheckContext
    from simulator.check.run import run_checks
    from simulator.diff.compare import compare

    baseline = load_at(plan.repo, plan.since_sha) if plan.since_sha != "HEAD" else plan.listeners
    label = plan.since

    def key(d: Diagnostic) -> tuple[str, str, str]:
        return (d.kind, d.pos.file, d.message)

    known = {key(d) for d in run_checks(CheckContext(baseline, plan.default_branch))}
    found = [d for d in run_checks(CheckContext(plan.workflows, plan.default_branch))
             if key(d) not in known and d.kind in PUSH_RULES]  # fmt: skip
    if baseline is plan.workflows:
        return PushReview(label, found, [])
    try:
        before = simulate_push(plan, scenario_file, until, repository, workflows=baseline)
    except GhasimError:
        return PushReview(label, found, [])  # the scenario names what the baseline lacks
    diff = compare("push", "this push", before, result, baseline, plan.workflows)
    return PushReview(label, found, diff.changes)


# The findings a push can newly break: wiring between workflows (a renamed upstream, a chain
# past three levels, a loop, a branch filter no upstream passes) and invalid files.
PUSH_RULES = frozenset(
    {
        "upstream-name",
        "chain-depth",
        "cycle",
        "branch-never-matches",
        "syntax",
        "pattern",
        "filter",
        "expression",
        "reusable-call",
    }
)
