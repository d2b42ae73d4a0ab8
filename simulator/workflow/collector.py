"""Collects a file's diagnostics while it is being read into the model."""

from __future__ import annotations

from typing import Any

from simulator.core.diagnostics import Diagnostic, Pos
from simulator.core.fields import unknown_keys
from simulator.core.yaml_loader import ScalarSpan, YList, YMap


class Collector:
    def __init__(self, file: str):
        self.file = file
        self.diagnostics: list[Diagnostic] = []

    def error(self, pos: Pos, message: str, kind: str = "syntax") -> None:
        self.diagnostics.append(Diagnostic(pos, message, "error", kind))

    def warn(self, pos: Pos, message: str, kind: str = "syntax") -> None:
        self.diagnostics.append(Diagnostic(pos, message, "warning", kind))

    @property
    def failed(self) -> bool:
        return any(d.severity == "error" for d in self.diagnostics)

    def unknown_keys(self, mapping: YMap, allowed: tuple[str, ...], where: str) -> None:
        for pos, message in unknown_keys(mapping, allowed, where):
            self.error(pos, message)

    def strings(self, container: YMap, key: str, what: str) -> list[tuple[str, ScalarSpan]]:
        """A value that may be one string or a list of strings (`branches: main`)."""
        value = container[key]
        if isinstance(value, YList):
            out = []
            for i, item in enumerate(value):
                if isinstance(item, (dict, list)) or item is None:
                    self.error(value.item_pos(i), f"{what} must be a string")
                    continue
                out.append((scalar_text(item), value.spans[i]))
            return out
        if value is None or isinstance(value, dict):
            self.error(container.value_pos(key), f"{what} must be a string or a list of strings")
            return []
        return [(scalar_text(value), container.span(key))]


def scalar_text(value: Any) -> str:
    """A scalar as text, the way GitHub's template reader turns it into a string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(value)
    return str(value)
