"""[cycle] workflow_run links that loop back: each pass re-runs until the 3-level limit.

Strongly connected components (Tarjan's algorithm, iterative): linear in workflows and
links on any graph shape, one diagnostic per loop.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from simulator.check.context import CheckContext, Edge
from simulator.core.diagnostics import Diagnostic
from simulator.workflow.model import Workflow

ID = "cycle"
TITLE = "workflow_run links that loop back"
FACT = "§5.6"


def components(ctx: CheckContext) -> list[list[Workflow]]:
    """The strongly connected components of the workflow_run graph, in discovery order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[Workflow] = []
    out: list[list[Workflow]] = []
    for root in ctx.workflows.workflows:
        if root.rel_path in index:
            continue
        work: list[tuple[Workflow, int]] = [(root, 0)]
        while work:
            node, i = work.pop()
            key = node.rel_path
            if i == 0:
                index[key] = low[key] = len(index)
                stack.append(node)
                on_stack.add(key)
            links = ctx.downstream.get(key, [])
            if i < len(links):
                work.append((node, i + 1))
                child = links[i][1]
                if child.rel_path not in index:
                    work.append((child, 0))
                elif child.rel_path in on_stack:
                    low[key] = min(low[key], index[child.rel_path])
                continue
            if work:  # done with node: report its low link to its parent
                parent = work[-1][0].rel_path
                low[parent] = min(low[parent], low[key])
            if low[key] == index[key]:
                members = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top.rel_path)
                    members.append(top)
                    if top is node:
                        break
                out.append(members[::-1])
    return out


def _loop(ctx: CheckContext, members: list[Workflow]) -> list[Edge]:
    """One cycle through the component's first workflow (breadth-first inside it)."""
    inside = {w.rel_path for w in members}
    start = members[0]
    came: dict[str, Edge] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for edge in ctx.downstream.get(node.rel_path, []):
            target = edge[1]
            if target.rel_path not in inside:
                continue
            if target is start:
                path = [edge]
                while path[0][0] is not start:
                    path.insert(0, came[path[0][0].rel_path])
                return path
            if target.rel_path not in came:
                came[target.rel_path] = edge
                queue.append(target)
    return []


def check(ctx: CheckContext) -> Iterator[Diagnostic]:
    for members in components(ctx):
        self_loop = any(e[1] is members[0] for e in ctx.downstream.get(members[0].rel_path, []))
        if len(members) == 1 and not self_loop:
            continue
        loop = _loop(ctx, members)
        if not loop:
            continue
        names = " -> ".join([loop[0][0].name, *(edge[1].name for edge in loop)])
        _, listener, position = loop[-1]
        trigger = listener.trigger("workflow_run")
        assert trigger is not None  # a listener: it has a workflow_run trigger
        yield Diagnostic(
            trigger.workflows_pos[position],
            f"workflow_run cycle: {names}; it re-runs until GitHub's 3-level limit",
            "error",
            ID,
        )
