"""Dates of schedule appendices and of item deadlines against the plan's own issue date.

A week written in running text with its month ('Tuần 6 tháng 2/2026') is KC105's; a schedule table
puts the month and the week in different cells, which only these rules put back together.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from kclint.dates import DateExpr, DateKind, short_date, week_of_month, weeks_in_month
from kclint.engine import Context, Rule, RuleDoc
from kclint.model import DateFact, Finding, Location, Plan, Severity, Span
from kclint.model import Message as M
from kclint.rules._form_helpers import month_year
from kclint.rules._timing import TaskDate, concrete_parts, item_timings, school_year_of, task_date_facts

_MONTH_OF_WEEK = re.compile(r"tháng\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*(?P<y>\d{4}))?", re.IGNORECASE)
_ONE_WEEK = re.compile(r"tuần\s*(?:thứ\s*)?(?P<n>[1-6])", re.IGNORECASE)
_WEEKS = re.compile(r"tuần\s*(?P<list>\d{1,2}(?:\s*(?:,|;|&|và|-|–)\s*\d{1,2})*)", re.IGNORECASE)
_HEAD = "Số: 12/KH-MNAB\n\nAn Bình, ngày 14 tháng 10 năm 2025\n\nKẾ HOẠCH\n" \
        "Khảo thí và kiểm định chất lượng giáo dục năm học 2025-2026\n\nPHỤ LỤC\n\n"
_ITEM_HEAD = "Số: 12/KH-MNAB\n\nAn Bình, ngày 14 tháng 10 năm 2025\n\nKẾ HOẠCH\n" \
             "Cải tiến chất lượng giáo dục năm học 2025-2026\n\n" \
             "Tiêu chí 1.6: Quản lý hành chính, tài chính và tài sản\n\nMục tiêu cần đạt: Giữ vững Mức 3\n\n"


class WeekOutOfRange(Rule):
    code = "KC160"
    slug = "schedule-week-out-of-range"
    category = "date"
    kind = "date.week_out_of_range"
    severity = Severity.ERROR
    title = M(vi="Tuần không có trong tháng", en="Week that the month does not have")
    doc = RuleDoc(
        what=M(vi="Trong bảng lịch (Tháng | Nội dung | Tuần), \"Tuần N\" phải có trong tháng đó của năm học "
                  "(tuần bắt đầu từ thứ Hai, kể cả tuần lẻ đầu tháng: tháng 5/2024 có 5 tuần, tháng 2/2026 có 5).",
               en="In a schedule table (month | task | week), \"Tuần N\" must exist in that month of the school "
                  "year (Monday-started weeks, a partial first week included: May 2024 has 5, February 2026 has 5)."),
        why=M(vi="Tuần không tồn tại thì việc không có ngày thực hiện; thường do chép lịch của năm khác.",
              en="A week that does not exist gives the task no date; usually a schedule copied from another "
                 "year."),
        fix=M(vi="Ghi tuần có thật của tháng, hoặc chuyển việc sang tháng sau.",
              en="Use a real week of the month, or move the task to the next month."),
        fail_example=_HEAD + "Tháng\tNội dung\tMốc thời gian\n2\t- Giao lưu trải nghiệm mùa xuân.\tTuần 6\n",
        pass_example=_HEAD + "Tháng\tNội dung\tMốc thời gian\n2\t- Giao lưu trải nghiệm mùa xuân.\tTuần 5\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        seen: set[tuple[Location, str]] = set()
        for f in (*self._schedule_rows(plan), *self._written_weeks(plan), *self._row_weeks(plan)):
            if (f.location, f.evidence) not in seen:
                seen.add((f.location, f.evidence))
                yield f

    def _missing(self, span: Span, evidence: str, month: int, year: int, bad: list[int]) -> Finding:
        have = weeks_in_month(year, month)
        return self.finding(
            span,
            M(vi=f"Tháng {month}/{year} chỉ có {have} tuần; không có tuần {', '.join(map(str, bad))}.",
              en=f"{month}/{year} has {have} weeks; there is no week {', '.join(map(str, bad))}."),
            suggestion=M(vi=f"Chọn tuần từ 1 đến {have}, hoặc chuyển việc sang tháng khác.",
                         en=f"Pick a week from 1 to {have}, or move the task to another month."),
            evidence=evidence,
        )

    def _schedule_rows(self, plan: Plan) -> Iterator[Finding]:
        """A 'Tháng | Nội dung | Tuần' appendix whose month cell is a bare number of the school year."""
        for row in plan.schedule:
            if row.month is None or row.when is None:
                continue
            year = month_year(plan, row.month)
            if year is None:
                continue
            yield from self._weeks_against(row.when, row.when.text, row.month, year)

    def _weeks_against(self, span: Span, text: str, month: int, year: int) -> Iterator[Finding]:
        have = weeks_in_month(year, month)
        for m in _WEEKS.finditer(text):
            if bad := [n for n in map(int, re.findall(r"\d+", m["list"])) if not 1 <= n <= have]:
                yield self._missing(span, m.group(0), month, year, bad)

    def _written_weeks(self, plan: Plan) -> Iterator[Finding]:
        """'Tuần 6 tháng 11/2025' anywhere: in a cell, a schedule line, a bullet or prose."""
        for fact in plan.facts.dates:
            expr = fact.expr
            if expr.no_week is None or (m := _MONTH_OF_WEEK.search(expr.text)) is None:
                continue
            month = int(m["m"])
            year = int(m["y"]) if m["y"] else month_year(plan, month)
            if year is not None and 1 <= month <= 12:
                yield self._missing(fact.span, expr.text, month, year, [expr.no_week])

    def _row_weeks(self, plan: Plan) -> Iterator[Finding]:
        """A table row that puts the week ('Tuần 6') and its month ('Tháng 11/2025', or dates of one month) in
        different cells."""
        months: dict[tuple[int | None, int | None], tuple[int, int]] = {}
        weeks: list[tuple[tuple[int | None, int | None], Span]] = []
        for fact in plan.facts.dates:
            loc, expr = fact.span.loc, fact.expr
            if loc.table is None or not loc.row:
                continue
            row = (loc.block, loc.row)
            if expr.kind == DateKind.PARTIAL and _WEEKS.fullmatch(expr.text.strip()):
                weeks.append((row, fact.span))
            elif expr.bounded and expr.no_week is None and not _WEEKS.search(expr.text) and \
                    (expr.start.year, expr.start.month) == (expr.end.year, expr.end.month):
                months.setdefault(row, (expr.start.month, expr.start.year))
        for row, span in weeks:
            if row in months:
                yield from self._weeks_against(span, span.text, *months[row])


def _week_exprs(expr: DateExpr) -> Iterator[DateExpr]:
    """Every week written with its own days inside ``expr`` ('Tuần 1 (…) đến tuần 3 (…)' holds two)."""
    if expr.week is not None:
        yield expr
    else:
        for part in expr.parts:
            yield from _week_exprs(part)


def _month_weeks(day: date, month: int) -> set[int]:
    """The numbers a school may give the week of ``day`` in ``month``: counting the month's partial first
    week as week 1, or only its first Monday-started week (they agree when the month opens on a Monday)."""
    n = week_of_month(day)
    return {n, n - 1} - {0} if day.replace(day=1).weekday() else {n}


class WeekDatesMismatch(Rule):
    code = "KC162"
    slug = "week-dates-mismatch"
    category = "date"
    kind = "date.week_dates_mismatch"
    severity = Severity.WARNING
    title = M(vi="Ngày của tuần không khớp với số tuần hoặc tháng",
              en="A week's dates disagree with its number or month")
    doc = RuleDoc(
        what=M(vi="\"Tuần N (từ … đến …)\": các ngày phải là một tuần (thứ Hai đến Chủ nhật, không quá 7 ngày), "
                  "thuộc tháng ghi kèm và đúng là tuần thứ N của tháng (tính tuần lẻ đầu tháng là tuần 1, hoặc "
                  "tính từ thứ Hai đầu tiên: cả hai cách đều được chấp nhận).",
               en="\"Tuần N (from … to …)\": the days must be one week (Monday to Sunday, at most 7 days), in the "
                  "month written with it, and week N of that month (counting the partial first week as week 1, or "
                  "from the first Monday: both are accepted)."),
        why=M(vi="Số tuần và ngày mâu thuẫn thì người thực hiện không biết theo bên nào; thường do chép lịch của "
                 "năm khác hoặc sửa ngày mà quên sửa tuần.",
              en="When the week number and the dates disagree nobody knows which to follow; usually a schedule "
                 "copied from another year, or dates changed without the week."),
        fix=M(vi="Sửa số tuần hoặc các ngày cho khớp nhau (xem lịch năm học).",
              en="Make the week number and the dates agree (check the calendar)."),
        fail_example=_HEAD + "Tháng\tNội dung\tMốc thời gian\n11\t- Rà soát minh chứng.\t"
                             "Tuần 2 tháng 11/2025 (từ 17/11 đến 23/11/2025)\n",
        pass_example=_HEAD + "Tháng\tNội dung\tMốc thời gian\n11\t- Rà soát minh chứng.\t"
                             "Tuần 3 tháng 11/2025 (từ 10/11 đến 16/11/2025)\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        counted = _plan_week_groups(plan)
        for fact in plan.facts.dates:
            for expr in _week_exprs(fact.expr):
                week, days = expr.parts
                if not _counts_plan_weeks(counted, fact.span.loc, week.text):
                    yield from self._judged(fact.span, expr.text, expr.week, week.text, days)
        yield from self._row_weeks(plan, counted)
        for spans in counted.values():
            yield from self._plan_weeks(spans)

    def _plan_weeks(self, spans: list[_WeekSpan]) -> Iterator[Finding]:
        """A timetable counting the plan's own weeks ('Tuần 1 | 06/10 - 10/10/2025' … 'Tuần 13 - 16 | 29/12/2025
        - 23/01/2026', or 'Tuần 1 (từ 06/10/2025)' … in one cell or line): from week 1's Monday, weeks a-b run
        from that Monday + (a-1)·7 days to the Friday or Sunday of week b. A row whose days are not as many weeks
        as its numbers is a warning; one that starts on another week than its number says is info (a school may
        stop counting over Tết). Rows may share weeks (two tasks in week 5): each is judged on its own."""
        anchor = _anchor(spans)
        for w in spans:
            a, b, fact = w.first, w.last, w.fact
            start, end = w.days.start, w.days.end
            assert start is not None and end is not None
            due = anchor + timedelta(weeks=a - 1)
            # A single day ('Tuần 1 (từ 06/10/2025)') says where the weeks start, not where they end.
            if start.weekday() == 0 and start != end and end not in (start + timedelta(weeks=b - a, days=4),
                                                                     start + timedelta(weeks=b - a, days=6)):
                yield self._plan_week(fact, w.evidence, a, b, M(
                    vi=f"Tuần {a}–{b} bắt đầu {short_date(start)} thì kết thúc "
                       f"{short_date(start + timedelta(weeks=b - a, days=4))}, không phải {short_date(end)}.",
                    en=f"Weeks {a}–{b} starting {short_date(start)} end "
                       f"{short_date(start + timedelta(weeks=b - a, days=4))}, not {short_date(end)}."), None)
            # before week 1 or a year off: a slip of the days themselves, which KC101/KC106 judge
            elif anchor < start != due and start.replace(year=due.year) != due:
                yield self._plan_week(fact, w.evidence, a, b, M(
                    vi=f"Theo tuần 1 ({short_date(anchor)}), tuần {a} bắt đầu {short_date(due)}, không phải "
                       f"{short_date(start)}.",
                    en=f"Counting from week 1 ({short_date(anchor)}), week {a} starts {short_date(due)}, not "
                       f"{short_date(start)}."), Severity.INFO)

    def _plan_week(self, fact: DateFact, evidence: str, a: int, b: int, message: M,
                   severity: Severity | None) -> Finding:
        return self.finding(fact.span, message, severity=severity, evidence=evidence,
                            suggestion=M(vi=f"Sửa ngày cho khớp với tuần {a}–{b} của kế hoạch.",
                                         en=f"Make the days match weeks {a}–{b} of the plan."))

    def _row_weeks(self, plan: Plan, counted: dict[tuple[object, ...], list[_WeekSpan]]) -> Iterator[Finding]:
        """A table row with the week in one cell ('Tuần 2') and its days in another ('từ 17/11 đến 23/11/2025',
        'Tuần | Thời gian | Nội dung')."""
        weeks: dict[tuple[int | None, int | None], tuple[int, str]] = {}
        days: list[tuple[tuple[int | None, int | None], DateFact]] = []
        for fact in plan.facts.dates:
            loc, expr = fact.span.loc, fact.expr
            if loc.table is None or not loc.row:
                continue
            row = (loc.block, loc.row)
            if expr.kind == DateKind.PARTIAL and (m := _ONE_WEEK.fullmatch(expr.text.strip())):
                weeks.setdefault(row, (int(m["n"]), expr.text))
            elif expr.kind == DateKind.RANGE and expr.parts and all(p.kind == DateKind.DAY for p in expr.parts):
                days.append((row, fact))
        for row, fact in days:
            if row in weeks and not _counts_plan_weeks(counted, fact.span.loc, weeks[row][1]):
                n, said = weeks[row]
                yield from self._judged(fact.span, fact.expr.text, n, said, fact.expr)

    def _judged(self, span: Span, evidence: str, n: int | None, week_text: str,
                days: DateExpr) -> Iterator[Finding]:
        if n is None or days.start is None or days.end is None:
            return
        if (found := _week_days_problem(n, week_text, days.start, days.end)) is not None:
            vi, en, severity = found
            yield self.finding(span, M(vi=vi, en=en), severity=severity, evidence=evidence,
                               suggestion=M(vi="Sửa số tuần hoặc các ngày cho khớp nhau.",
                                            en="Make the week number and the dates agree."))


@dataclass(frozen=True)
class _WeekSpan:
    """Weeks ``first``-``last`` of the plan's own count with their days (a range of days, or week 1's first day)."""

    first: int
    last: int
    days: DateExpr
    fact: DateFact  # where a finding is reported
    evidence: str  # the days as written


def _days(expr: DateExpr) -> bool:
    """A day ('06/10/2025') or a range of days ('20/10 - 07/11/2025'), placed."""
    return expr.bounded and (expr.kind == DateKind.DAY or (
        expr.kind == DateKind.RANGE and bool(expr.parts) and all(p.kind == DateKind.DAY for p in expr.parts)))


def _week_numbers(text: str) -> tuple[int, int] | None:
    m = _WEEKS.fullmatch(text.strip())
    if m is None:
        return None
    numbers = [int(x) for x in re.findall(r"\d+", m["list"])]
    return (numbers[0], numbers[-1]) if numbers[0] <= numbers[-1] else None


def _group(loc: Location) -> tuple[object, ...]:
    """One timetable: a table, or the schedule lines of one section."""
    return ("table", loc.block) if loc.table is not None else ("lines", loc.section)


# Between a week and its days in one cell or line: 'Tuần 3 - 5 (20/10 - 07/11/2025)', '+ Tuần 6 - 9: 10/11 - …'.
_WEEK_TO_DAYS = re.compile(r"\s{0,3}[(:,–-]?\s{0,3}(?:từ\s{1,3})?", re.IGNORECASE)


def _week_spans(plan: Plan) -> Iterator[tuple[tuple[object, ...], _WeekSpan | None]]:
    """Every week range written with its days, by timetable: a table row's week cell and days cell, a week and
    its days in one cell or line. A timetable naming a month with a week ('Tuần 2 tháng 11') yields None: it
    counts weeks of the month."""
    lines = {t.loc: t.text for t in plan.texts}
    row_weeks: dict[tuple[int | None, int | None], tuple[int, int]] = {}
    row_days: dict[tuple[int | None, int | None], DateFact] = {}
    by_loc: dict[Location, list[DateFact]] = {}
    for fact in plan.facts.dates:
        loc, expr = fact.span.loc, fact.expr
        by_loc.setdefault(loc, []).append(fact)
        if "tuần" in expr.text.lower() and "tháng" in expr.text.lower():
            yield _group(loc), None
        elif len(expr.parts) == 2 and (n := _week_numbers(expr.parts[0].text)) and _days(expr.parts[1]):
            yield _group(loc), _WeekSpan(*n, expr.parts[1], fact, expr.parts[1].text)
        elif loc.table is not None and loc.row:
            row = (loc.block, loc.row)
            if expr.kind in (DateKind.PARTIAL, DateKind.MALFORMED) and (n := _week_numbers(expr.text)):
                row_weeks.setdefault(row, n)
            elif _days(expr):
                row_days.setdefault(row, fact)
    paired: set[int] = set()
    for loc, facts in by_loc.items():
        facts.sort(key=lambda f: f.offset)
        for week, days in pairwise(facts):
            n = _week_numbers(week.expr.text) if week.expr.kind in (DateKind.PARTIAL, DateKind.MALFORMED) else None
            if n and _days(days.expr) and _WEEK_TO_DAYS.fullmatch(
                    lines.get(loc, ""), week.offset + len(week.expr.text), days.offset):
                paired.add(id(days))
                yield _group(loc), _WeekSpan(*n, days.expr, days, days.expr.text)
    for row, fact in row_days.items():
        if row in row_weeks and id(fact) not in paired:
            yield _group(fact.span.loc), _WeekSpan(*row_weeks[row], fact.expr, fact, fact.expr.text)


def _anchor(spans: list[_WeekSpan]) -> date:
    first = next(w.days.start for w in spans if w.first == 1)
    assert first is not None
    return first


def _plan_week_groups(plan: Plan) -> dict[tuple[object, ...], list[_WeekSpan]]:
    """The timetables that count the plan's own weeks: week 1 is dated from one Monday (a second week 1 on
    another day starts a month's weeks again), and no week is named with a month."""
    groups: dict[tuple[object, ...], list[_WeekSpan]] = {}
    of_months: set[tuple[object, ...]] = set()
    for key, span in _week_spans(plan):
        if span is None:
            of_months.add(key)
        else:
            groups.setdefault(key, []).append(span)
    out: dict[tuple[object, ...], list[_WeekSpan]] = {}
    for key, spans in groups.items():
        ones = {w.days.start for w in spans if w.first == 1}
        first = next(iter(ones)) if len(ones) == 1 else None
        if key not in of_months and first is not None and first.weekday() == 0:
            out[key] = spans
    return out


def _counts_plan_weeks(counted: dict[tuple[object, ...], list[_WeekSpan]], loc: Location, week_text: str) -> bool:
    """Whether a week at ``loc`` is the plan's own count, so that weeks of a month do not judge it."""
    return _group(loc) in counted and not _MONTH_OF_WEEK.search(week_text)


def _week_days_problem(n: int, week_text: str, start: date, end: date) -> tuple[str, str, Severity] | None:
    """What is wrong with week ``n`` ('Tuần 3 tháng 11', written ``week_text``) and its days, in Vietnamese and
    English, and how sure it is."""
    said = f"{short_date(start)}–{short_date(end)}"
    if end - start >= timedelta(days=7) or end - timedelta(days=end.weekday()) != start - timedelta(
            days=start.weekday()):
        count = (end - start).days + 1
        return (f"\"Tuần {n}\" ghi {said}: {count} ngày, không nằm trong một tuần (thứ Hai đến Chủ nhật).",
                f"\"Tuần {n}\" says {said}: {count} days, not within one week (Monday to Sunday).",
                Severity.WARNING)
    named = _MONTH_OF_WEEK.search(week_text)
    month = int(named["m"]) if named else start.month
    if not 1 <= month <= 12:
        return None
    inside = [d for d in (start, end) if d.month == month]
    if not inside:
        return (f"\"Tuần {n} tháng {month}\" nhưng các ngày {said} thuộc tháng {start.month}/{start.year}.",
                f"\"Tuần {n} tháng {month}\" but the days {said} fall in {start.month}/{start.year}.",
                Severity.WARNING)
    if any(n in _month_weeks(d, month) for d in inside):
        return None
    real = sorted(set().union(*(_month_weeks(d, month) for d in inside)))
    # Without a month beside it the number may count the school year's weeks, a convention the plan does not
    # state: say so, do not warn.
    severity = Severity.WARNING if named else Severity.INFO
    year = inside[0].year
    return (f"{said} là tuần {' hoặc '.join(map(str, real))} của tháng {month}/{year}, không phải tuần {n}.",
            f"{said} is week {' or '.join(map(str, real))} of {month}/{year}, not week {n}.",
            severity)


class DeadlineBeforeIssue(Rule):
    code = "KC161"
    slug = "deadline-before-issue"
    category = "date"
    kind = "date.deadline_before_issue"
    severity = Severity.WARNING
    title = M(vi="Thời hạn hoàn thành trước ngày ban hành kế hoạch", en="Deadline before the plan is issued")
    doc = RuleDoc(
        what=M(vi="Thời gian hoàn thành của một tiêu chí kết thúc trước ngày ban hành kế hoạch (dòng \"…, ngày "
                  "… tháng … năm …\").",
               en="An item's completion time ends before the plan's issue date (the \"…, ngày … tháng … năm …\" "
                  "line)."),
        why=M(vi="Kế hoạch không thể giao việc đã phải xong trước khi kế hoạch được ký; thường là nhầm năm hoặc "
                 "chép từ kế hoạch năm trước.",
              en="A plan cannot assign work due before it was signed; usually a wrong year or a copy of last "
                 "year's plan."),
        fix=M(vi="Sửa thời hạn cho sau ngày ban hành, hoặc sửa ngày ban hành.",
              en="Move the deadline after the issue date, or correct the issue date."),
        fail_example=_ITEM_HEAD + "Thời gian bắt đầu: Tháng 9/2025\n\nThời gian hoàn thành: Tháng 9/2025\n",
        pass_example=_ITEM_HEAD + "Thời gian bắt đầu: Tháng 9/2025\n\nThời gian hoàn thành: Tháng 12/2025\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        issued = plan.header.issue_date
        if issued is None or issued > ctx.today or (plan.period and issued > plan.period.end):
            return  # the issue date itself is wrong (KC102/KC103): every deadline would echo it
        sy = school_year_of(plan)
        # A step the plan records as done before it was signed, by citing the document the step produced
        # (the council's founding decision, dated inside that step's days), is the plan's history, not a
        # deadline it sets.
        done = [c.date for c in plan.citations if c.date and c.date <= issued]
        for item in plan.items:
            for timing in item_timings(item, sy):
                if f := self._judge(timing.span, timing.expr, timing.role, f"Tiêu chí {item.criterion}", issued,
                                    done=done):
                    yield f
        # A task row, schedule row, bullet or sentence the item parser did not make an item. A date before the
        # plan's period is KC106's (a recalled earlier year, or a wrong year): not reported twice.
        tasks = list(task_date_facts(plan))
        underway = _row_holding(tasks, issued)
        for task in tasks:
            loc = task.fact.span.loc
            # A timetable the plan is issued in the middle of (a row's days hold the issue date) lists the steps
            # above that row as its own earlier steps (forming the council that signs the plan): done already or
            # a wrong date, the plan cannot tell, so it is info.
            earlier = loc.table is not None and loc.row < underway.get(loc.block, 0)
            if f := self._judge(task.fact.span, task.fact.expr, task.role, task.label, issued,
                                plan.period.start if plan.period else None, done,
                                Severity.INFO if earlier else None):
                yield f

    def _judge(self, span: Span, expr: DateExpr, role: str, label: str, issued: date,
               period_start: date | None = None, done: Sequence[date] = (),
               severity: Severity | None = None) -> Finding | None:
        if role == "start" or (expr.start and expr.end and any(expr.start <= d <= expr.end for d in done)):
            return None
        parts = concrete_parts(expr)
        last = parts[-1] if parts else None
        if last is None or last.end is None or last.end >= issued or (period_start and last.end < period_start):
            return None
        return self.finding(
            span,
            M(vi=f"{label}: hạn \"{last.text}\" kết thúc {short_date(last.end)}, trước ngày ban hành kế hoạch "
                 f"({short_date(issued)}).",
              en=f"{label}: the deadline \"{last.text}\" ends {short_date(last.end)}, before the plan is issued "
                 f"({short_date(issued)})."),
            suggestion=M(vi="Kiểm tra năm/tháng hoàn thành hoặc ngày ban hành.",
                         en="Check the completion month/year or the issue date."),
            evidence=last.text,
            severity=severity,
        )


def _row_holding(tasks: Sequence[TaskDate], issued: date) -> dict[int | None, int]:
    """Per table (its block), the first row whose dates hold the issue date."""
    rows: dict[tuple[int | None, int], list[DateExpr]] = {}
    for task in tasks:
        loc = task.fact.span.loc
        if loc.table is not None and loc.row:
            rows.setdefault((loc.block, loc.row), []).append(task.fact.expr)
    out: dict[int | None, int] = {}
    for (block, row), exprs in sorted(rows.items(), key=lambda kv: kv[0][1]):
        starts = [e.start for e in exprs if e.start]
        ends = [e.end for e in exprs if e.end]
        if starts and ends and min(starts) <= issued <= max(ends):
            out.setdefault(block, row)
    return out
