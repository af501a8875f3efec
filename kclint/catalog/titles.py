"""Comparing a criterion or standard title as a plan writes it with the catalog's wording.

Tolerances (case, NFC/NFD, tone placement, punctuation, abbreviations, parentheticals, a page-split
cut) make a match; otherwise the mismatch is classified (omission, another level's or version's
title, a typo, different) so a rule can say what is wrong.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import Enum

from kclint.catalog.loaders import load_abbreviations, load_versions
from kclint.catalog.models import CriteriaVersion, Criterion, Standard
from kclint.textnorm import fold, nfc, strip_diacritics


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
    for a in load_abbreviations():
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
    for other in load_versions():
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
