"""Legacy encodings: TCVN3 (ABC), VNI font and UTF-8 read as Windows-1252 text, decoded back to Unicode.

Evidence is the characters themselves: a chunk holding a character that is no Vietnamese letter is
*strong*; a chunk of Vietnamese letters that also decodes to valid syllables counts only next to a strong one.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from kclint.vietnamese.grammar import (
    BREVE,
    CIRCUMFLEX,
    LETTER_RUN,
    TONE_CHAR,
    is_valid_syllable,
    orthography,
    vi_letters,
)

# Punctuation Word inserts by itself; legacy fonts never produce these, so they need no decoding.
_PUNCTUATION = frozenset("\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2022\u00b0\u2212")


@cache
def foreign_chars() -> re.Pattern[str]:
    """A character that is neither ASCII, a Vietnamese letter nor common punctuation."""
    plain = "".join(sorted(vi_letters() | _PUNCTUATION - {"\u2212"}))
    return re.compile(f"[^\\x00-\\x7f{re.escape(plain)}]")



def _tcvn3_decode(chunk: str) -> str | None:
    table = orthography().tcvn3
    if not all(c in table or c.isascii() for c in chunk):
        return None
    return "".join(table.get(c, c) for c in chunk)


def _vni_font_decode(chunk: str) -> str | None:
    g = orthography()
    out: list[str] = []
    for c in chunk:
        low = c.lower()
        if low in g.vni_marks and out and out[-1].lower() in g.vowels:
            mod, tone = g.vni_marks[low]
            base = out[-1]
            if mod == "circumflex":
                if base.lower() not in "aeo":
                    return None
                base = unicodedata.normalize("NFC", base + CIRCUMFLEX)
            elif mod == "breve":
                if base.lower() != "a":
                    return None
                base = unicodedata.normalize("NFC", base + BREVE)
            if tone:
                base = unicodedata.normalize("NFC", base + TONE_CHAR[tone])
            out[-1] = base
        elif low in g.vni_letters:
            letter = g.vni_letters[low]
            out.append(letter.upper() if c.isupper() else letter)
        elif c.isascii():
            out.append(c)
        else:
            return None
    return "".join(out)


def _utf8_as_cp1252(chunk: str) -> str | None:
    try:
        return chunk.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


_LEGACY_DECODERS = (("TCVN3", _tcvn3_decode), ("VNI", _vni_font_decode), ("UTF-8/Windows-1252", _utf8_as_cp1252))


def _all_words_valid(text: str) -> bool:
    words = LETTER_RUN.findall(text)
    return bool(words) and all(is_valid_syllable(w) or w.lower() in orthography().latin for w in words)


@lru_cache(maxsize=8192)
def legacy_decode(chunk: str) -> tuple[str, str, bool] | None:
    """Read ``chunk`` as a legacy-font word: (decoded, encoding name, strong evidence) or ``None``.

    Evidence is *strong* when the chunk holds a character that is not a
    Vietnamese letter (``ViÖt``, ``tröôøng``); a chunk made of Vietnamese letters
    (``caùc``) decodes too, but only counts next to a strong one.
    """
    if chunk.isascii() or is_valid_syllable(chunk):
        return None
    letters = vi_letters()
    strong = any(not c.isascii() and c not in letters for c in chunk)
    for name, decode in _LEGACY_DECODERS:
        text = decode(chunk)
        if text and text != chunk and _all_words_valid(text):
            return text, name, strong
    return None

