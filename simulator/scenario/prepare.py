"""A scenario with its workflows folder loaded and its names checked against it."""

from __future__ import annotations

from pathlib import Path

from msgspec.structs import replace

from simulator.scenario.loader import REPOSITORY, ScenarioError, load_scenario
from simulator.scenario.model import Scenario
from simulator.scenario.validate import validate_names
from simulator.workflow.loader import load_folder
from simulator.workflow.model import WorkflowSet


def load_for_run(
    path: str | Path, workflows_dir: str | Path | None = None
) -> tuple[Scenario, WorkflowSet]:
    """The scenario and its workflows: `workflows_dir` (--workflows), else the scenario's
    `workflows:`, else the .github/workflows found from the scenario's folder up
    (simulator.workflow.discovery); a folder with no workflow file is an error."""
    from simulator.workflow.discovery import locate

    scenario = load_scenario(path)
    if workflows_dir is not None:
        folder = locate(workflows_dir)
    elif scenario.workflows is not None:
        pos = scenario.raw.value_pos("workflows") if "workflows" in scenario.raw else None
        folder = locate(scenario.workflows, pos=pos)
    else:
        folder = locate(None, start=Path(path).parent)
    workflows = load_folder(folder)
    validate_names(scenario, workflows)
    return identified(scenario, None, folder), workflows


def identified(scenario: Scenario, name: str | None, where: Path | None) -> Scenario:
    """The scenario with its repository named: `name` (from --repository) first, then the
    scenario's own `repository:`, then the git remote `origin` of `where`."""
    if name is not None:
        if not REPOSITORY.match(name):
            raise ScenarioError(f"--repository: '{name}' is not owner/name")
    elif scenario.repository.assumed and where is not None:
        from simulator.core import git

        name = git.repository_name(where)
    if name is None:
        return scenario
    return replace(scenario, repository=replace(scenario.repository, full_name=name, assumed=False))


def default_copy(scenario: Scenario) -> WorkflowSet | None:
    """The default branch's workflows when the scenario names them apart
    (`default_branch_workflows:`), else None (the scenario's workflows are the default
    branch's too)."""
    if scenario.default_branch_workflows is None:
        return None
    from simulator.workflow.discovery import locate

    pos = (scenario.raw.value_pos("default_branch_workflows")
           if scenario.raw is not None and "default_branch_workflows" in scenario.raw else None)  # fmt: skip
    return load_folder(locate(scenario.default_branch_workflows, pos=pos))
