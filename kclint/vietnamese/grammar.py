"""The Vietnamese syllable grammar: onset, rhyme, tone and tone placement, from ``catalogs/vietnamese.json``.

A syllable is an onset (possibly empty), a rhyme (medial, nucleus, coda) and one of six tones; c, ch, p, t
close only sắc and nặng syllables, and the tone mark sits on the nucleus (two placements for open oa, oe,
uy: ``hòa``/``hoà``). The tables are data; this module indexes them once per process.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

from kclint.textnorm import fold

TONE_MARKS = {"\u0301": 1, "\u0300": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}
TONE_CHAR = {v: k for k, v in TONE_MARKS.items()}
CIRCUMFLEX, BREVE, HORN = "\u0302", "\u0306", "\u031b"
COMBINING = "\u0300-\u036f"
_MODIFIED = frozenset("ăâêôơư")


@cache
def catalog_data(name: str) -> dict[str, Any]:
    return json.loads(files("kclint.catalogs").joinpath(name).read_text(encoding="utf-8"))


class _Grammar:
    """The orthography tables of ``vietnamese.json``, indexed once per process."""

    def __init__(self, data: dict[str, Any]) -> None:
        letters = data["letters"]
        self.vowels = frozenset(letters["vowels"])
        self.letters = frozenset(letters["consonants"] + letters["vowels"])
        self.onsets = [*sorted(data["onsets"], key=len, reverse=True), ""]
        self.rules = {k: v for k, v in data["onset_rules"].items() if not k.startswith("_")}
        self.rhymes = frozenset(data["rhymes"])
        self.q_only = frozenset(data["q_only_rhymes"])
        self.all_rhymes = self.rhymes | self.q_only
        self.g_merge_excluded = frozenset(data["g_merge_excluded_rhymes"])
        self.onset_required = tuple(data["onset_required_prefixes"])
        self.onsetless_only = tuple(data["onsetless_only_prefixes"])
        self.checked_codas = frozenset(data["checked_codas"])
        self.checked_tones = frozenset(data["checked_tones"])
        self.dual = frozenset(data["open_dual_rhymes"])
        tx = data["telex"]
        self.tone_keys: dict[str, int] = tx["tone_keys"]
        self.clear_key: str = tx["clear_key"]
        self.circumflex: dict[str, str] = tx["circumflex"]
        self.horn: dict[str, str] = tx["horn_or_breve"]
        vni = data["vni_typing"]
        self.vni_tones = {k: int(v) for k, v in vni["tone_digits"].items()}
        self.vni_mods = {
            vni["circumflex_digit"]: "circumflex",
            vni["horn_digit"]: "horn",
            vni["breve_digit"]: "breve",
            vni["stroke_digit"]: "stroke",
        }
        self.repairs = [(re.compile(r["pattern"]), r["replace"]) for r in data["repairs"]]
        legacy = data["legacy"]
        self.tcvn3: dict[str, str] = legacy["tcvn3"]
        self.vni_marks = {k: (v[0], v[1]) for k, v in legacy["vni"]["marks"].items()}
        self.vni_letters: dict[str, str] = legacy["vni"]["letters"]
        self.legacy_fonts: dict[str, list[str]] = {k: v for k, v in legacy["fonts"].items() if k != "_about"}
        # The shared abbreviation catalog (title matching) and this file's list are one allow-list.
        shared = [a["abbr"] for a in catalog_data("abbreviations.json").get("abbreviations", [])]
        self.abbreviations = frozenset(a.upper() for a in [*data["abbreviations"], *shared])
        self.proper = frozenset(p.lower() for p in data["proper_nouns"])
        self.latin = frozenset(w.lower() for w in data["latin_words"])
        self.surnames = frozenset(fold(s) for s in data["surnames"])
        self.reduplications = frozenset(fold(r) for r in data["reduplications"])
        self.dup_contexts = [fold(c).split() for c in data["duplicate_contexts"]]
        self.boundary_compounds = frozenset(fold(c) for c in data["boundary_compounds"])
        self.english_candidates = tuple(data["english_stopwords"])
        self.function_words = frozenset(data["function_words"])
        self.function_word_slips = frozenset(data["function_word_slips"])


@cache
def orthography() -> _Grammar:
    return _Grammar(catalog_data("vietnamese.json"))


@cache
def vi_letters() -> frozenset[str]:
    """Every letter of the Vietnamese alphabet, with and without tone, both cases (NFC)."""
    g = orthography()
    out: set[str] = set()
    for base in g.letters:
        for mark in ("", *TONE_MARKS):
            ch = unicodedata.normalize("NFC", base + mark) if base in g.vowels else base
            if len(ch) == 1:
                out.update((ch, ch.upper()))
    return frozenset(out)


# Runs of letters, combining marks included (NFC or NFD text).
LETTER_RUN = re.compile(rf"(?:[^\W\d_]|[{COMBINING}])+")


# ------------------------------------------------------------------ syllable grammar


@dataclass(frozen=True)
class Syllable:
    """A parsed syllable: ``onset`` + ``rhyme`` (medial, nucleus, coda) + ``tone`` (0-5)."""

    onset: str
    rhyme: str
    tone: int
    tone_index: int  # index in ``base`` of the letter bearing the tone, -1 for ngang
    base: str  # lower case, tone removed, vowel marks kept

    @property
    def coda(self) -> str:
        return _coda(self.rhyme)


def _coda(rhyme: str) -> str:
    vowels = orthography().vowels
    i = 0
    while i < len(rhyme) and rhyme[i] in vowels:
        i += 1
    return rhyme[i:]


def letters_of(word: str) -> tuple[str, int, int] | None:
    """Split a lower-case word into (base letters, tone, index of the toned letter)."""
    g = orthography()
    letters: list[str] = []
    tone, pos = 0, -1
    for ch in unicodedata.normalize("NFD", word):
        if ch in TONE_MARKS:
            if tone or not letters:
                return None  # two tone marks, or a mark on nothing
            tone, pos = TONE_MARKS[ch], len(letters) - 1
        elif unicodedata.combining(ch):
            if not letters:
                return None
            letters[-1] += ch
        else:
            letters.append(ch)
    base = [unicodedata.normalize("NFC", x) for x in letters]
    if any(len(x) != 1 or x not in g.letters for x in base):
        return None
    if pos >= 0 and base[pos] not in g.vowels:
        return None
    return "".join(base), tone, pos


def _onset_ok(onset: str, rhyme: str) -> bool:
    g = orthography()
    if rhyme in g.q_only and onset != "q":
        return False
    if onset == "q":  # q is always followed by the medial u and a vowel
        return len(rhyme) >= 2 and rhyme[0] == "u" and rhyme[1] in g.vowels
    first = rhyme[0]
    rule = g.rules.get(onset)
    if rule:
        if "before" in rule and first not in rule["before"]:
            return False
        if "not_before" in rule and first in rule["not_before"]:
            return False
    if not onset and rhyme.startswith(g.onset_required):
        return False
    if onset and rhyme.startswith(g.onsetless_only):
        return False
    # 'gì', 'gìn': g + i-rhyme is gi merged with the rhyme's i; 'gia' is gi + a, never g + ia.
    return not (onset == "g" and first == "i" and rhyme in g.g_merge_excluded)


@lru_cache(maxsize=1 << 14)
def _splits(base: str) -> tuple[tuple[str, str], ...]:
    """Every grammatical (onset, rhyme) reading of a toneless base, longest onset first."""
    g = orthography()
    out = []
    for onset in g.onsets:
        if base.startswith(onset):
            rhyme = base[len(onset) :]
            if rhyme in g.all_rhymes and _onset_ok(onset, rhyme):
                out.append((onset, rhyme))
    return tuple(out)


@lru_cache(maxsize=1 << 12)
def _tone_positions(onset: str, rhyme: str) -> tuple[int, ...]:
    """Indices (in onset+rhyme) where the tone mark may sit; two for open oa/oe/uy (hòa/hoà)."""
    g = orthography()
    end = len(rhyme) - len(_coda(rhyme))
    start = 1 if onset == "q" else 0  # after q the u is a medial glide, never the nucleus
    cluster, coda = rhyme[start:end], rhyme[end:]
    n = len(cluster)
    if n <= 1:
        rel: tuple[int, ...] = (0,)
    else:
        marked = [i for i, c in enumerate(cluster) if c in _MODIFIED]
        if marked:
            rel = (marked[-1],)  # ươ -> ơ, iê -> ê, uô -> ô, ưa -> ư
        elif coda:
            rel = (n - 1,)  # toán, thuyết: the last vowel before a final consonant
        elif n == 3:
            rel = (1,)  # ngoài, khuya
        elif cluster in g.dual:
            rel = (0, 1)  # hòa (traditional) and hoà (modern)
        else:
            rel = (0,)  # mía, của, gửi
    offset = len(onset) + start
    return tuple(offset + r for r in rel)


@lru_cache(maxsize=1 << 16)
def parse_syllable(token: str) -> Syllable | None:
    """Parse one written syllable (any case, NFC or NFD); ``None`` if Vietnamese spelling forbids it."""
    got = letters_of(token.lower())
    if got is None:
        return None
    base, tone, pos = got
    g = orthography()
    for onset, rhyme in _splits(base):
        if _coda(rhyme) in g.checked_codas and tone not in g.checked_tones:
            continue  # c, ch, p, t close only sắc and nặng syllables
        if tone and pos not in _tone_positions(onset, rhyme):
            continue
        return Syllable(onset, rhyme, tone, pos, base)
    return None


def is_valid_syllable(token: str) -> bool:
    """True if ``token`` is a well-formed Vietnamese syllable (onset, rhyme, tone and its placement)."""
    return parse_syllable(token) is not None


def compose(base: str, tone: int, style: str = "old") -> str | None:
    """Write a toneless lower-case base with ``tone``; ``style`` 'old' (hòa) or 'new' (hoà).

    Returns ``None`` when no reading of the base is a valid syllable with that tone.
    """
    g = orthography()
    for onset, rhyme in _splits(base):
        if _coda(rhyme) in g.checked_codas and tone not in g.checked_tones:
            continue
        if not tone:
            return base
        positions = _tone_positions(onset, rhyme)
        pos = positions[0] if style == "old" else positions[-1]
        return base[:pos] + unicodedata.normalize("NFC", base[pos] + TONE_CHAR[tone]) + base[pos + 1 :]
    return None


def tone_style(word: str) -> str | None:
    """'old' for ``hòa``/``thủy`` (mark on o/u of open oa, oe, uy), 'new' for ``hoà``/``thuỷ``, else None."""
    syl = parse_syllable(word)
    if syl is None or not syl.tone:
        return None
    positions = _tone_positions(syl.onset, syl.rhyme)
    if len(positions) != 2:
        return None
    return "old" if syl.tone_index == positions[0] else "new"


# ------------------------------------------------------------------- case helpers


def shape(token: str) -> str:
    letters = [c for c in token if c.isalpha()]
    if not letters:
        return "none"
    if all(c.isupper() for c in letters):
        return "upper" if len(letters) > 1 else "title"
    if all(c.islower() for c in letters):
        return "lower"
    if letters[0].isupper() and all(c.islower() for c in letters[1:]):
        return "title"
    return "mixed"


def recase(source: str, word: str) -> str:
    form = shape(source)
    if form == "upper":
        return word.upper()
    if form == "title":
        return word[:1].upper() + word[1:]
    return word


def with_flags(word: str, uppers: Sequence[bool]) -> str:
    if len(word) != len(uppers):
        return word
    return "".join(c.upper() if u else c for c, u in zip(word, uppers, strict=True))

