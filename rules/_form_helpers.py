"""Shared by the form, structure, completeness, schedule and consistency rules (not a rule module)."""

from __future__ import annotations

import re

from kclint.dates import DateKind, parse_date_expr
from kclint.engine import per_run
from kclint.model import Plan, Span
from kclint.rules._timing import school_year_of
from kclint.textnorm import fold

# The word that names a period right before its years: 'năm học 2023-2024', 'chu kỳ 2022 - 2027'.
_PERIOD_WORD = re.compile(r"(?:năm\s+học|giai\s+đoạn|chu\s+k[ỳì])\s*[:(]?\s*$", re.IGNORECASE)
_MONEY = re.compile(
    r"\d[\d.,]{0,40}\s*(?:triệu|nghìn|ngàn|tỷ|tỉ|đồng|đ\b|vnđ|vnd)|\b\d{1,3}(?:[.,]\d{3}){2,12}\b", re.IGNORECASE
)
# Words that carry no subject: left out when comparing what two lines are about.
_STOP = frozenset(
    "các của và cho theo trong với về được đã để tại là có những một này đối thực hiện tổ chức tháng tuần năm "
    "học ngày trước sau từ đến khi nếu hoặc cùng tiếp tục"
    .split()
)
_WORD = re.compile(r"\w+")


def title_anchor(plan: Plan) -> Span | None:
    """What an absence finding quotes: the plan's title line, or its subject when the title is a bare
    'KẾ HOẠCH' (the subject names the plan), else the first text of the document."""
    if plan.title is not None:
        bare = fold(re.sub(r"\W+", " ", plan.title.text)).strip() == "kế hoạch"
        return plan.subject if bare and plan.subject is not None else plan.title
    return plan.texts[0] if plan.texts else None


def closing_anchor(plan: Plan) -> Span | None:
    """What a finding about the end of the plan quotes: the closing sentence, else the last body line."""
    body = [s for s in plan.texts if s.loc.table is None and (s.loc.origin in (None, "body"))]
    for span in reversed(body):
        if fold(span.text).startswith("trên đây là"):
            return span
    return body[-1] if body else None


@per_run
def _lines_by_place(plan: Plan) -> dict[tuple[int | None, int | None, int | None], list[Span]]:
    out: dict[tuple[int | None, int | None, int | None], list[Span]] = {}
    for s in plan.texts:
        out.setdefault((s.loc.block, s.loc.row, s.loc.column), []).append(s)
    return out


def line_with(plan: Plan, span: Span) -> Span:
    """The line holding ``span`` ('Thời gian bắt đầu: Tháng 9/2023' for the value 'Tháng 9/2023')."""
    # Only the lines of the span's paragraph or cell, not every line of the plan for every call.
    for s in _lines_by_place(plan).get((span.loc.block, span.loc.row, span.loc.column), ()):
        if span.text in s.text:
            return s
    return span


def period_phrase(text: str, offset: int, end: int) -> str:
    """``text[offset:end]`` widened to the period word before it ('chu kỳ 2022 - 2027')."""
    m = _PERIOD_WORD.search(text[:offset])
    return text[m.start():end] if m else text[offset:end]


def is_money(text: str) -> bool:
    return bool(_MONEY.search(text))


def is_time(text: str) -> bool:
    """The whole cell is a time expression ('Trong năm học', 'Tháng 5/2026', 'Hàng năm')."""
    expr = parse_date_expr(text)
    if expr is None or expr.kind == DateKind.MALFORMED:
        return False
    return len(expr.text) >= 0.7 * len(text.strip(" .;,"))


def content_words(text: str) -> set[str]:
    """Words that say what a line is about (folded, without digits and common function words)."""
    return {w for w in _WORD.findall(fold(text)) if len(w) > 1 and not w.isdigit() and w not in _STOP}


def overlap(a: set[str], b: set[str]) -> float:
    """Share of the smaller set found in the larger one (1.0 when one line restates the other)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def month_year(plan: Plan, month: int) -> int | None:
    """The calendar year of a bare month of the plan's school year: September-December the first year."""
    sy = school_year_of(plan)
    if sy is None:
        return None
    return sy.first if month >= 9 else sy.second
