"""Tokens of the expression language, with their offsets (for `file:line:col` errors)."""

from __future__ import annotations

import re
from typing import Any

from msgspec import Struct

from simulator.expressions.values import str_to_number


class ExpressionError(Exception):
    """A syntax or evaluation error at `offset` (0-based) inside the expression text."""

    def __init__(self, message: str, offset: int = 0):
        super().__init__(message)
        self.message = message
        self.offset = offset


class Token(Struct, frozen=True):
    """One token of a `${{ }}` expression, with its offset for error columns."""

    kind: str  # "(" ")" "[" "]" "," "." "!" "!=" "==" "<" "<=" ">" ">=" "&&" "||" "*"
    #            "number" "string" "ident" "true" "false" "null" "eof"
    text: str
    offset: int
    value: Any = None


_BOUNDARY = set("([)],.!><=&|") | {" ", "\t", "\r", "\n"}
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
MAX_LENGTH = 21_000


def tokenize(text: str) -> list[Token]:
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"expression longer than {MAX_LENGTH} characters", 0)
    return _Lexer(text).run()


class _Lexer:
    """One pass over the text; each method reads one kind of token at `self.i`."""

    def __init__(self, text: str):
        self.text, self.n, self.i = text, len(text), 0
        self.tokens: list[Token] = []

    def prev(self) -> str:
        return self.tokens[-1].kind if self.tokens else "eof"

    def add(self, kind: str, lexeme: str, value: Any = None) -> None:
        self.tokens.append(Token(kind, lexeme, self.i, value))
        self.i += len(lexeme)

    def until_boundary(self, start: int, allow_dot: bool = False) -> int:
        j = start
        while j < self.n and (self.text[j] not in _BOUNDARY or (allow_dot and self.text[j] == ".")):
            j += 1
        return j

    def run(self) -> list[Token]:
        while self.i < self.n:
            ch = self.text[self.i]
            if ch in " \t\r\n":
                self.i += 1
            elif ch in "()[],*" or (ch == "." and self.prev() in ("ident", "]", ")", "*")):
                self.add(ch, ch)
            elif ch in ".-+" or ch.isdigit():
                self.number()
            elif ch in "!<>=&|":
                self.operator(ch)
            elif ch == "'":
                self.string()
            elif ch == '"':
                raise ExpressionError("strings use single quotes: '...', not \"...\"", self.i)
            else:
                self.word()
        self.tokens.append(Token("eof", "", self.n))
        return self.tokens

    def number(self) -> None:
        lexeme = self.text[self.i : self.until_boundary(self.i + 1, allow_dot=True)]
        value = str_to_number(lexeme)
        if value != value:  # NaN: not a number literal
            raise ExpressionError(f"unexpected symbol '{lexeme}'", self.i)
        self.add("number", lexeme, value)

    def operator(self, ch: str) -> None:
        pair = self.text[self.i : self.i + 2]
        if pair in ("!=", "<=", ">=", "==", "&&", "||"):
            self.add(pair, pair)
        elif ch in "!<>":
            self.add(ch, ch)
        else:
            hint = {"=": "==", "&": "&&", "|": "||"}[ch]
            raise ExpressionError(f"unexpected token '{ch}' (did you mean '{hint}'?)", self.i)

    def string(self) -> None:
        """'...' with '' for a quote inside (§11.1)."""
        text, j, parts = self.text, self.i + 1, []
        while True:
            if j >= self.n:
                raise ExpressionError("unterminated string: a closing ' is missing", self.i)
            if text[j] == "'":
                if j + 1 < self.n and text[j + 1] == "'":
                    parts.append("'")
                    j += 2
                    continue
                break
            parts.append(text[j])
            j += 1
        self.add("string", text[self.i : j + 1], "".join(parts))

    def word(self) -> None:
        lexeme = self.text[self.i : self.until_boundary(self.i)]
        if not _IDENT.match(lexeme):
            raise ExpressionError(f"unexpected symbol '{lexeme}'", self.i)
        kind, value = "ident", None
        if self.prev() != ".":
            if lexeme in ("true", "false", "null"):
                kind = lexeme
            elif lexeme in ("NaN", "Infinity"):
                kind, value = "number", float(lexeme.replace("Infinity", "inf"))
        self.add(kind, lexeme, value)
