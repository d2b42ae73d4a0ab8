"""One event parser for scenario files and command-line flags: one small class per kind.

Each kind names its keys and turns a `Fields` mapping into an event of simulator.core.events.
A scenario's `- push: {branch: main}` and `ghasim explain --event push --branch main` go
through the same `parse`, so they accept the same values and refuse the same mistakes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

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
from simulator.core.fields import Fields
from simulator.core.limits import MAX_COUNT
from simulator.workflow.event_catalogue import EVENTS, PULL_REQUEST_TYPES, WORKFLOW_RUN_TYPES


@dataclass(frozen=True)
class EventContext:
    default_branch: str = "main"


def token(f: Fields) -> str:
    return f.choice("token", "pat", TOKENS)


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
        common = dict(files=f.strings("files"), message=f.text("message", ""), token=token(f),
                      commits=f.integer("commits", 1, 1, MAX_COUNT), sha=f.text("sha", ""))  # fmt: skip
        if f.has("tag"):
            return Push(tag=f.required_string("tag", "the tag pushed"), **common)  # type: ignore[arg-type]
        return Push(branch=f.text("branch", ctx.default_branch),
                    deleted=f.boolean("deleted", False), **common)  # type: ignore[arg-type]  # fmt: skip


class PullRequestKind(EventKind):
    key = "pull_request"
    keys = ("action", "base", "head", "files", "message", "token", "merge_conflict", "number",
            "merged", "sha")  # fmt: skip
    target = False

    def parse(self, f: Fields, ctx: EventContext) -> PullRequest:
        return PullRequest(
            action=f.choice("action", "opened", PULL_REQUEST_TYPES),
            base=f.text("base", ctx.default_branch),
            head=f.text("head", "feature"),
            files=f.strings("files"),
            message=f.text("message", ""),
            token=token(f),
            merge_conflict=f.boolean("merge_conflict", False),
            number=f.integer("number", 1, 1, MAX_COUNT),
            target=self.target,
            merged=f.boolean("merged", False),
            sha=f.text("sha", ""),
        )


class PullRequestTargetKind(PullRequestKind):
    key = "pull_request_target"
    target = True


class DispatchKind(EventKind):
    key = "workflow_dispatch"
    keys = ("workflow", "ref", "inputs", "token")

    def parse(self, f: Fields, ctx: EventContext) -> Dispatch:
        return Dispatch(
            f.required_string("workflow", "its name or file"),
            ref=f.text("ref", ctx.default_branch),
            inputs=scalar_values(f, "inputs"),
            token=token(f),
        )


class RepositoryDispatchKind(EventKind):
    key = "repository_dispatch"
    keys = ("type", "payload")

    def parse(self, f: Fields, ctx: EventContext) -> RepositoryDispatch:
        event_type = f.required_string("type", "the event_type")
        if len(event_type) > 100:  # §6.4
            f.fail("type", "an event_type is at most 100 characters (§6.4)")
        return RepositoryDispatch(event_type, dict(f.mapping("payload")))


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
        return OtherEvent(name, action, token(f), dict(f.mapping("payload")))


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
        OtherKind(),
    )  # fmt: skip
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
    "schedule": {"cron": "--cron"},
    "event": {"name": "--event", "action": "--action", "token": "--token"},
}  # fmt: skip
FLAGS["pull_request_target"] = FLAGS["pull_request"]


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
