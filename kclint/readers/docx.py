"""Read a Word ``.docx`` into ordered blocks.

python-docx opens the package (and parses XML without resolving entities);
the body is then walked once over its lxml tree, because python-docx's
``Paragraph``/``Table`` proxy objects cost several times the bare load on long
plans. Paragraphs and tables come in body order (content controls unwrapped),
merged cells are counted once, nested tables follow their parent table, and
the text of headers, footers and text boxes is kept with its origin.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from kclint.document import AsWritten, Block, Cell, Document, PageSetup, Paragraph, Row, RunStyle, Table
from kclint.errors import InputError
from kclint.textnorm import nfc

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_P, _TBL, _SDT, _SDT_CONTENT = W + "p", W + "tbl", W + "sdt", W + "sdtContent"
_TR, _TC, _T, _TAB, _BR, _CR = W + "tr", W + "tc", W + "t", W + "tab", W + "br", W + "cr"
_TXBX = W + "txbxContent"
_R, _RPR, _PPR = W + "r", W + "rPr", W + "pPr"
_VAL = W + "val"
_TWIPS_PER_MM = 1440 / 25.4
_OFF = ("0", "false", "off", "none")

# Word allows 63 columns; a larger gridSpan is damage, and would make column numbers meaningless.
_MAX_GRID_SPAN = 63


def _number(value: str | None) -> int | None:
    """A non-negative decimal attribute, or None.

    ``str.isdigit`` accepts ``'²'`` (which ``int`` refuses) and ``int`` refuses more than 4,300
    digits, so a hostile attribute would crash a bare ``int(...)``; no real measure has 10 digits.
    """
    if value and len(value) <= 9 and value.isascii() and value.isdigit():
        return int(value)
    return None


_HEADER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
_FOOTER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"


def _flag(rpr, tag: str) -> bool | None:
    el = rpr.find(W + tag) if rpr is not None else None
    if el is None:
        return None
    return el.get(_VAL, "1") not in _OFF


def _run_style(rpr) -> RunStyle:
    style = RunStyle(bold=_flag(rpr, "b"), italic=_flag(rpr, "i"))
    if rpr is not None:
        sz = rpr.find(W + "sz")
        half_points = _number(sz.get(_VAL)) if sz is not None else None
        if half_points is not None:
            style.size_pt = half_points / 2
        fonts = rpr.find(W + "rFonts")
        if fonts is not None:
            style.font = fonts.get(W + "ascii") or fonts.get(W + "hAnsi")
    return style


def _paragraph_text(p, skip: set) -> str:
    parts: list[str] = []
    for el in p.iter(_T, _TAB, _BR, _CR):
        if skip and el in skip:
            continue
        tag = el.tag
        if tag == _T:
            parts.append(el.text or "")
        elif tag == _TAB:
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def _paragraph_style(p, skip: set) -> tuple[RunStyle, str | None, str | None]:
    """Formatting shared by the text-bearing runs: bold only if every such run is bold.

    Runs of a text box anchored in the paragraph (their ``w:t`` in ``skip``) are not the paragraph's.
    """
    ppr = p.find(_PPR)
    style_name = align = None
    para_rpr = None
    if ppr is not None:
        ps = ppr.find(W + "pStyle")
        style_name = ps.get(_VAL) if ps is not None else None
        jc = ppr.find(W + "jc")
        align = jc.get(_VAL) if jc is not None else None
        para_rpr = ppr.find(_RPR)
    runs = [r for r in p.iter(_R) if (t := r.find(_T)) is not None and (t.text or "").strip()
            and not (skip and t in skip)]
    if not runs:
        return _run_style(para_rpr), style_name, align
    styles = [_run_style(r.find(_RPR)) for r in runs]
    first = styles[0]

    def common(attr: str) -> bool | None:
        values = {getattr(s, attr) for s in styles}
        if values == {True}:
            return True
        return False if False in values or (None in values and True in values) else None

    return (
        RunStyle(bold=common("bold"), italic=common("italic"), size_pt=first.size_pt, font=first.font),
        style_name,
        align,
    )


def _is_borderless(tbl) -> bool:
    tblpr = tbl.find(W + "tblPr")
    if tblpr is None:
        return True
    borders = tblpr.find(W + "tblBorders")
    style = tblpr.find(W + "tblStyle")
    if borders is None:
        return style is None or "grid" not in (style.get(_VAL) or "").lower()
    return all((b.get(_VAL) or "none") in ("none", "nil") for b in borders)


class _Walker:
    """Collects blocks in order; indexes count per origin, so body paragraph 0 is the body's first
    paragraph whatever the page header holds (as python-docx's ``document.paragraphs`` counts)."""

    def __init__(self, skip: set) -> None:
        self.skip = skip
        self.blocks: list[Block] = []
        self.counters: dict[str, list[int]] = {}  # origin -> [next paragraph index, next table index]
        self.as_written: list[AsWritten] = []

    def walk(self, parent, origin: str, skip: set | None = None) -> None:
        """Walk ``parent``; ``skip`` replaces the text-box exclusion (a text box's own text is wanted)."""
        saved = self.skip
        if skip is not None:
            self.skip = skip
        try:
            self._walk(parent, origin)
        finally:
            self.skip = saved

    def _next(self, origin: str, kind: int) -> int:
        counter = self.counters.setdefault(origin, [0, 0])
        counter[kind] += 1
        return counter[kind] - 1

    def _walk(self, parent, origin: str) -> None:
        for child in self._children(parent):
            if child.tag == _P:
                self.paragraph(child, origin)
            else:
                self.table(child, origin)

    def _children(self, parent) -> Iterator:
        for child in parent:
            tag = child.tag
            if tag in (_P, _TBL):
                yield child
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    yield from self._children(content)

    def paragraph(self, p, origin: str) -> None:
        style, style_name, align = _paragraph_style(p, self.skip)
        raw = _paragraph_text(p, self.skip)
        text = nfc(raw)
        if text != raw:
            self.as_written.append(AsWritten(raw, len(self.blocks)))
        index = self._next(origin, 0)
        self.blocks.append(Paragraph(text, index, None, origin, style, style_name, align))  # type: ignore[arg-type]

    def table(self, tbl, origin: str) -> None:
        rows: list[Row] = []
        nested: list = []
        raw_cells: list[AsWritten] = []
        for r_i, tr in enumerate(tbl.iter(_TR)):
            if tr.getparent() is not tbl:
                continue
            cells: list[Cell] = []
            col = 0
            for tc in tr.iter(_TC):
                if tc.getparent() is not tr:
                    continue
                tcpr = tc.find(W + "tcPr")
                span = 1
                continued = False
                if tcpr is not None:
                    gs = tcpr.find(W + "gridSpan")
                    span = min(max(1, _number(gs.get(_VAL)) or 1), _MAX_GRID_SPAN) if gs is not None else 1
                    vm = tcpr.find(W + "vMerge")
                    continued = vm is not None and vm.get(_VAL, "continue") == "continue"
                texts: list[str] = []
                for child in self._children(tc):
                    if child.tag == _P:
                        texts.append(_paragraph_text(child, self.skip))
                    else:
                        nested.append(child)
                raw = "" if continued else "\n".join(texts).strip("\n")
                text = nfc(raw)
                if text != raw:
                    raw_cells.append(AsWritten(raw, -1, r_i, col))
                cells.append(Cell(text, r_i, col, merged_up=continued))
                col += span
            rows.append(Row(cells, r_i))
        index = self._next(origin, 1)
        for cell in raw_cells:
            cell.block = len(self.blocks)
        self.as_written.extend(raw_cells)
        self.blocks.append(Table(rows, index, None, origin, _is_borderless(tbl)))  # type: ignore[arg-type]
        for inner in nested:
            self.table(inner, origin)


def _page_setup(sect_pr) -> PageSetup:
    setup = PageSetup()
    pg = sect_pr.find(W + "pgSz")
    if pg is not None:
        w, h = _number(pg.get(W + "w")), _number(pg.get(W + "h"))
        setup.width_mm = w / _TWIPS_PER_MM if w is not None else None
        setup.height_mm = h / _TWIPS_PER_MM if h is not None else None
        setup.orientation = pg.get(W + "orient") or "portrait"
    mar = sect_pr.find(W + "pgMar")
    if mar is not None:
        for side in ("top", "bottom", "left", "right"):
            v = _number((mar.get(W + side) or "").lstrip("-"))
            setattr(setup, f"{side}_mm", v / _TWIPS_PER_MM if v is not None else None)
    return setup


def _default_style(document) -> RunStyle:
    """The body's inherited run formatting: docDefaults overlaid by the Normal style."""
    try:
        styles = document.part.styles.element
    except Exception:  # python-docx may fail in many ways on a damaged styles part; defaults will do
        return RunStyle()
    base = RunStyle()
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    if defaults is not None:
        base = _run_style(defaults)
    for st in styles.iter(W + "style"):
        if st.get(W + "type") == "paragraph" and st.get(W + "default") in ("1", "true"):
            normal = _run_style(st.find(_RPR))
            base = RunStyle(
                bold=normal.bold if normal.bold is not None else base.bold,
                italic=normal.italic if normal.italic is not None else base.italic,
                size_pt=normal.size_pt or base.size_pt,
                font=normal.font or base.font,
            )
    return base


def _related_parts(document, reltype: str) -> Iterator:
    """Root elements of the document's internal header or footer parts, skipping damaged ones."""
    for rel in document.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            element = getattr(rel.target_part, "element", None)  # a part of the wrong type has no XML
            if element is not None:
                yield element


def _open(data: bytes, path: str):
    """python-docx's Document, or an InputError.

    The package has been vetted (sizes, CRCs, no DTD) by :mod:`kclint.readers.sniff`. What python-docx
    still raises on a damaged package is open-ended (KeyError for a missing part, ValueError for a
    wrong content type, lxml's XMLSyntaxError, AttributeError on a part of the wrong class...), so
    every exception here means "this package cannot be read" and is reported with its class name.
    """
    import docx
    from lxml import etree

    try:
        return docx.Document(io.BytesIO(data))
    except etree.LxmlError:
        raise InputError.for_file("xml", path, "nội dung XML của tệp Word bị hỏng.",
                                  "damaged XML in the Word file.") from None
    except Exception as exc:
        raise InputError.for_file(
            "not_word", path, f"gói Word bị hỏng, không đọc được ({exc.__class__.__name__}).",
            f"broken Word package ({exc.__class__.__name__}).",
        ) from None


def read_docx(data: bytes, path: str) -> Document:
    """Parse the package in ``data``; broken packages raise :class:`InputError`."""
    document = _open(data, path)
    root = document.element
    # Look the body up in the raw tree: on a main part whose root is not w:document, python-docx's
    # ``.body`` property does not exist.
    body = root.find(W + "body") if root.tag == W + "document" else None
    if body is None:
        raise InputError.for_file("not_word", path, "văn bản Word không có phần thân (w:body).",
                                  "the Word document has no body (w:body).")
    skip: set = set()
    textboxes = [t for t in body.iter(_TXBX) if not any(a.tag == MC_FALLBACK for a in t.iterancestors())]
    for box in body.iter(_TXBX):
        skip.update(box.iter(_T, _TAB, _BR, _CR))
    walker = _Walker(skip)
    for header in _related_parts(document, _HEADER_REL):
        walker.walk(header, "header")
    walker.walk(body, "body")
    for box in textboxes:
        walker.walk(box, "textbox", skip=set())
    for footer in _related_parts(document, _FOOTER_REL):
        walker.walk(footer, "footer")
    pages = [_page_setup(s) for s in body.iter(W + "sectPr")]
    return Document(path=path, source_format="docx", blocks=walker.blocks, pages=pages,
                    default_style=_default_style(document), as_written=walker.as_written)
