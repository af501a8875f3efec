"""Real Word files: what Word shows, read exactly once (issue 16).

Each construct is written at the XML level (:mod:`word_xml`), patterned on what Word, LibreOffice
and WPS write, and placed in the body, in a table cell and, where Word allows it, in a page header.
Each test checks the exact text read; the plan-level tests check that the findings are those of
the same plan written plainly (as Word shows it): nothing lost, nothing invented.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from helpers import run
from word_xml import WHERE, docx, in_cell, lines, p, placed, tbl, tc, tr
from word_xml import run as r

from kclint.document import Paragraph, Table
from kclint.model import Finding
from kclint.parse import build_plan
from kclint.readers import read_bytes

DEL = '<w:rPr><w:del w:id="90" w:author="B" w:date="2025-10-01T08:00:00Z"/></w:rPr>'


def read(data: bytes):
    return read_bytes(data, "plan.docx")


def ins(text: str) -> str:
    return f'<w:ins w:id="1" w:author="A"><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:ins>'


def dele(text: str) -> str:
    return f'<w:del w:id="2" w:author="A"><w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>'


# --- a whole plan, to compare findings ---------------------------------------------------------------------

_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")
_NIL = "<w:tblPr><w:tblBorders>" + "".join(f'<w:{s} w:val="nil"/>' for s in _SIDES) + "</w:tblBorders></w:tblPr>"
_B = "<w:b/>"


def _lines(*texts: str, bold: bool = False) -> str:
    return "".join(p(r(t, _B if bold else ""), ppr='<w:jc w:val="center"/>') for t in texts)


def plan(middle: str, number: str = "") -> str:
    """A small kindergarten plan laid out as schools do, with ``middle`` as its content.

    ``number``: the paragraph of the plan's number and symbol, when not the plain one.
    """
    header = (f"<w:tbl>{_NIL}" + tr(tc(_lines("UBND XÃ AN PHÚ") + _lines("TRƯỜNG MẦM NON HOA SEN", bold=True)),
                                    tc(_lines("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True)
                                       + _lines("Độc lập - Tự do - Hạnh phúc", bold=True)))
              + tr(tc(number or _lines("Số: 45/KH-MNHS")), tc(_lines("An Phú, ngày 06 tháng 10 năm 2025")))
              + "</w:tbl>")
    title = _lines("KẾ HOẠCH", bold=True) + _lines("Cải tiến chất lượng giáo dục năm học 2025-2026", bold=True)
    closing = p("Trên đây là kế hoạch cải tiến chất lượng giáo dục năm học 2025-2026 của trường./.")
    foot = (f"<w:tbl>{_NIL}" + tr(tc(p(r("Nơi nhận:", _B)) + p("- Phòng VH-XH (để b/c);") + p("- Lưu: VT.")),
                                  tc(_lines("HIỆU TRƯỞNG", bold=True) + _lines("Nguyễn Thị Lan", bold=True)))
            + "</w:tbl>")
    return header + title + middle + closing + foot


STYLES = ('<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/>'
          '<w:sz w:val="28"/></w:rPr></w:rPrDefault></w:docDefaults>')


def findings(data: bytes) -> list[Finding]:
    return run(build_plan(read(data)))


def same_findings(construct: bytes, plain: bytes) -> list[Finding]:
    """The findings of ``construct``, checked equal to those of ``plain`` (code, evidence, section)."""
    got = findings(construct)
    want = findings(plain)
    key = [(f.code, f.evidence, f.location.section, f.location.criterion) for f in got]
    assert sorted(key) == sorted((f.code, f.evidence, f.location.section, f.location.criterion) for f in want)
    return got


# --- 1. tracked changes ------------------------------------------------------------------------------------

@pytest.mark.parametrize("where", WHERE)
def test_insertions_are_read_and_deletions_are_not(where: str) -> None:
    blocks = p("Thời gian: ", ins("tháng 9/2025"), dele("tháng 8/2025"), " đến tháng 5/2026.")
    assert lines(read(placed(where, blocks)), where) == ["Thời gian: tháng 9/2025 đến tháng 5/2026."]


@pytest.mark.parametrize("where", WHERE)
def test_a_deleted_paragraph_mark_joins_the_paragraph_with_the_next(where: str) -> None:
    blocks = p("Hoàn thành trước ngày 31", ppr=DEL) + p("/02/2026.") + p("Đoạn sau.")
    assert lines(read(placed(where, blocks)), where) == ["Hoàn thành trước ngày 31/02/2026.", "Đoạn sau."]


@pytest.mark.parametrize("where", WHERE)
def test_a_deleted_paragraph_disappears_and_the_next_keeps_its_numbering(where: str) -> None:
    numbered = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    blocks = (p(dele("Đoạn đã xóa."), ppr=DEL) + p("Mục một", ppr=numbered) + p("Mục hai", ppr=numbered))
    assert lines(read(placed(where, blocks, numbering=NUMBERING)), where) == ["I. Mục một", "II. Mục hai"]


@pytest.mark.parametrize("where", WHERE)
def test_moved_text_is_read_where_it_went(where: str) -> None:
    move_from = ('<w:moveFrom w:id="5" w:author="A"><w:r><w:t xml:space="preserve">Mục tiêu A. </w:t></w:r>'
                 '</w:moveFrom>')
    move_to = '<w:moveTo w:id="6" w:author="A"><w:r><w:t>Mục tiêu A.</w:t></w:r></w:moveTo>'
    blocks = p(move_from, "Mục tiêu B.") + p("Mục tiêu C. ", move_to)
    assert lines(read(placed(where, blocks)), where) == ["Mục tiêu B.", "Mục tiêu C. Mục tiêu A."]


@pytest.mark.parametrize("where", ("body", "header"))
def test_deleted_rows_and_cells_are_not_read(where: str) -> None:
    table = tbl(tr(tc(p("TT")), tc(p("Nội dung")), tc(p("Thời gian"))),
                tr(tc(p("1")), tc(p("Hàng đã xóa")), tc(p("31/02/2026")), trpr='<w:del w:id="7" w:author="A"/>'),
                tr(tc(p("1")), tc(p("Ô đã xóa"), tcpr='<w:cellDel w:id="8" w:author="A"/>'), tc(p("Rà soát")),
                   tc(p("Tháng 9"))),
                tr(tc(p("2")), tc(p("Hàng mới")), tc(p("Tháng 10")), trpr='<w:ins w:id="9" w:author="A"/>'))
    doc = read(placed(where, table) if where == "body" else docx(p("Thân"), headers=(table,)))
    (got,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert [[(c.text, c.column) for c in row.cells] for row in got.rows] == [
        [("TT", 0), ("Nội dung", 1), ("Thời gian", 2)],
        [("1", 0), ("Rà soát", 1), ("Tháng 9", 2)],
        [("2", 0), ("Hàng mới", 1), ("Tháng 10", 2)]]


def test_tracked_changes_keep_the_findings_of_the_accepted_text() -> None:
    middle = (p("I. NỘI DUNG") + p("Hoàn thành trước ngày 31", ppr=DEL) + p("/02/2026.")
              + p("Rà soát ", dele("trước ngày 30/02/2026 "), ins("hồ sơ"), "."))
    plain = p("I. NỘI DUNG") + p("Hoàn thành trước ngày 31/02/2026.") + p("Rà soát hồ sơ.")
    got = same_findings(docx(plan(middle), styles=STYLES), docx(plan(plain), styles=STYLES))
    assert [f.evidence for f in got if f.code == "KC105"] == ["ngày 31/02/2026"]  # joined, found; deleted, not


# --- 2. automatic numbering --------------------------------------------------------------------------------

def _lvl(i: int, fmt: str, text: str, extra: str = "", start: int = 1) -> str:
    return (f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


NUMBERING = (
    '<w:abstractNum w:abstractNumId="1">' + _lvl(0, "upperRoman", "%1.") + _lvl(1, "decimal", "%2.")
    + _lvl(2, "lowerLetter", "%3)") + "</w:abstractNum>"
    + '<w:abstractNum w:abstractNumId="2">' + _lvl(0, "upperRoman", "%1.") + _lvl(1, "decimal", "%1.%2.", "<w:isLgl/>")
    + _lvl(2, "lowerRoman", "(%3)", '<w:lvlRestart w:val="0"/>', start=3) + "</w:abstractNum>"
    + '<w:abstractNum w:abstractNumId="3">'
    + _lvl(0, "bullet", "\uf0b7", '<w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr>')
    + _lvl(1, "bullet", "-") + _lvl(2, "upperLetter", "%3.", '<w:suff w:val="nothing"/>')
    + _lvl(3, "bullet", "\uf0a7", '<w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/></w:rPr>')
    + "</w:abstractNum>"
    + '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    + '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>'
    + '<w:num w:numId="3"><w:abstractNumId w:val="3"/></w:num>'
    + '<w:num w:numId="4"><w:abstractNumId w:val="1"/>'
      '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
    + '<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>'
)
NUMBERED_STYLES = ('<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
                   '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
                   '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>'
                   '<w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>')


def np(num: int, ilvl: int, text: str) -> str:
    return p(text, ppr=f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>')


def styled(style: str, text: str, extra: str = "") -> str:
    return p(text, ppr=f'<w:pStyle w:val="{style}"/>{extra}')


SEQUENCE = [
    (np(1, 0, "MỤC ĐÍCH"), "I. MỤC ĐÍCH"),
    (np(1, 1, "Rà soát"), "1. Rà soát"),
    (np(1, 1, "Bồi dưỡng"), "2. Bồi dưỡng"),
    (p("Đoạn không đánh số"), "Đoạn không đánh số"),
    (np(1, 2, "Việc nhỏ"), "a) Việc nhỏ"),
    (np(1, 2, "Việc khác"), "b) Việc khác"),
    (np(1, 0, "NỘI DUNG"), "II. NỘI DUNG"),  # level 0 goes on; levels below restart
    (np(1, 1, "Tiêu chí"), "1. Tiêu chí"),
    (np(5, 1, "Cùng danh sách"), "2. Cùng danh sách"),  # another instance of the same list continues it
    (np(4, 1, "Bắt đầu lại"), "5. Bắt đầu lại"),  # an instance with a start override restarts there
    (np(4, 1, "Tiếp theo"), "6. Tiếp theo"),
    (np(2, 0, "PHẦN"), "I. PHẦN"),
    (np(2, 1, "Mục"), "1.1. Mục"),  # isLgl: the Roman parent in Arabic
    (np(2, 2, "Ý"), "(iii) Ý"),  # start 3, lower Roman
    (np(2, 1, "Mục"), "1.2. Mục"),
    (np(2, 2, "Ý"), "(iv) Ý"),  # lvlRestart 0: never restarts
    (np(2, 0, "PHẦN"), "II. PHẦN"),
    (np(2, 1, "Mục"), "2.1. Mục"),
    (np(3, 0, "Gạch đầu dòng"), "• Gạch đầu dòng"),  # a Symbol-font bullet
    (np(3, 1, "Gạch ngang"), "- Gạch ngang"),
    (np(3, 2, "Chữ hoa"), "A.Chữ hoa"),  # no suffix after the label
    (np(3, 3, "Ô vuông"), "▪ Ô vuông"),  # a Wingdings bullet
    (styled("Heading1", "TỔ CHỨC THỰC HIỆN"), "III. TỔ CHỨC THỰC HIỆN"),  # numbered through its style
    (styled("Heading2", "Phân công"), "1. Phân công"),  # style chain: level from Heading2, list from Heading1
    (styled("Heading1", "Không số", '<w:numPr><w:numId w:val="0"/></w:numPr>'), "Không số"),  # numId 0 removes it
]


@pytest.mark.parametrize("where", WHERE)
def test_numbering_labels_are_computed_as_word_shows_them(where: str) -> None:
    blocks = "".join(x for x, _ in SEQUENCE)
    doc = read(placed(where, blocks, numbering=NUMBERING, styles=NUMBERED_STYLES))
    assert lines(doc, where) == [want for _, want in SEQUENCE]
    if where != "cell":
        origin = "body" if where == "body" else "header"
        labels = [b.label for b in doc.blocks if isinstance(b, Paragraph) and b.origin == origin]
        assert labels[:4] == ["I.", "1.", "2.", None] and labels[-1] is None


def test_numbered_headings_build_the_section_tree_and_locate_findings() -> None:
    h1 = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    middle = (p("MỤC ĐÍCH, YÊU CẦU", ppr=h1) + p("Khắc phục hạn chế.") + p("NỘI DUNG", ppr=h1)
              + p("Hoàn thành trước ngày 31/02/2026.") + p("TỔ CHỨC THỰC HIỆN", ppr=h1) + p("Các tổ thực hiện."))
    plain = (p("I. MỤC ĐÍCH, YÊU CẦU") + p("Khắc phục hạn chế.") + p("II. NỘI DUNG")
             + p("Hoàn thành trước ngày 31/02/2026.") + p("III. TỔ CHỨC THỰC HIỆN") + p("Các tổ thực hiện."))
    data = docx(plan(middle), numbering=NUMBERING, styles=STYLES)
    got = same_findings(data, docx(plan(plain), styles=STYLES))
    assert [(f.evidence, f.location.section) for f in got if f.code == "KC105"] == [("ngày 31/02/2026", "II")]
    assert [s.label for s in build_plan(read(data)).sections][:3] == ["I", "II", "III"]


# --- 3-4. content controls, custom XML and smart tags at every level -----------------------------------------

def sdt(content: str) -> str:
    return f'<w:sdt><w:sdtPr><w:alias w:val="Ô nhập"/></w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>'


def custom(content: str) -> str:
    return (f'<w:customXml w:uri="urn:truong" w:element="muc"><w:customXmlPr/>{content}</w:customXml>')


def smart(content: str) -> str:
    return f'<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="date">{content}</w:smartTag>'


WRAPPERS = {"sdt": sdt, "customXml": custom}


@pytest.mark.parametrize("wrap", WRAPPERS)
@pytest.mark.parametrize("where", WHERE)
def test_wrapped_blocks_and_runs_are_read_once_in_place(where: str, wrap: str) -> None:
    w = WRAPPERS[wrap]
    inline = smart(r("ngày 06/10/2025")) if wrap == "customXml" else w(r("ngày 06/10/2025"))
    blocks = (p("Trước") + w(p("Trong khối") + w(p("Lồng hai lớp"))) + p("Ban hành ", w(inline), " tại trường")
              + p("Sau"))
    assert lines(read(placed(where, blocks)), where) == [
        "Trước", "Trong khối", "Lồng hai lớp", "Ban hành ngày 06/10/2025 tại trường", "Sau"]


@pytest.mark.parametrize("wrap", WRAPPERS)
@pytest.mark.parametrize("where", ("body", "header", "cell"))
def test_wrapped_tables_rows_and_cells_keep_their_columns(where: str, wrap: str) -> None:
    w = WRAPPERS[wrap]
    table = w(tbl(tr(tc(p("TT")), tc(p("Nội dung")), tc(p("Thời gian"))),
                  w(tr(tc(p("1")), w(tc(p("Rà soát hồ sơ"))), tc(p("Tháng 9/2025")))),
                  tr(w(tc(p("2"))), tc(p("Bồi dưỡng")), w(tc(p("Tháng 10/2025"))))))
    if where == "cell":  # a wrapped table nested in a cell: its text in the cell, in order
        assert lines(read(docx(in_cell(table))), "cell") == [
            "TT", "Nội dung", "Thời gian", "1", "Rà soát hồ sơ", "Tháng 9/2025", "2", "Bồi dưỡng", "Tháng 10/2025"]
        return
    doc = read(docx(table) if where == "body" else docx(p("Thân"), headers=(table,)))
    (got,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert [[(c.text, c.column) for c in row.cells] for row in got.rows] == [
        [("TT", 0), ("Nội dung", 1), ("Thời gian", 2)],
        [("1", 0), ("Rà soát hồ sơ", 1), ("Tháng 9/2025", 2)],
        [("2", 0), ("Bồi dưỡng", 1), ("Tháng 10/2025", 2)]]


ITEMS_HEAD = ["TT", "Tiêu chí", "Mục tiêu", "Nội dung, biện pháp", "Người thực hiện", "Thời gian",
              "Kinh phí", "Điều kiện", "Ghi chú"]
ITEMS = [["1", "Tiêu chí 1.1", "Duy trì Mức 3", "Rà soát kế hoạch chiến lược", "Hiệu trưởng",
          "Tháng 9/2025 - 31/02/2026", "", "", ""],
         ["2", "Tiêu chí 1.4", "Đạt Mức 3", "Kiện toàn tổ chuyên môn", "Phó hiệu trưởng", "Tháng 10/2025",
          "", "", ""]]


@pytest.mark.parametrize("wrap", WRAPPERS)
def test_wrapped_rows_and_cells_keep_the_findings_of_the_plain_table(wrap: str) -> None:
    w = WRAPPERS[wrap]

    def table(wrapped: bool) -> str:
        head = tr(*(tc(p(t)) for t in ITEMS_HEAD))
        rows = [tr(*(w(tc(p(t))) if wrapped and i % 2 else tc(p(t)) for i, t in enumerate(row))) for row in ITEMS]
        if wrapped:
            rows = [w(x) for x in rows]
        return w(tbl(head, *rows)) if wrapped else tbl(head, *rows)

    middle = p("I. NỘI DUNG CẢI TIẾN")
    got = same_findings(docx(plan(middle + table(True)), styles=STYLES),
                        docx(plan(middle + table(False)), styles=STYLES))
    assert any(f.code == "KC105" and "31/02/2026" in f.evidence for f in got)
    assert not any(f.code in ("KC571", "KC570") for f in got)  # no column shift, no missing field invented


# --- 5. text boxes -----------------------------------------------------------------------------------------

def textbox(*paragraphs: str) -> str:
    """A text box as Word 2010+ writes it: DrawingML in mc:Choice, the same box as VML in mc:Fallback."""
    inner = "".join(paragraphs)
    return ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic>'
            '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
            f"<wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>"
            '</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>'
            f"<w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
            "</mc:AlternateContent></w:r>")


@pytest.mark.parametrize("where", WHERE)
def test_text_boxes_are_read_once_after_their_story(where: str) -> None:
    box = textbox(p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), p("Độc lập - Tự do - Hạnh phúc"))
    doc = read(placed(where, p("Neo ", box, "đây")))
    assert lines(doc, where) == ["Neo đây"]
    boxes = [b for b in doc.blocks if isinstance(b, Paragraph) and b.origin == "textbox"]
    assert [b.text for b in boxes] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    origins = [b.origin for b in doc.blocks]
    story = "header" if where == "header" else "body"
    assert origins.index("textbox") > max(i for i, o in enumerate(origins) if o == story)


# --- 6. nested tables --------------------------------------------------------------------------------------

@pytest.mark.parametrize("where", ("body", "header"))
def test_a_nested_table_is_read_in_its_cell_in_order(where: str) -> None:
    inner = tbl(tr(tc(p("Tiêu chí 1.1")), tc(p("Mức 3"))), tr(tc(p("Tiêu chí 1.2")), tc(p("Mức 2"))))
    outer = tbl(tr(tc(p("Tiêu chuẩn 1"), inner, p("Hết tiêu chuẩn 1")), tc(p("Ghi chú"))),
                tr(tc(p("Tiêu chuẩn 2")), tc(p("x"))))
    doc = read(docx(outer) if where == "body" else docx(p("Thân"), headers=(outer,)))
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]  # the inner table is not a block of its own
    cell = table.rows[0].cells[0]
    assert cell.text.split("\n") == ["Tiêu chuẩn 1", "Tiêu chí 1.1", "Mức 3", "Tiêu chí 1.2", "Mức 2",
                                     "Hết tiêu chuẩn 1"]
    assert [[c.text for c in row.cells] for row in cell.tables[0].rows] == [["Tiêu chí 1.1", "Mức 3"],
                                                                          ["Tiêu chí 1.2", "Mức 2"]]
    assert table.rows[1].cells[0].text == "Tiêu chuẩn 2"


def test_the_table_after_a_nested_one_keeps_its_number() -> None:
    inner = tbl(tr(tc(p("trong"))))
    doc = read(docx(tbl(tr(tc(inner))) + p("giữa") + tbl(tr(tc(p("bảng hai"))))))
    assert [(b.index, b.rows[0].cells[0].text) for b in doc.blocks if isinstance(b, Table)] == [(0, "trong"),
                                                                                               (1, "bảng hai")]


# --- 7. special characters ---------------------------------------------------------------------------------

def sym(font: str, char: str) -> str:
    return f'<w:r><w:sym w:font="{font}" w:char="{char}"/></w:r>'


SPECIAL = [
    (p("Số: 71/KH", "<w:r><w:noBreakHyphen/><w:t>MNTM</w:t></w:r>"), "Số: 71/KH-MNTM"),
    (p("Tổ chức bồi", "<w:r><w:softHyphen/><w:t>dưỡng</w:t></w:r>"), "Tổ chức bồidưỡng"),
    (p("Tỷ lệ ", sym("Symbol", "F0B3"), " 95%"), "Tỷ lệ ≥ 95%"),
    (p(sym("Symbol", "F0B7"), " Rà soát"), "• Rà soát"),
    (p("Tháng 9 ", sym("Times New Roman", "2013"), " tháng 12"), "Tháng 9 – tháng 12"),
    (p(sym("Wingdings", "F0FC"), " Đạt"), "✔ Đạt"),
    (p("Trái", "<w:r><w:ptab w:relativeTo=\"margin\" w:alignment=\"right\" w:leader=\"none\"/><w:t>Phải</w:t></w:r>"),
     "Trái\tPhải"),
    (p("Dòng một", "<w:r><w:cr/><w:t>Dòng hai</w:t></w:r>"), "Dòng một\nDòng hai"),
    (p("Hàng một", "<w:r><w:br/><w:t>Hàng hai</w:t></w:r>"), "Hàng một\nHàng hai"),
]


@pytest.mark.parametrize("where", WHERE)
def test_special_characters_read_as_word_shows_them(where: str) -> None:
    got = lines(read(placed(where, "".join(x for x, _ in SPECIAL))), where)
    want = [w for _, w in SPECIAL]
    if where == "cell":  # a cell's lines: breaks inside a paragraph are line breaks too
        want = "\n".join(want).split("\n")
    assert got == want


def test_a_non_breaking_hyphen_in_the_number_is_no_finding() -> None:
    middle = p("I. NỘI DUNG") + p("Rà soát hồ sơ.")
    word = p("Số: 45/KH", "<w:r><w:noBreakHyphen/><w:t>MNHS</w:t></w:r>", ppr='<w:jc w:val="center"/>')
    same_findings(docx(plan(middle, word), styles=STYLES), docx(plan(middle), styles=STYLES))
    # Read without its hyphen, the number would be a finding:
    glued = p("Số: 45/KHMNHS", ppr='<w:jc w:val="center"/>')
    assert {f.code for f in findings(docx(plan(middle, glued), styles=STYLES))} - {
        f.code for f in findings(docx(plan(middle), styles=STYLES))}


# --- 8. footnotes and endnotes -----------------------------------------------------------------------------

def note(kind: str, n: int, text: str) -> str:
    ref = "footnoteRef" if kind == "footnote" else "endnoteRef"
    return (f'<w:{kind} w:id="{n}"><w:p><w:r><w:{ref}/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:{kind}>')


SEPARATORS = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
              '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
              "</w:p></w:footnote>")


@pytest.mark.parametrize("where", ("body", "cell"))
def test_footnotes_and_endnotes_are_read_with_their_origin_in_reference_order(where: str) -> None:
    refs = p("Căn cứ Thông tư số 19/2018/TT-BGDĐT", '<w:r><w:footnoteReference w:id="2"/></w:r>', " và",
             '<w:r><w:footnoteReference w:id="1"/></w:r>', '<w:r><w:endnoteReference w:id="1"/></w:r>')
    data = placed(where, refs, footnotes=SEPARATORS + note("footnote", 1, "Chú thích một.")
                  + note("footnote", 2, "Chú thích hai.") + note("footnote", 3, "Không được nhắc tới."),
                  endnotes=note("endnote", 1, "Chú thích cuối."))
    doc = read(data)
    assert lines(doc, where) == ["Căn cứ Thông tư số 19/2018/TT-BGDĐT và"]
    notes = [(b.origin, b.index, b.text) for b in doc.blocks if b.origin in ("footnote", "endnote")]
    assert notes == [("footnote", 0, " Chú thích hai."), ("footnote", 1, " Chú thích một."),
                     ("endnote", 0, " Chú thích cuối.")]


def test_a_wrong_date_in_a_footnote_citation_is_found() -> None:
    middle = (p("I. CĂN CỨ") + p("Căn cứ Thông tư hướng dẫn đánh giá", '<w:r><w:footnoteReference w:id="1"/></w:r>',
                                 ".") + p("II. NỘI DUNG") + p("Rà soát hồ sơ."))
    notes = SEPARATORS + note("footnote", 1, "Thông tư số 19/2018/TT-BGDĐT ngày 22/8/2019 của Bộ GDĐT.")
    got = [f for f in findings(docx(plan(middle), styles=STYLES, footnotes=notes)) if f.code == "KC451"]
    assert [(f.location.origin, "22/8/2019" in f.evidence) for f in got] == [("footnote", True)]


# --- 9. hidden text ----------------------------------------------------------------------------------------

HIDDEN_STYLES = ('<w:style w:type="character" w:styleId="Huongdan"><w:name w:val="Hướng dẫn"/>'
                 '<w:rPr><w:vanish/></w:rPr></w:style>'
                 '<w:style w:type="paragraph" w:styleId="Ghichu"><w:name w:val="Ghi chú ẩn"/>'
                 '<w:rPr><w:vanish/></w:rPr></w:style>')


@pytest.mark.parametrize("where", WHERE)
def test_hidden_text_is_not_read(where: str) -> None:
    blocks = (p("Thời gian", r(" (ghi ngày 31/02/2026)", "<w:vanish/>"), ": tháng 9.")
              + p("Người", r(" [điền tên]", '<w:rStyle w:val="Huongdan"/>'), " thực hiện: tổ trưởng.")
              + p("Hướng dẫn: xóa đoạn này trước ngày 30/02/2026.", ppr='<w:pStyle w:val="Ghichu"/>')
              + p("Hiện lại", r(" chữ", '<w:vanish w:val="0"/>'), "."))
    assert lines(read(placed(where, blocks, styles=HIDDEN_STYLES)), where) == [
        "Thời gian: tháng 9.", "Người thực hiện: tổ trưởng.", "Hiện lại chữ."]


def test_hidden_template_instructions_give_no_findings() -> None:
    hidden = (p("I. NỘI DUNG") + p("Rà soát hồ sơ", r(" trước ngày 31/02/2026", "<w:vanish/>"), ".")
              + p("Ghi rõ thời hạn, ví dụ: ngày 30/02/2026.", ppr='<w:pStyle w:val="Ghichu"/>'))
    plain = p("I. NỘI DUNG") + p("Rà soát hồ sơ.")
    got = same_findings(docx(plan(hidden), styles=STYLES + HIDDEN_STYLES), docx(plan(plain), styles=STYLES))
    assert not any(f.code == "KC105" for f in got)


# --- 10. styles as Word resolves them ----------------------------------------------------------------------

# What LibreOffice writes: the Normal style has no w:default flag, the document defaults another font.
LIBREOFFICE_STYLES = (
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Liberation Serif" w:hAnsi="Liberation Serif"/>'
    '<w:sz w:val="24"/></w:rPr></w:rPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr>'
    '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="28"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Tieude"><w:name w:val="Tiêu đề"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="Nhan"><w:name w:val="Nhấn"/><w:rPr><w:b/><w:i/></w:rPr></w:style>')


def test_styles_resolve_defaults_normal_chain_character_style_and_direct_formatting() -> None:
    direct = '<w:rStyle w:val="Nhan"/><w:b w:val="0"/><w:sz w:val="26"/>'
    body = (p("Thân bài") + p("Tiêu đề", ppr='<w:pStyle w:val="Tieude"/>')
            + p(r("Nhấn mạnh", '<w:rStyle w:val="Nhan"/>')) + p(r("Trực tiếp", direct)))
    doc = read(docx(body, styles=LIBREOFFICE_STYLES))
    styles = [(b.style.bold, b.style.italic, b.style.size_pt, b.style.font, b.align) for b in doc.blocks]
    assert styles == [(None, None, 14, "Times New Roman", None), (True, None, 14, "Times New Roman", "center"),
                      (True, True, 14, "Times New Roman", None), (False, True, 13, "Times New Roman", None)]
    assert (doc.default_style.font, doc.default_style.size_pt) == ("Times New Roman", 14)


def test_a_plan_saved_by_libreoffice_gets_no_false_font_or_header_finding() -> None:
    data = docx(plan(p("I. NỘI DUNG") + p("Rà soát hồ sơ.")), styles=LIBREOFFICE_STYLES)
    assert not [f for f in findings(data) if f.code in ("KC512", "KC510")]
    arial = LIBREOFFICE_STYLES.replace('"Times New Roman"', '"Arial"')
    assert [f.code for f in findings(docx(plan(p("I. NỘI DUNG")), styles=arial)) if f.code == "KC512"] == ["KC512"]


# --- 11. other formats -------------------------------------------------------------------------------------

def test_strict_ooxml_is_read_like_transitional() -> None:
    parts = {"numbering": NUMBERING, "styles": NUMBERED_STYLES + HIDDEN_STYLES,
             "footnotes": SEPARATORS + note("footnote", 1, "Chú thích.")}
    body = ("".join(x for x, _ in SEQUENCE) + p("Ẩn", ppr='<w:pStyle w:val="Ghichu"/>')
            + p("Có chú thích", '<w:r><w:footnoteReference w:id="1"/></w:r>') + in_cell(p("Ô")))
    strict = read(docx(body, headers=(p("Đầu trang"),), strict=True, **parts))
    transitional = read(docx(body, headers=(p("Đầu trang"),), **parts))
    with zipfile.ZipFile(io.BytesIO(docx(body, strict=True))) as zf:
        assert b"purl.oclc.org/ooxml/wordprocessingml" in zf.read("word/document.xml")
    assert strict.blocks == transitional.blocks and len(strict.blocks) > len(SEQUENCE)


@pytest.mark.parametrize("flavour", [
    "application/vnd.ms-word.document.macroEnabled.main+xml",  # .docm
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",  # .dotx
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",  # .dotm
])
def test_macro_enabled_documents_and_templates_are_read(flavour: str) -> None:
    data = docx(p("Kế hoạch"), main_type=flavour, extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro"})
    assert [b.text for b in read(data).blocks] == ["Kế hoạch"]


# --- comments ----------------------------------------------------------------------------------------------

def comment(cid: int, text: str, author: str = "Phó hiệu trưởng") -> str:
    return (f'<w:comment w:id="{cid}" w:author="{author}" w:initials="PHT" w:date="2025-10-02T09:00:00Z">'
            f'<w:p><w:r><w:annotationRef/></w:r><w:r><w:t>{text}</w:t></w:r></w:p></w:comment>')


def start(cid: int) -> str:
    return f'<w:commentRangeStart w:id="{cid}"/>'


def end(cid: int) -> str:
    return f'<w:commentRangeEnd w:id="{cid}"/><w:r><w:commentReference w:id="{cid}"/></w:r>'


def test_comments_are_read_with_author_text_and_the_range_they_cover() -> None:
    numbered = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    body = (p("Rà soát ", start(0), "hồ sơ", end(0), " trước tháng 9.")
            + p(start(1), "Từ đây", ppr=numbered) + p("đến đây", end(1))
            + in_cell(p("Trong ", start(2), "ô", end(2)))
            + p("Chỉ một điểm", '<w:r><w:commentReference w:id="3"/></w:r>')
            + p(dele("xóa"), '<w:del w:id="9" w:author="A"><w:r><w:commentReference w:id="4"/></w:r></w:del>'))
    comments = (comment(0, "kclint: bỏ qua KC107") + comment(1, "Hai đoạn") + comment(2, "Trong bảng")
                + comment(3, "Điểm") + comment(4, "Trên chữ đã xóa", author="B"))
    doc = read(docx(body, comments=comments, numbering=NUMBERING))
    by_id = {c.id: c for c in doc.comments}
    assert [(c.id, c.author, c.text) for c in doc.comments] == [
        ("0", "Phó hiệu trưởng", "kclint: bỏ qua KC107"), ("1", "Phó hiệu trưởng", "Hai đoạn"),
        ("2", "Phó hiệu trưởng", "Trong bảng"), ("3", "Phó hiệu trưởng", "Điểm"), ("4", "B", "Trên chữ đã xóa")]
    first = doc.blocks[0].text
    c0 = by_id["0"]
    assert first[c0.start.offset:c0.end.offset] == "hồ sơ" and c0.start.block == c0.end.block == 0
    assert c0.date == "2025-10-02T09:00:00Z" and c0.initials == "PHT"
    c1 = by_id["1"]
    assert (c1.start.block, c1.start.offset, c1.end.block) == (1, len("I. "), 2)  # after the numbering label
    assert doc.blocks[2].text[:c1.end.offset] == "đến đây"
    c2 = by_id["2"]
    cell = doc.blocks[3].rows[0].cells[1]
    assert (c2.start.block, c2.start.row, c2.start.column) == (3, 0, 1)
    assert cell.text[c2.start.offset:c2.end.offset] == "ô"
    c3 = by_id["3"]
    assert c3.start == c3.end and c3.start.offset == len("Chỉ một điểm")
    assert by_id["4"].start is None  # its mark is in deleted text: nothing it covers is read


def test_comments_are_not_plan_text() -> None:
    body = p("Rà soát ", start(0), "hồ sơ", end(0), ".")
    doc = read(docx(body, comments=comment(0, "Sai ngày 31/02/2026")))
    assert [b.text for b in doc.blocks] == ["Rà soát hồ sơ."]
    assert not [f for f in run(build_plan(doc)) if f.code == "KC105"]


def test_style_tables_are_shared_only_between_identical_styles() -> None:
    """Plans of one template share the resolved style table; any other styles part gets its own."""
    arial = LIBREOFFICE_STYLES.replace('"Times New Roman"', '"Arial"')
    fonts = [read(docx(p("Thân bài"), styles=s)).blocks[0].style.font
             for s in (LIBREOFFICE_STYLES, arial, LIBREOFFICE_STYLES, arial)]
    assert fonts == ["Times New Roman", "Arial", "Times New Roman", "Arial"]
