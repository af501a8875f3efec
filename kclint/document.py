"""What a reader returns: the text of a plan as ordered blocks with locations.

A ``Document`` knows nothing about plans; ``kclint.parse`` turns it into a
``Plan``. Blocks are plain dataclasses (not pydantic) because a long plan has
thousands of them and they are built on the hot path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Origin = Literal["body", "header", "footer", "textbox"]


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

    ``index`` counts paragraphs of the body in order (0-based, table cells
    excluded); ``line`` is the 1-based line of a text export.
    """

    text: str
    index: int
    line: int | None = None
    origin: Origin = "body"
    style: RunStyle = field(default_factory=RunStyle)
    style_name: str | None = None
    align: str | None = None


@dataclass(slots=True)
class Cell:
    """One cell; a vertically merged cell's text is kept once, on its first row (``merged_up`` below)."""

    text: str
    row: int
    column: int
    line: int | None = None
    merged_up: bool = False  # continues the cell above (Word vMerge): same content, not an empty cell


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
class Document:
    """The ordered blocks of one input file."""

    path: str
    source_format: Literal["docx", "txt", "md"]
    blocks: list[Block]
    pages: list[PageSetup] = field(default_factory=list)
    default_style: RunStyle = field(default_factory=RunStyle)
    as_written: list[AsWritten] = field(default_factory=list)
