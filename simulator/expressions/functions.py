"""Built-in functions of GitHub expressions (fact sheet §11.6). Status functions live with
the job that evaluates them (they need its ancestors), see `evaluator.StatusFunctions`."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from simulator.core.numbers import decimal_integer
from simulator.expressions.lexer import ExpressionError
from simulator.expressions.values import equals, to_json, to_string, truthy


def contains(search: Any, item: Any) -> bool:
    if isinstance(search, list):
        return any(equals(element, item) for element in search)
    return to_string(item).upper() in to_string(search).upper()


def starts_with(text: Any, prefix: Any) -> bool:
    return to_string(text).upper().startswith(to_string(prefix).upper())


def ends_with(text: Any, suffix: Any) -> bool:
    return to_string(text).upper().endswith(to_string(suffix).upper())


def format_(template: Any, *args: Any) -> str:
    text = to_string(template)
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "{":
            if text.startswith("{{", i):
                out.append("{")
                i += 2
                continue
            close = text.find("}", i)
            index = text[i + 1 : close] if close != -1 else ""
            if not index.isdigit():
                raise ExpressionError(f"format(): invalid placeholder in '{text}'")
            if int(index) >= len(args):
                raise ExpressionError(
                    f"format(): placeholder {{{index}}} has no argument ({len(args)} given)"
                )
            out.append(to_string(args[int(index)]))
            i = close + 1
            continue
        if ch == "}":
            if text.startswith("}}", i):
                out.append("}")
                i += 2
                continue
            raise ExpressionError(f"format(): unbalanced '}}' in '{text}'")
        out.append(ch)
        i += 1
    return "".join(out)


def join(value: Any, separator: Any = ",") -> str:
    if isinstance(value, list):
        return to_string(separator).join(to_string(v) for v in value)
    if isinstance(value, dict):
        return ""
    return to_string(value)


def from_json(value: Any) -> Any:
    import json  # only a workflow calling fromJSON() needs it

    text = to_string(value)
    if not text.strip():
        raise ExpressionError("fromJSON(): empty input")
    try:
        return json.loads(text, parse_int=decimal_integer)  # a double at GitHub, as any number
    except json.JSONDecodeError as exc:
        raise ExpressionError(f"fromJSON(): invalid JSON ({exc.msg})") from None
    except RecursionError:  # '[[[[...' within the 21,000 characters: an error, not a crash
        raise ExpressionError("fromJSON(): JSON nested too deeply to read") from None


def hash_files(*patterns: Any) -> str:
    # No files are read: a stable stand-in, the same for the same patterns.
    joined = "\n".join(to_string(p) for p in patterns)
    return hashlib.sha256(joined.encode()).hexdigest()


def case(*args: Any) -> Any:
    for i in range(0, len(args) - 1, 2):
        if truthy(args[i]):
            return args[i + 1]
    return args[-1]


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "contains": contains,
    "startswith": starts_with,
    "endswith": ends_with,
    "format": format_,
    "join": join,
    "tojson": to_json,
    "fromjson": from_json,
    "hashfiles": hash_files,
    "case": case,
}
