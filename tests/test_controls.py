"""Control characters and escape sequences never reach a person raw, and every report stays valid (issue 18: 11, 12).

A crafted plan or file name can carry ESC [2J (clear screen), OSC 0 (window title), OSC 52 (clipboard),
the one-character CSI 0x9B, NULs and form feeds. Every human renderer shows them as pictures (␛[2J), the
HTML reports stay valid HTML5, the XML and JSON outputs stay well-formed, and KC640 reports them.
"""

from __future__ import annotations

import io
import json
import os
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from plan_docx import PlanLayout, build_docx

from kclint.cli import main
from kclint.report import FORMATS
from kclint.safetext import has_control, visible

HOSTILE = "\x1b[2J\x1b]0;owned\x07\x1b]52;c;aGk=\x07\x9b31m\x08\x0c\x7f"
PLAN = ("KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n"
        f"Tổ chuyên môn rà soát{HOSTILE} minh chứng; hoàn thành: Tháng 13/2025.\n")
# What a terminal or a page would act on: every C0 control but tab and newline, DEL, and the C1 controls.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A text plan full of control sequences, under a name that holds one too."""
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "ke-hoach\x1b[2J.txt").write_text(PLAN, encoding="utf-8")
    return folder


def test_visible_shows_every_control_as_a_picture() -> None:
    assert visible("a\x1b[2Jb") == "a␛[2Jb"
    assert visible("\x9b31m") == "␛[31m"  # the 8-bit CSI is the 7-bit ESC [
    assert visible("x\ty\nz") == "x\ty\nz" and visible("x\ny", newlines=False) == "x␊y"
    assert visible("\udcff") == "\ufffd"
    assert all(not RAW.search(visible(chr(c))) for c in range(0x00, 0xA0))


@pytest.mark.parametrize("fmt", ["text", "html", "github", "junit"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_human_outputs_carry_no_raw_control(hostile: Path, fmt: str, lang: str) -> None:
    code, out, err = cli("check", str(hostile), "--format", fmt, "--lang", lang, "--today", "2026-11-24")
    assert code == 1, err
    assert not RAW.search(out) and not RAW.search(err)
    if fmt != "junit":  # XML drops what it cannot hold
        assert "␛[2J" in out


def test_the_terminal_report_is_neutralised_in_colour_too(hostile: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kclint.batch import run_batch
    from kclint.engine import RunOptions
    from kclint.report import ReportOptions, render

    results = run_batch([str(p) for p in hostile.iterdir()], RunOptions(), jobs=1)
    out = render("text", results, ReportOptions(color=True))
    # Only the renderer's own colour codes (ESC [ … m) remain; nothing from the plan.
    assert not RAW.search(re.sub("\x1b\\[[0-9;]*m", "", out)) and "␛[2J" in out


def test_kc640_reports_the_sequences_with_the_exact_evidence(hostile: Path) -> None:
    data = json.loads(cli("check", str(hostile), "--format", "json", "--select", "KC640")[1])
    (finding,) = data["files"][0]["findings"]
    assert finding["code"] == "KC640" and finding["evidence"] == "\x1b[2J"
    assert "␛]0;owned␇" in finding["message"] and "␛[31m" in finding["message"]
    assert finding["location"]["line"] == 3


def test_kc640_in_a_word_plan_and_silent_on_clean_text(tmp_path: Path) -> None:
    layout = PlanLayout(title=["KẾ HOẠCH", "Cải tiến chất lượng giáo dục năm học 2025-2026"],
                        body="Tổ chuyên môn rà soát\x9b2J minh chứng.\n\nHiệu trưởng\tchỉ đạo chung.")
    build_docx(tmp_path / "k.docx", layout)
    data = json.loads(cli("check", str(tmp_path / "k.docx"), "--format", "json", "--select", "KC640")[1])
    assert [f["evidence"] for f in data["files"][0]["findings"]] == ["\x9b2J"]
    (tmp_path / "clean.txt").write_text(PLAN.replace(HOSTILE, "\t"), encoding="utf-8")
    data = json.loads(cli("check", str(tmp_path / "clean.txt"), "--format", "json", "--select", "KC640")[1])
    assert data["files"][0]["findings"] == []


def _html5_errors(page: str) -> list:
    import html5lib

    parser = html5lib.HTMLParser(strict=False)
    parser.parse(page)
    return parser.errors


def test_the_html_report_is_valid_html5(hostile: Path, tmp_path: Path) -> None:
    pytest.importorskip("html5lib")
    from test_annotate import faulty_layout

    build_docx(hostile / "word.docx", faulty_layout())
    (hostile / "hong.docx").write_bytes(b"PK\x03\x04 broken")
    with open(os.path.join(os.fsencode(hostile), b"k\xff.txt"), "wb") as fh:
        fh.write(PLAN.encode("utf-8"))
    _, page, _ = cli("check", str(hostile), "--format", "html")
    assert _html5_errors(page) == [] and not RAW.search(page)


def test_xml_and_json_outputs_stay_well_formed(hostile: Path) -> None:
    with open(os.path.join(os.fsencode(hostile), b"k\xff.txt"), "wb") as fh:
        fh.write(PLAN.encode("utf-8"))
    for fmt in FORMATS:
        _, out, _ = cli("check", str(hostile), "--format", fmt)
        if fmt == "junit":
            ET.fromstring(out.encode("utf-8"))
        elif fmt in ("json", "sarif"):
            json.loads(out)
        elif fmt == "jsonl":
            assert all(json.loads(line) for line in out.splitlines())


def test_the_desk_page_and_downloads_are_neutralised(tmp_path: Path) -> None:
    pytest.importorskip("starlette")
    pytest.importorskip("html5lib")
    from starlette.testclient import TestClient

    from kclint.serve import Settings, create_app

    client = TestClient(create_app(Settings()), base_url="http://127.0.0.1:8750")
    layout = PlanLayout(title=["KẾ HOẠCH", "Cải tiến chất lượng giáo dục năm học 2025-2026"],
                        body="Tổ chuyên môn rà soát\x9b2J minh chứng; hoàn thành: Tháng 13/2025.")
    build_docx(tmp_path / "k.docx", layout)
    files = [("files", ("a\x1b[2J.txt", PLAN.encode("utf-8"), "text/plain")),
             ("files", ("k.docx", (tmp_path / "k.docx").read_bytes(), "application/octet-stream"))]
    views = client.post("/api/check", files=files).json()["files"]
    strings = json.dumps(views, ensure_ascii=False)
    assert not RAW.search(strings) and "␛[2J" in strings
    for view in views:
        page = client.get(f"/api/files/{view['id']}/report.html").text
        assert _html5_errors(page) == [] and not RAW.search(page)
    copy = client.get(f"/api/files/{views[1]['id']}/annotated.docx").content
    comments = zipfile.ZipFile(io.BytesIO(copy)).read("word/comments.xml").decode("utf-8")
    ET.fromstring(comments)
    assert "␛[2J" in comments and not has_control(comments.replace("\r", ""))
