"""Probes derived from a change: for every workflow whose triggers differ between two
revisions, the events that tell the two apart (witnesses), on every event kind either
revision names.

A witness is found by deciding candidate events with the rules (pure, cheap) against both
revisions of the workflow, and keeping those where one starts it and the other does not; only
witnesses are then simulated. Candidates:
- refs: the default branch, a feature branch, and a name each branch or tag pattern of either
  revision matches (its `!` dropped, so an exclusion has a name too);
- paths: the repository's tracked files at both revisions, then a path each `paths` or
  `paths-ignore` pattern matches (synthesised from the glob), then README.md. A paths filter
  starts a run when some changed file passes it (§2.7, §4.3), so one file per event is enough:
  two revisions that agree on every single file agree on every set of files. Paths are
  grouped by how the two revisions' filters decide them; one path per group is tried with
  every ref and activity type, so the work is paths + refs × types × 4, not their product;
- activity types: every type either revision declares, the defaults, and the event's others;
- workflow_run: every upstream name either revision lists or any workflow is called, with
  each activity and ref; schedules: every cron; dispatches: each workflow's, with the inputs
  it requires; repository_dispatch: each declared type; every other event: each of its types.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from msgspec import Struct

from simulator.core.events import (
    Dispatch,
    Event,
    OtherEvent,
    PullRequest,
    Push,
    RepositoryDispatch,
    Schedule,
    WorkflowRunEvent,
)
from simulator.core.patterns import example_path
from simulator.rules.decide import decide
from simulator.rules.filters import check_paths
from simulator.settings import DEFAULT
from simulator.workflow.event_catalogue import (
    EVENTS,
    PULL_REQUEST_DEFAULT_TYPES,
    PULL_REQUEST_TYPES,
    WORKFLOW_RUN_TYPES,
)
from simulator.workflow.model import EventTrigger, Workflow, WorkflowSet

FEATURE = "feature/ghasim-probe"
TAG = "v1.0.0"
PER_DIRECTION = 2  # witnesses kept per workflow, event kind and direction (starts / stops)
PATH_EVENTS = ("push", "pull_request", "pull_request_target")


class Witness(Struct, frozen=True):
    """An event one revision of a workflow starts on and the other does not."""

    workflow: str  # the head revision's name (the base's when the file is gone)
    file: str  # repository-relative path
    kind: str  # the event kind (push, pull_request, merge_group, workflow_run ...)
    starts: bool  # True: the head starts it and the base does not
    label: str
    event: Event


def trigger_key(workflow: Workflow | None) -> tuple:
    """The triggers of a workflow without their positions: equal keys, equal decisions."""
    if workflow is None:
        return ()
    return tuple((event, _trigger_key(t)) for event, t in sorted(workflow.triggers.items()))


def _trigger_key(t: EventTrigger) -> tuple:
    return (t.types, tuple((k, f.sources) for k, f in sorted(t.filters.items())), t.workflows,
            tuple((c.cron, c.timezone) for c in t.crons),
            tuple((n, s.type, s.required, repr(s.default), s.options)
                  for n, s in sorted(t.inputs.items())))  # fmt: skip


def changed_pairs(base: WorkflowSet, head: WorkflowSet
                  ) -> list[tuple[str, Workflow | None, Workflow | None]]:  # fmt: skip
    """(file, base workflow, head workflow) for every file whose triggers differ (a broken or
    missing file has none), and for every workflow_run listener naming a workflow whose
    name changed (its upstream now answers to another name)."""
    old = {w.rel_path: w for w in base.workflows}
    new = {w.rel_path: w for w in head.workflows}
    renamed = {n for rel in old.keys() & new.keys() if old[rel].name != new[rel].name
               for n in (old[rel].name, new[rel].name)}  # fmt: skip
    renamed |= {w.name for w in old.values() if w.rel_path not in new}
    renamed |= {w.name for w in new.values() if w.rel_path not in old}
    out = []
    for rel in sorted(old.keys() | new.keys() | {b.rel_path for b in base.broken + head.broken}):
        a, b = old.get(rel), new.get(rel)
        listens = any(set(w.trigger("workflow_run").workflows) & renamed  # type: ignore[union-attr]
                      for w in (a, b) if w is not None and w.trigger("workflow_run"))  # fmt: skip
        if trigger_key(a) != trigger_key(b) or listens:
            out.append((rel, a, b))
    return out


def witnesses(base: WorkflowSet, head: WorkflowSet, default_branch: str,
              tracked: Iterable[str] = ()) -> list[Witness]:  # fmt: skip
    """Every changed workflow's witnesses, at most PER_DIRECTION per event kind and
    direction, in a stable order."""
    pairs = changed_pairs(base, head)
    if not pairs:
        return []
    names = sorted({w.name for w in base.workflows + head.workflows})
    files = list(dict.fromkeys(tracked))
    out: list[Witness] = []
    for rel, a, b in pairs:
        either = b or a
        shown = either.name if either is not None else rel
        kept: dict[tuple[str, bool], int] = {}
        for kind, label, event in candidates(a, b, default_branch, files, names):
            if kept.get((kind, True), 0) >= PER_DIRECTION <= kept.get((kind, False), 0):
                continue  # both directions of this kind already have their witnesses
            started = (starts_on(a, event), starts_on(b, event))
            if started[0] == started[1]:
                continue
            slot = (kind, started[1])
            if kept.get(slot, 0) >= PER_DIRECTION:
                continue
            kept[slot] = kept.get(slot, 0) + 1
            out.append(Witness(shown, rel, kind, started[1], label, event))
    return out


def starts_on(workflow: Workflow | None, event: Event) -> bool:
    """Whether this revision of a workflow (None: absent) starts on `event`."""
    if workflow is None:
        return False
    if isinstance(event, PullRequest) and event.name not in workflow.triggers:
        return False
    return bool(decide(workflow, event))


def candidates(a: Workflow | None, b: Workflow | None, default_branch: str, files: list[str],
               names: list[str]) -> Iterator[tuple[str, str, Event]]:  # fmt: skip
    """(event kind, label, event) for every event kind either revision of a workflow names."""
    sides = [w for w in (a, b) if w is not None]
    kinds = sorted({k for w in sides for k in w.triggers})
    branches = _refs(sides, ("branches", "branches-ignore"), [default_branch, FEATURE])
    for kind in kinds:
        triggers = [w.trigger(kind) if w is not None else None for w in (a, b)]
        if kind == "push":
            tags = _refs(sides, ("tags", "tags-ignore"), [TAG], kind="push")
            yield from _push(triggers, branches, tags, files)
        elif kind in ("pull_request", "pull_request_target"):
            yield from _pull_request(kind, triggers, branches, files)
        elif kind == "workflow_run":
            yield from _workflow_run(sides, branches, names)
        elif kind == "schedule":
            crons = sorted({c.cron for w in sides for c in w.trigger(kind).crons})  # type: ignore[union-attr]
            yield from ((kind, f"schedule '{c}'", Schedule(c)) for c in crons)
        elif kind == "workflow_dispatch":
            yield from _dispatch(sides, default_branch)
        elif kind == "repository_dispatch":
            types = sorted({t for w in sides for t in (w.trigger(kind).types or ())})  # type: ignore[union-attr]
            for t in types or ["ghasim-probe"]:
                yield kind, f"repository_dispatch '{t}'", RepositoryDispatch(t)
        elif kind in EVENTS and kind != "workflow_call":
            yield from _other(kind, sides, branches)


# Names of each shape a glob tells apart: `*` stops at `/`, `**` does not (§3.2).
SHAPES = ("probe", "probe/probe", "probe/probe/probe")


def _around(example: str) -> list[str]:
    """A name a pattern matches, and the same one level deeper and shallower: where `*` and
    `**` part ways."""
    return [example, f"{example}/probe", f"probe/{example}"]


def _refs(sides: list[Workflow], keys: tuple[str, ...], known: list[str],
          kind: str | None = None) -> list[str]:  # fmt: skip
    """Known names, names of every shape, and around a name each pattern of these filters
    matches (an exclusion's too)."""
    out = [*known, *SHAPES]
    for w in sides:
        for event, trigger in sorted(w.triggers.items()):
            if kind is not None and event != kind:
                continue
            for key in keys:
                flt = trigger.filter(key)
                for source in flt.sources if flt else ():
                    name = example_path(source.removeprefix("!"))
                    if name:
                        out += _around(name)
    return list(dict.fromkeys(out))


def candidate_paths(triggers: list[EventTrigger | None], files: list[str]) -> list[str]:
    """Tracked files first, then paths synthesised from the patterns (around a path each
    matches), then paths of every shape and README.md."""
    synthesised = []
    for t in triggers:
        for key in ("paths", "paths-ignore"):
            flt = t.filter(key) if t is not None else None
            for source in flt.sources if flt else ():
                path = example_path(source.removeprefix("!"))
                if path:
                    synthesised += _around(path)
    return list(dict.fromkeys([*files, *synthesised, *SHAPES, "README.md"]))


def _path_groups(triggers: list[EventTrigger | None], files: list[str]) -> list[str]:
    """One path for each way the two revisions' path filters decide paths."""
    groups: dict[tuple[bool, ...], str] = {}
    for path in candidate_paths(triggers, files):
        signature = tuple(_passes(t, path) for t in triggers)
        groups.setdefault(signature, path)
    return list(groups.values())


def _passes(trigger: EventTrigger | None, path: str) -> bool:
    if trigger is None:
        return False
    decision = check_paths(trigger, (path,), DEFAULT)
    return decision is None or bool(decision)


def _push(triggers: list[EventTrigger | None], branches: list[str], tags: list[str],
          files: list[str]) -> Iterator[tuple[str, str, Event]]:  # fmt: skip
    paths = _path_groups(triggers, files)
    for branch in branches:
        for path in paths:
            yield "push", f"push to {branch} touching {path}", Push(
                branch=branch, files=(path,), message="ghasim probe")  # fmt: skip
    for tag in tags:
        yield "push", f"push of tag {tag}", Push(tag=tag, files=(paths[0],))


def _pull_request(kind: str, triggers: list[EventTrigger | None], branches: list[str],
                  files: list[str]) -> Iterator[tuple[str, str, Event]]:  # fmt: skip
    paths = _path_groups(triggers, files)
    declared = [a for t in triggers if t is not None for a in (t.types or ())]
    # a type neither revision declares nor defaults to is decided alike: one stands for all
    others = [a for a in ("closed", *PULL_REQUEST_TYPES)
              if a not in declared and a not in PULL_REQUEST_DEFAULT_TYPES][:1]  # fmt: skip
    actions = list(dict.fromkeys([*PULL_REQUEST_DEFAULT_TYPES, *declared, *others]))
    target = kind == "pull_request_target"
    for action in actions:
        for base in branches:
            if base == FEATURE:
                continue
            for path in paths:
                shown = "" if action == "opened" else f" ({action})"
                yield kind, f"{kind.replace('_', ' ')} {base} ← {FEATURE}{shown} touching {path}", (
                    PullRequest(action=action, base=base, head=FEATURE, files=(path,),
                                target=target))  # fmt: skip


def _workflow_run(sides: list[Workflow], branches: list[str], names: list[str]
                  ) -> Iterator[tuple[str, str, Event]]:  # fmt: skip
    listed = [n for w in sides for n in w.trigger("workflow_run").workflows]  # type: ignore[union-attr]
    for upstream in dict.fromkeys([*listed, *names]):
        for activity in WORKFLOW_RUN_TYPES:
            for branch in branches:
                yield "workflow_run", (f"workflow_run {activity} of '{upstream}' on {branch}"), (
                    WorkflowRunEvent(upstream, activity, branch,
                                     conclusion="success" if activity == "completed" else None))  # fmt: skip


def _dispatch(sides: list[Workflow], default_branch: str) -> Iterator[tuple[str, str, Event]]:
    for w in sides:
        trigger = w.trigger("workflow_dispatch")
        inputs = {n: s.example_value() for n, s in trigger.inputs.items()  # type: ignore[union-attr]
                  if s.required and s.default is None}  # fmt: skip
        yield "workflow_dispatch", f"workflow_dispatch of {w.file_name}", Dispatch(
            w.file_name, ref=default_branch, inputs=inputs)  # fmt: skip


def _other(kind: str, sides: list[Workflow], branches: list[str]
           ) -> Iterator[tuple[str, str, Event]]:  # fmt: skip
    spec = EVENTS[kind]
    declared = [a for w in sides for a in (w.trigger(kind).types or ())]  # type: ignore[union-attr]
    actions: list[str | None] = list(dict.fromkeys([*declared, *(spec.types or ())])) or [None]
    for action in actions:
        what = f"{kind} {action}" if action else kind
        if kind == "merge_group":
            for base in branches:
                if base != FEATURE:
                    yield kind, f"merge group into {base}", OtherEvent(
                        kind, action, ref=f"gh-readonly-queue/{base}/pr-1-probe", base=base)  # fmt: skip
            continue
        yield kind, what, OtherEvent(kind, action)
