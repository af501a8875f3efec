"""Counts, percentages and table totals: the numbers family of the extraction pass.

A count over a total is written many ways — 'a/b (c%)', 'c% (a/b)', 'a/b học sinh, đạt c%', 'a trên b
tiêu chí, chiếm c%', 'đạt Mức 3: a/b' — in prose, bullets, labelled fields and cells. Precision comes first:
a bare 'a/b' is only a count when a percentage, a level or the words after it say so, never when a '/' or a
digit continues it (dates '14/10/2025', numbers '32/2020/TT-BGDĐT', '21/KH-...'), and every digit run is
bounded before it reaches int().

A table's total row or column ('Tổng', 'Tổng cộng', 'Cộng', 'Tổng số') is recorded with the cells it sums,
integers and amounts written with Vietnamese thousands dots and decimal commas ('2.400.000.000',
'8.500.000 đồng', '12,5 triệu đồng'), as exact decimals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from kclint.catalog import count_columns
from kclint.model import CarryOverFact, CountPercentFact, LevelCount, ListedCountFact, RatioFact, Span, TotalFact
from kclint.model import span as make_span
from kclint.textnorm import fold

_NUM = r"(?<![\d.,/])\d{1,6}(?![\d]|[.,]\d)"
_DENOMINATOR = r"\d{1,6}(?![\d/]|[.,]\d)"  # after the '/' (or 'trên'), whose own look-behind would refuse it
_PCT = r"(?P<pct>(?<![\d.,])\d{1,3}(?:[.,]\d{1,4})?)\s*%"
# What is counted: up to twelve words after the ratio, none a number that could start another figure.
_WORDS = r"(?P<subject>(?:\s+(?!tỷ\s|tỉ\s|đạt\s+tỷ|chiếm)[^\W\d_]+(?:\s+\d{1,2}(?!\s*[/%]))?){0,12}"
_SUBJECT = _WORDS + "?)"
# Between a ratio (and its subject) and its percentage.
_JOIN = (r"(?:\s*\(\s*|\s*[-–=:]\s*|\s*,?\s*(?:(?:đạt|chiếm)\s+)?(?:t[ỷỉ]\s+lệ\s*(?:là\s*)?:?\s*)?"
         r"|\s*,?\s*(?:đạt|chiếm)\s+|\s+)")
_FRACTION = rf"(?P<a>{_NUM})\s*(?:/|\s+trên\s+(?:tổng\s+số\s+)?)\s*(?P<b>{_DENOMINATOR})"
# With its percentage (the subject as short as reaches it), or without one (the subject as long as it goes).
_RATIO = re.compile(rf"{_FRACTION}{_SUBJECT}{_JOIN}{_PCT}", re.IGNORECASE)
_BARE_RATIO = re.compile(rf"{_FRACTION}{_WORDS})", re.IGNORECASE)
_PCT_FIRST = re.compile(rf"{_PCT}\s*\(\s*(?P<a>{_NUM})\s*(?:/|\s+trên\s+)\s*(?P<b>{_DENOMINATOR}){_SUBJECT}\s*\)",
                        re.IGNORECASE)
# The level a count is of, just before it ('Số tiêu chí đạt Mức 3: ', 'không đạt Mức 2 là ', 'chưa đạt Mức
# III'); 'đạt Mức 1 và Mức 2' / 'đạt Mức 1, 2' counts the highest of the levels it joins.
_LEVEL_NUMBER = r"(?:[1-4]|IV|I{1,3})(?![\dA-Za-z])"
_LEVEL = (rf"(?P<neg>(?:không|chưa)\s+)?đạt\s+mức\s*(?:{_LEVEL_NUMBER}\s*(?:,|và|-|–)\s*(?:mức\s*)?)*"
          rf"(?P<level>{_LEVEL_NUMBER})")
_LEVEL_BEFORE = re.compile(rf"{_LEVEL}\s*(?:là\s*)?:?\s*$", re.IGNORECASE)
_LEVEL_IN_SUBJECT = re.compile(_LEVEL, re.IGNORECASE)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def level_number(written: str) -> int:
    """A level as a plan writes it, '3' or 'III', as a number."""
    return _ROMAN.get(written.upper()) or int(written)
# A date or a document number around an a/b: 'ngày 15/9', 'số 12/KH', 'tháng 9/2025'.
_DATE_BEFORE = re.compile(r"(?:ngày|tháng|số|năm|học|kỳ)\s*:?\s*$", re.IGNORECASE)


def ratio_facts(text: str, base: int, span: Span, field: str | None, context: str = "") -> list[RatioFact]:
    """The counts over totals of ``text`` (a part of ``span``'s line starting at ``base``).

    ``context`` is what comes before ``text`` in its table row (the earlier cells), where a two-column
    results table writes the level: 'Số tiêu chí đạt Mức 3' | '15/19 (78,95%)'.
    """
    out: list[RatioFact] = []
    taken: list[tuple[int, int, int]] = []  # (start, end, index in ``out``) of what is read
    for m in _PCT_FIRST.finditer(text):
        taken.append((m.start(), m.end(), len(out)))
        out.append(_ratio(text, m, m.start(), m.end(), _level(text, m, context), base, span, field))
    for m in [*_RATIO.finditer(text), *_BARE_RATIO.finditer(text)]:
        pct = m.re is _RATIO
        reach = m.end() if pct else m.end("b")
        if pct and text[reach:reach + 1] == ")" and "(" in text[m.end("b"):m.start("pct")]:
            reach += 1  # 'a/b (c%)' is quoted whole, with the parenthesis it closes
        level = _level(text, m, context)
        same = next((i for s, e, i in taken if m.start() < e and s < reach), None)
        if same is not None:
            # One percentage, one statement ('số tiêu chí đạt Mức 3 là 14 trên 19, đạt 73,68% (14/19)'): the
            # level said before the first writing belongs to the fact of the second.
            known = out[same]
            if known.level is None and level is not None and (known.count, known.total) == (int(m["a"]), int(m["b"])):
                out[same] = known.model_copy(update={"level": level_number(level["level"]),
                                                     "achieved": not level["neg"]})
            taken.append((m.start(), reach, same))
            continue
        before = text[max(0, m.start() - 40):m.start()]
        if not pct and level is None and not (m["subject"] or "").strip():
            continue  # a bare 'a/b': a date, a fraction of something unsaid
        if not pct and level is None and (_DATE_BEFORE.search(before) or _day_month(m)):
            continue
        prefix = _LEVEL_BEFORE.search(before)
        start = m.start() - len(before) + prefix.start() if prefix else m.start()
        taken.append((m.start(), reach, len(out)))
        out.append(_ratio(text, m, start, reach, level, base, span, field))
    return sorted(out, key=lambda f: f.offset)


def _day_month(m: re.Match[str]) -> bool:
    """'15/9', '30/10': a count without its percentage or level that reads as a date is taken for one."""
    a, b = int(m["a"]), int(m["b"])
    return (1 <= a <= 31 and 1 <= b <= 12) or a > b


def _level(text: str, m: re.Match[str], context: str) -> re.Match[str] | None:
    """The 'đạt Mức N' a count is of: just before it, in its row's earlier cells, or in its subject."""
    before = text[max(0, m.start() - 40):m.start()]
    found = _LEVEL_BEFORE.search(before) or (None if before.strip() else _LEVEL_BEFORE.search(context.strip()))
    subject = (m["subject"] or "").strip()
    if found is None and fold(subject).startswith("tiêu chí"):
        found = _last(_LEVEL_IN_SUBJECT.finditer(subject))
    return found


def _ratio(text: str, m: re.Match[str], start: int, end: int, level: re.Match[str] | None, base: int, span: Span,
           field: str | None) -> RatioFact:
    return RatioFact(
        span=make_span(text[start:end].strip(), span.loc), offset=base + start, field=field, count=int(m["a"]),
        total=int(m["b"]), percent_text=m.groupdict().get("pct"), subject=(m["subject"] or "").strip(),
        level=level_number(level["level"]) if level else None, achieved=not (level and level["neg"]),
    )


def _last(matches: Iterable[re.Match[str]]) -> re.Match[str] | None:
    found = None
    for found in matches:  # noqa: B007 - the last one is wanted
        pass
    return found


def level_counts(texts: list[Span], ratios: list[RatioFact]) -> list[LevelCount]:
    """The ratios that count criteria per level, with whose assessment they report (self or external).

    The source is the last line before the count that names an assessment without giving a count.
    """
    by_loc: dict[int, list[RatioFact]] = {}
    for r in ratios:
        if r.level is not None:
            by_loc.setdefault(id(r.span.loc), []).append(r)
    out: list[LevelCount] = []
    source = "unknown"
    seen: set[int] = set()
    for t in texts:
        key = id(t.loc)
        mine = by_loc.get(key, []) if key not in seen else []
        seen.add(key)
        folded = fold(t.text)
        if not mine:
            if "đánh giá ngoài" in folded:
                source = "external"
            elif "tự đánh giá" in folded:
                source = "self"
        for r in mine:
            pct = r.percent_text
            out.append(LevelCount(
                span=r.span, level=r.level or 0, achieved=r.achieved, count=r.count, total=r.total,
                percent=float(pct.replace(",", ".")) if pct else None, percent_text=pct,
                source=source,  # type: ignore[arg-type]
            ))
    return out


# --- table totals -----------------------------------------------------------------------------------------

_TOTAL_LABEL = re.compile(r"^\s*(?:tổng\s+cộng|tổng\s+số|tổng|cộng)\s*[:.]?\s*$", re.IGNORECASE)
# A number cell: thousands dots, a decimal comma of one or two digits ('12,5'; ',500' could be either, so it is
# no number), and a unit of money after it ('12,5 triệu đồng', '1.200.000 đ').
_AMOUNT = re.compile(
    r"^\s*(?P<n>\d{1,3}(?:\.\d{3}){1,5}|\d{1,9})(?:,(?P<d>\d{1,2}))?(?!\d)\s*"
    r"(?P<unit>tỷ(?:\s+đồng)?|triệu(?:\s+đồng)?|tr\b|(?:nghìn|ngàn)(?:\s+đồng)?|đồng|đ|vnđ|vnd)?\s*\.?\s*$",
    re.IGNORECASE,
)
_UNIT = {"tỷ": 9, "triệu": 6, "tr": 6, "nghìn": 3, "ngàn": 3}
# Columns that are not summed: numbering, rates.
_NOT_SUMMED = re.compile(r"^\s*(?:s?tt|số\s+thứ\s+tự)\s*$|t[ỷỉ]\s+lệ|%", re.IGNORECASE)
# A row that breaks down the row above it ('Trong đó: nữ', '- Nam') is not a term of the sum.
_BREAKDOWN = re.compile(r"^\s*(?:trong\s+đó|trong\s+số|[-+•])", re.IGNORECASE)


def amount(text: str) -> Decimal | None:
    """A number as a table cell writes it: '27', '2.400.000.000', '12,5', '8.500.000 đồng'; else None."""
    m = _AMOUNT.match(text)
    if not m:
        return None
    return Decimal(m["n"].replace(".", "") + ("." + m["d"] if m["d"] else ""))


def _unit_exponent(text: str) -> int | None:
    """The power of ten a cell's own unit word stands for ('triệu' 6, 'đồng' 0); None when it writes none."""
    m = _AMOUNT.match(text)
    unit = m and m["unit"]
    return _UNIT.get(fold(unit).split()[0], 0) if unit else None


def _summable(texts: list[str]) -> list[Decimal] | None:
    """The values of cells to add up together, in one unit; None when a cell is no number or the units mix
    ('12,5 triệu' beside a bare '4' may be millions or đồng)."""
    values = [amount(t) for t in texts]
    if any(v is None for v in values):
        return None
    exponents = [_unit_exponent(t) for t in texts]
    written = {e for e in exponents if e is not None}
    if len(written) <= 1:
        return [v for v in values if v is not None]
    if None in exponents:
        return None
    return [v.scaleb(e) for v, e in zip(values, exponents, strict=True) if v is not None and e is not None]


_Grid = dict[tuple[int, int], tuple[Span, str]]


def _grids(texts: list[Span]) -> list[_Grid]:
    """Every table as (row, column) -> (its first span, its whole text), a pushed row read back in place."""
    tables: dict[tuple[int | None, int | None, str | None], dict[tuple[int, int], list[Span]]] = {}
    for s in texts:
        loc = s.loc
        if loc.table is None or loc.row is None or loc.column is None:
            continue
        tables.setdefault((loc.block, loc.table, loc.origin), {}).setdefault((loc.row, loc.column), []).append(s)
    return [_realigned({k: (v[0], " ".join(x.text for x in v)) for k, v in cells.items()}) for cells in tables.values()]


def table_totals(texts: list[Span]) -> list[TotalFact]:
    """Every total cell of every table, with the cells it sums; a column with any non-number is not summed."""
    out: list[TotalFact] = []
    for grid in _grids(texts):
        out += _row_totals(grid) + _column_totals(grid)
    return out


def _realigned(grid: dict[tuple[int, int], tuple[Span, str]]) -> dict[tuple[int, int], tuple[Span, str]]:
    """The grid with a row pushed one cell right read back under its headers.

    A stray empty cell ('...|  | Hiệu trưởng | ... | 15' under '... | Chủ trì | Phối hợp | ... | Kinh phí')
    moves the rest of its row one column right, past the header's last column. Only such an odd row (most rows
    end under the header) with exactly one empty cell to take out is moved back.
    """
    rows = sorted({r for r, _ in grid})
    if len(rows) < 3:
        return grid

    def last(r: int) -> int:
        return max((c for (x, c), (_, t) in grid.items() if x == r and t.strip()), default=-1)

    header_end = last(rows[0])
    beyond = [r for r in rows[1:] if last(r) == header_end + 1]
    if not beyond or len(beyond) * 2 >= len(rows) - 1:
        return grid
    out = dict(grid)
    for r in beyond:
        empty = [c for c in range(header_end + 1) if not grid.get((r, c), (None, ""))[1].strip()]
        first = min((c for x, c in grid if x == r), default=0)
        empty = [c for c in empty if c > first]
        if len(empty) != 1:
            continue
        for c in range(empty[0], header_end + 1):
            if (r, c + 1) in grid:
                out[r, c] = grid[r, c + 1]
            else:
                out.pop((r, c), None)
        out.pop((r, header_end + 1), None)
    return out


_REACHED_COLUMN = re.compile(
    rf"^\s*(?:số\s+(?:lượng\s+)?tiêu\s+chí\s+)?(?:đã\s+)?đạt\s+mức\s*(?P<level>{_LEVEL_NUMBER})\s*$", re.IGNORECASE)


def _reached_level(header: str) -> int | None:
    m = _REACHED_COLUMN.match(header)
    return level_number(m["level"]) if m else None


def _row_totals(grid: dict[tuple[int, int], tuple[Span, str]]) -> list[TotalFact]:
    rows = sorted({r for r, _ in grid})
    columns = sorted({c for _, c in grid})
    header, headers = _columns(grid)
    out: list[TotalFact] = []
    start = header + 1
    for r in rows:
        label = next(((c, grid[r, c][1]) for c in columns if (r, c) in grid and grid[r, c][1].strip()), None)
        if label is None or not _TOTAL_LABEL.match(label[1]):
            continue
        terms = [x for x in rows if start <= x < r]
        start = r + 1
        if len(terms) < 2 or any(_BREAKDOWN.match(_label(grid, x, columns)) for x in terms):
            continue
        for c in columns:
            if c <= label[0] or (r, c) not in grid or _NOT_SUMMED.search(headers.get(c, "")):
                continue
            parts = [grid[x, c] for x in terms if (x, c) in grid and grid[x, c][1].strip()]
            values = _summable([grid[r, c][1]] + [t for _, t in parts])
            if values is None or len(parts) < 2:
                continue
            named = headers.get(c, "")
            out.append(TotalFact(span=grid[r, c][0], value=values[0], parts=[s for s, _ in parts],
                                 values=values[1:], axis="row", header=named, reached_level=_reached_level(named)))
    return out


def _label(grid: dict[tuple[int, int], tuple[Span, str]], row: int, columns: list[int]) -> str:
    return next((grid[row, c][1] for c in columns if (row, c) in grid and grid[row, c][1].strip()), "")


def _column_totals(grid: dict[tuple[int, int], tuple[Span, str]]) -> list[TotalFact]:
    """A last column headed 'Tổng'/'Cộng': each row's total of the number columns before it."""
    rows = sorted({r for r, _ in grid})
    columns = sorted({c for _, c in grid})
    if len(rows) < 2 or len(columns) < 3:
        return []
    header, last = rows[0], columns[-1]
    if not _TOTAL_LABEL.match(grid.get((header, last), (None, ""))[1]):
        return []
    summed = [c for c in columns[:-1] if not _NOT_SUMMED.search(grid.get((header, c), (None, ""))[1])]
    out: list[TotalFact] = []
    for r in rows[1:]:
        if (r, last) not in grid:
            continue
        parts = [grid[r, c] for c in summed if (r, c) in grid and grid[r, c][1].strip()]
        # the label cell is text: drop it when it leads the row, otherwise any text leaves the row unsummed
        if parts and amount(parts[0][1]) is None:
            parts = parts[1:]
        values = _summable([grid[r, last][1]] + [t for _, t in parts])
        if values is None or len(parts) < 2:
            continue
        out.append(TotalFact(span=grid[r, last][0], value=values[0], parts=[s for s, _ in parts],
                             values=values[1:], axis="column"))
    return out


_ID = r"\d{1,2}\.\d{1,2}(?![.\d]\d)"


# --- a row's percentage and a yearly breakdown's running count ---------------------------------------------

_FRACTION_CELL = re.compile(r"^\s*(?P<a>\d{1,4})\s*/\s*(?P<b>\d{1,4})\s*$")
_RATE_CELL = re.compile(r"^\s*(?P<pct>\d{1,3}(?:[.,]\d{1,4})?)\s*(?P<sign>%)?\s*$")
_IDS_CELL = re.compile(rf"^\s*(?:(?:tiêu\s+chí|TC)\s*)?{_ID}(?:\s*(?:,|;|và|&)\s*(?:(?:tiêu\s+chí|TC)\s*)?{_ID})*"
                       r"\s*\.?\s*$", re.IGNORECASE)


def _says(header: str, phrases: Iterable[str]) -> bool:
    """Does a header contain one of ``phrases`` as whole words ('%' anywhere)?"""
    folded = fold(header)
    return any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)" if p[-1:].isalnum() else re.escape(p), folded)
               for p in phrases)


def _columns(grid: _Grid) -> tuple[int, dict[int, str]]:
    """The last header row and each column's header. A header of two rows (a merged 'Kết quả' over 'Số lượng |
    Tỉ lệ') names a column by its lower cell, or by the upper one where the lower is empty (a 'Năm học' merged
    down); an upper cell merged across columns stands over the columns to its right that have none."""
    rows = sorted({r for r, _ in grid})
    header = rows[0]
    top = {c: t for (r, c), (_, t) in grid.items() if r == header and t.strip()}
    if len(rows) < 3 or not _continues_header(grid, header, rows[1]):
        return header, top
    lower, above = rows[1], ""
    out: dict[int, str] = {}
    for c in sorted({c for _, c in grid}):
        above = top.get(c, above)
        below = grid.get((lower, c), (None, ""))[1]
        if below.strip() or above.strip():
            out[c] = below if below.strip() else above
    return lower, out


_DATE_CELL = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}|\d{4}\s*[-–]\s*\d{4}")


def _continues_header(grid: _Grid, header: int, row: int) -> bool:
    """Is ``row`` the lower half of a two-row header: no number, date or year in it, two names or more, one under
    a column the upper row leaves empty (the merged cell's) or beside a label cell merged down (empty)?"""
    cells = {c: t for (r, c), (_, t) in grid.items() if r == row}
    names = [c for c, t in cells.items() if t.strip()]
    if len(names) < 2 or any(amount(cells[c]) is not None or _FRACTION_CELL.match(cells[c])
                             or _RATE_CELL.match(cells[c]) or _DATE_CELL.search(cells[c]) for c in names):
        return False
    first = min(c for _, c in grid)
    upper_empty = [c for c in names if not grid.get((header, c), (None, ""))[1].strip()]
    return bool(upper_empty) or not cells.get(first, "").strip()


def _count_columns(headers: dict[int, str]) -> tuple[list[int], list[int]]:
    """The part columns (a word of reaching: 'Đã đạt KĐCL') and the whole columns ('Số trường', no such word)."""
    cat = count_columns()
    counted = {c: h for c, h in headers.items() if not _says(h, cat.rate) and not _says(h, cat.raised)}
    parts = [c for c, h in counted.items() if _says(h, cat.part)]
    wholes = [c for c, h in counted.items() if c not in parts
              and any(fold(h) == o or fold(h).startswith(o + " ") for o in cat.whole_openings)]
    return parts, wholes


def row_ratios(texts: list[Span]) -> list[RatioFact]:
    """The percentage cell of every table row under a rate column, with the count and total it is of: a
    fraction cell of the row ('16/19' under 'Số tiêu chí đạt Mức 3'), or the row's part and whole cells when the
    header names exactly one of each ('Đã đạt KĐCL' 9 of 'Số trường' 11); otherwise none."""
    out: list[RatioFact] = []
    for grid in _grids(texts):
        header, headers = _columns(grid)
        rates = [c for c, h in headers.items() if _says(h, count_columns().rate)]
        if len(rates) != 1:
            continue
        rate = rates[0]
        parts, wholes = _count_columns(headers)
        for r in sorted({r for r, _ in grid if r > header}):
            cell = grid.get((r, rate))
            m = cell and _RATE_CELL.match(cell[1])
            if not cell or not m or not (m["sign"] or "%" in headers[rate]):
                continue
            fractions = [(c, f) for c in parts + wholes
                         if (f := _FRACTION_CELL.match(grid.get((r, c), (cell[0], ""))[1]))]
            if len(fractions) == 1:
                (c, f), = fractions
                count, total, spans, subject = int(f["a"]), int(f["b"]), [grid[r, c][0]], headers[c]
            elif not fractions and len(parts) == 1 and len(wholes) == 1 and (r, parts[0]) in grid \
                    and (r, wholes[0]) in grid:
                a, b = amount(grid[r, parts[0]][1]), amount(grid[r, wholes[0]][1])
                if a is None or b is None or a != a.to_integral_value() or b != b.to_integral_value():
                    continue
                count, total = int(a), int(b)
                spans = [grid[r, parts[0]][0], grid[r, wholes[0]][0]]
                subject = f"{headers[parts[0]].strip()} / {headers[wholes[0]].strip()}"
            else:
                continue
            if total == 0 or count > total:
                continue
            out.append(RatioFact(span=make_span(m["pct"] + (m["sign"] or ""), cell[0].loc), offset=m.start("pct"),
                                 count=count, total=total, percent_text=m["pct"], subject=subject, parts=spans))
    return out


def carried_counts(texts: list[Span]) -> list[CarryOverFact]:
    """Every year of a yearly breakdown table with a 'raised' column ('Tiêu chí nâng lên Mức 3') and one running
    count column ('Số tiêu chí đạt Mức 3'). A year is read only when its raised cell is criteria or a word of
    none ('Duy trì') and its count a number or a fraction; any other year breaks the chain."""
    cat = count_columns()
    out: list[CarryOverFact] = []
    for grid in _grids(texts):
        header, headers = _columns(grid)
        raised = [c for c, h in headers.items() if _says(h, cat.raised)]
        counts, _ = _count_columns(headers)
        if len(raised) != 1 or len(counts) != 1:
            continue
        previous: int | None = None
        for r in sorted({r for r, _ in grid if r > header}):
            ids_text = grid.get((r, raised[0]), (None, ""))[1]
            cell = grid.get((r, counts[0]))
            f = cell and (_FRACTION_CELL.match(cell[1]) or re.match(r"^\s*(?P<a>\d{1,3})\s*$", cell[1]))
            if fold(ids_text.strip(" .")) in cat.none_raised:
                ids: list[str] | None = []
            else:
                ids = re.findall(_ID, ids_text) if _IDS_CELL.match(ids_text) else None
            if not cell or not f or ids is None or len(set(ids)) != len(ids):
                previous = None
                continue
            stated = int(f["a"])
            out.append(CarryOverFact(span=cell[0], stated=stated, total=int(f["b"]) if "b" in f.groupdict() else None,
                                     previous=previous, raised=ids))
            previous = stated
    return out


# A year of a breakdown written as a line or a row of label and text: 'Năm học 2026-2027: nâng tiêu chí 3.5 lên
# Mức 3, nâng tổng số lên 18/19', '- Năm học 2027-2028: duy trì 18/19 tiêu chí đạt Mức 3'.
_YEAR_LEAD = re.compile(r"^\W*năm\s+học\s+\d{4}\s*[-–/]\s*\d{4}\s*[:.,–-]?", re.IGNORECASE)
_RAISES = re.compile(
    rf"\bnâng\s+(?:các\s+)?(?:tiêu\s+chí|TC)\s*(?P<ids>{_ID}(?:\s*(?:,|;|và|&)\s*(?:(?:tiêu\s+chí|TC)\s*)?{_ID})*)"
    rf"\s+lên\s+mức\s*(?P<level>{_LEVEL_NUMBER})",
    re.IGNORECASE,
)
_KEEPS = re.compile(r"^\s*duy\s+trì\b", re.IGNORECASE)
_RUNNING = re.compile(
    rf"(?:(?:nâng\s+)?tổng\s+số(?:\s+tiêu\s+chí)?(?:\s+đạt\s+mức\s*{_LEVEL_NUMBER})?\s*(?:lên|là|đạt)?\s*:?\s*"
    r"|duy\s+trì\s+)(?P<a>\d{1,2})\s*/\s*(?P<b>\d{1,2})(?![\d/])",
    re.IGNORECASE,
)


def carried_lines(texts: list[Span]) -> list[CarryOverFact]:
    """Every year of a breakdown written year by year in lines ('Năm học 2026-2027: nâng tiêu chí 3.5 lên Mức 3,
    nâng tổng số lên 18/19') or in rows of a two-column table (the year in the first cell). Consecutive years of
    one section chain; a year line whose raised criteria or running count does not read surely breaks the
    chain, and so does any other line between them."""
    out: list[CarryOverFact] = []
    previous: int | None = None
    section: str | None = None
    for unit in _units(texts):
        joined = " ".join(s.text for s in unit)
        lead = _YEAR_LEAD.match(joined)
        if lead is None:
            previous = None
            continue
        body = joined[lead.end():]
        raises = list(_RAISES.finditer(body))
        found = next(((s, m) for s in unit if (m := _RUNNING.search(s.text))), None)
        ids: list[str] | None
        if len(raises) == 1 and not _KEEPS.match(body):
            ids = re.findall(_ID, raises[0]["ids"])
        elif not raises and _KEEPS.match(body):
            ids = []
        else:
            ids = None
        if unit[0].loc.section != section:
            previous, section = None, unit[0].loc.section
        if found is None or ids is None or len(set(ids)) != len(ids):
            previous = None
            continue
        cell, m = found
        stated = int(m["a"])
        out.append(CarryOverFact(span=make_span(m.group(0).strip(), cell.loc), offset=m.start(), stated=stated,
                                 total=int(m["b"]), previous=previous, raised=ids))
        previous = stated
    return out


def _units(texts: list[Span]) -> list[list[Span]]:
    """The lines of the plan, a table's row as one (its cells in order)."""
    out: list[list[Span]] = []
    row = None
    for s in texts:
        key = (s.loc.block, s.loc.table, s.loc.row, s.loc.origin) if s.loc.table is not None else None
        if key is not None and key == row:
            out[-1].append(s)
        else:
            out.append([s])
        row = key
    return out


# --- a part and a whole written with their labels, then the rate --------------------------------------------

# 'Số trường: 11; đã đạt: 9; tỉ lệ 81,82%', 'Đã hoàn thành: 150, sĩ số: 158, chiếm 94,94%': two labelled numbers
# (one label a whole, the other a part, by the count columns' words), then the rate.
_LABELLED = (r"(?P<l{n}>[^\W\d_][^:;,\d]{{0,40}}?)\s*:\s*(?P<n{n}>\d{{1,6}})(?![\d/]|[.,]\d)"
             r"(?:\s+[^\W\d_]+){{0,3}}\s*[;,]\s*")
_LABELLED_RATE = re.compile(
    _LABELLED.format(n=1) + _LABELLED.format(n=2)
    + r"(?:t[ỷỉ]\s+lệ|chiếm|đạt)\s*(?:là\s*)?:?\s*(?P<pct>(?<![\d.,])\d{1,3}(?:[.,]\d{1,4})?)\s*%",
    re.IGNORECASE,
)
_NUMBER_FIRST = re.compile(r"^\s*\d")


def labelled_rates(text: str, base: int, span: Span, field: str | None, context: str = "") -> list[RatioFact]:
    """The rates of ``text`` written after a labelled whole and a labelled part; in a two-column row whose cell
    opens with the first number, the label is the row's earlier cell (``context``)."""
    label = context.strip() if context.strip() and _NUMBER_FIRST.match(text) else ""
    lead = f"{label}: " if label else ""
    full = lead + text
    cat = count_columns()
    out: list[RatioFact] = []
    for m in _LABELLED_RATE.finditer(full):
        labels = {1: m["l1"], 2: m["l2"]}
        parts = [k for k, h in labels.items() if _says(h, cat.part) and not _says(h, cat.rate)]
        wholes = [k for k, h in labels.items() if k not in parts
                  and any(fold(h) == o or fold(h).startswith(o + " ") for o in cat.whole_openings)]
        if len(parts) != 1 or len(wholes) != 1:
            continue
        count, total = int(m[f"n{parts[0]}"]), int(m[f"n{wholes[0]}"])
        if total == 0 or count > total:
            continue
        start = max(m.start(), len(lead)) - len(lead)
        out.append(RatioFact(
            span=make_span(text[start:m.end() - len(lead)].strip(), span.loc), offset=base + start, field=field,
            count=count, total=total, percent_text=m["pct"],
            subject=f"{labels[parts[0]].strip()} / {labels[wholes[0]].strip()}"))
    return out


# --- a count with its percentage and no total ------------------------------------------------------------

# '16 tiêu chí đạt Mức 3, đạt 84,21%', 'Có 12 tiêu chí chưa đạt Mức 2 (chiếm 44,44%)', '16 tiêu chí đạt Mức 3 trở
# lên, tỷ lệ 84,21%': the count is a whole number of criteria (not the total of an 'a/b' or 'a trên b').
_COUNT_PERCENT = re.compile(
    r"(?<![\d.,/])(?P<a>\d{1,2})(?![\d.,/])\s+tiêu\s+chí(?:\s+[^\W\d_]+){0,6}?\s+"
    rf"(?P<neg>(?:không|chưa)\s+)?đạt\s+(?:được\s+)?mức\s*(?P<level>{_LEVEL_NUMBER})(?:\s+trở\s+lên)?"
    r"\s*(?:[,;:(\-–]\s*)?(?:(?:đạt|chiếm)\s+)?(?:t[ỷỉ]\s+lệ\s*(?:là\s*)?:?\s*)?(?:đạt\s+)?"
    r"(?P<pct>(?<![\d.,])\d{1,3}(?:[.,]\d{1,4})?)\s*%",
    re.IGNORECASE,
)
_TOTAL_BEFORE = re.compile(r"(?:/|\btrên(?:\s+tổng\s+số)?)\s*$", re.IGNORECASE)


def count_percents(text: str, base: int, span: Span, field: str | None) -> list[CountPercentFact]:
    """The counts of criteria at a level written with a percentage and no total, in ``text`` (a part of
    ``span``'s line starting at ``base``)."""
    out: list[CountPercentFact] = []
    for m in _COUNT_PERCENT.finditer(text):
        if _TOTAL_BEFORE.search(text[max(0, m.start() - 20):m.start()]):
            continue  # '15/19 tiêu chí ...', '15 trên 19 tiêu chí ...': a ratio's total, read as a ratio
        out.append(CountPercentFact(span=make_span(m.group(0), span.loc), offset=base + m.start(), field=field,
                                    count=int(m["a"]), percent_text=m["pct"], level=level_number(m["level"]),
                                    achieved=not m["neg"]))
    return out


# --- counts beside their lists ----------------------------------------------------------------------------

# 'chưa đạt Mức 3: 1.5, 2.2 và 5.2', 'không đạt (gồm TC 2.2, 3.1)', 'chưa đạt Mức III, gồm các tiêu chí 2.2; 3.1'
_NOT_REACHED = re.compile(
    rf"(?P<neg>không|chưa)\s+đạt(?:\s+(?:được\s+)?mức\s*(?P<level>{_LEVEL_NUMBER}))?"
    r"\s*(?:\(\s*(?:gồm|là)?\s*|[:,]?\s*(?:gồm|là)\s*:?\s*|:\s*)(?:các\s+)?(?:tiêu\s+chí|TC)?\s*:?\s*"
    rf"(?P<ids>{_ID}(?:\s*(?:,|;|và|&)\s*(?:tiêu\s+chí\s*|TC\s*)?{_ID})*)",
    re.IGNORECASE,
)
# The list is only part of them: 'như 2.2, 3.1...', '2.2, 3.1, v.v.'
_PARTIAL_BEFORE = re.compile(r"\b(?:như|ví\s+dụ|chẳng\s+hạn|trong\s+đó\s+có)\s*:?\s*$", re.IGNORECASE)
_PARTIAL_AFTER = re.compile(r"^\s*,?\s*(?:\.\.\.|…|v\.?v|và\s+(?:các|một\s+số)|\.\.)", re.IGNORECASE)
# The clause before the list: its count ('Có 04 tiêu chí ') and its level ('các tiêu chí có Mức 3 nhưng ').
_CLAUSE_COUNT = re.compile(r"(?:\b(?:có|gồm)\s+)?(?<![\d/.,])(?P<n>\d{1,2})\s+tiêu\s+chí\b\D*$", re.IGNORECASE)
_CLAUSE_LEVEL = re.compile(rf"mức\s*(?P<level>{_LEVEL_NUMBER})(?!.*mức)", re.IGNORECASE)
# 'Hội đồng gồm 11 thành viên:' (the list follows), 'Nhóm công tác có 05 người như sau:'
_LIST_INTRO = re.compile(
    r"(?:gồm|có|bao\s+gồm)\s+(?:tất\s+cả\s+|tổng\s+số\s+)?(?P<n>\d{1,3})\s+(?P<noun>[^\W\d_]+(?:\s+[^\W\d_]+){0,2}?)"
    r"\s*,?\s*(?:như\s+sau|cụ\s+thể|gồm)?\s*:\s*$",
    re.IGNORECASE,
)
_MARKER = re.compile(r"^\s*(?:(?P<number>\d{1,3}[.)])|(?P<letter>[a-zđ][.)])|(?P<bullet>[-+•*–]))\s*\S", re.IGNORECASE)
# A table's header row: the one naming its columns, not a member.
_HEADER_CELL = re.compile(r"^\s*(?:s?tt|số\s+tt|họ\s+(?:và\s+)?tên|chức\s+vụ|nhiệm\s+vụ)\s*$", re.IGNORECASE)


def listed_counts(texts: list[Span]) -> list[ListedCountFact]:
    """Every count written beside the list it counts, in a line or a cell (criteria) or above a list (people)."""
    out: list[ListedCountFact] = []
    for i, t in enumerate(texts):
        out += _criteria_lists(t)
        intro = _LIST_INTRO.search(t.text)
        if intro and t.loc.table is None:
            items = _list_after(texts, i)
            if len(items) >= 2:
                out.append(ListedCountFact(span=make_span(intro.group(0).rstrip(" :"), t.loc), offset=intro.start(),
                                           stated=int(intro["n"]), noun=intro["noun"], items=items))
    return out


def _criteria_lists(t: Span) -> list[ListedCountFact]:
    out: list[ListedCountFact] = []
    for m in _NOT_REACHED.finditer(t.text):
        before = t.text[:m.start()]
        if _PARTIAL_BEFORE.search(before[-30:]) or _PARTIAL_AFTER.match(t.text[m.end():]):
            continue
        clause = re.split(r"[.;:\n]", before)[-1]
        count = _CLAUSE_COUNT.search(clause)
        level = m["level"] or ((found := _CLAUSE_LEVEL.search(clause)) and found["level"])
        start = m.start() - len(clause) + count.start() if count else m.start()
        # A stated count is quoted as stated ('Có 04 tiêu chí chưa đạt Mức 3'), a bare list with its ids.
        end = (m.end("level") if m["level"] else m.end("neg") + 4) if count else m.end()
        ids = re.findall(_ID, m["ids"])
        out.append(ListedCountFact(
            span=make_span(t.text[start:end].strip(), t.loc), offset=start,
            stated=int(count["n"]) if count else None, noun="tiêu chí",
            items=[make_span(x, t.loc) for x in ids], criteria=ids,
            level=level_number(level) if level else None, achieved=False,
        ))
    return out


def _list_after(texts: list[Span], i: int) -> list[Span]:
    """The entries of the list that follows line ``i``: its marked lines, or the rows of the table under it."""
    if i + 1 >= len(texts):
        return []
    first = texts[i + 1]
    if first.loc.table is not None:
        return _table_entries(texts, i + 1)
    kind = (m := _MARKER.match(first.text)) and m.lastgroup
    if not kind:
        return []
    entries: list[Span] = []
    for t in texts[i + 1:]:
        m = _MARKER.match(t.text)
        if t.loc.table is not None or m is None:
            break
        if m.lastgroup == kind:
            entries.append(t)  # an entry's own sub-points (other markers) are not entries
    return entries


def _table_entries(texts: list[Span], start: int) -> list[Span]:
    """One span per row of the table starting at ``start`` that names an entry (not its header, not a group)."""
    key = (texts[start].loc.block, texts[start].loc.table, texts[start].loc.origin)
    rows: dict[int, list[Span]] = {}
    for t in texts[start:]:
        if (t.loc.block, t.loc.table, t.loc.origin) != key:
            break
        if t.text.strip() and t.loc.row is not None:
            rows.setdefault(t.loc.row, []).append(t)
    entries: list[Span] = []
    for cells in rows.values():
        if any(_HEADER_CELL.match(c.text) for c in cells) or len({c.text.strip() for c in cells}) < 2:
            continue
        entries.append(cells[0])
    return entries
