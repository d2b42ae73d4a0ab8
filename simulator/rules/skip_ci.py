"""Skip instructions in commit messages (fact sheet §7.4): push and pull_request only."""

from __future__ import annotations

import re

from simulator.core.reasons import Reason
from simulator.settings import DEFAULT, Settings

MARKERS = ("[skip ci]", "[ci skip]", "[no ci]", "[skip actions]", "[actions skip]")
_TRAILER = re.compile(r"^skip-checks:\s?true\s*$")


def skip_instruction(message: str, settings: Settings = DEFAULT) -> Reason | None:
    """The instruction found in `message`, or None."""
    text = message if settings.skip_ci_case_sensitive else message.lower()
    for marker in MARKERS:
        if marker in text:
            return Reason("skip.marker", "§7.4", marker=marker)
    if "skip-checks" not in message.lower():  # the common case: no trailer to look for
        return None
    trailer = _last_trailer(message)
    if trailer is not None:
        probe = trailer if settings.skip_ci_case_sensitive else trailer.lower()
        if _TRAILER.match(probe):
            return Reason("skip.trailer", "§7.4", line=trailer)
    return None


def _last_trailer(message: str) -> str | None:
    """The last line of the trailer block: the final paragraph, after an empty line."""
    lines = message.rstrip("\n").split("\n")
    if len(lines) < 3:
        return None
    block_start = max((i for i, line in enumerate(lines) if not line.strip()), default=-1)
    if block_start < 0 or block_start == len(lines) - 1:
        return None
    block = lines[block_start + 1 :]
    if not all(re.match(r"^[A-Za-z0-9-]+:\s?", line) for line in block):
        return None
    return block[-1].strip()
