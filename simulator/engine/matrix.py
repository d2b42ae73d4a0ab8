"""Matrix expansion with GitHub's include/exclude rules (fact sheet §8.10). Pure."""

from __future__ import annotations

import itertools
from typing import Any

from simulator.expressions.values import to_json, to_string

MAX_JOBS = 256  # §8.10, §12.3


class MatrixError(ValueError):
    pass


def _match(combo: dict[str, Any], partial: dict[str, Any]) -> bool:
    return all(k in combo and _same(combo[k], v) for k, v in partial.items())


def _same(a: Any, b: Any) -> bool:
    """Matrix values match exactly, as JSON (so 1 and '1' differ)."""
    return to_json(a) == to_json(b)


def expand(matrix: dict[str, Any]) -> list[dict[str, Any]]:
    """The legs of a matrix, in creation order.

    Cartesian product of the variables in declaration order; `exclude` removes every
    combination it partially matches; then each `include` entry is added to every ORIGINAL
    combination whose original values it does not overwrite (added keys may be overwritten
    by later includes), or else becomes a new combination of its own.
    """
    variables = {k: v for k, v in matrix.items() if k not in ("include", "exclude")}
    for key, values in variables.items():
        if not isinstance(values, list):
            raise MatrixError(f"matrix variable '{key}' must be a list")
        if not values:
            raise MatrixError(f"matrix variable '{key}' is an empty list")
    include = matrix.get("include") or []
    exclude = matrix.get("exclude") or []
    if not isinstance(include, list) or not all(isinstance(x, dict) for x in include):
        raise MatrixError("'include' must be a list of mappings")
    if not isinstance(exclude, list) or not all(isinstance(x, dict) for x in exclude):
        raise MatrixError("'exclude' must be a list of mappings")

    combos: list[dict[str, Any]] = []
    if variables:
        keys = list(variables)
        for values in itertools.product(*(variables[k] for k in keys)):
            combos.append(dict(zip(keys, values, strict=True)))
    combos = [c for c in combos if not any(_match(c, e) for e in exclude)]

    originals = [dict(c) for c in combos]  # original values, to test overwrites against
    extra: list[dict[str, Any]] = []
    for entry in include:
        merged = False
        for combo, original in zip(combos, originals, strict=True):
            if all(k not in original or _same(original[k], v) for k, v in entry.items()):
                combo.update(entry)
                merged = True
        if not merged:
            extra.append(dict(entry))
    legs = combos + extra
    if len(legs) > MAX_JOBS:
        raise MatrixError(f"the matrix makes {len(legs)} jobs; GitHub allows at most {MAX_JOBS}")
    return legs


def leg_name(job_name: str, leg: dict[str, Any]) -> str:
    """GitHub's display name of a leg: `test (ubuntu-latest, 3.12)`."""
    if not leg:
        return job_name
    return f"{job_name} ({', '.join(_show(v) for v in leg.values())})"


def _show(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return to_json(value).replace("\n", "").replace("  ", "")
    return to_string(value)


def matches_selector(leg: dict[str, Any], selector: dict[str, Any]) -> bool:
    """A scenario selector `{os: windows-latest}` picks the legs it partially matches."""
    return _match(leg, selector)
