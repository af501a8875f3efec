"""Capitalisation of the names of agencies and organisations, and of the types of cited documents
(Nghị định 30/2020, Phụ lục II).

The names and how each is judged are data (``catalogs/proper_names.json``). A name is found word by word,
whatever its case and tone placement ('Uỷ'/'Ủy'); its words must be separated by spaces only, or by the
punctuation the name itself has ('Luật Phòng, chống tham nhũng'), so a name never runs across other
punctuation. The laws a plan names ('Luật Giáo dục') are names of this kind, found with or without a number.
A name written in capitals is never judged: the header writes the issuing agency so. The fix changes letter
case only, so it keeps the spelling as written.

A document type is judged only where the citation finder reads a citation (``Thông tư số 18/2018/...``):
a type word without a number is the common noun (``các thông tư hướng dẫn``, ``theo kế hoạch``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, Literal

from kclint.citations import Citation, find_citations
from kclint.textnorm import fold_tone_placement
from kclint.vietnamese.grammar import catalog_data

Judgement = Literal["warning", "info", "silent"]
_WORD = re.compile(r"[^\W\d_]+")
# What may end the text before a sentence's first word: a stop, a colon, a list mark, numbering, a bracket.
_SENTENCE_START = re.compile(r"(?:^|[.!?:;…*•+\-–—(\[\"“‘']|^\s*(?:\d+(?:\.\d+)*|[a-zđ]|[IVXLC]+)[.)])\s*$")
_DIGIT_NEXT = re.compile(r"\s+\d")
_LETTER_NEXT = re.compile(r"\s+([^\W\d_])")


@dataclass(frozen=True)
class _Exceptions:
    before: tuple[str, ...] = ()
    next_capitalised: bool = False


@dataclass(frozen=True)
class NameEntry:
    """One catalogued name: its correct casing and how a miscased occurrence is judged."""

    name: str
    group: str
    source: str
    wrong_case: Judgement
    lower_case: Literal["warning", "place", "info", "silent"]
    exceptions: _Exceptions = field(default_factory=_Exceptions)
    common_word: bool = False  # a document type whose word is also a common noun or verb ('báo cáo')
    number: str = ""  # a law's number and year: which law the name is (for the reader of the catalog)

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(_WORD.findall(self.name))

    @property
    def keys(self) -> tuple[str, ...]:
        return _entry_keys(self.name)

    @property
    def gaps(self) -> tuple[str, ...]:
        return _entry_gaps(self.name)


@dataclass(frozen=True)
class CaseSlip:
    """A catalogued name written with the wrong capitals: ``text[start:end]`` should read ``right``."""

    start: int
    end: int
    written: str
    right: str
    entry: NameEntry
    severity: Literal["warning", "info"]


@dataclass(frozen=True)
class _Catalog:
    by_first: dict[str, list[NameEntry]]  # first word's key -> entries, longest first
    documents: dict[str, list[NameEntry]]  # the same for the document types
    generic_before: tuple[str, ...]
    units: tuple[tuple[str, ...], ...]  # administrative unit words, longest first
    sources: dict[str, str]


# Every word of every line is folded to look it up: the same few thousand words again and again.
@lru_cache(maxsize=8192)
def _key(word: str) -> str:
    return fold_tone_placement(word).lower()


@cache
def _entry_keys(name: str) -> tuple[str, ...]:
    return tuple(_key(w) for w in _WORD.findall(name))


@cache
def _entry_gaps(name: str) -> tuple[str, ...]:
    """The punctuation between a name's words ('' where only a space): ('', ',', '', '') for 'Luật Phòng, chống
    tham nhũng'."""
    return tuple(g.strip() for g in _WORD.split(name)[1:-1])


def _by_first(raws: list[dict[str, Any]], sources: dict[str, str]) -> dict[str, list[NameEntry]]:
    """The entries ``raws`` indexed by their first word's key, longest first."""
    by_first: dict[str, list[NameEntry]] = {}
    for raw in raws:
        entry = NameEntry(**{**raw, "exceptions": _Exceptions(**{
            k: tuple(v) if isinstance(v, list) else v for k, v in raw.get("exceptions", {}).items()})})
        if entry.source not in sources:
            raise ValueError(f"proper_names.json: {entry.name!r} cites an unknown source {entry.source!r}")
        by_first.setdefault(_key(entry.words[0]), []).append(entry)
    for entries in by_first.values():
        entries.sort(key=lambda e: -len(e.words))
    return by_first


def _laws(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The laws as name entries: the block's source and 'before' words, each law's own severities."""
    return [{"group": "law", "source": data["source"], "wrong_case": "warning", "lower_case": "warning",
             "exceptions": {"before": data["before"]}, **law} for law in data["names"]]


@cache
def name_catalog() -> _Catalog:
    data: dict[str, Any] = catalog_data("proper_names.json")
    sources = dict(data["sources"])
    units = sorted((tuple(_key(w) for w in u.split()) for u in data["units"]["words"]), key=lambda u: -len(u))
    names = [*data["names"], *_laws(data["laws"])]
    return _Catalog(_by_first(names, sources), _by_first(data["document_types"], sources),
                    tuple(data["generic_before"]), tuple(units), sources)


def _cased(word: str, capital: bool) -> str:
    """``word`` with only its first letter capitalised, or all in lower case."""
    lower = word.lower()
    return lower[:1].upper() + lower[1:] if capital else lower


def _is_capital(word: str) -> bool:
    return word[:1].isupper()


def _capital_follows(rest: str) -> bool:
    """Whether the next word of ``rest`` (after spaces only) starts with a capital."""
    m = _LETTER_NEXT.match(rest)
    return m is not None and m.group(1).isupper()


def _match(words: list[re.Match[str]], i: int, text: str, size: int, keys: tuple[str, ...],
           gaps: tuple[str, ...] = ()) -> bool:
    """Whether ``keys`` are the words from ``i`` on, separated by spaces only or by the name's own ``gaps``."""
    if i + size > len(words):
        return False
    for j in range(size):
        if _key(words[i + j].group()) != keys[j]:
            return False
        if j and text[words[i + j - 1].end():words[i + j].start()].strip() != (gaps[j - 1] if gaps else ""):
            return False
    return True


def _unit_after(words: list[re.Match[str]], k: int, text: str, units: tuple[tuple[str, ...], ...]) -> int:
    """How many words from ``k`` on name an administrative unit followed by its name or number (0: none)."""
    for unit in units:
        if _match(words, k, text, len(unit), unit) and not text[words[k - 1].end():words[k].start()].strip():
            rest = text[words[k + len(unit) - 1].end():]
            if _DIGIT_NEXT.match(rest) or _capital_follows(rest):
                return len(unit)
    return 0


def _judge(entry: NameEntry, want: list[bool], written: list[str], before: str, has_place: bool) -> Judgement | None:
    """How the name as ``written`` is judged against the capitals it should have, ``want`` (None: correct).
    ``before``: the text before it."""
    got = [_is_capital(w) for w in written]
    if got == want:
        return None
    at_start = bool(_SENTENCE_START.search(before))
    lowered = not any(got[1:]) and (not got[0] or at_start)
    if not lowered:
        return entry.wrong_case
    cat = name_catalog()
    previous = [_key(w) for w in _WORD.findall(before[-40:])]
    for phrase in (*cat.generic_before, *entry.exceptions.before):
        keys = [_key(w) for w in phrase.split()]
        if previous[-len(keys):] == keys:
            return "silent"
    if entry.lower_case == "place":
        return "warning" if has_place else "info"
    return entry.lower_case


def _entry_at(index: dict[str, list[NameEntry]], words: list[re.Match[str]], i: int, text: str) -> NameEntry | None:
    """The longest entry of ``index`` whose words are the words from ``i`` on."""
    return next((e for e in index.get(_key(words[i].group()), [])
                 if _match(words, i, text, len(e.keys), e.keys, e.gaps)), None)


def case_slips(text: str) -> list[CaseSlip]:
    """Every catalogued name in ``text`` written with the wrong capitals, left to right."""
    cat = name_catalog()
    words = list(_WORD.finditer(text))
    out: list[CaseSlip] = []
    i = 0
    while i < len(words):
        entry = _entry_at(cat.by_first, words, i, text)
        if entry is None:
            i += 1
            continue
        size = len(entry.words)
        slip = _slip(entry, words, i, size, text)
        if slip is not None:
            out.append(slip)
        i += size
    return out


def _slip(entry: NameEntry, words: list[re.Match[str]], i: int, size: int, text: str) -> CaseSlip | None:
    cat = name_catalog()
    start, end = words[i].start(), words[i + size - 1].end()
    written = [m.group() for m in words[i:i + size]]
    if text[start:end].isupper():
        return None
    want = [_is_capital(w) for w in entry.words]
    if entry.exceptions.next_capitalised and _capital_follows(text[end:]):
        want[-1] = True  # the last word starts the name that follows ('Hội đồng Trường Tiểu học ...')
    unit = _unit_after(words, i + size, text, cat.units)
    severity = _judge(entry, want, written, text[:start], bool(unit))
    right = [_cased(w, capital) for w, capital in zip(written, want, strict=True)]
    if unit:
        unit_words = [m.group() for m in words[i + size:i + size + unit]]
        by_number = bool(_DIGIT_NEXT.match(text[words[i + size + unit - 1].end():]))
        unit_right = [_cased(w, by_number and j == 0) for j, w in enumerate(unit_words)]
        if unit_words != unit_right and not " ".join(unit_words).isupper():
            end = words[i + size + unit - 1].end()
            right += unit_right
            severity = severity or entry.wrong_case
    if severity in (None, "silent"):
        return None
    spaced = _respace(text[start:end], right)
    return CaseSlip(start, end, text[start:end], spaced, entry, severity)


def _respace(written: str, right: list[str]) -> str:
    """``right``'s words in place of the words of ``written``, keeping the spaces as written."""
    pieces = iter(right)
    return _WORD.sub(lambda _m: next(pieces), written)


def document_type_slips(text: str) -> list[CaseSlip]:
    """Every cited document in ``text`` whose type (and the ``số`` after it) has the wrong capitals."""
    citations = find_citations(text)
    if not citations:
        return []
    cat = name_catalog()
    words = list(_WORD.finditer(text))
    at = {m.start(): i for i, m in enumerate(words)}
    out: list[CaseSlip] = []
    for citation in citations:
        i = at.get(citation.offset)
        entry = _entry_at(cat.documents, words, i, text) if i is not None else None
        if entry is not None and i is not None:
            slip = _document_slip(entry, words, i, text, citation)
            if slip is not None:
                out.append(slip)
    return out


def _document_slip(
    entry: NameEntry, words: list[re.Match[str]], i: int, text: str, citation: Citation
) -> CaseSlip | None:
    size = len(entry.words)
    start, end = words[i].start(), words[i + size - 1].end()
    if text[start:end].isupper():
        return None  # 'THÔNG TƯ số 18/...' in a capitals heading
    written = [m.group() for m in words[i:i + size]]
    want = [_is_capital(w) for w in entry.words]
    so = words[i + size] if i + size < len(words) else None
    has_so = so is not None and _key(so.group()) == "số" and not text[end:so.start()].strip()
    if has_so and so is not None:
        written.append(so.group())
        want.append(False)
        end = so.end()
    severity = _judge(entry, want, written, text[:start], False)
    if severity in (None, "silent"):
        return None
    if entry.common_word and citation.symbol is None and not has_so:
        return None  # 'báo cáo 12/2024' may be a month's report
    # Only a symbol, or a year where the type word is no common word, makes it surely a document.
    sure = citation.symbol is not None or (citation.year is not None and (has_so or not entry.common_word))
    right = [_cased(w, capital) for w, capital in zip(written, want, strict=True)]
    return CaseSlip(start, end, text[start:end], _respace(text[start:end], right), entry,
                    "warning" if severity == "warning" and sure else "info")


_NEAR_MISS_WORDS = 5  # a shorter name less a word is too often another name ('Hội đồng Dân tộc')


@dataclass(frozen=True)
class WordSlip:
    """A catalogued name written with one of its inner words missing or one word too many."""

    start: int
    end: int
    written: str
    entry: NameEntry
    missing: bool  # a word is missing (else one is extra)


def _near_misses(keys: tuple[str, ...]) -> list[tuple[tuple[str, ...], bool]]:
    """The name's keys less one inner word (a word missing), and a marker for one extra word."""
    return [(keys[:d] + keys[d + 1:], True) for d in range(1, len(keys) - 1)]


def _extra_word(words: list[re.Match[str]], i: int, text: str, keys: tuple[str, ...]) -> bool:
    """Whether the words from ``i`` on are ``keys`` with one word inserted inside (not first, not last)."""
    size = len(keys) + 1
    if i + size > len(words) or any(text[words[i + j - 1].end():words[i + j].start()].strip()
                                    for j in range(1, size)):
        return False
    got = [_key(m.group()) for m in words[i:i + size]]
    return any(got[:d] + got[d + 1:] == list(keys) and got[d] not in (got[d - 1], got[d + 1])
               for d in range(1, size - 1))


def word_slips(text: str) -> list[WordSlip]:
    """Every catalogued name of at least five words written with one inner word missing ('Bộ Giáo dục Đào tạo')
    or one word too many, left to right. Written as a name: its first word and another one capitalised (or the
    whole in capitals); 'bộ giáo dục đào tạo' in lower case is no name. A repeated word is KC606's."""
    cat = name_catalog()
    words = list(_WORD.finditer(text))
    out: list[WordSlip] = []
    i = 0
    while i < len(words):
        found = None
        first = words[i].group()
        if _is_capital(first) and _entry_at(cat.by_first, words, i, text) is None:
            for entry in cat.by_first.get(_key(first), []):
                if len(entry.keys) < _NEAR_MISS_WORDS or any(entry.gaps):
                    continue
                for keys, missing in [*_near_misses(entry.keys), (entry.keys, False)]:
                    size = len(keys) if missing else len(keys) + 1
                    ok = _match(words, i, text, size, keys) if missing else _extra_word(words, i, text, keys)
                    if ok and any(_is_capital(m.group()) for m in words[i + 1:i + size]):
                        found = WordSlip(words[i].start(), words[i + size - 1].end(),
                                         text[words[i].start():words[i + size - 1].end()], entry, missing)
                        break
                if found:
                    break
        if found:
            out.append(found)
            i += len(_WORD.findall(found.written))
        else:
            i += 1
    return out
