"""Reads a scenario file (docs/scenarios.md) into a Scenario; every error is positioned."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from simulator.core.diagnostics import GhasimError, Pos, did_you_mean
from simulator.core.events import (
    TOKENS,
    Dispatch,
    Event,
    OtherEvent,
    PullRequest,
    Push,
    RepositoryDispatch,
    Schedule,
)
from simulator.core.timeparse import TimeFormatError, parse_at, parse_duration, parse_instant
from simulator.core.yaml_loader import YamlError, YList, YMap, load_yaml, load_yaml_mapping
from simulator.scenario.model import Outcome, PerJob, Scenario, ScenarioEvent, Timing
from simulator.workflow.event_catalogue import EVENTS, PULL_REQUEST_TYPES

TOP_KEYS = ("name", "description", "workflows", "default_branch", "start", "until", "seed",
            "iterations", "defaults", "durations", "outcomes", "outputs", "vars", "secrets",
            "runners", "max_parallel_jobs", "schedules", "settings", "events", "expect",
            "labels")  # fmt: skip
EVENT_KINDS = ("push", "pull_request", "pull_request_target", "workflow_dispatch",
               "repository_dispatch", "schedule", "event")  # fmt: skip
CONCLUSIONS = ("success", "failure", "cancelled")
DEFAULT_START = datetime(2026, 1, 1, tzinfo=UTC)


class ScenarioError(GhasimError):
    pass


def load_scenario(path: str | Path) -> Scenario:
    try:
        doc = load_yaml_mapping(path, "scenario file")
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

    def fail(self, pos: Pos, message: str) -> ScenarioError:
        return ScenarioError(message, pos)

    def keys(self, m: YMap, allowed: tuple[str, ...], where: str) -> None:
        for key in m:
            if key not in allowed:
                raise self.fail(
                    m.key_pos[key],
                    f"unknown key '{key}' in {where}{did_you_mean(str(key), allowed)}",
                )

    def mapping(self, parent: YMap, key: str) -> YMap:
        value = parent.get(key)
        if value is None:
            empty = YMap()
            empty.pos, empty.key_pos, empty.spans = parent.value_pos(key), {}, {}
            return empty
        if not isinstance(value, YMap):
            raise self.fail(parent.value_pos(key), f"'{key}' must be a mapping")
        return value

    def read(self, doc: YMap) -> Scenario:
        self.keys(doc, TOP_KEYS, "the scenario")
        sc = Scenario(name=str(doc.get("name") or Path(self.file).stem), path=Path(self.file),
                      workflows=None, raw=doc)  # fmt: skip
        if doc.get("workflows") is not None:
            sc.workflows = self.base / str(doc["workflows"])
        sc.default_branch = str(doc.get("default_branch") or "main")
        sc.start = DEFAULT_START
        if doc.get("start") is not None:
            try:
                sc.start = parse_instant(doc["start"])
            except TimeFormatError as exc:
                raise self.fail(doc.value_pos("start"), str(exc)) from None
        if doc.get("until") is not None:
            sc.until = self.at(doc, "until", sc.start)
        sc.seed = self.integer(doc, "seed", 0)
        sc.iterations = self.integer(doc, "iterations", 1, minimum=1)
        defaults = self.mapping(doc, "defaults")
        self.keys(defaults, ("duration",), "'defaults'")
        if "duration" in defaults:
            sc.default_duration = self.timing(defaults, "duration")
        sc.durations = self.per_job(doc, "durations", self.timing)
        sc.outcomes = self.per_job(doc, "outcomes", self.outcome)
        sc.outputs = self.per_job(doc, "outputs", self.outputs_value)
        labels = self.mapping(doc, "labels")
        sc.labels = {str(k): str(v) for k, v in labels.items()}
        sc.label_positions = {str(k): labels.key_pos[k] for k in labels}
        sc.vars = dict(self.mapping(doc, "vars"))
        sc.secrets = dict(self.mapping(doc, "secrets"))
        runners = self.mapping(doc, "runners")
        for label in runners:
            sc.runners[str(label)] = self.integer(runners, label, 1, minimum=1)
        if doc.get("max_parallel_jobs") is not None:
            sc.max_parallel_jobs = self.integer(doc, "max_parallel_jobs", 1, minimum=1)
        if "schedules" in doc:
            if not isinstance(doc["schedules"], bool):
                raise self.fail(doc.value_pos("schedules"), "'schedules' must be true or false")
            sc.schedules = doc["schedules"]
            if sc.schedules and sc.until is None:
                raise self.fail(doc.value_pos("schedules"),
                                "'schedules: true' needs 'until' to bound the clock")  # fmt: skip
        if doc.get("settings") is not None:
            sc.settings = sc.settings.with_overrides(
                self.mapping(doc, "settings"), doc.value_pos("settings")
            )
        events = doc.get("events")
        if events is not None and not isinstance(events, YList):
            raise self.fail(doc.value_pos("events"), "'events' must be a list")
        for i, entry in enumerate(events or []):
            sc.events.append(self.event(entry, events.item_pos(i), sc))
        sc.events.sort(key=lambda e: e.at)  # stable: same time keeps file order
        sc.expect = doc.get("expect")
        return sc

    # ---------------------------------------------------------------------- values

    def at(self, m: YMap, key: str, start: datetime) -> float:
        try:
            return parse_at(m[key], start)
        except TimeFormatError as exc:
            raise self.fail(m.value_pos(key), str(exc)) from None

    def integer(self, m: YMap, key: Any, default: int, minimum: int = 0) -> int:
        value = m.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.fail(m.value_pos(key), f"'{key}' must be an integer >= {minimum}")
        return value

    def timing(self, m: YMap, key: Any) -> Timing:
        value = m[key]
        try:
            if isinstance(value, str) and ".." in value:
                low, high = (parse_duration(v) for v in value.split("..", 1))
                if high < low:
                    raise TimeFormatError(f"'{value}': the upper bound is below the lower one")
                return Timing(low, high)
            return Timing(parse_duration(value))
        except TimeFormatError as exc:
            raise self.fail(m.value_pos(key), f"bad duration for '{key}': {exc}") from None

    def outcome(self, m: YMap, key: Any) -> Outcome:
        value = m[key]
        if isinstance(value, YMap):
            chances = []
            for conclusion, chance in value.items():
                if conclusion not in CONCLUSIONS or conclusion == "success":
                    raise self.fail(value.key_pos[conclusion],
                                    f"outcome chances are given for failure or cancelled, "
                                    f"not '{conclusion}'")  # fmt: skip
                if (
                    isinstance(chance, bool)
                    or not isinstance(chance, (int, float))
                    or not (0 <= chance <= 1)
                ):
                    raise self.fail(value.value_pos(conclusion), "a chance is between 0 and 1")
                chances.append((str(conclusion), float(chance)))
            if sum(c for _, c in chances) > 1:
                raise self.fail(m.value_pos(key), "the chances add up to more than 1")
            return Outcome(None, tuple(chances))
        if value not in CONCLUSIONS:
            hint = did_you_mean(str(value), CONCLUSIONS)
            raise self.fail(m.value_pos(key), f"unknown outcome '{value}' for '{key}'{hint}; "
                            f"use {', '.join(CONCLUSIONS)}")  # fmt: skip
        return Outcome(str(value))

    def outputs_value(self, m: YMap, key: Any) -> dict[str, Any]:
        value = m[key]
        if not isinstance(value, dict):
            raise self.fail(m.value_pos(key), f"outputs of '{key}' must be a mapping name: value")
        return {str(k): v for k, v in value.items()}

    def per_job(self, doc: YMap, key: str, convert) -> PerJob:
        table = self.mapping(doc, key)
        out = PerJob()
        for wf_key, value in table.items():
            wf = str(wf_key)
            out.positions[(wf, None)] = table.key_pos[wf_key]
            nested = isinstance(value, YMap) and not (key == "outcomes" and _is_chance_map(value))
            if not nested:
                if key == "outputs":
                    raise self.fail(table.value_pos(wf_key),
                                    "outputs are given per job: workflow -> job -> name: value")  # fmt: skip
                out.workflow_default[wf] = convert(table, wf_key)
                continue
            jobs: dict[str, Any] = {}
            for job_key in value:
                job = str(job_key)
                out.positions[(wf, job)] = value.key_pos[job_key]
                if job == "*":
                    out.workflow_default[wf] = convert(value, job_key)
                else:
                    jobs[job] = convert(value, job_key)
            out.entries[wf] = jobs
        return out

    # ---------------------------------------------------------------------- events

    def event(self, entry: Any, pos: Pos, sc: Scenario) -> ScenarioEvent:
        if not isinstance(entry, YMap):
            raise self.fail(pos, "an event is a mapping like {at: 0s, push: {branch: main}}")
        self.keys(entry, ("at", "name", *EVENT_KINDS), "an event")
        kinds = [k for k in entry if k in EVENT_KINDS]
        if len(kinds) != 1:
            raise self.fail(pos, f"an event needs exactly one of {', '.join(EVENT_KINDS)}")
        kind = kinds[0]
        at = self.at(entry, "at", sc.start) if "at" in entry else 0.0
        body = self.mapping(entry, kind)
        event = self.build(kind, body, sc)
        label = str(entry["name"]) if entry.get("name") is not None else None
        return ScenarioEvent(at, event, entry.key_pos[kind], label)

    def text(self, m: YMap, key: str, default: str | None = None) -> str | None:
        value = m.get(key, default)
        return None if value is None else str(value)

    def token(self, m: YMap) -> str:
        token = str(m.get("token", "pat"))
        if token not in TOKENS:
            raise self.fail(
                m.value_pos("token"), f"unknown token '{token}': use {', '.join(TOKENS)}"
            )
        return token

    def files(self, m: YMap) -> tuple[str, ...]:
        value = m.get("files", [])
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list) or not all(isinstance(f, str) for f in value):
            raise self.fail(m.value_pos("files"), "'files' must be a list of paths")
        return tuple(value)

    def build(self, kind: str, m: YMap, sc: Scenario) -> Event:
        if kind == "push":
            self.keys(m, ("branch", "tag", "files", "message", "token", "commits", "deleted", "sha"),
                      "'push'")  # fmt: skip
            if "branch" in m and "tag" in m:
                raise self.fail(m.pos, "a push has a 'branch' or a 'tag', not both")
            commits = self.integer(m, "commits", 1, minimum=1) if "commits" in m else 1
            if "tag" in m:
                return Push(tag=str(m["tag"]), files=self.files(m), message=self.text(m, "message", ""),
                            token=self.token(m), commits=commits, sha=self.text(m, "sha", ""))  # fmt: skip
            return Push(branch=self.text(m, "branch", sc.default_branch), files=self.files(m),
                        message=self.text(m, "message", ""), token=self.token(m), commits=commits,
                        deleted=bool(m.get("deleted", False)), sha=self.text(m, "sha", ""))  # fmt: skip
        if kind in ("pull_request", "pull_request_target"):
            self.keys(m, ("action", "base", "head", "files", "message", "token", "merge_conflict",
                          "number", "merged", "sha"), f"'{kind}'")  # fmt: skip
            action = str(m.get("action", "opened"))
            if action not in PULL_REQUEST_TYPES:
                raise self.fail(m.value_pos("action"), f"unknown pull request action '{action}'"
                                f"{did_you_mean(action, PULL_REQUEST_TYPES)}")  # fmt: skip
            return PullRequest(
                action=action, base=self.text(m, "base", sc.default_branch),
                head=self.text(m, "head", "feature"), files=self.files(m),
                message=self.text(m, "message", ""), token=self.token(m),
                merge_conflict=bool(m.get("merge_conflict", False)),
                number=self.integer(m, "number", 1, minimum=1) if "number" in m else 1,
                target=kind == "pull_request_target", merged=bool(m.get("merged", False)),
                sha=self.text(m, "sha", ""),
            )  # fmt: skip
        if kind == "workflow_dispatch":
            self.keys(m, ("workflow", "ref", "inputs", "token"), "'workflow_dispatch'")
            if "workflow" not in m:
                raise self.fail(m.pos, "'workflow_dispatch' needs 'workflow' (its name or file)")
            return Dispatch(str(m["workflow"]), ref=self.text(m, "ref", sc.default_branch),
                            inputs=dict(self.mapping(m, "inputs")), token=self.token(m))  # fmt: skip
        if kind == "repository_dispatch":
            self.keys(m, ("type", "payload"), "'repository_dispatch'")
            if "type" not in m:
                raise self.fail(m.pos, "'repository_dispatch' needs 'type' (the event_type)")
            return RepositoryDispatch(str(m["type"]), dict(self.mapping(m, "payload")))
        if kind == "schedule":
            self.keys(m, ("cron",), "'schedule'")
            return Schedule(self.text(m, "cron"))
        self.keys(m, ("name", "action", "token", "payload"), "'event'")
        name = str(m.get("name", ""))
        if name not in EVENTS:
            raise self.fail(m.value_pos("name") if "name" in m else m.pos,
                            f"unknown event '{name}'{did_you_mean(name, EVENTS)}")  # fmt: skip
        return OtherEvent(
            name, self.text(m, "action"), self.token(m), dict(self.mapping(m, "payload"))
        )


def _is_chance_map(value: YMap) -> bool:
    """`{failure: 0.2}` is an outcome with chances, not a job table."""
    return (
        bool(value)
        and all(k in CONCLUSIONS for k in value)
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value.values())
    )
