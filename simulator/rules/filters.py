"""Applies one event's branch/tag/path filters to a name or a changed-file list (§3.5)."""

from __future__ import annotations

from collections.abc import Sequence

from simulator.core.patterns import Pattern, PatternList
from simulator.rules.decision import Decision
from simulator.settings import Settings
from simulator.workflow.model import EventTrigger, Filter

MAX_FILES = 300  # §2.10: only the first 300 changed files are considered


def _list(flt: Filter, settings: Settings, ignore_case: bool = False) -> PatternList:
    patterns = flt.patterns.patterns
    if flt.is_ignore and settings.ignore_list_negation == "ignored":
        patterns = tuple(p for p in patterns if not p.negative)
    if ignore_case:
        patterns = tuple(p.case_insensitive() for p in patterns)
    return PatternList(patterns)


def _quote(pattern: Pattern) -> str:
    return f"'{pattern.source}'"


def check_name(flt: Filter, name: str, what: str, settings: Settings) -> Decision:
    """A branch or tag name against `branches`/`tags` (include) or `*-ignore` (exclude)."""
    plist = _list(flt, settings, ignore_case=not settings.ref_case_sensitive)
    hit = plist.last_match(name)
    listed = f"{flt.key} [{', '.join(flt.sources)}]"
    if flt.is_ignore:
        if hit is not None and not hit.negative:
            return Decision.no(f"{what} '{name}' is ignored by {flt.key} {_quote(hit)}", "§3.5")
        if hit is not None:
            return Decision.yes(f"{what} '{name}' is re-included by {_quote(hit)}", "§3.5")
        return Decision.yes(f"{what} '{name}' is not in {listed}", "§3.5")
    if hit is None:
        return Decision.no(f"{what} '{name}' matches none of {listed}", "§3.5")
    if hit.negative:
        return Decision.no(f"{what} '{name}' is excluded by {_quote(hit)} in {flt.key}", "§2.3")
    return Decision.yes(f"{what} '{name}' matches {flt.key} {_quote(hit)}", "§3.5")


def check_paths(trigger: EventTrigger, files: Sequence[str], settings: Settings) -> Decision | None:
    """None when the event has no path filter; else whether the changed files pass (§2.7)."""
    flt = trigger.filter("paths") or trigger.filter("paths-ignore")
    if flt is None:
        return None
    if not files:
        return Decision.no(f"no changed files, and {flt.key} needs at least one", "§2.9")
    considered = list(files[:MAX_FILES])
    beyond = len(files) - len(considered)
    note = f" (only the first {MAX_FILES} of {len(files)} changed files count)" if beyond else ""
    plist = _list(flt, settings)
    if not flt.is_ignore:
        for path in considered:
            hit = plist.last_match(path)
            if hit is not None and not hit.negative:
                return Decision.yes(f"{path} matches paths {_quote(hit)}{note}", "§2.7")
        excluded = [(p, plist.last_match(p)) for p in considered]
        excluded = [(p, h) for p, h in excluded if h is not None]
        detail = f"; {excluded[0][0]} is excluded by {_quote(excluded[0][1])}" if excluded else ""
        return Decision.no(
            f"none of the changed files ({_files(considered)}) match "
            f"paths [{', '.join(flt.sources)}]{detail}{note}",
            "§2.7" if not beyond else "§2.10",
        )
    for path in considered:
        hit = plist.last_match(path)
        if hit is None or hit.negative:
            return Decision.yes(
                f"{path} is not ignored by paths-ignore [{', '.join(flt.sources)}]{note}", "§2.7"
            )
    return Decision.no(
        f"every changed file ({_files(considered)}) matches paths-ignore "
        f"[{', '.join(flt.sources)}]{note}",
        "§2.7",
    )


def _files(files: Sequence[str]) -> str:
    shown = ", ".join(files[:3])
    return shown + (f", and {len(files) - 3} more" if len(files) > 3 else "")
