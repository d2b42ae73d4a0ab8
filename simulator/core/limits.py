"""Every bound ghasim puts on its input and its work, in one place (docs/scenarios.md, Limits).

A bound is checked before the work it guards, and breaking it is one positioned error (or,
for the run budget, a note saying where the simulation stopped), never a crash or a hang.
"""

from __future__ import annotations

from datetime import UTC, datetime

DAY = 86_400.0

MAX_DURATION = 35 * DAY  # §12.2: a workflow run lasts at most 35 days, so no job is longer
MAX_OFFSET = 366 * DAY  # an event, `until` or an expectation at most a year after `start`
EARLIEST_START = datetime(1970, 1, 1, tzinfo=UTC)
LATEST_START = datetime(9000, 1, 1, tzinfo=UTC)  # room for any chain after it

MAX_EVENTS = 10_000  # events in one scenario
MAX_ITERATIONS = 100_000  # Monte Carlo iterations of one scenario
DEFAULT_MAX_RUNS = 10_000  # runs one simulation may create before it stops with a note
MAX_MAX_RUNS = 1_000_000
MAX_COUNT = 1_000_000  # runners, parallel jobs, pushed commits, pull request numbers
MAX_SEED = 2**63 - 1
MAX_TEXT = 65_535  # a string value (a message, a payload): GitHub's payload limit (§6.3)
