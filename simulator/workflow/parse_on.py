"""Reads `on:` in all its forms (fact sheet §1.3) into EventTriggers, checking filters."""

from __future__ import annotations

from typing import Any

from simulator.core.diagnostics import Pos, did_you_mean
from simulator.core.patterns import PatternError, PatternList, compile_pattern, validate_list
from simulator.core.yaml_loader import YList, YMap
from simulator.workflow.collector import Collector, scalar_text
from simulator.workflow.event_catalogue import EVENTS, EXCLUSIVE_PAIRS, EventSpec
from simulator.workflow.model import CronEntry, EventTrigger, Filter, InputSpec

INPUT_TYPES = ("string", "boolean", "choice", "number", "environment")
CALL_INPUT_TYPES = ("string", "boolean", "number")


def parse_on(value: Any, pos: Pos, c: Collector) -> dict[str, EventTrigger]:
    triggers: dict[str, EventTrigger] = {}
    if isinstance(value, str):
        _add_bare(value, pos, triggers, c)
    elif isinstance(value, YList):
        for i, item in enumerate(value):
            if not isinstance(item, str):
                c.error(value.item_pos(i), "an event name must be a string")
                continue
            _add_bare(item, value.item_pos(i), triggers, c)
    elif isinstance(value, YMap):
        for event, body in value.items():
            event_pos = value.key_pos[event]
            spec = _spec(str(event), event_pos, c)
            if spec is None:
                continue
            triggers[spec.name] = _parse_event(spec, body, value, event_pos, c)
    else:
        c.error(pos, "'on' must be an event name, a list of event names or a mapping of events")
    if not triggers and not c.failed:
        c.error(pos, "'on' names no event")
    return triggers


def _spec(name: str, pos: Pos, c: Collector) -> EventSpec | None:
    spec = EVENTS.get(name)
    if spec is None:
        c.error(pos, f"unknown event '{name}'{did_you_mean(name, EVENTS)}")
    return spec


def _add_bare(name: str, pos: Pos, triggers: dict[str, EventTrigger], c: Collector) -> None:
    spec = _spec(name, pos, c)
    if spec is None:
        return
    if spec.name == "schedule":
        c.error(pos, "'schedule' needs a list of cron entries: schedule: [{cron: '...'}]")
        return
    if spec.name == "workflow_run":
        c.error(pos, "'workflow_run' needs 'workflows:' naming the upstream workflows")
        return
    triggers[spec.name] = EventTrigger(spec.name, pos)


def _parse_event(spec: EventSpec, body: Any, parent: YMap, pos: Pos, c: Collector) -> EventTrigger:
    trigger = EventTrigger(spec.name, pos)
    if spec.name == "schedule":
        trigger.crons = _parse_schedule(body, parent.value_pos(spec.name), c)
        return trigger
    if body is None:
        if spec.name == "workflow_run":
            c.error(pos, "'workflow_run' needs 'workflows:' naming the upstream workflows")
        return trigger
    if not isinstance(body, YMap):
        c.error(parent.value_pos(spec.name), f"'{spec.name}' must be a mapping (or empty)")
        return trigger
    allowed = (*spec.keys, *(("types",) if spec.has_types else ()))
    c.unknown_keys(body, allowed, f"'on.{spec.name}'")
    if "types" in body and spec.has_types:
        trigger.types = tuple(_types(spec, body, c))
        trigger.types_pos = body.value_pos("types")
    _parse_filters(spec, body, trigger, c)
    if spec.name == "workflow_run":
        if "workflows" not in body:
            c.error(pos, "'workflow_run' needs 'workflows:' naming the upstream workflows")
        else:
            names = c.strings(body, "workflows", "a workflow name")
            trigger.workflows = tuple(n for n, _ in names)
            trigger.workflows_pos = tuple(s.pos for _, s in names)
    if spec.name in ("workflow_dispatch", "workflow_call") and "inputs" in body:
        trigger.inputs = _parse_inputs(spec.name, body, c)
    if spec.name == "workflow_call" and isinstance(body.get("outputs"), YMap):
        trigger.outputs = _parse_outputs(body["outputs"], c)
    return trigger


FILTER_KEYS = ("branches", "branches-ignore", "tags", "tags-ignore", "paths", "paths-ignore",
               "names", "versions")  # fmt: skip


def _parse_filters(spec: EventSpec, body: YMap, trigger: EventTrigger, c: Collector) -> None:
    for key in body:
        if key in FILTER_KEYS and key in spec.keys:
            flt = _parse_filter(str(key), body, c)
            if flt is not None:
                trigger.filters[str(key)] = flt
    for a, b in EXCLUSIVE_PAIRS:  # §2.2
        if a in body and b in body:
            c.error(body.key_pos[b], f"'{a}' and '{b}' cannot both be used for the same event",
                    kind="filter")  # fmt: skip


def _parse_outputs(outputs: YMap, c: Collector) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in outputs.items():
        if isinstance(value, YMap) and "value" in value:
            out[str(name)] = value["value"]
        else:
            c.error(outputs.key_pos[name], f"output '{name}' needs a 'value'")
    return out


def _types(spec: EventSpec, body: YMap, c: Collector) -> list[str]:
    out = []
    for name, span in c.strings(body, "types", "an activity type"):
        if spec.types is not None and name not in spec.types:
            c.error(
                span.pos,
                f"unknown activity type '{name}' for '{spec.name}'"
                f"{did_you_mean(name, spec.types)}; valid: {', '.join(spec.types)}",
            )
            continue
        out.append(name)
    return out


def _parse_filter(key: str, body: YMap, c: Collector) -> Filter | None:
    items = c.strings(body, key, "a pattern")
    sources = [text for text, _ in items]
    ok = True
    for text, span in items:
        try:
            compile_pattern(text)
        except PatternError as exc:
            c.error(span.at(exc.column - 1, text), f"invalid pattern '{text}' in {key}: {exc}",
                    kind="pattern")  # fmt: skip
            ok = False
    try:
        if not key.endswith("-ignore"):
            validate_list(sources)  # §2.3
    except PatternError as exc:
        # GitHub accepts the file (vuejs/core uses `tags: ['!**']`): the list simply never
        # includes anything. A warning, not a load error.
        c.warn(body.value_pos(key), f"{key}: {exc}", kind="pattern")
    if not ok:
        return None
    return Filter(
        key,
        tuple(sources),
        PatternList.of(sources),
        body.value_pos(key),
        tuple(span.pos for _, span in items),
    )


def _parse_schedule(body: Any, pos: Pos, c: Collector) -> tuple[CronEntry, ...]:
    from simulator.core.cron import cron_problem

    if not isinstance(body, YList):
        c.error(pos, "'schedule' must be a list of entries like '- cron: \"0 3 * * *\"'")
        return ()
    out = []
    for i, entry in enumerate(body):
        if not isinstance(entry, YMap) or "cron" not in entry:
            c.error(body.item_pos(i), "a schedule entry needs 'cron'")
            continue
        c.unknown_keys(entry, ("cron", "timezone"), "a schedule entry")
        cron = scalar_text(entry["cron"])
        problem = cron_problem(cron)
        if problem:
            c.error(entry.value_pos("cron"), f"invalid cron '{cron}': {problem}")
            continue
        tz = entry.get("timezone")
        out.append(CronEntry(cron, str(tz) if tz is not None else None, entry.value_pos("cron")))
    return tuple(out)


def _parse_inputs(event: str, body: YMap, c: Collector) -> dict[str, InputSpec]:
    inputs = body["inputs"]
    if inputs is None:
        return {}
    if not isinstance(inputs, YMap):
        c.error(body.value_pos("inputs"), "'inputs' must be a mapping of input names")
        return {}
    valid_types = CALL_INPUT_TYPES if event == "workflow_call" else INPUT_TYPES
    out: dict[str, InputSpec] = {}
    for name, spec in inputs.items():
        if spec is None:
            spec = YMap()
        if not isinstance(spec, dict):
            c.error(inputs.value_pos(name), f"input '{name}' must be a mapping")
            continue
        kind = str(spec.get("type", "string"))
        if kind not in valid_types:
            where = spec.value_pos("type") if isinstance(spec, YMap) else inputs.key_pos[name]
            c.error(
                where, f"input '{name}': unknown type '{kind}'{did_you_mean(kind, valid_types)}"
            )
        options = spec.get("options") or ()
        out[str(name)] = InputSpec(
            str(name),
            kind,
            bool(spec.get("required", False)),
            spec.get("default"),
            tuple(str(o) for o in options) if isinstance(options, list) else (),
        )
    return out
