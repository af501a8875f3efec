"""The text-quality pipeline of one paragraph: ``check_text`` and its ordered stages.

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
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property, lru_cache
from itertools import pairwise

from kclint.textnorm import fold, nfc_with_index, strip_diacritics
from kclint.vietnamese.confusion import function_word_slip, real_word_slip
from kclint.vietnamese.grammar import (
    COMBINING,
    LETTER_RUN,
    catalog_data,
    is_valid_syllable,
    orthography,
    recase,
    shape,
)
from kclint.vietnamese.legacy import CHUNK, FontEncoding, all_words_valid, decode_as, foreign_chars, legacy_decode
from kclint.vietnamese.replay import (
    missing_tone,
    repair_candidates,
    telex_candidate,
    telex_swap_candidate,
    vni_candidate,
)
from kclint.vietnamese.restore import needs_marks, restore_run, split_joined, written_marked
from kclint.vietnamese.tables import tables


@cache
def _english_words() -> frozenset[str]:
    """English function words that cannot be Vietnamese ('of', 'is'; not 'an', 'do', 'to', 'in')."""
    return frozenset(w for w in orthography().english_candidates if not is_valid_syllable(w))


@lru_cache(maxsize=1 << 14)
def _english_signal(word: str) -> bool:
    """An English function word, or an unknown ASCII word that is neither Vietnamese nor Telex."""
    low = word.lower()
    if low in _english_words():
        return True
    g = orthography()
    return (
        len(word) >= 3
        and shape(word) in ("lower", "title")
        and low not in g.latin
        and not is_valid_syllable(word)
        and telex_candidate(word) is None
        and not repair_candidates(word)
        and not missing_tone(word)
    )




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


TOKEN = re.compile(
    r"(?P<url>(?:https?://|www\.)[^\s<>\"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w.])[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|edu|gov|info|io)(?![\w.]))"
    rf"|(?P<num>[\w{COMBINING}./&'-]*\d[\w{COMBINING}./&'-]*)"
    rf"|(?P<word>(?:[^\W\d_]|[{COMBINING}])+(?:['’](?:[^\W\d_]|[{COMBINING}])+)*)"
)
_WORD = re.compile(rf"(?:[^\W\d_]|[{COMBINING}])+(?:['’](?:[^\W\d_]|[{COMBINING}])+)*")
_ROMAN = re.compile(r"(?i)(?=[mdclxvi])m{0,3}(?:c[md]|d?c{0,3})(?:x[cl]|l?x{0,3})(?:i[xv]|v?i{0,3})")
_WB = rf"(?<![\w{COMBINING}])"  # word boundary that knows combining marks
_WE = rf"(?![\w{COMBINING}])"
_DUP = re.compile(rf"{_WB}((?:[^\W\d_]|[{COMBINING}]){{2,}})[ \t\u00a0]+(\1){_WE}", re.IGNORECASE)
_LOOKALIKES = {"\u00d0": "Đ", "\u00f0": "đ"}  # Icelandic eth typed for Vietnamese đ
_LOOKALIKE_TABLE = str.maketrans(_LOOKALIKES)
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
    source: str
    right: str
    kind: str
    confidence: str
    only_in: str | None
    note_vi: str
    note_en: str

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Compiled on first use: a plan's words trigger few of the catalog's phrases, and compiling all of
        them cost every process about 20 ms on its first text check."""
        return re.compile(self.source, re.IGNORECASE)


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
    for e in catalog_data("phrases.json")["phrases"]:
        body = e["wrong"] if e.get("regex") else r"\s+".join(re.escape(w) for w in e["wrong"].split())
        note = e.get("note", {})
        entry = _Phrase(
            f"{_WB}(?:{body}){_WE}",
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
    for a in catalog_data("phrases.json")["artifacts"]:
        flags = re.MULTILINE | (re.IGNORECASE if "i" in a.get("flags", "") else 0)
        pattern = re.compile(a["pattern"], flags)
        out.append(_Artifact(a["id"], tuple(a["hints"]), pattern, a["vi"], a["en"], a["fix_vi"], a["fix_en"]))
    return tuple(out)


@cache
def appendix_markers() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in catalog_data("phrases.json")["appendix_markers"])


class _Claims:
    """Character ranges already explained by an earlier stage.

    Kept as sorted, disjoint intervals (overlapping or touching claims merged), so a look-up is a binary
    search: a paragraph of thousands of debris marks costs thousands of steps, not millions.
    """

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        lo = bisect_left(self.ends, start)  # the first interval ending at or after the new start
        hi = bisect_right(self.starts, end)  # past the last interval starting at or before the new end
        if lo < hi:
            start, end = min(start, self.starts[lo]), max(end, self.ends[hi - 1])
        self.starts[lo:hi] = [start]
        self.ends[lo:hi] = [end]

    def hit(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end) - 1  # the last interval starting before ``end``
        return i >= 0 and self.ends[i] > start


def _words_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to the words touching it, so evidence reads 'nhà  trường', not '  '."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


_GAP = re.compile(r"[\sA-Za-z]*")  # plain ASCII words inside a legacy run ('non', 'cho') read the same


def _font_chunks(work: str, font: FontEncoding) -> list[tuple[int, int, tuple[str, str, bool]]]:
    """Every word of a paragraph set in a legacy font, read in it; none when its text is Unicode after all.

    Unicode typed in a legacy font holds letters the font's encoding lacks (``ư``, ``ạ``): when more words
    fail to read than read, the paragraph is Unicode and only its font is wrong.
    """
    found, failed = [], 0
    name = "VNI" if font == "VNI" else "TCVN3"
    for m in CHUNK.finditer(work):
        chunk = m.group().rstrip(".")
        if not chunk or chunk.isascii():
            continue
        text = decode_as(chunk, font)
        if text is None:
            failed += 1
        elif text != chunk:
            found.append((m.start(), m.start() + len(chunk), (text, name, True)))
    valid = sum(all_words_valid(text) for _, _, (text, _, _) in found)
    return found if found and failed < len(found) and 2 * valid >= len(found) else []


def _legacy_stage(work: str, claims: _Claims, font: FontEncoding | None) -> list[Issue]:
    found = _font_chunks(work, font) if font is not None and not work.isascii() else []
    if not found:
        if not foreign_chars().search(work):
            return []  # only ASCII, Vietnamese letters and common punctuation: nothing to decode
        for m in CHUNK.finditer(work):
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
    words = [m for m in LETTER_RUN.finditer(text) if not unicodedata.is_normalized("NFC", m.group())]
    if not words:
        return None
    m = words[0]
    return Issue("text.normalization", m.start(), m.end(), m.group(), "nfd",
                 suggestion=unicodedata.normalize("NFC", m.group()), count=len(words))


def _normalization_stage(work: str, claims: _Claims) -> list[Issue]:
    issues = []
    for m in LETTER_RUN.finditer(work) if "\u00d0" in work or "\u00f0" in work else ():
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


_BOUNDARY_PAIR = 3  # sightings of each half before a repeat reads as two compounds


def _context_allows(work: str, m: re.Match[str], word: str) -> bool:
    """A repeat at a compound boundary: 'phân công công việc' (the second copy starts a listed
    compound and a word precedes the first), 'hành vi vi phạm' (both halves are pairs the prose writes
    often, and neither the word nor its neighbours is a function word), or a listed context ('triệt để để tạo')."""
    # Three words either side are at most a few dozen characters: look no further (linear on long lines).
    before = [fold(w) for w in LETTER_RUN.findall(work[max(0, m.start() - 60) : m.start()])[-3:]]
    after = [fold(w) for w in LETTER_RUN.findall(work[m.end() : m.end() + 60])[:3]]
    g = orthography()
    if before and after and f"{word} {after[0]}" in g.boundary_compounds:
        return True
    if before and after and not {word, before[-1], after[0]} & g.function_words:
        counts = tables()
        if counts.pair(before[-1], word) >= _BOUNDARY_PAIR and counts.pair(word, after[0]) >= _BOUNDARY_PAIR:
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
    g = orthography()
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
    words = [w.lower() for w in LETTER_RUN.findall(work)]
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
                Issue(entry.kind, m.start(), m.end(), m.group(), "phrase", suggestion=recase(m.group(), right),
                      confidence=entry.confidence, note_vi=entry.note_vi, note_en=entry.note_en)
            )
    return sorted(issues, key=lambda i: i.start)


@lru_cache(maxsize=1 << 15)
def _verdict(tok: str) -> tuple[str, str | None, tuple[str, ...]] | None:
    """What is wrong with one word token, context aside: (detector, suggestion, alternatives)."""
    if len(tok) < 2 or is_valid_syllable(tok):
        return None
    g = orthography()
    low = tok.lower()
    if low in g.latin or low in g.proper or tok.upper() in g.abbreviations or _ROMAN.fullmatch(tok):
        return None
    form = shape(tok)
    if form in ("mixed", "none") or "'" in tok or "’" in tok:
        return None
    if "w" not in low and not any(strip_diacritics(c).lower() in "aeiouy" for c in tok):
        return None  # no vowel, so no syllable was meant: an abbreviation (đvt, gv, tp)
    plain = tok.isascii()
    if plain:
        cand = telex_candidate(tok)
        if cand:
            return "telex", cand, ()
        cand = telex_swap_candidate(tok)
        if cand:
            return "telex_swap", cand, ()
    marked = any(not c.isascii() and c not in "đĐ" for c in tok)
    if form == "upper" and not marked:
        return None  # an abbreviation or school code (THCSPKL), not a word
    if form == "title" and not marked:
        return None  # a proper name we cannot judge (Kon, Pleiku)
    repairs = repair_candidates(tok)
    if len(repairs) == 1:
        return "spelling", repairs[0], ()
    if form == "title":
        return None
    missing = missing_tone(tok)
    if missing:
        return "tone", None, missing
    if plain:
        return None  # a foreign word or an abbreviation
    return "invalid", None, repairs


_VERDICT_KIND = {
    "telex": "text.telex_residue",
    "telex_swap": "text.telex_residue",
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
    tokens = list(TOKEN.finditer(work))
    # A paragraph with English in it ('annotated as a mismatch') has ASCII words that read as Telex
    # ('as' -> 'á'); with two English signals, plain-ASCII words are left alone.
    words = {m.group() for m in tokens if m.lastgroup == "word" and m.group().isascii()
             and not claims.hit(m.start(), m.end())}  # debris ("[bookmark: x]", "&amp;") is no English
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
        if detector in ("tone", "telex_swap") and m.group().isascii() and not _vietnamese_neighbour(tokens, k):
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


# ------------------------------------------------------------- words the tables restore

_CLAUSE = re.compile(rf"(?:[^\W\d_]|[{COMBINING}])+(?:[ \u00a0]+(?:[^\W\d_]|[{COMBINING}])+)*")
_BARE_LINE_WORDS = 4  # a shorter all-ASCII line is a code, a name or a heading word
_VIETNAMESE_SHARE = 0.8  # of the words of a paragraph, for it to count as Vietnamese prose
_BOTH_SIDES = 3  # sightings of each pair around a bare word that is Vietnamese as written
_BARE_LINE_SHARE = 0.5  # of its words take marks their pairs clearly choose


@lru_cache(maxsize=1 << 15)
def _suspect(word: str) -> bool:
    """A word the restoring stages may act on: bare with marked readings, or long and not one syllable."""
    return needs_marks(word) or written_marked(word) or (len(word) >= 4 and not is_valid_syllable(word))


def _clauses(work: str) -> list[list[re.Match[str]]]:
    """Runs of words with only spaces between them: the pair counts were taken inside such runs."""
    return [list(LETTER_RUN.finditer(work, m.start(), m.end())) for m in _CLAUSE.finditer(work)]


def _restored(clause: list[re.Match[str]]) -> list[str | None]:
    return restore_run([m.group() for m in clause])


def _bare_line_stage(work: str, claims: _Claims) -> list[Issue]:
    """A whole line typed without marks ('Doc lap - Tu do - Hanh phuc'): reported once, restored if sure."""
    if not work.isascii():
        return []
    words = LETTER_RUN.findall(work)
    if len(words) < _BARE_LINE_WORDS or not any(needs_marks(w.lower()) or written_marked(w) for w in words):
        return []
    if sum(_english_signal(w) for w in set(words) if w.islower() and not needs_marks(w)) >= 2:
        return []  # English with a few words that happen to read as bare Vietnamese
    parts, pos, changed, unsure = [], 0, 0, 0
    for clause in _clauses(work):
        for m, reading in zip(clause, _restored(clause), strict=True):
            if reading is None or reading == m.group().lower():
                unsure += needs_marks(m.group())
                continue
            changed += 1
            parts.append(work[pos:m.start()] + recase(m.group(), reading))
            pos = m.end()
    # Most words read differently with their marks, each reading clearly chosen by its pairs.
    if changed < max(2, _BARE_LINE_SHARE * len(words)):
        return []
    first, last = LETTER_RUN.search(work), list(LETTER_RUN.finditer(work))[-1]
    start, end = first.start() if first else 0, last.end()
    claims.add(start, end)
    full = "".join(parts) + work[pos:]  # the text before the first word and after the last is unchanged
    suggestion = None if unsure else full[start:len(full) - (len(work) - end)]
    return [Issue("text.missing_diacritics", start, end, work[start:end], "bare_line", suggestion=suggestion,
                  count=changed + unsure)]


def _marks_confirmed(clause: list[re.Match[str]], readings: list[str | None], k: int) -> bool:
    """A bare word that is Vietnamese as written ('giao', 'nam') is read with marks only on strong evidence:
    next to a bare word that cannot be right bare ('giao vien'), the pair with that word's reading; between
    marked words, both pairs. In either case the bare form must pair with neither neighbour."""
    word, reading = clause[k].group().lower(), readings[k]
    if reading is None or reading == word:
        return True
    t = tables()
    around = [(j, readings[j] or clause[j].group().lower()) for j in (k - 1, k + 1) if 0 <= j < len(clause)]

    def pairs(form: str, j: int, other: str) -> int:
        return t.pair(other, form) if j < k else t.pair(form, other)

    if any(pairs(word, j, other) for j, other in around):
        return False
    anchors = [(j, other) for j, other in around
               if clause[j].group().isascii() and not is_valid_syllable(clause[j].group()) and readings[j]]
    if anchors:
        return all(pairs(reading, j, other) >= _BOTH_SIDES for j, other in anchors)
    return len(around) == 2 and all(pairs(reading, j, other) >= _BOTH_SIDES for j, other in around)


def _bare_word_stage(work: str, claims: _Claims) -> list[Issue]:
    """Bare words inside marked prose ('hoc sinh', 'Quyet định'): each run of them, with its reading."""
    words = LETTER_RUN.findall(work)
    if not any(needs_marks(w) for w in words):
        return []
    # Marked prose: some words carry marks and nearly all read as Vietnamese (not English with a stray 'hoc').
    marked = sum(not w.isascii() for w in words)
    vietnamese = sum(is_valid_syllable(w) or needs_marks(w) for w in words)
    if marked < 2 or vietnamese < _VIETNAMESE_SHARE * len(words):
        return []
    issues = []
    for clause in _clauses(work):
        if not any(needs_marks(m.group()) for m in clause):
            continue
        readings = _restored(clause)
        doubtful = {k for k, m in enumerate(clause) if m.group().isascii() and is_valid_syllable(m.group())
                    and not _marks_confirmed(clause, readings, k)}
        i = 0
        while i < len(clause):
            if not clause[i].group().isascii():
                i += 1
                continue
            j = i
            while j < len(clause) and clause[j].group().isascii():
                j += 1
            run = range(i, j)
            start, end = clause[i].start(), clause[j - 1].end()
            i = j
            if claims.hit(start, end) or not any(needs_marks(clause[k].group()) for k in run):
                continue
            if any(readings[k] is None and needs_marks(clause[k].group()) for k in run) or doubtful & set(run):
                continue  # not sure of every word: the word checks report what they can
            fixed = {k: recase(clause[k].group(), readings[k] or clause[k].group()) for k in run}
            changed = [k for k in run if fixed[k] != clause[k].group()]
            if not changed:
                continue
            run = range(changed[0], changed[-1] + 1)  # quote the words that change, not their bare neighbours
            start, end = clause[run[0]].start(), clause[run[-1]].end()
            claims.add(start, end)
            pieces = [fixed[run[0]]]
            for k in run[1:]:
                pieces.append(work[clause[k - 1].end():clause[k].start()] + fixed[k])
            issues.append(Issue("text.missing_diacritics", start, end, work[start:end], "bare_words",
                                suggestion="".join(pieces)))
    return issues


def _joined_stage(work: str, claims: _Claims) -> list[Issue]:
    """Syllables typed without spaces ('kếhoạch', 'kiemdinhchatluong'), split where only one split is known."""
    issues = []
    g = orthography()
    for m in LETTER_RUN.finditer(work):
        tok = m.group()
        if len(tok) < 4 or is_valid_syllable(tok) or claims.hit(m.start(), m.end()):
            continue
        low = tok.lower()
        if low in g.latin or low in g.proper or tok.upper() in g.abbreviations or shape(tok) == "mixed":
            continue
        if tok.isascii() and shape(tok) != "lower":
            continue  # 'Hanoi', 'UNESCO': a name or an abbreviation written the foreign way
        split = split_joined(tok)
        if split is None:
            continue
        claims.add(m.start(), m.end())
        issues.append(Issue("text.typo", m.start(), m.end(), tok, "joined", suggestion=recase(tok, " ".join(split))))
    return issues


def _real_word_stage(work: str, claims: _Claims) -> list[Issue]:
    """Two valid syllables that are a slip of a term ('thư viên', 'quay định'); the rule decides to report."""
    issues = []
    counts = tables()
    for clause in _clauses(work):
        for k, (left, right) in enumerate(pairwise(clause)):
            a, b = left.group(), right.group()
            if claims.hit(left.start(), right.end()):
                continue
            slip = real_word_slip(a.lower(), b.lower())
            if slip is None or (shape(a) == shape(b) == "title" and not slip.closed):
                continue  # two capitalised words may be a name ('Thanh Sơn'), unless the term is closed-class
            wrong = a.lower() if slip.wrong_first else b.lower()
            if not slip.wrong_first and shape(b) == "title" and shape(a) == "lower":
                continue  # a capital after a small letter opens a name ('Tiểu học Phú Cường'): a slip keeps the case
            if wrong in orthography().function_words:
                continue  # 'Hội đồng từ ngày...': a function word fits almost anywhere
            # The syllable typed wrong must fit its other neighbour no better: 'Bộ Giao thông' is right.
            # ('thành viên của' says nothing for 'thư viên của': a function word fits after anything.)
            other = clause[k - 1] if slip.wrong_first and k > 0 else \
                clause[k + 2] if not slip.wrong_first and k + 2 < len(clause) else None
            near = other.group().lower() if other is not None else ""
            if near and near not in orthography().function_words and (
                    counts.pair(near, wrong) if slip.wrong_first else counts.pair(wrong, near)):
                continue
            x, y = slip.meant.split(" ")
            start, end = left.start(), right.end()
            suggestion = f"{recase(a, x)}{work[left.end():right.start()]}{recase(b, y)}"
            # The slip inside a three-word term ('tự đán giá' for 'tự đánh giá'): the quote and the fix take the
            # whole term, its other neighbour included.
            if other is not None and (f"{near} {x} {y}" if slip.wrong_first else f"{x} {y} {near}") in counts.terms:
                if slip.wrong_first:
                    suggestion = other.group() + work[other.end():left.start()] + suggestion
                    start = other.start()
                else:
                    suggestion += work[right.end():other.start()] + other.group()
                    end = other.end()
            claims.add(start, end)
            issues.append(Issue("text.typo", start, end, work[start:end], "real_word", suggestion=suggestion,
                                alternatives=(slip.meant,),
                                confidence="high" if slip.closed or slip.rare else "medium"))
        issues += _function_word_slips(clause, claims)
    return issues


def _function_word_slips(clause: list[re.Match[str]], claims: _Claims) -> list[Issue]:
    """A lower-case reviewed non-word that is a tone slip of a function word ('vể' for 'về'), when its
    neighbours or, without them, the prose's counts choose the function word over the letters' other readings."""
    out = []
    for k, m in enumerate(clause):
        word = m.group()
        if shape(word) != "lower" or claims.hit(m.start(), m.end()):
            continue
        before = clause[k - 1].group().lower() if k else ""
        after = clause[k + 1].group().lower() if k + 1 < len(clause) else ""
        meant = function_word_slip(word, before, after)
        if meant is None:
            continue
        claims.add(m.start(), m.end())
        out.append(Issue("text.typo", m.start(), m.end(), word, "real_word", suggestion=meant,
                         alternatives=(meant,), confidence="high"))
    return out


# ------------------------------------------------------------- extraction and recognition debris

_INSIDE_SYMBOL = re.compile(r"(?<=[^\W\d_])[\"#$%&@*\\|]+(?=[^\W\d_])")
_STRAY_MARK = re.compile(r"(?<=[^\W\d_])[\^~`´¨]+(?=[^\W\d_])")
_MIXED_TOKEN = re.compile(r"(?<![\w])(?=[\w]*\d)(?=[\w]*[^\W\d_])[\w]+(?![\w])")
_DIGIT_AS_LETTER = str.maketrans({"0": "o", "6": "o", "1": "l"})
_FORM_WORDS = {"so": "Số", "ngay": "Ngày", "thang": "tháng", "nam": "năm", "thong": "Thông", "tu": "tư"}


def _debris_stage(work: str, claims: _Claims) -> list[Issue]:
    """Text out of a PDF's custom font or a scan: symbols for letters ('ho#ch c$i'), stray marks inside a
    word ('n^am'), digits for letters in the fixed words of the form ('S0', 'Ng4y')."""
    issues = []
    symbols = [m for m in _INSIDE_SYMBOL.finditer(work) if not _email_like(work, m.start())
               and not (work[m.start() - 1].isupper() and work[m.end()].isupper())]  # R&D, Q&A
    if len(symbols) >= 2:  # one '&' inside a word is an abbreviation (R&D); several are a font's debris
        s, e = _words_around(work, symbols[0].start(), symbols[-1].end())
        if not claims.hit(s, e):
            claims.add(s, e)
            issues.append(Issue("text.artifact", s, e, work[s:e], "pdf_symbols", count=len(symbols)))
    for m in _STRAY_MARK.finditer(work):
        s, e = _words_around(work, m.start(), m.end())
        if not claims.hit(s, e):
            claims.add(s, e)
            issues.append(Issue("text.artifact", s, e, work[s:e], "stray_mark"))
    for m in _MIXED_TOKEN.finditer(work) if any(c.isdigit() for c in work) else ():
        word = strip_diacritics(m.group()).lower().translate(_DIGIT_AS_LETTER)
        right = _FORM_WORDS.get(word)
        if right and not claims.hit(m.start(), m.end()) and not m.group().isdigit():
            claims.add(m.start(), m.end())
            issues.append(Issue("text.artifact", m.start(), m.end(), m.group(), "digit_letter",
                                suggestion=recase(m.group(), right.lower()) if m.group()[0].islower() else right))
    return issues


def _email_like(work: str, at: int) -> bool:
    """Inside an address or a link ('a@b.vn', 'x.com/a%20b'), where symbols belong."""
    s, e = _words_around(work, at, at + 1)
    chunk = work[s:e]
    return ("@" in chunk and "." in chunk) or "://" in chunk or chunk.startswith("www.")


@lru_cache(maxsize=1 << 16)  # nine rules ask about every line; a long plan has tens of thousands
def check_text(text: str, font: FontEncoding | None = None) -> tuple[Issue, ...]:
    """Every text-quality issue of one paragraph or cell, in pipeline order; offsets index ``text``.

    ``font``: the legacy encoding of the font the paragraph is set in (``legacy.font_encoding``), if any.
    """
    if not text or text.isspace():
        return ()
    # Check the NFC text, then map offsets back so evidence quotes the text as written.
    work, index = nfc_with_index(text)
    claims = _Claims()
    legacy = _legacy_stage(work, claims, font)
    issues = [*legacy, *_normalization_stage(work, claims)]
    looked = work.translate(_LOOKALIKE_TABLE)  # 1:1, offsets unchanged
    issues += _artifact_stage(looked, claims)
    if not legacy:
        issues += _debris_stage(looked, claims)  # a legacy-font paragraph has no trustworthy words to check
        issues += _spacing_stage(looked, claims)
        issues += _duplicate_stage(looked, claims)
        # Most paragraphs have no word the tables could restore: one cached look per word decides.
        suspect = any(_suspect(w) for w in LETTER_RUN.findall(looked))
        issues += _bare_line_stage(looked, claims) if suspect else []
        issues += _phrase_stage(looked, claims)
        if suspect:
            issues += _bare_word_stage(looked, claims)
            issues += _joined_stage(looked, claims)
        issues += _real_word_stage(looked, claims)
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


# Debris removed outright by a fix; for these the words inside (if any) are kept.
_DROP = {"html_tag", "bookmark", "markdown_heading"}
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]")


def safe_replacement(issue: Issue) -> str | None:
    """What ``issue.evidence`` becomes when the fix is mechanical and unambiguous, else ``None``.

    Unicode normalisation (look-alikes, invisible characters), conversion debris (the words inside are
    kept), typing residue with exactly one reading and doubled spaces; everything that needs judgment
    (a misspelt word, a repeated word) has none.
    """
    ev = issue.evidence
    if issue.kind == "text.artifact":
        if issue.detector in _DROP:
            return ""
        if issue.detector == "markdown_emphasis":
            return ev.strip("*_ ")
        if issue.detector == "markdown_link":
            m = _MARKDOWN_LINK.match(ev)
            return m.group(1) if m else None
        if issue.detector == "markdown_escape":
            return ev[1:]
        if issue.detector == "html_entity":
            return html.unescape(ev).replace("\u00a0", " ")
        return None
    if issue.kind == "text.normalization" and issue.detector in ("lookalike", "invisible"):
        return issue.suggestion
    if issue.kind == "text.telex_residue" and issue.confidence == "high" and not issue.alternatives:
        return issue.suggestion
    if issue.kind == "text.spacing" and issue.detector == "double_space":
        return issue.suggestion
    return None


def iter_issues(texts: Sequence[str], kinds: Collection[str]) -> Iterator[tuple[int, Issue]]:
    """(text index, issue) for every issue of the given kinds, texts in order."""
    for i, text in enumerate(texts):
        for issue in check_text(text):
            if issue.kind in kinds:
                yield i, issue
