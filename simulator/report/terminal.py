"""Terminal manners: how wide the output may be, and whether it is coloured.

Width: `COLUMNS` when set (piped output included), else the terminal's width when standard
output is one, else no limit (a file or a pipe gets every cell). Colour: `--color always|never`
decides; `auto` means never when `NO_COLOR` is set (no-color.org), always when `FORCE_COLOR` is
set (force-color.org), else only on a terminal.
"""

from __future__ import annotations

import os
import re
import sys
from io import StringIO
from typing import TextIO

MIN_COLUMNS = 40  # narrower than this, shortening would leave nothing readable


def columns(stream: TextIO | None = None) -> int | None:
    """The width to fit output into, or None for no limit."""
    value = os.environ.get("COLUMNS", "")
    if value.isdigit() and int(value) > 0:
        return max(int(value), MIN_COLUMNS)
    stream = stream or sys.stdout
    try:
        if stream.isatty():
            return max(os.get_terminal_size(stream.fileno()).columns, MIN_COLUMNS)
    except (OSError, ValueError, AttributeError):
        pass
    return None


def wants_colour(choice: str, stream: TextIO | None = None) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream or sys.stdout
    try:
        return stream.isatty()
    except (ValueError, AttributeError):
        return False


# What to colour, per kind of output: (pattern, style); a pattern's first group, when it has
# one, is the part coloured.
_MARK_TO_BAR = r"{mark}[^│]*"
TIMELINE = [(_MARK_TO_BAR.format(mark=m), s) for m, s in (
    ("✓", "green"), ("✗", "red"), ("⊗", "yellow"), ("⊘", "bright_black"), ("⏳", "cyan"),
    ("…", "bright_black"), ("⏸", "magenta"))]  # fmt: skip
EXPLAIN = [(r"✓ fires", "green"), (r"✗ no", "red"), (r"! invalid", "yellow")]
CHECK = [(r"(\[[a-z0-9-]+\])(?! warning:)", "bold red"), (r"(\[[a-z0-9-]+\] warning):", "yellow")]
DIFF = [(r"^\s*(\+) ", "green"), (r"^\s*(−|-) ", "red"), (r"^\s*(~) ", "yellow"),
        (r"^\s*(!) ", "magenta"), (r"no change", "bright_black")]  # fmt: skip
TEST = [(r"^(✓) ", "green"), (r"^(✗) ", "red"), (r"^ +(error|expected)\b", "red")]
STYLES = {"timeline": TIMELINE, "explain": EXPLAIN, "check": CHECK, "diff": DIFF, "test": TEST}


def paint(text: str, kind: str) -> str:
    """`text` with ANSI colours for `kind` (the text itself is unchanged, cell for cell)."""
    from rich.console import Console
    from rich.text import Text

    rules = [(re.compile(p), s) for p, s in STYLES.get(kind, [])]
    if not rules:
        return text
    buffer = StringIO()
    console = Console(file=buffer, force_terminal=True, color_system="standard",
                      highlight=False, soft_wrap=True, width=10_000, no_color=False)  # fmt: skip
    for line in text.split("\n"):
        styled = Text(line)
        for pattern, style in rules:
            for found in pattern.finditer(line):
                group = 1 if pattern.groups else 0
                styled.stylize(style, found.start(group), found.end(group))
        console.print(styled)
    return buffer.getvalue().removesuffix("\n")
