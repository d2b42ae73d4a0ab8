"""The `explain` table: one line per workflow, aligned by display width, fitted to the
terminal (names shortened, reasons wrapped under their column)."""

from __future__ import annotations

from simulator.core.escape import one_line
from simulator.core.events import Event
from simulator.report.cells import pad, shorten, width, wrap
from simulator.rules.explain import Verdict

MARK_CELLS = 9
MIN_REASON_CELLS = 30  # below this, names give up cells to the reason


def render_explain(event: Event, verdicts: list[Verdict], columns: int | None = None) -> str:
    lines = [f"{one_line(event.describe())}:", ""]
    if not verdicts:
        return "\n".join([*lines, "  (no workflow files)"])
    names = [one_line(v.workflow) for v in verdicts]
    files = [one_line(v.file.rsplit("/", 1)[-1]) for v in verdicts]
    name_w = max(width(n) for n in names)
    file_w = max(width(f) for f in files)
    if columns is not None:
        spare = columns - (2 + MARK_CELLS + 2 + name_w + 2 + file_w + 2) - MIN_REASON_CELLS
        if spare < 0:  # shorten names first (they are longest), then file names
            cut = min(-spare, max(name_w - 16, 0))
            name_w -= cut
            file_w -= min(-spare - cut, max(file_w - 12, 0))
    indent = 2 + MARK_CELLS + 2 + name_w + 2 + file_w + 2
    fired = sum(v.triggered for v in verdicts)
    for v, name, file in zip(verdicts, names, files, strict=True):
        mark = "✓ fires" if v.triggered else ("! invalid" if v.invalid else "✗ no   ")
        fact = f" ({v.fact})" if v.fact else ""
        reason = one_line(v.reason) + fact
        if v.note is not None:
            reason += f", {one_line(v.note)} ({v.note.fact})"
        head = (f"  {pad(mark, MARK_CELLS)}  {pad(shorten(name, name_w), name_w)}  "
                f"{pad(shorten(file, file_w), file_w)}  ")  # fmt: skip
        if columns is None:
            lines.append(head + reason)
            continue
        if columns - indent < MIN_REASON_CELLS // 2:  # too narrow: the reason goes below
            lines.append(shorten(head.rstrip(), columns))
            lines += ["    " + part for part in wrap(reason, columns - 4)]
            continue
        body = wrap(reason, columns - indent)
        lines.append(head + body[0])
        lines += [" " * indent + part for part in body[1:]]
    lines += ["", f"{fired} of {len(verdicts)} workflows start."]
    return "\n".join(lines)
