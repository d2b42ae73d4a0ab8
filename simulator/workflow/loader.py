"""Loads a workflows folder: every `*.yml`/`*.yaml` directly in it (fact sheet §1.1).

One broken file never stops the others: it becomes a BrokenWorkflow with its diagnostics.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from simulator.core.diagnostics import Diagnostic, GhasimError, Pos
from simulator.core.progress import Progress, silent
from simulator.core.yaml_loader import decode_text
from simulator.workflow.cache import FolderCache
from simulator.workflow.cache import active as active_cache
from simulator.workflow.model import BrokenWorkflow, Workflow, WorkflowSet

WORKFLOWS_DIR = ".github/workflows"
MAX_WORKFLOW_BYTES = 500 * 1024  # §14.1: a larger workflow file does not start runs


def parse_workflow(text: str, path: str, rel_path: str) -> Workflow | BrokenWorkflow:
    """Parse one workflow file's text (the parsers load only when a file must be parsed:
    a parse-cache hit needs none of them). `path` is shown in diagnostics."""
    from simulator.workflow.parse import parse_workflow as parse

    return parse(text, path, rel_path)


def too_big(size: int, path: str, rel_path: str) -> BrokenWorkflow | None:
    """§14.1: GitHub starts no run from a workflow file over 500 KB; ghasim does not parse it."""
    if size <= MAX_WORKFLOW_BYTES:
        return None
    message = (f"the file is {size:,} bytes: a workflow file larger than 500 KB starts no run "
               "(§14.1)")  # fmt: skip
    return BrokenWorkflow(path, rel_path, [Diagnostic(Pos(path), message)])


def _diag(exc: GhasimError, path: str) -> Diagnostic:
    return Diagnostic(exc.pos or Pos(path), exc.message)


def load_file(file: Path, display: str | None = None, rel_dir: str = WORKFLOWS_DIR,
              cache: FolderCache | None = None) -> Workflow | BrokenWorkflow:  # fmt: skip
    display = display or str(file)
    rel_path = f"{rel_dir}/{file.name}"
    try:
        big = too_big(file.stat().st_size, display, rel_path)
        if big is not None:
            return big
        data = file.read_bytes()
    except OSError as exc:
        return BrokenWorkflow(display, rel_path, [_diag(GhasimError(
            f"cannot read: {exc.strerror}"), display)])  # fmt: skip
    return parse_bytes(data, display, rel_path, cache)


def parse_bytes(data: bytes, display: str, rel_path: str, cache: FolderCache | None = None
                ) -> Workflow | BrokenWorkflow:  # fmt: skip
    """A workflow file's bytes as a model: from the folder's parse-cache pack when it holds
    them (simulator.workflow.cache), else parsed."""
    if cache is not None:
        found = cache.model(data, display, rel_path, lambda: _parse_bytes(data, display, rel_path))
        if isinstance(found, (Workflow, BrokenWorkflow)):
            return found
    return _parse_bytes(data, display, rel_path)


def _parse_bytes(data: bytes, display: str, rel_path: str) -> Workflow | BrokenWorkflow:
    try:
        text = decode_text(data)
    except UnicodeDecodeError as exc:
        return BrokenWorkflow(display, rel_path, [_diag(GhasimError(
            f"not UTF-8 text (byte {exc.start})"), display)])  # fmt: skip
    return parse_workflow(text, display, rel_path)


def folder_cache(folder_id: str) -> FolderCache | None:
    """The parse cache for one folder's load, when the command line turned it on."""
    cache = active_cache()
    return FolderCache(cache, folder_id) if cache is not None else None


def workflow_files(folder: Path) -> list[Path]:
    """Files GitHub reads: directly in the folder, `.yml` or `.yaml` (§1.1); no subfolders.
    (One directory read: the entries' types come with it, no stat per file.)"""
    return [folder / name for name in sorted(_workflow_names(folder))]


def has_workflow_files(folder: Path) -> bool:
    """Does the folder hold a workflow file? (Stops at the first.)"""
    return next(_workflow_names(folder), None) is not None


def _workflow_names(folder: Path) -> Iterator[str]:
    with os.scandir(folder) as entries:
        for entry in entries:
            dot = entry.name.rfind(".")  # as Path.suffix: a leading dot starts no suffix
            if dot > 0 and entry.name[dot:] in (".yml", ".yaml") and entry.is_file():
                yield entry.name


def load_folder(folder: str | Path, progress: Progress = silent) -> WorkflowSet:
    """The workflow files of a folder, parsed (or taken from the parse cache);
    `progress(files done, files)` is told after each file."""
    path = Path(folder)
    if not path.exists():
        raise GhasimError(f"workflows folder not found: {folder}")
    if not path.is_dir():
        raise GhasimError(f"not a folder: {folder}")
    cache = folder_cache(str(path.resolve()))
    files = workflow_files(path)
    loaded = []
    for done, file in enumerate(files, 1):
        loaded.append(load_file(file, str(path / file.name), cache=cache))
        progress(done, len(files))
    if cache is not None:
        cache.close()
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
