"""`started_before`, `started_after`, `completed_before`, and `order` across workflows."""

from __future__ import annotations

from typing import Any, ClassVar

from simulator.core.diagnostics import Pos
from simulator.core.timeparse import TimeFormatError, clock, parse_at
from simulator.engine.montecarlo import MonteCarlo
from simulator.report.why import why_concluded
from simulator.testing.expectations.base import Context, Expectation, Failure, fail
from simulator.workflow.model import Workflow


class StartedBefore(Expectation):
    key = "started_before"
    field: ClassVar[str] = "started_at"
    expected: float

    @classmethod
    def parse(cls, workflow: Workflow, value: Any, pos: Pos, ctx: Context) -> StartedBefore:
        assert ctx.scenario.start is not None
        try:
            return cls(workflow.name, parse_at(value, ctx.scenario.start), pos)
        except TimeFormatError as exc:
            fail(workflow, pos, str(exc))

    def holds(self, when: float) -> bool:
        return when < self.expected

    def evaluate(self, outcome: MonteCarlo, ctx: Context) -> Failure | None:
        found = self.first_runs(outcome, ctx)
        if isinstance(found, Failure):
            return found
        result, runs = found
        for run in runs:
            when = getattr(run, self.field)
            if when is None or not self.holds(when):
                shown = clock(result.start, when) if when is not None else "never"
                verb = "completed" if self.field == "completed_at" else "started"
                return Failure(self, f"{verb} {shown}", why_concluded(run, result))
        return None


class StartedAfter(StartedBefore):
    key = "started_after"

    def holds(self, when: float) -> bool:
        return when >= self.expected


class CompletedBefore(StartedBefore):
    key = "completed_before"
    field = "completed_at"


class Order(Expectation):
    """`order: [A, B, C]`: each starts no later than the next (first runs)."""

    key = "order"

    def describe(self) -> str:
        return f"order {' -> '.join(self.expected)}"

    def evaluate(self, outcome: MonteCarlo, ctx: Context) -> Failure | None:
        result = outcome.first
        assert result is not None
        times = []
        for name in self.expected:
            runs = result.runs_of(name)
            if not runs:
                return Failure(self, f"{name} did not run")
            times.append((name, runs[0].shown_at))
        for (a, ta), (b, tb) in zip(times, times[1:], strict=False):
            if ta > tb:
                return Failure(self, f"{b} at {clock(result.start, tb)} before {a} at "
                               f"{clock(result.start, ta)}")  # fmt: skip
        return None
