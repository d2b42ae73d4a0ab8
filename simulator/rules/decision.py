"""A rule's answer: does the workflow fire, and why (with the fact sheet § it rests on)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    fires: bool
    reason: str
    fact: str | None = None
    # Set when a run is created but waits (GITHUB_TOKEN pull requests need approval, §4.9).
    awaits_approval: bool = False
    # A "no" not worth reporting: the workflow never listened to this (another activity type).
    quiet: bool = False

    @classmethod
    def yes(cls, reason: str, fact: str | None = None, **kw: bool) -> Decision:
        return cls(True, reason, fact, **kw)

    @classmethod
    def no(cls, reason: str, fact: str | None = None, quiet: bool = False) -> Decision:
        return cls(False, reason, fact, quiet=quiet)

    def __bool__(self) -> bool:
        return self.fires
