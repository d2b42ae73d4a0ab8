"""Parser: tokens to a small AST, with GitHub's precedence (fact sheet §11.2).

High to low: grouping; property / index / call; `!`; `< <= > >=`; `== !=`; `&&`; `||`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from msgspec import Struct

from simulator.expressions.lexer import ExpressionError, Token, tokenize

MAX_DEPTH = 50

FUNCTIONS: dict[str, tuple[int, int]] = {  # lower-case name -> (min args, max args)
    "contains": (2, 2),
    "startswith": (2, 2),
    "endswith": (2, 2),
    "format": (1, 255),
    "join": (1, 2),
    "tojson": (1, 1),
    "fromjson": (1, 1),
    "hashfiles": (1, 255),
    "case": (3, 255),
    "success": (0, 0),
    "failure": (0, 0),
    "cancelled": (0, 0),
    "always": (0, 0),
}
STATUS_FUNCTIONS = ("success", "failure", "cancelled", "always")
CONTEXTS = ("github", "env", "vars", "job", "jobs", "steps", "runner", "secrets", "strategy",
            "matrix", "needs", "inputs")  # fmt: skip


class Node(Struct, frozen=True):
    """A node of a parsed expression, with its offset in the source."""

    offset: int


class Literal(Node, frozen=True):
    """A literal: a string, a number, `true`, `false` or `null`."""

    value: Any


class Context(Node, frozen=True):
    """A context name: `github`, `needs`, `matrix` ..."""

    name: str


class Star(Node, frozen=True):
    """The `*` of an object filter: `a.*.b`."""

    pass


class Index(Node, frozen=True):
    """A property or index access: `a.b`, `a['b']`, `a.*` (§11.2)."""

    target: Node
    key: Node  # a Literal property name, an expression, or Star


class Call(Node, frozen=True):
    """A function call: `contains(a, b)`, `success()` (§11.5, §8.4)."""

    name: str  # lower-case
    args: tuple[Node, ...]


class Group(Node, frozen=True):
    """A parenthesised expression."""

    inner: Node


class Not(Node, frozen=True):
    """A negation: `!operand`."""

    operand: Node


class Binary(Node, frozen=True):
    """A comparison: `left op right` (§11.4)."""

    op: str
    left: Node
    right: Node


class Logical(Node, frozen=True):
    """`&&` or `||` over its operands, returning the deciding one (§11.2)."""

    op: str  # "&&" or "||"
    args: tuple[Node, ...]


def _describe(tok: Token) -> str:
    return "end of expression" if tok.kind == "eof" else f"'{tok.text}'"


class _Parser:
    def __init__(self, tokens: list[Token], contexts: tuple[str, ...] | None):
        self.tokens = tokens
        self.i = 0
        self.depth = 0
        self.contexts = contexts

    def peek(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        tok = self.tokens[self.i]
        if tok.kind != "eof":
            self.i += 1
        return tok

    def match(self, *kinds: str) -> Token | None:
        if self.peek().kind in kinds:
            return self.take()
        return None

    def expect(self, kind: str) -> Token:
        tok = self.peek()
        if tok.kind != kind:
            raise ExpressionError(f"expected '{kind}', found {_describe(tok)}", tok.offset)
        return self.take()

    def deeper(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(f"expression nested deeper than {MAX_DEPTH}", self.peek().offset)

    def parse(self) -> Node:
        if self.peek().kind == "eof":
            raise ExpressionError("empty expression", 0)
        node = self.expression()
        tok = self.peek()
        if tok.kind != "eof":
            raise ExpressionError(f"unexpected token {_describe(tok)}", tok.offset)
        return node

    def expression(self) -> Node:
        self.deeper()
        try:
            return self.logical("||", self.logical_and)
        finally:
            self.depth -= 1

    def logical_and(self) -> Node:
        return self.logical("&&", self.equality)

    def logical(self, op: str, operand) -> Node:
        first = operand()
        if self.peek().kind != op:
            return first
        args = [first]
        offset = self.peek().offset
        while self.match(op):
            args.append(operand())
        return Logical(offset, op, tuple(args))

    def equality(self) -> Node:
        node = self.comparison()
        while tok := self.match("==", "!="):
            node = Binary(tok.offset, tok.kind, node, self.comparison())
        return node

    def comparison(self) -> Node:
        node = self.unary()
        while tok := self.match("<", "<=", ">", ">="):
            node = Binary(tok.offset, tok.kind, node, self.unary())
        return node

    def unary(self) -> Node:
        if tok := self.match("!"):
            self.deeper()
            try:
                return Not(tok.offset, self.unary())
            finally:
                self.depth -= 1
        return self.postfix()

    def postfix(self) -> Node:
        node = self.call()
        if not isinstance(node, (Context, Call, Index, Group)):
            return node
        while True:
            if tok := self.match("["):
                key = Star(tok.offset) if self.match("*") else self.expression()
                self.expect("]")
                node = Index(tok.offset, node, key)
            elif tok := self.match("."):
                prop = self.peek()
                if prop.kind in ("ident", "true", "false", "null"):
                    self.take()
                    node = Index(prop.offset, node, Literal(prop.offset, prop.text))
                elif self.match("*"):
                    node = Index(prop.offset, node, Star(prop.offset))
                else:
                    raise ExpressionError(
                        f"expected a property name after '.', found {_describe(prop)}", prop.offset
                    )
            else:
                return node

    def call(self) -> Node:
        tok = self.peek()
        if tok.kind != "ident":
            return self.primary()
        self.take()
        name = tok.text.lower()
        if not self.match("("):
            if self.contexts is not None and name not in self.contexts:
                from simulator.core.diagnostics import did_you_mean

                hint = did_you_mean(name, self.contexts)
                raise ExpressionError(f"unknown context '{tok.text}'{hint}", tok.offset)
            return Context(tok.offset, name)
        if name not in FUNCTIONS:
            from simulator.core.diagnostics import did_you_mean

            hint = did_you_mean(name, [*FUNCTIONS, "startsWith", "endsWith", "toJSON", "fromJSON"])
            raise ExpressionError(f"unknown function '{tok.text}'{hint}", tok.offset)
        args: list[Node] = []
        if not self.match(")"):
            while True:
                args.append(self.expression())
                if self.match(")"):
                    break
                self.expect(",")
        low, high = FUNCTIONS[name]
        if not low <= len(args) <= high:
            want = str(low) if low == high else f"{low} to {high}"
            raise ExpressionError(
                f"{tok.text}() takes {want} argument(s), {len(args)} given", tok.offset
            )
        if name == "case" and len(args) % 2 == 0:
            raise ExpressionError(
                "case() takes pairs of predicate and value, then a default", tok.offset
            )
        return Call(tok.offset, name, tuple(args))

    def primary(self) -> Node:
        tok = self.take()
        if tok.kind == "true":
            return Literal(tok.offset, True)
        if tok.kind == "false":
            return Literal(tok.offset, False)
        if tok.kind == "null":
            return Literal(tok.offset, None)
        if tok.kind in ("number", "string"):
            return Literal(tok.offset, tok.value)
        if tok.kind == "(":
            inner = self.expression()
            self.expect(")")
            return Group(tok.offset, inner)
        if tok.kind == "eof":
            raise ExpressionError("unexpected end of expression", tok.offset)
        raise ExpressionError(f"unexpected token {_describe(tok)}", tok.offset)


@lru_cache(maxsize=8192)  # pure, and the same conditions are evaluated run after run
def parse(text: str, contexts: tuple[str, ...] | None = None) -> Node:
    """Parse an expression (the text inside `${{ }}`). Raises ExpressionError with offset.

    `contexts`: the context names allowed where the expression stands (§11.7), or None for any.
    """
    return _Parser(tokenize(text), contexts).parse()


def walk(node: Node):
    """Every node of the tree, depth first (children in source order). Iterative: a chain
    like `a.b.c...` or `a == b == c ...` may be thousands of links long within the length
    limit, and GitHub accepts it (only function arguments count toward the depth)."""
    stack = [node]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(_children(node)))


def _children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Index):
        return (node.target, node.key)
    if isinstance(node, (Call, Logical)):
        return node.args
    if isinstance(node, Not):
        return (node.operand,)
    if isinstance(node, Binary):
        return (node.left, node.right)
    if isinstance(node, Group):
        return (node.inner,)
    return ()


def uses_status_function(node: Node) -> bool:
    return any(isinstance(n, Call) and n.name in STATUS_FUNCTIONS for n in walk(node))


def property_path(node: Node) -> str | None:
    """`github.event.workflow_run.conclusion` for a chain of literal property accesses."""
    keys: list[Any] = []
    while isinstance(node, Index) and isinstance(node.key, Literal):
        keys.append(node.key.value)
        node = node.target
    if not isinstance(node, Context):
        return None
    parts = [node.name]
    for key in reversed(keys):
        parts.append(f".{key}" if isinstance(key, str) else f"[{key}]")
    return "".join(parts)


def property_paths(node: Node) -> list[Node]:
    """The longest property chains an expression reads, in order of appearance, each path
    once. Linear: a chain's inner links are not chains of their own."""
    inner = {
        id(n.target) for n in walk(node) if isinstance(n, Index) and isinstance(n.key, Literal)
    }
    seen: list[Node] = []
    paths: set[str] = set()
    for n in walk(node):
        if id(n) in inner:
            continue
        path = property_path(n)
        if path is not None and path not in paths:
            paths.add(path)
            seen.append(n)
    return seen
