"""Human words for humans: the text and HTML reports never show enum values, kinds, slugs or Python reprs.

Every rule's documented examples are checked and rendered in both languages, with the per-rule counts and the
per-school table; machine names a person cannot read must not appear (the JSON report keeps them).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from kclint.engine import KINDS, RunOptions, registry
from kclint.model import PlanKind, SchoolLevel
from kclint.pipeline import check_file
from kclint.report import ReportOptions, render
from kclint.results import FileResult

ENUMS = {v.value for v in SchoolLevel} | {v.value for v in PlanKind} | {"school_year"}


def _words(values: set[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w.-])(?:" + "|".join(map(re.escape, sorted(values, key=len, reverse=True)))
                      + r")(?![\w-])")


# Enum values with an underscore and kinds ('text.artifact') never read as words, in either language; a slug
# of two words joined by '-' neither. Single English words ('unknown', 'other') only leak into Vietnamese.
MACHINE = {
    "enum": _words({v for v in ENUMS if "_" in v}),
    "kind": _words(set(KINDS)),
    "slug": _words({cls.slug for cls in registry().values() if "-" in cls.slug}),
    "repr": re.compile(r"\b(?:None|True|False)\b|\[['\"]|['\"]\]|object at 0x|\b(?:Span|Location|Finding|Message)\("),
}
ENGLISH_ENUMS = _words({v for v in ENUMS if "_" not in v and not v.isupper() and v not in ("thcs", "thpt")})


def _visible(out: str, fmt: str) -> str:
    if fmt != "html":
        return out
    out = re.sub(r"<(style|script)\b.*?</\1>", "", out, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", out))


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> list[FileResult]:
    folder = tmp_path_factory.mktemp("examples")
    out = []
    for code, cls in registry().items():
        for which, text in (("fail", cls.doc.fail_example), ("pass", cls.doc.pass_example)):
            path: Path = folder / f"{code}-{which}.txt"
            path.write_text(text, encoding="utf-8")
            out.append(check_file(str(path), RunOptions(today=cls.doc.example_today), cls.doc.example_level))
    return out


def test_the_examples_give_findings_to_scan(results: list[FileResult]) -> None:
    assert sum(len(r.findings) for r in results) > len(registry())


@pytest.mark.parametrize("fmt", ["text", "html"])
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("tables", [False, True], ids=["listing", "tables"])
def test_no_machine_names_in_human_reports(results: list[FileResult], fmt: str, lang: str, tables: bool) -> None:
    out = _visible(str(render(fmt, results, ReportOptions(lang=lang, statistics=tables, schools=tables))), fmt)
    leaks = {f"{name}: {m.group(0)!r} in …{out[max(0, m.start() - 50):m.end() + 20]}…"
             for name, pattern in MACHINE.items() for m in pattern.finditer(out)}
    if lang == "vi":
        leaks |= {f"English enum: {m.group(0)!r}" for m in ENGLISH_ENUMS.finditer(out)}
    assert not leaks, "\n".join(sorted(leaks)[:20])


def test_the_scan_catches_each_kind_of_leak() -> None:
    """The patterns are not vacuous: each finds what it is meant to find."""
    samples = {"enum": "Cấp học: mam_non", "kind": "[text.artifact]", "slug": "KC107 vague-deadline",
               "repr": "'caccs' -> ['các']"}
    assert all(MACHINE[name].search(text) for name, text in samples.items())
    assert ENGLISH_ENUMS.search("Loại kế hoạch: improvement") and not ENGLISH_ENUMS.search("Trung học cơ sở")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_fix_lists_its_changes_in_words(tmp_path: Path, lang: str) -> None:
    from click.testing import CliRunner

    from kclint.cli import main

    path = tmp_path / "plan.txt"
    path.write_text(registry()["KC601"].doc.fail_example, encoding="utf-8")
    result = CliRunner().invoke(main, ["fix", "--lang", lang, "--select", "KC601", str(path)])
    changes = [ln for ln in result.stdout.splitlines() if ln.startswith("  ")]
    assert result.exit_code == 0 and changes, result.output
    assert all("” → “" in ln for ln in changes), changes
    leaks = [m.group(0) for ln in changes for p in MACHINE.values() for m in p.finditer(ln)]
    assert not leaks and not any("'" in ln for ln in changes), changes
