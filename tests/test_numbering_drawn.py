"""KC550 on lists whose labels Word's automatic numbering draws, continued by labels typed by hand: Word counts
letters in the Latin alphabet (a-z), so a typed 'g)' after Word's 'e)' lacks 'f)'; a plain-text list that
leaves 'đ' out and goes on with 'g' is Latin or Vietnamese, which the check cannot tell (info)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import plan_from_file, plan_from_text, run
from word_xml import docx, p

from kclint.model import Severity

_LOWER = '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/>' \
    '<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1{end}"/></w:lvl></w:abstractNum>' \
    '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
_HEAD = ("Số: 07/KH-MNSM", "Sông Mây, ngày 02 tháng 11 năm 2025", "KẾ HOẠCH",
         "Cải tiến chất lượng giáo dục năm học 2025-2026")
_POINTS = ("Rà soát sổ theo dõi trẻ", "Bổ sung đồ dùng góc chơi", "Tập huấn giáo viên mới",
           "Sửa chữa bếp một chiều", "Họp cha mẹ trẻ đầu năm", "Tổng kết cuối học kỳ")
# Points under a heading, upper-case headings of the plan's top level.
_SHAPES = {"points": ("lowerLetter", ")", "I. NỘI DUNG CẢI TIẾN", lambda t: t),
           "headings": ("upperLetter", ".", None, lambda t: t.upper())}


def _numbered(text: str) -> str:
    return p(text, ppr='<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>')


def _word(tmp_path: Path, shape: str, typed: str) -> Path:
    fmt, end, parent, case = _SHAPES[shape]
    body = [p(t) for t in _HEAD] + ([p(parent)] if parent else [])
    body += [_numbered(case(t)) for t in _POINTS[:5]]  # Word draws a-e
    label = typed.upper() if shape == "headings" else typed
    body += [p(f"{label}{end} {case(_POINTS[5])}"), p("Hiệu trưởng chỉ đạo thực hiện.")]
    path = tmp_path / f"{shape}-{typed}.docx"
    path.write_bytes(docx("".join(body), numbering=_LOWER.format(fmt=fmt, end=end)))
    return path


@pytest.mark.parametrize("shape", sorted(_SHAPES))
def test_a_typed_letter_after_words_letters_counts_in_latin(tmp_path: Path, shape: str) -> None:
    [f] = run(plan_from_file(_word(tmp_path, shape, "g")), ["KC550"])
    assert f.severity == Severity.ERROR and f.evidence.lower().startswith("g")
    assert "thiếu mục f" in f.message.vi.lower()
    assert run(plan_from_file(_word(tmp_path, shape, "f")), ["KC550"]) == []


def _text(*labels: str) -> str:
    body = "".join(f"{lb}) {t}.\n\n" for lb, t in zip(labels, _POINTS, strict=False))
    return "\n\n".join(_HEAD) + "\n\nI. NỘI DUNG CẢI TIẾN\n\n" + body \
        + "II. TỔ CHỨC THỰC HIỆN\n\nHiệu trưởng chỉ đạo.\n"


def test_a_typed_list_without_dd_going_on_to_g_is_only_info() -> None:
    [f] = run(plan_from_text(_text("a", "b", "c", "d", "e", "g")), ["KC550"])
    assert f.severity == Severity.INFO and f.evidence.startswith("g)")
    for clean in (("a", "b", "c", "d", "đ", "e"), ("a", "b", "c", "d", "e", "f"), ("a", "b", "c", "d", "e")):
        assert run(plan_from_text(_text(*clean)), ["KC550"]) == []
