"""Annotated plan sources: one compact TOML file gives a defective plan and its clean twin, as ``.txt``,
``.docx`` and the ``*.expected.json`` that ``../shared/tools/score.py`` reads.

A marker ``{{id|defective=>correct}}`` may stand in any text field: the defective plan takes the middle part,
the clean twin the last one, so the twins differ exactly where a defect was planted. Each marker id is
described once in ``[[defects]]`` (``kind``, ``evidence`` — by default the defective text of the id's first
marker —, ``explanation``, ``confidence``); one defect may need several markers.

Body lines (``body`` is a TOML literal string):

``text``
    a paragraph;
``| a | b | c``
    a table row (cells split on ``|``); consecutive rows make one table, a blank line ends it, so two
    tables in a row are a table split over two pages;
``|= text``
    a group row: one cell merged across the whole table;
``~ text``
    an item of Word's own bulleted list (the ``.docx`` has no bullet character in the text, as when a
    school uses Word's bullets; the ``.txt`` export writes ``• text``);

and inside a cell ``<br>`` separates paragraphs of the cell (``.docx``); the text export joins them with a
space, as a copy from Word does. A cell ``<<`` is merged into the cell on its left (Word's ``gridSpan``) and a
cell ``^^`` into the cell above (``vMerge``), so a header can span two rows; the text export leaves such a cell
empty. In a paragraph, ``⟪text⟫`` is a bold run (a label in bold); the text export keeps the words only.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

import plan_docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

MARKER = re.compile(r"\{\{(\w+)\|(.*?)=>(.*?)\}\}", re.S)
BOLD = re.compile(r"⟪(.*?)⟫")
SPAN_LEFT, SPAN_UP = "<<", "^^"
ABSENCE_KINDS = ("missing_number", "missing_issue_date", "missing_recipients", "missing_signer",
                 "missing_title", "missing_part")
_FIXED_TIME = (2025, 1, 1, 0, 0, 0)


@dataclass
class Para:
    text: str
    bullet: bool = False  # Word's own bullet list


@dataclass
class Grid:
    rows: list[list[str]]  # a merged group row is a single-cell list
    merged: list[bool] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max(len(r) for r, m in zip(self.rows, self.merged, strict=True) if not m)


Block = Para | Grid


@dataclass
class Plan:
    """One version (defective or clean) of a plan, ready to render."""

    left: list[str]
    right: list[str]
    number: str | None
    place_date: str | None
    title: list[str]
    blocks: list[Block]
    recipients: list[str]
    signer: list[str]


def resolve(text: str, clean: bool) -> str:
    return MARKER.sub(lambda m: m.group(3 if clean else 2), text)


def markers(text: str) -> list[tuple[str, str, str]]:
    return [(m.group(1), m.group(2), m.group(3)) for m in MARKER.finditer(text)]


def parse_body(body: str) -> list[Block]:
    blocks: list[Block] = []
    grid: Grid | None = None
    for raw in body.strip("\n").split("\n"):
        line = raw.strip()
        if line.startswith("|"):
            if grid is None:
                grid = Grid([], [])
                blocks.append(grid)
            if line.startswith("|="):
                grid.rows.append([line[2:].strip()])
                grid.merged.append(True)
            else:
                cells = line[1:].removesuffix("|").split("|")
                grid.rows.append([c.strip() for c in cells])
                grid.merged.append(False)
            continue
        grid = None
        if not line:
            continue
        if line.startswith("~ "):
            blocks.append(Para(line[2:].strip(), bullet=True))
        else:
            blocks.append(Para(line))
    return blocks


def _lines(value: object) -> list[str]:
    return list(value) if isinstance(value, list) else ([str(value)] if value else [])


def build_plan(src: dict, clean: bool) -> Plan:
    def r(text: str) -> str:
        return resolve(text, clean)

    return Plan(
        left=[r(x) for x in _lines(src.get("left"))],
        right=[r(x) for x in _lines(src.get("right", ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                                      "Độc lập - Tự do - Hạnh phúc"]))],
        number=r(src["number"]) or None if src.get("number") else None,
        place_date=r(src["place_date"]) or None if src.get("place_date") else None,
        title=[t for t in (r(x) for x in _lines(src.get("title"))) if t],
        blocks=parse_body(r(src.get("body", ""))),
        recipients=[t for t in (r(x) for x in _lines(src.get("recipients"))) if t],
        signer=[r(x) for x in _lines(src.get("signer"))],
    )


# --- text export ---------------------------------------------------------------------------------

def _cell_text(cell: str) -> str:
    if cell in (SPAN_LEFT, SPAN_UP):
        return ""
    return " ".join(part.strip() for part in cell.split("<br>"))


def render_txt(plan: Plan) -> str:
    out: list[str] = []

    def group(lines: list[str]) -> None:
        lines = [x for x in lines if x.strip()]
        if lines:
            out.extend(lines)
            out.append("")

    group(plan.left)
    group(plan.right)
    group([plan.number or ""])
    group([plan.place_date or ""])
    group(plan.title)
    for block in plan.blocks:
        if isinstance(block, Para):
            group([("• " if block.bullet else "") + BOLD.sub(r"\1", block.text)])
            continue
        width = block.width
        rows = []
        for cells, merged in zip(block.rows, block.merged, strict=True):
            if merged:
                rows.append(cells[0] + "\t" * (width - 1))
            else:
                rows.append("\t".join(_cell_text(c) for c in cells + [""] * (width - len(cells))))
        group(rows)
    group(plan.recipients)
    for line in plan.signer:
        group([line])
    return "\n".join(out).rstrip("\n") + "\n"


# --- Word ----------------------------------------------------------------------------------------

def render_docx(plan: Plan, stable: bool = True) -> bytes:
    """The ``.docx`` bytes; ``stable``: deterministic (fixed zip timestamps) so a rebuild leaves git quiet.

    Header and footer come from ``plan_docx``; the body is written as WordprocessingML in one piece (the
    same paragraphs and grid tables python-docx makes, twenty times faster, which the matrix needs)."""
    doc = _blank_document()
    plan_docx.add_header(doc, plan_docx.PlanLayout(left=plan.left, right=plan.right, number=plan.number,
                                                   place_date=plan.place_date, title=plan.title))
    body = doc.element.body
    sect = body[-1]
    for el in parse_xml(f'<w:body {nsdecls("w")}>{"".join(map(_block_xml, plan.blocks))}</w:body>'):
        sect.addprevious(el)
    plan_docx.add_footer(doc, plan_docx.PlanLayout(recipients=plan.recipients, signer=plan.signer))
    raw = io.BytesIO()
    doc.save(raw)
    return _stable_zip(raw.getvalue()) if stable else raw.getvalue()


_TEXT_WIDTH = 9355  # twips between the margins of an A4 page with 30 and 15 mm margins


def _run_xml(text: str, bold: bool) -> str:
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""


def _p_xml(text: str, align: str = "both", bold: bool = False, style: str | None = None) -> str:
    ppr = (f'<w:pStyle w:val="{style}"/>' if style else "") + f'<w:jc w:val="{align}"/>'
    # re.split with one group alternates plain and bold parts: odd indexes are the bold runs
    runs = "".join(_run_xml(part, bold or i % 2 == 1) for i, part in enumerate(BOLD.split(text)))
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>"


def _block_xml(block: Block) -> str:
    if isinstance(block, Para):
        plain = BOLD.sub(r"\1", block.text)
        heading = plain[:4].rstrip(".").isupper() and plain.split(".")[0].isalpha()
        return _p_xml(block.text, bold=heading, style="ListBullet" if block.bullet else None)
    width = block.width
    col = _TEXT_WIDTH // width
    rows = []
    for n, (cells, merged) in enumerate(zip(block.rows, block.merged, strict=True)):
        below = block.rows[n + 1] if n + 1 < len(block.rows) and not block.merged[n + 1] else []
        if merged:
            tcs = (f'<w:tc><w:tcPr><w:tcW w:w="{col * width}" w:type="dxa"/><w:gridSpan w:val="{width}"/>'
                   f'</w:tcPr>{_p_xml(cells[0], "left", bold=True)}</w:tc>')
        else:
            tcs = _cells_xml(cells + [""] * (width - len(cells)), col, below)
        rows.append(f"<w:tr>{tcs}</w:tr>")
    grid = "".join(f'<w:gridCol w:w="{col}"/>' for _ in range(width))
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
            f'<w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>')


def _cells_xml(cells: list[str], col: int, below: list[str]) -> str:
    """One row's cells; a ``<<`` cell widens the cell before it, a ``^^`` cell continues the one above
    (``below``: the next row's cells, where a ``^^`` makes this cell the start of a vertical merge)."""
    out = []
    i = 0
    while i < len(cells):
        span = 1
        while i + span < len(cells) and cells[i + span] == SPAN_LEFT:
            span += 1
        text = cells[i]
        props = f'<w:tcW w:w="{col * span}" w:type="dxa"/>' + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "")
        if text == SPAN_UP:
            props += "<w:vMerge/>"
            text = ""
        elif i < len(below) and below[i] == SPAN_UP:
            props += '<w:vMerge w:val="restart"/>'
        out.append(f"<w:tc><w:tcPr>{props}</w:tcPr>"
                   + "".join(_p_xml(part.strip(), "left") for part in text.split("<br>")) + "</w:tc>")
        i += span
    return "".join(out)


_BLANK: list = []


def _blank_document():
    """One document per process, emptied before each use: opening Word's template costs more than the plan."""
    if not _BLANK:
        _BLANK.append(plan_docx.new_document())
    doc = _BLANK[0]
    body = doc.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    return doc


def _stable_zip(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zi = zipfile.ZipInfo(info.filename, _FIXED_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, zin.read(info.filename))
    return out.getvalue()


# --- annotations ---------------------------------------------------------------------------------

def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def load(path: Path) -> dict:
    with path.open("rb") as fh:
        return tomllib.load(fh)


def all_text(src: dict) -> str:
    parts = []
    for key in ("left", "right", "number", "place_date", "title", "body", "recipients", "signer"):
        parts.extend(_lines(src.get(key)))
    return "\n".join(parts)


def expected(src: dict) -> dict:
    """score.py's annotation of the defective plan; raises ValueError when markers and defects disagree."""
    found = markers(all_text(src))
    first = {}
    for mid, wrong, _right in found:
        first.setdefault(mid, wrong)
    ids = [d["id"] for d in src.get("defects", [])]
    if len(set(ids)) != len(ids):
        raise ValueError(f"duplicate defect ids: {ids}")
    if set(ids) != set(first):
        raise ValueError(f"markers {sorted(first)} vs defects {sorted(ids)}")
    text = norm(render_txt(build_plan(src, clean=False)))
    defects = []
    for d in src["defects"]:
        evidence = d.get("evidence", first[d["id"]])
        absence = d["kind"].endswith(ABSENCE_KINDS)
        if not absence and norm(evidence) not in text:
            raise ValueError(f"defect {d['id']}: evidence {evidence!r} is not in the plan")
        defects.append({"kind": d["kind"], "evidence": "" if absence else evidence,
                        "explanation": d["explanation"], "confidence": d.get("confidence", "high")})
    meta = {k: src[k] for k in ("school_level", "issue_date", "period") if k in src}
    return {"source": "synthetic (kclint tests/corpus)", **meta, "plan_kind": src.get("kind"),
            "layout": src.get("layout"), "defects": defects, "clean_facts": src.get("clean_facts", [])}


def clean_expected() -> dict:
    return {"source": "synthetic clean twin (kclint tests/corpus)", "defects": [], "clean": True}


def outputs(src_path: Path) -> dict[str, bytes]:
    """File name -> bytes of everything one source produces."""
    src = load(src_path)
    name = src_path.stem
    out: dict[str, bytes] = {}
    for suffix, clean, exp in (("", False, expected(src)), ("_clean", True, clean_expected())):
        plan = build_plan(src, clean)
        out[f"{name}{suffix}.txt"] = render_txt(plan).encode("utf-8")
        out[f"{name}{suffix}.docx"] = render_docx(plan)
        out[f"{name}{suffix}.expected.json"] = (json.dumps(exp, ensure_ascii=False, indent=2) + "\n").encode()
    return out
