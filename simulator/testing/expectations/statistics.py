"""`probability` and `lead_time`: bounds over every iteration of a Monte Carlo scenario.

Read from the running statistics of simulator.engine.montecarlo: probabilities are exact;
lead-time percentiles are nearest-rank within 1% (min, max and mean exact).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from simulator.core.diagnostics import Pos, did_you_mean
from simulator.core.timeparse import format_duration, parse_duration
from simulator.core.yaml_loader import YMap
from simulator.engine.montecarlo import MonteCarlo
from simulator.testing.expectations.base import (
    CONCLUSIONS,
    Comparison,
    Context,
    Expectation,
    Failure,
    comparison,
    fail,
)
from simulator.workflow.model import Workflow

STATISTICS = ("p50", "p90", "p95", "p99", "min", "max", "mean")


class Bounds(Expectation):
    """A mapping of names to bounds like '>= 0.9' or '< 30m'."""

    names: ClassVar[tuple[str, ...]]
    what: ClassVar[str]
    example: ClassVar[str]
    convert: ClassVar[Callable[[str], float]]
    expected: dict[str, Comparison]

    @classmethod
    def parse(cls, workflow: Workflow, value: Any, pos: Pos, ctx: Context) -> Bounds:
        if not isinstance(value, YMap) or not value:
            fail(workflow, pos, f"expected a mapping of {cls.what} to a bound: {cls.example}")
        out = {}
        for name, bound in value.items():
            if name not in cls.names:
                fail(workflow, pos, f"unknown {cls.what.split()[-1]} '{name}'"
                     f"{did_you_mean(str(name), cls.names)}")  # fmt: skip
            out[str(name)] = comparison(bound, cls.convert, workflow, pos,
                                        f"a bound like {cls.example}")  # fmt: skip
        return cls(workflow.name, out, pos)

    def shown(self) -> str:
        return ", ".join(f"{k}: {v.text}" for k, v in self.expected.items())

    def narrowed(self, key: str) -> Bounds:
        """This expectation as it failed: only the bound that did not hold."""
        narrowed = type(self)(self.subject, {key: self.expected[key]}, self.pos)
        narrowed.workflow = self.workflow
        return narrowed


class Probability(Bounds):
    key = "probability"
    names = CONCLUSIONS
    what = "a conclusion"
    example = "{success: '>= 0.9'}"
    convert = float

    def evaluate(self, outcome: MonteCarlo, ctx: Context) -> Failure | None:
        n = outcome.iterations
        for conclusion, bound in self.expected.items():
            share = outcome.probability(self.name, conclusion)
            hits = round(share * n)
            if not bound.holds(share):
                return Failure(self.narrowed(conclusion),
                               f"{conclusion} {share:.3f} ({hits} of {n} iterations)")  # fmt: skip
        return None


class LeadTime(Bounds):
    key = "lead_time"
    names = STATISTICS
    what = "a statistic"
    example = "{p95: '< 30m'}"
    convert = staticmethod(parse_duration)  # type: ignore[assignment]

    def evaluate(self, outcome: MonteCarlo, ctx: Context) -> Failure | None:
        stats = outcome.workflows.get(self.name)
        sketch = stats.lead if stats is not None else None
        if sketch is None or not sketch.count:
            return Failure(self, f"it never completed in {outcome.iterations} iterations")
        for stat, bound in self.expected.items():
            value = sketch.statistic(stat)
            assert value is not None
            if not bound.holds(value):
                return Failure(self.narrowed(stat),
                               f"{stat} {format_duration(value)} over {sketch.count} iterations")  # fmt: skip
        return None
