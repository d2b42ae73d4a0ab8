"""One workflow file's text into the typed model, every problem a positioned diagnostic."""

from __future__ import annotations

import hashlib

from simulator.core.diagnostics import Diagnostic, GhasimError, Pos
from simulator.core.yaml_loader import ScalarSpan, YamlError, YMap, load_yaml
from simulator.workflow.collector import Collector, scalar_text
from simulator.workflow.model import BrokenWorkflow, Workflow
from simulator.workflow.parse_jobs import (
    is_expression,
    parse_concurrency,
    parse_jobs,
    parse_permissions,
)
from simulator.workflow.parse_on import parse_on
from simulator.workflow.validate import check_every_template, validate_expressions

TOP_KEYS = ("name", "run-name", "on", "permissions", "env", "defaults", "concurrency", "jobs")


def parse_workflow(text: str, path: str, rel_path: str) -> Workflow | BrokenWorkflow:
    """Parse one workflow file's text. `path` is shown in diagnostics."""
    from simulator.workflow.loader import too_big

    big = too_big(len(text.encode("utf-8", "surrogatepass")), path, rel_path)
    if big is not None:
        return big
    c = Collector(path)
    templates: list[tuple[str, ScalarSpan]] = []
    try:
        doc = load_yaml(text, path, templates, github_numbers=True)
    except YamlError as exc:
        return BrokenWorkflow(path, rel_path, [_diag(exc, path)])
    if not isinstance(doc, YMap):
        c.error(getattr(doc, "pos", Pos(path, 1, 1)), "a workflow file must be a YAML mapping")
        return BrokenWorkflow(path, rel_path, c.diagnostics)
    c.unknown_keys(doc, TOP_KEYS, "the workflow")
    has_name = doc.get("name") is not None
    name = scalar_text(doc["name"]) if has_name else rel_path  # §1.2
    if has_name and is_expression(name):
        c.error(doc.value_pos("name"), "'name' cannot contain expressions (use 'run-name')")
    triggers = {}
    if "on" not in doc:
        c.error(doc.pos, "missing 'on': the workflow has no trigger")
    else:
        triggers = parse_on(doc["on"], doc.value_pos("on"), c)
    if "jobs" not in doc:
        c.error(doc.pos, "missing 'jobs'")
        jobs = {}
    else:
        jobs = parse_jobs(doc["jobs"], doc.value_pos("jobs"), c)
    concurrency = parse_concurrency(doc, c) if "concurrency" in doc else None
    workflow = Workflow(
        path=path,
        rel_path=rel_path,
        name=name,
        has_name=has_name,
        triggers=triggers,
        jobs=jobs,
        name_pos=doc.value_pos("name") if has_name else None,
        on_pos=doc.key_pos.get("on"),
        concurrency=concurrency,
        run_name=scalar_text(doc["run-name"]) if doc.get("run-name") is not None else None,
        env=dict(doc["env"]) if isinstance(doc.get("env"), dict) else {},
        permissions=parse_permissions(doc, c) if "permissions" in doc else None,
    )
    workflow.digest = hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()
    validate_expressions(workflow, c)
    if not c.failed:
        check_every_template(templates, c)
    if c.failed:
        return BrokenWorkflow(path, rel_path, c.diagnostics, name if has_name else None)
    workflow.warnings = c.diagnostics
    return workflow


def _diag(exc: GhasimError, path: str) -> Diagnostic:
    return Diagnostic(exc.pos or Pos(path), exc.message)
