"""The `explain` table: one line per workflow, aligned by display width."""

from __future__ import annotations

from simulator.core.escape import one_line
from simulator.core.events import Event
from simulator.report.cells import pad, width
from simulator.rules.explain import Verdict


def render_explain(event: Event, verdicts: list[Verdict]) -> str:
    lines = [f"{one_line(event.describe())}:", ""]
    if not verdicts:
        return "\n".join([*lines, "  (no workflow files)"])
    names = {id(v): one_line(v.workflow) for v in verdicts}
    files = {id(v): one_line(v.file.rsplit("/", 1)[-1]) for v in verdicts}
    name_w = max(width(n) for n in names.values())
    file_w = max(width(f) for f in files.values())
    fired = sum(v.triggered for v in verdicts)
    for v in verdicts:
        mark = "✓ fires" if v.triggered else ("! invalid" if v.invalid else "✗ no   ")
        fact = f" ({v.fact})" if v.fact else ""
        lines.append(
            f"  {pad(mark, 9)}  {pad(names[id(v)], name_w)}  "
            f"{pad(files[id(v)], file_w)}  {one_line(v.reason)}{fact}"
            + (f", {one_line(v.note)} ({v.note.fact})" if v.note is not None else "")
        )
    lines += ["", f"{fired} of {len(verdicts)} workflows start."]
    return "\n".join(lines)
