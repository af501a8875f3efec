"""Baseline files: record, then report only new findings (file, code, evidence, section; counted)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kclint.cli import main
from kclint.engine import registry

VAGUE = registry()["KC107"].doc.fail_example  # one KC107 finding: 'Trong tháng'
NEW = "Thời gian thực hiện: Trong tháng"


def check(*args: str) -> tuple[int, dict]:
    r = CliRunner().invoke(main, ["check", "--today", "2026-11-24", "--select", "KC107", "--format", "json", *args])
    return r.exit_code, json.loads(r.stdout) if r.stdout.startswith("{") else {"stderr": r.stderr}


def evidence(doc: dict) -> list[str]:
    return [f["evidence"] for file in doc["files"] for f in file["findings"]]


def test_round_trip_reports_only_the_new_defect(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    plan = plans / "kh.txt"
    plan.write_text(VAGUE, encoding="utf-8")
    base = tmp_path / "kclint-baseline.json"
    code, doc = check(str(plans), "--write-baseline", str(base))
    assert code == 0 and evidence(doc) == [] and doc["summary"]["baselined"] == 1
    recorded = json.loads(base.read_text(encoding="utf-8"))
    assert recorded["version"] == 1
    assert recorded["findings"] == [{"file": "plans/kh.txt", "code": "KC107", "section": None,
                                     "evidence": "Trong tháng"}]
    # Paragraphs inserted above the old finding and a new, identical defect below: only the new one shows.
    plan.write_text(VAGUE.replace("Tiêu chí 1.6", "Đoạn mới.\n\nĐoạn mới nữa.\n\nTiêu chí 1.6", 1) + NEW + "\n",
                    encoding="utf-8")
    code, doc = check(str(plans), "--baseline", str(base))
    (found,) = [f for file in doc["files"] for f in file["findings"]]
    assert found["evidence"] == "Trong tháng" and found["location"]["line"] == 13
    assert doc["summary"]["baselined"] == 1
    text = CliRunner().invoke(main, ["check", "--today", "2026-11-24", "--select", "KC107", "--baseline", str(base),
                                     str(plans)]).stdout
    assert "1 lỗi đã ghi trong tệp baseline" in text


def test_no_baseline_no_key(tmp_path: Path) -> None:
    (tmp_path / "kh.txt").write_text(VAGUE, encoding="utf-8")
    _, doc = check(str(tmp_path / "kh.txt"))
    assert "baselined" not in doc["summary"] and evidence(doc) == ["Trong tháng"]


def test_config_key_is_relative_to_the_config_file(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "kh.txt").write_text(VAGUE, encoding="utf-8")
    (tmp_path / "kclint.toml").write_text('baseline = "memory/b.json"\n', encoding="utf-8")
    (tmp_path / "memory").mkdir()
    (tmp_path / "memory" / "b.json").write_text(json.dumps({"version": 1, "findings": [
        {"file": "../kh.txt", "code": "KC107", "section": None, "evidence": "Trong tháng"}]}), encoding="utf-8")
    monkeypatch.chdir(tmp_path / "memory")  # the config is found above; the path inside it is not cwd-relative
    code, doc = check(str(tmp_path / "kh.txt"))
    assert code == 0 and evidence(doc) == [] and doc["summary"]["baselined"] == 1


def test_a_bad_baseline_is_exit_2_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "kh.txt").write_text(VAGUE, encoding="utf-8")
    for content in ("{", '{"version": 2, "findings": []}', '{"version": 1, "findings": [{"file": 1}]}'):
        bad = tmp_path / "b.json"
        bad.write_text(content, encoding="utf-8")
        r = CliRunner().invoke(main, ["check", "--baseline", str(bad), str(tmp_path / "kh.txt")])
        assert r.exit_code == 2 and "b.json" in r.stderr and "Traceback" not in r.stderr
    r = CliRunner().invoke(main, ["check", "--baseline", str(tmp_path / "none.json"), str(tmp_path / "kh.txt")])
    assert r.exit_code == 2 and "none.json" in r.stderr


def test_write_baseline_never_overwrites_an_input(tmp_path: Path) -> None:
    plan = tmp_path / "kh.txt"
    plan.write_text(VAGUE, encoding="utf-8")
    r = CliRunner().invoke(main, ["check", "--write-baseline", str(plan), str(plan)])
    assert r.exit_code == 2 and plan.read_text(encoding="utf-8") == VAGUE
