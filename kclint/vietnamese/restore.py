"""Words the syllable tables can restore: text typed without its marks, and syllables typed without spaces.

Both judge by the pair counts of :mod:`kclint.vietnamese.tables` and both prefer silence: a reading is
chosen only when the neighbouring pairs support it clearly over every other reading.

- :func:`restore_run` gives each bare (unmarked ASCII) word the accented reading its neighbours support
  (``hoc sinh`` -> ``học sinh``), or ``None`` where the pairs do not decide;
- :func:`split_joined` splits a token made of several syllables (``kếhoạch``, ``kiemdinhchatluong``) by dynamic
  programming over the grammar, keeping a split only when it is the one split whose every neighbouring pair is
  known; a loanword (``kilôgam``) has no such split and stays whole.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from kclint.textnorm import strip_diacritics
from kclint.vietnamese.grammar import is_valid_syllable
from kclint.vietnamese.tables import tables

# A reading wins when its pairs are seen this often, and this many times more than the runner-up's.
_MIN_SUPPORT = 3
_MARGIN = 4
# A bare word needs its marks when the marked readings outnumber the bare one this many times over.
_RARE_RATIO = 20
_OFTEN = 50  # sightings of a word's marked readings before its bare form's absence means something
_MAX_JOINED = 40  # characters: a longer token is not a few syllables without spaces
_MAX_SYLLABLE = 7  # 'nghiêng', 'nguyễn'


@lru_cache(maxsize=1 << 14)
def readings(word: str) -> tuple[tuple[str, int], ...]:
    """The known spellings (lower case, with counts) of a word once its marks are stripped, commonest first."""
    return tables().spellings(strip_diacritics(word.lower()))


@lru_cache(maxsize=1 << 14)
def needs_marks(word: str) -> bool:
    """A bare word that cannot be Vietnamese as written (``hoc``, ``truong``), or a lower-case one the prose does
    write bare but far more rarely than marked. A word the tables have never seen bare is not judged rare (the
    legal codes hardly write ``vui``), and a capitalised valid word may be a name (``Gia Lai``)."""
    low = word.lower()
    if not low.isascii():
        return False
    found = readings(low)
    marked = sum(n for form, n in found if form != low)
    if not marked:
        return False
    if not is_valid_syllable(low):
        return True
    bare = tables().count(low)
    return word.islower() and 0 < bare and bare * _RARE_RATIO < marked


@lru_cache(maxsize=1 << 14)
def written_marked(word: str) -> bool:
    """A bare word the prose writes only with marks, and often (``nhan``: nhân, nhận; never bare)."""
    low = word.lower()
    return low.isascii() and not tables().count(low) and sum(n for _, n in readings(low)) >= _OFTEN


def _options(word: str) -> list[str]:
    low = word.lower()
    if not low.isascii():
        return [low]
    return [form for form, _ in readings(low)] or [low]


def _link(a: str, b: str) -> float:
    return math.log(tables().pair(a, b) + 0.1)


def restore_run(words: Sequence[str]) -> list[str | None]:
    """Each word's reading in context (lower case): a marked word as it is, a bare word as its neighbours
    decide, ``None`` where they do not. ``words`` is one clause (no punctuation between the words).

    The readings of the clause are chosen together (Viterbi over the pair counts); a word's reading is kept
    when every path through another reading scores clearly lower (max-marginals) and a pair of the best path
    supports it.
    """
    if not words:
        return []
    options = [_options(w) for w in words]
    n = len(words)
    fwd: list[list[float]] = [[0.0] * len(options[0])]
    back: list[list[int]] = [[0] * len(options[0])]
    for i in range(1, n):
        row, ptr = [], []
        for b in options[i]:
            scores = [fwd[i - 1][k] + _link(a, b) for k, a in enumerate(options[i - 1])]
            k = max(range(len(scores)), key=scores.__getitem__)
            row.append(scores[k])
            ptr.append(k)
        fwd.append(row)
        back.append(ptr)
    bwd: list[list[float]] = [[0.0] * len(o) for o in options]
    for i in range(n - 2, -1, -1):
        bwd[i] = [max(_link(a, b) + bwd[i + 1][k] for k, b in enumerate(options[i + 1])) for a in options[i]]
    best = [0] * n
    best[-1] = max(range(len(options[-1])), key=fwd[-1].__getitem__)
    for i in range(n - 1, 0, -1):
        best[i - 1] = back[i][best[i]]
    path = [options[i][best[i]] for i in range(n)]
    out: list[str | None] = []
    for i, word in enumerate(words):
        if len(options[i]) == 1:
            out.append(options[i][0] if options[i][0] != word.lower() or is_valid_syllable(word) else None)
            continue
        marginals = sorted((fwd[i][k] + bwd[i][k] for k in range(len(options[i]))), reverse=True)
        t = tables()
        supported = (i and t.pair(path[i - 1], path[i]) >= _MIN_SUPPORT) or \
            (i + 1 < n and t.pair(path[i], path[i + 1]) >= _MIN_SUPPORT)
        clear = marginals[0] - marginals[1] >= math.log(_MARGIN)
        out.append(path[i] if supported and clear else None)
    return out


def _pieces(text: str, start: int, ascii_only: bool) -> list[str]:
    """Syllables that can start at ``start``: valid ones, known to the tables (bare ones by a reading)."""
    t = tables()
    out = []
    for end in range(start + 1, min(len(text), start + _MAX_SYLLABLE) + 1):
        piece = text[start:end]
        if ascii_only:
            if readings(piece):
                out.append(piece)
        elif is_valid_syllable(piece) and t.count(piece):
            out.append(piece)
    return out


@lru_cache(maxsize=4096)
def split_joined(token: str) -> tuple[str, ...] | None:
    """The syllables (lower case, marked) of a token typed without spaces, when exactly one split has every
    neighbouring pair known; ``None`` otherwise. A bare token is restored as it is split."""
    low = token.lower()
    if len(low) > _MAX_JOINED or len(low) < 4 or not low.isalpha() or is_valid_syllable(low):
        return None
    bare = low.isascii()
    t = tables()
    # Partial splits of low[:i], each with every pair so far known; bare pieces carry their restored reading.
    partial: dict[int, list[tuple[str, ...]]] = {0: [()]}
    for i in range(len(low)):
        for sofar in partial.pop(i, ()):
            for piece in _pieces(low, i, bare):
                forms = [f for f, _ in readings(piece)] if bare else [piece]
                for form in forms:
                    if sofar and not t.pair(sofar[-1], form) >= 2:
                        continue
                    partial.setdefault(i + len(piece), []).append((*sofar, form))
            if sum(len(v) for v in partial.values()) > 64:
                return None  # too many readings to call one of them right
    found = [s for s in partial.get(len(low), []) if len(s) >= 2]
    if bare:  # a bare split must also be the one the pairs choose, reading by reading
        found = [s for s in found if all(t.pair(a, b) >= _MIN_SUPPORT for a, b in pairwise(s))]
    return found[0] if len(found) == 1 else None
