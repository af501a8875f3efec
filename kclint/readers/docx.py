"""Read a Word package (``.docx``, ``.docm``, ``.dotx``, strict or transitional OOXML) into ordered blocks.

The package is opened once, by :func:`kclint.readers.sniff.vet_package`, which inflates and vets every
XML part (sizes, encodings, no DTD); the parts are parsed here with lxml and walked once each,
dispatching on tags, without python-docx's proxy objects. The text is what Word shows:

* tracked changes as if accepted: insertions and moved-to text are read, deletions and moved-from
  text are not; a deleted paragraph mark joins the paragraph with the next one; deleted rows and
  cells are dropped;
* content controls (``w:sdt``), custom XML and smart tags are unwrapped at every level (around
  blocks, rows, cells and runs); of ``mc:AlternateContent`` the first ``Choice`` is read;
* hidden text (``w:vanish``, direct or through a style) is not read; ``w:caps`` is shown in capitals;
* automatic numbering becomes a label at the start of the paragraph (:mod:`kclint.readers.numbering`);
* ``w:tab``/``w:ptab`` read as a tab, ``w:br``/``w:cr`` as a line break, ``w:noBreakHyphen`` as ``-``,
  ``w:softHyphen`` as nothing, ``w:sym`` as its Unicode character;
* text boxes are read once, after the story that anchors them, with their own origin; a table
  nested in a cell is read inside that cell, in order;
* page headers and footers that a section shows, footnotes and endnotes in the order the body
  refers to them, and the review comments with the ranges they cover.

Run formatting is resolved through the style table (:mod:`kclint.readers.styles`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from kclint.document import (
    Anchor,
    AsWritten,
    Block,
    Cell,
    Comment,
    Document,
    PageSetup,
    Paragraph,
    Row,
    RunStyle,
    Table,
)
from kclint.errors import InputError
from kclint.limits import MAX_GRID_SPAN, ooxml_int
from kclint.readers.numbering import Counter, Numbering
from kclint.readers.ooxml import MC, VAL, R, W, is_strict, symbol_char, to_transitional, val
from kclint.readers.sniff import Package, vet_package
from kclint.readers.styles import (
    BOLD,
    CAPS,
    FONT,
    HIDDEN,
    ITALIC,
    SIZE,
    Props,
    Styles,
    overlay,
    read_props,
    theme_fonts,
)
from kclint.textnorm import nfc

_P, _TBL, _TR, _TC, _R, _T = W + "p", W + "tbl", W + "tr", W + "tc", W + "r", W + "t"
_PPR, _RPR, _TRPR, _TCPR = W + "pPr", W + "rPr", W + "trPr", W + "tcPr"
_PSTYLE, _NUMPR, _JC, _RSTYLE = W + "pStyle", W + "numPr", W + "jc", W + "rStyle"
_DEL, _MOVE_FROM, _CELL_DEL = W + "del", W + "moveFrom", W + "cellDel"
_GRID_SPAN, _VMERGE, _GRID_BEFORE, _TBL_PR_EX = W + "gridSpan", W + "vMerge", W + "gridBefore", W + "tblPrEx"
_SDT, _SDT_CONTENT, _CUSTOM_XML, _TXBX = W + "sdt", W + "sdtContent", W + "customXml", W + "txbxContent"
_ALTERNATE, _CHOICE, _FALLBACK = MC + "AlternateContent", MC + "Choice", MC + "Fallback"
_COMMENT_START, _COMMENT_END, _COMMENT_REF = W + "commentRangeStart", W + "commentRangeEnd", W + "commentReference"
_FOOTNOTE_REF, _ENDNOTE_REF = W + "footnoteReference", W + "endnoteReference"
_SECT_PR = W + "sectPr"
# Run-level elements whose runs are shown as if the element were not there.
_INLINE_WRAPPERS = frozenset(W + t for t in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "fldSimple",
                                             "dir", "bdo"))
# Block-level containers read as their children (tracked insertions may wrap blocks too).
_BLOCK_WRAPPERS = frozenset({_CUSTOM_XML, W + "ins", W + "moveTo"})
# Run children that are one character of text.
_CHARS = {W + "tab": "\t", W + "ptab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-",
          W + "softHyphen": ""}
# Run children that may hold a text box (DrawingML or VML).
_DRAWINGS = frozenset({W + "drawing", W + "pict", W + "object", _ALTERNATE})
_RUBY, _RUBY_BASE, _SYM = W + "ruby", W + "rubyBase", W + "sym"
_TWIPS_PER_MM = 1440 / 25.4
_MAX_TWIPS = 31_680  # Word's largest page side, 22 inches
_MAX_ID = 1 << 31
_EMPTY = etree.Element("empty")


def _is_borderless(tbl: etree._Element) -> bool:
    tblpr = tbl.find(W + "tblPr")
    if tblpr is None:
        return True
    borders = tblpr.find(W + "tblBorders")
    style = tblpr.find(W + "tblStyle")
    if borders is None:
        return style is None or "grid" not in (style.get(VAL) or "").lower()
    return all((b.get(VAL) or "none") in ("none", "nil") for b in borders)


def _first(el: etree._Element, tag: str, skip: str | None = None) -> etree._Element | None:
    """The property child ``tag`` that the schema puts first (after an optional ``skip``), or None."""
    for child in el:
        if child.tag == tag:
            return child
        if child.tag != skip:
            return None
    return None


def _wrapped(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """The ``tag`` children of a table (rows) or row (cells), also those inside content controls and custom XML."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag == _SDT or child.tag == _CUSTOM_XML:
            yield from _wrapped(_content(child), tag)


def _content(el: etree._Element) -> etree._Element:
    """What a content control (its ``w:sdtContent``) or a custom XML element wraps."""
    if el.tag == _SDT:
        for child in el:
            if child.tag == _SDT_CONTENT:
                return child
        return _EMPTY
    return el


def _common(values: list[bool | None]) -> bool | None:
    """Bold (or italic) of a paragraph: only if every text run is; unknown if no run says."""
    present = set(values)
    if present == {True}:
        return True
    return False if False in present or (None in present and True in present) else None


@dataclass(slots=True)
class _Acc:
    """A paragraph being read; several when deleted paragraph marks join them."""

    parts: list[str] = field(default_factory=list)
    fmts: list[Props] = field(default_factory=list)  # formatting of the runs that hold text
    marks: list[tuple[str, str, int]] = field(default_factory=list)  # (comment mark kind, id, offset)
    ps: list[int] = field(default_factory=list)  # when tracing: the w:p elements read into it

    def length(self) -> int:
        return sum(map(len, self.parts))


class _Sink:
    """Where finished paragraphs and tables go: a story's blocks, or the lines of a cell or comment."""

    __slots__ = ("cell", "info", "lines", "marks", "nested", "pending", "ps", "tables")

    def __init__(self, cell: tuple[int, int, int] | None = None, lines: list[str] | None = None,
                 nested: bool = False) -> None:
        self.cell = cell  # (block, row, column) of the top-level cell being read
        self.lines = lines  # None: a story, whose paragraphs become blocks
        self.nested = nested  # a cell of a nested table: marks have no offset
        self.tables: list[Table] = []
        self.marks: list[tuple[str, str, int, int | None]] = []  # (kind, id, line, offset)
        self.pending: _Acc | None = None
        self.info: tuple | None = None  # the paragraph properties of the pending paragraph's last mark
        self.ps: list[int] = []  # when tracing: the w:p elements of the cell, in reading order


@dataclass
class BodyLayout:
    """Where the body's blocks are in the main part, for the writer of the annotated copy.

    Elements are given by position among the part's ``w:p`` elements in document order, so that a
    writer holding another parse of the same XML (python-docx's) finds them with
    ``list(body.iter(w:p))``, and places a location exactly where the reader counted it: after
    content controls, custom XML, deleted rows and nested tables, joined paragraphs included.
    """

    paragraphs: list[list[int]] = field(default_factory=list)  # paragraph index -> its w:p (joined: several)
    tables: list[list[list[tuple[int, int, list[int]]]]] = field(default_factory=list)  # rows: (column, span, w:p)


# Resolved style tables by the bytes of (styles.xml, theme): the last few, for batches of one template.
_STYLE_TABLES: dict[tuple[bytes, bytes], Styles] = {}
_STYLE_TABLES_KEPT = 2
_STYLE_LOCK = threading.Lock()


class _Reader:
    def __init__(self, package: Package) -> None:
        self.package = package
        self.blocks: list[Block] = []
        self.as_written: list[AsWritten] = []
        self.counters: dict[str, list[int]] = {}  # origin -> [next paragraph index, next table index]
        self.textboxes: list[etree._Element] = []
        self.notes: dict[str, list[str]] = {"footnote": [], "endnote": []}
        self.anchors: dict[str, dict[str, Anchor]] = {}  # comment id -> {"start"|"end"|"ref": Anchor}
        self.origin = "body"
        self.record = True  # comment marks are recorded (not while reading the comments themselves)
        self.ordinals: dict[etree._Element, int] | None = None  # tracing the body: w:p -> position
        self.layout = BodyLayout()
        main = package.main
        self.rels = package.relationships(main)
        self.styles = self._styles()
        self.numbering = Numbering(self._part_of("numbering"), self.styles)
        self.counter: Counter = self.numbering.counter()

    # --- parts ---------------------------------------------------------------------------------------------

    def part(self, name: str) -> etree._Element | None:
        root = self.package.xml(name)
        if root is not None and is_strict(root):
            to_transitional(root)
        return root

    def _styles(self) -> Styles:
        """The style table, shared by the plans that carry the same one (a batch of one school template).

        A template's ``styles.xml`` is often several hundred kilobytes, the largest part of a small plan;
        a resolved table holds no state of its plan (its caches are functions of the styles alone).
        """
        names = {rel.type: rel.target for rel in self.rels if rel.type in ("styles", "theme")}
        parts = self.package.parts
        key = (parts.get(names.get("styles", ""), b""), parts.get(names.get("theme", ""), b""))
        with _STYLE_LOCK:
            styles = _STYLE_TABLES.pop(key, None)
        if styles is None:
            styles = Styles(self._part_of("styles"), theme_fonts(self._part_of("theme")))
        with _STYLE_LOCK:  # the review desk reads in threads
            _STYLE_TABLES[key] = styles  # most recent last
            while len(_STYLE_TABLES) > _STYLE_TABLES_KEPT:
                del _STYLE_TABLES[next(iter(_STYLE_TABLES))]
        return styles

    def _part_of(self, kind: str) -> etree._Element | None:
        for rel in self.rels:
            if rel.type == kind:
                return self.part(rel.target)
        return None

    def _next(self, kind: int) -> int:
        counter = self.counters.setdefault(self.origin, [0, 0])
        counter[kind] += 1
        return counter[kind] - 1

    # --- stories -------------------------------------------------------------------------------------------

    def story(self, root: etree._Element, origin: str, counter: Counter | None = None) -> None:
        """Read a story (body, header, footer, note), then the text boxes it anchors."""
        saved = self.counter
        self.counter = counter or self.numbering.counter()
        self.origin = origin
        sink = _Sink()
        self._flow(root, sink)
        self._flush(sink)
        self.origin = "textbox"
        while self.textboxes:
            box = self.textboxes.pop(0)
            sink = _Sink()
            self._flow(box, sink)
            self._flush(sink)
        self.counter = saved

    def _flow(self, parent: etree._Element, sink: _Sink) -> None:
        for child in parent:
            tag = child.tag
            if tag == _P:
                self._paragraph(child, sink)
            elif tag == _TBL:
                self._flush(sink)
                self._table_in(child, sink)
            elif tag == _SDT:
                self._flow(_content(child), sink)
            elif tag in _BLOCK_WRAPPERS:
                self._flow(child, sink)
            elif tag == _ALTERNATE:
                choice = child.find(_CHOICE)
                if choice is not None:
                    self._flow(choice, sink)
            elif tag == _COMMENT_START or tag == _COMMENT_END:
                self._block_mark(child, sink)

    # --- paragraphs ----------------------------------------------------------------------------------------

    def _paragraph(self, p: etree._Element, sink: _Sink) -> None:
        acc = sink.pending or _Acc()
        sink.pending = None
        if self.ordinals is not None:
            acc.ps.append(self.ordinals[p])
        pstyle = numpr = align = mark = None
        # Children are looked at by position and tag, never with find(): lxml's find() parses its path
        # each time and costs several times a loop over the few children of a property element.
        ppr = p[0] if len(p) else None
        if ppr is not None and ppr.tag == _PPR:
            for child in ppr:
                tag = child.tag
                if tag == _PSTYLE:
                    pstyle = child.get(VAL)
                elif tag == _NUMPR:
                    numpr = child
                elif tag == _JC:
                    align = child.get(VAL)
                elif tag == _RPR:
                    mark = child
        styles = self.styles
        style = styles.paragraph(pstyle)
        mark_props = style.props
        removed = False
        if mark is not None and len(mark):
            mark_props = overlay(mark_props, read_props(mark, styles.themes))
            removed = any(c.tag == _DEL or c.tag == _MOVE_FROM for c in mark)
        self._inline(p, acc, pstyle)
        info = (pstyle, numpr, align or style.align, mark_props, style.num_id is not None or numpr is not None)
        if removed or mark_props[HIDDEN]:
            sink.pending, sink.info = acc, info  # Word shows this paragraph joined with the next one
            return
        self._emit(acc, info, sink)

    def _flush(self, sink: _Sink) -> None:
        """A paragraph whose mark was removed but that has no next paragraph to join stands alone."""
        acc, sink.pending = sink.pending, None
        if acc is not None and (acc.parts or acc.marks):
            self._emit(acc, sink.info, sink)  # type: ignore[arg-type]

    def _label(self, pstyle: str | None, numpr: etree._Element | None) -> str:
        """The numbering label and its suffix as the paragraph starts with it ('' when not numbered)."""
        style = self.styles.paragraph(pstyle)
        num_id, ilvl = style.num_id, style.ilvl
        if numpr is not None:
            num_id = ooxml_int(val(numpr.find(W + "numId")), num_id, 0, _MAX_ID)
            ilvl = ooxml_int(val(numpr.find(W + "ilvl")), ilvl, 0, 8)
        if not num_id:  # numId 0 removes the numbering a style gives
            return ""
        if ilvl is None:
            ilvl = self.numbering.level_of_style(num_id, self.styles.paragraph_id(pstyle))
        found = self.counter.label(num_id, ilvl)
        if found is None:
            return ""
        label, suffix = found
        return label + (" " if suffix in ("tab", "space") else "")

    def _emit(self, acc: _Acc, info: tuple, sink: _Sink) -> None:
        pstyle, numpr, align, mark_props, numbered = info
        prefix = self._label(pstyle, numpr) if numbered else ""
        raw = prefix + "".join(acc.parts)
        if sink.lines is not None:  # a line of a cell or comment
            sink.ps += acc.ps
            if acc.marks and self.record:
                line = len(sink.lines)
                for kind, cid, offset in acc.marks:
                    sink.marks.append((kind, cid, line, None if sink.nested else len(prefix) + offset))
            sink.lines.append(raw)
            return
        text = nfc(raw)
        block = len(self.blocks)
        if text != raw:
            self.as_written.append(AsWritten(raw, block))
        if acc.marks and self.record:
            for kind, cid, offset in acc.marks:
                at = len(prefix) + offset
                self._anchor(cid, kind, Anchor(block, offset=at if text == raw else len(nfc(raw[:at]))))
        fmts = acc.fmts
        if fmts:
            first = fmts[0]
            style = RunStyle(_common([f[BOLD] for f in fmts]), _common([f[ITALIC] for f in fmts]),
                             first[SIZE], first[FONT])
        else:
            style = RunStyle(mark_props[BOLD], mark_props[ITALIC], mark_props[SIZE], mark_props[FONT])
        if self.ordinals is not None:
            self.layout.paragraphs.append(acc.ps)
        self.blocks.append(Paragraph(text, self._next(0), None, self.origin, style, pstyle,  # type: ignore[arg-type]
                                     align, prefix.rstrip() or None))

    def _inline(self, parent: etree._Element, acc: _Acc, pstyle: str | None) -> None:
        for child in parent:
            tag = child.tag
            if tag == _R:
                self._run(child, acc, pstyle)
            elif tag in _INLINE_WRAPPERS:
                self._inline(child, acc, pstyle)
            elif tag == _SDT:
                self._inline(_content(child), acc, pstyle)
            elif tag == _ALTERNATE:
                choice = child.find(_CHOICE)
                if choice is not None:
                    self._inline(choice, acc, pstyle)
            elif tag == _COMMENT_START:
                acc.marks.append(("start", child.get(W + "id") or "", acc.length()))
            elif tag == _COMMENT_END:
                acc.marks.append(("end", child.get(W + "id") or "", acc.length()))
            # w:del, w:moveFrom (removed text), w:pPr, bookmarks, proofing marks, math: nothing shown or read

    def _run(self, r: etree._Element, acc: _Acc, pstyle: str | None) -> None:
        styles = self.styles
        rpr = r[0] if len(r) else None
        if rpr is None or rpr.tag != _RPR or not len(rpr):
            props = styles.run(pstyle, None)
        else:
            first = rpr[0]  # w:rStyle comes first in w:rPr
            props = overlay(styles.run(pstyle, first.get(VAL) if first.tag == _RSTYLE else None),
                            read_props(rpr, styles.themes))
        if props[HIDDEN]:
            return
        parts = acc.parts
        shown = False
        for child in r:
            tag = child.tag
            if tag == _T:
                text = child.text
                if text:
                    parts.append(text.upper() if props[CAPS] else text)
                    shown = shown or not text.isspace()
            elif tag in _CHARS:
                parts.append(_CHARS[tag])
            elif tag == _SYM:
                code = ooxml_int(child.get(W + "char"), None, 0, 0x10FFFF, base=16)
                if code is not None:
                    parts.append(symbol_char(child.get(W + "font"), code))
            elif tag in _DRAWINGS:
                self._find_textboxes(child)
            elif tag == _FOOTNOTE_REF or tag == _ENDNOTE_REF:
                note = child.get(W + "id")
                if note is not None:
                    self.notes["footnote" if tag == _FOOTNOTE_REF else "endnote"].append(note)
            elif tag == _COMMENT_REF:
                acc.marks.append(("ref", child.get(W + "id") or "", acc.length()))
            elif tag == _RUBY:
                base = child.find(_RUBY_BASE)  # the text; w:rt above it is a reading aid
                if base is not None:
                    self._inline(base, acc, pstyle)
        if shown:
            acc.fmts.append(props)

    def _find_textboxes(self, el: etree._Element) -> None:
        """Queue the text boxes drawn by a run, outermost only, skipping ``mc:Fallback`` copies."""
        stack = [el]
        while stack:
            node = stack.pop()
            for child in node:
                tag = child.tag
                if tag == _TXBX:
                    self.textboxes.append(child)
                elif tag == _FALLBACK:
                    continue
                elif tag == _ALTERNATE:
                    choice = child.find(_CHOICE)
                    if choice is not None:
                        stack.append(choice)
                elif len(child):
                    stack.append(child)

    # --- comment marks -------------------------------------------------------------------------------------

    def _anchor(self, cid: str, kind: str, anchor: Anchor) -> None:
        marks = self.anchors.setdefault(cid, {})
        if kind != "start" or "start" not in marks:  # the first start, the last end
            marks[kind] = anchor

    def _block_mark(self, el: etree._Element, sink: _Sink) -> None:
        """A comment mark between paragraphs: on the pending paragraph, the cell, or the block beside it."""
        kind = "start" if el.tag == _COMMENT_START else "end"
        cid = el.get(W + "id") or ""
        if not self.record:
            return
        if sink.pending is not None:
            sink.pending.marks.append((kind, cid, sink.pending.length()))
        elif sink.lines is not None:
            sink.marks.append((kind, cid, len(sink.lines), None))
        else:
            block = len(self.blocks) if kind == "start" else max(len(self.blocks) - 1, 0)
            self._anchor(cid, kind, Anchor(block, offset=0 if kind == "start" else None))

    # --- tables --------------------------------------------------------------------------------------------

    def _table_in(self, tbl: etree._Element, sink: _Sink) -> None:
        if sink.lines is None:
            block = len(self.blocks)
            table, raws, grid = self._table(tbl, block, None)
            if self.ordinals is not None:
                self.layout.tables.append(grid)
            table.index = self._next(1)
            for r_i, col, raw, text in raws:
                if raw != text:
                    self.as_written.append(AsWritten(raw, block, r_i, col))
            self.blocks.append(table)
            return
        table, raws, grid = self._table(tbl, sink.cell[0] if sink.cell else -1, sink.cell)
        table.index = len(sink.tables)
        sink.tables.append(table)
        sink.ps += [pos for row in grid for _, _, ps in row for pos in ps]
        for _, _, raw, _ in raws:
            if raw:
                sink.lines.append(raw)

    def _table(self, tbl: etree._Element, block: int, outer: tuple[int, int, int] | None
               ) -> tuple[Table, list[tuple[int, int, str, str]], list[list[tuple[int, int, list[int]]]]]:
        """The table, each cell's (row, column, raw text, NFC text) and, when tracing, each row's
        (column, span, w:p positions); deleted rows and cells left out.

        ``outer`` is the cell a nested table is in (its comment marks are anchored there).
        """
        rows: list[Row] = []
        raws: list[tuple[int, int, str, str]] = []
        grid: list[list[tuple[int, int, list[int]]]] = []
        for tr in _wrapped(tbl, _TR):
            col = 0
            trpr = _first(tr, _TRPR, _TBL_PR_EX)
            if trpr is not None:
                if any(c.tag == _DEL for c in trpr):
                    continue
                col = ooxml_int(next((c.get(VAL) for c in trpr if c.tag == _GRID_BEFORE), None), 0, 0,
                                MAX_GRID_SPAN) or 0
            r_i = len(rows)
            cells: list[Cell] = []
            placed: list[tuple[int, int, list[int]]] = []
            for tc in _wrapped(tr, _TC):
                span, continued = 1, False
                tcpr = _first(tc, _TCPR)
                if tcpr is not None:
                    for c in tcpr:
                        tag = c.tag
                        if tag == _GRID_SPAN:
                            span = ooxml_int(c.get(VAL), 1, 1, MAX_GRID_SPAN) or 1
                        elif tag == _VMERGE:
                            continued = c.get(VAL, "continue") == "continue"
                        elif tag == _CELL_DEL:
                            span = 0
                    if not span:
                        continue
                sink = _Sink(outer or (block, r_i, col), [], outer is not None)
                if not continued:
                    self._flow(tc, sink)
                    self._flush(sink)
                raw = self._cell_text(sink)
                text = nfc(raw)
                raws.append((r_i, col, raw, text))
                cells.append(Cell(text, r_i, col, None, continued, sink.tables))
                placed.append((col, span, sink.ps))
                col += span
            rows.append(Row(cells, r_i))
            grid.append(placed)
        return Table(rows, 0, None, self.origin, _is_borderless(tbl)), raws, grid  # type: ignore[arg-type]

    def _cell_text(self, sink: _Sink) -> str:
        lines = sink.lines or []
        joined = "\n".join(lines)
        raw = joined.strip("\n")
        if sink.marks and sink.cell is not None:
            block, row, col = sink.cell
            lead = len(joined) - len(joined.lstrip("\n"))
            starts = [0]
            for line in lines:
                starts.append(starts[-1] + len(line) + 1)
            text = nfc(raw)
            for kind, cid, line_no, offset in sink.marks:
                at = None
                if offset is not None and not sink.nested:
                    at = min(max(starts[min(line_no, len(lines))] + offset - lead, 0), len(raw))
                    at = at if text == raw else len(nfc(raw[:at]))
                self._anchor(cid, kind, Anchor(block, row, col, at))
        return raw

    # --- the whole package ---------------------------------------------------------------------------------

    def comments(self, root: etree._Element | None) -> list[Comment]:
        out: list[Comment] = []
        if root is None:
            return out
        self.record = False
        for el in root.iter(W + "comment"):
            sink = _Sink(lines=[])
            self._flow(el, sink)
            self._flush(sink)
            cid = el.get(W + "id") or ""
            marks = self.anchors.get(cid, {})
            start = marks.get("start") or marks.get("ref")
            end = marks.get("end") or marks.get("ref") or start
            out.append(Comment(cid, el.get(W + "author") or "", el.get(W + "initials") or "", el.get(W + "date"),
                               nfc("\n".join(sink.lines or []).strip()), start, end))
        self.record = True
        return out

    def notes_of(self, kind: str) -> None:
        """Footnotes or endnotes, in the order the text refers to them (separators are not notes)."""
        root = self._part_of(kind + "s")
        ids = list(dict.fromkeys(self.notes[kind]))
        if root is None or not ids:
            return
        by_id = {el.get(W + "id"): el for el in root.iter(W + kind)
                 if el.get(W + "type") in (None, "normal")}
        counter = self.numbering.counter()
        for note_id in ids:
            el = by_id.get(note_id)
            if el is not None:
                self.story(el, kind, counter)


def _page_setup(sect_pr: etree._Element) -> PageSetup:
    setup = PageSetup()
    pg = sect_pr.find(W + "pgSz")
    if pg is not None:
        w = ooxml_int(pg.get(W + "w"), None, 0, _MAX_TWIPS)
        h = ooxml_int(pg.get(W + "h"), None, 0, _MAX_TWIPS)
        setup.width_mm = w / _TWIPS_PER_MM if w is not None else None
        setup.height_mm = h / _TWIPS_PER_MM if h is not None else None
        setup.orientation = pg.get(W + "orient") or "portrait"
    mar = sect_pr.find(W + "pgMar")
    if mar is not None:
        for side in ("top", "bottom", "left", "right"):
            # A negative top or bottom margin is as wide as a positive one (the text may not move it).
            v = ooxml_int(mar.get(W + side), None, -_MAX_TWIPS, _MAX_TWIPS)
            setattr(setup, f"{side}_mm", abs(v) / _TWIPS_PER_MM if v is not None else None)
    return setup


def _header_parts(reader: _Reader, sections: list[etree._Element], kind: str) -> list[str]:
    """The header (or footer) parts the sections show, in order, each once.

    A first-page header shows only where the section has a distinct first page (``w:titlePg``), an
    even-page one only where the settings say even and odd pages differ.
    """
    settings = reader._part_of("settings")
    even_odd = settings is not None and settings.find(W + "evenAndOddHeaders") is not None
    targets = {rel.id: rel.target for rel in reader.rels if rel.type == kind}
    out: list[str] = []
    for sect in sections:
        title_page = sect.find(W + "titlePg") is not None
        for ref in sect.iterchildren(W + kind + "Reference"):
            which = ref.get(W + "type") or "default"
            if (which == "first" and not title_page) or (which == "even" and not even_odd):
                continue
            target = targets.get(ref.get(R + "id") or "")
            if target is not None and target not in out:
                out.append(target)
    return out


def _body(reader: _Reader) -> etree._Element:
    root = reader.part(reader.package.main)
    body = root.find(W + "body") if root is not None and root.tag == W + "document" else None
    if body is None:
        raise InputError.for_file("not_word", reader.package.path, "văn bản Word không có phần thân (w:body).",
                                  "the Word document has no body (w:body).")
    return body


def body_layout(package: Package) -> BodyLayout:
    """Where each body paragraph and table cell the reader reports is, in the main part's XML."""
    reader = _Reader(package)
    body = _body(reader)
    reader.ordinals = {el: i for i, el in enumerate(body.iter(_P))}  # also keeps each element's proxy alive
    reader.story(body, "body", reader.counter)
    return reader.layout


def read_package(package: Package) -> Document:
    """The blocks of a vetted package; a package without a readable body raises :class:`InputError`."""
    path = package.path
    reader = _Reader(package)
    body = _body(reader)
    sections = [s for s in body.iter(_SECT_PR) if s.getparent().tag != W + "sectPrChange"]
    for name in _header_parts(reader, sections, "header"):
        header = reader.part(name)
        if header is not None and header.tag == W + "hdr":
            reader.story(header, "header")
    reader.story(body, "body", reader.counter)
    for name in _header_parts(reader, sections, "footer"):
        footer = reader.part(name)
        if footer is not None and footer.tag == W + "ftr":
            reader.story(footer, "footer")
    reader.notes_of("footnote")
    reader.notes_of("endnote")
    styles = reader.styles
    base = styles.paragraph(None).props
    return Document(path=path, source_format="docx", blocks=reader.blocks, pages=[_page_setup(s) for s in sections],
                    default_style=RunStyle(base[BOLD], base[ITALIC], base[SIZE], base[FONT]),
                    as_written=reader.as_written, comments=reader.comments(reader._part_of("comments")))


def read_docx(data: bytes, path: str) -> Document:
    """Vet and read the Word package in ``data``; anything unreadable raises :class:`InputError`."""
    return read_package(vet_package(data, path))
