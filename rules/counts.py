"""Counts and percentages of criteria per level: 'đạt Mức N: a/b (x%)'."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from kclint.engine import Context, Family, Rule, RuleDoc
from kclint.model import CountPercentFact, Finding, LevelCount, Plan, Severity, TotalFact
from kclint.model import Message as M
from kclint.rules.count_catalog import defining_count

_PLAN_WITH_TABLE = """KẾ HOẠCH
Cải tiến chất lượng năm học 2025-2026
2. Kết quả tự đánh giá

\tTiêu chí\tKhông đạt\tMức 1\tMức 2\tMức 3
\tTiêu chí 1.1\t\tX\tX\tX
\tTiêu chí 1.2\t\tX\tX\t
\tTiêu chí 1.3\t\tX\t\t
\tTiêu chí 1.4\t\tX\tX\t
"""


def _section(c: LevelCount) -> str | None:
    return c.span.loc.section


# KC301 bundled three count checks; each is now a rule of its own, and 'KC301' / 'level-count-mismatch'
# still select the three.
LEVEL_COUNTS = Family(code="KC301", slug="level-count-mismatch",
                      title=M(vi="Số tiêu chí đạt mức không khớp", en="Level counts do not add up"))
_COUNT_WHY = M(vi="Số liệu tổng hợp sai làm sai kết luận về mức đạt của nhà trường.",
               en="Wrong totals lead to a wrong conclusion about the school's level.")
_COUNT_HEAD = "KẾ HOẠCH\nCải tiến chất lượng năm học 2025-2026\n\n"


class _LevelCountRule(Rule):
    """A check of the 'đạt Mức N: a/b' statements (one of the KC301 family)."""

    category = "count"
    kind = "count.mismatch"
    severity = Severity.ERROR
    family = LEVEL_COUNTS


class CountOverTotal(_LevelCountRule):
    code = "KC3011"
    slug = "level-count-over-total"
    title = M(vi="Số tiêu chí lớn hơn tổng số", en="A level count exceeds its total")
    doc = RuleDoc(
        what=M(vi="Trong câu \"đạt Mức N: a/b\", số tiêu chí a không được lớn hơn tổng số b.",
               en="In a statement \"đạt Mức N: a/b\", the count a is at most the total b."),
        why=_COUNT_WHY,
        fix=M(vi="Đếm lại và sửa số hoặc tổng số.", en="Recount and correct the count or the total."),
        fail_example=_COUNT_HEAD + "Số lượng tiêu chí đạt Mức 2: 28/27.\n",
        pass_example=_COUNT_HEAD + "Số lượng tiêu chí đạt Mức 2: 26/27.\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        for c in plan.level_counts:
            if c.count > c.total:
                yield self.finding(
                    c.span,
                    M(vi=f"{c.count}/{c.total}: số tiêu chí lớn hơn tổng số.",
                      en=f"{c.count}/{c.total}: the count exceeds the total."),
                )


class CountSum(_LevelCountRule):
    code = "KC3012"
    slug = "level-count-sum"
    title = M(vi="Số đạt và không đạt không cộng lại thành tổng", en="Achieved and not achieved do not add up")
    doc = RuleDoc(
        what=M(vi="Trong cùng một mục, \"đạt Mức N: a/b\" và \"không đạt Mức N: c/b\" phải có a + c = b.",
               en="In one section, \"đạt Mức N: a/b\" and \"không đạt Mức N: c/b\" must give a + c = b."),
        why=_COUNT_WHY,
        fix=M(vi="Sửa số không đạt thành b − a (hoặc sửa số đạt).",
              en="Make the not-achieved count b − a (or fix the achieved count)."),
        fail_example=_COUNT_HEAD + "Số tiêu chí đạt Mức 2: 20/27; số tiêu chí không đạt Mức 2: 05/27.\n",
        pass_example=_COUNT_HEAD + "Số tiêu chí đạt Mức 2: 20/27; số tiêu chí không đạt Mức 2: 07/27.\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        counts = plan.level_counts
        for c in counts:
            if not c.achieved:
                continue
            for other in counts:
                if other.achieved or other.level != c.level or _section(other) != _section(c):
                    continue
                if other.total == c.total and other.count + c.count != c.total:
                    yield self.finding(
                        other.span,
                        M(vi=f"Mức {c.level}: đạt {c.count} + không đạt {other.count} = {c.count + other.count}, "
                             f"không bằng tổng {c.total}.",
                          en=f"Mức {c.level}: {c.count} achieved + {other.count} not achieved = "
                             f"{c.count + other.count}, not the total {c.total}."),
                        suggestion=M(vi=f"Số không đạt phải là {c.total - c.count:02d}/{c.total}.",
                                     en=f"Not achieved should be {c.total - c.count:02d}/{c.total}."),
                    )


class CountVsTable(_LevelCountRule):
    code = "KC3013"
    slug = "level-count-vs-table"
    title = M(vi="Số tiêu chí đạt mức khác bảng kết quả", en="Level count differs from the results table")
    doc = RuleDoc(
        what=M(vi="Số a trong \"đạt Mức N: a/b\" phải bằng số tiêu chí được đánh dấu Mức N trong bảng kết quả tự "
                  "đánh giá cùng mục.",
               en="The count a of \"đạt Mức N: a/b\" equals the number of criteria marked at Mức N in the results "
                  "table of the same section."),
        why=_COUNT_WHY,
        fix=M(vi="Đếm lại theo bảng kết quả và sửa số.", en="Recount from the results table and correct the numbers."),
        fail_example=_PLAN_WITH_TABLE + "\nSố lượng tiêu chí đạt Mức 2: 2/4, tỷ lệ 50%.\n",
        pass_example=_PLAN_WITH_TABLE + "\nSố lượng tiêu chí đạt Mức 2: 3/4, tỷ lệ 75%.\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        yield from self._against_total_row(plan)
        if not plan.assessment:
            return
        table_section = plan.assessment[0].span.loc.section
        rows = [r for r in plan.assessment if not r.failed]
        for c in plan.level_counts:
            if not c.achieved or _section(c) != table_section:
                continue
            marked = sum(1 for r in rows if c.level in r.levels)
            if marked != c.count:
                yield self.finding(
                    c.span,
                    M(vi=f"Ghi {c.count} tiêu chí đạt Mức {c.level}, nhưng bảng kết quả đánh dấu {marked}.",
                      en=f"{c.count} criteria are said to reach Mức {c.level}, but the results table marks "
                         f"{marked}."),
                    suggestion=M(vi=f"Sửa thành {marked}/{c.total} (hoặc sửa bảng).",
                                 en=f"Write {marked}/{c.total} (or fix the table)."),
                )


    def _against_total_row(self, plan: Plan) -> Iterator[Finding]:
        """A per-standard results table's total row ('Tổng cộng | 27 | 19 | 15' under '... | Số tiêu chí có Mức 3 |
        Đạt Mức 3'): its 'Đạt Mức N' cell is the count of a statement of that level in the same section whose
        total is the row's own (19). A total row that does not add up is KC303's."""
        tallies: dict[tuple[str | None, int], tuple[TotalFact, set[Decimal]]] = {}
        rows: dict[tuple[int | None, int | None, int | None], list[TotalFact]] = {}
        for t in plan.facts.totals:
            if t.axis == "row":
                rows.setdefault((t.span.loc.block, t.span.loc.table, t.span.loc.row), []).append(t)
        for row in rows.values():
            for t in row:
                if t.reached_level is not None and sum(t.values) == t.value:
                    others = {o.value for o in row if o is not t}
                    tallies.setdefault((t.span.loc.section, t.reached_level), (t, others))
        for c in plan.level_counts:
            found = tallies.get((_section(c), c.level)) if c.achieved else None
            if found is None or Decimal(c.total) not in found[1] or Decimal(c.count) == found[0].value:
                continue
            marked = _amount_text(found[0].value)
            yield self.finding(
                c.span,
                M(vi=f"Ghi {c.count} tiêu chí đạt Mức {c.level}, nhưng dòng tổng cộng của bảng kết quả (cột "
                     f"\"{found[0].header.strip()}\") ghi {marked}.",
                  en=f"{c.count} criteria are said to reach Mức {c.level}, but the results table's total row (column "
                     f"\"{found[0].header.strip()}\") has {marked}."),
                suggestion=M(vi=f"Sửa thành {marked}/{c.total} (hoặc sửa bảng).",
                             en=f"Write {marked}/{c.total} (or fix the table)."),
            )


def _expected_text(count: int, total: int, written: str) -> tuple[bool, str]:
    """Is ``written`` (e.g. '88,88') a correct rounding of count/total*100 to its own decimals?"""
    decimals = len(written.replace(",", ".").split(".")[1]) if ("," in written or "." in written) else 0
    exact = Decimal(count) * 100 / Decimal(total)
    quantum = Decimal(1).scaleb(-decimals)
    right = exact.quantize(quantum, rounding=ROUND_HALF_UP)
    value = Decimal(written.replace(",", "."))
    sep = "," if "," in written else "."
    return value == right, str(right).replace(".", sep)


class Percentage(Rule):
    code = "KC302"
    slug = "percentage-mismatch"
    category = "count"
    kind = "count.percentage"
    severity = Severity.WARNING
    title = M(vi="Tỷ lệ phần trăm không đúng với a/b", en="Percentage is not a/b")
    doc = RuleDoc(
        what=M(vi="Tính lại mọi tỷ lệ viết kèm một phân số, ở bất cứ đâu (\"a/b (x%)\", \"x% (a/b)\", \"a/b học sinh, "
                  "đạt x%\", \"a trên b ..., chiếm x%\"), làm tròn theo số chữ số thập phân đã viết; "
                  "\"16 tiêu chí đạt Mức 3, đạt x%\" chia cho tổng số kế hoạch ghi cho mức đó, nếu không ghi thì "
                  "cho số tiêu chí của thông tư (chỉ ghi nhận ở mức thông tin).",
               en="Recomputes every percentage written with a fraction, anywhere (\"a/b (x%)\", \"x% (a/b)\", "
                  "\"a/b học sinh, đạt x%\", \"a trên b ..., chiếm x%\"), rounded to the decimals written; "
                  "\"16 tiêu chí đạt Mức 3, đạt x%\" over the total the plan writes for the level, else over the "
                  "circular's number of criteria (an info only)."),
        why=M(vi="Tỷ lệ cắt bớt hoặc tính sai (24/27 = 88,88%) là lỗi đoàn đánh giá hay bắt.",
              en="Truncated or miscalculated rates (24/27 = 88,88%) are a classic reviewer's catch."),
        fix=M(vi="Làm tròn đúng: 24/27 = 88,89% (hoặc 88,9%).", en="Round correctly: 24/27 = 88.89% (or 88.9%)."),
        fail_example="KẾ HOẠCH\nCải tiến chất lượng năm học 2025-2026\n\n"
                     "Số lượng tiêu chí đạt Mức 2: 24/27 (88,88%)\n",
        pass_example="KẾ HOẠCH\nCải tiến chất lượng năm học 2025-2026\n\n"
                     "Số lượng tiêu chí đạt Mức 2: 24/27 (88,89%)\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        # A row's rate over a wrong total cell follows the total's error, which KC303 reports.
        wrong_totals = {id(t.span) for t in plan.facts.totals if sum(t.values) != t.value}
        for c in plan.facts.ratios:
            if c.percent_text is None or c.total == 0 or c.count > c.total:
                continue
            if any(id(p) in wrong_totals for p in c.parts):
                continue
            ok, right = _expected_text(c.count, c.total, c.percent_text)
            if not ok:
                columns = (f" ({c.subject})", f" ({c.subject})") if c.parts else ("", "")
                yield self.finding(
                    c.span,
                    M(vi=f"{c.count}/{c.total}{columns[0]} = {right}%, không phải {c.percent_text}%.",
                      en=f"{c.count}/{c.total}{columns[1]} is {right}%, not {c.percent_text}%."),
                    suggestion=M(vi=f"Viết {right}%.", en=f"Write {right}%."),
                )
        for f in plan.facts.count_percents:
            yield from self._count_percent(plan, ctx, f)

    def _count_percent(self, plan: Plan, ctx: Context, f: CountPercentFact) -> Iterator[Finding]:
        """'16 tiêu chí đạt Mức 3, đạt 84,12%': over the plan's own total for the level when it writes one
        (a warning), else over the catalog's number of criteria for it (info: the plan may count another whole)."""
        catalog = defining_count(ctx.criteria, f.level) if ctx.criteria is not None else None
        stated = [r for r in plan.facts.ratios if r.level == f.level and r.total > 0]
        if len({r.total for r in stated}) > 1:
            # several totals for the level (the school's and a standard's): the one of all its criteria
            stated = [r for r in stated if r.total == catalog]
            if not stated:
                return  # which one is meant is not known
        if stated:
            total, severity = stated[0].total, self.severity
            basis = M(vi=f"tổng số kế hoạch ghi ở \"{stated[0].span.text}\"",
                      en=f"the total the plan writes in \"{stated[0].span.text}\"")
        elif ctx.criteria is not None and catalog is not None:
            total, severity = catalog, Severity.INFO
            basis = M(vi=f"số tiêu chí của Mức {f.level} theo Thông tư {ctx.criteria.circular}, vì kế hoạch không ghi "
                         "tổng số",
                      en=f"the number of criteria for Mức {f.level} in Thông tư {ctx.criteria.circular}, as the plan "
                         "writes no total")
        else:
            return
        if total == 0 or f.count > total:
            return
        ok, right = _expected_text(f.count, total, f.percent_text)
        if ok:
            return
        yield self.finding(
            f.span,
            M(vi=f"{f.count}/{total} = {right}%, không phải {f.percent_text}% ({total}: {basis.vi}).",
              en=f"{f.count}/{total} is {right}%, not {f.percent_text}% ({total}: {basis.en})."),
            suggestion=M(vi=f"Viết {right}%.", en=f"Write {right}%."),
            severity=severity,
        )


def _amount_text(n: Decimal) -> str:
    """27, 2.400.000, 86,5: the thousands dots and decimal comma of a Vietnamese plan."""
    whole, _, decimals = f"{n.normalize():,f}".partition(".")
    return whole.replace(",", ".") + ("," + decimals if decimals else "")


class TableTotal(Rule):
    code = "KC303"
    slug = "table-total-mismatch"
    category = "count"
    kind = "count.mismatch"
    severity = Severity.ERROR
    title = M(vi="Dòng hoặc cột tổng của bảng cộng sai", en="A table's total row or column does not add up")
    doc = RuleDoc(
        what=M(vi="Cộng lại các ô số của mọi bảng có dòng hoặc cột \"Tổng\", \"Tổng cộng\", \"Cộng\", \"Tổng số\" "
                  "(số nguyên và số tiền viết có dấu chấm hàng nghìn: 2.400.000.000, 8.500.000 đồng) và so với ô "
                  "tổng. Cột có ô không phải số, cột số thứ tự và cột tỷ lệ không được cộng.",
               en="Adds up the number cells of every table with a \"Tổng\", \"Tổng cộng\", \"Cộng\" or \"Tổng số\" "
                  "row or column (integers and amounts with thousands dots: 2.400.000.000, 8.500.000 đồng) and "
                  "compares the total cell. Columns with a non-number, numbering and rate columns are not summed."),
        why=M(vi="Tổng sai trong bảng kết quả hay bảng kinh phí làm sai kết luận và dự toán của kế hoạch.",
              en="A wrong total in a results or budget table misstates the plan's conclusion or its budget."),
        fix=M(vi="Cộng lại và sửa ô tổng (hoặc ô bị ghi sai).",
              en="Add up again and fix the total (or the wrong cell)."),
        fail_example=_COUNT_HEAD + "\tNội dung\tKinh phí (đồng)\n\tSửa phòng học\t1.200.000\n"
                                   "\tMua sách\t800.000\n\tTổng cộng\t2.100.000\n",
        pass_example=_COUNT_HEAD + "\tNội dung\tKinh phí (đồng)\n\tSửa phòng học\t1.200.000\n"
                                   "\tMua sách\t800.000\n\tTổng cộng\t2.000.000\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        wrong = [t for t in plan.facts.totals if sum(t.values) != t.value]
        # A wrong row total also breaks its column's total: the cell where they cross is the one to report.
        wrong_cells = {t.span.loc for t in wrong}
        for t in wrong:
            right = sum(t.values)
            if any(p.loc in wrong_cells for p in t.parts):
                continue
            terms = " + ".join(p.text for p in t.parts)
            along = ("cột", "column") if t.axis == "row" else ("hàng", "row")
            yield self.finding(
                t.span,
                M(vi=f"Tổng ghi {t.span.text}, nhưng {along[0]} cộng lại {terms} = {_amount_text(right)}.",
                  en=f"The total says {t.span.text}, but the {along[1]} adds up to {terms} = {_amount_text(right)}."),
                suggestion=M(vi=f"Sửa tổng thành {_amount_text(right)} (hoặc sửa ô bị sai).",
                             en=f"Write {_amount_text(right)} (or fix the wrong cell)."),
            )


class CarriedCount(Rule):
    code = "KC306"
    slug = "running-count-mismatch"
    category = "count"
    kind = "count.mismatch"
    severity = Severity.WARNING
    title = M(vi="Số tiêu chí lũy kế không khớp số tiêu chí được nâng mức",
              en="A running count does not follow from the criteria raised")
    doc = RuleDoc(
        what=M(vi="Trong bảng lộ trình theo năm có cột \"Tiêu chí nâng lên Mức N\" và cột số tiêu chí đạt (lũy kế), "
                  "số của mỗi năm phải bằng số của năm trước cộng số tiêu chí được nâng trong năm. Chỉ kiểm tra khi "
                  "mọi ô của hai năm đọc chắc chắn (danh sách tiêu chí, \"Duy trì\", số hoặc phân số). Lộ trình viết "
                  "từng năm một dòng (\"Năm học 2026-2027: nâng tiêu chí 3.5 lên Mức 3, nâng tổng số lên 18/19\") "
                  "được kiểm tra như vậy.",
               en="In a yearly roadmap table with a \"Tiêu chí nâng lên Mức N\" column and a running count column, "
                  "each year's count is the previous year's plus the criteria raised that year. Checked only when "
                  "every cell of both years reads surely (a list of criteria, \"Duy trì\", a number or fraction). A "
                  "roadmap written a line a year (\"Năm học 2026-2027: nâng tiêu chí 3.5 lên Mức 3, nâng tổng số "
                  "lên 18/19\") is checked the same way."),
        why=M(vi="Số lũy kế sai làm sai mục tiêu của cả giai đoạn và các tỷ lệ theo sau.",
              en="A wrong running count misstates the whole period's target and the rates that follow."),
        fix=M(vi="Sửa số lũy kế (hoặc bổ sung tiêu chí được nâng trong năm).",
              en="Correct the running count (or list the criterion raised that year)."),
        fail_example=_COUNT_HEAD + "\tNăm học\tTiêu chí nâng lên Mức 3\tSố tiêu chí đạt Mức 3\n"
                                   "\t2025-2026\t1.6, 2.3\t14/19\n\t2026-2027\t3.5\t16/19\n",
        pass_example=_COUNT_HEAD + "\tNăm học\tTiêu chí nâng lên Mức 3\tSố tiêu chí đạt Mức 3\n"
                                   "\t2025-2026\t1.6, 2.3\t14/19\n\t2026-2027\t3.5\t15/19\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        known: int | None = None  # the previous year's count, corrected when it was wrong
        for c in plan.facts.carried:
            if c.previous is None:
                known = c.stated
                continue
            expected = (known if known is not None else c.previous) + len(c.raised)
            known = c.stated
            if c.stated == expected:
                continue
            known = expected  # the next year is judged against the right count, so one slip is reported once
            raised = ", ".join(c.raised) or "0"
            of = f"/{c.total}" if c.total else ""
            yield self.finding(
                c.span,
                M(vi=f"Năm trước {expected - len(c.raised)}{of}, năm này nâng thêm {len(c.raised)} tiêu chí "
                     f"({raised}): phải là {expected}{of}, không phải {c.stated}{of}.",
                  en=f"The year before has {expected - len(c.raised)}{of} and this year raises "
                     f"{len(c.raised)} ({raised}): {expected}{of}, not {c.stated}{of}."),
                suggestion=M(vi=f"Viết {expected}{of} (hoặc ghi đủ tiêu chí được nâng).",
                             en=f"Write {expected}{of} (or list every criterion raised)."),
            )


class ListedCount(Rule):
    code = "KC304"
    slug = "count-vs-list"
    category = "count"
    kind = "count.mismatch"
    severity = Severity.WARNING
    title = M(vi="Số lượng ghi khác số mục được kể ra", en="A stated count differs from the list it introduces")
    doc = RuleDoc(
        what=M(vi="So số ghi trong câu (\"Hội đồng gồm 11 thành viên:\", \"Có 04 tiêu chí chưa đạt Mức 3, gồm "
                  "...\") với số mục được kể ngay sau: các dòng đánh số hoặc gạch đầu dòng, các hàng của bảng, "
                  "các tiêu chí được liệt kê.",
               en="Compares a stated count (\"Hội đồng gồm 11 thành viên:\", \"Có 04 tiêu chí chưa đạt Mức 3, gồm "
                  "...\") with the entries listed right after it: numbered or bulleted lines, table rows, the "
                  "criteria listed."),
        why=M(vi="Số thành viên hay số tiêu chí ghi sai so với danh sách cho thấy danh sách thiếu, thừa hoặc số bị "
                 "chép từ kế hoạch cũ.",
              en="A count that disagrees with its own list means the list lacks or has an extra entry, or the "
                 "number was copied from an old plan."),
        fix=M(vi="Đếm lại danh sách và sửa số (hoặc bổ sung mục còn thiếu).",
              en="Count the list again and fix the number (or add the missing entry)."),
        fail_example=_COUNT_HEAD + "Có 03 tiêu chí chưa đạt Mức 3, gồm 1.2, 2.3, 3.1 và 5.2.\n",
        pass_example=_COUNT_HEAD + "Có 04 tiêu chí chưa đạt Mức 3, gồm 1.2, 2.3, 3.1 và 5.2.\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        for f in plan.facts.listed:
            if f.stated is None or f.stated == len(f.items):
                continue
            listed = ", ".join(f.criteria) if f.criteria else f"{f.items[0].text[:30]} … {f.items[-1].text[:30]}"
            yield self.finding(
                f.span,
                M(vi=f"Ghi {f.stated} {f.noun}, nhưng danh sách kể {len(f.items)} ({listed}).",
                  en=f"{f.stated} {f.noun} are stated, but the list names {len(f.items)} ({listed})."),
                suggestion=M(vi=f"Viết {len(f.items):02d} {f.noun} (hoặc sửa danh sách).",
                             en=f"Write {len(f.items):02d} {f.noun} (or fix the list)."),
            )

