"""When an item starts and ends, as the date rules need it (shared, not a rule)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kclint.dates import DateExpr, DateKind, SchoolYear, parse_date_expr
from kclint.model import Item, Plan, Span


def school_year_of(plan: Plan) -> SchoolYear | None:
    """The plan's school year, used to place a bare 'tháng 11' in a calendar year."""
    return plan.period.school_year if plan.period else None


@dataclass(frozen=True)
class Timing:
    span: Span
    expr: DateExpr
    role: str  # "start", "end" or "timing" (one cell for both)


def item_timings(item: Item, sy: SchoolYear | None) -> list[Timing]:
    out: list[Timing] = []
    for role in ("start", "end", "timing"):
        span: Span | None = getattr(item, role)
        if span is None or not span.text.strip():
            continue
        expr = parse_date_expr(span.text, sy)
        if expr is not None:
            out.append(Timing(span, expr, role))
    return out


def concrete_parts(expr: DateExpr) -> list[DateExpr]:
    """The bounded pieces of an expression (a range or a conjunction yields each part)."""
    if expr.parts:
        return [p for part in expr.parts for p in concrete_parts(part)]
    return [expr] if expr.bounded and expr.kind != DateKind.MALFORMED else []


# A schedule's month or week column ('Tháng', 'Tuần', 'Từ ngày') is a time column too.
_TIME_HEADER = re.compile(r"^\W*(thời\s+gian|thời\s+hạn|mốc\s+thời\s+gian|tháng|tuần|từ\s+ngày|đến\s+ngày)\b",
                          re.IGNORECASE)


def table_time_columns(plan: Plan) -> set[tuple[int | None, int | None]]:
    """(block, column) of every table column whose header names a time."""
    return {(t.loc.block, t.loc.column) for t in plan.texts
            if t.loc.table is not None and t.loc.row == 0 and _TIME_HEADER.match(t.text)}

