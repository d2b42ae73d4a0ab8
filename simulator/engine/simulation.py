"""The simpy world: the only stateful part of ghasim.

Scenario events go through the dispatcher (trigger decisions) and create runs; each run is a
process (run_process.py) whose jobs run as a DAG (dag.py); every state change goes on the
workflow_run bus (bus.py), which may create runs one level deeper, up to three (§5.6).
A run budget (`max_runs`) stops the clock with a note instead of letting a loop grow.
"""

from __future__ import annotations

import random

from simulator.core.timeparse import clock
from simulator.engine.batch import Batch
from simulator.engine.clock import Clock
from simulator.engine.concurrency import Groups
from simulator.engine.dag import JobWorld
from simulator.engine.dispatcher import Dispatcher
from simulator.engine.records import SimulationResult
from simulator.engine.run_process import RunBudgetExceeded, Runs
from simulator.engine.runners import RunnerPools
from simulator.scenario.model import Scenario
from simulator.workflow.model import WorkflowSet


class Simulation:
    def __init__(self, scenario: Scenario, workflows: WorkflowSet,
                 default_workflows: WorkflowSet | None = None, seed: int | None = None,
                 batch: Batch | None = None):  # fmt: skip
        batch = batch or Batch(scenario, workflows, default_workflows)
        self.scenario = scenario
        self.env = Clock()
        world = JobWorld(
            env=self.env,
            rng=random.Random(scenario.seed if seed is None else seed),
            groups=Groups(self.env),
            pools=RunnerPools(self.env, scenario.runners, scenario.max_parallel_jobs),
            settings=scenario.settings,
            plan=batch.plan,
            workflows=workflows,
            vars=scenario.vars,
            secrets=scenario.secrets,
        )
        self.runs = Runs(world, batch.bus, batch.payloads, batch.start_iso, scenario.max_runs)
        self.dispatcher = Dispatcher(self.runs, workflows, batch.listeners, scenario.settings,
                                     scenario.default_branch, batch.decisions)  # fmt: skip
        world.on_effects = self.dispatcher.effects
        self.world = world

    def simulate(self) -> SimulationResult:
        scenario = self.scenario
        self.dispatcher.plan(scenario.events)
        if scenario.schedules and scenario.until is not None:
            self.dispatcher.plan_schedules(scenario.start, scenario.until)
        notes: list[str] = []
        try:
            if scenario.until is None:
                self.env.run()
            else:
                self.env.run(until=scenario.until)
                while self.env.peek() == scenario.until:  # what happens exactly at the snapshot
                    self.env.step()
        except RunBudgetExceeded:
            notes.append(self.budget_note())
        finally:
            # the effects hook closes a loop (world -> dispatcher -> runs -> world): cut it
            # once the clock stops, so a finished simulation is freed by reference counting
            self.world.on_effects = None
        return SimulationResult(
            start=scenario.start,
            runs=self.runs.records,
            not_triggered=self.runs.not_triggered,
            until=scenario.until,
            end=self.env.now,
            default_branch=scenario.default_branch,
            scenario_name=scenario.name,
            notes=notes,
            repository=self.runs.payloads.repo,
            effects=self.runs.effects,
        )

    def budget_note(self) -> str:
        """Where the run budget stopped the clock, and through which workflows it fanned out."""
        counts: dict[str, int] = {}
        for run in self.runs.records:
            counts[run.name] = counts.get(run.name, 0) + 1
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        through = ", ".join(f"{name} ({count:,} runs)" for name, count in top)
        return (f"more than {self.scenario.max_runs:,} runs (max_runs): stopped at "
                f"{clock(self.scenario.start, self.env.now)}; the chain fans out through "
                f"{through}")  # fmt: skip


def simulate(
    scenario: Scenario,
    workflows: WorkflowSet,
    default_workflows: WorkflowSet | None = None,
    seed: int | None = None,
    batch: Batch | None = None,
) -> SimulationResult:
    """One simulation. `batch` (what does not depend on the seed, made for this scenario and
    these workflows) may be given when the same scenario is simulated many times."""
    return Simulation(scenario, workflows, default_workflows, seed, batch).simulate()
