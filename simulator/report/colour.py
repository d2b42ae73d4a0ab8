"""Colour for a terminal only: the same text, with the status marks coloured by rich."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

STYLES = {"✓": "green", "✗": "red", "⊗": "yellow", "⊘": "bright_black", "⏳": "cyan",
          "…": "bright_black", "⏸": "magenta"}  # fmt: skip


def print_coloured(text: str) -> None:
    console = Console(highlight=False, soft_wrap=True)
    for line in text.split("\n"):
        styled = Text(line)
        for mark, style in STYLES.items():
            start = line.find(mark)
            while start != -1:
                end = line.find("│", start)
                styled.stylize(style, start, end if end != -1 else len(line))
                start = line.find(mark, start + 1)
        console.print(styled)
