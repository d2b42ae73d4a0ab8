"""Local reusable-workflow calls checked across the folder (fact sheet §6.6).

GitHub rejects a caller whose call cannot work: a missing file, a file without
`on: workflow_call`, an unknown or missing input, a loop, nesting deeper than 10 levels.
Such a caller becomes a broken workflow with the error at its `uses:`.
"""

from __future__ import annotations

from collections.abc import Callable

from simulator.core.diagnostics import Diagnostic, Pos, did_you_mean
from simulator.workflow.model import BrokenWorkflow, Job, Workflow, WorkflowSet

MAX_NESTING = 10  # caller + 9 called workflows (github.com; older docs and GHES: 4)


def local_call_path(job: Job) -> str | None:
    """`.github/workflows/x.yml` for `uses: ./.github/workflows/x.yml`, else None."""
    if job.uses and job.uses.startswith("./"):
        return job.uses.split("@", 1)[0].removeprefix("./")
    return None


def check_calls(workflows: WorkflowSet) -> WorkflowSet:
    by_path = {w.rel_path: w for w in workflows.workflows}
    broken_paths = {b.rel_path: b for b in workflows.broken}
    problems: dict[str, list[Diagnostic]] = {}

    def report(wf: Workflow, pos: Pos | None, message: str) -> None:
        problems.setdefault(wf.rel_path, []).append(
            Diagnostic(pos or Pos(wf.path), message, "error", "reusable-call")
        )

    for wf in workflows.workflows:
        for job in wf.jobs.values():
            path = local_call_path(job)
            if path is None:
                continue
            target = by_path.get(path)
            if target is None:
                if path in broken_paths:
                    report(wf, job.uses_pos, f"job '{job.id}' calls {path}, which is invalid: "
                           f"{broken_paths[path].first_error.message}")  # fmt: skip
                else:
                    hint = did_you_mean(path, list(by_path))
                    report(wf, job.uses_pos, f"job '{job.id}' calls {path}, which is not in the "
                           f"workflows folder{hint}")  # fmt: skip
                continue
            trigger = target.trigger("workflow_call")
            if trigger is None:
                report(wf, job.uses_pos, f"job '{job.id}' calls {path}, which has no "
                       "'on: workflow_call'")  # fmt: skip
                continue
            for name in job.with_:
                if name not in trigger.inputs:
                    report(wf, job.with_key_pos[name], f"job '{job.id}': {path} has no input "
                           f"'{name}'{did_you_mean(name, trigger.inputs)}")  # fmt: skip
            for name, spec in trigger.inputs.items():
                if spec.required and spec.default is None and name not in job.with_:
                    report(wf, job.uses_pos, f"job '{job.id}': required input '{name}' of "
                           f"{path} is not given")  # fmt: skip
    for wf in workflows.workflows:
        _walk(wf, by_path, [], [], report)
    if not problems:
        return workflows
    kept = [w for w in workflows.workflows if w.rel_path not in problems]
    moved = [
        BrokenWorkflow(w.path, w.rel_path, problems[w.rel_path], w.name if w.has_name else None)
        for w in workflows.workflows
        if w.rel_path in problems
    ]
    return WorkflowSet(workflows.folder, kept, sorted(workflows.broken + moved,
                                                      key=lambda b: b.file_name))  # fmt: skip


def _walk(wf: Workflow, by_path: dict[str, Workflow], chain: list[str], jobs: list[Job],
          report: Callable[[Workflow, Pos | None, str], None]) -> None:  # fmt: skip
    """Depth-first over calls from the top workflow `chain[0]`: loops and depth (§6.6)."""
    chain = [*chain, wf.rel_path]
    for job in wf.jobs.values():
        path = local_call_path(job)
        target = by_path.get(path) if path else None
        if path is None or target is None or target.trigger("workflow_call") is None:
            continue
        top = by_path[chain[0]]
        where = (jobs[0] if jobs else job).uses_pos
        if path in chain:
            report(top, where, "reusable workflows call each other in a loop: "
                   + " -> ".join([*chain, path]))  # fmt: skip
            continue
        if len(chain) + 1 > MAX_NESTING:
            report(top, where, f"reusable workflows nest deeper than {MAX_NESTING} levels: "
                   + " -> ".join([*chain, path]))  # fmt: skip
            continue
        _walk(target, by_path, chain, [*jobs, job], report)
