"""What happened: the events a rule decides on. Plain values, no behaviour."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

TOKENS = ("pat", "github_token", "app")


@dataclass(frozen=True)
class Push:
    branch: str | None = None
    tag: str | None = None
    files: tuple[str, ...] = ()
    message: str = ""
    token: str = "pat"  # who pushed: a PAT/user, GitHub App, or the repository's GITHUB_TOKEN
    commits: int = 1
    deleted: bool = False
    sha: str = ""

    name = "push"

    @property
    def ref(self) -> str:
        return f"refs/tags/{self.tag}" if self.tag is not None else f"refs/heads/{self.branch}"

    @property
    def ref_name(self) -> str:
        return self.tag if self.tag is not None else (self.branch or "")

    def describe(self) -> str:
        where = f"tag {self.tag}" if self.tag is not None else f"branch {self.branch}"
        shown = ", ".join(self.files[:3]) + (", ..." if len(self.files) > 3 else "")
        return f"push to {where}" + (f" ({shown})" if self.files else "")


@dataclass(frozen=True)
class PullRequest:
    action: str = "opened"
    base: str = "main"
    head: str = "feature"
    files: tuple[str, ...] = ()
    message: str = ""  # the head commit's message
    token: str = "pat"
    merge_conflict: bool = False
    number: int = 1
    target: bool = False  # pull_request_target rather than pull_request
    merged: bool = False
    sha: str = ""

    @property
    def name(self) -> str:
        return "pull_request_target" if self.target else "pull_request"

    def describe(self) -> str:
        return f"{self.name} {self.action} ({self.head} -> {self.base})"


@dataclass(frozen=True)
class WorkflowRunEvent:
    upstream: str  # the upstream workflow's name
    activity: str = "completed"  # requested | in_progress | completed
    head_branch: str = "main"
    depth: int = 1  # chain level of the run this event would create (§5.6)
    conclusion: str | None = None
    upstream_event: str = "push"
    upstream_path: str = ""
    head_sha: str = ""
    upstream_run_id: int = 0

    name = "workflow_run"

    def describe(self) -> str:
        return f"workflow_run {self.activity} of '{self.upstream}' on {self.head_branch}"


@dataclass(frozen=True)
class Dispatch:
    workflow: str  # name, file name or path of the dispatched workflow
    ref: str = "main"
    inputs: dict[str, Any] = field(default_factory=dict)
    token: str = "pat"

    name = "workflow_dispatch"

    def describe(self) -> str:
        return f"workflow_dispatch of '{self.workflow}' on {self.ref}"


@dataclass(frozen=True)
class RepositoryDispatch:
    event_type: str
    client_payload: dict[str, Any] = field(default_factory=dict)

    name = "repository_dispatch"

    def describe(self) -> str:
        return f"repository_dispatch '{self.event_type}'"


@dataclass(frozen=True)
class Schedule:
    cron: str | None = None  # None: every scheduled workflow fires

    name = "schedule"

    def describe(self) -> str:
        return f"schedule '{self.cron}'" if self.cron else "schedule"


@dataclass(frozen=True)
class OtherEvent:
    """Any other event (issues, release, ...), with its activity type."""

    event: str
    action: str | None = None
    token: str = "pat"
    payload: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.event

    def describe(self) -> str:
        return f"{self.event} {self.action}" if self.action else self.event


Event = (
    Push | PullRequest | WorkflowRunEvent | Dispatch | RepositoryDispatch | Schedule | OtherEvent
)
