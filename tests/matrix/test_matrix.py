"""The layout matrix (issue 15): every case of ``cases/*.toml`` in every layout of its slot, ``.txt`` and
``.docx``; the defect is found with the expected code and evidence, the corrected twin draws no error or
warning. Known failures are listed in ``xfail.txt`` and marked strict. See ``harness.py``."""

from __future__ import annotations

import pytest

from matrix import harness, layouts

_XFAIL = harness.read_xfail()
_TESTS = harness.tests()


def _param(t: harness.Test):
    marks = [pytest.mark.xfail(strict=True, reason="issue 15")] if t.id in _XFAIL else []
    return pytest.param(t, id=t.id, marks=marks)


@pytest.fixture(scope="module", autouse=True)
def _checked_at_once(request: pytest.FixtureRequest) -> None:
    """Check every selected plan up front on all cores; the tests then only look their findings up."""
    wanted = [item.callspec.params["t"] for item in request.session.items
              if getattr(item, "callspec", None) is not None and isinstance(item.callspec.params.get("t"),
                                                                          harness.Test)]
    harness.precompute([harness.key(t) for t in wanted])


@pytest.mark.parametrize("t", [_param(t) for t in _TESTS])
def test_matrix(t: harness.Test) -> None:
    why = harness.outcome(t)
    assert why is None, why


def test_xfail_list_names_real_tests() -> None:
    ids = {t.id for t in _TESTS}
    assert not set(_XFAIL) - ids, f"xfail.txt names unknown tests: {sorted(set(_XFAIL) - ids)[:5]}"


def test_every_slot_layout_is_used() -> None:
    used = {(case["slot"], lay) for case in harness.load_cases().values()
            for lay in case.get("layouts", layouts.SLOTS[case["slot"]])}
    unused = [(s, lay) for s, lays in layouts.SLOTS.items() for lay in lays if (s, lay) not in used]
    assert not unused, f"layouts no case uses: {unused}"


def test_twins_differ_only_in_the_case() -> None:
    """The defect and its twin render to different plans in every layout (a case that changes nothing
    would pass the twin test trivially and fail the defect test for a reason that is not kclint's)."""
    for (family, cid), case in harness.load_cases().items():
        for lay in case.get("layouts", layouts.SLOTS[case["slot"]]):
            a = harness.planfmt.render_txt(layouts.render(case, lay, clean=False))
            b = harness.planfmt.render_txt(layouts.render(case, lay, clean=True))
            assert a != b, f"{family}:{cid}:{lay}: the twins are identical"
            if case.get("absence"):
                continue
            ev = harness.evidence_strings(case, lay)
            assert any(harness.norm(e) in harness.norm(a) for e in ev), f"{family}:{cid}:{lay}: {ev} not in the plan"
