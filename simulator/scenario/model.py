"""A scenario: the workflows, the clock, what happens when, and how long jobs take."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from simulator.core.diagnostics import Pos
from simulator.core.events import Event
from simulator.settings import DEFAULT, Settings


@dataclass(frozen=True)
class ScenarioEvent:
    at: float  # seconds after start
    event: Event
    pos: Pos
    label: str | None = None


@dataclass(frozen=True)
class Timing:
    """A job's duration: fixed, or uniform between two bounds (random, seeded)."""

    low: float
    high: float | None = None

    def sample(self, rng) -> float:
        if self.high is None:
            return self.low
        return rng.uniform(self.low, self.high)


@dataclass(frozen=True)
class Outcome:
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


@dataclass
class PerJob:
    """`durations:` / `outcomes:` / `outputs:`: workflow -> job key -> value, with a default
    per workflow (a bare value, or the key `*`)."""

    entries: dict[str, dict[str, Any]] = field(default_factory=dict)  # workflow -> job -> value
    workflow_default: dict[str, Any] = field(default_factory=dict)  # workflow -> value
    positions: dict[tuple[str, str | None], Pos] = field(default_factory=dict)

    def lookup(self, workflow_keys: tuple[str, ...], job_keys: tuple[str, ...]) -> Any:
        for wf in workflow_keys:
            jobs = self.entries.get(wf)
            if jobs:
                for key in job_keys:
                    if key in jobs:
                        return jobs[key]
        for wf in workflow_keys:
            if wf in self.workflow_default:
                return self.workflow_default[wf]
        return None


@dataclass
class Scenario:
    name: str
    path: Path | None
    workflows: Path | None
    default_branch: str = "main"
    start: datetime | None = None
    until: float | None = None
    seed: int = 0
    iterations: int = 1
    default_duration: Timing = field(default_factory=lambda: Timing(60.0))
    durations: PerJob = field(default_factory=PerJob)
    outcomes: PerJob = field(default_factory=PerJob)
    outputs: PerJob = field(default_factory=PerJob)
    vars: dict[str, Any] = field(default_factory=dict)
    secrets: dict[str, Any] = field(default_factory=dict)
    runners: dict[str, int] = field(default_factory=dict)
    max_parallel_jobs: int | None = None
    schedules: bool = False
    settings: Settings = DEFAULT
    events: list[ScenarioEvent] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # short names for reports
    label_positions: dict[str, Pos] = field(default_factory=dict)
    expect: Any = None  # parsed by simulator.testing.expect
    raw: Any = None

    @property
    def display(self) -> str:
        return str(self.path) if self.path else self.name
