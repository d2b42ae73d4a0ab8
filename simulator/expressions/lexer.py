"""Tokens of the expression language, with their offsets (for `file:line:col` errors)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from simulator.expressions.values import str_to_number


class ExpressionError(Exception):
    """A syntax or evaluation error at `offset` (0-based) inside the expression text."""

    def __init__(self, message: str, offset: int = 0):
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(frozen=True)
class Token:
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
    tokens: list[Token] = []
    i, n = 0, len(text)

    def prev() -> str:
        return tokens[-1].kind if tokens else "eof"

    def until_boundary(start: int, allow_dot: bool = False) -> int:
        j = start
        while j < n and (text[j] not in _BOUNDARY or (allow_dot and text[j] == ".")):
            j += 1
        return j

    while i < n:
        ch = text[i]
        if ch in " \t\r\n":
            i += 1
            continue
        if ch in "()[],*":
            tokens.append(Token(ch, ch, i))
            i += 1
            continue
        if ch == "." and prev() in ("ident", "]", ")", "*"):
            tokens.append(Token(".", ".", i))
            i += 1
            continue
        if ch in ".-+" or ch.isdigit():
            end = until_boundary(i + 1, allow_dot=True)
            lexeme = text[i:end]
            value = str_to_number(lexeme)
            if value != value:  # NaN: not a number literal
                raise ExpressionError(f"unexpected symbol '{lexeme}'", i)
            tokens.append(Token("number", lexeme, i, value))
            i = end
            continue
        if ch == "!":
            if text.startswith("!=", i):
                tokens.append(Token("!=", "!=", i))
                i += 2
            else:
                tokens.append(Token("!", "!", i))
                i += 1
            continue
        if ch in "<>":
            if i + 1 < n and text[i + 1] == "=":
                tokens.append(Token(ch + "=", ch + "=", i))
                i += 2
            else:
                tokens.append(Token(ch, ch, i))
                i += 1
            continue
        if ch in "=&|":
            double = ch * 2
            if text.startswith(double, i):
                tokens.append(Token(double, double, i))
                i += 2
                continue
            hint = {"=": "==", "&": "&&", "|": "||"}[ch]
            raise ExpressionError(f"unexpected token '{ch}' (did you mean '{hint}'?)", i)
        if ch == "'":
            j = i + 1
            parts = []
            while True:
                if j >= n:
                    raise ExpressionError("unterminated string: a closing ' is missing", i)
                if text[j] == "'":
                    if j + 1 < n and text[j + 1] == "'":
                        parts.append("'")
                        j += 2
                        continue
                    break
                parts.append(text[j])
                j += 1
            tokens.append(Token("string", text[i : j + 1], i, "".join(parts)))
            i = j + 1
            continue
        if ch == '"':
            raise ExpressionError("strings use single quotes: '...', not \"...\"", i)
        end = until_boundary(i)
        lexeme = text[i:end]
        if not _IDENT.match(lexeme):
            raise ExpressionError(f"unexpected symbol '{lexeme}'", i)
        kind, value = "ident", None
        if prev() != ".":
            if lexeme in ("true", "false", "null"):
                kind = lexeme
            elif lexeme == "NaN":
                kind, value = "number", float("nan")
            elif lexeme == "Infinity":
                kind, value = "number", float("inf")
        tokens.append(Token(kind, lexeme, i, value))
        i = end
    tokens.append(Token("eof", "", n))
    return tokens
