"""Administrative form (KC501-KC512): text exports and Word files laid out the way schools do."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.shared import Mm, Pt
from helpers import plan_from_file, plan_from_text, run
from plan_docx import PlanLayout, build_docx

from kclint.model import Finding, Plan, Severity

# A small kindergarten plan of our own, in the text-export form; tests replace one part at a time.
PARTS = {
    "body_head": "UBND XÃ HÒA LẠC\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                 "TRƯỜNG MẦM NON HÒA LẠC\tĐộc lập - Tự do - Hạnh phúc\n\n",
    "number": "Số: 07/KH-MNHL\n\n",
    "date": "Hòa Lạc, ngày 03 tháng 11 năm 2025\n\n",
    "title": "KẾ HOẠCH\nCải tiến chất lượng giáo dục năm học 2025-2026\n\n",
    "body": "I. CĂN CỨ\n\nCăn cứ kết quả tự đánh giá năm học 2024-2025.\n\nII. MỤC ĐÍCH, YÊU CẦU\n\n"
            "Khắc phục hạn chế về cơ sở vật chất.\n\nIII. TỔ CHỨC THỰC HIỆN\n\nCác tổ chuyên môn thực hiện.\n\n",
    "closing": "Trên đây là kế hoạch cải tiến chất lượng giáo dục năm học 2025-2026 của trường./.\n\n",
    "recipients": "Nơi nhận:\n- Phòng VH-XH (để b/c);\n- Các tổ chuyên môn (để t/h);\n- Lưu: VT.\n\n",
    "signer": "HIỆU TRƯỞNG\n\nĐặng Thu Hà\n",
}


def text_plan(**parts: str) -> str:
    return "".join(parts.get(k, v) for k, v in PARTS.items())


def found(plan: Plan, code: str) -> list[Finding]:
    return run(plan, [code])


def check_text(code: str, **parts: str) -> list[Finding]:
    return found(plan_from_text(text_plan(**parts)), code)


def layout(**changes: object) -> PlanLayout:
    base = PlanLayout(
        left=["UBND XÃ HÒA LẠC", "TRƯỜNG MẦM NON HÒA LẠC"],
        number="Số: 07/KH-MNHL",
        place_date="Hòa Lạc, ngày 03 tháng 11 năm 2025",
        title=["KẾ HOẠCH", "Cải tiến chất lượng giáo dục năm học 2025-2026"],
        body=PARTS["body"] + PARTS["closing"],
        recipients=["Nơi nhận:", "- Phòng VH-XH (để b/c);", "- Lưu: VT."],
        signer=["HIỆU TRƯỞNG", "Đặng Thu Hà"],
    )
    for key, value in changes.items():
        setattr(base, key, value)
    return base


def docx_plan(tmp_path: Path, name: str = "plan.docx", **changes: object) -> Path:
    return build_docx(tmp_path / name, layout(**changes))


def check_docx(tmp_path: Path, code: str, **changes: object) -> list[Finding]:
    return found(plan_from_file(docx_plan(tmp_path, **changes)), code)


def test_the_clean_plan_passes_every_form_rule(tmp_path: Path) -> None:
    assert run(plan_from_text(text_plan()), ["format"]) == []
    assert run(plan_from_file(docx_plan(tmp_path)), ["format"]) == []


# ----------------------------------------------------------------------------- parser


def test_parser_reads_number_symbol_signer_block_and_figure_dates() -> None:
    plan = plan_from_text(text_plan(number="Số: 417 /KH-THCSAB\n\n", date="Hòa Lạc, 03/11/2025\n\n",
                                    signer="KT. HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG\n\n(Đã ký)\n\nĐặng Thu Hà\n"))
    assert (plan.header.number_text, plan.header.symbol) == ("417", "KH-THCSAB")
    assert plan.header.issue_date is not None and plan.header.issue_date.isoformat() == "2025-11-03"
    assert [s.text for s in plan.signer_titles] == ["KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"]
    assert plan.signer_name is not None and plan.signer_name.text == "Đặng Thu Hà"
    assert plan.layout is None  # plain text shows no layout


def test_a_sentence_starting_with_so_is_not_a_number_line() -> None:
    plan = plan_from_text(text_plan(number="Số lượng tiêu chí đạt Mức 1: 25/25\n\n"))
    assert plan.header.number is None


def test_markdown_metadata_is_layout_not_text() -> None:
    meta = "---\npapersize: a4\ngeometry: top=2cm, bottom=2cm, left=3cm, right=1.5cm\nmainfont: Arial\n" \
           "fontsize: 13pt\n---\n\n"
    plan = plan_from_text(meta + text_plan())
    assert plan.layout is not None and plan.layout.source == "metadata"
    page = plan.layout.pages[0]
    assert (page.width_mm, page.height_mm, page.left_mm, page.right_mm) == (210.0, 297.0, 30.0, 15.0)
    assert (plan.layout.body_font, plan.layout.body_size_pt) == ("Arial", 13.0)
    assert not any("papersize" in s.text for s in plan.texts)
    assert plan.header.number is not None  # the header is still found after the metadata


def test_word_layout_reaches_the_plan(tmp_path: Path) -> None:
    plan = plan_from_file(docx_plan(tmp_path))
    assert plan.layout is not None and plan.layout.source == "docx"
    assert plan.layout.body_font == "Times New Roman" and plan.layout.body_size_pt == 14
    assert plan.layout.styles["title"].bold is True
    assert plan.header.number is not None and plan.header.number.loc.table is not None  # header table
    assert [s.text for s in plan.header.issuing_body] == ["UBND XÃ HÒA LẠC", "TRƯỜNG MẦM NON HÒA LẠC"]


# ----------------------------------------------------------------------------- number and symbol


def test_missing_number_text_and_word(tmp_path: Path) -> None:
    [f] = check_text("KC501", number="")
    assert f.kind == "format.missing_number" and f.severity == Severity.ERROR
    assert f.evidence == "Cải tiến chất lượng giáo dục năm học 2025-2026"  # the subject names a bare 'KẾ HOẠCH'
    assert check_text("KC501") == []
    assert len(check_docx(tmp_path, "KC501", number=None)) == 1
    assert check_docx(tmp_path, "KC501") == []


def test_missing_number_quotes_a_one_line_title() -> None:
    [f] = check_text("KC501", number="", title="KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG NĂM HỌC 2025-2026\n\n")
    assert f.evidence == "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG NĂM HỌC 2025-2026"


def test_number_in_a_word_page_header_counts(tmp_path: Path) -> None:
    path = docx_plan(tmp_path, number=None)
    document = docx.Document(str(path))
    document.sections[0].header.paragraphs[0].text = "Số: 07/KH-MNHL"
    document.save(str(path))
    plan = plan_from_file(path)
    assert plan.header.number is not None and plan.header.number.loc.origin == "header"
    assert found(plan, "KC501") == []


@pytest.mark.parametrize(
    ("line", "evidence", "severity", "code"),
    [
        ("Số: 417 /KH-MNHL", "Số: 417 /KH-MNHL", Severity.ERROR, "KC5021"),
        ("Số: 417/ KH - MNHL", "Số: 417/ KH - MNHL", Severity.ERROR, "KC5021"),
        ("Số: 07/KH-MN HL", "Số: 07/KH-MN HL", Severity.ERROR, "KC5021"),
        ("Số 07/KH-MNHL", "Số", Severity.WARNING, "KC5022"),
        ("SỐ: 07/KH-MNHL", "SỐ:", Severity.WARNING, "KC5022"),
        ("Số: 7/KH-MNHL", "Số: 7/KH-MNHL", Severity.WARNING, "KC5024"),
        ("Số:      /KH-MNHL", "Số:      /KH-MNHL", Severity.WARNING, "KC5023"),
        ("Số: 07/QĐ-MNHL", "QĐ-MNHL", Severity.WARNING, "KC5026"),
        ("Số: 07/kh-mnhl", "kh-mnhl", Severity.WARNING, "KC5026"),
        ("Số: 47b/KH-MNHL", "47b", Severity.INFO, "KC5025"),
    ],
)
def test_number_symbol_defects(line: str, evidence: str, severity: Severity, code: str) -> None:
    # 'KC502', the code these six checks shared, still selects them all.
    findings = check_text("KC502", number=f"{line}\n\n")
    assert [(f.evidence, f.severity, f.code) for f in findings] == [(evidence, severity, code)]
    assert [f.code for f in check_text(code, number=f"{line}\n\n")] == [code]


def test_number_symbol_passes_and_reads_header_tables(tmp_path: Path) -> None:
    assert check_text("KC502") == []
    [f] = check_docx(tmp_path, "KC502", number="Số: 07 /KH-MNHL")
    assert f.evidence == "Số: 07 /KH-MNHL" and f.location.table == 0
    assert check_docx(tmp_path, "KC502") == []


# ----------------------------------------------------------------------------- place and date


def test_missing_issue_date(tmp_path: Path) -> None:
    [f] = check_text("KC503", date="")
    assert f.kind == "format.missing_issue_date"
    [blank] = check_text("KC503", date="Hòa Lạc, ngày    tháng    năm 2025\n\n")
    assert blank.evidence == "Hòa Lạc, ngày    tháng    năm 2025"
    assert check_text("KC503") == []
    assert len(check_docx(tmp_path, "KC503", place_date=None)) == 1
    assert check_docx(tmp_path, "KC503") == []


def test_impossible_issue_date_is_left_to_the_date_rule() -> None:
    text = text_plan(date="Hòa Lạc, ngày 30 tháng 02 năm 2026\n\n")
    assert found(plan_from_text(text), "KC503") == []
    assert found(plan_from_text(text), "KC105")


@pytest.mark.parametrize(
    ("date", "right"),
    [
        ("ngày 18 tháng 09 năm 2025", "ngày 18 tháng 9 năm 2025"),
        ("ngày 5 tháng 01 năm 2026", "ngày 05 tháng 01 năm 2026"),
        ("ngày 15 tháng 2 năm 2026", "ngày 15 tháng 02 năm 2026"),
    ],
)
def test_leading_zeros(date: str, right: str, tmp_path: Path) -> None:
    [f] = check_text("KC504", date=f"Hòa Lạc, {date}\n\n")
    assert f.evidence == date and f.severity == Severity.ERROR and right in f.suggestion.vi  # type: ignore[union-attr]
    [g] = check_docx(tmp_path, "KC504", place_date=f"Hòa Lạc, {date}")
    assert g.evidence == date


@pytest.mark.parametrize("date", ["ngày 05 tháng 02 năm 2026", "ngày 18 tháng 9 năm 2025", "ngày 14 tháng 10 năm 2025"])
def test_leading_zeros_pass(date: str) -> None:
    assert check_text("KC504", date=f"Hòa Lạc, {date}\n\n") == []


def test_place_and_date_in_figures_or_lower_case() -> None:
    [f] = check_text("KC504", date="Hòa Lạc, 03/11/2025\n\n")
    assert f.kind == "format.place_date" and "ngày 03 tháng 11 năm 2025" in f.suggestion.vi  # type: ignore[union-attr]
    [g] = check_text("KC504", date="hòa Lạc, ngày 03 tháng 11 năm 2025\n\n")
    assert g.evidence == "hòa Lạc"


def test_appendix_restating_the_plan_date(tmp_path: Path) -> None:
    appendix = "\nPHỤ LỤC\n\n(Kèm theo kế hoạch số 07/KH-MNHL ngày {d} của Trường Mầm non Hòa Lạc)\n"
    [f] = found(plan_from_text(text_plan() + appendix.format(d="13 tháng 11 năm 2025")), "KC505")
    assert f.evidence == "ngày 13 tháng 11 năm 2025"
    assert found(plan_from_text(text_plan() + appendix.format(d="03 tháng 11 năm 2025")), "KC505") == []
    # The appendix names another number: it no longer says which plan it belongs to.
    other = "\n(Kèm theo kế hoạch số 70/KH-MNHL ngày 03 tháng 11 năm 2025)\n"
    [g] = found(plan_from_text(text_plan() + other), "KC505")
    assert "70/KH-MNHL" in g.message.vi
    # Citing an earlier plan of the same school is no restatement.
    earlier = "I. CĂN CỨ\n\nCăn cứ Kế hoạch số 03/KH-MNHL ngày 10 tháng 9 năm 2025 của trường.\n\n"
    assert found(plan_from_text(text_plan(body=earlier)), "KC505") == []
    path = docx_plan(tmp_path, body=PARTS["body"] + appendix.format(d="13 tháng 11 năm 2025").strip())
    assert len(found(plan_from_file(path), "KC505")) == 1


@pytest.mark.parametrize("closing", [
    "Trên đây là Kế hoạch số {n}/KH-MNHL ngày 03/11/2025 của Trường Mầm non Hòa Lạc./.",
    "Trên đây là kế hoạch số {n}/KH-MNHL về cải tiến chất lượng năm học 2025-2026 của nhà trường./.",
])
def test_closing_sentence_restating_the_plan_number(closing: str) -> None:
    # 'Trên đây là Kế hoạch số …' names the plan itself: another number there is its own number mistyped,
    # not a later document of the school's series (KC150 stays silent on it).
    wrong = plan_from_text(text_plan(closing=closing.format(n="70") + "\n\n"))
    [f] = found(wrong, "KC505")
    assert "70/KH-MNHL" in f.evidence and "07/KH-MNHL" in f.message.vi
    assert found(wrong, "KC150") == []
    assert found(plan_from_text(text_plan(closing=closing.format(n="07") + "\n\n")), "KC505") == []
    # A later plan of the same series cited in the basis is still KC150's, not a restatement.
    basis = "I. CĂN CỨ\n\nCăn cứ Kế hoạch số 70/KH-MNHL ngày 03 tháng 11 năm 2025 của trường.\n\n"
    assert found(plan_from_text(text_plan(body=basis)), "KC505") == []


# ----------------------------------------------------------------------------- title


def test_missing_title_and_subject(tmp_path: Path) -> None:
    [f] = check_text("KC506", title="")
    assert f.severity == Severity.ERROR
    [g] = check_text("KC506", title="KẾ HOẠCH\n\n")
    assert g.severity == Severity.WARNING and g.evidence == "KẾ HOẠCH"
    [h] = check_text("KC506", title="KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n")
    assert h.severity == Severity.INFO
    assert check_text("KC506") == []
    assert check_docx(tmp_path, "KC506", title=[])
    assert check_docx(tmp_path, "KC506") == []


# ----------------------------------------------------------------------------- recipients and signer


def test_missing_recipients(tmp_path: Path) -> None:
    [f] = check_text("KC507", recipients="")
    assert f.kind == "format.missing_recipients" and f.evidence.startswith("Trên đây là kế hoạch")
    [g] = check_text("KC507", recipients="Nơi nhận:\n- Phòng VH-XH (để b/c);\n\n")
    assert "Lưu: VT" in g.message.vi
    [h] = check_text("KC507", recipients="Nơi nhận:\n- Lưu: VT.\n\n")
    assert "không ghi nơi nhận" in h.message.vi
    assert check_text("KC507") == []
    assert check_docx(tmp_path, "KC507", recipients=[])
    assert check_docx(tmp_path, "KC507") == []


def test_recipients_form(tmp_path: Path) -> None:
    findings = check_text("KC508", recipients="Nơi nhận :\n- Phòng VH-XH (để b/c);\n- Lưu VT.\n\n")
    assert [f.evidence for f in findings] == ["Nơi nhận :", "- Lưu VT."]
    assert all(f.severity == Severity.WARNING for f in findings)
    [late] = check_text("KC508", recipients="Nơi nhận:\n- Lưu: VT.\n- Phòng VH-XH (để b/c);\n\n")
    assert late.severity == Severity.INFO
    assert check_text("KC508") == []
    docx_findings = check_docx(tmp_path, "KC508", recipients=["Nơi nhận :", "- Phòng VH-XH;", "- Lưu VT."])
    assert [f.evidence for f in docx_findings] == ["Nơi nhận :", "- Lưu VT."]
    assert check_docx(tmp_path, "KC508") == []


def test_missing_signer(tmp_path: Path) -> None:
    [f] = check_text("KC509", signer="")
    assert f.evidence == "Nơi nhận:"
    [g] = check_text("KC509", signer="HIỆU TRƯỞNG\n")
    assert g.evidence == "HIỆU TRƯỞNG" and "họ tên" in g.message.vi
    [h] = check_text("KC509", signer="KT. HIỆU TRƯỞNG\n\nĐặng Thu Hà\n")
    assert "PHÓ HIỆU TRƯỞNG" in h.message.vi
    [t] = check_text("KC509", signer="HIỆU TRƯỞNG\n\nThS. Đặng Thu Hà\n")
    assert t.kind == "format.signer" and t.evidence == "ThS."
    assert check_text("KC509", signer="KT. HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG\n\n(Đã ký)\n\nĐặng Thu Hà\n") == []
    assert check_docx(tmp_path, "KC509", signer=[])
    assert check_docx(tmp_path, "KC509", signer=["HIỆU TRƯỞNG"])
    assert check_docx(tmp_path, "KC509") == []


@pytest.mark.parametrize("signer", [
    ["TM. HỘI ĐỒNG TỰ ĐÁNH GIÁ", "CHỦ TỊCH", "Đặng Thu Hà"],  # a plan the council issues
    ["TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN", "Đặng Thu Hà"],
    ["TL. HIỆU TRƯỞNG", "TỔ TRƯỞNG CHUYÊN MÔN", "Đặng Thu Hà"],
    ["Q. HIỆU TRƯỞNG", "Đặng Thu Hà"],
])
def test_signature_blocks_of_any_authority(tmp_path: Path, signer: list[str]) -> None:
    # Decree 30's box 7: an authority marker before any body in capitals, then the signer's own position.
    text = "\n\n".join(signer) + "\n"
    assert check_text("KC509", signer=text) == [] and check_docx(tmp_path, "KC509", signer=signer) == []
    [f] = check_text("KC509", signer="\n\n".join(signer[:-1]) + "\n")
    assert "họ tên" in f.message.vi and f.evidence == signer[0]
    plan = plan_from_text(text_plan(signer=text))
    assert [t.text for t in plan.signer_titles] == signer[:-1] and plan.signer_name.text == signer[-1]


# ----------------------------------------------------------------------------- header


def test_motto_wording(tmp_path: Path) -> None:
    head = ("UBND XÃ HÒA LẠC\tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "TRƯỜNG MẦM NON HÒA LẠC\tĐộc lập – Tự do – Hạnh phúc\n\n")
    findings = check_text("KC510", body_head=head)
    assert [f.evidence for f in findings] == ["CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc"]
    assert all(f.severity == Severity.WARNING for f in findings)
    assert check_text("KC510") == []
    right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC"]
    [g] = check_docx(tmp_path, "KC510", right=right)
    assert g.evidence == "ĐỘC LẬP - TỰ DO - HẠNH PHÚC" and g.location.table == 0
    assert check_docx(tmp_path, "KC510") == []


def test_header_absences_are_notes(tmp_path: Path) -> None:
    findings = check_text("KC510", body_head="UBND XÃ HÒA LẠC\n\n")
    assert {f.severity for f in findings} == {Severity.INFO}
    assert any("tên trường" in f.message.vi for f in findings) and any("Quốc hiệu" in f.message.vi for f in findings)
    assert {f.severity for f in check_docx(tmp_path, "KC510", right=[])} == {Severity.INFO}


def test_motto_in_a_text_box_counts(tmp_path: Path) -> None:
    path = docx_plan(tmp_path, right=[])
    document = docx.Document(str(path))
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    v = 'xmlns:v="urn:schemas-microsoft-com:vml"'
    box = parse_xml(
        f'<w:r {w} {v}><w:pict><v:shape><v:textbox><w:txbxContent>'
        '<w:p><w:r><w:t>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</w:t></w:r></w:p>'
        '<w:p><w:r><w:t>Độc lập - Tự do - Hạnh phúc</w:t></w:r></w:p>'
        '</w:txbxContent></v:textbox></v:shape></w:pict></w:r>'
    )
    document.paragraphs[0]._p.append(box)
    document.save(str(path))
    plan = plan_from_file(path)
    assert [s.loc.origin for s in plan.header.motto] == ["textbox", "textbox"]
    # Found, so not reported missing; the box's plain (not bold) runs are still a form note.
    assert [f.evidence for f in found(plan, "KC510")] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]


def test_word_styles_of_header_components(tmp_path: Path) -> None:
    path = docx_plan(tmp_path)
    document = docx.Document(str(path))
    title = next(p for p in document.paragraphs if p.text == "KẾ HOẠCH")
    title.runs[0].bold = False
    title.runs[0].font.size = Pt(11)
    document.save(str(path))
    [f] = found(plan_from_file(path), "KC510")
    assert f.evidence == "KẾ HOẠCH" and f.severity == Severity.INFO and "in đậm" in f.message.vi


# ----------------------------------------------------------------------------- page and fonts


def _reformat(path: Path, *, size: tuple[float, float] | None = None, left: float | None = None,
              font: str | None = None, points: float | None = None, landscape_section: bool = False) -> Path:
    document = docx.Document(str(path))
    section = document.sections[0]
    if size:
        section.page_width, section.page_height = Mm(size[0]), Mm(size[1])
    if left is not None:
        section.left_margin = Mm(left)
    normal = document.styles["Normal"]
    if font:
        normal.font.name = font
    if points:
        normal.font.size = Pt(points)
    if landscape_section:
        from docx.enum.section import WD_ORIENT, WD_SECTION

        wide = document.add_section(WD_SECTION.NEW_PAGE)
        wide.orientation = WD_ORIENT.LANDSCAPE
        wide.page_width, wide.page_height = Mm(297), Mm(210)
        wide.left_margin = wide.right_margin = Mm(15)
    document.save(str(path))
    return path


def test_page_setup_in_word(tmp_path: Path) -> None:
    [f] = found(plan_from_file(_reformat(docx_plan(tmp_path, "letter.docx"), size=(215.9, 279.4))), "KC511")
    assert f.severity == Severity.ERROR and "A4" in f.message.vi
    [g] = found(plan_from_file(_reformat(docx_plan(tmp_path, "margin.docx"), left=20)), "KC511")
    assert g.severity == Severity.WARNING and "lề trái 20 mm" in g.message.vi
    assert found(plan_from_file(docx_plan(tmp_path, "ok.docx")), "KC511") == []
    # A landscape section for a wide table keeps its own margins.
    wide = _reformat(docx_plan(tmp_path, "wide.docx"), landscape_section=True)
    assert found(plan_from_file(wide), "KC511") == []


def test_page_setup_from_markdown_metadata() -> None:
    [f] = found(plan_from_text("---\npapersize: a4\ngeometry: margin=25mm\n---\n\n" + text_plan()), "KC511")
    assert f.evidence == "geometry: margin=25mm" and f.severity == Severity.WARNING
    assert found(plan_from_text(text_plan()), "KC511") == []  # plain text: nothing to see


def test_body_font_in_word(tmp_path: Path) -> None:
    [f] = found(plan_from_file(_reformat(docx_plan(tmp_path, "arial.docx"), font="Arial")), "KC512")
    assert f.severity == Severity.ERROR and "Arial" in f.message.vi
    assert f.evidence == "I. CĂN CỨ"  # the first body paragraph set in that font
    [g] = found(plan_from_file(_reformat(docx_plan(tmp_path, "small.docx"), points=12)), "KC512")
    assert g.severity == Severity.WARNING and "12" in g.message.vi
    assert found(plan_from_file(_reformat(docx_plan(tmp_path, "thirteen.docx"), points=13)), "KC512") == []


def test_body_font_from_markdown_metadata() -> None:
    [f] = found(plan_from_text("---\nmainfont: Calibri\n---\n\n" + text_plan()), "KC512")
    assert f.evidence == "mainfont: Calibri"
    assert found(plan_from_text("---\nmainfont: Times New Roman\nfontsize: 14pt\n---\n\n" + text_plan()), "KC512") == []


def test_a_date_line_without_its_place_is_reported() -> None:
    plan = plan_from_text("TRƯỜNG THCS AN LẠC\n\nSố: 12/KH-THCSAL\n\nngày 05 tháng 9 năm 2024\n\nKẾ HOẠCH\n"
                          "Cải tiến chất lượng giáo dục năm học 2024-2025\n")
    [finding] = found(plan, "KC504")
    assert finding.kind == "format.place_date" and "place" in finding.message.en
    assert found(plan, "KC503") == []

