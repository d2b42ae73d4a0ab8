"""A scenario with its workflows folder loaded and its names checked against it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from simulator.core.diagnostics import GhasimError
from simulator.scenario.loader import load_scenario
from simulator.scenario.model import Scenario
from simulator.scenario.validate import validate_names
from simulator.workflow.loader import load_folder
from simulator.workflow.model import WorkflowSet


def load_for_run(
    path: str | Path, workflows_dir: str | Path | None = None
) -> tuple[Scenario, WorkflowSet]:
    scenario = load_scenario(path)
    folder = Path(workflows_dir) if workflows_dir is not None else scenario.workflows
    if folder is None:
        raise GhasimError(f"{path}: no 'workflows:' folder given (or pass --workflows DIR)")
    if not folder.is_dir():
        raise GhasimError(f"workflows folder not found: {folder}",
                          scenario.raw.value_pos("workflows") if "workflows" in scenario.raw else None)  # fmt: skip
    workflows = load_folder(folder)
    validate_names(scenario, workflows)
    return with_repository(scenario, folder), workflows


def with_repository(scenario: Scenario, folder: Path) -> Scenario:
    """Without `repository:`, the workflows' git remote `origin` names the repository."""
    if not scenario.repository.assumed:
        return scenario
    from simulator.core import git

    name = git.repository_name(folder)
    if name is None:
        return scenario
    return replace(scenario, repository=replace(scenario.repository, full_name=name, assumed=False))
