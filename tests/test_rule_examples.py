"""Every rule's documented examples are executed: the failing one must fail, the passing one pass."""

from __future__ import annotations

import pytest
from helpers import plan_from_text, run

from kclint.engine import KINDS, registry

RULES = list(registry().values())


def test_rules_are_registered() -> None:
    assert len(RULES) >= 10
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_metadata(rule) -> None:
    assert rule.kind in KINDS or rule.kind.split(".")[0] == rule.category
    for msg in (rule.title, rule.doc.what, rule.doc.why, rule.doc.fix):
        assert msg.vi.strip() and msg.en.strip()


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_fail_example_fails(rule) -> None:
    plan = plan_from_text(rule.doc.fail_example)
    found = [f for f in run(plan, [rule.code], rule.doc.example_today, rule.doc.example_level)]
    assert found, f"{rule.code} reported nothing on its failing example"
    for f in found:
        assert f.code == rule.code and f.evidence.strip()
        assert f.kind.split(".")[0] == rule.category


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_pass_example_passes(rule) -> None:
    plan = plan_from_text(rule.doc.pass_example)
    found = run(plan, [rule.code], rule.doc.example_today, rule.doc.example_level)
    assert found == [], f"{rule.code} reported on its passing example: {[f.message.en for f in found]}"
