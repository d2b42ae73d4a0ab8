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
    """The value of `node`. `contexts` is keyed by lower-case context names (`github`,
    `needs`): the parser lowers the names it reads, so `GitHub.sha` finds `github`."""
    return _Evaluator(contexts, status).eval(node)


class _Evaluator:
    __slots__ = ("contexts", "status")

    def __init__(self, contexts: dict[str, Any], status: StatusFunctions | None):
        self.contexts = contexts
        self.status = status

    def eval(self, node: Node) -> Any:
        # one dict lookup by the node's class rather than a chain of isinstance checks: an
        # `if:` of every job of every run is evaluated, many times over in Monte Carlo
        handler = _HANDLERS.get(node.__class__)
        if handler is None:
            handler = next((_HANDLERS[c] for c in type(node).__mro__ if c in _HANDLERS), None)
            if handler is None:
                raise ExpressionError(f"cannot evaluate {type(node).__name__}", node.offset)
        return handler(self, node)

    def literal(self, node: Literal) -> Any:
        return node.value

    def context(self, node: Context) -> Any:
        return self.contexts.get(node.name)

    def group(self, node: Group) -> Any:
        return self.eval(node.inner)

    def negation(self, node: Not) -> bool:
        return not truthy(self.eval(node.operand))

    def binary(self, node: Binary) -> bool:
        # `a == b == c ...` nests to the left, as deep as the length limit allows: the left
        # spine is walked in a loop, then folded in the order recursion would take
        spine = [node]
        while node.left.__class__ is Binary:
            node = node.left
            spine.append(node)
        value = self.eval(node.left)
        for link in reversed(spine):
            value = COMPARE[link.op](value, self.eval(link.right))
        return value

    def logical(self, node: Logical) -> Any:
        """`&&` and `||` return the deciding operand (§11.2)."""
        result = None
        for arg in node.args:
            result = self.eval(arg)
            if (node.op == "&&") != truthy(result):
                break  # && stops at the first falsy operand, || at the first truthy one
        return result

    def index(self, node: Index) -> Any:
        path = _static_path(node)
        if path is not None:  # `github.event.workflow_run.conclusion`: the usual chain
            value = self.contexts.get(path[0])
            for key in path[1]:
                if value.__class__ is dict and key in value:
                    value = value[key]  # a property written as found: what lookup does first
                else:
                    value = self.select(value, key, False)
            return value
        # `a.b.c ...` nests its target, as deep as the length limit allows (member access does
        # not count toward GitHub's depth): keys are read outermost first, as recursion would,
        # then applied from the base outwards
        keys: list[tuple[Any, bool]] = []
        target: Node = node
        while target.__class__ is Index:
            key_node = target.key
            if key_node.__class__ is Literal:
                keys.append((key_node.value, False))
            elif isinstance(key_node, Star):
                keys.append((None, True))
            else:
                keys.append((self.eval(key_node), False))
            target = target.target
        value = self.eval(target)
        for key, star in reversed(keys):
            if not star and key.__class__ is str and value.__class__ is dict and key in value:
                value = value[key]  # a property written as found: what lookup does first
            else:
                value = self.select(value, key, star)
        return value

    def select(self, target: Any, key: Any, star: bool) -> Any:
        """`target[key]`, or `target.*` when `star`."""
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


_HANDLERS: dict[type, Callable[[_Evaluator, Any], Any]] = {
    Literal: _Evaluator.literal,
    Context: _Evaluator.context,
    Group: _Evaluator.group,
    Not: _Evaluator.negation,
    Logical: _Evaluator.logical,
    Binary: _Evaluator.binary,
    Index: _Evaluator.index,
    Call: _Evaluator.call,
}


_STATIC: dict[int, tuple[Index, tuple[str, tuple[str, ...]] | None]] = {}
MAX_STATIC_KEPT = 4096  # chains remembered; past that, worked out again


def _static_path(node: Index) -> tuple[str, tuple[str, ...]] | None:
    """(context, property names) when the chain is a context followed by property names
    only, else None: worked out once per parsed chain (an `if:` is evaluated for every run of
    every Monte Carlo iteration). The node is kept in the entry, so its id stays its own."""
    found = _STATIC.get(id(node))
    if found is not None:
        return found[1]
    keys: list[str] = []
    target: Node = node
    while isinstance(target, Index) and isinstance(target.key, Literal):
        if not isinstance(target.key.value, str):
            break
        keys.append(target.key.value)
        target = target.target
    path = (target.name, tuple(reversed(keys))) if isinstance(target, Context) else None
    if len(_STATIC) < MAX_STATIC_KEPT:
        _STATIC[id(node)] = (node, path)
    return path


def _has_key(obj: dict, key: Any) -> bool:
    name = str(key).lower()
    return any(isinstance(k, str) and k.lower() == name for k in obj)
