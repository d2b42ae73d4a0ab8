"""Settings for the points GitHub does not document (marked [U] in the fact sheet).

Each has the default we judged closest to GitHub; docs/settings.md says why. A scenario can
override them under `settings:`; every value is type-checked, with its position.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from msgspec import Struct
from msgspec.structs import replace

from simulator.core.limits import MAX_DURATION

if TYPE_CHECKING:
    from simulator.core.fields import Fields

RESULTS = ("failure", "cancelled", "success", "skipped")


class Settings(Struct, frozen=True):
    """GitHub's undocumented or uncertain corners, each a setting with a default
    (docs/settings.md)."""

    # §2.15: branch/tag names matched case-sensitively (act does so).
    ref_case_sensitive: bool = True
    # §2.7: a `!` pattern in a `*-ignore` list re-includes (act's reading) or is ignored.
    ignore_list_negation: str = "reinclude"
    # §7.4: skip instructions ([skip ci] ...) matched case-sensitively.
    skip_ci_case_sensitive: bool = True
    # §5.2: an unnamed upstream may be listed by its path `.github/workflows/x.yml`.
    workflow_run_match_path: bool = True
    # §5.2: glob patterns in `workflow_run.workflows` (cilium/cilium#21238 says unsupported).
    workflow_run_wildcards: bool = False
    # §9.3 step 2/3: whether a failed job outranks a cancelled job in the run conclusion.
    conclusion_failure_over_cancelled: bool = True
    # §8.12: `needs.<matrix job>.result` = failure > cancelled > success.
    matrix_result_precedence: tuple[str, ...] = ("failure", "cancelled", "success")
    # §2.13: whether a branch-deletion push starts `on: push` workflows.
    push_on_branch_delete: bool = False
    # §1.11: an invalid workflow file: "ignore" (no run) or "startup_failure" (a failed run).
    invalid_workflow: str = "ignore"
    # §12.6: seconds between an event and its runs starting (GitHub's queue latency).
    queue_delay: float = 0.0

    # The values a text or list setting may take.
    CHOICES: ClassVar[dict[str, tuple[str, ...]]] = {
        "ignore_list_negation": ("reinclude", "ignored"),
        "matrix_result_precedence": RESULTS,
        "invalid_workflow": ("ignore", "startup_failure"),
    }

    def with_overrides(self, values: Fields) -> Settings:
        """These settings with `values` (a scenario's `settings:`) applied, each checked."""
        known = self.__struct_fields__
        values.check_keys([*known, *(n.replace("_", "-") for n in known)])
        changes: dict[str, Any] = {}
        for key in values.map:
            name = str(key).replace("-", "_")
            changes[name] = _read(values, str(key), getattr(self, name), self.CHOICES.get(name, ()))
        return replace(self, **changes)


def _read(values: Fields, key: str, current: Any, choices: tuple[str, ...]) -> Any:
    if isinstance(current, bool):
        return values.boolean(key, current)
    if isinstance(current, float):
        return values.duration(key, MAX_DURATION)
    if isinstance(current, tuple):
        items = values.strings(key)
        for item in items:
            if item not in choices:
                values.fail(key, f"'{key}' lists '{item}'; use {', '.join(choices)}")
        if len(set(items)) != len(items) or not items:
            values.fail(key, f"'{key}' lists each of {', '.join(choices)} at most once")
        return items
    return values.choice(key, current, choices)


DEFAULT = Settings()
