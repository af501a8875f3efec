"""Findings do not drift: every sample plan's JSON report equals the golden one (tests/golden/snapshot.py)."""

from __future__ import annotations

from golden.snapshot import SHARED, differences


def test_golden_reports_unchanged() -> None:
    diff = differences()
    assert not diff, (
        "JSON reports changed (run `python tests/golden/snapshot.py --dump /tmp/x` to see them, "
        "and `--update` after an intended change):\n" + "\n".join(diff)
    )


def test_shared_plans_are_compared_when_present() -> None:
    from golden.snapshot import SHARED_DIRS, plans, stored

    if SHARED.is_dir():
        assert set(stored()[1]) == {f"{p.parent.name}/{p.name}" for p in plans(SHARED_DIRS)}
