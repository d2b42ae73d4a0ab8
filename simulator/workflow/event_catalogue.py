"""The events GitHub Actions knows: activity types, filters, defaults (fact sheet §4.1, §6.2)."""

from __future__ import annotations

from msgspec import Struct, field

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


class EventSpec(Struct, frozen=True):
    """An event GitHub knows: its activity types, their defaults and its keys under `on:`."""

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


def _spec(name: str, types: str = "", *, keys: tuple[str, ...] = (),
          default_branch_only: bool = False) -> EventSpec:  # fmt: skip
    return EventSpec(name, tuple(types.split()) if types else None, keys=keys,
                     default_branch_only=default_branch_only)  # fmt: skip


EVENTS: dict[str, EventSpec] = {
    spec.name: spec
    for spec in (
        _spec("branch_protection_rule", "created edited deleted", default_branch_only=True),
        _spec(
            "check_run", "created rerequested completed requested_action", default_branch_only=True
        ),
        _spec("check_suite", "completed", default_branch_only=True),
        _spec("create"),
        _spec("delete", default_branch_only=True),
        _spec("deployment"),
        _spec("deployment_status"),
        _spec(
            "discussion",
            "created edited deleted transferred pinned unpinned labeled unlabeled locked "
            "unlocked category_changed answered unanswered",
            default_branch_only=True,
        ),
        _spec("discussion_comment", "created edited deleted", default_branch_only=True),
        _spec("fork", default_branch_only=True),
        _spec("gollum", default_branch_only=True),
        _spec("image_version", "created", keys=("names", "versions")),
        _spec("issue_comment", "created edited deleted", default_branch_only=True),
        _spec(
            "issues",
            "opened edited deleted transferred pinned unpinned closed reopened assigned "
            "unassigned labeled unlabeled locked unlocked milestoned demilestoned typed "
            "untyped field_added field_removed",
            default_branch_only=True,
        ),
        _spec("label", "created edited deleted", default_branch_only=True),
        _spec("merge_group", "checks_requested", keys=("branches", "branches-ignore")),
        _spec("milestone", "created closed opened edited deleted", default_branch_only=True),
        _spec("page_build", default_branch_only=True),
        _spec("project", "created closed reopened edited deleted", default_branch_only=True),
        _spec("project_card", "created moved converted edited deleted", default_branch_only=True),
        _spec("project_column", "created updated moved deleted", default_branch_only=True),
        _spec("public", default_branch_only=True),
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
        _spec("schedule", default_branch_only=True),
        _spec("status", default_branch_only=True),
        _spec("watch", "started", default_branch_only=True),
        _spec("workflow_call", keys=("inputs", "outputs", "secrets")),
        _spec("workflow_dispatch", keys=("inputs",), default_branch_only=True),
        EventSpec(
            "workflow_run",
            WORKFLOW_RUN_TYPES,
            keys=("workflows", "branches", "branches-ignore"),
            default_branch_only=True,
        ),
    )
}
