"""`runs`: how many runs a workflow gets (`1`, `'>= 1'`)."""

from __future__ import annotations

from typing import Any

from simulator.core.diagnostics import Pos
from simulator.engine.montecarlo import MonteCarlo
from simulator.engine.records import RunRecord, SimulationResult
from simulator.report.why import why_not_run
from simulator.testing.expectations.base import (
    Comparison,
    Context,
    Expectation,
    Failure,
    comparison,
)
from simulator.workflow.model import Workflow


class Runs(Expectation):
    key = "runs"
    expected: Comparison

    @classmethod
    def parse(cls, workflow: Workflow, value: Any, pos: Pos, ctx: Context) -> Runs:
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return cls(workflow.name, Comparison("==", value, str(value)), pos)
        return cls(workflow.name, comparison(value, float, workflow, pos,
                                             "a number of runs like 1 or '>= 1'"), pos)  # fmt: skip

    def shown(self) -> str:
        return self.expected.text

    def evaluate(self, outcome: MonteCarlo, ctx: Context) -> Failure | None:
        result = outcome.first
        assert result is not None
        runs = self.runs(result)
        if self.expected.holds(len(runs)):
            return None
        actual = f"{len(runs)} run{'s' if len(runs) != 1 else ''}"
        if not runs:
            return Failure(self, actual, str(why_not_run(self.name, result, ctx.workflows)))
        return Failure(self, actual, run_list(result, runs))


def run_list(result: SimulationResult, runs: list[RunRecord]) -> str:
    from simulator.core.timeparse import clock

    parts = []
    for run in runs:
        upstream = result.run(run.caused_by)
        via = f" after {upstream.name}" if upstream else ""
        parts.append(
            f"#{run.id} at {clock(result.start, run.shown_at)}{via} ({run.activity or run.event})"
        )
    return "runs: " + ", ".join(parts)
