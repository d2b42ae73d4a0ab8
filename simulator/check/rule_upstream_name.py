"""[upstream-name] `workflow_run.workflows` entries that name no workflow (§5.2).

A renamed workflow silently stops every listener; a file name never matches.
"""

from __future__ import annotations

from simulator.check.context import CheckContext
from simulator.core.diagnostics import Diagnostic, did_you_mean

ID = "upstream-name"
TITLE = "A workflow_run.workflows entry that names no workflow"
FACT = "§5.2"


def check(ctx: CheckContext):
    names = list(ctx.by_name)
    for _, trigger in ctx.listeners():
        for name, pos in zip(trigger.workflows, trigger.workflows_pos, strict=False):
            if name in ctx.by_name:
                continue
            by_file = next((w for w in ctx.workflows.workflows
                            if name in (w.file_name, w.rel_path) and w.has_name), None)  # fmt: skip
            if by_file is not None:
                message = (f"'{name}' is a file name: workflow_run matches names; use the "
                           f"workflow's name '{by_file.name}'")  # fmt: skip
            elif any(name == b.name for b in ctx.workflows.broken):
                message = f"'{name}' is the name of an invalid workflow file: it never runs"
            else:
                message = (f"no workflow is named '{name}'{did_you_mean(name, names)}: this "
                           "listener never runs for it")  # fmt: skip
            yield Diagnostic(pos, message, "error", ID)
