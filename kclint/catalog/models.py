"""The catalog's data types, validated on load: criteria per circular version, legal documents, abbreviations.

Every model forbids unknown keys, so a typo in ``catalogs/`` fails the test suite instead of
silently weakening a rule. Uncertain facts are fields too (``confidence``, ``uncertain``,
``uncertain_about``, ``superseded_confidence``): rules lower their severity from them.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kclint.textnorm import fold

if TYPE_CHECKING:
    from kclint.catalog.titles import TitleMatch

SchoolLevelCode = Literal["mam_non", "tieu_hoc", "thcs", "thpt", "nhieu_cap"]
SCHOOL_LEVELS: tuple[str, ...] = ("mam_non", "tieu_hoc", "thcs", "thpt", "nhieu_cap")

UncertainAspect = Literal["title", "levels", "existence", "requirements"]


class Confidence(str, Enum):
    """How sure the research is of a fact; rules map it onto severity."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        """3 for high, 2 for medium, 1 for low (for ``min``/``max`` comparisons)."""
        return {"high": 3, "medium": 2, "low": 1}[self.value]


class CatalogModel(BaseModel):
    """Catalog entries are frozen and forbid unknown keys: a typo in the data is an error, not a silent default."""

    model_config = ConfigDict(extra="forbid", frozen=True)


_CRITERION_ID = re.compile(r"^(\d+)\.(\d+)$")


class Criterion(CatalogModel):
    """One criterion (tiêu chí) of a circular version, e.g. ``1.10``."""

    id: str
    title: str
    aliases: tuple[str, ...] = ()
    levels: tuple[int, ...]
    confidence: Confidence
    uncertain: bool = False
    uncertainty: str | None = None
    uncertain_about: tuple[UncertainAspect, ...] = ()
    notes: str | None = None
    sources: tuple[str, ...] = ()

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        if not _CRITERION_ID.match(value):
            raise ValueError(f"criterion id must look like '1.10', got {value!r}")
        return value

    @field_validator("levels")
    @classmethod
    def _check_levels(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        if not value or list(value) != sorted(set(value)) or not set(value) <= {1, 2, 3}:
            raise ValueError(f"levels must be a sorted, non-empty subset of 1..3, got {value!r}")
        return value

    @model_validator(mode="after")
    def _check_uncertainty(self) -> Criterion:
        # An uncertain flag without an explanation cannot be shown to a user, and vice versa.
        if self.uncertain != bool(self.uncertainty) or self.uncertain != bool(self.uncertain_about):
            raise ValueError(f"criterion {self.id}: uncertain, uncertainty and uncertain_about disagree")
        return self

    @property
    def standard_number(self) -> int:
        """The standard this criterion belongs to (``1`` for ``1.10``)."""
        return int(self.id.split(".")[0])

    @property
    def index(self) -> int:
        """The criterion's position inside its standard (``10`` for ``1.10``)."""
        return int(self.id.split(".")[1])

    @property
    def max_level(self) -> int:
        """The highest Mức this criterion defines."""
        return self.levels[-1]

    def has_level(self, level: int) -> bool:
        """Whether the criterion defines requirements for Mức ``level``."""
        return level in self.levels


class Standard(CatalogModel):
    """One standard (tiêu chuẩn) with its criteria."""

    number: int
    title: str
    aliases: tuple[str, ...] = ()
    notes: str | None = None
    criteria: tuple[Criterion, ...]

    @model_validator(mode="after")
    def _check_numbering(self) -> Standard:
        expected = [f"{self.number}.{i}" for i in range(1, len(self.criteria) + 1)]
        actual = [c.id for c in self.criteria]
        if actual != expected:
            raise ValueError(f"standard {self.number}: criteria must be numbered {expected}, got {actual}")
        return self


class DeclaredCounts(CatalogModel):
    """Counts stated by the research, kept apart from the data so tests can compare the two."""

    standards: int
    criteria_total: int
    criteria_per_standard: dict[int, int]
    criteria_with_level_2: int
    criteria_with_level_3: int
    level_3_criteria: tuple[str, ...]


class CriteriaVersion(CatalogModel):
    """One version of an accreditation circular, e.g. TT 18/2018 as amended by TT 22/2024."""

    schema_: str = Field(alias="schema")
    id: str
    circular: str
    amended_by: str | None = None
    school_levels: tuple[SchoolLevelCode, ...]
    level_label: str
    effective_from: dt.date
    effective_to: dt.date | None = None
    status: str
    confidence: Confidence
    declared_counts: DeclaredCounts
    level_4_item_count: int | None = None
    school_level_rules: str
    notes: str | None = None
    sources: tuple[str, ...] = ()
    standards: tuple[Standard, ...]

    def __hash__(self) -> int:
        # Ids are unique in the catalog; hashing every field would fail on the counts dict.
        return hash(self.id)

    @model_validator(mode="after")
    def _check_structure(self) -> CriteriaVersion:
        numbers = [s.number for s in self.standards]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"{self.id}: standards must be numbered 1..n, got {numbers}")
        if self.effective_to is not None and self.effective_to < self.effective_from:
            raise ValueError(f"{self.id}: effective_to precedes effective_from")
        return self

    @property
    def criteria(self) -> list[Criterion]:
        """Every criterion, in document order."""
        return [c for s in self.standards for c in s.criteria]

    def criterion(self, criterion_id: str) -> Criterion | None:
        """The criterion ``'1.10'`` (surrounding spaces ignored), or None if this version has none."""
        wanted = criterion_id.strip()
        return next((c for s in self.standards for c in s.criteria if c.id == wanted), None)

    def standard(self, number: int) -> Standard | None:
        """Standard ``number`` (1-based), or None."""
        return next((s for s in self.standards if s.number == number), None)

    def criteria_with_level(self, level: int) -> list[Criterion]:
        """The criteria that define Mức ``level`` (the denominator of 'đạt Mức 3: x/N')."""
        return [c for c in self.criteria if c.has_level(level)]

    def applies_to(self, level: str) -> bool:
        """Whether this version is the circular for school level ``level`` (a code of ``SCHOOL_LEVELS``)."""
        return level in self.school_levels

    def in_force_on(self, day: dt.date) -> bool:
        """Whether ``day`` falls inside ``effective_from``..``effective_to`` (inclusive)."""
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)

    def count_mismatches(self) -> list[str]:
        """Differences between the declared counts and the data; empty when they agree."""
        d = self.declared_counts
        problems: list[str] = []

        def check(label: str, declared: object, actual: object) -> None:
            if declared != actual:
                problems.append(f"{self.id}: {label} declared {declared}, actual {actual}")

        check("standards", d.standards, len(self.standards))
        check("criteria_total", d.criteria_total, len(self.criteria))
        check("criteria_per_standard", d.criteria_per_standard,
              {s.number: len(s.criteria) for s in self.standards})
        check("criteria_with_level_2", d.criteria_with_level_2, len(self.criteria_with_level(2)))
        check("criteria_with_level_3", d.criteria_with_level_3, len(self.criteria_with_level(3)))
        check("level_3_criteria", list(d.level_3_criteria), [c.id for c in self.criteria_with_level(3)])
        return problems

    def match_criterion_title(
        self, criterion_id: str, written: str, *, allow_truncation: bool = True
    ) -> TitleMatch | None:
        """Compare a criterion title as written with this version; None if the id is unknown here."""
        from kclint.catalog.titles import match_criterion_title

        return match_criterion_title(self, criterion_id, written, allow_truncation=allow_truncation)

    def match_standard_title(
        self, number: int, written: str, *, allow_truncation: bool = True
    ) -> TitleMatch | None:
        """Compare a standard title as written with this version; None if the standard is unknown here."""
        from kclint.catalog.titles import match_standard_title

        return match_standard_title(self, number, written, allow_truncation=allow_truncation)


_NUMBER_SYMBOL = re.compile(r"^(?P<number>\d+[a-z]?)(?:/(?P<year>\d{4}))?/(?P<symbol>\S+)$")


def split_number_symbol(number_symbol: str) -> tuple[str, int | None, str]:
    """Split ``'19/2018/TT-BGDĐT'`` into ``('19', 2018, 'TT-BGDĐT')``; ``'5942/BGDĐT-QLCL'`` has no year."""
    m = _NUMBER_SYMBOL.match(number_symbol.strip())
    if not m:
        raise ValueError(f"not a number/symbol: {number_symbol!r}")
    year = m.group("year")
    return m.group("number"), int(year) if year else None, m.group("symbol")


class Amendment(CatalogModel):
    """A document that amends a catalogued one."""

    number_symbol: str
    issue_date: dt.date | None = None
    effective_from: dt.date | None = None
    note: str | None = None


class LegalDocument(CatalogModel):
    """A national document that plans cite (Luật, Nghị định, Thông tư, Công văn, Quyết định ...)."""

    id: str
    number_symbol: str
    doc_type: str
    issuer: str
    signer: str | None = None
    issue_date: dt.date
    effective_date: dt.date | None = None
    effective_date_note: str | None = None
    effective_date_confidence: Confidence | None = None  # None: as sure as ``confidence``
    short_title: str
    full_title: str | None = None
    school_levels: tuple[SchoolLevelCode, ...] = ()  # empty: every school level
    status: str
    superseded_by: str | None = None
    superseded_on: dt.date | None = None
    superseded_confidence: Confidence | None = None
    superseded_note: str | None = None
    amended_by: tuple[Amendment, ...] = ()
    replaces: tuple[str, ...] = ()
    common_citation_errors: tuple[str, ...] = ()
    confidence: Confidence
    confidence_note: str | None = None
    sources: tuple[str, ...] = ()
    notes: str | None = None

    def __hash__(self) -> int:
        return hash(self.id)

    @field_validator("number_symbol")
    @classmethod
    def _check_number_symbol(cls, value: str) -> str:
        split_number_symbol(value)
        return value

    @model_validator(mode="after")
    def _check_supersession(self) -> LegalDocument:
        details = (self.superseded_on, self.superseded_confidence, self.superseded_note)
        if any(d is not None for d in details) and not self.superseded_by:
            raise ValueError(f"{self.id}: superseded_* fields without superseded_by")
        if self.superseded_by and self.superseded_confidence is None:
            raise ValueError(f"{self.id}: superseded_by needs superseded_confidence")
        return self

    @property
    def number(self) -> str:
        """``'19'`` for ``19/2018/TT-BGDĐT``."""
        return split_number_symbol(self.number_symbol)[0]

    @property
    def year(self) -> int:
        """The year in the number/symbol, else the issue year (a Công văn carries no year)."""
        return split_number_symbol(self.number_symbol)[1] or self.issue_date.year

    @property
    def symbol(self) -> str:
        """``'TT-BGDĐT'`` for ``19/2018/TT-BGDĐT``."""
        return split_number_symbol(self.number_symbol)[2]

    def concerns(self, level: str) -> bool:
        """Whether the document concerns school level ``level`` (an empty list means every level)."""
        return not self.school_levels or level in self.school_levels

    def is_superseded_on(self, day: dt.date) -> bool:
        """Whether a known replacement was in force on ``day`` (False when its date is unknown)."""
        return self.superseded_on is not None and day >= self.superseded_on


class Abbreviation(CatalogModel):
    """An abbreviation a plan may use, e.g. ``CSVC`` = ``cơ sở vật chất``."""

    abbr: str
    expansion: str
    ambiguous: bool = False


ItemField = Literal["criterion", "target", "current", "weakness", "strength", "tasks", "solutions", "responsible",
                    "support", "start", "end", "timing", "budget", "notes", "tt"]


class FieldLabels(CatalogModel):
    """The words a plan uses for one item field: as a paragraph label and in a table header cell."""

    field: ItemField
    labels: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()


class LabelCatalog(CatalogModel):
    """``catalogs/labels.json``: every item field's label and column-header synonyms."""

    schema_: str = Field(alias="schema")
    notes: str
    fields: tuple[FieldLabels, ...]
    # Words that open a heading of a yearly or semester breakdown ('Năm học 2025-2026', 'Học kỳ I'): the
    # criteria listed under each such heading are that period's plan, so a repeat under another is no copy.
    periods: tuple[str, ...] = ()
    # What ends the list of criteria: the parts of ``catalogs/parts.json`` that follow it ('organisation',
    # 'budget', ...) and headings no part names ('Điều khoản thi hành', 'Nơi nhận').
    closing_parts: tuple[str, ...] = ()
    closing_headings: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _one_field_per_word(self) -> LabelCatalog:
        # A phrase naming two fields would make the parser's choice depend on file order.
        for kind in ("labels", "columns"):
            seen: dict[str, str] = {}
            for f in self.fields:
                for word in getattr(f, kind):
                    key = fold(word)
                    if key in seen and seen[key] != f.field:
                        raise ValueError(f"{kind} {word!r} names both {seen[key]!r} and {f.field!r}")
                    seen[key] = f.field
        return self

    def label_fields(self) -> dict[str, str]:
        """Folded paragraph label -> field."""
        return {fold(word): f.field for f in self.fields for word in f.labels}

    def column_words(self) -> dict[str, str]:
        """Folded column-header phrase -> field."""
        return {fold(word): f.field for f in self.fields for word in f.columns}


class LevelWording(CatalogModel):
    """A wording of the school's overall result other than 'Mức N' ('chuẩn quốc gia mức độ 2') and the Mức it
    needs; ``at_least``: a higher Mức meets it too, so only a claim above the counts contradicts them."""

    key: str
    vi: str
    en: str
    phrases: tuple[str, ...]
    levels: dict[int, int]
    at_least: bool
    confidence: Confidence
    by_circular: dict[str, Confidence] = {}
    sources: tuple[str, ...]

    def confidence_for(self, circular: str | None) -> Confidence:
        """The research's confidence in this mapping under ``circular`` ('18/2018/TT-BGDĐT')."""
        return self.by_circular.get(circular or "", self.confidence)


class LevelStatusCues(CatalogModel):
    """The words that say whether a school-level wording is the level reached, kept or aimed at."""

    about: str = Field(alias="_about")
    reached: tuple[str, ...]
    kept: tuple[str, ...]
    aimed: tuple[str, ...]


class LevelWordingCatalog(CatalogModel):
    """``catalogs/school_levels.json``: the wordings of a school's overall level."""

    schema_: str = Field(alias="schema")
    notes: str
    status_cues: LevelStatusCues
    wordings: tuple[LevelWording, ...]


class CountColumnCatalog(CatalogModel):
    """``catalogs/count_columns.json``: the header words of a count table's columns."""

    schema_: str = Field(alias="schema")
    notes: str
    rate: tuple[str, ...]
    part: tuple[str, ...]
    whole_openings: tuple[str, ...]
    raised: tuple[str, ...]
    none_raised: tuple[str, ...]


class ContinuationCatalog(CatalogModel):
    """``catalogs/continuation.json``: what says a paragraph is one printed line of a longer sentence."""

    schema_: str = Field(alias="schema")
    notes: str
    open_words: frozenset[str]
    page_number: str


class PlanPart(CatalogModel):
    """One part of a plan ('căn cứ', 'tổ chức thực hiện') and the words that recognise it."""

    key: str
    vi: str
    en: str
    headings: tuple[str, ...]
    openings: tuple[str, ...] = ()
    # The item field ('target') that states this part criterion by criterion: a plan whose items fill it has
    # the part in substance, so a missing heading of its own is info only.
    item_field: str | None = None


class KindParts(CatalogModel):
    """The parts one plan kind must have (``required``) and usually has (``advised``)."""

    required: tuple[str, ...]
    advised: tuple[str, ...] = ()


class PartCatalog(CatalogModel):
    """``catalogs/parts.json``: a plan's parts and, per plan kind, which of them it needs."""

    schema_: str = Field(alias="schema")
    notes: str
    parts: tuple[PlanPart, ...]
    kinds: dict[str, KindParts]

    @model_validator(mode="after")
    def _known_parts(self) -> PartCatalog:
        keys = [p.key for p in self.parts]
        if len(set(keys)) != len(keys):
            raise ValueError("a part key is listed twice")
        for kind, wanted in self.kinds.items():
            both = set(wanted.required) & set(wanted.advised)
            unknown = both or (set(wanted.required) | set(wanted.advised)) - set(keys)
            if unknown:
                raise ValueError(f"kind {kind!r}: parts {sorted(unknown)} unknown or both required and advised")
        return self

    def part(self, key: str) -> PlanPart:
        return next(p for p in self.parts if p.key == key)
