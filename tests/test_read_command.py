"""``kclint read``: what kclint read, in reading order, as text and as the JSON contract of the README."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_word_constructs import NUMBERING, SEPARATORS, note, textbox
from word_xml import docx, in_cell, p, tbl, tc, tr

from kclint.cli import main


def _read(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["read", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    numbered = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    body = (p("MỤC ĐÍCH", ppr=numbered) + p("Rà soát ", '<w:commentRangeStart w:id="0"/>', "hồ sơ",
                                             '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>',
                                             '<w:r><w:footnoteReference w:id="1"/></w:r>')
            + tbl(tr(tc(p("TT")), tc(p("Nội dung"))), tr(tc(p("1")), tc(p("Bồi dưỡng"), tbl(tr(tc(p("lồng")))))))
            + p("Neo", textbox(p("Hộp chữ"))))
    data = docx(body, headers=(p("Đầu trang"),), footers=(p("Chân trang"),), numbering=NUMBERING,
                footnotes=SEPARATORS + note("footnote", 1, "Chú thích."),
                comments='<w:comment w:id="0" w:author="Phó hiệu trưởng" w:initials="PHT" '
                         'w:date="2025-10-02T09:00:00Z"><w:p><w:r><w:t>Xem lại</w:t></w:r></w:p></w:comment>')
    path = tmp_path / "plan.docx"
    path.write_bytes(data)
    return path


def test_json_listing_has_the_documented_shape(plan: Path) -> None:
    code, out, _ = _read("--format", "json", str(plan))
    assert code == 0
    doc = json.loads(out)
    assert doc["version"] == 2 and set(doc) == {"version", "files"}
    (entry,) = doc["files"]
    assert set(entry) == {"path", "converted_from", "error", "blocks", "comments"}
    assert entry["path"] == str(plan) and entry["converted_from"] is None and entry["error"] is None
    shown = [(b["kind"], b["origin"], b.get("label"), b.get("text"), b.get("rows")) for b in entry["blocks"]]
    assert shown == [
        ("paragraph", "header", None, "Đầu trang", None),
        ("paragraph", "body", "I.", "I. MỤC ĐÍCH", None),
        ("paragraph", "body", None, "Rà soát hồ sơ", None),
        ("table", "body", None, None, [["TT", "Nội dung"], ["1", "Bồi dưỡng\nlồng"]]),
        ("paragraph", "body", None, "Neo", None),
        ("paragraph", "textbox", None, "Hộp chữ", None),
        ("paragraph", "footer", None, "Chân trang", None),
        ("paragraph", "footnote", None, " Chú thích.", None),
    ]
    assert entry["blocks"][2]["location"] == {"paragraph": 2, "table": None, "line": None}
    assert entry["blocks"][3]["location"] == {"paragraph": None, "table": 1, "line": None}
    for block in entry["blocks"]:
        assert set(block) == ({"kind", "origin", "label", "text", "location"} if block["kind"] == "paragraph"
                              else {"kind", "origin", "location", "rows"})
    (comment,) = entry["comments"]
    assert comment == {"id": "0", "author": "Phó hiệu trưởng", "initials": "PHT", "date": "2025-10-02T09:00:00Z",
                       "text": "Xem lại", "start": {"block": 2, "row": None, "column": None, "offset": 8},
                       "end": {"block": 2, "row": None, "column": None, "offset": 13}}


def test_text_listing_one_line_per_paragraph_or_row(plan: Path) -> None:
    code, out, _ = _read(str(plan))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == str(plan)
    assert [ln.split()[0] for ln in lines[1:]] == ["đầu", "thân", "thân", "thân", "thân", "thân", "hộp", "chân",
                                                   "chú", "nhận"]
    assert "[I.] MỤC ĐÍCH" in lines[2] and "đoạn 1" in lines[2]
    assert "bảng 1 hàng 2" in lines[5] and lines[5].endswith("1 | Bồi dưỡng␊lồng")
    assert lines[-1].endswith("Phó hiệu trưởng (thân đoạn 2): Xem lại")
    _, english, _ = _read("--lang", "en", str(plan))
    assert "body           paragraph 1" in english and "footnote" in english


def test_text_plans_are_listed_with_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\n\nA\tB\n1\t2\n", encoding="utf-8")
    code, out, _ = _read("--format", "json", str(path))
    blocks = json.loads(out)["files"][0]["blocks"]
    assert code == 0 and [b["location"]["line"] for b in blocks] == [1, 3]
    assert blocks[1]["rows"] == [["A", "B"], ["1", "2"]]


def test_bad_input_gets_the_messages_and_exit_code_of_check(tmp_path: Path, plan: Path) -> None:
    (tmp_path / "scan.docx").write_bytes(b"%PDF-1.7\n")
    (tmp_path / "cut.docx").write_bytes(b"PK\x03\x04" + b"\x14\x00" * 40)
    for name in ("scan.docx", "cut.docx", "missing.docx"):
        path = str(tmp_path / name)
        code, out, err = _read("--format", "json", path, str(plan))
        check = CliRunner().invoke(main, ["check", "--format", "json", path, str(plan)])
        assert code == check.exit_code == 2
        files = json.loads(out)["files"]
        checked = json.loads(check.stdout)["files"]
        assert files[0]["error"] == checked[0]["error"] and files[1]["error"] is None  # the batch goes on
        assert f"kclint: {files[0]['error']['message']}" in err and "Traceback" not in err
    code, _, err = _read(str(tmp_path / "empty-folder-that-does-not-exist"))
    assert code == 2


def test_cell_numbering_and_nested_tables_in_the_listing(tmp_path: Path) -> None:
    numbered = '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>'
    path = tmp_path / "cells.docx"
    path.write_bytes(docx(in_cell(p("Rà soát", ppr=numbered) + p("Bồi dưỡng", ppr=numbered)), numbering=NUMBERING))
    (entry,) = json.loads(_read("--format", "json", str(path))[1])["files"]
    assert entry["blocks"][0]["rows"] == [["Ô đầu", "1. Rà soát\n2. Bồi dưỡng"]]
