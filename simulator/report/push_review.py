"""The lines `ghasim push` prints above the timeline: what this push breaks or changes."""

from __future__ import annotations

from simulator.core.diagnostics import Diagnostic
from simulator.core.escape import one_line


def render_review(baseline: str, findings: list[Diagnostic], changes: list) -> str:
    """Empty when the push changes nothing; else the findings, then the changed runs."""
    lines = []
    if findings:
        lines.append(f"This push brings {len(findings)} wiring problem(s) (ghasim check):")
        lines += [f"  {one_line(str(d.pos))}: [{d.kind}] {one_line(d.message)}" for d in findings]
    if changes:
        lines.append(f"Compared with the workflows at {one_line(baseline)}:")
        lines += [f"  {c.sign} {one_line(c.sentence('this push'))}" for c in changes]
    return "\n".join(lines) + "\n\n" if lines else ""
