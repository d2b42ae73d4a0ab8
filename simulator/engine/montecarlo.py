"""Monte Carlo: a random scenario simulated many times, summarised as it goes.

Iteration i uses the seed `scenario.seed + i`. Each iteration is reduced at once to a few
facts per workflow (started, last conclusion, start, lead time, runner time) and folded into
running statistics, so memory does not grow with the iterations. Quantiles come from a
log-bucketed histogram with a relative accuracy of 1% (the DDSketch method): each value
falls in the bucket ]γ^(i-1), γ^i] with γ = 1.02, and a quantile is the nearest-rank bucket's
midpoint 2γ^i/(γ+1); min, max and mean are exact. Histograms merge by adding counts, so
the figures are the same whatever the number of processes or the order chunks finish in.

The work is spread over a `concurrent.futures.Executor` in chunks of iterations: by default
a process pool over the available cores; a library user may pass any executor (a Dask or
Ray one works unchanged: the chunk function and its arguments are plain picklable values).
"""

from __future__ import annotations

import math
from concurrent.futures import Executor

from msgspec import Struct, field
from msgspec.structs import replace

from simulator.core.processes import available_cores, process_pool, stop_pool
from simulator.core.progress import Progress, silent
from simulator.engine.batch import Batch
from simulator.engine.records import RunRecord, SimulationResult
from simulator.engine.simulation import simulate
from simulator.scenario.model import Scenario
from simulator.workflow.model import WorkflowSet

GAMMA = 1.02  # relative accuracy (γ - 1) / (γ + 1) ≈ 1%
_LOG_GAMMA = math.log(GAMMA)
CHUNK = 250  # iterations per task: enough to amortise a task, small enough to show progress


class Sketch(Struct):
    """A quantile sketch of non-negative values (seconds)."""

    buckets: dict[int, int] = field(default_factory=dict)
    zeros: int = 0
    count: int = 0
    total: float = 0.0
    low: float = math.inf
    high: float = 0.0

    def add(self, value: float) -> None:
        self.count += 1
        self.total += value
        if value < self.low:
            self.low = value
        if value > self.high:
            self.high = value
        if value <= 0:
            self.zeros += 1
            return
        index = math.ceil(math.log(value) / _LOG_GAMMA)
        self.buckets[index] = self.buckets.get(index, 0) + 1

    def merge(self, other: Sketch) -> None:
        self.count += other.count
        self.total += other.total
        self.low = min(self.low, other.low)
        self.high = max(self.high, other.high)
        self.zeros += other.zeros
        for index, n in other.buckets.items():
            self.buckets[index] = self.buckets.get(index, 0) + n

    def quantile(self, q: float) -> float | None:
        """The nearest-rank q-quantile (0 < q <= 1), within 1%; None with no value."""
        if not self.count:
            return None
        rank = max(1, math.ceil(q * self.count))
        if rank <= self.zeros:
            return 0.0
        seen = self.zeros
        for index in sorted(self.buckets):
            seen += self.buckets[index]
            if seen >= rank:
                return min(max(2 * GAMMA**index / (GAMMA + 1), self.low), self.high)
        return self.high

    def statistic(self, name: str) -> float | None:
        if not self.count:
            return None
        if name == "min":
            return self.low
        if name == "max":
            return self.high
        if name == "mean":
            return self.total / self.count
        return self.quantile(int(name[1:]) / 100)


class WorkflowStats(Struct):
    started: int = 0  # iterations in which it ran at least once
    conclusions: dict[str, int] = field(default_factory=dict)  # of its last run
    start: Sketch = field(default_factory=Sketch)  # first run, from its chain's event
    lead: Sketch = field(default_factory=Sketch)  # last completion, from its chain's event
    runner_seconds: float = 0.0

    def merge(self, other: WorkflowStats) -> None:
        self.started += other.started
        for conclusion, n in other.conclusions.items():
            self.conclusions[conclusion] = self.conclusions.get(conclusion, 0) + n
        self.start.merge(other.start)
        self.lead.merge(other.lead)
        self.runner_seconds += other.runner_seconds


class MonteCarlo(Struct):
    iterations: int = 0
    seed: int = 0
    workflows: dict[str, WorkflowStats] = field(default_factory=dict)
    first: SimulationResult | None = None  # iteration 0, kept for deterministic checks

    def stats(self, name: str) -> WorkflowStats:
        found = self.workflows.get(name)
        if found is None:  # not setdefault: it would build a WorkflowStats every call
            found = self.workflows[name] = WorkflowStats()
        return found

    def add(self, result: SimulationResult, event_times: list[float]) -> None:
        self.iterations += 1
        # one pass over the runs: per workflow, its first run, its last, the last that
        # completed, and its runner time (summed in run order, as the figures always were)
        first: dict[str, RunRecord] = {}
        last: dict[str, RunRecord] = {}
        ended: dict[str, tuple[float, int | None]] = {}  # completion, its chain's event
        runner: dict[str, float] = {}
        for run in result.runs:
            name = run.workflow.name
            if name not in first:
                first[name] = run
                runner[name] = 0
            last[name] = run
            if run.completed_at is not None:
                ended[name] = (run.completed_at, run.scenario_event)
            seconds = runner[name]
            for j in run.jobs:
                if j.runner and j.completed_at is not None and j.started_at is not None:
                    seconds += j.completed_at - j.started_at
            runner[name] = seconds
        for name, run in first.items():
            stats = self.stats(name)
            stats.started += 1
            stats.start.add(max(0.0, run.shown_at - _origin(run.scenario_event, event_times)))
            final = last[name]
            if final.status == "completed" and final.conclusion:
                stats.conclusions[final.conclusion] = stats.conclusions.get(final.conclusion, 0) + 1
            if name in ended:
                completed_at, origin = ended[name]
                stats.lead.add(max(0.0, completed_at - _origin(origin, event_times)))
            stats.runner_seconds += runner[name]

    def merge(self, other: MonteCarlo) -> None:
        self.iterations += other.iterations
        for name, stats in other.workflows.items():
            self.stats(name).merge(stats)

    def probability(self, name: str, conclusion: str) -> float:
        stats = self.workflows.get(name)
        hits = stats.conclusions.get(conclusion, 0) if stats else 0
        return hits / self.iterations if self.iterations else 0.0


def _origin(index: int | None, event_times: list[float]) -> float:
    return event_times[index] if index is not None and index < len(event_times) else 0.0


def simulate_chunk(scenario: Scenario, workflows: WorkflowSet,
                   default_workflows: WorkflowSet | None, start: int, stop: int) -> MonteCarlo:  # fmt: skip
    """Iterations [start, stop) folded into one MonteCarlo (what a worker returns)."""
    out = MonteCarlo(seed=scenario.seed)
    times = [e.at for e in scenario.events]
    batch = Batch(scenario, workflows, default_workflows)
    for i in range(start, stop):
        result = simulate(scenario, workflows, default_workflows, scenario.seed + i, batch)
        out.add(result, times)
    return out


def run_iterations(
    scenario: Scenario,
    workflows: WorkflowSet,
    iterations: int,
    default_workflows: WorkflowSet | None = None,
    *,
    processes: int | None = None,
    executor: Executor | None = None,
    progress: Progress | None = silent,
) -> MonteCarlo:
    """`iterations` simulations (seeds seed .. seed+iterations-1), summarised. Iteration 0
    also comes back whole (`first`). `progress(done, iterations)` is told as chunks complete."""
    progress = progress or silent  # callers of 0.2.0 passed None for no progress
    scenario = replace(scenario, expect=None)
    total = MonteCarlo(seed=scenario.seed)
    first = simulate(scenario, workflows, default_workflows, seed=scenario.seed)
    total.add(first, [e.at for e in scenario.events])
    total.first = first
    chunks = [(s, min(s + CHUNK, iterations)) for s in range(1, iterations, CHUNK)]
    progress(1, iterations)
    processes = processes or available_cores()
    if executor is None and (processes <= 1 or len(chunks) <= 1):
        for start, stop in chunks:
            total.merge(simulate_chunk(scenario, workflows, default_workflows, start, stop))
            progress(stop, iterations)
        return total
    own = executor is None
    pool = executor or process_pool(processes)
    futures = []
    try:
        futures = [pool.submit(simulate_chunk, scenario, workflows, default_workflows, s, e)
                   for s, e in chunks]  # fmt: skip
        done = 1
        for future, (start, stop) in zip(futures, chunks, strict=True):  # merged in order
            total.merge(future.result())
            done += stop - start
            progress(done, iterations)
    except BaseException:  # an interrupt, a failed chunk: nothing more is worth computing
        for future in futures:
            future.cancel()
        if own:
            stop_pool(pool)
        raise
    if own:
        pool.shutdown()
    return total
