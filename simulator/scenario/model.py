"""A scenario: the workflows, the clock, what happens when, and how long jobs take."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Generic, TypeVar

from msgspec import Struct, field

from simulator.core.diagnostics import Pos
from simulator.core.events import Event, Repository
from simulator.core.limits import DEFAULT_MAX_RUNS
from simulator.settings import DEFAULT, Settings

T = TypeVar("T")
DEFAULT_START = datetime(2026, 1, 1, tzinfo=UTC)


class ScenarioEvent(Struct, frozen=True):
    """One event of a scenario, at its time, with where it is written."""

    at: float  # seconds after start
    event: Event
    pos: Pos
    label: str | None = None


class Timing(Struct, frozen=True):
    """A job's duration: fixed, or uniform between two bounds (random, seeded)."""

    low: float
    high: float | None = None

    def sample(self, rng) -> float:
        if self.high is None:
            return self.low
        return rng.uniform(self.low, self.high)

    @property
    def random(self) -> bool:
        return self.high is not None


class Outcome(Struct, frozen=True):
    """A job's injected outcome: fixed, or a probability per conclusion (rest: success)."""

    fixed: str | None = "success"
    chances: tuple[tuple[str, float], ...] = ()

    def sample(self, rng) -> str:
        if not self.chances:
            return self.fixed or "success"
        draw = rng.random()
        total = 0.0
        for conclusion, chance in self.chances:
            total += chance
            if draw < total:
                return conclusion
        return "success"

    @property
    def random(self) -> bool:
        return bool(self.chances)


_SELECTOR = re.compile(r"^(?P<job>[^\[]+)\[(?P<pairs>[^\]]*)\]$")


class JobKey(Struct, frozen=True):
    """A job as a scenario table names it, parsed once when the scenario loads:
    `lint`, a matrix leg `test (ubuntu-latest, 3.12)`, a leg selector `test[os=windows]`,
    or a job of a called reusable workflow `call-tests/unit`."""

    text: str
    pos: Pos
    job_id: str  # the first job id: the job (or caller) of the workflow the table names
    selector: tuple[tuple[str, str], ...] | None = None  # matrix values a leg must have

    @classmethod
    def parse(cls, text: str, pos: Pos) -> JobKey:
        match = _SELECTOR.match(text)
        if match:
            pairs = tuple(
                (k.strip(), v.strip())
                for k, v in (p.split("=", 1) for p in match["pairs"].split(",") if "=" in p)
            )  # fmt: skip
            return cls(text, pos, match["job"].strip(), pairs)
        head = text
        for sep in (" (", "/"):
            head = head.split(sep, 1)[0]
        return cls(text, pos, head)

    @property
    def called_path(self) -> str | None:
        """`unit` for `call-tests/unit`: the rest, inside the called workflow."""
        if (
            self.selector is None
            and "/" in self.text
            and not self.text.startswith(self.job_id + " (")
        ):
            return self.text.split("/", 1)[1]
        return None

    def selects(self, job_id: str, matrix: dict[str, Any] | None) -> bool:
        if self.selector is None or not matrix or job_id != self.job_id:
            return False
        from simulator.expressions.values import to_string

        shown = {k: to_string(v) for k, v in matrix.items()}
        return all(shown.get(k) == v for k, v in self.selector)


class WorkflowTable(Struct, Generic[T]):
    """One workflow's entries in `durations:` / `outcomes:` / `outputs:`."""

    key: str  # as written: a name, a file name or a path
    pos: Pos
    jobs: list[tuple[JobKey, T]] = field(default_factory=list)
    default: T | None = None  # a bare value, or the key `*`

    def lookup(self, keys: tuple[str, ...], job_id: str, matrix: dict[str, Any] | None) -> T | None:
        """A selector entry for a matrix leg, else the first of `keys` listed."""
        if matrix:
            for job_key, value in self.jobs:
                if job_key.selects(job_id, matrix):
                    return value
        exact = {job_key.text: value for job_key, value in self.jobs}
        for key in keys:
            if key in exact:
                return exact[key]
        return None


class PerJob(Struct, Generic[T]):
    """`durations:` / `outcomes:` / `outputs:`: workflow -> job key -> value, as written.
    scenario.validate.resolve_tables keys them by workflow file once the workflows are
    loaded, so the engine looks values up by the run's file, never by a name."""

    tables: list[WorkflowTable[T]] = field(default_factory=list)

    def values(self) -> list[T]:
        out = [value for table in self.tables for _, value in table.jobs]
        return out + [t.default for t in self.tables if t.default is not None]


class Scenario(Struct):
    """A scenario file as a model: its workflows, events, durations, outcomes and expect."""

    name: str
    path: Path | None
    workflows: Path | None
    # The default branch's copy when it differs from `workflows` (the branch being tried):
    # workflow_run, schedule, dispatch and pull_request_target read it (§5.4, §4.7, §14.3).
    default_branch_workflows: Path | None = None
    default_branch: str = "main"
    repository: Repository = field(default_factory=lambda: Repository(assumed=True))
    start: datetime = DEFAULT_START
    until: float | None = None
    seed: int = 0
    iterations: int = 1
    max_runs: int = DEFAULT_MAX_RUNS
    default_duration: Timing = field(default_factory=lambda: Timing(60.0))
    durations: PerJob[Timing] = field(default_factory=PerJob)
    outcomes: PerJob[Outcome] = field(default_factory=PerJob)
    outputs: PerJob[dict[str, Any]] = field(default_factory=PerJob)
    effects: PerJob[tuple[Event, ...]] = field(default_factory=PerJob)  # events a job makes
    vars: dict[str, Any] = field(default_factory=dict)
    secrets: dict[str, Any] = field(default_factory=dict)
    runners: dict[str, int] = field(default_factory=dict)
    max_parallel_jobs: int | None = None
    schedules: bool = False
    settings: Settings = DEFAULT
    events: list[ScenarioEvent] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # short names for reports
    label_positions: dict[str, Pos] = field(default_factory=dict)
    expect: Any = None  # parsed by simulator.testing.expectations
    raw: Any = None

    @property
    def display(self) -> str:
        return str(self.path) if self.path else self.name
