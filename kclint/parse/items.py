"""Per-criterion improvement items, self-assessment results, counts and schedules.

Plans write items two ways and both end in the same :class:`~kclint.model.Item`:

* labelled paragraphs under a ``Tiêu chí n.m: ...`` heading ("Mục tiêu cần
  đạt: ...", "Thời gian bắt đầu: ...", several labels may share a line);
* a 9-column table split over pages: the header row repeats (or not) on each
  page, a long cell continues on a row whose first columns are empty, and group
  rows ("Mức 2", "Tiêu chuẩn 3: ...") carry structure, not items.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from kclint.catalog import item_labels, plan_parts
from kclint.dates import find_date_exprs
from kclint.document import Cell, Document, Table
from kclint.model import AssessmentRow, Item, ScheduleRow, Span, StandardHeading, TaskRow, evolve
from kclint.model import span as _span
from kclint.parse.lines import Line, cell_location
from kclint.parse.sections import match_heading
from kclint.plantext import CRITERION, LIST_MARK, STANDARD, clean, level_group, roman_value, to_roman
from kclint.textnorm import fold

# The number of a level as plans write it: 'Mức 2', 'Mức 02', 'Mức II' (capital Roman numerals only, so that
# 'mức i…' in running words is never a level).
_LEVEL_N = r"(?P<n>0?\d{1,4}|(?-i:IV|III|II|I))(?!\w)"
LEVEL = re.compile(r"\bmức\s*(?:độ\s*)?" + _LEVEL_N, re.IGNORECASE)
# 'Đã đạt Mức 2', 'Trường đạt Mức 3': a status; a bare 'Đạt Mức 2' in a target field is a target.
_STATUS = re.compile(
    r"^(?P<before>.*?)[:.]?\s*(?P<status>(?:(?:Nhà\s+)?Trường\s+(?:đã\s+)?|đã\s+)đạt\s+mức\s*" + _LEVEL_N
    + r")\s*\.?$",
    re.IGNORECASE,
)
_BARE_CRITERION = re.compile(r"^(?P<id>\d{1,2}\.\d{1,2})\.?(?:\s*[:.\-–]\s*|\s+)?(?P<rest>.*)$")
# 'TC 1.1 – Title', '* TC 1.1: Title': the short form heads an item only when a labelled field follows it
# (a bullet 'TC 2.5 – ...' inside a list of criteria is a reference, not an item).
_SHORT_HEADING = re.compile(r"^" + LIST_MARK + r"?TC\s*(?P<id>\d{1,2}\.\d{1,2})(?![.\d]\d)\s*[:.\-–]?\s*(?P<rest>.*)$")
# '4.1.' alone on its line, the title on the next (a PDF export): an item when a labelled field follows.
_ID_ONLY = re.compile(r"^(?P<id>\d{1,2}\.\d{1,2})\.?(?P<rest>)$")
_RESULT_ONLY = re.compile(r"^(?P<before>)(?P<status>(?:đạt\s+)?mức\s*" + _LEVEL_N + r")\s*[.;]?$", re.IGNORECASE)
# A table's total row: 'Cộng', 'Tổng cộng', 'Tổng'.
_TOTAL = re.compile(r"^(?:tổng\s*cộng|cộng|tổng)\s*:?$", re.IGNORECASE)
_MARK = re.compile(r"^\s*(?:x|✓|✔|v|đạt)\s*$", re.IGNORECASE)

@functools.lru_cache(maxsize=1)
def _label_fields() -> dict[str, str]:
    """Folded label -> field, built once (every labelled line looks its label up here)."""
    return item_labels().label_fields()


@functools.lru_cache(maxsize=1)
def _label_re() -> re.Pattern[str]:
    """A paragraph label from ``catalogs/labels.json`` at a line's start (after a bullet) or after a sentence.

    Longest first: the alternation takes the first label that matches ('Thời gian bắt đầu' before 'Thời gian').
    """
    labels = sorted(_label_fields(), key=len, reverse=True)
    words = "|".join(r"\s+".join(map(re.escape, lbl.split())) for lbl in labels)
    return re.compile(
        r"(?:^\s*(?:[-+*•–]\s*|[a-zđ]\s*\)\s*)?|(?<=[.;]\s)|(?<=[.;]))\s*"
        r"(?P<label>" + words + r")"
        r"(?:\s*\([^)]{0,60}\))?\s*[:.]",
        re.IGNORECASE,
    )


def _label_field(label: str) -> str:
    return _label_fields()[fold(label)]


@functools.lru_cache(maxsize=1)
def _column_words() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Header phrases of ``catalogs/labels.json`` as whole-word patterns, longest first."""
    words = sorted(item_labels().column_words().items(), key=lambda kv: len(kv[0]), reverse=True)
    return tuple((re.compile(r"(?<!\w)" + re.escape(w) + r"(?!\w)"), name) for w, name in words)


def level_number(n: str) -> int:
    """The value of a level number matched by ``_LEVEL_N``: '2', '02' or 'II' -> 2."""
    return int(n) if n.isdecimal() else roman_value(n)


def level_in(text: str) -> int | None:
    m = LEVEL.search(text)
    return level_number(m["n"]) if m else None


# Levels a heading or a criterion cell carries beside the title: 'Tiêu chí 2.4. Đối với học sinh (cần đạt:
# Mức 3)', '(Mức hiện tại: 2 – cần đạt: Mức 3)', '(đã đạt Mức 2)', '(mục tiêu: Duy trì Mức 3)'.
_EMBEDDED_TARGET = re.compile(
    r"(?:cần\s+đạt|mục\s+tiêu|chỉ\s+tiêu|phấn\s+đấu)\s*:?\s*(?P<t>[^;()–]*?\bmức\s*(?:\d|(?-i:I))[^;()–]*?)"
    r"\s*(?=[;()–]|$)",
    re.IGNORECASE,
)
# The level held now, written beside a title or a target: 'Mức hiện tại: 2', '(hiện tại: Mức 2)', 'đã đạt
# Mức 3', 'hiện đạt Mức 3', 'đang ở Mức 2'.
_EMBEDDED_CURRENT = re.compile(
    r"(?:mức\s+(?:đạt\s+)?hiện\s+tại\s*:?\s*(?:mức\s*)?|hiện\s+tại\s*:?\s*(?:là\s+|đạt\s+)?mức\s*"
    r"|(?:đã|hiện|hiện\s+đang)\s+đạt\s*:?\s*mức\s*|(?:hiện\s+)?đang\s+ở\s+mức\s*)" + _LEVEL_N,
    re.IGNORECASE,
)


def target_level_in(text: str) -> int | None:
    """The target level of a target field: its first level that is not the current one ('Mức 1 (hiện tại:
    Mức 2)' -> 1, 'Đã đạt Mức 2, phấn đấu Mức 3' -> 3)."""
    return level_in(_EMBEDDED_CURRENT.sub(" ", text))


def with_embedded_levels(item: Item) -> Item:
    """Target and current level written in the item's heading or criterion cell, or the current level
    written beside the target ('Đạt Mức 2 (hiện tại: Mức 3)'), when no field gives them."""
    # A title on the line under the heading ('Tiêu chí 4.1' over 'Title (hiện đạt Mức 2)') carries them too.
    own_line = item.title is not None and item.title.text not in item.heading.text
    text = f"{item.heading.text} {item.title.text}" if own_line and item.title else item.heading.text
    if item.target is None and (m := _EMBEDDED_TARGET.search(text)):
        item = evolve(item, target=_span(m["t"].strip(" .:"), item.heading.loc), target_level=level_in(m["t"]),
                      target_inherited=False, target_is_status=False)
    if item.current_level is None:
        for where in (item.heading, item.title if own_line else None, item.target):
            if where is not None and (c := _EMBEDDED_CURRENT.search(where.text)):
                return evolve(item, current_level=level_number(c["n"]), current=_span(c.group(0), where.loc))
    return item


# ----------------------------------------------------------------------------- paragraph layout


@dataclass
class _Open:
    item: Item
    last_field: str | None = None
    spans: dict[str, list[Span]] = field(default_factory=dict)


def _field_spans(line: Line) -> list[tuple[str, Span]]:
    """Split a line at its labels: 'Thời gian bắt đầu: X. Thời gian hoàn thành: Y' -> two fields."""
    raw = line.raw
    matches = list(_label_re().finditer(raw))
    out: list[tuple[str, Span]] = []
    for k, m in enumerate(matches):
        end = matches[k + 1].start() if k + 1 < len(matches) else len(raw)
        value = raw[m.end():end].strip()
        name = _label_field(m["label"])
        # The sentence's own full stop is not part of the value ('Tháng 9/2025.' -> 'Tháng 9/2025').
        out.append((name, Span(text=value.rstrip(" .;,"), loc=line.loc)))
    return out


def label_segments(text: str) -> list[tuple[int, int, str | None]]:
    """The parts of a line and the field each is under: (start, end, field), text before a label is ``None``.

    'Thời gian bắt đầu: 9/2025. Thời gian hoàn thành: 5/2026' -> the values after each label, as
    ``start`` and ``end``; a line without a label is one part with no field.
    """
    matches = list(_label_re().finditer(text))
    if not matches:
        return [(0, len(text), None)]
    out: list[tuple[int, int, str | None]] = [(0, matches[0].start(), None)] if matches[0].start() else []
    for k, m in enumerate(matches):
        end = matches[k + 1].start() if k + 1 < len(matches) else len(text)
        out.append((m.end(), end, _label_field(m["label"])))
    return out


def table_headers(doc: Document) -> dict[int, tuple[int | None, dict[int, str]]]:
    """Block -> (header row index, column -> field) for every table whose header names fields.

    A header row is a row of which at least two cells name a field; rows above it (a title row) declare
    nothing. A table with no header that continues the table just above it (the next page of a split
    table: same width, at most one block apart) keeps that table's columns, with ``None`` for its header
    row: every row of it is content.
    """
    out: dict[int, tuple[int | None, dict[int, str]]] = {}
    last: tuple[int, int, dict[int, str]] | None = None  # block, width, columns of the last table with a header
    for b, block in enumerate(doc.blocks):
        if not isinstance(block, Table) or not block.rows:
            continue
        head = header_of(block)
        found = (head[0], column_fields(head[1])) if head is not None else None
        if found is None and last is not None and b - last[0] <= 2 and abs(block.width - last[1]) <= 1:
            found = (None, last[2])
        if found is None:
            continue
        last = (b, block.width, found[1])
        out[b] = found
    return out


def _names_fields(text: str) -> bool:
    return bool(column_fields([text]))


def header_of(t: Table) -> tuple[int, list[str]] | None:
    """A table's header: its last row and its cell texts by column (see :func:`header_texts`), if it has one.

    The header is the first of the table's first three rows of which at least two cells name a field.
    """
    r = next((r for r, row in enumerate(t.rows[:3]) if len(column_fields(row.texts())) >= 2), None)
    if r is None:
        return None
    texts, last = header_texts(t, r)
    return last, texts


def header_texts(t: Table, r: int) -> tuple[list[str], int]:
    """A header row's cell texts by column, read with the row of sub-headers under it, and the header's last row.

    A two-row header puts a group cell over its sub-columns ('Thời gian' over 'Bắt đầu | Kết thúc', 'Mức'
    over 'Hiện tại | Cần đạt'): the row under it is a sub-header when every cell it fills names a field and
    one of them stands under a merged top cell, which Word spans over the next columns (``gridSpan``: the top
    row has no cell there) and a text export leaves empty or repeats; a sub-header names its column, the top
    row the others.
    """
    width = max(t.width, 1)
    top = {c.column: c.text for c in t.rows[r].cells}
    texts = [top.get(c, "") for c in range(width)]
    if r + 1 >= len(t.rows):
        return texts, r
    sub = {c.column: c.text for c in t.rows[r + 1].cells if clean(c.text) and not c.merged_up}

    def spanned(c: int) -> bool:
        here = fold(clean(top.get(c, "")))
        return not here or (c > 0 and here == fold(clean(top.get(c - 1, ""))))

    if not sub or not all(_names_fields(x) for x in sub.values()) or not any(spanned(c) for c in sub):
        return texts, r
    return [sub.get(c) or texts[c] for c in range(width)], r + 1


def table_fields(doc: Document) -> dict[tuple[int, int], str]:
    """(block, column) -> the field a table's header row declares for that column, for every table."""
    return {(b, c): name for b, (_, cols) in table_headers(doc).items() for c, name in cols.items()}


def _starts_with_label(text: str) -> bool:
    m = _label_re().match(text)
    return bool(m and m.start("label") <= 2)


def _close(open_: _Open | None, items: list[Item]) -> None:
    if open_ is None:
        return
    updates: dict[str, Span] = {}
    for name, spans in open_.spans.items():
        text = " ".join(s.text for s in spans if s.text).strip()
        updates[name] = Span(text=text, loc=spans[0].loc)
    item = evolve(open_.item, **updates)
    if item.current is not None and item.current_level is None:
        item = evolve(item, current_level=level_in(item.current.text))
    if item.target is not None:
        # A status heading ('…: Trường đạt Mức 3') may still be followed by a real target.
        status = _STATUS.match(clean(item.target.text))
        if status:
            item = evolve(item, target_is_status=True, current_level=level_number(status["n"]), current=item.target)
        else:
            item = evolve(item, target_level=target_level_in(item.target.text), target_is_status=False)
    items.append(with_embedded_levels(item))


def _short_heading(lines: list[Line], k: int) -> re.Match[str] | None:
    """A 'TC 1.1 – Title' (or bare '1.1.') line that a labelled field line follows, maybe after its title's
    own line."""
    m = _SHORT_HEADING.match(lines[k].text) or _ID_ONLY.match(lines[k].text)
    if m is None:
        return None
    below = _title_below(lines, k) if not m["rest"].strip() else None
    after = next((ln for ln in lines[(below or k) + 1:] if ln.text.strip()), None)
    if after is None or after.in_table:
        return None
    return m if _starts_with_label(re.sub(r"^" + LIST_MARK, "", after.text)) else None


def _title_below(lines: list[Line], k: int) -> int | None:
    """The line under heading ``k`` when it is that criterion's title, which PDF exports and Word's soft
    breaks put on a line of its own ('Tiêu chí 4.1' over 'Ban đại diện cha mẹ học sinh'): a short line
    opening with a capital that is no heading, label, period, closing part or sentence of the body."""
    if k + 1 >= len(lines):
        return None
    below = lines[k + 1]
    text = below.text.strip()
    words = len(text.split())
    if below.in_table or below.loc.origin is not None or not text[:1].isupper() or words > 25 \
            or (text.endswith((".", ";")) and words > 15) or text.endswith(":"):
        return None
    bare = re.sub(r"^" + LIST_MARK, "", text)
    if CRITERION.match(text) or STANDARD.match(text) or _SHORT_HEADING.match(text) or _ID_ONLY.match(text) \
            or match_heading(text) or _starts_with_label(bare) or period_phrase(text) or closing_heading(text):
        return None
    return k + 1


# A part's number whatever the case of its title: 'IV.', 'C.', '3)'.
_PART_NUMBER = re.compile(r"^(?:(?P<roman>[IVX]{1,5})|(?P<letter>[A-HJ-UWYZĐ])|(?P<arabic>\d{1,2}))\s*[.)\-–]\s*(?=\S)")


def _part_number(text: str) -> tuple[str | None, str]:
    """The numbering scheme of a part heading ('roman', 'letter', 'arabic' or ``None``) and its title."""
    m = _PART_NUMBER.match(text)
    if m is None or (m["roman"] and to_roman(roman_value(m["roman"]) or 0) != m["roman"]):
        return None, text
    scheme = next(name for name in ("roman", "letter", "arabic") if m[name])
    return scheme, text[m.end():]


@functools.lru_cache(maxsize=1)
def _closing_phrases() -> tuple[str, ...]:
    """Folded headings of the parts that end the list of criteria (``catalogs/labels.json`` ``closing_*``)."""
    labels, parts = item_labels(), plan_parts()
    words = {fold(w) for key in labels.closing_parts for w in parts.part(key).headings}
    return tuple(sorted(words | {fold(w) for w in labels.closing_headings}, key=len, reverse=True))


def closing_heading(text: str) -> bool:
    """Whether a line is the heading of a part that ends the list of criteria ('IV. TỔ CHỨC THỰC HIỆN',
    'C. Kinh phí thực hiện', 'ĐIỀU KHOẢN THI HÀNH', 'Tổ chức thực hiện', 'Nơi nhận:'), by its words.

    Numbered or in capitals, the heading opens with a catalog phrase; unnumbered in sentence case it is the
    phrase alone, and not an item's label ('Kinh phí' alone may be a field whose value is on the next line).
    """
    if CRITERION.match(text) or STANDARD.match(text) or _starts_with_label(re.sub(r"^" + LIST_MARK, "", text)):
        return False
    scheme, rest = _part_number(text)
    title = fold(clean(rest)).strip(" .:;")
    phrase = next((p for p in _closing_phrases() if title == p or title.startswith((p + " ", p + ","))), None)
    if phrase is None:
        return False
    if scheme is not None or rest == rest.upper():
        return len(title.split()) <= 12
    return title == phrase and title not in _label_fields()


def top_scheme(lines: list[Line]) -> str:
    """The numbering of a plan's top-level parts: its first Roman or capital-letter heading's, else arabic."""
    for ln in lines:
        if not ln.in_table and ln.loc.origin is None and (h := match_heading(ln.text)) and h[0] in ("roman", "letter"):
            return h[0]
    return "arabic"


def ends_items(text: str, top: str) -> bool:
    """Whether a paragraph ends the item above it: a closing part's heading, or any heading numbered at the
    plan's top level ('C. Tổ chức thực hiện' in a plan of A, B, C parts, whatever the case of its title)."""
    if closing_heading(text):
        return True
    scheme, rest = _part_number(text)
    return scheme == top and scheme != "arabic" and bool(rest[:1].isupper()) \
        and not (CRITERION.match(text) or STANDARD.match(text))


def paragraph_items(lines: list[Line]) -> tuple[list[Item], list[StandardHeading]]:
    items: list[Item] = []
    standards: list[StandardHeading] = []
    open_: _Open | None = None
    standard: int | None = None
    periods = set(_period_lines(lines))
    top = top_scheme(lines)
    titles: set[int] = set()  # lines read as the title of the heading above them
    for k, line in enumerate(lines):
        if line.in_table or k in titles:
            continue
        text = line.text
        if k in periods:  # 'Học kỳ II' above the next items ends the item before it
            _close(open_, items)
            open_ = None
            continue
        m_std = STANDARD.match(text)
        if m_std:
            _close(open_, items)
            open_ = None
            standard = int(m_std["n"])
            standards.append(StandardHeading(number=standard, title=m_std["title"].strip(" .:"), span=line.span()))
            continue
        m = CRITERION.match(text) or _short_heading(lines, k)
        if m:
            _close(open_, items)
            rest = m["rest"].strip()
            # 'Tiêu chí 1.1: Đạt Mức 3' with no title is a line of a results list, not a heading.
            status = _STATUS.match(rest) or _RESULT_ONLY.match(rest)
            title_text = status["before"].strip(" :.") if status else rest
            title = Span(text=title_text, loc=line.loc) if title_text else None
            if title is None and status is None and (below := _title_below(lines, k)) is not None:
                title = lines[below].span()
                titles.add(below)
            item = Item(
                criterion=m["id"], standard=standard or int(m["id"].split(".")[0]), layout="paragraph",
                heading=line.span(), title=title,
            )
            if status:
                item = evolve(item, current_level=level_number(status["n"]), target_is_status=True,
                              current=_span(status["status"], line.loc))
            open_ = _Open(item)
            for name, span in _field_spans(line) if _label_re().search(rest) else []:
                open_.spans.setdefault(name, []).append(span)
                open_.last_field = name
            continue
        if open_ is None:
            continue
        heading = match_heading(text)
        fields = _field_spans(line)
        if fields and _starts_with_label(re.sub(r"^" + LIST_MARK, "", text)):
            for name, span in fields:
                open_.spans.setdefault(name, []).append(span)
                open_.last_field = name
            continue
        if (heading and heading[0] == "roman") or ends_items(text, top):
            _close(open_, items)
            open_ = None
            continue
        if open_.last_field and not heading:
            # A wrapped value continues on the next paragraph (a second line of 'Hạn chế ...').
            open_.spans[open_.last_field].append(Span(text=line.raw.strip(), loc=line.loc))
        elif heading:
            _close(open_, items)
            open_ = None
    _close(open_, items)
    return items, standards


# ----------------------------------------------------------------------------- table layout


def column_fields(header: list[str]) -> dict[int, str]:
    """Column index -> Item field for a plan table's header row (what ``Item.declared_columns`` declare)."""
    return dict(_column_map(tuple(header)))


# Every table's first row and every item's declared columns ask this; headers repeat page after page.
@functools.lru_cache(maxsize=1024)
def _column_map(header: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    out: dict[int, str] = {}
    taken: set[str] = set()
    for col, text in enumerate(header):
        t = fold(clean(text))
        # A parenthesised note qualifies the header's own words: 'Tiêu chí (mức hiện tại – mức cần đạt)' is the
        # criterion column (whose cells carry the levels), 'Kinh phí (đồng)' the budget; the note counts only
        # when the words outside it name nothing.
        bare = re.sub(r"\([^)]*\)", " ", t).strip()
        for words in dict.fromkeys((bare, t)):
            name = next((n for pattern, n in _column_words() if words and pattern.search(words)
                         and (n not in taken or n in ("tasks", "solutions"))), None)
            if name is not None:
                if name == "timing" and "start" in taken:
                    name = "end"
                out[col] = name
                taken.add(name)
                break
    return tuple(out.items())


def _is_item_header(cells: list[str]) -> bool:
    cols = set(column_fields(cells).values())
    return "criterion" in cols and len(cols & {"target", "tasks", "solutions", "responsible", "timing"}) >= 2


def _merged_item_tables(doc: Document) -> list[tuple[list[str], list[tuple[Table, int]]]]:
    """Item tables with their page-split continuations: (header cells by column, [(table, row index)]).

    The header is the table's first row, read with its sub-header row (:func:`header_texts`).
    """
    groups: list[tuple[list[str], list[tuple[Table, int]]]] = []
    last_block: int | None = None
    for b, block in enumerate(doc.blocks):
        if not isinstance(block, Table) or not block.rows:
            continue
        first, last = header_texts(block, 0)
        if _is_item_header(first):
            body = [(block, r) for r in range(last + 1, len(block.rows))]
            if groups and last_block is not None and b - last_block <= 2 and \
                    [fold(c) for c in first] == [fold(c) for c in groups[-1][0]]:
                groups[-1][1].extend(body)
            else:
                groups.append((first, body))
            last_block = b
        elif groups and last_block is not None and b - last_block <= 2 and abs(block.width - len(groups[-1][0])) <= 1:
            groups[-1][1].extend((block, r) for r in range(len(block.rows)))
            last_block = b
    return groups


def table_items(doc: Document) -> tuple[list[Item], list[StandardHeading]]:
    """Items of 9-column plan tables, and their standard rows (group rows set the level items inherit)."""
    items: list[Item] = []
    standards: list[StandardHeading] = []
    block_of = {id(b): i for i, b in enumerate(doc.blocks)}
    for header, rows in _merged_item_tables(doc):
        cols = column_fields(header)
        crit_col = next(c for c, n in cols.items() if n == "criterion")
        declared = [clean(h) for h in header]
        group_level: int | None = None
        standard: int | None = None
        current: Item | None = None
        above: list[str] = []
        above_table: Table | None = None
        for t, r in rows:
            b = block_of[id(t)]
            row = t.rows[r]
            by_col = {c.column: c for c in row.cells}
            texts = [by_col[c].text if c in by_col else "" for c in range(len(header))]
            # A cell merged down from the row above holds that row's content (one person responsible
            # for several criteria), not an empty cell.
            if t is above_table:
                texts = [above[c] if c in by_col and by_col[c].merged_up and c < len(above)
                         and cols.get(c) not in ("tt", "criterion") else x for c, x in enumerate(texts)]
            above, above_table = texts, t
            if [fold(x) for x in texts] == [fold(h) for h in header]:
                continue  # header repeated on a new page
            nonempty = [(c, clean(x)) for c, x in enumerate(texts) if clean(x)]
            if not nonempty:
                continue
            if any(_TOTAL.match(x) for _, x in nonempty):
                if current is not None:  # the total row closes the table: it continues no item
                    items.append(current)
                    current = None
                continue
            cell_texts = [x for _, x in nonempty]
            # A cell's line breaks ('Tiêu chí 1.5. Title' over '(Mức hiện tại: 2)') join as spaces.
            crit_text = " ".join(clean(texts[crit_col]).split()) if crit_col < len(texts) else ""
            # In the criterion column a bare '1.1' (or '1.1. Title') and the short 'TC 1.1 – Title' name the
            # criterion too.
            m = CRITERION.match(crit_text) or _BARE_CRITERION.match(crit_text) or _SHORT_HEADING.match(crit_text)
            std = next((STANDARD.match(x) for x in cell_texts if STANDARD.match(x)), None)
            group = next((g for g in map(level_group, cell_texts) if g), None)
            if std and not m:
                standard = int(std["n"])
                col = next(c for c, x in nonempty if STANDARD.match(x))
                loc = cell_location(t, r, col, row.line, b)
                standards.append(StandardHeading(number=standard, title=std["title"].strip(" .:"),
                                                 span=Span(text=texts[col].strip(), loc=loc)))
                if current is not None:
                    items.append(current)
                    current = None
                if group:
                    group_level = group[0]
                continue
            if group and not m and len(nonempty) <= 2:
                group_level = group[0] if len(group) == 1 else None
                if current is not None:
                    items.append(current)
                    current = None
                continue
            if m:
                if current is not None:
                    items.append(current)
                current = _start_table_item(m, texts, cols, t, r, b, standard, group_level, declared)
                continue
            if current is not None and (crit_col >= len(texts) or not clean(texts[0]) or crit_col == 0):
                current = _continue_table_item(current, texts, cols, t, r, b)
        if current is not None:
            items.append(current)
    return [_finish_table_item(i) for i in items], standards


def _bare_level(text: str) -> int | None:
    """A level column's cell may hold the bare number: '2', '3'."""
    t = clean(text).strip(" .")
    return int(t) if t in ("1", "2", "3", "4") else None


def _start_table_item(m: re.Match[str], texts: list[str], cols: dict[int, str], t: Table, r: int, b: int,
                      standard: int | None, group_level: int | None, declared: list[str]) -> Item:
    row = t.rows[r]
    spans: dict[str, Span] = {}
    cells: list[Span] = []
    crit_col = next(c for c, n in cols.items() if n == "criterion")
    crit_loc = None
    for c, text in enumerate(texts):
        loc = cell_location(t, r, c, row.line, b)
        if c == crit_col:
            crit_loc = loc
        cell = _span(text.strip(), loc)  # frozen: a field and its cell may share one span
        cells.append(cell)
        name = cols.get(c)
        if name and name not in ("criterion", "tt") and cell.text and name not in spans:
            spans[name] = cell
    if crit_loc is None:
        crit_loc = cell_location(t, r, crit_col, row.line, b)
    heading_text = texts[crit_col].strip() if crit_col < len(texts) else m.group(0)
    title = m["rest"].strip()
    item = Item(
        criterion=m["id"], standard=standard or int(m["id"].split(".")[0]), layout="table",
        heading=Span(text=heading_text, loc=crit_loc), title=Span(text=title, loc=crit_loc) if title else None,
        cells=cells, declared_columns=declared, columns=cols, **spans,
    )
    if group_level is not None:
        # Remember the group level; _finish_table_item decides whether the item needs it.
        item = evolve(item, target_level=group_level, target_inherited=True)
    return item


def _continue_table_item(item: Item, texts: list[str], cols: dict[int, str], t: Table, r: int, b: int) -> Item:
    row = t.rows[r]
    updates: dict[str, object] = {}
    cells = list(item.cells)
    for c, text in enumerate(texts):
        if not text.strip():
            continue
        loc = cell_location(t, r, c, row.line, b)
        if c < len(cells):
            prev = cells[c]
            cells[c] = _span(f"{prev.text} {text.strip()}".strip(), prev.loc if prev.text else loc)
        name = cols.get(c)
        if name == "criterion":
            prev_title = item.title.text if item.title else ""
            updates["title"] = _span(f"{prev_title} {clean(text)}".strip(), item.title.loc if item.title else loc)
        elif name and name != "tt":
            prev_span: Span | None = updates.get(name) or getattr(item, name)  # type: ignore[assignment]
            joined = f"{prev_span.text} {text.strip()}" if prev_span else text.strip()
            updates[name] = _span(joined.strip(), prev_span.loc if prev_span else loc)
    updates["cells"] = cells
    return evolve(item, **updates)


def _finish_table_item(item: Item) -> Item:
    if item.current is not None and item.current_level is None:
        item = evolve(item, current_level=level_in(item.current.text) or _bare_level(item.current.text))
    if item.target is None:
        return with_embedded_levels(item)
    # A target cell 'Đã đạt Mức 2' states where the criterion is, as the paragraph layout's status line does.
    status = _STATUS.match(clean(item.target.text))
    if status:
        return evolve(item, target_is_status=True, target_level=None, target_inherited=False,
                      current_level=level_number(status["n"]), current=item.target)
    own = target_level_in(item.target.text) or _bare_level(item.target.text)
    if own is not None:
        return with_embedded_levels(evolve(item, target_level=own, target_inherited=False))
    return item


# ----------------------------------------------------------------------------- results and schedules


def assessment_rows(doc: Document) -> list[AssessmentRow]:
    """Rows of a self-assessment result table: which of Không đạt / Mức 1..3 are marked per criterion."""
    out: list[AssessmentRow] = []
    for b, t in enumerate(doc.blocks):
        if not isinstance(t, Table):
            continue
        level_cols: dict[int, int] = {}
        fail_col: int | None = None
        for row in t.rows[:4]:
            for cell in row.cells:
                text = fold(clean(cell.text))
                if re.fullmatch(r"mức\s*[1-4]", text):
                    level_cols[cell.column] = int(text[-1])
                elif text == "không đạt":
                    fail_col = cell.column
        if len(level_cols) < 2:
            continue
        for row in t.rows:
            first = next((c for c in row.cells if clean(c.text)), None)
            if first is None:
                continue
            m = CRITERION.match(clean(first.text))
            if not m or first.column >= min(level_cols):
                continue
            marked = sorted(lv for c in row.cells if c.column in level_cols and _MARK.match(c.text)
                            for lv in [level_cols[c.column]])
            failed = any(c.column == fail_col and _MARK.match(c.text) for c in row.cells)
            out.append(AssessmentRow(
                criterion=m["id"], levels=marked, failed=failed,
                span=Span(text=first.text.strip(), loc=cell_location(t, row.index, first.column,
                                                                     first.line or row.line, b)),
            ))
    return out


def _cell_span(t: Table, row: int, cell: Cell, line: int | None, block: int) -> Span | None:
    text = cell.text.strip()
    return Span(text=text, loc=cell_location(t, row, cell.column, cell.line or line, block)) if text else None


def schedule_rows(doc: Document) -> list[ScheduleRow]:
    """Rows of a 'Tháng | Nội dung | Tuần' appendix; an empty month cell repeats the month above."""
    out: list[ScheduleRow] = []
    for b, t in enumerate(doc.blocks):
        if not isinstance(t, Table) or not t.rows:
            continue
        head = [fold(clean(c.text)) for c in t.rows[0].cells]
        if not head or head[0] != "tháng" or len(head) < 3:
            continue
        month: int | None = None
        month_text = ""
        for row in t.rows[1:]:
            cells = row.cells
            if len(cells) < 3:
                continue
            first = clean(cells[0].text)
            if first:
                month_text = first
                month = int(first) if first.isdecimal() and len(first) <= 2 and 1 <= int(first) <= 12 else None
            task, when = (_cell_span(t, row.index, cells[c], row.line, b) for c in (1, 2))
            out.append(ScheduleRow(
                month=month, month_text=month_text, task=task, when=when,
                span=Span(text="\t".join(c.text.strip() for c in cells),
                          loc=cell_location(t, row.index, 0, row.line, b)),
            ))
    return out


# What makes a table a task table: a column of work and one of who or when.
_WORK = frozenset({"tasks", "solutions"})
_WHO_WHEN = frozenset({"responsible", "timing", "start", "end"})


def _row_texts(t: Table, r: int, width: int, above: list[str] | None) -> list[str]:
    """A row's cell texts by column; a cell merged down from the row above holds that row's content."""
    by_col = {c.column: c for c in t.rows[r].cells}
    texts = [by_col[c].text if c in by_col else "" for c in range(width)]
    if above is not None:
        texts = [above[c] if c in by_col and by_col[c].merged_up and c < len(above) else x
                 for c, x in enumerate(texts)]
    return texts


_TIME_FIELDS = frozenset({"timing", "start", "end"})


def _time_only(filled: dict[int, str], cols: dict[int, str]) -> bool:
    """A row whose one filled cell is a date or period in a time column ('Từ 09/3/2026 đến 13/3/2026')."""
    if len(filled) != 1:
        return False
    (c, text), = filled.items()
    return cols.get(c) in _TIME_FIELDS and bool(find_date_exprs(clean(text)))


def task_rows(doc: Document) -> list[TaskRow]:
    """Rows of the tables of tasks that are not item tables (no criterion column).

    A row counts when at least two of its cells outside the row-number column are filled: a row with one
    filled cell is a phase heading ('Giai đoạn 1: Chuẩn bị') or a cell continued from the row above. A row
    that fills only its time cell is either the heading of the rows under it ('Tháng 10/2025' over rows
    whose time cells are empty: they take its time, as a merged cell's rows do) or a row that lost its
    content, kept with its time alone.
    """
    out: list[TaskRow] = []
    for b, (head_row, cols) in table_headers(doc).items():
        names = set(cols.values())
        if "criterion" in names or not names & _WORK or not names & _WHO_WHEN:
            continue
        t = doc.blocks[b]
        assert isinstance(t, Table)
        width = max(t.width, max(cols) + 1)
        head = header_of(t) if head_row is not None else None
        header = head[1] if head is not None else []
        declared = [clean(h) for h in header] or sorted(set(cols.values()))
        rows: list[tuple[int, list[str], dict[int, str]]] = []
        above: list[str] | None = None
        for r in range((head_row + 1) if head_row is not None else 0, len(t.rows)):
            texts = _row_texts(t, r, width, above)
            above = texts
            if header and [fold(x) for x in texts[:len(header)]] == [fold(h) for h in header]:
                continue  # header repeated on a new page
            filled = {c: x.strip() for c, x in enumerate(texts) if clean(x) and cols.get(c) != "tt"}
            if filled:
                rows.append((r, texts, filled))
        out += _task_table_rows(t, b, cols, declared, rows)
    return out


def _task_table_rows(t: Table, b: int, cols: dict[int, str], declared: list[str],
                     rows: list[tuple[int, list[str], dict[int, str]]]) -> list[TaskRow]:
    """The task rows of one table from its rows (index, cell texts, filled cells), time headings applied."""
    out: list[TaskRow] = []
    heading: dict[str, Span] = {}
    for k, (r, texts, filled) in enumerate(rows):
        row = t.rows[r]
        fields = {name: _span(filled[c], cell_location(t, r, c, row.line, b))
                  for c, name in cols.items() if c in filled and name != "tt"}
        if _time_only(filled, cols):
            if period_phrase(clean(next(iter(filled.values())))):
                continue  # a school year or semester heading ('Năm học 2025-2026') over rows with their dates
            following = rows[k + 1][2] if k + 1 < len(rows) else {}
            if following and not _time_only(following, cols) and \
                    not any(cols.get(c) in _TIME_FIELDS for c in following):
                heading = fields
                continue
        elif len(filled) < 2 or len({fold(clean(x)) for x in filled.values()}) < 2:
            continue  # a phase heading merged across the row, or a cell continued from the row above
        if any(cols.get(c) in _TIME_FIELDS for c in filled):
            heading = {}
        cells = [_span(x.strip(), cell_location(t, r, c, row.line, b)) for c, x in enumerate(texts)]
        out.append(TaskRow(fields={**heading, **fields}, columns=cols, declared_columns=declared, cells=cells,
                           span=Span(text="\t".join(x.strip() for x in texts),
                                     loc=cell_location(t, r, 0, row.line, b))))
    return out


# ----------------------------------------------------------------------------- yearly / semester breakdowns

# What follows a period word: a number, a roman numeral, an ordinal word or the years, then maybe the years
# again in brackets ('Học kỳ I năm học 2025-2026', 'Năm thứ nhất (2024-2025)').
_YEARS = r"\d{4}\s*[-–—]\s*\d{4}"
_ORDINAL = r"(?:" + _YEARS + r"|[ivx]{1,4}|\d{1,2}|nhất|hai|ba|tư|bốn|năm|sáu|một)"
_PERIOD_TAIL = r"(?:\s*[,(–-]?\s*(?:năm\s+học\s*)?" + _YEARS + r"\s*\)?)?"


@functools.lru_cache(maxsize=1)
def _period_re() -> re.Pattern[str]:
    words = sorted((fold(w) for w in item_labels().periods), key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) or r"(?!)"
    return re.compile(r"^(?:[a-zđ]\s*[).]\s*|\d{1,2}\s*[.)]\s*|[-+*•–]\s*)?"
                      r"(?P<period>(?:" + alternatives + r")\s*" + _ORDINAL + r"\b" + _PERIOD_TAIL + r")"
                      r"\s*[:.]?$")


def period_phrase(text: str) -> str | None:
    """The period a heading line names ('a) Năm học 2025-2026:' -> 'Năm học 2025-2026'), or ``None``."""
    written = clean(text)
    m = _period_re().match(folded := fold(written))
    if not m:
        return None
    # Where folding kept the length (it usually does), the match's place quotes the line as written.
    return written[m.start("period"):m.end("period")] if len(folded) == len(written) else written.strip(" :.")


def _period_lines(lines: list[Line]) -> list[int]:
    """Indexes of the lines that head a yearly or semester breakdown's period.

    A paragraph counts when what follows it is a standard or criterion heading, another period or a table
    (the period introduces items; 'Học kỳ I' on its own line inside a time field is a value). A table row
    counts when its only filled cell names a period (a merged row above that period's items).
    """
    filled: dict[tuple[int, int | None], set[int | None]] = {}
    for ln in lines:
        if ln.in_table:
            filled.setdefault((ln.block, ln.loc.row), set()).add(ln.loc.column)
    out: list[int] = []
    for k, ln in enumerate(lines):
        if period_phrase(ln.text) is None:
            continue
        if ln.in_table:
            if len(filled[(ln.block, ln.loc.row)]) != 1:
                continue
        else:
            after = lines[k + 1] if k + 1 < len(lines) else None
            if after is None or not (after.in_table or STANDARD.match(after.text) or CRITERION.match(after.text)
                                     or _SHORT_HEADING.match(after.text)
                                     or period_phrase(after.text)):
                continue
        out.append(k)
    return out


def period_headings(lines: list[Line]) -> list[Span]:
    """The breakdown periods' headings in document order, each quoting its period ('Năm học 2025-2026')."""
    return [Span(text=period_phrase(lines[k].text) or "", loc=lines[k].loc) for k in _period_lines(lines)]


def with_periods(items: list[Item], periods: list[Span], section_of: dict[int, str]) -> list[Item]:
    """Each item with the breakdown period it is listed under: the last period heading above it in the same
    top-level part of the plan (a new part such as 'IV. Tổ chức thực hiện' ends the breakdown)."""
    def top(block: int | None) -> str:
        return (section_of.get(block or 0) or "").split(".")[0]

    def where(s: Span) -> tuple[int, int]:
        return (s.loc.block or 0, s.loc.row if s.loc.row is not None else -1)

    out: list[Item] = []
    for item in items:
        here = where(item.heading)
        above = [p for p in periods if where(p) < here and top(p.loc.block) == top(item.heading.loc.block)]
        out.append(evolve(item, period=above[-1]) if above else item)
    return out
