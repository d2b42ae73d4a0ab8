"""A workflows folder as it is at a git revision, or in the working tree (read-only)."""

from __future__ import annotations

from pathlib import Path

from simulator.core import git
from simulator.core.diagnostics import Diagnostic, GhasimError, Pos
from simulator.workflow.cache import FolderCache
from simulator.workflow.loader import (
    WORKFLOWS_DIR,
    Source,
    folder_cache,
    load_folder,
    parse_sources,
    too_big,
    workflow_set,
)
from simulator.workflow.model import BrokenWorkflow, WorkflowSet

LINK_MODE = "120000"  # git's mode of a symbolic link
# One pack per repository folder holds the files of every revision a command reads: a diff's
# two revisions no longer evict each other's entries, so a second diff parses nothing.
_shared: dict[str, FolderCache] = {}


def forget() -> None:
    """A new command begins: the next load reads the pack again."""
    _shared.clear()


def prefetch_blobs(repo: str | Path, revs: list[str], folder: str = WORKFLOWS_DIR) -> None:
    """Read the workflow blobs of several revisions through one git process (the reads are
    remembered within a command, so the loads that follow start none)."""
    ids = []
    for rev in revs:
        if rev != git.WORKTREE:
            ids += [blob for _, blob, _ in git.tree_files(repo, git.resolve(repo, rev), folder,
                                                          shown=rev)]  # fmt: skip
    git.read_blobs(repo, ids)


def load_at(repo: str | Path, rev: str, folder: str = WORKFLOWS_DIR,
            shown: str | None = None) -> WorkflowSet:  # fmt: skip
    """The workflows of `folder` at `rev` (`git.WORKTREE` for the files on disk), each file
    shown as `REV:path`, or as `shown` + path when given: `ghasim diff` shows every revision's
    files by their path alone, so an unchanged blob is one model (parsed or decoded once)
    for both revisions and stays cached however the revisions are named."""
    git.require_repo(repo, hint=": ghasim reads workflows at a revision with git")
    if rev == git.WORKTREE:
        path = git.toplevel(repo) / folder
        if not path.is_dir():
            raise GhasimError(f"no {folder}/ folder in the working tree of {repo}")
        return load_folder(path)
    commit = git.resolve(repo, rev)
    files = [entry for entry in git.tree_files(repo, commit, folder, shown=rev)
             if entry[0].endswith((".yml", ".yaml"))]  # fmt: skip
    blobs = git.read_blobs(repo, [blob for _, blob, _ in files])
    folder_id = f"{Path(repo).resolve()}\0{folder}"
    cache = _shared.get(folder_id) or folder_cache(folder_id)
    if cache is not None:
        _shared[folder_id] = cache
    sources: list[Source | BrokenWorkflow] = []
    for file, blob, mode in sorted(files, key=lambda f: f[0].rsplit("/", 1)[-1]):
        display = f"{rev}:{file}" if shown is None else f"{shown}{file}"
        rel = f"{WORKFLOWS_DIR}/{file.rsplit('/', 1)[-1]}"
        data = blobs[blob]
        if mode == LINK_MODE:  # §14.10: the blob is the link's target path, not a workflow
            target = data[:200].decode("utf-8", errors="replace")
            sources.append(BrokenWorkflow(display, rel, [Diagnostic(Pos(display), (
                f"a symbolic link to {target!r}: GitHub does not follow it and reads the link "
                "itself, an invalid workflow (§14.10)"))]))  # fmt: skip
            continue
        sources.append(too_big(len(data), display, rel) or (data, display, rel))
    loaded = parse_sources(sources, cache)
    if cache is not None:
        cache.close()
    return workflow_set(f"{rev}:{folder}", loaded)
