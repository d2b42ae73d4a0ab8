"""A run's mutable state while the clock runs (its RunRecord keeps what reports read)."""

from __future__ import annotations

from typing import Any

import simpy
from msgspec import Struct, field

from simulator.engine.records import JobRecord
from simulator.workflow.model import Job


class LiveRun(Struct):
    """A run while it is on the clock: its contexts, its cancellation and its jobs at work."""

    github: dict[str, Any]
    cancel_event: simpy.Event
    secrets: dict[str, Any] = field(default_factory=dict)  # what `secrets.*` reads in this run
    cancelled: bool = False
    # job processes on the clock, by record key: what a cancellation interrupts (§8.9)
    active: dict[str, tuple[simpy.Process, Job, JobRecord]] = field(default_factory=dict)
