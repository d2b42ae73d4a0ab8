"""`ghasim replay`: every push of the real history, simulated: runs, runner-minutes, cost.

When pushes cannot affect each other (no runner limits, no concurrency groups, fixed
durations and outcomes), two pushes that start the same workflows (and, when any job value
reads the commit, are the same commit) produce the same chain: each distinct chain
is simulated once and counted. Otherwise one simulation replays every push at its real time,
so runner queues and concurrency groups act across pushes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from msgspec import Struct, field
from msgspec.structs import replace

from simulator.core.diagnostics import GhasimError, Pos
from simulator.core.events import Push, Schedule
from simulator.engine.records import SimulationResult
from simulator.engine.simulation import simulate
from simulator.replay.cost import Prices, billable_minutes
from simulator.replay.history import Commit
from simulator.rules.push import decide_push
from simulator.scenario.loader import DEFAULT_START
from simulator.scenario.model import Scenario, ScenarioEvent
from simulator.workflow.model import WorkflowSet

POS = Pos("(replay)")
MIN_EXTRAPOLATION_DAYS = 1.0  # "per 30 days" figures need at least a day of history


class Usage(Struct):
    runs: int = 0
    seconds: float = 0.0  # runner time
    billable: int = 0  # minutes, each job rounded up
    cost: float = 0.0
    unpriced: int = 0  # billable minutes on labels with no known price


class ReplayResult(Struct):
    pushes: int
    span_days: float
    first: int | None
    last: int | None
    per_workflow: dict[str, Usage] = field(default_factory=dict)
    per_label: dict[str, Usage] = field(default_factory=dict)
    run_queue: Counter = field(default_factory=Counter)  # seconds -> how many runs waited so
    job_queue: Counter = field(default_factory=Counter)
    mode: str = "independent"
    chains: int = 0  # distinct chains simulated
    schedules: bool = True  # scheduled runs over the span included (--no-schedules: not)
    scheduled: int = 0  # schedule fires over the span

    @property
    def total(self) -> Usage:
        out = Usage()
        for u in self.per_workflow.values():
            out.runs += u.runs
            out.seconds += u.seconds
            out.billable += u.billable
            out.cost += u.cost
            out.unpriced += u.unpriced
        return out

    @property
    def extrapolates(self) -> bool:
        """A monthly figure only from a history long enough to mean something."""
        return self.span_days >= MIN_EXTRAPOLATION_DAYS

    def per_30_days(self, value: float) -> float | None:
        return value * 30 / self.span_days if self.extrapolates else None

    @staticmethod
    def percentile(weights: Counter, q: float) -> float:
        """Nearest-rank percentile of weighted values (q in 0..100)."""
        total = sum(weights.values())
        if not total:
            return 0.0
        rank, seen = max(1, -(-q * total // 100)), 0
        for value in sorted(weights):
            seen += weights[value]
            if seen >= rank:
                return value
        return max(weights)


def interacting(scenario: Scenario, workflows: WorkflowSet) -> bool:
    """True when pushes can affect each other or vary: then they are simulated together."""
    if scenario.runners or scenario.max_parallel_jobs:
        return True
    if any(
        w.concurrency or any(j.concurrency for j in w.jobs.values()) for w in workflows.workflows
    ):
        return True
    timings = [*scenario.durations.values(), scenario.default_duration]
    return any(t.random for t in timings) or any(o.random for o in scenario.outcomes.values())


COMMIT_FIELDS = ("head_commit", "event.commits", "github.sha", "event.after", "event.before")


def _job_texts(job) -> list[str]:
    """Every value a job is simulated with that may hold an expression."""
    values = [job.if_, job.name, job.runs_on, job.timeout_minutes, job.continue_on_error,
              *job.with_.values()]  # fmt: skip
    if job.strategy is not None:
        values += [job.strategy.matrix, job.strategy.fail_fast, job.strategy.max_parallel]
    return [str(getattr(v, "text", v)) for v in values if v is not None]


def _reads_commit(workflows: WorkflowSet) -> bool:
    """Does anything a job is simulated with read the pushed commit (message, sha)? Then two
    pushes starting the same workflows may still run different chains."""
    for wf in workflows.workflows:
        for job in wf.jobs.values():
            for text in _job_texts(job):
                if any(field in text.lower() for field in COMMIT_FIELDS):
                    return True
    return False


def schedule_fires(workflows: WorkflowSet, first: int, last: int) -> dict[str, list[int]]:
    """Per cron expression, the epoch seconds it fires at in [first, last] (§6.1: on the
    default branch). Bounded: at most MAX_SCHEDULE_FIRES in all, counted before any run."""
    from datetime import UTC, datetime

    from simulator.core.cron import fire_times

    start, end = datetime.fromtimestamp(first, UTC), datetime.fromtimestamp(last + 1, UTC)
    out: dict[str, list[int]] = {}
    total = 0
    for wf in workflows.workflows:
        trigger = wf.trigger("schedule")
        for entry in trigger.crons if trigger else ():
            if entry.cron in out:
                continue
            times = out.setdefault(entry.cron, [])
            for when in fire_times(entry.cron, entry.timezone, start, end):
                total += 1
                if total > MAX_SCHEDULE_FIRES:
                    raise GhasimError(
                        f"the replayed span holds more than {MAX_SCHEDULE_FIRES:,} scheduled "
                        "runs: replay a shorter span, or leave them out with --no-schedules"
                    )
                times.append(int(when.timestamp()))
    return out


MAX_SCHEDULE_FIRES = 100_000


def replay(
    commits: Iterable[Commit],
    workflows: WorkflowSet,
    scenario: Scenario,
    branch: str,
    prices: Prices,
    schedules: bool = True,
) -> ReplayResult:
    """`commits` in any order; consumed as they come (while git is still writing them).
    With `schedules`, the scheduled runs that fire over the commits' span count too."""
    out = ReplayResult(0, 0.0, None, None, schedules=schedules)
    for wf in workflows.workflows:
        out.per_workflow.setdefault(wf.name, Usage())
    if interacting(scenario, workflows):
        out.mode = "together"
        ordered = sorted(commits, key=lambda c: c.time)
        for commit in ordered:
            _seen(out, commit)
        if not ordered:
            return out
        t0 = ordered[0].time
        events = [ScenarioEvent(float(c.time - t0), _push(c, branch), POS, c.sha[:7])
                  for c in ordered]  # fmt: skip
        if schedules:
            fires = schedule_fires(workflows, t0, ordered[-1].time)
            out.scheduled = sum(len(t) for t in fires.values())
            events += [ScenarioEvent(float(t - t0), Schedule(cron), POS)
                       for cron, times in fires.items() for t in times]  # fmt: skip
            events.sort(key=lambda e: e.at)
        result = simulate(replace(scenario, events=events, until=None, expect=None), workflows)
        _account(out, result, prices, 1)
        return out
    pushers = [w for w in workflows.workflows if w.trigger("push")]
    by_commit = _reads_commit(workflows)
    counts: Counter = Counter()
    sample: dict[tuple, Commit] = {}
    for commit in commits:
        _seen(out, commit)
        push = _push(commit, branch)
        fired = tuple(w.rel_path for w in pushers if decide_push(w, push, scenario.settings).fires)
        if not fired:
            continue
        key = (fired, (commit.message, commit.sha) if by_commit else None)
        counts[key] += 1
        sample.setdefault(key, commit)
    out.chains = len(counts)
    for key, count in counts.items():
        event = ScenarioEvent(0.0, _push(sample[key], branch), POS)
        result = simulate(replace(scenario, events=[event], until=None, expect=None), workflows)
        _account(out, result, prices, count)
    if schedules and out.first is not None and out.last is not None:
        for cron, times in schedule_fires(workflows, out.first, out.last).items():
            if not times:
                continue
            out.scheduled += len(times)
            event = ScenarioEvent(0.0, Schedule(cron), POS)
            result = simulate(replace(scenario, events=[event], until=None, expect=None),
                              workflows)  # fmt: skip
            _account(out, result, prices, len(times))
            out.chains += 1
    return out


def _seen(out: ReplayResult, commit: Commit) -> None:
    out.pushes += 1
    out.first = commit.time if out.first is None else min(out.first, commit.time)
    out.last = commit.time if out.last is None else max(out.last, commit.time)
    out.span_days = (out.last - out.first) / 86400


def _push(commit: Commit, branch: str) -> Push:
    return Push(branch=branch, files=commit.files, message=commit.message, sha=commit.sha)


def _account(out: ReplayResult, result: SimulationResult, prices: Prices, times: int) -> None:
    labels: dict[str, Usage] = defaultdict(Usage)
    for run in result.runs:
        usage = out.per_workflow.setdefault(run.name, Usage())
        usage.runs += times
        if run.started_at is not None:
            out.run_queue[run.started_at - run.created_at] += times
        for job in run.jobs:
            if job.started_at is None or job.completed_at is None or job.runner is None:
                continue  # skipped, or a reusable call's umbrella: no runner time
            seconds = job.completed_at - job.started_at
            minutes = billable_minutes(seconds)
            rate = prices.rate(job.runner)
            for target in (usage, labels[job.runner]):
                target.seconds += seconds * times
                target.billable += minutes * times
                if rate is None:
                    target.unpriced += minutes * times
                else:
                    target.cost += minutes * rate * times
            if job.ready_at is not None:
                out.job_queue[job.started_at - job.ready_at] += times
    for label, usage in labels.items():
        total = out.per_label.setdefault(label, Usage())
        total.seconds += usage.seconds
        total.billable += usage.billable
        total.cost += usage.cost
        total.unpriced += usage.unpriced


def default_scenario(default_branch: str) -> Scenario:
    return Scenario(name="replay", path=None, workflows=None, default_branch=default_branch,
                    start=DEFAULT_START)  # fmt: skip
