"""`kclint fix`: a corrected copy for mechanical cases only; the input is never touched."""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

import docx
from click.testing import CliRunner
from plan_docx import PlanLayout, build_docx

from kclint.cli import main
from kclint.fix import fix_file

LINE = "Cải tạo caccs hạng mục, nâng</p> cao  chất lượng [bookmark: x1]Ðối với giáo viên &amp; nhân viên."


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_text_copy_fixes_the_mechanical_cases_only(tmp_path: Path) -> None:
    plan = tmp_path / "ke-hoach.txt"
    nfd = unicodedata.normalize("NFD", "Trường Mầm non")
    plan.write_text(f"KẾ HOẠCH\n\n*** Tôn tại**\n\n{LINE}\n\n{nfd}\n\nTrường trường học\n", encoding="utf-8")
    before = _digest(plan)
    target, changes = fix_file(str(plan))
    assert target == str(tmp_path / "ke-hoach.kclint-fixed.txt") and _digest(plan) == before
    text = Path(target).read_text(encoding="utf-8")
    assert "Cải tạo các hạng mục, nâng cao chất lượng Đối với giáo viên & nhân viên." in text
    assert "\nTôn tại\n" in text  # the stars go, the words stay (the typo itself needs a person)
    assert "Trường Mầm non" in text and unicodedata.is_normalized("NFC", text)
    assert "Trường trường học" in text  # a repeated word is a judgment call: reported, not fixed
    kinds = {c.kind for c in changes}
    assert kinds == {"text.artifact", "text.telex_residue", "text.spacing", "text.normalization"}


def test_docx_copy_edits_inside_runs_and_lists_what_spans_runs(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "p.docx", PlanLayout(title=["KẾ HOẠCH"], body=LINE + "\n\nCần swuar chữa"))
    d = docx.Document(str(path))
    last = d.paragraphs[-1]
    last.runs[0].text = "Cần sw"
    last.add_run("uar chữa").bold = True  # the slip now spans two runs: fixing it would lose formatting
    d.save(str(path))
    before = _digest(path)
    target, changes = fix_file(str(path), str(tmp_path / "out.docx"))
    assert _digest(path) == before
    fixed = docx.Document(target)
    texts = [p.text for p in fixed.paragraphs]
    assert "Cải tạo các hạng mục, nâng cao chất lượng Đối với giáo viên & nhân viên." in texts
    assert "Cần swuar chữa" in texts
    assert [c.before for c in changes if not c.applied] == ["swuar"]
    assert fixed.paragraphs[-1].runs[1].bold


def test_cli_never_overwrites(tmp_path: Path) -> None:
    plan = tmp_path / "a.txt"
    plan.write_text("KẾ HOẠCH\n\n" + LINE + "\n", encoding="utf-8")
    runner = CliRunner()
    first = runner.invoke(main, ["fix", str(plan)])
    assert first.exit_code == 0 and "caccs" in first.output
    again = runner.invoke(main, ["fix", str(plan)])
    assert again.exit_code == 2 and "--force" in again.stderr
    assert runner.invoke(main, ["fix", str(plan), "--force"]).exit_code == 0
    before = _digest(plan)
    same = runner.invoke(main, ["fix", str(plan), "-o", str(plan)])
    assert same.exit_code == 2 and _digest(plan) == before
    bad = tmp_path / "scan.docx"
    bad.write_bytes(b"%PDF-1.4")
    result = runner.invoke(main, ["fix", str(bad)])
    assert result.exit_code == 2 and "scan.docx" in result.stderr and "Traceback" not in result.output


def test_fix_applies_only_the_selected_findings(tmp_path: Path) -> None:
    plan = tmp_path / "a.txt"
    plan.write_text("KẾ HOẠCH\n\nNhà trường sửa caccs phòng  học.\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["fix", str(plan), "--ignore", "KC601"]).exit_code == 0
    text = (tmp_path / "a.kclint-fixed.txt").read_text(encoding="utf-8")
    assert "caccs phòng học" in text  # the spacing edit is applied, the ignored rule's is not
    assert runner.invoke(main, ["fix", str(plan), "--select", "KC601", "--force"]).exit_code == 0
    assert "các phòng  học" in (tmp_path / "a.kclint-fixed.txt").read_text(encoding="utf-8")
    (tmp_path / "kclint.toml").write_text('ignore = ["text.spacing"]\n', encoding="utf-8")
    result = runner.invoke(main, ["fix", str(plan), "--force", "--config", str(tmp_path / "kclint.toml")])
    assert result.exit_code == 0 and "các phòng  học" in (tmp_path / "a.kclint-fixed.txt").read_text(encoding="utf-8")


def test_json_report_carries_each_edit(tmp_path: Path) -> None:
    import json

    plan = tmp_path / "a.txt"
    plan.write_text("KẾ HOẠCH\n\nSửa chữa caccs phòng học; rà soát hồ sơ.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(plan), "--format", "json", "--fail-on", "never"])
    findings = json.loads(result.stdout)["files"][0]["findings"]
    telex = next(f for f in findings if f["code"] == "KC601")
    line = "Sửa chữa caccs phòng học; rà soát hồ sơ."
    edit = telex["edit"]
    assert line[edit["start"]:edit["end"]] == "caccs" and edit["replacement"] == "các"
    assert all(f["edit"] is None for f in findings if f["code"] != "KC601")


def test_fix_edits_a_cell_of_a_text_table(tmp_path: Path) -> None:
    plan = tmp_path / "t.txt"
    plan.write_text("KẾ HOẠCH\n\nTT\tNội dung\tThời gian\n1\tRà soát caccs hồ sơ\tTháng 9\n"
                    "2\tBổ sung thiết bị\tTháng 10\n", encoding="utf-8")
    target, changes = fix_file(str(plan))
    text = Path(target).read_text(encoding="utf-8")
    assert "1\tRà soát các hồ sơ\tTháng 9\n" in text and [c.after for c in changes if c.applied] == ["các"]


def test_fix_edits_a_paragraph_inside_a_word_table_cell(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "c.docx", PlanLayout(title=["KẾ HOẠCH"], body="Nội dung."))
    d = docx.Document(str(path))
    cell = d.add_table(rows=1, cols=2).rows[0].cells[1]
    cell.text = "Bổ sung thiết bị"
    cell.add_paragraph("Rà soát caccs hồ sơ")
    d.save(str(path))
    target, changes = fix_file(str(path), str(tmp_path / "out.docx"))
    fixed = docx.Document(target).tables[-1].rows[0].cells[1]
    assert [p.text for p in fixed.paragraphs] == ["Bổ sung thiết bị", "Rà soát các hồ sơ"]
    assert [(c.before, c.after) for c in changes] == [("caccs", "các")]


def _python_calls(fn) -> int:
    """Python-level calls (generator steps included) made by ``fn()``: a machine-independent cost."""
    import sys

    count = 0

    def profile(frame, event, arg) -> None:
        nonlocal count
        if event == "call":
            count += 1

    sys.setprofile(profile)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return count


def test_fix_is_linear_in_the_length_of_a_line_and_in_its_runs(tmp_path: Path) -> None:
    """Four times the text costs about four times the work (a quadratic fix would cost sixteen)."""
    slips = "Rà soát caccs hồ sơ,  bổ sung thiết bị [bookmark: b1]&amp; đồ dùng. "

    def text_cost(n: int) -> int:
        plan = tmp_path / f"long{n}.txt"
        plan.write_text("KẾ HOẠCH\n\n" + slips * n + "\n", encoding="utf-8")
        return _python_calls(lambda: fix_file(str(plan), force=True))

    def docx_cost(n: int) -> int:
        path = build_docx(tmp_path / f"runs{n}.docx", PlanLayout(title=["KẾ HOẠCH"], body="Nội dung."))
        d = docx.Document(str(path))
        p = d.add_paragraph()
        for _ in range(n):
            p.add_run("Rà soát caccs hồ sơ, ")
            p.add_run("bổ sung  thiết bị. ").italic = True
        d.save(str(path))
        return _python_calls(lambda: fix_file(str(path), str(tmp_path / f"out{n}.docx"), force=True))

    for cost in (text_cost, docx_cost):
        small, big = cost(200), cost(800)
        assert big < 5 * small, (cost.__name__, small, big)


def test_fix_runs_under_the_per_file_time_budget(tmp_path: Path) -> None:
    import pytest

    from kclint.errors import InputError

    plan = tmp_path / "a.txt"
    plan.write_text("KẾ HOẠCH\n\nRà soát caccs hồ sơ.\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        fix_file(str(plan), timeout=1e-9)
    assert err.value.code == "timeout" and not (tmp_path / "a.kclint-fixed.txt").exists()
