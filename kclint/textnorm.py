"""Unicode normalisation and comparison keys for Vietnamese text.

Evidence is always quoted as written; these helpers only build *keys* for
comparison, so that ``hoà`` equals ``hòa``, NFD equals NFC and an en dash
equals a hyphen.
"""

from __future__ import annotations

import re
import unicodedata

# Traditional ("hòa", "thủy") and modern ("hoà", "thuỷ") tone placement are both
# in use; folding the rhymes below onto one spelling makes them compare equal.
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below
_OLD_STYLE_RHYMES = ("oa", "oe", "uy")

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC."""
    return unicodedata.normalize("NFC", text)


def fold_tone_placement(text: str) -> str:
    """Move tone marks of open ``oa/oe/uy`` rhymes onto the second vowel.

    ``hòa`` -> ``hoà``, ``thủy`` -> ``thuỷ``; words where the rhyme is closed by a
    consonant (``hoàng``, ``thuyền``) are already unambiguous and are left alone.
    """
    decomposed = unicodedata.normalize("NFD", text)
    out: list[str] = []
    i = 0
    n = len(decomposed)
    while i < n:
        ch = decomposed[i]
        low = ch.lower()
        if low in ("o", "u") and i + 2 < n and decomposed[i + 1] in _TONES:
            nxt = decomposed[i + 2]
            pair = low + nxt.lower()
            after = decomposed[i + 3] if i + 3 < n else ""
            if pair in _OLD_STYLE_RHYMES and not after.isalpha():
                out.extend((ch, nxt, decomposed[i + 1]))
                i += 3
                continue
        out.append(ch)
        i += 1
    return unicodedata.normalize("NFC", "".join(out))


def fold(text: str) -> str:
    """Comparison key: NFC, one tone placement, case-folded, dashes and spaces unified."""
    text = fold_tone_placement(nfc(text)).casefold()
    text = _DASHES.sub("-", text)
    return _SPACES.sub(" ", text).strip()


def strip_diacritics(text: str) -> str:
    """Remove every Vietnamese diacritic (``đ`` -> ``d``); for loose matching only."""
    decomposed = unicodedata.normalize("NFD", text)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base.replace("đ", "d").replace("Đ", "D")
