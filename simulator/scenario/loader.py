"""Reads a scenario file (docs/scenarios.md) into a Scenario; every error is positioned.

Values go through simulator.core.fields (types, NaN, infinities, bounds: core/limits.py) and
events through simulator.scenario.events, the same parser the command line uses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from simulator.core.diagnostics import GhasimError, Pos, did_you_mean
from simulator.core.events import Event, Repository
from simulator.core.fields import Fields
from simulator.core.limits import MAX_COUNT, MAX_EVENTS, MAX_ITERATIONS, MAX_MAX_RUNS, MAX_SEED
from simulator.core.timeparse import TimeFormatError, parse_duration
from simulator.core.yaml_loader import (
    YamlError,
    YList,
    YMap,
    load_yaml,
    load_yaml_mapping,
    read_text,
    yaml_mapping,
)
from simulator.scenario.events import SCENARIO_KINDS, EventContext, parse_event
from simulator.scenario.model import (
    DEFAULT_START,
    JobKey,
    Outcome,
    PerJob,
    Scenario,
    ScenarioEvent,
    Timing,
    WorkflowTable,
)
from simulator.settings import DEFAULT
from simulator.workflow.cache import active as active_cache

T = TypeVar("T")

TOP_KEYS = ("name", "description", "workflows", "default_branch_workflows", "default_branch", "repository", "visibility",
            "fork", "effects", "start", "until", "seed",
            "iterations", "max_runs", "defaults", "durations", "outcomes", "outputs", "vars",
            "secrets", "runners", "max_parallel_jobs", "schedules", "settings", "events",
            "expect", "labels")  # fmt: skip
EVENT_KINDS = SCENARIO_KINDS
CONCLUSIONS = ("success", "failure", "cancelled")


class ScenarioError(GhasimError):
    pass


def load_scenario(path: str | Path) -> Scenario:
    try:
        cache = active_cache()
        if cache is None:
            doc = load_yaml_mapping(path, "scenario file")
        else:  # the parsed document of an unchanged file comes from the parse cache
            text = read_text(path, "scenario file")
            doc = cache.document(text, str(path), lambda: yaml_mapping(text, str(path),
                                                                      "scenario file"))  # fmt: skip
    except GhasimError as exc:
        raise ScenarioError(exc.message, exc.pos) from None
    return _Reader(str(path), Path(path).parent).read(doc)


def parse_scenario(text: str, display: str, base_dir: Path | None = None) -> Scenario:
    try:
        doc = load_yaml(text, display)
    except YamlError as exc:
        raise ScenarioError(exc.message, exc.pos) from None
    if not isinstance(doc, YMap):
        raise ScenarioError("a scenario file must be a YAML mapping", Pos(display, 1, 1))
    return _Reader(display, base_dir or Path(".")).read(doc)


class _Reader:
    def __init__(self, file: str, base_dir: Path):
        self.file = file
        self.base = base_dir

    def read(self, doc: YMap) -> Scenario:
        f = Fields(doc, "the scenario", ScenarioError)
        f.check_keys(TOP_KEYS)
        sc = Scenario(name=f.string("name") or Path(self.file).stem, path=Path(self.file),
                      workflows=None, raw=doc)  # fmt: skip
        f.string("description")
        if f.raw("workflows") is not None:
            sc.workflows = self.base / f.text("workflows", "")
        if f.raw("default_branch_workflows") is not None:
            sc.default_branch_workflows = self.base / f.text("default_branch_workflows", "")
        sc.default_branch = f.text("default_branch", "main") or "main"
        sc.repository = repository(f, sc.default_branch)
        sc.start = f.instant("start") if f.raw("start") is not None else DEFAULT_START
        if f.raw("until") is not None:
            sc.until = f.at("until", sc.start)
            if sc.until <= 0:
                f.fail("until", "'until' must come after 'start' (an offset above 0s)")
        sc.seed = f.integer("seed", 0, 0, MAX_SEED)
        sc.iterations = f.integer("iterations", 1, 1, MAX_ITERATIONS)
        sc.max_runs = f.integer("max_runs", sc.max_runs, 1, MAX_MAX_RUNS)
        defaults = f.sub("defaults")
        defaults.check_keys(("duration",))
        if defaults.has("duration"):
            sc.default_duration = self.timing(defaults, "duration")
        sc.durations = self.per_job(f, "durations", self.timing)
        sc.outcomes = self.per_job(f, "outcomes", self.outcome)
        sc.outputs = self.per_job(f, "outputs", self.outputs_value)
        effect_ctx = EventContext(sc.default_branch, default_token="github_token")
        sc.effects = self.per_job(f, "effects", lambda jobs, key: self.effects(jobs, key,
                                                                              effect_ctx))  # fmt: skip
        labels = f.sub("labels")
        sc.labels = {str(k): labels.text(str(k), "") for k in labels.map}
        sc.label_positions = {str(k): labels.map.key_pos[k] for k in labels.map}
        sc.vars = dict(f.mapping("vars"))
        sc.secrets = dict(f.mapping("secrets"))
        runners = f.sub("runners")
        sc.runners = {str(label): runners.integer(str(label), 1, 1, MAX_COUNT)
                      for label in runners.map}  # fmt: skip
        if f.raw("max_parallel_jobs") is not None:
            sc.max_parallel_jobs = f.integer("max_parallel_jobs", 1, 1, MAX_COUNT)
        sc.schedules = f.boolean("schedules", False)
        if sc.schedules and sc.until is None:
            f.fail("schedules", "'schedules: true' needs 'until' to bound the clock")
        if f.raw("settings") is not None:
            sc.settings = DEFAULT.with_overrides(f.sub("settings", "'settings'"))
        sc.events = self.events(f, sc)
        sc.expect = doc.get("expect")
        return sc

    # ---------------------------------------------------------------------- values

    def timing(self, f: Fields, key: str) -> Timing:
        value = f.raw(key)
        if isinstance(value, str) and ".." in value:
            try:
                low, high = (parse_duration(v) for v in value.split("..", 1))
            except TimeFormatError as exc:
                f.fail(key, f"bad duration for '{key}': {exc}")
            if high < low:
                f.fail(key, f"bad duration for '{key}': '{value}': the upper bound is below "
                       "the lower one")  # fmt: skip
            return Timing(low, high)
        return Timing(f.duration(key))

    def outcome(self, f: Fields, key: str) -> Outcome:
        value = f.raw(key)
        if isinstance(value, YMap):
            chances_map = Fields(value, f"the outcome chances of '{key}'", ScenarioError)
            chances = []
            for conclusion in value:
                if conclusion not in CONCLUSIONS or conclusion == "success":
                    raise ScenarioError(f"outcome chances are given for failure or cancelled, "
                                        f"not '{conclusion}'", value.key_pos[conclusion])  # fmt: skip
                chances.append((str(conclusion), chances_map.number(str(conclusion), 0, 0, 1)))
            if sum(c for _, c in chances) > 1:
                f.fail(key, "the chances add up to more than 1")
            return Outcome(None, tuple(chances))
        if value not in CONCLUSIONS:
            hint = did_you_mean(str(value), CONCLUSIONS)
            f.fail(key, f"unknown outcome '{value}' for '{key}'{hint}; use "
                   f"{', '.join(CONCLUSIONS)}")  # fmt: skip
        return Outcome(str(value))

    def outputs_value(self, f: Fields, key: str) -> dict[str, Any]:
        value = f.raw(key)
        if not isinstance(value, dict):
            f.fail(key, f"outputs of '{key}' must be a mapping name: value")
        return {str(k): v for k, v in value.items()}

    def effects(self, f: Fields, key: str, ctx: EventContext) -> tuple[Event, ...]:
        """What a job does when it succeeds: events like those of `events:` (no `at`), made
        with GITHUB_TOKEN unless their `token` says otherwise (§7.1)."""
        items = f.raw(key)
        if not isinstance(items, YList):
            f.fail(key, f"the effects of '{key}' are a list of events like "
                   "[{push: {tag: v1.2.0}}]")  # fmt: skip
        out = []
        for i, entry in enumerate(items):
            pos = items.item_pos(i)
            if (
                not isinstance(entry, YMap)
                or len(entry) != 1
                or next(iter(entry)) not in EVENT_KINDS
            ):
                raise ScenarioError(f"an effect is one event like {{push: {{tag: v1.2.0}}}}, "
                                    f"one of {', '.join(EVENT_KINDS)}", pos)  # fmt: skip
            kind = str(next(iter(entry)))
            body = Fields(entry, "an effect", ScenarioError).sub(kind, f"'{kind}'")
            out.append(parse_event(kind, body, ctx))
        return tuple(out)

    def per_job(self, f: Fields, key: str, convert: Callable[[Fields, str], T]) -> PerJob[T]:
        section = f.sub(key)
        out: PerJob[T] = PerJob()
        for wf_key, value in section.map.items():
            name = str(wf_key)
            table: WorkflowTable[T] = WorkflowTable(name, section.map.key_pos[wf_key])
            nested = isinstance(value, YMap) and not (key == "outcomes" and _is_chance_map(value))
            if not nested:
                if key in ("outputs", "effects"):
                    section.fail(name, f"{key} are given per job: workflow -> job -> ...")
                table.default = convert(section, name)
            else:
                jobs = Fields(value, f"'{key}' of '{name}'", ScenarioError)
                for job_key in value:
                    job = str(job_key)
                    if job == "*":
                        table.default = convert(jobs, job)
                    else:
                        table.jobs.append((JobKey.parse(job, value.key_pos[job_key]),
                                           convert(jobs, job)))  # fmt: skip
            out.tables.append(table)
        return out

    # ---------------------------------------------------------------------- events

    def events(self, f: Fields, sc: Scenario) -> list[ScenarioEvent]:
        items = f.items("events")
        if len(items) > MAX_EVENTS:
            f.fail("events", f"{len(items):,} events; a scenario holds at most {MAX_EVENTS:,}")
        ctx = EventContext(sc.default_branch)
        out = [self.event(entry, items.item_pos(i), sc, ctx) for i, entry in enumerate(items)]
        return sorted(out, key=lambda e: e.at)  # stable: same time keeps file order

    def event(self, entry: Any, pos: Pos, sc: Scenario, ctx: EventContext) -> ScenarioEvent:
        if not isinstance(entry, YMap):
            raise ScenarioError("an event is a mapping like {at: 0s, push: {branch: main}}", pos)
        f = Fields(entry, "an event", ScenarioError)
        f.check_keys(("at", "name", *EVENT_KINDS))
        kinds = [k for k in entry if k in EVENT_KINDS]
        if len(kinds) != 1:
            raise ScenarioError(f"an event needs exactly one of {', '.join(EVENT_KINDS)}", pos)
        kind = kinds[0]
        at = f.at("at", sc.start) if f.has("at") else 0.0
        body = f.sub(kind, f"'{kind}'")
        event = parse_event(kind, body, ctx)
        return ScenarioEvent(at, event, entry.key_pos[kind], f.string("name"))


REPOSITORY = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


def repository(f: Fields, default_branch: str) -> Repository:
    """`repository: owner/name`, `visibility`, `fork`; without `repository`, the identity is
    assumed (`example/repo`) until the workflows' git remote names it."""
    name = f.string("repository")
    if name is not None and not REPOSITORY.match(name):
        f.fail("repository", f"'repository' is '{name}': write owner/name")
    return Repository(
        full_name=name or "example/repo",
        default_branch=default_branch,
        visibility=f.choice("visibility", "public", ("public", "private", "internal")),
        fork=f.boolean("fork", False),
        assumed=name is None,
    )


def _is_chance_map(value: YMap) -> bool:
    """`{failure: 0.2}` is an outcome with chances, not a job table."""
    return (
        bool(value)
        and all(k in CONCLUSIONS for k in value)
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value.values())
    )


__all__ = ["DEFAULT_START", "ScenarioError", "load_scenario", "parse_scenario", "YList"]
