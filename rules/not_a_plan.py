"""A file with no mark of a plan (a README, meeting notes): one info, and no other rule runs on it."""

from __future__ import annotations

from collections.abc import Iterator

from kclint.engine import NOT_A_PLAN, Context, Rule, RuleDoc, looks_like_plan
from kclint.model import Finding, Plan, Severity, Span
from kclint.model import Message as M


class NotAPlan(Rule):
    code = NOT_A_PLAN
    slug = "not-a-plan"
    category = "structure"
    kind = "structure.not_a_plan"
    severity = Severity.INFO
    title = M(vi="Không phải kế hoạch — bỏ qua", en="Not a plan — skipped")
    doc = RuleDoc(
        what=M(vi="Tệp không có dấu hiệu nào của một kế hoạch: không có tên 'KẾ HOẠCH' hay 'Kế hoạch …', dòng "
                  "'Số:', quốc hiệu, địa danh và ngày tháng, năm học, văn bản căn cứ, tiêu chí, nơi nhận hay "
                  "người ký. kclint báo một dòng thông tin và không kiểm tra tệp đó.",
               en="The file has no mark of a plan: no 'KẾ HOẠCH' or 'Kế hoạch …' title, 'Số:' line, national "
                  "motto, place and date, school year, cited document, criteria, recipients or signer. kclint "
                  "reports one info and does not check the file."),
        why=M(vi="Một tệp README hay biên bản họp nằm cùng thư mục kế hoạch (hoặc trong kho git có pre-commit) "
                 "không được làm lệnh kiểm tra thất bại vì thiếu những phần chỉ kế hoạch mới cần có.",
              en="A README or meeting notes beside the plans (or in a repository with a pre-commit hook) must "
                 "not fail the check for lacking parts only a plan needs."),
        fix=M(vi="Không cần sửa. Nếu đây đúng là kế hoạch, hãy kiểm tra với --force-plan (hoặc force-plan = true "
                 "trong cấu hình).",
              en="Nothing to fix. If this is a plan, check it with --force-plan (or force-plan = true in the "
                 "configuration)."),
        fail_example=(
            "Hướng dẫn sử dụng thư mục\n"
            "Thư mục này chứa các tệp của tổ chuyên môn. Mỗi tệp đặt tên theo tháng.\n"
        ),
        pass_example=(
            "Kế hoạch tổ chức hội thi giáo viên dạy giỏi cấp trường\n"
            "Nhà trường tổ chức hội thi trong học kì I.\n"
        ),
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        if looks_like_plan(plan):
            return
        first = next((s for s in plan.texts if s.text.strip()), Span(text=""))
        yield self.finding(first, M(
            vi="Tệp này không phải kế hoạch — bỏ qua (không thấy tên kế hoạch, số văn bản, tiêu chí hay phần "
               "nào của một kế hoạch).",
            en="This file is not a plan — skipped (no plan title, document number, criteria or other part of "
               "a plan found)."),
            suggestion=M(vi="Nếu đây là kế hoạch, kiểm tra với --force-plan.",
                         en="If this is a plan, check it with --force-plan."))
