"""Shared logic of the catalog, reference, target-level and count rules.

The rules of these modules compare a plan with the catalogs (criteria per circular
version, legal documents). What they share lives here: positions and segments of
the item area, the current level of a criterion, quoting helpers, the mapping from
catalog confidence onto severity, and the lookup of a cited document.

Not scanned for rules (the module name starts with ``_``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from kclint.catalog import (
    Confidence,
    CriteriaVersion,
    Criterion,
    LegalDocument,
    accreditation_circulars,
    find_document,
    load_versions,
)
from kclint.citations import normalise_symbol, number_key, types_compatible
from kclint.engine import per_run
from kclint.model import (
    AssessmentRow,
    Citation,
    CriterionRef,
    Item,
    LevelFact,
    Location,
    Plan,
    SchoolLevel,
    Severity,
    Span,
)
from kclint.textnorm import fold

# ---------------------------------------------------------------------------
# Positions, sections and segments of the item area
# ---------------------------------------------------------------------------

Pos = tuple[int, int]


def pos(loc: Location) -> Pos:
    """A sortable position: (block, row); a paragraph sorts before any row of a later table."""
    return (loc.block or 0, loc.row if loc.row is not None else -1)


def top_section(section: str | None) -> str | None:
    """The outermost part of a section path ('III' for 'III.2.1')."""
    return section.split(".")[0] if section else None


@per_run
def section_lookup(plan: Plan, *, full: bool = False) -> Callable[[Location], str | None]:
    """A function giving the top-level section (the whole path if ``full``) in force at a location.

    Standard headings and assessment rows carry no section of their own; the lines of
    ``plan.texts`` do, and they are in document order, so the last line at or before a
    position tells the section.
    """
    keys = [pos(t.loc) for t in plan.texts]
    sections = [t.loc.section if full else top_section(t.loc.section) for t in plan.texts]

    def lookup(loc: Location) -> str | None:
        i = bisect.bisect_right(keys, pos(loc))
        return sections[i - 1] if i else None

    return lookup


class Segment(NamedTuple):
    """The part of the item area an item or standard heading sits in."""

    section: str | None  # top-level section
    period: str | None  # folded breakdown period ('năm học 2025-2026', 'học kỳ i'), see ``Item.period``
    group: tuple[int, ...] | None  # level group ('Mức 2', 'Mức 3')


@dataclass(frozen=True)
class Segments:
    """Where each item and standard heading sits.

    Plans may list their criteria more than once in legitimate ways — once per level group
    ('Mức 2' then 'Mức 3'), once per school year or semester of a breakdown, or once in the
    content and once in another part — so order and duplicates are only compared inside one
    segment. A standard heading belongs to the period of the first item at or after it.
    """

    of_item: dict[int, Segment]
    of_standard: dict[int, Segment]
    at: Callable[[Location, str | None], Segment]  # the segment of any other position, given its period


@per_run
def segments(plan: Plan) -> Segments:
    section_at = section_lookup(plan)
    groups = [(pos(g.span.loc), top_section(g.span.loc.section), tuple(g.levels)) for g in plan.level_groups]
    keys = [g[0] for g in groups]
    # Per section, the indexes (into ``groups``) of its group rows: the last one before a position is one
    # bisection away, instead of a scan back over every group row for every item.
    of_section: dict[str | None, list[int]] = {}
    for g, (_, section, _) in enumerate(groups):
        of_section.setdefault(section, []).append(g)
    item_keys = [pos(i.heading.loc) for i in plan.items]  # items are in document order
    periods = [fold(i.period.text) if i.period else None for i in plan.items]

    def segment(loc: Location, period: str | None) -> Segment:
        section = section_at(loc)
        i = bisect.bisect_left(keys, pos(loc))
        mine = of_section.get(section, [])
        j = bisect.bisect_left(mine, i)  # group rows of this section among groups[:i]
        return Segment(section, period, groups[mine[j - 1]][2] if j else None)

    def period_from(loc: Location) -> str | None:
        k = bisect.bisect_left(item_keys, pos(loc))
        return periods[k] if k < len(periods) else None

    return Segments(
        of_item={k: segment(item.heading.loc, periods[k]) for k, item in enumerate(plan.items)},
        of_standard={k: segment(s.span.loc, period_from(s.span.loc)) for k, s in enumerate(plan.standards)},
        at=segment,
    )


# What may stand before a criterion reference that heads its line as the plan's own entry: nothing, a list
# mark, or a lead of one or two words ('Đối với tiêu chí 1.6 (…)'); what follows it: its title or a separator.
_ENTRY_LEAD = re.compile(r"^\W*(?:\w+\s+){0,2}$")
_ENTRY_TAIL = re.compile(r"^\s*[:.(\-–—]")
# A period heading's only text: a school year, a semester or a phase (the date facts say which words those are).
_PERIOD_KINDS = frozenset({"school_year", "range", "cycle"})


class Listed(NamedTuple):
    """A criterion reference that acts as an entry of the plan's own list, where the layout has no items."""

    ref: CriterionRef
    segment: Segment


def _period_headings(plan: Plan) -> list[tuple[Pos, str | None, str]]:
    """(position, top section, folded period) of every line whose whole text is one period ('Năm học
    2025-2026', 'Học kỳ I:'), a paragraph or a table row with that one cell filled (a merged row)."""
    filled: dict[tuple[int | None, int | None], int] = {}
    for t in plan.texts:
        if t.loc.table is not None and t.text.strip():
            filled[(t.loc.block, t.loc.row)] = filled.get((t.loc.block, t.loc.row), 0) + 1
    lines = {t.loc: t.text for t in plan.texts}
    out = []
    for d in plan.facts.dates:
        loc = d.span.loc
        if d.expr.kind.value not in _PERIOD_KINDS or (loc.table is not None and filled.get((loc.block, loc.row)) != 1):
            continue
        if fold(lines.get(loc, "")).strip(" :.;-–*\t") == fold(d.span.text).strip():
            out.append((pos(loc), top_section(loc.section), fold(d.span.text)))
    return out


@per_run
def listed_criteria(plan: Plan) -> list[Listed]:
    """The criterion references that head their line as the plan's list (a schedule row 'Tiêu chí 1.6 (…): …',
    a paragraph 'Đối với tiêu chí 1.6 (…), …'), in parts of the plan where no item was read, each with its
    segment (the period is the period heading above it in the same part). A line naming two criteria ('tiêu
    chí 1.3 và 1.1') or naming one inside a sentence is no entry."""
    with_items = {seg.section for seg in segments(plan).of_item.values()}
    lines = {t.loc: t.text for t in plan.texts}
    per_line: dict[Location, int] = {}
    for ref in plan.facts.criteria:
        per_line[ref.span.loc] = per_line.get(ref.span.loc, 0) + 1
    periods = _period_headings(plan)
    out: list[Listed] = []
    for ref in plan.facts.criteria:
        loc = ref.span.loc
        section = top_section(loc.section)
        if section is None or section in with_items or ref.range_from is not None or per_line[loc] != 1:
            continue
        line = lines.get(loc, "")
        if not (_ENTRY_LEAD.match(line[: ref.offset]) and _ENTRY_TAIL.match(line[ref.offset + len(ref.span.text):])):
            continue
        here = pos(loc)
        above = [p for at, sec, p in periods if at < here and sec == section]
        out.append(Listed(ref, segments(plan).at(loc, above[-1] if above else None)))
    return out


def criterion_key(criterion_id: str) -> tuple[int, int]:
    """(standard, index) of '1.10' -> (1, 10): criteria sort numerically, not as text."""
    standard, index = criterion_id.split(".")
    return int(standard), int(index)


def longest_ordered(keys: list[tuple[int, ...]]) -> set[int]:
    """Indexes of one longest non-decreasing subsequence of ``keys``.

    The elements outside it are the fewest that must move to restore the order, so a
    single misplaced criterion is reported once instead of every criterion after it.
    """
    tails: list[tuple[int, ...]] = []
    tail_index: list[int] = []
    previous: list[int] = [-1] * len(keys)
    for i, key in enumerate(keys):
        j = bisect.bisect_right(tails, key)
        if j == len(tails):
            tails.append(key)
            tail_index.append(i)
        else:
            tails[j] = key
            tail_index[j] = i
        previous[i] = tail_index[j - 1] if j else -1
    kept: set[int] = set()
    k = tail_index[-1] if tail_index else -1
    while k != -1:
        kept.add(k)
        k = previous[k]
    return kept


# ---------------------------------------------------------------------------
# Quoting
# ---------------------------------------------------------------------------

_CRITERION_LABEL = re.compile(r"Tiêu\s+chí\s+\d{1,2}\s*\.\s*\d{1,2}", re.IGNORECASE)
_STANDARD_LABEL = re.compile(r"Tiêu\s+chuẩn\s+\d{1,2}", re.IGNORECASE)


def quote(text: str, pattern: re.Pattern[str]) -> str:
    """The first match of ``pattern`` in ``text`` as written, else the whole text."""
    m = pattern.search(text)
    return m.group(0) if m else text


def criterion_label(span: Span) -> str:
    """'Tiêu chí 5.6' as written in a heading span."""
    return quote(span.text, _CRITERION_LABEL)


def standard_label(span: Span) -> str:
    """'Tiêu chuẩn 6' as written in a standard heading span."""
    return quote(span.text, _STANDARD_LABEL)


def level_phrase(text: str, level: int) -> str:
    """The words stating Mức ``level`` as written: 'Duy trì mức 3', 'Đạt Mức 2', or 'Mức 2'."""
    m = re.search(
        rf"(?:(?:giữ\s+vững|duy\s+trì|đạt|nâng\s+lên|lên|phấn\s+đấu\s+đạt)\s+)?mức\s*(?:độ\s*)?0?{level}(?!\d)",
        text,
        re.IGNORECASE,
    )
    return m.group(0) if m else text


# ---------------------------------------------------------------------------
# Catalog facts -> severity
# ---------------------------------------------------------------------------


def criterion_severity(
    base: Severity, version: CriteriaVersion, criterion: Criterion | None, aspect: str
) -> Severity:
    """``base``, or info when the catalog is unsure of the fact the finding rests on.

    ``aspect`` is one of the catalog's ``uncertain_about`` values ('title', 'levels',
    'existence'); a criterion unsure of its existence is unsure of everything else too.
    """
    if version.confidence == Confidence.LOW:
        return Severity.INFO
    if criterion is not None and (
        criterion.confidence == Confidence.LOW
        or aspect in criterion.uncertain_about
        or "existence" in criterion.uncertain_about
    ):
        return Severity.INFO
    return base


def document_severity(base: Severity, confidence: Confidence | None) -> Severity:
    """Severity from a registry fact's confidence: high keeps ``base``, medium caps it at warning, low is info."""
    if confidence is None or confidence == Confidence.HIGH:
        return base
    if confidence == Confidence.LOW:
        return Severity.INFO
    return Severity.WARNING if base == Severity.ERROR else base


def other_versions(version: CriteriaVersion) -> list[CriteriaVersion]:
    """The other versions of the circular for the same school levels (before/after TT 22/2024)."""
    return [v for v in load_versions() if v.id != version.id and set(v.school_levels) & set(version.school_levels)]


LEVEL_NAMES = {
    "mam_non": ("mầm non", "kindergarten"),
    "tieu_hoc": ("tiểu học", "primary"),
    "thcs": ("THCS", "lower secondary"),
    "thpt": ("THPT", "upper secondary"),
    "nhieu_cap": ("phổ thông nhiều cấp học", "multi-level"),
    "pho_thong": ("phổ thông", "general education"),
}


def level_name(level: str, lang: str = "vi") -> str:
    vi, en = LEVEL_NAMES.get(level, (level, level))
    return en if lang == "en" else vi


# ---------------------------------------------------------------------------
# Current and target levels
# ---------------------------------------------------------------------------


def current_level(plan: Plan, item: Item) -> tuple[int, Span] | None:
    """The level a criterion has now, and where the plan says so.

    The item's own status line ('Trường đã đạt Mức 2') wins; then a level the plan says the criterion
    has reached elsewhere ('Thực trạng: Mức 3; ...', 'tiêu chí 3.6 hiện đạt Mức 3'); then the plan's
    self-assessment table. None when the plan does not say.
    """
    if item.current_level is not None and item.current is not None:
        return item.current_level, item.current
    return stated_current(plan, item.criterion)


def stated_current(plan: Plan, criterion: str) -> tuple[int, Span] | None:
    """A criterion's current level from the plan's level facts, else its self-assessment row."""
    return _stated_currents(plan).get(criterion)


@per_run
def _stated_currents(plan: Plan) -> dict[str, tuple[int, Span]]:
    """:func:`stated_current` of every criterion the plan states one for, in one pass over the facts and rows
    (asked per item, a scan each time made the level rules quadratic in the plan's length)."""
    rows: dict[str, AssessmentRow] = {}
    for row in plan.assessment:
        if not row.failed:
            rows.setdefault(row.criterion, row)
    out = {criterion: (row.level, row.span) for criterion, row in rows.items() if row.levels}
    for fact in reversed(plan.facts.levels):  # the first current fact of a criterion wins over the row
        if fact.role == "current":
            out[fact.criterion] = (fact.level, fact.span)
    return out


def uncovered_levels(plan: Plan, role: str) -> list[LevelFact]:
    """Level facts of ``role`` for criteria no item covers: the item's own fields judge the others."""
    covered = {i.criterion for i in plan.items}
    return [f for f in plan.facts.levels if f.role == role and f.criterion not in covered]


def own_target(item: Item) -> int | None:
    """The target level the item states (None for a status line or no level)."""
    if item.target_is_status:
        return None
    return item.target_level


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------


def plan_date(plan: Plan, *, latest: bool = False) -> dt.date | None:
    """When the plan was written: its issue date, else the start of its period.

    Without an issue date the plan may have been written any time in its period;
    ``latest`` takes the period's end instead, so that "after the plan" stays certain.
    """
    if plan.header.issue_date is not None:
        return plan.header.issue_date
    if plan.period is None:
        return None
    return plan.period.end if latest else plan.period.start


def fmt_date(day: dt.date) -> str:
    """'26/5/2020': the inline form plans use."""
    return f"{day.day}/{day.month}/{day.year}"


# ---------------------------------------------------------------------------
# Citations
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Cited:
    """A citation of the plan and the registry document it names (None: unknown, local or ambiguous)."""

    citation: Citation
    document: LegalDocument | None

    @property
    def span(self) -> Span:
        return self.citation.span

    @property
    def reference(self) -> str:
        return self.citation.reference

    @property
    def head(self) -> str:
        return self.citation.head


def lookup(c: Citation) -> LegalDocument | None:
    """The registry document a citation names, or None (unknown, local, or ambiguous)."""
    if c.number is None and c.name is None:
        return None
    doc = find_document(c.doc_type, c.number, c.year, c.symbol, name=c.name)
    if doc is not None and not c.symbol and not types_compatible(doc.doc_type, c.doc_type):
        # 'Quyết định 14/2020' without a symbol is some other body's decision, not TT 14/2020.
        return None
    return doc


@per_run
def cited(plan: Plan) -> list[Cited]:
    """Every citation of the plan with its registry document (None when unknown)."""
    return [Cited(c, lookup(c)) for c in plan.citations]


# The line that says a plan is this one: an appendix's 'Kèm theo kế hoạch số …', the closing 'Trên đây là
# Kế hoạch số …'.
_ATTACHED = re.compile(r"kèm\s+theo", re.IGNORECASE)
_CLOSING = re.compile(r"trên\s+đây\s+là\W*$", re.IGNORECASE)


def names_the_plan(plan: Plan, c: Citation) -> bool:
    """Whether a citation of a plan ('kế hoạch') is the plan itself: named in an appendix's 'kèm theo' line,
    or right after the closing 'Trên đây là', whatever number it writes (a wrong number is then the plan's
    own number restated wrongly, not another document)."""
    if fold(c.doc_type or "") != "kế hoạch":
        return False
    line = next((s.text for s in _lines_at(plan).get(_place(c.span.loc), ()) if c.span.text in s.text), "")
    return bool(_ATTACHED.search(line)) or bool(_CLOSING.search(line[: line.find(c.span.text)]))


def _place(loc: Location) -> tuple[int | None, int | None, int | None]:
    return loc.block, loc.row, loc.column


@per_run
def _lines_at(plan: Plan) -> dict[tuple[int | None, int | None, int | None], list[Span]]:
    out: dict[tuple[int | None, int | None, int | None], list[Span]] = {}
    for s in plan.texts:
        out.setdefault(_place(s.loc), []).append(s)
    return out


def same_number_documents(c: Citation, documents: Iterable[LegalDocument]) -> list[LegalDocument]:
    """Registry documents with the citation's number and a compatible type, any year."""
    if c.number is None:
        return []
    wanted = number_key(c.number)
    out = []
    for d in documents:
        if number_key(d.number) != wanted or not types_compatible(d.doc_type, c.doc_type):
            continue
        if c.symbol and normalise_symbol(c.symbol) != normalise_symbol(d.symbol):
            continue
        out.append(d)
    return out



def _common_head(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def _near(a: str, b: str) -> bool:
    """Two different keys one slip apart: a letter changed, dropped or added, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    head = _common_head(a, b)
    a, b = a[head:], b[head:]
    tail = _common_head(a[::-1], b[::-1])
    a, b = a[: len(a) - tail], b[: len(b) - tail]
    return max(len(a), len(b)) <= 1 or (len(a) == len(b) == 2 and a == b[::-1])


def near_symbol_documents(c: Citation, documents: Iterable[LegalDocument]) -> list[LegalDocument]:
    """Registry documents with the citation's number, year and type whose symbol is one slip from the written one.

    ``5942/BGDĐT-QCL`` finds ``5942/BGDĐT-QLCL``; the keys are ``normalise_symbol``'s, so spacing,
    ``&`` and ``Đ``/``D`` (``symbol_problems``) are not counted as slips here.
    """
    if c.number is None or not c.symbol:
        return []
    key, wanted = normalise_symbol(c.symbol), number_key(c.number)
    return [d for d in documents
            if number_key(d.number) == wanted and (c.year is None or d.year == c.year)
            and types_compatible(d.doc_type, c.doc_type) and _near(normalise_symbol(d.symbol), key)]


def near_number_documents(c: Citation, documents: Iterable[LegalDocument]) -> list[LegalDocument]:
    """Registry documents with the citation's year, symbol and type whose number is one slip from the written one.

    ``71/2018/TT-BGDĐT`` finds ``17/2018/TT-BGDĐT`` (digits swapped), ``14/2018`` finds ``17``, ``18``, ``19``.
    The year is the effective one: a Công văn's symbol has none, so ``5392/BGDĐT-QLCL ngày 28/12/2018``
    is keyed on 2018 and finds ``5932/BGDĐT-QLCL``; without its date it finds nothing.
    """
    year = c.effective_year
    if c.number is None or year is None or not c.symbol:
        return []
    key, number = normalise_symbol(c.symbol), number_key(c.number)
    return [d for d in documents
            if d.year == year and normalise_symbol(d.symbol) == key and types_compatible(d.doc_type, c.doc_type)
            and number_key(d.number) != number and _near(d.number.lstrip("0"), c.number.lstrip("0"))]


def _symbol_parts(symbol: str) -> list[str]:
    """The comparison keys of a symbol's parts: 'QLCL-BGDĐT' -> ['QLCL', 'BGDDT']."""
    return [k for k in (normalise_symbol(p) for p in re.split(r"[-/\u2010-\u2015]", symbol)) if k]


# The first part of a symbol that only names the document's type: sharing it says nothing of the issuer.
_TYPE_PARTS = frozenset({"TT", "TTLT", "ND", "QD", "CT", "NQ", "KH", "HD", "CV", "TB", "BC"})


def other_symbol_documents(c: Citation, documents: Iterable[LegalDocument]) -> list[tuple[LegalDocument, str]]:
    """Registry documents of the citation's number, type and effective year whose symbol differs from the written one.

    Each comes with how it differs: ``order`` (the same parts in another order: ``5932/QLCL-BGDĐT`` for
    ``5932/BGDĐT-QLCL``) or ``part`` (the issuer the same, another unit: ``5932/BGDĐT-KTKĐCLGD``). A
    different part is only this document when the cited date is its date (another unit may have its own
    document of that number). Spacing, ``&``, ``Đ``/``D`` and one-letter slips are other helpers' matter.
    """
    year = c.effective_year
    if c.number is None or not c.symbol or year is None:
        return []
    wanted, written = number_key(c.number), _symbol_parts(c.symbol)
    out: list[tuple[LegalDocument, str]] = []
    for d in documents:
        if number_key(d.number) != wanted or d.year != year or not types_compatible(d.doc_type, c.doc_type):
            continue
        own = _symbol_parts(d.symbol)
        if own == written or _near("".join(own), "".join(written)):
            continue
        if sorted(own) == sorted(written):
            out.append((d, "order"))
        elif set(own) & set(written) - _TYPE_PARTS and c.date == d.issue_date:
            out.append((d, "part"))
    return out


# ---------------------------------------------------------------------------
# School levels
# ---------------------------------------------------------------------------

# The general-education levels (phổ thông) and their multi-level school: TT 18/2018's 'nhiều cấp học'.
GENERAL_LEVELS = frozenset({"tieu_hoc", "thcs", "thpt", "nhieu_cap"})


def signal_levels(kind: str, value: str, parts: frozenset[str] = frozenset()) -> frozenset[str]:
    """The school levels a level signal (``plan.level_signals``) is compatible with.

    A circular signal stands for the levels its circular governs (``accreditation_circulars``:
    'thcs' for TT 18/2018, which governs THCS, THPT and multi-level schools); a general level's
    circular ('tieu_hoc', TT 17/2018) may be cited by a TH&THCS school too.
    The vocabulary signal 'pho_thong' ('học sinh' rather than 'trẻ') is any general
    level. A multi-level school spans each level it contains: the ``parts`` its name names when given
    ('Mầm non – Tiểu học' spans mầm non, which no general level is), else every general level.
    """
    if value == "nhieu_cap" and parts:
        return parts | {"nhieu_cap"}
    if value == "pho_thong" or value == "nhieu_cap":
        return GENERAL_LEVELS
    if kind == "circular":
        governed = next((lv for lv in accreditation_circulars().values() if lv[0] == value), (value,))
        return frozenset(governed) | (frozenset({"nhieu_cap"}) if value in GENERAL_LEVELS else frozenset())
    return frozenset({value})


# The levels named in a school's name: 'Trường TH&THCS Phú Mỹ', 'Trường THCS và THPT Hà Trung'.
_NAMED_LEVELS = tuple((re.compile(rf"(?<!\w)(?:{abbr}|(?i:{words}))(?!\w)"), level) for abbr, words, level in (
    ("THCS", r"trung\s+học\s+cơ\s+sở", "thcs"),
    ("THPT", r"trung\s+học\s+phổ\s+thông", "thpt"),
    ("TH", r"tiểu\s+học", "tieu_hoc"),
    ("MN|MG", r"mầm\s+non|mẫu\s+giáo", "mam_non"),
))


def school_parts(plan: Plan) -> frozenset[str]:
    """The levels a multi-level school's name names ('TH&THCS': tiểu học, THCS); empty below two."""
    if plan.school_level != SchoolLevel.NHIEU_CAP or not plan.school_name:
        return frozenset()
    found = frozenset(level for pattern, level in _NAMED_LEVELS if pattern.search(plan.school_name))
    return found if len(found) >= 2 else frozenset()


def document_concerns(doc: LegalDocument, level: SchoolLevel) -> bool:
    """Whether ``doc`` applies to a school of ``level``; multi-level schools span TH, THCS and THPT."""
    if level == SchoolLevel.UNKNOWN or doc.concerns(level.value):
        return True
    if level == SchoolLevel.NHIEU_CAP:
        return any(doc.concerns(lv) for lv in ("tieu_hoc", "thcs", "thpt"))
    return False
