"""The shortcuts the speed work took must not change what kclint computes."""

from __future__ import annotations

import gc
import random

from kclint.citations import find_citations
from kclint.engine import per_run, run_memo
from kclint.limits import cyclic_gc_paused
from kclint.model import Location, Span, evolve, location, span
from kclint.plantext import _DEBRIS, _SPACES, clean
from kclint.rules.catalog_rules import _nearest_out_of_order


def test_trusted_construction_equals_validated() -> None:
    a, b = Location(paragraph=3, line=7, block=5), location(paragraph=3, line=7, block=5)
    assert a == b and hash(a) == hash(b) and a.model_fields_set == b.model_fields_set
    assert Span(text="x", loc=a) == span("x", b)
    assert evolve(b, section="I") == a.model_copy(update={"section": "I"})
    assert b.section is None  # evolve copies


def test_with_context_shares_an_unchanged_location() -> None:
    loc = location(section="I", criterion="1.1", block=2)
    assert loc.with_context("I", "1.1") is loc
    assert loc.with_context("II", "1.1") == Location(section="II", criterion="1.1", block=2)


def test_clean_fast_path_matches_the_patterns() -> None:
    def reference(text: str) -> str:
        return _SPACES.sub(" ", _DEBRIS.sub(" ", text)).strip()

    pieces = [*"ab <>*[]:\t\xa0\n x", "[bookmark:", "<b>", "**", " * ", "  ", "Tiêu chí"]
    rng = random.Random(7)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        assert clean(text) == reference(text), repr(text)


def test_citation_prefilter_keeps_laws_by_name() -> None:
    assert find_citations("Thực hiện tốt công việc được giao") == []
    assert [c.doc_type for c in find_citations("Căn cứ Luật Giáo dục năm 2019")]
    assert find_citations("căn cứ LUẬT GIÁO DỤC")  # no digit, law by name in capitals


def test_nearest_out_of_order_matches_the_scan() -> None:
    rng = random.Random(3)
    for _ in range(300):
        keys = [(rng.randint(1, 3), rng.randint(1, 4)) for _ in range(rng.randint(0, 12))]
        after, before = _nearest_out_of_order(keys)
        for j in range(len(keys)):
            assert after[j] == next((i for i in range(j - 1, -1, -1) if keys[i] > keys[j]), None)
            assert before[j] == next((i for i in range(j + 1, len(keys)) if keys[i] < keys[j]), None)


def test_per_run_memo_lives_only_inside_a_run() -> None:
    calls: list[int] = []

    @per_run
    def derived(obj: object) -> int:
        calls.append(1)
        return len(calls)

    thing = object()
    derived(thing)
    derived(thing)
    assert len(calls) == 2  # outside a run: no caching
    with run_memo():
        assert derived(thing) == derived(thing) == 3
        other = object()
        assert derived(other) == 4
    derived(thing)
    assert len(calls) == 5


def test_gc_pause_restores_the_collector() -> None:
    assert gc.isenabled()
    with cyclic_gc_paused():
        assert not gc.isenabled()
        with cyclic_gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with cyclic_gc_paused():
            pass
        assert not gc.isenabled()  # a caller's own choice is kept
    finally:
        gc.enable()


def test_open_dual_words_match_the_word_pattern() -> None:
    from kclint.vietnamese.names import _OPEN_DUAL, _open_dual_words

    pieces = [*"hxt _1", "oa", "OÀ", "uý", "UỶ", "oe", "ọe", "q", "\u0300", "-", "ó", "a", "y", "hoà ", "thuỷ"]
    rng = random.Random(11)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        expected = [(m.start(), m.end(), m.group()) for m in _OPEN_DUAL.finditer(text)]
        assert list(_open_dual_words(text)) == expected, repr(text)
