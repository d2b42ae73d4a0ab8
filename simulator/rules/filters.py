"""Applies one event's branch/tag/path filters to a name or a changed-file list (§3.5)."""

from __future__ import annotations

from collections.abc import Sequence

from simulator.core.patterns import Pattern, PatternList
from simulator.core.reasons import Reason, Term
from simulator.rules.decision import Decision
from simulator.settings import Settings
from simulator.workflow.model import EventTrigger, Filter

MAX_FILES = 300  # §2.10: only the first 300 changed files are considered
SHOWN_FILES = 3


def _list(flt: Filter, settings: Settings, ignore_case: bool = False) -> PatternList:
    patterns = flt.patterns.patterns
    if flt.is_ignore and settings.ignore_list_negation == "ignored":
        patterns = tuple(p for p in patterns if not p.negative)
    if ignore_case:
        patterns = tuple(p.case_insensitive() for p in patterns)
    return PatternList(patterns)


def check_name(flt: Filter, name: str, what: str, settings: Settings) -> Decision:
    """A branch or tag name against `branches`/`tags` (include) or `*-ignore` (exclude)."""
    plist = _list(flt, settings, ignore_case=not settings.ref_case_sensitive)
    hit = plist.last_match(name)
    ref = dict(what=Term(what), name=name, key=flt.key)
    if flt.is_ignore:
        if hit is not None and not hit.negative:
            return Decision.no(Reason("ref.ignored", "§3.5", pattern=hit.source, **ref))
        if hit is not None:
            return Decision.yes(Reason("ref.reincluded", "§3.5", pattern=hit.source, **ref))
        return Decision.yes(Reason("ref.not_ignored", "§3.5", patterns=flt.sources, **ref))
    if hit is None:
        return Decision.no(Reason("ref.unmatched", "§3.5", patterns=flt.sources, **ref))
    if hit.negative:
        return Decision.no(Reason("ref.excluded", "§2.3", pattern=hit.source, **ref))
    return Decision.yes(Reason("ref.matched", "§3.5", pattern=hit.source, **ref))


def check_paths(trigger: EventTrigger, files: Sequence[str], settings: Settings) -> Decision | None:
    """None when the event has no path filter; else whether the changed files pass (§2.7)."""
    flt = trigger.filter("paths") or trigger.filter("paths-ignore")
    if flt is None:
        return None
    if not files:
        return Decision.no(Reason("paths.no_files", "§2.9", key=flt.key))
    considered = list(files[:MAX_FILES])
    note = None
    if len(files) > MAX_FILES:
        note = Reason("paths.first_300", "§2.10", kept=MAX_FILES, total=len(files))
    plist = _list(flt, settings)
    if not flt.is_ignore:
        return _included(plist, flt, considered, note)
    for path in considered:
        hit = plist.last_match(path)
        if hit is None or hit.negative:
            return Decision.yes(Reason("paths.not_ignored", "§2.7", path=path,
                                       patterns=flt.sources, note=note))  # fmt: skip
    return Decision.no(Reason("paths.all_ignored", "§2.7", files=_files(considered),
                              patterns=flt.sources, note=note))  # fmt: skip


def _included(plist: PatternList, flt: Filter, considered: list[str], note: Reason | None
              ) -> Decision:  # fmt: skip
    first_excluded: tuple[str, Pattern] | None = None
    for path in considered:
        hit = plist.last_match(path)
        if hit is not None and not hit.negative:
            return Decision.yes(Reason("paths.matched", "§2.7", path=path, pattern=hit.source,
                                       note=note))  # fmt: skip
        if hit is not None and first_excluded is None:
            first_excluded = (path, hit)
    detail = None
    if first_excluded is not None:
        detail = Reason("paths.excluded_detail", "§2.7", path=first_excluded[0],
                        pattern=first_excluded[1].source)  # fmt: skip
    fact = "§2.10" if note is not None else "§2.7"
    return Decision.no(Reason("paths.none_match", fact, files=_files(considered),
                              patterns=flt.sources, detail=detail, note=note))  # fmt: skip


def _files(files: Sequence[str]) -> str | Reason:
    shown = ", ".join(files[:SHOWN_FILES])
    more = len(files) - SHOWN_FILES
    return Reason("files.more", None, shown=shown, more=more) if more > 0 else shown
