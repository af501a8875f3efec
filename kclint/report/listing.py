"""What kclint read, as ``kclint read`` prints it: so a user can see why a finding is, or is not, there.

Blocks come in reading order (page headers, the body, its text boxes, footers, footnotes, endnotes),
then the Word comments. The JSON shape is a contract (``version`` 2; later versions add keys)::

    {"version": 2, "files": [{"path": "a.docx", "converted_from": null, "error": null,
      "blocks": [{"kind": "paragraph", "origin": "body", "label": "1.", "text": "1. Mục đích",
                  "location": {"paragraph": 4, "table": null, "line": null}},
                 {"kind": "table", "origin": "body", "location": {"paragraph": null, "table": 1, "line": null},
                  "rows": [["cell text", "..."]]}],
      "comments": [{"id": "0", "author": "...", "date": "...", "text": "...",
                    "start": {"block": 3, "row": null, "column": null, "offset": 5}, "end": {...}}]}]}

Paragraph, table, row and column count from 1, as in the JSON report (version 1 counted them from 0); a
comment's ``block`` is the position of its block in ``blocks`` (from 0, an array index) and ``offset`` a
character offset in that text (from 0, as in Python and the report's ``edit``).

``text`` is what the rules see (a numbered paragraph starts with its ``label``); a cell holds its
whole text, a nested table's lines included.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from kclint.document import Anchor, Comment, Document, Paragraph, Table
from kclint.errors import InputError
from kclint.model import Location
from kclint.report import words as w
from kclint.report.json import location_dict
from kclint.safetext import visible

_ORIGINS = {
    "vi": {"body": "thân", "header": "đầu trang", "footer": "chân trang", "textbox": "hộp văn bản",
           "footnote": "chú thích", "endnote": "chú thích cuối", "comment": "nhận xét"},
    "en": {"body": "body", "header": "header", "footer": "footer", "textbox": "text box",
           "footnote": "footnote", "endnote": "endnote", "comment": "comment"},
}


def _location(block: Paragraph | Table) -> dict[str, int | None]:
    # The report's own conversion, so that `kclint read` and `kclint check --format json` number alike.
    if isinstance(block, Paragraph):
        where = location_dict(Location(paragraph=block.index, line=block.line))
    else:
        where = location_dict(Location(table=block.index, line=block.line))
    return {k: where[k] for k in ("paragraph", "table", "line")}


def _anchor(a: Anchor | None) -> dict[str, int | None] | None:
    if a is None:
        return None
    where = location_dict(Location(row=a.row, column=a.column))
    return {"block": a.block, "row": where["row"], "column": where["column"], "offset": a.offset}


def _comment(c: Comment) -> dict[str, Any]:
    return {"id": c.id, "author": c.author, "initials": c.initials, "date": c.date, "text": c.text,
            "start": _anchor(c.start), "end": _anchor(c.end)}


def file_dict(path: str, read: Document | InputError, lang: str) -> dict[str, Any]:
    """One file of the JSON listing."""
    if isinstance(read, InputError):
        return {"path": path, "converted_from": None, "error": {"code": read.code, "message": read.message(lang)},
                "blocks": [], "comments": []}
    blocks: list[dict[str, Any]] = []
    for b in read.blocks:
        if isinstance(b, Paragraph):
            blocks.append({"kind": "paragraph", "origin": b.origin, "label": b.label, "text": b.text,
                           "location": _location(b)})
        else:
            blocks.append({"kind": "table", "origin": b.origin, "location": _location(b),
                           "rows": [row.texts() for row in b.rows]})
    return {"path": path, "converted_from": read.converted_from, "error": None, "blocks": blocks,
            "comments": [_comment(c) for c in read.comments]}


def render_json(files: Sequence[tuple[str, Document | InputError]], lang: str = "vi") -> str:
    return json.dumps({"version": 2, "files": [file_dict(p, r, lang) for p, r in files]},
                      ensure_ascii=False, indent=2) + "\n"


def _where(block: Paragraph | Table, lang: str, row: int | None = None) -> str:
    loc = (Location(paragraph=block.index, line=block.line) if isinstance(block, Paragraph)
           else Location(table=block.index, row=row, line=block.line))
    return loc.describe(lang)


def _anchor_words(doc: Document, a: Anchor | None, lang: str) -> str:
    if a is None or not 0 <= a.block < len(doc.blocks):
        return "?"
    block = doc.blocks[a.block]
    origin = _ORIGINS[w.lang_of(lang)][block.origin]
    return f"{origin} {_where(block, lang, a.row)}"


def render_text(files: Sequence[tuple[str, Document | InputError]], lang: str = "vi") -> str:
    """One line per paragraph or table row: origin, location, the numbering label, the text."""
    words = _ORIGINS[w.lang_of(lang)]
    out: list[str] = []
    for path, read in files:
        out.append(visible(path, newlines=False))
        if isinstance(read, InputError):
            out.append(f"  {w.word('unreadable', lang).upper()} {visible(read.message(lang))}")
            continue
        if read.converted_from:
            out.append(f"  ({w.word('converted', lang).format(fmt=read.converted_from)})")
        for b in read.blocks:
            origin = words[b.origin]
            if isinstance(b, Paragraph):
                # An automatic number in brackets: it is in the text the rules see, not in the file's runs.
                text = f"[{b.label}] {b.text[len(b.label):].lstrip()}" if b.label else b.text
                out.append(f"  {origin:<14} {_where(b, lang):<24} {visible(text, newlines=False)}")
                continue
            for row in b.rows:
                cells = " | ".join(visible(t, newlines=False) for t in row.texts())
                out.append(f"  {origin:<14} {_where(b, lang, row.index):<24} {cells}")
        for c in read.comments:
            span = _anchor_words(read, c.start, lang)
            end = _anchor_words(read, c.end, lang)
            if end != span:
                span += " → " + end
            out.append(f"  {words['comment']:<14} {visible(c.author, newlines=False)} ({span}): "
                       f"{visible(c.text, newlines=False)}")
    return "\n".join(out) + "\n"
