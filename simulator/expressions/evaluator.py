"""Evaluates a parsed expression against contexts. Never Python `eval`: a tree walk."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from simulator.expressions.functions import FUNCTIONS
from simulator.expressions.lexer import ExpressionError
from simulator.expressions.parser import (
    Binary,
    Call,
    Context,
    Group,
    Index,
    Literal,
    Logical,
    Node,
    Not,
    Star,
    property_path,
)
from simulator.expressions.values import (
    FilteredArray,
    equals,
    greater_than,
    less_than,
    lookup,
    truthy,
)


class StatusFunctions(Protocol):
    """success()/failure()/cancelled() as the job evaluating `if:` sees them (§8.4)."""

    def success(self) -> bool: ...

    def failure(self) -> bool: ...

    def cancelled(self) -> bool: ...


COMPARE: dict[str, Callable[[Any, Any], bool]] = {  # loose comparison (§11.4)
    "==": equals,
    "!=": lambda a, b: not equals(a, b),
    "<": less_than,
    ">": greater_than,
    "<=": lambda a, b: equals(a, b) or less_than(a, b),
    ">=": lambda a, b: equals(a, b) or greater_than(a, b),
}


def evaluate(node: Node, contexts: dict[str, Any], status: StatusFunctions | None = None) -> Any:
    return _Evaluator(contexts, status).eval(node)


class _Evaluator:
    def __init__(self, contexts: dict[str, Any], status: StatusFunctions | None):
        self.contexts = {k.lower(): v for k, v in contexts.items()}
        self.status = status

    def eval(self, node: Node) -> Any:
        if isinstance(node, Literal):
            return node.value
        if isinstance(node, Context):
            return self.contexts.get(node.name)
        if isinstance(node, Group):
            return self.eval(node.inner)
        if isinstance(node, Not):
            return not truthy(self.eval(node.operand))
        if isinstance(node, Logical):
            return self.logical(node)
        if isinstance(node, Binary):
            return COMPARE[node.op](self.eval(node.left), self.eval(node.right))
        if isinstance(node, Index):
            return self.index(node)
        if isinstance(node, Call):
            return self.call(node)
        raise ExpressionError(f"cannot evaluate {type(node).__name__}", node.offset)

    def logical(self, node: Logical) -> Any:
        """`&&` and `||` return the deciding operand (§11.2)."""
        result = None
        for arg in node.args:
            result = self.eval(arg)
            if (node.op == "&&") != truthy(result):
                break  # && stops at the first falsy operand, || at the first truthy one
        return result

    def index(self, node: Index) -> Any:
        star = isinstance(node.key, Star)
        key = None if star else self.eval(node.key)
        target = self.eval(node.target)
        if isinstance(target, FilteredArray):
            out = FilteredArray()
            for item in target:
                if isinstance(item, dict):
                    if star:
                        out.extend(item.values())
                    else:
                        value = lookup(item, key)
                        if value is not None or _has_key(item, key):
                            out.append(value)
                elif isinstance(item, list):
                    if star:
                        out.extend(item)
                    else:
                        value = lookup(item, key)
                        if value is not None:
                            out.append(value)
            return out
        if star:
            if isinstance(target, list):
                return FilteredArray(target)
            if isinstance(target, dict):
                return FilteredArray(target.values())
            return FilteredArray()
        return lookup(target, key)

    def call(self, node: Call) -> Any:
        if node.name == "always":
            return True
        if node.name in ("success", "failure", "cancelled"):
            if self.status is None:
                raise ExpressionError(f"{node.name}() can only be used in 'if'", node.offset)
            return getattr(self.status, node.name)()
        args = [self.eval(a) for a in node.args]
        try:
            return FUNCTIONS[node.name](*args)
        except ExpressionError as exc:
            message = exc.message
            path = property_path(node.args[0]) if node.args else None
            if path and path.startswith("needs.") and ".outputs." in path and args[0] in (None, ""):
                # the usual cause in a simulation: an output the scenario does not give
                message = (f"{message}: {path} is empty (set it under 'outputs:' in the "
                           "scenario)")  # fmt: skip
            raise ExpressionError(message, node.offset) from None


def _has_key(obj: dict, key: Any) -> bool:
    name = str(key).lower()
    return any(isinstance(k, str) and k.lower() == name for k in obj)
