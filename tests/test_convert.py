""".doc, .rtf and .odt plans through LibreOffice: end to end when it is installed, the message when it is not.

CI installs Debian's ``libreoffice-writer-nogui``; the end-to-end tests are skipped only where
``soffice`` is absent. The guards (time limit, vetting of what LibreOffice writes, the private folder)
are tested with a stand-in ``soffice`` script, so they run everywhere.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from plan_docx import PlanLayout, build_docx

from kclint.cli import main
from kclint.errors import InputError
from kclint.readers import read_document
from kclint.readers.convert import soffice, to_docx

needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")

# A small plan with two seeded defects: an impossible date (KC105) and a typing residue (KC601).
PLAN = PlanLayout(
    left=["UBND XÃ AN PHÚ", "TRƯỜNG MẦM NON HOA SEN"], number="Số: 45/KH-MNHS",
    place_date="An Phú, ngày 06 tháng 10 năm 2025",
    title=["KẾ HOẠCH", "Cải tiến chất lượng giáo dục năm học 2025-2026"],
    body="I. MỤC ĐÍCH\n\nRà soát hồ sơ trước ngày 31/02/2026.\n\nII. TỔ CHỨC THỰC HIỆN\n\n"
         "Các tổ chuyên môn thwucj hiện.",
    recipients=["Nơi nhận:", "- Lưu: VT."], signer=["HIỆU TRƯỞNG", "Nguyễn Thị Lan"])


def _check(*args: str) -> tuple[int, dict, str]:
    result = CliRunner().invoke(main, ["check", "--format", "json", "--today", "2026-11-24", *args])
    return result.exit_code, json.loads(result.stdout), result.stderr


def _legacy(tmp_path: Path, fmt: str) -> Path:
    """The plan saved by LibreOffice itself as ``fmt`` (doc, odt, rtf)."""
    src = build_docx(tmp_path / "plan.docx", PLAN)
    d = docx.Document(str(src))
    d.add_paragraph("")  # Word ends a document with a paragraph; LibreOffice's .doc export drops a last table
    d.save(str(src))
    out = tmp_path / fmt
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice(), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                        "--convert-to", fmt, "--outdir", str(out), str(src)], check=True, capture_output=True,
                       timeout=120)
    return out / f"plan.{fmt}"


@needs_soffice
@pytest.mark.parametrize("fmt", ["doc", "odt", "rtf"])
def test_legacy_formats_are_checked_through_libreoffice(tmp_path: Path, fmt: str) -> None:
    path = _legacy(tmp_path, fmt)
    before = hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns
    doc = read_document(str(path))
    assert doc.converted_from == fmt and doc.source_format == "docx"
    texts = [getattr(b, "text", "") for b in doc.blocks]
    assert "Rà soát hồ sơ trước ngày 31/02/2026." in texts
    code, report, _ = _check(str(path))
    (entry,) = report["files"]
    assert code == 1 and entry["converted_from"] == fmt and entry["error"] is None
    found = {(f["code"], f["evidence"]) for f in entry["findings"]}
    assert ("KC105", "ngày 31/02/2026") in found and ("KC601", "thwucj") in found
    _, original, _ = _check(str(tmp_path / "plan.docx"))
    assert found == {(f["code"], f["evidence"]) for f in original["files"][0]["findings"]}
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before  # never touched
    text = CliRunner().invoke(main, ["check", "--no-color", "--today", "2026-11-24", str(path)]).stdout
    assert f"đã chuyển từ .{fmt} sang .docx bằng LibreOffice" in text


def test_without_libreoffice_the_message_says_what_to_install(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    files = {"plan.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + bytes(600),
             "plan.rtf": b"{\\rtf1\\ansi K\\'ea ho\\'e1ch}"}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(InputError) as err:
            read_document(str(tmp_path / name))
        assert err.value.code == ("legacy_doc" if name.endswith(".doc") else "rtf")
        for message in (err.value.vi, err.value.en):
            assert name in message and "libreoffice-writer-nogui" in message and "LibreOffice" in message
        assert "lưu lại dạng .docx" in err.value.vi and "save it as .docx" in err.value.en
    result = CliRunner().invoke(main, ["check", str(tmp_path / "plan.doc")])
    assert result.exit_code == 2 and "libreoffice-writer-nogui" in result.stderr and "Traceback" not in result.stderr


def _fake_soffice(tmp_path: Path, body: str) -> Path:
    """A stand-in ``soffice`` on PATH: a Python script with ``body``, given LibreOffice's arguments."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "soffice"
    script.write_text(f"#!{sys.executable}\nimport os, sys, time, pathlib\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return bin_dir


@pytest.mark.skipif(os.name == "nt", reason="a POSIX script stands in for soffice")
def test_a_conversion_that_hangs_is_stopped_and_leaves_nothing(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    pid_file = tmp_path / "pid"
    body = (f"pathlib.Path({str(pid_file)!r}).write_text(str(os.getpid()))\n"
            "os.system('sleep 60 &')\ntime.sleep(60)")
    monkeypatch.setenv("PATH", str(_fake_soffice(tmp_path, body)))
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    tempfile.tempdir = None
    try:
        started = time.monotonic()
        with pytest.raises(InputError) as err:
            to_docx(b"{\\rtf1 x}", "slow.rtf", "rtf", timeout=1.5)
        assert err.value.code == "timeout" and "slow.rtf" in err.value.en
        assert time.monotonic() - started < 15
    finally:
        tempfile.tempdir = None
    pid = int(pid_file.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("kclint-convert-")]  # private folder removed


@pytest.mark.skipif(os.name == "nt", reason="a POSIX script stands in for soffice")
@pytest.mark.parametrize(("written", "code"), [
    ("", "convert_failed"),  # LibreOffice wrote nothing
    ("PK\x05\x06" + "\x00" * 18, "not_word"),  # an empty zip
    ("DTD", "xml_unsafe"),  # a package with a DTD: what LibreOffice writes is vetted like any input
])
def test_what_libreoffice_writes_is_vetted_like_any_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         written: str, code: str) -> None:
    from word_xml import docx as word_package
    from word_xml import p, rewrite

    payload = tmp_path / "payload.docx"
    if written == "DTD":
        payload.write_bytes(rewrite(word_package(p("x")), lambda name, raw: raw.replace(
            b"?>", b"?><!DOCTYPE x [<!ENTITY y 'z'>]>", 1) if name == "word/document.xml" else raw))
    else:
        payload.write_bytes(written.encode("latin-1"))
    body = ("out = pathlib.Path(sys.argv[sys.argv.index('--outdir') + 1]); out.mkdir(parents=True)\n"
            f"data = pathlib.Path({str(payload)!r}).read_bytes()\n"
            "if data: (out / 'plan.docx').write_bytes(data)")
    monkeypatch.setenv("PATH", str(_fake_soffice(tmp_path, body)))
    (tmp_path / "plan.rtf").write_bytes(b"{\\rtf1 x}")
    with pytest.raises(InputError) as err:
        read_document(str(tmp_path / "plan.rtf"))
    assert err.value.code == code and "plan.rtf" in err.value.en


@pytest.mark.skipif(os.name == "nt", reason="a POSIX script stands in for soffice")
def test_libreoffice_runs_headless_with_a_private_profile_and_no_macros(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    seen = tmp_path / "seen.json"
    body = (f"import json; pathlib.Path({str(seen)!r}).write_text(json.dumps({{'argv': sys.argv[1:], "
            "'profile': [str(p) for p in pathlib.Path(sys.argv[1].split('=', 1)[1][7:]).rglob('*')], "
            "'xcu': next(pathlib.Path(sys.argv[1].split('=', 1)[1][7:]).rglob('*.xcu')).read_text()}))")
    monkeypatch.setenv("PATH", str(_fake_soffice(tmp_path, body)))
    (tmp_path / "plan.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"))
    with pytest.raises(InputError):
        read_document(str(tmp_path / "plan.doc"))  # the stand-in writes no .docx
    got = json.loads(seen.read_text())
    argv = got["argv"]
    assert argv[0].startswith("-env:UserInstallation=file://") and "--headless" in argv
    assert "--infilter=MS Word 97" in argv and argv[-1].endswith("plan.doc")
    assert not argv[-1].startswith(str(tmp_path))  # a private copy is converted, not the input
    assert "DisableMacrosExecution" in got["xcu"] and "<value>true</value>" in got["xcu"]
