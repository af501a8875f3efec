"""Every rule's documented examples are executed: the failing one must fail, the passing one pass."""

from __future__ import annotations

import pytest
from helpers import plan_from_text, run

from kclint.engine import KINDS, Rule, registry
from kclint.rules import builtin_rules

RULES = list(registry().values())


def test_every_built_in_rule_is_registered_once() -> None:
    built_in = builtin_rules()
    codes = [r.code for r in built_in]
    assert len(codes) >= 10 and len(codes) == len(set(codes))
    assert all(registry()[r.code] is r for r in built_in)


def _metadata_problems(rule: type[Rule]) -> list[str]:
    problems = [] if rule.kind in KINDS else [f"kind {rule.kind!r} is not in engine.KINDS"]
    problems += [f"{name} lacks a language" for name, msg in
                 (("title", rule.title), ("what", rule.doc.what), ("why", rule.doc.why), ("fix", rule.doc.fix))
                 if not (msg.vi.strip() and msg.en.strip())]
    return problems


def test_the_metadata_check_catches_an_unregistered_kind() -> None:
    stray = type("Stray", (RULES[0],), {"kind": f"{RULES[0].category}.never_registered"})
    assert _metadata_problems(stray) == [f"kind '{RULES[0].category}.never_registered' is not in engine.KINDS"]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_metadata(rule: type[Rule]) -> None:
    assert _metadata_problems(rule) == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_fail_example_fails(rule) -> None:
    plan = plan_from_text(rule.doc.fail_example)
    found = [f for f in run(plan, [rule.code], rule.doc.example_today, rule.doc.example_level)]
    assert found, f"{rule.code} reported nothing on its failing example"
    for f in found:
        assert f.code == rule.code and f.evidence.strip()
        assert f.kind in KINDS and f.kind.split(".")[0] == rule.category


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_pass_example_passes(rule) -> None:
    plan = plan_from_text(rule.doc.pass_example)
    found = run(plan, [rule.code], rule.doc.example_today, rule.doc.example_level)
    assert found == [], f"{rule.code} reported on its passing example: {[f.message.en for f in found]}"
