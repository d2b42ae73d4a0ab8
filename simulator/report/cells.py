"""Display width of text in a terminal (⏳ and emoji are two cells wide), and fitting text
into a number of cells: padding, shortening with an ellipsis, wrapping at spaces."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

ELLIPSIS = "…"


def width(text: str) -> int:
    return cell_len(text)


def pad(text: str, cells: int) -> str:
    """`text` padded with spaces to `cells` display cells (never cut)."""
    return text + " " * max(0, cells - cell_len(text))


def shorten(text: str, cells: int) -> str:
    """`text` in at most `cells` display cells: cut, with `…` as its last cell."""
    if cell_len(text) <= cells:
        return text
    if cells <= 1:
        return ELLIPSIS[:cells]
    return set_cell_size(text, cells - 1).rstrip() + ELLIPSIS


def wrap(text: str, cells: int) -> list[str]:
    """`text` as lines of at most `cells` display cells, broken at spaces (a word longer than
    a line is shortened, never split mid-character)."""
    cells = max(cells, 8)
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if cell_len(candidate) <= cells:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = shorten(word, cells)
    lines.append(line)
    return lines


def fit_lines(text: str, columns: int | None) -> str:
    """Prose lines wrapped at `columns` cells, continuation lines indented under their start
    (a line that fits is left as it is; no limit leaves the text alone)."""
    if columns is None:
        return text
    out = []
    for line in text.split("\n"):
        if cell_len(line) <= columns:
            out.append(line)
            continue
        indent = len(line) - len(line.lstrip(" "))
        hang = " " * min(indent + 4, columns // 2)
        parts = wrap(line.strip(" "), columns - indent)
        out.append(" " * indent + parts[0])
        for part in parts[1:]:
            out += [hang + piece for piece in wrap(part, columns - len(hang))]
    return "\n".join(out)
