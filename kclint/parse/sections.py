"""Numbered headings (I, II ...; A, B ...; 1, 2 ...; 1.1, 1.2 ...) and their nesting.

Nesting follows the order in which numbering schemes first appear under a
parent, as plans do it: a plan may open with ``A.`` / ``B.`` and put ``I.``
under ``B.``, or open with ``I.`` and put ``1.`` under it.
"""

from __future__ import annotations

import re

from kclint.model import Section
from kclint.parse.lines import Line
from kclint.plantext import roman_value, to_roman

_ROMAN = re.compile(r"^(?P<n>[IVX]{1,5})\s*[.)\-–]\s*(?P<t>\S.*)$")
_LETTER = re.compile(r"^(?P<n>[A-HJ-UWYZĐ])\s*[.)]\s+(?P<t>\S.*)$")
_DECIMAL = re.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2})+)\.?\s+(?P<t>\S.*)$")
_ARABIC = re.compile(r"^(?P<n>\d{1,2})\s*[.)]\s+(?P<t>\S.*)$")
_POINT = re.compile(r"^(?P<n>[a-zđ])\s*[.)]\s+(?P<t>\S.*)$")
_ROW_NUMBER = re.compile(r"^(?P<n>\d{1,3}|[IVX]{1,5})\.?$")

def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.6 * len(letters)


def match_heading(text: str) -> tuple[str, str, str] | None:
    """``(scheme, label, title)`` when ``text`` starts with a section number."""
    m = _ROMAN.match(text)
    if m and roman_value(m["n"]) and to_roman(roman_value(m["n"])) == m["n"]:
        return "roman", m["n"], m["t"]
    m = _LETTER.match(text)
    if m and _mostly_upper(m["t"]):
        return "letter", m["n"], m["t"]
    m = _DECIMAL.match(text)
    if m:
        return "decimal", m["n"], m["t"]
    m = _ARABIC.match(text)
    if m:
        return "arabic", m["n"], m["t"]
    return None


def parse_sections(lines: list[Line]) -> tuple[list[Section], dict[int, str]]:
    """Headings of body paragraphs, and the section path in force at each block."""
    sections: list[Section] = []
    stack: list[tuple[str, str]] = []  # (scheme key, label); decimal depth is part of the key
    context: dict[int, str] = {}
    current = ""
    for line in lines:
        if not line.in_table and line.loc.origin is None:
            found = match_heading(line.text)
            if found:
                scheme, label, title = found
                key = f"decimal{label.count('.')}" if scheme == "decimal" else scheme
                keys = [k for k, _ in stack]
                if key in keys:
                    del stack[keys.index(key):]
                stack.append((key, label))
                # '1.2' already names its arabic parent: 'III.1.2', not 'III.1.1.2'.
                outer = [lbl for k, lbl in stack if k in ("roman", "letter")]
                parts = [*outer, label] if scheme == "decimal" else [lbl for _, lbl in stack]
                current = ".".join(parts)
                sections.append(
                    Section(label=label, scheme=scheme, depth=len(stack) - 1, title=title.strip(),
                            span=line.span(), path=current)  # type: ignore[arg-type]
                )
        context.setdefault(line.block, current)
    return sections, context


def parse_points(lines: list[Line], context: dict[int, str]) -> list[Section]:
    """Lettered points of body paragraphs ('a) ...', 'đ. ...') under the heading in force, and the numbers of
    each table's first column (an 'STT'/'TT' column: '1', '2.', 'III'), one list per table."""
    points: list[Section] = []
    for line in lines:
        if line.loc.origin is not None:
            continue
        if not line.in_table:
            m = _POINT.match(line.text)
            if m:
                points.append(Section(label=m["n"], scheme="point", depth=0, title=m["t"].strip(),
                                      span=line.span(), path=context.get(line.block, "")))
        elif line.loc.column == 0 and not line.loc.line:
            m = _ROW_NUMBER.match(line.text.strip())
            if m and (m["n"].isdigit() or roman_value(m["n"])):
                points.append(Section(label=m["n"], scheme="row", depth=0, title="", span=line.span(),
                                      path=f"table {line.loc.table}"))
    return points
