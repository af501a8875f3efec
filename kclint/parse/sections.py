"""Numbered headings (I, II ...; A, B ...; 1, 2 ...; 1.1, 1.2 ...) and their nesting.

Nesting follows the order in which numbering schemes first appear under a
parent, as plans do it: a plan may open with ``A.`` / ``B.`` and put ``I.``
under ``B.``, or open with ``I.`` and put ``1.`` under it.
"""

from __future__ import annotations

import re

from kclint.document import Document, Paragraph, Table
from kclint.model import Section, evolve, span
from kclint.parse.lines import Line, cell_location
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


def drawn_by_word(sections: list[Section], doc: Document) -> list[Section]:
    """``sections`` with ``drawn`` set on those whose label Word's automatic numbering drew: a list may mix
    them with labels typed by hand ('a)'-'e)' drawn, 'g)' typed), and is still one list."""
    out = []
    for s in sections:
        block = doc.blocks[s.span.loc.block] if s.span.loc.block is not None else None
        drawn = isinstance(block, Paragraph) and bool(block.label) \
            and re.fullmatch(re.escape(s.label) + r"\W*", (block.label or "").strip()) is not None
        out.append(evolve(s, drawn=True) if drawn else s)
    return out


def parse_points(lines: list[Line], context: dict[int, str], doc: Document,
                 headers: dict[int, tuple[int | None, dict[int, str]]]) -> list[Section]:
    """Lettered points of body paragraphs ('a) ...', 'đ. ...') under the heading in force, then the row
    numbers of each body table, one list per table; ``headers`` is each table's header row and column fields
    (:func:`kclint.parse.items.table_headers`). A table without a header row that continues the one above (a
    table split by a page or by a phase line between its rows) continues its list."""
    points: list[Section] = []
    for line in lines:
        if line.loc.origin is None and not line.in_table:
            m = _POINT.match(line.text)
            if m:
                points.append(Section(label=m["n"], scheme="point", depth=0, title=m["t"].strip(),
                                      span=line.span(), path=context.get(line.block, "")))
    path = ""
    for b, block in enumerate(doc.blocks):
        if isinstance(block, Table) and block.origin == "body":
            head_row, declared = headers.get(b, (0, {}))
            if head_row is not None or not path:
                path = f"table {block.index}"
            # The column headed 'STT'/'TT'; else the first, unless its header names another field (a column
            # of standards or of criteria holds numbers that are no row numbers).
            col = next((c for c, name in declared.items() if name == "tt"), None if 0 in declared else 0)
            if col is not None:
                points += _row_numbers(block, b, col, path)
    return points


def _row_numbers(t: Table, block: int, col: int, path: str) -> list[Section]:
    """The numbers of a table's number column ('1', '2.', 'III'): the one its header names ('STT', 'TT'),
    else the first. Whichever reader made the table, a row is read the same way. Each number quotes its whole
    row (cells joined by tabs), so the reviewer sees which row it is. A number cell merged down from the row
    above (Word keeps its text once, on the first row) or left empty on a continuation row adds no number; a
    number written again beside the same content as the row above (an export that repeats merged cells:
    '1 | Tiêu chí 1.6 | task a' then '1 | Tiêu chí 1.6 | task b') continues that row and is not a repeat."""
    out: list[Section] = []
    above: dict[int, str] = {}
    for row in t.rows:
        texts = {c.column: c.text.strip() for c in row.cells}
        cell = next((c for c in row.cells if c.column == col), None)
        m = _ROW_NUMBER.match(texts.get(col, "").split("\n", 1)[0].strip())
        label = m["n"] if m and (m["n"].isdigit() or roman_value(m["n"])) else ""
        repeated_merge = texts.get(col) == above.get(col) and bool(texts.get(col + 1)) \
            and texts.get(col + 1) == above.get(col + 1)
        if label and cell is not None and not repeated_merge:
            loc = cell_location(t, row.index, col, cell.line or row.line, block)
            out.append(Section(label=label, scheme="row", depth=0, title="",
                               span=span("\t".join(texts[c] for c in sorted(texts)), loc),
                               path=path))
        above = texts
    return out
