"""Page setup and fonts, for the inputs that can show them.

A Word file carries its page sections and run formatting (the reader keeps them in
``Document.pages`` and ``Paragraph.style``). A Markdown/text plan can declare the same in
pandoc's metadata block at its top (``papersize``, ``geometry``, ``mainfont``,
``fontsize``, ``classoption: landscape``), which is how a plan written in Markdown tells a
converter its page; that block is metadata, not text of the plan, and is removed before
parsing. Any other plain text shows no layout: ``Plan.layout`` stays ``None`` and layout
rules stay silent.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from kclint.document import Document, Paragraph, RunStyle
from kclint.model import Layout, PageLayout, Span, TextStyle
from kclint.parse.lines import paragraph_location

_FENCE = ("---",)
_FENCE_END = ("---", "...")
# Keys are ASCII (pandoc variables), so a plan line such as 'Số: 05/KH-MNAB' is never metadata.
_META_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_-]*)\s*:\s*(?P<value>.*)$")
_LIST_ITEM = re.compile(r"^-\s+(?P<value>\S.*)$")
_LENGTH = re.compile(r"^(?P<n>\d+(?:[.,]\d+)?)\s*(?P<unit>mm|cm|in|pt)$", re.IGNORECASE)
_MM_PER = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72}
_PAPER = {  # width x height in mm, portrait
    "a4": (210.0, 297.0), "a5": (148.0, 210.0), "a3": (297.0, 420.0), "b5": (176.0, 250.0),
    "letter": (215.9, 279.4), "legal": (215.9, 355.6),
}
_NORMAL_STYLES = (None, "Normal", "normal")


def _length_mm(text: str) -> float | None:
    m = _LENGTH.match(text.strip())
    return float(m["n"].replace(",", ".")) * _MM_PER[m["unit"].lower()] if m else None


def _front_matter_end(doc: Document) -> int:
    """Number of leading blocks forming a pandoc metadata block (0 when there is none)."""
    blocks = doc.blocks
    if not blocks or not isinstance(blocks[0], Paragraph) or blocks[0].text.strip() not in _FENCE:
        return 0
    for k in range(1, min(len(blocks), 40)):
        b = blocks[k]
        if not isinstance(b, Paragraph):
            return 0
        text = b.text.strip()
        if text in _FENCE_END:
            return k + 1 if k > 1 else 0
        if not (_META_LINE.match(text) or _LIST_ITEM.match(text)):
            return 0
    return 0


def split_front_matter(doc: Document) -> tuple[Document, list[Paragraph]]:
    """The document without its metadata block, and the block's lines (empty when absent)."""
    end = _front_matter_end(doc)
    if not end:
        return doc, []
    meta = [b for b in doc.blocks[1:end - 1] if isinstance(b, Paragraph)]
    return replace(doc, blocks=doc.blocks[end:]), meta


def _geometry(value: str, page: PageLayout) -> None:
    for part in re.split(r"[,;]", value):
        key, _, raw = part.partition("=")
        key = key.strip().lower()
        mm = _length_mm(raw)
        if mm is None:
            continue
        sides = {"margin": ("top", "bottom", "left", "right"), "hmargin": ("left", "right"),
                 "vmargin": ("top", "bottom")}.get(key, (key,) if key in ("top", "bottom", "left", "right") else ())
        for side in sides:
            setattr(page, f"{side}_mm", mm)


def metadata_layout(meta: list[Paragraph]) -> Layout | None:
    """Layout declared by a metadata block; None when it declares nothing about the page or fonts."""
    page = PageLayout()
    declared_page = False
    layout = Layout(source="metadata")
    key: str | None = None
    for p in meta:
        text = p.text.strip()
        span = Span(text=text, loc=paragraph_location(p, 0))
        item = _LIST_ITEM.match(text)
        m = _META_LINE.match(text)
        if item and key == "geometry":
            _geometry(item["value"], page)
            declared_page = True
            layout.sources.setdefault("geometry", span)
            continue
        if not m:
            continue
        key, value = m["key"].lower(), m["value"].strip().strip("\"'")
        if key == "papersize":
            size = _PAPER.get(value.lower().removesuffix("paper"))
            if size:
                page.width_mm, page.height_mm = size
            declared_page = True
            layout.sources["papersize"] = span
        elif key == "geometry":
            _geometry(value, page)
            declared_page = True
            layout.sources["geometry"] = span
        elif key == "classoption" and "landscape" in value.lower():
            page.orientation = "landscape"
            declared_page = True
            layout.sources.setdefault("papersize", span)
        elif key == "mainfont" and value:
            layout.body_font = value
            layout.sources["mainfont"] = span
        elif key == "fontsize":
            size_mm = _length_mm(value)
            layout.body_size_pt = round(size_mm / _MM_PER["pt"], 1) if size_mm else None
            layout.sources["fontsize"] = span
    if declared_page:
        if page.orientation is None:
            page.orientation = "portrait"
        if page.orientation == "landscape" and page.width_mm and page.height_mm:
            page.width_mm, page.height_mm = max(page.width_mm, page.height_mm), min(page.width_mm, page.height_mm)
        layout.pages = [page]
    if not (layout.pages or layout.body_font or layout.body_size_pt):
        return None
    return layout


def _effective(p: Paragraph, default: RunStyle) -> TextStyle:
    """A paragraph's formatting with what it inherits from the Normal style filled in.

    Only paragraphs in the Normal style inherit what ``default`` says; a named style
    ('Heading1', 'Title') may set its own, which the reader does not resolve: unknown.
    """
    s = p.style
    inherits = p.style_name in _NORMAL_STYLES
    return TextStyle(
        bold=s.bold if s.bold is not None else (bool(default.bold) if inherits else None),
        italic=s.italic if s.italic is not None else (bool(default.italic) if inherits else None),
        size_pt=s.size_pt or (default.size_pt if inherits else None),
        font=s.font or (default.font if inherits else None),
    )


def docx_layout(doc: Document, components: dict[str, Span | None]) -> Layout:
    """Page sections, the dominant body font and size, and the formatting of header components."""
    pages = [replace(p) for p in doc.pages]  # copies: the plan does not share the document's objects
    fonts: Counter[str] = Counter()
    sizes: Counter[str] = Counter()
    styled: list[tuple[int, Paragraph, TextStyle]] = []
    fonts_of: dict[int, str] = {}
    for b, block in enumerate(doc.blocks):
        if not isinstance(block, Paragraph) or not block.text.strip():
            continue
        style = _effective(block, doc.default_style)
        if style.font:
            fonts_of[b] = style.font
        if block.origin != "body":
            continue
        styled.append((b, block, style))
        n = len(block.text.strip())
        if style.font:
            fonts[style.font] += n
        if style.size_pt:
            sizes[f"{style.size_pt:g}"] += n
    layout = Layout(source="docx", pages=pages)
    if fonts:
        layout.body_font = fonts.most_common(1)[0][0]
    if sizes:
        layout.body_size_pt = float(sizes.most_common(1)[0][0])
    layout.fonts = {b: font for b, font in fonts_of.items() if font != layout.body_font}
    # The sample quotes running text, not the title block the header components already name.
    header_blocks = {s.loc.block for s in components.values() if s is not None}
    for b, block, style in styled:
        if b in header_blocks:
            continue
        if style.font == layout.body_font and (layout.body_size_pt is None or style.size_pt == layout.body_size_pt):
            first_line = block.text.strip().split("\n")[0].strip()
            layout.body_sample = Span(text=first_line, loc=paragraph_location(block, b))
            break
    for name, span in components.items():
        if span is None or span.loc.table is not None or span.loc.block is None:
            continue
        block = doc.blocks[span.loc.block]
        if isinstance(block, Paragraph):
            layout.styles[name] = _effective(block, doc.default_style)
    return layout
