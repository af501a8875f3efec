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
