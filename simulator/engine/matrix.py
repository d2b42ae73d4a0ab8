"""Matrix expansion with GitHub's include/exclude rules (fact sheet §8.10). Pure."""

from __future__ import annotations

import itertools
import math
from collections import Counter
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


MAX_COUNTED_EXCLUDES = 12  # inclusion-exclusion over 2**12 subsets, at most
MAX_WALKED = 65_536  # combinations walked one by one when counting cannot decide


def _parts(matrix: dict[str, Any]) -> tuple[dict[str, list[Any]], list[dict], list[dict]]:
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
    return variables, include, exclude


def _matching(
    axes: dict[str, Counter[str]], sizes: dict[str, int], constraints: dict[str, str]
) -> int:
    """How many combinations of the Cartesian product hold every value of `constraints`
    (values as JSON, counted once per axis in `axes`)."""
    if any(k not in axes for k in constraints):
        return 0
    count = 1
    for key, size in sizes.items():
        count *= axes[key][constraints[key]] if key in constraints else size
    return count


def _consistent(group: tuple[dict[str, str], ...]) -> dict[str, str] | None:
    """The constraints of several exclude patterns together, or None when they disagree."""
    merged: dict[str, str] = {}
    for pattern in group:
        for key, value in pattern.items():
            if merged.setdefault(key, value) != value:
                return None
    return merged


def _excluded(variables: dict[str, list[Any]], exclude: list[dict]) -> tuple[int, int]:
    """(at least, at most) combinations the exclude entries remove; exact when they are few
    enough for inclusion-exclusion."""
    axes = {k: Counter(to_json(v) for v in values) for k, values in variables.items()}
    sizes = {k: len(values) for k, values in variables.items()}
    patterns = [{k: to_json(v) for k, v in e.items()} for e in exclude]
    counts = [_matching(axes, sizes, p) for p in patterns]
    if not counts:
        return 0, 0
    if len(patterns) > MAX_COUNTED_EXCLUDES:
        return max(counts), sum(counts)
    total = 0
    for size in range(1, len(patterns) + 1):
        for group in itertools.combinations(patterns, size):
            merged = _consistent(group)
            if merged is not None:
                total += (-1) ** (size + 1) * _matching(axes, sizes, merged)
    return total, total


def size_bounds(matrix: dict[str, Any]) -> tuple[int, int]:
    """(at least, at most) legs the matrix makes, counted without building one (§8.10): the
    product of the axis lengths, less what `exclude` removes, plus at most one new leg per
    `include` entry (includes never remove a leg)."""
    variables, include, exclude = _parts(matrix)
    product = math.prod(len(v) for v in variables.values()) if variables else 0
    low_excluded, high_excluded = _excluded(variables, exclude)
    return max(0, product - high_excluded), max(0, product - low_excluded) + len(include)


def check_size(matrix: dict[str, Any]) -> None:
    """Refuse a matrix past MAX_JOBS (§8.10) before anything is built."""
    low, high = size_bounds(matrix)
    if low > MAX_JOBS:
        raise MatrixError(f"the matrix makes {low:,} jobs; GitHub allows at most {MAX_JOBS}")
    if high <= MAX_JOBS:
        return
    variables, _, exclude = _parts(matrix)  # many excludes: count the kept combinations
    keys = list(variables)
    kept = 0
    for walked, values in enumerate(itertools.product(*(variables[k] for k in keys))):
        if walked >= MAX_WALKED:
            raise MatrixError(f"the matrix makes up to {high:,} jobs (more than {MAX_WALKED:,} "
                              f"combinations to count); GitHub allows at most {MAX_JOBS}")  # fmt: skip
        combo = dict(zip(keys, values, strict=True))
        if not any(_match(combo, e) for e in exclude):
            kept += 1
            if kept > MAX_JOBS:
                raise MatrixError(f"the matrix makes more than {MAX_JOBS} jobs; GitHub allows "
                                  f"at most {MAX_JOBS}")  # fmt: skip


def expand(matrix: dict[str, Any]) -> list[dict[str, Any]]:
    """The legs of a matrix, in creation order.

    Cartesian product of the variables in declaration order; `exclude` removes every
    combination it partially matches; then each `include` entry is added to every ORIGINAL
    combination whose original values it does not overwrite (added keys may be overwritten
    by later includes), or else becomes a new combination of its own. The size is checked
    first, so a matrix past 256 legs is never built.
    """
    check_size(matrix)
    variables, include, exclude = _parts(matrix)

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
