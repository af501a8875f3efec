"""What a reader returns: the text of a plan as ordered blocks with locations.

A ``Document`` knows nothing about plans; ``kclint.parse`` turns it into a
``Plan``. Blocks are plain dataclasses (not pydantic) because a long plan has
thousands of them and they are built on the hot path.

Blocks hold the text Word shows: tracked insertions and moved-to text, not deletions or
moved-from text; no hidden text; automatic numbering as a label at the start of the paragraph
(``Paragraph.label`` says which characters it is); a nested table's text inside its cell.
Blocks come in reading order per origin: page headers, the body, the body's text boxes, page
footers, footnotes, endnotes (the text boxes of a header or footer follow it). Word comments are
not blocks (they are not the plan's text): they are in ``Document.comments``, anchored on blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Origin = Literal["body", "header", "footer", "textbox", "footnote", "endnote"]

#: Names of the files a folder run reads as Word plans (the bytes decide how each is read): Word
#: documents, macro-enabled documents and templates, and what LibreOffice converts.
WORD_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm", ".doc", ".rtf", ".odt")
#: ... and as text exports.
TEXT_SUFFIXES = (".txt", ".md")


@dataclass(slots=True)
class RunStyle:
    """Formatting a reader can see (``None`` = not known / inherited)."""

    bold: bool | None = None
    italic: bool | None = None
    size_pt: float | None = None
    font: str | None = None


@dataclass(slots=True)
class Paragraph:
    """One paragraph of text.

    ``index`` counts paragraphs of the same origin in order (0-based, table cells
    excluded); ``line`` is the 1-based line of a text export.

    ``label`` is the number or bullet Word draws before an automatically numbered paragraph
    (``"1."``, ``"II."``, ``"a)"``, ``"•"``). ``text`` starts with it, followed by one space when
    Word puts a tab or a space after it, so every parser sees the paragraph as a reader sees it;
    the label is not in the file's runs (an annotator cannot anchor on it).
    """

    text: str
    index: int
    line: int | None = None
    origin: Origin = "body"
    style: RunStyle = field(default_factory=RunStyle)
    style_name: str | None = None
    align: str | None = None
    label: str | None = None


@dataclass(slots=True)
class Cell:
    """One cell; a vertically merged cell's text is kept once, on its first row (``merged_up`` below).

    ``text`` is the cell's whole text in reading order, one line per paragraph (numbered ones with
    their label), including the paragraphs of tables nested in the cell, which are also in
    ``tables`` with their rows and columns (their ``index`` is their position in the cell).
    """

    text: str
    row: int
    column: int
    line: int | None = None
    merged_up: bool = False  # continues the cell above (Word vMerge): same content, not an empty cell
    tables: list[Table] = field(default_factory=list)


@dataclass(slots=True)
class Row:
    cells: list[Cell]
    index: int
    line: int | None = None

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass(slots=True)
class Table:
    """A table; ``index`` counts tables of the document in order (0-based).

    ``layout`` records how a text export wrote it: one row per line with tabs
    (``rows``) or one cell per line with blank lines between rows (``cells``).
    """

    rows: list[Row]
    index: int
    line: int | None = None
    origin: Origin = "body"
    borderless: bool = False
    layout: Literal["docx", "rows", "cells"] = "docx"

    @property
    def width(self) -> int:
        return max((len(r.cells) for r in self.rows), default=0)


Block = Paragraph | Table


@dataclass(slots=True)
class PageSetup:
    """One section's page: size and margins in millimetres (``Plan.layout.pages`` holds these too)."""

    width_mm: float | None = None
    height_mm: float | None = None
    top_mm: float | None = None
    bottom_mm: float | None = None
    left_mm: float | None = None
    right_mm: float | None = None
    orientation: str | None = None


@dataclass(slots=True)
class AsWritten:
    """A paragraph, cell or line whose text was not Unicode NFC, exactly as the file holds it.

    Blocks carry NFC text so that every comparison works; these keep what the author's tools wrote
    (NFD from macOS or PDFs), so the text rules can report it with the true evidence.
    """

    text: str
    block: int
    row: int | None = None
    column: int | None = None


@dataclass(slots=True)
class Anchor:
    """A place in the document: a block (index into ``Document.blocks``), its cell, a character offset.

    ``row``/``column`` are set in a table (the top-level table's row and grid column, also for
    text in a nested table). ``offset`` counts characters of the paragraph's or cell's ``text``;
    ``None`` where it is not known (a mark between paragraphs, inside a nested table).
    """

    block: int
    row: int | None = None
    column: int | None = None
    offset: int | None = None


@dataclass(slots=True)
class Comment:
    """A Word review comment (``word/comments.xml``) and the range of text it is attached to.

    ``start``/``end`` come from ``w:commentRangeStart``/``w:commentRangeEnd``; a comment with only a
    reference mark (``w:commentReference``) is anchored on that point (``start == end``). Both are
    ``None`` when the comment's anchor is not in text kclint reads (deleted or hidden text).
    """

    id: str
    author: str
    initials: str
    date: str | None
    text: str
    start: Anchor | None = None
    end: Anchor | None = None


@dataclass(slots=True)
class Document:
    """The ordered blocks of one input file.

    ``converted_from`` names the format LibreOffice converted the file from (``"doc"``, ``"rtf"``,
    ``"odt"``); blocks and locations are then those of the converted ``.docx``.
    """

    path: str
    source_format: Literal["docx", "txt", "md"]
    blocks: list[Block]
    pages: list[PageSetup] = field(default_factory=list)
    default_style: RunStyle = field(default_factory=RunStyle)
    as_written: list[AsWritten] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    converted_from: str | None = None
