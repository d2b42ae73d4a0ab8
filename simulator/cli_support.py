"""Turns command-line options into events (shared by `explain` and `push`)."""

from __future__ import annotations

from pathlib import Path

from simulator.core import git
from simulator.core.diagnostics import GhasimError, did_you_mean
from simulator.core.events import (
    TOKENS,
    Dispatch,
    Event,
    OtherEvent,
    PullRequest,
    Push,
    RepositoryDispatch,
    Schedule,
    WorkflowRunEvent,
)
from simulator.workflow.event_catalogue import EVENTS, WORKFLOW_RUN_TYPES


def build_event(
    name: str,
    *,
    branch: str | None = None,
    tag: str | None = None,
    files: list[str] | None = None,
    message: str | None = None,
    token: str = "pat",
    commits: int = 1,
    action: str | None = None,
    head: str = "feature",
    upstream: str | None = None,
    activity: str = "completed",
    head_branch: str = "main",
    depth: int = 1,
    conclusion: str | None = None,
    workflow: str | None = None,
    cron: str | None = None,
    event_type: str | None = None,
    repo: Path = Path("."),
) -> Event:
    if name not in EVENTS:
        raise GhasimError(f"unknown event '{name}'{did_you_mean(name, EVENTS)}")
    if token not in TOKENS:
        raise GhasimError(f"unknown token '{token}': use one of {', '.join(TOKENS)}")
    spec = EVENTS[name]
    if action is not None and spec.types is not None and action not in spec.types:
        raise GhasimError(
            f"unknown activity '{action}' for {name}{did_you_mean(action, spec.types)}"
        )
    if name == "push":
        if files is None:
            if not git.is_repo(repo):
                raise GhasimError(
                    f"no --file given and {repo} is not a git repository: "
                    "name the changed files with --file PATH (repeatable)"
                )
            files = git.changed_files_of_head(repo)
        if message is None:
            message = git.head_message(repo) if git.is_repo(repo) else ""
        if tag is not None:
            return Push(tag=tag, files=tuple(files), message=message, token=token, commits=commits)
        if branch is None:
            branch = (git.current_branch(repo) if git.is_repo(repo) else None) or "main"
        return Push(branch=branch, files=tuple(files), message=message, token=token,
                    commits=commits)  # fmt: skip
    if name in ("pull_request", "pull_request_target"):
        return PullRequest(
            action=action or "opened", base=branch or "main", head=head,
            files=tuple(files or ()), message=message or "", token=token,
            target=name == "pull_request_target",
        )  # fmt: skip
    if name == "workflow_run":
        if not upstream:
            raise GhasimError("--event workflow_run needs --upstream NAME (the upstream workflow)")
        if activity not in WORKFLOW_RUN_TYPES:
            raise GhasimError(
                f"unknown activity '{activity}': use one of {', '.join(WORKFLOW_RUN_TYPES)}"
            )
        if depth < 1:
            raise GhasimError("--depth is the level of the run to create: 1 or more")
        return WorkflowRunEvent(upstream, activity, head_branch, depth, conclusion)
    if name == "workflow_dispatch":
        if not workflow:
            raise GhasimError("--event workflow_dispatch needs --workflow NAME")
        return Dispatch(workflow, ref=branch or "main", token=token)
    if name == "repository_dispatch":
        if not event_type:
            raise GhasimError("--event repository_dispatch needs --event-type TYPE")
        return RepositoryDispatch(event_type)
    if name == "schedule":
        return Schedule(cron)
    return OtherEvent(name, action, token)
