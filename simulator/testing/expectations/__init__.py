"""`expect:` in a scenario: what must happen, checked against the simulation (docs/testing.md).

    expect:
      Model Validation Gate: {runs: 1, conclusion: success, caused_by: MLflow Experiment Tracking}
      DVC Pipeline: {runs: 0}
      order: [CI Pipeline, CD - Deploy API]

One class per key (runs, conclusion, status, started_before, started_after,
completed_before, caused_by, jobs, probability, lead_time) and `order`, each parsing its own
value with a position and evaluating it; a failed one says what was expected, what
happened, and why (the reason chain, simulator.report.why).
"""

from __future__ import annotations

from simulator.core.diagnostics import did_you_mean
from simulator.core.yaml_loader import YList, YMap
from simulator.engine.montecarlo import MonteCarlo
from simulator.scenario.loader import ScenarioError
from simulator.scenario.model import Scenario
from simulator.scenario.validate import resolve_workflow
from simulator.testing.expectations.base import Context, Expectation, Failure
from simulator.testing.expectations.counts import Runs
from simulator.testing.expectations.lineage import CausedBy
from simulator.testing.expectations.outcome import Conclusion, Jobs, Status
from simulator.testing.expectations.statistics import LeadTime, Probability
from simulator.testing.expectations.timing import (
    CompletedBefore,
    Order,
    StartedAfter,
    StartedBefore,
)
from simulator.workflow.model import WorkflowSet

KINDS: dict[str, type[Expectation]] = {
    kind.key: kind
    for kind in (
        Runs,
        Conclusion,
        Status,
        StartedBefore,
        StartedAfter,
        CompletedBefore,
        CausedBy,
        Jobs,
        Probability,
        LeadTime,
    )  # fmt: skip
}
WORKFLOW_KEYS = tuple(KINDS)

__all__ = ["Expectation", "Failure", "evaluate", "parse_expect"]


def parse_expect(scenario: Scenario, workflows: WorkflowSet) -> list[Expectation]:
    raw = scenario.expect
    if raw is None:
        return []
    if not isinstance(raw, YMap):
        raise ScenarioError("'expect' must be a mapping of workflow names",
                            scenario.raw.value_pos("expect"))  # fmt: skip
    ctx = Context(scenario, workflows)
    checks: list[Expectation] = []
    for subject, body in raw.items():
        pos = raw.key_pos[subject]
        if subject == "order":
            checks.append(Order("order", _order(raw, workflows), pos))
            continue
        wf = resolve_workflow(workflows, str(subject), pos, "expect")
        if not isinstance(body, YMap):
            raise ScenarioError(f"expect: '{subject}' needs a mapping like {{runs: 1}}", pos)
        for key in body:
            key_pos = body.key_pos[key]
            kind = KINDS.get(str(key))
            if kind is None:
                raise ScenarioError(f"expect: unknown key '{key}'"
                                    f"{did_you_mean(str(key), WORKFLOW_KEYS)}", key_pos)  # fmt: skip
            check = kind.parse(wf, body[key], body.value_pos(key), ctx)
            check.pos = key_pos
            if len(workflows.by_name(wf.name)) > 1:  # named by file among same-named ones
                check.workflow = wf
                check.subject = f"{wf.name} ({wf.file_name})"
            checks.append(check)
    return checks


def _order(raw: YMap, workflows: WorkflowSet) -> list[str]:
    value = raw["order"]
    if not isinstance(value, YList) or len(value) < 2:
        raise ScenarioError("expect: 'order' is a list of two or more workflows",
                            raw.value_pos("order"))  # fmt: skip
    return [resolve_workflow(workflows, str(item), value.item_pos(i), "expect").name
            for i, item in enumerate(value)]  # fmt: skip


def evaluate(checks: list[Expectation], outcome: MonteCarlo, scenario: Scenario,
             workflows: WorkflowSet) -> list[Failure]:  # fmt: skip
    """Deterministic checks look at the first iteration; probability and lead_time at all."""
    ctx = Context(scenario, workflows)
    return [f for check in checks if (f := check.evaluate(outcome, ctx)) is not None]
