"""Work counted in calls, not seconds (a busy machine moves the clock, never the count): the
Python-level calls into ghasim's own code while a function runs."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import simulator

PACKAGE = str(Path(simulator.__file__).parent)
T = TypeVar("T")


def count_calls(fn: Callable[[], T]) -> tuple[T, int]:
    """`fn()`'s value, and how many calls into ghasim's code it made."""
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event == "call" and frame.f_code.co_filename.startswith(PACKAGE):
            count += 1

    sys.setprofile(profile)
    try:
        value = fn()
    finally:
        sys.setprofile(None)
    return value, count
