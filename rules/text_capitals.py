"""The names of agencies and organisations, and the types of cited documents, written with the wrong capitals
(KC615)."""

from __future__ import annotations

from collections.abc import Iterator

from kclint.engine import Context, Rule, RuleDoc
from kclint.model import Edit, Finding, Plan, Severity
from kclint.model import Message as M
from kclint.vietnamese.capitals import case_slips, document_type_slips


class ProperNameCase(Rule):
    code = "KC615"
    slug = "proper-name-case"
    category = "text"
    kind = "text.capitalization"
    severity = Severity.WARNING
    title = M(vi="Viết hoa tên cơ quan, tổ chức, loại văn bản chưa đúng",
              en="Agency, organisation or document type wrongly capitalised")
    doc = RuleDoc(
        what=M(
            vi="Tìm tên cơ quan, tổ chức có trong danh mục (Bộ Giáo dục và Đào tạo, Sở, Phòng Giáo dục và Đào "
            "tạo, Ủy ban nhân dân, Hội đồng nhân dân, tổ chức Đảng, Đoàn, Đội, Công đoàn, Hội đồng tự đánh giá, "
            "Hội đồng trường...) viết thường toàn bộ, viết hoa mọi chữ hoặc thiếu chữ hoa ở giữa tên, kể cả chữ "
            "chỉ đơn vị hành chính đi sau (tỉnh, huyện, xã: viết thường, trừ khi đi với số như Phường 5). Dòng "
            "viết in hoa toàn bộ (tên cơ quan ở đầu văn bản) không bị xét. Khi tên viết thường có thể là danh từ "
            "chung (các sở, cơ sở giáo dục, Trưởng phòng, sở giáo dục và đào tạo không kèm địa danh) thì không "
            "báo hoặc chỉ báo ở mức thông tin. Tên loại của văn bản được dẫn kèm số, ký hiệu (thông tư số "
            "18/2018/TT-BGDĐT, quyết định số 12/QĐ-UBND, công văn, nghị định, kế hoạch số ...) phải viết hoa chữ "
            "đầu, các chữ sau và chữ 'số' viết thường (Thông Tư → Thông tư); loại văn bản không kèm số (các "
            "thông tư hướng dẫn, theo kế hoạch) là danh từ chung, không bị xét. Tên luật có trong danh mục, dù kèm "
            "số hay không (luật giáo dục, Luật giáo dục → Luật Giáo dục; Luật Phòng, chống tham nhũng), viết hoa "
            "chữ 'Luật' và chữ đầu của tên gọi; 'theo luật', 'pháp luật', 'kỷ luật viên chức' không phải tên luật.",
            en="Finds a catalogued agency or organisation name (the Ministry of Education and Training, the "
            "provincial Department and district Office of Education, the People's Committee and Council, Party, "
            "Youth Union, Pioneer and trade-union bodies, the self-assessment council, the school council...) "
            "written all in lower case, with every word capitalised, or with a capital missing inside, including "
            "the administrative-unit word after it (tỉnh, huyện, xã: lower case, except before a number as in "
            "Phường 5). Text in capitals (the header's agency line) is not judged. Where a lower-case name may "
            "be the generic noun (các sở, cơ sở giáo dục, Trưởng phòng, a Department named without its "
            "place) nothing or only an info is reported. The type of a document cited with its number and "
            "symbol (thông tư số 18/2018/TT-BGDĐT, quyết định số 12/QĐ-UBND, công văn, nghị định, kế hoạch "
            "số ...) takes a capital on its first word only, 'số' after it none (Thông Tư → Thông tư); a type "
            "without a number (các thông tư hướng dẫn, theo kế hoạch) is the common noun and is not judged. A "
            "catalogued law, with its number or without (luật giáo dục, Luật giáo dục → Luật Giáo dục; Luật Phòng, "
            "chống tham nhũng), capitalises 'Luật' and the first word of its name; 'theo luật', 'pháp luật', 'kỷ "
            "luật viên chức' are no law's name.",
        ),
        why=M(
            vi="Nghị định 30/2020/NĐ-CP (Phụ lục II) quy định viết hoa chữ đầu của từ chỉ loại hình và lĩnh "
            "vực của cơ quan, tổ chức (Phòng Giáo dục và Đào tạo), còn lại viết thường, và viết hoa chữ đầu tên "
            "loại của văn bản cụ thể (Thông tư số ...); tên cơ quan, văn bản viết sai là lỗi thể thức dễ thấy "
            "trên văn bản ký ban hành.",
            en="Decree 30/2020/NĐ-CP (Appendix II) capitalises the words naming a body's kind and field "
            "(Phòng Giáo dục và Đào tạo) and no others, and the first letter of a specific document's type "
            "(Thông tư số ...); a miswritten agency or document name is a visible form defect in a signed "
            "document.",
        ),
        fix=M(
            vi="Viết lại tên theo đúng cách viết hoa được gợi ý; kclint fix sửa trong bản sao (trừ chỗ chỉ báo ở "
            "mức thông tin, có thể là danh từ chung).",
            en="Rewrite the name with the suggested capitals; kclint fix corrects it in the copy (except where "
            "only an info is reported: that may be the generic noun).",
        ),
        fail_example=(
            "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n"
            "Căn cứ thông tư số 18/2018/TT-BGDĐT ngày 22/8/2018 của Bộ Giáo dục và Đào tạo;\n"
            "Nhà trường báo cáo kết quả về phòng giáo dục và đào tạo huyện Tân Hiệp trước ngày 15/5/2026.\n"
        ),
        pass_example=(
            "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n"
            "Căn cứ Thông tư số 18/2018/TT-BGDĐT ngày 22/8/2018 của Bộ Giáo dục và Đào tạo và các thông tư "
            "hướng dẫn;\n"
            "Nhà trường báo cáo kết quả về Phòng Giáo dục và Đào tạo huyện Tân Hiệp; các sở giáo dục và đào "
            "tạo, cơ sở giáo dục và phòng học không phải tên riêng.\n"
        ),
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        for span in plan.texts:
            for slip in sorted(case_slips(span.text) + document_type_slips(span.text), key=lambda s: s.start):
                sure = slip.severity == "warning"  # an info may be the generic noun: no mechanical fix
                what = (M(vi=f"Tên loại văn bản viết hoa chưa đúng: '{slip.written}'.",
                          en=f"Document type wrongly capitalised: '{slip.written}'.")
                        if slip.entry.group == "document" else
                        M(vi=f"Tên luật viết hoa chưa đúng: '{slip.written}'.",
                          en=f"Name of a law wrongly capitalised: '{slip.written}'.")
                        if slip.entry.group == "law" else
                        M(vi=f"Tên cơ quan, tổ chức viết hoa chưa đúng: '{slip.written}'.",
                          en=f"Agency or organisation name wrongly capitalised: '{slip.written}'."))
                yield self.finding(
                    span,
                    what,
                    suggestion=M(vi=f"Viết '{slip.right}'.", en=f"Write '{slip.right}'."),
                    severity=Severity(slip.severity),
                    evidence=slip.written,
                    edit=Edit(start=slip.start, end=slip.end, replacement=slip.right) if sure else None,
                )
