"""One event parser for scenario files and command-line flags: one small class per kind.

Each kind names its keys and turns a `Fields` mapping into an event of simulator.core.events.
A scenario's `- push: {branch: main}` and `ghasim explain --event push --branch main` go
through the same `parse`, so they accept the same values and refuse the same mistakes.
"""

from __future__ import annotations

from typing import Any, ClassVar

from msgspec import Struct

from simulator.core.diagnostics import GhasimError, did_you_mean
from simulator.core.events import (
    PR_EVENTS,
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
from simulator.core.fields import Fields
from simulator.core.limits import MAX_COUNT
from simulator.workflow.event_catalogue import EVENTS, PULL_REQUEST_TYPES, WORKFLOW_RUN_TYPES


class EventContext(Struct, frozen=True):
    """What an event of a scenario is read against: the default branch and token."""

    default_branch: str = "main"
    default_token: str = "pat"  # a job's effects are made with GITHUB_TOKEN unless told


def token(f: Fields, ctx: EventContext) -> str:
    return f.choice("token", ctx.default_token, TOKENS)


def scalar_values(f: Fields, key: str) -> dict[str, Any]:
    """`inputs:`: a mapping of names to strings, numbers or booleans."""
    sub = f.sub(key)
    for name, value in sub.map.items():
        if value is None or isinstance(value, (dict, list)):
            sub.fail(str(name), f"input '{name}' must be a string, a number or a boolean")
        if isinstance(value, float) and value != value:
            sub.fail(str(name), f"input '{name}' must be a number, not NaN")
    return {str(k): v for k, v in sub.map.items()}


class EventKind:
    key: ClassVar[str]
    keys: ClassVar[tuple[str, ...]]

    def parse(self, f: Fields, ctx: EventContext) -> Event:
        raise NotImplementedError


class PushKind(EventKind):
    key = "push"
    keys = ("branch", "tag", "files", "message", "token", "commits", "deleted", "sha")

    def parse(self, f: Fields, ctx: EventContext) -> Push:
        if f.has("branch") and f.has("tag"):
            f.fail(None, "a push has a 'branch' or a 'tag', not both")
        common = dict(files=f.strings("files"), message=f.text("message", ""), token=token(f, ctx),
                      commits=f.integer("commits", 1, 1, MAX_COUNT), sha=f.text("sha", ""))  # fmt: skip
        if f.has("tag"):
            return Push(tag=f.required_string("tag", "the tag pushed"), **common)  # type: ignore[arg-type]
        return Push(branch=f.text("branch", ctx.default_branch),
                    deleted=f.boolean("deleted", False), **common)  # type: ignore[arg-type]  # fmt: skip


class PullRequestKind(EventKind):
    """One pull request activity: delivered to `pull_request` and `pull_request_target`
    workflows alike (§4.12), unless `to:` names one of them."""

    key = "pull_request"
    keys = ("action", "base", "head", "files", "message", "token", "merge_conflict", "number",
            "merged", "sha", "to", "fork", "first_time_contributor", "head_repo", "draft",
            "labels", "title", "user")  # fmt: skip
    default_to = "both"

    def parse(self, f: Fields, ctx: EventContext) -> PullRequest:
        to = f.choice("to", self.default_to, ("both", *PR_EVENTS))
        deliveries = PR_EVENTS if to == "both" else (to,)
        fork = f.boolean("fork", False)
        first_time = f.boolean("first_time_contributor", False)
        if first_time and not fork:
            f.fail("first_time_contributor", "'first_time_contributor' is about forks: "
                   "add 'fork: true'")  # fmt: skip
        head_repo = f.string("head_repo")
        if head_repo is not None and "/" not in head_repo:
            f.fail("head_repo", f"'head_repo' is '{head_repo}': write owner/name")
        return PullRequest(
            action=f.choice("action", "opened", PULL_REQUEST_TYPES),
            base=f.text("base", ctx.default_branch),
            head=f.text("head", "feature"),
            files=f.strings("files"),
            message=f.text("message", ""),
            token=token(f, ctx),
            merge_conflict=f.boolean("merge_conflict", False),
            number=f.integer("number", 1, 1, MAX_COUNT),
            target=deliveries == ("pull_request_target",),
            merged=f.boolean("merged", False),
            sha=f.text("sha", ""),
            deliveries=deliveries,
            fork=fork,
            first_time_contributor=first_time,
            head_repo=head_repo,
            draft=f.boolean("draft", False),
            labels=f.strings("labels"),
            title=f.text("title", ""),
            user=f.text("user", "octocat"),
        )


class PullRequestTargetKind(PullRequestKind):
    """`pull_request_target:` delivers the activity to pull_request_target workflows only."""

    key = "pull_request_target"
    default_to = "pull_request_target"


class DispatchKind(EventKind):
    key = "workflow_dispatch"
    keys = ("workflow", "ref", "inputs", "token")

    def parse(self, f: Fields, ctx: EventContext) -> Dispatch:
        return Dispatch(
            f.required_string("workflow", "its name or file"),
            ref=f.text("ref", ctx.default_branch),
            inputs=scalar_values(f, "inputs"),
            token=token(f, ctx),
        )


class RepositoryDispatchKind(EventKind):
    key = "repository_dispatch"
    keys = ("type", "payload", "token")

    def parse(self, f: Fields, ctx: EventContext) -> RepositoryDispatch:
        event_type = f.required_string("type", "the event_type")
        if len(event_type) > 100:  # §6.4
            f.fail("type", "an event_type is at most 100 characters (§6.4)")
        return RepositoryDispatch(event_type, dict(f.mapping("payload")), token(f, ctx))


class ScheduleKind(EventKind):
    key = "schedule"
    keys = ("cron",)

    def parse(self, f: Fields, ctx: EventContext) -> Schedule:
        return Schedule(f.string("cron"))


class WorkflowRunKind(EventKind):
    """An upstream run's activity, for `ghasim explain --event workflow_run`."""

    key = "workflow_run"
    keys = ("upstream", "activity", "head_branch", "depth", "conclusion")

    def parse(self, f: Fields, ctx: EventContext) -> WorkflowRunEvent:
        return WorkflowRunEvent(
            f.required_string("upstream", "the upstream workflow's name"),
            f.choice("activity", "completed", WORKFLOW_RUN_TYPES),
            f.text("head_branch", ctx.default_branch),
            f.integer("depth", 1, 1, 100),
            f.string("conclusion"),
        )


def _action(f: Fields, event: str, default: str | None) -> str | None:
    types = EVENTS[event].types or ()
    action = f.string("action", default)
    if action is not None and types and action not in types:
        f.fail("action", f"unknown activity '{action}' for {event}{did_you_mean(action, types)}")
    return action


class ReleaseKind(EventKind):
    """A release event (§6.2): its run's ref is the release's tag."""

    key = "release"
    keys = ("action", "tag", "token", "payload")

    def parse(self, f: Fields, ctx: EventContext) -> OtherEvent:
        return OtherEvent("release", _action(f, "release", "published"), token(f, ctx),
                          dict(f.mapping("payload")), ref=f.required_string("tag", "the tag"))  # fmt: skip


class CreateKind(EventKind):
    """A branch or tag created (`create`) — or deleted, for the `delete` kind."""

    key = "create"
    keys = ("ref", "ref_type", "token")

    def parse(self, f: Fields, ctx: EventContext) -> OtherEvent:
        return OtherEvent(self.key, None, token(f, ctx),
                          ref=f.required_string("ref", "the branch or tag name"),
                          ref_type=f.choice("ref_type", "branch", ("branch", "tag")))  # fmt: skip


class DeleteKind(CreateKind):
    key = "delete"


class MergeGroupKind(EventKind):
    """A merge queue's group (§6.2): `branches` filters apply to its base branch."""

    key = "merge_group"
    keys = ("base", "head", "token")

    def parse(self, f: Fields, ctx: EventContext) -> OtherEvent:
        base = f.text("base", ctx.default_branch)
        head = f.text("head", f"gh-readonly-queue/{base}/pr-1-0000000")
        return OtherEvent("merge_group", "checks_requested", token(f, ctx), ref=head, base=base)


class IssueCommentKind(EventKind):
    """A comment on an issue, or on a pull request (`pull_request: true`)."""

    key = "issue_comment"
    keys = ("action", "number", "pull_request", "token", "payload")

    def parse(self, f: Fields, ctx: EventContext) -> OtherEvent:
        return OtherEvent("issue_comment", _action(f, "issue_comment", "created"), token(f, ctx),
                          dict(f.mapping("payload")), number=f.integer("number", 1, 1, MAX_COUNT),
                          on_pull_request=f.boolean("pull_request", False))  # fmt: skip


class ReviewKind(EventKind):
    """A pull request review: its run is on the PR's head branch and merge ref (§4.6)."""

    key = "pull_request_review"
    keys = ("action", "number", "head", "base", "token", "payload")

    def parse(self, f: Fields, ctx: EventContext) -> OtherEvent:
        return OtherEvent(self.key, _action(f, self.key, "submitted"), token(f, ctx),
                          dict(f.mapping("payload")), number=f.integer("number", 1, 1, MAX_COUNT),
                          head=f.text("head", "feature"), base=f.text("base", ctx.default_branch))  # fmt: skip


class ReviewCommentKind(ReviewKind):
    key = "pull_request_review_comment"


class OtherKind(EventKind):
    """Any other event by name (`issues`, `release` ...), with its activity type."""

    key = "event"
    keys = ("name", "action", "token", "payload")

    def parse(self, f: Fields, ctx: EventContext) -> OtherEvent:
        name = f.text("name", "")
        if name not in EVENTS:
            f.fail("name" if f.has("name") else None,
                   f"unknown event '{name}'{did_you_mean(name, EVENTS)}")  # fmt: skip
        action = f.string("action")
        types = EVENTS[name].types
        if action is not None and types is not None and action not in types:
            f.fail("action", f"unknown activity '{action}' for {name}{did_you_mean(action, types)}")
        return OtherEvent(name, action, token(f, ctx), dict(f.mapping("payload")))


KINDS: dict[str, EventKind] = {
    kind.key: kind
    for kind in (
        PushKind(),
        PullRequestKind(),
        PullRequestTargetKind(),
        DispatchKind(),
        RepositoryDispatchKind(),
        ScheduleKind(),
        WorkflowRunKind(),
        ReleaseKind(),
        CreateKind(),
        DeleteKind(),
        MergeGroupKind(),
        IssueCommentKind(),
        ReviewKind(),
        ReviewCommentKind(),
        OtherKind(),
    )
}
SCENARIO_KINDS = tuple(k for k in KINDS if k != "workflow_run")


def parse_event(kind: str, f: Fields, ctx: EventContext) -> Event:
    parser = KINDS[kind]
    f.check_keys(parser.keys)
    return parser.parse(f, ctx)


# Command-line flags of `ghasim explain` (and `push`) per event kind: field -> flag.
FLAGS: dict[str, dict[str, str]] = {
    "push": {"branch": "--branch", "tag": "--tag", "files": "--file", "message": "--message",
             "token": "--token", "commits": "--commits"},
    "pull_request": {"base": "--branch", "head": "--head", "action": "--action",
                     "files": "--file", "message": "--message", "token": "--token"},
    "workflow_run": {"upstream": "--upstream", "activity": "--activity",
                     "head_branch": "--head-branch", "depth": "--depth",
                     "conclusion": "--conclusion"},
    "workflow_dispatch": {"workflow": "--workflow", "ref": "--branch", "token": "--token"},
    "repository_dispatch": {"type": "--event-type"},
    "release": {"action": "--action", "tag": "--tag", "token": "--token"},
    "create": {"ref": "--branch", "ref_type": "--ref-type", "token": "--token"},
    "delete": {"ref": "--branch", "ref_type": "--ref-type", "token": "--token"},
    "merge_group": {"base": "--branch", "head": "--head", "token": "--token"},
    "issue_comment": {"action": "--action", "pull_request": "--on-pull-request",
                      "token": "--token"},
    "pull_request_review": {"action": "--action", "base": "--branch", "head": "--head",
                            "token": "--token"},
    "schedule": {"cron": "--cron"},
    "event": {"name": "--event", "action": "--action", "token": "--token"},
}  # fmt: skip
FLAGS["pull_request_target"] = FLAGS["pull_request"]
FLAGS["pull_request_review_comment"] = FLAGS["pull_request_review"]


def event_from_flags(name: str, options: dict[str, Any], ctx: EventContext) -> Event:
    """The event `ghasim explain --event NAME --branch ...` describes: the same parser as a
    scenario's, its errors naming the flag (`--depth: ...`). `options` maps each flag, without
    its dashes and with `_` for `-`, to its value (None when not given)."""
    from simulator.core.fields import flag_map

    if name not in EVENTS:
        raise GhasimError(f"--event: unknown event '{name}'{did_you_mean(name, EVENTS)}")
    kind = name if name in KINDS else "event"
    fields = FLAGS[kind]
    values = {field: options.get(flag.removeprefix("--").replace("-", "_"))
              for field, flag in fields.items()}  # fmt: skip
    if kind == "event":
        values["name"] = name
    if kind == "workflow_run" and values.get("upstream") is None:
        raise GhasimError("--event workflow_run needs --upstream NAME (the upstream workflow)")
    if kind == "workflow_dispatch" and values.get("workflow") is None:
        raise GhasimError("--event workflow_dispatch needs --workflow NAME")
    if kind == "repository_dispatch" and values.get("type") is None:
        raise GhasimError("--event repository_dispatch needs --event-type TYPE")
    mapping = flag_map(values, fields)
    return parse_event(kind, Fields(mapping, f"--event {name}"), ctx)
