"""Build Word plans the way schools lay them out, for tests and for ``examples/``.

A4, Times New Roman 14, the issuing body and national motto in a borderless
two-column table, number and place/date in a second row, the body as
paragraphs and grid tables (a blank line between tab-separated blocks starts a
new table, as a page break splits one in Word), recipients and signer in a
borderless two-column table at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt


@dataclass
class PlanLayout:
    left: list[str] = field(default_factory=list)  # governing body, school (capitals)
    right: list[str] = field(default_factory=lambda: ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                                      "Độc lập - Tự do - Hạnh phúc"])
    number: str | None = None
    place_date: str | None = None
    title: list[str] = field(default_factory=list)  # 'KẾ HOẠCH', subject line(s)
    body: str = ""
    recipients: list[str] = field(default_factory=list)  # first line 'Nơi nhận:'
    signer: list[str] = field(default_factory=list)  # 'HIỆU TRƯỞNG', name


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _cell_lines(cell, lines: list[str], bold_first: bool = False) -> None:
    cell.text = ""
    para = cell.paragraphs[0]
    for i, line in enumerate(lines):
        if i:
            para = cell.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = para.add_run(line)
        run.bold = (bold_first and i == 0) or line.isupper()


def new_document():
    """An empty A4 document with the margins and body font of Nghị định 30/2020."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    return doc


def add_header(doc, plan: PlanLayout) -> None:
    """Issuing body and national motto, number and place/date: a borderless 2×2 table; then the title."""
    if plan.left or plan.number or plan.place_date:
        head = doc.add_table(rows=2, cols=2)
        _no_borders(head)
        _cell_lines(head.cell(0, 0), plan.left)
        _cell_lines(head.cell(0, 1), plan.right)
        _cell_lines(head.cell(1, 0), [plan.number] if plan.number else [])
        _cell_lines(head.cell(1, 1), [plan.place_date] if plan.place_date else [])
    for line in plan.title:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(line).bold = True


def add_paragraph(doc, line: str, style: str | None = None) -> None:
    """A justified body paragraph; section headings ('I. ...', 'II. ...') in bold."""
    p = doc.add_paragraph(style=style)
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    run = p.add_run(line)
    run.bold = line[:4].rstrip(".").isupper() and line.split(".")[0].isalpha()


def add_body(doc, body: str) -> None:
    """Paragraphs and grid tables: a block whose every line holds a tab is a table."""
    blocks = [b for b in body.strip("\n").split("\n\n") if b.strip()]
    rows: list[list[str]] = []
    for block in blocks:
        lines = block.split("\n")
        if all("\t" in ln for ln in lines):
            rows = [ln.split("\t") for ln in lines]
            width = max(len(r) for r in rows)
            table = doc.add_table(rows=len(rows), cols=width)
            table.style = "Table Grid"
            for r, cells in enumerate(rows):
                for c, text in enumerate(cells):
                    table.cell(r, c).text = text
            continue
        for line in lines:
            add_paragraph(doc, line)


def add_footer(doc, plan: PlanLayout) -> None:
    """Recipients and signer side by side in a borderless table."""
    if plan.recipients or plan.signer:
        foot = doc.add_table(rows=1, cols=2)
        _no_borders(foot)
        _cell_lines(foot.cell(0, 0), plan.recipients)
        _cell_lines(foot.cell(0, 1), plan.signer)


def build_docx(path: str | Path, plan: PlanLayout) -> Path:
    doc = new_document()
    add_header(doc, plan)
    add_body(doc, plan.body)
    add_footer(doc, plan)
    path = Path(path)
    doc.save(str(path))
    return path
