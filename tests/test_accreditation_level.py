"""KC724: the school's accreditation grade (or national standard level) recognised as one grade and kept as
another. Each plan is written as ``.txt`` and ``.docx`` (tests/corpus/planfmt); the school is invented."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from corpus import planfmt

from kclint.engine import RunOptions, run_rules
from kclint.model import Finding, Plan
from kclint.parse import build_plan
from kclint.readers import read_document

TODAY = dt.date(2026, 11, 24)


def _plan(body: str, fmt: str, tmp_path: Path) -> Plan:
    src = planfmt.Plan(
        left=["UBND XÃ NAM CƯỜNG", "TRƯỜNG MẦM NON NAM CƯỜNG"],
        right=["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
        number="Số: 21/KH-MNNC", place_date="Nam Cường, ngày 20 tháng 9 năm 2025",
        title=["KẾ HOẠCH", "Cải tiến chất lượng giáo dục năm học 2025-2026"],
        blocks=planfmt.parse_body(body), recipients=["Nơi nhận:", "- Lưu: VT."], signer=["HIỆU TRƯỞNG", "Cao Thị Yến"])
    path = tmp_path / f"plan.{fmt}"
    path.write_bytes(planfmt.render_docx(src) if fmt == "docx" else planfmt.render_txt(src).encode())
    return build_plan(read_document(str(path)))


def _kc724(plan: Plan) -> list[Finding]:
    return [f for f in run_rules(plan, RunOptions(today=TODAY, select=["KC724"], strict=True)) if f.code == "KC724"]


CASES = {
    "paragraphs": ("I. THỰC TRẠNG\nTháng 5/2022, trường được công nhận lại đạt kiểm định chất lượng giáo dục "
                   "cấp độ 2.\n"
                   "II. MỤC TIÊU\nNăm học này, nhà trường {{g|giữ vững kiểm định chất lượng cấp độ 1=>giữ vững kiểm "
                   "định chất lượng cấp độ 2}}; phấn đấu đạt cấp độ 3 vào năm 2027.",
                   "giữ vững kiểm định chất lượng cấp độ 1"),
    "bullets": ("+ Đã đạt chuẩn quốc gia mức độ 1 (năm 2021).\n"
                "+ Tiếp tục {{g|duy trì chuẩn quốc gia mức độ 2=>duy trì chuẩn quốc gia mức độ 1}} và xây dựng "
                "trường học xanh.", "duy trì chuẩn quốc gia mức độ 2"),
    "table": ("| Nội dung | Kết quả |\n| Kiểm định chất lượng | Được công nhận đạt cấp độ 3 năm 2024 |\n"
              "| Mục tiêu | {{g|Duy trì cấp độ 2=>Duy trì cấp độ 3}} đến hết chu kỳ |", "Duy trì cấp độ 2"),
}


@pytest.mark.parametrize("fmt", ["txt", "docx"])
@pytest.mark.parametrize("case", list(CASES))
def test_grade_kept_other_than_recognised(case: str, fmt: str, tmp_path: Path) -> None:
    body, evidence = CASES[case]
    defect = _plan(planfmt.resolve(body, clean=False), fmt, tmp_path)
    (f,) = _kc724(defect)
    assert f.evidence == evidence and f.kind == "consistency.level"
    assert any(s.loc == f.location and evidence in s.text for s in defect.texts)
    assert _kc724(_plan(planfmt.resolve(body, clean=True), fmt, tmp_path)) == []


@pytest.mark.parametrize("fmt", ["txt", "docx"])
@pytest.mark.parametrize("body", [
    # a history: the latest recognition is the grade held
    "Năm 2017 trường được công nhận đạt kiểm định chất lượng giáo dục cấp độ 1; năm 2022 được công nhận đạt "
    "kiểm định chất lượng giáo dục cấp độ 2.\nDuy trì kiểm định chất lượng giáo dục cấp độ 2.",
    # a grade sought, not kept
    "Trường được công nhận đạt kiểm định chất lượng giáo dục cấp độ 2.\nPhấn đấu đạt cấp độ 3; đề nghị công "
    "nhận đạt kiểm định chất lượng giáo dục cấp độ 3 vào năm 2027.",
    # undated recognitions that disagree: which is current is unknown
    "Trường được công nhận đạt cấp độ 2.\nTrường được công nhận đạt cấp độ 3.\nDuy trì cấp độ 3.",
    # kept with no recognition stated
    "Duy trì kiểm định chất lượng giáo dục cấp độ 3 và chuẩn quốc gia mức độ 1.",
    # the national standard kept, the grade recognised: two wordings
    "Trường được công nhận đạt kiểm định chất lượng giáo dục cấp độ 3.\nGiữ vững chuẩn quốc gia mức độ 2.",
], ids=["history", "aimed", "undated", "no-recognition", "two-wordings"])
def test_silent(body: str, fmt: str, tmp_path: Path) -> None:
    assert _kc724(_plan(body, fmt, tmp_path)) == []
