"""`conclusion`, `status` and `jobs`: how a workflow's runs (and their jobs) ended."""

from __future__ import annotations

from typing import Any, ClassVar

from simulator.core.diagnostics import Pos, did_you_mean
from simulator.core.yaml_loader import YMap
from simulator.engine.conclusion import aggregate_result
from simulator.engine.montecarlo import MonteCarlo
from simulator.engine.records import RunRecord
from simulator.report.why import why_concluded
from simulator.scenario.loader import ScenarioError
from simulator.testing.expectations.base import (
    CONCLUSIONS,
    STATUSES,
    Context,
    Expectation,
    Failure,
    fail,
    one_of,
)
from simulator.workflow.model import Workflow


class Conclusion(Expectation):
    """One value for every run, or a list: one per run, in order."""

    key = "conclusion"
    allowed: ClassVar[tuple[str, ...]] = CONCLUSIONS

    @classmethod
    def parse(cls, workflow: Workflow, value: Any, pos: Pos, ctx: Context) -> Conclusion:
        items = list(value) if isinstance(value, list) else [value]
        for item in items:
            one_of(workflow, pos, cls.key, item, cls.allowed)
        return cls(workflow.name, [str(i) for i in value] if isinstance(value, list)
                   else str(value), pos)  # fmt: skip

    def shown(self) -> str:
        return str(self.expected)

    def evaluate(self, outcome: MonteCarlo, ctx: Context) -> Failure | None:
        found = self.first_runs(outcome, ctx)
        if isinstance(found, Failure):
            return found
        result, runs = found
        wanted = self.expected if isinstance(self.expected, list) else [self.expected] * len(runs)
        actual = [getattr(r, self.key) or r.status for r in runs]
        if actual == wanted:
            return None
        bad = next((r for r, a, w in zip(runs, actual, wanted, strict=False) if a != w), runs[-1])
        return Failure(self, ", ".join(str(a) for a in actual), why_concluded(bad, result))


class Status(Conclusion):
    key = "status"
    allowed = STATUSES


class Jobs(Expectation):
    """`jobs: {lint: success, test: skipped}` for every run of the workflow."""

    key = "jobs"

    @classmethod
    def parse(cls, workflow: Workflow, value: Any, pos: Pos, ctx: Context) -> Jobs:
        if not isinstance(value, YMap):
            fail(workflow, pos, "'jobs' maps job ids to conclusions: {lint: success}")
        for job_key, conclusion in value.items():
            head = str(job_key).split(" (", 1)[0].split("/", 1)[0]
            if head not in workflow.jobs:
                raise ScenarioError(f"expect: {workflow.name} has no job '{head}'"
                                    f"{did_you_mean(head, workflow.jobs)}", value.key_pos[job_key])  # fmt: skip
            if conclusion not in CONCLUSIONS:
                raise ScenarioError(f"expect: unknown conclusion '{conclusion}'"
                                    f"{did_you_mean(str(conclusion), CONCLUSIONS)}",
                                    value.value_pos(job_key))  # fmt: skip
        return cls(workflow.name, {str(k): str(v) for k, v in value.items()}, pos)

    def shown(self) -> str:
        return ", ".join(f"{k}: {v}" for k, v in self.expected.items())

    def evaluate(self, outcome: MonteCarlo, ctx: Context) -> Failure | None:
        found = self.first_runs(outcome, ctx)
        if isinstance(found, Failure):
            return found
        result, runs = found
        for run in runs:
            for job_key, wanted in self.expected.items():
                got = job_conclusion(run, job_key)
                if got != wanted:
                    detail = next((j.reason for j in run.jobs if j.key == job_key and j.reason), "")
                    why = detail or why_concluded(run, result)
                    return Failure(self, f"job {job_key} {got or 'did not run'}", why)
        return None


def job_conclusion(run: RunRecord, job_key: str) -> str | None:
    exact = [j for j in run.jobs if j.key == job_key]
    if exact:
        return exact[0].conclusion
    legs = [j for j in run.jobs if j.job_id == job_key and not j.caller]
    if legs:
        return aggregate_result([j.conclusion or "skipped" for j in legs])
    return None
