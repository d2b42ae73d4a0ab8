"""Which folder holds the workflows, found the way actionlint finds it.

Without `--workflows`, ghasim walks up from the current folder to the first one holding
`.github/workflows` (stopping at the repository's top, the folder with `.git`). A repository
root given as `--workflows` means its `.github/workflows`. A folder with no workflow file is an
error that says where ghasim looked and suggests the nearest `.github/workflows`: pointed at the
wrong folder, a simulator must not report that all is well.
"""

from __future__ import annotations

import os
from pathlib import Path

from simulator.core.diagnostics import GhasimError, Pos
from simulator.workflow.loader import WORKFLOWS_DIR, has_workflow_files

SCAN_DOWN_DEPTH = 3  # how deep the suggestion looks below the given folder
SCAN_DOWN_ENTRIES = 2_000  # and how many folders at most: a bounded hint, never a crawl


class NoWorkflows(GhasimError):
    pass


def locate(given: str | Path | None, start: str | Path | None = None,
           pos: Pos | None = None) -> Path:  # fmt: skip
    """The workflows folder to load: `given` (a folder, or a repository root), or the one
    found walking up from `start` (default: the current folder)."""
    if given is None:
        return _walk_up(Path(start) if start is not None else Path.cwd())
    folder = Path(given)
    if not folder.exists():
        raise NoWorkflows(f"workflows folder not found: {folder}{_suggest(folder)}", pos)
    if not folder.is_dir():
        raise NoWorkflows(f"not a folder: {folder} (--workflows names the folder that holds the "
                          "workflow files)", pos)  # fmt: skip
    nested = folder / WORKFLOWS_DIR
    if nested.is_dir() and not _has_workflows(folder):
        return _kept_inside(nested, folder, pos)
    if _has_workflows(folder):
        return folder
    looked = f"{folder}" + (f" and {nested}" if nested.is_dir() else "")
    raise NoWorkflows(
        f"{folder}: no workflow file (*.yml, *.yaml) in {looked}{_suggest(folder)}", pos
    )


def _kept_inside(candidate: Path, root: Path, pos: Pos | None = None) -> Path:
    """`candidate` (a repository's `.github/workflows`) when it lies inside `root`; a link
    (`.github` or `workflows`) leading out of the repository is not read (§14.10: GitHub does
    not follow it either), so a clone cannot make ghasim read and show files elsewhere."""
    if candidate.resolve().is_relative_to(root.resolve()):
        return candidate
    link = next((p for p in (candidate.parent, candidate) if p.is_symlink()), candidate)
    target = os.readlink(link) if link.is_symlink() else str(candidate.resolve())
    raise NoWorkflows(f"{link} is a symbolic link to {target!r}, outside the repository: "
                      "not read (§14.10); name a folder with --workflows", pos)  # fmt: skip


def _has_workflows(folder: Path) -> bool:
    try:
        return has_workflow_files(folder)
    except OSError:
        return False


def _walk_up(start: Path) -> Path:
    here = start.resolve()
    for folder in (here, *here.parents):
        candidate = folder / WORKFLOWS_DIR
        if candidate.is_dir():
            _kept_inside(candidate, folder)
            if not _has_workflows(candidate):
                raise NoWorkflows(f"{candidate}: no workflow file (*.yml, *.yaml) in it")
            return _shown(candidate)
        if (folder / ".git").exists():
            raise NoWorkflows(
                f"no {WORKFLOWS_DIR} in the repository at {folder}; pass --workflows DIR"
            )
    raise NoWorkflows(
        f"no {WORKFLOWS_DIR} in {here} or any folder above it; pass --workflows DIR{_suggest(here)}"
    )


def _shown(path: Path) -> Path:
    """`path` relative to the current folder when that reads shorter (as actionlint shows
    `.github/workflows/ci.yml`), else as it is."""
    try:
        relative = Path(os.path.relpath(path, Path.cwd()))
    except ValueError:  # another drive
        return path
    return relative if len(str(relative)) < len(str(path)) else path


def _suggest(folder: Path) -> str:
    """'; the nearest is X' when a workflows folder lies above or a little below."""
    found = _nearest(folder)
    return f"; the nearest {WORKFLOWS_DIR} is {found}" if found is not None else ""


def _nearest(folder: Path) -> Path | None:
    """A `.github/workflows` above `folder` (or its nearest existing parent), else one a
    little below `folder` itself when it exists; never a scan of unrelated folders."""
    try:
        here = folder.resolve()
    except OSError:
        return None
    existing = next((p for p in (here, *here.parents) if p.is_dir()), None)
    if existing is None:
        return None
    for parent in (existing, *existing.parents):
        candidate = parent / WORKFLOWS_DIR
        if candidate.is_dir() and candidate != here:
            return candidate
    return _scan_down(here) if existing == here else None


def _scan_down(root: Path) -> Path | None:
    """Breadth-first, bounded: the shallowest `.github/workflows` below `root`."""
    level, seen = [root], 0
    for _ in range(SCAN_DOWN_DEPTH):
        below = []
        for folder in level:
            try:
                children = sorted(p for p in folder.iterdir()
                                  if p.is_dir() and not p.is_symlink())  # fmt: skip
            except OSError:
                continue
            for child in children:
                seen += 1
                if seen > SCAN_DOWN_ENTRIES:
                    return None
                if (child / WORKFLOWS_DIR).is_dir():
                    return child / WORKFLOWS_DIR
                if not child.name.startswith("."):
                    below.append(child)
        level = below
    return None


def source_root(folder: Path) -> Path:
    """The folder paths in SARIF are relative to: the repository holding `folder` (the parent
    of `.github/workflows`, else git's top level), else the current folder."""
    resolved = folder.resolve()
    if resolved.parts[-2:] == (".github", "workflows"):
        return resolved.parent.parent
    from simulator.core import git

    return git.work_tree_top(resolved) or Path.cwd()
