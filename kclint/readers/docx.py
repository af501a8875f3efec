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

from kclint.document import Block, Cell, Document, PageSetup, Paragraph, Row, RunStyle, Table
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
        if sz is not None and (sz.get(_VAL) or "").isdigit():
            style.size_pt = int(sz.get(_VAL)) / 2
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


def _paragraph_style(p) -> tuple[RunStyle, str | None, str | None]:
    """Formatting shared by the text-bearing runs: bold only if every such run is bold."""
    ppr = p.find(_PPR)
    style_name = align = None
    para_rpr = None
    if ppr is not None:
        ps = ppr.find(W + "pStyle")
        style_name = ps.get(_VAL) if ps is not None else None
        jc = ppr.find(W + "jc")
        align = jc.get(_VAL) if jc is not None else None
        para_rpr = ppr.find(_RPR)
    runs = [r for r in p.iter(_R) if r.find(_T) is not None and (r.findtext(_T) or "").strip()]
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
    def __init__(self, skip: set) -> None:
        self.skip = skip
        self.blocks: list[Block] = []
        self.para_index = 0
        self.table_index = 0

    def walk(self, parent, origin: str) -> None:
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
        style, style_name, align = _paragraph_style(p)
        text = nfc(_paragraph_text(p, self.skip))
        self.blocks.append(Paragraph(text, self.para_index, None, origin, style, style_name, align))  # type: ignore[arg-type]
        self.para_index += 1

    def table(self, tbl, origin: str) -> None:
        rows: list[Row] = []
        nested: list = []
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
                    if gs is not None and (gs.get(_VAL) or "").isdigit():
                        span = max(1, int(gs.get(_VAL)))
                    vm = tcpr.find(W + "vMerge")
                    continued = vm is not None and vm.get(_VAL, "continue") == "continue"
                texts: list[str] = []
                for child in self._children(tc):
                    if child.tag == _P:
                        texts.append(_paragraph_text(child, self.skip))
                    else:
                        nested.append(child)
                text = "" if continued else nfc("\n".join(texts).strip("\n"))
                cells.append(Cell(text, r_i, col))
                col += span
            rows.append(Row(cells, r_i))
        self.blocks.append(Table(rows, self.table_index, None, origin, _is_borderless(tbl)))  # type: ignore[arg-type]
        self.table_index += 1
        for inner in nested:
            self.table(inner, origin)


def _page_setup(sect_pr) -> PageSetup:
    setup = PageSetup()
    pg = sect_pr.find(W + "pgSz")
    if pg is not None:
        w, h = pg.get(W + "w"), pg.get(W + "h")
        setup.width_mm = int(w) / _TWIPS_PER_MM if w and w.isdigit() else None
        setup.height_mm = int(h) / _TWIPS_PER_MM if h and h.isdigit() else None
        setup.orientation = pg.get(W + "orient") or "portrait"
    mar = sect_pr.find(W + "pgMar")
    if mar is not None:
        for side in ("top", "bottom", "left", "right"):
            v = (mar.get(W + side) or "").lstrip("-")
            setattr(setup, f"{side}_mm", int(v) / _TWIPS_PER_MM if v.isdigit() else None)
    return setup


def _default_style(document) -> RunStyle:
    """The body's inherited run formatting: docDefaults overlaid by the Normal style."""
    try:
        styles = document.part.styles.element
    except (KeyError, AttributeError, NotImplementedError):
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


def read_docx(data: bytes, path: str) -> Document:
    """Parse the package in ``data``; broken packages raise :class:`InputError`."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise InputError(
            "not_word", f"{path}: gói Word bị hỏng, không đọc được ({exc.__class__.__name__}).",
            f"{path}: broken Word package ({exc.__class__.__name__}).",
        ) from None
    except Exception as exc:  # lxml raises XMLSyntaxError subclasses for damaged XML parts
        if exc.__class__.__module__.startswith("lxml"):
            raise InputError(
                "xml", f"{path}: nội dung XML của tệp Word bị hỏng.", f"{path}: damaged XML in the Word file."
            ) from None
        raise
    body = document.element.body
    skip: set = set()
    textboxes = [t for t in body.iter(_TXBX) if not any(a.tag == MC_FALLBACK for a in t.iterancestors())]
    for box in body.iter(_TXBX):
        skip.update(box.iter(_T, _TAB, _BR, _CR))
    walker = _Walker(skip)
    for rel in document.part.rels.values():
        if rel.reltype == _HEADER_REL and not rel.is_external:
            walker.walk(rel.target_part.element, "header")
    walker.walk(body, "body")
    for box in textboxes:
        walker.walk(box, "textbox")
    for rel in document.part.rels.values():
        if rel.reltype == _FOOTER_REL and not rel.is_external:
            walker.walk(rel.target_part.element, "footer")
    pages = [_page_setup(s) for s in body.iter(W + "sectPr")]
    return Document(path=path, source_format="docx", blocks=walker.blocks, pages=pages,
                    default_style=_default_style(document))
