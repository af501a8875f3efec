"""WordprocessingML names and the small value readers every part of the Word reader shares.

Strict OOXML (ISO 29500 strict, ``purl.oclc.org/ooxml`` namespaces) uses the same element names in
other namespaces; :func:`to_transitional` renames a strict tree in place, so the reader has one
vocabulary.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from lxml import etree

from kclint.limits import ooxml_int

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{" + W_NS + "}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_STRICT = {
    "http://purl.oclc.org/ooxml/wordprocessingml/main": W_NS,
    "http://purl.oclc.org/ooxml/officeDocument/relationships": R[1:-1],
}

VAL = W + "val"
_OFF = frozenset({"0", "false", "off", "none"})


def is_strict(root: etree._Element) -> bool:
    return etree.QName(root).namespace in _STRICT


def to_transitional(root: etree._Element) -> None:
    """Rename a strict tree's WordprocessingML and relationship names to their transitional twins."""
    for el in root.iter():
        tag = el.tag
        if isinstance(tag, str) and tag[:1] == "{":
            ns, _, local = tag[1:].partition("}")
            if ns in _STRICT:
                el.tag = "{" + _STRICT[ns] + "}" + local
        for key in [k for k in el.attrib if k[:1] == "{" and k[1:].partition("}")[0] in _STRICT]:
            ns, _, local = key[1:].partition("}")
            el.attrib["{" + _STRICT[ns] + "}" + local] = el.attrib.pop(key)


def on(el: etree._Element) -> bool:
    """A WordprocessingML on/off property: present means on unless its value says off."""
    return el.get(VAL, "1").strip().lower() not in _OFF


def val(el: etree._Element | None) -> str | None:
    return el.get(VAL) if el is not None else None


def int_val(el: etree._Element | None, default: int | None, lo: int, hi: int, attr: str = VAL) -> int | None:
    return ooxml_int(el.get(attr), default, lo, hi) if el is not None else default


# --- symbol fonts --------------------------------------------------------------------------------------------

_SYMBOL_FONT_NAMES = {"symbol": "Symbol", "wingdings": "Wingdings"}


@lru_cache(maxsize=1)
def _symbol_tables() -> dict[str, dict[int, str]]:
    raw = json.loads(resources.files("kclint.catalogs").joinpath("symbol_fonts.json").read_text(encoding="utf-8"))
    return {font: {int(code, 16): chr(int(uni, 16)) for code, uni in table.items()}
            for font, table in raw["fonts"].items()}


def symbol_char(font: str | None, code: int) -> str:
    """The Unicode character of ``code`` in ``font``.

    Symbol and Wingdings are fonts with their own encodings: Word stores their characters as
    ``U+F0xx`` (or ``xx``), and a reader that does not map them sees private-use code points
    instead of ``≥`` or ``•``. In any other font the code is the Unicode character itself (a
    private-use one for the symbol fonts kclint has no table for: the glyph is unknown, not a letter).
    """
    name = _SYMBOL_FONT_NAMES.get((font or "").strip().lower())
    if name is not None:
        mapped = _symbol_tables()[name].get(code - 0xF000 if 0xF000 <= code <= 0xF0FF else code)
        if mapped is not None:
            return mapped
    return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else ""


def symbol_text(font: str | None, text: str) -> str:
    """``text`` written in ``font`` (a bullet of a numbering level), mapped as :func:`symbol_char` maps one."""
    if (font or "").strip().lower() not in _SYMBOL_FONT_NAMES:
        return text
    return "".join(symbol_char(font, ord(c)) for c in text)
