"""Structure (KC550-KC551) and the plan's periods (KC720-KC722), in text exports and Word files."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import plan_from_file, plan_from_text, run
from plan_docx import PlanLayout, build_docx

from kclint.model import Finding, Severity

HEAD = "Số: 15/KH-THPĐ\n\nPhú Đông, ngày 06 tháng 10 năm 2025\n\nKẾ HOẠCH\n" \
       "Cải tiến chất lượng nhà trường năm học 2025-2026\n\n"


def check(body: str, code: str, head: str = HEAD) -> list[Finding]:
    return run(plan_from_text(head + body), [code])


def check_docx(tmp_path: Path, body: str, code: str) -> list[Finding]:
    path = build_docx(tmp_path / "plan.docx", PlanLayout(
        left=["UBND PHƯỜNG PHÚ ĐÔNG", "TRƯỜNG TIỂU HỌC PHÚ ĐÔNG"], number="Số: 15/KH-THPĐ",
        place_date="Phú Đông, ngày 06 tháng 10 năm 2025",
        title=["KẾ HOẠCH", "Cải tiến chất lượng nhà trường năm học 2025-2026"], body=body,
    ))
    return run(plan_from_file(path), [code])


def paras(*lines: str) -> str:
    return "".join(f"{line}\n\n" for line in lines)


# ----------------------------------------------------------------------------- numbering


ROMAN_GAP = paras("I. MỤC ĐÍCH", "Nâng cao chất lượng.", "II. CĂN CỨ", "Căn cứ báo cáo tự đánh giá.",
                  "V. TỔ CHỨC THỰC HIỆN", "Các tổ thực hiện.")
ROMAN_OK = ROMAN_GAP.replace("V. TỔ CHỨC", "III. TỔ CHỨC")


def test_roman_gap_text_and_word(tmp_path: Path) -> None:
    [f] = check(ROMAN_GAP, "KC550")
    assert f.evidence == "V. TỔ CHỨC THỰC HIỆN" and f.severity == Severity.ERROR and "III, IV" in f.message.vi
    assert check(ROMAN_OK, "KC550") == []
    [g] = check_docx(tmp_path, ROMAN_GAP, "KC550")
    assert g.evidence == "V. TỔ CHỨC THỰC HIỆN" and g.location.paragraph is not None
    assert check_docx(tmp_path, ROMAN_OK, "KC550") == []


ARABIC_GAP = paras("I. CĂN CỨ", "1. Báo cáo tự đánh giá năm học 2024-2025.", "2. Các văn bản hướng dẫn.",
                   "4. Kết quả cải tiến năm học 2024-2025.", "5. Định hướng của địa phương.",
                   "II. TỔ CHỨC THỰC HIỆN", "1. Hiệu trưởng", "2. Các tổ chuyên môn")


def test_arabic_gap_under_a_section(tmp_path: Path) -> None:
    [f] = check(ARABIC_GAP, "KC550")
    assert f.evidence == "4. Kết quả cải tiến năm học 2024-2025." and "3" in f.message.vi
    assert check(ARABIC_GAP.replace("4. Kết", "3. Kết").replace("5. Định", "4. Định"), "KC550") == []
    assert len(check_docx(tmp_path, ARABIC_GAP, "KC550")) == 1


def test_lists_restart_under_a_new_parent_or_run_on() -> None:
    restart = paras("I. MỤC ĐÍCH", "1. Mục đích", "2. Yêu cầu", "II. NỘI DUNG", "1. Rà soát", "2. Bổ sung",
                    "3. Báo cáo")
    assert check(restart, "KC550") == []
    run_on = paras("I. MỤC ĐÍCH", "1. Mục đích", "2. Yêu cầu", "II. NỘI DUNG", "3. Rà soát", "4. Bổ sung")
    assert check(run_on, "KC550") == []
    # A second list inside the same section starts again at 1: a new list, not a repeat.
    two_lists = paras("I. MỤC ĐÍCH", "1. Mục đích", "2. Yêu cầu", "Các yêu cầu cụ thể:", "1. Cụ thể", "2. Khả thi")
    assert check(two_lists, "KC550") == []


def test_numbers_that_follow_criterion_codes_are_not_a_list() -> None:
    body = paras("I. NỘI DUNG", "1. Tiêu chuẩn 1: Tổ chức và quản lý nhà trường",
                 "1.1. Tiêu chí 1.1: Phương hướng, chiến lược xây dựng và phát triển nhà trường",
                 "Mục tiêu cần đạt: Mức 3", "1.3. Tiêu chí 1.3: Tổ chức Đảng Cộng sản Việt Nam",
                 "Mục tiêu cần đạt: Mức 3", "3. Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học",
                 "3.2. Tiêu chí 3.2: Phòng học, phòng học bộ môn và khối phục vụ học tập",
                 "3.3. Mục tiêu cần đạt: Mức 2")
    assert check(body, "KC550") == []


def test_decimal_gap_repeat_and_late_start() -> None:
    decimal = paras("I. NỘI DUNG", "1. Rà soát", "1.1. Hồ sơ", "1.3. Minh chứng")
    [f] = check(decimal, "KC550")
    assert f.evidence == "1.3. Minh chứng" and "1.2" in f.message.vi
    [rep] = check(paras("I. NỘI DUNG", "1. Rà soát", "2. Bổ sung", "2. Báo cáo"), "KC550")
    assert rep.severity == Severity.WARNING and "lặp" in rep.message.vi
    [late] = check(paras("I. NỘI DUNG", "2. Bổ sung", "3. Báo cáo"), "KC550")
    assert late.severity == Severity.WARNING and late.evidence == "2. Bổ sung"
    [first] = check(paras("II. NỘI DUNG", "Rà soát.", "III. TỔ CHỨC THỰC HIỆN"), "KC550")
    assert first.severity == Severity.ERROR and first.evidence == "II. NỘI DUNG"


# ----------------------------------------------------------------------------- parts

FULL = paras("Căn cứ Thông tư số 17/2018/TT-BGDĐT ngày 22 tháng 8 năm 2018;", "I. MỤC ĐÍCH, YÊU CẦU",
             "Nâng cao chất lượng.", "II. NỘI DUNG VÀ GIẢI PHÁP",
             "Tiêu chí 1.1: Phương hướng, chiến lược xây dựng và phát triển nhà trường",
             "Mục tiêu cần đạt: Mức 2", "III. TỔ CHỨC THỰC HIỆN", "Hiệu trưởng chỉ đạo chung.")
TABLE_CONTENT = (
    "II. NỘI DUNG\n\nTT\tTiêu chuẩn, tiêu chí\tKết quả cần đạt\tCông việc/giải pháp cần thực hiện\t"
    "Chủ trì và phối hợp thực hiện\tThời gian thực hiện và hoàn thành\n"
    "1\tTiêu chí 1.1\tĐạt Mức 2\tRà soát chiến lược\tHiệu trưởng\tTháng 12/2025\n\n"
)


def serious(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity != Severity.INFO]


def test_missing_parts(tmp_path: Path) -> None:
    assert serious(check(FULL, "KC551")) == []
    [f] = serious(check(FULL.replace("III. TỔ CHỨC THỰC HIỆN", "Ghi chú").replace("Căn cứ Thông tư", "Theo Thông tư"),
                        "KC551"))
    assert f.kind == "structure.missing_part" and f.severity == Severity.WARNING
    assert "căn cứ" in f.message.vi and "tổ chức thực hiện" in f.message.vi
    assert f.evidence == "Cải tiến chất lượng nhà trường năm học 2025-2026"
    assert serious(check_docx(tmp_path, FULL, "KC551")) == []
    assert len(serious(check_docx(tmp_path, FULL.replace("II. NỘI DUNG VÀ GIẢI PHÁP", "Ghi chú").replace(
        "Tiêu chí 1.1: ", "Phần 1.1: "), "KC551"))) == 1


def test_an_improvement_plan_needs_no_state_heading() -> None:
    # Real improvement plans often fold the current state into the content: no heading of its own is asked.
    assert check(FULL, "KC551") == []


# Every part under other words than FULL's, numbered otherwise (letters, then roman), without items: the
# heading's meaning is what counts.
SYNONYMS = paras("A. CƠ SỞ PHÁP LÝ", "Thông tư số 17/2018/TT-BGDĐT.", "B. MỤC TIÊU", "Nâng cao chất lượng.",
                 "C. KẾT QUẢ ĐẠT ĐƯỢC", "Đạt Mức 2.", "D. KẾ HOẠCH CẢI TIẾN CỤ THỂ", "Rà soát hồ sơ.",
                 "Đ. PHÂN CÔNG NHIỆM VỤ", "Hiệu trưởng chỉ đạo chung.")


@pytest.mark.parametrize("drop, part", [
    ("A. CƠ SỞ PHÁP LÝ", "căn cứ"), ("B. MỤC TIÊU", "mục đích"), ("D. KẾ HOẠCH CẢI TIẾN CỤ THỂ", "nội dung"),
    ("Đ. PHÂN CÔNG NHIỆM VỤ", "tổ chức thực hiện"),
])
def test_parts_are_known_by_meaning(tmp_path: Path, drop: str, part: str) -> None:
    assert check(SYNONYMS, "KC551") == [] and check_docx(tmp_path, SYNONYMS, "KC551") == []
    for found in (check(SYNONYMS.replace(drop, "Ghi chú"), "KC551"),
                  check_docx(tmp_path, SYNONYMS.replace(drop, "Ghi chú"), "KC551")):
        [f] = found
        assert f.severity == Severity.WARNING and part in f.message.vi


# The four parts of an improvement plan in layouts that number nothing or number otherwise: each key drops one
# part by turning its heading into a note ('Ghi chú'); what remains must still be recognised.
PART_LAYOUTS = {
    "plain lines": (paras("Cơ sở xây dựng kế hoạch", "- Thông tư số 17/2018/TT-BGDĐT;", "Mục đích, yêu cầu",
                          "Nâng cao chất lượng.", "Nội dung cải tiến", "Rà soát hồ sơ.", "Tổ chức thực hiện",
                          "Hiệu trưởng chỉ đạo chung."),
                    {"basis": "Cơ sở xây dựng kế hoạch", "purpose": "Mục đích, yêu cầu",
                     "content": "Nội dung cải tiến", "organisation": "Tổ chức thực hiện"}),
    "run-in": (paras("1. Văn bản chỉ đạo: Thông tư số 17/2018/TT-BGDĐT.", "2. Mục tiêu: nâng cao chất lượng.",
                     "3. Nhiệm vụ và giải pháp: rà soát hồ sơ.", "4. Phân công thực hiện: Hiệu trưởng chỉ đạo chung."),
               {"basis": "Văn bản chỉ đạo:", "purpose": "Mục tiêu:", "content": "Nhiệm vụ và giải pháp:",
                "organisation": "Phân công thực hiện:"}),
    "part headings": (paras("Phần thứ nhất: Cơ sở pháp lý", "Thông tư số 17/2018/TT-BGDĐT.",
                            "Phần thứ hai: Mục tiêu", "Nâng cao chất lượng.", "Phần thứ ba: Biện pháp thực hiện",
                            "Rà soát hồ sơ.", "**Phần thứ tư: Trách nhiệm thực hiện**", "Hiệu trưởng chỉ đạo chung."),
                      {"basis": "Cơ sở pháp lý", "purpose": "Mục tiêu", "content": "Biện pháp thực hiện",
                       "organisation": "Trách nhiệm thực hiện"}),
    "table section rows": ("STT\tNội dung\tGhi chú\nI\tCơ sở xây dựng kế hoạch\t\n1\tThông tư số 17/2018/TT-BGDĐT\tBộ\n"
                           "II\tMục tiêu\t\n1\tNâng cao chất lượng\tCả năm\nIII\tKế hoạch cải tiến\t\n"
                           "1\tRà soát hồ sơ\tTháng 10/2025\nIV\tTổ chức thực hiện\t\n"
                           "1\tHiệu trưởng chỉ đạo chung\tCả năm\n\n",
                           {"basis": "Cơ sở xây dựng kế hoạch", "purpose": "Mục tiêu",
                            "content": "Kế hoạch cải tiến", "organisation": "Tổ chức thực hiện"}),
}
PART_NAMES = {"basis": "căn cứ", "purpose": "mục đích", "content": "nội dung", "organisation": "tổ chức thực hiện"}


@pytest.mark.parametrize("layout", PART_LAYOUTS)
def test_parts_in_any_layout(tmp_path: Path, layout: str) -> None:
    body, headings = PART_LAYOUTS[layout]
    assert check(body, "KC551") == [] and check_docx(tmp_path, body, "KC551") == []
    for key, heading in headings.items():
        dropped = body.replace(heading, "Ghi chú:" if heading.endswith(":") else "Ghi chú")
        for found in (check(dropped, "KC551"), check_docx(tmp_path, dropped, "KC551")):
            [f] = found
            assert f.severity == Severity.WARNING and PART_NAMES[key] in f.message.vi, (layout, key)


def test_fields_and_column_headers_are_not_parts(tmp_path: Path) -> None:
    # An item's 'Mục tiêu cần đạt:' label and a 'Mục tiêu' column header are fields, not the purpose part (the
    # targets they hold only lower the missing part to a note).
    no_purpose = FULL.replace("I. MỤC ĐÍCH, YÊU CẦU", "I. GHI CHÚ")
    table = no_purpose.replace("Mục tiêu cần đạt: Mức 2", "") + \
        "TT\tTiêu chí\tMục tiêu\tGiải pháp\n1\tTiêu chí 1.2\tMức 2\tRà soát\n\n"
    for body in (no_purpose, table):
        for found in (check(body, "KC551"), check_docx(tmp_path, body, "KC551")):
            [f] = found
            assert "mục đích" in f.message.vi
    # A sentence that mentions a part is not its heading.
    prose = no_purpose.replace("Nâng cao chất lượng.", "Mục tiêu của nhà trường là nâng cao chất lượng.")
    assert len(check(prose, "KC551")) == 1


def test_table_content_and_unnumbered_heading_count() -> None:
    body = paras("Căn cứ kết quả tự đánh giá năm học 2024-2025;", "I. MỤC TIÊU", "Nâng cao chất lượng.") \
        + TABLE_CONTENT + paras("TỔ CHỨC THỰC HIỆN", "Các tổ chuyên môn thực hiện.")
    assert serious(check(body, "KC551")) == []


SELF_HEAD = HEAD.replace("Cải tiến chất lượng nhà trường", "Tự đánh giá chất lượng giáo dục")
SELF = paras("Thực hiện Công văn số 5932/BGDĐT-QLCL ngày 28 tháng 12 năm 2018;", "I. MỤC ĐÍCH TỰ ĐÁNH GIÁ",
             "Rà soát chất lượng.", "II. HỘI ĐỒNG TỰ ĐÁNH GIÁ", "Thành lập hội đồng.",
             "III. DỰ KIẾN NGUỒN LỰC CẦN HUY ĐỘNG", "Hồ sơ, minh chứng của các tổ.", "IV. THỜI GIAN BIỂU",
             "Tháng 10/2025: thu thập minh chứng.", "V. TỔ CHỨC THỰC HIỆN", "Các nhóm thực hiện.")


def test_self_assessment_plan_parts() -> None:
    assert check(SELF, "KC551", SELF_HEAD) == []  # no content per criterion is asked of a self-assessment plan
    [f] = check(SELF.replace("I. MỤC ĐÍCH TỰ ĐÁNH GIÁ", "I. PHẠM VI"), "KC551", SELF_HEAD)
    assert f.severity == Severity.WARNING and "mục đích" in f.message.vi
    # The guidance's template has no 'tổ chức thực hiện' (the council's assignment is it), a plan may leave
    # the council to its founding decision, many skip the resources: such a part missing is info only.
    for drop, part in (("V. TỔ CHỨC THỰC HIỆN", "tổ chức thực hiện"), ("II. HỘI ĐỒNG TỰ ĐÁNH GIÁ", "hội đồng"),
                       ("IV. THỜI GIAN BIỂU", "thời gian"), ("III. DỰ KIẾN NGUỒN LỰC CẦN HUY ĐỘNG", "nguồn lực")):
        [info] = check(SELF.replace(drop, "Ghi chú"), "KC551", SELF_HEAD)
        assert info.severity == Severity.INFO and part in info.message.vi


def test_testing_plan_parts() -> None:
    testing = HEAD.replace("Cải tiến chất lượng nhà trường", "Khảo thí và kiểm định chất lượng giáo dục")
    plan = paras("Căn cứ Công văn số 1234/SGDĐT-QLCL;", "I. CÔNG TÁC KHẢO THÍ", "Tổ chức kiểm tra.",
                 "II. TỔ CHỨC THỰC HIỆN", "Tổ chuyên môn.")
    assert check(plan, "KC551", testing) == []  # no purpose or timetable heading is asked
    [f] = check(plan.replace("Căn cứ Công văn", "Công văn"), "KC551", testing)
    assert f.severity == Severity.WARNING and "căn cứ" in f.message.vi


def test_parts_catalog_names_known_parts_and_kinds() -> None:
    from kclint.catalog import PartCatalog, plan_parts
    from kclint.model import PlanKind

    catalog = plan_parts()
    assert set(catalog.kinds) == {k.value for k in PlanKind} - {"other"}
    data = catalog.model_dump(by_alias=True)
    data["kinds"]["improvement"]["advised"] = ["basis"]
    with pytest.raises(ValueError, match="both required and advised"):
        PartCatalog.model_validate(data)


# ----------------------------------------------------------------------------- periods


def test_target_by_the_end_of_a_past_year() -> None:
    goal = "Đến hết năm học 2024-2025, có thêm 03 tiêu chí đạt Mức 3."
    [f] = check(paras("I. MỤC TIÊU", goal, "II. THỰC TRẠNG", "Nhà trường có 18 lớp."), "KC720")
    assert f.evidence == "Đến hết năm học 2024-2025" and f.kind == "consistency.period"
    ok = goal.replace("2024-2025", "2025-2026")
    assert check(paras("I. MỤC TIÊU", ok), "KC720") == []
    # A result, or a target measured against the past year, names it by right.
    assert check(paras("I. THỰC TRẠNG", goal), "KC720") == []
    assert check(paras("I. MỤC TIÊU", "Phấn đấu tăng 5% học sinh giỏi so với năm học 2024-2025."), "KC720") == []


def test_group_row_of_another_year() -> None:
    rows = ["III. NỘI DUNG", "TT\tTiêu chí\tBiện pháp\tThời gian",
            "Học kỳ II năm học 2024-2025\t\t\t",
            "1\tTiêu chí 3.3\tBổ sung thiết bị\ttháng 02/2026 - tháng 4/2026"]
    [f] = check(paras(*rows), "KC720")
    assert f.evidence == "Học kỳ II năm học 2024-2025"
    assert check(paras(*[r.replace("2024-2025", "2025-2026") for r in rows]), "KC720") == []
    # The same words heading the results of the past year, with no task under them, are no group row.
    assert check(paras("II. THỰC TRẠNG", "Năm học 2024-2025", "Nhà trường có 18 lớp."), "KC720") == []


def test_closing_restates_another_period(tmp_path: Path) -> None:
    closing = "Trên đây là kế hoạch nâng cao chất lượng giáo dục, giai đoạn 2025 - 2030, các tổ triển khai./."
    [f] = check(paras("I. MỤC ĐÍCH", "Nâng cao chất lượng.", closing), "KC720")
    assert f.evidence == "giai đoạn 2025 - 2030" and f.kind == "consistency.period"
    ok = closing.replace("giai đoạn 2025 - 2030", "năm học 2025-2026")
    assert check(paras("I. MỤC ĐÍCH", "Nâng cao chất lượng.", ok), "KC720") == []
    assert len(check_docx(tmp_path, paras("I. MỤC ĐÍCH", closing), "KC720")) == 1
    # Citing another document's period is not a restatement of this plan's.
    cited = "Căn cứ kế hoạch phát triển giai đoạn 2021 - 2025 của nhà trường như sau:"
    assert check(paras(cited, "I. MỤC ĐÍCH"), "KC720") == []


CYCLE_HEAD = HEAD.replace("năm học 2025-2026", "giai đoạn 2024-2029")
# The cycle written one year off in a goal line, a '+' bullet, a labelled item and a table cell.
NEAR_CYCLE = {
    "goal": "1. Mục tiêu chung\n\n- Đưa các tiêu chí còn Mức 2 lên Mức 3 trong {c}, gắn với đầu tư của địa phương.\n\n",
    "plus": "+ Hoàn thành việc nâng cấp phòng học bộ môn trong {c}.\n\n",
    "label": "Tiêu chí 3.3: Thiết bị dạy học\n\nBiện pháp: bổ sung thiết bị theo lộ trình {c}.\n\n",
    "table": "TT\tTiêu chí\tBiện pháp\tThời gian\n1\tTiêu chí 3.3\tBổ sung thiết bị dạy học\t{c}\n",
}


@pytest.mark.parametrize("shape", NEAR_CYCLE)
@pytest.mark.parametrize("cycle", ["giai đoạn 2024-2028", "giai đoạn 2025 - 2029", "chu kỳ 2024–2030"])
def test_cycle_one_year_off(shape: str, cycle: str) -> None:
    [f] = check(NEAR_CYCLE[shape].format(c=cycle), "KC720", CYCLE_HEAD)
    assert f.evidence == cycle and f.severity == Severity.WARNING, f
    assert check(NEAR_CYCLE[shape].format(c="giai đoạn 2024-2029"), "KC720", CYCLE_HEAD) == []


@pytest.mark.parametrize("line", [
    "- Giai đoạn 2024-2026 nâng tiêu chí 3.3; giai đoạn 2027-2029 nâng tiêu chí 3.5.",  # phases of the cycle
    "- Thực hiện chiến lược phát triển nhà trường giai đoạn 2025-2029.",  # another document's period
    "Căn cứ Nghị quyết của Đảng ủy xã nhiệm kỳ 2024-2028 và giai đoạn 2024-2028;",
])
def test_phases_and_other_documents_are_not_the_plan_period(line: str) -> None:
    assert check(paras("I. MỤC ĐÍCH", line), "KC720", CYCLE_HEAD) == []


def test_one_year_plan_mentions_a_cycle_freely() -> None:
    assert check(paras("- Duy trì kết quả của giai đoạn 2025-2027."), "KC720") == []


def test_external_evaluation_period_given_twice(tmp_path: Path) -> None:
    basis = "Căn cứ kết quả đánh giá ngoài giai đoạn từ năm học 2019 - 2020 đến năm học 2023 - 2024;"
    later = "1. Kết quả đánh giá ngoài giai đoạn từ năm học 2018-2019 đến năm học 2022-2023"
    [f] = check(paras(basis, "II. THỰC TRẠNG", later), "KC721")
    assert f.evidence == "từ năm học 2018-2019 đến năm học 2022-2023"
    assert check(paras(basis, "II. THỰC TRẠNG", later.replace("2018-2019", "2019-2020").replace(
        "2022-2023", "2023-2024")), "KC721") == []
    # A self-assessment period differs freely.
    assert check(paras(basis, "Báo cáo tự đánh giá giai đoạn từ năm học 2018-2019 đến năm học 2022-2023."),
                 "KC721") == []
    assert len(check_docx(tmp_path, paras(basis, "II. THỰC TRẠNG", later), "KC721")) == 1


def test_results_achieved_in_the_planned_year() -> None:
    [f] = check(paras("II. NHỮNG KẾT QUẢ ĐẠT ĐƯỢC NĂM HỌC 2025-2026", "Hoàn thành chỉ tiêu."), "KC722")
    assert f.severity == Severity.INFO and f.evidence == "II. NHỮNG KẾT QUẢ ĐẠT ĐƯỢC NĂM HỌC 2025-2026"
    assert check(paras("II. NHỮNG KẾT QUẢ ĐẠT ĐƯỢC NĂM HỌC 2024-2025", "Hoàn thành chỉ tiêu."), "KC722") == []
    assert check(paras("II. CHỈ TIÊU PHẤN ĐẤU NĂM HỌC 2025-2026", "Giữ vững."), "KC722") == []


@pytest.mark.parametrize("code", ["KC720", "KC721", "KC722"])
def test_cycle_plans_without_restatement_pass(code: str) -> None:
    head = HEAD.replace("năm học 2025-2026", "giai đoạn 2025-2028")
    assert check(paras("I. MỤC ĐÍCH", "Trên đây là kế hoạch cải tiến giai đoạn 2025-2028./."), code, head) == []


def _points(*labels: str) -> str:
    head = "Số: 12/KH-THAB\n\nAn Bình, ngày 14 tháng 10 năm 2025\n\nKẾ HOẠCH\n" \
        "Cải tiến chất lượng giáo dục năm học 2025-2026\n\nI. MỤC TIÊU\n\n"
    return head + "".join(f"{lb}) Hoàn thành nội dung thứ {k}.\n\n" for k, lb in enumerate(labels, 1)) + \
        "II. TỔ CHỨC THỰC HIỆN\n\na) Hiệu trưởng chỉ đạo.\n\nb) Các tổ thực hiện.\n\n"


def test_lettered_points_gap_and_repeat_with_or_without_dd() -> None:
    found = run(plan_from_text(_points("a", "b", "c", "e")), ["KC550"])
    assert [(f.evidence.split(")")[0], "thiếu mục d." in f.message.vi) for f in found] == [("e", True)]
    found = run(plan_from_text(_points("a", "b", "b", "c")), ["KC550"])
    assert [f.evidence.split(")")[0] for f in found] == ["b"]
    for clean in (("a", "b", "c", "d", "e", "g"), ("a", "b", "c", "d", "đ", "e"), ("a", "b", "c", "d", "e", "f")):
        # 'e' then 'g' without 'đ': Latin lacks 'f', Vietnamese does not (tests/test_numbering_drawn.py): info
        assert [f for f in run(plan_from_text(_points(*clean)), ["KC550"]) if f.severity != Severity.INFO] == []


# ----------------------------------------------------------------------------- numbered table rows

_TT = "STT\tNội dung công việc\tNgười thực hiện\tThời gian"


def _tt_table(*rows: str) -> str:
    return paras("I. MỤC TIÊU", "Nâng cao chất lượng.", "II. NỘI DUNG") + "\n".join((_TT, *rows)) + "\n\n" + \
        paras("III. TỔ CHỨC THỰC HIỆN", "Hiệu trưởng chỉ đạo.")


def _row(label: str, task: str, who: str = "Tổ chuyên môn") -> str:
    return f"{label}\t{task}\t{who}\tTháng 11/2025"


def _vmerge_first_column(path: Path, rows: list[int]) -> Path:
    """Merge the number cell of each of ``rows`` (0-based table rows) into the one above, as Word does."""
    import docx
    doc = docx.Document(str(path))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "STT")
    for r in rows:
        table.cell(r, 0).text = ""
        table.cell(r - 1, 0).merge(table.cell(r, 0))
    doc.save(str(path))
    return path


def _docx_findings(tmp_path: Path, body: str, merged: list[int] | None = None) -> list[Finding]:
    path = build_docx(tmp_path / "plan.docx", PlanLayout(
        number="Số: 15/KH-THPĐ", place_date="Phú Đông, ngày 06 tháng 10 năm 2025",
        title=["KẾ HOẠCH", "Cải tiến chất lượng nhà trường năm học 2025-2026"], body=body))
    if merged:
        _vmerge_first_column(path, merged)
    return run(plan_from_file(path), ["KC550"])


def test_table_number_gap_and_repeat_quote_the_row_in_text_and_word(tmp_path: Path) -> None:
    tasks = ("Rà soát minh chứng", "Bồi dưỡng giáo viên", "Sửa chữa phòng học", "Báo cáo kết quả")

    def table(*labels: str) -> str:
        return _tt_table(*(_row(lb, task) for lb, task in zip(labels, tasks, strict=True)))

    for found in (check(table("1", "2", "4", "5"), "KC550"), _docx_findings(tmp_path, table("1", "2", "4", "5"))):
        [f] = found
        assert f.severity == Severity.ERROR and "thiếu mục 3" in f.message.vi
        assert f.evidence == _row("4", "Sửa chữa phòng học") and f.location.row == 3
    for found in (check(table("1", "2", "2", "3"), "KC550"), _docx_findings(tmp_path, table("1", "2", "2", "3"))):
        [f] = found
        assert f.severity == Severity.WARNING and f.evidence.startswith("2\tSửa chữa phòng học")
    assert check(table("1", "2", "3", "4"), "KC550") == [] and _docx_findings(tmp_path, table("1", "2", "3", "4")) == []


def test_merged_and_continued_rows_are_not_gaps_or_repeats(tmp_path: Path) -> None:
    # Row 2 continues row 1: its number cell merged down (Word), left empty, or the number written again beside
    # the same content (an export that repeats merged cells).
    rows = [_row("1", "Tiêu chí 1.6: số hóa hồ sơ"), _row("", "Tiêu chí 1.6: công khai tài chính"),
            _row("2", "Bồi dưỡng giáo viên"), _row("3", "Báo cáo kết quả")]
    assert _docx_findings(tmp_path, _tt_table(*rows), merged=[2]) == []
    assert check(_tt_table(*rows), "KC550") == []
    repeated = ["1\tTiêu chí 1.6\tSố hóa hồ sơ\tHiệu trưởng", "1\tTiêu chí 1.6\tCông khai tài chính\tKế toán",
                "2\tTiêu chí 2.2\tBồi dưỡng giáo viên\tTổ trưởng"]
    assert check(_tt_table(*repeated), "KC550") == [] and _docx_findings(tmp_path, _tt_table(*repeated)) == []
    # The same person on every row is no merge: a number written twice there is a repeat.
    twice = [_row("1", "Rà soát"), _row("2", "Bồi dưỡng"), _row("2", "Sửa chữa"), _row("3", "Báo cáo")]
    assert len(check(_tt_table(*twice), "KC550")) == 1 and len(_docx_findings(tmp_path, _tt_table(*twice))) == 1


@pytest.mark.parametrize("second", [("3", "4"), ("1", "2")])
def test_phase_rows_spanning_the_table_keep_or_restart_the_numbers(tmp_path: Path, second: tuple[str, str]) -> None:
    body = _tt_table("Giai đoạn 1: Chuẩn bị\t\t\t", _row("1", "Thành lập nhóm"), _row("2", "Rà soát"),
                     "Giai đoạn 2: Thực hiện\t\t\t", _row(second[0], "Bồi dưỡng"), _row(second[1], "Báo cáo"))
    assert check(body, "KC550") == [] and _docx_findings(tmp_path, body) == []
    gap = body.replace(_row(second[1], "Báo cáo"), _row(str(int(second[1]) + 1), "Báo cáo"))
    for found in (check(gap, "KC550"), _docx_findings(tmp_path, gap)):
        assert [f.evidence.split("\t")[1] for f in found] == ["Báo cáo"]


@pytest.mark.parametrize(("labels", "flagged"), [
    (("1", "2", "3", "3", "5"), ["3"]),  # the second 3 stands where 4 belongs; 5 is right by position
    (("1", "2", "2", "4"), ["2"]),
    (("1", "2", "4", "5"), ["4"]),
    (("1", "2", "5", "4"), ["5"]),  # 5 where 3 belongs, then 4 by position: one defect
])
def test_one_wrong_number_is_one_finding(tmp_path: Path, labels: tuple[str, ...], flagged: list[str]) -> None:
    years = [f"{lb}. Năm học {2025 + k}-{2026 + k}" for k, lb in enumerate(labels)]
    body = paras("I. MỤC TIÊU", "Nâng cao chất lượng.", "II. KẾ HOẠCH THEO NĂM HỌC",
                 *[x for y in years for x in (y, "Thực hiện các nhiệm vụ của năm học.")],
                 "III. TỔ CHỨC THỰC HIỆN", "Hiệu trưởng chỉ đạo.")
    for found in (check(body, "KC550"), check_docx(tmp_path, body, "KC550")):
        assert [f.evidence.split(".")[0] for f in found] == flagged


def test_the_number_column_is_found_by_its_header(tmp_path: Path) -> None:
    """A phase column before 'STT': the numbers are read where the header says, not in the first column."""
    def table(last: str) -> str:
        rows = ["Giai đoạn\tSTT\tNội dung công việc\tNgười thực hiện", "Chuẩn bị\t1\tThành lập nhóm\tHiệu trưởng",
                "\t2\tRà soát minh chứng\tTổ chuyên môn", f"Thực hiện\t{last}\tBồi dưỡng giáo viên\tTổ trưởng"]
        return paras("I. MỤC TIÊU", "Nâng cao chất lượng.", "II. NỘI DUNG") + "\n".join(rows) + "\n\n"
    for found in (check(table("4"), "KC550"), _docx_findings(tmp_path, table("4"))):
        [f] = found
        assert f.evidence.startswith("Thực hiện\t4\tBồi dưỡng") and f.location.column == 1
    assert check(table("3"), "KC550") == [] and _docx_findings(tmp_path, table("3")) == []


def test_a_table_split_by_a_phase_line_is_one_list(tmp_path: Path) -> None:
    """A phase line between the rows splits the table in two (both readers); the second part has no header
    and continues the first: its numbers run on, restart at 1, or skip one."""
    def plan(third: str, fourth: str) -> str:
        return paras("I. MỤC TIÊU", "Nâng cao chất lượng.", "II. NỘI DUNG", "Giai đoạn 1: Chuẩn bị") + \
            "\n".join((_TT, _row("1", "Thành lập nhóm"), _row("2", "Rà soát"))) + "\n\n" + \
            paras("Giai đoạn 2: Thực hiện") + "\n".join((_row(third, "Bồi dưỡng"), _row(fourth, "Báo cáo"))) + "\n\n"
    for clean in (("3", "4"), ("1", "2")):
        assert check(plan(*clean), "KC550") == [] and _docx_findings(tmp_path, plan(*clean)) == []
    for found in (check(plan("4", "5"), "KC550"), _docx_findings(tmp_path, plan("4", "5"))):
        [f] = found
        assert "thiếu mục 3" in f.message.vi and f.evidence.startswith("4\tBồi dưỡng")
