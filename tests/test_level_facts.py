"""Levels outside labelled items (issue 15): ``Plan.facts.levels`` from running prose, a plan table's rows and a
bullet whose label says 'the current state', judged by KC202/KC210/KC211 where no item covers the criterion;
levels of another subject (the school's accreditation, a standard, a past year, a list of criteria, a level not
reached) stay silent. Each case in text and Word, the corrected plan silent."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import plan_from_file, plan_from_text, run
from plan_docx import PlanLayout, build_docx

from kclint.model import Plan, SchoolLevel, Severity

_TITLE = ["KẾ HOẠCH", "Cải tiến chất lượng giáo dục năm học 2025-2026"]
_HEAD = "KẾ HOẠCH\nCải tiến chất lượng giáo dục năm học 2025-2026\n\n"
_RESULTS = ("I. KẾT QUẢ TỰ ĐÁNH GIÁ\n\n\tTiêu chí\tKhông đạt\tMức 1\tMức 2\tMức 3\n"
            "\tTiêu chí 2.3\t\tX\tX\tX\n\tTiêu chí 4.1\t\tX\tX\t\n\nII. NỘI DUNG CẢI TIẾN\n\n")
_SCHEDULE = "\tThời gian\tNội dung công việc\tNgười thực hiện\tKết quả\n"


def _both(tmp_path: Path, body: str) -> list[Plan]:
    docx = build_docx(tmp_path / "p.docx", PlanLayout(title=_TITLE, body=body))
    return [plan_from_text(_HEAD + body), plan_from_file(docx)]


def _codes(plan: Plan) -> list[tuple[str, Severity, str]]:
    return [(f.code, f.severity, f.evidence) for f in run(plan, ["level"], level=SchoolLevel.TIEU_HOC)]


def _serious(plan: Plan) -> list[tuple[str, Severity, str]]:
    return [c for c in _codes(plan) if c[1] != Severity.INFO]


def _facts(plan: Plan) -> list[tuple[str, str, int]]:
    return [(f.criterion, f.role, f.level) for f in plan.facts.levels]


@pytest.mark.parametrize(("sentence", "evidence"), [
    ("Với tiêu chí 3.5 (Thiết bị), trường đang ở Mức 3; thiết bị phòng tin học đã cũ. Năm nay chỉ phấn đấu đạt "
     "Mức 2 do thiếu kinh phí.", "phấn đấu đạt Mức 2"),
    ("Tiêu chí 3.5 hiện đạt Mức 3, nhưng mục tiêu năm học này là Mức 2.", "Mức 2"),
])
def test_a_prose_target_below_the_level_reached(tmp_path: Path, sentence: str, evidence: str) -> None:
    for plan in _both(tmp_path, sentence + "\n"):
        assert ("3.5", "current", 3) in _facts(plan)
        assert ("KC211", Severity.ERROR, evidence) in _codes(plan)
    clean = sentence.replace("phấn đấu đạt Mức 2", "giữ vững Mức 3").replace("là Mức 2", "là giữ vững Mức 3")
    for plan in _both(tmp_path, clean + "\n"):
        assert not _serious(plan)


def test_a_schedule_row_target_the_criterion_lacks(tmp_path: Path) -> None:
    row = "\tTháng 11/2025\tTiêu chí 1.9 (đã đạt Mức 2): rà soát hồ sơ kế toán\tKế toán\t{result}\n"
    for plan in _both(tmp_path, _SCHEDULE + row.format(result="Đạt Mức 3")):
        assert ("1.9", "target", 3) in _facts(plan)
        assert next(c for c in _codes(plan) if c[0] == "KC210")[2] == "Đạt Mức 3"
    for plan in _both(tmp_path, _SCHEDULE + row.format(result="Duy trì Mức 2")):
        assert not _serious(plan)


def test_a_current_level_in_prose_against_the_results_table(tmp_path: Path) -> None:
    body = _RESULTS + "Đối với tiêu chí 4.1, nhà trường (đã đạt Mức {n}) sẽ họp ban đại diện mỗi học kỳ.\n"
    for plan in _both(tmp_path, body.format(n=3)):
        assert ("KC202", Severity.ERROR, "đạt Mức 3") in _codes(plan)
    for plan in _both(tmp_path, body.format(n=2)):
        assert not _serious(plan)


def test_a_current_state_bullet_inside_an_item(tmp_path: Path) -> None:
    body = ("* TC 2.3 – Đối với nhân viên\n\n+ Thực trạng: {n}; nhân viên chưa được bồi dưỡng.\n\n"
            "+ Chỉ tiêu: Đạt Mức 2\n\n+ Giải pháp: Cử nhân viên dự lớp bồi dưỡng.\n")
    for plan in _both(tmp_path, body.format(n="Mức 3")):
        found = _codes(plan)
        assert ("KC211", Severity.ERROR, "Đạt Mức 2") in found
        assert len([c for c in found if c[0] == "KC211"]) == 1  # the item's, not a second one from its facts
    for plan in _both(tmp_path, body.format(n="Mức 1")):
        assert not _serious(plan)


@pytest.mark.parametrize("sentence", [
    # the school's accreditation level, a standard's level, a past year's result, a list, a level not reached
    "Với tiêu chí 3.5, trường đã đạt kiểm định chất lượng giáo dục Mức 3; mục tiêu là đạt Mức 2 ở tiêu chí này.",
    "Tiêu chí 3.5 thuộc Tiêu chuẩn 3 đạt Mức 3. Mục tiêu của tiêu chí là duy trì Mức 2.",
    "Năm học 2022-2023, tiêu chí 3.5 đã đạt Mức 3. Mục tiêu là duy trì Mức 2.",
    "Các tiêu chí 3.5, 3.6 và 4.1 đã đạt Mức 3. Phấn đấu đạt Mức 2.",
    "Tiêu chí 3.5 chưa đạt Mức 3; phấn đấu đạt Mức 2.",
    "Tiêu chí 3.5 và tiêu chí 3.6 đã đạt Mức 3; năm nay các tiêu chí này duy trì Mức 2.",
])
def test_a_level_of_another_subject_says_nothing(tmp_path: Path, sentence: str) -> None:
    for plan in _both(tmp_path, sentence + "\n"):
        assert not [c for c in _codes(plan) if c[0] in ("KC202", "KC210", "KC211")]


_PROSE = ("Đối với tiêu chí 1.1, nhà trường sẽ rà soát chiến lược. Mục tiêu là duy trì Mức 3.\n\n"
          "Về tiêu chí 2.3, nhà trường cử nhân viên dự lớp bồi dưỡng. Phấn đấu đạt Mức 2.\n\n"
          "Đối với tiêu chí 3.1, nhà trường sẽ lát lại sân chơi. {target}\n")


def test_a_prose_criterion_without_target_beside_siblings_with_one(tmp_path: Path) -> None:
    for plan in _both(tmp_path, _PROSE.format(target="Sân chơi còn trơn trượt.")):
        found = [c for c in _codes(plan) if c[0] == "KC201"]
        assert [(c[1], c[2]) for c in found] == [(Severity.WARNING, "tiêu chí 3.1")]
    for plan in _both(tmp_path, _PROSE.format(target="Mục tiêu là đạt Mức 2.")):
        assert not _serious(plan)
    one_sibling = _PROSE.replace(" Phấn đấu đạt Mức 2.", "").format(target="Sân chơi còn trơn trượt.")
    for plan in _both(tmp_path, one_sibling):
        assert not [c for c in _codes(plan) if c[0] == "KC201"]  # one example is no convention


_ITEMS = ("Có 03 tiêu chí chưa đạt Mức 3, gồm 2.3, 3.2 và 4.1.\n\n"
          "\tTT\tTiêu chí\tMức hiện tại\tMức cần đạt\tNội dung công việc\tThời gian\n"
          "\t1\tTC 2.3 – Đối với nhân viên\t{a}\t3\tBồi dưỡng nghiệp vụ\tTháng 11/2025\n"
          "\t2\tTC 3.5 – Thiết bị\t{b}\t3\tBổ sung thiết bị\tTháng 12/2025\n")


@pytest.mark.parametrize(("a", "b", "found"), [
    ("3", "3", (Severity.ERROR, "TC 2.3 – Đối với nhân viên")),  # listed as not at Mức 3, said to be there
    ("2", "2", (Severity.WARNING, "TC 3.5 – Thiết bị")),  # absent from its standard's list, said to be below
    ("2", "3", None),
])
def test_a_current_level_against_a_list_of_criteria_not_reached(tmp_path: Path, a: str, b: str,
                                                                 found: tuple[Severity, str] | None) -> None:
    for plan in _both(tmp_path, _ITEMS.format(a=a, b=b)):
        got = [(c[1], c[2]) for c in _codes(plan) if c[0] == "KC202"]
        assert got == ([found] if found else [])


def test_a_bare_level_cell_is_quoted_with_its_criterion(tmp_path: Path) -> None:
    body = ("\tTT\tTiêu chí\tMức hiện tại\tMức cần đạt\tNội dung công việc\tThời gian\n"
            "\t1\tTC 3.5 – Thiết bị\t3\t2\tBổ sung thiết bị\tTháng 12/2025\n")
    for plan in _both(tmp_path, body):
        assert ("KC211", Severity.ERROR, "TC 3.5 – Thiết bị\t3\t2") in _codes(plan)


def test_headings_written_as_sentences_count_as_siblings(tmp_path: Path) -> None:
    body = ("Tiêu chí 1.1 (Phương hướng, chiến lược) đã đạt Mức 2. Nhà trường phấn đấu đạt Mức 3 bằng cách rà soát "
            "chiến lược.\n\nTiêu chí 2.3 (Đối với nhân viên) đang ở Mức 2. Nhà trường nâng lên Mức 3 bằng cách cử "
            "nhân viên dự lớp bồi dưỡng.\n\nĐối với tiêu chí 3.1 (Khuôn viên), sân chơi còn trơn trượt. {target}\n")
    for plan in _both(tmp_path, body.format(target="Nhà trường lát lại sân.")):
        assert [(c[1], c[2]) for c in _codes(plan) if c[0] == "KC201"] == [(Severity.WARNING, "tiêu chí 3.1")]
    for plan in _both(tmp_path, body.format(target="Nhà trường lát lại sân, phấn đấu đạt Mức 3.")):
        assert not _serious(plan)
