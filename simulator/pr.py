"""`ghasim pr`: the pull request the current branch would open into the default branch.

Which workflows and jobs run, with their check names; which required checks (`.ghasim.yml`
`required_checks`) no run reports, so they stay Pending and block the merge (§2.11); and
what differs from the default branch's workflows. `pull_request` runs use the head's copy
of a workflow (the merge commit's, approximated by the head), `pull_request_target` and
`workflow_run` use the default branch's (§4.7, §14.3, §5.4).
"""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct

from simulator.core import git
from simulator.core.diagnostics import GhasimError, Pos
from simulator.core.events import PullRequest
from simulator.diff.compare import Change, compare
from simulator.engine.records import RunRecord, SimulationResult
from simulator.engine.simulation import simulate
from simulator.scenario.loader import DEFAULT_START
from simulator.scenario.model import Scenario, ScenarioEvent
from simulator.scenario.prepare import identified
from simulator.workflow.from_git import load_at
from simulator.workflow.model import WorkflowSet


class PullRequestPlan(Struct):
    base: str
    head: str
    files: list[str]
    message: str
    workflows: WorkflowSet  # the head's
    default_workflows: WorkflowSet  # the default branch's
    repo: Path
    default_branch: str

    def summary(self) -> str:
        shown = ", ".join(self.files[:5]) + (
            f" and {len(self.files) - 5} more" if len(self.files) > 5 else "")  # fmt: skip
        return (f"pull request {self.head} → {self.base}: {len(self.files)} changed file(s)"
                + (f": {shown}" if self.files else ""))  # fmt: skip

    def to_json(self) -> dict:
        return {"base": self.base, "head": self.head, "files": self.files}


class CheckRun(Struct, frozen=True):
    """A check a run reports on the pull request: the job's name, its workflow and state."""

    name: str
    workflow: str
    event: str
    conclusion: str | None

    def to_json(self) -> dict:
        return {"name": self.name, "workflow": self.workflow, "event": self.event,
                "conclusion": self.conclusion}  # fmt: skip


class PullRequestReview(Struct):
    checks: list[CheckRun]
    required: list[str]
    pending: list[str]  # required checks no run reports
    changes: list[Change]  # against the default branch's workflows

    def to_json(self) -> dict:
        return {"checks": [c.to_json() for c in self.checks], "required": self.required,
                "pending": self.pending, "changes": [c.to_json() for c in self.changes]}  # fmt: skip


def plan_pull_request(repo: Path, base: str | None = None, head: str | None = None,
                      files: list[str] | None = None,
                      default_branch: str | None = None) -> PullRequestPlan:  # fmt: skip
    git.require_repo(repo, hint=": ghasim pr reads your branch and its changes from git")
    default_branch = default_branch or git.default_branch(repo)
    base = git.check_ref_name(base or default_branch)
    head = head or git.current_branch(repo)
    if not head:
        raise GhasimError("HEAD is detached: name the pull request's branch with --head")
    git.check_ref_name(head)
    head_rev = "HEAD" if head == git.current_branch(repo) else head
    if files is None:
        files = list(dict.fromkeys(git.changed_between(repo, base, head_rev)))
        if not files:
            raise GhasimError(f"{head} has nothing to merge into {base} (no file differs since "
                              "their merge-base): commit something, or name files with --file")  # fmt: skip
    message = git.head_message(repo, head_rev)
    workflows = load_at(repo, head_rev)
    try:
        default_workflows = load_at(repo, default_branch)
    except GhasimError:
        default_workflows = workflows  # no default branch yet
    return PullRequestPlan(base, head, files, message, workflows, default_workflows, repo,
                           default_branch)  # fmt: skip


def simulate_pull_request(plan: PullRequestPlan, repository: str | None = None,
                          workflows: WorkflowSet | None = None) -> SimulationResult:  # fmt: skip
    event = PullRequest(action="opened", base=plan.base, head=plan.head,
                        files=tuple(plan.files), message=plan.message)  # fmt: skip
    name = f"pull request {plan.head} → {plan.base}"
    scenario = Scenario(name=name, path=None, workflows=None, default_branch=plan.default_branch,
                        start=DEFAULT_START, events=[ScenarioEvent(0.0, event, Pos("(pr)"))])  # fmt: skip
    scenario = identified(scenario, repository, plan.repo)
    return simulate(scenario, workflows or plan.workflows, plan.default_workflows)


def _checks(run: RunRecord) -> list[CheckRun]:
    return [CheckRun(job.name, run.name, run.event, job.conclusion) for job in run.jobs]


def review_pull_request(plan: PullRequestPlan, result: SimulationResult,
                        repository: str | None = None) -> PullRequestReview:  # fmt: skip
    from simulator.check.config import load_config

    checks = [c for run in result.runs for c in _checks(run)]
    required = list(load_config(None, git.toplevel(plan.repo)).get("required_checks", []))
    reported = {c.name for c in checks} | {c.workflow for c in checks}
    pending = [r for r in required if r not in reported]
    changes: list[Change] = []
    if plan.workflows is not plan.default_workflows:
        before = simulate_pull_request(plan, repository, plan.default_workflows)
        diff = compare("pr", "this pull request", before, result, plan.default_workflows,
                       plan.workflows)  # fmt: skip
        changes = diff.changes
    return PullRequestReview(checks, required, pending, changes)


def render_review(plan: PullRequestPlan, review: PullRequestReview) -> str:
    from simulator.core.escape import one_line

    lines = []
    if review.pending:
        lines += [f"! required check {one_line(r)!r} stays Pending: no run of this pull "
                  "request reports it (§2.11)" for r in review.pending]  # fmt: skip
    elif review.required:
        lines.append(f"Required checks: all {len(review.required)} reported.")
    if review.changes:
        lines.append(f"Compared with the workflows of {one_line(plan.default_branch)}:")
        lines += [f"  {c.sign} {one_line(c.sentence('this pull request'))}"
                  for c in review.changes]  # fmt: skip
    else:
        lines.append(f"The workflows of {one_line(plan.default_branch)} would run the same.")
    by_run: dict[tuple[str, str], list[str]] = {}
    for c in review.checks:
        by_run.setdefault((c.workflow, c.event), []).append(c.name)
    lines.append("Checks this pull request reports:" if by_run else
                 "No check: no workflow runs for this pull request.")  # fmt: skip
    for (workflow, event), names in by_run.items():
        lines.append(f"  {one_line(workflow)} ({event}): "
                     + ", ".join(one_line(n) for n in names))  # fmt: skip
    return "\n".join(lines) + "\n\n"
