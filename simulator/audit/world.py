"""The audit's simulated world: each probe run through the engine, and every job that really
ran in it, with the workflow it belongs to, its effective privilege and the path the
untrusted input took to reach it. Guards work because the engine evaluates each job's `if:`
against the probe's payload (a fork's `head_repository`, an outsider's association)."""

from __future__ import annotations

from collections.abc import Iterator

from msgspec import Struct, field

from simulator.audit.permissions import Privilege, effective
from simulator.audit.probes import Probe
from simulator.core.diagnostics import GhasimError
from simulator.core.events import Repository
from simulator.engine.records import JobRecord, RunRecord, SimulationResult
from simulator.engine.simulation import simulate
from simulator.workflow.calls import local_call_path
from simulator.workflow.model import Job, Workflow, WorkflowSet


class JobSite(Struct):
    """One job that ran in a probe's simulation."""

    probe: Probe
    result: SimulationResult
    run: RunRecord
    record: JobRecord
    workflow: Workflow  # the job's own workflow (the called one, inside a reusable call)
    job: Job
    privilege: Privilege

    @property
    def from_fork(self) -> bool:
        return _from_fork(self.run)

    def path(self) -> list[str]:
        """`fork pull request (mallory/x) opened` → `PR Build` → `Publish Preview (deploy)`."""
        chain: list[str] = []
        run: RunRecord | None = self.run
        seen: set[int] = set()
        while run is not None and run.id not in seen:
            seen.add(run.id)
            name = run.name + (" (added by the fork)" if run.file in self.probe.added else "")
            chain.append(name)
            upstream = self.result.run(run.caused_by)
            if upstream is None:
                chain.append(run.cause_label or run.event)
            run = upstream
        chain.reverse()
        chain[-1] = f"{chain[-1]}, job {self.record.key}"
        return chain


def _from_fork(run: RunRecord) -> bool:
    pr = run.payload.get("pull_request")
    return isinstance(pr, dict) and bool(pr.get("head", {}).get("repo", {}).get("fork"))


class World(Struct):
    workflows: WorkflowSet
    repository: Repository
    token_default: str = "permissive"
    notes: list[str] = field(default_factory=list)
    _sites: dict[int, list[JobSite]] = field(default_factory=dict)

    def run(self, probe: Probe) -> SimulationResult | None:
        try:
            result = simulate(probe.scenario, probe.workflows or self.workflows, self.workflows)
        except GhasimError as exc:  # a workflow the engine refuses: said, not hidden
            self.notes.append(f"{probe.label}: not simulated: {exc}")
            return None
        return result

    def sites(self, probe: Probe, result: SimulationResult) -> list[JobSite]:
        """Every job that started in `result` (a skipped job is no site: its guard held);
        computed once per result, however many rules read it."""
        key = id(result)
        if key not in self._sites:
            self._sites[key] = list(self._find_sites(probe, result))
        return self._sites[key]

    def _find_sites(self, probe: Probe, result: SimulationResult) -> Iterator[JobSite]:
        for run in result.runs:
            for record in run.jobs:
                if record.started_at is None:
                    continue
                found = self.job_of(run, record, probe)
                if found is None:
                    continue
                workflow, job = found
                privilege = effective(run.workflow, self._privileged_job(run, record, job),
                                      run.event, _from_fork(run), self.token_default)  # fmt: skip
                yield JobSite(probe, result, run, record, workflow, job, privilege)

    def job_of(self, run: RunRecord, record: JobRecord, probe: Probe
               ) -> tuple[Workflow, Job] | None:  # fmt: skip
        """The workflow and job model of a job record (inside a reusable call: the called
        workflow's job)."""
        if record.caller is None:
            job = run.workflow.jobs.get(record.job_id)
            return (run.workflow, job) if job is not None else None
        caller = run.workflow.jobs.get(record.caller.split("/", 1)[0])
        path = local_call_path(caller) if caller is not None else None
        pool = probe.workflows or self.workflows
        called = pool.find(path) if path is not None else None  # an index, not a scan
        job = called.jobs.get(record.job_id) if called is not None else None
        return (called, job) if called is not None and job is not None else None

    @staticmethod
    def _privileged_job(run: RunRecord, record: JobRecord, job: Job) -> Job:
        """The job whose `permissions:` govern the token: a called workflow's job runs with
        at most its caller job's (§6.6), so the caller's are used when the called job has
        none."""
        if record.caller is None or job.permissions is not None:
            return job
        caller = run.workflow.jobs.get(record.caller.split("/", 1)[0])
        return caller if caller is not None else job
