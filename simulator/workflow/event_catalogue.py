"""The events GitHub Actions knows: activity types, filters, defaults (fact sheet §4.1, §6.2)."""

from __future__ import annotations

from dataclasses import dataclass, field

PULL_REQUEST_TYPES = (
    "assigned", "unassigned", "labeled", "unlabeled", "opened", "edited", "closed", "reopened",
    "synchronize", "converted_to_draft", "locked", "unlocked", "enqueued", "dequeued",
    "milestoned", "demilestoned", "ready_for_review", "review_requested",
    "review_request_removed", "auto_merge_enabled", "auto_merge_disabled",
)  # fmt: skip
PULL_REQUEST_DEFAULT_TYPES = ("opened", "synchronize", "reopened")  # §4.1
WORKFLOW_RUN_TYPES = ("requested", "in_progress", "completed")  # §5.1

REF_FILTERS = ("branches", "branches-ignore", "tags", "tags-ignore")
PATH_FILTERS = ("paths", "paths-ignore")
EXCLUSIVE_PAIRS = (
    ("branches", "branches-ignore"),
    ("tags", "tags-ignore"),
    ("paths", "paths-ignore"),
)  # fmt: skip  §2.2


@dataclass(frozen=True)
class EventSpec:
    name: str
    types: tuple[str, ...] | None = None  # None: the event has no activity types
    default_types: tuple[str, ...] | None = None  # None: all of `types` (§1.4)
    keys: tuple[str, ...] = ()  # keys allowed under `on.<event>` besides `types`
    any_type: bool = False  # repository_dispatch: types are user-defined strings
    default_branch_only: bool = False  # §6.1: only the default-branch copy of the file counts
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def has_types(self) -> bool:
        return self.types is not None or self.any_type

    def effective_types(self, declared: tuple[str, ...] | None) -> tuple[str, ...] | None:
        if declared is not None:
            return declared
        if self.default_types is not None:
            return self.default_types
        return self.types


def _spec(name: str, types: str = "", **kw: object) -> EventSpec:
    return EventSpec(name, tuple(types.split()) if types else None, **kw)  # type: ignore[arg-type]


_D = {"default_branch_only": True}

EVENTS: dict[str, EventSpec] = {
    spec.name: spec
    for spec in (
        _spec("branch_protection_rule", "created edited deleted", **_D),
        _spec("check_run", "created rerequested completed requested_action", **_D),
        _spec("check_suite", "completed", **_D),
        _spec("create"),
        _spec("delete", **_D),
        _spec("deployment"),
        _spec("deployment_status"),
        _spec(
            "discussion",
            "created edited deleted transferred pinned unpinned labeled unlabeled locked "
            "unlocked category_changed answered unanswered",
            **_D,
        ),
        _spec("discussion_comment", "created edited deleted", **_D),
        _spec("fork", **_D),
        _spec("gollum", **_D),
        _spec("image_version", "created", keys=("names", "versions")),
        _spec("issue_comment", "created edited deleted", **_D),
        _spec(
            "issues",
            "opened edited deleted transferred pinned unpinned closed reopened assigned "
            "unassigned labeled unlabeled locked unlocked milestoned demilestoned typed "
            "untyped field_added field_removed",
            **_D,
        ),
        _spec("label", "created edited deleted", **_D),
        _spec("merge_group", "checks_requested", keys=("branches", "branches-ignore")),
        _spec("milestone", "created closed opened edited deleted", **_D),
        _spec("page_build", **_D),
        _spec("project", "created closed reopened edited deleted", **_D),
        _spec("project_card", "created moved converted edited deleted", **_D),
        _spec("project_column", "created updated moved deleted", **_D),
        _spec("public", **_D),
        EventSpec(
            "pull_request",
            PULL_REQUEST_TYPES,
            PULL_REQUEST_DEFAULT_TYPES,
            keys=("branches", "branches-ignore", *PATH_FILTERS),
        ),
        _spec("pull_request_review", "submitted edited dismissed"),
        _spec("pull_request_review_comment", "created edited deleted"),
        EventSpec(
            "pull_request_target",
            PULL_REQUEST_TYPES,
            PULL_REQUEST_DEFAULT_TYPES,
            keys=("branches", "branches-ignore", *PATH_FILTERS),
        ),
        _spec("push", keys=(*REF_FILTERS, *PATH_FILTERS)),
        _spec("registry_package", "published updated"),
        _spec("release", "published unpublished created edited deleted prereleased released"),
        EventSpec("repository_dispatch", any_type=True, default_branch_only=True),
        _spec("schedule", **_D),
        _spec("status", **_D),
        _spec("watch", "started", **_D),
        _spec("workflow_call", keys=("inputs", "outputs", "secrets")),
        _spec("workflow_dispatch", keys=("inputs",), **_D),
        EventSpec(
            "workflow_run",
            WORKFLOW_RUN_TYPES,
            keys=("workflows", "branches", "branches-ignore"),
            default_branch_only=True,
        ),
    )
}
