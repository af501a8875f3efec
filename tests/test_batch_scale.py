"""Batches at scale: what the parent keeps per plan, reports unchanged by it, the time budget on a slow header."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import gc
import json
import pickle
import time
import tracemalloc
from pathlib import Path

import pytest
from helpers import cli_check as run
from plan_docx import build_docx
from test_annotate import faulty_layout

import kclint.batch as batch
import kclint.parse
import kclint.results as results
from kclint.engine import RunOptions
from kclint.pipeline import check_file
from kclint.report import FORMATS, html
from kclint.report.html import escape
from kclint.results import FileResult, PackedFindings

MEMORY_BOUND_KIB = 50  # issue 18: the batch parent grows by at most this per plan


@pytest.fixture
def district(tmp_path: Path, data_dir: Path) -> Path:
    """Text plans, Word plans and a damaged file: every kind of result a batch report shows."""
    root = tmp_path / "phong-gd"
    for i, name in enumerate(["mn_paragraph.txt", "th_results.txt", "thcs_table.txt"]):
        school = root / f"truong-{i:02d}"
        school.mkdir(parents=True)
        (school / name).write_text((data_dir / name).read_text(encoding="utf-8"), encoding="utf-8")
    build_docx(root / "truong-00" / "ke-hoach.docx", faulty_layout())
    (root / "truong-01" / "hong.docx").write_bytes(b"PK\x03\x04 truncated")
    return root


def _every_output(folder: Path) -> dict[str, tuple[int, str, str]]:
    runs = {f"{fmt} {lang}": ("--format", fmt, "--lang", lang) for fmt in FORMATS for lang in ("vi", "en")}
    runs["text table"] = ("--statistics", "--summary", "--min-severity", "warning")
    runs["json table"] = ("--format", "json", "--statistics", "--summary", "--min-severity", "warning")
    return {name: run(str(folder), "--jobs", "1", *args) for name, args in runs.items()}


def test_packed_findings_change_no_output_byte(district: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every format of a batch is the same whether the parent keeps findings packed or as models."""
    packed = _every_output(district)
    assert any('"code": "KC' in out for _, out, _ in packed.values())  # findings were reported
    monkeypatch.setattr(results, "PackedFindings", list)  # FileResult keeps a plain list, as before packing
    assert _every_output(district) == packed


@pytest.fixture
def faulty(tmp_path: Path) -> Path:
    """A Word plan with eight findings."""
    return build_docx(tmp_path / "ke-hoach.docx", faulty_layout())


def test_packed_findings_read_back_as_they_went_in(faulty: Path) -> None:
    full = check_file(str(faulty), RunOptions(today=dt.date(2026, 11, 24)))
    assert full.plan is not None and isinstance(full.findings, list) and len(full.findings) > 3
    kept = full.without_plan()
    assert isinstance(kept.findings, PackedFindings) and len(kept.findings) == len(full.findings)
    assert list(kept.findings) == full.findings and kept.findings == full.findings
    assert kept.findings[1] == full.findings[1] and kept.findings[1:3] == full.findings[1:3]
    assert pickle.loads(pickle.dumps(kept)).findings == full.findings  # as a worker sends it to the parent
    assert not PackedFindings() and PackedFindings() == []


def test_html_report_of_packed_findings_shows_every_finding(faulty: Path) -> None:
    """The HTML report groups repeats by identity: packed findings (new objects at each read) must not vanish."""
    full = check_file(str(faulty), RunOptions(today=dt.date(2026, 11, 24)))
    packed = full.without_plan()
    assert isinstance(packed.findings, PackedFindings)
    as_list = dataclasses.replace(packed)
    as_list.findings = list(full.findings)  # after __post_init__: a plain list, as a kept-plan result has
    page = html.render([packed])
    assert page == html.render([as_list])
    assert all(escape(f.evidence) in page for f in full.findings)


def test_batch_parent_memory_per_plan_is_bounded(faulty: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """tracemalloc growth of a 200-plan in-process batch, per plan, against issue 18's 50 KiB bound.

    ``run_batch`` and the worker's step (:func:`batch._check_one`) run for real; only the check is
    replaced by a copy of one plan's result, so the test measures what the parent keeps, not how long
    200 checks take. The copy is fresh for every file (new findings objects, the summary rebuilt from
    the plan) as a worker's pickled result is; the plan is then dropped as the batch drops it.
    """
    full = check_file(str(faulty), RunOptions(today=dt.date(2026, 11, 24)))
    assert full.plan is not None and len(full.findings) >= 8
    frozen = pickle.dumps(list(full.findings))
    monkeypatch.setattr(batch, "check_file", lambda path, options, level: FileResult(
        path, plan=full.plan, findings=pickle.loads(frozen)))
    options = RunOptions(today=dt.date(2026, 11, 24))

    def growth_kib(n: int) -> float:
        gc.collect()
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            kept = batch.run_batch([f"/plans/truong-{i:04d}/ke-hoach.docx" for i in range(n)], options, jobs=1)
            gc.collect()
            grown = tracemalloc.get_traced_memory()[0] - before
        finally:
            tracemalloc.stop()
        assert len(kept) == n and all(r.plan is None for r in kept)
        return grown / 1024

    per_plan = (growth_kib(200) - growth_kib(20)) / 180
    # Half the bound: packed, this plan's results take about 5 KiB each; with its 8 findings as models, 36.
    assert 0 < per_plan < MEMORY_BOUND_KIB / 2, f"{per_plan:.1f} KiB per plan"


@pytest.fixture
def slow_plan(tmp_path: Path) -> Path:
    """Two Word plans; the header of one ('UBND XÃ ĐỒI CHẬM') will take far too long to parse."""
    folder = tmp_path / "plans"
    folder.mkdir()
    build_docx(folder / "a-nhanh.docx", faulty_layout())
    slow = faulty_layout()
    slow.left = ["UBND XÃ ĐỒI CHẬM", *slow.left[1:]]
    build_docx(folder / "b-cham.docx", slow)
    return folder


@pytest.mark.parametrize(("part", "lang"), [("parse_header", "vi"), ("parse_recipients_and_signer", "en")])
def test_the_time_budget_stops_a_slow_header(slow_plan: Path, monkeypatch: pytest.MonkeyPatch,
                                             part: str, lang: str) -> None:
    """The header and signature tables are parsed inside the per-file budget: a plan whose header part is
    slow becomes a timeout error (exit 2, the message in the chosen language) and the batch goes on."""
    real = getattr(kclint.parse, part)

    def slow(lines: list) -> object:
        if any("ĐỒI CHẬM" in line.text for line in lines):
            give_up = time.monotonic() + 30  # without a budget the test fails (a report for b-cham), not hangs
            while time.monotonic() < give_up:
                sum(range(100))
        return real(lines)

    monkeypatch.setattr(kclint.parse, part, slow)
    monkeypatch.setattr(batch, "check_file", functools.partial(check_file, timeout=0.5))
    code, out, err = run(str(slow_plan), "--format", "json", "--lang", lang)
    assert code == 2
    files = {Path(f["path"]).name: f for f in json.loads(out)["files"]}
    assert files["b-cham.docx"]["error"]["code"] == "timeout" and not files["b-cham.docx"]["findings"]
    assert files["a-nhanh.docx"]["error"] is None and files["a-nhanh.docx"]["findings"]
    said = {"vi": "kiểm tra tệp quá 0.5 giây nên đã dừng", "en": "checking took longer than 0.5 s and was stopped"}
    assert said[lang] in files["b-cham.docx"]["error"]["message"] and said[lang] in err and "b-cham.docx" in err
