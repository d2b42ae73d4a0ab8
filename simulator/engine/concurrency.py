"""Concurrency groups (fact sheet §10): repository-wide, case-insensitive; one running and one
pending member by default, a newer pending member replaces the older; `cancel-in-progress`
also cancels the running one; `queue: max` keeps up to 100 pending in FIFO order."""

from __future__ import annotations

from collections.abc import Callable

import simpy
from msgspec import Struct, field

from simulator.core.reasons import Reason

MAX_QUEUE = 100  # §10.4


class Member(Struct):
    """A run or a job in a concurrency group, with how to cancel it and when it is let in."""

    label: str  # what is shown in reasons ("CI Pipeline #3", "job deploy of run 4")
    cancel: Callable[[Reason], None]  # cancels the member with a reason
    admitted: simpy.Event


class Group(Struct):
    """A concurrency group: the member running and those waiting (§10)."""

    name: str
    running: Member | None = None
    pending: list[Member] = field(default_factory=list)


class Groups:
    def __init__(self, env: simpy.Environment):
        self.env = env
        self.groups: dict[str, Group] = {}

    def enter(self, name: str, member: Member, cancel_in_progress: bool, queue: str) -> None:
        """Admit `member` now or make it pending; cancel whoever the rules say (§10.2, §10.5)."""
        group = self.groups.setdefault(name.lower(), Group(name))  # §10.3: case-insensitive
        if group.running is None:
            group.running = member
            member.admitted.succeed()
            return
        if cancel_in_progress:
            running = group.running
            group.running = None
            running.cancel(Reason("concurrency.cancel_in_progress", "§10.2", group=name,
                                  member=member.label))  # fmt: skip
        if queue == "max":
            if len(group.pending) >= MAX_QUEUE:
                member.cancel(Reason("concurrency.full", "§10.4", group=name, limit=MAX_QUEUE))
                return
        else:
            for older in group.pending:
                older.cancel(Reason("concurrency.replaced", "§10.2", group=name,
                                    member=member.label))  # fmt: skip
            group.pending.clear()
        group.pending.append(member)
        if group.running is None:
            self._admit_next(group)

    def leave(self, name: str, member: Member) -> None:
        group = self.groups.get(name.lower())
        if group is None:
            return
        if group.running is member:
            group.running = None
            self._admit_next(group)
        elif member in group.pending:
            group.pending.remove(member)

    def _admit_next(self, group: Group) -> None:
        if group.pending and group.running is None:
            member = group.pending.pop(0)
            group.running = member
            if not member.admitted.triggered:
                member.admitted.succeed()
