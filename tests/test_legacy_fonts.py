"""Legacy fonts (KC607): TCVN3/VNI text known by its font as well as by its characters, and its conversion."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import docx as python_docx
from helpers import plan_from_file, plan_from_text
from word_xml import docx as word_package
from word_xml import p, run, tbl, tc, tr

from kclint.engine import Context, registry
from kclint.fix import fix_file
from kclint.report.json import finding_dict
from kclint.vietnamese import check_text
from kclint.vietnamese.legacy import converted, font_encoding

TODAY = dt.date(2026, 11, 24)
VNTIME = '<w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/>'
VNTIMEH = '<w:rFonts w:ascii=".VnTimeH" w:hAnsi=".VnTimeH"/>'
VNI = '<w:rFonts w:ascii="VNI-Times" w:hAnsi="VNI-Times"/>'
TIMES = '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/>'
# Written for these tests: a school's sentence typed in each encoding.
TCVN3_LINE = "Nhµ tr\u00adêng tãm t¾t kÕt qu¶ tù ®¸nh gi¸ cña n¨m häc."
TCVN3_READS = "Nhà trường tóm tắt kết quả tự đánh giá của năm học."
VNI_WEAK = "Giaùo vieân caùc lôùp"  # every character is a Vietnamese letter: only the font tells


def test_font_names_name_their_encoding() -> None:
    assert font_encoding(".VnTime") == "TCVN3" and font_encoding(".VnArial") == "TCVN3"
    assert font_encoding(".VnTimeH") == "TCVN3H" and font_encoding(".VnArialH") == "TCVN3H"
    assert font_encoding("VNI-Times") == "VNI" and font_encoding("VNI-Helve") == "VNI"
    assert font_encoding("Times New Roman") is None and font_encoding(None) is None


def test_the_font_decides_words_the_characters_leave_open() -> None:
    # Without the font these are only invalid syllables, not a legacy encoding.
    assert {i.kind for i in check_text(VNI_WEAK)} == {"text.invalid_syllable"}
    (issue,) = check_text(VNI_WEAK, "VNI")
    assert issue.suggestion == "Giáo viên các lớp"
    # 'tãm' is a valid Unicode syllable; in a .VnTime paragraph it is TCVN3 'tóm'.
    assert converted(TCVN3_LINE, "TCVN3", "TCVN3") == TCVN3_READS
    assert converted(TCVN3_LINE, "TCVN3") == TCVN3_READS  # every word reads as TCVN3: all are
    pasted = "Trường tổ chức " + TCVN3_LINE  # Unicode words beside a pasted legacy run stay as they are
    assert converted(pasted, "TCVN3") == "Trường tổ chức " + TCVN3_READS.replace("tóm", "tãm").replace("tự", "tù")
    assert converted("Tr\u00adêng mÇm non", "TCVN3", "TCVN3H") == "TRƯỜNG MẦM NON"


def test_unicode_typed_in_a_legacy_font_is_not_converted() -> None:
    assert not check_text("Trường mầm non tổ chức hoạt động trải nghiệm.", "TCVN3")
    assert not check_text("Trường mầm non tổ chức hoạt động trải nghiệm.", "VNI")


def _plan_docx(tmp_path: Path) -> Path:
    body = (
        p(run("Céng hoµ x· héi chñ nghÜa viÖt nam", VNTIMEH))  # header line, capitals font
        + p(run("KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC", TIMES))
        + p(run(TCVN3_LINE, VNTIME))
        + p(run(VNI_WEAK, VNI), run(" ñöôïc phaân coâng.", VNI))  # two runs, one conversion
        + p(run("Trường mầm non tổ chức hoạt động trải nghiệm cho trẻ.", TIMES))
        + tbl(tr(tc(p(run("TT", TIMES))), tc(p(run("Tæ chøc häp Héi ®ång tù ®¸nh gi¸", VNTIME)))))
    )
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(word_package(body))
    return path


def test_docx_paragraph_cell_and_header_line_are_reported_and_converted(tmp_path: Path) -> None:
    path = _plan_docx(tmp_path)
    plan = plan_from_file(path)
    rule = registry()["KC607"]()
    found = list(rule.check(plan, Context(plan=plan, today=TODAY)))
    where = {(f.location.table, f.evidence[:6]) for f in found}
    assert where == {(None, "Céng h"), (None, "Nhµ tr"), (None, "Giaùo "), (0, "Tæ chø")}
    header = next(f for f in found if f.evidence.startswith("Céng"))
    assert header.edit and header.edit.replacement == "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert "chữ in hoa" in header.message.vi
    out, changes = fix_file(str(path), str(tmp_path / "out.docx"))
    assert all(c.applied for c in changes)
    fixed = python_docx.Document(out)
    texts = [x.text for x in fixed.paragraphs]
    assert TCVN3_READS in texts and "Giáo viên các lớp được phân công." in texts
    assert "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts
    assert "Tổ chức họp Hội đồng tự đánh giá" in [s.text for s in plan_from_file(Path(out)).texts]
    converted_runs = [r for x in fixed.paragraphs if x.text in (TCVN3_READS,) for r in x.runs]
    assert converted_runs and all(r.font.name == "Times New Roman" for r in converted_runs)


def test_capped_findings_still_fix_every_paragraph(tmp_path: Path) -> None:
    lines = [f"Tr\u00adêng sè {n} tæ chøc häp." for n in range(14)]
    path = tmp_path / "p.txt"
    path.write_text("KẾ HOẠCH\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    plan = plan_from_text(path.read_text(encoding="utf-8"), str(path))
    found = list(registry()["KC607"]().check(plan, Context(plan=plan, today=TODAY)))
    assert len(found) == 11 and len(found[-1].edits) == 4
    record = finding_dict(found[-1], "vi")
    rest = [s for s in plan.texts if s.text.startswith("Tr")][10:]
    assert [e["location"]["line"] for e in record["edits"]] == [s.loc.line for s in rest]
    assert "edits" not in finding_dict(found[0], "vi") and "location" not in json.dumps(record["edit"])
    out, _ = fix_file(str(path), str(tmp_path / "out.txt"))
    text = Path(out).read_text(encoding="utf-8")
    assert all(f"Trường số {n} tổ chức họp." in text for n in range(14))
