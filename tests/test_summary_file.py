"""`--summary-file FILE.csv|FILE.xlsx`: the district summary as a spreadsheet, read back with csv and openpyxl."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import TODAY
from plan_docx import build_docx
from test_annotate import faulty_layout

from kclint.cli import main


@pytest.fixture
def district(tmp_path: Path, data_dir: Path) -> Path:
    folder = tmp_path / "phong"
    folder.mkdir()
    for name in ("mn_paragraph.txt", "thcs_table.txt"):
        (folder / name).write_text((data_dir / name).read_text(encoding="utf-8"), encoding="utf-8")
    build_docx(folder / "word.docx", faulty_layout())
    (folder / "hong.docx").write_bytes(b"PK\x03\x04 truncated")
    return folder


def _check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--today", TODAY.isoformat(), "--fail-on", "never", *args])
    return result.exit_code, result.stderr


def _expected(folder: Path) -> dict[str, dict]:
    import json

    result = CliRunner().invoke(main, ["check", str(folder), "--today", TODAY.isoformat(), "--format", "json"])
    return {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}


def test_csv_summary_one_row_per_file(district: Path, tmp_path: Path) -> None:
    out = tmp_path / "tong-hop.csv"
    code, err = _check(str(district), "--summary-file", str(out))
    assert code == 2 and "hong.docx" in err  # the broken file, as without --summary-file
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    head, body = rows[0], rows[1:]
    assert head[:8] == ["Tệp", "Trường", "Cấp học", "Loại kế hoạch", "Thời kỳ", "Lỗi", "Cảnh báo", "Ghi chú"]
    assert "Ngày tháng" in head and head[-2:] == ["Quy tắc gặp nhiều nhất", "Không đọc được"]
    by_name = {Path(r[0]).name: dict(zip(head, r, strict=True)) for r in body}
    assert sorted(by_name) == ["hong.docx", "mn_paragraph.txt", "thcs_table.txt", "word.docx"]
    expected = _expected(district)
    for name, row in by_name.items():
        findings = expected[name]["findings"]
        assert int(row["Lỗi"]) == sum(f["severity"] == "error" for f in findings)
        assert int(row["Cảnh báo"]) == sum(f["severity"] == "warning" for f in findings)
        assert int(row["Ngày tháng"]) == sum(f["category"] == "date" for f in findings)
        codes = {f["code"] for f in findings}
        assert all(part.split(" ×")[0] in codes for part in filter(None, row["Quy tắc gặp nhiều nhất"].split(", ")))
    word = by_name["word.docx"]
    assert word["Trường"] == "Trường Mầm non Hoa Sen" and word["Cấp học"] == "Mầm non"
    assert word["Loại kế hoạch"] == "Kế hoạch cải tiến chất lượng" and word["Thời kỳ"] == "2025-2026"
    assert word["Quy tắc gặp nhiều nhất"]
    assert by_name["hong.docx"]["Không đọc được"] and not by_name["word.docx"]["Không đọc được"]


def test_xlsx_summary_reads_back_in_english(district: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "summary.xlsx"
    _check(str(district), "--summary-file", str(out), "--lang", "en")
    sheet = openpyxl.load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("File", "School", "Level", "Plan kind", "Period") and "Top rules" in rows[0]
    word = next(r for r in rows[1:] if r[0].endswith("word.docx"))
    assert word[2] == "Preschool" and isinstance(word[5], int) and word[5] >= 1  # numbers stay numbers
    assert len(rows) == 5


def test_a_name_that_looks_like_a_formula_stays_text(tmp_path: Path, data_dir: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "=1+1.txt").write_text((data_dir / "mn_paragraph.txt").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _check("=1+1.txt", "--summary-file", str(tmp_path / "s.csv"))
    rows = list(csv.reader((tmp_path / "s.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[1][0].startswith("'")  # Excel shows it, never computes it
    openpyxl = pytest.importorskip("openpyxl")
    _check("=1+1.txt", "--summary-file", str(tmp_path / "s.xlsx"))
    cell = openpyxl.load_workbook(tmp_path / "s.xlsx").active["A2"]
    assert cell.data_type == "s" and cell.value == "=1+1.txt"


def test_summary_file_refusals_come_before_any_work(district: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    code, err = _check(str(district), "--summary-file", str(tmp_path / "s.ods"))
    assert code == 2 and ".csv" in err and ".xlsx" in err and "Traceback" not in err
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if the [xlsx] extra were not installed
    code, err = _check(str(district), "--summary-file", str(tmp_path / "s.xlsx"))
    assert code == 2 and "openpyxl" in err and "cần gói" in err and "needs openpyxl" in err
    code, err = _check(str(district), "--summary-file", str(district / "mn_paragraph.txt"))
    assert code == 2 and "mn_paragraph.txt" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["phong"]


@pytest.mark.parametrize("other", ["-o", "--write-baseline"])
def test_two_outputs_of_one_run_may_not_be_one_file(district: Path, tmp_path: Path, other: str) -> None:
    out = tmp_path / "bao-cao.csv"
    out.write_text("giữ nguyên", encoding="utf-8")
    target = str(out) if other == "-o" else str(tmp_path / "." / "bao-cao.csv")  # another spelling of the path
    code, err = _check(str(district / "mn_paragraph.txt"), other, target, "--summary-file", str(out))
    assert code == 2 and "bao-cao.csv" in err and "hai đầu ra" in err and "two outputs" in err
    assert out.read_text(encoding="utf-8") == "giữ nguyên"  # refused before anything was written
