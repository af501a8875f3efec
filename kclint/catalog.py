"""The accreditation-criteria and legal-document catalogs, and title comparison.

The data lives in ``catalogs/`` (installed as ``kclint.catalogs``): one JSON file per
circular version in ``criteria/``, ``legal_documents.json`` and ``abbreviations.json``.
Every file is validated on load (unknown keys are errors), so a typo in the data
fails the test suite instead of silently weakening a rule.

Uncertain facts are data too: a criterion carries ``confidence``, ``uncertain`` and
``uncertain_about``, a document ``confidence`` and ``superseded_confidence``; rules
lower their severity from these instead of hard-coding doubts.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import Enum
from importlib import resources
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kclint.citations import normalise_symbol
from kclint.textnorm import fold, nfc, strip_diacritics

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = [
    "SCHOOL_LEVELS",
    "Abbreviation",
    "Amendment",
    "Confidence",
    "CriteriaVersion",
    "Criterion",
    "DeclaredCounts",
    "LegalDocument",
    "MismatchKind",
    "Standard",
    "TitleMatch",
    "find_document",
    "find_documents",
    "load_abbreviations",
    "load_legal_documents",
    "load_versions",
    "match_criterion_title",
    "match_standard_title",
    "split_number_symbol",
    "title_matches",
    "version_by_id",
    "version_for",
]

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


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------------------
# Criteria
# ---------------------------------------------------------------------------

_CRITERION_ID = re.compile(r"^(\d+)\.(\d+)$")


class Criterion(_Model):
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


class Standard(_Model):
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


class DeclaredCounts(_Model):
    """Counts stated by the research, kept apart from the data so tests can compare the two."""

    standards: int
    criteria_total: int
    criteria_per_standard: dict[int, int]
    criteria_with_level_2: int
    criteria_with_level_3: int
    level_3_criteria: tuple[str, ...]


class CriteriaVersion(_Model):
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
        return match_criterion_title(self, criterion_id, written, allow_truncation=allow_truncation)

    def match_standard_title(
        self, number: int, written: str, *, allow_truncation: bool = True
    ) -> TitleMatch | None:
        """Compare a standard title as written with this version; None if the standard is unknown here."""
        return match_standard_title(self, number, written, allow_truncation=allow_truncation)


# ---------------------------------------------------------------------------
# Legal documents
# ---------------------------------------------------------------------------

_NUMBER_SYMBOL = re.compile(r"^(?P<number>\d+[a-z]?)(?:/(?P<year>\d{4}))?/(?P<symbol>\S+)$")


def split_number_symbol(number_symbol: str) -> tuple[str, int | None, str]:
    """Split ``'19/2018/TT-BGDĐT'`` into ``('19', 2018, 'TT-BGDĐT')``; ``'5942/BGDĐT-QLCL'`` has no year."""
    m = _NUMBER_SYMBOL.match(number_symbol.strip())
    if not m:
        raise ValueError(f"not a number/symbol: {number_symbol!r}")
    year = m.group("year")
    return m.group("number"), int(year) if year else None, m.group("symbol")


class Amendment(_Model):
    """A document that amends a catalogued one."""

    number_symbol: str
    issue_date: dt.date | None = None
    effective_from: dt.date | None = None
    note: str | None = None


class LegalDocument(_Model):
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


class Abbreviation(_Model):
    """An abbreviation a plan may use, e.g. ``CSVC`` = ``cơ sở vật chất``."""

    abbr: str
    expansion: str
    ambiguous: bool = False


class _LegalCatalog(_Model):
    schema_: str = Field(alias="schema")
    status_as_of: dt.date
    notes: str
    documents: tuple[LegalDocument, ...]


class _AbbreviationCatalog(_Model):
    schema_: str = Field(alias="schema")
    notes: str
    sources: tuple[str, ...] = ()
    abbreviations: tuple[Abbreviation, ...]


# ---------------------------------------------------------------------------
# Loading (cached: the catalogs are read once per process)
# ---------------------------------------------------------------------------

def _catalog_root() -> Traversable:
    return resources.files("kclint.catalogs")


def _read_json(*parts: str) -> object:
    node = _catalog_root()
    for part in parts:
        node = node / part
    return json.loads(node.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def _versions() -> tuple[CriteriaVersion, ...]:
    directory = _catalog_root() / "criteria"
    files = sorted((f for f in directory.iterdir() if f.name.endswith(".json")), key=lambda f: f.name)
    versions = []
    for f in files:
        version = CriteriaVersion.model_validate(json.loads(f.read_text(encoding="utf-8")))
        if f.name != f"{version.id}.json":
            raise ValueError(f"criteria file {f.name} holds version {version.id!r}")
        versions.append(version)
    # Chronological order makes "the latest version" a simple max and keeps listings stable.
    return tuple(sorted(versions, key=lambda v: (v.effective_from, v.id)))


@functools.lru_cache(maxsize=1)
def _legal_documents() -> tuple[LegalDocument, ...]:
    catalog = _LegalCatalog.model_validate(_read_json("legal_documents.json"))
    ids = [d.id for d in catalog.documents]
    if len(ids) != len(set(ids)):
        raise ValueError("duplicate document ids in legal_documents.json")
    return catalog.documents


@functools.lru_cache(maxsize=1)
def _abbreviations() -> tuple[Abbreviation, ...]:
    return _AbbreviationCatalog.model_validate(_read_json("abbreviations.json")).abbreviations


def load_versions() -> list[CriteriaVersion]:
    """Every criteria version, oldest first (validated; read once per process)."""
    return list(_versions())


def version_by_id(version_id: str) -> CriteriaVersion | None:
    """The version ``'tt18-2018-thcs-thpt-tt22-2024'``, or None."""
    return next((v for v in _versions() if v.id == version_id), None)


def version_for(level: str, on: dt.date | None = None) -> CriteriaVersion | None:
    """The version in force for school level ``level`` on ``on``; the latest one when ``on`` is None.

    Returns None when no version was in force that day (before 10/10/2018). Raises
    ``ValueError`` for a level code outside ``SCHOOL_LEVELS`` — a caller bug, not a plan defect.
    """
    if level not in SCHOOL_LEVELS:
        raise ValueError(f"unknown school level {level!r}; expected one of {', '.join(SCHOOL_LEVELS)}")
    candidates = [v for v in _versions() if v.applies_to(level)]
    if on is not None:
        candidates = [v for v in candidates if v.in_force_on(on)]
    return max(candidates, key=lambda v: v.effective_from, default=None)


def load_legal_documents() -> list[LegalDocument]:
    """Every catalogued national document (validated; read once per process)."""
    return list(_legal_documents())


def load_abbreviations() -> list[Abbreviation]:
    """The abbreviation list (``catalogs/abbreviations.json``)."""
    return list(_abbreviations())


# ---------------------------------------------------------------------------
# Finding a document from a citation
# ---------------------------------------------------------------------------

_TYPE_NAMES = {
    "tt": "Thông tư", "thông tư": "Thông tư", "thông tư liên tịch": "Thông tư",
    "nđ": "Nghị định", "nd": "Nghị định", "nghị định": "Nghị định",
    "qđ": "Quyết định", "qd": "Quyết định", "quyết định": "Quyết định",
    "cv": "Công văn", "công văn": "Công văn",
    "luật": "Luật", "bộ luật": "Luật",
    "hd": "Hướng dẫn", "hướng dẫn": "Hướng dẫn",
    "vb": "Văn bản", "văn bản": "Văn bản",
    "kh": "Kế hoạch", "kế hoạch": "Kế hoạch",
}
# A plan may call a Công văn of guidance a 'văn bản' or 'hướng dẫn'; these words are
# compatible with the catalog type, so they still identify the document.
_COMPATIBLE_TYPES = {
    "Công văn": {"Công văn", "Văn bản", "Hướng dẫn"},
}


def _type_name(doc_type: str | None) -> str | None:
    if doc_type is None:
        return None
    key = fold(doc_type).rstrip(".")
    return _TYPE_NAMES.get(key, doc_type.strip())


def _type_compatible(catalog_type: str, written_type: str) -> bool:
    return written_type in _COMPATIBLE_TYPES.get(catalog_type, {catalog_type})


def _number_key(number: str) -> str:
    # '09' and '9' are the same number; a letter suffix ('99a') is part of it.
    stripped = number.strip().lower().lstrip("0")
    return stripped or "0"


def find_documents(
    doc_type_abbrev: str | None,
    number: str | None,
    year: int | None,
    symbol: str | None,
    *,
    name: str | None = None,
) -> list[LegalDocument]:
    """Every catalogued document compatible with a citation (see ``find_document``)."""
    written_type = _type_name(doc_type_abbrev)
    docs = list(_legal_documents())
    if number:
        docs = [d for d in docs if _number_key(d.number) == _number_key(number)]
    elif name:
        wanted = fold(name)
        wanted = wanted[5:] if wanted.startswith("luật ") else wanted
        docs = [d for d in docs if d.doc_type == "Luật" and fold(d.short_title) in (f"luật {wanted}", wanted)]
    else:
        return []
    if year is not None:
        # A Luật cited as 'Luật Giáo dục năm 2019' gives the year it was passed.
        docs = [d for d in docs if d.year == year or (not number and d.issue_date.year == year)]
    if symbol:
        key = normalise_symbol(symbol)
        docs = [d for d in docs if normalise_symbol(d.symbol) == key]
    if written_type and (len(docs) > 1 or (year is None and not symbol)):
        # Without year and symbol a bare number ('Kế hoạch số 13') identifies nothing by
        # itself, so the written type must agree; otherwise the type only breaks ties.
        docs = [d for d in docs if _type_compatible(d.doc_type, written_type)]
    elif not written_type and year is None and not symbol and number:
        return []
    return docs


def find_document(
    doc_type_abbrev: str | None,
    number: str | None,
    year: int | None,
    symbol: str | None,
    *,
    name: str | None = None,
) -> LegalDocument | None:
    """The catalogued document a citation refers to, or None if none or several fit.

    Matching uses the number (leading zeros ignored), the year (from the number/symbol,
    or the issue year for a Công văn), and the symbol compared through
    ``kclint.citations.normalise_symbol`` — so ``BGD&ĐT``, ``TTBGDDT`` and
    ``TT- BGDĐT`` all find ``TT-BGDĐT``. ``doc_type_abbrev`` accepts ``'TT'`` or
    ``'Thông tư'``; it breaks ties, and is required to agree when neither year nor
    symbol is given ('Thông tư 36' finds TT 36/2017, 'Kế hoạch số 36' nothing). The
    type is *not* required to agree otherwise, so a rule can report a citation that
    calls a Thông tư a 'Nghị định'. ``name`` finds a Luật cited by name
    (``find_document('Luật', None, 2019, None, name='Giáo dục')``).
    """
    docs = find_documents(doc_type_abbrev, number, year, symbol, name=name)
    return docs[0] if len(docs) == 1 else None


# ---------------------------------------------------------------------------
# Title comparison
# ---------------------------------------------------------------------------

class MismatchKind(str, Enum):
    """Why a written title does not match the catalog."""

    TYPO = "typo"  # a few misspelt words in an otherwise identical title
    OMISSION = "omission"  # the official title minus a trailing part
    OTHER_LEVEL = "other_level"  # the title of this id in another school level's circular
    OTHER_VERSION = "other_version"  # the title of this id in another version of the same circular
    DIFFERENT = "different"


@dataclass(frozen=True, slots=True)
class TitleMatch:
    """The verdict of ``title_matches``.

    ``matches`` is the answer; ``via`` says which tolerance made it match ('exact',
    'normalised', 'parenthetical', 'abbreviation', 'alias', 'truncated'); ``kind``
    classifies a mismatch. ``compared_with`` is the catalog wording the verdict refers to;
    ``differences`` lists (written word, catalog word) pairs of a typo; ``missing`` is the
    omitted trailing part of an omission; ``others`` names the other versions whose title
    the written one equals (for other_level / other_version, and for an omission that also
    equals another level's title); ``similarity`` is difflib's ratio of the two keys.
    """

    matches: bool
    kind: MismatchKind | None = None
    via: str | None = None
    compared_with: str | None = None
    differences: tuple[tuple[str, str], ...] = ()
    missing: str | None = None
    others: tuple[str, ...] = ()
    similarity: float = 1.0


_WORD = re.compile(r"[^\W_]+(?:&[^\W_]+)*")
_PARENTHETICAL = re.compile(r"\s*\([^()]*\)")
# A plan may repeat the heading inside the title cell: 'Tiêu chí 3.2: Khối phòng ...'.
_LEADING_LABEL = re.compile(r"^\s*(?:tiêu\s+chí|tiêu\s+chuẩn)\s*\d+(?:\.\d+)?\s*[:.\-–—]?\s*", re.IGNORECASE)
_TRUNCATION_RATIO = 0.6


@dataclass(frozen=True, slots=True)
class _Key:
    tokens: tuple[str, ...]  # folded words, abbreviations expanded
    words: tuple[str, ...]  # for each token, the word as written (for reporting)
    starts: tuple[int, ...]  # for each token, where its word starts in ``source``
    source: str  # the text the words were taken from (label and, if asked, parentheses removed)
    expanded: bool  # whether an abbreviation was expanded

    @property
    def text(self) -> str:
        return " ".join(self.tokens)

    def tail(self, index: int) -> str:
        """The source text from token ``index`` on, as written."""
        return self.source[self.starts[index]:].strip() if index < len(self.starts) else ""


@functools.lru_cache(maxsize=1)
def _abbreviation_table() -> dict[tuple[str, ...], tuple[str, ...]]:
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for a in _abbreviations():
        table[tuple(fold(w) for w in _WORD.findall(nfc(a.abbr)))] = tuple(
            fold(w) for w in _WORD.findall(nfc(a.expansion))
        )
    return table


@functools.lru_cache(maxsize=4096)
def _key(text: str, drop_parentheticals: bool = False) -> _Key:
    text = _LEADING_LABEL.sub("", nfc(text))
    if drop_parentheticals:
        text = _PARENTHETICAL.sub("", text)
    found = list(_WORD.finditer(text))
    raw = [m.group() for m in found]
    folded = [fold(w) for w in raw]
    table = _abbreviation_table()
    longest = max((len(k) for k in table), default=1)
    tokens: list[str] = []
    words: list[str] = []
    starts: list[int] = []
    expanded = False
    i = 0
    while i < len(folded):
        for size in range(min(longest, len(folded) - i), 0, -1):
            expansion = table.get(tuple(folded[i : i + size]))
            if expansion:
                written = text[found[i].start() : found[i + size - 1].end()]
                tokens.extend(expansion)
                words.extend([written] * len(expansion))
                starts.extend([found[i].start()] * len(expansion))
                expanded = True
                i += size
                break
        else:
            tokens.append(folded[i])
            words.append(raw[i])
            starts.append(found[i].start())
            i += 1
    return _Key(tuple(tokens), tuple(words), tuple(starts), text, expanded)


def _ratio(a: str, b: str) -> float:
    # difflib's ratio is the stdlib's edit-similarity measure; it is enough to tell a
    # misspelt word ('khởi' / 'khối') from a different one, so no hand-written
    # Levenshtein distance is needed.
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _is_prefix(written: _Key, official: _Key) -> bool:
    """Whether ``written`` is ``official`` cut at the end (the last word may be cut mid-word)."""
    w, o = written.tokens, official.tokens
    if not w or len(w) > len(o) or w == o:
        return False
    if w[:-1] != o[: len(w) - 1]:
        return False
    return o[len(w) - 1].startswith(w[-1])


def _is_word_prefix(written: _Key, official: _Key) -> bool:
    w, o = written.tokens, official.tokens
    return bool(w) and len(w) < len(o) and o[: len(w)] == w


def _variants(title: str) -> list[tuple[_Key, str]]:
    """A catalog title's comparison keys: as is, and without its parenthetical remarks."""
    return [(_key(title), "normalised"), (_key(title, True), "parenthetical")]


def _tolerant_equal(written: str, candidate: str, allow_truncation: bool) -> str | None:
    """How ``written`` equals ``candidate`` under the tolerances, or None."""
    if nfc(written).strip() == nfc(candidate).strip():
        return "exact"
    w_keys = [(_key(written), False), (_key(written, True), True)]
    for c_key, how in _variants(candidate):
        for w_key, w_dropped in w_keys:
            if w_key.tokens and w_key.tokens == c_key.tokens:
                if how == "parenthetical" or w_dropped:
                    return "parenthetical"
                return "abbreviation" if w_key.expanded else "normalised"
    if allow_truncation:
        for c_key, _how in _variants(candidate):
            for w_key, _ in w_keys:
                if _is_prefix(w_key, c_key) and len(w_key.text) >= _TRUNCATION_RATIO * len(c_key.text):
                    return "truncated"
    return None


def _typo(written: _Key, official: _Key) -> tuple[tuple[str, str], ...] | None:
    """The misspelt words if ``written`` is ``official`` with a few small spelling slips."""
    w, o = written.tokens, official.tokens
    if not w or not o:
        return None
    differences: list[tuple[str, str]] = []
    changed = 0
    for op, i1, i2, j1, j2 in SequenceMatcher(None, w, o, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        a, b = w[i1:i2], o[j1:j2]
        if op == "replace" and len(a) == len(b):
            for k, (x, y) in enumerate(zip(a, b, strict=True)):
                if strip_diacritics(x) != strip_diacritics(y) and _ratio(x, y) < 0.6:
                    return None
                differences.append((written.words[i1 + k], official.words[j1 + k]))
            changed += len(a)
        elif op == "replace":
            # A split or merged word ('khuônviên' / 'khuôn viên').
            if _ratio("".join(a), "".join(b)) < 0.85:
                return None
            differences.append((" ".join(dict.fromkeys(written.words[i1:i2])),
                                " ".join(dict.fromkeys(official.words[j1:j2]))))
            changed += max(len(a), len(b))
        else:
            # One dropped or doubled short word ('và', 'các') is a slip; more is a different title.
            extra = a or b
            if len(extra) > 1 or len(extra[0]) > 3:
                return None
            differences.append((" ".join(written.words[i1:i2]), " ".join(official.words[j1:j2])))
            changed += 1
    limit = max(2, len(o) // 4)
    if not differences or changed > limit or changed >= len(o):
        return None
    return tuple(differences)


def title_matches(
    written: str,
    official: str,
    aliases: Iterable[str] = (),
    *,
    other_level: Iterable[tuple[str, str]] = (),
    other_version: Iterable[tuple[str, str]] = (),
    allow_truncation: bool = True,
) -> TitleMatch:
    """Compare a criterion or standard title as a plan writes it with the catalog.

    Tolerated (a match): case, NFC/NFD, old/new tone placement, dashes and
    punctuation (``hành chính quản trị`` = ``hành chính - quản trị``), a trailing full
    stop, a leading ``Tiêu chí 3.2:`` label, parenthetical remarks left out, the
    abbreviations of ``catalogs/abbreviations.json`` (``CSVC``), an alias, and a title
    cut short at the end by a page split (at least 60 % of the official key; disable
    with ``allow_truncation=False`` when the cell is known to be whole).

    Otherwise the mismatch is classified, in this order: ``omission`` (the official title
    minus a trailing part — also when the shortened title happens to be another level's
    title, which ``others`` then names; a cut that equals another level's title is never
    taken for a page split), ``other_level`` / ``other_version`` (the written title equals
    one of ``(label, title)`` pairs given for the same id elsewhere), ``typo`` (a few
    misspelt words: ``differences``), and ``different``.
    """
    other_level = list(other_level)
    other_version = list(other_version)
    candidates = [(official, None), *((a, "alias") for a in aliases)]

    def equal_others(pairs: list[tuple[str, str]], truncation: bool) -> tuple[str, ...]:
        return tuple(dict.fromkeys(
            label for label, title in pairs if _tolerant_equal(written, title, truncation) is not None
        ))

    # A written title that is exactly another version's title is not a page-split cut.
    exact_elsewhere = equal_others(other_level + other_version, False)
    for candidate, label in candidates:
        how = _tolerant_equal(written, candidate, allow_truncation and not exact_elsewhere)
        if how is not None:
            return TitleMatch(True, via=label or how, compared_with=candidate)

    w_key = _key(written)
    o_key = _key(official)
    similarity = _ratio(w_key.text, o_key.text)

    for candidate, _label in candidates:
        # Without its parenthetical first, so the omitted part reads 'và các hội đồng khác'.
        for c_key, _how in reversed(_variants(candidate)):
            for wk in (w_key, _key(written, True)):
                if _is_word_prefix(wk, c_key):
                    return TitleMatch(False, MismatchKind.OMISSION, compared_with=candidate,
                                      missing=c_key.tail(len(wk.tokens)), others=exact_elsewhere,
                                      similarity=similarity)

    for pairs, kind in ((other_level, MismatchKind.OTHER_LEVEL), (other_version, MismatchKind.OTHER_VERSION)):
        labels = equal_others(pairs, allow_truncation)
        if labels:
            title = next(t for _, t in pairs if _tolerant_equal(written, t, allow_truncation) is not None)
            return TitleMatch(False, kind, compared_with=title, others=labels, similarity=similarity)

    best: tuple[tuple[tuple[str, str], ...], str] | None = None
    for candidate, _label in candidates:
        for c_key, _how in _variants(candidate):
            for wk in (w_key, _key(written, True)):
                diffs = _typo(wk, c_key)
                if diffs and (best is None or len(diffs) < len(best[0])):
                    best = (diffs, candidate)
    if best is not None:
        return TitleMatch(False, MismatchKind.TYPO, compared_with=best[1], differences=best[0],
                          similarity=similarity)
    return TitleMatch(False, MismatchKind.DIFFERENT, compared_with=official, similarity=similarity)


def _other_titles(
    version: CriteriaVersion, pick: Callable[[CriteriaVersion], Criterion | Standard | None]
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(other_level, other_version) (label, title) pairs for the same id in the other versions."""
    levels: list[tuple[str, str]] = []
    versions: list[tuple[str, str]] = []
    own = pick(version)
    own_titles = {fold(t) for t in ([own.title, *own.aliases] if own else [])}
    for other in _versions():
        if other.id == version.id:
            continue
        item = pick(other)
        if item is None:
            continue
        same_level = bool(set(other.school_levels) & set(version.school_levels))
        for title in (item.title, *item.aliases):
            if fold(title) in own_titles:
                continue  # identical wording: nothing to tell apart
            (versions if same_level else levels).append((other.id, title))
    return levels, versions


def _match_title(
    version: CriteriaVersion, pick: Callable[[CriteriaVersion], Criterion | Standard | None], written: str,
    allow_truncation: bool,
) -> TitleMatch | None:
    """``title_matches`` for the entry ``pick`` finds in ``version``, with its namesakes' titles in the others.

    Criteria and standards are compared alike; only how an entry is looked up in a version differs.
    """
    own = pick(version)
    if own is None:
        return None
    others = _other_titles(version, pick)
    return title_matches(written, own.title, own.aliases, other_level=others[0],
                         other_version=others[1], allow_truncation=allow_truncation)


def match_criterion_title(
    version: CriteriaVersion, criterion_id: str, written: str, *, allow_truncation: bool = True
) -> TitleMatch | None:
    """``title_matches`` for criterion ``criterion_id`` of ``version``, with the other versions' titles."""
    return _match_title(version, lambda v: v.criterion(criterion_id), written, allow_truncation)


def match_standard_title(
    version: CriteriaVersion, number: int, written: str, *, allow_truncation: bool = True
) -> TitleMatch | None:
    """``title_matches`` for standard ``number`` of ``version``, with the other versions' titles."""
    return _match_title(version, lambda v: v.standard(number), written, allow_truncation)

