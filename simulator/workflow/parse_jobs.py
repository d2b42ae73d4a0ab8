"""Reads `jobs:` into typed Jobs: needs DAG, if, runs-on, timeouts, strategy, reusable calls."""

from __future__ import annotations

import re
from typing import Any

from simulator.core.diagnostics import Pos, did_you_mean
from simulator.core.yaml_loader import YList, YMap
from simulator.workflow.collector import Collector, scalar_text
from simulator.workflow.model import Concurrency, Expr, Job, Permissions, Step, Strategy

JOB_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")  # §8.1
JOB_KEYS = (
    "name", "permissions", "needs", "if", "runs-on", "snapshot", "environment", "concurrency",
    "outputs", "env", "defaults", "steps", "timeout-minutes", "strategy", "continue-on-error",
    "container", "services", "uses", "with", "secrets",
)  # fmt: skip
CALLER_KEYS = (
    "name",
    "uses",
    "with",
    "secrets",
    "strategy",
    "needs",
    "if",
    "concurrency",
    "permissions",
)  # fmt: skip  §6.6
STEP_KEYS = ("id", "if", "name", "uses", "run", "shell", "with", "env", "continue-on-error",
             "timeout-minutes", "working-directory",
             # §14.9: steps in the background or in parallel (GitHub, 2026-06-25)
             "background", "wait", "wait-all", "cancel", "parallel")  # fmt: skip
GROUP_KEYS = ("sequential", "steps")  # an ordered group inside `parallel:`


def expr_of(container: YMap, key: str) -> Expr:
    return Expr(scalar_text(container[key]), container.span(key))


def is_expression(value: Any) -> bool:
    return isinstance(value, str) and "${{" in value


def parse_jobs(value: Any, pos: Pos, c: Collector) -> dict[str, Job]:
    if not isinstance(value, YMap) or not value:
        c.error(pos, "'jobs' must be a mapping with at least one job")
        return {}
    jobs: dict[str, Job] = {}
    for job_id, body in value.items():
        key_pos = value.key_pos[job_id]
        job_id = str(job_id)
        if not JOB_ID.match(job_id):
            c.error(
                key_pos,
                f"invalid job id '{job_id}': it must start with a letter or '_' and contain "
                "only letters, digits, '-' and '_'",
            )
            continue
        if not isinstance(body, YMap):
            c.error(value.value_pos(job_id), f"job '{job_id}' must be a mapping")
            continue
        jobs[job_id] = _parse_job(job_id, body, key_pos, c)
    _check_needs(jobs, c)
    return jobs


def _parse_job(job_id: str, body: YMap, pos: Pos, c: Collector) -> Job:
    job = Job(job_id, pos)
    c.unknown_keys(body, JOB_KEYS, f"job '{job_id}'")
    if "uses" in body:
        _parse_call(job, body, c)
    elif "runs-on" not in body:
        c.error(pos, f"job '{job_id}' needs 'runs-on' (or 'uses' to call a reusable workflow)")
    if "name" in body:
        job.name = (
            expr_of(body, "name") if is_expression(body["name"]) else scalar_text(body["name"])
        )
    if "needs" in body:
        items = c.strings(body, "needs", "a job id in 'needs'")
        job.needs = tuple(n for n, _ in items)
        job.needs_pos = tuple(s.pos for _, s in items)
    if "if" in body and body["if"] is not None:
        job.if_ = expr_of(body, "if")
    job.runs_on = body.get("runs-on")
    job.environment = body.get("environment")
    if "timeout-minutes" in body:
        job.timeout_minutes = _number_or_expr(body, "timeout-minutes", c)
    if "continue-on-error" in body:
        job.continue_on_error = _bool_or_expr(body, "continue-on-error", c)
    if "strategy" in body:
        job.strategy = _parse_strategy(body, c)
    if "concurrency" in body:
        job.concurrency = parse_concurrency(body, c)
    if isinstance(body.get("outputs"), YMap):
        job.outputs = {str(k): scalar_text(v) for k, v in body["outputs"].items()}
    job.steps = _parse_steps(job_id, body, c)
    if "permissions" in body:
        job.permissions = parse_permissions(body, c)
    job.env = text_map(body.get("env"))
    return job


def _parse_call(job: Job, body: YMap, c: Collector) -> None:
    """A job that calls a reusable workflow: only some keys are allowed on it (§6.6)."""
    job.uses = scalar_text(body["uses"])
    job.uses_pos = body.value_pos("uses")
    for key in body:
        if key not in CALLER_KEYS:
            c.error(body.key_pos[key], f"'{key}' is not allowed on a job that calls a "
                    "reusable workflow ('uses')")  # fmt: skip
    with_ = body.get("with")
    if isinstance(with_, YMap):
        job.with_ = dict(with_)
        job.with_spans = {str(k): with_.span(k) for k in with_}
        job.with_key_pos = {str(k): pos for k, pos in with_.key_pos.items()}
    job.secrets = body.get("secrets")


def _parse_steps(job_id: str, body: YMap, c: Collector) -> list[Step]:
    steps = body.get("steps")
    if steps is None:
        return []
    if not isinstance(steps, YList):
        c.error(body.value_pos("steps"), f"job '{job_id}': 'steps' must be a list")
        return []
    return _step_list(job_id, steps, c)


def _step_list(job_id: str, steps: YList, c: Collector, depth: int = 0) -> list[Step]:
    """The steps in order; the steps of a `parallel:` block (and of its `sequential:` groups)
    take its place, in the order written (their relative timing is not simulated)."""
    out = []
    for i, step in enumerate(steps):
        if not isinstance(step, YMap):
            c.error(steps.item_pos(i), "a step must be a mapping")
            continue
        if depth and any(k in step for k in GROUP_KEYS) and "run" not in step:
            for key in GROUP_KEYS:
                if isinstance(step.get(key), YList):
                    out += _step_list(job_id, step[key], c, depth + 1)
            continue
        c.unknown_keys(step, STEP_KEYS, f"step {i + 1} of job '{job_id}'")
        if "parallel" in step:
            if isinstance(step["parallel"], YList) and depth < 4:
                out += _step_list(job_id, step["parallel"], c, depth + 1)
            else:
                c.error(step.value_pos("parallel"), "'parallel' must be a list of steps")
            continue
        with_ = step.get("with")
        out.append(Step(
            name=scalar_text(step["name"]) if "name" in step else None,
            id=scalar_text(step["id"]) if "id" in step else None,
            uses=scalar_text(step["uses"]) if "uses" in step else None,
            run="run" in step,
            if_=expr_of(step, "if") if step.get("if") is not None else None,
            continue_on_error=_bool_or_expr(step, "continue-on-error", c)
            if "continue-on-error" in step else False,
            pos=steps.item_pos(i),
            uses_pos=step.value_pos("uses") if "uses" in step else None,
            script=scalar_text(step["run"]) if step.get("run") is not None else None,
            script_span=step.span("run") if "run" in step else None,
            with_=text_map(with_),
            with_spans={str(k): with_.span(k) for k in with_} if isinstance(with_, YMap) else {},
            env=text_map(step.get("env")),
        ))  # fmt: skip
    return out


def text_map(value: Any) -> dict[str, str]:
    """A mapping of scalars (`env:`, `with:`) as text; anything else (an expression string
    for the whole map) gives an empty map."""
    if not isinstance(value, dict):
        return {}
    return {str(k): scalar_text(v) for k, v in value.items() if not isinstance(v, (dict, list))}


LEVELS = ("read", "write", "none")


def parse_permissions(body: YMap, c: Collector) -> Permissions | None:
    """`permissions:`: `read-all`, `write-all`, or scope -> read | write | none."""
    value, pos = body["permissions"], body.value_pos("permissions")
    if value in ("read-all", "write-all"):
        return Permissions(str(value), (), pos)
    if value is None or (isinstance(value, dict) and not value):
        return Permissions("map", (), pos)
    if not isinstance(value, YMap):
        c.error(pos, "'permissions' must be read-all, write-all or a mapping of scopes")
        return None
    scopes = []
    for scope, level in value.items():
        if level not in LEVELS:
            c.error(value.value_pos(scope), f"permission '{scope}' must be read, write or none")
            continue
        scopes.append((str(scope), str(level)))
    return Permissions("map", tuple(scopes), pos)


def _number_or_expr(body: YMap, key: str, c: Collector) -> float | Expr | None:
    value = body[key]
    if is_expression(value):
        return expr_of(body, key)
    # an integer of any size may be written: one past a float's range is as infinite as .inf
    number = _as_float(value)
    if number is None or not number > 0 or number == float("inf"):
        c.error(body.value_pos(key), f"'{key}' must be a positive number or an expression")
        return None
    return number


def _as_float(value: object) -> float | None:
    """A YAML number as a float (an integer beyond a float's range: infinity); None when the
    value is no number (a boolean is none)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return float(value)
    except OverflowError:
        return float("inf") if value > 0 else float("-inf")


def _bool_or_expr(body: YMap, key: str, c: Collector) -> bool | Expr:
    value = body[key]
    if isinstance(value, bool):
        return value
    if is_expression(value):
        return expr_of(body, key)
    c.error(body.value_pos(key), f"'{key}' must be true, false or an expression")
    return False


def _parse_strategy(body: YMap, c: Collector) -> Strategy | None:
    value = body["strategy"]
    if is_expression(value):
        return Strategy(matrix=expr_of(body, "strategy"), pos=body.value_pos("strategy"))
    if not isinstance(value, YMap):
        c.error(body.value_pos("strategy"), "'strategy' must be a mapping")
        return None
    c.unknown_keys(value, ("matrix", "fail-fast", "max-parallel"), "'strategy'")
    matrix = value.get("matrix")
    if is_expression(matrix):
        matrix = expr_of(value, "matrix")
    elif matrix is not None and not isinstance(matrix, YMap):
        c.error(value.value_pos("matrix"), "'matrix' must be a mapping or an expression")
        matrix = None
    strategy = Strategy(matrix=matrix, pos=body.value_pos("strategy"))
    if "fail-fast" in value:
        strategy.fail_fast = _bool_or_expr(value, "fail-fast", c)
    if "max-parallel" in value:
        mp = value["max-parallel"]
        if is_expression(mp):
            strategy.max_parallel = expr_of(value, "max-parallel")
        elif isinstance(mp, int) and not isinstance(mp, bool) and mp > 0:
            strategy.max_parallel = mp
        elif mp == float("inf"):  # a number past a double's range (GitHub's): no limit
            strategy.max_parallel = None
        else:
            c.error(value.value_pos("max-parallel"), "'max-parallel' must be a positive integer")
    return strategy


def parse_concurrency(body: YMap, c: Collector) -> Concurrency | None:
    value = body["concurrency"]
    pos = body.value_pos("concurrency")
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        group = expr_of(body, "concurrency") if is_expression(value) else scalar_text(value)
        return Concurrency(group=group, pos=pos)
    if not isinstance(value, YMap) or "group" not in value:
        c.error(pos, "'concurrency' must be a group name or a mapping with 'group'")
        return None
    c.unknown_keys(value, ("group", "cancel-in-progress", "queue"), "'concurrency'")
    group_value = value["group"]
    group = expr_of(value, "group") if is_expression(group_value) else scalar_text(group_value)
    conc = Concurrency(group=group, pos=pos)
    if "cancel-in-progress" in value:
        conc.cancel_in_progress = _bool_or_expr(value, "cancel-in-progress", c)
    if "queue" in value:
        queue = scalar_text(value["queue"])
        if queue not in ("single", "max"):
            c.error(value.value_pos("queue"), f"'queue' must be 'single' or 'max', not '{queue}'")
        elif queue == "max" and conc.cancel_in_progress is True:
            c.error(
                value.value_pos("queue"),
                "'queue: max' cannot be used with 'cancel-in-progress: true'",
            )  # fmt: skip §10.4
        conc.queue = queue
    return conc


def _check_needs(jobs: dict[str, Job], c: Collector) -> None:
    for job in jobs.values():
        for need, pos in zip(job.needs, job.needs_pos, strict=False):
            if need not in jobs:
                c.error(pos, f"job '{job.id}' needs unknown job '{need}'{did_you_mean(need, jobs)}")
    # Cycles: depth-first search with colours.
    state: dict[str, int] = {}

    def visit(job_id: str, trail: list[str]) -> None:
        state[job_id] = 1
        for need in jobs[job_id].needs:
            if need not in jobs:
                continue
            if state.get(need) == 1:
                cycle = " -> ".join([*trail[trail.index(need) :], need])
                c.error(jobs[need].pos, f"jobs depend on each other in a cycle: {cycle}")
            elif need not in state:
                visit(need, [*trail, need])
        state[job_id] = 2

    for job_id in jobs:
        if job_id not in state:
            visit(job_id, [job_id])
