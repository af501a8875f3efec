"""Lines of a document with their locations.

Parsers look at *lines*: a paragraph, or one line of a table cell (header and
signature blocks are laid out in borderless tables whose cells hold several
lines). Each line keeps its raw text and its ``clean`` form
(:func:`kclint.plantext.clean`) for matching; evidence keeps the text as written.
"""

from __future__ import annotations

from dataclasses import dataclass

from kclint.document import Document, Paragraph, Table
from kclint.model import Location, Span, location, span
from kclint.plantext import clean


@dataclass(slots=True)
class Line:
    """One line of text: ``raw`` as written, ``text`` cleaned, where it is."""

    raw: str
    text: str
    loc: Location
    in_table: bool
    block: int

    def span(self) -> Span:
        return span(self.raw.strip(), self.loc)


# Locations are built by the thousand from the reader's ints and strs: trusted construction (no validation).
def paragraph_location(p: Paragraph, block: int) -> Location:
    return location(paragraph=p.index, line=p.line, origin=p.origin if p.origin != "body" else None,
                    block=block)


def cell_location(t: Table, row: int, column: int | None, line: int | None, block: int) -> Location:
    return location(table=t.index, row=row, column=column, line=line,
                    origin=t.origin if t.origin != "body" else None, block=block)


def document_lines(doc: Document) -> list[Line]:
    """Every non-empty line of the document in order (cells row by row, left to right)."""
    out: list[Line] = []
    for b, block in enumerate(doc.blocks):
        if isinstance(block, Paragraph):
            loc = paragraph_location(block, b)
            for raw in block.text.split("\n"):
                if raw.strip():
                    out.append(Line(raw, clean(raw), loc, False, b))
        else:
            for row in block.rows:
                for cell in row.cells:
                    loc = cell_location(block, row.index, cell.column, cell.line or row.line, b)
                    for raw in cell.text.split("\n"):
                        if raw.strip():
                            out.append(Line(raw, clean(raw), loc, True, b))
    return out
