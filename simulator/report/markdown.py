"""Markdown rendering of a report document: GitHub-flavoured tables, fenced Mermaid blocks.

Every span is escaped for Markdown (simulator.core.escape): a name can never become markup,
close a fence or split a table row.
"""

from __future__ import annotations

from simulator.core.escape import markdown_code, markdown_fence, markdown_text
from simulator.report.document import Diagram, Document, Heading, Paragraph, Pre, Table
from simulator.report.inline import Inline, plain


def markdown_inline(inline: Inline, in_table: bool = False) -> str:
    out = []
    for span in inline:
        if span.style == "code":
            out.append(markdown_code(span.text, in_table))
        elif span.style == "bold":
            out.append(f"**{markdown_text(span.text)}**")
        elif span.style == "break":
            out.append("<br/>" if in_table else "  \n")
        else:
            out.append(markdown_text(span.text))
    return "".join(out)


def markdown_table(header: list[Inline], rows: list[list[Inline]]) -> str:
    head = [markdown_inline(h, True) for h in header]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("-" * (len(h) + 2) for h in head) + "|"]
    lines += ["| " + " | ".join(markdown_inline(c, True) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def render_markdown(doc: Document) -> str:
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.append("#" * block.level + " " + markdown_inline(plain(block.text)))
        elif isinstance(block, Paragraph):
            out.append(markdown_inline(block.text))
        elif isinstance(block, Pre):
            out.append(markdown_fence(block.text))
        elif isinstance(block, Diagram):
            out.append(markdown_fence(block.mermaid, "mermaid"))
        elif isinstance(block, Table):
            out.append(markdown_table(block.header, block.rows))
    return "\n\n".join(out) + "\n"
