"""``--min-severity`` and the ``min-severity`` key: what is shown, and so what can fail a run."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import cli_check

# KC302 (a wrong percentage) is a warning, KC102 (issued after today) an error.
PLAN = """TRƯỜNG TIỂU HỌC BẾN ĐÒ

Bến Đò, ngày 06 tháng 10 năm 2027

KẾ HOẠCH
Cải tiến chất lượng giáo dục năm học 2025 - 2026

I. MỤC TIÊU

Tỉ lệ hoàn thành chương trình: 40/50 đạt 81%.
"""


def _severities(out: str) -> set[str]:
    return {f["severity"] for f in json.loads(out)["files"][0]["findings"]}


def test_min_severity_hides_lower_findings_and_they_fail_nothing(tmp_path: Path) -> None:
    plan = tmp_path / "p.txt"
    plan.write_text(PLAN, encoding="utf-8")
    code, out, _ = cli_check(str(plan), "--format", "json", "--fail-on", "warning")
    assert {"warning", "error"} <= _severities(out) and code == 1
    code, out, _ = cli_check(str(plan), "--format", "json", "--min-severity", "error", "--fail-on", "warning")
    assert _severities(out) == {"error"} and code == 1
    code, out, _ = cli_check(str(plan), "--format", "json", "--ignore", "date", "--min-severity", "error",
                             "--fail-on", "warning")
    assert _severities(out) == set() and code == 0  # the warning is hidden, so it blocks nothing


def test_min_severity_config_key(tmp_path: Path) -> None:
    plan = tmp_path / "p.txt"
    plan.write_text(PLAN, encoding="utf-8")
    (tmp_path / "kclint.toml").write_text('min-severity = "error"\n', encoding="utf-8")
    _, out, _ = cli_check(str(plan), "--format", "json", "--config", str(tmp_path / "kclint.toml"))
    assert _severities(out) == {"error"}
    _, out, _ = cli_check(str(plan), "--format", "json", "--config", str(tmp_path / "kclint.toml"),
                             "--min-severity", "info")
    assert "warning" in _severities(out)  # the option wins over the key
