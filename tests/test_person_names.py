"""People's names (issue 15): PersonName facts in every layout, and KC610 on one person written two ways.

Each plan is written as ``.txt`` and ``.docx`` (tests/corpus/planfmt); the names are invented."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from corpus import planfmt

from kclint.engine import RunOptions, run_rules
from kclint.model import Finding, Location, Plan, Severity, Span
from kclint.parse import build_plan
from kclint.parse.persons import person_names
from kclint.readers import read_document

TODAY = dt.date(2026, 11, 24)
HEAD = "Phạm Minh Khang"
DEPUTY = "Võ Thị Diễm Hằng"


def _plan(body: str, signer: list[str], fmt: str, tmp_path: Path) -> Plan:
    src = planfmt.Plan(
        left=["PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN KHE SANH", "TRƯỜNG TIỂU HỌC ĐỒI CÁT"],
        right=["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
        number="Số: 58/KH-THĐC", place_date="Đồi Cát, ngày 12 tháng 9 năm 2025",
        title=["KẾ HOẠCH", "Cải tiến chất lượng giáo dục năm học 2025-2026"],
        blocks=planfmt.parse_body(body), recipients=["Nơi nhận:", "- Phòng GDĐT;", "- Lưu: VT."], signer=signer)
    path = tmp_path / f"plan.{fmt}"
    path.write_bytes(planfmt.render_docx(src) if fmt == "docx" else planfmt.render_txt(src).encode())
    return build_plan(read_document(str(path)))


def _kc610(plan: Plan) -> list[Finding]:
    return [f for f in run_rules(plan, RunOptions(today=TODAY, select=["KC610"], strict=True)) if f.code == "KC610"]


def _loud(plan: Plan) -> list[tuple[str | None, Severity]]:
    return [(f.evidence, f.severity) for f in _kc610(plan) if f.severity != Severity.INFO]


SIGNER = ["HIỆU TRƯỞNG", "(Đã ký)", HEAD.upper()]
PROSE = f"""I. CĂN CỨ XÂY DỰNG KẾ HOẠCH
Nhà trường có 18 lớp. Ban giám hiệu gồm Hiệu trưởng {HEAD} và Phó hiệu trưởng {DEPUTY}.
II. TỔ CHỨC THỰC HIỆN
1. Hiệu trưởng {{{{h|Phạm Minh Kháng=>{HEAD}}}}} chỉ đạo chung, kiểm tra việc thực hiện kế hoạch.
2. Bà {{{{d|Võ Diễm Hằng=>{DEPUTY}}}}} theo dõi, tổng hợp kết quả cuối mỗi học kỳ.
3. Đ/c {DEPUTY} báo cáo Hội đồng trường."""
COUNCIL = f"""I. HỘI ĐỒNG TỰ ĐÁNH GIÁ
| TT | Họ và tên | Chức vụ | Nhiệm vụ |
| 1 | {{{{h|Phạm Minh Khanh=>{HEAD}}}}} | Hiệu trưởng | Chủ tịch |
| 2 | {DEPUTY} | Phó hiệu trưởng | Phó Chủ tịch |
| 3 | Kiều Văn Sơn | Tổ trưởng | Ủy viên |
Hiệu trưởng {HEAD} ký quyết định thành lập Hội đồng."""
TASKS = f"""II. KẾ HOẠCH THỰC HIỆN
| Thời gian | Nội dung công việc | Người thực hiện | Kết quả |
| Tháng 9/2025 | Rà soát minh chứng | Đ/c {DEPUTY}; tổ trưởng Kiều Văn Sơn | Danh mục minh chứng |
| Tháng 10/2025 | Viết báo cáo tiêu chí | {{{{d|Võ Thị Diễm Hăng=>{DEPUTY}}}}} | Dự thảo báo cáo |
| Tháng 11/2025 | Hoàn thiện báo cáo | Thầy Kiều Văn Sơn | Báo cáo hoàn chỉnh |
Phó hiệu trưởng {DEPUTY} tổng hợp, báo cáo Hiệu trưởng."""


@pytest.mark.parametrize("fmt", ["txt", "docx"])
@pytest.mark.parametrize(("body", "expected"), [
    (PROSE, {"Phạm Minh Kháng", "Võ Diễm Hằng"}),
    (COUNCIL, {"Phạm Minh Khanh"}),
    (TASKS, {"Võ Thị Diễm Hăng"}),
], ids=["prose", "council", "tasks"])
def test_one_person_written_two_ways(body: str, expected: set[str], fmt: str, tmp_path: Path) -> None:
    defect = _plan(planfmt.resolve(body, clean=False), SIGNER, fmt, tmp_path)
    found = {f.evidence: f for f in _kc610(defect) if f.severity == Severity.WARNING}
    assert set(found) == expected
    for evidence, f in found.items():
        span = next(p.span for p in defect.facts.persons if p.span.text == evidence)
        assert f.location == span.loc and f.kind == "consistency.name"
    clean = _plan(planfmt.resolve(body, clean=True), SIGNER, fmt, tmp_path)
    assert _loud(clean) == []


def test_the_slip_is_reported_in_its_cell(tmp_path: Path) -> None:
    plan = _plan(planfmt.resolve(TASKS, clean=False), SIGNER, "docx", tmp_path)
    (f,) = [f for f in _kc610(plan) if f.severity == Severity.WARNING]
    assert (f.location.row, f.location.column) == (2, 2)
    assert f"'{DEPUTY}'" in f.suggestion.vi


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_signature_against_the_council_chair_once_each_is_a_note(fmt: str, tmp_path: Path) -> None:
    body = f"""| TT | Họ và tên | Nhiệm vụ |
| 1 | Phạm Minh Khanh | Chủ tịch Hội đồng |
| 2 | {DEPUTY} | Phó Chủ tịch |"""
    plan = _plan(body, SIGNER, fmt, tmp_path)
    assert sorted((f.evidence, f.severity) for f in _kc610(plan)) == [
        ("PHẠM MINH KHANG", Severity.INFO), ("Phạm Minh Khanh", Severity.INFO)]


@pytest.mark.parametrize("fmt", ["txt", "docx"])
@pytest.mark.parametrize("body", [
    # two people who share a given name, or a surname and a given name
    "Cô Đặng Thị Thu Hà dạy lớp 2A; thầy Lại Văn Hà dạy lớp 3B; cô Đặng Thị Thu Hòa dạy lớp 4C.",
    # a one-mark difference written twice each: two people
    "Cô Nguyễn Thị Hà phụ trách lớp 1A.\nCô Nguyễn Thị Hạ phụ trách lớp 1B.\n"
    "Cô Nguyễn Thị Hà dự giờ.\nCô Nguyễn Thị Hạ dự giờ.",
    # both in one line: two people
    "| Thời gian | Nội dung | Phụ trách |\n| Tháng 9/2025 | Bồi dưỡng | Trần Văn Bình, Trần Văn Bính |",
    # with and without a title, in capitals at the signature
    f"Bà {DEPUTY} theo dõi.\n{DEPUTY} tổng hợp.\nHiệu trưởng {HEAD} chỉ đạo.\n"
    f"| TT | Họ và tên | Chức vụ |\n| 1 | {HEAD} | Hiệu trưởng |",
    # a place or school named after a person is no person
    "Trường THCS Lê Văn Tám và Trường Tiểu học Lê Văn Tâm cùng tham gia.",
], ids=["given-name", "twice-each", "one-line", "titles-and-capitals", "places"])
def test_silent_on_different_people_and_one_name(body: str, fmt: str, tmp_path: Path) -> None:
    assert _kc610(_plan(body, SIGNER, fmt, tmp_path)) == []


def test_person_facts_in_every_layout(tmp_path: Path) -> None:
    plan = _plan("\n".join([planfmt.resolve(PROSE, True), planfmt.resolve(COUNCIL, True),
                            planfmt.resolve(TASKS, True)]), SIGNER, "docx", tmp_path)
    by = {(p.span.text, p.source, p.title) for p in plan.facts.persons}
    assert (DEPUTY, "title", "Bà") in by and (DEPUTY, "title", "Đ/c") in by
    assert (HEAD, "column", None) in by and ("Kiều Văn Sơn", "title", "tổ trưởng") in by
    assert (HEAD.upper(), "signer", None) in by
    def place(s: Span) -> tuple:
        return (s.loc.block, s.loc.paragraph, s.loc.table, s.loc.row, s.loc.column, s.loc.line)

    for p in plan.facts.persons:  # the offset points at the name in its line
        lines = [s.text for s in plan.texts if place(s) == place(p.span)]
        assert any(t[p.offset : p.offset + len(p.span.text)] == p.span.text for t in lines)


def test_apostrophe_glyph_is_a_note() -> None:
    texts = [Span(text=t, loc=Location(paragraph=i, block=i)) for i, t in enumerate([
        "Phó hiệu trưởng H'Dung Mlô phụ trách chuyên môn.", "Phó hiệu trưởng H'Dung Mlô dự giờ.",
        "Phó hiệu trưởng H’Dung Mlô báo cáo."])]
    persons = person_names(texts)
    assert [p.span.text for p in persons] == ["H'Dung Mlô", "H'Dung Mlô", "H’Dung Mlô"]
    plan = Plan(path="t.txt", source_format="txt", texts=texts).model_copy(
        update={"facts": Plan(path="t.txt", source_format="txt").facts.model_copy(update={"persons": persons})})
    assert [(f.evidence, f.severity) for f in _kc610(plan)] == [("H’Dung Mlô", Severity.INFO)]


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_a_name_after_a_title_is_no_real_word_typo(fmt: str, tmp_path: Path) -> None:
    body = "Hội đồng gồm:\n3. Bà Đào Thị Mai, tổ trưởng tổ Toán – Ủy viên;\n4. Ông Lò Văn Tuấn, kế toán – Ủy viên."
    plan = _plan(body, SIGNER, fmt, tmp_path)
    assert ("Đào Thị Mai", "title", "Bà") in {(p.span.text, p.source, p.title) for p in plan.facts.persons}
    assert [f.evidence for f in run_rules(plan, RunOptions(today=TODAY, select=["KC614"], strict=True))] == []


# A name misremembered rather than mistyped: an initial confused by sound (ch/tr, s/x, d/gi/r), or another
# given name of the same first sound under one post that one or two people hold.
SLIPS = {
    "prose-initial": ("Kế toán Mai Thị Kim Trinh lập dự toán.\nKế toán {{k|Mai Thị Kim Chinh=>Mai Thị Kim Trinh}} "
                      "thanh quyết toán kinh phí.", "Mai Thị Kim Chinh"),
    "bullets-post": ("+ Phó hiệu trưởng Tạ Ngọc Hân theo dõi chuyên môn.\n"
                     "+ Phó hiệu trưởng {{p|Tạ Ngọc Huyền=>Tạ Ngọc Hân}} tổng hợp minh chứng.", "Tạ Ngọc Huyền"),
    "council-post": ("| TT | Họ và tên | Chức vụ | Nhiệm vụ |\n| 1 | Phạm Minh Khang | Hiệu trưởng | Chủ tịch |\n"
                     "| 2 | {{p|Tạ Ngọc Huyền=>Tạ Ngọc Hân}} | Phó hiệu trưởng | Phó Chủ tịch |\n"
                     "Hiệu phó Tạ Ngọc Hân phụ trách nhóm công tác số 1.", "Tạ Ngọc Huyền"),
    "tasks-post": ("| Thời gian | Người thực hiện | Nội dung |\n| Tháng 9/2025 | Tổng phụ trách Đội Vũ Quang Sang | "
                   "Tổ chức ngày hội |\n| Tháng 10/2025 | Tổng phụ trách Đội {{t|Vũ Quang Sơn=>Vũ Quang Sang}} | "
                   "Thi kể chuyện |", "Vũ Quang Sơn"),
}


@pytest.mark.parametrize("fmt", ["txt", "docx"])
@pytest.mark.parametrize("case", list(SLIPS))
def test_a_name_misremembered_is_a_note(case: str, fmt: str, tmp_path: Path) -> None:
    body, evidence = SLIPS[case]
    defect = _plan(planfmt.resolve(body, clean=False), SIGNER, fmt, tmp_path)
    found = {f.evidence: f for f in _kc610(defect)}
    assert evidence in found and found[evidence].severity == Severity.INFO  # once each: a note
    span = next(p.span for p in defect.facts.persons if p.span.text == evidence)
    assert found[evidence].location == span.loc
    assert _kc610(_plan(planfmt.resolve(body, clean=True), SIGNER, fmt, tmp_path)) == []


@pytest.mark.parametrize("fmt", ["txt", "docx"])
@pytest.mark.parametrize("body", [
    # two deputies whose head says nothing (surname and 'Thị' only)
    "Phó hiệu trưởng Nguyễn Thị Hoa phụ trách chuyên môn; Phó hiệu trưởng Nguyễn Thị Hương phụ trách cơ sở vật chất.",
    # a post many hold: two teachers
    "Giáo viên Tạ Ngọc Hân dạy lớp 2A.\nGiáo viên Tạ Ngọc Huyền dạy lớp 3B.",
    # another first sound
    "Phó hiệu trưởng Tạ Ngọc Hân theo dõi.\nPhó hiệu trưởng Tạ Ngọc Mai tổng hợp.",
    # two posts
    "Kế toán Tạ Ngọc Hân lập dự toán.\nPhó hiệu trưởng Tạ Ngọc Huyền tổng hợp.",
], ids=["common-head", "many-hold", "other-sound", "two-posts"])
def test_silent_on_two_holders(body: str, fmt: str, tmp_path: Path) -> None:
    assert _kc610(_plan(body, SIGNER, fmt, tmp_path)) == []
