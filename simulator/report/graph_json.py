"""`ghasim graph --format json`: the architecture as nodes and edges (schema ghasim/graph/1)."""

from __future__ import annotations

from simulator.core.escape import schema_document
from simulator.report.architecture import Architecture
from simulator.report.inline import text_of


def graph_json(arch: Architecture, folder: str) -> str:
    nodes = [{"id": wf.rel_path, "name": wf.name, "file": wf.rel_path,
              "events": sorted(wf.triggers),
              "entries": [text_of(e.label) for e in arch.entries_of(wf)]}
             for wf in arch.workflows]  # fmt: skip
    edges = [{"kind": "workflow_run", "from": link.upstream.rel_path,
              "to": link.listener.rel_path, "types": list(link.types) if link.types else None,
              "branches": link.branches, "on_success": link.on_success}
             for link in arch.runs]  # fmt: skip
    edges += [{"kind": "workflow_call", "from": call.caller.rel_path, "to": call.called.rel_path,
               "job": call.job} for call in arch.calls]  # fmt: skip
    return schema_document("graph", {"workflows_folder": folder, "nodes": nodes, "edges": edges})
