"""How Vietnamese prose is usually written: syllable and syllable-pair counts, and the domain-term lexicon.

``catalogs/syllables.json`` is derived at build time from public-domain legal codes and the criteria
catalogs (``catalogs/source/build_text_tables.py``); ``catalogs/terms.json`` is the curated lexicon of
school and accreditation terms, agencies, levels and months. Both load once, on the first text check that
needs them. A pair is *known* when the prose has it at least twice or a term of the lexicon holds it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

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

    def target_pairs(self) -> list[str]:
        """The pairs a real-word slip may be corrected to: every inner pair, or only a two-syllable term's."""
        words = self.text.split()
        if self.whole_words and len(words) != 2:
            return []
        return [f"{a} {b}" for a, b in pairwise(words)]


class Tables:
    """The counts and the lexicon, indexed for look-up by exact and by accent-stripped form."""

    def __init__(self, syllables: dict[str, int], pairs: dict[str, int], terms: list[Term]) -> None:
        self.syllables = dict(syllables)
        self.pairs = dict(pairs)
        self.terms = {t.text: t for t in terms}
        for t in terms:
            words = t.text.split()
            for w in words:
                self.syllables[w] = self.syllables.get(w, 0) + 1
            for a, b in pairwise(words):
                key = f"{a} {b}"
                self.pairs[key] = self.pairs.get(key, 0) + _TERM_WEIGHT
        bare: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for s, n in self.syllables.items():
            bare[strip_diacritics(s)].append((s, n))
        self.bare = {k: sorted(v, key=lambda x: -x[1]) for k, v in bare.items()}
        bare_pairs: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for p, n in self.pairs.items():
            bare_pairs[strip_diacritics(p)].append((p, n))
        self.bare_pairs = {k: sorted(v, key=lambda x: -x[1]) for k, v in bare_pairs.items()}
        self.term_pairs = frozenset(p for t in terms for p in t.target_pairs())

    def count(self, syllable: str) -> int:
        return self.syllables.get(syllable, 0)

    def pair(self, a: str, b: str) -> int:
        return self.pairs.get(f"{a} {b}", 0)


@cache
def tables() -> Tables:
    data = catalog_data("syllables.json")
    terms = [Term(text.lower(), group, bool(g.get("closed")), g.get("targets") == "words")
             for group, g in catalog_data("terms.json")["groups"].items() for text in g["terms"]]
    return Tables(data["syllables"], data["pairs"], terms)
