"""Run and paragraph formatting resolved from ``styles.xml`` the way Word resolves it.

A run's bold, italic, size, font, hidden (``w:vanish``) and capitals (``w:caps``) come from, in
order: the document defaults (``w:docDefaults``), the paragraph's style and the styles it is based
on (or, for a paragraph without a style, the default paragraph style: the one flagged
``w:default="1"``, else the style named Normal, as LibreOffice writes it), the run's character
style and its chain, then the run's direct formatting. Each later level overrides what it sets.
(Word XORs toggle properties between style levels; plans never rely on that, so a later level
simply wins.) Fonts given as theme slots (``w:asciiTheme``) are looked up in the theme.

Formatting is a tuple, ``Props``, resolved once per (paragraph style, character style) pair and
overlaid by a run's own ``w:rPr``: a long plan has thousands of runs and a handful of styles.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from kclint.limits import ooxml_int
from kclint.readers.ooxml import VAL, W, on, val

# bold, italic, size in points, font, hidden, all capitals; None = not set at this level.
Props = tuple[bool | None, bool | None, float | None, str | None, bool | None, bool | None]
NO_PROPS: Props = (None, None, None, None, None, None)
BOLD, ITALIC, SIZE, FONT, HIDDEN, CAPS = range(6)

_RFONTS, _RPR, _PPR, _PSTYLE, _RSTYLE = W + "rFonts", W + "rPr", W + "pPr", W + "pStyle", W + "rStyle"
_NUMPR, _NUMID, _ILVL, _JC, _BASED = W + "numPr", W + "numId", W + "ilvl", W + "jc", W + "basedOn"
_TOGGLES = {W + "b": BOLD, W + "i": ITALIC, W + "vanish": HIDDEN, W + "specVanish": HIDDEN, W + "caps": CAPS}
_SZ = W + "sz"
_MAX_CHAIN = 32  # basedOn chains longer than this are loops or damage
# Word's sizes are half-points from 1 to 1,638 (819 pt).
_MAX_HALF_POINTS = 1638
_THEME_NS = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def theme_fonts(theme: etree._Element | None) -> dict[str, str]:
    """Theme font slots (``minorHAnsi``...) to the font names the theme's font scheme gives them."""
    fonts: dict[str, str] = {}
    if theme is None:
        return fonts
    for kind in ("major", "minor"):
        latin = theme.find(f".//{_THEME_NS}fontScheme/{_THEME_NS}{kind}Font/{_THEME_NS}latin")
        face = latin.get("typeface") if latin is not None else None
        if face:
            for slot in ("Ascii", "HAnsi"):
                fonts[kind + slot] = face
    return fonts


def overlay(base: Props, top: Props) -> Props:
    """``top``'s settings over ``base``'s."""
    if top == NO_PROPS:
        return base
    return tuple(t if t is not None else b for b, t in zip(base, top, strict=True))  # type: ignore[return-value]


def read_props(rpr: etree._Element | None, themes: dict[str, str]) -> Props:
    """What one ``w:rPr`` sets."""
    if rpr is None or not len(rpr):
        return NO_PROPS
    out: list = [None] * 6
    for child in rpr:
        tag = child.tag
        slot = _TOGGLES.get(tag)  # type: ignore[call-overload]
        if slot is not None:
            out[slot] = on(child) or (out[slot] if slot == HIDDEN else False)
        elif tag == _SZ:
            half = ooxml_int(child.get(VAL), None, 1, _MAX_HALF_POINTS)
            if half is not None:
                out[SIZE] = half / 2
        elif tag == _RFONTS:
            # Within one w:rFonts a theme slot wins over the named font (ECMA-376, 17.3.2.26).
            out[FONT] = (themes.get(child.get(W + "asciiTheme") or "") or child.get(W + "ascii")
                         or themes.get(child.get(W + "hAnsiTheme") or "") or child.get(W + "hAnsi"))
    return tuple(out)  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class ParagraphStyle:
    """What a paragraph style gives a paragraph: run formatting, alignment and numbering."""

    props: Props
    align: str | None
    num_id: int | None
    ilvl: int | None


class Styles:
    """The style table of one document, with resolutions cached."""

    def __init__(self, root: etree._Element | None, themes: dict[str, str]) -> None:
        self.themes = themes
        self.by_id: dict[str, etree._Element] = {}
        self.default_paragraph: str | None = None
        defaults = NO_PROPS
        default_align = None
        named_normal: str | None = None
        if root is not None:
            for st in root.iter(W + "style"):
                sid = st.get(W + "styleId")
                if sid is None or sid in self.by_id:  # the first definition wins, as in Word
                    continue
                self.by_id[sid] = st
                if st.get(W + "type") == "paragraph":
                    if self.default_paragraph is None and on_attr(st.get(W + "default")):
                        self.default_paragraph = sid
                    name = val(st.find(W + "name"))
                    if named_normal is None and (name or "").strip().lower() == "normal":
                        named_normal = sid
            doc_defaults = root.find(W + "docDefaults")
            if doc_defaults is not None:
                defaults = read_props(doc_defaults.find(f"{W}rPrDefault/{_RPR}"), themes)
                default_align = val(doc_defaults.find(f"{W}pPrDefault/{_PPR}/{_JC}"))
        if self.default_paragraph is None:
            self.default_paragraph = named_normal
        self.defaults = defaults
        self._default_align = default_align
        self._paragraph: dict[str | None, ParagraphStyle] = {}
        self._runs: dict[tuple[str | None, str | None], Props] = {}

    def _chain(self, style_id: str | None) -> list[etree._Element]:
        """The style and the styles it is based on, most basic first."""
        chain: list[etree._Element] = []
        seen: set[str] = set()
        while style_id is not None and style_id not in seen and len(chain) < _MAX_CHAIN:
            st = self.by_id.get(style_id)
            if st is None:
                break
            seen.add(style_id)
            chain.append(st)
            style_id = val(st.find(_BASED))
        chain.reverse()
        return chain

    def paragraph(self, style_id: str | None) -> ParagraphStyle:
        """The resolved paragraph style; an unknown or absent style is the default paragraph style."""
        cached = self._paragraph.get(style_id)
        if cached is not None:
            return cached
        sid = style_id if style_id in self.by_id else self.default_paragraph
        props, align, num_id, ilvl = self.defaults, self._default_align, None, None
        for st in self._chain(sid):
            props = overlay(props, read_props(st.find(_RPR), self.themes))
            ppr = st.find(_PPR)
            if ppr is not None:
                align = val(ppr.find(_JC)) or align
                numpr = ppr.find(_NUMPR)
                if numpr is not None:
                    num_id = ooxml_int(val(numpr.find(_NUMID)), num_id, 0, 1 << 31)
                    ilvl = ooxml_int(val(numpr.find(_ILVL)), ilvl, 0, 8)
        resolved = self._paragraph[style_id] = ParagraphStyle(props, align, num_id, ilvl)
        return resolved

    def paragraph_id(self, style_id: str | None) -> str | None:
        """The style a paragraph is in, as numbering levels name it (``w:lvl/w:pStyle``)."""
        return style_id if style_id in self.by_id else self.default_paragraph

    def run(self, paragraph_style: str | None, char_style: str | None) -> Props:
        """A run's formatting from the styles, before its direct formatting."""
        key = (paragraph_style, char_style)
        cached = self._runs.get(key)
        if cached is not None:
            return cached
        props = self.paragraph(paragraph_style).props
        if char_style is not None:
            for st in self._chain(char_style):
                if st.get(W + "type") == "character":
                    props = overlay(props, read_props(st.find(_RPR), self.themes))
        self._runs[key] = props
        return props

    def style_element(self, style_id: str) -> etree._Element | None:
        return self.by_id.get(style_id)


def on_attr(value: str | None) -> bool:
    """An on/off attribute (``w:default="1"``)."""
    return value is not None and value.strip().lower() in ("1", "true", "on")
