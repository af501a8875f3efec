"""Where things live: results, report words and tables, the renderers' one interface, the import arrows."""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import json
import re
from pathlib import Path

import pytest
from helpers import CLI_SELECT
from helpers import cli_check as run

import kclint
from kclint.engine import RunOptions
from kclint.report import FORMATS, ReportOptions, render
from kclint.report import words as w

PACKAGE = Path(kclint.__file__).parent


def _imports(path: Path) -> list[tuple[str, str]]:
    """``(module, name)`` for every ``from module import name`` (``(module, "")`` for ``import module``)."""
    out: list[tuple[str, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.extend((node.module, alias.name) for alias in node.names)
        elif isinstance(node, ast.Import):
            out.extend((alias.name, "") for alias in node.names)
    return out


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_module_imports_a_private_name_of_another() -> None:
    bad = [(str(p.relative_to(PACKAGE)), mod, name) for p in _modules() for mod, name in _imports(p)
           if mod.startswith("kclint") and name.startswith("_") and name != "__version__"]
    assert bad == []


def test_tests_import_the_rules_as_installed() -> None:
    # rules/ is installed as kclint.rules: a test importing the top-level name passes in an editable
    # install and fails to collect in CI's wheel install.
    tests = Path(__file__).parent
    bad = [(str(p.relative_to(tests)), mod) for p in sorted(tests.rglob("*.py")) for mod, _ in _imports(p)
           if mod.split(".")[0] in ("rules", "catalogs")]
    assert bad == []


def test_annotate_and_the_model_layer_import_no_renderer_and_no_cli() -> None:
    renderers = {f"kclint.report.{fmt}" for fmt in FORMATS}
    for name in ("annotate.py", "results.py", "evidence.py", "outputs.py", "pipeline.py", "batch.py"):
        targets = {mod if not name_ else f"{mod}.{name_}" for mod, name_ in _imports(PACKAGE / name)} \
            | {mod for mod, _ in _imports(PACKAGE / name)}
        assert not targets & renderers, name
        assert "kclint.cli" not in targets, name


def test_results_are_not_imported_from_the_pipeline() -> None:
    users = [str(p.relative_to(PACKAGE)) for p in _modules() for mod, name in _imports(p)
             if mod == "kclint.pipeline" and name in ("FileResult", "same_file")]
    assert users == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_renderer_takes_results_and_options(fmt: str) -> None:
    import importlib

    params = list(inspect.signature(importlib.import_module(f"kclint.report.{fmt}").render).parameters.values())
    assert [p.name for p in params] == ["results", "options"]
    assert params[1].default == ReportOptions()


@pytest.mark.parametrize(("fmt", "extra"), [(fmt, ()) for fmt in FORMATS]
                         + [("json", ("--statistics", "--summary")), ("text", ("--statistics",)),
                            ("text", ("--summary",)), ("text", ("--statistics", "--summary"))])
def test_the_cli_prints_exactly_what_the_renderer_returns(data_dir: Path, fmt: str, extra: tuple[str, ...]) -> None:
    from kclint.batch import run_batch

    files = [str(p) for p in sorted(data_dir.glob("*.txt"))]
    _, out, _ = run(*files, "--format", fmt, "--no-color", *extra)
    results = run_batch(files, RunOptions(today=dt.date(2026, 11, 24), select=CLI_SELECT.split(",")), jobs=1)
    expected = render(fmt, results, ReportOptions(statistics="--statistics" in extra, schools="--summary" in extra))
    assert out == expected


def test_json_tables_are_keys_added_to_the_same_report(data_dir: Path) -> None:
    files = [str(p) for p in sorted(data_dir.glob("*.txt"))]
    plain = json.loads(run(*files, "--format", "json")[1])
    both = json.loads(run(*files, "--format", "json", "--statistics", "--summary")[1])
    assert {k: v for k, v in both.items() if k not in ("statistics", "schools")} == plain
    assert list(both) == [*plain, "statistics", "schools"]


@pytest.mark.parametrize("lang", w.LANGS)
@pytest.mark.parametrize("fmt", ["text", "html"])
def test_human_reports_name_levels_and_kinds_in_words(data_dir: Path, fmt: str, lang: str) -> None:
    _, out, _ = run(str(data_dir / "mn_paragraph.txt"), "--format", fmt, "--lang", lang)
    assert w.LEVEL[lang]["mam_non"] in out and w.KIND[lang]["improvement"] in out
    assert not re.search(r"(?<![\w-])(mam_non|improvement|unknown)\b", out)


def test_the_desk_shows_the_report_words() -> None:
    pytest.importorskip("starlette")
    from starlette.testclient import TestClient

    from kclint.serve import create_app

    config = TestClient(create_app(), base_url="http://127.0.0.1:8750").get("/api/config").json()
    assert config["words"] == json.loads(json.dumps(w.desk_words()))
    app_js = (PACKAGE / "serve" / "static" / "app.js").read_text(encoding="utf-8")
    assert "Mầm non" not in app_js and "Cảnh báo\"" not in app_js  # one table, in Python
