"""What runner-minutes cost: GitHub's per-minute prices for its hosted runners, in one place.

Rates from GitHub's runner pricing reference (docs: billing/reference/actions-runner-pricing,
2026 rates); GitHub rounds each job's minutes up to the whole minute. Public repositories
and self-hosted runners pay nothing for these minutes. Override with `--prices FILE`.
"""

from __future__ import annotations

import math
from pathlib import Path

from simulator.core.diagnostics import GhasimError
from simulator.core.yaml_loader import load_yaml_mapping
from simulator.engine.runners import category

PRICES_USD_PER_MINUTE = {
    "linux": 0.006,  # Linux 2-core x64 (ubuntu-latest, ubuntu-24.04 ...)
    "linux-arm": 0.005,  # Linux 2-core arm64 (ubuntu-24.04-arm ...)
    "windows": 0.010,  # Windows 2-core
    "macos": 0.062,  # macOS 3/4-core
    "self-hosted": 0.0,
}


def billable_minutes(seconds: float) -> int:
    """GitHub bills each job's time rounded up to the whole minute."""
    return math.ceil(seconds / 60) if seconds > 0 else 0


class Prices:
    def __init__(self, table: dict[str, float] | None = None):
        self.table = dict(PRICES_USD_PER_MINUTE)
        self.table.update(table or {})

    def rate(self, label: str) -> float | None:
        if label in self.table:
            return self.table[label]
        cat = category(label)
        return self.table.get(cat) if cat else None

    @classmethod
    def load(cls, path: Path | None) -> Prices:
        if path is None:
            return cls()
        doc = load_yaml_mapping(path, "prices file")
        table = {}
        for key, value in doc.items():
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise GhasimError(f"'{key}' must be a price per minute in USD", doc.value_pos(key))
            table[str(key)] = float(value)
        return cls(table)
