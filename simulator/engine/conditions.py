"""Job conditions: status functions over ancestors (§8.4) and `if:` with a readable reason."""

from __future__ import annotations

from typing import Any

from msgspec import Struct

from simulator.core.reasons import Reason, Term
from simulator.expressions.evaluator import evaluate
from simulator.expressions.lexer import ExpressionError
from simulator.expressions.parser import Node, property_path, property_paths
from simulator.expressions.template import Condition
from simulator.expressions.values import to_json, truthy

_ONLY_SUCCESS = frozenset(("success",))


class JobStatus(Struct, frozen=True):
    """success()/failure()/cancelled() for one job.

    `ancestors` maps every TRANSITIVE ancestor (not only direct needs) to its result, so a
    skipped or failed grand-parent makes success() false (§8.4, fact 11).
    """

    run_cancelled: bool
    ancestors: dict[str, str]

    def success(self) -> bool:
        # asked for every job of every run: the results' set, not a generator over them
        return not self.run_cancelled and set(self.ancestors.values()) <= _ONLY_SUCCESS

    def failure(self) -> bool:
        return any(r == "failure" for r in self.ancestors.values())

    def cancelled(self) -> bool:
        return self.run_cancelled

    def why_not_success(self) -> Reason | None:
        if self.run_cancelled:
            return Reason("run.cancelled", "§8.4")
        bad = [(k, r) for k, r in self.ancestors.items() if r != "success"]
        if not bad:
            return None
        name, result = bad[0]
        verb = {"failure": "failed", "cancelled": "was cancelled", "skipped": "was skipped"}
        return Reason("needs.result", "§8.4", need=name, verb=Term(verb.get(result, result)))


class Verdict(Struct, frozen=True):
    """Whether a job runs by its `if:`, and why not when it does not."""

    runs: bool
    reason: Reason | None  # why it does not run (None when it runs)
    error: bool = False  # the condition could not be evaluated: the job fails


RUNS = Verdict(True, None)


def decide_condition(
    condition: Condition | None, contexts: dict[str, Any], status: JobStatus
) -> Verdict:
    if condition is None:  # no `if:` is `success()` (§8.4): asked of the status directly
        if status.success():
            return RUNS
        return Verdict(False, status.why_not_success() or Reason("success.false", "§8.4"))
    try:
        value = condition.evaluate(contexts, status)
    except ExpressionError as exc:
        # GitHub fails the job when its condition cannot be evaluated; we report it so.
        return Verdict(False, Reason("if.error", "§8.3", message=exc.message), error=True)
    if truthy(value):
        return RUNS
    if condition.implicit_success and not status.success():
        return Verdict(False, status.why_not_success())
    return Verdict(False, Reason("if.false", "§8.3", expression=condition.source.strip(),
                                 values=_values(condition, contexts)))  # fmt: skip


def _values(cond: Condition, contexts: dict[str, Any]) -> str:
    """` (github.event.workflow_run.conclusion = 'failure')`: what the condition read."""
    if cond.node is None:
        return ""
    shown = []
    for node, path in _shown_paths(cond.source, cond.node):
        try:
            value = evaluate(node, contexts)
            text = f"'{value}'" if isinstance(value, str) else to_json(value).replace("\n", "")
        except ExpressionError:
            continue
        shown.append(f"{path} = {text}")
    return f" ({', '.join(shown)})" if shown else ""


_PATHS: dict[str, tuple[tuple[Node, str], ...]] = {}
MAX_PATHS_KEPT = 4096  # conditions whose paths are remembered; past that, found again


def _shown_paths(source: str, node: Node) -> tuple[tuple[Node, str], ...]:
    """The first three property chains a condition reads, with their paths: found once per
    condition text (a false condition is explained in every Monte Carlo iteration)."""
    found = _PATHS.get(source)
    if found is None:
        found = tuple((n, property_path(n) or "") for n in property_paths(node)[:3])
        if len(_PATHS) < MAX_PATHS_KEPT:
            _PATHS[source] = found
    return found
