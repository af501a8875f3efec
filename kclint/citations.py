"""Find the documents a plan cites in running text, and check how their symbols are written.

``find_citations`` returns one ``Citation`` per cited document: the exact text and its
offset, the normalised document type, number, year, symbol as written, the date that
follows (``ngày 22 tháng 8 năm 2018`` / ``ngày 08/9/2023``) and the issuer
(``của Bộ Giáo dục và Đào tạo``). It never raises and never guesses a document that
is not written: matching against the catalog is ``kclint.catalog.find_document``'s job.

``citation_roles`` tells, for the citations of one line, which are the plan's basis, which are
only named inside another citation's title (``... sửa đổi, bổ sung ... Thông tư số 17/2018/TT-BGDĐT``)
and which the line names as history (``Thông tư 36/2017 (đã hết hiệu lực)``).

``symbol_problems`` flags the symbol defects of NĐ 30/2020 practice (rule ND30-22):
``TT-BGD&ĐT``, ``TTBGDDT``, ``PGDDĐT``, ``TT- BGDĐT``.

The vocabulary of document references is defined here once: the document types and their
abbreviations (``document_type``, ``types_compatible``), and the comparison keys of a number
(``number_key``) and of a symbol (``normalise_symbol``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Protocol

from kclint.textnorm import fold, nfc_with_index, strip_diacritics

__all__ = [
    "Citation",
    "Role",
    "SymbolProblem",
    "citation_roles",
    "document_type",
    "find_citations",
    "normalise_symbol",
    "number_key",
    "symbol_problems",
    "types_compatible",
]

Role = Literal["basis", "mentioned", "history"]


@dataclass(frozen=True, slots=True)
class Citation:
    """A document named in the text.

    ``text`` is exactly ``source[offset:offset + len(text)]``: from the type word (or the
    number, for a bare ``5942/BGDĐT-QLCL``) through the date and issuer when present.
    ``reference_text`` is the number/symbol part as written (``'19/2018/TT- BGDĐT'``);
    ``name`` is a law's name (``'Giáo dục'`` in ``Luật Giáo dục năm 2019``), which has no
    number; ``date`` is None when the date is absent or impossible (``date_text`` keeps it).
    """

    text: str
    offset: int
    doc_type: str | None
    number: str | None
    year: int | None
    symbol: str | None
    date_text: str | None = None
    date: dt.date | None = None
    issuer_text: str | None = None
    name: str | None = None
    reference_text: str | None = None

    @property
    def end(self) -> int:
        """Offset just past the citation."""
        return self.offset + len(self.text)

    @property
    def effective_year(self) -> int | None:
        """The year of the number/symbol, else of the cited date (a Công văn's symbol has no year)."""
        if self.year is not None:
            return self.year
        return self.date.year if self.date else None


class Reference(Protocol):
    """What ``symbol_problems`` reads of a citation: the finder's own record or the plan model's."""

    @property
    def number(self) -> str | None: ...
    @property
    def year(self) -> int | None: ...
    @property
    def symbol(self) -> str | None: ...
    @property
    def reference_text(self) -> str | None: ...
    @property
    def effective_year(self) -> int | None: ...


@dataclass(frozen=True, slots=True)
class SymbolProblem:
    """A defect in how a symbol is written.

    ``code``: ``space`` (a space inside the symbol), ``space_around_slash``, ``slash`` (``TT/BGDĐT``),
    ``missing_hyphen``, ``ampersand`` (``BGD&ĐT`` in a Ministry symbol),
    ``doubled_letter`` (``PGDDĐT``), ``plain_d`` (``D`` for ``Đ``: ``BGDDT``, ``ND-CP``).
    ``written`` is the offending part as written; ``suggestion`` the whole symbol with
    every problem fixed; ``suggested_reference`` the number/year/symbol so fixed.
    """

    code: str
    message: str
    written: str
    suggestion: str
    suggested_reference: str | None = None


# ---------------------------------------------------------------------------
# Patterns
# ---------------------------------------------------------------------------

_LETTER = r"[^\W\d_]"
_NOT_LETTER_BEFORE = rf"(?<!{_LETTER})"
_NOT_LETTER_AFTER = rf"(?!{_LETTER})"
_HSPACE = r"[^\S\n]"  # whitespace that does not end the line

# The written type words, longest first where one is a prefix of another.
_TYPE_WORDS: tuple[tuple[str, str], ...] = (
    (r"thông\s+tư\s+liên\s+tịch", "Thông tư"),
    (r"thông\s+tư", "Thông tư"),
    (r"công\s+văn", "Công văn"),
    (r"nghị\s+định", "Nghị định"),
    (r"quyết\s+định", "Quyết định"),
    (r"kế\s+hoạch", "Kế hoạch"),
    (r"hướng\s+dẫn", "Hướng dẫn"),
    (r"văn\s+bản\s+hợp\s+nhất", "Văn bản"),
    (r"văn\s+bản", "Văn bản"),
    (r"chỉ\s+thị", "Chỉ thị"),
    (r"nghị\s+quyết", "Nghị quyết"),
    (r"thông\s+báo", "Thông báo"),
    (r"báo\s+cáo", "Báo cáo"),
)
# Abbreviated types (NĐ 30/2020 Phụ lục III), upper case only: 'TT 19/2018'.
_TYPE_ABBREVIATIONS = {
    "TT": "Thông tư", "NĐ": "Nghị định", "QĐ": "Quyết định", "CV": "Công văn",
    "KH": "Kế hoạch", "HD": "Hướng dẫn", "CT": "Chỉ thị", "NQ": "Nghị quyết",
}
# Other ways of naming a type, outside running text: an abbreviation written without Đ or in lower case.
_TYPE_ALIASES = {"nd": "Nghị định", "qd": "Quyết định", "vb": "Văn bản", "luật": "Luật", "bộ luật": "Luật"}
_TYPE_KEYS = {fold(k): v for k, v in _TYPE_ABBREVIATIONS.items()} | _TYPE_ALIASES
# A plan may call a Công văn of guidance a 'văn bản' or 'hướng dẫn'; these words still name it.
_COMPATIBLE_TYPES = {"Công văn": {"Công văn", "Văn bản", "Hướng dẫn"}}
# Types cited by a bare number in practice ('theo thông tư 36'); the others need 'số'
# or a slash, because 'kế hoạch 5 năm' is not a citation.
_BARE_NUMBER_TYPES = {"Thông tư", "Nghị định", "Công văn"}

_SYMBOL_CANDIDATE = rf"{_LETTER}[\w&]*(?:{_HSPACE}*-{_HSPACE}*[\w&]+)*"
_REFERENCE = (
    rf"(?P<number>\d+[a-z]?)(?!\d)"
    rf"(?:{_HSPACE}?/{_HSPACE}?(?P<year>(?:19|20)\d\d)(?!\d))?"
    rf"(?:{_HSPACE}?/{_HSPACE}?(?P<symbol>{_SYMBOL_CANDIDATE}))?"
)
_TYPED = re.compile(
    rf"{_NOT_LETTER_BEFORE}"
    rf"(?:(?P<word>(?i:{'|'.join(p for p, _ in _TYPE_WORDS)}))"
    rf"|(?P<abbr>{'|'.join(_TYPE_ABBREVIATIONS)}))"
    rf"{_NOT_LETTER_AFTER}"
    rf"{_HSPACE}*(?:(?P<so>(?i:số)){_HSPACE}*:?{_HSPACE}*)?"
    rf"{_REFERENCE}"
)
_ANY_DIGIT = re.compile(r"\d")
_LAW = re.compile(rf"{_NOT_LETTER_BEFORE}(?P<word>(?i:(?:bộ{_HSPACE}+)?luật)){_NOT_LETTER_AFTER}")
_LAW_NAME_WORD = re.compile(rf"{_HSPACE}+({_LETTER}+)")
_LAW_REFERENCE = re.compile(rf"{_HSPACE}*(?:(?i:số){_HSPACE}*:?{_HSPACE}*)?{_REFERENCE}")
_LAW_YEAR = re.compile(rf"{_HSPACE}*,?{_HSPACE}*(?:(?i:năm){_HSPACE}+)?(?P<year>(?:19|20)\d\d)(?![\d/])")
_BARE = re.compile(
    rf"(?<![\w/.])(?P<number>\d+[a-z]?)/(?:(?P<year>(?:19|20)\d\d)/)?(?P<symbol>{_SYMBOL_CANDIDATE})"
)
_DATE = re.compile(
    rf"{_HSPACE}*,?{_HSPACE}*(?P<date>(?i:ngày){_HSPACE}*(?::{_HSPACE}*)?"
    rf"(?:(?P<d1>\d{{1,2}}){_HSPACE}+(?i:tháng){_HSPACE}+(?P<m1>\d{{1,2}}){_HSPACE}+(?i:năm){_HSPACE}+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}}){_HSPACE}*(?P<sep>[/.\-]){_HSPACE}*(?P<m2>\d{{1,2}}){_HSPACE}*(?P=sep){_HSPACE}*"
    rf"(?P<y2>\d{{4}})))(?!\d)"
)
_ISSUER_START = re.compile(rf"{_HSPACE}*,?{_HSPACE}*(?P<cua>(?i:của)){_HSPACE}+")
_ISSUER_WORD = re.compile(r"(?P<word>[\w&]+(?:[&\-][\w&]+)*)")
_GAP = re.compile(rf"{_HSPACE}+")
_LIST_GAP = re.compile(rf"{_HSPACE}*(?:[,;]|và|hoặc){_HSPACE}*(?:(?i:số){_HSPACE}*:?{_HSPACE}*)?")
_OWN_NUMBER_PREFIX = re.compile(r"\s*Số\s*:?\s*")

# Words that end an issuer ('của Phòng GDĐT về việc ...'). Verbs that also occur in names
# are stops only as a pair: 'ban hành' ends 'của Bộ GD&ĐT ban hành', 'Ban' in 'xã Hoa Ban' does not.
_ISSUER_STOP = frozenset(
    "về v/v việc tại theo nhằm để đã được năm ngày trong đối với cho là thì nay này hiện số kèm các "
    "những một như có".split()
)
_ISSUER_STOP_PAIRS = frozenset({
    ("ban", "hành"), ("quy", "định"), ("hướng", "dẫn"), ("thực", "hiện"), ("triển", "khai"),
    ("phê", "duyệt"), ("sửa", "đổi"), ("bổ", "sung"),
    # the verbs that name other documents (``_NAMES_DOCUMENTS``) and a document's type: no issuer goes on past them
    ("thay", "thế"), ("bãi", "bỏ"), ("đính", "chính"), ("hợp", "nhất"), ("thông", "tư"), ("nghị", "định"),
})
# Words that end a law's name ('Luật Giáo dục năm 2019', 'Luật Giáo dục đã được sửa đổi').
_LAW_NAME_STOP = _ISSUER_STOP | {
    "và", "hoặc", "mà", "cũng", "của", "sẽ", "phải", "không", "quy", "ban", "sửa",
}
_ISSUER_FIRST_LOWER = frozenset({"nhà", "trường", "phòng", "sở", "bộ", "ủy", "uỷ", "chính", "ban", "hội"})
_MAX_ISSUER_WORDS = 14
_MAX_LAW_NAME_WORDS = 6


# ---------------------------------------------------------------------------
# Offsets: match on NFC text, report slices of the original
# ---------------------------------------------------------------------------

class _Source:
    """The original text and its NFC form, with slicing in NFC coordinates."""

    __slots__ = ("index", "norm", "original")

    def __init__(self, text: str) -> None:
        self.original = text
        self.norm, self.index = nfc_with_index(text)

    def pos(self, i: int) -> int:
        return i if self.index is None else self.index[i]

    def slice(self, start: int, end: int) -> str:
        return self.original[self.pos(start) : self.pos(end)]

    def part(self, start: int, end: int) -> str:
        """A field's text as written; its NFC form where a lone combining mark defeats the mapping."""
        return self.slice(start, end) or self.norm[start:end]


# ---------------------------------------------------------------------------
# Parsing helpers
# ---------------------------------------------------------------------------

def _valid_group(group: str, first: bool) -> bool:
    """Whether one hyphen-separated part looks like a symbol part ('BGDĐT', 'TTg', 'QH14')."""
    if "_" in group or not group:
        return False
    if not group[0].isupper() and (first or not group[0].isdigit()):
        return False
    upper = sum(c.isupper() for c in group)
    lower = sum(c.islower() for c in group)
    # 'TTg', 'GDTrH' carry a lower-case letter or two; 'Bộ', 'Theo' are words.
    return lower <= 2 and not (lower and upper < 2)


def _trim_symbol(candidate: str) -> str:
    """The longest leading run of valid symbol parts of ``candidate`` ('' if none)."""
    end = 0
    for k, m in enumerate(re.finditer(r"[\w&]+", candidate)):
        if not _valid_group(m.group(), k == 0):
            break
        end = m.end()
    return candidate[:end]


def _make_date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _parse_date(src: _Source, pos: int) -> tuple[int, str, dt.date | None] | None:
    """(end, date text, date) of a date starting at ``pos`` (after an optional comma)."""
    m = _DATE.match(src.norm, pos)
    if not m:
        return None
    if m.group("d1"):
        value = _make_date(m.group("d1"), m.group("m1"), m.group("y1"))
    else:
        value = _make_date(m.group("d2"), m.group("m2"), m.group("y2"))
    return m.end(), src.part(m.start("date"), m.end("date")), value


def _parse_issuer(src: _Source, pos: int) -> tuple[int, str] | None:
    """(end, issuer text) of 'của <issuer>' starting at ``pos``."""
    m = _ISSUER_START.match(src.norm, pos)
    if not m:
        return None
    # The words that follow on the same line, each separated by plain spaces.
    upcoming: list[re.Match[str]] = []
    cursor = m.end()
    while len(upcoming) <= _MAX_ISSUER_WORDS:
        w = _ISSUER_WORD.match(src.norm, cursor)
        if not w:
            break
        upcoming.append(w)
        gap = _GAP.match(src.norm, w.end())
        if not gap:
            break
        cursor = gap.end()
    words: list[re.Match[str]] = []
    for k, w in enumerate(upcoming[:_MAX_ISSUER_WORDS]):
        word = w.group()
        folded = word.casefold()
        if k == 0:
            if not (word[0].isupper() or folded in _ISSUER_FIRST_LOWER):
                return None
        else:
            nxt = upcoming[k + 1].group().casefold() if k + 1 < len(upcoming) else ""
            if folded in _ISSUER_STOP or word.isdigit() or (folded, nxt) in _ISSUER_STOP_PAIRS:
                break
        words.append(w)
    while words and words[-1].group().casefold() in {"và", "hoặc"}:
        words.pop()
    if not words:
        return None
    return words[-1].end(), src.part(m.start("cua"), words[-1].end())


def _tail(src: _Source, pos: int) -> tuple[int, str | None, dt.date | None, str | None]:
    """Parse the optional date and issuer after a reference: (end, date text, date, issuer)."""
    date_text: str | None = None
    date: dt.date | None = None
    issuer: str | None = None
    parsed = _parse_date(src, pos)
    if parsed:
        pos, date_text, date = parsed
    found = _parse_issuer(src, pos)
    if found:
        pos, issuer = found
        if date_text is None:
            # 'Thông tư số 13/2020/TT-BGDĐT của Bộ GDĐT ngày 26/5/2020' puts the date last.
            parsed = _parse_date(src, pos)
            if parsed:
                pos, date_text, date = parsed
    return pos, date_text, date, issuer


def _reference(src: _Source, m: re.Match[str]) -> tuple[int, str | None, int | None]:
    """(end of reference, symbol as written or None, year) with the symbol trimmed to valid parts."""
    year = int(m.group("year")) if m.group("year") else None
    end = m.end("year") if m.group("year") else m.end("number")
    symbol: str | None = None
    if m.group("symbol"):
        trimmed = _trim_symbol(m.group("symbol"))
        if trimmed:
            end = m.start("symbol") + len(trimmed)
            if "-" not in trimmed:
                end = _slashed_parts(src.norm, end)
            symbol = src.part(m.start("symbol"), end)
    return end, symbol, year


_SLASHED_PART = re.compile(rf"/(?P<part>{_SYMBOL_CANDIDATE})")


def _slashed_parts(norm: str, end: int) -> int:
    """The end of a symbol whose parts are joined by '/' instead of '-' ('TT/BGDĐT', 'BGDĐT/QLCL').

    Only a symbol without a hyphen goes on: its next part must itself look like a symbol's first part.
    """
    m = _SLASHED_PART.match(norm, end)
    if not m:
        return end
    trimmed = _trim_symbol(m.group("part"))  # its first part checked as a first part
    return m.start("part") + len(trimmed) if trimmed else end


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------

def find_citations(text: str) -> list[Citation]:
    """Every document cited in ``text``, in order of appearance; never raises.

    Recognised: a type word or abbreviation, optional ``số``/``số:``, and a number with
    optional year and symbol (``Thông tư số 19/2018/TT-BGDĐT``, ``TT 19/2018``,
    ``Thông tư 19/2028``, ``theo thông tư 36/2017``, ``Công văn 5942/BGDĐT-QLCL``,
    ``văn bản số: 46/KH-MNHS``, ``Kế hoạch số 27/KH-MNAB``, ``Quyết định số 1015/QĐ-TTg``,
    ``Nghị định 30/2020/NĐ-CP``); a law by name (``Luật Giáo dục năm 2019``) or number;
    and a bare number/symbol (``5942/BGDĐT-QLCL``; ``doc_type`` None, or the type of the
    citation it continues in a list such as ``Thông tư số 17/2018/TT-BGDĐT, 18/2018/TT-BGDĐT``).
    Each may be followed, with or without a comma, by a date and by ``của <issuer>``.

    A plan's own number line — ``Số: 52/KH-MNAB`` at the start of a line — is not a
    citation and is skipped (the header parser reads it). Matching is done on the NFC
    form, so NFD input works; offsets and texts always refer to ``text`` itself.
    """
    src = _Source(text)
    if not _ANY_DIGIT.search(src.norm) and "luật" not in src.norm.lower():
        return []  # every pattern below needs a number, except a law by name: most lines cite nothing
    # Kept citations as disjoint (NFC start, NFC end, citation), sorted by start, so that the
    # later passes (laws, bare numbers) can skip what an earlier pass already took.
    found: list[tuple[int, int, Citation]] = []
    starts: list[int] = []

    def overlaps(start: int, end: int) -> bool:
        i = bisect.bisect_right(starts, start)
        return (i > 0 and found[i - 1][1] > start) or (i < len(found) and found[i][0] < end)

    def add(start: int, end: int, citation: Citation) -> None:
        i = bisect.bisect_right(starts, start)
        starts.insert(i, start)
        found.insert(i, (start, end, citation))

    for m in _TYPED.finditer(src.norm):
        if m.group("word"):
            doc_type = document_type(m.group("word"))
        else:
            doc_type = _TYPE_ABBREVIATIONS[m.group("abbr")]
        ref_end, symbol, year = _reference(src, m)
        if m.group("abbr") and year is None and symbol is None:
            continue  # 'TT 3' is a table's row number, not a circular
        if year is None and symbol is None and not m.group("so") and doc_type not in _BARE_NUMBER_TYPES:
            continue
        if overlaps(m.start(), ref_end):
            continue
        end, date_text, date, issuer = _tail(src, ref_end)
        add(m.start(), end, Citation(
            text=src.slice(m.start(), end), offset=src.pos(m.start()), doc_type=doc_type,
            number=m.group("number"), year=year, symbol=symbol, date_text=date_text, date=date,
            issuer_text=issuer, reference_text=src.part(m.start("number"), ref_end)))

    for m in _LAW.finditer(src.norm):
        if src.norm[max(0, m.start() - 5) : m.start()].casefold().endswith("pháp "):
            continue  # 'văn bản quy phạm pháp luật'
        _law(src, m, overlaps, add)

    for m in _BARE.finditer(src.norm):
        ref_end, symbol, year = _reference(src, m)
        if symbol is None or ("-" not in symbol and year is None):
            continue
        line_start = src.norm.rfind("\n", 0, m.start()) + 1
        if _OWN_NUMBER_PREFIX.fullmatch(src.norm[line_start : m.start()]):
            continue  # the plan's own 'Số: 52/KH-MNAB'
        if overlaps(m.start(), ref_end):
            continue
        doc_type = _continued_type(src.norm, m.start(), found)
        end, date_text, date, issuer = _tail(src, ref_end)
        add(m.start(), end, Citation(
            text=src.slice(m.start(), end), offset=src.pos(m.start()), doc_type=doc_type,
            number=m.group("number"), year=year, symbol=symbol, date_text=date_text, date=date,
            issuer_text=issuer, reference_text=src.part(m.start("number"), ref_end)))

    return [c for _, _, c in found]


# A citation's title names other documents when it amends, replaces, repeals or carries them:
# '... sửa đổi, bổ sung một số điều của ... ban hành kèm theo Thông tư số 17/2018/TT-BGDĐT'.
_NAMES_DOCUMENTS = re.compile(
    r"(?<!\w)(?:sửa\s+đổi|bổ\s+sung|thay\s+thế|bãi\s+bỏ|kèm\s+theo|đính\s+chính|hợp\s+nhất|"
    r"quy\s+định\s+chi\s+tiết|hướng\s+dẫn\s+(?:thi\s+hành|thực\s+hiện))(?!\w)",
    re.IGNORECASE,
)
# Where a title ends: the next item of a list of bases, or the next clause of the line.
_TITLE_END = re.compile(r";|(?<!\w)(?i:căn\s+cứ)(?!\w)|[.!?](?=\s+[A-ZĐÀ-Ỹ])")
# A document the line itself calls past: 'Thông tư 36/2017 (đã hết hiệu lực)', 'trước đây theo Thông tư 58/2011'.
_PAST_AFTER = re.compile(
    r"^\W{0,3}(?:(?:nay\s+)?đã\s+)?(?:hết\s+hiệu\s+lực|(?:được|bị)\s+(?:thay\s+thế|bãi\s+bỏ)|cũ)(?!\w)",
    re.IGNORECASE,
)
_PAST_BEFORE = re.compile(r"(?<!\w)(?:trước\s+đây|hết\s+hiệu\s+lực|thay\s+(?:thế\s+)?cho)(?:\s+\w+){0,5}\W*$",
                          re.IGNORECASE)


def citation_roles(text: str, citations: list[Citation]) -> list[tuple[Role, tuple[int, ...]]]:
    """For each of ``citations`` (``find_citations(text)``, in order): its role and the citations its title names.

    ``mentioned``: named inside the title of an earlier citation of the line — after a verb that
    names documents (``sửa đổi``, ``bổ sung``, ``thay thế``, ``kèm theo`` ...) and before the title
    ends (``;``, a new ``Căn cứ``, a new sentence) — or listed right after such a citation. The
    owner's entry lists their indexes. ``history``: called past by the words around it (``đã hết
    hiệu lực``, ``trước đây``). ``basis``: every other citation; the plan rests on it.
    """
    roles: list[Role] = []
    owner_of: list[int | None] = []
    named: list[list[int]] = [[] for _ in citations]
    for i, c in enumerate(citations):
        owner: int | None = None
        if i:
            prev = citations[i - 1]
            gap = text[prev.end:c.offset]
            if owner_of[i - 1] is not None and ";" not in gap and _LIST_GAP.fullmatch(gap):
                owner = owner_of[i - 1]  # '..., Thông tư số 18/2018/TT-BGDĐT' goes on the same list
            elif not _TITLE_END.search(gap) and _NAMES_DOCUMENTS.search(gap):
                owner = owner_of[i - 1] if owner_of[i - 1] is not None else i - 1
        owner_of.append(owner)
        if owner is not None:
            named[owner].append(i)
            roles.append("mentioned")
        elif _PAST_AFTER.match(text[c.end:c.end + 40]) or _PAST_BEFORE.search(text[max(0, c.offset - 40):c.offset]):
            roles.append("history")
        else:
            roles.append("basis")
    return [(role, tuple(n)) for role, n in zip(roles, named, strict=True)]


def document_type(written: str) -> str:
    """The type a written type word or abbreviation names: 'TT', 'thông tư liên tịch' -> 'Thông tư'.

    Unknown words come back as written (stripped), so a caller can still compare them.
    """
    key = re.sub(r"\s+", " ", fold(written)).rstrip(".")
    for pattern, name in _TYPE_WORDS:
        if re.fullmatch(pattern, key):
            return name
    return _TYPE_KEYS.get(key, written.strip())


def types_compatible(catalog_type: str, written_type: str | None) -> bool:
    """Whether a citation's written type (None: not written) may name a catalogued document of ``catalog_type``."""
    return written_type is None or written_type in _COMPATIBLE_TYPES.get(catalog_type, {catalog_type})


def number_key(number: str) -> tuple[int, str]:
    """'099a' -> (99, 'a'): the same for '09' and '9'; numbers order as integers, a letter after the bare number."""
    m = re.match(r"0*(\d{1,9})(.*)", number.strip().lower())
    return (int(m.group(1)), m.group(2)) if m else (0, number)


def _continued_type(norm: str, start: int, found: list[tuple[int, int, Citation]]) -> str | None:
    """The type of the citation a bare reference continues ('..., 18/2018/TT-BGDĐT'), if any."""
    i = bisect.bisect_right([s for s, _, _ in found], start)
    if i == 0:
        return None
    _, end, previous = found[i - 1]
    return previous.doc_type if end <= start and _LIST_GAP.fullmatch(norm[end:start]) else None


def _law(
    src: _Source,
    m: re.Match[str],
    overlaps: Callable[[int, int], bool],
    add: Callable[[int, int, Citation], None],
) -> None:
    """Parse 'Luật <Name> [năm YYYY | số N/YYYY/QHxx]' at ``m``."""
    norm = src.norm
    pos = m.end()
    name_start = name_end = None
    count = 0
    while count < _MAX_LAW_NAME_WORDS:
        w = _LAW_NAME_WORD.match(norm, pos)
        if not w or w.group(1).casefold() in _LAW_NAME_STOP:
            break
        if name_start is None:
            name_start = w.start(1)
        name_end = pos = w.end(1)
        count += 1
    name = src.part(name_start, name_end) if name_start is not None and name_end is not None else None
    number: str | None = None
    symbol: str | None = None
    year: int | None = None
    reference_text: str | None = None
    ref = _LAW_REFERENCE.match(norm, pos)
    if ref and (ref.group("year") or ref.group("symbol")):
        ref_end, symbol, year = _reference(src, ref)
        number = ref.group("number")
        reference_text = src.part(ref.start("number"), ref_end)
        pos = ref_end
    else:
        y = _LAW_YEAR.match(norm, pos)
        if y:
            year = int(y.group("year"))
            pos = y.end()
    # A capitalised name is a law ('Luật Giáo dục'); a lower-case one only with a year or
    # number ('luật giáo dục năm 2019'), since 'luật định', 'Luật sửa đổi' are not citations.
    capitalised = name_start is not None and norm[name_start].isupper()
    if not (capitalised or year is not None or number is not None):
        return
    if name is None and number is None:
        return
    if overlaps(m.start(), pos):
        return
    end, date_text, date, issuer = _tail(src, pos)
    add(m.start(), end, Citation(
        text=src.slice(m.start(), end), offset=src.pos(m.start()), doc_type="Luật", number=number,
        year=year, symbol=symbol, date_text=date_text, date=date, issuer_text=issuer, name=name,
        reference_text=reference_text))


def normalise_symbol(symbol: str) -> str:
    """A comparison key for a symbol: the same for ``TT-BGDĐT``, ``TT-BGD&ĐT``, ``TTBGDDT``, ``TT- BGDĐT``.

    Spaces, hyphens, slashes, dots and ``&`` are dropped, diacritics removed (``Đ`` -> ``D``),
    letters upper-cased, and a run of three or more ``D`` (``PGDDĐT``) cut to two.
    Whether a plain ``D`` should be ``Đ`` cannot be decided in general, so the key simply
    does not distinguish them; use it to compare, never to display.
    """
    key = strip_diacritics(unicodedata.normalize("NFC", symbol)).upper()
    key = re.sub(r"[\s&./\-\u2010-\u2015]", "", key)
    return re.sub(r"D{3,}", "DD", key)


# The Giáo dục và Đào tạo bodies: Bộ (B), Sở (S), Phòng (P).
_GDDT = re.compile(r"(?P<body>[BSP])GD(?P<amp>&?)(?P<run>[DĐ]+)T")
_TYPE_PREFIX = r"TTLT|TT|NĐ|ND|QĐ|QD|CT|NQ|KH|HD"
_KNOWN_ISSUER = r"[BSP]GD&?[DĐ]+T|CP|TTg|UBND"
_JOINED_TYPE = re.compile(rf"(?P<type>{_TYPE_PREFIX})(?P<issuer>{_KNOWN_ISSUER})")
_JOINED_UNIT = re.compile(r"(?P<issuer>[BSP]GD&?[DĐ]+T)(?P<unit>[A-Z]{2,})")
_AMPERSAND_SINCE = 2012  # 'BGD&ĐT' appears in Ministry symbols before 2012 only


def symbol_problems(citation: Reference) -> list[SymbolProblem]:
    """The symbol defects of ``citation``; empty for a well-formed or unknown symbol.

    ``&`` is flagged only in a Ministry symbol (``BGD&ĐT``) of a document from 2012 on
    (the year of the number, else of the cited date; flagged when neither is known) —
    ``PGD&ĐT`` of a local body is left alone. ``D`` for ``Đ`` is flagged in the
    ``BGDĐT``/``SGDĐT``/``PGDĐT`` codes and in ``NĐ``/``QĐ``.
    """
    symbol = citation.symbol
    problems: list[SymbolProblem] = []
    if symbol is None:
        return problems
    reasons: list[tuple[str, str, str]] = []  # (code, message, written part)
    if re.search(r"\s", symbol):
        reasons.append(("space", "space inside the symbol", symbol))
    if "/" in symbol:
        reasons.append(("slash", "parts of the symbol joined by '/' instead of '-'", symbol))
    if citation.reference_text and re.search(r"\s/|/\s", citation.reference_text):
        reasons.append(
            ("space_around_slash", "space around '/' in the number/symbol", citation.reference_text)
        )

    compact = re.sub(r"\s+", "", symbol)
    groups = re.split(r"[-/]", compact)
    fixed: list[str] = []
    year = citation.effective_year
    for k, group in enumerate(groups):
        parts = [group]
        joined = _JOINED_TYPE.fullmatch(group) if k == 0 else None
        unit = _JOINED_UNIT.fullmatch(group) if joined is None else None
        if joined and len(groups) == 1:
            parts = [joined.group("type"), joined.group("issuer")]
            reasons.append(("missing_hyphen", "no hyphen between the type and the issuer", group))
        elif joined is None and unit:
            parts = [unit.group("issuer"), unit.group("unit")]
            reasons.append(("missing_hyphen", "no hyphen between the issuer and the unit", group))
        for j, part in enumerate(parts):
            fixed.append(_fix_part(part, first=(k == 0 and j == 0), multi=len(groups) + len(parts) > 2,
                                   year=year, reasons=reasons))
    suggestion = "-".join(fixed)
    if not reasons:
        return problems
    number = citation.number or ""
    if citation.year is not None:
        reference = f"{number}/{citation.year}/{suggestion}"
    else:
        reference = f"{number}/{suggestion}"
    return [
        SymbolProblem(code=code, message=message, written=written, suggestion=suggestion,
                      suggested_reference=reference if number else None)
        for code, message, written in reasons
    ]


def _fix_part(
    part: str, *, first: bool, multi: bool, year: int | None, reasons: list[tuple[str, str, str]]
) -> str:
    """``part`` with its Đ/& defects fixed; each defect found is appended to ``reasons``."""
    if first and multi and part in ("ND", "QD"):
        reasons.append(("plain_d", f"'{part}' should be written with Đ", part))
        return part[0] + "Đ"
    m = _GDDT.fullmatch(part)
    if not m:
        return part
    body, amp, run = m.group("body"), m.group("amp"), m.group("run")
    if amp and body == "B" and (year is None or year >= _AMPERSAND_SINCE):
        reasons.append(("ampersand", "Ministry symbols are written without '&' (BGDĐT)", part))
        amp = ""
    if len(run) > 1:
        reasons.append(("doubled_letter", f"doubled letter '{run}' in '{part}'", part))
    elif run == "D":
        reasons.append(("plain_d", f"'D' for 'Đ' in '{part}'", part))
    return f"{body}GD{amp}ĐT"
