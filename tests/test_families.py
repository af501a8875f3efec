"""One check per code: KC301 and KC502 were split; the old code and slug still select the whole family."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import plan_from_text

from kclint.cli import main
from kclint.engine import Family, Rule, RunOptions, families, registry, run_rules, select_rules, validate_rule
from kclint.model import Message, Severity

SPLIT = {"KC301": ["KC3011", "KC3012", "KC3013"],
         "KC502": ["KC5021", "KC5022", "KC5023", "KC5024", "KC5025", "KC5026"]}
OLD_SLUGS = {"KC301": "level-count-mismatch", "KC502": "number-symbol-form"}


def _codes(rules: list[type[Rule]]) -> list[str]:
    return [r.code for r in rules]


def test_the_families_and_their_members() -> None:
    assert {code: _codes(members) for code, (_, members) in families().items()} == SPLIT
    for code, (family, _) in families().items():
        assert family.slug == OLD_SLUGS[code] and code not in registry()


@pytest.mark.parametrize("old", ["KC502", "kc502", "number-symbol-form", "KC301", "level-count-mismatch"])
def test_the_old_code_or_slug_selects_and_ignores_the_family(old: str) -> None:
    code = old.upper() if old.upper() in SPLIT else next(c for c, s in OLD_SLUGS.items() if s == old)
    assert _codes(select_rules([old])) == SPLIT[code]
    left = _codes(select_rules(["format", "count"], [old]))
    assert not set(SPLIT[code]) & set(left) and left
    # one member alone is selectable and ignorable too
    first, *rest = SPLIT[code]
    assert _codes(select_rules([old], [first])) == rest


_NUMBERS = ("KẾ HOẠCH\nCải tiến chất lượng giáo dục năm học 2025-2026\n\n"
            "Số liệu: đạt Mức 2: 30/27; không đạt Mức 2: 02/27.\n")


def test_severity_and_per_file_ignores_of_the_old_code_reach_every_member() -> None:
    plan = plan_from_text("Số 5 /kh-mnab\n\n" + _NUMBERS)
    today = dt.date(2026, 11, 24)
    base = run_rules(plan, RunOptions(today=today, select=["KC502", "KC301"], strict=True))
    assert {f.code for f in base} >= {"KC5021", "KC5022", "KC5026", "KC3011", "KC3012"}
    assert len({f.severity for f in base}) > 1
    lowered = run_rules(plan, RunOptions(today=today, select=["KC502", "KC301"], strict=True,
                                         severity={"KC502": Severity.INFO, "level-count-mismatch": Severity.INFO}))
    assert [f.code for f in lowered] == [f.code for f in base] and {f.severity for f in lowered} == {Severity.INFO}
    kept = run_rules(plan, RunOptions(today=today, select=["KC502", "KC301"], strict=True,
                                      per_file_ignores={"*.txt": ["number-symbol-form"]}), "plan.txt")
    assert {f.code for f in kept} == {f.code for f in base if f.code.startswith("KC301")}


def test_the_cli_accepts_the_old_code_in_flags_and_config(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text("Số: 5/KH-MNAB\n\n" + _NUMBERS, encoding="utf-8")
    (tmp_path / "kclint.toml").write_text('ignore = ["KC301"]\n[severity]\nKC502 = "error"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(plan), "--format", "json", "--today", "2026-11-24",
                                       "--config", str(tmp_path / "kclint.toml"), "--select", "KC502,KC301"])
    assert result.exit_code == 1, result.output
    assert '"code": "KC5024"' in result.stdout and '"severity": "error"' in result.stdout
    assert "KC301" not in result.stdout


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_explain_names_the_members_and_a_member_names_its_family(lang: str) -> None:
    for old, members in SPLIT.items():
        for token in (old, OLD_SLUGS[old]):
            result = CliRunner().invoke(main, ["explain", token, "--lang", lang])
            assert result.exit_code == 0 and all(m in result.output for m in members), result.output
        member = CliRunner().invoke(main, ["explain", members[0], "--lang", lang])
        assert member.exit_code == 0 and f"{old} ({OLD_SLUGS[old]})" in member.output


def test_the_rule_table_lists_the_redirects() -> None:
    table = CliRunner().invoke(main, ["rules", "--format", "markdown"]).output
    for old, members in SPLIT.items():
        assert f"| {old} | `{OLD_SLUGS[old]}` | {', '.join(members)} |" in table
    text = CliRunner().invoke(main, ["rules"]).output
    assert "KC502" in text and "KC5026" in text


def test_a_member_must_extend_its_family_code() -> None:
    family = Family(code="KC502", slug="number-symbol-form", title=Message(vi="x", en="x"))
    member = next(iter(families()["KC502"][1]))

    class Stray(member):  # type: ignore[valid-type, misc]
        code = "KC599"

    class SameCode(member):  # type: ignore[valid-type, misc]
        code = "KC502"

    for cls in (Stray, SameCode):
        cls.family = family
        with pytest.raises(TypeError, match="extends its code"):
            validate_rule(cls)
