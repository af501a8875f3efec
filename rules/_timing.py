"""When an item starts and ends, as the date rules need it (shared, not a rule)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from kclint.dates import DateExpr, DateKind, SchoolYear, find_school_years, parse_date_expr
from kclint.model import TIME_FIELDS, DateFact, Item, Location, Plan, Span
from kclint.plantext import schedule_task_start


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


# A column named after the event it dates, with a word that makes its cells the plan's own times: 'Đánh giá
# ngoài dự kiến', 'Hạn nộp hồ sơ' (not 'Hạn chế', not 'giới hạn').
_PLANNED_HEADER = re.compile(r"(?<!\w)(?:dự\s+kiến|(?<!giới\s)hạn(?!\s+chế)(?!\w))", re.IGNORECASE)


def table_time_columns(plan: Plan) -> set[tuple[int | None, int | None]]:
    """(block, column) of every table column whose header names a time, or whose header names a planned event
    and whose every filled cell holds a date (a budget 'dự kiến' column holds amounts, never dates only)."""
    columns = {(t.loc.block, t.loc.column) for t in plan.texts
               if t.loc.table is not None and t.loc.row == 0 and _TIME_HEADER.match(t.text)}
    planned = {(t.loc.block, t.loc.column) for t in plan.texts
               if t.loc.table is not None and t.loc.row == 0 and _PLANNED_HEADER.search(t.text)}
    if not planned:
        return columns
    dated = {f.span.loc for f in plan.facts.dates}
    cells: defaultdict[tuple[int | None, int | None], list[bool]] = defaultdict(list)
    for t in plan.texts:
        key = (t.loc.block, t.loc.column)
        if key in planned and t.loc.row and t.text.strip():
            cells[key].append(t.loc in dated)
    return columns | {key for key, marks in cells.items() if all(marks)}



def place(span: Span) -> tuple[int | None, int | None, int | None]:
    """Where a value sits (block, row, column): an item's field and the fact read from it share it."""
    return (span.loc.block, span.loc.row, span.loc.column)


def item_places(plan: Plan) -> set[tuple[int | None, int | None, int | None]]:
    """The places of every item's time fields, which the item loops of the date rules judge already."""
    return {place(s) for i in plan.items for s in (i.start, i.end, i.timing) if s}


def fact_label(span: Span) -> str:
    return f"Tiêu chí {span.loc.criterion}" if span.loc.criterion else "Mốc thời gian"


# 'hoàn thành trong tháng 10/2025', 'chậm nhất vào ngày 15/5/2026', 'hoàn thành trong năm học'.
_DEADLINE_CUE = re.compile(r"(trước|hoàn\s+thành|hạn\s+chót|thời\s+hạn|chậm\s+nhất)\s*(?:trong|vào|đến|trước)?\s*"
                           r"(ngày\s*)?$", re.IGNORECASE)
# A result the clause reports as done ('đã hoàn thành trong tháng 8/2025'), not a deadline the plan sets.
_PAST = re.compile(r"(?<!\w)(?:đã|được\s+hoàn\s+thành)(?!\w)[^.;:]*$", re.IGNORECASE)
# Running text that schedules the task it is about ('thực hiện từ tháng 10/2025 đến ...', 'triển khai trong
# HK II'): its time is the task's, unlike a sentence recalling what the school did in an earlier year.
_TASK_CUE = re.compile(r"(thực\s+hiện|triển\s+khai|tiến\s+hành|dự\s+kiến)\s*(?:trong|vào|từ)?\s*$", re.IGNORECASE)


# What a deadline cue can name: a day, a month, or a phrase that names none (KC107's).
_DEADLINE_KINDS = (DateKind.DAY, DateKind.MONTH, DateKind.VAGUE, DateKind.RECURRING)


@dataclass(frozen=True)
class TaskDate:
    fact: DateFact
    role: str  # as Timing.role
    label: str  # 'Tiêu chí 2.1', or 'Hạn'/'Mốc thời gian' outside a criterion


def task_date_facts(plan: Plan) -> Iterator[TaskDate]:
    """Every date that times a task outside the items the parser built: under a time field (a labelled
    paragraph, a bullet, a time column the parser knows), in a cell of a column headed as time, or in running
    text that states a deadline or schedules its task. School years, cycles and the items' own fields are left
    out (the item loops judge those)."""
    judged = item_places(plan)
    time_columns = table_time_columns(plan)
    lines = {t.loc: t.text for t in plan.texts}
    for fact in plan.facts.dates:
        expr, loc = fact.expr, fact.span.loc
        if expr.kind in (DateKind.SCHOOL_YEAR, DateKind.CYCLE) or place(fact.span) in judged:
            continue
        line = lines.get(loc, "")
        before = line[max(0, fact.offset - 24):fact.offset]
        if fact.field in TIME_FIELDS:
            yield TaskDate(fact, fact.field, fact_label(fact.span))
        elif loc.table is not None and loc.row and (loc.block, loc.column) in time_columns:
            yield TaskDate(fact, "timing", fact_label(fact.span))
        elif loc.table is None and _about_the_past(plan, line, fact.offset):
            continue
        elif loc.table is None and _DEADLINE_CUE.search(before) and expr.kind in _DEADLINE_KINDS:
            yield TaskDate(fact, "end", "Hạn")
        elif loc.table is None and (_TASK_CUE.search(before) or _schedule_line(line, fact)):
            yield TaskDate(fact, "timing", fact_label(fact.span))


# Between the two ends of a range: 'từ tháng 10/2025 đến hàng năm', 'tháng 10/2025 – trong năm học'.
_RANGE_TO = re.compile(r"\s{0,3},?\s{0,3}(?:đến|tới|[\-\u2010-\u2015])\s{0,3}", re.IGNORECASE)


def vague_range_ends(plan: Plan) -> Iterator[tuple[DateFact, DateFact]]:
    """(start, end) of every range whose start is dated and whose end names no time: the end the task is
    held to is the vague one, whatever date precedes it (unlike 'Tháng 9/2025, thường xuyên', a date and a
    rhythm)."""
    lines = {t.loc: t.text for t in plan.texts}
    by_loc: defaultdict[Location, list[DateFact]] = defaultdict(list)
    for fact in plan.facts.dates:
        by_loc[fact.span.loc].append(fact)
    for loc, facts in by_loc.items():
        line = lines.get(loc, "")
        for a, b in pairwise(sorted(facts, key=lambda f: f.offset)):
            if a.expr.bounded and b.expr.kind in (DateKind.VAGUE, DateKind.RECURRING) \
                    and _RANGE_TO.fullmatch(line, a.offset + len(a.expr.text), b.offset):
                yield a, b


_FRAME = 20  # characters: 'Cuối năm học 2025-2026,' / 'Trong năm học 2024-2025,'


def _about_the_past(plan: Plan, line: str, offset: int) -> bool:
    """True when the sentence before a date in running text reports a result: it says the thing was done, or
    it opens on a school year before the plan's ('Cuối năm học 2024-2025, … hoàn thành vào tháng 8/2025')."""
    sentence = re.split(r"\.\s", line[:offset])[-1]
    if _PAST.search(sentence[-60:]):
        return True
    first = plan.period.start.year if plan.period else None
    # The earlier year frames the sentence (it opens it), not the object of a task ('Báo cáo … năm học
    # 2022-2023 trước ngày 25/9/2023' is a deadline).
    return first is not None and any(sy.valid and sy.first < first and sy.offset <= _FRAME
                                     for sy in find_school_years(sentence.lstrip(" -–+•*")))


def _schedule_line(line: str, fact: DateFact) -> bool:
    """True when the date opens a schedule line: only a list mark before it, the task after a colon or dash."""
    return schedule_task_start(line, fact.offset, fact.offset + len(fact.expr.text)) is not None
