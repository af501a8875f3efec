"""Multi-level schools named in full words or abbreviations (issue 15): the school's levels are read from any
way of joining two or three level names, and the level rules (KC454, KC710) accept each named level's
circular and still find a level the school does not have. Invented plans, as text and as Word."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import plan_from_file, plan_from_text, run
from plan_docx import PlanLayout, build_docx

from kclint.model import Plan, SchoolLevel

_TT = {n: f"Thông tư số {n}/2018/TT-BGDĐT ngày 22/8/2018 của Bộ Giáo dục và Đào tạo" for n in (17, 18, 19)}
_PLACE_DATE = "Hòa Lợi, ngày 06 tháng 10 năm 2025"
_TITLE = ["KẾ HOẠCH", "Cải tiến chất lượng giáo dục năm học 2025-2026"]


def _body(school: str, circulars: list[int]) -> str:
    basis = "\n\n".join(f"Căn cứ {_TT[n]};" for n in circulars)
    return f"I. CĂN CỨ\n\n{basis}\n\nII. MỤC TIÊU\n\n{school} duy trì các tiêu chí đã đạt.\n"


def _plan(school: str, symbol: str, circulars: list[int], layout: str, tmp_path: Path) -> Plan:
    if layout == "txt":
        text = (f"PHÒNG GD&ĐT HÒA LỢI\n{school.upper()}\n\nSố: 14/{symbol}\n\n{_PLACE_DATE}\n\n"
                + "\n".join(_TITLE) + "\n\n" + _body(school, circulars))
        return plan_from_text(text)
    path = build_docx(tmp_path / "plan.docx", PlanLayout(
        left=["PHÒNG GD&ĐT HÒA LỢI", school.upper()], number=f"Số: 14/{symbol}", place_date=_PLACE_DATE,
        title=_TITLE, body=_body(school, circulars)))
    return plan_from_file(path)


_LAYOUTS = pytest.mark.parametrize("layout", ["txt", "docx"])

# (school, symbol, circulars that are its correct basis)
_SCHOOLS = [
    ("Trường Tiểu học và Trung học cơ sở Hòa Lợi", "KH-TH&THCSHL", [17, 18]),
    ("Trường THCS và THPT Hòa Lợi", "KH-THCSTHPT", [18]),
    ("Trường Mầm non – Tiểu học Hòa Lợi", "KH-MNTHHL", [19, 17]),
    ("Trường Mầm non - Tiểu học Hòa Lợi", "KH-MNHL", [19, 17]),
    ("Trường Phổ thông nhiều cấp học Hòa Lợi", "KH-PTHL", [18]),
    ("Trường TH-THCS Hòa Lợi", "KH-THHL", [17, 18]),
    ("Trường TH, THCS và THPT Hòa Lợi", "KH-PTHL", [18]),
    ("Trường Tiểu học, Trung học cơ sở và Trung học phổ thông Hòa Lợi", "KH-PTHL", [17, 18]),
]


@_LAYOUTS
@pytest.mark.parametrize(("school", "symbol", "circulars"), _SCHOOLS)
def test_multi_level_school_is_read_and_its_circulars_accepted(
    school: str, symbol: str, circulars: list[int], layout: str, tmp_path: Path
) -> None:
    plan = _plan(school, symbol, circulars, layout, tmp_path)
    assert plan.school_level == SchoolLevel.NHIEU_CAP
    assert plan.school_name == school
    assert run(plan, ["KC454", "KC710"]) == []


# (school, symbol, circulars, the citation of a level the school does not have)
_WRONG = [
    ("Trường Mầm non – Tiểu học Hòa Lợi", "KH-MNHL", [19, 18], "18/2018/TT-BGDĐT"),  # no THCS here
    ("Trường Tiểu học và Trung học cơ sở Hòa Lợi", "KH-TH&THCSHL", [19, 18], "19/2018/TT-BGDĐT"),
    ("Trường THCS và THPT Hòa Lợi", "KH-THCSTHPT", [17, 18], "17/2018/TT-BGDĐT"),
    ("Trường TH-THCS Hòa Lợi", "KH-THHL", [19, 18], "19/2018/TT-BGDĐT"),
]


@_LAYOUTS
@pytest.mark.parametrize(("school", "symbol", "circulars", "wrong"), _WRONG)
def test_a_level_the_school_does_not_have_is_still_found(
    school: str, symbol: str, circulars: list[int], wrong: str, layout: str, tmp_path: Path
) -> None:
    found = run(_plan(school, symbol, circulars, layout, tmp_path), ["KC454"])
    assert [f.evidence for f in found] == [wrong]


@_LAYOUTS
def test_single_level_school_names_stay_single(layout: str, tmp_path: Path) -> None:
    for school, level in (("Trường Tiểu học Hòa Lợi", SchoolLevel.TIEU_HOC),
                          ("Trường Mầm non Hòa Lợi", SchoolLevel.MAM_NON),
                          ("Trường THCS Hòa Lợi", SchoolLevel.THCS)):
        assert _plan(school, "KH-HL", [18], layout, tmp_path).school_level == level
