"""[path-matches-nothing] a `paths` pattern that matches no file of the repository.

Only when the folder is the repository's own `.github/workflows` (its files are known).
"""

from __future__ import annotations

from simulator.check.context import CheckContext
from simulator.core.diagnostics import Diagnostic

ID = "path-matches-nothing"
TITLE = "A paths pattern that matches no file of the repository"
FACT = "§2.7"
SEVERITY = "warning"


def check(ctx: CheckContext):
    if ctx.repo_files is None:
        return
    for wf in ctx.workflows.workflows:
        for event, trigger in wf.triggers.items():
            for key in ("paths", "paths-ignore"):
                flt = trigger.filter(key)
                if flt is None:
                    continue
                for index, pattern in enumerate(flt.patterns.patterns):
                    if pattern.negative:
                        continue
                    if not any(pattern.matches(f) for f in ctx.repo_files):
                        yield Diagnostic(
                            flt.position_of(index),
                            f"on.{event}.{key}: '{pattern.source}' matches no file in the "
                            "repository (a typo, or a folder that moved?)",
                            "warning",
                            ID,
                        )
