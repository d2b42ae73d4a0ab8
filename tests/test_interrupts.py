"""Interrupts stop at once (issue S2): SIGINT and SIGTERM, to the leader or to its whole
process group, during `run --iterations` with two worker processes: every process is gone
within two seconds, the exit code is 130 or 143, there is no traceback and no half-written
output; a worker whose parent was killed outright exits by itself. Real signals, real
worker processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")

SCENARIO = ROOT / "scenarios" / "mlops-sync" / "full-story.yml"
GONE_WITHIN = 2.0  # the bound: every process gone this long after the signal


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def start(tmp_path: Path) -> tuple[subprocess.Popen, list[int], Path]:
    out = tmp_path / "timeline.txt"
    env = {**os.environ, "GHASIM_CACHE_DIR": str(tmp_path / "cache"),
           "GHASIM_STATE_DIR": str(tmp_path / "state")}  # fmt: skip
    proc = subprocess.Popen(
        [sys.executable, "-m", "simulator", "run", str(SCENARIO), "--iterations", "100000",
         "--processes", "2", "-o", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True,
    )  # fmt: skip
    workers: list[int] = []
    for _ in range(600):  # the pool is up once both workers exist (a bound, not a timing)
        workers = children(proc.pid)
        if len(workers) >= 2 or proc.poll() is not None:
            break
        time.sleep(0.05)
    assert len(workers) >= 2, proc.communicate()
    time.sleep(0.3)  # the workers are inside their chunks
    return proc, workers, out


def wait_gone(pids: list[int]) -> list[int]:
    deadline = time.monotonic() + GONE_WITHIN
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.05)
    return [p for p in pids if alive(p)]


@pytest.mark.parametrize("target", ["leader", "group"])
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_stops_every_process_at_once(tmp_path, signum, code, target):
    proc, workers, out = start(tmp_path)
    if target == "group":
        os.killpg(proc.pid, signum)
    else:
        proc.send_signal(signum)
    try:
        _, err = proc.communicate(timeout=GONE_WITHIN)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail("the command was still running two seconds after the signal")
    assert proc.returncode == code
    assert wait_gone(workers) == []
    assert b"Traceback" not in err, err.decode()
    assert not out.exists() and not list(tmp_path.glob("*.tmp"))


def test_workers_exit_when_their_parent_is_killed(tmp_path):
    proc, workers, _ = start(tmp_path)
    proc.kill()  # SIGKILL: no cleanup can run in the parent
    proc.communicate()
    assert wait_gone(workers) == []
