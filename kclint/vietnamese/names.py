"""Checks over a whole plan's texts: the appendix boundary, tone-placement conflicts and name variants."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from kclint.textnorm import fold, strip_diacritics
from kclint.vietnamese.check import TOKEN, appendix_markers
from kclint.vietnamese.confusion import confusable
from kclint.vietnamese.grammar import (
    LETTER_RUN,
    is_valid_syllable,
    orthography,
    parse_syllable,
    recase,
    tone_style,
)


def appendix_start(texts: Sequence[str]) -> int | None:
    """Index of the first paragraph that opens an appendix ('(Kèm theo kế hoạch ...)', 'PHỤ LỤC')."""
    markers = appendix_markers()
    for i, text in enumerate(texts):
        if any(p.search(text.strip()) for p in markers):
            return i
    return None


# Words ending in an open oa/oe/uy rhyme, the only ones with two tone placements (NFC text).
_OPEN_DUAL = re.compile(r"(?i)(?<!\w)\w*(?:[oòóỏõọ][aàáảãạeèéẻẽẹ]|[uùúủũụ][yỳýỷỹỵ])(?!\w)")
# The same words found from their end: the rhyme is rare, while the pattern above starts a match at every word.
_OPEN_DUAL_END = re.compile(r"(?i)(?:[oòóỏõọ][aàáảãạeèéẻẽẹ]|[uùúủũụ][yỳýỷỹỵ])(?!\w)")


def _open_dual_words(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) of each word ending in an open oa/oe/uy rhyme: ``_OPEN_DUAL.finditer`` made fast."""
    for m in _OPEN_DUAL_END.finditer(text):
        start = m.start()
        while start and (text[start - 1].isalnum() or text[start - 1] == "_"):  # re's \w
            start -= 1
        yield start, m.end(), text[start:m.end()]


@dataclass(frozen=True)
class PlacementConflict:
    """A word written with the traditional tone placement in one place and the modern one elsewhere."""

    index: int
    start: int
    end: int
    word: str  # as written here (the rarer style)
    other: str  # the same word in the document's majority style
    style: str  # 'old' or 'new': the style of ``word``
    counts: tuple[int, int]  # (this style, other style) occurrences of this word


def placement_conflicts(texts: Sequence[str]) -> list[PlacementConflict]:
    """Occurrences of the rarer tone placement of words written both ways (``hòa`` and ``hoà``)."""
    seen: dict[str, dict[str, list[tuple[int, int, int, str]]]] = defaultdict(lambda: {"old": [], "new": []})
    for i, text in enumerate(texts):
        for start, end, word in _open_dual_words(text):
            style = tone_style(word)
            if style:
                seen[fold(word)][style].append((i, start, end, word))
    out = []
    for styles in seen.values():
        old, new = styles["old"], styles["new"]
        if not old or not new:
            continue
        # The rarer style is the slip; on a tie the later spelling is reported.
        rare_style = "old" if (len(old), -old[0][0]) < (len(new), -new[0][0]) else "new"
        rare, common = (old, new) if rare_style == "old" else (new, old)
        for i, s, e, word in rare:
            out.append(PlacementConflict(i, s, e, word, recase(word, common[0][3].lower()), rare_style,
                                         (len(rare), len(common))))
    return sorted(out, key=lambda c: (c.index, c.start))


@dataclass(frozen=True)
class NameOccurrence:
    index: int  # which text
    start: int
    end: int
    text: str  # as written
    in_appendix: bool


@dataclass(frozen=True)
class NameVariant:
    """A name written two ways in one plan; ``rare`` is reported, ``common`` is what to write."""

    rare: str
    common: str
    kind: str  # 'consistency.name' or 'consistency.body_vs_appendix'
    source: str  # 'name' (capitalised words) or 'quoted' (an event name in quotes)
    occurrences: tuple[NameOccurrence, ...]  # of the rare spelling
    rare_count: int
    common_count: int
    tie: bool  # both spellings equally frequent: which one is right is a guess


_QUOTED = re.compile(r"“([^”\n]{2,120})”|\"([^\"\n]{2,120})\"")


def _is_name_word(word: str) -> bool:
    return (
        len(word) >= 2
        and word[0].isupper()
        and word[1:].islower()
        and (is_valid_syllable(word) or word.lower() in orthography().proper)
    )


@lru_cache(maxsize=4096)
def _name_candidates(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, source) of capitalised word runs and quoted names in one text."""
    out: list[tuple[int, int, str]] = []
    for m in _QUOTED.finditer(text):
        g = 1 if m.group(1) is not None else 2
        inner = m.group(g)
        words = LETTER_RUN.findall(inner)
        if 2 <= len(words) <= 15 and all(is_valid_syllable(w) or w.lower() in orthography().latin for w in words):
            out.append((m.start(g), m.end(g), "quoted"))
    run: list[re.Match[str]] = []

    def flush() -> None:
        if len(run) >= 2:
            out.append((run[0].start(), run[-1].end(), "name"))
            # 'Bản Phiêng Lầu' also compares as 'Phiêng Lầu'; 'Nguyễn Thị Hà' stays whole (a person).
            if len(run) >= 3 and fold(run[0].group()) not in orthography().surnames:
                out.append((run[1].start(), run[-1].end(), "name"))

    for m in TOKEN.finditer(text):
        if m.lastgroup == "word" and _is_name_word(m.group()) and (not run or text[run[-1].end() : m.start()] == " "):
            run.append(m)
            continue
        flush()
        run = [m] if m.lastgroup == "word" and _is_name_word(m.group()) else []
    flush()
    return tuple(out)


def _edit1(a: str, b: str) -> bool:
    """True if a and b differ by at most one substitution, insertion or deletion."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    if len(a) > len(b):
        a, b = b, a
    return any(a == b[:i] + b[i + 1 :] for i in range(len(b)))


def _close(a: tuple[str, ...], b: tuple[str, ...], source: str) -> bool:
    """Two folded word lists naming the same thing with a slip (diacritics or one letter per word)."""
    diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if not diffs:
        return False
    for i in diffs:
        x, y = strip_diacritics(a[i]), strip_diacritics(b[i])
        if x != y and not (min(len(x), len(y)) >= 3 and _edit1(x, y)):
            return False
    if source == "quoted":
        return len(diffs) <= max(1, len(a) // 3)
    if len(diffs) != 1:
        return False
    i = diffs[0]
    if strip_diacritics(a[i]) != strip_diacritics(b[i]) and len(a) < 3:
        return False  # 'Phước Lâm' / 'Phước Lân' may be two places; only diacritics are a sure slip
    # 'Nguyễn Thị Hà' / 'Nguyễn Thị Hạ' are more likely two people than one misspelt.
    return not (a[0] in orthography().surnames and i == len(a) - 1)


# Middle words a writer drops or adds without meaning another person ('Trương Ngọc Bích' for 'Trương Thị
# Ngọc Bích'); dropping any other middle name may well be another person.
_GENDER_MIDDLE = frozenset({"thị", "văn"})


def _one_slip(x: str, y: str) -> bool:
    """Two folded syllables one slip apart: marks only, i/y ('Mĩ'/'Mỹ'), one letter of 3+, or an initial or
    final confused by sound ('Châm'/'Trâm', 'Giang'/'Dang': the confusion model's)."""
    bx, by = strip_diacritics(x), strip_diacritics(y)
    if bx == by or bx.replace("y", "i") == by.replace("y", "i"):
        return True
    return (min(len(bx), len(by)) >= 3 and _edit1(bx, by)) or confusable(x, y)


def same_person(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two different folded full names (syllable lists) that read as one person's written with a slip: one
    syllable off by its marks, i/y or one letter; the last two names swapped ('Tô Thị Bích Ngọc' / 'Tô Thị
    Ngọc Bích'); 'Thị'/'Văn' dropped. Whether it *is* one person is the caller's judgement (how often each is
    written, and where)."""
    a, b = tuple(a), tuple(b)
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return _one_slip(a[diffs[0]], b[diffs[0]])
        return len(a) >= 3 and diffs == [len(a) - 2, len(a) - 1] and a[-2:] == b[-1:-3:-1]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(long_) != len(short) + 1 or len(short) < 2:
        return False
    return any(long_[i] in _GENDER_MIDDLE and long_[:i] + long_[i + 1 :] == short for i in range(1, len(long_) - 1))


def given_name_slip(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two folded full names of three syllables or more that differ only in the given name, both given names
    opening with one sound and a middle name that is more than 'Thị'/'Văn' ('Đặng Thu Hà' / 'Đặng Thu
    Hằng'): a name misremembered, not mistyped. 'Nguyễn Thị Hoa' / 'Nguyễn Thị Hương' share too common a
    head to say anything. Alone it may well be two people; the caller needs more (one post)."""
    if len(a) != len(b) or len(a) < 3 or a[:-1] != b[:-1] or a[-1] == b[-1]:
        return False
    if all(w in _GENDER_MIDDLE for w in a[1:-1]):
        return False
    x, y = parse_syllable(a[-1]), parse_syllable(b[-1])
    return x is not None and y is not None and x.onset == y.onset


def name_variants(texts: Sequence[str], appendix: Collection[int] | None = None) -> list[NameVariant]:
    """Proper names and quoted names spelt two ways in one plan (``Phiêng Lầu`` / ``Phiêng Lâu``).

    ``appendix`` is the set of text indices that belong to an appendix (schedule
    tables, text after 'Kèm theo kế hoạch ...'); by default it is everything from
    :func:`appendix_start` on. When the rarer spelling occurs only in the
    appendix and the common one only in the body, the kind is
    ``consistency.body_vs_appendix``.
    """
    if appendix is None:
        start = appendix_start(texts)
        appendix = range(start, len(texts)) if start is not None else ()
    in_app = set(appendix)
    forms: dict[tuple[str, tuple[str, ...]], list[NameOccurrence]] = defaultdict(list)
    for i, text in enumerate(texts):
        for s, e, source in _name_candidates(text):
            words = tuple(fold(w) for w in LETTER_RUN.findall(text[s:e]))
            forms[(source, words)].append(NameOccurrence(i, s, e, text[s:e], i in in_app))
    by_shape: dict[tuple[str, int], list[tuple[str, ...]]] = defaultdict(list)
    for source, words in forms:
        by_shape[(source, len(words))].append(words)
    out: list[NameVariant] = []
    reported: set[tuple[str, tuple[str, ...]]] = set()
    for (source, _), group in by_shape.items():
        for a_i, a in enumerate(group):
            for b in group[a_i + 1 :]:
                if not _close(a, b, source):
                    continue
                variant = _variant(source, forms[(source, a)], forms[(source, b)])
                key = (source, tuple(fold(w) for w in LETTER_RUN.findall(variant.rare)))
                if key not in reported:
                    reported.add(key)
                    out.append(variant)
    return sorted(out, key=lambda v: (v.occurrences[0].index, v.occurrences[0].start))


def _variant(source: str, a: list[NameOccurrence], b: list[NameOccurrence]) -> NameVariant:
    def only_appendix(occ: list[NameOccurrence]) -> bool:
        return all(o.in_appendix for o in occ)

    def only_body(occ: list[NameOccurrence]) -> bool:
        return not any(o.in_appendix for o in occ)

    tie = False
    if len(a) != len(b):
        rare, common = (a, b) if len(a) < len(b) else (b, a)
    elif only_appendix(a) and only_body(b):
        rare, common = a, b
    elif only_appendix(b) and only_body(a):
        rare, common = b, a
    else:
        tie = True  # nothing says which is right: report the later one, softly
        later = (a[0].index, a[0].start) > (b[0].index, b[0].start)
        rare, common = (a, b) if later else (b, a)
    kind = "consistency.body_vs_appendix" if only_appendix(rare) and only_body(common) else "consistency.name"
    return NameVariant(rare[0].text, common[0].text, kind, source, tuple(rare), len(rare), len(common), tie)
