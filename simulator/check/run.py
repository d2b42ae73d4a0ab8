"""Runs every rule; load diagnostics (invalid files, bad globs, exclusive pairs) come first."""

from __future__ import annotations

from pathlib import Path

from simulator.check import (
    rule_branch_never_matches,
    rule_chain_depth,
    rule_cycle,
    rule_matrix_size,
    rule_missing_types,
    rule_paths_match_nothing,
    rule_required_checks,
    rule_upstream_name,
    rule_workflow_file,
)
from simulator.check.context import CheckContext
from simulator.core.diagnostics import Diagnostic
from simulator.core.progress import Progress, silent
from simulator.workflow.model import WorkflowSet

RULES = (
    rule_workflow_file,
    rule_upstream_name,
    rule_chain_depth,
    rule_cycle,
    rule_matrix_size,
    rule_branch_never_matches,
    rule_missing_types,
    rule_paths_match_nothing,
    rule_required_checks,
)


def run_checks(ctx: CheckContext) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for rule in RULES:
        found.extend(rule.check(ctx))
    unique = list(dict.fromkeys(found))
    return sorted(unique, key=lambda d: (d.pos.file, d.pos.line, d.pos.col, d.kind))


def repo_files_for(folder: Path) -> list[str] | None:
    """Tracked files when `folder` is the `.github/workflows` of a git repository."""
    from simulator.core import git

    resolved = folder.resolve()
    if resolved.parts[-2:] != (".github", "workflows"):
        return None
    top = git.work_tree_top(resolved)
    if top is None or resolved != top / ".github" / "workflows":
        return None
    return git.tracked_files(top)


def check_folder(folder: str | Path, default_branch: str | None = None,
                 config: Path | None = None,
                 progress: Progress = silent) -> tuple[WorkflowSet, list[Diagnostic]]:  # fmt: skip
    """What `ghasim check` does: load the folder (and `.ghasim.yml`), run every rule.
    `progress` follows the files as they are parsed (the bulk of the work)."""
    folder = Path(folder)
    from simulator.check.config import load_config
    from simulator.workflow.discovery import source_root
    from simulator.workflow.loader import load_folder

    settings = load_config(config, source_root(folder))
    loaded = load_folder(folder, progress)
    ctx = CheckContext(
        loaded,
        default_branch=default_branch or settings.get("default_branch", "main"),
        repo_files=repo_files_for(folder),
        required_checks=settings.get("required_checks", []),
    )
    return loaded, run_checks(ctx)
