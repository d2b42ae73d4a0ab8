"""Load a scenario and its workflows, check the names, simulate: what `ghasim run` does."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from simulator.diagnostics import GhasimError
from simulator.engine.records import SimulationResult
from simulator.engine.world import simulate
from simulator.scenario.loader import load_scenario
from simulator.scenario.model import Scenario
from simulator.scenario.timeparse import TimeFormatError, parse_at
from simulator.scenario.validate import validate_names
from simulator.workflow.loader import load_folder
from simulator.workflow.model import WorkflowSet


@dataclass
class ScenarioRun:
    scenario: Scenario
    workflows: WorkflowSet
    result: SimulationResult


def load_for_run(path: str | Path, workflows_dir: str | Path | None = None):
    scenario = load_scenario(path)
    folder = Path(workflows_dir) if workflows_dir is not None else scenario.workflows
    if folder is None:
        raise GhasimError(f"{path}: no 'workflows:' folder given (or pass --workflows DIR)")
    if not folder.is_dir():
        raise GhasimError(f"workflows folder not found: {folder}",
                          scenario.raw.value_pos("workflows") if "workflows" in scenario.raw else None)  # fmt: skip
    workflows = load_folder(folder)
    validate_names(scenario, workflows)
    return scenario, workflows


def run_scenario(
    path: str | Path,
    until: float | str | None = None,
    seed: int | None = None,
    workflows_dir: str | Path | None = None,
    default_workflows: WorkflowSet | None = None,
) -> ScenarioRun:
    """`until` overrides the scenario's: seconds, or any `at:` form ("04:19:00", "5m")."""
    scenario, workflows = load_for_run(path, workflows_dir)
    if isinstance(until, str):
        try:
            until = parse_at(until, scenario.start)
        except TimeFormatError as exc:
            raise GhasimError(f"until: {exc}") from None
    if until is not None:
        scenario = replace(scenario, until=until)
    result = simulate(scenario, workflows, default_workflows, seed)
    return ScenarioRun(scenario, workflows, result)
