"""A table of contents is no structure (issues 15, 17): its entries list parts and criteria with a page number.

Invented plans only. Before, each listed criterion became an item (KC404 duplicates, KC406 order, KC570 missing
fields), each listed part a section headed '… 3', and the page number was read as part of the title (KC402).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from kclint.engine import RunOptions
from kclint.pipeline import check_file
from kclint.rules.catalog_rules import without_page_number

_HEAD = ("UBND HUYỆN SÔNG LAM\nTRƯỜNG TIỂU HỌC BẾN ĐÒ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "Độc lập - Tự do - Hạnh phúc\nSố: 12/KH-THBĐ\nBến Đò, ngày 10 tháng 10 năm 2024\nKẾ HOẠCH\n"
         "Cải tiến chất lượng giáo dục năm học 2024-2025\n")
_T11 = "Phương hướng, chiến lược xây dựng và phát triển nhà trường"
_T12 = "Hội đồng trường và các hội đồng khác"
_T13 = "Tổ chức Đảng Cộng sản Việt Nam, các đoàn thể và tổ chức khác trong nhà trường"


def _contents(leader: str) -> str:
    return (f"MỤC LỤC\nNỘI DUNG\tTrang\nI. Mục đích, yêu cầu{leader}2\nII. Nội dung cải tiến{leader}3\n"
            f"Tiêu chuẩn 1: Tổ chức và quản lý nhà trường\n"
            f"Tiêu chí 1.1: {_T11}{leader}3\nTiêu chí 1.2: {_T12}. {leader.strip() or ''}4\nTiêu chí 1.3 5\n"
            f"III. Tổ chức thực hiện{leader}6\n")


def _item(number: str, title: str, time: str = "Thời gian: tháng 11/2024.\n") -> str:
    return (f"Tiêu chí {number}: {title}\nMục tiêu: Duy trì Mức 2.\nBiện pháp: Rà soát và bổ sung hồ sơ.\n"
            f"{time}Người thực hiện: Hiệu trưởng.\n")


def _plan(contents: str, t12: str = _T12, time12: str = "Thời gian: tháng 12/2024.\n") -> str:
    return (_HEAD + contents + "I. MỤC ĐÍCH, YÊU CẦU\nCăn cứ Thông tư số 17/2018/TT-BGDĐT ngày 22/8/2018 của Bộ "
            "Giáo dục và Đào tạo;\nNâng cao chất lượng giáo dục của nhà trường.\nII. NỘI DUNG CẢI TIẾN\n"
            "Tiêu chuẩn 1: Tổ chức và quản lý nhà trường\n" + _item("1.1", _T11) + _item("1.2", t12, time12)
            + _item("1.3", _T13) + "III. TỔ CHỨC THỰC HIỆN\nHiệu trưởng chỉ đạo chung.\nNơi nhận:\n"
            "- Phòng GDĐT;\n- Lưu: VT.\nHIỆU TRƯỞNG\nNguyễn Văn An\n")


def _check(tmp_path: Path, text: str, docx: bool) -> list[tuple[str, str]]:
    if docx:
        doc = Document()
        for line in text.splitlines():
            doc.add_paragraph(line)
        path = tmp_path / "plan.docx"
        doc.save(str(path))
    else:
        path = tmp_path / "plan.txt"
        path.write_text(text, encoding="utf-8")
    result = check_file(str(path), RunOptions(strict=True))
    assert result.error is None, result.error
    # KC511, KC512: python-docx's default page and font, not under test here.
    return [(f.code, f.evidence) for f in result.findings
            if f.severity.value in ("error", "warning") and f.code not in ("KC511", "KC512")]


@pytest.mark.parametrize("leader", [" ........ ", " …… ", "\t", " "])
@pytest.mark.parametrize("docx", [False, True])
def test_a_table_of_contents_is_no_item_and_no_section(tmp_path: Path, leader: str, docx: bool) -> None:
    assert _check(tmp_path, _plan(_contents(leader)), docx) == []


@pytest.mark.parametrize("docx", [False, True])
def test_the_items_defects_are_still_found_beside_it(tmp_path: Path, docx: bool) -> None:
    found = _check(tmp_path, _plan(_contents("\t"), t12="Hội đồng trừơng và các hội đồng khác", time12=""), docx)
    codes = {code for code, _ in found}
    assert "KC402" in codes, found
    assert not codes & {"KC404", "KC406", "KC550"}, found


def test_dotted_leaders_without_the_heading_are_contents(tmp_path: Path) -> None:
    contents = _contents(" ........ ").replace("MỤC LỤC\nNỘI DUNG\tTrang\n", "")
    assert _check(tmp_path, _plan(contents), False) == []


def test_a_page_number_is_no_part_of_a_title() -> None:
    assert without_page_number("Quản lý tài chính và tài sản. 18") == "Quản lý tài chính và tài sản."
    assert without_page_number("Hội đồng trường ……… 4") == "Hội đồng trường"
    assert without_page_number("13") == ""
    assert without_page_number("Tổ chức nhóm trẻ và lớp mẫu giáo") == "Tổ chức nhóm trẻ và lớp mẫu giáo"
