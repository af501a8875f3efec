"""The --jobs workers end with their parent: SIGTERM, SIGHUP, Ctrl+C or a crash (issue 18: 8)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

LINE = ("Tổ chuyên môn rà soát minh chứng của tiêu chí 1.1; thời gian hoàn thành: Tháng 3/2026, "
        "người thực hiện: Hiệu trưởng.\n\n")


def children(pid: int) -> set[int]:
    out = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.add(int(entry))
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture(scope="module")
def slow_plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Plans that keep two workers busy for several seconds."""
    folder = tmp_path_factory.mktemp("slow")
    text = "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n" + LINE * 3000
    for i in range(12):
        (folder / f"p{i}.txt").write_text(text, encoding="utf-8")
    return folder


def start(folder: Path) -> tuple[subprocess.Popen, set[int]]:
    proc = subprocess.Popen([sys.executable, "-m", "kclint", "check", str(folder), "--jobs", "2",
                             "--format", "json"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 20
    workers: set[int] = set()
    while time.monotonic() < deadline and len(workers) < 2:
        time.sleep(0.1)
        workers = children(proc.pid)
    assert len(workers) >= 2, "the workers never started"
    time.sleep(0.5)  # inside a plan
    return proc, workers


def wait_gone(pids: set[int], seconds: float) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.05)
    return {p for p in pids if alive(p)}


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 128 + 15), (signal.SIGHUP, 128 + 1),
                                           (signal.SIGINT, 130)])
def test_a_signal_to_the_parent_ends_the_workers(slow_plans: Path, sig: int, code: int) -> None:
    proc, workers = start(slow_plans)
    os.kill(proc.pid, sig)
    assert proc.wait(timeout=10) == code
    assert wait_gone(workers, 3.0) == set()
    assert b"Traceback" not in proc.stderr.read()


def test_a_crashed_parent_takes_its_workers_with_it(slow_plans: Path) -> None:
    proc, workers = start(slow_plans)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert wait_gone(workers, 3.0) == set()
