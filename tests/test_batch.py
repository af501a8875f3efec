"""Batches: worker processes, deterministic order, a bad file among good ones, statistics, per-school summary."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from helpers import cli_check as run
from plan_docx import build_docx
from test_annotate import faulty_layout

import kclint.batch as batch
from kclint.engine import RunOptions
from kclint.report.tables import RuleCount
from kclint.report.text import render_statistics


@pytest.fixture
def district(tmp_path: Path, data_dir: Path) -> Path:
    """Schools' folders: text plans with and without problems, Word plans, one broken file in the middle."""
    root = tmp_path / "phong-gd"
    for i, name in enumerate(["mn_paragraph.txt", "th_results.txt", "thcs_table.txt"] * 3):
        school = root / f"truong-{i:02d}"
        school.mkdir(parents=True)
        text = (data_dir / name).read_text(encoding="utf-8")
        if i % 2:
            text = text.replace("Tháng 12/2025", "Trong năm học")
            text = text.replace("năm 2025\n\nKẾ HOẠCH", "năm 2029\n\nKẾ HOẠCH")
        (school / name).write_text(text, encoding="utf-8")
    build_docx(root / "truong-04" / "ke-hoach.docx", faulty_layout())
    (root / "truong-05" / "hong.docx").write_bytes(b"PK\x03\x04 truncated")
    return root


def test_jobs_do_not_change_the_report(district: Path) -> None:
    one = run(str(district), "--format", "json", "--jobs", "1")
    two = run(str(district), "--format", "json", "--jobs", "2")
    assert one[0] == two[0] == 2  # the broken file
    assert one[1] == two[1]
    files = json.loads(one[1])["files"]
    assert [f["path"] for f in files] == sorted(f["path"] for f in files)
    broken = [f for f in files if f["error"]]
    assert len(broken) == 1 and broken[0]["path"].endswith("hong.docx")
    assert sum(1 for f in files if f["findings"]) >= 5, "the files after the broken one were checked"
    assert "hong.docx" in one[2] and "Traceback" not in one[2] + two[2]


def test_a_crashing_file_is_reported_and_the_rest_go_on(monkeypatch: pytest.MonkeyPatch, district: Path) -> None:
    real = batch.check_file

    def flaky(path: str, *args: object) -> batch.FileResult:
        if "truong-01" in path:
            raise RecursionError("parser bug")
        return real(path, *args)

    monkeypatch.setattr(batch, "check_file", flaky)
    files = sorted(str(p) for p in district.rglob("*.txt"))
    results = batch.run_batch(files, RunOptions(today=dt.date(2026, 11, 24)), jobs=1)
    assert [r.path for r in results] == files
    crashed = [r for r in results if r.error]
    assert len(crashed) == 1 and crashed[0].error.code == "internal" and "parser bug" in crashed[0].error.vi
    assert all(r.summary is not None for r in results if not r.error)


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_batch_keeps_no_plan_model_unless_asked(district: Path, jobs: int) -> None:
    """A batch of thousands of plans keeps findings and a summary per file, not ~1 MB of plan model each."""
    files = sorted(str(p) for p in district.rglob("*.txt"))
    options = RunOptions(today=dt.date(2026, 11, 24))
    results = batch.run_batch(files, options, jobs=jobs)
    assert all(r.plan is None for r in results)
    assert all(r.summary is not None and r.summary.school_level.value != "unknown" for r in results)
    assert any(r.findings for r in results)
    kept = batch.run_batch(files, options, jobs=jobs, keep_plans=True)
    assert all(r.plan is not None for r in kept)
    assert [r.findings for r in kept] == [r.findings for r in results]
    assert [r.summary for r in kept] == [r.summary for r in results]


def test_unknown_rule_is_one_usage_error_not_one_per_file(district: Path) -> None:
    code, out, err = run(str(district), "--select", "KC999", "--jobs", "2")
    assert code == 2 and out == "" and err.count("KC999") == 1


def test_statistics(district: Path) -> None:
    code, out, _ = run(str(district), "--statistics")
    assert code == 2
    lines = out.splitlines()
    assert lines and all(re.fullmatch(r"  +\d+  KC\d{3,4}  \S.*", ln) and not re.search(r"\w-\w", ln) for ln in lines)
    counts = [int(ln.split()[0]) for ln in lines]
    assert counts == sorted(counts, reverse=True)
    data = json.loads(run(str(district), "--format", "json")[1])
    total = sum(len(f["findings"]) for f in data["files"])
    assert sum(counts) == total
    code, out, _ = run(str(district), "--format", "json", "--statistics")
    stats = json.loads(out)["statistics"]
    assert sum(s["count"] for s in stats) == total and set(stats[0]) == {"code", "rule", "count"}


def test_statistics_line_format() -> None:
    rows = [RuleCount("KC107", "vague-deadline", 12), RuleCount("KC101", "deadline-before-start", 3)]
    assert render_statistics(rows, "en") == "  12  KC107  Vague deadline\n   3  KC101  Completion before start\n"
    assert render_statistics(rows).startswith("  12  KC107  Thời hạn chung chung")  # the title people read


def test_summary_per_school(district: Path) -> None:
    code, out, _ = run(str(district), "--summary")
    assert code == 2
    assert "Trường Mầm non Hoa Sen" in out and "THCS LÊ LỢI" in out and "2025-2028" in out
    assert "Không đọc được" in out and "Tổng" in out
    row = next(ln for ln in out.splitlines() if "hong.docx" in ln)
    assert "?" in row
    data = json.loads(run(str(district), "--format", "json", "--summary", "--lang", "en")[1])
    schools = data["schools"]
    assert len(schools) == len(data["files"])
    assert set(schools[0]) == {"path", "school", "level", "kind", "period", "errors", "warnings", "infos",
                               "unreadable"}
    word = next(s for s in schools if s["path"].endswith("ke-hoach.docx"))
    assert word["school"] == "Trường Mầm non Hoa Sen" and word["level"] == "mam_non" and word["errors"] >= 3
    assert next(s for s in schools if s["unreadable"])["path"].endswith("hong.docx")
    en = run(str(district), "--summary", "--lang", "en")[1]
    assert "Unreadable" in en and "School" in en


def test_summary_and_statistics_need_a_table_format(district: Path) -> None:
    code, _, err = run(str(district), "--summary", "--format", "sarif")
    assert code == 2 and "--summary" in err


def test_progress_only_on_a_terminal() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert batch.show_progress(Tty())  # the report's destination does not matter (tests/test_terminal.py)
    assert not batch.show_progress(io.StringIO())


def test_progress_bar_draws_and_leaves_results_alone(district: Path) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    files = sorted(str(p) for p in district.rglob("*.txt"))[:3]
    screen = Tty()
    results = batch.run_batch(files, RunOptions(today=dt.date(2026, 11, 24)), jobs=1, progress=True,
                              progress_file=screen)
    assert [r.path for r in results] == files
    drawn = screen.getvalue()
    assert "3/3" in drawn and Path(files[-1]).name in drawn
    assert drawn.endswith("\x1b[2K"), "transient: the bar is erased, the report stays clean"


def test_no_progress_bar_in_a_pipe(district: Path) -> None:
    _, out, err = run(str(district), "--format", "json", "--jobs", "2")
    assert "\x1b[" not in out + err and "━" not in err


def test_default_jobs_is_the_cores() -> None:
    assert batch.default_jobs() >= 1
