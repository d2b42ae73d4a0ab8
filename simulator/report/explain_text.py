"""The `explain` table: one line per workflow, aligned by display width."""

from __future__ import annotations

from simulator.core.events import Event
from simulator.report.cells import pad
from simulator.rules.explain import Verdict


def render_explain(event: Event, verdicts: list[Verdict]) -> str:
    lines = [f"{event.describe()}:", ""]
    if not verdicts:
        return "\n".join([*lines, "  (no workflow files)"])
    name_w = max(len(v.workflow) for v in verdicts)
    file_w = max(len(v.file.rsplit("/", 1)[-1]) for v in verdicts)
    fired = sum(v.triggered for v in verdicts)
    for v in verdicts:
        mark = "✓ fires" if v.triggered else ("! invalid" if v.invalid else "✗ no   ")
        fact = f" ({v.fact})" if v.fact else ""
        lines.append(
            f"  {pad(mark, 9)}  {pad(v.workflow, name_w)}  "
            f"{pad(v.file.rsplit('/', 1)[-1], file_w)}  {v.reason}{fact}"
        )
    lines += ["", f"{fired} of {len(verdicts)} workflows start."]
    return "\n".join(lines)
