"""What the simulations of one scenario share: made once, read by every iteration.

A Monte Carlo batch simulates the same scenario with other seeds. What does not depend on the
seed is worked out once: the scenario's job tables (job_plan.py), the trigger decisions
(decisions.py; the rules are pure), the workflow_run bus with its listener index (bus.py) and
the repository's payload parts (contexts.py). Nothing here changes while a simulation runs.
"""

from __future__ import annotations

from msgspec.structs import replace

from simulator.core.timeparse import iso
from simulator.engine.bus import WorkflowRunBus
from simulator.engine.contexts import Payloads
from simulator.engine.decisions import Decisions
from simulator.engine.job_plan import JobPlan
from simulator.scenario.model import Scenario
from simulator.workflow.model import WorkflowSet


class Batch:
    def __init__(self, scenario: Scenario, workflows: WorkflowSet,
                 default_workflows: WorkflowSet | None = None):  # fmt: skip
        assert scenario.start is not None
        # workflow_run, schedule and dispatch listeners come from the default branch (§5.4, §6.1)
        self.listeners = default_workflows or workflows
        self.plan = JobPlan(scenario, workflows)
        self.decisions = Decisions(scenario.settings)
        self.bus = WorkflowRunBus(self.listeners, scenario.settings, self.decisions)
        self.payloads = Payloads(replace(scenario.repository,
                                         default_branch=scenario.default_branch))  # fmt: skip
        self.start_iso = iso(scenario.start)
