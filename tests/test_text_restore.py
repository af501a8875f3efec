"""KC611-KC613: lines typed without marks, bare words in marked prose, syllables run together.

Each defect in a paragraph, in a table cell and in the header; each rule silent on the correct text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import plan_from_file, plan_from_text, run
from plan_docx import PlanLayout, build_docx

from kclint.vietnamese import check_text

HEAD = "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n"
TABLE = "TT\tNội dung công việc\tNgười thực hiện\n1\t{cell}\tHiệu trưởng\n2\tBổ sung thiết bị dạy học\tKế toán\n"


def _found(text: str, code: str) -> list[tuple[str, str | None]]:
    return [(f.evidence, f.suggestion.vi if f.suggestion else None)
            for f in run(plan_from_text(HEAD + text), select=[code])]


@pytest.mark.parametrize(("code", "wrong", "right", "evidence", "suggested"), [
    ("KC611", "CONG HOA XA HOI CHU NGHIA VIET NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
     "CONG HOA XA HOI CHU NGHIA VIET NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("KC611", "Phong giao duc va dao tao tham muu", "Phòng giáo dục và đào tạo tham mưu",
     "Phong giao duc va dao tao tham muu", "Phòng giáo dục và đào tạo tham mưu"),
    ("KC612", "Tổ chức cho hoc sinh tham gia lao động", "Tổ chức cho học sinh tham gia lao động",
     "hoc", "học"),
    ("KC612", "Phân công giao vien chủ nhiệm các lớp", "Phân công giáo viên chủ nhiệm các lớp",
     "giao vien", "giáo viên"),
    ("KC613", "Nhà trường xây dựng kếhoạch tựđánhgiá hằng năm", "Nhà trường xây dựng kế hoạch tự đánh giá hằng năm",
     "kếhoạch", "kế hoạch"),
    ("KC613", "Đẩy mạnh công tác kiemdinhchatluong giáo dục", "Đẩy mạnh công tác kiểm định chất lượng giáo dục",
     "kiemdinhchatluong", "kiểm định chất lượng"),
])
def test_in_a_paragraph_and_a_table_cell(code: str, wrong: str, right: str, evidence: str, suggested: str) -> None:
    for layout in ("{cell}\n", TABLE):
        found = _found(layout.format(cell=wrong), code)
        assert found and found[0][0] == evidence and suggested in (found[0][1] or ""), (layout, found)
        assert _found(layout.format(cell=right), code) == []


def test_a_header_typed_without_marks_in_a_word_file(tmp_path: Path) -> None:
    layout = PlanLayout(left=["UY BAN NHAN DAN HUYEN THANH SON", "TRUONG MAM NON TAN LAP"],
                        title=["KẾ HOẠCH", "Cải tiến chất lượng giáo dục năm học 2025-2026"],
                        body="Nhà trường rà soát minh chứng theo từng tiêu chí.")
    found = run(plan_from_file(build_docx(tmp_path / "p.docx", layout)), select=["KC611"])
    assert [f.evidence for f in found] == ["UY BAN NHAN DAN HUYEN THANH SON"]
    assert "ỦY BAN NHÂN DÂN HUYỆN" in found[0].suggestion.vi


@pytest.mark.parametrize("text", [
    "Please send the report to the district office before Friday",  # English
    "Microsoft Teams, Google Meet, Zoom",
    "Tổ chức cho các giáo viên ca hát, múa và chơi trò chơi dân gian.",  # 'ca' is right bare
    "Phía nam giáp trường tiểu học; tai nạn thương tích được phòng ngừa.",
    "Vui chơi ở Gia Lai cùng các bạn vui vẻ.",
    "Cân nặng của trẻ tính bằng kilôgam, chiều cao bằng xentimét.",  # loanwords are not split
    "Email: mamnontanlap@gmail.com; website: https://mntanlap.edu.vn",
    "Nguyen Van An",  # too short to call
])
def test_correct_or_foreign_text_is_left_alone(text: str) -> None:
    assert [i for i in check_text(text) if i.detector in ("bare_line", "bare_words", "joined")] == []


def test_a_bare_line_without_one_sure_reading_is_reported_without_a_suggestion() -> None:
    found = _found("Can cu Thong tu so 19/2018/TT-BGDDT ngay\n", "KC611")
    assert found and found[0][1] == "Gõ lại dòng này có dấu tiếng Việt."


@pytest.mark.parametrize(("wrong", "right"), [
    ("Đạt tiêu chẩn 1 về tổ chức và quản lý nhà trường", "tiêu chuẩn"),  # a key too few; closed class
    ("Trường mầm lon Hoa Sen tổ chức lễ khai giảng", "mầm non"),  # n/l
    ("Đề nghị công nhận trường đạt chuẩn quốc da", "quốc gia"),  # d/gi
])
def test_real_word_slips_of_closed_class_terms(wrong: str, right: str) -> None:
    for layout in ("{cell}\n", TABLE):
        found = _found(layout.format(cell=wrong), "KC614")
        assert found and right in (found[0][1] or ""), (layout, found)


def test_an_open_class_slip_needs_the_term_elsewhere_in_the_document() -> None:
    alone = "Bổ sung sách cho thư viên của trường.\n"
    assert _found(alone, "KC614") == []
    found = _found(alone + "Học sinh đọc sách tại thư viện vào giờ ra chơi.\n", "KC614")
    assert [e for e, _ in found] == ["thư viên"]


def test_grown_lexicon_two_syllable_terms_are_slip_targets() -> None:
    # 'phụ cấp' is a two-syllable term of an open group: written right once, its slip is reported
    text = "Chi trả phụ cấp đúng hạn cho giáo viên.\nGiáo viên nhận phụ cắp đứng lớp hằng tháng.\n"
    assert [e for e, _ in _found(text, "KC614")] == ["phụ cắp"]


@pytest.mark.parametrize("text", [
    "Bộ Giao thông vận tải phối hợp với địa phương.",  # 'Giao' fits 'thông': not a slip of 'Giáo'
    "Hội đồng từ chối đề nghị; hội đồng tự đánh giá họp định kỳ.",  # a function word
    "Ông Nguyễn Văn Giao, chủ tịch hội đồng trường.",
    "Bà Đào Thị Mai, Sở Giáo dục và Đào tạo; Bà Đào phụ trách tổ Toán.",  # no slip of the pair 'và đào'
    "Tổ trưởng hoàn thiện quy chế chuyên môn; nhà trường thực hiện quy chế dân chủ.",  # 'hiện quy' straddles
])
def test_real_words_that_fit_their_context_are_left_alone(text: str) -> None:
    assert _found(text + "\n", "KC614") == []


@pytest.mark.parametrize("text", [
    "Lễ khai giảng thu hút đông nhân dân địa phương tham dự.",  # 'hội đồng' + 'nhân dân' lend 'đồng nhân'
    "Thời gian hoàn thành: tháng 5/2026; giam hoàn toàn không được phép.",  # 'thời gian' + 'hoàn thành'
    "Công khai kết quả học tập; không thu quá học phí quy định.",  # 'kết quả' + 'học tập' lend 'quả học'
])
def test_no_slip_target_joins_two_lexicon_entries(text: str) -> None:
    # Each pair was a closed-class or open target only as the seam of a longer term: reported on correct prose.
    for layout in ("{cell}\n", TABLE):
        assert _found(layout.format(cell=text), "KC614") == [], layout


def test_a_slip_inside_a_lexicon_entry_of_a_longer_term_is_still_reported() -> None:
    for layout in ("{cell}\n", TABLE):
        found = _found(layout.format(cell="Báo cáo hội đồng nhăn dân xã kết quả thực hiện."), "KC614")
        assert [e for e, _ in found] == ["nhăn dân"] and "nhân dân" in (found[0][1] or ""), layout


def test_cross_entry_pairs_are_no_targets_but_a_term_of_their_own_keeps_its_pair() -> None:
    from kclint.vietnamese.tables import Term

    entries = frozenset({"hội đồng", "nhân dân", "hội đồng nhân dân", "đồng nhân"})
    long = Term("hội đồng nhân dân", "agency", closed=True)
    assert long.target_pairs(entries - {"đồng nhân"}) == ["hội đồng", "nhân dân"]
    assert long.target_pairs(frozenset({"hội đồng nhân dân"})) == ["hội đồng", "đồng nhân", "nhân dân"]
    assert Term("đồng nhân", "school", closed=False).target_pairs(entries) == ["đồng nhân"]


@pytest.mark.parametrize(("wrong", "evidence"), [
    ('Xây dựng k" ho#ch c$i ti%n ch$t l%#ng', "ho#ch c$i ti%n ch$t l%#ng"),  # a PDF's custom font
    ("Tổng kết n^am học vào cuối tháng 5", "n^am"),
])
def test_extraction_debris_in_a_paragraph_and_a_cell(wrong: str, evidence: str) -> None:
    for layout in ("{cell}\n", TABLE):
        assert [e for e, _ in _found(layout.format(cell=wrong), "KC616")] == [evidence], layout


def test_a_digit_for_a_letter_in_the_form_words() -> None:
    assert _found("S0: 12/KH-MNTL\n", "KC616") == [("S0", "Viết 'Số' thay cho 'S0'.")]


@pytest.mark.parametrize("text", ["Liên hệ: mn.hoasen@gmail.com hoặc https://a.vn/x%20y", "Nghiên cứu R&D, Q&A",
                                  'Hội thi "Bé khỏe" và "Bé ngoan"', "Lớp 5A1 và lớp 6B", "Mục 1.2a"])
def test_addresses_abbreviations_and_quotes_are_not_debris(text: str) -> None:
    assert _found(text + "\n", "KC616") == []


_THREE = "Tập huấn nghiệp vụ tự đán giá cho các tổ chuyên môn; hội đồng tự đánh giá họp hằng tháng."


def test_a_slip_inside_a_three_word_term_quotes_the_whole_term(tmp_path: Path) -> None:
    # 'đán' lost its 'h': both neighbours make a term with 'đánh' ('tự đánh', 'đánh giá'), so all three are quoted.
    for layout in ("{cell}\n", TABLE):
        assert _found(layout.format(cell=_THREE), "KC614") == [("tự đán giá", "Viết 'tự đánh giá' thay cho "
                                                                "'tự đán giá'.")], layout
        assert _found(layout.format(cell=_THREE.replace("đán giá", "đánh giá")), "KC614") == [], layout
    layout = PlanLayout(title=["KẾ HOẠCH", "Cải tiến chất lượng giáo dục năm học 2025-2026"], body=_THREE)
    found = run(plan_from_file(build_docx(tmp_path / "p.docx", layout)), select=["KC614"])
    assert [f.evidence for f in found] == ["tự đán giá"]
