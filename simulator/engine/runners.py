"""Runner capacity (fact sheet §12.1): a simpy Resource per runner label the scenario limits,
and optionally one for all jobs together. Labels the scenario does not name are unlimited."""

from __future__ import annotations

from contextlib import ExitStack
from typing import Any

import simpy

from simulator.engine.clock import Capacity

HOSTED_LIMIT_MINUTES = 360  # §12.2: a job on a GitHub-hosted runner runs at most 6 hours
SELF_HOSTED_LIMIT_MINUTES = 5 * 24 * 60  # §12.2: 5 days on a self-hosted runner


class RunnerPools:
    def __init__(self, env: simpy.Environment, capacity: dict[str, int], total: int | None):
        self.env = env
        self.labels = {label: Capacity(env, count) for label, count in capacity.items()}
        self.total = Capacity(env, total) if total else None

    def limits(self, label: str) -> bool:
        """Whether a job on `label` queues for capacity (a limit on all jobs or on the label)."""
        return self.total is not None or label in self.labels

    def requests(self, label: str, stack: ExitStack) -> list[Any]:
        """Requests to wait for before a job may start on `label`; released by `stack`."""
        out = []
        for resource in (self.total, self.labels.get(label)):
            if resource is not None:
                out.append(stack.enter_context(resource.request()))
        return out


def runner_label(runs_on: Any) -> str:
    """A stable label for `runs-on`: a string, a list of labels, or {group, labels}."""
    if isinstance(runs_on, list):
        return ", ".join(str(x) for x in runs_on)
    if isinstance(runs_on, dict):
        if "labels" in runs_on:
            return runner_label(runs_on["labels"])
        return str(runs_on.get("group", "default"))
    return "" if runs_on is None else str(runs_on)


def category(label: str) -> str | None:
    """The price category of a `runs-on` label, or None for a label we cannot price."""
    low = label.lower()
    if "self-hosted" in low:
        return "self-hosted"
    if low.startswith("ubuntu") or low.startswith("linux"):
        return "linux-arm" if "arm" in low else "linux"
    if low.startswith("windows"):
        return "windows"
    if low.startswith("macos"):
        return "macos"
    return None


def execution_limit_minutes(label: str) -> float:
    """The runner's own execution limit, which a larger timeout-minutes cannot lift."""
    kind = category(label)
    if kind is None or kind == "self-hosted":
        return SELF_HOSTED_LIMIT_MINUTES
    return HOSTED_LIMIT_MINUTES
