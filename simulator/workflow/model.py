"""The typed model of a workflow file, with the source positions diagnostics point at."""

from __future__ import annotations

import os
from functools import cached_property
from typing import Any

from msgspec import Struct, field

from simulator.core.diagnostics import Diagnostic, Pos
from simulator.core.patterns import PatternList
from simulator.core.yaml_loader import ScalarSpan


class Filter(Struct, frozen=True):
    """One filter list under an event: `branches`, `paths-ignore`, ..."""

    key: str
    sources: tuple[str, ...]
    patterns: PatternList
    pos: Pos
    item_pos: tuple[Pos, ...] = ()  # each pattern's own position, in `sources` order

    def position_of(self, index: int) -> Pos:
        return self.item_pos[index] if index < len(self.item_pos) else self.pos

    @property
    def is_ignore(self) -> bool:
        return self.key.endswith("-ignore")

    def describe(self) -> str:
        return f"{self.key} [{', '.join(self.sources)}]"


class InputSpec(Struct, frozen=True):
    """An input of `workflow_dispatch` or `workflow_call`: its type, default and whether
    required."""

    name: str
    type: str = "string"
    required: bool = False
    default: Any = None
    options: tuple[str, ...] = ()

    def example_value(self) -> Any:
        """A typed value for a required input a probe must give (the API refuses a dispatch
        without it, §6.3): a choice's first option, a boolean's default or false, a number 0,
        a string "example"."""
        if self.type == "choice" and self.options:
            return self.options[0]
        if self.type == "boolean":
            return bool(self.default) if self.default is not None else False
        if self.type == "number":
            return 0
        return "example"


class CronEntry(Struct, frozen=True):
    """One `on.schedule` entry: its cron and time zone."""

    cron: str
    timezone: str | None
    pos: Pos


class EventTrigger(Struct):
    """`on.<event>`: the activity types and filters of one event."""

    event: str
    pos: Pos
    types: tuple[str, ...] | None = None  # as declared; None when absent
    types_pos: Pos | None = None
    filters: dict[str, Filter] = field(default_factory=dict)
    workflows: tuple[str, ...] = ()  # workflow_run upstream names
    workflows_pos: tuple[Pos, ...] = ()
    crons: tuple[CronEntry, ...] = ()
    inputs: dict[str, InputSpec] = field(default_factory=dict)
    outputs: dict[str, Any] = field(default_factory=dict)  # workflow_call: name -> value expr

    def filter(self, key: str) -> Filter | None:
        return self.filters.get(key)


class Expr(Struct, frozen=True):
    """An expression-bearing value as written (`if:`, `timeout-minutes: ${{ }}` ...)."""

    text: str
    span: ScalarSpan

    @property
    def pos(self) -> Pos:
        return self.span.pos


def is_evaluated(value: Any) -> bool:
    """An Expr or a string holding `${{`: a job value evaluated in its contexts, not taken as
    written (what the engine evaluates, and what a batch may not work out once)."""
    text = value.text if isinstance(value, Expr) else value
    return isinstance(text, str) and "${{" in text


class Strategy(Struct):
    """A job's `strategy:`: its matrix, fail-fast and max-parallel."""

    matrix: Any  # YMap of variables / include / exclude, or an Expr (`${{ fromJSON(...) }}`)
    fail_fast: bool | Expr = True
    max_parallel: int | Expr | None = None
    pos: Pos | None = None


class Concurrency(Struct):
    """A `concurrency:` of a workflow or a job (§10)."""

    group: str | Expr
    cancel_in_progress: bool | Expr = False
    queue: str = "single"
    pos: Pos | None = None


class Permissions(Struct, frozen=True):
    """`permissions:` of a workflow or a job: `read-all`, `write-all`, or scope -> level
    (`{}` grants nothing). Scopes not listed in a mapping are `none` (§13.2)."""

    kind: str  # "read-all" | "write-all" | "map"
    scopes: tuple[tuple[str, str], ...] = ()
    pos: Pos | None = None

    def level(self, scope: str) -> str:
        if self.kind == "write-all":
            return "write"
        if self.kind == "read-all":
            return "read"
        return dict(self.scopes).get(scope, "none")


class Step(Struct):
    """A step as written: what it uses or runs, with positions (the audit reads its script)."""

    name: str | None
    id: str | None
    uses: str | None
    run: bool
    if_: Expr | None
    continue_on_error: bool | Expr = False
    pos: Pos | None = None  # the step (its list item)
    uses_pos: Pos | None = None
    script: str | None = None  # the `run:` text
    script_span: ScalarSpan | None = None
    with_: dict[str, str] = field(default_factory=dict)  # inputs as text
    with_spans: dict[str, ScalarSpan] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)


class Job(Struct):
    """A job of a workflow file as written: needs, if, matrix, runner, steps, with positions."""

    id: str
    pos: Pos
    name: str | Expr | None = None
    needs: tuple[str, ...] = ()
    needs_pos: tuple[Pos, ...] = ()
    if_: Expr | None = None
    runs_on: Any = None
    timeout_minutes: float | Expr | None = None
    continue_on_error: bool | Expr = False
    strategy: Strategy | None = None
    concurrency: Concurrency | None = None
    uses: str | None = None
    uses_pos: Pos | None = None
    with_: dict[str, Any] = field(default_factory=dict)
    with_spans: dict[str, ScalarSpan] = field(default_factory=dict)
    with_key_pos: dict[str, Pos] = field(default_factory=dict)
    secrets: Any = None
    outputs: dict[str, str] = field(default_factory=dict)
    environment: Any = None
    steps: list[Step] = field(default_factory=list)
    permissions: Permissions | None = None
    env: dict[str, str] = field(default_factory=dict)

    @property
    def display_name(self) -> str:
        return self.name if isinstance(self.name, str) else self.id


class Workflow(Struct):
    """One workflow file: its name, triggers, jobs and positions."""

    path: str  # as shown to the user (relative to the working directory when possible)
    rel_path: str  # repository-relative: `.github/workflows/ci.yml`
    name: str  # `name:` or, when absent, `rel_path` (§1.2)
    has_name: bool
    triggers: dict[str, EventTrigger]
    jobs: dict[str, Job]
    name_pos: Pos | None = None
    on_pos: Pos | None = None
    concurrency: Concurrency | None = None
    run_name: str | None = None
    env: dict[str, Any] = field(default_factory=dict)
    permissions: Permissions | None = None
    warnings: list[Diagnostic] = field(default_factory=list)
    digest: str = ""  # of the file's text: tells an edited file from an unchanged one

    @property
    def file_name(self) -> str:
        return self.rel_path.rsplit("/", 1)[-1]

    @property
    def keys(self) -> tuple[str, ...]:
        """Every way a user may name this workflow: its name, its file name, its
        repository-relative path, and the path ghasim shows. WorkflowSet.resolve reads these."""
        return tuple(dict.fromkeys((self.name, self.file_name, self.rel_path,
                                    normalise_path(self.path))))  # fmt: skip

    def answers_to(self, key: str) -> bool:
        """Does `key` name this workflow (one of its keys)?"""
        return key in self.keys or normalise_path(key) in self.keys

    def trigger(self, event: str) -> EventTrigger | None:
        return self.triggers.get(event)

    def __hash__(self) -> int:
        return hash(self.rel_path)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Workflow) and other.rel_path == self.rel_path


class BrokenWorkflow(Struct):
    """A file that could not be loaded: it is reported, never simulated (§1.11)."""

    path: str
    rel_path: str
    diagnostics: list[Diagnostic]
    name: str | None = None  # when the `name:` could still be read

    @property
    def file_name(self) -> str:
        return self.rel_path.rsplit("/", 1)[-1]

    @property
    def first_error(self) -> Diagnostic:
        return next(d for d in self.diagnostics if d.severity == "error")


class AmbiguousKey(ValueError):
    """A key names several workflows (two files with the same `name:`)."""

    def __init__(self, key: str, matches: list[Workflow]):
        files = ", ".join(w.file_name for w in matches)
        super().__init__(f"'{key}' names {len(matches)} workflows ({files}): use a file name")
        self.matches = matches


def normalise_path(path: str) -> str:
    return os.path.normpath(path).replace(os.sep, "/") if path else path


class WorkflowSet(Struct, dict=True):
    """Every workflow file of one folder, loaded or broken, in file-name order."""

    folder: str
    workflows: list[Workflow]
    broken: list[BrokenWorkflow] = field(default_factory=list)

    @cached_property
    def _index(self) -> dict[str, list[Workflow]]:
        index: dict[str, list[Workflow]] = {}
        for wf in self.workflows:
            for key in wf.keys:
                index.setdefault(key, []).append(wf)
        return index

    @cached_property
    def _by_name(self) -> dict[str, list[Workflow]]:
        out: dict[str, list[Workflow]] = {}
        for wf in self.workflows:
            out.setdefault(wf.name, []).append(wf)
        return out

    @cached_property
    def _by_event(self) -> dict[str, list[Workflow]]:
        out: dict[str, list[Workflow]] = {}
        for wf in self.workflows:
            for event in wf.triggers:
                out.setdefault(event, []).append(wf)
        return out

    @cached_property
    def listener_index(self) -> dict[str, list[Workflow]]:
        """workflow_run listeners by each upstream name they list (built once per set)."""
        out: dict[str, list[Workflow]] = {}
        for wf in self.with_trigger("workflow_run"):
            trigger = wf.triggers["workflow_run"]
            for name in dict.fromkeys(trigger.workflows):
                out.setdefault(name, []).append(wf)
        return out

    @cached_property
    def wildcard_listeners(self) -> list[Workflow]:
        """Listeners naming an upstream with a glob character (`workflow_run_wildcards`)."""
        return [wf for wf in self.with_trigger("workflow_run")
                if any(c in n for n in wf.triggers["workflow_run"].workflows for c in "*?[+")]  # fmt: skip

    def with_trigger(self, event: str) -> list[Workflow]:
        """Workflows with `on.<event>`, in file order (an index: no scan per event)."""
        return self._by_event.get(event, [])

    def by_name(self, name: str) -> list[Workflow]:
        """Workflows whose `name` is `name` (workflow_run matches names, §5.2)."""
        return self._by_name.get(name, [])

    def resolve(self, key: str) -> Workflow | None:
        """The one workflow `key` names: a `name`, a file name, a repository-relative path or
        the path ghasim shows (Workflow.keys). None when nothing matches; AmbiguousKey when a
        name is shared and the key is not also a file or path."""
        matches = self._index.get(key) or self._index.get(normalise_path(key)) or []
        unique = list(dict.fromkeys(matches))
        if len(unique) > 1:
            exact = [w for w in unique if key in (w.file_name, w.rel_path)]
            if len(exact) == 1:
                return exact[0]
            raise AmbiguousKey(key, unique)
        return unique[0] if unique else None

    def find(self, key: str) -> Workflow | None:
        """resolve(), with an ambiguous name taken as its first file (for explanations)."""
        try:
            return self.resolve(key)
        except AmbiguousKey as exc:
            return exc.matches[0]

    def broken_named(self, key: str) -> BrokenWorkflow | None:
        return next((b for b in self.broken if key in (b.name, b.file_name, b.rel_path,
                                                       normalise_path(b.path))), None)  # fmt: skip

    def names(self) -> list[str]:
        return [w.name for w in self.workflows]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        out = [d for b in self.broken for d in b.diagnostics]
        out += [d for w in self.workflows for d in w.warnings]
        return sorted(out, key=lambda d: (d.pos.file, d.pos.line, d.pos.col))
