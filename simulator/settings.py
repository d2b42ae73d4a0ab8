"""Settings for the points GitHub does not document (marked [U] in the fact sheet).

Each has the default we judged closest to GitHub; docs/settings.md says why. A scenario can
override them under `settings:`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from simulator.core.diagnostics import GhasimError, Pos, did_you_mean


@dataclass(frozen=True)
class Settings:
    # §2.15: branch/tag names matched case-sensitively (act does so).
    ref_case_sensitive: bool = True
    # §2.7: a `!` pattern in a `*-ignore` list re-includes (act's reading) or is ignored.
    ignore_list_negation: str = "reinclude"  # "reinclude" | "ignored"
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

    def with_overrides(self, values: dict[str, Any], pos: Pos | None = None) -> Settings:
        known = {f.name: f for f in fields(self)}
        changes: dict[str, Any] = {}
        for key, value in values.items():
            name = str(key).replace("-", "_")
            if name not in known:
                raise GhasimError(f"unknown setting '{key}'{did_you_mean(name, known)}", pos)
            current = getattr(self, name)
            if isinstance(current, bool) and not isinstance(value, bool):
                raise GhasimError(f"setting '{key}' must be true or false", pos)
            if isinstance(current, float) and not isinstance(value, (int, float)):
                raise GhasimError(f"setting '{key}' must be a number", pos)
            if isinstance(current, tuple):
                value = tuple(value)
            changes[name] = value
        result = replace(self, **changes)
        if result.ignore_list_negation not in ("reinclude", "ignored"):
            raise GhasimError("setting 'ignore_list_negation' is 'reinclude' or 'ignored'", pos)
        if result.invalid_workflow not in ("ignore", "startup_failure"):
            raise GhasimError("setting 'invalid_workflow' is 'ignore' or 'startup_failure'", pos)
        return result


DEFAULT = Settings()
