"""Date rules: deadlines before starts, issuance in the future or after the period, dates outside the
plan's period, malformed school years and dates, vague deadlines."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kclint.dates import (
    DateExpr,
    DateKind,
    find_date_exprs,
    find_full_dates,
    find_school_years,
    lies_earlier,
    short_date,
)
from kclint.engine import Context, Rule, RuleDoc
from kclint.model import DateFact, Finding, Plan, Severity, Span
from kclint.model import Message as M
from kclint.rules._timing import (
    concrete_parts,
    fact_label,
    item_places,
    item_timings,
    place,
    school_year_of,
    task_date_facts,
    vague_range_ends,
)

_PLAN_2025 = "KẾ HOẠCH\nCải tiến chất lượng giáo dục năm học 2025-2026\n\n"
_HEADER = "Số: 12/KH-MNAB\n\nAn Bình, ngày {date}\n\n"


class DeadlineBeforeStart(Rule):
    code = "KC101"
    slug = "deadline-before-start"
    category = "date"
    kind = "date.deadline_before_start"
    severity = Severity.ERROR
    title = M(vi="Thời hạn hoàn thành trước thời gian bắt đầu", en="Completion before start")
    doc = RuleDoc(
        what=M(vi="So thời gian hoàn thành với thời gian bắt đầu của từng tiêu chí/nhiệm vụ, và hai đầu của "
                  "mọi khoảng \"từ … đến …\".",
               en="Compares the completion with the start of each criterion or task, and both ends of every "
                  "\"từ … đến …\" range."),
        why=M(vi="Một nhiệm vụ không thể xong trước khi bắt đầu; thường là gõ nhầm năm hoặc tháng.",
              en="A task cannot end before it starts; usually a mistyped year or month."),
        fix=M(vi="Sửa năm/tháng cho đúng thứ tự.", en="Correct the year or month so the order holds."),
        fail_example=_PLAN_2025 + "Tiêu chí 1.1: Phương hướng, chiến lược xây dựng và phát triển nhà trường\n\n"
        "Mục tiêu cần đạt: Giữ vững Mức 3\n\nThời gian bắt đầu: Tháng 10/2025\n\nThời gian hoàn thành: Tháng 5/2025\n",
        pass_example=_PLAN_2025 + "Tiêu chí 1.1: Phương hướng, chiến lược xây dựng và phát triển nhà trường\n\n"
        "Mục tiêu cần đạt: Giữ vững Mức 3\n\nThời gian bắt đầu: Tháng 10/2025\n\nThời gian hoàn thành: Tháng 5/2026\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        sy = school_year_of(plan)
        for item in plan.items:
            timings = {t.role: t for t in item_timings(item, sy)}
            start, end = timings.get("start"), timings.get("end")
            # Wholly earlier: 'học kỳ I' after a start in 'học kỳ II' is reversed though the two overlap in
            # January.
            if start and end and lies_earlier(end.expr, start.expr):
                yield self.finding(
                    end.span,
                    M(vi=f"Tiêu chí {item.criterion}: hoàn thành ({end.expr.text}) trước khi bắt đầu "
                         f"({start.expr.text}).",
                      en=f"Criterion {item.criterion}: completion ({end.expr.text}) is before the start "
                         f"({start.expr.text})."),
                    suggestion=M(vi="Kiểm tra lại năm/tháng hoàn thành.", en="Check the completion year/month."),
                )
        # Every range the plan writes, in any field, cell or sentence ('02/2026 – 11/2025', 'HK II đến HK I').
        for fact in plan.facts.dates:
            expr = fact.expr
            if expr.backwards:
                yield self.finding(
                    fact.span,
                    M(vi=f"Khoảng thời gian \"{expr.text}\" kết thúc trước khi bắt đầu.",
                      en=f"The range \"{expr.text}\" ends before it starts."),
                    suggestion=M(vi="Đổi lại thứ tự hoặc sửa năm.", en="Swap the ends or fix the year."),
                    evidence=expr.text,
                )


def _issue_span(plan: Plan) -> tuple[Span, str] | None:
    pd = plan.header.place_date
    if pd is None or plan.header.issue_date is None:
        return None
    dates = find_full_dates(pd.text)
    return pd, (dates[0].text if dates else pd.text)


class FutureIssue(Rule):
    code = "KC102"
    slug = "future-issue-date"
    category = "date"
    kind = "date.future_issue"
    severity = Severity.ERROR
    title = M(vi="Ngày ban hành ở tương lai", en="Issue date in the future")
    doc = RuleDoc(
        what=M(vi="Ngày ban hành (dòng \"<địa danh>, ngày … tháng … năm …\") sau ngày kiểm tra (--today).",
               en="The issue date (\"<place>, ngày … tháng … năm …\") is after the check date (--today)."),
        why=M(vi="Văn bản không thể ký ở tương lai; thường là gõ nhầm năm.",
              en="A plan cannot be signed in the future; usually a mistyped year."),
        fix=M(vi="Sửa năm ban hành.", en="Correct the year of issue."),
        fail_example=_HEADER.format(date="14 tháng 10 năm 2030") + _PLAN_2025,
        pass_example=_HEADER.format(date="14 tháng 10 năm 2025") + _PLAN_2025,
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        found = _issue_span(plan)
        issued = plan.header.issue_date
        if found and issued and issued > ctx.today:
            span, text = found
            yield self.finding(
                span,
                M(vi=f"Kế hoạch ghi ngày ban hành {short_date(issued)}, sau ngày hôm nay ({short_date(ctx.today)}).",
                  en=f"The plan is dated {short_date(issued)}, after today ({short_date(ctx.today)})."),
                suggestion=M(vi="Ghi đúng ngày ký kế hoạch.", en="Write the date the plan is actually signed."),
                evidence=text,
            )


class IssueAfterPeriod(Rule):
    code = "KC103"
    slug = "issue-after-period"
    category = "date"
    kind = "date.issue_after_period"
    severity = Severity.ERROR
    title = M(vi="Ban hành sau khi hết thời kỳ của kế hoạch", en="Issued after the plan's period")
    doc = RuleDoc(
        what=M(vi="Ngày ban hành sau ngày kết thúc năm học/giai đoạn mà kế hoạch đặt ra.",
               en="The issue date is after the end of the school year or cycle the plan covers."),
        why=M(vi="Kế hoạch ban hành khi thời kỳ đã hết thì không còn là kế hoạch.",
              en="A plan issued after its period has ended plans nothing."),
        fix=M(vi="Sửa ngày ban hành hoặc năm học của kế hoạch.", en="Correct the issue date or the period."),
        fail_example=_HEADER.format(date="14 tháng 10 năm 2026") + _PLAN_2025,
        pass_example=_HEADER.format(date="14 tháng 10 năm 2025") + _PLAN_2025,
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        found = _issue_span(plan)
        issued, period = plan.header.issue_date, plan.period
        if found and issued and period and issued > period.end:
            span, text = found
            yield self.finding(
                span,
                M(vi=f"Ngày ban hành {short_date(issued)} sau khi thời kỳ {period.span.text} của kế hoạch đã kết thúc "
                     f"({short_date(period.end)}).",
                  en=f"Issued {short_date(issued)}, after the plan's period {period.span.text} ended "
                     f"({short_date(period.end)})."),
                suggestion=M(vi="Kiểm tra năm ban hành và năm học ghi ở tên kế hoạch.",
                             en="Check the year of issue and the school year in the title."),
                evidence=text,
            )


# 'năm học 2025-2027', and a semester's own year pair ('HK I 2024-2026', 'học kỳ II (2025-2027)').
_SCHOOL_YEAR_CONTEXT = re.compile(r"(?:năm\s+học|\bHK\s*(?:II|I|1|2)|học\s+k[ỳì]\s*(?:II|I|1|2))\s*[:(]?\s*$",
                                  re.IGNORECASE)


class InvalidSchoolYear(Rule):
    code = "KC104"
    slug = "invalid-school-year"
    category = "date"
    kind = "date.invalid_school_year"
    severity = Severity.ERROR
    title = M(vi="Năm học không hợp lệ", en="Malformed school year")
    doc = RuleDoc(
        what=M(vi="Một năm học gồm hai năm liên tiếp (\"2016-2017\"); báo khi sau chữ \"năm học\" là hai năm "
                  "không liên tiếp.",
               en="A school year spans two consecutive years (\"2016-2017\"); reports \"năm học\" followed by "
                  "two years that are not consecutive."),
        why=M(vi="Năm học sai làm sai toàn bộ mốc thời gian liên quan.", en="A wrong school year skews every date."),
        fix=M(vi="Sửa thành hai năm liên tiếp.", en="Write two consecutive years."),
        fail_example=_PLAN_2025 + "1. Báo cáo tự đánh giá năm học 2016 - 2027 của nhà trường.\n",
        pass_example=_PLAN_2025 + "1. Báo cáo tự đánh giá năm học 2016 - 2017 của nhà trường.\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        for span in plan.texts:
            for sy in find_school_years(span.text):
                if sy.valid or not _SCHOOL_YEAR_CONTEXT.search(span.text[max(0, sy.offset - 12):sy.offset]):
                    continue
                right = f"{sy.first} - {sy.first + 1}"
                yield self.finding(
                    span,
                    M(vi=f"\"{sy.text}\" không phải một năm học (phải là hai năm liên tiếp).",
                      en=f"\"{sy.text}\" is not a school year (two consecutive years expected)."),
                    suggestion=M(vi=f"Có lẽ là \"{right}\".", en=f"Probably \"{right}\"."),
                    evidence=sy.text,
                )


class InvalidDate(Rule):
    code = "KC105"
    slug = "invalid-date"
    category = "date"
    kind = "date.invalid"
    severity = Severity.ERROR
    title = M(vi="Ngày tháng không có thật", en="Impossible date")
    doc = RuleDoc(
        what=M(vi="Ngày không tồn tại trên lịch (31/02/2024, tháng 13).",
               en="A date that does not exist (31/02/2024, month 13)."),
        why=M(vi="Ngày sai không kiểm tra được tiến độ.", en="An impossible date cannot be scheduled."),
        fix=M(vi="Sửa ngày/tháng cho đúng lịch.", en="Correct the day or month."),
        fail_example=_PLAN_2025 + "Hoàn thành báo cáo trước ngày 31/02/2026.\n",
        pass_example=_PLAN_2025 + "Hoàn thành báo cáo trước ngày 28/02/2026.\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        sy = school_year_of(plan)
        for span in plan.texts:
            for expr in find_date_exprs(span.text, sy):
                if expr.kind == DateKind.MALFORMED and expr.reason_vi and expr.no_week is None \
                        and not find_school_years(expr.text):
                    yield self.finding(
                        span,
                        M(vi=f"\"{expr.text}\": {expr.reason_vi}", en=f"\"{expr.text}\": {expr.reason_en}"),
                        suggestion=M(vi="Sửa ngày theo đúng lịch.", en="Write a real calendar date."),
                        evidence=expr.text,
                    )


class OutsidePeriod(Rule):
    code = "KC106"
    slug = "date-outside-period"
    category = "date"
    kind = "date.outside_period"
    severity = Severity.WARNING
    title = M(vi="Mốc thời gian nằm ngoài năm học/giai đoạn của kế hoạch", en="Date outside the plan's period")
    doc = RuleDoc(
        what=M(vi="Thời gian bắt đầu/hoàn thành của từng tiêu chí, và các hạn \"trước ngày …\", phải nằm trong "
                  "năm học (1/8 năm đầu đến 31/8 năm sau) hoặc giai đoạn của kế hoạch. Bắt đầu trước thời kỳ, "
                  "hoặc kết thúc sau hơn một năm, là cảnh báo; kết thúc sau ít hơn một năm là ghi chú.",
               en="Each criterion's start and completion, and every \"trước ngày …\" deadline, must fall within "
                  "the plan's school year (1 Aug to 31 Aug) or cycle. Starting before the period, or ending more "
                  "than a year after it, is a warning; ending less than a year after it is info."),
        why=M(vi="Mốc ngoài thời kỳ thường là nhầm năm, hoặc là việc không thuộc kế hoạch này.",
              en="A date outside the period is usually a mistyped year, or work that belongs to another plan."),
        fix=M(vi="Sửa năm, hoặc ghi rõ phần việc kéo dài sang năm học sau.",
              en="Correct the year, or say explicitly which work continues into the next school year."),
        fail_example=_PLAN_2025 + "Tiêu chí 2.1: Đối với hiệu trưởng, phó hiệu trưởng\n\n"
        "Mục tiêu cần đạt: Giữ vững Mức 3\n\nThời gian bắt đầu: Tháng 3/2025\n\nThời gian hoàn thành: Tháng 5/2026\n",
        pass_example=_PLAN_2025 + "Tiêu chí 2.1: Đối với hiệu trưởng, phó hiệu trưởng\n\n"
        "Mục tiêu cần đạt: Giữ vững Mức 3\n\nThời gian bắt đầu: Tháng 9/2025\n\nThời gian hoàn thành: Tháng 5/2026\n",
    )

    def _judge(self, plan: Plan, span: Span, part, role: str, label: str) -> Finding | None:
        period = plan.period
        assert period is not None
        if part.start and role != "end" and part.end and part.end < period.start:
            sev = Severity.WARNING
            vi, en = "bắt đầu trước", "starts before"
            fix = M(vi="Kiểm tra lại năm bắt đầu; việc đã làm từ năm học trước thuộc kế hoạch của năm học đó.",
                    en="Check the start year; work begun in an earlier school year belongs to that year's plan.")
        elif part.end and role != "start" and part.start and part.start > period.end:
            months = (part.start.year - period.end.year) * 12 + part.start.month - period.end.month
            sev = Severity.WARNING if months > 12 else Severity.INFO
            vi, en = "kết thúc sau", "ends after"
            fix = M(vi="Kiểm tra lại năm; nếu việc kéo dài sang năm sau, ghi rõ trong kế hoạch năm sau.",
                    en="Check the year; work that continues belongs in next year's plan.")
        else:
            return None
        return self.finding(
            span,
            M(vi=f"{label}: \"{part.text}\" {vi} {period.span.text} — thời kỳ của kế hoạch "
                 f"({short_date(period.start)}–{short_date(period.end)}).",
              en=f"{label}: \"{part.text}\" {en} the plan's period {period.span.text} "
                 f"({short_date(period.start)}–{short_date(period.end)})."),
            suggestion=fix,
            severity=sev,
            evidence=part.text,
        )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        if plan.period is None:
            return
        sy = school_year_of(plan)
        for item in plan.items:
            for timing in item_timings(item, sy):
                yield from self._judge_expr(plan, timing.span, timing.expr, timing.role, f"Tiêu chí {item.criterion}")
        for task in task_date_facts(plan):
            yield from self._judge_expr(plan, task.fact.span, task.fact.expr, task.role, task.label)

    def _judge_expr(self, plan: Plan, span: Span, expr: DateExpr, role: str, label: str) -> Iterator[Finding]:
        """A range's first part against the period's start and its last against its end; anything else whole."""
        parts = concrete_parts(expr)
        if len(parts) > 1 and role == "timing":
            candidates = [(parts[0], "start"), (parts[-1], "end")]
        else:
            candidates = [(p, role) for p in parts]
        for part, r in candidates:
            if f := self._judge(plan, span, part, r, label):
                yield f


class VagueDeadline(Rule):
    code = "KC107"
    slug = "vague-deadline"
    category = "date"
    kind = "date.vague"
    severity = Severity.WARNING
    title = M(vi="Thời hạn chung chung, không kiểm tra được", en="Vague deadline")
    doc = RuleDoc(
        what=M(vi="Thời gian hoàn thành chỉ ghi \"Hàng năm\", \"Trong tháng\", \"Trong năm học\", \"… và những "
                  "năm tiếp theo\" — không có tháng cụ thể.",
               en="The completion time says only \"Hàng năm\", \"Trong tháng\", \"Trong năm học\", \"… và những "
                  "năm tiếp theo\" — no concrete month."),
        why=M(vi="Không có mốc cụ thể thì không theo dõi, đánh giá được tiến độ; đoàn kiểm tra thường yêu cầu "
                 "ghi tháng.",
              en="Without a concrete month progress cannot be tracked; reviewers ask for one."),
        fix=M(vi="Ghi tháng cụ thể, ví dụ \"Tháng 5/2026\" hoặc \"Từ tháng 9/2025 đến tháng 5/2026\".",
              en="Write a month, e.g. \"Tháng 5/2026\" or \"Từ tháng 9/2025 đến tháng 5/2026\"."),
        fail_example=_PLAN_2025 + "Tiêu chí 1.6: Quản lý hành chính, tài chính và tài sản\n\n"
        "Mục tiêu cần đạt: Giữ vững Mức 3\n\nThời gian bắt đầu: Tháng 9/2025. Thời gian hoàn thành: Trong tháng\n",
        pass_example=_PLAN_2025 + "Tiêu chí 1.6: Quản lý hành chính, tài chính và tài sản\n\n"
        "Mục tiêu cần đạt: Giữ vững Mức 3\n\nThời gian bắt đầu: Tháng 9/2025. Thời gian hoàn thành: Tháng 12/2025\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        sy = school_year_of(plan)
        for item in plan.items:
            for timing in item_timings(item, sy):
                if timing.role == "start":
                    continue
                kind = timing.expr.kind
                if kind not in (DateKind.VAGUE, DateKind.RECURRING, DateKind.OPEN_ENDED):
                    continue
                end_hint = f"Tháng 5/{plan.period.last_year}" if plan.period else "Tháng 5/…"
                yield self.finding(
                    timing.span,
                    M(vi=f"Tiêu chí {item.criterion}: thời hạn \"{timing.expr.text}\" không nêu mốc cụ thể nên "
                         "không kiểm tra được.",
                      en=f"Criterion {item.criterion}: the deadline \"{timing.expr.text}\" names no concrete "
                         "date and cannot be checked."),
                    suggestion=M(vi=f"Ghi tháng cụ thể, ví dụ \"{end_hint}\".",
                                 en=f"Write a month, e.g. \"{end_hint}\"."),
                    # '… và những năm tiếp theo' still names its first year: less vague.
                    severity=Severity.INFO if kind == DateKind.OPEN_ENDED else None,
                    evidence=timing.span.text,
                )
        # A deadline field, time column or deadline sentence the item parser did not attach to an item: the
        # same judgement. A row that dates the task in another cell ('Tháng 12/2024 | … | Trong tháng') says
        # when, roughly: info.
        dated_rows = {(f.span.loc.block, f.span.loc.row) for f in plan.facts.dates
                      if f.expr.bounded and f.span.loc.table is not None}
        dated = {f.span.loc for f in plan.facts.dates if f.expr.bounded}
        for task in task_date_facts(plan):
            fact = task.fact
            loc = fact.span.loc
            # A cell or field that also holds a date is dated ('Tháng 9/2025, thường xuyên'); in running text
            # only a deadline cue makes a vague phrase a deadline ('hoàn thành trong năm học').
            in_field = fact.field is not None or loc.table is not None
            if task.role == "start" or fact.expr.kind not in (DateKind.VAGUE, DateKind.RECURRING) \
                    or (in_field and loc in dated) or (not in_field and task.role != "end"):
                continue
            in_dated_row = loc.table is not None and (loc.block, loc.row) in dated_rows
            yield self._vague(fact, task.label, Severity.INFO if in_dated_row else None)
        # A range from a date to no date ('từ tháng 10/2025 đến hàng năm', 'tháng 10/2025 – trong năm học') in
        # an item's time field or a task's time: its end, the deadline, is the vague part.
        timed = item_places(plan) | {(place(t.fact.span), t.fact.offset) for t in task_date_facts(plan)}
        for start, end in vague_range_ends(plan):
            if place(start.span) in timed or (place(start.span), start.offset) in timed:
                yield self._vague(end, fact_label(end.span), None)

    def _vague(self, fact: DateFact, label: str, severity: Severity | None) -> Finding:
        return self.finding(
            fact.span,
            M(vi=f"{label}: thời hạn \"{fact.expr.text}\" không nêu mốc cụ thể nên không kiểm tra được.",
              en=f"{label}: the deadline \"{fact.expr.text}\" names no concrete date and cannot be checked."),
            suggestion=M(vi="Ghi tháng cụ thể, ví dụ \"Tháng 5/…\".", en="Write a month, e.g. \"Tháng 5/…\"."),
            severity=severity,
            evidence=fact.expr.text,
        )
