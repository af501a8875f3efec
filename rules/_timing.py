"""When an item starts and ends, as the date rules need it (shared, not a rule)."""

from __future__ import annotations

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
