"""Target levels against the catalog and the current level.

A target must be a level the criterion defines (not every criterion has Mức 3; Mức 4
is a whole-school level), must not be below the level already reached, and should be
above it when the plan lists weaknesses — unless the criterion is already at its
highest level ("Giữ vững Mức 3" is a target). Improvement plans only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kclint.catalog import CriteriaVersion
from kclint.engine import Context, Rule, RuleDoc
from kclint.model import Finding, Item, Plan, PlanKind, Severity, Span
from kclint.model import Message as M
from kclint.model import span as make_span
from kclint.rules._catalog_helpers import (
    criterion_severity,
    current_level,
    level_phrase,
    own_target,
    stated_current,
    uncovered_levels,
)

_TH_2024 = """TRƯỜNG TIỂU HỌC BÌNH AN

Số: 21/KH-THBA

Bình An, ngày 16 tháng 9 năm 2024

KẾ HOẠCH
Cải tiến chất lượng nhà trường năm học 2024-2025

"""
_RESULTS = """I. KẾT QUẢ TỰ ĐÁNH GIÁ

\tTiêu chí\tKhông đạt\tMức 1\tMức 2\tMức 3
\tTiêu chí 3.1\t\tX\t\t
\tTiêu chí 3.5\t\tX\tX\tX

II. NỘI DUNG CẢI TIẾN

"""


_BARE_LEVEL = re.compile(r"\s*(?:0?\d|(?-i:IV|III|II|I))\s*\.?\s*")


def _target_span(item: Item) -> Span:
    """The target as the finding quotes it: its words, or the item's heading when the level is inherited.

    A level column holds a bare number ('2'): alone it says nothing, so the quote runs from the criterion's
    cell to the target's, as the row writes them ('TC 5.5 – Hình thành ...<tab>3<tab>2'), at the criterion cell.
    """
    if item.target is None or item.target_inherited:
        return item.heading
    if item.layout != "table" or not _BARE_LEVEL.fullmatch(item.target.text):
        return item.target
    lo, hi = sorted((item.heading.loc.column or 0, item.target.loc.column or 0))
    cells = [c.text for c in item.cells if c.loc.column is not None and lo <= c.loc.column <= hi]
    return make_span("\t".join(cells), item.heading.loc) if cells else item.target


class InvalidTarget(Rule):
    code = "KC210"
    slug = "invalid-target-level"
    category = "level"
    kind = "level.invalid_target"
    severity = Severity.ERROR
    title = M(vi="Mức cần đạt không có ở tiêu chí", en="Target level the criterion does not define")
    doc = RuleDoc(
        what=M(vi="Kiểm tra mức cần đạt của từng tiêu chí với thông tư: Mức 3 chỉ đặt cho tiêu chí có yêu cầu "
                  "Mức 3 (mầm non không có Mức 3 ở 1.2, 1.7–1.10, 3.6; tiểu học ở 1.2, 1.5, 1.7–1.10, 3.4, 5.1; "
                  "THCS, THPT ở 1.2, 1.7–1.10, 3.4, 5.3, 5.4); Mức 4 là mức của cả trường, không là mức của một "
                  "tiêu chí. Khi dữ liệu danh mục chưa chắc chắn (sau Thông tư 22/2024) chỉ ghi nhận ở mức thông "
                  "tin.",
               en="Checks each criterion's target against the circular: Mức 3 only for criteria that define it; "
                  "Mức 4 is a whole-school level, never a criterion's. Uncertain catalog facts (after TT 22/2024) "
                  "give an info."),
        why=M(vi="Mục tiêu không thể đạt được theo quy định làm kế hoạch mất giá trị và lộ việc chép mẫu.",
              en="A target the regulation does not allow cannot be met, and shows a copied template."),
        fix=M(vi="Đặt mức cao nhất tiêu chí có, ví dụ \"Giữ vững Mức 2\".",
              en="Use the criterion's highest level, e.g. \"Giữ vững Mức 2\"."),
        fail_example=_TH_2024 + "Tiêu chí 1.2: Hội đồng trường và các hội đồng khác\n\n"
        "Mục tiêu cần đạt: Đạt Mức 3\n\nGiải pháp thực hiện: Kiện toàn các hội đồng.\n",
        pass_example=_TH_2024 + "Tiêu chí 1.2: Hội đồng trường và các hội đồng khác\n\n"
        "Mục tiêu cần đạt: Giữ vững Mức 2\n\nGiải pháp thực hiện: Kiện toàn các hội đồng.\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        version = ctx.criteria
        if plan.kind != PlanKind.IMPROVEMENT or version is None:
            return
        for item in plan.items:
            target = own_target(item)
            if target is not None:
                span = _target_span(item)
                yield from self._judge(version, item.criterion, target, span, item.target_inherited,
                                       level_phrase(span.text, target) if span is item.target else None)
        for fact in uncovered_levels(plan, "target"):  # a level written in prose or a plan table's row
            yield from self._judge(version, fact.criterion, fact.level, fact.span, False, None)

    def _judge(self, version: CriteriaVersion, crit: str, target: int, span: Span, inherited: bool,
               evidence: str | None) -> Iterator[Finding]:
        criterion = version.criterion(crit)
        if criterion is None or criterion.has_level(target):
            return
        best = criterion.max_level
        if target > 3:
            severity = self.severity  # Mức 4 of one criterion is impossible whatever the data says
            why_vi = f"Mức {target} là mức đánh giá của cả trường, tiêu chí chỉ có Mức 1–{best}"
            why_en = f"Mức {target} is a whole-school level; the criterion has Mức 1–{best}"
        else:
            severity = criterion_severity(self.severity, version, criterion, "levels")
            defined = ", ".join(str(lv) for lv in criterion.levels)
            why_vi = f"theo Thông tư {version.circular}, tiêu chí {criterion.id} chỉ có Mức {defined}"
            why_en = f"under Thông tư {version.circular}, criterion {criterion.id} only defines Mức {defined}"
            if criterion.uncertain and "levels" in criterion.uncertain_about:
                why_vi += " (dữ liệu sau Thông tư 22/2024 chưa chắc chắn)"
                why_en += " (uncertain data after TT 22/2024)"
        origin_vi = " (theo dòng nhóm của bảng)" if inherited else ""
        origin_en = " (from the table's group row)" if inherited else ""
        yield self.finding(
            span,
            M(vi=f"Tiêu chí {crit} đặt mục tiêu Mức {target}{origin_vi}, nhưng {why_vi}.",
              en=f"Criterion {crit} targets Mức {target}{origin_en}, but {why_en}."),
            suggestion=M(vi=f"Viết \"Giữ vững Mức {best}\" (hoặc \"Đạt Mức {best}\").",
                         en=f"Write \"Giữ vững Mức {best}\" (or \"Đạt Mức {best}\")."),
            evidence=evidence,
            severity=severity,
        )


class TargetBelowCurrent(Rule):
    code = "KC211"
    slug = "target-below-current"
    category = "level"
    kind = "level.target_below_current"
    severity = Severity.ERROR
    title = M(vi="Mức cần đạt thấp hơn mức hiện tại", en="Target below the current level")
    doc = RuleDoc(
        what=M(vi="So mức cần đạt với mức tiêu chí đã đạt (dòng \"Trường đã đạt Mức …\" hoặc bảng kết quả tự "
                  "đánh giá của kế hoạch).",
               en="Compares the target with the level already reached (a \"Trường đã đạt Mức …\" line or the "
                  "plan's self-assessment table)."),
        why=M(vi="Kế hoạch cải tiến không đặt mục tiêu thấp hơn hiện trạng; thường là gõ nhầm mức hoặc bảng kết "
                 "quả sai.",
              en="An improvement plan does not aim below the current state; usually a mistyped level or a wrong "
                 "results table."),
        fix=M(vi="Sửa mục tiêu thành \"Giữ vững Mức …\" (mức hiện tại) hoặc cao hơn.",
              en="Make the target \"Giữ vững Mức …\" (the current level) or higher."),
        fail_example=_TH_2024 + _RESULTS + "Tiêu chí 3.5: Thiết bị\n\nMục tiêu cần đạt: Đạt Mức 2\n\n"
        "Hạn chế: Một số thiết bị dạy học đã hư hỏng.\n",
        pass_example=_TH_2024 + _RESULTS + "Tiêu chí 3.5: Thiết bị\n\nMục tiêu cần đạt: Giữ vững Mức 3\n\n"
        "Hạn chế: Một số thiết bị dạy học đã hư hỏng.\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        if plan.kind != PlanKind.IMPROVEMENT:
            return
        for item in plan.items:
            target = own_target(item)
            current = current_level(plan, item)
            if target is not None and current is not None and target < current[0]:
                span = _target_span(item)
                yield self._below(item.criterion, target, current, span,
                                  level_phrase(span.text, target) if span is item.target else None)
        for fact in uncovered_levels(plan, "target"):  # a level written in prose or a plan table's row
            current = stated_current(plan, fact.criterion)
            if current is not None and fact.level < current[0]:
                yield self._below(fact.criterion, fact.level, current, fact.span, None)

    def _below(self, crit: str, target: int, current: tuple[int, Span], span: Span, evidence: str | None) -> Finding:
        level, where = current
        return self.finding(
            span,
            M(vi=f"Tiêu chí {crit} đã đạt Mức {level} (\"{where.text[:80]}\") nhưng mục tiêu chỉ là Mức {target}.",
              en=f"Criterion {crit} is already at Mức {level} (\"{where.text[:80]}\") but the target is Mức "
                 f"{target}."),
            suggestion=M(vi=f"Viết \"Giữ vững Mức {level}\", hoặc sửa mức hiện tại nếu bảng kết quả sai.",
                         en=f"Write \"Giữ vững Mức {level}\", or fix the current level if the table is wrong."),
            evidence=evidence,
        )


class TargetNotAboveCurrent(Rule):
    code = "KC212"
    slug = "target-not-above-current"
    category = "level"
    kind = "level.target_not_above_current"
    severity = Severity.INFO
    title = M(vi="Mức cần đạt bằng mức hiện tại dù còn hạn chế", en="Target equals the current level despite "
              "weaknesses")
    doc = RuleDoc(
        what=M(vi="Báo tiêu chí có nêu hạn chế cần khắc phục nhưng mục tiêu chỉ bằng mức đã đạt, khi tiêu chí còn "
                  "mức cao hơn. \"Giữ vững Mức 3\" (mức cao nhất) không bị báo.",
               en="Reports a criterion that lists weaknesses but targets the level already reached, while a "
                  "higher level exists. \"Giữ vững Mức 3\" (the highest level) is not reported."),
        why=M(vi="Hạn chế của tiêu chí đã đạt Mức N là yêu cầu của Mức N+1: khắc phục xong thì mục tiêu nên là "
                 "mức cao hơn.",
              en="The weaknesses of a criterion at Mức N are the requirements of Mức N+1: once fixed, the target "
                 "should be the higher level."),
        fix=M(vi="Đặt mục tiêu mức cao hơn (\"Đạt Mức 2\"), hoặc giải thích vì sao chỉ giữ mức hiện tại.",
              en="Aim for the next level (\"Đạt Mức 2\"), or say why the current level is kept."),
        fail_example=_TH_2024 + _RESULTS + "Tiêu chí 3.1: Khuôn viên, khu sân chơi, bãi tập\n\n"
        "Mục tiêu cần đạt: Mức 1\n\nHạn chế: Sân chơi chưa có mái che.\n",
        pass_example=_TH_2024 + _RESULTS + "Tiêu chí 3.1: Khuôn viên, khu sân chơi, bãi tập\n\n"
        "Mục tiêu cần đạt: Mức 2\n\nHạn chế: Sân chơi chưa có mái che.\n\n"
        "Tiêu chí 3.5: Thiết bị\n\nMục tiêu cần đạt: Giữ vững Mức 3\n\nHạn chế: Thiết bị cũ.\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        version = ctx.criteria
        if plan.kind != PlanKind.IMPROVEMENT:
            return
        for item in plan.items:
            target = own_target(item)
            current = current_level(plan, item)
            if target is None or current is None or target != current[0]:
                continue
            if item.weakness is None or not item.weakness.text.strip():
                continue
            criterion = version.criterion(item.criterion) if version else None
            top = criterion.max_level if criterion else 3
            if target >= top:
                continue  # keeping the highest level is the only possible target
            yield self.finding(
                item.heading,
                M(vi=f"Tiêu chí {item.criterion} đã ở Mức {target}, mục tiêu vẫn là Mức {target} dù kế hoạch nêu hạn "
                     f"chế cần khắc phục (\"{item.weakness.text[:60]}\").",
                  en=f"Criterion {item.criterion} is at Mức {target} and still targets Mức {target}, although the plan "
                     f"lists weaknesses (\"{item.weakness.text[:60]}\")."),
                suggestion=M(vi=f"Đặt mục tiêu \"Đạt Mức {target + 1}\" nếu khắc phục được hạn chế.",
                             en=f"Aim for \"Đạt Mức {target + 1}\" once the weaknesses are fixed."),
            )
