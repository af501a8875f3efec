"""Legacy encodings: TCVN3 (ABC), VNI font and UTF-8 read as Windows-1252 text, decoded back to Unicode.

Evidence is the characters themselves: a chunk holding a character that is no Vietnamese letter is
*strong*; a chunk of Vietnamese letters that also decodes to valid syllables counts only next to a strong one.
The font a paragraph is set in is evidence too (``font_encoding``): text in ``.VnTime`` is TCVN3 throughout,
even the words whose bytes happen to look like Unicode letters (``tãm`` is ``tóm``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache, partial
from typing import Literal

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
_DECODER = dict(_LEGACY_DECODERS)
#: A font's legacy encoding: TCVN3, TCVN3 drawn in capitals (the '...H' fonts), VNI.
FontEncoding = Literal["TCVN3", "TCVN3H", "VNI"]
#: A word as the legacy stage reads it: what lies between spaces and punctuation no legacy font remaps.
CHUNK = re.compile(r"[^\s,;:!?()\[\]{}\"“”‘’/<>…]+")


@lru_cache(maxsize=256)
def font_encoding(font: str | None) -> FontEncoding | None:
    """The legacy encoding a font stands for ('.VnTime' -> TCVN3, '.VnTimeH' -> TCVN3H, 'VNI-Times' -> VNI)."""
    if not font:
        return None
    name = font.strip()
    for encoding, prefixes in orthography().legacy_fonts.items():
        if any(name.lower().startswith(p.lower()) for p in prefixes):
            if encoding == "TCVN3" and name.endswith("H"):
                return "TCVN3H"
            return encoding  # type: ignore[return-value]
    return None


def decode_as(chunk: str, encoding: FontEncoding) -> str | None:
    """``chunk`` read in a font's encoding, when every character belongs to it; capitals for a '...H' font."""
    text = _DECODER["VNI" if encoding == "VNI" else "TCVN3"](chunk)
    if text is None:
        return None
    return text.upper() if encoding == "TCVN3H" else text


def converted(text: str, encoding: str, font: FontEncoding | None = None) -> str:
    """``text`` with every word that reads as ``encoding`` decoded (the others kept): the fix of a paragraph.

    With the paragraph's legacy ``font`` known, or when every word can be read in ``encoding`` (``tù`` is
    TCVN3 ``tự`` beside ``tr­êng``), every word is read in it; otherwise only the words :func:`legacy_decode`
    decodes, so the Unicode words of a paragraph a legacy run was pasted into stay as they are.
    """
    if font is None and encoding in ("TCVN3", "VNI"):
        chunks = [c for c in CHUNK.findall(text) if not c.isascii()]
        if chunks and all(decode_as(c.rstrip("."), encoding) is not None for c in chunks):  # type: ignore[arg-type]
            font = encoding  # type: ignore[assignment]

    def word(m: re.Match[str]) -> str:
        w = m.group()
        core = w.rstrip(".")
        if font is not None:
            got = decode_as(core, font)
        else:
            hit = legacy_decode(core) if core else None
            got = hit[0] if hit and hit[1] == encoding else None
        return w if got is None else got + w[len(core):]

    return CHUNK.sub(word, text)


@cache
def legacy_conversions() -> tuple[Callable[[str], str], ...]:
    """Every conversion :func:`converted` makes, as functions of the text alone (``kclint fix`` applies the one
    that produced an edit to each run of a Word paragraph)."""
    fonts: tuple[tuple[str, FontEncoding | None], ...] = (
        ("TCVN3", "TCVN3"), ("TCVN3", "TCVN3H"), ("VNI", "VNI"),
        *((name, None) for name, _ in _LEGACY_DECODERS),
    )
    return tuple(partial(converted, encoding=e, font=f) for e, f in fonts)


def all_words_valid(text: str) -> bool:
    """Every word of ``text`` a valid syllable or a known Latin word."""
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
    if len(chunk) == 1 and unicodedata.category(chunk) == "Sm":
        return None  # a sign standing alone ('11/2025 ÷ 02/2026', '2 × 3'), though TCVN3 maps '÷' to 'ữ'
    letters = vi_letters()
    strong = any(not c.isascii() and c not in letters for c in chunk)
    for name, decode in _LEGACY_DECODERS:
        text = decode(chunk)
        if text and text != chunk and all_words_valid(text):
            return text, name, strong
    return None

