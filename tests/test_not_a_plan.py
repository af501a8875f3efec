"""A file without any mark of a plan (a README, meeting notes) gets one info and no error; --force-plan checks it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import TODAY, plan_from_file, plan_from_text

from kclint.cli import main
from kclint.engine import NOT_A_PLAN, looks_like_plan

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared"

README = "# Thư mục của tổ chuyên môn\n\nMỗi tệp đặt tên theo tháng.\n\n## Cách dùng\n\n- Mở tệp bằng Word.\n"
NOTES = "Biên bản họp tổ\nNgày họp: thứ Hai, 5/9/2025\nThành phần: giáo viên trong tổ\nNội dung: lịch dự giờ.\n"


def _check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--today", TODAY.isoformat(), *args])
    return result.exit_code, result.stdout + result.stderr


def _findings(path: Path, *args: str) -> list[dict]:
    code, out = _check("--format", "json", str(path), *args)
    assert code in (0, 1), out
    return [f for r in json.loads(out)["files"] for f in r["findings"]]


@pytest.mark.parametrize("name,text", [("README.md", README), ("bien-ban.txt", NOTES)])
def test_a_file_that_is_not_a_plan_gets_exactly_one_info(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    found = _findings(path)
    assert [(f["code"], f["severity"]) for f in found] == [(NOT_A_PLAN, "info")]
    code, out = _check(str(path))
    assert code == 0 and "không phải kế hoạch — bỏ qua" in out
    code, out = _check("--lang", "en", str(path))
    assert code == 0 and "not a plan — skipped" in out


def test_the_hook_arguments_pass_on_a_readme(tmp_path: Path) -> None:
    """What the pre-commit hook runs (``kclint check FILES``, with the strictest documented --fail-on)."""
    (tmp_path / "README.md").write_text(README, encoding="utf-8")
    code, out = _check("--fail-on", "warning", str(tmp_path / "README.md"))
    assert code == 0, out


def test_force_plan_checks_it_as_a_plan_by_flag_or_config(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(README, encoding="utf-8")
    forced = _findings(path, "--force-plan")
    assert forced and NOT_A_PLAN not in {f["code"] for f in forced}
    assert any(f["severity"] == "error" for f in forced)  # a plan without a title, number, signer …
    (tmp_path / "kclint.toml").write_text("force-plan = true\n", encoding="utf-8")
    by_config = _findings(path, "--config", str(tmp_path / "kclint.toml"))
    assert [f["code"] for f in by_config] == [f["code"] for f in forced]


def test_selection_does_not_hide_the_info_but_ignoring_it_does(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(NOTES, encoding="utf-8")
    assert [f["code"] for f in _findings(path, "--select", "date")] == [NOT_A_PLAN]
    assert _findings(path, "--ignore", "not-a-plan") == []


def test_a_folder_run_checks_the_plan_and_skips_the_readme(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(README, encoding="utf-8")
    plan = (DATA / "mn_paragraph.txt").read_text(encoding="utf-8")
    (tmp_path / "plan.txt").write_text(plan.replace("năm 2025\n\nKẾ HOẠCH", "năm 2099\n\nKẾ HOẠCH"), encoding="utf-8")
    code, out = _check("--format", "json", str(tmp_path))
    assert code == 1, out  # the plan issued in 2099 has an error
    files = {Path(r["path"]).name: [f["code"] for f in r["findings"]] for r in json.loads(out)["files"]}
    assert files["README.md"] == [NOT_A_PLAN]
    assert "KC102" in files["plan.txt"] and NOT_A_PLAN not in files["plan.txt"]  # issued in the future


@pytest.mark.parametrize("text", [
    "KẾ HOẠCH\nNội dung.\n",
    "Lời mở đầu\nKế hoạch tổ chức hội thi cấp trường\n",  # a title in sentence case
    "Số: 12/KH-THCS\nNội dung chung.\n",
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nNội dung.\n",
    "Hải Phòng, ngày 12 tháng 9 năm 2025\nNội dung.\n",
    "Căn cứ Thông tư số 18/2018/TT-BGDĐT ngày 22/8/2018 của Bộ Giáo dục và Đào tạo;\n",
    "Tiêu chí 1.1: Phương hướng, chiến lược xây dựng và phát triển nhà trường\n",
    "Nơi nhận:\n- Phòng GDĐT;\n- Lưu: VT.\n",
    "HIỆU TRƯỞNG\n\nNguyễn Văn A\n",
])
def test_any_one_mark_of_a_plan_is_enough(text: str) -> None:
    assert looks_like_plan(plan_from_text(text))


@pytest.mark.parametrize("text", [README, NOTES, "Ghi chú\n\nMang theo máy tính.\n"])
def test_text_without_a_mark_is_not_a_plan(text: str) -> None:
    assert not looks_like_plan(plan_from_text(text))


def _plans() -> list[Path]:
    own = sorted(DATA.glob("*.txt"))
    shared = [p for d in ("seeds", "dev") for p in sorted((SHARED / d).glob("*"))
              if p.suffix in (".docx", ".txt")] if SHARED.is_dir() else []
    return own + shared


@pytest.mark.parametrize("path", _plans(), ids=lambda p: p.name)
def test_every_sample_plan_looks_like_a_plan(path: Path) -> None:
    assert looks_like_plan(plan_from_file(path))
