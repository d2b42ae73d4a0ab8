"""[cycle] workflow_run links that loop back: each pass re-runs until the 3-level limit."""

from __future__ import annotations

from simulator.check.context import CheckContext
from simulator.core.diagnostics import Diagnostic

ID = "cycle"


def check(ctx: CheckContext):
    graph: dict[str, list] = {}
    for upstream, listener, index in ctx.edges:
        graph.setdefault(upstream.rel_path, []).append((listener, index))
    reported: set[frozenset[str]] = set()
    for start in ctx.workflows.workflows:
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for listener, index in graph.get(node.rel_path, []):
                if listener is start:
                    members = frozenset(w.rel_path for w in path)
                    if members in reported:
                        continue
                    reported.add(members)
                    names = " -> ".join(w.name for w in [*path, start])
                    trigger = listener.trigger("workflow_run")
                    yield Diagnostic(
                        trigger.workflows_pos[index],
                        f"workflow_run cycle: {names}; it re-runs until GitHub's 3-level limit",
                        "error",
                        ID,
                    )
                elif listener not in path:
                    stack.append((listener, [*path, listener]))
