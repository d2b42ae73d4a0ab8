"""Checks every expression of a workflow at load time, as GitHub does before any run.

A syntax error or a context not available at that key (fact sheet §11.7) makes the file
invalid; the error points at the column inside the expression.
"""

from __future__ import annotations

from simulator.core.yaml_loader import ScalarSpan
from simulator.expressions.lexer import ExpressionError
from simulator.expressions.template import parse_condition, split_template
from simulator.workflow.collector import Collector
from simulator.workflow.model import Expr, Job, Workflow

JOB_IF = ("github", "needs", "vars", "inputs")  # §8.6
STEP_IF = ("github", "needs", "strategy", "matrix", "job", "runner", "env", "vars", "steps",
           "inputs")  # fmt: skip
JOB_KEYS = ("github", "needs", "strategy", "matrix", "vars", "inputs")
STRATEGY = ("github", "needs", "vars", "inputs")
WORKFLOW_CONCURRENCY = ("github", "inputs", "vars")
WITH = ("github", "needs", "strategy", "matrix", "inputs", "vars", "secrets")


def _report(c: Collector, expr: Expr, exc: ExpressionError, where: str) -> None:
    c.error(expr.span.at(exc.offset, expr.text), f"{where}: {exc.message}", kind="expression")


def check_condition(c: Collector, expr: Expr, contexts: tuple[str, ...], where: str) -> None:
    try:
        condition = parse_condition(expr.text, contexts)
    except ExpressionError as exc:
        _report(c, expr, exc, where)
        return
    if condition.literal_text:
        c.warn(
            expr.pos,
            f"{where}: text outside '${{{{ }}}}' makes this condition a non-empty string, "
            "which is always true (§8.3)",
            kind="expression",
        )


def check_template(c: Collector, expr: Expr, contexts: tuple[str, ...] | None, where: str) -> None:
    from simulator.expressions.parser import parse

    try:
        for part in split_template(expr.text):
            if part.is_expression:
                try:
                    parse(part.text, contexts)
                except ExpressionError as exc:
                    raise ExpressionError(exc.message, part.offset + exc.offset) from None
    except ExpressionError as exc:
        _report(c, expr, exc, where)


def validate_expressions(workflow: Workflow, c: Collector) -> None:
    if workflow.concurrency and isinstance(workflow.concurrency.group, Expr):
        check_template(c, workflow.concurrency.group, WORKFLOW_CONCURRENCY, "concurrency")
    for job in workflow.jobs.values():
        _validate_job(job, c)


def _validate_job(job: Job, c: Collector) -> None:
    """Each expression-bearing key of a job, with the contexts GitHub allows there (§11.7)."""
    where = f"job '{job.id}'"
    if job.if_ is not None:
        check_condition(c, job.if_, JOB_IF, f"{where} 'if'")
    for value, name in ((job.timeout_minutes, "timeout-minutes"),
                        (job.continue_on_error, "continue-on-error"),
                        (job.name, "name")):  # fmt: skip
        if isinstance(value, Expr):
            check_template(c, value, JOB_KEYS, f"{where} '{name}'")
    if job.strategy:
        for value in (job.strategy.matrix, job.strategy.fail_fast, job.strategy.max_parallel):
            if isinstance(value, Expr):
                check_template(c, value, STRATEGY, f"{where} 'strategy'")
    if job.concurrency:
        for value in (job.concurrency.group, job.concurrency.cancel_in_progress):
            if isinstance(value, Expr):
                check_template(c, value, JOB_KEYS, f"{where} 'concurrency'")
    for key, span in job.with_spans.items():
        value = job.with_.get(key)
        if isinstance(value, str) and "${{" in value:
            check_template(c, Expr(value, span), WITH, f"{where} 'with.{key}'")
    for i, step in enumerate(job.steps):
        if step.if_ is not None:
            label = step.name or step.id or f"#{i + 1}"
            check_condition(c, step.if_, STEP_IF, f"{where} step '{label}' 'if'")


def check_every_template(templates: list[tuple[str, ScalarSpan]], c: Collector) -> None:
    """Every `${{ }}` anywhere in the file must parse: GitHub rejects the whole file otherwise,
    `run:` scripts included. (Context rules are checked per key by validate_expressions.)
    `templates` are the file's strings holding `${{`, collected while it was read."""
    for text, span in templates:
        check_template(c, Expr(text, span), None, "expression")
