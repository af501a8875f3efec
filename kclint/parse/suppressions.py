"""Reviewers' ``kclint: bỏ qua …`` comments as the plan's suppressions.

A Word comment (or a ``<!-- kclint: … -->`` line of a text export, which the text reader turns into
the same ``Comment``) whose text starts with ``kclint: bỏ qua`` or ``kclint: ignore`` hides the
matching findings inside the range it is attached to. Other comments are the reviewers' own.
"""

from __future__ import annotations

import re

from kclint.document import Comment, Document, Paragraph
from kclint.model import Span, Suppression
from kclint.parse.lines import cell_location, paragraph_location

DIRECTIVE = re.compile(r"\s*kclint\s*:\s*(?:bỏ\s+qua|bo\s+qua|ignore)(?!\w)(.*)", re.IGNORECASE | re.DOTALL)


def _suppression(doc: Document, c: Comment, shift: int) -> Suppression | None:
    m = DIRECTIVE.match(c.text)
    if not m or c.start is None:
        return None
    end = c.end or c.start
    start_block, end_block = c.start.block - shift, end.block - shift
    if start_block < 0 or end_block >= len(doc.blocks) or end_block < start_block:
        return None  # anchored in a metadata block, or a range kclint does not read in order
    block = doc.blocks[start_block]
    if isinstance(block, Paragraph):
        loc = paragraph_location(block, start_block)
    else:
        row = block.rows[c.start.row] if c.start.row is not None and c.start.row < len(block.rows) else None
        loc = cell_location(block, c.start.row, c.start.column, row.line if row else block.line, start_block)
    return Suppression(span=Span(text=c.text.strip(), loc=loc), selectors=m[1].strip(),
                       start=(start_block, c.start.row), end=(end_block, end.row))


def build_suppressions(doc: Document, shift: int = 0) -> list[Suppression]:
    """The suppressions among ``doc.comments``; ``shift`` blocks were dropped from the front (metadata)."""
    return [s for c in doc.comments if (s := _suppression(doc, c, shift)) is not None]
