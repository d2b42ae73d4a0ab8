"""What every check rule reads: the workflows, the wiring graph, the repository's files.

The graph is built once per folder (indexes by name, listeners and upstreams of each
workflow, chain levels in one breadth-first pass), so every rule is linear in files and
edges whatever the graph's shape.
"""

from __future__ import annotations

from collections import deque
from functools import cached_property

from msgspec import Struct, field

from simulator.workflow.model import EventTrigger, Workflow, WorkflowSet

Edge = tuple[Workflow, Workflow, int]  # (upstream, listener, index in `workflows:`)
NOT_ORIGINS = ("workflow_run", "workflow_dispatch", "workflow_call")


class CheckContext(Struct, dict=True):
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
    def edges(self) -> list[Edge]:
        """Every workflow_run link."""
        out = []
        for listener in self.workflows.workflows:
            trigger = listener.trigger("workflow_run")
            for i, name in enumerate(trigger.workflows if trigger else ()):
                for upstream in self.by_name.get(name, []):
                    out.append((upstream, listener, i))
        return out

    @cached_property
    def downstream(self) -> dict[str, list[Edge]]:
        """upstream rel_path -> the links from it."""
        out: dict[str, list[Edge]] = {}
        for edge in self.edges:
            out.setdefault(edge[0].rel_path, []).append(edge)
        return out

    @cached_property
    def upstream(self) -> dict[str, list[Edge]]:
        """listener rel_path -> the links into it."""
        out: dict[str, list[Edge]] = {}
        for edge in self.edges:
            out.setdefault(edge[1].rel_path, []).append(edge)
        return out

    @cached_property
    def levels(self) -> dict[str, tuple[int, Workflow | None]]:
        """The lowest chain level of each reachable workflow and the upstream it is reached
        from (one breadth-first pass). Level 0: started by an event that happens on its own
        (a push, a pull request, a schedule ...); a manual dispatch does not count, so a
        stage a push reaches only past level 3 is found even when it is also dispatchable."""
        best: dict[str, tuple[int, Workflow | None]] = {}
        queue: deque[Workflow] = deque()
        for wf in self.workflows.workflows:
            if any(event not in NOT_ORIGINS for event in wf.triggers):
                best[wf.rel_path] = (0, None)
                queue.append(wf)
        while queue:
            upstream = queue.popleft()
            level = best[upstream.rel_path][0]
            for _, listener, _ in self.downstream.get(upstream.rel_path, []):
                if listener.rel_path not in best:
                    best[listener.rel_path] = (level + 1, upstream)
                    queue.append(listener)
        return best

    def path_to(self, wf: Workflow) -> list[str]:
        """The names along the shortest chain from a level-0 workflow to `wf`."""
        names = [wf.name]
        step = self.levels.get(wf.rel_path, (0, None))[1]
        while step is not None:
            names.append(step.name)
            step = self.levels[step.rel_path][1]
        return names[::-1]

    def listeners(self) -> list[tuple[Workflow, EventTrigger]]:
        """Each workflow_run listener with its `on.workflow_run`."""
        return [(w, t) for w in self.workflows.workflows if (t := w.trigger("workflow_run"))]


def only_workflow_run(wf: Workflow) -> bool:
    """Started only by workflow_run: so its runs' head branch is the default branch (§5.7)."""
    return set(wf.triggers) == {"workflow_run"}
