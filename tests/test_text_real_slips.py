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
    "The chaos of the boats here",  # English: no vowel swap is read as Telex
    "Hoạt động ngoài giờ lên lớp, hoàn thành kế hoạch.",
])
def test_correct_text_is_left_alone(text: str) -> None:
    assert [i for i in check_text(text) if i.detector in ("real_word", "telex_swap")] == []
