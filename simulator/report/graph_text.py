"""The architecture drawn with box characters, in the seed report's style:

    Push/PR on master/main
            │
            ▼
       ┌─────────────┐
       │ CI Pipeline │  (lint → test → build-check)
       └─────────────┘
            │
            │ workflow_run (if CI Pipeline succeeds)
            │
            ├──────────────────┬──────────────────┐
            ▼                  ▼                  ▼
       ┌──────────┐       ┌──────────┐       ┌───────────┐
       ...
One block per entry workflow (path-filtered ones, which start independently, last); its
workflow_run listeners fan out below it, and theirs are listed under each box.
"""

from __future__ import annotations

from simulator.core.escape import one_line
from simulator.report.architecture import Architecture, RunLink, job_chain
from simulator.report.cells import pad, shorten, width
from simulator.report.inline import text_of
from simulator.report.messages import Messages
from simulator.workflow.model import Workflow

LEFT = 3  # boxes start at this column
STEM = 5  # the connector sits this far into a box
GAP = 5
MAX_TAIL = 3


def draw_architecture(arch: Architecture, msg: Messages, columns: int | None = None) -> str:
    """The drawing; within `columns` cells when given: listeners that do not fit side by side
    are drawn one below the other, and a line still too long is shortened."""
    roots = [w for w in arch.workflows if arch.entries_of(w)]
    roots.sort(key=lambda w: any(e.independent for e in arch.entries_of(w)))
    blocks = [_block(arch, wf, msg, columns) for wf in roots]
    rooted = {w.rel_path for w in roots}
    orphans = [w for w in arch.workflows if w.rel_path not in rooted
               and not arch.upstream_links(w) and w.trigger("workflow_call")]  # fmt: skip
    for wf in orphans:  # reusable workflows only: shown as called
        callers = ", ".join(_label(arch, c.caller) for c in arch.callers_of(wf))
        if callers:
            blocks.append(f"{_label(arch, wf)}  ({msg.text('trigger.called_by', names=callers)})")
    text = "\n\n".join(blocks)
    if columns is None:
        return text
    return "\n".join(shorten(line, columns) for line in text.split("\n"))


def _label(arch: Architecture, wf: Workflow) -> str:
    return one_line(arch.label(wf))


def _entry_labels(arch: Architecture, wf: Workflow) -> list[str]:
    return [one_line(text_of(e.label)) for e in arch.entries_of(wf)]


def _box(text: str) -> list[str]:
    inner = width(text) + 2
    return ["┌" + "─" * inner + "┐", "│ " + text + " │", "└" + "─" * inner + "┘"]


def _block(arch: Architecture, wf: Workflow, msg: Messages, columns: int | None) -> str:
    stem = " " * (LEFT + STEM)
    lines = ["; ".join(_entry_labels(arch, wf)), stem + "│", stem + "▼"]
    box = _box(_label(arch, wf))
    chain = job_chain(wf)
    for i, row in enumerate(box):
        suffix = f"  ({chain})" if i == 1 and chain and len(wf.jobs) > 1 else ""
        lines.append(" " * LEFT + row + suffix)
    links = _unique(arch.listeners_of(wf))
    if not links:
        return "\n".join(lines)
    if all(link.on_success for link in links):
        label = msg.text("arch.on_success", name=_label(arch, wf))
    else:
        label = msg.text("arch.on_completion", name=_label(arch, wf))
    lines += [stem + "│", stem + "│ " + label, stem + "│"]
    fan = _fan(arch, [link.listener for link in links], msg, set())
    if columns is not None and max(width(line.rstrip()) for line in fan) > columns:
        fan = [" " * LEFT + line for line in _tail(arch, wf, set())[1:]]  # one below the other
        if len(links) == 1:
            fan = fan[1:]
    lines += fan
    return "\n".join(line.rstrip() for line in lines)


def _unique(links: list[RunLink]) -> list[RunLink]:
    seen, out = set(), []
    for link in links:
        if link.listener.rel_path not in seen:
            seen.add(link.listener.rel_path)
            out.append(link)
    return out


def _tail(arch: Architecture, wf: Workflow, seen: set[str], depth: int = 0) -> list[str]:
    """What a listener triggers in turn, as lines to print under its box (the stem column
    is STEM): one listener continues the chain downwards; several are siblings, drawn as
    branches ├▶ and └▶, each with what it triggers indented below it."""
    if depth >= MAX_TAIL:
        return []
    links = _unique(arch.listeners_of(wf))
    stem = " " * STEM
    if len(links) == 1:
        child = links[0].listener
        out = [stem + "│", stem + "▼", _label(arch, child)]
        if child.rel_path not in seen:
            out += _tail(arch, child, seen | {wf.rel_path}, depth + 1)
        return out
    out = [stem + "│"] if links else []
    for i, link in enumerate(links):
        last = i == len(links) - 1
        out.append(f"{stem}{'└' if last else '├'}▶ {_label(arch, link.listener)}")
        if link.listener.rel_path not in seen:
            below = _tail(arch, link.listener, seen | {wf.rel_path}, depth + 1)
            bar = " " if last else "│"
            out += [f"{stem}{bar}   {line.removeprefix(stem)}" for line in below]
    return out


def _fan(arch: Architecture, children: list[Workflow], msg: Messages, seen: set[str]) -> list[str]:
    boxes = [_box(_label(arch, c)) for c in children]
    tails = [_tail(arch, c, seen | {c.rel_path}) for c in children]
    widths = [
        max([width(b[0])] + [width(t) for t in tail]) for b, tail in zip(boxes, tails, strict=True)
    ]
    xs, x = [], LEFT
    for w in widths:
        xs.append(x)
        x += w + GAP
    stems = [x + STEM for x in xs]
    fan = [" "] * (stems[-1] + 1)
    for i in range(stems[0], stems[-1] + 1):
        fan[i] = "─"
    for i, s in enumerate(stems):
        fan[s] = "├" if i == 0 and len(stems) > 1 else "┬"
    fan[stems[-1]] = "┐" if len(stems) > 1 else "│"
    arrows = [" "] * (stems[-1] + 1)
    for s in stems:
        arrows[s] = "▼"
    lines = ["".join(fan), "".join(arrows)] if len(stems) > 1 else ["".join(arrows)]
    for row in range(3):
        lines.append(_place([(x, b[row]) for x, b in zip(xs, boxes, strict=True)]))
    depth = max(len(t) for t in tails)
    for row in range(depth):
        cells = []
        for x, tail in zip(xs, tails, strict=True):
            if row < len(tail):
                cells.append((x, tail[row]))
        lines.append(_place(cells))
    return lines


def _place(cells: list[tuple[int, str]]) -> str:
    line = ""
    for x, text in cells:
        line = pad(line, x) + text
    return line
