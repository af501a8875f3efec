"""A word typed twice in a row (KC606)."""

from __future__ import annotations

from kclint.engine import RuleDoc
from kclint.model import Finding, Severity, Span
from kclint.model import Message as M
from kclint.rules.text_common import TextIssueRule
from kclint.vietnamese import Issue


class DuplicateWord(TextIssueRule):
    code = "KC606"
    slug = "duplicate-word"
    category = "text"
    kind = "text.duplicate_word"
    severity = Severity.WARNING
    issue_kinds = frozenset({"text.duplicate_word"})
    title = M(vi="Lặp từ", en="Repeated word")
    doc = RuleDoc(
        what=M(
            vi="Tìm một chữ bị gõ hai lần liền nhau (nhà trường trường, thông qua qua đó). Không báo các từ láy "
            "hoàn toàn (ngày ngày, người người, dần dần...) và chỗ giáp ranh của hai từ ghép có trong danh mục "
            "(triệt để để, học sinh sinh hoạt) hoặc thường gặp trong văn bản pháp luật (hành vi vi phạm, trường hợp "
            "hợp đồng).",
            en="Finds a word typed twice in a row (nhà trường trường, thông qua qua đó). Full reduplications "
            "(ngày ngày, người người, dần dần...) and the boundary of two compounds, listed (triệt để để, học sinh "
            "sinh hoạt) or frequent in legal prose (hành vi vi phạm, trường hợp hợp đồng), are not reported.",
        ),
        why=M(
            vi="Lỗi lặp chữ thường do sao chép, chỉnh sửa vội; dễ thấy khi in.",
            en="A repeated word usually comes from hasty copying or editing and shows in print.",
        ),
        fix=M(vi="Xóa chữ thừa.", en="Delete the extra word."),
        fail_example=(
            "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n"
            "Triển khai kế hoạch tới toàn thể giáo viên viên của nhà trường.\n"
        ),
        pass_example=(
            "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n"
            "Ngày ngày cô giáo đón trẻ; nhà nhà, người người chung tay xây dựng trường học.\n"
        ),
    )

    def report(self, span: Span, issue: Issue) -> Finding | None:
        ev, word = issue.evidence, issue.suggestion or ""
        return self.finding(
            span,
            M(vi=f"Chữ '{word}' bị lặp: '{ev}'.", en=f"The word '{word}' is repeated: '{ev}'."),
            suggestion=M(vi=f"Xóa một chữ '{word}', viết '{word}'.", en=f"Delete one '{word}': write '{word}'."),
            evidence=ev,
        )
