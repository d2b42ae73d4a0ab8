"""The workflow_run bus (fact sheet A.3): every state change of a run is offered to the
default-branch listeners that name its workflow, and each decides (rules/workflow_run.py)
whether a run of it starts, one level deeper.

Listeners are indexed by the upstream names they list and the activities they listen to, so a
state change costs the number of listeners of that workflow for that activity, not the number
of workflows in the folder.
"""

from __future__ import annotations

from collections.abc import Iterator

from simulator.core.events import WorkflowRunEvent
from simulator.engine.decisions import Decisions
from simulator.engine.records import NotTriggered, RunRecord
from simulator.rules.decision import Decision
from simulator.rules.workflow_run import listened_activities
from simulator.settings import Settings
from simulator.workflow.model import Workflow, WorkflowSet


class WorkflowRunBus:
    def __init__(self, listeners: WorkflowSet, settings: Settings,
                 decisions: Decisions | None = None):  # fmt: skip
        self.settings = settings
        self.decisions = decisions or Decisions(settings)
        self.by_upstream: dict[tuple[str, str], list[Workflow]] = {}
        for name, found in listeners.listener_index.items():
            for wf in found:
                for activity in listened_activities(wf.triggers["workflow_run"]):
                    self.by_upstream.setdefault((name, activity), []).append(wf)
        # lists with wildcards, when the setting allows them: offered every state change
        self.any_upstream = listeners.wildcard_listeners if settings.workflow_run_wildcards else []

    def listeners_of(self, run: RunRecord, activity: str) -> list[Workflow]:
        """Listeners that list the run's workflow by its name (its path when it has no
        `name:`, §1.2) and listen to `activity`, in file order."""
        named = self.by_upstream.get((run.name, activity), [])
        if not self.any_upstream:
            return named
        return list(dict.fromkeys([*named, *self.any_upstream]))

    def publish(self, run: RunRecord, activity: str, now: float,
                not_started: list[NotTriggered]) -> Iterator[tuple[Workflow, Decision]]:  # fmt: skip
        """The listeners this state change starts, with their decisions, one at a time (a
        run started may end the simulation: the listeners after it are not decided); those
        it does not start are noted in `not_started` as they are decided."""
        listeners = self.listeners_of(run, activity)
        if not listeners:  # most state changes: nobody listens to this activity of this run
            return
        event = WorkflowRunEvent(
            upstream=run.name, activity=activity, head_branch=run.head_branch,
            depth=run.depth + 1, conclusion=run.conclusion, upstream_event=run.event,
            upstream_path=run.file, head_sha=run.head_sha, upstream_run_id=run.id,
        )  # fmt: skip
        for listener in listeners:
            decision = self.decisions.decide(listener, event)
            if decision.fires:
                yield listener, decision
            elif not decision.quiet:
                not_started.append(NotTriggered(
                    listener.name, listener.rel_path, "workflow_run", now, decision.reason,
                    decision.fact, caused_by=run.id, activity=activity))  # fmt: skip
