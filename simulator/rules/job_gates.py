"""What a listener's first jobs require of the upstream run, read from their `if:` alone.

`workflow_run` fires whatever the upstream's conclusion (§5.5); the usual guard is a job
condition on `github.event.workflow_run.conclusion`. These functions evaluate the first jobs'
conditions (those that need no other job) for a given upstream conclusion, so `explain` can
say "fires, but every job will be skipped", and read which conclusion a listener waits for.
"""

from __future__ import annotations

from typing import Any

from simulator.expressions.lexer import ExpressionError
from simulator.expressions.parser import Binary, Literal, property_path, walk
from simulator.expressions.template import parse_condition
from simulator.expressions.values import truthy
from simulator.workflow.model import Job, Workflow


class _FirstJobs:
    """Status functions of a job that needs nothing: every ancestor succeeded (there is none)."""

    def success(self) -> bool:
        return True

    def failure(self) -> bool:
        return False

    def cancelled(self) -> bool:
        return False


def first_jobs(listener: Workflow) -> list[Job]:
    return [j for j in listener.jobs.values() if not j.needs]


CONCLUSIONS = ("success", "failure", "cancelled", "skipped", "timed_out", "action_required")


def every_first_job_skips(listener: Workflow, conclusion: str, repository: str | None = None
                          ) -> bool:  # fmt: skip
    """True when, for an upstream that concluded `conclusion`, no first job's `if:` holds
    while some other conclusion would let one run: the conclusion is why the run starts and
    concludes skipped (§5.5, §9.2). Conditions that fail on something else (an unknown
    repository name ...) leave ghasim silent."""
    jobs = first_jobs(listener)
    if not jobs or any(job.if_ is None for job in jobs):
        return False
    if any(_runs(job, conclusion, repository) for job in jobs):
        return False
    return any(_runs(job, other, repository) for job in jobs for other in CONCLUSIONS
               if other != conclusion)  # fmt: skip


def _runs(job: Job, conclusion: str, repository: str | None) -> bool:
    github: dict[str, Any] = {"event": {"workflow_run": {"conclusion": conclusion}},
                              "event_name": "workflow_run"}  # fmt: skip
    if repository:
        github.update(repository=repository, repository_owner=repository.split("/")[0])
    contexts: dict[str, Any] = {"github": github, "needs": {}, "vars": {}, "inputs": {}}
    assert job.if_ is not None
    try:
        return truthy(parse_condition(job.if_.text).evaluate(contexts, _FirstJobs()))
    except ExpressionError:
        return True


def gates_on_success(listener: Workflow) -> bool:
    """True when every first job of the listener requires the upstream's success:
    `github.event.workflow_run.conclusion == 'success'` in its `if:` (§5.5)."""
    jobs = first_jobs(listener)
    if not jobs:
        return False
    for job in jobs:
        if job.if_ is None:
            return False
        try:
            node = parse_condition(job.if_.text).node
        except ExpressionError:
            return False
        if node is None or not any(_tests_success(n) for n in walk(node)):
            return False
    return True


def _tests_success(node: object) -> bool:
    if not isinstance(node, Binary) or node.op != "==":
        return False
    sides = (node.left, node.right)
    has_path = any((property_path(s) or "").endswith("workflow_run.conclusion") for s in sides)
    has_success = any(isinstance(s, Literal) and s.value == "success" for s in sides)
    return has_path and has_success
