"""The shape of an expectation: one class per `expect:` key, each parsing its own value and
evaluating it against the simulated iterations (the actionlint rule shape)."""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from typing import Any, ClassVar, NoReturn

from msgspec import Struct

from simulator.core.diagnostics import Pos, did_you_mean
from simulator.core.timeparse import TimeFormatError
from simulator.engine.montecarlo import MonteCarlo
from simulator.engine.records import RunRecord, SimulationResult
from simulator.scenario.loader import ScenarioError
from simulator.scenario.model import Scenario
from simulator.workflow.model import Workflow, WorkflowSet

CONCLUSIONS = ("success", "failure", "cancelled", "skipped", "action_required",
               "startup_failure", "timed_out", "neutral")  # fmt: skip
STATUSES = ("requested", "queued", "pending", "waiting", "in_progress", "completed")
_COMPARE = re.compile(r"^\s*(>=|<=|==|!=|>|<)?\s*(.+?)\s*$")
_OPS: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge, "<=": operator.le, "==": operator.eq, "!=": operator.ne,
    ">": operator.gt, "<": operator.lt,
}  # fmt: skip


class Comparison(Struct, frozen=True):
    op: str
    value: float
    text: str

    def holds(self, actual: float) -> bool:
        return _OPS[self.op](actual, self.value)


class Context(Struct, frozen=True):
    """What parsing and evaluating read besides the value."""

    scenario: Scenario
    workflows: WorkflowSet


class Failure(Struct, frozen=True):
    check: Expectation
    actual: str
    why: str = ""

    def __str__(self) -> str:
        text = f"{self.check.describe()}: got {self.actual}"
        return f"{text} — {self.why}" if self.why else text


class Expectation:
    """One key of one workflow's expectations (`runs: 1`), or `order`."""

    key: ClassVar[str]

    def __init__(self, subject: str, expected: Any, pos: Pos):
        self.subject = subject
        self.expected = expected
        self.pos = pos
        self.workflow: Workflow | None = None  # the file meant, when two share the name

    @property
    def name(self) -> str:
        """The workflow's name (the subject may add its file)."""
        return self.workflow.name if self.workflow is not None else self.subject

    def first_runs(self, outcome: MonteCarlo, ctx: Context
                   ) -> tuple[SimulationResult, list[RunRecord]] | Failure:  # fmt: skip
        """The subject's runs in the first iteration, or the failure "no run" with why."""
        from simulator.report.why import why_not_run

        result = outcome.first
        assert result is not None
        runs = self.runs(result)
        if not runs:
            return Failure(self, "no run", str(why_not_run(self.name, result, ctx.workflows)))
        return result, runs

    def runs(self, result: SimulationResult) -> list[RunRecord]:
        """The subject's runs: of its file when it was named by file among same-named ones."""
        runs = result.runs_of(self.subject)
        if self.workflow is None:
            return runs
        return [r for r in result.runs_of(self.workflow.name) if r.file == self.workflow.rel_path]

    @classmethod
    def parse(cls, workflow: Workflow, value: Any, pos: Pos, ctx: Context) -> Expectation:
        raise NotImplementedError

    def evaluate(self, outcome: MonteCarlo, ctx: Context) -> Failure | None:
        raise NotImplementedError

    def describe(self) -> str:
        return f"{self.subject}: {self.key} {self.shown()}"

    def shown(self) -> str:
        return str(self.expected)


def fail(workflow: Workflow, pos: Pos, message: str) -> NoReturn:
    raise ScenarioError(f"expect: {workflow.name}: {message}", pos)


def one_of(workflow: Workflow, pos: Pos, key: str, value: Any, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        fail(workflow, pos, f"unknown {key} '{value}'{did_you_mean(str(value), allowed)}")


def comparison(value: Any, convert: Callable[[str], float], workflow: Workflow, pos: Pos,
               what: str) -> Comparison:  # fmt: skip
    match = _COMPARE.match(str(value))
    if not match:
        fail(workflow, pos, f"expected {what}")
    op, raw = match.group(1) or "==", match.group(2)
    try:
        number = convert(raw)
    except (TimeFormatError, ValueError):
        fail(workflow, pos, f"'{value}' is not {what}")
    if number != number or number in (float("inf"), float("-inf")):
        fail(workflow, pos, f"'{value}' is not {what}")
    return Comparison(op, float(number), f"{op} {raw}")
