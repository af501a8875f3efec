"""One name spelt two ways in one plan (KC610): place and school names, quoted event names."""

from __future__ import annotations

from collections.abc import Iterator

from kclint.engine import Context, Rule, RuleDoc
from kclint.model import Finding, Plan, Severity
from kclint.model import Message as M
from kclint.vietnamese import appendix_start, name_variants


def _appendix(plan: Plan) -> set[int]:
    """Indices of ``plan.texts`` in an appendix: after 'Kèm theo kế hoạch ...'/'PHỤ LỤC', or schedule cells."""
    texts = [s.text for s in plan.texts]
    start = appendix_start(texts)
    out = set(range(start, len(texts))) if start is not None else set()
    schedule_tables = {r.span.loc.table for r in plan.schedule if r.span.loc.table is not None}
    out.update(i for i, s in enumerate(plan.texts) if s.loc.table is not None and s.loc.table in schedule_tables)
    return out


class NameConsistency(Rule):
    code = "KC610"
    slug = "name-consistency"
    category = "consistency"
    kind = "consistency.name"
    severity = Severity.WARNING
    title = M(vi="Tên riêng viết không thống nhất", en="Inconsistent spelling of a name")
    doc = RuleDoc(
        what=M(
            vi="Tìm tên riêng (tên xã, tên trường: các chữ viết hoa liền nhau) và tên hoạt động trong ngoặc kép "
            "xuất hiện trong cùng kế hoạch với hai cách viết chỉ khác dấu hoặc một chữ cái (Noong Luông / Noong "
            "Luống). Báo cách viết ít gặp hơn; nếu cách viết đó chỉ có ở phụ lục còn phần nội dung viết khác, "
            "loại lỗi là consistency.body_vs_appendix. Họ tên hai người khác nhau ở tên riêng không bị báo.",
            en="Finds proper names (commune and school names: runs of capitalised words) and quoted event names "
            "written two ways in one plan, differing only by diacritics or one letter (Noong Luông / Noong "
            "Luống). The rarer spelling is reported; when it occurs only in the appendix and the body writes the "
            "other, the kind is consistency.body_vs_appendix. Two people's names differing in the given name are "
            "not reported.",
        ),
        why=M(
            vi="Tên cơ quan, địa danh, hoạt động phải viết thống nhất; viết sai tên là lỗi nặng trong văn bản "
            "hành chính.",
            en="Names of bodies, places and events must be written consistently; a misspelt name is a serious "
            "flaw in an official document.",
        ),
        fix=M(
            vi="Sửa theo cách viết đúng (thường là cách viết ở phần nội dung, hoặc cách gặp nhiều hơn).",
            en="Use the right spelling (usually the body's, or the more frequent one).",
        ),
        fail_example=(
            "KẾ HOẠCH TỔ CHỨC HOẠT ĐỘNG NĂM HỌC 2025-2026\n\n"
            "Trường Mầm non xã Pá Khoang tổ chức ngày hội “Bé vui đón trung thu” cho trẻ.\n\n"
            "Ban giám hiệu Trường Mầm non xã Pá Khoang phân công giáo viên chuẩn bị.\n\n"
            "PHỤ LỤC\n\n"
            "Tháng 9: ngày hội “Bé vui đón trung thư”.\n"
        ),
        pass_example=(
            "KẾ HOẠCH TỔ CHỨC HOẠT ĐỘNG NĂM HỌC 2025-2026\n\n"
            "Trường Mầm non xã Pá Khoang tổ chức ngày hội “Bé vui đón trung thu” cho trẻ.\n\n"
            "PHỤ LỤC\n\n"
            "Tháng 9: ngày hội “Bé vui đón trung thu”.\n"
        ),
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        texts = [s.text for s in plan.texts]
        for v in name_variants(texts, _appendix(plan)):
            common = v.common
            for occ in v.occurrences:
                if v.kind == "consistency.body_vs_appendix":
                    message = M(
                        vi=f"Phụ lục viết '{occ.text}' nhưng phần nội dung viết '{common}'.",
                        en=f"The appendix writes '{occ.text}' but the body writes '{common}'.",
                    )
                else:
                    message = M(
                        vi=f"'{occ.text}' được viết là '{common}' ở chỗ khác trong kế hoạch "
                        f"({v.common_count} lần, cách viết này {v.rare_count} lần).",
                        en=f"'{occ.text}' is written '{common}' elsewhere in the plan "
                        f"({v.common_count} times, this spelling {v.rare_count}).",
                    )
                yield self.finding(
                    plan.texts[occ.index],
                    message,
                    suggestion=M(
                        vi=f"Thống nhất cách viết: '{common}' (kiểm tra lại tên đúng).",
                        en=f"Write the name one way: '{common}' (check which is right).",
                    ),
                    # Equal counts with nothing to say which spelling is right: a note, not a warning.
                    severity=Severity.INFO if v.tie else self.severity,
                    kind=v.kind,
                    evidence=occ.text,
                )
