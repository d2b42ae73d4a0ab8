"""SARIF 2.1.0 for GitHub code scanning (and any SARIF reader).

Paths are relative to the repository root and anchored at `%SRCROOT%`, so that code scanning
puts each finding on its file; rules carry their title, help text and fact number.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any
from urllib.parse import quote

from simulator.core.diagnostics import Diagnostic, RuleInfo
from simulator.core.escape import json_document

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/ghasim/ghasim"


def relative_uri(file: str, root: Path) -> str:
    """`file` as a URI relative to `root` (percent-encoded; `/` separators)."""
    path = Path(file)
    with contextlib.suppress(ValueError, OSError):  # outside the root: as given
        path = path.resolve().relative_to(root.resolve())
    return quote(path.as_posix(), safe="/")


def render_sarif(found: list[Diagnostic], rules: list[RuleInfo], version: str, root: Path,
                 tool: str = "ghasim") -> str:  # fmt: skip
    index = {r.id: i for i, r in enumerate(rules)}
    results = []
    for d in found:
        location: dict = {"artifactLocation": {"uri": relative_uri(d.pos.file, root),
                                               "uriBaseId": "%SRCROOT%"}}  # fmt: skip
        if d.pos.line > 0:
            location["region"] = {"startLine": d.pos.line, "startColumn": max(d.pos.col, 1)}
        result: dict[str, Any] = {"ruleId": d.kind, "level": "error" if d.severity == "error" else "warning",
                  "message": {"text": d.message}, "locations": [{"physicalLocation": location}]}  # fmt: skip
        if d.kind in index:
            result["ruleIndex"] = index[d.kind]
        results.append(result)
    driver = {"name": tool, "version": version, "informationUri": INFORMATION_URI,
              "rules": [_rule(r) for r in rules]}  # fmt: skip
    root_uri = root.resolve().as_uri().rstrip("/") + "/"
    return json_document({"$schema": SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": driver},
        "originalUriBaseIds": {"%SRCROOT%": {"uri": root_uri}},
        "results": results}]})  # fmt: skip


def _rule(rule: RuleInfo) -> dict:
    fact = f" (fact {rule.fact}, docs/semantics.md)" if rule.fact else ""
    return {"id": rule.id, "name": _camel(rule.id),
            "shortDescription": {"text": rule.title},
            "fullDescription": {"text": rule.help},
            "help": {"text": rule.help + fact, "markdown": rule.help + fact},
            "defaultConfiguration": {"level": rule.severity},
            "properties": {"tags": ["github-actions"] + ([rule.fact] if rule.fact else [])}}  # fmt: skip


def _camel(rule_id: str) -> str:
    return "".join(part.capitalize() for part in rule_id.split("-"))
