"""The engine's entry points: simulate a scenario, or load one from its file and simulate it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from msgspec import Struct
from msgspec.structs import replace

from simulator.core.diagnostics import GhasimError
from simulator.core.timeparse import TimeFormatError, parse_at
from simulator.engine.records import SimulationResult
from simulator.engine.simulation import simulate
from simulator.scenario.model import Scenario
from simulator.scenario.prepare import default_copy, load_for_run
from simulator.workflow.model import WorkflowSet

__all__ = ["ScenarioRun", "run_scenario", "simulate", "until_offset"]


class ScenarioRun(Struct):
    """A scenario, the workflows it loaded and the simulation's result."""

    scenario: Scenario
    workflows: WorkflowSet
    result: SimulationResult


def until_offset(text: str, start: datetime | None) -> float:
    """`--until` on every command: an offset, a clock time or an ISO time (core.timeparse),
    after the scenario's start."""
    assert start is not None
    try:
        until = parse_at(text, start)
    except TimeFormatError as exc:
        raise GhasimError(f"--until: {exc}") from None
    if until <= 0:
        raise GhasimError("--until: it must come after the scenario's start")
    return until


def run_scenario(
    path: str | Path,
    until: float | str | None = None,
    seed: int | None = None,
    workflows_dir: str | Path | None = None,
    default_workflows: WorkflowSet | None = None,
) -> ScenarioRun:
    """`until` overrides the scenario's: seconds, or any `at:` form ("04:19:00", "5m")."""
    scenario, workflows = load_for_run(path, workflows_dir)
    default_workflows = default_workflows or default_copy(scenario)
    if isinstance(until, str):
        until = until_offset(until, scenario.start)
    if until is not None:
        scenario = replace(scenario, until=until)
    result = simulate(scenario, workflows, default_workflows, seed)
    return ScenarioRun(scenario, workflows, result)
