"""Everyday conventions of the commands: NO_COLOR/FORCE_COLOR/--no-color, the configured language on every
command, the rule table at 100 columns, the progress bar on a terminal stderr, and `kclint fix --diff`."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import TODAY

from kclint.cli import main
from kclint.terminal import wants_color

ESC = "\x1b["


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("tty", "flag", "env", "color"), [
    (True, False, {}, True),
    (False, False, {}, False),
    (True, True, {}, False),  # --no-color
    (True, False, {"NO_COLOR": "1"}, False),
    (True, False, {"NO_COLOR": ""}, True),  # set but empty: not a request (no-color.org)
    (False, False, {"FORCE_COLOR": "1"}, True),  # into a pipe, for `less -R`
    (False, False, {"FORCE_COLOR": ""}, False),
    (False, False, {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),  # asking for none wins
    (False, True, {"FORCE_COLOR": "1"}, False),
])
def test_colour_follows_the_flag_then_no_color_then_force_color(tty: bool, flag: bool, env: dict[str, str],
                                                                 color: bool) -> None:
    assert wants_color(_Tty() if tty else io.StringIO(), flag, env) is color


def _plan(tmp_path: Path) -> Path:
    plan = tmp_path / "a.txt"
    plan.write_text("KẾ HOẠCH\nCải tiến chất lượng năm học 2025-2026\n\nThời hạn: Tháng 13/2025.\n",
                    encoding="utf-8")
    return plan


def _check(*args: str, env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(main, ["check", "--today", TODAY.isoformat(), "--fail-on", "never", *args],
                                env={"NO_COLOR": None, "FORCE_COLOR": None, **(env or {})})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_check_colours_a_pipe_only_when_asked(tmp_path: Path) -> None:
    plan = str(_plan(tmp_path))
    assert ESC not in _check(plan)  # CliRunner's stdout is no terminal
    forced = _check(plan, env={"FORCE_COLOR": "1"})
    assert ESC in forced and "KC105" in forced
    assert ESC not in _check(plan, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert ESC not in _check(plan, "--no-color", env={"FORCE_COLOR": "1"})
    report = tmp_path / "r.txt"  # a file gets plain text whatever the environment says
    _check(plan, "-o", str(report), env={"FORCE_COLOR": "1"})
    assert ESC not in report.read_text(encoding="utf-8")


def _rules(*args: str, env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(main, ["rules", *args],
                                env={"COLUMNS": "100", "NO_COLOR": None, "FORCE_COLOR": None, **(env or {})})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_rule_table_keeps_every_slug_whole_at_100_columns() -> None:
    table = _rules()
    lines = table.splitlines()
    assert max(len(line) for line in lines) <= 100
    rows = json.loads(_rules("--format", "json"))
    words = {w for line in lines for w in line.split()}
    missing = [r["rule"] for r in rows if r["rule"] not in words]
    assert not missing, f"slugs cut or wrapped at 100 columns: {missing}"
    assert all(r["code"] in words for r in rows)
    assert ESC not in table
    assert ESC in _rules(env={"FORCE_COLOR": "1"}) and ESC not in _rules("--no-color", env={"FORCE_COLOR": "1"})


def test_a_wide_terminal_also_shows_the_kind() -> None:
    rows = json.loads(_rules("--format", "json"))
    wide = _rules(env={"COLUMNS": "200"})
    assert "Kind" in wide and rows[0]["kind"] in wide
    assert "Kind" not in _rules()


@pytest.fixture
def english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder whose kclint.toml says lang = "en", as the working directory."""
    (tmp_path / "kclint.toml").write_text('lang = "en"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_configured_language_applies_to_rules_explain_and_fix(english: Path) -> None:
    runner = CliRunner()
    assert "Title" in _rules() and "Tên" in _rules("--lang", "vi")
    explained = runner.invoke(main, ["explain", "KC105"])
    assert explained.exit_code == 0 and "What it does" in explained.stdout
    assert "Quy tắc kiểm tra gì" in runner.invoke(main, ["explain", "KC105", "--lang", "vi"]).stdout
    plan = english / "p.txt"
    plan.write_text("KẾ HOẠCH\n\nNhà trường sửa caccs phòng học.\n", encoding="utf-8")
    fixed = runner.invoke(main, ["fix", str(plan)])
    assert fixed.exit_code == 0 and "1 change(s)" in fixed.stdout and "line 3" in fixed.stdout, fixed.output
    again = runner.invoke(main, ["fix", str(plan), "--force", "--lang", "vi"])
    assert "1 chỗ đã sửa" in again.stdout and "dòng 3" in again.stdout


def test_a_config_that_cannot_be_read_stops_rules_and_explain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "kclint.toml").write_text('lang = "fr"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for args in (["rules"], ["explain", "KC105"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2 and "lang" in result.stderr and "Traceback" not in result.output
    assert CliRunner().invoke(main, ["rules", "--lang", "vi"]).exit_code == 0  # the flag needs no config


# --- the progress bar: stderr a real terminal (a pty), stdout a file --------------------------------------

def test_progress_bar_on_a_terminal_stderr_while_stdout_goes_to_a_file(tmp_path: Path, data_dir: Path) -> None:
    pty = pytest.importorskip("pty")
    for i, name in enumerate(["mn_paragraph.txt", "th_results.txt", "thcs_table.txt"]):
        (tmp_path / f"{i}-{name}").write_text((data_dir / name).read_text(encoding="utf-8"), encoding="utf-8")
    master, slave = pty.openpty()
    screen: list[bytes] = []

    def drain() -> None:  # the bar must never block on a full terminal buffer
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the other end closed
                return
            if not chunk:
                return
            screen.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    report = tmp_path / "report.json"
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE")}
    with report.open("wb") as out:
        done = subprocess.run([sys.executable, "-m", "kclint", "check", str(tmp_path), "--format", "json",
                               "--jobs", "1", "--fail-on", "never", "--today", TODAY.isoformat()],
                              stdout=out, stderr=slave, env={**env, "TERM": "xterm"}, timeout=120, check=False)
    os.close(slave)
    reader.join(timeout=10)
    os.close(master)
    drawn = b"".join(screen).decode("utf-8", "replace")
    assert done.returncode == 0, drawn
    assert "3/3" in drawn and "kclint" in drawn, drawn
    text = report.read_text(encoding="utf-8")
    assert ESC not in text and len(json.loads(text)["files"]) == 3  # the report itself stays clean


# --- kclint fix: nothing to fix, --diff, normalisation shown ---------------------------------------------

def test_fix_writes_no_copy_when_there_is_nothing_to_fix(tmp_path: Path) -> None:
    plan = tmp_path / "a.txt"
    plan.write_text("KẾ HOẠCH\n\nNhà trường sửa các phòng học.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["fix", str(plan)])
    assert result.exit_code == 0 and "không có gì để sửa" in result.stdout, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_fix_diff_shows_the_changes_and_writes_nothing(tmp_path: Path) -> None:
    plan = tmp_path / "a.txt"
    plan.write_text("KẾ HOẠCH\n\nNhà trường sửa caccs phòng  học.\n", encoding="utf-8")
    before = plan.read_bytes()
    result = CliRunner().invoke(main, ["fix", str(plan), "--diff", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "2 change(s) would be made" in result.stdout and "“caccs” → “các”" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"] and plan.read_bytes() == before
    assert "--force" not in result.output  # a copy already there does not matter to --diff
    CliRunner().invoke(main, ["fix", str(plan)])
    assert CliRunner().invoke(main, ["fix", str(plan), "--diff"]).exit_code == 0


def test_a_normalisation_is_shown_as_one_not_as_two_identical_words(tmp_path: Path) -> None:
    plan = tmp_path / "a.txt"
    word = unicodedata.normalize("NFD", "Hoàn thành")
    plan.write_text(f"KẾ HOẠCH\n\n{word} việc sửa chữa phòng học.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["fix", str(plan), "--diff"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if "NFD → NFC" in line]
    assert lines, result.stdout
    assert all(" -> " not in line for line in lines)
