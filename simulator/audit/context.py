"""What every audit rule reads: the simulated probes, their job sites, and a way to make a
positioned finding with its path."""

from __future__ import annotations

from collections.abc import Iterator

from msgspec import Struct, field

from simulator.audit.probes import ATTACKER, Probe
from simulator.audit.world import JobSite, World
from simulator.core.diagnostics import Diagnostic, Pos, Severity
from simulator.core.events import Event, OtherEvent, PullRequest
from simulator.engine.records import RunRecord, SimulationResult


class AuditContext(Struct):
    world: World
    results: list[tuple[Probe, SimulationResult]] = field(default_factory=list)
    cache: tuple[Probe, SimulationResult] | None = None

    def untrusted_sites(self) -> Iterator[JobSite]:
        for probe, result in self.results:
            yield from self.world.sites(probe, result)


def finding(rule: str, fact: str, severity: Severity, pos: Pos, message: str,
            site: JobSite | None = None) -> Diagnostic:  # fmt: skip
    path = tuple(site.path()) if site is not None else ()
    shown = f"{' → '.join(path)}: {message}" if path else message
    return Diagnostic(pos, shown, severity, rule, fact, path)


def untrusted_event(event: Event) -> bool:
    """An event an outsider caused: a fork's pull request, a non-member's comment or issue."""
    if isinstance(event, PullRequest):
        return event.fork
    if isinstance(event, OtherEvent):
        return event.payload.get("sender", {}).get("login") == ATTACKER
    return False


def root_event(run: RunRecord, result: SimulationResult, probe: Probe) -> Event | None:
    """The scenario event at the top of `run`'s chain."""
    top: RunRecord | None = run
    seen: set[int] = set()
    while top is not None and top.caused_by is not None and top.id not in seen:
        seen.add(top.id)
        top = result.run(top.caused_by)
    if top is None or top.scenario_event is None:
        return None
    return probe.scenario.events[top.scenario_event].event


def applies(value: str, run: RunRecord) -> bool:
    """Does the payload of `run` hold the attacker-controlled `value` at all (a pull request's
    title exists in a pull request's run, not in a comment's)?"""
    if value == "github.head_ref":
        return run.event.startswith("pull_request")
    parts = value.split(".")
    return len(parts) > 2 and parts[2].split("[", 1)[0] in run.payload
