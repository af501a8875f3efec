"""Vietnamese text quality: syllable grammar, typing residue, legacy encodings, debris, names.

Pure functions over strings; the orthography, allow-lists, phrase catalog and
debris patterns are data (``catalogs/vietnamese.json``, ``catalogs/phrases.json``).

``check_text`` runs one paragraph through an ordered pipeline; a stage may
*claim* a range so later stages leave it alone (a TCVN3 word is not also an
invalid syllable, a ``[bookmark: dieu_8]`` is not also a typo):

1. legacy encodings (TCVN3/ABC, VNI fonts, UTF-8 read as Windows-1252) — claims;
   a paragraph in a legacy encoding skips the word-level stages entirely;
2. normalisation: decomposed (NFD) letters, look-alike letters, invisible characters;
3. conversion debris (HTML tags, bookmarks, Markdown, Word field codes) — claims;
4. spacing and doubled punctuation;
5. repeated words, minus reduplications (``ngày ngày``) and compound boundaries
   (``phân công công việc``: the second copy starts a listed compound);
6. the phrase catalog (wrong -> right pairs, official names) — claims;
7. word tokens: Telex/VNI residue, one-slip misspellings, missing tone marks,
   invalid syllables; URLs, e-mails, tokens with digits, abbreviations, Latin
   words and Roman numerals are skipped, and so are all plain-ASCII words of a
   paragraph with English in it (two English signals: ``of``, ``is``, unknown
   non-Vietnamese words), where ``of`` would otherwise read as Telex ``ò``.

Plan-level checks work over all paragraphs: ``placement_conflicts`` (``hòa`` and
``hoà`` in one document) and ``name_variants`` (one name spelt two ways).

Telex decoding model (documented because typing residue is guessed, never known):
Unikey-style free typing. ``aa ee oo`` give ``â ê ô``; ``dd`` at the start gives
``đ``; ``w`` right after ``a o u`` gives ``ă ơ ư`` (``uow`` gives ``ươ``), a ``w``
elsewhere applies to the word's vowel group (``dwoif`` -> ``dời``) or is ``ư`` in a
word with no vowel (``nhwngx`` -> ``những``); tone keys ``s f r x j`` count only
after the first vowel; ``ưo`` before a final consonant becomes ``ươ`` as Unikey
does. One key pressed twice on a final consonant (``caccs``) is read as key
bounce. The decoding is reported only when exactly one reading gives a valid
syllable. A replay that still lacks a letter (``naag`` replays to ``nâg``, which
is what Unikey shows) is *not* typing residue but a typo: the ``repairs`` data
restore the lost ``n`` (``nâng``) and the finding is ``text.typo``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib.resources import files
from itertools import pairwise
from typing import Any

from kclint.textnorm import fold, nfc_with_index, strip_diacritics

__all__ = [
    "Issue",
    "NameOccurrence",
    "NameVariant",
    "PlacementConflict",
    "Syllable",
    "appendix_start",
    "check_text",
    "compose",
    "is_heading",
    "is_valid_syllable",
    "iter_issues",
    "legacy_decode",
    "name_variants",
    "parse_syllable",
    "placement_conflicts",
    "repair_candidates",
    "telex_candidate",
    "tone_style",
    "vni_candidate",
]

# --------------------------------------------------------------------------- data

TONE_MARKS = {"\u0301": 1, "\u0300": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}
_TONE_CHAR = {v: k for k, v in TONE_MARKS.items()}
_CIRCUMFLEX, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_COMBINING = "\u0300-\u036f"
_MODIFIED = frozenset("ăâêôơư")


@cache
def _catalog(name: str) -> dict[str, Any]:
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
        # The shared abbreviation catalog (title matching) and this file's list are one allow-list.
        shared = [a["abbr"] for a in _catalog("abbreviations.json").get("abbreviations", [])]
        self.abbreviations = frozenset(a.upper() for a in [*data["abbreviations"], *shared])
        self.proper = frozenset(p.lower() for p in data["proper_nouns"])
        self.latin = frozenset(w.lower() for w in data["latin_words"])
        self.surnames = frozenset(fold(s) for s in data["surnames"])
        self.reduplications = frozenset(fold(r) for r in data["reduplications"])
        self.dup_contexts = [fold(c).split() for c in data["duplicate_contexts"]]
        self.boundary_compounds = frozenset(fold(c) for c in data["boundary_compounds"])
        self.english_candidates = tuple(data["english_stopwords"])


@cache
def _grammar() -> _Grammar:
    return _Grammar(_catalog("vietnamese.json"))


@cache
def _english_words() -> frozenset[str]:
    """English function words that cannot be Vietnamese ('of', 'is'; not 'an', 'do', 'to', 'in')."""
    return frozenset(w for w in _grammar().english_candidates if not is_valid_syllable(w))


@lru_cache(maxsize=1 << 14)
def _english_signal(word: str) -> bool:
    """An English function word, or an unknown ASCII word that is neither Vietnamese nor Telex."""
    low = word.lower()
    if low in _english_words():
        return True
    g = _grammar()
    return (
        len(word) >= 3
        and _shape(word) in ("lower", "title")
        and low not in g.latin
        and not is_valid_syllable(word)
        and telex_candidate(word) is None
        and not repair_candidates(word)
        and not _missing_tone(word)
    )


@cache
def _foreign_chars() -> re.Pattern[str]:
    """A character that is neither ASCII, a Vietnamese letter nor common punctuation."""
    plain = "".join(sorted(_vi_letters() | _PUNCTUATION - {"\u2212"}))
    return re.compile(f"[^\\x00-\\x7f{re.escape(plain)}]")


@cache
def _vi_letters() -> frozenset[str]:
    """Every letter of the Vietnamese alphabet, with and without tone, both cases (NFC)."""
    g = _grammar()
    out: set[str] = set()
    for base in g.letters:
        for mark in ("", *TONE_MARKS):
            ch = unicodedata.normalize("NFC", base + mark) if base in g.vowels else base
            if len(ch) == 1:
                out.update((ch, ch.upper()))
    return frozenset(out)


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
    vowels = _grammar().vowels
    i = 0
    while i < len(rhyme) and rhyme[i] in vowels:
        i += 1
    return rhyme[i:]


def _letters(word: str) -> tuple[str, int, int] | None:
    """Split a lower-case word into (base letters, tone, index of the toned letter)."""
    g = _grammar()
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
    g = _grammar()
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
    g = _grammar()
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
    g = _grammar()
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
    got = _letters(token.lower())
    if got is None:
        return None
    base, tone, pos = got
    g = _grammar()
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
    g = _grammar()
    for onset, rhyme in _splits(base):
        if _coda(rhyme) in g.checked_codas and tone not in g.checked_tones:
            continue
        if not tone:
            return base
        positions = _tone_positions(onset, rhyme)
        pos = positions[0] if style == "old" else positions[-1]
        return base[:pos] + unicodedata.normalize("NFC", base[pos] + _TONE_CHAR[tone]) + base[pos + 1 :]
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


def _shape(token: str) -> str:
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


def _recase(source: str, word: str) -> str:
    shape = _shape(source)
    if shape == "upper":
        return word.upper()
    if shape == "title":
        return word[:1].upper() + word[1:]
    return word


def _with_flags(word: str, uppers: Sequence[bool]) -> str:
    if len(word) != len(uppers):
        return word
    return "".join(c.upper() if u else c for c, u in zip(word, uppers, strict=True))


# ---------------------------------------------------------------- typing residue

_State = tuple[tuple[str, ...], tuple[bool, ...], int]  # letters, upper flags, tone


_KEY_TABLES = {
    "horn": {"o": "ơ", "u": "ư", "a": "ă"},  # Telex w: horn or breve
    "horn_only": {"o": "ơ", "u": "ư"},  # VNI 7
    "breve": {"a": "ă"},  # VNI 8
    "circumflex": {"a": "â", "e": "ê", "o": "ô"},  # VNI 6
}


def _cluster_options(letters: list[str], kind: str) -> list[list[str]]:
    """Ways a horn/breve/circumflex key typed away from its vowel can apply to the vowel group."""
    table = _KEY_TABLES[kind]
    out: list[list[str]] = []
    if "u" in table:  # one key on 'uo' makes 'ươ' (truongw, tru7o7ng)
        for i in range(len(letters) - 1):
            if letters[i] == "u" and letters[i + 1] == "o":
                out.append([*letters[:i], "ư", "ơ", *letters[i + 2 :]])
    for i, c in enumerate(letters):
        if c in table:
            out.append([*letters[:i], table[c], *letters[i + 1 :]])
    return out


def _unikey_fix(letters: list[str]) -> list[str]:
    """Unikey writes ``ươ`` as soon as ``ưo`` is followed by another letter (``Phuwocs``)."""
    for i in range(len(letters) - 2):
        if letters[i] == "ư" and letters[i + 1] == "o":
            letters = [*letters[: i + 1], "ơ", *letters[i + 2 :]]
    return letters


@lru_cache(maxsize=4096)
def _telex_states(token: str) -> tuple[_State, ...]:
    """Replay ``token`` as Telex keystrokes; every reading, valid or not (empty if no key was used)."""
    g = _grammar()
    low = token.lower()
    out: list[str] = []
    ups: list[bool] = []
    tone, tone_keys, used, seen_vowel = 0, 0, False, False
    pending_w: list[tuple[int, bool]] = []
    uo_marks: list[int] = []
    for i, c in enumerate(low):
        up = token[i].isupper()
        if c == "d" and i == 1 and out == ["d"]:
            out[0] = "đ"
            used = True
            continue
        if c in g.circumflex and seen_vowel and out:
            if out[-1] == c:  # aa -> â
                out[-1] = g.circumflex[c]
                used = True
                continue
            if out[-1] not in g.vowels and out.count(c) == 1:  # free typing: 'vietej'
                out[out.index(c)] = g.circumflex[c]
                used = True
                continue
        if c == "w":
            used = True
            if out and out[-1] in g.horn:
                if out[-1] == "o" and len(out) >= 2 and out[-2] == "u":
                    uo_marks.append(len(out) - 2)  # 'uow' is ươ (trương) or uơ (thuở): let validity choose
                out[-1] = g.horn[out[-1]]
            else:
                pending_w.append((len(out), up))
                seen_vowel = True  # the w is itself a vowel key: ư or a mark on the vowel to come
            continue
        if seen_vowel and c in g.tone_keys:
            tone = g.tone_keys[c]
            tone_keys += 1
            used = True
            continue
        if seen_vowel and c == g.clear_key:
            tone = 0
            used = True
            continue
        out.append(c)
        ups.append(up)
        seen_vowel = seen_vowel or c in g.vowels
    if not used or tone_keys > 1:
        return ()
    states: list[tuple[list[str], list[bool]]] = [(out, ups)]
    for at in uo_marks:
        states += [([*letters[:at], "ư", *letters[at + 1 :]], flags) for letters, flags in states]
    for at, w_up in pending_w:
        nxt: list[tuple[list[str], list[bool]]] = []
        for letters, flags in states:
            if not any(c in g.vowels for c in letters):
                nxt.append(([*letters[:at], "ư", *letters[at:]], [*flags[:at], w_up, *flags[at:]]))
            else:
                nxt.extend((opt, flags) for opt in _cluster_options(letters, "horn"))
        states = nxt
    return tuple((tuple(_unikey_fix(letters)), tuple(flags), tone) for letters, flags in states)


def _bounce(letters: tuple[str, ...], flags: tuple[bool, ...]) -> tuple[tuple[str, ...], tuple[bool, ...]] | None:
    """Drop one of two identical final consonants (a key pressed twice: 'caccs')."""
    vowels = _grammar().vowels
    for i in range(len(letters) - 1, 0, -1):
        if letters[i] == letters[i - 1] and letters[i] not in vowels and any(c in vowels for c in letters[:i]):
            return letters[:i] + letters[i + 1 :], flags[:i] + flags[i + 1 :]
    return None


@lru_cache(maxsize=4096)
def _telex_decodes(token: str) -> tuple[str, ...]:
    results: list[str] = []
    for letters, flags, tone in _telex_states(token):
        word = compose("".join(letters), tone)
        if word is None:
            bounced = _bounce(letters, flags)
            if bounced is None:
                continue
            letters, flags = bounced
            word = compose("".join(letters), tone)
            if word is None:
                continue
        word = _with_flags(word, flags)
        if word not in results:
            results.append(word)
    return tuple(results)


def telex_candidate(token: str) -> str | None:
    """The word a Telex typist meant by an invalid ``token`` (``caccs`` -> ``các``), case kept.

    ``None`` if the token is a valid syllable, is not plain ASCII letters, or
    has no reading or more than one reading that is a valid syllable.
    """
    if len(token) < 2 or not token.isascii() or not token.isalpha() or is_valid_syllable(token):
        return None
    found = _telex_decodes(token)
    return found[0] if len(found) == 1 else None


_VNI_CHUNK = re.compile(r"[A-Za-z]+[0-9][A-Za-z0-9]*\Z")


@lru_cache(maxsize=4096)
def vni_candidate(chunk: str) -> str | None:
    """The word meant by VNI typing residue (``vie65t`` -> ``việt``), or ``None``.

    Only chunks with a digit followed by a letter, or with two digits, are
    decoded: a single trailing digit is as likely a class or item number
    (``lop1``, ``A1``).
    """
    if not _VNI_CHUNK.match(chunk):
        return None
    digits = [i for i, c in enumerate(chunk) if c.isdigit()]
    interior = any(i + 1 < len(chunk) and chunk[i + 1].isalpha() for i in digits)
    if not interior and len(digits) < 2:
        return None
    g = _grammar()
    out: list[str] = []
    ups: list[bool] = []
    tone, tone_keys, seen_vowel = 0, 0, False
    mods: list[str] = []
    for c in chunk:
        if c.isdigit():
            if not out or (c in g.vni_tones and not seen_vowel):
                return None
            if c in g.vni_tones:
                tone = g.vni_tones[c]
                tone_keys += 1
            elif c in g.vni_mods:
                mods.append(g.vni_mods[c])
            else:
                return None
            continue
        out.append(c.lower())
        ups.append(c.isupper())
        seen_vowel = seen_vowel or c.lower() in g.vowels
    if tone_keys > 1:
        return None
    states = [out]
    for mod in mods:
        nxt: list[list[str]] = []
        for letters in states:
            if mod == "stroke":
                if "d" in letters:
                    i = letters.index("d")
                    nxt.append([*letters[:i], "đ", *letters[i + 1 :]])
            else:
                nxt.extend(_cluster_options(letters, "horn_only" if mod == "horn" else mod))
        states = nxt
    found: set[str] = set()
    for letters in states:
        word = compose("".join(letters), tone)
        if word is not None:
            found.add(_with_flags(word, ups))
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=4096)
def repair_candidates(token: str) -> tuple[str, ...]:
    """Valid spellings one orthographic slip away from an invalid ``token`` (case kept).

    The slips are data (``repairs``): ``u``/``ư`` before ``ơ`` (``truờng``), a lost ``n``
    before a final ``g`` (``nâg``, also after Telex replay: ``naag``), ``g/gh``,
    ``ng/ngh``, ``c/k`` by the following vowel, and a misplaced tone mark (``gía``).
    """
    if is_valid_syllable(token):
        return ()
    g = _grammar()
    bases: list[tuple[str, int]] = []
    got = _letters(token.lower())
    if got is not None:
        bases.append((got[0], got[1]))
    if token.isascii() and token.isalpha():
        bases.extend(("".join(letters), tone) for letters, _, tone in _telex_states(token))
    found: list[str] = []
    for base, tone in bases:
        variants = [base]
        for pattern, repl in g.repairs:
            variants.extend(base[: m.start()] + m.expand(repl) + base[m.end() :] for m in pattern.finditer(base))
        for variant in variants:
            word = compose(variant, tone)
            if word is not None:
                word = _recase(token, word)
                if word not in found and word.lower() != token.lower():
                    found.append(word)
    return tuple(found)


def _missing_tone(token: str) -> tuple[str, ...]:
    """'hoc' -> ('hóc', 'học'): a syllable whose final c/ch/p/t needs a sắc or nặng mark it lacks."""
    got = _letters(token.lower())
    if got is None or got[1]:
        return ()
    return tuple(_recase(token, w) for t in sorted(_grammar().checked_tones) if (w := compose(got[0], t)))


# -------------------------------------------------------------- legacy encodings


def _tcvn3_decode(chunk: str) -> str | None:
    table = _grammar().tcvn3
    if not all(c in table or c.isascii() for c in chunk):
        return None
    return "".join(table.get(c, c) for c in chunk)


def _vni_font_decode(chunk: str) -> str | None:
    g = _grammar()
    out: list[str] = []
    for c in chunk:
        low = c.lower()
        if low in g.vni_marks and out and out[-1].lower() in g.vowels:
            mod, tone = g.vni_marks[low]
            base = out[-1]
            if mod == "circumflex":
                if base.lower() not in "aeo":
                    return None
                base = unicodedata.normalize("NFC", base + _CIRCUMFLEX)
            elif mod == "breve":
                if base.lower() != "a":
                    return None
                base = unicodedata.normalize("NFC", base + _BREVE)
            if tone:
                base = unicodedata.normalize("NFC", base + _TONE_CHAR[tone])
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
_LETTER_RUN = re.compile(rf"(?:[^\W\d_]|[{_COMBINING}])+")


def _all_words_valid(text: str) -> bool:
    words = _LETTER_RUN.findall(text)
    return bool(words) and all(is_valid_syllable(w) or w.lower() in _grammar().latin for w in words)


@lru_cache(maxsize=8192)
def legacy_decode(chunk: str) -> tuple[str, str, bool] | None:
    """Read ``chunk`` as a legacy-font word: (decoded, encoding name, strong evidence) or ``None``.

    Evidence is *strong* when the chunk holds a character that is not a
    Vietnamese letter (``ViÖt``, ``tröôøng``); a chunk made of Vietnamese letters
    (``caùc``) decodes too, but only counts next to a strong one.
    """
    if chunk.isascii() or is_valid_syllable(chunk):
        return None
    letters = _vi_letters()
    strong = any(not c.isascii() and c not in letters for c in chunk)
    for name, decode in _LEGACY_DECODERS:
        text = decode(chunk)
        if text and text != chunk and _all_words_valid(text):
            return text, name, strong
    return None


# ------------------------------------------------------------------ the pipeline


@dataclass(frozen=True)
class Issue:
    """One problem in one paragraph: ``kind`` (taxonomy), where, the words as written, the fix."""

    kind: str
    start: int
    end: int
    evidence: str
    detector: str  # which check found it: 'telex', 'vni', 'spelling', 'phrase', 'html_tag', ...
    suggestion: str | None = None
    alternatives: tuple[str, ...] = ()
    confidence: str = "high"
    note_vi: str = ""
    note_en: str = ""
    fix_vi: str = ""
    fix_en: str = ""
    count: int = 1


_TOKEN = re.compile(
    r"(?P<url>(?:https?://|www\.)[^\s<>\"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w.])[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|edu|gov|info|io)(?![\w.]))"
    rf"|(?P<num>[\w{_COMBINING}./&'-]*\d[\w{_COMBINING}./&'-]*)"
    rf"|(?P<word>(?:[^\W\d_]|[{_COMBINING}])+(?:['’](?:[^\W\d_]|[{_COMBINING}])+)*)"
)
_WORD = re.compile(rf"(?:[^\W\d_]|[{_COMBINING}])+(?:['’](?:[^\W\d_]|[{_COMBINING}])+)*")
_CHUNK = re.compile(r"[^\s,;:!?()\[\]{}\"“”‘’/<>…]+")
_ROMAN = re.compile(r"(?i)(?=[mdclxvi])m{0,3}(?:c[md]|d?c{0,3})(?:x[cl]|l?x{0,3})(?:i[xv]|v?i{0,3})")
_WB = rf"(?<![\w{_COMBINING}])"  # word boundary that knows combining marks
_WE = rf"(?![\w{_COMBINING}])"
_DUP = re.compile(rf"{_WB}((?:[^\W\d_]|[{_COMBINING}]){{2,}})[ \t\u00a0]+(\1){_WE}", re.IGNORECASE)
_LOOKALIKES = {"\u00d0": "Đ", "\u00f0": "đ"}  # Icelandic eth typed for Vietnamese đ
_LOOKALIKE_TABLE = str.maketrans(_LOOKALIKES)
# Punctuation Word inserts by itself; legacy fonts never produce these, so they need no decoding.
_PUNCTUATION = frozenset("\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2022\u00b0\u2212")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACING = (  # (detector, literal hints, pattern)
    ("double_space", ("  ",), re.compile(r"(?<=[^\W\d_]) {2,3}(?=[^\W\d_])")),
    ("space_before_punct", (" ,", " ;", " .", "\t,", "\t;", "\t."),
     re.compile(r"(?<=[^\W\d_])[ \t]+(?:[,;](?=\s|$)|\.(?![./\w]))")),
    ("doubled_punct", (",,", ";;", ".."), re.compile(r",{2,}|;{2,}|(?<=[^\W\d_])\.\.(?![./])")),
)
_HEADING_PREFIX = re.compile(r"^[\s*#_>\-–•]*(?:(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s*)?", re.IGNORECASE)


def is_heading(text: str) -> bool:
    """A short heading-like paragraph: at most 8 words once numbering and emphasis marks are removed."""
    body = _HEADING_PREFIX.sub("", text.strip()).strip(" *:#_")
    words = body.split()
    return 0 < len(words) <= 8 and not body.endswith((".", ";", ","))


@dataclass(frozen=True)
class _Phrase:
    pattern: re.Pattern[str]
    right: str
    kind: str
    confidence: str
    only_in: str | None
    note_vi: str
    note_en: str


@dataclass(frozen=True)
class _Artifact:
    ident: str
    hints: tuple[str, ...]  # one must occur in the text before the pattern is worth trying
    pattern: re.Pattern[str]
    vi: str
    en: str
    fix_vi: str
    fix_en: str


@cache
def _phrases() -> tuple[dict[str, tuple[_Phrase, ...]], tuple[_Phrase, ...]]:
    """The phrase catalog compiled, indexed by trigger (its first two words, lower case).

    Trying only the entries whose first two words occur in the paragraph keeps
    the stage linear in the paragraph, not in the catalog; entries without a
    trigger always run.
    """
    by_trigger: dict[str, list[_Phrase]] = defaultdict(list)
    always: list[_Phrase] = []
    for e in _catalog("phrases.json")["phrases"]:
        body = e["wrong"] if e.get("regex") else r"\s+".join(re.escape(w) for w in e["wrong"].split())
        note = e.get("note", {})
        entry = _Phrase(
            re.compile(f"{_WB}(?:{body}){_WE}", re.IGNORECASE),
            e["right"],
            e["kind"],
            e.get("confidence", "high"),
            e.get("only_in"),
            note.get("vi", ""),
            note.get("en", ""),
        )
        triggers = e.get("triggers") or ([] if e.get("regex") else [" ".join(e["wrong"].split()[:2])])
        for t in triggers:
            by_trigger[t.lower()].append(entry)
        if not triggers:
            always.append(entry)
    return {k: tuple(v) for k, v in by_trigger.items()}, tuple(always)


@cache
def _artifacts() -> tuple[_Artifact, ...]:
    out = []
    for a in _catalog("phrases.json")["artifacts"]:
        flags = re.MULTILINE | (re.IGNORECASE if "i" in a.get("flags", "") else 0)
        pattern = re.compile(a["pattern"], flags)
        out.append(_Artifact(a["id"], tuple(a["hints"]), pattern, a["vi"], a["en"], a["fix_vi"], a["fix_en"]))
    return tuple(out)


@cache
def _appendix_markers() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in _catalog("phrases.json")["appendix_markers"])


class _Claims:
    """Character ranges already explained by an earlier stage."""

    def __init__(self) -> None:
        self.ranges: list[tuple[int, int]] = []

    def add(self, start: int, end: int) -> None:
        self.ranges.append((start, end))

    def hit(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.ranges)


def _words_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to the words touching it, so evidence reads 'nhà  trường', not '  '."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


_GAP = re.compile(r"[\sA-Za-z]*")  # plain ASCII words inside a legacy run ('non', 'cho') read the same


def _legacy_stage(work: str, claims: _Claims) -> list[Issue]:
    if not _foreign_chars().search(work):
        return []  # only ASCII, Vietnamese letters and common punctuation: nothing to decode
    found = []
    for m in _CHUNK.finditer(work):
        chunk = m.group().rstrip(".")
        got = legacy_decode(chunk) if chunk and not chunk.isascii() else None
        if got:
            found.append((m.start(), m.start() + len(chunk), got))
    if not any(strong for *_, (_, _, strong) in found):
        return []
    votes = Counter(name for *_, (_, name, _) in found)
    encoding = votes.most_common(1)[0][0]
    for s, e, _ in found:
        claims.add(s, e)
    # Evidence: the first run of affected words, so the reader sees whole words, not one letter.
    first_s, run_e = found[0][0], found[0][1]
    decoded = [found[0][2][0]]
    for s, e, (text, _, _) in found[1:]:
        if not _GAP.fullmatch(work[run_e:s]) or e - first_s > 60:
            break
        decoded.append(work[run_e:s] + text)
        run_e = e
    return [
        Issue(
            "text.legacy_encoding", first_s, run_e, work[first_s:run_e], "legacy",
            suggestion="".join(decoded), alternatives=(encoding,), count=len(found),
        )
    ]


def _nfd_issue(text: str) -> Issue | None:
    """Decomposed letters (NFD, from macOS or a PDF): the first such word, offsets in ``text``."""
    words = [m for m in _LETTER_RUN.finditer(text) if not unicodedata.is_normalized("NFC", m.group())]
    if not words:
        return None
    m = words[0]
    return Issue("text.normalization", m.start(), m.end(), m.group(), "nfd",
                 suggestion=unicodedata.normalize("NFC", m.group()), count=len(words))


def _normalization_stage(work: str, claims: _Claims) -> list[Issue]:
    issues = []
    for m in _LETTER_RUN.finditer(work) if "\u00d0" in work or "\u00f0" in work else ():
        word = m.group()
        if any(c in _LOOKALIKES for c in word) and not claims.hit(m.start(), m.end()):
            fixed = "".join(_LOOKALIKES.get(c, c) for c in word)
            if is_valid_syllable(fixed):
                issues.append(Issue("text.normalization", m.start(), m.end(), word, "lookalike", suggestion=fixed))
    for m in _INVISIBLE.finditer(work):
        if claims.hit(m.start(), m.end()):
            continue
        s, e = _words_around(work, m.start(), m.end())
        if e - s <= 1:
            s, e = max(0, s - 1), min(len(work), e + 1)
        issues.append(
            Issue("text.normalization", s, e, work[s:e], "invisible",
                  suggestion=work[s:e].replace(m.group(), ""), alternatives=(f"U+{ord(m.group()):04X}",))
        )
    return issues


def _artifact_stage(work: str, claims: _Claims) -> list[Issue]:
    issues = []
    for a in _artifacts():
        if not any(h in work for h in a.hints):
            continue
        for m in a.pattern.finditer(work):
            if m.end() == m.start() or claims.hit(m.start(), m.end()):
                continue
            inner = m.span("text") if "text" in a.pattern.groupindex and m.group("text") else None
            if inner:  # '*** Tôn tại**': the stars are debris, the words are still checked
                claims.add(m.start(), inner[0])
                claims.add(inner[1], m.end())
            else:
                claims.add(m.start(), m.end())
            issues.append(
                Issue("text.artifact", m.start(), m.end(), m.group(), a.ident,
                      note_vi=a.vi, note_en=a.en, fix_vi=a.fix_vi, fix_en=a.fix_en)
            )
    return issues


def _spacing_stage(work: str, claims: _Claims) -> list[Issue]:
    issues = []
    for ident, hints, pattern in _SPACING:
        if not any(h in work for h in hints):
            continue
        for m in pattern.finditer(work):
            if claims.hit(m.start(), m.end()):
                continue
            s, e = _words_around(work, m.start(), m.end())
            fixed = work[s:e]
            if ident == "double_space":
                fixed = re.sub(r" {2,}", " ", fixed)
            elif ident == "space_before_punct":
                fixed = re.sub(r"[ \t]+(?=[,;.])", "", fixed)
            else:
                fixed = re.sub(r"([,;.])\1+", r"\1", fixed)
            issues.append(Issue("text.spacing", s, e, work[s:e], ident, suggestion=fixed))
    return issues


def _context_allows(work: str, m: re.Match[str], word: str) -> bool:
    """A repeat at a compound boundary: 'phân công công việc' (the second copy starts a listed
    compound and a word precedes the first), or a listed context ('triệt để để tạo')."""
    before = [fold(w) for w in _LETTER_RUN.findall(work[: m.start()])[-3:]]
    after = [fold(w) for w in _LETTER_RUN.findall(work[m.end() :])[:3]]
    g = _grammar()
    if before and after and f"{word} {after[0]}" in g.boundary_compounds:
        return True
    for ctx in g.dup_contexts:
        for i in range(len(ctx) - 1):
            if ctx[i] == ctx[i + 1] == word:
                pre, post = ctx[:i], ctx[i + 2 :]
                if (not pre or before[-len(pre) :] == pre) and after[: len(post)] == post:
                    return True
    return False


def _duplicate_stage(work: str, claims: _Claims) -> list[Issue]:
    issues = []
    g = _grammar()
    for m in _DUP.finditer(work):
        if claims.hit(m.start(), m.end()):
            continue
        word = fold(m.group(1))
        if f"{word} {word}" in g.reduplications or _context_allows(work, m, word):
            continue
        issues.append(Issue("text.duplicate_word", m.start(), m.end(), m.group(), "repeat", suggestion=m.group(1)))
    return issues


def _phrase_stage(work: str, claims: _Claims) -> list[Issue]:
    by_trigger, always = _phrases()
    words = [w.lower() for w in _LETTER_RUN.findall(work)]
    keys = {*words, *(f"{a} {b}" for a, b in pairwise(words))}
    entries = dict.fromkeys([*always, *(e for k in keys & by_trigger.keys() for e in by_trigger[k])])
    issues = []
    heading = None
    for entry in entries:
        for m in entry.pattern.finditer(work):
            if claims.hit(m.start(), m.end()):
                continue
            if entry.only_in == "heading":
                heading = is_heading(work) if heading is None else heading
                if not heading:
                    break
            right = m.expand(entry.right) if "\\" in entry.right else entry.right
            claims.add(m.start(), m.end())
            issues.append(
                Issue(entry.kind, m.start(), m.end(), m.group(), "phrase", suggestion=_recase(m.group(), right),
                      confidence=entry.confidence, note_vi=entry.note_vi, note_en=entry.note_en)
            )
    return sorted(issues, key=lambda i: i.start)


@lru_cache(maxsize=1 << 15)
def _verdict(tok: str) -> tuple[str, str | None, tuple[str, ...]] | None:
    """What is wrong with one word token, context aside: (detector, suggestion, alternatives)."""
    if len(tok) < 2 or is_valid_syllable(tok):
        return None
    g = _grammar()
    low = tok.lower()
    if low in g.latin or low in g.proper or tok.upper() in g.abbreviations or _ROMAN.fullmatch(tok):
        return None
    shape = _shape(tok)
    if shape in ("mixed", "none") or "'" in tok or "’" in tok:
        return None
    if "w" not in low and not any(strip_diacritics(c).lower() in "aeiouy" for c in tok):
        return None  # no vowel, so no syllable was meant: an abbreviation (đvt, gv, tp)
    plain = tok.isascii()
    if plain:
        cand = telex_candidate(tok)
        if cand:
            return "telex", cand, ()
    marked = any(not c.isascii() and c not in "đĐ" for c in tok)
    if shape == "upper" and not marked:
        return None  # an abbreviation or school code (THCSNVC), not a word
    if shape == "title" and not marked:
        return None  # a proper name we cannot judge (Kon, Pleiku)
    repairs = repair_candidates(tok)
    if len(repairs) == 1:
        return "spelling", repairs[0], ()
    if shape == "title":
        return None
    missing = _missing_tone(tok)
    if missing:
        return "tone", None, missing
    if plain:
        return None  # a foreign word or an abbreviation
    return "invalid", None, repairs


_VERDICT_KIND = {
    "telex": "text.telex_residue",
    "spelling": "text.typo",
    "tone": "text.missing_diacritics",
    "invalid": "text.invalid_syllable",
}


_VNI_HINT = re.compile(r"[A-Za-z][0-9]+[A-Za-z]|[A-Za-z][0-9]{2}")


def _token_stage(work: str, claims: _Claims) -> list[Issue]:
    # Fast path: most paragraphs have no suspicious word; the verdicts are cached per word.
    if not _VNI_HINT.search(work) and all(_verdict(w) is None for w in _WORD.findall(work)):
        return []
    issues = []
    tokens = list(_TOKEN.finditer(work))
    # A paragraph with English in it ('annotated as a mismatch') has ASCII words that read as Telex
    # ('as' -> 'á'); with two English signals, plain-ASCII words are left alone.
    words = {m.group() for m in tokens if m.lastgroup == "word" and m.group().isascii()}
    ascii_ok = sum(_english_signal(w) for w in words) < 2
    for k, m in enumerate(tokens):
        if m.lastgroup == "num":
            cand = vni_candidate(m.group())
            if cand and not claims.hit(m.start(), m.end()):
                issues.append(Issue("text.telex_residue", m.start(), m.end(), m.group(), "vni", suggestion=cand))
            continue
        if m.lastgroup != "word" or claims.hit(m.start(), m.end()):
            continue
        verdict = _verdict(m.group())
        if verdict is None or (not ascii_ok and m.group().isascii()):
            continue
        detector, suggestion, alternatives = verdict
        if detector == "tone" and m.group().isascii() and not _vietnamese_neighbour(tokens, k):
            continue  # 'hoc' among English words is English; among Vietnamese words it lacks its mark
        issues.append(
            Issue(_VERDICT_KIND[detector], m.start(), m.end(), m.group(), detector,
                  suggestion=suggestion, alternatives=alternatives)
        )
    return issues


def _vietnamese_neighbour(tokens: list[re.Match[str]], k: int) -> bool:
    for j in (k - 1, k + 1):
        if 0 <= j < len(tokens) and tokens[j].lastgroup == "word":
            w = tokens[j].group()
            if not w.isascii() and is_valid_syllable(w):
                return True
    return False


@lru_cache(maxsize=1 << 16)  # nine rules ask about every line; a long plan has tens of thousands
def check_text(text: str) -> tuple[Issue, ...]:
    """Every text-quality issue of one paragraph or cell, in pipeline order; offsets index ``text``."""
    if not text or text.isspace():
        return ()
    # Check the NFC text, then map offsets back so evidence quotes the text as written.
    work, index = nfc_with_index(text)
    claims = _Claims()
    legacy = _legacy_stage(work, claims)
    issues = [*legacy, *_normalization_stage(work, claims)]
    looked = work.translate(_LOOKALIKE_TABLE)  # 1:1, offsets unchanged
    issues += _artifact_stage(looked, claims)
    if not legacy:  # a legacy-font paragraph has no trustworthy words to check
        issues += _spacing_stage(looked, claims)
        issues += _duplicate_stage(looked, claims)
        issues += _phrase_stage(looked, claims)
        issues += _token_stage(looked, claims)
    # Later stages saw the look-alike-mapped text: quote the words as written.
    issues = [i if work[i.start : i.end] == i.evidence else replace(i, evidence=work[i.start : i.end]) for i in issues]
    if index is not None:
        issues = [
            replace(i, start=index[i.start], end=index[i.end], evidence=text[index[i.start] : index[i.end]])
            for i in issues
        ]
        nfd = _nfd_issue(text)
        if nfd:
            issues.insert(len(legacy), nfd)
    return tuple(issues)


# ------------------------------------------------------------- document checks


def appendix_start(texts: Sequence[str]) -> int | None:
    """Index of the first paragraph that opens an appendix ('(Kèm theo kế hoạch ...)', 'PHỤ LỤC')."""
    markers = _appendix_markers()
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
            out.append(PlacementConflict(i, s, e, word, _recase(word, common[0][3].lower()), rare_style,
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
        and (is_valid_syllable(word) or word.lower() in _grammar().proper)
    )


@lru_cache(maxsize=4096)
def _name_candidates(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, source) of capitalised word runs and quoted names in one text."""
    out: list[tuple[int, int, str]] = []
    for m in _QUOTED.finditer(text):
        g = 1 if m.group(1) is not None else 2
        inner = m.group(g)
        words = _LETTER_RUN.findall(inner)
        if 2 <= len(words) <= 15 and all(is_valid_syllable(w) or w.lower() in _grammar().latin for w in words):
            out.append((m.start(g), m.end(g), "quoted"))
    run: list[re.Match[str]] = []

    def flush() -> None:
        if len(run) >= 2:
            out.append((run[0].start(), run[-1].end(), "name"))
            # 'Xã Noong Luông' also compares as 'Noong Luông'; 'Nguyễn Thị Hà' stays whole (a person).
            if len(run) >= 3 and fold(run[0].group()) not in _grammar().surnames:
                out.append((run[1].start(), run[-1].end(), "name"))

    for m in _TOKEN.finditer(text):
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
    return not (a[0] in _grammar().surnames and i == len(a) - 1)


def name_variants(texts: Sequence[str], appendix: Collection[int] | None = None) -> list[NameVariant]:
    """Proper names and quoted names spelt two ways in one plan (``Noong Luông`` / ``Noong Luống``).

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
            words = tuple(fold(w) for w in _LETTER_RUN.findall(text[s:e]))
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
                key = (source, tuple(fold(w) for w in _LETTER_RUN.findall(variant.rare)))
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


def iter_issues(texts: Sequence[str], kinds: Collection[str]) -> Iterator[tuple[int, Issue]]:
    """(text index, issue) for every issue of the given kinds, texts in order."""
    for i, text in enumerate(texts):
        for issue in check_text(text):
            if issue.kind in kinds:
                yield i, issue
