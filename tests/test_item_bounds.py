"""Where an item starts and ends, whatever the layout (issue 15): a criterion heading whose title is on the
next line, a closing part after the last criterion, the subject under 'KẾ HOẠCH', the time labels of another
family ('Lộ trình', 'Tiến độ') and multi-level schools named in full words.

Every plan is written as ``.txt`` and ``.docx`` (tests/corpus/planfmt); the texts are invented."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from corpus import planfmt

from kclint.engine import RunOptions, run_rules
from kclint.model import Finding, Plan, Severity
from kclint.parse import build_plan
from kclint.readers import read_document

TODAY = dt.date(2026, 11, 24)
FORMATS = ("txt", "docx")


def _plan(body: str, fmt: str, tmp_path: Path, school: str = "TRƯỜNG TIỂU HỌC ĐỒI CÁT",
          subject: tuple[str, ...] = ("Cải tiến chất lượng giáo dục năm học 2025-2026",), clean: bool = False) -> Plan:
    src = planfmt.Plan(
        left=["UBND XÃ ĐỒI CÁT", school], right=["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
        number="Số: 21/KH-TĐC", place_date="Đồi Cát, ngày 15 tháng 9 năm 2025", title=["KẾ HOẠCH", *subject],
        blocks=planfmt.parse_body(planfmt.resolve(body, clean)),
        recipients=["Nơi nhận:", "- Phòng GDĐT;", "- Lưu: VT."], signer=["HIỆU TRƯỞNG", "(Đã ký)", "LÊ VĂN AN"])
    path = tmp_path / f"plan{'_clean' if clean else ''}.{fmt}"
    path.write_bytes(planfmt.render_docx(src) if fmt == "docx" else planfmt.render_txt(src).encode())
    return build_plan(read_document(str(path)))


def _findings(plan: Plan, select: list[str]) -> list[Finding]:
    return [f for f in run_rules(plan, RunOptions(today=TODAY, select=select, strict=True))
            if f.code in select or any(f.code.startswith(s) for s in select)]


def _loud(plan: Plan, select: list[str]) -> list[tuple[str, str | None]]:
    return [(f.code, f.evidence) for f in _findings(plan, select) if f.severity != Severity.INFO]


# ----------------------------------------------------------------------------- time labels of another family

ROADMAP = """I. MỤC ĐÍCH
Nâng cao chất lượng các tiêu chí chưa đạt.
II. NỘI DUNG CẢI TIẾN
1. Tiêu chuẩn 1: Tổ chức và quản lý nhà trường
a) Tiêu chí 1.5. Khối lớp và tổ chức lớp học (hiện đạt Mức 2)
Chỉ tiêu: nâng lên Mức 3.
Biện pháp: sắp xếp lại lớp theo sĩ số.
{label}: tháng 10/2025: rà soát sĩ số; tháng 12/2025: hoàn thành.
Phụ trách: Hiệu trưởng.
b) Tiêu chí 1.8. Quản lý các hoạt động giáo dục (hiện đạt Mức 2)
Chỉ tiêu: nâng lên Mức 3.
Biện pháp: kiểm tra nội bộ theo chuyên đề.
{label}: {{{{v|thường xuyên=>từ tháng 11/2025 đến tháng 4/2026}}}}.
Phụ trách: Phó hiệu trưởng.
c) Tiêu chí 2.2. Đối với giáo viên (hiện đạt Mức 2)
Chỉ tiêu: nâng lên Mức 3.
Biện pháp: bồi dưỡng chuyên đề dạy học tích cực.
{label}: tháng 01/2026.
Phụ trách: Tổ trưởng chuyên môn.
III. TỔ CHỨC THỰC HIỆN
Hiệu trưởng chỉ đạo chung."""


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("label", ["Lộ trình", "Lộ trình thực hiện", "Tiến độ"])
def test_a_roadmap_label_is_the_items_time(label: str, fmt: str, tmp_path: Path) -> None:
    plan = _plan(ROADMAP.format(label=label), fmt, tmp_path)
    assert [(i.criterion, i.timing and i.timing.text, i.responsible and i.responsible.text) for i in plan.items] == [
        ("1.5", "tháng 10/2025: rà soát sĩ số; tháng 12/2025: hoàn thành", "Hiệu trưởng"),
        ("1.8", "thường xuyên", "Phó hiệu trưởng"),
        ("2.2", "tháng 01/2026", "Tổ trưởng chuyên môn")]
    vague = [f for f in _findings(plan, ["KC107"]) if f.severity == Severity.WARNING]
    assert [(f.evidence, f.location.criterion) for f in vague] == [("thường xuyên", "1.8")]
    assert not _loud(_plan(ROADMAP.format(label=label), fmt, tmp_path, clean=True), ["KC1"])


ROADMAP_TABLE = """II. NỘI DUNG CẢI TIẾN
| TT | Tiêu chí | Biện pháp | Phụ trách | Lộ trình |
| 1 | Tiêu chí 1.5. Khối lớp và tổ chức lớp học | Sắp xếp lại lớp | Hiệu trưởng | tháng 12/2025 |
| 2 | Tiêu chí 1.8. Quản lý các hoạt động giáo dục | Kiểm tra | Phó hiệu trưởng | {{v|thường xuyên=>tháng 4/2026}} |
| 3 | Tiêu chí 2.2. Đối với giáo viên | Bồi dưỡng chuyên đề | Tổ trưởng | tháng 01/2026 |
III. TỔ CHỨC THỰC HIỆN
Hiệu trưởng chỉ đạo chung."""


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_roadmap_column_is_the_items_time(fmt: str, tmp_path: Path) -> None:
    plan = _plan(ROADMAP_TABLE, fmt, tmp_path)
    assert [(i.criterion, i.timing and i.timing.text) for i in plan.items] == [
        ("1.5", "tháng 12/2025"), ("1.8", "thường xuyên"), ("2.2", "tháng 01/2026")]
    assert [f.evidence for f in _findings(plan, ["KC107"]) if f.severity == Severity.WARNING] == ["thường xuyên"]
    assert not _loud(_plan(ROADMAP_TABLE, fmt, tmp_path, clean=True), ["KC1"])


# ----------------------------------------------------------------------------- a title on the heading's next line

def _titled(heading: str, bullet: str, title_41: str) -> str:
    """Three items whose heading line names only the criterion and whose title is on the next line."""
    def item(crit: str, title: str, who: str, when: str) -> str:
        return (f"{heading.format(crit)}\n{title} (hiện đạt Mức 2)\n{bullet}Mục tiêu: đạt Mức 3.\n"
                f"{bullet}Biện pháp: tổ chức họp định kỳ.\n{bullet}Người thực hiện: {who}.\n"
                f"{bullet}Thời gian: {when}.\n")
    return ("I. MỤC ĐÍCH\nNâng cao chất lượng các tiêu chí chưa đạt.\nII. NỘI DUNG CẢI TIẾN\n"
            "1. Tiêu chuẩn 4: Quan hệ giữa nhà trường, gia đình và xã hội\n"
            + item("4.1", title_41, "Hiệu trưởng", "tháng 3/2026")
            + item("4.2", "Công tác tham mưu cấp ủy đảng, chính quyền và phối hợp với các tổ chức, cá nhân của nhà "
                   "trường", "Phó hiệu trưởng", "tháng 4/2026")
            + "III. TỔ CHỨC THỰC HIỆN\nHiệu trưởng chỉ đạo chung.")


HEADINGS = ["Tiêu chí {}", "Tiêu chí {}:", "TC {}", "{}.", "a) Tiêu chí {}"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("bullet", ["", "+ "])
@pytest.mark.parametrize("heading", HEADINGS)
def test_a_title_on_the_next_line_joins_its_item(heading: str, bullet: str, fmt: str, tmp_path: Path) -> None:
    plan = _plan(_titled(heading, bullet, "Ban đại diện cha mẹ {{t|hoc sinh=>học sinh}}"), fmt, tmp_path)
    assert [(i.criterion, i.title and i.title.text, i.current_level, i.responsible and i.responsible.text)
            for i in plan.items] == [
        ("4.1", "Ban đại diện cha mẹ hoc sinh (hiện đạt Mức 2)", 2, "Hiệu trưởng"),
        ("4.2", "Công tác tham mưu cấp ủy đảng, chính quyền và phối hợp với các tổ chức, cá nhân của nhà trường "
                "(hiện đạt Mức 2)", 2, "Phó hiệu trưởng")]
    found = _findings(plan, ["KC402"])
    assert [(f.location.criterion, f.evidence) for f in found if f.severity != Severity.INFO] == [
        ("4.1", "Ban đại diện cha mẹ hoc sinh (hiện đạt Mức 2)")]
    clean = _plan(_titled(heading, bullet, "Ban đại diện cha mẹ {{t|hoc sinh=>học sinh}}"), fmt, tmp_path,
                  clean=True)
    assert not _loud(clean, ["KC402", "KC570", "KC1"])


def test_a_soft_break_between_heading_and_title(tmp_path: Path) -> None:
    """Word's line break (Shift+Enter) inside one paragraph: 'Tiêu chí 4.1' and its title share the paragraph."""
    import docx

    doc = docx.Document()
    for text in ("TRƯỜNG TIỂU HỌC ĐỒI CÁT", "KẾ HOẠCH", "Cải tiến chất lượng giáo dục năm học 2025-2026",
                 "II. NỘI DUNG CẢI TIẾN", "1. Tiêu chuẩn 4: Quan hệ giữa nhà trường, gia đình và xã hội"):
        doc.add_paragraph(text)
    p = doc.add_paragraph("Tiêu chí 4.1")
    p.add_run().add_break()
    p.add_run("Ban đại diện cha mẹ hoc sinh (hiện đạt Mức 2)")
    for text in ("Mục tiêu: đạt Mức 3.", "Người thực hiện: Hiệu trưởng.", "Thời gian: tháng 3/2026.",
                 "III. TỔ CHỨC THỰC HIỆN", "Hiệu trưởng chỉ đạo chung."):
        doc.add_paragraph(text)
    path = tmp_path / "soft.docx"
    doc.save(str(path))
    [item] = build_plan(read_document(str(path))).items
    assert (item.criterion, item.title and item.title.text, item.current_level) == (
        "4.1", "Ban đại diện cha mẹ hoc sinh (hiện đạt Mức 2)", 2)


@pytest.mark.parametrize("below", [
    "Mục tiêu: đạt Mức 3.",  # a label: the item has no title
    "Nhà trường đã phối hợp tốt với Ban đại diện cha mẹ học sinh trong các hoạt động giáo dục và tổ chức "
    "nhiều buổi họp định kỳ để trao đổi kết quả học tập.",  # a sentence of the body
    "Tiêu chí 4.2",  # the next heading
])
def test_what_is_no_title(below: str) -> None:
    from helpers import plan_from_text

    plan = plan_from_text("KẾ HOẠCH\nCải tiến chất lượng năm học 2025-2026\nII. NỘI DUNG\nTiêu chí 4.1\n"
                          f"{below}\nNgười thực hiện: Hiệu trưởng.\n")
    assert plan.items[0].title is None


# ----------------------------------------------------------------------------- a closing part ends the last item

def _closing(parts: tuple[str, str, str], closing: str) -> str:
    """Items under part ``parts[1]``; the last item's time missing in the defect; then a closing part whose
    own lines carry labels ('Thời gian thực hiện: ...')."""
    first, content, after = parts
    return (f"{first} Mục đích\nNâng cao chất lượng các tiêu chí chưa đạt.\n{content} Nội dung cải tiến\n"
            "Tiêu chí 1.5. Khối lớp và tổ chức lớp học\nMục tiêu: đạt Mức 3.\nBiện pháp: sắp xếp lại lớp.\n"
            "Người thực hiện: Hiệu trưởng.\nThời gian: tháng 12/2025.\n"
            "Tiêu chí 1.8. Quản lý các hoạt động giáo dục\nMục tiêu: đạt Mức 3.\nBiện pháp: kiểm tra nội bộ.\n"
            "Người thực hiện: Phó hiệu trưởng.\nThời gian: tháng 3/2026.\n"
            "Tiêu chí 2.2. Đối với giáo viên\nMục tiêu: đạt Mức 3.\nBiện pháp: bồi dưỡng chuyên đề.\n"
            "Người thực hiện: Tổ trưởng chuyên môn.\n{{m|=>Thời gian: tháng 01/2026.}}\n"
            f"{closing.format(after)}\nThời gian thực hiện: từ tháng 9/2025 đến tháng 5/2026.\n"
            "Người thực hiện: Ban giám hiệu, các tổ chuyên môn.\nKinh phí: ngân sách nhà trường.")


NUMBERING = {"roman": ("I.", "II.", "III."), "letter": ("A.", "B.", "C."), "arabic": ("1.", "2.", "3.")}
CLOSINGS = ["{} Tổ chức thực hiện", "{} TỔ CHỨC THỰC HIỆN", "TỔ CHỨC THỰC HIỆN", "Tổ chức thực hiện",
            "{} Kinh phí thực hiện", "{} Điều khoản thi hành", "Điều khoản thi hành"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("numbering", sorted(NUMBERING))
@pytest.mark.parametrize("closing", CLOSINGS)
def test_a_closing_part_ends_the_last_item(closing: str, numbering: str, fmt: str, tmp_path: Path) -> None:
    body = _closing(NUMBERING[numbering], closing)
    plan = _plan(body, fmt, tmp_path)
    last = plan.items[-1]
    assert (last.criterion, last.timing, last.responsible and last.responsible.text, last.budget) == (
        "2.2", None, "Tổ trưởng chuyên môn", None)
    missing = [f for f in _findings(plan, ["KC570"]) if f.severity == Severity.WARNING]
    assert [f.location.criterion for f in missing] == ["2.2"]
    # The closing part's own text belongs to no criterion.
    closing_text = next(s for s in plan.texts if s.text.startswith("Thời gian thực hiện: từ"))
    assert closing_text.loc.criterion is None
    assert not _loud(_plan(body, fmt, tmp_path, clean=True), ["KC570", "KC1"])


def test_an_item_label_in_sentence_case_is_no_closing_part() -> None:
    from kclint.parse.items import closing_heading

    assert not closing_heading("Kinh phí")  # a field whose value is on the next line
    assert not closing_heading("Kinh phí: 5.000.000 đồng")
    assert not closing_heading("Hội đồng trường họp rà soát kế hoạch")
    assert closing_heading("IV. KINH PHÍ")
    assert closing_heading("Nơi nhận:")
