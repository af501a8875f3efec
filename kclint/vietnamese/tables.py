"""How Vietnamese prose is usually written: syllable and syllable-pair counts, and the domain-term lexicon.

``catalogs/syllables.json`` is derived at build time from public-domain legal codes, the criteria catalogs
and the lexicon (``catalogs/source/build_text_tables.py``); ``catalogs/terms.json`` is the curated lexicon of
school and accreditation terms, agencies, levels and months. Both load once, on the first text check that
needs them. A pair is *known* when the prose has it at least twice or a term of the lexicon holds it.

The accent-stripped index (``readings``: each bare form's spellings, commonest first) is written by the build,
not computed here: folding every syllable on the first text check cost most of the tables' load time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any

from kclint.textnorm import strip_diacritics
from kclint.vietnamese.grammar import catalog_data

# A term's own pairs count as this many sightings: the lexicon is reviewed, the prose only counted.
_TERM_WEIGHT = 5


@dataclass(frozen=True)
class Term:
    text: str  # lower case, as written in the lexicon
    group: str  # 'level', 'agency', 'accreditation', 'school', 'month', ...
    closed: bool  # a closed class: its words have no other reading in a plan
    whole_words: bool = False  # only a two-syllable term's pair is a slip target (group 'targets': 'words')

    def target_pairs(self, entries: frozenset[str]) -> list[str]:
        """The pairs a real-word slip may be corrected to: every inner pair, or only a two-syllable term's.

        A pair that only joins two of the lexicon's ``entries`` is no word ('hội đồng' + 'nhân dân' lend
        'đồng nhân', and 'đông nhân dân' is correct prose): it is left out."""
        words = self.text.split()
        if self.whole_words and len(words) != 2:
            return []
        return [f"{words[i]} {words[i + 1]}" for i in range(len(words) - 1)
                if not _joins_entries(words, i, entries)]


def _joins_entries(words: list[str], i: int, entries: frozenset[str]) -> bool:
    """Whether a lexicon entry ends at ``words[i]`` and another starts at ``words[i + 1]``."""
    return (any(" ".join(words[k:i + 1]) in entries for k in range(i + 1))
            and any(" ".join(words[i + 1:m]) in entries for m in range(i + 2, len(words) + 1)))


def lexicon(data: dict[str, Any]) -> list[Term]:
    """The terms of ``terms.json`` in file order."""
    return [Term(text.lower(), group, bool(g.get("closed")), g.get("targets") == "words")
            for group, g in data["groups"].items() for text in g["terms"]]


def with_terms(syllables: dict[str, int], pairs: dict[str, int],
               terms: Iterable[Term]) -> tuple[dict[str, int], dict[str, int]]:
    """The prose counts with the lexicon's words and pairs added (a new word goes after the prose's)."""
    syllables, pairs = dict(syllables), dict(pairs)
    for t in terms:
        words = t.text.split()
        for w in words:
            syllables[w] = syllables.get(w, 0) + 1
        for a, b in pairwise(words):
            key = f"{a} {b}"
            pairs[key] = pairs.get(key, 0) + _TERM_WEIGHT
    return syllables, pairs


def readings_index(syllables: dict[str, int]) -> dict[str, list[str]]:
    """Each accent-stripped form's spellings, commonest first (ties in table order); keys sorted (build time)."""
    bare: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for s, n in syllables.items():
        bare[strip_diacritics(s)].append((s, n))
    return {k: [s for s, _ in sorted(bare[k], key=lambda x: -x[1])] for k in sorted(bare)}


class Tables:
    """The counts and the lexicon, indexed for look-up by exact and by accent-stripped form."""

    def __init__(self, syllables: dict[str, int], pairs: dict[str, int], terms: list[Term],
                 readings: dict[str, list[str]]) -> None:
        self.syllables, self.pairs = with_terms(syllables, pairs, terms)
        self.terms = {t.text: t for t in terms}
        self.readings = readings
        entries = frozenset(self.terms)
        self.term_pairs = frozenset(p for t in terms for p in t.target_pairs(entries))

    def count(self, syllable: str) -> int:
        return self.syllables.get(syllable, 0)

    def pair(self, a: str, b: str) -> int:
        return self.pairs.get(f"{a} {b}", 0)

    def spellings(self, bare: str) -> tuple[tuple[str, int], ...]:
        """The known spellings of an accent-stripped lower-case word, with counts, commonest first."""
        return tuple((s, self.syllables[s]) for s in self.readings.get(bare, ()))


@cache
def tables() -> Tables:
    data = catalog_data("syllables.json")
    return Tables(data["syllables"], data["pairs"], lexicon(catalog_data("terms.json")), data["readings"])
