"""The batch tables: findings per rule (``--statistics``) and one row per plan for district offices (``--summary``).

Data only; the text, JSON and HTML reports lay them out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kclint.results import FileResult


@dataclass(frozen=True)
class RuleCount:
    code: str
    rule: str
    count: int


def statistics(results: Sequence[FileResult]) -> list[RuleCount]:
    """Findings per rule, most frequent first (ties by code), like ``ruff --statistics``."""
    counts = Counter((f.code, f.rule) for r in results for f in r.findings)
    return [RuleCount(code, rule, n) for (code, rule), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


@dataclass(frozen=True)
class SchoolRow:
    """One plan in a district office's table."""

    path: str
    school: str | None
    level: str | None
    kind: str | None
    period: str | None
    errors: int
    warnings: int
    infos: int
    unreadable: str | None  # the reason, for a file kclint could not read

    def as_dict(self) -> dict[str, Any]:
        return dict(vars(self))


def school_summary(results: Sequence[FileResult], lang: str = "vi") -> list[SchoolRow]:
    """One row per file, in input order: who wrote it, for which period, how many problems."""
    rows = []
    for r in results:
        sev = Counter(f.severity.value for f in r.findings)
        plan = r.summary
        period = f"{plan.period.first_year}-{plan.period.last_year}" if plan and plan.period else None
        rows.append(SchoolRow(
            path=r.path, school=plan.school_name if plan else None,
            level=plan.school_level.value if plan else None, kind=plan.kind.value if plan else None,
            period=period, errors=sev["error"], warnings=sev["warning"], infos=sev["info"],
            unreadable=_without_path(r.error.message(lang), r.path) if r.error else None,
        ))
    return rows


def _without_path(message: str, path: str) -> str:
    """Per-file messages start with the path, which the table already shows."""
    return message[len(path) + 2:] if message.startswith(path + ": ") else message
