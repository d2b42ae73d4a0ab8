"""The YAML parser behind core.yaml_loader: PyYAML's C composer with a YAML 1.2 core resolver,
and the builder that turns its nodes into YMap/YList/scalars with positions. Imported only
when a file is parsed (a parse-cache hit never loads PyYAML)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml
from yaml.resolver import BaseResolver

from simulator.core.diagnostics import Pos
from simulator.core.numbers import bounded, decimal_integer
from simulator.core.yaml_loader import (
    _NON_BREAKS,
    MAX_EXPANDED_VALUES,
    ScalarSpan,
    TypedKey,
    YamlError,
    YList,
    YMap,
    source_lines,
)

_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_BOOLS = frozenset(("true", "True", "TRUE", "false", "False", "FALSE"))
_NULLS = frozenset(("~", "null", "Null", "NULL", ""))
_NUMBER_START = frozenset("-+.0123456789")
_new = tuple.__new__
_SCALAR = yaml.ScalarNode
_STR, _BOOL, _INT_TAG, _FLOAT_TAG, _NULL = (f"tag:yaml.org,2002:{t}" for t in
                                            ("str", "bool", "int", "float", "null"))  # fmt: skip


class Core12Resolver(BaseResolver):
    """YAML 1.2 core schema resolution for plain scalars. The C parser asks once per value, so
    it is one direct function rather than PyYAML's table walk (and there are no path
    resolvers to descend into)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                if value in _NULLS:
                    return _NULL
                if value in _BOOLS:
                    return _BOOL
                if value[0] in _NUMBER_START:
                    if _INT.match(value):
                        return _INT_TAG
                    if _FLOAT.match(value):
                        return _FLOAT_TAG
            return _STR
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


try:
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - no libyaml
    _CParser = None

if _CParser is not None:

    class _NodeLoader(_CParser, Core12Resolver):
        def __init__(self, stream: str):
            _CParser.__init__(self, stream)
            Core12Resolver.__init__(self)

else:  # pragma: no cover - pure-Python fallback
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _NodeLoader(Reader, Scanner, Parser, Composer, Core12Resolver):  # type: ignore[no-redef]
        def __init__(self, stream: str):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            Core12Resolver.__init__(self)


def _mark_pos(file: str, mark: Any) -> Pos:
    if mark is None:
        return Pos(file)
    return Pos(file, mark.line + 1, mark.column + 1)


def _bang_value(text: str, line: int) -> bool:
    """Does this line hold a plain value starting with '!' (`if: !cancelled() && x`)?"""
    lines = source_lines(text)
    return 0 <= line < len(lines) and re.search(r"(:|^\s*-)\s+!", lines[line]) is not None


def _char_at(text: str, mark: Any) -> str:
    lines = source_lines(text)
    if 0 <= mark.line < len(lines) and 0 <= mark.column < len(lines[mark.line]):
        return lines[mark.line][mark.column]
    return ""


def _shield(text: str) -> tuple[str, dict[str, str]]:
    """Swap YAML 1.1 line breaks for unused private-use characters, so the parser reads them
    as ordinary characters (YAML 1.2); `restore` maps them back in every scalar."""
    if not any(ch in text for ch in _NON_BREAKS):
        return text, {}
    swaps: dict[str, str] = {}
    candidate = 0xE000
    for ch in _NON_BREAKS:
        if ch not in text:
            continue
        while chr(candidate) in text:
            candidate += 1
        swaps[chr(candidate)] = ch
        text = text.replace(ch, chr(candidate))
        candidate += 1
    return text, swaps


def parse_document(
    text: str,
    file: str,
    templates: list[tuple[str, ScalarSpan]] | None = None,
    github_numbers: bool = False,
) -> Any:
    """Parse one YAML document into YMap/YList/scalars. Raises YamlError with a position.
    With `templates`, every string value holding `${{` is appended to it with its span (so
    the expressions of a file are found without a second walk). With `github_numbers`, an
    integer no double holds reads as GitHub reads it (±inf, core/numbers.py); else exactly."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text, swaps = _shield(text)
    loader = _NodeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if mark is not None and _char_at(text, mark) == "\t":
            problem = "a tab character where YAML allows only spaces (indent with spaces)"
        elif mark is not None and _bang_value(text, mark.line):
            problem += " (a value starting with '!' is read as a YAML tag: quote it or use ${{ }})"
        if exc.context and exc.problem and "expected a single document" in exc.context:
            problem = "a workflow file holds one YAML document, found several"
        raise YamlError(f"YAML syntax error: {problem}", _mark_pos(file, mark)) from None
    except yaml.YAMLError as exc:  # reader errors (control characters ...)
        raise YamlError(f"YAML error: {exc}", Pos(file)) from None
    except RecursionError:
        raise _too_deep(text, file) from None
    finally:
        loader.dispose()
    if node is None:
        return None
    builder = _Builder(file, source_lines(text), swaps, templates)
    builder.integer = _github_integer if github_numbers else _exact_integer
    try:
        return builder.document(node)
    except RecursionError:
        raise _too_deep(text, file) from None


def _too_deep(text: str, file: str) -> YamlError:
    """The error for a document nested deeper than the composer can follow, at its deepest
    collection: the parser's events are read in a loop, which no nesting can overflow."""
    events = _NodeLoader(text)
    depth = deepest = 0
    mark = None
    try:
        while events.check_event():
            event = events.get_event()
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > deepest:
                    deepest, mark = depth, event.start_mark
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:  # the composer failed first; what was read is enough to point
        pass
    finally:
        events.dispose()
    return YamlError(f"YAML nesting too deep: {deepest} levels", _mark_pos(file, mark))


class _Builder:
    def __init__(self, file: str, lines: tuple[str, ...], swaps: dict[str, str],
                 templates: list[tuple[str, ScalarSpan]] | None = None):  # fmt: skip
        self.templates = templates
        self.integer: Callable[[str], int | float] = _exact_integer
        self.file = file
        self.lines = lines
        self.swaps = str.maketrans(swaps) if swaps else None
        self.memo: dict[int, Any] = {}
        self.building: set[int] = set()  # collections being built
        self.aliased = False  # an alias was met: count the expanded values afterwards

    # Positions and spans are made for every value of every file: tuples built directly
    # (tuple.__new__, not the NamedTuple's keyword-handling constructor), string scalars and
    # keys taken without the general conversion.

    def pos(self, node: yaml.Node) -> Pos:
        mark = node.start_mark
        return _new(Pos, (self.file, mark.line + 1, mark.column + 1))

    def span(self, node: yaml.Node, value: Any) -> ScalarSpan:
        # The C parser reports a plain scalar's style as '' and the Python one as None.
        style = (node.style or None) if node.__class__ is _SCALAR else None
        mark = node.start_mark
        span = _new(ScalarSpan, (_new(Pos, (self.file, mark.line + 1, mark.column + 1)), style,
                                 self.lines if style in ("|", ">") else ()))  # fmt: skip
        if self.templates is not None and value.__class__ is str and "${{" in value:
            self.templates.append((value, span))
        return span

    def document(self, node: yaml.Node) -> Any:
        """The document's value. An alias to a collection still being built is a cycle; when
        the document has aliases, the values it holds once they are expanded are counted
        against MAX_EXPANDED_VALUES (an alias bomb). Without aliases every node is built once
        and the count is the file's own size, so it is skipped."""
        value = self.build(node)
        if self.aliased:
            self.count(node, {})
        return value

    def build(self, node: yaml.Node) -> Any:
        """The value of `node`, built once per node (an alias reuses it)."""
        key = id(node)
        if key in self.memo:
            if key in self.building:
                raise YamlError("a YAML alias refers to a value that contains it (a cycle): "
                                "GitHub rejects such a document", self.pos(node))  # fmt: skip
            self.aliased = True
            return self.memo[key]
        if node.__class__ is _SCALAR:
            if node.tag == _STR and self.swaps is None:
                value = self.memo[key] = node.value
            else:
                value = self.memo[key] = self.scalar(node)
            return value
        self.building.add(key)
        value = self.sequence(node) if node.__class__ is yaml.SequenceNode else self.mapping(node)
        self.building.discard(key)
        return value

    def count(self, node: yaml.Node, sizes: dict[int, int]) -> int:
        """The values `node` holds with its aliases expanded, each node counted once (memo)."""
        key = id(node)
        size = sizes.get(key)
        if size is None:
            size = 1 + sum(self.count(child, sizes) for child in _children(node))
            if size > MAX_EXPANDED_VALUES:
                raise YamlError(f"the document expands to more than {MAX_EXPANDED_VALUES:,} "
                                "values through its aliases (an alias bomb?)", self.pos(node))  # fmt: skip
            sizes[key] = size
        return size

    def sequence(self, node: yaml.SequenceNode) -> YList:
        seq = YList()
        seq.pos = self.pos(node)
        spans: list[ScalarSpan] = []
        seq.spans = spans
        self.memo[id(node)] = seq
        build, span = self.build, self.span
        for item in node.value:
            value = build(item)
            seq.append(value)
            spans.append(span(item, value))
        return seq

    def mapping(self, node: yaml.MappingNode) -> YMap:
        mapping = YMap()
        mapping.pos = self.pos(node)
        key_pos: dict[Any, Pos] = {}
        spans: dict[Any, ScalarSpan] = {}
        mapping.key_pos, mapping.spans = key_pos, spans
        self.memo[id(node)] = mapping
        build, span, pos = self.build, self.span, self.pos
        for key_node, value_node in node.value:
            if key_node.value == "<<" and key_node.__class__ is _SCALAR and not key_node.style:
                raise YamlError(
                    "YAML merge keys ('<<:') are not supported by GitHub Actions "
                    "(anchors and aliases are)",
                    pos(key_node),
                )
            if key_node.__class__ is _SCALAR and key_node.tag == _STR and self.swaps is None:
                key = key_node.value
            else:
                key = self.key(key_node)
            if key in mapping:
                raise YamlError(f"key '{key}' is defined twice in this mapping", pos(key_node))
            value = build(value_node)
            mapping[key] = value
            key_pos[key] = pos(key_node)
            spans[key] = span(value_node, value)
        return mapping

    def key(self, node: yaml.Node) -> Any:
        """Strings stay strings; other scalars become TypedKeys, so `1`, `"1"` and `true` are
        three keys (YAML 1.2 core), not one Python key."""
        if not isinstance(node, yaml.ScalarNode):
            raise YamlError("a mapping key must be a scalar", self.pos(node))
        value = self.scalar(node)
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return TypedKey("true" if value else "false", "bool")
        if value is None:
            return TypedKey("null", "null")
        return TypedKey(repr(value) if isinstance(value, float) else str(value), "number")

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if self.swaps is not None:
            text = text.translate(self.swaps)
        if tag.startswith("!") and tag != "!":
            # `if: !cancelled()` is the classic: YAML reads a leading '!' as a tag (§8.3)
            raise YamlError(
                f"'{tag}' is read as a YAML tag: quote the value or wrap it in ${{{{ }}}} "
                f"(like ${{{{ {tag}{(' ' + text) if text else ''} }}}})",
                self.pos(node),
            )
        if tag == "tag:yaml.org,2002:bool":
            return text in ("true", "True", "TRUE")
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:int":
            try:
                return self.integer(text)
            except ValueError:
                return text
        if tag == "tag:yaml.org,2002:float":
            lowered = text.lower()
            if lowered.endswith(".inf"):
                return float("-inf") if lowered.startswith("-") else float("inf")
            if lowered == ".nan":
                return float("nan")
            try:
                return float(text)
            except ValueError:
                return text
        return text


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _exact_integer(text: str) -> int:
    """A YAML 1.2 integer (decimal, 0o octal, 0x hex) as it is (ValueError past 4,300 digits)."""
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text)


def _github_integer(text: str) -> int | float:
    """A YAML 1.2 integer as GitHub reads it: a double, so one past a double's range is
    infinite (core/numbers.py); a decimal of any length is read."""
    if text.startswith(("0o", "0x")):
        return bounded(_exact_integer(text))
    return decimal_integer(text)
