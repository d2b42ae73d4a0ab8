"""Markdown rendering of a report document: GitHub-flavoured tables, fenced Mermaid blocks."""

from __future__ import annotations

from simulator.report.document import Diagram, Document, Heading, Paragraph, Pre, Table


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(doc: Document) -> str:
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.append("#" * block.level + " " + block.text)
        elif isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, Pre):
            out.append("```\n" + block.text + "\n```")
        elif isinstance(block, Diagram):
            out.append("```mermaid\n" + block.mermaid + "\n```")
        elif isinstance(block, Table):
            lines = ["| " + " | ".join(_cell(h) for h in block.header) + " |",
                     "|" + "|".join("-" * (len(h) + 2) for h in block.header) + "|"]  # fmt: skip
            lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in block.rows]
            out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"
