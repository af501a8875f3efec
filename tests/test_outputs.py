"""Every output goes through one safe writer: atomic, never onto an input, never through a link (issue 18: 1-3, 13)."""

from __future__ import annotations

import ast
import errno
import hashlib
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from plan_docx import build_docx
from test_annotate import faulty_layout

import kclint
from kclint.cli import main
from kclint.outputs import OutputError, SafeWriter
from kclint.report import FORMATS

# A plan of our own with one mechanical slip for `fix` and a date defect for `check`.
PLAN = ("KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n"
        "Tổ chuyên môn rà soát  minh chứng; thời gian hoàn thành: Tháng 13/2025.\n")


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def two(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(PLAN, encoding="utf-8")
    b.write_text(PLAN.replace("rà soát", "kiểm tra"), encoding="utf-8")
    return a, b


# --- 1. links and inputs ---------------------------------------------------------------------------------

def test_fix_refuses_an_output_hard_linked_to_another_input(two: tuple[Path, Path]) -> None:
    a, b = two
    before = digest(b)
    os.link(b, a.with_name("a.kclint-fixed.txt"))
    code, _, err = cli("fix", str(a), str(b), "--force")
    assert code == 2 and "a.kclint-fixed.txt" in err and "b.txt" in err
    assert digest(b) == before


@pytest.mark.parametrize("force", [True, False])
def test_fix_never_writes_through_a_symlink(two: tuple[Path, Path], tmp_path: Path, force: bool) -> None:
    a, _ = two
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("keep me", encoding="utf-8")
    a.with_name("a.kclint-fixed.txt").symlink_to(elsewhere)
    code, _, err = cli("fix", str(a), *(["--force"] if force else []))
    assert code == 2 and "symlink" in err
    assert elsewhere.read_text(encoding="utf-8") == "keep me"


def test_a_dangling_symlink_is_refused_without_force(two: tuple[Path, Path], tmp_path: Path) -> None:
    a, _ = two
    missing = tmp_path / "created-through-the-link.txt"
    a.with_name("a.kclint-fixed.txt").symlink_to(missing)
    code, _, err = cli("fix", str(a))
    assert code == 2 and "symlink" in err and not missing.exists()


@pytest.mark.parametrize("how", ["symlink", "hardlink"])
def test_report_and_annotated_copy_refuse_links(tmp_path: Path, how: str) -> None:
    plan = tmp_path / "k.docx"
    build_docx(plan, faulty_layout())
    before = digest(plan)
    for target in (tmp_path / "report.json", tmp_path / "k.kclint.docx"):
        (target.symlink_to if how == "symlink" else target.hardlink_to)(plan)
        args = ["-o", str(target)] if target.suffix == ".json" else ["--annotate", "--force"]
        code, _, err = cli("check", str(plan), "--format", "json", *args)
        assert code == 2 and target.name in err, err
        target.unlink()
    assert digest(plan) == before


def test_the_writer_refuses_a_target_sharing_an_inode_with_any_input(tmp_path: Path) -> None:
    inputs = [tmp_path / f"{i}.txt" for i in range(3)]
    for p in inputs:
        p.write_text("x", encoding="utf-8")
    writer = SafeWriter([str(p) for p in inputs])
    os.link(inputs[2], tmp_path / "out.txt")
    with pytest.raises(OutputError) as caught:
        writer.write(str(tmp_path / "out.txt"), b"new")
    assert caught.value.code == "output_is_input" and "2.txt" in caught.value.en
    writer.write(str(tmp_path / "fresh.txt"), b"new")  # an ordinary target is written
    assert (tmp_path / "fresh.txt").read_bytes() == b"new"


def test_every_writer_goes_through_the_safe_writer(two: tuple[Path, Path], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    written: list[str] = []
    real = SafeWriter.write

    def spy(self: SafeWriter, target: str, *args: object, **kwargs: object) -> None:
        written.append(os.path.basename(target))
        real(self, target, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(SafeWriter, "write", spy)
    a, _ = two
    word = tmp_path / "w.docx"
    build_docx(word, faulty_layout())
    cli("fix", str(a))
    cli("check", str(word), "--annotate", "-o", str(tmp_path / "r.json"), "--format", "json")
    assert sorted(written) == ["a.kclint-fixed.txt", "r.json", "w.kclint.docx"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".kclint-")) == []  # no temp left


# Writing a file is the safe writer's business alone (the private temporary folders of the desk and of
# the LibreOffice conversion aside).
_MAY_WRITE = {"outputs.py", "serve/app.py", "readers/convert.py"}


def _writes(tree: ast.AST) -> list[int]:
    """Lines that write a file: ``open(…, "w"/"x"/"a")``, ``write_text``/``write_bytes``, ``os.replace``/``rename``."""
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        fn = node.func
        if isinstance(fn, ast.Attribute) and (fn.attr in ("write_text", "write_bytes") or (
                fn.attr in ("replace", "rename") and isinstance(fn.value, ast.Name) and fn.value.id == "os")):
            lines.append(node.lineno)
        elif isinstance(fn, ast.Name) and fn.id == "open":
            modes = [*node.args[1:2], *(k.value for k in node.keywords if k.arg == "mode")]
            if any(isinstance(m, ast.Constant) and set(str(m.value)) & set("wxa") for m in modes):
                lines.append(node.lineno)
    return lines


def test_no_module_but_the_writer_writes_files() -> None:
    root = Path(kclint.__file__).parent
    found = {str(p.relative_to(root)): _writes(ast.parse(p.read_text(encoding="utf-8")))
             for p in root.rglob("*.py")}
    assert {k: v for k, v in found.items() if v and k not in _MAY_WRITE} == {}


# --- 2. unwritable outputs -------------------------------------------------------------------------------

@pytest.mark.parametrize("where", ["directory", "missing folder", "through a file"])
def test_an_unwritable_report_is_exit_2_naming_the_path(two: tuple[Path, Path], tmp_path: Path, where: str) -> None:
    a, _ = two
    target = {"directory": tmp_path, "missing folder": tmp_path / "no" / "r.json",
              "through a file": a / "r.json"}[where]
    code, out, err = cli("check", str(a), "--format", "json", "-o", str(target))
    assert code == 2 and str(target) in err and "Traceback" not in err + out
    code, _, err = cli("fix", str(a), "-o", str(target))
    assert code == 2 and str(target) in err


@pytest.mark.parametrize("err_no", [errno.ENOSPC, errno.EIO, errno.EROFS])
def test_a_failed_write_keeps_the_old_report_whole(two: tuple[Path, Path], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch, err_no: int) -> None:
    a, _ = two
    report = tmp_path / "r.json"
    report.write_text('{"old": "report"}', encoding="utf-8")

    def fail(*args: object) -> None:
        raise OSError(err_no, os.strerror(err_no))

    monkeypatch.setattr(os, "replace", fail)  # the disk fills up (or fails) after the new report was written
    code, _, err = cli("check", str(a), "--format", "json", "-o", str(report))
    assert code == 2 and "r.json" in err and os.strerror(err_no) in err
    assert report.read_text(encoding="utf-8") == '{"old": "report"}'
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".kclint-")] == []


def test_the_writer_never_truncates_before_the_content_is_complete(tmp_path: Path) -> None:
    target = tmp_path / "copy.docx"
    target.write_bytes(b"old copy")

    def half_then_fail(tmp: str) -> None:
        Path(tmp).write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OutputError, match="No space left"):
        SafeWriter().write(str(target), half_then_fail)
    assert target.read_bytes() == b"old copy"


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640)])
def test_outputs_have_the_users_permissions(tmp_path: Path, umask: int, mode: int) -> None:
    old = os.umask(umask)
    try:
        SafeWriter().write(str(tmp_path / "out.txt"), b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "out.txt").stat().st_mode & 0o777 == mode


# --- 3. file names that are not UTF-8 --------------------------------------------------------------------

@pytest.fixture
def latin_name(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"k\xff.txt"), "wb") as fh:
        fh.write(PLAN.encode("utf-8"))
    return folder


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_a_name_that_is_not_utf8(latin_name: Path, fmt: str) -> None:
    code, out, err = cli("check", str(latin_name), "--format", fmt, "--no-color")
    assert code == 1 and "Traceback" not in err, err
    assert "k\ufffd.txt" in out or "k%EF%BF%BD.txt" in out
    report = latin_name.parent / f"r.{fmt}"
    report.write_text("previous", encoding="utf-8")
    code, _, err = cli("check", str(latin_name), "--format", fmt, "-o", str(report))
    assert code == 1 and report.read_bytes().decode("utf-8") != "previous"


def test_fix_and_annotate_notes_show_a_name_that_is_not_utf8(latin_name: Path) -> None:
    code, out, err = cli("fix", str(latin_name))
    assert code == 0 and "k\ufffd.kclint-fixed.txt" in out, out + err
    assert os.path.exists(os.path.join(os.fsencode(latin_name), b"k\xff.kclint-fixed.txt"))


# --- 13. kclint's own outputs are not plans -------------------------------------------------------------

def test_folder_runs_never_take_kclints_own_outputs(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "a.txt").write_text(PLAN, encoding="utf-8")
    build_docx(folder / "w.docx", faulty_layout())
    for _ in range(2):
        cli("fix", str(folder), "--force")
        cli("check", str(folder), "--annotate", "--force")
    names = sorted(p.name for p in folder.iterdir())  # w.docx has nothing to fix: no copy of it
    assert names == ["a.kclint-fixed.txt", "a.txt", "w.docx", "w.kclint.docx"]
    data = json.loads(cli("check", str(folder), "--format", "json")[1])
    assert sorted(Path(f["path"]).name for f in data["files"]) == ["a.txt", "w.docx"]


def test_a_named_copy_is_never_given_a_second_mark(two: tuple[Path, Path]) -> None:
    a, _ = two
    cli("fix", str(a))
    fixed = a.with_name("a.kclint-fixed.txt")
    code, _, err = cli("fix", str(fixed), "--force")  # its own copy would be itself: refused, not stacked
    assert code == 2 and "a.kclint-fixed.txt" in err
    assert not a.with_name("a.kclint-fixed.kclint-fixed.txt").exists()
