"""What every check rule reads: the workflows, the wiring graph, the repository's files."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from simulator.workflow.model import Workflow, WorkflowSet


@dataclass
class CheckContext:
    workflows: WorkflowSet
    default_branch: str = "main"
    repo_files: list[str] | None = None  # tracked files, when the folder is a repo's own
    required_checks: list[str] = field(default_factory=list)

    @cached_property
    def by_name(self) -> dict[str, list[Workflow]]:
        out: dict[str, list[Workflow]] = {}
        for wf in self.workflows.workflows:
            out.setdefault(wf.name, []).append(wf)
        return out

    @cached_property
    def edges(self) -> list[tuple[Workflow, Workflow, int]]:
        """(upstream, listener, index in the listener's `workflows:`) for every workflow_run link."""
        out = []
        for listener in self.workflows.workflows:
            trigger = listener.trigger("workflow_run")
            for i, name in enumerate(trigger.workflows if trigger else ()):
                for upstream in self.by_name.get(name, []):
                    out.append((upstream, listener, i))
        return out

    def listeners(self) -> list[Workflow]:
        return [w for w in self.workflows.workflows if w.trigger("workflow_run")]


def only_workflow_run(wf: Workflow) -> bool:
    """Started only by workflow_run: so its runs' head branch is the default branch (§5.7)."""
    return set(wf.triggers) == {"workflow_run"}
