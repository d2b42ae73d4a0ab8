"""[matrix-size] a matrix that makes more than 256 jobs: GitHub refuses the run (§8.10).

Counted from the axis lengths, `exclude` and `include`, never by building the legs: a
6-axis matrix of 1,000 values each is reported at once.
"""

from __future__ import annotations

from collections.abc import Iterator

from simulator.check.context import CheckContext
from simulator.core.diagnostics import Diagnostic
from simulator.engine.matrix import MatrixError, check_size
from simulator.workflow.model import Expr

ID = "matrix-size"
TITLE = "A matrix of more than 256 jobs: GitHub refuses the run"
FACT = "§8.10"


def _literal(value: object) -> bool:
    """True when no part of the matrix is an expression (`${{ fromJSON(...) }}`)."""
    if isinstance(value, Expr) or (isinstance(value, str) and "${{" in value):
        return False
    if isinstance(value, dict):
        return all(_literal(v) for v in value.values())
    if isinstance(value, list):
        return all(_literal(v) for v in value)
    return True


def check(ctx: CheckContext) -> Iterator[Diagnostic]:
    for wf in ctx.workflows.workflows:
        for job in wf.jobs.values():
            strategy = job.strategy
            if strategy is None or not isinstance(strategy.matrix, dict):
                continue
            if not _literal(strategy.matrix):
                continue
            try:
                check_size(strategy.matrix)
            except MatrixError as exc:
                yield Diagnostic(strategy.pos or job.pos, f"job '{job.id}': {exc} (§8.10)",
                                 "error", ID)  # fmt: skip
