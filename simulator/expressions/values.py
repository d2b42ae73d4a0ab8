"""Values and coercions of GitHub expressions (fact sheet §11.3-§11.5).

Values are plain Python: None, bool, int/float, str, dict, list. Comparison follows GitHub's
engine (actions/languageservices result.ts): loose `==` with numeric coercion, strings
compared case-insensitively, objects and arrays equal only to themselves.
"""

from __future__ import annotations

import math
import re
from typing import Any


class FilteredArray(list):
    """The result of an object filter (`a.*.b`): further property access maps over it."""


_JS_NUMBER = re.compile(r"^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|Infinity)$")
_JS_RADIX = re.compile(r"^0(?:[xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)$")


def str_to_number(text: str) -> float:
    """JavaScript's Number(text): trimmed, '' is 0, hex/octal/binary, else NaN."""
    s = text.strip()
    if s == "":
        return 0.0
    if _JS_RADIX.match(s):
        return float(int(s, 0))
    if _JS_NUMBER.match(s):
        return float(s.replace("Infinity", "inf"))
    return math.nan


def to_number(value: Any) -> float:
    if value is None:
        return 0.0
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        return str_to_number(value)
    return math.nan


def number_to_string(value: float) -> str:
    """Numbers print like GitHub's engine: integers plainly, at most 15 decimals otherwise."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "0"
    if float(value).is_integer() and abs(value) < 1e21:
        return str(int(value))
    rounded = float(f"{value:.15f}") if abs(value) < 1e21 else value
    if rounded.is_integer() and abs(rounded) < 1e21:
        return str(int(rounded))
    text = repr(rounded)
    if "e" in text:
        mantissa, exp = text.split("e")
        sign = "-" if exp.startswith("-") else "+"
        text = f"{mantissa}e{sign}{exp.lstrip('+-').lstrip('0') or '0'}"
    return text


def to_string(value: Any) -> str:
    """String cast used by functions (§11.5)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return number_to_string(float(value))
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "Array"
    return "Object"


def truthy(value: Any) -> bool:
    """§11.3: false, 0, -0, NaN, '' and null are falsy; everything else is truthy."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return not (value == 0 or math.isnan(value))
    if isinstance(value, str):
        return value != ""
    return True


_KINDS = {type(None): "null", bool: "bool", int: "number", float: "number", str: "string"}


def _kind(value: Any) -> str:
    kind = _KINDS.get(value.__class__)  # the common exact types first, by one lookup
    if kind is not None:
        return kind
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    return "object"


def _coerce(left: Any, right: Any) -> tuple[Any, Any]:
    lk, rk = _kind(left), _kind(right)
    if lk == rk:
        return left, right
    if lk == "number" and rk == "string":
        return left, str_to_number(right)
    if lk == "string" and rk == "number":
        return str_to_number(left), right
    if lk in ("null", "bool"):
        return _coerce(to_number(left), right)
    if rk in ("null", "bool"):
        return _coerce(left, to_number(right))
    return left, right


def _upper(text: str) -> str:
    # GitHub compares with OrdinalIgnoreCase; the dotless i keeps its case. (str.upper has no
    # context rule, so the whole string upper-cased is the per-character result.)
    if "ı" not in text:
        return text.upper()
    return "".join(c if c == "ı" else c.upper() for c in text)


def equals(left: Any, right: Any) -> bool:
    if left.__class__ is str and right.__class__ is str:  # the common case, nothing to coerce
        if "ı" in left or "ı" in right:
            return _upper(left) == _upper(right)
        return left.upper() == right.upper()
    lv, rv = _coerce(left, right)
    lk, rk = _kind(lv), _kind(rv)
    if lk != rk:
        return False
    if lk == "null":
        return True
    if lk == "number":
        return not (math.isnan(lv) or math.isnan(rv)) and float(lv) == float(rv)
    if lk == "string":
        return _upper(lv) == _upper(rv)
    if lk == "bool":
        return lv == rv
    return lv is rv


def greater_than(left: Any, right: Any) -> bool:
    lv, rv = _coerce(left, right)
    lk, rk = _kind(lv), _kind(rv)
    if lk != rk:
        return False
    if lk == "number":
        return not (math.isnan(lv) or math.isnan(rv)) and lv > rv
    if lk == "string":
        return _upper(lv) > _upper(rv)
    if lk == "bool":
        return bool(lv and not rv)
    return False


def less_than(left: Any, right: Any) -> bool:
    lv, rv = _coerce(left, right)
    lk, rk = _kind(lv), _kind(rv)
    if lk != rk:
        return False
    if lk == "number":
        return not (math.isnan(lv) or math.isnan(rv)) and lv < rv
    if lk == "string":
        return _upper(lv) < _upper(rv)
    if lk == "bool":
        return bool(not lv and rv)
    return False


def lookup(obj: Any, key: Any) -> Any:
    """Property or index access; missing is null (§11.2). Object keys ignore case."""
    if isinstance(obj, list):
        if isinstance(key, bool) or not isinstance(key, (int, float, str)):
            return None
        index = to_number(key)
        if math.isnan(index) or index < 0 or not float(index).is_integer():
            return None
        return obj[int(index)] if int(index) < len(obj) else None
    if isinstance(obj, dict):
        name = to_string(key)
        if name in obj:
            return obj[name]
        lowered = name.lower()
        for k, v in obj.items():
            if isinstance(k, str) and k.lower() == lowered:
                return v
    return None


def to_json(value: Any) -> str:
    """toJSON(): pretty-printed with two spaces, integral numbers without a fraction (as the
    engine prints them), other characters as they are."""
    try:
        return _json_text(value, 0)
    except RecursionError:  # a value nested about a thousand deep (fromJSON, the scenario)
        from simulator.expressions.lexer import ExpressionError  # the lexer imports this module

        raise ExpressionError("toJSON(): value nested too deeply to write") from None


_JSON_SPECIAL = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}


def _json_text(v: Any, depth: int) -> str:
    """What `json.dumps(v, indent=2, ensure_ascii=False)` writes, numbers aside. Written here
    because json's indenting writer is made of closures that call one another: a reference
    cycle on every call, garbage only the cyclic collector frees."""
    from json.encoder import encode_basestring  # only a workflow calling toJSON() needs it

    if isinstance(v, str):
        return encode_basestring(v)
    if v is None or isinstance(v, bool):
        return "null" if v is None else ("true" if v else "false")
    if isinstance(v, int):  # every int comes bounded (simulator/core/numbers.py)
        return str(v)
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e21:
            return str(int(v))
        return _JSON_SPECIAL.get(str(v), repr(v))
    if not isinstance(v, (dict, list)):
        return encode_basestring(to_string(v))
    if not v:
        return "{}" if isinstance(v, dict) else "[]"
    inner, outer = "\n" + "  " * (depth + 1), "\n" + "  " * depth
    if isinstance(v, dict):
        items = [f"{encode_basestring(str(k))}: {_json_text(x, depth + 1)}" for k, x in v.items()]
        return "{" + inner + ("," + inner).join(items) + outer + "}"
    return "[" + inner + ("," + inner).join([_json_text(x, depth + 1) for x in v]) + outer + "]"
