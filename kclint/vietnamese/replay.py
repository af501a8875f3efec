"""Typing replay: Telex and VNI keystrokes left in a word, and one-slip orthographic repairs.

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

import re
from functools import lru_cache

from kclint.vietnamese.grammar import (
    compose,
    is_valid_syllable,
    letters_of,
    orthography,
    recase,
    with_flags,
)
from kclint.vietnamese.tables import tables

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
    g = orthography()
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
    vowels = orthography().vowels
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
        word = with_flags(word, flags)
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


# A syllable the prose writes this often is a safe reading of a Telex word typed with two vowels swapped.
_SWAP_COMMON = 20


@lru_cache(maxsize=4096)
def telex_swap_candidate(token: str) -> str | None:
    """The word meant by Telex typing with two neighbouring vowel keys struck in the wrong order
    (``haotj`` -> ``hoạt``), case kept; ``None`` unless exactly one swap reads as one common syllable.

    Only vowel keys are swapped: the order of the vowels is the slip a fast typist makes ('hao' for 'hoa'),
    and a consonant swap would turn too many foreign words into Vietnamese ones."""
    if telex_candidate(token) is not None or _telex_decodes(token) or not token.isascii() or not token.isalpha():
        return None
    vowels = orthography().vowels
    found: set[str] = set()
    for i in range(len(token) - 1):
        a, b = token[i], token[i + 1]
        if a.lower() == b.lower() or a.lower() not in vowels or b.lower() not in vowels:
            continue
        swapped = token[:i] + b + a + token[i + 2:]
        cand = telex_candidate(swapped)
        if cand is not None and tables().count(cand.lower()) >= _SWAP_COMMON:
            found.add(cand)
    return found.pop() if len(found) == 1 else None


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
    g = orthography()
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
            found.add(with_flags(word, ups))
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
    g = orthography()
    bases: list[tuple[str, int]] = []
    got = letters_of(token.lower())
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
                word = recase(token, word)
                if word not in found and word.lower() != token.lower():
                    found.append(word)
    return tuple(found)


def missing_tone(token: str) -> tuple[str, ...]:
    """'hoc' -> ('hóc', 'học'): a syllable whose final c/ch/p/t needs a sắc or nặng mark it lacks."""
    got = letters_of(token.lower())
    if got is None or got[1]:
        return ()
    return tuple(recase(token, w) for t in sorted(orthography().checked_tones) if (w := compose(got[0], t)))

