"""A rule's answer: does the workflow fire, and why (a Reason: kind, fact, details)."""

from __future__ import annotations

from msgspec import Struct

from simulator.core.reasons import Reason


class Decision(Struct, frozen=True):
    """Whether a workflow starts for an event, the reason and the fact it rests on."""

    fires: bool
    reason: Reason
    # Set when a run is created but waits (GITHUB_TOKEN pull requests need approval, §4.9).
    awaits_approval: bool = False
    # A "no" not worth reporting: the workflow never listened to this (another activity type).
    quiet: bool = False

    @property
    def fact(self) -> str | None:
        return self.reason.fact

    @classmethod
    def yes(cls, reason: Reason, awaits_approval: bool = False) -> Decision:
        return cls(True, reason, awaits_approval=awaits_approval)

    @classmethod
    def no(cls, reason: Reason, quiet: bool = False) -> Decision:
        return cls(False, reason, quiet=quiet)

    def __bool__(self) -> bool:
        return self.fires
