"""What the simulation produces: runs and jobs with their times, statuses and reasons.

Reports only read these. Times are seconds after the scenario's start.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import cached_property
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from simulator.core.events import Repository
from simulator.core.reasons import Reason, reason_json
from simulator.core.timeparse import iso
from simulator.workflow.model import Workflow


class JobRecord(Struct):
    """One job (or matrix leg) of a run as it went: status, conclusion, times, reason."""

    key: str  # job id, `id (leg, values)` for a matrix leg, `caller/called` inside a reusable call
    job_id: str
    name: str
    status: str = "waiting"  # waiting | queued | in_progress | completed
    conclusion: str | None = None  # as the UI shows it
    result: str | None = None  # as `needs.<id>.result` sees it (continue-on-error masks failure)
    created_at: float = 0.0
    ready_at: float | None = None  # when it asked for a runner (its needs done, its if true)
    started_at: float | None = None
    completed_at: float | None = None
    reason: Reason | None = None
    runner: str | None = None
    matrix: dict[str, Any] | None = None
    continue_on_error: bool = False
    outputs: dict[str, Any] = field(default_factory=dict)
    caller: str | None = None  # key of the calling job for jobs of a reusable workflow

    def to_json(self, start: datetime) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.key,
            "name": self.name,
            "status": self.status,
            "conclusion": self.conclusion,
            "started_at": _iso(start, self.started_at),
            "completed_at": _iso(start, self.completed_at),
        }
        if self.result is not None and self.result != self.conclusion:
            data["result"] = self.result
        if self.reason:
            data["reason"] = reason_json(self.reason)
        if self.matrix is not None:
            data["matrix"] = self.matrix
        if self.runner:
            data["runner"] = self.runner
        return data


class RunRecord(Struct):
    """One workflow run as it went: what started it, its jobs, its conclusion and times."""

    id: int
    workflow: Workflow
    event: str  # the triggering event's name
    head_branch: str
    head_sha: str
    depth: int
    created_at: float
    activity: str | None = None  # for workflow_run: which activity of the upstream fired it
    caused_by: int | None = None  # id of the upstream run
    cause_label: str = ""  # the scenario event (or upstream) that created it, for reports
    scenario_event: int | None = None  # index of the scenario event at the root of the chain
    trigger_reason: Reason | None = None
    status: str = "queued"  # queued | pending | in_progress | completed (waiting for approval)
    conclusion: str | None = None
    started_at: float | None = None
    completed_at: float | None = None
    jobs: list[JobRecord] = field(default_factory=list)
    reason: Reason | None = None  # why it concluded so ("failed: job lint", concurrency ...)
    concurrency_group: str | None = None
    upstream_conclusion: str | None = None
    payload: dict[str, Any] = field(default_factory=dict)
    inputs: dict[str, Any] = field(default_factory=dict)  # workflow_dispatch inputs, typed
    run_number: int = 1
    effect: int | None = None  # index in SimulationResult.effects of the effect that made it
    secrets_withheld: bool = False  # a fork's pull_request: no secrets, read-only token (§4.8)

    if TYPE_CHECKING:

        @property
        def name(self) -> str: ...

        @property
        def file(self) -> str: ...

    else:  # read some fifty times per Monte Carlo iteration: getters made in C
        name = property(attrgetter("workflow.name"))  # its workflow's name
        file = property(attrgetter("workflow.rel_path"))  # its workflow's file

    @property
    def shown_at(self) -> float:
        """The time a timeline shows: when it started, or when it was created if it has not."""
        return self.started_at if self.started_at is not None else self.created_at

    def failed_jobs(self) -> list[JobRecord]:
        return [j for j in self.jobs if j.conclusion == "failure" and not j.continue_on_error]

    def to_json(self, start: datetime) -> dict[str, Any]:
        return {
            "id": self.id,
            "workflow": self.name,
            "file": self.file,
            "event": self.event,
            "activity": self.activity,
            "head_branch": self.head_branch,
            "head_sha": self.head_sha,
            "depth": self.depth,
            "caused_by": self.caused_by,
            "created_at": _iso(start, self.created_at),
            "started_at": _iso(start, self.started_at),
            "completed_at": _iso(start, self.completed_at),
            "status": self.status,
            "conclusion": self.conclusion,
            "reason": reason_json(self.reason or None),
            "trigger_reason": reason_json(self.trigger_reason),
            "jobs": [j.to_json(start) for j in self.jobs],
        }


class NotTriggered(Struct, frozen=True):
    """A workflow an event did not start, and why (§ cited)."""

    workflow: str
    file: str
    event: str
    at: float
    reason: Reason
    fact: str | None = None
    caused_by: int | None = None
    activity: str | None = None

    def to_json(self, start: datetime) -> dict[str, Any]:
        data: dict[str, Any] = {
            "workflow": self.workflow,
            "file": self.file,
            "event": self.event,
            "at": _iso(start, self.at),
            "reason": reason_json(self.reason),
        }
        if data["reason"] is not None and not data["reason"]["fact"]:
            data["reason"]["fact"] = self.fact
        if self.caused_by is not None:
            data["caused_by"] = self.caused_by
            data["activity"] = self.activity
        return data


class EffectRecord(Struct, frozen=True):
    """An event a job made when it succeeded (a tag pushed, a workflow dispatched ...)."""

    at: float
    label: str  # "push of tag v1.2.0 by Deploy/deploy (GITHUB_TOKEN)"
    event: str
    run: int  # the run whose job made it
    job: str
    token: str
    started: tuple[int, ...]  # the runs it started (none: GITHUB_TOKEN, filters ...)

    def to_json(self, start: datetime) -> dict[str, Any]:
        return {"at": _iso(start, self.at), "label": self.label, "event": self.event,
                "by_run": self.run, "by_job": self.job, "token": self.token,
                "started": list(self.started)}  # fmt: skip


class SimulationResult(Struct, dict=True):
    """Everything one simulation produced: runs, workflows not started, effects, notes."""

    start: datetime
    runs: list[RunRecord]
    not_triggered: list[NotTriggered]
    until: float | None  # the snapshot time, when the clock was stopped
    end: float  # the clock when the simulation ended
    default_branch: str = "main"
    scenario_name: str = ""
    notes: list[str] = field(default_factory=list)  # e.g. where max_runs stopped the clock
    repository: Repository = field(default_factory=lambda: Repository(assumed=True))
    effects: list[EffectRecord] = field(default_factory=list)

    # Indexes, built once the result is read (the runs no longer change): every lookup below
    # is O(1), so reports stay linear in runs.
    @cached_property
    def _by_id(self) -> dict[int, RunRecord]:
        return {r.id: r for r in self.runs}

    @cached_property
    def _by_name(self) -> dict[str, list[RunRecord]]:
        out: dict[str, list[RunRecord]] = {}
        for r in self.runs:
            out.setdefault(r.name, []).append(r)
        return out

    @cached_property
    def _children(self) -> dict[int, list[RunRecord]]:
        out: dict[int, list[RunRecord]] = {}
        for r in self.runs:
            if r.caused_by is not None:
                out.setdefault(r.caused_by, []).append(r)
        return out

    def runs_of(self, workflow_name: str) -> list[RunRecord]:
        return self._by_name.get(workflow_name, [])

    def run(self, run_id: int | None) -> RunRecord | None:
        return self._by_id.get(run_id) if run_id is not None else None

    def children(self, run: RunRecord) -> list[RunRecord]:
        return self._children.get(run.id, [])

    def to_json(self) -> dict[str, Any]:
        return (
            {
                "scenario": self.scenario_name,
                "repository": self.repository.full_name,
                "default_branch": self.default_branch,
                "start": iso(self.start),
                "until": _iso(self.start, self.until),
                "runs": [r.to_json(self.start) for r in self.runs],
                "not_triggered": [n.to_json(self.start) for n in self.not_triggered],
            }
            | ({"notes": self.notes} if self.notes else {})
            | ({"effects": [e.to_json(self.start) for e in self.effects]} if self.effects else {})
        )


def _iso(start: datetime, seconds: float | None) -> str | None:
    if seconds is None:
        return None
    return iso(start + timedelta(seconds=seconds))
