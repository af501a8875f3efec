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

``#N text``
    a paragraph at level N (1, 2, 3) of Word's own automatic numbering (``w:numPr``): the ``.docx`` text has
    no number, the ``.txt`` export writes the label Word shows (``I. text``); the source's ``numbering`` lists
    each level as ``format|template`` (``upperRoman|%1.``, ``decimal|%2.``, ``lowerLetter|%3)``);

and inside a cell ``<br>`` separates paragraphs of the cell (``.docx``); the text export joins them with a
space, as a copy from Word does. A cell ``<<`` is merged into the cell on its left (Word's ``gridSpan``) and a
cell ``^^`` into the cell above (``vMerge``), so a header can span two rows; the text export leaves such a cell
empty. In a paragraph, ``⟪text⟫`` is a bold run (a label in bold); the text export keeps the words only.

Tracked changes left in the ``.docx`` (review not accepted): ``[+text+]`` is an insertion (``w:ins``) and
``[-text-]`` a deletion (``w:del``/``w:delText``), in paragraphs and cells; the text export is the accepted
text (insertions kept, deletions dropped), as Word saves it after "Accept all". ``landscape = true`` turns
the page (``w:orient``), as for a wide task table.
"""

from __future__ import annotations

import io
import itertools
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
from docx.oxml.ns import nsdecls, qn

MARKER = re.compile(r"\{\{(\w+)\|(.*?)=>(.*?)\}\}", re.S)
BOLD = re.compile(r"⟪(.*?)⟫")
TRACKED = re.compile(r"\[\+(.*?)\+\]|\[-(.*?)-\]", re.S)
NUMBERED = re.compile(r"#([1-9]) (.*)")
_NUM_ID = 90  # our list's numbering instance and abstract definition (the template's own lists use 1..)
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
SPAN_LEFT, SPAN_UP = "<<", "^^"
ABSENCE_KINDS = ("missing_number", "missing_issue_date", "missing_recipients", "missing_signer",
                 "missing_title", "missing_part")
_FIXED_TIME = (2025, 1, 1, 0, 0, 0)


@dataclass
class Para:
    text: str
    bullet: bool = False  # Word's own bullet list
    level: int | None = None  # 0-based level of Word's automatic numbering


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
    numbering: list[tuple[str, str]] = field(default_factory=list)  # per level: (w:numFmt, w:lvlText)
    landscape: bool = False


def accepted(text: str) -> str:
    """The text once every tracked change is accepted."""
    return TRACKED.sub(lambda m: m.group(1) or "", text)


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
        elif numbered := NUMBERED.fullmatch(line):
            blocks.append(Para(numbered.group(2).strip(), level=int(numbered.group(1)) - 1))
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
        numbering=[tuple(lvl.split("|", 1)) for lvl in src.get("numbering", [])],
        landscape=bool(src.get("landscape")),
    )


# --- text export ---------------------------------------------------------------------------------

def _cell_text(cell: str) -> str:
    if cell in (SPAN_LEFT, SPAN_UP):
        return ""
    return " ".join(part.strip() for part in accepted(cell).split("<br>"))


def _counter_text(fmt: str, n: int) -> str:
    if fmt == "upperRoman":
        out = ""
        for value, letters in _ROMAN:
            while n >= value:
                out, n = out + letters, n - value
        return out
    if fmt == "lowerLetter":
        return chr(ord("a") + n - 1)
    return str(n)


def _labels(plan: Plan) -> list[str]:
    """The label Word shows before each block ('' for a block outside the list): levels restart after a
    higher one."""
    counts = [0] * 9
    out = []
    for block in plan.blocks:
        if not isinstance(block, Para) or block.level is None:
            out.append("")
            continue
        counts[block.level] += 1
        counts[block.level + 1:] = [0] * (8 - block.level)
        text = plan.numbering[block.level][1]
        for lvl, (fmt, _template) in enumerate(plan.numbering):
            text = text.replace(f"%{lvl + 1}", _counter_text(fmt, counts[lvl]))
        out.append(text + " ")
    return out


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
    for block, label in zip(plan.blocks, _labels(plan), strict=True):
        if isinstance(block, Para):
            group([("• " if block.bullet else "") + label + BOLD.sub(r"\1", accepted(block.text))])
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
    global _REVISION_IDS
    _REVISION_IDS = itertools.count(1)
    doc = _blank_document()
    _set_numbering(doc, plan.numbering)
    plan_docx.add_header(doc, plan_docx.PlanLayout(left=plan.left, right=plan.right, number=plan.number,
                                                   place_date=plan.place_date, title=plan.title))
    body = doc.element.body
    sect = body[-1]
    for el in parse_xml(f'<w:body {nsdecls("w")}>{"".join(map(_block_xml, plan.blocks))}</w:body>'):
        sect.addprevious(el)
    plan_docx.add_footer(doc, plan_docx.PlanLayout(recipients=plan.recipients, signer=plan.signer))
    page = sect.find(qn("w:pgSz"))
    portrait = dict(page.attrib)
    if plan.landscape:
        page.set(qn("w:w"), portrait[qn("w:h")])
        page.set(qn("w:h"), portrait[qn("w:w")])
        page.set(qn("w:orient"), "landscape")
    raw = io.BytesIO()
    doc.save(raw)
    page.attrib.clear()  # the blank document is shared by the next plan
    page.attrib.update(portrait)
    return _stable_zip(raw.getvalue()) if stable else raw.getvalue()


_TEXT_WIDTH = 9355  # twips between the margins of an A4 page with 30 and 15 mm margins


def _run_xml(text: str, bold: bool, tag: str = "w:t") -> str:
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{rpr}<{tag} xml:space="preserve">{escape(text)}</{tag}></w:r>' if text else ""


_REVISION = 'w:author="Tổ văn phòng" w:date="2025-01-01T00:00:00Z"'
_REVISION_IDS = itertools.count(1)  # unique in a document: render_docx restarts it


def _runs_xml(text: str, bold: bool) -> str:
    """Runs, bold parts and tracked changes (an insertion or deletion is one run of its own)."""
    out, at = [], 0
    for m in TRACKED.finditer(text):
        n = next(_REVISION_IDS)
        # re.split with one group alternates plain and bold parts: odd indexes are the bold runs
        out += [_run_xml(part, bold or i % 2 == 1) for i, part in enumerate(BOLD.split(text[at:m.start()]))]
        if m.group(1) is not None:
            out.append(f'<w:ins w:id="{n}" {_REVISION}>{_run_xml(m.group(1), bold)}</w:ins>')
        else:
            out.append(f'<w:del w:id="{n}" {_REVISION}>{_run_xml(m.group(2), bold, "w:delText")}</w:del>')
        at = m.end()
    out += [_run_xml(part, bold or i % 2 == 1) for i, part in enumerate(BOLD.split(text[at:]))]
    return "".join(out)


def _p_xml(text: str, align: str = "both", bold: bool = False, style: str | None = None,
           level: int | None = None) -> str:
    ppr = ((f'<w:pStyle w:val="{style}"/>' if style else "")
           + (f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{_NUM_ID}"/></w:numPr>' if level is not None else "")
           + f'<w:jc w:val="{align}"/>')
    return f"<w:p><w:pPr>{ppr}</w:pPr>{_runs_xml(text, bold)}</w:p>"


def _set_numbering(doc, levels: list[tuple[str, str]]) -> None:
    """Our list's definition in numbering.xml (removed again for a plan without one: the document is shared)."""
    root = doc.part.numbering_part.element
    for el in root.findall(qn("w:abstractNum")) + root.findall(qn("w:num")):
        if el.get(qn("w:abstractNumId")) == str(_NUM_ID) or el.get(qn("w:numId")) == str(_NUM_ID):
            root.remove(el)
    if not levels:
        return
    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                   f'<w:lvlText w:val="{escape(template)}"/><w:suff w:val="space"/><w:lvlJc w:val="left"/></w:lvl>'
                   for i, (fmt, template) in enumerate(levels))
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{_NUM_ID}">'
                         f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')
    first_num = root.find(qn("w:num"))
    if first_num is not None:  # every w:abstractNum precedes the first w:num
        first_num.addprevious(abstract)
    else:
        root.append(abstract)
    root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{_NUM_ID}"><w:abstractNumId w:val="{_NUM_ID}"/></w:num>'))


def _block_xml(block: Block) -> str:
    if isinstance(block, Para):
        plain = BOLD.sub(r"\1", block.text)
        heading = (plain[:4].rstrip(".").isupper() and plain.split(".")[0].isalpha()) or (
            block.level == 0 and plain.isupper())
        return _p_xml(block.text, bold=heading, style="ListBullet" if block.bullet else None, level=block.level)
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
