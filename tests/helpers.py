"""Small helpers shared by the tests: parse a plan from text, run one rule on it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kclint.engine import RunOptions, run_rules
from kclint.model import Finding, Plan, SchoolLevel
from kclint.parse import build_plan
from kclint.readers.text import read_text

TODAY = dt.date(2026, 11, 24)


def plan_from_text(text: str, path: str = "plan.txt") -> Plan:
    return build_plan(read_text(text.encode("utf-8"), path))


def plan_from_file(path: Path) -> Plan:
    from kclint.readers import read_document

    return build_plan(read_document(str(path)))


def run(plan: Plan, select: list[str] | None = None, today: dt.date = TODAY,
        level: SchoolLevel | None = None) -> list[Finding]:
    if level is not None:
        plan = plan.model_copy(update={"school_level": level})
    return run_rules(plan, RunOptions(today=today, select=select or [], strict=True))
