"""A workflows folder as it is at a git revision, or in the working tree (read-only)."""

from __future__ import annotations

from pathlib import Path

from simulator.core import git
from simulator.core.diagnostics import GhasimError
from simulator.core.yaml_loader import decode_text
from simulator.workflow.loader import WORKFLOWS_DIR, load_folder, parse_workflow, workflow_set
from simulator.workflow.model import BrokenWorkflow, WorkflowSet


def load_at(repo: str | Path, rev: str, folder: str = WORKFLOWS_DIR) -> WorkflowSet:
    """The workflows of `folder` at `rev` (`git.WORKTREE` for the files on disk)."""
    git.require_repo(repo, hint=": ghasim reads workflows at a revision with git")
    if rev == git.WORKTREE:
        path = git.toplevel(repo) / folder
        if not path.is_dir():
            raise GhasimError(f"no {folder}/ folder in the working tree of {repo}")
        return load_folder(path)
    commit = git.resolve(repo, rev)
    files = [
        f for f in git.tree_files(repo, commit, folder, shown=rev) if f.endswith((".yml", ".yaml"))
    ]
    blobs = git.read_blobs(repo, [f"{commit}:{f}" for f in files])
    loaded: list = []
    for file in sorted(files, key=lambda f: f.rsplit("/", 1)[-1]):
        display = f"{rev}:{file}"
        rel = f"{WORKFLOWS_DIR}/{file.rsplit('/', 1)[-1]}"
        try:
            text = decode_text(blobs[f"{commit}:{file}"])
        except UnicodeDecodeError:
            from simulator.core.diagnostics import Diagnostic, Pos

            loaded.append(
                BrokenWorkflow(display, rel, [Diagnostic(Pos(display), "not UTF-8 text")])
            )
            continue
        loaded.append(parse_workflow(text, display, rel))
    return workflow_set(f"{rev}:{folder}", loaded)
