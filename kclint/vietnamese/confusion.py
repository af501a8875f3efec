"""Real-word typos: every syllable is valid, but the pair is not the term meant (``thư viên``, ``quay định``).

A typed pair the tables have never seen is compared with the pairs of the term lexicon that share one of
its syllables; the other syllable must be one typing or spelling slip away (the confusion model below).
Only a single such term counts. Whether to report is the rule's decision (the term elsewhere in the
document, a closed-class term, or a typed syllable the prose hardly writes).

The confusion model, one slip of one kind at a time:
- a tone slip (``viên``/``viện``);
- an initial confused by sound: ``ch``/``tr``, ``s``/``x``, ``d``/``gi``/``r``, ``n``/``l``;
- a final confused by sound: ``c``/``t``, ``n``/``ng``, ``ch``/``t``, ``nh``/``n``;
- a vowel with its Telex modifier key missing or wrong (``ă``/``â``/``a``, ``ô``/``ơ``/``o``, ``ư``/``u``,
  ``ê``/``e``; ``đ``/``d``);
- one letter too many or too few (``chẩn``/``chuẩn``, ``quay``/``quy``), or a neighbouring key struck;
- the initials of the two syllables swapped, or a syllable's initial and final swapped (``niềm``/``miền``);
- a function word (closed-class) typed with a tone slip into a non-word (``vể`` for ``về``; reviewed list).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from kclint.vietnamese.grammar import TONE_MARKS, compose, orthography, parse_syllable
from kclint.vietnamese.tables import tables

_ONSETS = ({"ch", "tr"}, {"s", "x"}, {"d", "gi", "r"}, {"n", "l"})
_CODAS = ({"c", "t"}, {"n", "ng"}, {"ch", "t"}, {"nh", "n"})
_MODIFIED = {"ă": "a", "â": "a", "ê": "e", "ô": "o", "ơ": "o", "ư": "u", "đ": "d"}
_KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


@cache
def _neighbours() -> dict[str, frozenset[str]]:
    """Keys next to each other on a QWERTY keyboard: in the row, and the two touching it above and below."""
    near: dict[str, set[str]] = {}
    for r, row in enumerate(_KEYBOARD):
        for i, c in enumerate(row):
            spots = [(r, i - 1), (r, i + 1), (r - 1, i), (r - 1, i + 1), (r + 1, i - 1), (r + 1, i)]
            near[c] = {_KEYBOARD[y][x] for y, x in spots if 0 <= y < len(_KEYBOARD) and 0 <= x < len(_KEYBOARD[y])}
    return {c: frozenset(v) for c, v in near.items()}


def _tone_free(syllable: str) -> tuple[str, int]:
    """(letters without the tone mark, tone) of a lower-case NFC syllable."""
    letters, tone = [], 0
    for ch in unicodedata.normalize("NFD", syllable):
        if ch in TONE_MARKS:
            tone = TONE_MARKS[ch]
        else:
            letters.append(ch)
    return unicodedata.normalize("NFC", "".join(letters)), tone


def _one_letter(a: str, b: str) -> bool:
    """``b`` is ``a`` with one letter inserted, deleted, or struck on a neighbouring key."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        if len(diff) != 1:
            return False
        x, y = diff[0]
        if _MODIFIED.get(x, x) == _MODIFIED.get(y, y):
            return True  # the modifier key (â for a, đ for d)
        return y in _neighbours().get(_MODIFIED.get(x, x), frozenset())
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(short == long[:i] + long[i + 1:] for i in range(len(long)))


@lru_cache(maxsize=1 << 16)
def confusable(typed: str, meant: str) -> bool:
    """One slip of the confusion model turns ``meant`` into ``typed`` (lower-case valid syllables)."""
    if typed == meant:
        return False
    st, sm = parse_syllable(typed), parse_syllable(meant)
    if st is None or sm is None:
        return False
    (bt, tt), (bm, tm) = _tone_free(typed), _tone_free(meant)
    if bt == bm:
        # Same letters and tone, the mark on another vowel ('uỷ'/'ủy', 'thuỷ'/'thủy') is the same word in the
        # other tone-placement style (KC608's business), never a slip.
        return tt != tm
    if tt != tm:
        return False
    if st.rhyme == sm.rhyme and any({st.onset, sm.onset} <= group for group in _ONSETS):
        return True
    if st.onset == sm.onset and any({st.coda, sm.coda} <= group for group in _CODAS) \
            and st.rhyme[: len(st.rhyme) - len(st.coda)] == sm.rhyme[: len(sm.rhyme) - len(sm.coda)]:
        return True
    if st.coda and sm.coda and (st.onset, st.coda) == (sm.coda, sm.onset) \
            and st.rhyme[: -len(st.coda)] == sm.rhyme[: -len(sm.coda)]:
        return True  # the initial and the final swapped: 'niềm' for 'miền'
    return _one_letter(bt, bm)


_DOMINANT = 4  # how many times more often the prose writes the function word than its next reading


@lru_cache(maxsize=1 << 14)
def function_word_slip(word: str, before: str = "", after: str = "") -> str | None:
    """The function word that ``word`` (lower case), between ``before`` and ``after`` ('' at a clause's edge),
    is a tone slip of: 'vể' for 'về'.

    Only the reviewed non-words of ``function_word_slips`` count: many tone variants of a function word are
    words the legal prose just never writes ('nảy' beside 'này'), so the tables alone cannot tell. The other
    readings of the same letters ('vệ' in 'vể sinh') compete: the neighbours' pairs decide, and with no pair
    to go by the function word must be the reading the prose writes far most often."""
    g = orthography()
    if word not in g.function_word_slips or tables().count(word):
        return None
    letters, _ = _tone_free(word)
    meant = [f for f in g.function_words if f != word and _tone_free(f)[0] == letters]
    if len(meant) != 1:
        return None
    t = tables()
    readings = {s for tone in range(6) if (s := compose(letters, tone)) and s != word}

    def fit(s: str) -> int:
        return (t.pair(before, s) if before else 0) + (t.pair(s, after) if after else 0)

    others = readings - {meant[0]}
    if fit(meant[0]):
        return meant[0] if all(fit(s) < fit(meant[0]) for s in others) else None
    if any(fit(s) for s in others):
        return None
    return meant[0] if all(t.count(meant[0]) >= _DOMINANT * t.count(s) for s in others) else None


@cache
def _terms_by_side() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The lexicon's pairs indexed by their second syllable and by their first: ``viện`` -> [``thư``], ...

    A pair with a function word is no target: 'và' fits beside anything, so 'Bà Đào' (a name) is no slip
    of 'giáo dục và đào tạo'."""
    by_second: dict[str, list[str]] = {}
    by_first: dict[str, list[str]] = {}
    function_words = orthography().function_words
    for pair in sorted(tables().term_pairs):
        a, b = pair.split(" ")
        if a in function_words or b in function_words:
            continue
        by_second.setdefault(b, []).append(a)
        by_first.setdefault(a, []).append(b)
    return by_first, by_second


@dataclass(frozen=True)
class Slip:
    typed: str  # the pair as typed, lower case
    meant: str  # the term pair meant
    closed: bool  # the term is of a closed class (levels, agencies, accreditation, months)
    rare: bool  # the syllable typed wrong is one the prose hardly ever writes
    wrong_first: bool  # the first syllable is the one typed wrong


_RARE = 2  # sightings in the prose: a typed syllable seen this seldom is itself a sign of a slip


@lru_cache(maxsize=1 << 15)
def real_word_slip(a: str, b: str) -> Slip | None:
    """The one term pair that the never-seen pair ``a b`` is a slip of, or ``None``."""
    t = tables()
    if t.pair(a, b) or parse_syllable(a) is None or parse_syllable(b) is None:
        return None
    by_first, by_second = _terms_by_side()
    found: set[tuple[str, str, str]] = set()  # (meant a, meant b, the typed syllable that is wrong)
    found.update((x, b, a) for x in by_second.get(b, ()) if confusable(a, x))
    found.update((a, y, b) for y in by_first.get(a, ()) if confusable(b, y))
    sa, sb = parse_syllable(a), parse_syllable(b)
    if sa and sb and sa.onset != sb.onset:  # the initials swapped: 'chiêu tuẩn' for 'tiêu chuẩn'
        x, y = sb.onset + a[len(sa.onset):], sa.onset + b[len(sb.onset):]
        if f"{x} {y}" in t.term_pairs:
            found.add((x, y, a))
    if len(found) != 1:
        return None
    x, y, wrong = found.pop()
    meant = f"{x} {y}"
    closed = any(term.closed and f" {meant} " in f" {term.text} " for term in t.terms.values())
    return Slip(f"{a} {b}", meant, closed, t.count(wrong) <= _RARE, wrong == a and x != a)
