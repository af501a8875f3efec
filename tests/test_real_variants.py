"""Legitimate variants seen in real public plans are no defects (issues 15, 17).

Invented plans, never text from real documents: the old tone placement ('Uỷ viên' beside 'Ủy ban'), the
abbreviation 'TW' (Trung ương) in paragraphs, table cells and the header; each with a real defect of the
same class beside it that must still be found.
"""

from __future__ import annotations

from pathlib import Path

from kclint.engine import RunOptions
from kclint.pipeline import check_file

_HEAD = (
    "UBND HUYỆN SÔNG LAM\nTRƯỜNG TIỂU HỌC BẾN ĐÒ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\nSố: 12/KH-THBĐ\nSông Lam, ngày 10 tháng 10 năm 2024\n"
    "KẾ HOẠCH\nCải tiến chất lượng giáo dục năm học 2024-2025\n"
)


def _findings(tmp_path: Path, body: str, code: str) -> list[tuple[str, str]]:
    path = tmp_path / "plan.txt"
    path.write_text(_HEAD + body, encoding="utf-8")
    result = check_file(str(path), RunOptions(select=["text"], strict=True))
    assert result.error is None, result.error
    return [(f.code, f.evidence) for f in result.findings if f.code == code]


def test_old_tone_placement_is_no_real_word_slip(tmp_path: Path) -> None:
    body = (
        "Hội đồng gồm 7 người: Chủ tịch, Phó Chủ tịch, Thư ký và 4 Uỷ viên; Ủy ban nhân dân xã hỗ trợ.\n"
        "TT\tHọ và tên\tNhiệm vụ\n1\tLê Văn Tám\tUỷ viên hội đồng\n2\tPhan Thị Hoa\tỦy viên hội đồng\n"
        "- Công tác thuỷ lợi và thủy lợi xã do tổ thuỷ nông quản lý.\n"
    )
    assert _findings(tmp_path, body, "KC614") == []


def test_a_real_slip_beside_the_variant_is_still_found(tmp_path: Path) -> None:
    body = (
        "Hội đồng gồm 4 Uỷ viên; nhà trường xây dựng thư viên thân thiện, thư viện mở cửa hằng ngày.\n"
        "TT\tNội dung\n1\tBổ sung sách cho thư viên\n"
    )
    assert _findings(tmp_path, body, "KC614") == [("KC614", "thư viên"), ("KC614", "thư viên")]


def test_tw_for_trung_uong_is_no_telex_residue(tmp_path: Path) -> None:
    body = (
        "Căn cứ Nghị quyết số 29-NQ/TW ngày 04/11/2013 của BCH TW Đảng khóa XI;\n"
        "TT\tVăn bản\n1\tChỉ thị của Ban Bí thư TW về giáo dục\n"
    )
    assert _findings(tmp_path, body, "KC601") == []
    header = _HEAD.replace("UBND HUYỆN SÔNG LAM", "TỈNH ĐOÀN TW LIÊN KẾT")
    path = tmp_path / "head.txt"
    path.write_text(header + body, encoding="utf-8")
    result = check_file(str(path), RunOptions(select=["text"], strict=True))
    assert [f for f in result.findings if f.code == "KC601"] == []


def test_telex_residue_is_still_found(tmp_path: Path) -> None:
    assert _findings(tmp_path, "Nhaf trường tổ chức họp hội đồng.\n", "KC601") != []
