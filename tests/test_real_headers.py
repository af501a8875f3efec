"""Header rows exported as one line, as real public plans show them (issues 15, 17).

A text export of the two-column header table writes each row as one line: 'Số: …' beside the place-date,
the issuer beside the Quốc hiệu, the cells apart by '|', a tab, a run of spaces or a single space. Invented
plans only; each case keeps a real defect of the same rule beside it, still found.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from kclint.engine import RunOptions
from kclint.pipeline import check_file

_CODES = ["KC5021", "KC5022", "KC5023", "KC5026", "KC503", "KC504", "KC510"]
_TAIL = "KẾ HOẠCH\nCải tiến chất lượng giáo dục năm học 2024-2025\nCăn cứ Thông tư số 18/2018/TT-BGDĐT;\n"


def _head(agency_row: str, number_row: str) -> str:
    return f"UBND HUYỆN SÔNG LAM\n{agency_row}\nĐộc lập - Tự do - Hạnh phúc\n{number_row}\n"


def _check(path: Path) -> list[tuple[str, str]]:
    result = check_file(str(path), RunOptions(select=_CODES, strict=True))
    assert result.error is None, result.error
    return sorted((f.code, f.evidence) for f in result.findings if f.severity.value in ("error", "warning"))


def _txt(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return _check(path)


def _docx(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    doc = Document()
    for line in text.splitlines():
        doc.add_paragraph(line)
    path = tmp_path / "plan.docx"
    doc.save(str(path))
    return _check(path)


_AGENCY = "TRƯỜNG TIỂU HỌC BẾN ĐÒ{gap}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
_NUMBER = "Số: 12/KH-THBĐ{gap}Bến Đò, ngày 10 tháng 10 năm 2024"


@pytest.mark.parametrize("gap", [" ", " | ", "\t", "        "])
@pytest.mark.parametrize("reader", [_txt, _docx])
def test_merged_header_rows_are_read_as_their_cells(tmp_path: Path, gap: str, reader) -> None:
    text = _head(_AGENCY.format(gap=gap), _NUMBER.format(gap=gap)) + _TAIL
    assert reader(tmp_path, text) == []


def test_an_exported_table_row_with_outer_bars(tmp_path: Path) -> None:
    text = ("| UBND HUYỆN SÔNG LAM |  |\n| TRƯỜNG TIỂU HỌC BẾN ĐÒ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
            "|  | Độc lập - Tự do - Hạnh phúc |\n| Số: 12/KH-THBĐ | Bến Đò, ngày 10 tháng 10 năm 2024 |\n" + _TAIL)
    assert _txt(tmp_path, text) == []


@pytest.mark.parametrize("gap", [" ", " | ", "\t", "        "])
def test_defects_of_the_merged_rows_are_still_found(tmp_path: Path, gap: str) -> None:
    text = _head(
        "TRƯỜNG TIỂU HỌC BẾN ĐÒ" + gap + "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Số: 12 /KH-THBĐ" + gap + "Bến Đò, ngày 10 tháng 09 năm 2024",
    ) + _TAIL
    found = _txt(tmp_path, text)
    codes = [code for code, _ in found]
    assert codes == ["KC5021", "KC504", "KC510"], found
    assert ("KC504", "ngày 10 tháng 09 năm 2024") in found


def test_a_symbol_ending_in_capitals_keeps_them(tmp_path: Path) -> None:
    # 'THCS BĐ' stays in the symbol (a space inside it, KC5021); the place is the word in lower case after it.
    found = _txt(tmp_path, _head(_AGENCY.format(gap="\n"), "Số: 12/KH-THCS BĐ Bến Đò, ngày 10 tháng 10 năm 2024")
                 + _TAIL)
    assert found == [("KC5021", "Số: 12/KH-THCS BĐ")]


def test_a_blank_template_header_is_one_finding_per_blank(tmp_path: Path) -> None:
    # The number and the date are not filled in (KC5023, KC503); the dots are no place name to capitalise
    # and the unfilled symbol is not judged.
    text = _head("TRƯỜNG………… | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |", "Số: …/KH…. | …………, ngày … tháng … năm …. |")
    found = _txt(tmp_path, text + _TAIL)
    assert sorted(code for code, _ in found) == ["KC5023", "KC503"], found


def test_a_legal_documents_symbol_carries_its_year(tmp_path: Path) -> None:
    text = _head(_AGENCY.format(gap="\n"), "Số: 19/2018/TT-BGDĐT\nHà Nội, ngày 22 tháng 8 năm 2018") + "THÔNG TƯ\n"
    assert [c for c, _ in _txt(tmp_path, text) if c == "KC5026"] == []
