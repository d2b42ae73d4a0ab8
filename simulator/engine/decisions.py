"""Trigger decisions, remembered. The rules are pure functions of the workflow, the event and
the settings, so the simulations of one batch (Monte Carlo iterations) decide each
(workflow, event) pair once instead of once per iteration."""

from __future__ import annotations

from simulator.core.events import Event
from simulator.rules.decide import decide
from simulator.rules.decision import Decision
from simulator.settings import Settings
from simulator.workflow.model import Workflow

MAX_REMEMBERED = 65_536  # pairs kept; past that, decisions are made again (memory stays bounded)


class Decisions:
    def __init__(self, settings: Settings):
        self.settings = settings
        # keyed by the workflow's identity: the value keeps the workflow, so its id stays its own
        self._memo: dict[tuple[int, Event], tuple[Workflow, Decision]] = {}

    def decide(self, workflow: Workflow, event: Event) -> Decision:
        key = (id(workflow), event)
        try:
            found = self._memo.get(key)
        except TypeError:  # an event holding an unhashable value: decided every time
            return decide(workflow, event, self.settings)
        if found is not None:
            return found[1]
        decision = decide(workflow, event, self.settings)
        if len(self._memo) < MAX_REMEMBERED:
            self._memo[key] = (workflow, decision)
        return decision
