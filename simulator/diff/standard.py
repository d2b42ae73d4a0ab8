"""The standard scenario set `ghasim diff` uses when no scenarios are given.

Pushes to the default branch touching the folders and files path filters name (one push per
concrete path a filter of either revision names, so a narrowed or widened filter shows), a
push to a feature branch, a pull request to the default branch, a tag push, each schedule,
each dispatch: the events whose outcome a trigger change can alter.
"""

from __future__ import annotations

from collections.abc import Callable

from simulator.core.diagnostics import Pos
from simulator.core.events import Dispatch, Event, PullRequest, Push, Schedule, WorkflowRunEvent
from simulator.core.patterns import example_path
from simulator.diff.witnesses import Witness, candidates, changed_pairs, starts_on, witnesses
from simulator.scenario.loader import DEFAULT_START
from simulator.scenario.model import Scenario, ScenarioEvent
from simulator.workflow.model import WorkflowSet

GENERATED = Pos("(generated)")
FEATURE = "feature/ghasim-probe"


def standard_scenarios(sets: list[WorkflowSet], default_branch: str) -> list[Scenario]:
    paths: set[str] = set()
    crons: dict[str, None] = {}
    dispatch: dict[str, dict[str, object]] = {}
    for ws in sets:
        for wf in ws.workflows:
            for event, trigger in wf.triggers.items():
                for key in ("paths", "paths-ignore"):
                    flt = trigger.filter(key)
                    for source in flt.sources if flt else ():
                        path = example_path(source)
                        if path:
                            paths.add(path)
                for entry in trigger.crons:
                    crons[entry.cron] = None
                if event == "workflow_dispatch":
                    inputs = dispatch.setdefault(wf.file_name, {})
                    for name, spec in trigger.inputs.items():
                        if spec.required and spec.default is None:
                            inputs.setdefault(name, spec.example_value())
    every_file = sorted(paths) or ["README.md"]
    events: list[tuple[str, Event]] = []
    for path in sorted(paths):
        events.append((f"push to {default_branch} touching {path}",
                       Push(branch=default_branch, files=(path,), message="ghasim probe")))  # fmt: skip
    events.append((f"push to {default_branch} touching README.md",
                   Push(branch=default_branch, files=("README.md",), message="docs")))  # fmt: skip
    events.append((f"push to {FEATURE}", Push(branch=FEATURE, files=tuple(every_file))))
    events.append((f"pull request {FEATURE} -> {default_branch}",
                   PullRequest(base=default_branch, head=FEATURE, files=tuple(every_file))))  # fmt: skip
    events.append(("push of tag v1.0.0", Push(tag="v1.0.0", files=tuple(every_file))))
    for cron in crons:
        events.append((f"schedule '{cron}'", Schedule(cron)))
    for file_name, inputs in dispatch.items():
        events.append((f"workflow_dispatch of {file_name}",
                       Dispatch(file_name, ref=default_branch, inputs=dict(inputs))))  # fmt: skip
    return [_probe(name, event, default_branch) for name, event in events]


def _probe(name: str, event: Event, default_branch: str) -> Scenario:
    return Scenario(
        name=name,
        path=None,
        workflows=None,
        default_branch=default_branch,
        start=DEFAULT_START,
        events=[ScenarioEvent(0.0, event, GENERATED, name)],
    )


def witness_scenarios(base: WorkflowSet, head: WorkflowSet, default_branch: str,
                      tracked: Callable[[], list[str]], known: set[str]) -> list[Scenario]:  # fmt: skip
    """A probe for each witness of a changed trigger (simulator.diff.witnesses) that the
    standard probes do not already hold. A workflow_run witness is probed through the event
    that starts its upstream (only a run can deliver one). `tracked` lists the repository's
    files, asked for only when some trigger changed."""
    out: list[Scenario] = []
    seen = set(known)
    if not changed_pairs(base, head):
        return out
    for w in witnesses(base, head, default_branch, tracked()):
        for name, event in _simulable(w, base, head, default_branch):
            if name not in seen:
                seen.add(name)
                out.append(_probe(name, event, default_branch))
    return out


def _simulable(w: Witness, base: WorkflowSet, head: WorkflowSet, default_branch: str
               ) -> list[tuple[str, Event]]:  # fmt: skip
    if not isinstance(w.event, WorkflowRunEvent):
        return [(w.label, w.event)]
    upstream = w.event.upstream
    for ws in (head, base):
        for wf in ws.workflows:
            if wf.name != upstream:
                continue
            for kind, label, event in candidates(wf, None, default_branch, [], []):
                if kind != "workflow_run" and starts_on(wf, event):
                    return [(f"{label} (starts {upstream}, for {w.workflow})", event)]
    return []


def is_post_merge(scenario: Scenario) -> bool:
    """True when every event happens on the default branch: the head revision is then the
    default branch, and its workflow_run listeners are in force (§5.4)."""
    for scheduled in scenario.events:
        event = scheduled.event
        if isinstance(event, PullRequest):
            return False
        if isinstance(event, Push) and event.branch != scenario.default_branch:
            return False
    return True
