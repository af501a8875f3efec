"""Small helpers shared by the tests: parse a plan from text, run one rule on it, run ``kclint check``."""

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


# The rules the CLI tests' plans are built to trip; other families may grow.
CLI_SELECT = "date,level,count"


def cli_check(*args: str) -> tuple[int, str, str]:
    """``kclint check`` on the tests' fixed day with ``CLI_SELECT``: exit code, stdout, stderr."""
    # Imported here: the rule tests that share this module never load the CLI.
    from click.testing import CliRunner

    from kclint.cli import main

    result = CliRunner().invoke(main, ["check", "--today", TODAY.isoformat(), "--select", CLI_SELECT, *args])
    return result.exit_code, result.stdout, result.stderr
