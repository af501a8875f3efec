"""False alarms on correct plans of shapes the samples lack (issue 15): a plan issued by an education office
covers the schools of every level, so no level-dependent rule reads one school it names as the plan's own.
Each case in text and Word, with the defect the rule exists for still found."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import plan_from_file, plan_from_text, run
from plan_docx import PlanLayout, build_docx

from kclint.model import Plan, SchoolLevel, Severity

_MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]


def _both(tmp_path: Path, left: list[str], title: list[str], body: str, number: str) -> list[Plan]:
    """The same plan as a text export and as a Word document with its header in a table."""
    text = "\n".join([*left, "", *_MOTTO, "", number, "", "Tân Hòa, ngày 12 tháng 9 năm 2025", "", *title,
                      "", body])
    docx = build_docx(tmp_path / "p.docx", PlanLayout(left=left, number=number,
                                                       place_date="Tân Hòa, ngày 12 tháng 9 năm 2025",
                                                       title=title, body=body))
    return [plan_from_text(text), plan_from_file(docx)]


def _serious(plan: Plan, select: list[str]) -> list[tuple[str, str]]:
    return [(f.code, f.evidence) for f in run(plan, select) if f.severity != Severity.INFO]


_OFFICE_TITLE = ["KẾ HOẠCH", "Kiểm định chất lượng giáo dục các trường năm học 2025-2026"]
_OFFICE_BODY = (
    "Căn cứ Thông tư số 19/2018/TT-BGDĐT ngày 22/8/2018 của Bộ Giáo dục và Đào tạo về kiểm định chất lượng "
    "trường mầm non;\n"
    "Căn cứ Thông tư số 17/2018/TT-BGDĐT ngày 22/8/2018 của Bộ Giáo dục và Đào tạo về kiểm định chất lượng "
    "trường tiểu học;\n"
    "Căn cứ Thông tư số 18/2018/TT-BGDĐT ngày 22/8/2018 của Bộ Giáo dục và Đào tạo về kiểm định chất lượng "
    "trường trung học cơ sở;\n\n"
    "I. MỤC ĐÍCH\n\n"
    "Các trường trong quận duy trì kết quả kiểm định và cải tiến chất lượng theo kế hoạch.\n\n"
    "II. CÁC ĐƠN VỊ ĐĂNG KÝ ĐÁNH GIÁ NGOÀI\n\n"
    "STT\tĐơn vị\tThời gian\n"
    "1\tTrường Mầm non Sao Mai\tTháng 3/2026\n"
    "2\tTrường Tiểu học Tân Hòa\tTháng 4/2026\n"
)


@pytest.mark.parametrize("office", [
    ["UBND QUẬN TÂN HÒA", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"],
    ["UBND TỈNH BẮC SƠN", "SỞ GD&ĐT"],
])
def test_an_education_offices_plan_has_no_single_level(tmp_path: Path, office: list[str]) -> None:
    for plan in _both(tmp_path, office, _OFFICE_TITLE, _OFFICE_BODY, "Số: 205/KH-PGDĐT"):
        assert plan.school_level == SchoolLevel.UNKNOWN
        assert plan.school_name is None
        assert _serious(plan, ["KC454", "KC710"]) == []


def test_the_same_citations_in_one_schools_plan_are_still_wrong_level(tmp_path: Path) -> None:
    school = ["PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN TÂN HÒA", "TRƯỜNG MẦM NON SAO MAI"]
    for plan in _both(tmp_path, school, _OFFICE_TITLE, _OFFICE_BODY, "Số: 31/KH-MNSM"):
        assert plan.school_level == SchoolLevel.MAM_NON
        found = _serious(plan, ["KC454"])
        assert ("KC454", "17/2018/TT-BGDĐT") in found and ("KC454", "18/2018/TT-BGDĐT") in found


_SCHOOL_TITLE = ["KẾ HOẠCH", "Cải tiến chất lượng giáo dục năm học 2025-2026"]
_NAMES_BODY = (
    "Căn cứ kết quả tự đánh giá năm học 2024-2025, Trường Tiểu học Bình An xây dựng kế hoạch cải tiến chất "
    "lượng như sau.\n\n"
    "I. MỤC ĐÍCH\n\n"
    "Phối hợp với Ủy ban nhân dân xã Bình Ân và Ban đại diện cha mẹ học sinh để huy động nguồn lực.\n\n"
    "II. NỘI DUNG\n\n"
    "Nhà trường đề nghị xã Bình Ân hỗ trợ sửa chữa tường rào phía đông.\n"
)


def _names(plan: Plan) -> list[tuple[str, str]]:
    return _serious(plan, ["KC610"])


def test_a_school_and_its_commune_named_apart_by_one_mark_in_the_header(tmp_path: Path) -> None:
    """'UBND XÃ BÌNH ÂN' over 'TRƯỜNG TIỂU HỌC BÌNH AN': the header spells two bodies' names; neither is a
    slip of the other."""
    head = ["UBND XÃ BÌNH ÂN", "TRƯỜNG TIỂU HỌC BÌNH AN"]
    for plan in _both(tmp_path, head, _SCHOOL_TITLE, _NAMES_BODY, "Số: 12/KH-THBA"):
        assert _names(plan) == []


def test_the_schools_name_misspelt_in_the_body_is_still_found(tmp_path: Path) -> None:
    """The header names the school 'BÌNH ÂN' like its commune: the body's one 'Bình An' is a slip."""
    head = ["UBND XÃ BÌNH ÂN", "TRƯỜNG TIỂU HỌC BÌNH ÂN"]
    for plan in _both(tmp_path, head, _SCHOOL_TITLE, _NAMES_BODY, "Số: 12/KH-THBA"):
        assert ("KC610", "Bình An") in _names(plan)


# A plan that numbers nothing: the basis as a bulleted list with no heading, the criteria's targets as item
# labels, the organisation an unnumbered line after the last item (which the item would otherwise swallow).
_BASIS = ["Căn cứ Thông tư số 18/2018/TT-BGDĐT ngày 22/8/2018 của Bộ Giáo dục và Đào tạo;",
          "Căn cứ kết quả tự đánh giá năm học 2024-2025 của nhà trường,"]
_ITEMS = ["Nội dung cải tiến",
          "Tiêu chí 2.1 – Đối với hiệu trưởng, phó hiệu trưởng",
          "Mục tiêu: đạt Mức 3", "Biện pháp: bồi dưỡng năng lực quản trị theo chuẩn",
          "Người thực hiện: Hiệu trưởng", "Thời gian: tháng 11/2025",
          "Tiêu chí 3.2 – Phòng học, phòng học bộ môn và khối phục vụ học tập",
          "Mục tiêu: giữ vững Mức 2", "Biện pháp: sửa mái hai phòng học bộ môn",
          "Người thực hiện: Phó Hiệu trưởng", "Thời gian: tháng 7/2026"]
_ORGANISATION = ["Tổ chức thực hiện", "Hiệu trưởng chỉ đạo chung; các tổ chuyên môn cụ thể hóa vào kế hoạch tổ."]


def _unnumbered(tmp_path: Path, basis: list[str], organisation: list[str]) -> list[Plan]:
    """Text export ('• ' bullets written out) and Word document (Word's own bulleted list)."""
    from plan_docx import add_footer, add_header, add_paragraph, new_document

    bullet = {*basis, *_ITEMS[2:6], *_ITEMS[7:]}
    text = "\n\n".join([*_SCHOOL_TITLE, *(f"• {ln}" if ln in bullet else ln for ln in [*basis, *_ITEMS,
                                                                                       *organisation])])
    layout = PlanLayout(left=["TRƯỜNG THCS AN PHÚ"], number="Số: 40/KH-THCSAP", title=_SCHOOL_TITLE)
    doc = new_document()
    add_header(doc, layout)
    for line in [*basis, *_ITEMS, *organisation]:
        add_paragraph(doc, line, style="List Bullet" if line in bullet else None)
    add_footer(doc, layout)
    doc.save(str(tmp_path / "u.docx"))
    return [plan_from_text("TRƯỜNG THCS AN PHÚ\n\nSố: 40/KH-THCSAP\n\n" + text), plan_from_file(tmp_path / "u.docx")]


def test_parts_of_a_plan_that_numbers_nothing(tmp_path: Path) -> None:
    for plan in _unnumbered(tmp_path, _BASIS, _ORGANISATION):
        assert next(t.text for t in plan.texts if "Căn cứ Thông tư" in t.text).startswith("• ")
        # The targets stand for the objectives: no heading of their own is asked, at most a note.
        assert _serious(plan, ["KC551"]) == []
    for basis, organisation, part in ((_BASIS, [], "tổ chức thực hiện"), ([], _ORGANISATION, "căn cứ")):
        for plan in _unnumbered(tmp_path, basis, organisation):
            assert len(_serious(plan, ["KC551"])) == 1
            assert part in next(f.message.vi for f in run(plan, ["KC551"]) if f.severity == Severity.WARNING)


_TABLE_PLAN = (
    "Căn cứ Thông tư số 17/2018/TT-BGDĐT và Thông tư số 18/2018/TT-BGDĐT của Bộ Giáo dục và Đào tạo;\n\n"
    "I. KẾT QUẢ TỰ ĐÁNH GIÁ\n\nNhà trường đạt Mức 2.\n\n"
    "II. NỘI DUNG CẢI TIẾN\n\n"
    "Tiêu chí\t{column}\tBiện pháp cải tiến\tThời gian, người thực hiện\n"
    "Tiêu chí 1.3\t{first}\tKiện toàn hội đồng thi đua\tTháng 10/2025; Hiệu trưởng\n"
    "Tiêu chí 4.2\t{second}\tHọp cha mẹ học sinh mỗi học kỳ\tTháng 12/2025; Phó Hiệu trưởng\n\n"
    "III. TỔ CHỨC THỰC HIỆN\n\nHiệu trưởng chỉ đạo chung.\n"
)


def test_a_targets_column_states_the_objectives(tmp_path: Path) -> None:
    head = ["TRƯỜNG TH&THCS SƠN PHÚ"]
    with_targets = _TABLE_PLAN.format(column="Mục tiêu", first="Đạt Mức 3", second="Giữ vững Mức 2")
    for plan in _both(tmp_path, head, _SCHOOL_TITLE, with_targets, "Số: 9/KH-THTHCS"):
        assert plan.items and all(i.target is not None for i in plan.items)
        assert _serious(plan, ["KC551"]) == []
    without = _TABLE_PLAN.format(column="Ghi chú", first="", second="")
    for plan in _both(tmp_path, head, _SCHOOL_TITLE, without, "Số: 9/KH-THTHCS"):
        [f] = [f for f in run(plan, ["KC551"]) if f.severity == Severity.WARNING]
        assert "mục đích" in f.message.vi
