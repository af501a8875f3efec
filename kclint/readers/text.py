"""Read plain-text and Markdown exports of plans.

Exports write tables two ways: one row per line with tab-separated cells (a
long cell wrapped onto a continuation row after a blank line), or one cell per
line, each starting with a tab, with a blank line between rows. Markdown pipe
tables (``| a | b |``) are read too. Every other non-blank line is a paragraph, except a reviewer's
``<!-- kclint: … -->`` line: it is not plan text but a comment on the paragraph or table row after it
(``Document.comments``, as a Word comment would be).
"""

from __future__ import annotations

import bisect
import codecs
import re

from kclint.document import Anchor, AsWritten, Block, Cell, Comment, Document, Paragraph, Row, Table
from kclint.errors import InputError
from kclint.textnorm import nfc

_MD_SEPARATOR_CELL = re.compile(r":?-{3,}:?")
_KCLINT_NOTE = re.compile(r"\s*<!--\s*(kclint\s*:.*?)\s*-->\s*", re.IGNORECASE)


_BOMS = (  # longest first: a UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _unknown_encoding(path: str) -> InputError:
    return InputError.for_file("encoding", path, "không đọc được bảng mã của tệp; hãy lưu lại dạng UTF-8.",
                               "unknown text encoding; save the file as UTF-8.")


# TCVN3 (.VnTime) stores à ả ã á ạ ă â ê ư đ in 0xA8-0xB9, where cp1258 has symbols (¨ © ª ­ ® µ ¶ · ¸ ¹)
# that Vietnamese prose hardly uses. Such files are decoded as cp1252, which is how Word shows a
# .VnTime document, so the text rules meet the same mojibake in a .txt as in a .docx and flag it.
_TCVN3_BYTES = bytes([0xA8, 0xA9, 0xAA, 0xAD, 0xAE, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9])
_HIGH_BYTES = bytes(range(0x80, 0x100))


def _looks_tcvn3(data: bytes) -> bool:
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    tcvn3 = len(data) - len(data.translate(None, _TCVN3_BYTES))
    return tcvn3 >= 3 and tcvn3 * 5 >= high


def decode(data: bytes, path: str) -> str:
    """Bytes to text: UTF-8, or UTF-16/32 with a BOM, or the Vietnamese Windows code page; binary is refused.

    Legacy TCVN3 (.VnTime) bytes are returned as mojibake on purpose (see ``_looks_tcvn3``): the text
    rules recognise and flag it, which says more to the user than refusing the file.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                if codec != "utf-8":  # a broken UTF-8 body may still be cp1258 below
                    raise _unknown_encoding(path) from None
                data = data[len(bom):]
                break
    if b"\x00" in data[:4096]:
        raise InputError.for_file(
            "binary", path, "không phải văn bản (tệp nhị phân không rõ định dạng, hoặc UTF-16 không có BOM).",
            "not a text file (unknown binary format, or UTF-16 without a BOM).",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Vietnamese Windows code page (what Notepad on an older machine saves), unless the bytes look like TCVN3.
    text = data.decode("cp1252" if _looks_tcvn3(data) else "cp1258", errors="replace")
    if text.count("\ufffd") > max(3, len(text) // 100):
        raise _unknown_encoding(path)
    return text


def _is_row_line(line: str) -> bool:
    """A tab-separated table row: two tabs or more, or a tab between two cells."""
    tabs = line.count("\t")
    return tabs >= 2 or (tabs == 1 and not line.startswith("\t") and bool(line.split("\t")[1].strip()))


def _is_cell_line(line: str) -> bool:
    return line.startswith("\t") and line.count("\t") == 1


def _is_md_separator(line: str) -> bool:
    """``|---|:---:|``. Cell by cell: one regex over the whole line backtracks quadratically on long
    runs of spaces (a 1 MB line would take half an hour)."""
    cells = line.strip().removeprefix("|").removesuffix("|").split("|")
    return all(_MD_SEPARATOR_CELL.fullmatch(c.strip()) for c in cells)


def _is_md_row(line: str) -> bool:
    s = line.strip()
    return s.startswith("|") and s.endswith("|") and s.count("|") >= 3


def read_text(data: bytes, path: str, source_format: str = "txt") -> Document:
    """Parse a text export into blocks."""
    raw = decode(data, path)
    if not raw.strip():  # e.g. a UTF-16 file holding only a BOM and spaces
        raise InputError.for_file("empty", path, "tệp rỗng.", "the file is empty.")
    raw_lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [nfc(line) for line in raw_lines]
    notes: dict[int, str] = {}
    for k, line in enumerate(lines):
        if "<!--" in line and (m := _KCLINT_NOTE.fullmatch(line)):
            notes[k] = m[1]
            lines[k] = ""  # not plan text; a blank line keeps the tables around it as they are
    blocks: list[Block] = []
    n = len(lines)
    para_index = 0
    table_index = 0
    i = 0

    def next_nonblank(j: int) -> int:
        while j < n and not lines[j].strip():
            j += 1
        return j

    while i < n:
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if _is_md_row(line):
            rows: list[Row] = []
            while i < n and (_is_md_row(lines[i]) or (i in notes and i + 1 < n and _is_md_row(lines[i + 1]))):
                if i in notes:
                    i += 1
                    continue
                if not _is_md_separator(lines[i]):
                    cells = lines[i].strip()[1:-1].split("|")
                    r = len(rows)
                    rows.append(Row([Cell(c.strip(), r, k, i + 1) for k, c in enumerate(cells)], r, i + 1))
                i += 1
            blocks.append(Table(rows, table_index, rows[0].line if rows else i, layout="rows"))
            table_index += 1
            continue
        if _is_row_line(line):
            rows = []
            while i < n:
                if _is_row_line(lines[i]):
                    r = len(rows)
                    cells = lines[i].split("\t")
                    rows.append(Row([Cell(c.strip(), r, k, i + 1) for k, c in enumerate(cells)], r, i + 1))
                    i += 1
                    continue
                j = next_nonblank(i)
                if j > i and j < n and _is_row_line(lines[j]):
                    i = j
                    continue
                break
            blocks.append(Table(rows, table_index, rows[0].line, layout="rows"))
            table_index += 1
            continue
        if _is_cell_line(line):
            groups: list[tuple[int, list[str]]] = []
            j = i
            while j < n and _is_cell_line(lines[j]):
                start = j
                group: list[str] = []
                while j < n and _is_cell_line(lines[j]):
                    group.append(lines[j][1:])
                    j += 1
                groups.append((start, group))
                k = j
                # An empty cell is a line holding just a tab: only truly empty lines separate rows.
                while k < n and not lines[k].strip() and "\t" not in lines[k]:
                    k += 1
                if k < n and _is_cell_line(lines[k]) and k - j <= 2:
                    j = k
                else:
                    break
            if len(groups) >= 2 and sum(len(g) >= 2 for _, g in groups) >= 2:
                rows = [
                    Row([Cell(c.strip(), r, k, start + k + 1) for k, c in enumerate(g)], r, start + 1)
                    for r, (start, g) in enumerate(groups)
                ]
                blocks.append(Table(rows, table_index, groups[0][0] + 1, layout="cells"))
                table_index += 1
                i = j
                continue
        blocks.append(Paragraph(line.strip().lstrip("\t").strip(), para_index, line=i + 1))
        para_index += 1
        i += 1
    return Document(path=path, source_format="md" if source_format == "md" else "txt", blocks=blocks,
                    as_written=_as_written(blocks, raw_lines, lines), comments=_comments(blocks, notes))


def _comments(blocks: list[Block], notes: dict[int, str]) -> list[Comment]:
    """Each ``<!-- kclint: … -->`` line as a comment on the paragraph or table row that follows it."""
    if not notes:
        return []
    places: list[tuple[int, int, int | None]] = []  # (line, block, row) of every paragraph and row
    for b, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            places.append((block.line or 0, b, None))
        else:
            places.extend((row.line or 0, b, row.index) for row in block.rows)
    out: list[Comment] = []
    for k, text in sorted(notes.items()):
        at = bisect.bisect_right(places, (k + 1, len(blocks)))
        if at == len(places):
            continue  # nothing follows: the comment covers nothing
        _, b, row = places[at]
        anchor = Anchor(block=b, row=row)
        out.append(Comment(id=str(len(out)), author="", initials="", date=None, text=text, start=anchor, end=anchor))
    return out


def _as_written(blocks: list[Block], raw_lines: list[str], lines: list[str]) -> list[AsWritten]:
    """The lines whose text was not NFC, placed on the paragraph, row or cell they became."""
    changed = {n + 1 for n, (a, b) in enumerate(zip(raw_lines, lines, strict=True)) if a != b}
    if not changed:
        return []
    out: list[AsWritten] = []
    for b, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            if block.line in changed:
                out.append(AsWritten(raw_lines[block.line - 1].strip(), b))
            continue
        for row in block.rows:
            # A row line holds all its cells; a cell-per-line table has one line per cell.
            places = {(c.line, c.column if block.layout == "cells" else None) for c in row.cells}
            out.extend(AsWritten(raw_lines[ln - 1].strip(), b, row.index, col)
                       for ln, col in sorted(places, key=lambda p: (p[0] or 0, p[1] or 0)) if ln in changed)
    return out
