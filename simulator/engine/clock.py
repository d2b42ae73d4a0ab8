"""simpy's Environment and Resource, without the reference each keeps to itself.

simpy binds `process`, `timeout`, `event`, `all_of` and `any_of` to every Environment it
makes (and `request`, `release` to every Resource) by storing bound methods on the instance:
"to improve performance", it says, but a bound method stored on its own instance is a
reference cycle. Every finished simulation was then garbage only the cyclic collector could
free: in Monte Carlo that collector took about a tenth of the time, and an iteration's
objects waited in memory for it instead of being reused at once.

Plain methods bind the same names with no reference back: a simulation dropped is freed by
reference counting on the spot. `tests/test_engine_memory.py` keeps every bundled scenario
free of such cycles.
"""

from __future__ import annotations

from collections.abc import Generator
from operator import attrgetter
from typing import Any, cast

import simpy


class Clock(simpy.Environment):
    """A simpy Environment whose event shortcuts are ordinary methods. (Those ghasim does not
    call, `all_of` and `any_of`, still work: simpy's class makes the bound method on each
    access, and nothing keeps it.)"""

    # read about seventy times per Monte Carlo iteration: a getter made in C, not a Python
    # function call each time (the attributes are the ones simpy's own properties return)
    now = property(attrgetter("_now"))
    active_process = property(attrgetter("_active_proc"))

    def process(self, generator: Generator[simpy.Event, Any, Any]) -> simpy.Process:
        return simpy.Process(self, generator)

    def timeout(self, delay: float = 0, value: Any = None) -> simpy.Timeout:
        return simpy.Timeout(self, delay, value)

    def event(self) -> simpy.Event:
        return simpy.Event(self)


class Capacity(simpy.Resource):
    """A simpy Resource whose `request` and `release` are looked up on the class each time
    (simpy binds early only what the instance's own class defines: nothing, here)."""


class AllDone(simpy.Event):
    """Succeeds once every one of `events` has been processed; fails with the first of them
    to fail. simpy's AllOf, less the value it builds when it triggers (a ConditionValue
    listing every event, which nobody here reads): a run waiting for its jobs, a job for
    its needs. It triggers at the same step as AllOf would, so the order of events is the
    same."""

    def __init__(self, env: simpy.Environment, events: list[simpy.Event]):
        super().__init__(env)
        self._left = len(events)
        if not events:
            self.succeed()
            return
        for event in events:
            if event.callbacks is None:  # already processed
                self._one_done(event)
            else:
                event.callbacks.append(self._one_done)

    def _one_done(self, event: simpy.Event) -> None:
        if self.triggered:
            return
        if not event.ok:
            event.defused = True  # this event reports the failure in its place
            self.fail(cast(Exception, event.value))  # a failed event's value is its error
            return
        self._left -= 1
        if not self._left:
            self.succeed()
