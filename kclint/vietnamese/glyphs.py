"""Text copied out of a PDF whose glyph map is broken: the same letters come out as others through the
whole document ('Phòng' -> 'Phịng', 'ngoài' -> 'ngồi', 'quá' -> 'q'). The substitutions are data
(``catalogs/vietnamese.json`` ``pdf_glyph_map``).

A whole-document check, because the evidence is the pattern, not one word. The *signature* is words that
are no syllable as written and repair, by the map, to exactly one common syllable ('Phịng' -> 'Phòng'), or a
mapped whole word whose repair makes a known pair with the next word ('q trình' -> 'quá trình'). Only a
document with two signature words or more is read as damaged; there, a word that is valid as written ('ngồi',
'đồn' are real words) is repaired only when a neighbour pairs with the repaired word and never with the word
as written ('đánh giá ngồi' -> 'ngoài'). Correct prose has no signature, so its 'ngồi' and 'đồn' stay silent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import product

from kclint.vietnamese.grammar import LETTER_RUN, catalog_data, is_valid_syllable, recase
from kclint.vietnamese.tables import tables

_COMMON = 20  # sightings in the prose for a repaired syllable to be a sure reading
_KNOWN_PAIR = 2  # sightings of a pair for a neighbour to choose the repaired word
_SIGNATURE = 2  # signature words a document needs to be read as damaged


@dataclass(frozen=True)
class GlyphSlip:
    """``texts[index][start:end]`` (``written``) is ``right`` garbled by a PDF's glyph map."""

    index: int
    start: int
    end: int
    written: str
    right: str
    signature: bool  # no syllable as written (else a valid word repaired on its neighbours' evidence)


@cache
def _glyph_map() -> tuple[dict[str, str], dict[str, str]]:
    data = catalog_data("vietnamese.json")["pdf_glyph_map"]
    return dict(data["letters"]), dict(data["words"])


@lru_cache(maxsize=4096)
def _repair(word: str) -> str | None:
    """The one common valid syllable the map turns lower-case ``word`` into, if exactly one."""
    letters, _ = _glyph_map()
    spots = [i for i, c in enumerate(word) if c in letters]
    if not spots or len(spots) > 3:
        return None
    found = set()
    for choice in product((False, True), repeat=len(spots)):
        if not any(choice):
            continue
        out = "".join(letters[c] if i in spots and choice[spots.index(i)] else c for i, c in enumerate(word))
        if is_valid_syllable(out) and tables().count(out) >= _COMMON:
            found.add(out)
    return found.pop() if len(found) == 1 else None


def _neighbour(text: str, words: list[re.Match[str]], k: int, step: int) -> str:
    """The word next to ``words[k]`` on side ``step`` (-1, +1) when only spaces lie between, lower case."""
    j = k + step
    if not 0 <= j < len(words):
        return ""
    a, b = (words[j], words[k]) if step < 0 else (words[k], words[j])
    return words[j].group().lower() if not text[a.end():b.start()].strip() else ""


def _neighbours_choose(before: str, written: str, right: str, after: str) -> bool:
    """A neighbour pairs with ``right`` and never with ``written``, and no neighbour prefers ``written``."""
    t = tables()
    fits = [(t.pair(before, right), t.pair(before, written))] if before else []
    fits += [(t.pair(right, after), t.pair(written, after))] if after else []
    return any(r >= _KNOWN_PAIR and not w for r, w in fits) and all(w <= r for r, w in fits)


def glyph_slips(texts: Sequence[str]) -> list[GlyphSlip]:
    """Every word of ``texts`` garbled by a broken PDF glyph map, in document order; empty unless the
    document shows the signature."""
    letters, whole = _glyph_map()
    t = tables()
    signature: list[GlyphSlip] = []
    valid: list[GlyphSlip] = []
    for index, text in enumerate(texts):
        low_text = text.lower()
        if not any(c in low_text for c in letters) and not any(w in low_text for w in whole):
            continue
        words = list(LETTER_RUN.finditer(text))
        for k, m in enumerate(words):
            written = m.group()
            low = written.lower()
            after = _neighbour(text, words, k, 1)
            if low in whole:
                right = whole[low]
                if written.islower() and after and t.pair(right, after) >= _KNOWN_PAIR and not t.pair(low, after):
                    signature.append(GlyphSlip(index, m.start(), m.end(), written, recase(written, right), True))
                continue
            right = _repair(low) if any(c in low for c in letters) else None
            if right is None:
                continue
            slip = GlyphSlip(index, m.start(), m.end(), written, recase(written, right), not is_valid_syllable(low))
            if slip.signature:
                signature.append(slip)
            elif _neighbours_choose(_neighbour(text, words, k, -1), low, right, after):
                valid.append(slip)
    if len(signature) < _SIGNATURE:
        return []
    return sorted([*signature, *valid], key=lambda s: (s.index, s.start))
