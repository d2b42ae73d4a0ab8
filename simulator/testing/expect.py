"""`expect:` in a scenario: what must happen, checked against the simulation (docs/testing.md).

    expect:
      Model Validation Gate: {runs: 1, conclusion: success, caused_by: MLflow Experiment Tracking}
      DVC Pipeline: {runs: 0}
      order: [CI Pipeline, CD - Deploy API]

Every check keeps its position; a failed one says what was expected, what happened, and why
(the reason chain from the engine, see `simulator.report.why`).
"""

from __future__ import annotations

import math
import operator
import re
from dataclasses import dataclass
from typing import Any

from simulator.core.diagnostics import Pos, did_you_mean
from simulator.core.timeparse import (
    TimeFormatError,
    clock,
    format_duration,
    parse_at,
    parse_duration,
)
from simulator.core.yaml_loader import YList, YMap
from simulator.engine.conclusion import aggregate_result
from simulator.engine.records import RunRecord, SimulationResult
from simulator.report.why import why_concluded, why_not_run
from simulator.scenario.loader import ScenarioError
from simulator.scenario.model import Scenario
from simulator.workflow.model import WorkflowSet

WORKFLOW_KEYS = ("runs", "conclusion", "status", "started_before", "started_after",
                 "completed_before", "caused_by", "jobs", "probability", "lead_time")  # fmt: skip
CONCLUSIONS = ("success", "failure", "cancelled", "skipped", "action_required",
               "startup_failure", "timed_out", "neutral")  # fmt: skip
STATUSES = ("requested", "queued", "pending", "waiting", "in_progress", "completed")
STATISTICS = ("p50", "p90", "p95", "p99", "min", "max", "mean")
_COMPARE = re.compile(r"^\s*(>=|<=|==|!=|>|<)?\s*(.+?)\s*$")
_OPS = {">=": operator.ge, "<=": operator.le, "==": operator.eq, "!=": operator.ne,
        ">": operator.gt, "<": operator.lt}  # fmt: skip


@dataclass(frozen=True)
class Check:
    subject: str  # a workflow name, or "order"
    key: str
    expected: Any
    pos: Pos

    def describe(self) -> str:
        if self.key == "order":
            return f"order {' -> '.join(self.expected)}"
        shown = self.expected
        if isinstance(shown, Comparison):
            shown = shown.text
        elif isinstance(shown, dict):
            shown = ", ".join(f"{k}: {getattr(v, 'text', v)}" for k, v in shown.items())
        return f"{self.subject}: {self.key} {shown}"


@dataclass(frozen=True)
class Comparison:
    op: str
    value: float
    text: str

    def holds(self, actual: float) -> bool:
        return _OPS[self.op](actual, self.value)


@dataclass(frozen=True)
class Failure:
    check: Check
    actual: str
    why: str = ""

    def __str__(self) -> str:
        text = f"{self.check.describe()}: got {self.actual}"
        return f"{text} — {self.why}" if self.why else text


# ---------------------------------------------------------------------------------- parsing


def parse_expect(scenario: Scenario, workflows: WorkflowSet) -> list[Check]:
    raw = scenario.expect
    if raw is None:
        return []
    doc = scenario.raw
    if not isinstance(raw, YMap):
        raise ScenarioError("'expect' must be a mapping of workflow names", doc.value_pos("expect"))
    names = [w.name for w in workflows.workflows]
    checks: list[Check] = []
    for subject, body in raw.items():
        pos = raw.key_pos[subject]
        if subject == "order":
            checks.append(Check("order", "order", _order(raw, names, workflows), pos))
            continue
        wf = workflows.find(str(subject))
        if wf is None:
            raise ScenarioError(f"expect: no workflow named '{subject}'"
                                f"{did_you_mean(str(subject), names)}", pos)  # fmt: skip
        if not isinstance(body, YMap):
            raise ScenarioError(f"expect: '{subject}' needs a mapping like {{runs: 1}}", pos)
        for key in body:
            key_pos = body.key_pos[key]
            if key not in WORKFLOW_KEYS:
                raise ScenarioError(f"expect: unknown key '{key}'"
                                    f"{did_you_mean(str(key), WORKFLOW_KEYS)}", key_pos)  # fmt: skip
            expected = _value(str(key), body, wf, scenario, workflows)
            checks.append(Check(wf.name, str(key), expected, key_pos))
    return checks


def _order(raw: YMap, names: list[str], workflows: WorkflowSet) -> list[str]:
    value = raw["order"]
    if not isinstance(value, YList) or len(value) < 2:
        raise ScenarioError("expect: 'order' is a list of two or more workflows",
                            raw.value_pos("order"))  # fmt: skip
    out = []
    for i, item in enumerate(value):
        wf = workflows.find(str(item))
        if wf is None:
            raise ScenarioError(f"expect: no workflow named '{item}'"
                                f"{did_you_mean(str(item), names)}", value.item_pos(i))  # fmt: skip
        out.append(wf.name)
    return out


def _value(key: str, body: YMap, wf, scenario: Scenario, workflows: WorkflowSet) -> Any:
    value, pos = body[key], body.value_pos(key)

    def fail(message: str) -> ScenarioError:
        return ScenarioError(f"expect: {wf.name}: {message}", pos)

    if key == "runs":
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return Comparison("==", value, str(value))
        return _comparison(value, float, fail, "a number of runs like 1 or '>= 1'")
    if key in ("conclusion", "status"):
        allowed = CONCLUSIONS if key == "conclusion" else STATUSES
        items = list(value) if isinstance(value, list) else [value]
        for item in items:
            if item not in allowed:
                raise fail(f"unknown {key} '{item}'{did_you_mean(str(item), allowed)}")
        return value if isinstance(value, list) else str(value)
    if key in ("started_before", "started_after", "completed_before"):
        try:
            return parse_at(value, scenario.start)
        except TimeFormatError as exc:
            raise fail(str(exc)) from None
    if key == "caused_by":
        items = list(value) if isinstance(value, list) else [value]
        out = []
        for item in items:
            upstream = workflows.find(str(item))
            if upstream is None:
                names = [w.name for w in workflows.workflows]
                raise fail(f"no workflow named '{item}'{did_you_mean(str(item), names)}")
            out.append(upstream.name)
        return out
    if key == "jobs":
        if not isinstance(value, YMap):
            raise fail("'jobs' maps job ids to conclusions: {lint: success}")
        for job_key, conclusion in value.items():
            head = str(job_key).split(" (", 1)[0].split("/", 1)[0]
            if head not in wf.jobs:
                raise ScenarioError(f"expect: {wf.name} has no job '{head}'"
                                    f"{did_you_mean(head, wf.jobs)}", value.key_pos[job_key])  # fmt: skip
            if conclusion not in CONCLUSIONS:
                raise ScenarioError(f"expect: unknown conclusion '{conclusion}'"
                                    f"{did_you_mean(str(conclusion), CONCLUSIONS)}",
                                    value.value_pos(job_key))  # fmt: skip
        return {str(k): str(v) for k, v in value.items()}
    if key == "probability":
        return _bounds(value, "a conclusion", CONCLUSIONS, float, "{success: '>= 0.9'}", fail)
    return _bounds(value, "a statistic", STATISTICS, parse_duration, "{p95: '< 30m'}", fail)


def _bounds(value: Any, what: str, allowed, convert, example: str, fail) -> dict[str, Comparison]:
    """`probability` and `lead_time`: a mapping of names to bounds like '>= 0.9', '< 30m'."""
    if not isinstance(value, YMap) or not value:
        raise fail(f"expected a mapping of {what} to a bound: {example}")
    out = {}
    for name, bound in value.items():
        if name not in allowed:
            raise fail(f"unknown {what.split()[-1]} '{name}'{did_you_mean(str(name), allowed)}")
        out[str(name)] = _comparison(bound, convert, fail, f"a bound like {example}")
    return out


def _comparison(value: Any, convert, fail, what: str) -> Comparison:
    match = _COMPARE.match(str(value))
    if not match:
        raise fail(f"expected {what}")
    op, raw = match.group(1) or "==", match.group(2)
    try:
        number = convert(raw)
    except (TimeFormatError, ValueError):
        raise fail(f"'{value}' is not {what}") from None
    return Comparison(op, float(number), f"{op} {raw}")


# ---------------------------------------------------------------------------------- checking


def evaluate(
    checks: list[Check], results: list[SimulationResult], scenario: Scenario, workflows
) -> list[Failure]:
    """Deterministic checks look at the first iteration; probability and lead_time at all."""
    first = results[0]
    failures = []
    for check in checks:
        if check.key in ("probability", "lead_time"):
            failure = _statistical(check, results, scenario)
        elif check.key == "order":
            failure = _order_check(check, first)
        else:
            failure = _per_workflow(check, first, workflows)
        if failure is not None:
            failures.append(failure)
    return failures


def _per_workflow(check: Check, result: SimulationResult, workflows) -> Failure | None:
    runs = result.runs_of(check.subject)
    key, expected = check.key, check.expected
    if key == "runs":
        if expected.holds(len(runs)):
            return None
        actual = f"{len(runs)} run{'s' if len(runs) != 1 else ''}"
        if not runs:
            return Failure(check, actual, why_not_run(check.subject, result, workflows))
        return Failure(check, actual, _run_list(result, runs))
    if not runs:
        return Failure(check, "no run", why_not_run(check.subject, result, workflows))
    if key in ("conclusion", "status"):
        wanted = expected if isinstance(expected, list) else [expected] * len(runs)
        actual = [getattr(r, key) or r.status for r in runs]
        if actual == wanted:
            return None
        bad = next((r for r, a, w in zip(runs, actual, wanted, strict=False) if a != w), runs[-1])
        return Failure(check, ", ".join(str(a) for a in actual), why_concluded(bad, result))
    if key in ("started_before", "started_after", "completed_before"):
        field = "completed_at" if key == "completed_before" else "started_at"
        for run in runs:
            when = getattr(run, field)
            ok = when is not None and (
                when >= expected if key == "started_after" else when < expected
            )
            if not ok:
                shown = clock(result.start, when) if when is not None else "never"
                verb = "completed" if field == "completed_at" else "started"
                return Failure(check, f"{verb} {shown}", why_concluded(run, result))
        return None
    if key == "caused_by":
        parents = {result.run(r.caused_by).name for r in runs if result.run(r.caused_by)}
        missing = [name for name in expected if name not in parents]
        if not missing:
            return None
        actual = ", ".join(sorted(parents)) or f"started by {runs[0].event}"
        why = "; ".join(why_not_run(check.subject, result, workflows, via=m) for m in missing)
        return Failure(check, actual, why)
    # jobs
    for run in runs:
        for job_key, wanted in expected.items():
            got = job_conclusion(run, job_key)
            if got != wanted:
                detail = next((j.reason for j in run.jobs if j.key == job_key and j.reason), "")
                why = detail or why_concluded(run, result)
                return Failure(check, f"job {job_key} {got or 'did not run'}", why)
    return None


def job_conclusion(run: RunRecord, job_key: str) -> str | None:
    exact = [j for j in run.jobs if j.key == job_key]
    if exact:
        return exact[0].conclusion
    legs = [j for j in run.jobs if j.job_id == job_key and not j.caller]
    if legs:
        return aggregate_result([j.conclusion or "skipped" for j in legs])
    return None


def _order_check(check: Check, result: SimulationResult) -> Failure | None:
    times = []
    for name in check.expected:
        runs = result.runs_of(name)
        if not runs:
            return Failure(check, f"{name} did not run")
        times.append((name, runs[0].shown_at))
    for (a, ta), (b, tb) in zip(times, times[1:], strict=False):
        if ta > tb:
            return Failure(check, f"{b} at {clock(result.start, tb)} before {a} at "
                           f"{clock(result.start, ta)}")  # fmt: skip
    return None


def _statistical(check: Check, results: list[SimulationResult], scenario: Scenario):
    n = len(results)
    if check.key == "probability":
        for conclusion, bound in check.expected.items():
            hits = sum(1 for r in results if (runs := r.runs_of(check.subject))
                       and runs[-1].conclusion == conclusion)  # fmt: skip
            share = hits / n
            if not bound.holds(share):
                return Failure(_narrowed(check, conclusion, bound),
                               f"{conclusion} {share:.3f} ({hits} of {n} iterations)")  # fmt: skip
        return None
    leads = []
    for r in results:
        runs = [run for run in r.runs_of(check.subject) if run.completed_at is not None]
        if runs:
            origin = runs[-1].scenario_event
            at = scenario.events[origin].at if origin is not None else 0.0
            leads.append(runs[-1].completed_at - at)
    if not leads:
        return Failure(check, f"it never completed in {n} iterations")
    for stat, bound in check.expected.items():
        value = statistic(leads, stat)
        if not bound.holds(value):
            return Failure(_narrowed(check, stat, bound),
                           f"{stat} {format_duration(value)} over {len(leads)} iterations")  # fmt: skip
    return None


def _narrowed(check: Check, key: str, bound: Comparison) -> Check:
    """The check as it failed: only the bound that did not hold."""
    return Check(check.subject, check.key, {key: bound}, check.pos)


def statistic(values: list[float], stat: str) -> float:
    ordered = sorted(values)
    if stat == "min":
        return ordered[0]
    if stat == "max":
        return ordered[-1]
    if stat == "mean":
        return sum(ordered) / len(ordered)
    q = int(stat[1:]) / 100  # nearest-rank percentile
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def _run_list(result: SimulationResult, runs: list[RunRecord]) -> str:
    parts = []
    for run in runs:
        via = f" after {result.run(run.caused_by).name}" if result.run(run.caused_by) else ""
        parts.append(
            f"#{run.id} at {clock(result.start, run.shown_at)}{via} ({run.activity or run.event})"
        )
    return "runs: " + ", ".join(parts)
