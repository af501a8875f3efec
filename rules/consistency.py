"""One plan saying two things: its own period restated differently, an evaluation period given twice,
results 'achieved' in the year being planned, schedule appendix dates against the body.

Names of events that differ between body and appendix are ``consistency.name`` (text rules); here only
the dates of matching tasks are compared.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from kclint.catalog import plan_parts, school_level_wordings
from kclint.dates import (
    DateExpr,
    DateKind,
    find_date_exprs,
    find_school_years,
    parse_date_expr,
    short_date,
    week_bounds,
)
from kclint.engine import Context, Rule, RuleDoc
from kclint.model import Finding, Location, Plan, PlanKind, ScheduleRow, Severity, Span
from kclint.model import Message as M
from kclint.rules._form_helpers import content_words, month_year, overlap, period_phrase
from kclint.rules._timing import school_year_of
from kclint.textnorm import fold

_HEAD = "Số: 12/KH-THAB\n\nAn Bình, ngày 14 tháng 10 năm 2025\n\nKẾ HOẠCH\n" \
        "Cải tiến chất lượng nhà trường năm học 2025-2026\n\n"
_SELF = re.compile(r"^\W*trên\s+đây\s+là\b|\bkế\s+hoạch\s+này\b|\bnhư\s+sau\s*:?\s*$", re.IGNORECASE)
_CITING = re.compile(r"^\W*(?:căn\s+cứ|thực\s+hiện)\b", re.IGNORECASE)


def _plan_years(plan: Plan) -> tuple[int, int] | None:
    return (plan.period.first_year, plan.period.last_year) if plan.period else None


class PlanPeriodRestated(Rule):
    code = "KC720"
    slug = "plan-period-restated"
    category = "consistency"
    kind = "consistency.period"
    severity = Severity.WARNING
    title = M(vi="Kế hoạch tự nêu thời kỳ khác với tên kế hoạch", en="The plan restates a different period")
    doc = RuleDoc(
        what=M(vi="Câu nói về chính kế hoạch (\"Trên đây là kế hoạch …\", \"… xây dựng kế hoạch … như sau\", "
                  "\"kế hoạch này\") nêu năm học/giai đoạn khác với năm học/giai đoạn ở tên kế hoạch; một mục tiêu hẹn "
                  "\"đến cuối năm học\" đã qua; một dòng nhóm của bảng nhiệm vụ ghi năm học ngoài thời kỳ kế hoạch.",
               en="A sentence about the plan itself (\"Trên đây là kế hoạch …\", \"… như sau\", \"kế hoạch này\") "
                  "names a school year or cycle other than the one in the plan's title; a target set \"by the end of\" "
                  "a past school year; a group row of the task table naming a year outside the plan's period."),
        why=M(vi="Người thực hiện không biết kế hoạch áp dụng cho một năm học hay cả chu kỳ.",
              en="Readers cannot tell whether the plan covers one school year or a whole cycle."),
        fix=M(vi="Thống nhất một thời kỳ ở tên kế hoạch và phần kết.",
              en="Use one period in the title and the closing."),
        fail_example=_HEAD + "I. MỤC ĐÍCH\n\nNâng cao chất lượng.\n\n"
        "Trên đây là kế hoạch cải tiến chất lượng, chu kỳ 2025 - 2030 của nhà trường./.\n",
        pass_example=_HEAD + "I. MỤC ĐÍCH\n\nNâng cao chất lượng.\n\n"
        "Trên đây là kế hoạch cải tiến chất lượng năm học 2025-2026 của nhà trường./.\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        years = _plan_years(plan)
        if years is None:
            return
        title_places = {(s.loc.block, s.loc.row) for s in (plan.title, plan.subject) if s}
        reported: set[Location] = set()
        for span in plan.texts:
            text = span.text
            if (span.loc.block, span.loc.row) in title_places or _CITING.match(text) or not _SELF.search(text):
                continue
            if "kế hoạch" not in fold(text):
                continue
            stated = [sy for sy in find_school_years(text) if sy.second > sy.first]
            if not stated or any((sy.first, sy.second) == years for sy in stated):
                continue
            sy = stated[0]
            phrase = period_phrase(text, sy.offset, sy.offset + len(sy.text))
            assert plan.period is not None
            reported.add(span.loc)
            yield self.finding(
                span,
                M(vi=f"Câu kết nói kế hoạch dành cho \"{phrase}\", còn tên kế hoạch ghi "
                     f"\"{plan.period.span.text}\".",
                  en=f"This sentence says the plan is for \"{phrase}\", but its title says "
                     f"\"{plan.period.span.text}\"."),
                suggestion=M(vi=f"Thống nhất một thời kỳ (\"{plan.period.span.text}\" nếu tên kế hoạch đúng).",
                             en=f"Use one period (\"{plan.period.span.text}\" if the title is right)."),
                evidence=phrase,
            )
        yield from self._near_cycles(plan, years, title_places, reported)
        yield from self._earlier_targets(plan, years, reported)
        yield from self._group_rows(plan, years, reported)
        yield from self._labelled_years(plan, years, title_places, reported)

    def _near_cycles(self, plan: Plan, years: tuple[int, int], title_places: set[tuple[int | None, int | None]],
                     reported: set[Location]) -> Iterator[Finding]:
        """A cycle of a multi-year plan written one year off at one end ('giai đoạn 2024-2028' in a 2024-2029
        plan), wherever it stands: a goal line, a cell, a heading. A phase of the cycle ('giai đoạn 2024-2026')
        or another document's period (a strategy, the last evaluation) differs by more, or is cited."""
        first, last = years
        if last - first < 2:
            return
        assert plan.period is not None
        lines = {t.loc: t.text for t in plan.texts}
        for fact in plan.facts.dates:
            expr, loc = fact.expr, fact.span.loc
            if expr.kind != DateKind.CYCLE or expr.start is None or expr.end is None or loc in reported:
                continue
            if abs(expr.start.year - first) + abs(expr.end.year - last) != 1:
                continue
            line = lines.get(loc, fact.span.text)
            if (loc.block, loc.row) in title_places or _CITING.match(line) or \
                    _OTHER_PLAN.search(line[max(0, expr.offset - 60):expr.offset]):
                continue
            reported.add(loc)
            yield self.finding(
                fact.span,
                M(vi=f"\"{expr.text}\" lệch một năm so với thời kỳ của kế hoạch (\"{plan.period.span.text}\").",
                  en=f"\"{expr.text}\" is one year off the plan's own period (\"{plan.period.span.text}\")."),
                suggestion=M(vi=f"Ghi đúng thời kỳ của kế hoạch: \"{plan.period.span.text}\".",
                             en=f"Write the plan's period: \"{plan.period.span.text}\"."),
                evidence=expr.text,
            )

    def _earlier_targets(self, plan: Plan, years: tuple[int, int], reported: set[Location]) -> Iterator[Finding]:
        """A target dated by a school year that ends when the plan begins or earlier ('Đến cuối năm học
        2025-2026, … đạt Mức 3' in a 2026-2027 plan): the year just assessed, copied from last year's plan.
        Only a target counts (an item's target, or a sentence of the purpose part that sets a deadline or says
        'phấn đấu'); results and the current state name past years by right."""
        purpose = _purpose_sections(plan)
        lines = {t.loc: t.text for t in plan.texts}
        targets = [(i.target, i.target.text, 0) for i in plan.items if i.target]
        targets += [(f.span, lines.get(f.span.loc, f.span.text), f.offset) for f in plan.facts.dates
                    if f.field == "target" or _within(f.span.loc.section, purpose)]
        for span, line, offset in targets:
            if span.loc in reported:
                continue
            for sy in find_school_years(line[offset:]):
                at = offset + sy.offset
                clause = re.split(r"[.;]\s", line[:at])[-1]
                if not sy.valid or sy.second > years[0] or _LOOKING_BACK.search(clause):
                    continue
                if not (_TARGET_DEADLINE.search(line[:at]) or _STRIVE.search(clause)):
                    continue
                reported.add(span.loc)
                words = line[at - len(m[0]) if (m := _YEAR_WORDS.search(line[:at])) else at:at + len(sy.text)]
                yield self._other_year(plan, span, words,
                                       M(vi="Mục tiêu đặt cho một năm học đã qua", en="A target set for a past year"))
                break

    def _group_rows(self, plan: Plan, years: tuple[int, int], reported: set[Location]) -> Iterator[Finding]:
        """A group row of a task table ('HỌC KỲ I NĂM HỌC 2024-2025' above the semester's rows) naming a school
        year outside the plan's period: the rows under it are the plan's own tasks."""
        rows: dict[tuple[int | None, int | None], set[str]] = defaultdict(set)
        for t in plan.texts:
            if t.loc.table is not None and t.text.strip():
                rows[(t.loc.block, t.loc.row)].add(t.text.strip())
        # Where tasks stand: the items, and every criterion the plan names (a schedule or prose gives no items).
        task_rows = defaultdict(list)
        for loc in [i.heading.loc for i in plan.items] + [c.span.loc for c in plan.facts.criteria]:
            task_rows[loc.block].append(loc.row or 0)
        lines = {t.loc: t.text for t in plan.texts}
        task_blocks = {b or 0 for b in task_rows}
        for fact in plan.facts.dates:
            loc = fact.span.loc
            if loc in reported:
                continue
            if loc.table is not None:
                if len(rows[(loc.block, loc.row)]) != 1 or \
                        not any(r > (loc.row or 0) for r in task_rows.get(loc.block, ())):
                    continue
            elif _HEADING_MARKS.sub("", lines.get(loc, "")) != _HEADING_MARKS.sub("", fact.expr.text) or \
                    not any(b > (loc.block or 0) for b in task_blocks):
                continue
            outside = [sy for sy in find_school_years(fact.expr.text)
                       if sy.valid and (sy.first < years[0] or sy.second > years[1])]
            if outside:
                reported.add(loc)
                yield self._other_year(plan, fact.span, fact.expr.text,
                                       M(vi="Dòng nhóm của bảng nhiệm vụ ghi năm học khác",
                                         en="A group row of the task table names another school year"))

    def _labelled_years(self, plan: Plan, years: tuple[int, int], title_places: set[tuple[int | None, int | None]],
                        reported: set[Location]) -> Iterator[Finding]:
        """A label of the plan's own aims opening a line or cell with a school year outside the plan's period
        ('Mục tiêu năm học 2026-2027: ...' in a 2025-2026 plan, '2. Nhiệm vụ năm học 2024-2025'). A label
        looking back in its own clause ('Mục tiêu năm học 2024-2025 đã đạt') reviews another year's aims."""
        for span in plan.texts:
            m = _AIM_LABEL.match(span.text)
            if m is None or span.loc in reported or (span.loc.block, span.loc.row) in title_places \
                    or _LOOKING_BACK.search(_CLAUSE_END.split(span.text[m.end():], 1)[0]):
                continue
            sy = next(iter(find_school_years(m.group("year"))), None)
            if sy is None or not sy.valid or (years[0] <= sy.first and sy.second <= years[1]):
                continue
            reported.add(span.loc)
            yield self._other_year(plan, span, m.group("label").strip(),
                                   M(vi="Nhãn mục tiêu, nhiệm vụ của kế hoạch ghi năm học khác",
                                     en="A label of the plan's aims or tasks names another school year"))

    def _other_year(self, plan: Plan, span: Span, words: str, what: M) -> Finding:
        assert plan.period is not None
        period = plan.period.span.text
        return self.finding(
            span,
            M(vi=f"{what.vi}: \"{words}\", còn kế hoạch dành cho \"{period}\".",
              en=f"{what.en}: \"{words}\", but the plan is for \"{period}\"."),
            suggestion=M(vi=f"Ghi năm học của kế hoạch (\"{period}\").", en=f"Write the plan's year (\"{period}\")."),
            evidence=words,
        )


# A deadline a target sets by a school year: 'Đến cuối năm học', 'đến hết năm học', 'cuối năm học', 'trong năm học'.
_TARGET_DEADLINE = re.compile(r"(?:(?:đến|tới)\s+(?:cuối|hết)|cuối|hết|trong)\s+năm\s+học\s*$", re.IGNORECASE)
_YEAR_WORDS = re.compile(r"(?:(?:đến|tới)\s+)?(?:(?:cuối|hết)\s+)?năm\s+học\s*$", re.IGNORECASE)
_STRIVE = re.compile(r"phấn\s+đấu", re.IGNORECASE)
# A clause measuring against or recalling a past year ('so với năm học 2025-2026', 'đã đạt', 'kết quả').
_LOOKING_BACK = re.compile(r"so\s+với|(?<!\w)như(?!\w)|(?<!\w)đã(?!\w)|kết\s+quả|duy\s+trì\s+kết|giữ\s+vững\s+kết",
                           re.IGNORECASE)


_CLAUSE_END = re.compile(r"[.;:!?]")
# A label of the plan's own aims with its school year, opening a line ('Mục tiêu năm học 2026-2027:',
# '2. Chỉ tiêu cụ thể năm học 2025 - 2026').
_AIM_LABEL = re.compile(r"^[\W\d_]*(?:[IVX]+\s*[.)]\s*)?(?P<label>(?:mục\s+tiêu|chỉ\s+tiêu|nhiệm\s+vụ)"
                        r"(?:\s+(?:chung|cụ\s+thể|trọng\s+tâm))?\s+(?:của\s+)?"
                        r"(?P<year>năm\s+học\s+\d{4}\s*[-–—/]\s*\d{4}))", re.IGNORECASE)


# What may surround a period written as a heading of its own: numbering, bullets, bold marks, a colon.
_HEADING_MARKS = re.compile(r"^[\W\d_]*(?:[IVX]+\s*[.)]\s*)?|[\W_]*$")


def _purpose_sections(plan: Plan) -> set[str]:
    """The paths of the sections whose heading opens the purpose part ('MỤC TIÊU', 'MỤC ĐÍCH, YÊU CẦU')."""
    heads = tuple(fold(h) for h in plan_parts().part("purpose").headings)
    return {s.path for s in plan.sections if fold(s.title).lstrip(" *_").startswith(heads)}


def _within(section: str | None, paths: set[str]) -> bool:
    return section is not None and any(section == p or section.startswith(p + ".") for p in paths)


# Another document's period written near a cycle: 'chiến lược phát triển giai đoạn …', 'Nghị quyết … giai đoạn …'.
_OTHER_PLAN = re.compile(r"chiến\s+lược|nghị\s+quyết|đề\s+án|quy\s+hoạch|chương\s+trình|đánh\s+giá\s+ngoài|"
                         r"của\s+(?:ubnd|ủy\s+ban|sở|phòng|bộ|huyện|tỉnh|thành\s+phố)", re.IGNORECASE)


_EXTERNAL = re.compile(r"đánh\s+giá\s+ngoài", re.IGNORECASE)
_BASIS = "Căn cứ kết quả đánh giá ngoài giai đoạn từ năm học 2019 - 2020 đến năm học 2023 - 2024;\n\n"


# The years a self-assessment draws its evidence from ('minh chứng … từ năm học 2019-2020 đến năm học 2023-2024').
_EVIDENCE = re.compile(r"minh\s+chứng", re.IGNORECASE)


def _evaluation_periods(plan: Plan) -> list[tuple[Span, DateExpr, bool]]:
    """Periods stated for the external evaluation ('đánh giá ngoài giai đoạn từ năm học … đến năm học …') or
    for the evidence of the self-assessment, each marked True when it is the evidence's: the two are different
    windows (a school evaluated externally in 2014-2019 gathers 2019-2024 evidence now) and each is compared
    only with its own kind."""
    out: list[tuple[Span, DateExpr, bool]] = []
    for span in plan.texts:
        for expr in find_date_exprs(span.text):
            if expr.kind not in (DateKind.RANGE, DateKind.CYCLE) or not expr.bounded:
                continue
            # A range of school years only: a narrowed third ('cuối năm học …') shifts its own years, and an
            # expression with no parts is no range of school years (all() of nothing holds).
            if expr.approx or (expr.kind == DateKind.RANGE and not (
                    expr.parts and all(p.kind == DateKind.SCHOOL_YEAR for p in expr.parts))):
                continue
            before = span.text[max(0, expr.offset - 60):expr.offset]
            if _EXTERNAL.search(before):
                out.append((span, expr, False))
            elif _EVIDENCE.search(before):
                out.append((span, expr, True))
    return out


class EvaluationPeriodMismatch(Rule):
    code = "KC721"
    slug = "evaluation-period-mismatch"
    category = "consistency"
    kind = "consistency.period"
    severity = Severity.WARNING
    title = M(vi="Giai đoạn đánh giá ngoài ghi hai cách khác nhau", en="External evaluation period given twice")
    doc = RuleDoc(
        what=M(vi="Giai đoạn được đánh giá ngoài (\"từ năm học … đến năm học …\"), hoặc các năm học lấy minh "
                  "chứng tự đánh giá, được nêu nhiều lần trong kế hoạch nhưng không giống nhau.",
               en="The period of the external evaluation (\"từ năm học … đến năm học …\"), or the school years the "
                  "self-assessment draws its evidence from, is stated more than once with different years."),
        why=M(vi="Kết quả đánh giá ngoài là căn cứ của kế hoạch; hai giai đoạn khác nhau thì không rõ căn cứ "
                 "vào đợt đánh giá nào.",
              en="The external evaluation grounds the plan; two periods leave unclear which evaluation it "
                 "rests on."),
        fix=M(vi="Đối chiếu báo cáo đánh giá ngoài và sửa cho thống nhất.",
              en="Check the evaluation report and make both statements agree."),
        fail_example=_HEAD + _BASIS + "II. THỰC TRẠNG\n\n"
        "1. Kết quả đánh giá ngoài giai đoạn từ năm học 2018-2019 đến năm học 2022-2023\n",
        pass_example=_HEAD + _BASIS + "II. THỰC TRẠNG\n\n"
        "1. Kết quả đánh giá ngoài giai đoạn từ năm học 2019-2020 đến năm học 2023-2024\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        firsts: dict[bool, DateExpr] = {}
        for span, expr, evidence in _evaluation_periods(plan):
            first = firsts.setdefault(evidence, expr)
            assert expr.start is not None and expr.end is not None
            assert first.start is not None and first.end is not None
            if (expr.start.year, expr.end.year) == (first.start.year, first.end.year):
                continue
            what = M(vi="Khoảng thời gian lấy minh chứng", en="The evidence window") if evidence else \
                M(vi="Giai đoạn đánh giá ngoài", en="The external evaluation period")
            yield self.finding(
                span,
                M(vi=f"{what.vi} ghi \"{expr.text}\", nhưng trước đó ghi \"{first.text}\".",
                  en=f"{what.en} reads \"{expr.text}\" here and \"{first.text}\" earlier."),
                suggestion=M(vi=f"Đối chiếu báo cáo {'tự đánh giá' if evidence else 'đánh giá ngoài'}, sửa cho hai "
                                "chỗ giống nhau.",
                             en=f"Check the {'self-assessment' if evidence else 'evaluation'} report and make both "
                                "agree."),
                evidence=expr.text,
            )


_RESULTS = re.compile(r"kết\s+quả.*(?:đạt\s+được|đã\s+đạt)", re.IGNORECASE)


class ResultsInPlanYear(Rule):
    code = "KC722"
    slug = "results-in-plan-year"
    category = "consistency"
    kind = "consistency.period"
    severity = Severity.INFO
    title = M(vi="Báo cáo kết quả \"đạt được\" trong chính năm học đang lập kế hoạch",
              en="Results 'achieved' in the school year being planned")
    doc = RuleDoc(
        what=M(vi="Tiêu đề mục \"Kết quả đạt được năm học X\" trong kế hoạch cho chính năm học X: kết quả của "
                  "năm chưa diễn ra. Thường phải là năm học trước.",
               en="A heading \"Kết quả đạt được năm học X\" in a plan for that same school year X reports "
                  "results of a year not yet lived. Usually the previous year is meant."),
        why=M(vi="Kế hoạch dựa trên kết quả năm trước; ghi nhầm năm làm sai căn cứ.",
              en="A plan builds on last year's results; the wrong year misstates its basis."),
        fix=M(vi="Ghi năm học trước (ví dụ \"năm học 2024-2025\" cho kế hoạch 2025-2026).",
              en="Write the previous school year (e.g. 2024-2025 for a 2025-2026 plan)."),
        fail_example=_HEAD + "II. NHỮNG KẾT QUẢ ĐẠT ĐƯỢC NĂM HỌC 2025-2026\n\nHoàn thành các chỉ tiêu.\n",
        pass_example=_HEAD + "II. NHỮNG KẾT QUẢ ĐẠT ĐƯỢC NĂM HỌC 2024-2025\n\nHoàn thành các chỉ tiêu.\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        p = plan.period
        if p is None or p.kind != "school_year":
            return
        for section in plan.sections:
            if not _RESULTS.search(section.title):
                continue
            if any((sy.first, sy.second) == (p.first_year, p.last_year) for sy in find_school_years(section.title)):
                yield self.finding(
                    section.span,
                    M(vi=f"Mục báo cáo kết quả \"đạt được\" của năm học {p.span.text}, cũng là năm học kế hoạch "
                         "này đặt ra.",
                      en=f"The section reports results 'achieved' in {p.span.text}, the very year this plan is "
                         "for."),
                    suggestion=M(vi=f"Nếu là kết quả năm trước, ghi \"năm học {p.first_year - 1}-{p.first_year}\".",
                                 en=f"If last year's results are meant, write {p.first_year - 1}-{p.first_year}."),
                )


_DEADLINE = re.compile(r"(?:trước|hoàn\s+thành|chậm\s+nhất|hạn\s+chót)\s*(?:ngày|tháng)?\s*$", re.IGNORECASE)
_BOUNDED = (DateKind.DAY, DateKind.MONTH, DateKind.RANGE)


def _row_span(plan: Plan, row: ScheduleRow) -> tuple[DateExpr, str] | None:
    """The days a schedule row covers (its week of the month, else the month) and how to say it."""
    if row.month is None:
        return None
    year = month_year(plan, row.month)
    if year is None:
        return None
    weeks = [int(n) for n in re.findall(r"\d{1,4}", row.when.text)] if row.when else []
    try:
        if weeks:
            start, _ = week_bounds(year, row.month, min(weeks))
            _, end = week_bounds(year, row.month, max(weeks))
            label = f"{row.when.text} tháng {row.month}/{year}" if row.when else ""
            return DateExpr(text=label, kind=DateKind.RANGE, start=start, end=end), label
    except ValueError:
        pass  # a week the month lacks is KC160's
    expr = parse_date_expr(f"tháng {row.month}/{year}")
    return (expr, f"tháng {row.month}/{year}") if expr else None


def _body_dates(plan: Plan, skip_blocks: set[int | None]) -> list[tuple[Span, set[str], list[tuple[DateExpr, bool]]]]:
    """Body lines with their subject words and their dates (each marked True when it is a deadline).

    Dates inside citations ('Thông tư số 13/2020/TT-BGDĐT, ngày 26/5/2020') name other documents, not
    when the task happens, and are blanked out first.
    """
    cited: dict[tuple[int | None, int | None, int | None], list[str]] = {}
    for c in plan.citations:
        cited.setdefault((c.span.loc.block, c.span.loc.row, c.span.loc.column), []).append(c.span.text)
    sy = school_year_of(plan)
    out = []
    for span in plan.texts:
        if span.loc.block in skip_blocks:
            continue
        text = span.text
        for c in cited.get((span.loc.block, span.loc.row, span.loc.column), []):
            text = text.replace(c, " " * len(c))
        dates = [(e, bool(_DEADLINE.search(text[max(0, e.offset - 25):e.offset])))
                 for e in find_date_exprs(text, sy) if e.kind in _BOUNDED and e.bounded]
        if dates:
            out.append((span, content_words(text), dates))
    return out


class ScheduleContradictsBody(Rule):
    code = "KC723"
    slug = "schedule-contradicts-body"
    category = "consistency"
    kind = "consistency.body_vs_appendix"
    severity = Severity.WARNING
    title = M(vi="Lịch ở phụ lục mâu thuẫn với thời gian trong nội dung", en="Schedule date contradicts the body")
    doc = RuleDoc(
        what=M(vi="Một việc trong bảng lịch (Tháng | Nội dung | Tuần) được xếp vào thời điểm mâu thuẫn với "
                  "chính việc đó ở phần nội dung (\"Hoàn thành trước tháng 12/2023\" nhưng phụ lục xếp tháng "
                  "3/2024). Chỉ báo khi không câu nào trong nội dung khớp với lịch.",
               en="A task of the schedule table (month | task | week) is placed at a time that contradicts the "
                  "same task in the body (\"Hoàn thành trước tháng 12/2023\" but scheduled in March 2024). "
                  "Reported only when no body sentence agrees with the schedule."),
        why=M(vi="Hai mốc khác nhau cho một việc: người thực hiện không biết theo mốc nào.",
              en="Two dates for one task: nobody knows which one to keep."),
        fix=M(vi="Sửa phụ lục hoặc phần nội dung cho cùng một thời điểm.",
              en="Correct the appendix or the body so both give the same time."),
        fail_example=_HEAD + "1. Rà soát tiêu chuẩn cơ sở vật chất các phòng học (hoàn thành trước tháng 12/2025).\n\n"
        "Tháng\tNội dung\tMốc thời gian\n3\t- Rà soát tiêu chuẩn cơ sở vật chất các phòng học.\tTuần 1\n",
        pass_example=_HEAD + "1. Rà soát tiêu chuẩn cơ sở vật chất các phòng học (hoàn thành trước tháng 12/2025).\n\n"
        "Tháng\tNội dung\tMốc thời gian\n11\t- Rà soát tiêu chuẩn cơ sở vật chất các phòng học.\tTuần 1\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        if not plan.schedule:
            return
        skip = {r.span.loc.block for r in plan.schedule}
        body = _body_dates(plan, skip)
        index: dict[str, list[int]] = defaultdict(list)
        for i, (_, words, _) in enumerate(body):
            for word in words:
                index[word].append(i)
        # A word found in many dated sentences ('công khai' in a disclosure plan) identifies no task.
        common = max(20, len(body) // 20)
        for row in plan.schedule:
            if row.task is None:
                continue
            placed = _row_span(plan, row)
            words = content_words(row.task.text)
            if placed is None or len(words) < 3:
                continue
            when, label = placed
            assert when.start is not None and when.end is not None
            shared = Counter(i for word in words if len(index.get(word, ())) <= common for i in index.get(word, ()))
            scored = [(n, i) for i, n in shared.items() if n >= 3 and overlap(words, body[i][1]) >= 0.6]
            if not scored:
                continue
            # Compare with the sentences that describe this task best, not with every one that shares words;
            # a task many sentences describe equally well is too generic to pin down.
            best = max(n for n, _ in scored)
            matches = [(body[i][0], body[i][2]) for n, i in scored if n >= 0.8 * best]
            if len(matches) > 3:
                continue
            conflicts: list[tuple[Span, DateExpr, bool]] = []
            agrees = False
            for span, dates in matches:
                for expr, deadline in dates:
                    assert expr.start is not None and expr.end is not None
                    ok = when.start <= expr.end if deadline else when.start <= expr.end and expr.start <= when.end
                    agrees = agrees or ok
                    if not ok:
                        conflicts.append((span, expr, deadline))
            if agrees or not conflicts:
                continue
            span, expr, deadline = conflicts[0]
            said_vi = f"hạn \"{expr.text}\"" if deadline else f"\"{expr.text}\""
            said_en = f"a deadline \"{expr.text}\"" if deadline else f"\"{expr.text}\""
            yield self.finding(
                row.task,
                M(vi=f"Phụ lục xếp việc này vào {label} ({short_date(when.start)}–{short_date(when.end)}), nhưng "
                     f"phần nội dung ghi {said_vi}: \"{span.text[:90]}\".",
                  en=f"The appendix schedules this task in {label} ({short_date(when.start)}-{short_date(when.end)}), "
                     f"but the body gives {said_en}: \"{span.text[:90]}\"."),
                suggestion=M(vi="Sửa tháng/tuần ở phụ lục hoặc mốc ở phần nội dung cho khớp.",
                             en="Align the appendix month/week with the body's date."),
            )


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?![\d/-])")


@functools.cache
def _status_patterns() -> tuple[re.Pattern[str], tuple[tuple[str, re.Pattern[str]], ...]]:
    """The status cues (named groups 'reached', 'kept', 'aimed', longest first) and each wording's 'phrase N'."""
    catalog = school_level_wordings()
    cues = catalog.status_cues

    def alts(words: tuple[str, ...]) -> str:
        return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))

    groups = sorted([(w, k) for k in ("reached", "kept", "aimed") for w in getattr(cues, k)],
                    key=lambda x: len(x[0]), reverse=True)
    cue = re.compile("|".join(rf"(?P<{k}_{i}>(?<!\w){alts((w,))}(?!\w))" for i, (w, k) in enumerate(groups)),
                     re.IGNORECASE)
    wordings = tuple((w.key, re.compile(rf"(?<!\w)(?:{alts(w.phrases)})\s*0?(?P<n>[1-4])(?!\d)", re.IGNORECASE))
                     for w in catalog.wordings)
    return cue, wordings


def _level_statements(plan: Plan) -> Iterator[tuple[str, str, int, Span, str, int | None]]:
    """(wording, status, level, span, words, year) of each school-level wording a cue marks in a line."""
    cue, wordings = _status_patterns()
    for span in plan.texts:
        text = span.text
        for key, pattern in wordings:
            for m in pattern.finditer(text):
                clause = max((c.end() for c in _CLAUSE_END.finditer(text, 0, m.start())), default=0)
                cues = list(cue.finditer(text, clause, m.start()))
                if not cues:
                    continue
                last = cues[-1]
                status = next(g for g, v in last.groupdict().items() if v).split("_")[0]
                years = [int(y.group()) for y in _YEAR.finditer(text[clause:m.start()])]
                yield key, status, int(m.group("n")), span, text[last.start():m.end()], (years[-1] if years else None)


class AccreditationLevelTwoWays(Rule):
    code = "KC724"
    slug = "accreditation-level-two-ways"
    category = "consistency"
    kind = "consistency.level"
    severity = Severity.WARNING
    title = M(vi="Cấp độ kiểm định (mức chuẩn quốc gia) của trường nêu hai cách",
              en="The school's accreditation grade stated two ways")
    doc = RuleDoc(
        what=M(vi="Kế hoạch nói trường được công nhận đạt kiểm định chất lượng giáo dục cấp độ N (hoặc chuẩn quốc "
                  "gia mức độ N) nhưng ở chỗ khác \"giữ vững\"/\"duy trì\" một cấp độ khác: cấp độ được giữ là cấp "
                  "độ trường đang có. Lần công nhận có năm muộn nhất là cấp độ hiện tại; các lần công nhận không "
                  "năm mà lệch nhau thì không kết luận. Kế hoạch của phòng, sở (nhiều trường) không được xét.",
               en="The plan says the school was recognised at accreditation grade N (or national standard level "
                  "N) but elsewhere 'keeps' ('giữ vững', 'duy trì') another grade: a grade kept is the grade held "
                  "now. The latest dated recognition is the current grade; undated recognitions that disagree "
                  "decide nothing. District and provincial plans (many schools) are not checked."),
        why=M(vi="Cấp độ kiểm định là căn cứ của mục tiêu; nêu hai cấp độ làm sai mục tiêu và hồ sơ.",
              en="The accreditation grade is the basis of the targets; two grades misstate targets and files."),
        fix=M(vi="Ghi đúng cấp độ trường đã được công nhận ở mọi chỗ.",
              en="Write the grade the school was recognised at everywhere."),
        fail_example=_HEAD + "I. THỰC TRẠNG\n\nNăm 2023, nhà trường được công nhận đạt kiểm định chất lượng "
        "giáo dục cấp độ 2.\n\nII. MỤC TIÊU\n\nDuy trì kết quả kiểm định chất lượng giáo dục cấp độ 3.\n",
        pass_example=_HEAD + "I. THỰC TRẠNG\n\nNăm 2023, nhà trường được công nhận đạt kiểm định chất lượng "
        "giáo dục cấp độ 2.\n\nII. MỤC TIÊU\n\nDuy trì kết quả kiểm định chất lượng giáo dục cấp độ 2, phấn đấu "
        "đạt cấp độ 3.\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        if plan.kind == PlanKind.TESTING_ACCREDITATION:
            return  # a district's plan lists many schools' grades
        statements = list(_level_statements(plan))
        for key in {s[0] for s in statements}:
            reached = [s for s in statements if s[0] == key and s[1] == "reached"]
            if not reached:
                continue
            latest = max(s[5] or 0 for s in reached)
            now = {s[2] for s in reached if (s[5] or 0) == latest}
            if len(now) != 1:
                continue  # undated recognitions that disagree: which is current is unknown
            level = now.pop()
            said = next(s for s in reached if s[2] == level)
            for wording, status, n, span, words, _year in statements:
                if wording != key or status != "kept" or n == level:
                    continue
                yield self.finding(
                    span,
                    M(vi=f"Câu này giữ \"{words}\", nhưng kế hoạch nói trường \"{said[4]}\": cấp độ được giữ phải "
                         "là cấp độ trường đang có.",
                      en=f"This keeps \"{words}\", but the plan says the school was \"{said[4]}\": a grade kept is "
                         "the grade held now."),
                    suggestion=M(vi=f"Ghi cấp độ đã được công nhận ({level}), hoặc sửa câu nêu lần công nhận.",
                                 en=f"Write the grade recognised ({level}), or correct the recognition."),
                    evidence=words,
                )
