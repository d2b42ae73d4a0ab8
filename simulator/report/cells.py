"""Display width of text in a terminal (⏳ and emoji are two cells wide)."""

from __future__ import annotations

from rich.cells import cell_len


def width(text: str) -> int:
    return cell_len(text)


def pad(text: str, cells: int) -> str:
    """`text` padded with spaces to `cells` display cells (never cut)."""
    return text + " " * max(0, cells - cell_len(text))
