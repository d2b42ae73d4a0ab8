"""One self-contained HTML file (no script, no network): the report, with an SVG timeline in
place of the Mermaid Gantt. Well-formed XML, so any XML parser reads it."""

from __future__ import annotations

from simulator.core.escape import html
from simulator.engine.records import SimulationResult
from simulator.report.document import Diagram, Document, Heading, Paragraph, Pre, Table
from simulator.report.inline import Inline
from simulator.report.svg import svg_timeline

STYLE = """
body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif, "Apple Color Emoji",
       "Segoe UI Emoji", "Noto Color Emoji"; margin: 2em auto;
       max-width: 1080px; color: #24292f; line-height: 1.5; padding: 0 1em; }
h1 { border-bottom: 1px solid #d0d7de; padding-bottom: .3em; }
h2 { border-bottom: 1px solid #d0d7de; padding-bottom: .2em; margin-top: 1.6em; }
pre { background: #f6f8fa; padding: 12px; overflow-x: auto; line-height: 1.17;
      font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace, "Noto Color Emoji";
      font-size: 13px; }
table { border-collapse: collapse; }
th, td { border: 1px solid #d0d7de; padding: 6px 13px; text-align: left; }
tr:nth-child(2n) td { background: #f6f8fa; }
code { background: #eff1f3; padding: .1em .3em; border-radius: 4px; }
figure { margin: 1em 0; overflow-x: auto; }
""".strip()


def _inline(inline: Inline) -> str:
    out = []
    for span in inline:
        if span.style == "code":
            out.append(f"<code>{html(span.text)}</code>")
        elif span.style == "bold":
            out.append(f"<strong>{html(span.text)}</strong>")
        elif span.style == "break":
            out.append("<br/>\n")
        else:
            out.append(html(span.text))
    return "".join(out)


def render_html(doc: Document) -> str:
    body: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            body.append(f"<h{block.level}>{html(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            body.append(f"<p>{_inline(block.text)}</p>")
        elif isinstance(block, Pre):
            body.append(f"<pre>{html(block.text)}</pre>")
        elif isinstance(block, Diagram):
            if block.kind == "gantt" and doc.result is not None:
                body.append(f"<figure>{svg_timeline(doc.result, doc.lang)}</figure>")
        elif isinstance(block, Table):
            head = "".join(f"<th>{_inline(h)}</th>" for h in block.header)
            rows = "".join(
                "<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in row) + "</tr>"
                for row in block.rows
            )
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{doc.lang}">\n<head>\n<meta charset="utf-8"/>\n'
        f"<title>{html(doc.title)}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def html_report(result: SimulationResult, lang: str = "en") -> str:
    """`ghasim run --format html`: the timeline box and its SVG picture."""
    from simulator.report.timeline import render_timeline

    title = result.scenario_name or "ghasim timeline"
    doc = Document(lang, title, result=result)
    doc.blocks += [
        Heading(1, title),
        Diagram("gantt", ""),
        Pre(render_timeline(result, jobs=True, lang=lang)),
    ]
    return render_html(doc)
