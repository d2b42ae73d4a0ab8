"""What happened: the events a rule decides on, and the repository they happen in. Plain
values, no behaviour."""

from __future__ import annotations

from typing import Any

from msgspec import Struct, field
from msgspec.structs import replace

TOKENS = ("pat", "github_token", "app")
TOKEN_NAMES = {"pat": "PAT", "github_token": "GITHUB_TOKEN", "app": "GitHub App token"}
PR_EVENTS = ("pull_request", "pull_request_target")


class Repository(Struct, frozen=True):
    """The repository the events happen in: what `github.repository*` and
    `github.event.repository` read (owner/name, visibility, whether it is a fork)."""

    full_name: str = "example/repo"
    default_branch: str = "main"
    visibility: str = "public"
    fork: bool = False
    assumed: bool = False  # True when nobody said which repository this is

    @property
    def owner(self) -> str:
        return self.full_name.split("/", 1)[0]

    @property
    def name(self) -> str:
        return self.full_name.split("/", 1)[-1]


class Push(Struct, frozen=True):
    """A push of a branch or a tag: the files it changes, its message, who pushed."""

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
        shown = ", ".join(self.files[:3]) + (", ..." if len(self.files) > 3 else "")
        files = f" ({shown})" if self.files else ""
        if self.tag is not None:
            return f"push of tag {self.tag}{files}"
        return f"push to branch {self.branch}{files}"


class PullRequest(Struct, frozen=True):
    """One pull request activity. GitHub delivers it to `pull_request` workflows and to
    `pull_request_target` workflows, each with its own rules (§4.12): `deliveries` says
    which; `target` says which one this copy is."""

    action: str = "opened"
    base: str = "main"
    head: str = "feature"
    files: tuple[str, ...] = ()
    message: str = ""  # the head commit's message
    token: str = "pat"
    merge_conflict: bool = False
    number: int = 1
    target: bool = False  # this copy is the pull_request_target delivery
    merged: bool = False
    sha: str = ""
    deliveries: tuple[str, ...] = PR_EVENTS
    fork: bool = False  # the head branch lives in a fork (§4.8)
    first_time_contributor: bool = False  # its runs wait for a maintainer (§4.8)
    head_repo: str | None = None  # owner/name of the fork
    draft: bool = False
    labels: tuple[str, ...] = ()
    title: str = ""
    user: str = "octocat"

    @property
    def name(self) -> str:
        return "pull_request_target" if self.target else "pull_request"

    def delivered(self, event: str) -> PullRequest:
        return replace(self, target=event == "pull_request_target")

    def describe(self) -> str:
        return f"{self.name} {self.action} ({self.head} -> {self.base})"


class WorkflowRunEvent(Struct, frozen=True):
    """A state change of an upstream run, as `workflow_run` listeners receive it (§5)."""

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


class Dispatch(Struct, frozen=True):
    """A `workflow_dispatch`: the workflow it names, the ref and the inputs given."""

    workflow: str  # name, file name or path of the dispatched workflow
    ref: str = "main"
    inputs: dict[str, Any] = field(default_factory=dict)
    token: str = "pat"

    name = "workflow_dispatch"

    def describe(self) -> str:
        return f"workflow_dispatch of '{self.workflow}' on {self.ref}"


class RepositoryDispatch(Struct, frozen=True):
    """A `repository_dispatch` with its event type and client payload."""

    event_type: str
    client_payload: dict[str, Any] = field(default_factory=dict)
    token: str = "pat"

    name = "repository_dispatch"

    def describe(self) -> str:
        return f"repository_dispatch '{self.event_type}'"


class Schedule(Struct, frozen=True):
    """A cron time coming: one schedule, or every scheduled workflow."""

    cron: str | None = None  # None: every scheduled workflow fires

    name = "schedule"

    def describe(self) -> str:
        return f"schedule '{self.cron}'" if self.cron else "schedule"


class OtherEvent(Struct, frozen=True):
    """Any other event (issues, release, create, merge_group ...), with its activity type and
    what its payload and run ref need: the ref it names (a release's tag, a created branch),
    the pull request it is about (a review, a comment on a pull request)."""

    event: str
    action: str | None = None
    token: str = "pat"
    payload: dict[str, Any] = field(default_factory=dict)
    ref: str | None = None  # release: its tag; create/delete: the ref; merge_group: its head
    ref_type: str = "branch"  # create/delete: branch or tag
    base: str | None = None  # merge_group: the target branch; reviews: the PR's base
    head: str | None = None  # pull request events: the PR's head branch
    number: int | None = None  # the issue or pull request number
    on_pull_request: bool = False  # issue_comment: the issue is a pull request

    @property
    def name(self) -> str:
        return self.event

    def describe(self) -> str:
        what = f"{self.event} {self.action}" if self.action else self.event
        if self.ref and self.event in ("release", "create", "delete"):
            what += f" ({self.ref_type if self.event != 'release' else 'tag'} {self.ref})"
        return what


Event = (
    Push | PullRequest | WorkflowRunEvent | Dispatch | RepositoryDispatch | Schedule | OtherEvent
)


def deliveries(event: Event) -> list[Event]:
    """The copies GitHub delivers: a pull request activity to both PR events (§4.12)."""
    if isinstance(event, PullRequest):
        return [event.delivered(name) for name in event.deliveries]
    return [event]


def token_of(event: Event) -> str:
    return getattr(event, "token", "pat")
