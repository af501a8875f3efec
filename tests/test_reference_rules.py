"""Citation rules (KC451–KC455), references dated after the plan (KC150) and level signals (KC710)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import plan_from_file, plan_from_text, run
from plan_docx import PlanLayout, build_docx

from kclint.model import Finding, Severity


def plan(school: str, number: str, date: str, year: str, body: str) -> str:
    return (f"{school}\n\nSố: {number}\n\nTân Lập, ngày {date}\n\nKẾ HOẠCH\n"
            f"Cải tiến chất lượng giáo dục năm học {year}\n\nI. CĂN CỨ\n\n{body}\n")


def mn(body: str, date: str = "18 tháng 9 năm 2023", year: str = "2023-2024") -> str:
    return plan("TRƯỜNG MẦM NON TÂN LẬP", "31/KH-MNTL", date, year, body)


def th(body: str, date: str = "20 tháng 9 năm 2024", year: str = "2024-2025") -> str:
    return plan("TRƯỜNG TIỂU HỌC TÂN LẬP", "27/KH-THTL", date, year, body)


def check(text: str, code: str) -> list[Finding]:
    return run(plan_from_text(text), [code])


# --------------------------------------------------------------------------- KC451 wrong date


def test_wrong_registry_date_is_an_error_for_a_sure_fact() -> None:
    cite = "Thông tư số 14/2020/TT-BGDĐT ngày 27 tháng 5 năm 2020 của Bộ Giáo dục và Đào tạo"
    found = check(th(f"Căn cứ {cite};"), "KC451")
    assert [(f.evidence, f.severity) for f in found] == [(cite, Severity.ERROR)]
    assert "26" in found[0].suggestion.vi


def test_wrong_date_of_a_medium_confidence_document_is_a_warning() -> None:
    found = check(mn("Căn cứ Công văn số 5942/BGDĐT-QLCL ngày 28/11/2018 của Bộ Giáo dục và Đào tạo;"), "KC451")
    assert [f.severity for f in found] == [Severity.WARNING]


def test_right_dates_in_both_forms_pass() -> None:
    body = ("Căn cứ Thông tư số 13/2020/TT-BGDĐT, ngày 26/5/2020 của Bộ GD&ĐT;\n\n"
            "Căn cứ Thông tư số 19/2018/TT-BGDĐT ngày 22 tháng 8 năm 2018 của Bộ Giáo dục và Đào tạo;")
    assert check(mn(body), "KC451") == []


def test_year_of_an_unknown_number_contradicting_its_date() -> None:
    found = check(th("Căn cứ Quyết định số 215/2023/QĐ-UBND ngày 12/01/2024 của Ủy ban nhân dân huyện;"), "KC451")
    assert [f.severity for f in found] == [Severity.WARNING]


def test_unknown_local_document_is_not_an_error() -> None:
    assert check(th("Căn cứ Kế hoạch số 102/KH-PGDĐT ngày 05/9/2024 của Phòng Giáo dục và Đào tạo;"), "KC451") == []


# --------------------------------------------------------------------------- KC452 wrong number


def test_future_year_suggests_the_known_circular() -> None:
    found = check(mn("Căn cứ Thông tư 19/2028 của Bộ GD&ĐT;"), "KC452")
    assert [(f.evidence, f.severity) for f in found] == [("Thông tư 19/2028", Severity.ERROR)]
    assert "19/2018/TT-BGDĐT" in found[0].suggestion.vi


def test_year_mistyped_in_a_known_number_with_its_date() -> None:
    found = check(mn("Căn cứ Thông tư số 19/2017/TT-BGDĐT ngày 22/8/2018 của Bộ Giáo dục và Đào tạo;"), "KC452")
    assert len(found) == 1 and "19/2018/TT-BGDĐT" in found[0].message.vi
    assert check(mn("Căn cứ Thông tư số 19/2017/TT-BGDĐT ngày 22/8/2018;"), "KC451") == []  # one report


def test_older_unknown_number_is_not_an_error() -> None:
    assert check(mn("Căn cứ Thông tư số 02/2014/TT-BGDĐT của Bộ Giáo dục và Đào tạo;"), "KC452") == []


def test_year_after_a_plan_without_issue_date_uses_the_period_end() -> None:
    text = ("TRƯỜNG MẦM NON TÂN LẬP\n\nKẾ HOẠCH\nCải tiến chất lượng giáo dục năm học 2023-2024\n\n"
            "Căn cứ Quyết định số 88/2024/QĐ-UBND của Ủy ban nhân dân tỉnh;\n\n"
            "Căn cứ Quyết định số 12/2025/QĐ-UBND của Ủy ban nhân dân tỉnh;\n")
    assert [f.evidence for f in check(text, "KC452")] == ["Quyết định số 12/2025/QĐ-UBND"]


# --------------------------------------------------------------------------- KC453 symbols


@pytest.mark.parametrize(("cite", "written", "severity"), [
    ("Thông tư số 19/2018/TTBGDDT, ngày 22/8/2018", "19/2018/TTBGDDT", Severity.WARNING),
    ("Thông tư số 13/2020/TT-BGD&ĐT ngày 26/5/2020", "13/2020/TT-BGD&ĐT", Severity.WARNING),
    ("Công văn số 1342/PGDDĐT-CM ngày 11/9/2023", "1342/PGDDĐT-CM", Severity.INFO),  # not in the registry
    ("Thông tư số 19/2018/TT- BGDĐT ngày 22/8/2018", "19/2018/TT- BGDĐT", Severity.INFO),  # spacing only
])
def test_malformed_symbols(cite: str, written: str, severity: Severity) -> None:
    found = check(mn(f"Căn cứ {cite} của Bộ Giáo dục và Đào tạo;"), "KC453")
    assert [(f.evidence, f.severity) for f in found] == [(written, severity)]
    assert "/" in found[0].suggestion.vi


def test_suggestion_is_the_registry_symbol() -> None:
    found = check(mn("Căn cứ Thông tư số 19/2018/TTBGDDT, ngày 22/8/2018;"), "KC453")
    assert found[0].suggestion.vi == "Viết \"19/2018/TT-BGDĐT\"."


def test_well_formed_and_old_ampersand_symbols_pass() -> None:
    body = ("Căn cứ Thông tư số 19/2018/TT-BGDĐT ngày 22/8/2018;\n\n"
            "Căn cứ Thông tư số 55/2011/TT-BGD&ĐT ngày 22/11/2011;\n\n"
            "Căn cứ Công văn số 204/PGD&ĐT-MN ngày 28/8/2023 của Phòng GD&ĐT;")
    assert check(mn(body), "KC453") == []


# --------------------------------------------------------------------------- KC454 another school level


def test_primary_school_citing_the_kindergarten_circular() -> None:
    found = check(th("Căn cứ Thông tư số 19/2018/TT-BGDĐT ngày 22/8/2018 của Bộ Giáo dục và Đào tạo;"), "KC454")
    assert [(f.evidence, f.severity) for f in found] == [("19/2018/TT-BGDĐT", Severity.ERROR)]
    assert "17/2018/TT-BGDĐT" in found[0].suggestion.vi


def test_kindergarten_citing_a_general_school_regulation_is_a_warning() -> None:
    found = check(mn("Căn cứ Thông tư số 14/2020/TT-BGDĐT ngày 26/5/2020 về phòng học bộ môn;"), "KC454")
    assert [f.severity for f in found] == [Severity.WARNING]


def test_multi_level_school_may_cite_the_primary_circular() -> None:
    text = plan("TRƯỜNG TH&THCS TÂN LẬP", "05/KH-TH&THCSTL", "20 tháng 9 năm 2024", "2024-2025",
                "Căn cứ Thông tư số 17/2018/TT-BGDĐT và Thông tư số 18/2018/TT-BGDĐT ngày 22/8/2018;")
    assert check(text, "KC454") == []


# --------------------------------------------------------------------------- KC455 superseded


def test_superseded_before_the_plan() -> None:
    found = check(th("Căn cứ Thông tư số 36/2017/TT-BGDĐT ngày 28/12/2017 về công khai;"), "KC455")
    assert [(f.evidence, f.severity) for f in found] == [("36/2017/TT-BGDĐT", Severity.WARNING)]
    assert "09/2024/TT-BGDĐT" in found[0].suggestion.vi


def test_still_in_force_when_the_plan_was_written() -> None:
    assert check(mn("Căn cứ Thông tư số 36/2017/TT-BGDĐT ngày 28/12/2017 về công khai;"), "KC455") == []


def test_replacement_without_a_date_is_not_reported() -> None:
    text = th("Căn cứ Thông tư số 20/2018/TT-BGDĐT ngày 22/8/2018;", "20 tháng 9 năm 2026", "2026-2027")
    assert check(text, "KC455") == []


# --------------------------------------------------------------------------- KC150 after the plan


def test_own_series_number_after_the_plan() -> None:
    found = check(mn("Căn cứ văn bản số: 35/KH-MNTL, ngày 25/9/2023 của Trường MN Tân Lập;"), "KC150")
    assert len(found) == 1 and found[0].severity == Severity.ERROR
    assert found[0].evidence.startswith("văn bản số: 35/KH-MNTL, ngày 25/9/2023")


def test_own_series_earlier_number_and_the_plan_itself_pass() -> None:
    body = ("Căn cứ văn bản số: 30/KH-MNTL, ngày 15/9/2023 của Trường MN Tân Lập;\n\n"
            "(Kèm theo kế hoạch số: 31/KH-MNTL, ngày 18 tháng 9 năm 2023 của Trường mầm non Tân Lập)")
    assert check(mn(body), "KC150") == []


def test_registry_document_issued_after_the_plan() -> None:
    found = check(mn("Căn cứ Thông tư số 22/2024/TT-BGDĐT sửa đổi Thông tư 19/2018;"), "KC150")
    assert [f.evidence for f in found] == ["22/2024/TT-BGDĐT"]


def test_higher_own_number_without_date_is_info() -> None:
    found = check(mn("Thực hiện Kế hoạch số 40/KH-MNTL của Trường Mầm non Tân Lập;"), "KC150")
    assert [f.severity for f in found] == [Severity.INFO]


# --------------------------------------------------------------------------- KC710 level signals


def test_primary_school_citing_the_kindergarten_circular_disagrees() -> None:
    found = check(th("Căn cứ Thông tư số 19/2018/TT-BGDĐT ngày 22/8/2018 của Bộ Giáo dục và Đào tạo;"), "KC710")
    assert [(f.evidence, f.severity) for f in found] == [("19/2018/TT-BGDĐT", Severity.WARNING)]


def test_symbol_of_another_level() -> None:
    text = plan("TRƯỜNG TIỂU HỌC TÂN LẬP", "27/KH-MNTL", "20 tháng 9 năm 2024", "2024-2025",
                "Căn cứ Thông tư số 17/2018/TT-BGDĐT ngày 22/8/2018;")
    assert [f.evidence for f in check(text, "KC710")] == ["Số: 27/KH-MNTL"]


@pytest.mark.parametrize("school", ["TRƯỜNG THPT TÂN LẬP", "TRƯỜNG THCS TÂN LẬP", "TRƯỜNG THCS&THPT TÂN LẬP"])
def test_secondary_schools_agree_with_tt18(school: str) -> None:
    text = plan(school, "12/KH-THPT", "20 tháng 9 năm 2024", "2024-2025",
                "Căn cứ Thông tư số 18/2018/TT-BGDĐT ngày 22/8/2018;") if "THPT" in school else \
        plan(school, "12/KH-THCSTL", "20 tháng 9 năm 2024", "2024-2025",
             "Căn cứ Thông tư số 18/2018/TT-BGDĐT ngày 22/8/2018;")
    assert check(text, "KC710") == []


def test_school_name_outvoted_by_symbol_and_circular() -> None:
    text = plan("TRƯỜNG MẦM NON TÂN LẬP", "27/KH-THTL", "20 tháng 9 năm 2024", "2024-2025",
                "Căn cứ Thông tư số 17/2018/TT-BGDĐT ngày 22/8/2018;")
    found = check(text, "KC710")
    assert [f.evidence for f in found] == ["TRƯỜNG MẦM NON TÂN LẬP"]


def test_vocabulary_against_a_single_signal_is_info() -> None:
    text = ("KẾ HOẠCH\nCải tiến chất lượng giáo dục năm học 2024-2025\n\n"
            "Căn cứ Thông tư số 19/2018/TT-BGDĐT ngày 22/8/2018;\n\n"
            + "Tổ chức cho học sinh tham gia hoạt động ngoại khóa; học sinh được khen thưởng.\n\n" * 3)
    found = check(text, "KC710")
    assert [f.severity for f in found] == [Severity.INFO]


# An amending circular's title names every accreditation circular once: the tie says no level by itself.
_AMENDS_ALL = ("Căn cứ Thông tư số 22/2024/TT-BGDĐT của Bộ Giáo dục và Đào tạo về sửa đổi các Quy định kèm theo "
               "Thông tư số 17/2018/TT-BGDĐT, Thông tư số 18/2018/TT-BGDĐT, Thông tư số 19/2018/TT-BGDĐT;")


@pytest.mark.parametrize("school, number", [("TRƯỜNG MẦM NON TÂN LẬP", "31/KH-MNTL"),
                                            ("TRƯỜNG THCS TÂN LẬP", "12/KH-THCSTL"),
                                            ("TRƯỜNG TIỂU HỌC TÂN LẬP", "27/KH-THTL")])
def test_circulars_named_together_agree_with_any_level(school: str, number: str) -> None:
    text = plan(school, number, "20 tháng 9 năm 2025", "2025-2026", _AMENDS_ALL)
    assert check(text, "KC710") == []


def test_circulars_named_together_in_a_word_plan(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    build_docx(path, PlanLayout(left=["PHÒNG GD&ĐT TÂN LẬP", "TRƯỜNG MẦM NON HOA SEN"], number="Số: 8/KH-MNHS",
                          place_date="Tân Lập, ngày 20 tháng 9 năm 2025",
                          title=["KẾ HOẠCH", "Tự đánh giá năm học 2025-2026"],
                          body="I. CĂN CỨ\n\n" + _AMENDS_ALL.replace("Căn cứ ", "- ") + "\n"))
    assert run(plan_from_file(path), ["KC710"]) == []


def test_a_circular_cited_more_often_still_disagrees() -> None:
    text = mn(_AMENDS_ALL + "\n\nCăn cứ Thông tư số 17/2018/TT-BGDĐT ngày 22/8/2018;")
    assert [f.evidence for f in check(text, "KC710")] == ["17/2018/TT-BGDĐT"]


# --------------------------------------------------------------------------- issue 15: slips against the registry

_TT22 = ("Thông tư số 22/2024/TT-BGDĐT ngày 10/12/2024 của Bộ trưởng Bộ Giáo dục và Đào tạo sửa đổi, bổ sung "
         "một số điều của các Quy định ban hành kèm theo Thông tư số 17/2018/TT-BGDĐT, Thông tư số "
         "18/2018/TT-BGDĐT và Thông tư số 19/2018/TT-BGDĐT")


def test_circulars_named_in_a_title_are_not_a_wrong_level_basis() -> None:
    text = th(f"Căn cứ {_TT22};", date="20 tháng 9 năm 2025", year="2025-2026")
    assert check(text, "KC454") == []


def test_the_same_circular_cited_as_a_basis_is_still_wrong_level() -> None:
    text = th("Căn cứ Thông tư số 19/2018/TT-BGDĐT ngày 22/8/2018 của Bộ Giáo dục và Đào tạo;")
    assert [f.evidence for f in check(text, "KC454")] == ["19/2018/TT-BGDĐT"]


def test_superseded_document_named_as_history_is_fine() -> None:
    basis = th("Căn cứ Thông tư số 36/2017/TT-BGDĐT ngày 28/12/2017 của Bộ Giáo dục và Đào tạo;")
    history = th("Căn cứ Thông tư số 09/2024/TT-BGDĐT ngày 03/6/2024 của Bộ Giáo dục và Đào tạo thay thế "
                 "Thông tư số 36/2017/TT-BGDĐT;")
    assert [f.evidence for f in check(basis, "KC455")] == ["36/2017/TT-BGDĐT"]
    assert check(history, "KC455") == []


@pytest.mark.parametrize("written", ["5942/BGDĐT-QCL", "5942/BGDĐT-QLLCL", "5942/BGDĐT-QLCT"])
def test_unit_code_one_letter_off_the_registry(written: str) -> None:
    found = check(mn(f"Căn cứ Công văn số {written} ngày 28/12/2018 của Bộ Giáo dục và Đào tạo;"), "KC453")
    assert [f.evidence for f in found] == [written]
    assert "5942/BGDĐT-QLCL" in found[0].suggestion.vi


def test_a_different_unit_code_on_the_documents_date_is_a_wrong_symbol() -> None:
    # The Ministry numbers its letters in one register: the same number on the same day is the same letter.
    found = check(mn("Căn cứ Công văn số 5942/BGDĐT-GDMN ngày 28/12/2018 của Bộ Giáo dục và Đào tạo;"), "KC453")
    assert [(f.evidence, f.severity) for f in found] == [("5942/BGDĐT-GDMN", Severity.WARNING)]
    assert "5942/BGDĐT-QLCL" in found[0].suggestion.vi


@pytest.mark.parametrize("cite", [
    "Công văn số 5942/BGDĐT-GDMN ngày 14/3/2019",  # another day: another letter of that number
    "Công văn số 5942/BGDĐT-GDMN",  # no date: any year's letter 5942
    "Công văn số 5942/SGDĐT-GDMN ngày 28/12/2018",  # another issuer altogether
])
def test_a_different_unit_code_not_pinned_to_the_document_is_silent(cite: str) -> None:
    assert check(mn(f"Căn cứ {cite};"), "KC453") == []


@pytest.mark.parametrize(("cite", "severity"), [
    ("Công văn số 5942/QLCL-BGDĐT ngày 28/12/2018", Severity.WARNING),
    ("Công văn 5942/QLCL-BGDĐT, ngày 28 tháng 12 năm 2018", Severity.WARNING),
    ("văn bản số 5942/QLCL-BGDĐT ngày 03/5/2018", Severity.INFO),  # same year, another day
])
def test_symbol_parts_in_another_order(cite: str, severity: Severity) -> None:
    found = check(mn(f"Thực hiện {cite} của Bộ Giáo dục và Đào tạo;"), "KC453")
    assert [(f.evidence, f.severity) for f in found] == [("5942/QLCL-BGDĐT", severity)]
    assert "5942/BGDĐT-QLCL" in found[0].suggestion.vi


@pytest.mark.parametrize("cite", [
    "Thông tư số 22/2024/TT/BGDĐT ngày 10/12/2024",
    "TT 22/2024/TT/BGDĐT",
    "Công văn 5942/BGDĐT/QLCL ngày 28/12/2018",
])
def test_slash_between_symbol_parts(cite: str) -> None:
    text = mn(f"- {cite} của Bộ Giáo dục và Đào tạo.", date="20 tháng 9 năm 2025", year="2025-2026")
    found = check(text, "KC453")
    assert [f.severity for f in found] == [Severity.WARNING]
    assert "-" in found[0].suggestion.vi and "/" in found[0].evidence


@pytest.mark.parametrize("cite", [
    "Thông tư 22/2024/TT-BGDĐT", "TT số 22/2024", "Thông tư 22/2024", "Thông tư số 22/2024/TT-BGDĐT ngày 10/12/2024",
    "Thông tư số 22/2024/TT-BGDĐT, ngày 10 tháng 12 năm 2024", "Công văn số 5942/BGDĐT-QLCL ngày 28/12/2018",
])
def test_correct_citations_in_other_styles_draw_no_symbol_or_number_finding(cite: str) -> None:
    text = mn(f"Căn cứ {cite} của Bộ Giáo dục và Đào tạo;", date="20 tháng 9 năm 2025", year="2025-2026")
    assert run(plan_from_text(text), ["KC451", "KC452", "KC453", "KC454", "KC455"]) == []


def test_cong_van_number_slip_keyed_on_its_dates_year() -> None:
    found = check(th("Căn cứ Công văn số 5392/BGDĐT-QLCL ngày 28/12/2018 của Bộ GDĐT;"), "KC452")
    assert [(f.evidence, f.severity) for f in found] == [("Công văn số 5392/BGDĐT-QLCL", Severity.WARNING)]
    assert "5932/BGDĐT-QLCL" in found[0].suggestion.vi
    # Another year's date: some other letter numbered 5392; no date: unknown.
    assert check(th("Căn cứ Công văn số 5392/BGDĐT-QLCL ngày 28/12/2021 của Bộ GDĐT;"), "KC452") == []
    assert check(th("Căn cứ Công văn số 5392/BGDĐT-QLCL của Bộ GDĐT;"), "KC452") == []


def test_undated_number_a_digit_longer_or_shorter_is_silent() -> None:
    assert check(mn("Căn cứ Thông tư số 2/2014/TT-BGDĐT của Bộ Giáo dục và Đào tạo;"), "KC452") == []


def test_number_one_slip_from_the_registry_names_the_document() -> None:
    found = check(th("Căn cứ Thông tư số 71/2018/TT-BGDĐT ngày 22/8/2018 của Bộ Giáo dục và Đào tạo;"), "KC452")
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "17/2018/TT-BGDĐT" in found[0].suggestion.vi


def test_number_near_several_documents_of_another_date_is_left_alone() -> None:
    # 16/2018 is one slip from 17, 18 and 19/2018, all of 22/8/2018; dated otherwise it is some other circular.
    assert check(th("Căn cứ Thông tư số 16/2018/TT-BGDĐT ngày 05/3/2018 của Bộ Giáo dục và Đào tạo;"), "KC452") == []
    assert check(th("Căn cứ Thông tư số 16/2018/TT-BGDĐT ngày 22/8/2018 của Bộ Giáo dục và Đào tạo;"), "KC452") == []


# --------------------------------------------------------------------------- multi-level schools (KC454)


def multi(school: str, body: str) -> str:
    return plan(f"TRƯỜNG {school} AN PHÚ", "14/KH-THCSAP", "06 tháng 10 năm 2025", "2025-2026", body)


TT17 = "Thông tư số 17/2018/TT-BGDĐT ngày 22/8/2018 của Bộ Giáo dục và Đào tạo"
TT18 = "Thông tư số 18/2018/TT-BGDĐT ngày 22/8/2018 của Bộ Giáo dục và Đào tạo"
TT19 = "Thông tư số 19/2018/TT-BGDĐT ngày 22/8/2018 của Bộ Giáo dục và Đào tạo"


@pytest.mark.parametrize(("school", "body", "expected"), [
    ("TH&THCS", f"Căn cứ {TT17};", [("17/2018/TT-BGDĐT", Severity.WARNING)]),  # one level's circular only
    ("TH VÀ THCS", f"- Thực hiện {TT17}.", [("17/2018/TT-BGDĐT", Severity.WARNING)]),
    ("THCS VÀ THPT", f"Căn cứ {TT17};\n\nCăn cứ {TT18};", [("17/2018/TT-BGDĐT", Severity.ERROR)]),  # no TH here
    ("TH&THCS", f"Căn cứ {TT19};\n\nCăn cứ {TT18};", [("19/2018/TT-BGDĐT", Severity.ERROR)]),
    ("TH&THCS", f"Căn cứ {TT17};\n\nCăn cứ {TT18};", []),  # both levels' circulars: legitimate
    ("TH&THCS", f"Căn cứ {TT18};", []),
    ("THCS VÀ THPT", f"Căn cứ {TT18};", []),
    ("TH&THCS", f"Căn cứ Thông tư số 22/2024/TT-BGDĐT ngày 10/12/2024 sửa đổi, bổ sung Quy định ban hành kèm theo "
                f"Thông tư số 17/2018/TT-BGDĐT, Thông tư số 19/2018/TT-BGDĐT;\n\nCăn cứ {TT18};", []),
])
def test_multi_level_school_circulars(school: str, body: str, expected: list[tuple[str, Severity]]) -> None:
    found = check(multi(school, body), "KC454")
    assert [(f.evidence, f.severity) for f in found] == expected


# --------------------------------------------------------------------------- replaced circulars (KC455)


@pytest.mark.parametrize("line", [
    "Căn cứ Thông tư số 25/2014/TT-BGDĐT ngày 07/8/2014 của Bộ Giáo dục và Đào tạo;",
    "- Thực hiện Thông tư 25/2014/TT-BGDĐT của Bộ GDĐT về kiểm định chất lượng giáo dục trường mầm non.",
    "| 2 | Thông tư 25/2014/TT-BGDĐT | Kiểm định chất lượng giáo dục trường mầm non |",
])
def test_replaced_kindergarten_accreditation_circular(line: str) -> None:
    found = check(mn(line, date="20 tháng 9 năm 2025", year="2025-2026"), "KC455")
    assert [(f.evidence, f.severity) for f in found] == [("25/2014/TT-BGDĐT", Severity.ERROR)]
    assert "19/2018/TT-BGDĐT" in found[0].suggestion.vi


def test_replaced_circular_named_as_history_is_silent() -> None:
    body = ("Căn cứ Thông tư số 19/2018/TT-BGDĐT ngày 22/8/2018 của Bộ Giáo dục và Đào tạo (thay thế Thông tư số "
            "25/2014/TT-BGDĐT);")
    assert check(mn(body, date="20 tháng 9 năm 2025", year="2025-2026"), "KC455") == []


def test_primary_assessment_circular_replaced_by_its_roadmap_end() -> None:
    cite = "Căn cứ Thông tư số 30/2014/TT-BGDĐT ngày 28/8/2014 của Bộ Giáo dục và Đào tạo;"
    found = check(th(cite, date="14 tháng 9 năm 2025", year="2025-2026"), "KC455")
    assert [(f.evidence, f.severity) for f in found] == [("30/2014/TT-BGDĐT", Severity.WARNING)]  # medium fact
    assert check(th(cite, date="20 tháng 9 năm 2022", year="2022-2023"), "KC455") == []  # grades 4-5 still used it
