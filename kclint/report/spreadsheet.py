"""``--summary-file FILE.csv|FILE.xlsx``: the per-school summary as a spreadsheet for district offices.

One row per file after a header row: the file, school, level, plan kind and period (in words, as the
text report says them), the counts by severity and by category, the most frequent rules, and why a file
could not be read. The rows are :func:`kclint.report.tables.school_summary`'s, with the counts a
spreadsheet filters on. CSV is UTF-8 with a BOM, so that Excel opens Vietnamese right; XLSX needs
openpyxl (the ``[xlsx]`` extra).
"""

from __future__ import annotations

import csv
import io
import os
from collections import Counter
from collections.abc import Callable, Sequence

from kclint.errors import KclintError
from kclint.report import words as w
from kclint.report.tables import school_summary
from kclint.results import FileResult

SUFFIXES = (".csv", ".xlsx")
TOP_RULES = 3  # the most frequent rules named per file

_HEAD = {
    "vi": ("Tệp", "Trường", "Cấp học", "Loại kế hoạch", "Thời kỳ", "Lỗi", "Cảnh báo", "Ghi chú",
           "Quy tắc gặp nhiều nhất", "Không đọc được"),
    "en": ("File", "School", "Level", "Plan kind", "Period", "Errors", "Warnings", "Infos", "Top rules",
           "Unreadable"),
}

Cell = str | int


class SummaryFileError(KclintError):
    """``--summary-file`` cannot be written as asked (exit code 2)."""


def check_target(path: str) -> None:
    """Refuse, before any work, a name that is neither .csv nor .xlsx, or .xlsx without openpyxl."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix not in SUFFIXES:
        raise SummaryFileError("summary_format", f"{path}: --summary-file phải là tệp .csv hoặc .xlsx.",
                               f"{path}: --summary-file must be a .csv or .xlsx file.")
    if suffix == ".xlsx":
        try:
            import openpyxl  # noqa: F401
        except ModuleNotFoundError:
            raise SummaryFileError(
                "summary_xlsx", f"{path}: ghi tệp .xlsx cần gói openpyxl; hãy cài: pip install 'openpyxl>=3.1' "
                "(hoặc dùng tệp .csv).",
                f"{path}: writing .xlsx needs openpyxl; install it: pip install 'openpyxl>=3.1' "
                "(or write a .csv file).") from None


def table(results: Sequence[FileResult], lang: str = "vi") -> list[list[Cell]]:
    """The header row, then one row per file in input order."""
    lang = w.lang_of(lang)
    categories = list(w.CATEGORY[lang])
    rows: list[list[Cell]] = [[*_HEAD[lang][:8], *(w.CATEGORY[lang][c] for c in categories), *_HEAD[lang][8:]]]
    for result, row in zip(results, school_summary(results, lang), strict=True):
        by_category = Counter(f.category for f in result.findings)
        top = Counter(f.code for f in result.findings).most_common(TOP_RULES)
        rows.append([
            row.path, row.school or "", w.level(row.level, lang) if row.level else "",
            w.kind(row.kind, lang) if row.kind else "", row.period or "",
            row.errors, row.warnings, row.infos, *(by_category[c] for c in categories),
            ", ".join(f"{code} ×{n}" for code, n in top), row.unreadable or "",
        ])
    return rows


def _safe(cell: Cell) -> Cell:
    """A CSV text cell a spreadsheet would run as a formula ('=…', '+…', '-…', '@…') is kept as text."""
    if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + cell
    return cell


def csv_bytes(rows: Sequence[Sequence[Cell]]) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows([[_safe(c) for c in row] for row in rows])
    return out.getvalue().encode("utf-8-sig")


def xlsx_writer(rows: Sequence[Sequence[Cell]], lang: str = "vi") -> Callable[[str], None]:
    """A function writing the workbook to a given path (for :meth:`kclint.outputs.SafeWriter.write`)."""

    def write(path: str) -> None:
        from openpyxl import Workbook
        from openpyxl.styles import Font

        book = Workbook()
        sheet = book.active
        sheet.title = "Tổng hợp" if lang == "vi" else "Summary"
        for row in rows:
            sheet.append(list(row))
        for line in sheet.iter_rows():
            for cell in line:
                if cell.data_type == "f":  # a name starting with '=' is text, never a formula
                    cell.data_type = "s"
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        book.save(path)

    return write


def content(path: str, results: Sequence[FileResult], lang: str) -> bytes | Callable[[str], None]:
    """What ``--summary-file path`` writes, by its suffix (checked by :func:`check_target`)."""
    rows = table(results, lang)
    return xlsx_writer(rows, lang) if path.lower().endswith(".xlsx") else csv_bytes(rows)
