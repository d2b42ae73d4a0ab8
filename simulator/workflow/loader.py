"""Loads a workflows folder: every `*.yml`/`*.yaml` directly in it (fact sheet §1.1).

One broken file never stops the others: it becomes a BrokenWorkflow with its diagnostics.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from simulator.core.diagnostics import Diagnostic, GhasimError, Pos
from simulator.core.yaml_loader import ScalarSpan, YamlError, YMap, decode_text, load_yaml
from simulator.workflow.collector import Collector, scalar_text
from simulator.workflow.model import BrokenWorkflow, Workflow, WorkflowSet
from simulator.workflow.parse_jobs import is_expression, parse_concurrency, parse_jobs
from simulator.workflow.parse_on import parse_on

WORKFLOWS_DIR = ".github/workflows"
MAX_WORKFLOW_BYTES = 500 * 1024  # §14.1: a larger workflow file does not start runs
TOP_KEYS = ("name", "run-name", "on", "permissions", "env", "defaults", "concurrency", "jobs")


def too_big(size: int, path: str, rel_path: str) -> BrokenWorkflow | None:
    """§14.1: GitHub starts no run from a workflow file over 500 KB; ghasim does not parse it."""
    if size <= MAX_WORKFLOW_BYTES:
        return None
    message = (f"the file is {size:,} bytes: a workflow file larger than 500 KB starts no run "
               "(§14.1)")  # fmt: skip
    return BrokenWorkflow(path, rel_path, [Diagnostic(Pos(path), message)])


def parse_workflow(text: str, path: str, rel_path: str) -> Workflow | BrokenWorkflow:
    """Parse one workflow file's text. `path` is shown in diagnostics."""
    big = too_big(len(text.encode("utf-8", "surrogatepass")), path, rel_path)
    if big is not None:
        return big
    c = Collector(path)
    templates: list[tuple[str, ScalarSpan]] = []
    try:
        doc = load_yaml(text, path, templates)
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
    from simulator.workflow.validate import check_every_template, validate_expressions

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


def load_file(file: Path, display: str | None = None, rel_dir: str = WORKFLOWS_DIR):
    display = display or str(file)
    rel_path = f"{rel_dir}/{file.name}"
    try:
        big = too_big(file.stat().st_size, display, rel_path)
        if big is not None:
            return big
        text = decode_text(file.read_bytes())
    except UnicodeDecodeError as exc:
        return BrokenWorkflow(display, rel_path, [_diag(GhasimError(
            f"not UTF-8 text (byte {exc.start})"), display)])  # fmt: skip
    except OSError as exc:
        return BrokenWorkflow(display, rel_path, [_diag(GhasimError(
            f"cannot read: {exc.strerror}"), display)])  # fmt: skip
    return parse_workflow(text, display, rel_path)


def workflow_files(folder: Path) -> list[Path]:
    """Files GitHub reads: directly in the folder, `.yml` or `.yaml` (§1.1); no subfolders."""
    return sorted(
        (p for p in folder.iterdir() if p.is_file() and p.suffix in (".yml", ".yaml")),
        key=lambda p: p.name,
    )


def load_folder(folder: str | Path) -> WorkflowSet:
    path = Path(folder)
    if not path.exists():
        raise GhasimError(f"workflows folder not found: {folder}")
    if not path.is_dir():
        raise GhasimError(f"not a folder: {folder}")
    loaded = [load_file(f, str(path / f.name)) for f in workflow_files(path)]
    return workflow_set(str(folder), loaded)


def workflow_set(folder: str, loaded: list[Workflow | BrokenWorkflow]) -> WorkflowSet:
    """The loaded files as a set, with local reusable calls checked across it."""
    from simulator.workflow.calls import check_calls

    return check_calls(
        WorkflowSet(
            folder=folder,
            workflows=[w for w in loaded if isinstance(w, Workflow)],
            broken=[b for b in loaded if isinstance(b, BrokenWorkflow)],
        )
    )
