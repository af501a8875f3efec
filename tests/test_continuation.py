"""Text pasted from a PDF (issue 15): one paragraph per printed line, page numbers and a running header among
the paragraphs. kclint reads a sentence written over several paragraphs as one logical line
(kclint/parse/continuation.py) and places every fact and finding back in the paragraph that holds it.

Each plan is written twice, as printed lines and unbroken, as ``.txt`` and ``.docx`` (tests/corpus/planfmt);
the texts are invented. ``¶`` in a body below is a printed line's end inside a sentence, ``§`` a page's
end there (the page number and the running header follow in the pasted layout).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from corpus import planfmt

from kclint.document import Document, Paragraph
from kclint.engine import RunOptions, run_rules
from kclint.fix import fix_file
from kclint.model import Finding, Location, Plan, Severity
from kclint.parse import build_plan
from kclint.parse.continuation import logical_lines
from kclint.readers import read_document

TODAY = dt.date(2025, 11, 20)
FORMATS = ("txt", "docx")
HEADER = "Trường Tiểu học Đồi Cát – Kế hoạch cải tiến chất lượng 2025-2026"

BODY = """I. CĂN CỨ
- Thông tư số 17/2018/TT-BGDĐT ngày 22/8/2018 của Bộ trưởng Bộ Giáo dục và¶Đào tạo ban hành Quy định về \
kiểm định chất lượng giáo dục và công nhận đạt chuẩn¶quốc gia đối với trường tiểu học; Thông tư số \
22/2024/TT-BGDĐT ngày¶{{a|10/12/2023=>10/12/2024}} sửa đổi, bổ sung một số điều của các Quy định đó.
II. THỰC TRẠNG
Năm học 2024-2025 nhà trường có 16/20 giáo viên đạt chuẩn trình độ đào tạo¶({{p|85%=>80%}}); 20 giáo \
viên đều hoàn thành tốt nhiệm vụ được giao.
1
%HEADER%
III. KẾ HOẠCH CẢI TIẾN
Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học
Tiêu chí 3.3: Khối phòng phục vụ học tập và¶khối phòng hành chính - quản trị
Thực trạng: Mức 2.
Mục tiêu: Mức 3.
Giải pháp: sửa chữa phòng thư viện, bổ sung giá sách theo kế hoạch {{d|của=>của}}¶{{d|của tổ=>tổ}} văn \
phòng; rà soát thiết bị của các phòng chức năng.
Thời gian: từ tháng {{r|02/2026=>10/2025}}¶đến tháng 01/2026.
Người phụ trách: Phó hiệu trưởng.
Tiêu chuẩn 4: Quan hệ giữa nhà trường, gia đình và xã hội
Tiêu chí 4.2: Công tác tham mưu cấp uỷ Đảng, chính quyền và¶phối hợp với các tổ chức, cá nhân của nhà trường
Thực trạng: Mức 2.
Mục tiêu: Mức 3.
Giải pháp: báo cáo cấp uỷ về tình hình nhà trường mỗi học kỳ; phối hợp với¶Đoàn xã tổ chức hoạt động \
trải nghiệm, tư vấn hướng {{t|nghieepj=>nghiệp}} cho học sinh lớp 5 và§vận động các tổ chức, cá nhân \
ủng hộ sách cho thư viện.
Thời gian: tháng 12/2025.
Người phụ trách: Hiệu trưởng.
3
%HEADER%
IV. TỔ CHỨC THỰC HIỆN
Hiệu trưởng chỉ đạo chung và kiểm tra việc thực¶hiện mỗi tháng.
4"""


def _body(layout: str) -> str:
    text = BODY.replace("%HEADER%", HEADER)
    if layout == "unbroken":
        return "\n".join(ln for ln in text.replace("¶", " ").replace("§", " ").split("\n")
                         if ln.strip() not in ("1", "2", "3", "4", HEADER))
    return text.replace("¶", "\n").replace("§", f"\n2\n{HEADER}\n")


def _path(layout: str, fmt: str, tmp_path: Path, clean: bool = False) -> Path:
    src = planfmt.Plan(
        left=["UBND XÃ ĐỒI CÁT", "TRƯỜNG TIỂU HỌC ĐỒI CÁT"],
        right=["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
        number="Số: 21/KH-TĐC", place_date="Đồi Cát, ngày 15 tháng 9 năm 2025",
        title=["KẾ HOẠCH", "Cải tiến chất lượng giáo dục năm học 2025-2026"],
        blocks=planfmt.parse_body(planfmt.resolve(_body(layout), clean)),
        recipients=["Nơi nhận:", "- Phòng GDĐT;", "- Lưu: VT."], signer=["HIỆU TRƯỞNG", "(Đã ký)", "Lê Văn An"])
    path = tmp_path / f"{layout}{'_clean' if clean else ''}.{fmt}"
    path.write_bytes(planfmt.render_docx(src) if fmt == "docx" else planfmt.render_txt(src).encode())
    return path


def _plan(layout: str, fmt: str, tmp_path: Path, clean: bool = False) -> Plan:
    return build_plan(read_document(str(_path(layout, fmt, tmp_path, clean))))


def _findings(plan: Plan) -> list[Finding]:
    return [f for f in run_rules(plan, RunOptions(today=TODAY, strict=True)) if f.severity != Severity.INFO]


def _key(loc: Location) -> tuple:
    return (loc.paragraph, loc.table, loc.row, loc.column, loc.line)


def _paragraph_text(plan: Plan, f: Finding) -> str:
    """The paragraph a finding points at, as the document holds it."""
    return next(s.text for s in plan.physical_texts() if _key(s.loc) == _key(f.location))


@pytest.mark.parametrize("fmt", FORMATS)
def test_pasted_lines_find_what_the_unbroken_plan_finds(fmt: str, tmp_path: Path) -> None:
    pasted, unbroken = _plan("pasted", fmt, tmp_path), _plan("unbroken", fmt, tmp_path)
    found = _findings(pasted)
    assert Counter((f.code, f.evidence) for f in found) == Counter((f.code, f.evidence) for f in _findings(unbroken))
    evidence = {f.evidence for f in found}
    assert {"Thông tư số 22/2024/TT-BGDĐT ngày 10/12/2023", "của của", "nghieepj"} <= evidence
    assert any("85%" in e for e in evidence) and any("02/2026" in e for e in evidence)
    for f in found:  # each at the paragraph its words start in
        assert _paragraph_text(pasted, f).find(f.evidence.split()[0]) >= 0, f


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("layout", ["pasted", "unbroken"])
def test_the_corrected_twin_is_silent(layout: str, fmt: str, tmp_path: Path) -> None:
    plan = _plan(layout, fmt, tmp_path, clean=True)
    assert [(f.code, f.evidence) for f in _findings(plan)] == []
    assert [(i.criterion, i.title and i.title.text) for i in plan.items] == [
        ("3.3", "Khối phòng phục vụ học tập và khối phòng hành chính - quản trị"),
        ("4.2", "Công tác tham mưu cấp uỷ Đảng, chính quyền và phối hợp với các tổ chức, cá nhân của nhà trường")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_page_debris_is_no_text(fmt: str, tmp_path: Path) -> None:
    plan = _plan("pasted", fmt, tmp_path, clean=True)
    texts = [s.text for s in plan.texts]
    assert HEADER not in texts and not {"1", "2", "3"} & set(texts)
    assert "vận động các tổ chức" in next(t for t in texts if t.startswith("Giải pháp: báo cáo cấp uỷ"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_facts_keep_their_own_paragraph(fmt: str, tmp_path: Path) -> None:
    plan = _plan("pasted", fmt, tmp_path)
    physical = {_key(s.loc): s.text for s in plan.physical_texts()}
    for d in plan.facts.dates:
        text = physical[_key(d.span.loc)]
        if d.span.text in text:  # inside one paragraph: its own offset there
            assert text[d.offset:d.offset + len(d.span.text)] == d.span.text
        else:  # across a break: quoted with the break as a space, from its first paragraph
            assert text[d.offset:].strip() and d.span.text.startswith(text[d.offset:].rstrip())
    across = [d.span.text for d in plan.facts.dates if d.span.text not in physical[_key(d.span.loc)]]
    assert "từ tháng 02/2026 đến tháng 01/2026" in across


@pytest.mark.parametrize("fmt", FORMATS)
def test_fix_never_edits_across_two_paragraphs(fmt: str, tmp_path: Path) -> None:
    path = _path("pasted", fmt, tmp_path)
    out = tmp_path / f"fixed.{fmt}"
    fix_file(str(path), str(out), options=RunOptions(today=TODAY))
    before, after = ([b.text for b in read_document(str(p)).blocks if isinstance(b, Paragraph)] for p in (path, out))
    assert len(after) == len(before)
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    residue = next(t for t in before if "nghieepj" in t)
    assert residue.startswith("Đoàn xã") and changed == [(residue, residue.replace("nghieepj", "nghiệp"))]
    assert any(t.endswith("kế hoạch của") for t in after)  # the repeat across a break is left alone
    assert any(t.startswith("của tổ văn") for t in after)


def _doc(*texts: str) -> Document:
    return Document(path="x.txt", source_format="txt",
                    blocks=[Paragraph(text=t, index=k, line=k + 1) for k, t in enumerate(texts)])


@pytest.mark.parametrize("texts", [
    ("Hiệu trưởng chỉ đạo chung", "Kế hoạch được gửi các tổ."),  # a capital after an open line
    ("*** Tồn tại", "Công tác lưu trữ hồ sơ còn chậm."),  # a short heading on a word that may continue
    ("Tiêu chí 1.1: Phương hướng", "a) Mức 1: đạt."),  # a point
    ("Nhiệm vụ", "- rà soát hồ sơ;"),  # a bullet
    ("I. MỤC ĐÍCH", "nâng cao chất lượng."),  # a heading in capitals
    ("Biện pháp chính gồm", "thời gian: tháng 9/2025."),  # a label
    ("Rà soát hồ sơ.", "bổ sung minh chứng."),  # a finished sentence
    ("Tiêu chí 2.1", "Tiêu chí 2.2: Đối với giáo viên"),  # a criterion heading
    ("1. Tiêu chuẩn 4: Quan hệ giữa nhà trường, gia đình và xã hội", "4.1."),  # a criterion's number alone
    ("TT Họ và tên Chức vụ Nhiệm vụ", "1 Trần Văn An Hiệu trưởng Chủ tịch"),  # a table exported as lines
    ("Các tiêu chí đã đạt Mức 3 của nhà trường trong năm học vừa qua gồm", "2.1 Đối với hiệu trưởng"),
])
def test_what_is_no_continuation(texts: tuple[str, ...]) -> None:
    lines, joined = logical_lines(_doc(*texts))
    assert [ln.raw for ln in lines] == list(texts) and joined == {}


def test_a_lone_number_is_no_page_number() -> None:
    lines, _ = logical_lines(_doc("Số lớp:", "12", "Số học sinh: 400."))
    assert [ln.raw for ln in lines] == ["Số lớp:", "12", "Số học sinh: 400."]


def test_continued_lines_join_with_one_space() -> None:
    texts = ("Nhà trường phối hợp với Ban đại diện cha mẹ học sinh các lớp và", "Đoàn xã tổ chức ngày hội",
             "đọc sách trong tháng 4/2026.")
    lines, joined = logical_lines(_doc(*texts))
    assert [ln.raw for ln in lines] == [" ".join(texts)]
    (c,) = joined.values()
    assert c.starts == [0, len(texts[0]) + 1, len(texts[0]) + len(texts[1]) + 2]
    assert [loc.paragraph for loc in c.locs] == [0, 1, 2]
    assert c.place(c.starts[1], c.starts[1] + 4)[1:] == (c.starts[1], False)  # 'Đoàn', in the second paragraph
    assert c.place(c.starts[1] - 3, c.starts[1] + 4)[1:] == (0, True)  # 'và Đoàn', across the first break


def test_a_short_line_on_an_open_word_is_continued_only_by_a_small_letter() -> None:
    assert len(logical_lines(_doc("Phối hợp với", "Đoàn xã."))[0]) == 2
    assert len(logical_lines(_doc("Phối hợp với", "đoàn viên."))[0]) == 1
