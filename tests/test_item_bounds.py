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
