"""YAML as GitHub reads it: YAML 1.2 core scalars, anchors yes, merge keys no, positions kept.

PyYAML resolves scalars with YAML 1.1 rules, so a bare `on:` key becomes the boolean True
(fact sheet §1.5). GitHub's reader uses the 1.2 core schema: only true/false are booleans
(§1.6). We compose nodes with our own resolver (the C parser when libyaml is present, about
10x faster) and build plain dicts and lists that remember where each value came from.

YAML 1.2 rather than PyYAML's 1.1 also means: NEL, LS and PS (U+0085, U+2028, U+2029) are
ordinary characters, never line breaks; `1`, `"1"` and `true` are three different keys.
Hostile documents are refused with a position: an alias that contains itself (a cycle), a
document whose aliases expand past MAX_EXPANDED_VALUES (an alias bomb), a file larger than the
caller's byte limit.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, NamedTuple

from simulator.core.diagnostics import GhasimError, Pos
from simulator.core.files import read_capped

MAX_EXPANDED_VALUES = 1_000_000  # values a document may hold once its aliases are expanded
MAX_SMALL_FILE_BYTES = 5_000_000  # scenarios, configs, price tables
# YAML 1.1 line breaks that YAML 1.2 reads as ordinary characters
_NON_BREAKS = ("\x85", "\u2028", "\u2029")


class ScalarSpan(NamedTuple):
    """Where a scalar's text sits in the file, to point inside it (an expression's column)."""

    pos: Pos
    style: str | None  # None plain, "'" or '"' quoted, "|" or ">" block
    lines: tuple[str, ...] = ()

    def at(self, offset: int, text: str) -> Pos:
        """The position of character `offset` of the scalar's value `text`."""
        if self.style in (None, "'", '"'):
            if "\n" in text[:offset]:
                return self.pos
            return self.pos.shifted(offset + (1 if self.style else 0))
        # Block scalar: content starts on the next line, at the block's indentation.
        line_no = text.count("\n", 0, offset)
        col = offset - (text.rfind("\n", 0, offset) + 1)
        target = self.pos.line + 1 + line_no
        if 0 < target <= len(self.lines):
            raw = self.lines[target - 1]
            indent = len(raw) - len(raw.lstrip(" "))
            return Pos(self.pos.file, target, indent + col + 1)
        return self.pos


class YMap(dict):
    """A mapping that knows where it, its keys and its values are."""

    pos: Pos
    key_pos: dict[Any, Pos]
    spans: dict[Any, ScalarSpan]

    def value_pos(self, key: Any) -> Pos:
        span = self.spans.get(key)
        return span.pos if span else self.key_pos.get(key, self.pos)

    def span(self, key: Any) -> ScalarSpan:
        return self.spans.get(key) or ScalarSpan(self.value_pos(key), None)


class YList(list):
    """A sequence that knows where it and each item are."""

    pos: Pos
    spans: list[ScalarSpan]

    def item_pos(self, index: int) -> Pos:
        return self.spans[index].pos if index < len(self.spans) else self.pos


class TypedKey(str):
    """A mapping key that is not a string in YAML 1.2 core (`1`, `true`, `~`): it reads as its
    text, but stays distinct from the string key of the same text and from other types."""

    tag: str

    def __new__(cls, text: str, tag: str) -> TypedKey:
        key = super().__new__(cls, text)
        key.tag = tag
        return key

    def __getnewargs__(self) -> tuple[str, str]:  # type: ignore[override]
        return (str(self), self.tag)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TypedKey) and other.tag == self.tag and str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return hash((self.tag, str(self)))


class YamlError(GhasimError):
    pass


def decode_text(data: bytes) -> str:
    """Workflow files are UTF-8; a byte-order mark is allowed and dropped."""
    return data.decode("utf-8-sig")


def not_utf8(data: bytes, exc: UnicodeDecodeError, file: str) -> GhasimError:
    """The error for bytes that are not UTF-8, at the line and column of the first bad byte
    (the column counts the characters before it on its line)."""
    start = exc.start
    line_start = max(data.rfind(b"\n", 0, start), data.rfind(b"\r", 0, start)) + 1
    line = data.count(b"\n", 0, start) + data.count(b"\r", 0, start) - data.count(
        b"\r\n", 0, start) + 1  # fmt: skip
    before = data[line_start:start].decode("utf-8-sig", errors="replace")
    return GhasimError(f"not UTF-8 text (byte {start}: 0x{data[start]:02x})",
                       Pos(file, line, len(before) + 1))  # fmt: skip


def source_lines(text: str) -> tuple[str, ...]:
    """The file's lines as YAML 1.2 counts them: only LF, CRLF and CR break a line."""
    return tuple(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def load_yaml(text: str, file: str, templates: list[tuple[str, ScalarSpan]] | None = None,
              github_numbers: bool = False) -> Any:  # fmt: skip
    """Parse one YAML document into YMap/YList/scalars. Raises YamlError with a position.
    With `templates`, every string value holding `${{` is appended to it with its span (so
    the expressions of a file are found without a second walk). `github_numbers`: integers
    as GitHub reads them, a double each (a workflow file); else exactly (ghasim's files)."""
    from simulator.core.yaml_parser import parse_document

    return parse_document(text, file, templates, github_numbers)


def read_text(path: str | Path, what: str = "file", max_bytes: int = MAX_SMALL_FILE_BYTES) -> str:
    """A UTF-8 text file (a byte-order mark dropped), refused past `max_bytes` before it is
    read. Every failure is a GhasimError naming the file."""
    file = Path(path)
    if not file.is_file():
        raise GhasimError(f"{what} not found: {path}")
    try:
        with open(file, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            data = read_capped(handle, size, max_bytes) if size <= max_bytes else b""
        size = max(size, len(data))  # it may have grown since fstat
        if size > max_bytes:
            raise GhasimError(f"the {what} is {size:,} bytes; ghasim reads at most "
                              f"{max_bytes:,}", Pos(str(path)))  # fmt: skip
        return decode_text(data)
    except UnicodeDecodeError as exc:
        raise not_utf8(data, exc, str(path)) from None
    except OSError as exc:
        raise GhasimError(f"cannot read {path}: {exc.strerror}") from None


def load_yaml_file(path: str | Path, what: str = "file") -> Any:
    """A small YAML file (a config, a price table, a scenario) as YMap/YList/scalars.

    Every failure is a GhasimError naming the file (and the line and column when known).
    """
    return load_yaml(read_text(path, what), str(path))


def load_yaml_mapping(path: str | Path, what: str = "file") -> YMap:
    """Like load_yaml_file, for files that must hold a mapping (an empty file is {})."""
    return yaml_mapping(read_text(path, what), str(path), what)


def yaml_mapping(text: str, file: str, what: str = "file") -> YMap:
    """The text's document, which must be a mapping (an empty document is {})."""
    doc = load_yaml(text, file)
    if doc is None:
        empty = YMap()
        empty.pos, empty.key_pos, empty.spans = Pos(file, 1, 1), {}, {}
        return empty
    if not isinstance(doc, YMap):
        raise GhasimError(f"a {what} must be a YAML mapping", Pos(file, 1, 1))
    return doc
