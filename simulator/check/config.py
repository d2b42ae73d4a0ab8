"""`.ghasim.yml`: repository settings for `ghasim check` (required checks, default branch)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from simulator.core.diagnostics import GhasimError, did_you_mean
from simulator.core.yaml_loader import load_yaml_mapping

KEYS = ("required_checks", "default_branch")
DEFAULT_FILE = Path(".ghasim.yml")


def load_config(path: Path | None) -> dict[str, Any]:
    if path is None:
        if not DEFAULT_FILE.is_file():
            return {}
        path = DEFAULT_FILE
    doc = load_yaml_mapping(path, "config file")
    for key in doc:
        if key not in KEYS:
            raise GhasimError(
                f"unknown key '{key}'{did_you_mean(str(key), KEYS)}", doc.key_pos[key]
            )
    checks = doc.get("required_checks", [])
    if not isinstance(checks, list) or not all(isinstance(c, str) for c in checks):
        raise GhasimError("'required_checks' is a list of check names",
                          doc.value_pos("required_checks"))  # fmt: skip
    return {"required_checks": checks, "default_branch": str(doc.get("default_branch", "main"))}
