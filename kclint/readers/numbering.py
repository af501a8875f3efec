"""The labels Word computes for automatically numbered paragraphs (``numbering.xml``).

A numbered paragraph (``w:numPr``, direct or through its style) names a numbering instance
(``w:num``) and a level (``w:ilvl``). The instance points at an abstract definition whose level
gives the start value, the number format, the label template (``%1.%2.``), when the level restarts
and whether it shows its parents as plain numbers (``w:isLgl``). An instance may override the start
of a level (``w:lvlOverride/w:startOverride``) or the whole level. Counters belong to the abstract
definition: paragraphs of two instances of one list continue each other, unless an override
restarts the count at the first paragraph of its instance, as Word does.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from lxml import etree

from kclint.limits import ooxml_int
from kclint.readers.ooxml import VAL, W, symbol_text, val
from kclint.readers.styles import HIDDEN, Styles, read_props

LEVELS = 9
_MAX_START = 1 << 20  # a list of a million items is damage; keeps labels short
_MAX_LABEL = 64


@dataclass(frozen=True, slots=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None  # the template; None: Word's default '%n.'
    restart: int | None = None  # None: after any higher level; 0: never; n: after level n (1-based) or higher
    legal: bool = False
    suffix: str = "tab"
    hidden: bool = False
    font: str | None = None
    style: str | None = None  # the paragraph style this level is linked to


def _level(el: etree._Element, styles: Styles, base: Level | None = None) -> Level:
    lv = base or Level()
    changes: dict[str, object] = {}
    for child in el:
        tag = child.tag
        if tag == W + "start":
            changes["start"] = ooxml_int(child.get(VAL), lv.start, 0, _MAX_START)
        elif tag == W + "numFmt":
            changes["fmt"] = child.get(VAL) or "decimal"
        elif tag == W + "lvlText":
            changes["text"] = (child.get(VAL) or "")[:_MAX_LABEL]  # Word allows 255; plans need a few
        elif tag == W + "lvlRestart":
            changes["restart"] = ooxml_int(child.get(VAL), None, 0, LEVELS)
        elif tag == W + "isLgl":
            changes["legal"] = child.get(VAL, "1").lower() not in ("0", "false", "off")
        elif tag == W + "suff":
            changes["suffix"] = child.get(VAL) or "tab"
        elif tag == W + "pStyle":
            changes["style"] = child.get(VAL)
        elif tag == W + "rPr":
            props = read_props(child, styles.themes)
            changes["hidden"] = bool(props[HIDDEN])
            fonts = child.find(W + "rFonts")
            if fonts is not None:
                changes["font"] = fonts.get(W + "ascii") or fonts.get(W + "hAnsi")
    return replace(lv, **changes) if changes else lv  # type: ignore[arg-type]


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * min(count, _MAX_LABEL))  # a million is a thousand 'm's: the label is cut anyway
    return "".join(out)


def _letters(n: int) -> str:
    # Word counts a..z, then aa..zz, then aaa..: the letter repeats, it does not carry like a base.
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * min((n - 1) // 26 + 1, _MAX_LABEL)


def format_number(n: int, fmt: str) -> str:
    """One level's number in its format (``decimal``, ``lowerLetter``, ``upperRoman``...)."""
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    return str(n)  # decimal, and every format kclint does not spell out (Word falls back the same way)


class Numbering:
    """Numbering definitions and the running counters of one story."""

    def __init__(self, root: etree._Element | None, styles: Styles) -> None:
        self.styles = styles
        abstract: dict[int, list[Level]] = {}
        links: dict[int, str] = {}  # abstract id -> numbering style it takes its levels from
        self.nums: dict[int, tuple[int, dict[int, int], dict[int, Level]]] = {}
        self.abstract = abstract
        self._levels: dict[int, tuple[int, list[Level], dict[int, int]] | None] = {}
        if root is None:
            return
        for el in root.iter(W + "abstractNum"):
            aid = ooxml_int(el.get(W + "abstractNumId"), None, 0, 1 << 31)
            if aid is None or aid in abstract:
                continue
            levels = [Level() for _ in range(LEVELS)]
            for lvl in el.iter(W + "lvl"):
                i = ooxml_int(lvl.get(W + "ilvl"), None, 0, LEVELS - 1)
                if i is not None:
                    levels[i] = _level(lvl, styles)
            abstract[aid] = levels
            link = val(el.find(W + "numStyleLink"))
            if link:
                links[aid] = link
        num_abstract: dict[int, int] = {}
        raw: list[tuple[int, int, dict[int, int], dict[int, etree._Element]]] = []
        for el in root.iter(W + "num"):
            nid = ooxml_int(el.get(W + "numId"), None, 0, 1 << 31)
            aid = ooxml_int(val(el.find(W + "abstractNumId")), None, 0, 1 << 31)
            if nid is None or aid is None or nid in num_abstract:
                continue
            num_abstract[nid] = aid
            starts: dict[int, int] = {}
            replaced: dict[int, etree._Element] = {}
            for ov in el.iter(W + "lvlOverride"):
                i = ooxml_int(ov.get(W + "ilvl"), None, 0, LEVELS - 1)
                if i is None:
                    continue
                so = ov.find(W + "startOverride")
                if so is not None:
                    starts[i] = ooxml_int(so.get(VAL), 1, 0, _MAX_START) or 0
                lvl = ov.find(W + "lvl")
                if lvl is not None:
                    replaced[i] = lvl
            raw.append((nid, aid, starts, replaced))
        # A list defined through a numbering style: follow the style to the instance holding the levels.
        for aid, link in links.items():
            target = self._linked(link, num_abstract)
            if target is not None and target in abstract and target != aid:
                abstract[aid] = abstract[target]
        for nid, aid, starts, replaced in raw:
            base = abstract.get(aid)
            overrides = {i: _level(el, styles, base[i] if base else None) for i, el in replaced.items()}
            self.nums[nid] = (aid, starts, overrides)

    def _linked(self, style_id: str, num_abstract: dict[int, int]) -> int | None:
        st = self.styles.style_element(style_id)
        if st is None:
            return None
        nid = ooxml_int(val(st.find(f"{W}pPr/{W}numPr/{W}numId")), None, 0, 1 << 31)
        return num_abstract.get(nid) if nid is not None else None

    def counter(self) -> Counter:
        return Counter(self)

    def levels(self, num_id: int) -> tuple[int, list[Level], dict[int, int]] | None:
        """The abstract id, the levels as this instance shows them and its start overrides."""
        if num_id in self._levels:
            return self._levels[num_id]
        entry = self.nums.get(num_id)
        base = self.abstract.get(entry[0]) if entry is not None else None
        found = None
        if entry is not None and base is not None:
            aid, starts, overrides = entry
            levels = [overrides.get(i, lv) for i, lv in enumerate(base)]
            levels = [replace(lv, start=starts[i]) if i in starts else lv for i, lv in enumerate(levels)]
            found = (aid, levels, starts)
        self._levels[num_id] = found
        return found

    def level_of_style(self, num_id: int, style_id: str | None) -> int:
        """The level a style-numbered paragraph is at when its style does not say (``w:lvl/w:pStyle``)."""
        found = self.levels(num_id)
        if found is not None and style_id is not None:
            for i, lv in enumerate(found[1]):
                if lv.style == style_id:
                    return i
        return 0


class Counter:
    """The list counters of one story, advanced paragraph by paragraph in reading order."""

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.values: dict[int, list[int | None]] = {}
        self.started: set[int] = set()

    def label(self, num_id: int, ilvl: int) -> tuple[str, str] | None:
        """Advance the list of ``num_id`` at level ``ilvl``; the label and its suffix, None when not shown."""
        found = self.numbering.levels(num_id)
        if found is None:
            return None
        aid, levels, starts = found
        values = self.values.setdefault(aid, [None] * LEVELS)
        if num_id not in self.started:
            self.started.add(num_id)
            for i in starts:
                values[i] = None
        current = values[ilvl]
        values[ilvl] = levels[ilvl].start if current is None else current + 1
        for deeper in range(ilvl + 1, LEVELS):
            restart = levels[deeper].restart
            if restart is None or (restart and ilvl < restart):
                values[deeper] = None
        lv = levels[ilvl]
        if lv.hidden:
            return None
        if lv.fmt == "bullet":
            text = symbol_text(lv.font, lv.text if lv.text is not None else "\u2022")
        else:
            template = lv.text if lv.text is not None else f"%{ilvl + 1}."
            text = self._fill(template, levels, values, lv.legal)
        text = text[:_MAX_LABEL]
        return (text, lv.suffix) if text.strip() else None

    @staticmethod
    def _fill(template: str, levels: list[Level], values: list[int | None], legal: bool) -> str:
        out: list[str] = []
        i = 0
        while i < len(template):
            c = template[i]
            if c == "%" and i + 1 < len(template) and "1" <= template[i + 1] <= "9":
                k = int(template[i + 1]) - 1
                value = values[k]
                n = levels[k].start if value is None else value
                fmt = levels[k].fmt
                out.append(str(n) if legal and fmt not in ("none", "bullet") else format_number(n, fmt))
                i += 2
                continue
            out.append(c)
            i += 1
        return "".join(out)
