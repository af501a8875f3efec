"""Reviewers' ``kclint: bỏ qua`` comments that hide nothing (ruff's RUF100 for an unused ``noqa``)."""

from __future__ import annotations

from collections.abc import Iterator

from kclint.engine import Context, Rule, RuleDoc, named_rules, suppression_selectors
from kclint.model import Finding, Plan, Severity
from kclint.model import Message as M


class UnusedSuppression(Rule):
    code = "KC590"
    slug = "unused-suppression"
    category = "structure"
    kind = "structure.unused_suppression"
    severity = Severity.INFO
    after_suppressions = True
    title = M(vi="Ghi chú 'kclint: bỏ qua' không che lỗi nào", en="'kclint: ignore' comment hides nothing")
    doc = RuleDoc(
        what=M(vi="Một ghi chú 'kclint: bỏ qua …' (góp ý Word hoặc dòng <!-- kclint: bỏ qua … --> trong tệp văn "
                  "bản) mà trong phạm vi của nó không có lỗi nào để bỏ qua, hoặc nêu một mã luật không có. Chỉ "
                  "xét khi luật được nêu có chạy trong lần kiểm tra này.",
               en="A 'kclint: ignore …' comment (a Word comment, or a <!-- kclint: ignore … --> line in a text "
                  "file) with no finding to hide in its range, or naming a rule code that does not exist. "
                  "Reported only when a rule it names ran in this check."),
        why=M(vi="Ghi chú cũ còn lại sau khi đoạn văn đã được sửa sẽ che mất lỗi mới về sau mà không ai hay.",
              en="A stale comment left after the text was fixed would silently hide a later, real defect."),
        fix=M(vi="Xoá ghi chú, hoặc sửa mã luật cho đúng (xem 'kclint rules').",
              en="Delete the comment, or correct the rule code (see 'kclint rules')."),
        fail_example=(
            "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG\n"
            "<!-- kclint: bỏ qua -->\n"
            "Nhà trường tổ chức họp phụ huynh vào tháng 9 năm 2026.\n"
        ),
        pass_example=(
            "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG\n"
            "<!-- kclint: bỏ qua KC107 vì thời hạn này do Sở quy định -->\n"
            "Hoàn thành trong năm học.\n"
        ),
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        for s, hidden in zip(plan.suppressions, ctx.suppressed, strict=True):
            if hidden:
                continue
            selectors = suppression_selectors(s.selectors)
            unknown = [t for t in selectors if not named_rules([t])]
            if unknown:
                yield self.finding(s.span, M(
                    vi=f"Ghi chú bỏ qua nêu mã luật không có: {', '.join(unknown)}.",
                    en=f"The ignore comment names no existing rule: {', '.join(unknown)}."))
            elif not selectors or named_rules(selectors) & ctx.ran:
                yield self.finding(s.span, M(
                    vi="Ghi chú bỏ qua không che lỗi nào trong phạm vi của nó; có thể xoá.",
                    en="The ignore comment hides no finding in its range; it can be deleted."))
