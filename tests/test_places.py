"""Locations a Word user can follow: section headings and paragraph openings, not paragraph numbers."""

from __future__ import annotations

import json
from pathlib import Path

from kclint.annotate import annotate_docx
from kclint.evidence import Places, opening
from kclint.model import Location
from kclint.report import ReportOptions, render
from kclint.report.words import where
from kclint.results import FileResult
from tests.helpers import plan_from_file, plan_from_text, run

PLAN = """TRƯỜNG TIỂU HỌC BẾN ĐÒ

KẾ HOẠCH
Cải tiến chất lượng giáo dục năm học 2025 - 2026

I. MỤC TIÊU CHUNG CỦA NHÀ TRƯỜNG TRONG NĂM

Duy trì tỉ lệ học sinh hoàn thành chương trình: 40/50 đạt 81%.
"""


def _result() -> FileResult:
    plan = plan_from_text(PLAN)
    findings = [f for f in run(plan) if f.code == "KC302"]
    assert findings, "the plan's wrong percentage must be found"
    return FileResult("p.txt", plan, findings)


def test_report_names_heading_and_paragraph_opening_in_both_languages() -> None:
    r = _result().without_plan()  # a batch keeps only the summary: the places must survive it
    f = r.findings[0]
    assert where(f.location, r, "vi").startswith("mục I “MỤC TIÊU CHUNG CỦA NHÀ TRƯỜNG…”")
    assert "đoạn bắt đầu “Duy trì tỉ lệ học sinh…”" in where(f.location, r, "vi")
    assert "paragraph beginning “Duy trì" in where(f.location, r, "en")
    for lang in ("vi", "en"):
        text = render("text", [r], ReportOptions(lang=lang))
        assert "“Duy trì tỉ lệ học sinh…”" in text
        assert "đoạn 5" not in text and "paragraph 5" not in text


def test_html_report_names_the_paragraph_opening() -> None:
    html = render("html", [_result()], ReportOptions(lang="vi"))
    assert "đoạn bắt đầu “Duy trì tỉ lệ học sinh…”" in html


def test_without_plan_text_the_index_stays_and_origins_are_words() -> None:
    loc = Location(paragraph=3, origin="footer")
    assert Places().describe(loc, "vi") == "đoạn 4, chân trang"
    assert loc.describe("en") == "paragraph 4, page footer"
    assert Location(table=0, row=1, column=2).describe("vi") == "bảng 1 hàng 2 cột 3"


def test_opening_cuts_long_text_only() -> None:
    assert opening("một hai ba") == "một hai ba"
    assert opening("a b c d e f g h") == "a b c d e f…"


TWICE = PLAN + "\nTăng tỉ lệ học sinh hoàn thành chương trình: 40/50 đạt 81%.\n"


def _twice() -> FileResult:
    plan = plan_from_text(TWICE)
    return FileResult("p.txt", plan, [f for f in run(plan) if f.code == "KC302"])


def test_identical_findings_shown_once_with_every_place_in_human_reports() -> None:
    r = _twice()
    assert len(r.findings) == 2
    for lang in ("vi", "en"):
        text = render("text", [r], ReportOptions(lang=lang))
        assert text.count("KC302") == 1
        assert "“Duy trì tỉ lệ học sinh…”" in text and "“Tăng tỉ lệ học sinh hoàn…”" in text
        html = render("html", [r], ReportOptions(lang=lang))
        assert html.count('class="code">KC302<') == 1 and "<li>" in html
    assert "Vị trí (2 chỗ)" in render("text", [r], ReportOptions(lang="vi"))
    doc = json.loads(render("json", [r], ReportOptions()))
    assert [f["location"]["line"] for f in doc["files"][0]["findings"]] == [8, 10]  # machines: one per place


def test_annotated_copy_comments_once_and_the_repeat_points_to_it(tmp_path: Path) -> None:
    import docx

    doc = docx.Document()
    for line in TWICE.splitlines():
        doc.add_paragraph(line)
    src, dst = tmp_path / "p.docx", tmp_path / "p.kclint.docx"
    doc.save(str(src))
    plan = plan_from_file(src)
    findings = [f for f in run(plan) if f.code == "KC302"]
    assert len(findings) == 2
    annotate_docx(str(src), str(dst), findings, "vi", plan)
    texts = [c.text for c in docx.Document(str(dst)).comments]
    assert len(texts) == 2 and "Viết 80%" in texts[0]
    assert texts[1] == ("KC302: (xem góp ý ở mục I “MỤC TIÊU CHUNG CỦA NHÀ TRƯỜNG…”, "
                        "đoạn bắt đầu “Duy trì tỉ lệ học sinh…”)")
