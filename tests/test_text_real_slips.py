"""Issue 17 on real documents: slips kclint missed there, on invented text.

- a function word with a tone slip the prose never writes ('vể' for 'về', KC614);
- a syllable's initial and final swapped ('niềm núi' for 'miền núi', KC614);
- Telex typed with two vowel keys in the wrong order ('haotj' for 'hoạt', KC601), in prose and in a
  table-of-contents line with dotted leaders.

Each in a paragraph, a table cell and (where a header holds such words) a header line; the corrected twin silent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import plan_from_file, plan_from_text, run
from plan_docx import PlanLayout, build_docx

from kclint.vietnamese import check_text

HEAD = "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n"
TABLE = "TT\tNội dung công việc\tNgười thực hiện\n1\t{cell}\tHiệu trưởng\n2\tBổ sung thiết bị dạy học\tKế toán\n"
LAYOUTS = ("{cell}\n", TABLE)


def _found(text: str, code: str) -> list[tuple[str, str | None]]:
    return [(f.evidence, f.suggestion.vi if f.suggestion else None)
            for f in run(plan_from_text(HEAD + text), select=[code])]


@pytest.mark.parametrize(("code", "wrong", "right", "evidence", "meant"), [
    ("KC614", "Tổ trưởng báo cáo vể tiến độ thực hiện với hiệu trưởng.",
     "Tổ trưởng báo cáo về tiến độ thực hiện với hiệu trưởng.", "vể", "về"),
    ("KC614", "Thực hiện Nghị quyết của Ban Chấp hành vể “Đổi mới công tác quản lý”.",
     "Thực hiện Nghị quyết của Ban Chấp hành về “Đổi mới công tác quản lý”.", "vể", "về"),  # no neighbour pair
    ("KC614", "Học sinh ở các thôn niềm núi được hỗ trợ bán trú.",
     "Học sinh ở các thôn miền núi được hỗ trợ bán trú.", "niềm núi", "miền núi"),
    ("KC601", "Tăng cường haotj động trải nghiệm cho học sinh.",
     "Tăng cường hoạt động trải nghiệm cho học sinh.", "haotj", "hoạt"),
    ("KC601", "Mục 2. Kế hoạch haotj động của tổ chuyên môn ............ 7",
     "Mục 2. Kế hoạch hoạt động của tổ chuyên môn ............ 7", "haotj", "hoạt"),
])
def test_in_a_paragraph_and_a_table_cell(code: str, wrong: str, right: str, evidence: str, meant: str) -> None:
    for layout in LAYOUTS:
        found = _found(layout.format(cell=wrong), code)
        assert found and found[0][0] == evidence and meant in (found[0][1] or ""), (layout, found)
        assert _found(layout.format(cell=right), code) == [], layout


def test_in_a_header_line_of_a_word_file(tmp_path: Path) -> None:
    layout = PlanLayout(left=["UBND HUYỆN AN HÒA", "TRƯỜNG PTDTBT TIỂU HỌC NIỀM NÚI AN HÒA"],
                        title=["KẾ HOẠCH", "Tổ chức haotj động trải nghiệm năm học 2025-2026"],
                        body="Nhà trường rà soát minh chứng theo từng tiêu chí.")
    plan = plan_from_file(build_docx(tmp_path / "p.docx", layout))
    assert [f.evidence for f in run(plan, select=["KC601"])] == ["haotj"]
    # in capitals the swapped letters are no name's: 'NIỀM' is never written before 'NÚI'
    assert [f.evidence for f in run(plan, select=["KC614"])] == ["NIỀM NÚI"]


@pytest.mark.parametrize("text", [
    "Tàu va chạm với cầu cảng; hai bên cùng chịu trách nhiệm.",  # 'va' without a mark is a real word
    "Niềm vui của học sinh khi đến trường; niềm tin của phụ huynh.",  # 'niềm' is a real word
    "Vẻ đẹp của quê hương miền núi.",  # 'vẻ' is written in prose
    "Nhà trường mởi phụ huynh dự họp.",  # 'mởi' may be 'mới' or 'mời': no sure reading, no list entry
    "The chaos of the boats here",  # English: no vowel swap is read as Telex
    "Hoạt động ngoài giờ lên lớp, hoàn thành kế hoạch.",
])
def test_correct_or_ambiguous_text_is_left_alone(text: str) -> None:
    assert [i for i in check_text(text) if i.detector in ("real_word", "telex_swap")] == []


def test_a_tone_slip_that_another_word_fits_better_is_that_words() -> None:
    # 'vể sinh' is 'vệ sinh' (the pair check), not 'về sinh'
    assert [(i.evidence, i.suggestion) for i in check_text("Giữ gìn vể sinh trường lớp.")
            if i.detector == "real_word"] == [("vể sinh", "vệ sinh")]


@pytest.mark.parametrize(("wrong", "right", "evidence", "name"), [
    ("Thực hiện hướng dẫn của Bộ Giáo dục Đào tạo về kiểm định.",
     "Thực hiện hướng dẫn của Bộ Giáo dục và Đào tạo về kiểm định.", "Bộ Giáo dục Đào tạo", "Bộ Giáo dục và Đào tạo"),
    ("Báo cáo Phòng Giáo dục Đào tạo huyện Hòa An trước ngày 20/5.",
     "Báo cáo Phòng Giáo dục và Đào tạo huyện Hòa An trước ngày 20/5.", "Phòng Giáo dục Đào tạo",
     "Phòng Giáo dục và Đào tạo"),
    ("Gửi Sở Giáo dục và Đào Đào tạo tỉnh để tổng hợp.", "Gửi Sở Giáo dục và Đào tạo tỉnh để tổng hợp.",
     None, None),  # a repeated word is KC606's
    ("Gửi Phòng Giáo dục và Đà Đào tạo để tổng hợp.", "Gửi Phòng Giáo dục và Đào tạo để tổng hợp.",
     "Phòng Giáo dục và Đà Đào tạo", "Phòng Giáo dục và Đào tạo"),  # a word too many
])
def test_a_catalogued_name_with_a_word_missing_or_extra(wrong: str, right: str, evidence: str | None,
                                                name: str | None) -> None:
    for layout in LAYOUTS:
        found = [(e, s) for e, s in _found(layout.format(cell=wrong), "KC603") if "Đạo" not in e]
        assert found == ([(evidence, f"Viết '{name}' thay cho '{evidence}'.")] if evidence else []), (layout, found)
        assert _found(layout.format(cell=right), "KC603") == [], layout


def test_a_name_with_a_word_missing_in_a_header(tmp_path: Path) -> None:
    layout = PlanLayout(left=["SỞ GIÁO DỤC ĐÀO TẠO TỈNH AN HÒA", "TRƯỜNG THPT AN HÒA"],
                        title=["KẾ HOẠCH", "Cải tiến chất lượng giáo dục năm học 2025-2026"],
                        body="Nhà trường rà soát minh chứng theo từng tiêu chí.")
    found = run(plan_from_file(build_docx(tmp_path / "p.docx", layout)), select=["KC603"])
    assert [(f.evidence, "SỞ GIÁO DỤC VÀ ĐÀO TẠO" in f.suggestion.vi) for f in found] == [("SỞ GIÁO DỤC ĐÀO TẠO", True)]


@pytest.mark.parametrize("text", [
    "Ngành giáo dục đào tạo của tỉnh phát triển.",  # generic, lower case
    "Hội đồng Dân tộc của Quốc hội.",  # a short name less a word is another name
    "Đề nghị Phòng Giáo dục, Đào tạo và Sở Tài chính phối hợp.",  # punctuation between
    "Ủy ban nhân dân tỉnh An Hòa; Bộ Giáo dục và Đào tạo.",
])
def test_generic_phrases_and_other_names_are_left_alone(text: str) -> None:
    assert _found(text + "\n", "KC603") == []


# A text copied out of a PDF with a broken glyph map: ò -> ị, oà -> ồ, quá -> q, all through the document.
DAMAGED = ("Phịng học bộ môn được sửa chữa trong hè.", "Trong q trình thực hiện, tổ chuyên môn báo cáo kết quả.",
           "Tổ chức đánh giá ngồi theo kế hoạch.", "Nhà trường hồn thành việc rà soát minh chứng.")
REPAIRED = ("Phòng học bộ môn được sửa chữa trong hè.", "Trong quá trình thực hiện, tổ chuyên môn báo cáo kết quả.",
            "Tổ chức đánh giá ngoài theo kế hoạch.", "Nhà trường hoàn thành việc rà soát minh chứng.")


def _glyphs(lines: tuple[str, ...], layout: str) -> list[tuple[str, str | None]]:
    body = "".join(layout.format(cell=line) if layout == "{cell}\n" else TABLE.format(cell=line) for line in lines)
    return _found(body, "KC616")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_broken_pdf_glyph_map_in_paragraphs_and_cells(layout: str) -> None:
    found = _glyphs(DAMAGED, layout)
    assert found == [("Phịng", "Viết 'Phòng' thay cho 'Phịng'."), ("q", "Viết 'quá' thay cho 'q'."),
                     ("ngồi", "Viết 'ngoài' thay cho 'ngồi'."), ("hồn", "Viết 'hoàn' thay cho 'hồn'.")], found
    assert _glyphs(REPAIRED, layout) == []


def test_a_broken_glyph_map_in_a_header(tmp_path: Path) -> None:
    layout = PlanLayout(left=["PHỊNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN AN HÒA", "TRƯỜNG TIỂU HỌC AN HÒA"],
                        title=["KẾ HOẠCH", "Cải tiến chất lượng giáo dục năm học 2025-2026"],
                        body="Trong q trình thực hiện, tổ chuyên môn báo cáo kết quả.")
    found = run(plan_from_file(build_docx(tmp_path / "p.docx", layout)), select=["KC616"])
    assert [(f.evidence, f.suggestion.vi) for f in found] == [("PHỊNG", "Viết 'PHÒNG' thay cho 'PHỊNG'."),
                                                              ("q", "Viết 'quá' thay cho 'q'.")]


@pytest.mark.parametrize("lines", [
    DAMAGED[:1] + REPAIRED[1:],  # one signature word is no pattern
    ("Học sinh ngồi học đúng tư thế.", "Cán bộ đồn biên phòng đến thăm trường.",  # real words, no signature
     "Tổ chức đánh giá ngoài; em Q. được khen."),
])
def test_correct_prose_or_a_lone_slip_draws_no_glyph_finding(lines: tuple[str, ...]) -> None:
    assert _glyphs(lines, "{cell}\n") == []
