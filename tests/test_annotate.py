"""``kclint check --annotate``: a Word copy with one comment per finding, anchored on the quoted words."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from helpers import cli_check as check
from plan_docx import PlanLayout, build_docx

from kclint.annotate import annotate_docx, comment_text
from kclint.evidence import find_evidence
from kclint.model import Finding, Location, Message, Severity

BODY = """\
Căn cứ báo cáo tự đánh giá năm học 2024-2025 của Trường Mầm non Hoa Sen, Trường Mầm non Hoa Sen xây dựng \
kế hoạch cải tiến chất lượng giáo dục năm học 2025-2026 như sau:

I. KẾT QUẢ TỰ ĐÁNH GIÁ NĂM HỌC 2024-2025
1. Số lượng tiêu chí đạt Mức 3: 15/19, tỷ lệ 78,94%.

II. NỘI DUNG CẢI TIẾN
Tiêu chuẩn 1: Tổ chức và quản lý nhà trường
Tiêu chí 1.1: Phương hướng, chiến lược xây dựng và phát triển nhà trường
Mục tiêu cần đạt: Giữ vững Mức 3
Nội dung công việc cần thực hiện: Rà soát chiến lược phát triển nhà trường.
Người thực hiện: Hiệu trưởng.
Thời gian bắt đầu: Tháng 9/2025. Thời gian hoàn thành: Tháng 4/2025.
Tiêu chí 1.2: Hội đồng trường (Hội đồng quản trị đối với trường tư thục) và các hội đồng khác
Mục tiêu cần đạt: Hội đồng thi đua chưa đủ thành viên.
Nội dung công việc cần thực hiện: Kiện toàn Hội đồng thi đua khen thưởng.
Người thực hiện: Hiệu trưởng.
Thời gian bắt đầu: Tháng 10/2025. Thời gian hoàn thành: Trong năm học.

III. TỔ CHỨC THỰC HIỆN
Hiệu trưởng chỉ đạo chung./.
"""


def faulty_layout() -> PlanLayout:
    return PlanLayout(
        left=["UBND XÃ AN PHÚ", "TRƯỜNG MẦM NON HOA SEN"], number="Số: 45/KH-MNHS",
        place_date="An Phú, ngày 06 tháng 10 năm 2027",
        title=["KẾ HOẠCH", "Cải tiến chất lượng giáo dục năm học 2025-2026"], body=BODY,
        recipients=["Nơi nhận:", "- Lưu: VT."], signer=["HIỆU TRƯỞNG", "", "Nguyễn Thị Lan"],
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def anchored_texts(path: Path) -> dict[int, str]:
    """Comment id -> the document text between its range start and end, as Word would highlight it."""
    body = docx.Document(str(path)).element.body
    open_ids: set[str] = set()
    texts: dict[int, str] = {}
    for el in body.iter():
        if el.tag == qn("w:commentRangeStart"):
            open_ids.add(el.get(qn("w:id")))
            texts.setdefault(int(el.get(qn("w:id"))), "")
        elif el.tag == qn("w:commentRangeEnd"):
            open_ids.discard(el.get(qn("w:id")))
        elif el.tag == qn("w:t"):
            for cid in open_ids:
                texts[int(cid)] += el.text or ""
    return texts


def json_findings(plan: Path, *extra: str) -> list[dict]:
    code, out, _ = check(str(plan), "--format", "json", *extra)
    assert code in (0, 1)
    return json.loads(out)["files"][0]["findings"]


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return build_docx(tmp_path / "ke-hoach.docx", faulty_layout())


def test_one_comment_per_finding_on_the_evidence(plan: Path) -> None:
    before = digest(plan)
    findings = json_findings(plan)
    assert {f["code"] for f in findings} >= {"KC101", "KC102", "KC201", "KC302", "KC107"}
    code, _, err = check(str(plan), "--annotate")
    assert code == 1
    copy = plan.with_name("ke-hoach.kclint.docx")
    assert copy.exists() and str(copy.name) in err
    assert digest(plan) == before, "the input must never be touched"
    comments = list(docx.Document(str(copy)).comments)
    assert len(comments) == len(findings)
    assert {(c.author, c.initials) for c in comments} == {("kclint", "KC")}
    anchors = anchored_texts(copy)
    for c, f in zip(sorted(comments, key=lambda c: c.comment_id), findings, strict=True):
        assert c.text.startswith(f["code"]) and f["message"] in c.text and f["suggestion"] in c.text
        assert "Cách sửa" in c.text  # Vietnamese by default
        assert anchors[c.comment_id] == f["evidence"]
    # The copy reads like the original: same text, paragraph for paragraph.
    original = [p.text for p in docx.Document(str(plan)).paragraphs]
    assert [p.text for p in docx.Document(str(copy)).paragraphs] == original


def test_english_comments(plan: Path) -> None:
    code, _, _ = check(str(plan), "--annotate", "--lang", "en")
    assert code == 1
    texts = [c.text for c in docx.Document(str(plan.with_name("ke-hoach.kclint.docx"))).comments]
    assert texts and all("Fix:" in t for t in texts) and not any("Cách sửa" in t for t in texts)


def test_existing_copy_needs_force(plan: Path) -> None:
    copy = plan.with_name("ke-hoach.kclint.docx")
    copy.write_bytes(b"do not lose me")
    code, _, err = check(str(plan), "--annotate")
    assert code == 2 and "--force" in err and "Traceback" not in err
    assert copy.read_bytes() == b"do not lose me"
    code, _, _ = check(str(plan), "--annotate", "--force")
    assert code == 1 and zipfile.is_zipfile(copy)


def test_annotate_dir_keeps_subfolders(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    for school in ("truong-a", "truong-b"):
        (plans / school).mkdir(parents=True)
        build_docx(plans / school / "KE HOACH.docx", faulty_layout())
    out = tmp_path / "nhan-xet"
    code, _, _ = check(str(plans), "--annotate-dir", str(out), "--jobs", "1")
    assert code == 1
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.docx")) == [
        "truong-a/KE HOACH.kclint.docx", "truong-b/KE HOACH.kclint.docx"]
    assert not list(plans.rglob("*.kclint.docx")), "--annotate-dir writes nothing beside the inputs"


def test_copy_never_lands_on_an_input_or_the_report(plan: Path) -> None:
    named_like_copy = plan.with_name("ke-hoach.kclint.docx")
    shutil.copy(plan, named_like_copy)
    before = digest(named_like_copy)
    code, _, err = check(str(plan), str(named_like_copy), "--annotate", "--force")
    assert code == 2 and "ke-hoach.kclint.docx" in err
    assert digest(named_like_copy) == before
    named_like_copy.unlink()
    code, _, err = check(str(plan), "--annotate", "-o", str(plan.with_name("ke-hoach.kclint.docx")))
    assert code == 2 and not plan.with_name("ke-hoach.kclint.docx").exists()


def test_text_inputs_are_skipped_with_a_note(tmp_path: Path, data_dir: Path) -> None:
    plan = tmp_path / "p.txt"
    shutil.copy(data_dir / "mn_paragraph.txt", plan)
    code, _, err = check(str(plan), "--annotate")
    assert code == 0 and "--annotate" in err and "p.txt" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.txt"]


# --- anchoring on awkward Word structures -------------------------------------------------------------------

def finding(evidence: str, **loc: object) -> Finding:
    return Finding(code="KC101", rule="deadline-before-start", category="date", kind="date.deadline_before_start",
                   severity=Severity.ERROR, message=Message(vi="Sai thời hạn.", en="Wrong deadline."),
                   evidence=evidence, location=Location(**loc), suggestion=Message(vi="Sửa năm.", en="Fix the year."))


def test_evidence_split_across_runs_keeps_formatting(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("Mở đầu")
    p = doc.add_paragraph()
    p.add_run("Thời gian hoàn thành: Tháng 4/")
    p.add_run("2025").bold = True
    p.add_run(" và  tiếp tục.")
    src, dst = tmp_path / "a.docx", tmp_path / "a.kclint.docx"
    doc.save(str(src))
    stats = annotate_docx(str(src), str(dst), [finding("Tháng 4/2025", paragraph=1),
                                               finding("và tiếp tục", paragraph=1)])
    assert stats.comments == 2 and stats.exact == 2
    out = docx.Document(str(dst))
    assert out.paragraphs[1].text == "Thời gian hoàn thành: Tháng 4/2025 và  tiếp tục."
    assert list(anchored_texts(dst).values()) == ["Tháng 4/2025", "và  tiếp tục"]
    assert [r.bold for r in out.paragraphs[1].runs if r.text == "2025"] == [True]


def test_a_run_that_cannot_be_cut_is_anchored_whole(tmp_path: Path) -> None:
    from docx.oxml import OxmlElement

    doc = docx.Document()
    run = doc.add_paragraph("Trước. ").add_run("Hạn: Tháng 4/2025 xong")
    run._r.append(OxmlElement("w:sym"))  # a symbol: not text, so the run is not cut around it
    src, dst = tmp_path / "s.docx", tmp_path / "s.kclint.docx"
    doc.save(str(src))
    stats = annotate_docx(str(src), str(dst), [finding("Tháng 4/2025", paragraph=0)])
    assert stats.exact == 0 and list(anchored_texts(dst).values()) == ["Hạn: Tháng 4/2025 xong"]
    assert "“Tháng 4/2025”" in next(iter(docx.Document(str(dst)).comments)).text


def test_fallbacks_never_drop_a_finding(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = "Trường Mầm non Hoa Sen — đầu trang"
    doc.add_paragraph("Đoạn đầu tiên")
    doc.add_paragraph("Thời gian hoàn thành: Tháng 4/2025")
    src, dst = tmp_path / "b.docx", tmp_path / "b.kclint.docx"
    doc.save(str(src))
    findings = [
        finding("không có trong văn bản", paragraph=1),  # words not there: the whole paragraph
        finding("đầu trang", origin="header", paragraph=0),  # Word cannot comment a header: first paragraph
        finding("Tháng 4/2025"),  # no location: found by its words
        finding("không ở đâu cả"),  # nothing at all: first paragraph
        finding("x", paragraph=99),  # out of range
    ]
    stats = annotate_docx(str(src), str(dst), findings)
    assert stats.comments == 5 and stats.exact == 1
    anchors = anchored_texts(dst)
    assert [anchors[i] for i in range(5)] == ["Thời gian hoàn thành: Tháng 4/2025", "Đoạn đầu tiên", "Tháng 4/2025",
                                              "Đoạn đầu tiên", "Đoạn đầu tiên"]
    texts = [c.text for c in docx.Document(str(dst)).comments]
    assert "“đầu trang”" in texts[1] and "Trích" in texts[1]  # the quote says what the comment is about
    assert "Trích" not in texts[2]


def test_cell_after_a_merged_cell_and_nested_table(tmp_path: Path) -> None:
    doc = docx.Document()
    table = doc.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "gộp"
    table.cell(0, 2).text = "Tháng 5/2026"
    inner = table.cell(1, 0).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "Trong năm học"
    src, dst = tmp_path / "c.docx", tmp_path / "c.kclint.docx"
    doc.save(str(src))
    stats = annotate_docx(str(src), str(dst), [finding("5/2026", table=0, row=0, column=2),
                                               finding("Trong năm học", table=1, row=0, column=0)])
    assert stats.exact == 2
    assert list(anchored_texts(dst).values()) == ["5/2026", "Trong năm học"]


def test_header_before_body_does_not_shift_anchors(tmp_path: Path) -> None:
    """The reader numbers header paragraphs first; the words still decide where the comment goes."""
    path = build_docx(tmp_path / "h.docx", faulty_layout())
    doc = docx.Document(str(path))
    doc.sections[0].header.paragraphs[0].text = "Trường Mầm non Hoa Sen"
    doc.sections[0].header.add_paragraph("Năm học 2025-2026")
    doc.save(str(path))
    findings = json_findings(path)
    assert check(str(path), "--annotate")[0] == 1
    assert sorted(anchored_texts(path.with_name("h.kclint.docx")).values()) == sorted(f["evidence"] for f in findings)


def test_comment_text_is_xml_safe() -> None:
    f = finding("a\x0cb").model_copy(update={"message": Message(vi="Lỗi\x00 ẩn\x0b", en="x")})
    # Shown as pictures, as in every human report: nothing is silently lost and the XML stays valid.
    assert comment_text(f, "vi") == "KC101 (lỗi): Lỗi\u2400 ẩn\u240b\nCách sửa: Sửa năm."


def test_find_evidence_tolerates_spacing() -> None:
    text = "Hạn: Tháng  4/2025\u00a0nhé."
    assert find_evidence(text, "Tháng 4/2025 nhé") == (5, len(text) - 1)
    assert find_evidence("abc", "") is None and find_evidence("abc", "x") is None


# --- LibreOffice opens the copy -------------------------------------------------------------------------------

def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _odt_annotations(odt: Path) -> dict[str, tuple[str, str]]:
    """Annotation name -> (author, the text it covers) from an ODT's content.xml."""
    office = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
    creator = "{http://purl.org/dc/elements/1.1/}creator"
    root = ET.fromstring(zipfile.ZipFile(odt).read("content.xml"))

    def events(el: ET.Element, in_comment: bool = False):  # document-order text, comment bodies left out
        if el.tag == office + "annotation":
            yield "start", el.get(office + "name"), el.findtext(creator)
            in_comment = True
        elif el.tag == office + "annotation-end":
            yield "end", el.get(office + "name"), None
        if el.text and not in_comment:
            yield "text", el.text, None
        for child in el:
            yield from events(child, in_comment)
            if child.tail and not in_comment:
                yield "text", child.tail, None

    found: dict[str, list[str]] = {}
    open_names: set[str] = set()
    for kind, value, author in events(root):
        if kind == "start":
            found[value] = [author or "", ""]
            open_names.add(value)
        elif kind == "end":
            open_names.discard(value)
        else:
            for name in open_names:
                found[name][1] += value
    return {name: (author, text) for name, (author, text) in found.items()}


@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_annotated_copy(plan: Path, tmp_path: Path) -> None:
    findings = json_findings(plan)
    assert check(str(plan), "--annotate")[0] == 1
    copy = plan.with_name("ke-hoach.kclint.docx")
    out = tmp_path / "lo"
    for fmt in ("pdf", "odt"):
        subprocess.run([_soffice(), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                        "--convert-to", fmt, "--outdir", str(out), str(copy)],
                       check=True, capture_output=True, timeout=180)
    assert (out / "ke-hoach.kclint.pdf").read_bytes().startswith(b"%PDF")
    annotations = _odt_annotations(out / "ke-hoach.kclint.odt")
    assert len(annotations) == len(findings)
    assert {a for a, _ in annotations.values()} == {"kclint"}
    assert sorted(t for _, t in annotations.values()) == sorted(f["evidence"] for f in findings)


@pytest.mark.parametrize("span", ["²", "9" * 5000, "٣", "-2"])
def test_hostile_grid_span_is_read_by_the_shared_bounded_parser(span: str, tmp_path: Path) -> None:
    """``w:gridSpan`` goes through kclint.limits.ooxml_int, as in the reader: '²' passes str.isdigit but not
    int(), a 5,000-digit span is past int()'s limit. The cell after it is where the reader says it is."""
    from kclint.readers import read_document

    doc = docx.Document()
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "gộp"
    table.cell(0, 1).text = "Tháng 5/2026"
    tc_pr = table.cell(0, 0)._tc.get_or_add_tcPr()
    grid_span = tc_pr.makeelement(qn("w:gridSpan"), {qn("w:val"): span})
    tc_pr.append(grid_span)
    src, dst = tmp_path / "g.docx", tmp_path / "g.kclint.docx"
    doc.save(str(src))
    column = read_document(str(src)).blocks[0].rows[0].cells[1].column
    stats = annotate_docx(str(src), str(dst), [finding("5/2026", table=0, row=0, column=column)])
    assert stats.exact == 1 and list(anchored_texts(dst).values()) == ["5/2026"]


def test_each_annotated_copy_runs_under_the_per_file_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A copy that takes too long is stopped and reported, nothing is written, and the next copy still is.

    The budget is lowered on the module attribute the annotator reads (monkeypatch restores it); the check
    itself keeps its own default budget.
    """
    import kclint.annotate
    from kclint import limits

    slow, fast = (build_docx(tmp_path / f"{n}.docx", faulty_layout()) for n in ("a", "b"))
    real = kclint.annotate.annotate_docx

    def stuck_on_a(source: str, *args: object, **kwargs: object) -> object:
        give_up = time.monotonic() + 30  # without a budget the test fails (a.kclint.docx written), not hangs
        while Path(source).name == "a.docx" and time.monotonic() < give_up:
            sum(range(100))
        return real(source, *args, **kwargs)

    monkeypatch.setattr(kclint.annotate, "annotate_docx", stuck_on_a)
    monkeypatch.setattr(limits, "FILE_TIME_BUDGET_S", 0.5)
    code, _, err = check(str(slow), str(fast), "--annotate", "--lang", "en")
    assert code == 2 and "a.kclint.docx: annotating took longer than 0.5 s" in err
    assert not (tmp_path / "a.kclint.docx").exists() and (tmp_path / "b.kclint.docx").exists()
