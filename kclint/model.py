"""The structured model of a plan (pydantic), and the findings rules report.

Every value keeps the raw text it came from and where it is (``Span``), so a
finding can always quote the document and point at the place.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import Enum
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from kclint.citations import Role, number_key
from kclint.dates import DateExpr, SchoolYear
from kclint.document import PageSetup

# Where a block lives outside the body, in a reader's words (the readers' origin codes are not shown).
_ORIGIN = {
    "vi": {"header": "đầu trang", "footer": "chân trang", "textbox": "hộp văn bản",
           "footnote": "chú thích cuối trang", "endnote": "chú thích cuối văn bản"},
    "en": {"header": "page header", "footer": "page footer", "textbox": "text box",
           "footnote": "footnote", "endnote": "endnote"},
}


class Location(BaseModel):
    """Where a piece of text is: section and criterion, paragraph or table cell, text line."""

    model_config = ConfigDict(frozen=True)

    section: str | None = None
    criterion: str | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    line: int | None = None
    origin: str | None = None
    block: int | None = None  # position among the document's blocks: orders findings, not reported

    def with_context(self, section: str | None, criterion: str | None) -> Location:
        values = self.__dict__
        if values["section"] == section and values["criterion"] == criterion:
            return self  # frozen: sharing is safe, and most lines keep their context
        # ``evolve`` spelt out: every line and item cell of a plan passes here once.
        values = values.copy()
        values["section"], values["criterion"] = section, criterion
        return _trusted(type(self), values, self.__pydantic_fields_set__ | _CONTEXT_FIELDS)

    def describe(self, lang: str = "vi", heading: str | None = None, opening: str | None = None) -> str:
        """Human wording a Word user can follow: 'mục III “Mục tiêu…”, tiêu chí 1.2, bảng 2 hàng 4 cột 5'.

        ``heading``: the section's title (first words); ``opening``: the paragraph's first words, which replace
        its index (Word does not number paragraphs). Tables, rows and columns are counted from 1.
        """
        vi = lang != "en"
        parts: list[str] = []
        if self.section:
            parts.append(f"{'mục' if vi else 'section'} {self.section}" + (f" “{heading}”" if heading else ""))
        if self.criterion:
            parts.append(f"{'tiêu chí' if vi else 'criterion'} {self.criterion}")
        if self.table is not None:
            cell = f"{'bảng' if vi else 'table'} {self.table + 1}"
            if self.row is not None:
                cell += f" {'hàng' if vi else 'row'} {self.row + 1}"
            if self.column is not None:
                cell += f" {'cột' if vi else 'column'} {self.column + 1}"
            parts.append(cell)
        elif opening:
            parts.append(f"{'đoạn bắt đầu' if vi else 'paragraph beginning'} “{opening}”")
        elif self.paragraph is not None:
            parts.append(f"{'đoạn' if vi else 'paragraph'} {self.paragraph + 1}")
        if self.line is not None:
            parts.append(f"{'dòng' if vi else 'line'} {self.line}")
        if self.origin and self.origin != "body":
            parts.append(_ORIGIN["vi" if vi else "en"].get(self.origin, self.origin))
        return ", ".join(parts)


class Span(BaseModel):
    """A piece of the document as written, with its location."""

    model_config = ConfigDict(frozen=True)

    text: str
    loc: Location = Field(default_factory=Location)


# --- trusted construction --------------------------------------------------------------------------------
# A long plan has tens of thousands of locations and spans. The parser builds them from values it has
# already checked (ints from the reader, strs from the text), so on its hot paths they are made the way
# pydantic's ``model_construct``/``model_copy`` make them, minus the generic machinery: same ``__dict__``,
# same equality and hash, no validation. Anything coming from outside (plugins, JSON) still validates.

_M = TypeVar("_M", bound=BaseModel)
_new = object.__new__
_put = object.__setattr__


def _trusted(cls: type[_M], values: dict[str, Any], fields_set: set[str]) -> _M:
    obj = _new(cls)
    _put(obj, "__dict__", values)
    _put(obj, "__pydantic_fields_set__", fields_set)
    _put(obj, "__pydantic_extra__", None)
    _put(obj, "__pydantic_private__", None)
    return obj


def evolve(model: _M, **update: Any) -> _M:
    """``model.model_copy(update=update)`` for kclint's own hot paths (values already of the right type)."""
    values = model.__dict__.copy()
    values.update(update)
    return _trusted(type(model), values, model.__pydantic_fields_set__ | update.keys())


_NO_LOCATION = dict.fromkeys(Location.model_fields)
_CONTEXT_FIELDS = frozenset({"section", "criterion"})


def location(**values: Any) -> Location:
    """``Location(**values)`` without validation: for parsers passing ints and strs they produced."""
    d = _NO_LOCATION.copy()
    d.update(values)
    return _trusted(Location, d, set(values))


def span(text: str, loc: Location) -> Span:
    """``Span(text=text, loc=loc)`` without validation: ``text`` a str, ``loc`` a Location."""
    return _trusted(Span, {"text": text, "loc": loc}, {"text", "loc"})


def relocated(s: Span, loc: Location) -> Span:
    """``evolve(s, loc=loc)``, at a third of its cost: the same values and fields set (a span's text is required)."""
    return s if loc is s.loc else span(s.text, loc)


class Continuation(BaseModel):
    """One logical line written over several paragraphs (text pasted from a PDF: a paragraph per printed line).

    ``Plan.texts`` holds the logical line once, its paragraphs joined by one space, at ``locs[0]``; paragraph
    ``k`` starts at ``starts[k]`` of that text and is at ``locs[k]`` (locations without section or criterion).
    """

    model_config = ConfigDict(frozen=True)

    starts: list[int]
    locs: list[Location]

    def place(self, start: int, end: int) -> tuple[Location, int, bool]:
        """The paragraph where ``text[start:end]`` of the logical line starts, where that paragraph starts in
        it, and whether the piece runs on across a break into the next paragraph."""
        k = next(k for k in range(len(self.starts) - 1, -1, -1) if start >= self.starts[k] or k == 0)
        return self.locs[k], self.starts[k], k + 1 < len(self.starts) and end > self.starts[k + 1] - 1

    def pieces(self, text: str) -> list[str]:
        """``text`` (the logical line) cut back into its paragraphs."""
        ends = [s - 1 for s in self.starts[1:]] + [len(text)]
        return [text[s:e] for s, e in zip(self.starts, ends, strict=True)]


def bare(loc: Location) -> Location:
    """``loc`` without section and criterion: the paragraph or cell line itself."""
    return loc.with_context(None, None)


def continuation_at(continued: dict[int, Continuation], loc: Location) -> Continuation | None:
    """The continuation the logical line at ``loc`` is made of, if it is one."""
    if not continued or loc.paragraph is None or loc.table is not None:
        return None
    c = continued.get(loc.block if loc.block is not None else -1)
    return c if c is not None and bare(loc) == c.locs[0] else None


def place(continued: dict[int, Continuation], loc: Location, start: int, end: int) -> tuple[Location, int, bool]:
    """Where ``[start, end)`` of the line at ``loc`` is written: the location of the paragraph it starts in (with
    ``loc``'s section and criterion), where that paragraph starts in the line, and whether it runs on across a
    paragraph break."""
    c = continuation_at(continued, loc)
    if c is None:
        return loc, 0, False
    at, base, across = c.place(start, end)
    return (loc if base == 0 else at.with_context(loc.section, loc.criterion)), base, across


# --- facts: what the extraction pass (kclint.parse.extract) finds in every line and cell ------------------
# Rules check facts, not layouts: a date, a level phrase or a criterion reference is found once, wherever
# the plan writes it (a labelled paragraph, a bullet, any table column, a schedule row, free prose), with
# its exact words and location. ``field`` is what the text is *under* when the plan says so: the item
# field its paragraph label or its table column declares ('start', 'end', 'timing', 'target', 'budget',
# ...; the names of ``Item``'s spans), ``None`` in running text. A fact outside any item is still a fact;
# ``span.loc.criterion`` says whose text it is in, if anyone's. ``offset`` is where the expression starts
# in the line ``span.loc`` points at (a paragraph, or one line of a cell).


#: The item fields that state when a task runs: a date under one of them is the task's time.
TIME_FIELDS = frozenset({"start", "end", "timing"})


class Fact(BaseModel):
    """One expression, as written, where it is and what it is under."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    span: Span
    offset: int = 0
    field: str | None = None


class DateFact(Fact):
    """A date expression (``kclint.dates``): a day, a month, a range, a school year, a vague phrase..."""

    expr: DateExpr


class CriterionRef(Fact):
    """A criterion named by its number: 'Tiêu chí 1.1', 'TC 1.1', or a bare '1.1' in a criterion column.

    The last id of a range ('tiêu chí 5.1 đến 5.7', '1.1–1.12') has ``range_from`` (its first id) and the
    whole range as its words: every criterion between them is named too.
    """

    criterion: str
    range_from: str | None = None


class StandardRef(Fact):
    """A standard named by its number: 'Tiêu chuẩn 3', 'tiêu chuẩn 3, 4 và 5', wherever the plan writes it."""

    number: int


class RatioFact(Fact):
    """A count over a total, as written: 'a/b', 'a trên b', with the percentage beside it when there is one.

    ``subject`` is the words that say what is counted ('học sinh', 'tiêu chí có yêu cầu Mức 3'), ``level`` the
    Mức the count is of when the statement says ('đạt Mức 3: a/b'; a table row's earlier cells count), and
    ``achieved`` is False for 'không đạt Mức N'. ``percent_text`` keeps the plan's own decimals ('73,68').
    """

    count: int
    total: int
    percent_text: str | None = None
    subject: str = ""
    level: int | None = None
    achieved: bool = True
    # The cells the count and the total are read from when the percentage stands in a cell of its own ('Đã đạt
    # KĐCL' 9 and 'Số trường' 11 beside '81,82%'); ``subject`` then names their columns.
    parts: list[Span] = Field(default_factory=list)


class CountPercentFact(Fact):
    """A count of criteria at a level with its percentage but no total: '16 tiêu chí đạt Mức 3, đạt 84,21%',
    '12 tiêu chí chưa đạt Mức 2 (chiếm 44,44%)'. The whole it is a percentage of is the plan's own (a fraction of
    the same level elsewhere) or the catalog's, which the rule decides.
    """

    count: int
    percent_text: str
    level: int
    achieved: bool = True


class CarryOverFact(Fact):
    """One year of a yearly breakdown: the criteria it raises and the running count it states ('2.2, 4.1' |
    '16/19').

    ``previous`` is the running count stated by the year before (None when that year is not read surely),
    ``raised`` the criteria this year raises (empty for 'Duy trì'); ``total`` the denominator when written.
    """

    stated: int
    total: int | None = None
    previous: int | None = None
    raised: list[str] = Field(default_factory=list)


class TotalFact(Fact):
    """A table's total cell ('Tổng', 'Tổng cộng', 'Cộng', 'Tổng số' row or column) with the cells it sums.

    ``value`` and ``values`` are exact decimals (thousands dots dropped, the decimal comma read: '12,5' is
    12.5), in one unit (cells that write theirs, 'triệu' and 'đồng', are scaled to đồng); ``parts`` are the
    spans of the summed cells, in table order.
    """

    value: Decimal
    parts: list[Span]
    values: list[Decimal]
    axis: Literal["row", "column"]
    # The header of a total row's column, and the level when it counts the criteria reaching one ('Đạt Mức 3',
    # 'Số tiêu chí đạt Mức 3'; not 'có Mức 3', those that define it, nor 'chưa đạt Mức 3').
    header: str = ""
    reached_level: int | None = None


class PersonName(Fact):
    """A person's full name, as written: 2–4 capitalised syllables ('Trần Quốc Bảo', 'H’Linh Niê').

    Found after a title or form of address (``title``: 'Phó Hiệu trưởng', 'bà', 'đ/c'), in a table column
    that lists people (by its header words), as the signer, or as a run of 3–4 name syllables that starts
    with a common surname. ``source`` says which: 'title', 'column', 'signer' or 'surname'. ``office`` is the
    post the title names when one or two people hold it ('Hiệu phó' → 'phó hiệu trưởng'; None for 'Cô',
    'Giáo viên', 'Tổ trưởng').
    """

    title: str | None = None
    office: str | None = None
    source: Literal["title", "column", "signer", "surname"] = "surname"


def line_of(loc: Location) -> tuple[int | None, ...]:
    """One line of the document, whatever section or criterion context a span was given."""
    return (loc.block, loc.paragraph, loc.table, loc.row, loc.column, loc.line)


class ListedCountFact(Fact):
    """A count stated beside the list it counts: 'Hội đồng gồm 11 thành viên:' and the members below it,
    'Có 04 tiêu chí chưa đạt Mức 3, gồm 2.2, 3.1, ...', 'chưa đạt Mức 3: 1.5, 2.2 và 5.2'.

    ``stated`` is the number written (None when only the list is given), ``items`` what is listed (the list
    lines or table rows, or each criterion id), ``criteria`` the ids when criteria are listed; ``level`` and
    ``achieved`` say which criteria ('chưa đạt Mức 3': level 3, not achieved).
    """

    stated: int | None = None
    noun: str = ""
    items: list[Span]
    criteria: list[str] = Field(default_factory=list)
    level: int | None = None
    achieved: bool = True


class LevelFact(Fact):
    """A criterion's level said outside a labelled field, as written ('hiện đạt Mức 3', 'phấn đấu đạt Mức 3',
    a plan table's result cell 'Đạt Mức 2'): ``role`` 'current' for the level reached, 'target' for the level
    aimed at (``kclint.parse.levels``)."""

    criterion: str
    level: int
    role: Literal["current", "target"]


class Facts(BaseModel):
    """Every fact of a plan, by family, each list in document order."""

    dates: list[DateFact] = Field(default_factory=list)
    criteria: list[CriterionRef] = Field(default_factory=list)
    standards: list[StandardRef] = Field(default_factory=list)
    ratios: list[RatioFact] = Field(default_factory=list)
    totals: list[TotalFact] = Field(default_factory=list)
    carried: list[CarryOverFact] = Field(default_factory=list)
    count_percents: list[CountPercentFact] = Field(default_factory=list)
    persons: list[PersonName] = Field(default_factory=list)
    listed: list[ListedCountFact] = Field(default_factory=list)
    levels: list[LevelFact] = Field(default_factory=list)


class SchoolLevel(str, Enum):
    MAM_NON = "mam_non"
    TIEU_HOC = "tieu_hoc"
    THCS = "thcs"
    THPT = "thpt"
    NHIEU_CAP = "nhieu_cap"
    UNKNOWN = "unknown"


class PlanKind(str, Enum):
    IMPROVEMENT = "improvement"  # kế hoạch cải tiến chất lượng
    SELF_ASSESSMENT = "self_assessment"  # kế hoạch tự đánh giá
    TESTING_ACCREDITATION = "testing_accreditation"  # kế hoạch khảo thí và kiểm định
    OTHER = "other"


class Period(BaseModel):
    """The time a plan covers: one school year or a multi-year cycle."""

    kind: Literal["school_year", "cycle"]
    first_year: int
    last_year: int
    start: dt.date
    end: dt.date
    span: Span

    @property
    def school_year(self) -> SchoolYear | None:
        """The school year that places a bare 'tháng 11' in a calendar year; None for a multi-year cycle."""
        if self.kind != "school_year":
            return None
        return SchoolYear(first=self.first_year, second=self.last_year, text=self.span.text)


class Header(BaseModel):
    issuing_body: list[Span] = Field(default_factory=list)
    motto: list[Span] = Field(default_factory=list)
    number: Span | None = None
    place_date: Span | None = None
    place: str | None = None
    issue_date: dt.date | None = None
    number_text: str | None = None  # the number as written between 'Số:' and '/' ('417', '47b', '' when blank)
    symbol: str | None = None  # the symbol after '/' as written ('KH-THCSAL')

    @property
    def compact_symbol(self) -> str | None:
        """The symbol without spaces: 'KH-MNAB' for 'KH - MNAB'."""
        return re.sub(r"\s+", "", self.symbol) if self.symbol is not None else None

    @property
    def type_abbreviation(self) -> str | None:
        """The document-type part of the symbol: 'KH' in 'KH-MNAB'; None when the symbol has no hyphen."""
        compact = self.compact_symbol
        return compact.split("-")[0] if compact and "-" in compact else None

    @property
    def number_key(self) -> tuple[int, str] | None:
        """The number's comparison key (``kclint.citations.number_key``); None when no number is filled in."""
        return number_key(self.number_text) if self.number_text and self.number_text[0].isdigit() else None


class TextStyle(BaseModel):
    """Formatting of a piece of text as the reader saw it; ``None`` = not known (inherited, table cell)."""

    bold: bool | None = None
    italic: bool | None = None
    size_pt: float | None = None
    font: str | None = None


# One section's page: the reader's dataclass, declared once; pydantic takes a stdlib dataclass
# as a field type, so ``Layout.pages`` holds it as is.
PageLayout = PageSetup


class Layout(BaseModel):
    """What a layout-aware input (Word, or Markdown with pandoc metadata) says about the page and fonts.

    ``body_font``/``body_size_pt`` are the family and size carrying most characters of the body
    paragraphs; ``body_sample`` is the first body paragraph set in them (evidence for a finding).
    ``sources`` keeps the metadata lines a Markdown plan declared them in (evidence).
    ``styles`` holds the formatting of key header components that are paragraphs ('title',
    'subject', 'number', 'place_date', 'issuing_body', 'motto', 'recipients_heading',
    'signer_title', 'signer_name'); components inside table cells have no entry, because the
    reader does not keep the formatting of cell text.
    ``fonts``: the font of each paragraph (by block index) set in another font than ``body_font``; a
    paragraph or cell not listed is in the body font as far as the reader knows (legacy-font text, KC607).
    """

    source: Literal["docx", "metadata"] = "docx"
    pages: list[PageLayout] = Field(default_factory=list)
    body_font: str | None = None
    body_size_pt: float | None = None
    body_sample: Span | None = None
    styles: dict[str, TextStyle] = Field(default_factory=dict)
    fonts: dict[int, str] = Field(default_factory=dict)
    sources: dict[str, Span] = Field(default_factory=dict)  # metadata lines that declared a value ('mainfont')


class Section(BaseModel):
    """A numbered heading: ``label`` as written ('III', '2', '1.1', 'A'), its scheme and depth."""

    label: str
    scheme: Literal["roman", "arabic", "decimal", "letter", "point", "row"]
    depth: int
    title: str
    span: Span
    path: str  # e.g. 'III' or 'III.2'
    # Word drew the label (automatic numbering): its letters count in Word's Latin alphabet (a-z, no 'đ').
    drawn: bool = False


class Citation(BaseModel):
    """A legal or internal document named in the plan, recorded once, as the parser read it.

    ``role``: ``basis`` (the plan rests on it), ``mentioned`` (named inside another citation's
    title, as TT 22/2024's title names TT 17, 18 and 19/2018; that citation's ``title_mentions``
    holds this one's index in ``Plan.citations``) or ``history`` (the plan calls it past).
    """

    span: Span
    doc_type: str | None = None
    number: str | None = None  # None for a law cited by name ('Luật Giáo dục')
    year: int | None = None
    symbol: str | None = None  # as written
    date: dt.date | None = None
    date_text: str | None = None
    reference_text: str | None = None  # the number/symbol as written ('19/2018/TT- BGDĐT')
    name: str | None = None  # a law's name ('Giáo dục' in 'Luật Giáo dục năm 2019')
    issuer_text: str | None = None  # 'của Bộ Giáo dục và Đào tạo'
    role: Role = "basis"
    title_mentions: list[int] = Field(default_factory=list)

    @property
    def effective_year(self) -> int | None:
        """The year of the number/symbol, else of the cited date (a Công văn's symbol has no year)."""
        if self.year is not None:
            return self.year
        return self.date.year if self.date else None

    @property
    def reference(self) -> str:
        """The number/symbol as written ('19/2018/TT-BGD&ĐT'), else the citation's text."""
        return self.reference_text or self.span.text

    @property
    def head(self) -> str:
        """The citation up to its number/symbol ('Thông tư số 19/2028'), without date and issuer."""
        text, ref = self.span.text, self.reference_text
        at = text.find(ref) if ref else -1
        return text[: at + len(ref)] if ref and at >= 0 else text


class LevelCount(BaseModel):
    """A statement 'đạt Mức N: a/b (x%)' or 'không đạt Mức N: a/b'."""

    span: Span
    level: int
    achieved: bool  # False for 'không đạt'
    count: int
    total: int
    percent_text: str | None = None  # as written ('88,89'); rules compare it to count/total in its own decimals
    source: Literal["external", "self", "unknown"] = "unknown"


class LevelGroup(BaseModel):
    """A row or heading that gathers the criteria after it by level: 'Mức 2', 'MỨC 1, 2, 3'."""

    levels: list[int]
    span: Span


class AssessmentRow(BaseModel):
    """One criterion of a self-assessment result table: which levels are marked."""

    criterion: str
    levels: list[int]
    failed: bool = False
    span: Span

    @property
    def level(self) -> int:
        return max(self.levels, default=0)


class Item(BaseModel):
    """The improvement plan for one criterion."""

    criterion: str
    standard: int | None = None
    layout: Literal["paragraph", "table"]
    heading: Span
    title: Span | None = None
    target: Span | None = None
    target_level: int | None = None
    target_inherited: bool = False  # level taken from a group row such as 'Mức 2'
    target_is_status: bool = False  # 'Đã đạt Mức 2' lines: status, not a plan
    current_level: int | None = None
    current: Span | None = None
    weakness: Span | None = None
    strength: Span | None = None  # context, like the weakness: never a target
    tasks: Span | None = None
    solutions: Span | None = None
    responsible: Span | None = None
    start: Span | None = None
    end: Span | None = None
    timing: Span | None = None  # a single 'time' cell that may hold start and end
    budget: Span | None = None
    support: Span | None = None
    notes: Span | None = None
    # The school year, semester or phase heading of a breakdown the item is listed under ('Năm học
    # 2025-2026', 'Học kỳ I'): the same criterion under another period is that period's plan, not a copy.
    period: Span | None = None
    cells: list[Span] = Field(default_factory=list)  # table layout: the row's cells, merged across page splits
    declared_columns: list[str] = Field(default_factory=list)  # table layout: the header row's cells
    columns: dict[int, str] = Field(default_factory=dict)  # table layout: column index -> the field it declares


class StandardHeading(BaseModel):
    number: int
    title: str
    span: Span


class ScheduleRow(BaseModel):
    """A row of a month / task / week schedule appendix."""

    month: int | None
    month_text: str
    task: Span | None
    when: Span | None
    span: Span


class TaskRow(BaseModel):
    """A row of a table of tasks that is not an item table ('Thời gian | Nội dung công việc | Người thực hiện',
    'STT | Nội dung | Thời gian | Phụ trách'): its cells under the fields the table's header declares; or a
    line of a schedule written as lines (``layout`` 'line': no columns, no cells).

    ``fields`` holds the row's filled cells by field (a cell merged down from the row above holds that
    row's content); ``columns`` and ``declared_columns`` are the header's, shared by the rows under it.
    """

    fields: dict[str, Span] = Field(default_factory=dict)
    columns: dict[int, str] = Field(default_factory=dict)
    declared_columns: list[str] = Field(default_factory=list)
    span: Span  # the row's cells joined by tabs, at its first cell; a schedule line from its date on
    cells: list[Span] = Field(default_factory=list)  # every cell of the row by column, empty ones too
    # 'line': a schedule line ('- Tuần 3 tháng 10/2025: rà soát minh chứng (tổ văn phòng).'), its time, task and
    # the party named in brackets or after a dash at its end; ``run`` is the block of the first line of the run
    # of schedule lines it belongs to (a heading or a sentence between lines starts another run).
    layout: Literal["table", "line"] = "table"
    run: int | None = None


class Suppression(BaseModel):
    """A reviewer's ``kclint: bỏ qua …`` comment and the part of the plan it covers.

    ``span`` is the comment's text at the start of its range. ``selectors`` is what follows
    ``bỏ qua``/``ignore`` as written (codes, prefixes, slugs, then any reason; empty for every rule);
    the engine decides which words select rules. The range runs from ``start`` to ``end``, each a
    ``(block, row)`` pair; a ``None`` row means from the block's start or to its end.
    """

    model_config = ConfigDict(frozen=True)

    span: Span
    selectors: str
    start: tuple[int, int | None]
    end: tuple[int, int | None]

    def covers(self, loc: Location) -> bool:
        """Whether a finding at ``loc`` lies in the commented range (a plan-wide finding never does)."""
        if loc.block is None:
            return False
        at = (loc.block, -1 if loc.row is None else loc.row)
        first = (self.start[0], -1 if self.start[1] is None else self.start[1])
        last = (self.end[0], float("inf") if self.end[1] is None else self.end[1])
        return first <= at <= last


class Plan(BaseModel):
    """Everything kclint knows about one plan."""

    path: str
    source_format: str
    kind: PlanKind = PlanKind.OTHER
    school_name: str | None = None
    school_level: SchoolLevel = SchoolLevel.UNKNOWN
    level_signals: dict[str, str] = Field(default_factory=dict)
    header: Header = Field(default_factory=Header)
    title: Span | None = None
    subject: Span | None = None
    period: Period | None = None
    sections: list[Section] = Field(default_factory=list)
    # Numbered elements that are not headings: lettered points ('a)', 'đ.', scheme 'point', path the heading
    # they are under) and a table's numbered first column ('STT' 1, 2, 3; scheme 'row', path 'table N').
    points: list[Section] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    level_counts: list[LevelCount] = Field(default_factory=list)
    assessment: list[AssessmentRow] = Field(default_factory=list)
    standards: list[StandardHeading] = Field(default_factory=list)
    level_groups: list[LevelGroup] = Field(default_factory=list)  # every 'Mức 2' row or heading, in order
    items: list[Item] = Field(default_factory=list)
    schedule: list[ScheduleRow] = Field(default_factory=list)
    tasks: list[TaskRow] = Field(default_factory=list)  # rows of task tables that are not item tables
    recipients_heading: Span | None = None
    recipients: list[Span] = Field(default_factory=list)
    signer_title: Span | None = None
    signer_name: Span | None = None
    signer_titles: list[Span] = Field(default_factory=list)  # 'KT. HIỆU TRƯỞNG', 'PHÓ HIỆU TRƯỞNG'
    texts: list[Span] = Field(default_factory=list)  # every paragraph and cell, in order
    facts: Facts = Field(default_factory=Facts)  # what the extraction pass found in ``texts``
    # Paragraphs, cells or lines that were not Unicode NFC in the file, as written (the rest is NFC).
    as_written: list[Span] = Field(default_factory=list)
    layout: Layout | None = None  # None when the input cannot show layout (plain text)
    suppressions: list[Suppression] = Field(default_factory=list)  # 'kclint: bỏ qua' comments; rules ignore them
    # The lines of ``texts`` written over several paragraphs, by the location of their first paragraph.
    continued: dict[int, Continuation] = Field(default_factory=dict)

    def item(self, criterion: str) -> Item | None:
        return next((i for i in self.items if i.criterion == criterion), None)

    def continuation(self, loc: Location) -> Continuation | None:
        """The continuation a logical line at ``loc`` is made of, if it is one."""
        return continuation_at(self.continued, loc)

    def physical_texts(self) -> list[Span]:
        """``texts`` with every logical line cut back into its paragraphs: the document as its paragraphs hold it
        (what an edit or an annotation is placed in)."""
        if not self.continued:
            return self.texts
        out: list[Span] = []
        for s in self.texts:
            c = self.continuation(s.loc)
            if c is None:
                out.append(s)
                continue
            for piece, loc in zip(c.pieces(s.text), c.locs, strict=True):
                out.append(span(piece, loc.with_context(s.loc.section, s.loc.criterion)))
        return out


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Message(BaseModel):
    """A sentence in both languages; reports pick one."""

    model_config = ConfigDict(frozen=True)

    vi: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi


class Edit(BaseModel):
    """A safe, mechanical fix a rule attaches to its finding (as ruff attaches an ``Edit``).

    ``text[start:end]`` becomes ``replacement``, where ``text`` is the paragraph or table cell at the
    finding's location as kclint read it (NFC; as written for a decomposed-text finding), or at
    ``location`` for one of ``Finding.edits``.
    """

    model_config = ConfigDict(frozen=True)

    start: int
    end: int
    replacement: str
    location: Location | None = None


class Finding(BaseModel):
    code: str
    rule: str
    category: str
    kind: str
    severity: Severity
    message: Message
    evidence: str
    location: Location
    suggestion: Message | None = None
    edit: Edit | None = None
    # A finding that stands for several places (KC607's 'n more paragraphs') fixes them all: each
    # edit names its paragraph or cell in ``Edit.location``.
    edits: list[Edit] = Field(default_factory=list)
