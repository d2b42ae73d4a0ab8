"""`caused_by`: which upstream workflows a workflow's runs come from (§5)."""

from __future__ import annotations

from typing import Any

from simulator.core.diagnostics import Pos
from simulator.engine.montecarlo import MonteCarlo
from simulator.report.why import why_not_run
from simulator.scenario.validate import resolve_workflow
from simulator.testing.expectations.base import Context, Expectation, Failure
from simulator.workflow.model import Workflow


class CausedBy(Expectation):
    key = "caused_by"
    expected: list[str]

    @classmethod
    def parse(cls, workflow: Workflow, value: Any, pos: Pos, ctx: Context) -> CausedBy:
        items = list(value) if isinstance(value, list) else [value]
        names = [resolve_workflow(ctx.workflows, str(item), pos, f"expect: {workflow.name}").name
                 for item in items]  # fmt: skip
        return cls(workflow.name, names, pos)

    def evaluate(self, outcome: MonteCarlo, ctx: Context) -> Failure | None:
        found = self.first_runs(outcome, ctx)
        if isinstance(found, Failure):
            return found
        result, runs = found
        parents = {up.name for r in runs if (up := result.run(r.caused_by)) is not None}
        missing = [name for name in self.expected if name not in parents]
        if not missing:
            return None
        actual = ", ".join(sorted(parents)) or f"started by {runs[0].event}"
        why = "; ".join(str(why_not_run(self.name, result, ctx.workflows, via=m))
                        for m in missing)  # fmt: skip
        return Failure(self, actual, why)
