"""One escaping function per output language, used by every renderer.

Names, paths, branches and messages come from repositories ghasim did not write: a workflow
`name:` may hold a newline, a backtick fence, `<script>`, a terminal escape sequence or a
right-to-left override. Each output language has one function here that makes such text
inert; renderers call it on every value they did not write themselves.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, and the bidirectional overrides that reorder what a reader sees
# ("Trojan Source"). Shown as visible escapes, never sent raw.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL_BUT_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")  # fmt: skip


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: str) -> str:
    """For one line of terminal or plain text: every control character, newlines included,
    becomes a visible escape (`\\x1b`, `\\x0a`), so a value can never start a new line, move
    the cursor, recolour the terminal or set its title."""
    return _CONTROL.sub(_visible, text)


def terminal(text: str) -> str:
    """A whole document for a terminal: as `one_line`, but its own line breaks are kept."""
    return _CONTROL_BUT_NEWLINE.sub(_visible, text)


# ---------------------------------------------------------------------------------- Markdown

_MD_ALWAYS = re.compile(r"([\\`*\[\]|~])")
_MD_EDGE_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")


def markdown_text(text: str) -> str:
    """Inline Markdown text (a paragraph, a table cell, bold): markup characters escaped,
    HTML special characters as entities, line breaks as spaces. Underscores inside a word
    (`workflow_run`) are left alone: GitHub does not read them as emphasis."""
    text = one_line(text.replace("\r\n", " ").replace("\n", " ").replace("\r", " "))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_ALWAYS.sub(r"\\\1", text)
    text = _MD_EDGE_UNDERSCORE.sub(r"\\_", text)
    if text[:1] in ("#", "+", "-", "=", "!"):
        text = "\\" + text
    return text


def longest_backtick_run(text: str) -> int:
    return max((len(m.group()) for m in re.finditer("`+", text)), default=0)


def markdown_code(text: str, in_table: bool = False) -> str:
    """An inline code span that shows `text` literally, whatever backticks it holds."""
    text = one_line(text.replace("\n", " ").replace("\r", " "))
    fence = "`" * (longest_backtick_run(text) + 1)
    if text.startswith("`") or text.endswith("`") or (text.startswith(" ") and text.strip()):
        text = f" {text} "
    if in_table:
        text = text.replace("|", "\\|")  # GFM splits cells at '|' even inside code spans
    return f"{fence}{text}{fence}"


def markdown_fence(text: str, info: str = "") -> str:
    """A fenced block whose fence is longer than any backtick run in `text` (so a name
    holding ``` can never close it)."""
    fence = "`" * max(3, longest_backtick_run(text) + 1)
    return f"{fence}{info}\n{terminal(text)}\n{fence}"


# ---------------------------------------------------------------------------------- Mermaid


def mermaid_label(text: str) -> str:
    """Text inside a double-quoted Mermaid label: entity codes for what Mermaid would read
    as syntax (quotes, `#`, `;`, `%`, `<`, `>`), one line, no backticks (markdown strings)."""
    text = one_line(text.replace("\n", " ").replace("\r", " ")).replace("`", "")
    out = []
    for ch in text:
        if ch == "#":
            out.append("#35;")
        elif ch == '"':
            out.append("#quot;")
        elif ch in ";%<>&":
            out.append(f"#{ord(ch)};")
        else:
            out.append(ch)
    return "".join(out)


_GANTT_SYNTAX = re.compile(r"[:#;%`]")


def mermaid_gantt(text: str) -> str:
    """A Gantt title, section or task name: Mermaid reads `:` `#` `;` and `%%` there as syntax
    and has no escape for them, so they become spaces; one line."""
    text = one_line(text.replace("\n", " ").replace("\r", " "))
    return _GANTT_SYNTAX.sub(" ", text).strip() or "-"


# ---------------------------------------------------------------------------------- DOT, HTML


def dot_string(text: str) -> str:
    """A double-quoted DOT string."""
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("`", "")
    text = text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    return '"' + one_line(text) + '"'


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def html(text: str) -> str:
    """Text or an attribute value in HTML (well-formed XML: characters XML forbids become
    visible escapes)."""
    text = _XML_INVALID.sub(_visible, text)
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))  # fmt: skip


# ---------------------------------------------------------------------------------- GitHub


def github_data(text: str) -> str:
    """The message of a `::error ...::message` workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A property value (`file=`, `title=`) of a workflow command."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


# ---------------------------------------------------------------------------------- JSON

_JSON_RAW = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


SCHEMA_VERSION = 1


def schema_document(command: str, body: dict) -> str:
    """A command's JSON document (docs/json.md): an object whose first key names its schema,
    `ghasim/<command>/1`, so that a reader knows what it holds and which version."""
    return json_document({"schema": f"ghasim/{command}/{SCHEMA_VERSION}", **body})


def json_document(data: object) -> str:
    """JSON, indented, non-ASCII kept readable; the characters a terminal or a JavaScript
    reader would act on (C1 controls, bidi overrides, LS/PS) written as \\u escapes."""
    import json

    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
