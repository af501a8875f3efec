"""The command line: JSON contract, exit codes, bad input, config validation, explain/rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kclint.cli import main


def _check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_shape(data_dir: Path) -> None:
    code, out, _ = _check(str(data_dir / "mn_paragraph.txt"), "--format", "json", "--today", "2026-11-24")
    data = json.loads(out)
    assert set(data) == {"version", "tool", "files", "summary"}
    assert data["version"] == 2 and data["tool"]["name"] == "kclint"
    f = data["files"][0]
    assert set(f) == {"path", "school_level", "plan_kind", "error", "findings"}
    assert f["school_level"] == "mam_non" and f["plan_kind"] == "improvement" and f["error"] is None
    assert set(data["summary"]) == {"files", "errors", "warnings", "infos"}
    for finding in f["findings"]:
        assert set(finding) == {"code", "rule", "category", "kind", "severity", "message", "evidence",
                                "location", "suggestion"}
        assert set(finding["location"]) == {"section", "criterion", "paragraph", "table", "row", "column", "line"}
    assert code in (0, 1)


def test_exit_codes(tmp_path: Path, data_dir: Path) -> None:
    text = (data_dir / "mn_paragraph.txt").read_text(encoding="utf-8")
    future = tmp_path / "future.txt"
    future.write_text(text.replace("năm 2025\n\nKẾ HOẠCH", "năm 2029\n\nKẾ HOẠCH"), encoding="utf-8")
    code, out, _ = _check(str(future), "--today", "2026-11-24", "--select", "KC102")
    assert code == 1 and "KC102" in out
    code, _, _ = _check(str(future), "--today", "2026-11-24", "--select", "KC102", "--fail-on", "never")
    assert code == 0
    code, _, _ = _check(str(data_dir / "mn_paragraph.txt"), "--today", "2026-11-24", "--select", "KC102")
    assert code == 0


def test_bad_file_in_batch_is_reported_and_batch_goes_on(tmp_path: Path, data_dir: Path) -> None:
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"%PDF-1.4 not a plan")
    good = tmp_path / "ok.txt"
    good.write_text((data_dir / "mn_paragraph.txt").read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = _check(str(tmp_path), "--format", "json", "--today", "2026-11-24")
    assert code == 2
    files = {Path(f["path"]).name: f for f in json.loads(out)["files"]}
    assert files["hong.docx"]["error"]["code"] == "pdf"
    assert files["ok.txt"]["error"] is None
    assert "hong.docx" in err and "Traceback" not in err


def test_unknown_selector_is_a_usage_error(data_dir: Path) -> None:
    code, _, err = _check(str(data_dir / "mn_paragraph.txt"), "--select", "KC999")
    assert code == 2 and "KC999" in err


def test_config_validation(tmp_path: Path, data_dir: Path) -> None:
    cfg = tmp_path / "kclint.toml"
    cfg.write_text('select = ["date"]\nbogus = 1\n', encoding="utf-8")
    code, _, err = _check(str(data_dir / "mn_paragraph.txt"), "--config", str(cfg))
    assert code == 2 and "bogus" in err
    cfg.write_text('[severity]\nKC102 = "info"\n', encoding="utf-8")
    plan = tmp_path / "p.txt"
    plan.write_text((data_dir / "mn_paragraph.txt").read_text(encoding="utf-8").replace(
        "năm 2025\n\nKẾ HOẠCH", "năm 2029\n\nKẾ HOẠCH"), encoding="utf-8")
    code, out, _ = _check(str(plan), "--config", str(cfg), "--select", "KC102", "--format", "json",
                          "--today", "2026-11-24")
    assert json.loads(out)["files"][0]["findings"][0]["severity"] == "info"
    assert code == 0


def test_output_never_overwrites_an_input(data_dir: Path, tmp_path: Path) -> None:
    plan = tmp_path / "p.txt"
    plan.write_text((data_dir / "mn_paragraph.txt").read_text(encoding="utf-8"), encoding="utf-8")
    before = plan.read_bytes()
    code, _, _ = _check(str(plan), "-o", str(plan))
    assert code == 2 and plan.read_bytes() == before


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_explain_and_rules(lang: str) -> None:
    result = CliRunner().invoke(main, ["explain", "KC101", "--lang", lang])
    assert result.exit_code == 0 and "KC101" in result.output
    assert ("Ví dụ sai" if lang == "vi" else "Example (fails)") in result.output
    result = CliRunner().invoke(main, ["rules", "--format", "json"])
    assert result.exit_code == 0 and any(r["code"] == "KC101" for r in json.loads(result.output))
    assert CliRunner().invoke(main, ["explain", "KC999"]).exit_code == 2


def test_readme_rule_table_is_current() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    table = CliRunner().invoke(main, ["rules", "--format", "markdown"]).output.strip()
    assert table in readme, "README rule table is stale: paste `kclint rules --format markdown`"
