"""The parse cache's encoding: ghasim's models as msgpack data, decoded by msgspec's typed
decoder, so a cache file can only ever become ghasim's own model types with checked fields.

Nothing in a pack names code: no class path, no callable, no compiled regex (a pattern is its
source text, compiled by our own translator when decoded). The typed fields need nothing; the
fields typed `Any` hold YAML values (`YMap`, `YList`, `TypedKey`, expressions), which msgpack
would flatten into plain dicts, lists and strings. Before encoding, those values become
msgpack extension records with their positions; decoding builds them again through typed
sub-decoders. A value of a kind not listed here, or an integer msgpack cannot hold in a typed
field, makes the entry unencodable: it is simply not cached.
"""

from __future__ import annotations

import hashlib
import types
import typing
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

import msgspec
from msgspec import Struct
from msgspec.msgpack import Ext

from simulator.core.diagnostics import Pos
from simulator.core.yaml_loader import ScalarSpan, TypedKey, YList, YMap
from simulator.workflow.model import BrokenWorkflow, Expr, Workflow


class Entry(Struct, array_like=True, forbid_unknown_fields=True):
    """One cached file: its key, and the model its parse gave."""

    key: str
    workflow: Workflow | None = None
    broken: BrokenWorkflow | None = None

    @property
    def model(self) -> Workflow | BrokenWorkflow:
        found = self.workflow if self.workflow is not None else self.broken
        if found is None:
            raise ValueError("an entry without a model")
        return found


class Document(Struct, array_like=True, forbid_unknown_fields=True):
    """One cached scenario document: its key and its YAML value."""

    key: str
    value: Any


class Unencodable(ValueError):
    """A value the cache does not hold (it is parsed again next time)."""


_MAP, _LIST, _KEY, _EXPR, _DICT, _TUPLE, _BIGINT, _POS, _SPAN = range(1, 10)
_INT64 = (-(1 << 63), (1 << 64) - 1)  # what msgpack holds
_encoder = msgspec.msgpack.Encoder()


# ------------------------------------------------------------------------------ encoding


def _pairs(mapping: dict[Any, Any], convert: Callable[[Any], Any]) -> list[list[Any]]:
    return [[_value(k), convert(v)] for k, v in mapping.items()]


def _same(value: Any) -> Any:
    return value


def _value(v: Any) -> Any:
    """A YAML value (or an expression) in an `Any` field, as encodable data."""
    kind = type(v)
    if kind is str or kind is bool or kind is float or v is None:
        return v
    if kind is int:
        return v if _INT64[0] <= v <= _INT64[1] else Ext(_BIGINT, str(v).encode())
    if kind is YMap:
        return Ext(_MAP, _encoder.encode([getattr(v, "pos", None), _pairs(v, _value),
                                          _pairs(getattr(v, "key_pos", {}), _same),
                                          _pairs(getattr(v, "spans", {}), _same)]))  # fmt: skip
    if kind is YList:
        return Ext(_LIST, _encoder.encode([getattr(v, "pos", None), [_value(x) for x in v],
                                           list(getattr(v, "spans", []))]))  # fmt: skip
    if kind is list:
        return [_value(x) for x in v]
    if kind is dict:
        return Ext(_DICT, _encoder.encode(_pairs(v, _value)))
    if kind is tuple:
        return Ext(_TUPLE, _encoder.encode([_value(x) for x in v]))
    if kind is TypedKey:
        return Ext(_KEY, _encoder.encode([str(v), v.tag]))
    if kind is Expr:
        return Ext(_EXPR, _encoder.encode(v))
    if kind is Pos:
        return Ext(_POS, _encoder.encode(v))
    if kind is ScalarSpan:
        return Ext(_SPAN, _encoder.encode(v))
    raise Unencodable(f"a {kind.__name__} in a YAML value")


Convert = Callable[[Any], Any]


@cache
def _plan(tp: Any) -> Convert | None:
    """What makes a value of annotation `tp` encodable: a function, or None when msgspec
    encodes it as it is (typed fields need nothing; only `Any` holds YAML values)."""
    if tp is Any:
        return _value
    if isinstance(tp, type) and issubclass(tp, Struct):
        return _struct_plan(tp)
    args = typing.get_args(tp)
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return _union_plan(args)
    if origin is dict:
        return _each(_plan(args[1]), lambda d, f: {k: f(x) for k, x in d.items()})
    if origin is list:
        return _each(_plan(args[0]), lambda xs, f: [f(x) for x in xs])
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _each(_plan(args[0]), lambda xs, f: tuple(f(x) for x in xs))
    return None


def _each(item: Convert | None, apply: Callable[[Any, Convert], Any]) -> Convert | None:
    """A container's plan: `apply` its item's plan to every item (None when items need none)."""
    if item is None:
        return None
    return lambda value: apply(value, item)


def _struct_plan(cls: type[Struct]) -> Convert | None:
    plans = {f.name: p for f in msgspec.structs.fields(cls) if (p := _plan(f.type)) is not None}
    if not plans:
        return None

    def convert(obj: Any) -> Any:
        return msgspec.structs.replace(obj, **{n: p(getattr(obj, n)) for n, p in plans.items()})

    return convert


def _union_plan(members: tuple[Any, ...]) -> Convert | None:
    if Any in members:
        return _value
    by_class = {m: p for m in members if isinstance(m, type) and (p := _plan(m)) is not None}
    if not by_class:
        return None
    return lambda v: by_class[type(v)](v) if type(v) in by_class else v


def encode_entries(entries: list[Entry]) -> tuple[bytes, list[str]]:
    """Entries as one msgpack frame, and the keys it holds: an entry that cannot be encoded
    is left out."""
    plan = _plan(Entry)
    assert plan is not None
    ready = []
    for entry in entries:
        try:
            converted = plan(entry)
            _encoder.encode(converted)  # a huge int in a typed field fails here, alone
        except (Unencodable, OverflowError, TypeError):
            continue
        ready.append(converted)
    return _encoder.encode(ready), [entry.key for entry in ready]


def encode_document(document: Document) -> bytes:
    """A scenario document as msgpack (Unencodable when it holds what the cache cannot)."""
    try:
        return _encoder.encode(Document(document.key, _value(document.value)))
    except (OverflowError, TypeError) as exc:
        raise Unencodable(str(exc)) from None


# ------------------------------------------------------------------------------ decoding


def _ext_hook(code: int, data: memoryview) -> Any:
    if code == _MAP:
        pos, items, key_pos, spans = _MAP_DECODER.decode(data)
        ymap = YMap(items)
        if pos is not None:
            ymap.pos = pos
        ymap.key_pos = dict(key_pos)
        ymap.spans = dict(spans)
        return ymap
    if code == _LIST:
        pos, items, item_spans = _LIST_DECODER.decode(data)
        ylist = YList(items)
        if pos is not None:
            ylist.pos = pos
        ylist.spans = item_spans
        return ylist
    if code == _KEY:
        text, tag = _KEY_DECODER.decode(data)
        return TypedKey(text, tag)
    if code in _SIMPLE:
        return _SIMPLE[code](data)
    if code == _BIGINT:
        text = bytes(data).decode("ascii")
        if not (0 < len(text) <= 10_000 and text.lstrip("-").isdigit()):
            raise ValueError("not an integer")
        return int(text)
    raise ValueError(f"unknown extension {code}")


def _decoder(tp: Any) -> msgspec.msgpack.Decoder[Any]:
    return msgspec.msgpack.Decoder(tp, ext_hook=_ext_hook)


_MAP_DECODER = _decoder(tuple[Pos | None, list[tuple[Any, Any]], list[tuple[Any, Pos]],
                              list[tuple[Any, ScalarSpan]]])  # fmt: skip
_LIST_DECODER = _decoder(tuple[Pos | None, list[Any], list[ScalarSpan]])
_KEY_DECODER = _decoder(tuple[str, str])
_PAIRS_DECODER = _decoder(list[tuple[Any, Any]])
_ITEMS_DECODER = _decoder(list[Any])
_SIMPLE: dict[int, Callable[[memoryview], Any]] = {
    _EXPR: _decoder(Expr).decode,
    _POS: _decoder(Pos).decode,
    _SPAN: _decoder(ScalarSpan).decode,
    _DICT: lambda data: dict(_PAIRS_DECODER.decode(data)),
    _TUPLE: lambda data: tuple(_ITEMS_DECODER.decode(data)),
}


@cache
def _entries() -> msgspec.msgpack.Decoder[list[Entry]]:
    return _decoder(list[Entry])  # built when first needed: resolving the models takes 2.5 ms


def decode_entries(data: bytes | memoryview) -> list[Entry]:
    """A frame's entries; msgspec.ValidationError or DecodeError (or ValueError) when it is
    not exactly ghasim's model types."""
    return _entries().decode(data)


def encode_memo(key: str, value: Any) -> bytes:
    """A derived value with its key, for `ParseCache.memo` (typed values only)."""
    try:
        return _encoder.encode((key, value))
    except (OverflowError, TypeError) as exc:
        raise Unencodable(str(exc)) from None


def decode_memo(data: bytes | memoryview, kind: Any) -> tuple[str, Any]:
    return _decoder(tuple[str, kind]).decode(data)


def decode_document(data: bytes | memoryview) -> Document:
    return _decoder(Document).decode(data)


@lru_cache(maxsize=1)
def schema() -> str:
    """A fingerprint of the model types: every record and position class of the modules the
    models are made of, with its fields' names, annotations and defaults. A changed field,
    type or default gives another fingerprint, so packs of another model are never read.
    (Read from the classes' own declarations: resolving every type costs 10 ms a run.)"""
    import sys

    from simulator.core import diagnostics, patterns, yaml_loader
    from simulator.workflow import model

    parts = []
    for module in (diagnostics, patterns, yaml_loader, model, sys.modules[__name__]):
        for name, cls in sorted(vars(module).items()):
            if (
                isinstance(cls, type)
                and cls.__module__ == module.__name__
                and (issubclass(cls, Struct) or hasattr(cls, "_fields"))
            ):
                declared = getattr(cls, "__annotations__", {})
                defaults = getattr(cls, "__struct_defaults__", None) or getattr(
                    cls, "_field_defaults", {})  # fmt: skip
                parts.append(f"{module.__name__}.{name}{sorted(declared.items())}{defaults!r}")
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()
