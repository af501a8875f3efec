"""KC615: the names of agencies and organisations, and the types of cited documents, written with the wrong
capitals (NĐ 30/2020, Phụ lục II)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import plan_from_text, run
from plan_docx import PlanLayout, build_docx

from kclint.citations import find_citations
from kclint.fix import fix_file
from kclint.vietnamese.capitals import case_slips, document_type_slips, name_catalog

HEAD = (
    "{agency}\nTRƯỜNG TIỂU HỌC HOA MAI\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
    "Số: 07/KH-THHM\n\nLạc Sơn, ngày 03 tháng 10 năm 2025\n\nKẾ HOẠCH\n"
    "Cải tiến chất lượng giáo dục năm học 2025-2026\n\n"
)


def _slips(text: str) -> list[tuple[str, str, str]]:
    return [(s.written, s.right, s.severity) for s in case_slips(text)]


@pytest.mark.parametrize(("text", "written", "right", "severity"), [
    ("Hằng tháng nhà trường báo cáo phòng giáo dục và đào tạo huyện Lạc Sơn.",
     "phòng giáo dục và đào tạo", "Phòng Giáo dục và Đào tạo", "warning"),
    ("Kinh phí do ủy ban nhân dân xã Tân Lập cấp.", "ủy ban nhân dân", "Ủy ban nhân dân", "warning"),
    ("Thực hiện hướng dẫn của Bộ giáo dục và đào tạo.", "Bộ giáo dục và đào tạo", "Bộ Giáo dục và Đào tạo",
     "warning"),
    ("Gửi kết quả về Sở giáo dục và đào tạo tỉnh Hòa Bình.", "Sở giáo dục và đào tạo",
     "Sở Giáo dục và Đào tạo", "warning"),
    ("Quyết định thành lập Hội đồng Tự Đánh Giá của nhà trường.", "Hội đồng Tự Đánh Giá",
     "Hội đồng tự đánh giá", "warning"),
    ("Dưới sự chỉ đạo của Phòng Giáo Dục Và Đào Tạo Huyện Lạc Sơn.", "Phòng Giáo Dục Và Đào Tạo Huyện",
     "Phòng Giáo dục và Đào tạo huyện", "warning"),
    ("Báo cáo về Phòng giáo dục và Đào tạo trước ngày 20/4/2026.", "Phòng giáo dục và Đào tạo",
     "Phòng Giáo dục và Đào tạo", "warning"),
    ("Thuộc Sở Giáo dục và Đào tạo Tỉnh Hòa Bình.", "Sở Giáo dục và Đào tạo Tỉnh",
     "Sở Giáo dục và Đào tạo tỉnh", "warning"),
    ("Trình uỷ ban nhân dân phường 5 phê duyệt.", "uỷ ban nhân dân phường", "Uỷ ban nhân dân Phường", "warning"),
    ("Phối hợp với đoàn thanh niên cộng sản hồ chí minh xã.", "đoàn thanh niên cộng sản hồ chí minh",
     "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "warning"),
    ("Phát động phong trào của Đội thiếu niên tiền phong Hồ Chí Minh.", "Đội thiếu niên tiền phong Hồ Chí Minh",
     "Đội Thiếu niên Tiền phong Hồ Chí Minh", "warning"),
    ("Ban chấp hành Công Đoàn phối hợp thực hiện.", "Công Đoàn", "Công đoàn", "warning"),
    ("Nghị quyết của Chi Bộ nhà trường.", "Chi Bộ", "Chi bộ", "warning"),
    ("Đề nghị đảng ủy xã quan tâm.", "đảng ủy", "Đảng ủy", "warning"),
    ("Hội Đồng Trường họp định kỳ.", "Hội Đồng Trường", "Hội đồng trường", "warning"),
    ("Hội Đồng Trường Tiểu học Hoa Mai họp.", "Hội Đồng Trường", "Hội đồng Trường", "warning"),
    # Without its place, a lower-case Department may be the generic noun: a soft note, no fix.
    ("Hồ sơ gửi sở giáo dục và đào tạo để thẩm định.", "sở giáo dục và đào tạo", "Sở Giáo dục và Đào tạo",
     "info"),
    ("Rà soát lại theo góp ý của hội đồng tự đánh giá.", "hội đồng tự đánh giá", "Hội đồng tự đánh giá", "info"),
])
def test_a_miscased_name_is_found_with_its_casing(text: str, written: str, right: str, severity: str) -> None:
    assert _slips(text) == [(written, right, severity)]


@pytest.mark.parametrize("text", [
    "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN LẠC SƠN",  # the header's agency line is written in capitals
    "UỶ BAN NHÂN DÂN XÃ TÂN LẬP",
    "Phòng Giáo dục và Đào tạo huyện Lạc Sơn; Ủy ban nhân dân xã Tân Lập; Bộ Giáo dục và Đào tạo.",
    "Sở Giáo dục và Đào tạo Hòa Bình tổ chức đánh giá ngoài; Ủy ban nhân dân Quận 3 phê duyệt.",
    "Quy chế công khai đối với cơ sở giáo dục và đào tạo thuộc hệ thống giáo dục quốc dân.",
    "Các sở giáo dục và đào tạo, mỗi phòng giáo dục và đào tạo chịu trách nhiệm hướng dẫn.",
    "Trưởng phòng giáo dục và đào tạo, Giám đốc sở giáo dục và đào tạo ký quyết định.",
    "Sắp xếp phòng học, phòng giáo viên; hội đồng trường và hội đồng sư phạm họp định kỳ.",
    "Hội đồng trường Trường Tiểu học Hoa Mai; Hội đồng Trường Tiểu học Hoa Mai.",
    "Tổ công đoàn, đoàn viên công đoàn cơ sở và liên đội các trường; ban đại diện cha mẹ học sinh.",
    "Hội đồng tự đánh giá; Đoàn Thanh niên Cộng sản Hồ Chí Minh; Đội Thiếu niên Tiền phong Hồ Chí Minh.",
    "Ủy ban nhân dân cấp tỉnh, Ủy ban nhân dân các cấp và Hội đồng nhân dân xã.",
    "Phòng giáo dục, đào tạo và ủy ban, nhân dân",  # punctuation ends a name
    "Thành lập các hội đồng tự đánh giá ở mỗi trường.",
])
def test_correct_names_generic_nouns_and_capitals_are_silent(text: str) -> None:
    assert _slips(text) == []


def test_a_sentence_start_capital_is_not_a_name_capital() -> None:
    # 'Sở' is capitalised because it starts the sentence: the words after it decide.
    assert _slips("- Sở giáo dục và đào tạo tỉnh Hòa Bình kiểm tra.")[0][2] == "warning"
    assert _slips("a) Sở giáo dục và đào tạo có trách nhiệm.") == [
        ("Sở giáo dục và đào tạo", "Sở Giáo dục và Đào tạo", "info")]


def test_every_entry_cites_a_known_source_and_is_found_as_catalogued() -> None:
    catalog = name_catalog()
    entries = [e for group in catalog.by_first.values() for e in group]
    assert len(entries) >= 20 and all(e.source in catalog.sources for e in entries)
    for e in entries:
        assert _slips(f"Phối hợp với {e.name} thực hiện.") == []
        assert _slips(f"Phối hợp với {e.name.upper()} thực hiện.") == []
        title = " ".join(w[:1].upper() + w[1:] for w in e.name.split())
        if title != e.name:
            assert _slips(f"Phối hợp với {title} thực hiện.")[0][:2] == (title, e.name), e.name


def _kc615(text: str) -> list:
    return run(plan_from_text(text), select=["KC615"])


def test_the_rule_reports_a_paragraph_a_table_cell_and_a_heading() -> None:
    body = (
        "I. PHỐI HỢP VỚI ỦY BAN NHÂN DÂN XÃ\n\n"
        "1. Phối hợp với Ủy Ban Nhân Dân xã Tân Lập\n\n"
        "Nhà trường báo cáo phòng giáo dục và đào tạo huyện Lạc Sơn kết quả hằng quý.\n\n"
        "TT\tNội dung\tĐơn vị phối hợp\n"
        "1\tSửa chữa phòng học\tđoàn thanh niên cộng sản hồ chí minh xã Tân Lập\n"
        "2\tBổ sung thiết bị\tBan đại diện cha mẹ học sinh\n"
    )
    findings = _kc615(HEAD.format(agency="UBND XÃ TÂN LẬP") + body)
    got = {(f.evidence, f.location.table is not None, f.severity.value) for f in findings}
    assert got == {
        ("Ủy Ban Nhân Dân", False, "warning"),
        ("phòng giáo dục và đào tạo", False, "warning"),
        ("đoàn thanh niên cộng sản hồ chí minh", True, "warning"),
    }
    assert all(f.edit is not None and f.suggestion for f in findings)


def test_the_header_agency_line_in_capitals_is_silent_in_lower_case_reported() -> None:
    assert _kc615(HEAD.format(agency="PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN LẠC SƠN") + "Nội dung.\n") == []
    findings = _kc615(HEAD.format(agency="phòng giáo dục và đào tạo huyện Lạc Sơn") + "Nội dung.\n")
    assert [(f.evidence, f.location.line) for f in findings] == [("phòng giáo dục và đào tạo", 1)]


def test_kclint_fix_writes_the_casing_in_a_text_and_a_word_copy(tmp_path: Path) -> None:
    line = "Báo cáo ủy ban nhân dân Xã Tân Lập và hồ sơ gửi sở giáo dục và đào tạo."
    plan = tmp_path / "kh.txt"
    plan.write_text(HEAD.format(agency="UBND XÃ TÂN LẬP") + line + "\n", encoding="utf-8")
    target, _ = fix_file(str(plan))
    # The sure name is fixed; the Department without its place may be generic and stays for a person.
    assert "Báo cáo Ủy ban nhân dân xã Tân Lập và hồ sơ gửi sở giáo dục và đào tạo." in Path(target).read_text(
        encoding="utf-8")
    word = build_docx(tmp_path / "kh.docx", PlanLayout(left=["UBND XÃ TÂN LẬP", "TRƯỜNG TIỂU HỌC HOA MAI"],
                                                       title=["KẾ HOẠCH"], body=line))
    import docx

    target, _ = fix_file(str(word), str(tmp_path / "out.docx"))
    texts = [p.text for p in docx.Document(target).paragraphs]
    assert "Báo cáo Ủy ban nhân dân xã Tân Lập và hồ sơ gửi sở giáo dục và đào tạo." in texts


def _types(text: str) -> list[tuple[str, str, str]]:
    return [(s.written, s.right, s.severity) for s in document_type_slips(text)]


@pytest.mark.parametrize(("text", "written", "right", "severity"), [
    ("Căn cứ thông tư số 19/2018/TT-BGDĐT ngày 22/8/2018 của Bộ Giáo dục và Đào tạo;", "thông tư số",
     "Thông tư số", "warning"),
    ("Thực hiện quyết định số 215/QĐ-UBND ngày 04/9/2025 của Ủy ban nhân dân xã Tân Lập.", "quyết định số",
     "Quyết định số", "warning"),
    ("Theo công văn 1042/SGDĐT-KTKĐ của Sở Giáo dục và Đào tạo.", "công văn", "Công văn", "warning"),
    ("Thể thức trình bày theo nghị định 30/2020/NĐ-CP.", "nghị định", "Nghị định", "warning"),
    ("Kèm theo kế hoạch số: 08/KH-THHM của nhà trường.", "kế hoạch số", "Kế hoạch số", "warning"),
    ("Căn cứ Thông Tư số 22/2024/TT-BGDĐT sửa đổi các thông tư về kiểm định.", "Thông Tư số", "Thông tư số",
     "warning"),
    ("Căn cứ Quyết Định Số 37/QĐ-THHM về việc thành lập hội đồng.", "Quyết Định Số", "Quyết định số", "warning"),
    ("Căn cứ Thông tư Số 13/2020/TT-BGDĐT.", "Thông tư Số", "Thông tư số", "warning"),
    ("Thực hiện hướng dẫn số 21/HD-PGDĐT về kiểm định chất lượng.", "hướng dẫn số", "Hướng dẫn số", "warning"),
    ("Căn cứ chỉ thị số 05/CT-UBND về nhiệm vụ năm học.", "chỉ thị số", "Chỉ thị số", "warning"),
    ("Căn cứ thông tư liên tịch số 07/2015/TTLT-BGDĐT-BNV.", "thông tư liên tịch số", "Thông tư liên tịch số",
     "warning"),
    ("Công khai theo thông tư 36/2017 về chế độ công khai.", "thông tư", "Thông tư", "warning"),
    # A circular named by its number alone: surely the type, but the reference is incomplete.
    ("Công khai tài chính theo thông tư 36.", "thông tư", "Thông tư", "info"),
    ("Nộp theo báo cáo số 4 của tổ chuyên môn.", "báo cáo số", "Báo cáo số", "info"),
    ("Căn cứ Văn Bản số 46/PGDĐT-GDMN của Phòng.", "Văn Bản số", "Văn bản số", "warning"),
    # A consolidated text's type is not a type of NĐ 30/2020: only a note.
    ("Căn cứ văn bản hợp nhất số 01/VBHN-BGDĐT.", "văn bản hợp nhất số", "Văn bản hợp nhất số", "info"),
])
def test_a_cited_document_type_takes_its_capital(text: str, written: str, right: str, severity: str) -> None:
    assert _types(text) == [(written, right, severity)]


@pytest.mark.parametrize("text", [
    "Căn cứ Thông tư số 18/2018/TT-BGDĐT; Quyết định số 12/QĐ-UBND; Công văn số 5942/BGDĐT-QLCL.",
    "Các thông tư hướng dẫn của Bộ; theo kế hoạch của nhà trường; quyết định thành lập hội đồng.",
    "Triển khai kế hoạch 5 năm; báo cáo 12/2024 nộp trước ngày 20; thông báo 3 lần mỗi học kỳ.",
    "CĂN CỨ THÔNG TƯ SỐ 18/2018/TT-BGDĐT NGÀY 22/8/2018",  # a heading in capitals
    "Thực hiện văn bản số 46/PGDĐT-GDMN của Phòng và các văn bản hướng dẫn.",
    "Nghị định 30/2020/NĐ-CP; Thông tư liên tịch số 07/2015/TTLT-BGDĐT-BNV; TT 19/2018.",
    "Thông tư số 17/2018/TT-BGDĐT, 18/2018/TT-BGDĐT và 19/2018/TT-BGDĐT.",
])
def test_correct_and_generic_document_types_are_silent(text: str) -> None:
    assert _types(text) == []


def test_every_document_type_is_one_the_citation_finder_reads() -> None:
    catalog = name_catalog()
    entries = [e for group in catalog.documents.values() for e in group]
    assert len(entries) >= 10 and all(e.source in catalog.sources for e in entries)
    for e in entries:
        cited = f"Căn cứ {e.name} số 07/2025/TT-BGDĐT ngày 02/01/2025."
        assert [c.offset for c in find_citations(cited)] == [cited.index(e.name)], e.name
        assert _types(cited) == []
        lower = cited.replace(e.name, e.name.lower())
        assert _types(lower) == ([] if e.lower_case == "silent" else [(f"{e.name.lower()} số", f"{e.name} số",
                                                                     e.lower_case)]), e.name


def test_the_rule_reports_a_cited_type_in_a_paragraph_a_basis_table_and_the_header() -> None:
    head = HEAD.replace("Số: 07/KH-THHM\n", "Số: 07/KH-THHM\nV/v thực hiện công văn số 1042/SGDĐT-KTKĐ\n")
    body = (
        "I. CĂN CỨ XÂY DỰNG KẾ HOẠCH\n\n"
        "Căn cứ nghị định 30/2020/NĐ-CP về công tác văn thư và các thông tư hướng dẫn;\n\n"
        "STT\tVăn bản\tNgày ban hành\tCơ quan ban hành\n"
        "1\tThông Tư số 17/2018/TT-BGDĐT\t22/8/2018\tBộ Giáo dục và Đào tạo\n"
        "2\tQuyết định số 215/QĐ-UBND\t04/9/2025\tỦy ban nhân dân xã Tân Lập\n"
        "3\tkế hoạch số 05/KH-THHM\t15/9/2025\tTrường Tiểu học Hoa Mai\n"
    )
    findings = _kc615(head.format(agency="UBND XÃ TÂN LẬP") + body)
    got = {(f.evidence, f.location.table is not None, f.severity.value) for f in findings}
    assert got == {
        ("công văn số", False, "warning"),
        ("nghị định", False, "warning"),
        ("Thông Tư số", True, "warning"),
        ("kế hoạch số", True, "warning"),
    }
    assert all(f.edit is not None and "Tên loại văn bản" in f.message.vi for f in findings)


def test_the_same_slip_three_times_in_one_line_is_three_findings_and_three_fixes(tmp_path: Path) -> None:
    line = "Căn cứ thông tư số 19/2018/TT-BGDĐT, thông tư số 22/2024/TT-BGDĐT và thông tư số 14/2011/TT-BGDĐT."
    text = HEAD.format(agency="UBND XÃ TÂN LẬP") + line + "\n"
    findings = _kc615(text)
    assert [f.evidence for f in findings] == ["thông tư số"] * 3
    assert len({f.edit.start for f in findings if f.edit}) == 3
    plan = tmp_path / "kh.txt"
    plan.write_text(text, encoding="utf-8")
    target, _ = fix_file(str(plan))
    fixed = Path(target).read_text(encoding="utf-8")
    assert "thông tư số" not in fixed and fixed.count("Thông tư số") == 3


# ----------------------------------------------------------------------------- laws named without a number
@pytest.mark.parametrize(("text", "written", "right", "severity"), [
    ("Tuyên truyền luật giáo dục tới cha mẹ học sinh.", "luật giáo dục", "Luật Giáo dục", "warning"),
    ("Luật giáo dục năm 2019 quy định quyền của người học.", "Luật giáo dục", "Luật Giáo dục", "warning"),
    ("Thực hiện đúng Luật viên chức và quy chế dân chủ.", "Luật viên chức", "Luật Viên chức", "warning"),
    ("Chi tiêu theo luật ngân sách nhà nước.", "luật ngân sách nhà nước", "Luật Ngân sách nhà nước", "warning"),
    ("Lồng ghép Luật Trẻ Em vào hoạt động ngoại khóa.", "Luật Trẻ Em", "Luật Trẻ em", "warning"),
    ("Quán triệt luật phòng, chống tham nhũng đến viên chức.", "luật phòng, chống tham nhũng",
     "Luật Phòng, chống tham nhũng", "warning"),
    ("Căn cứ Luật giáo dục số 43/2019/QH14;", "Luật giáo dục", "Luật Giáo dục", "warning"),
    ("Đào tạo theo Luật Giáo Dục Nghề Nghiệp.", "Luật Giáo Dục Nghề Nghiệp", "Luật Giáo dục nghề nghiệp", "warning"),
    ("Áp dụng luật thi đua, khen thưởng khi bình xét.", "luật thi đua, khen thưởng", "Luật Thi đua, khen thưởng",
     "warning"),
    # The everyday 'traffic rules' and a capital the State often takes: only notes.
    ("Học sinh chấp hành luật giao thông đường bộ.", "luật giao thông đường bộ", "Luật Giao thông đường bộ",
     "info"),
    ("Lập dự toán theo Luật Ngân sách Nhà nước.", "Luật Ngân sách Nhà nước", "Luật Ngân sách nhà nước", "info"),
])
def test_a_law_named_without_its_number_takes_its_capitals(text: str, written: str, right: str,
                                                          severity: str) -> None:
    assert _slips(text) == [(written, right, severity)]


@pytest.mark.parametrize("text", [
    "Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019; Luật Viên chức; Luật Ngân sách nhà nước.",
    "Thực hiện Luật Phòng, chống tham nhũng và Luật Trẻ em; Luật Giáo dục đại học.",
    "Làm việc theo luật, tuân thủ pháp luật giáo dục và các quy định của luật này.",
    "Xử lý kỷ luật viên chức vi phạm; nắm quy luật trẻ em phát triển; đạo luật, dự luật giáo dục.",
    "CĂN CỨ LUẬT GIÁO DỤC NGÀY 14/6/2019",
    "So sánh các luật giáo dục của nhiều nước.",
    "Tuyên truyền luật phòng cháy, chữa cháy cho học sinh.",  # no catalogued title runs across ', chữa'
])
def test_correct_laws_and_generic_uses_of_luat_are_silent(text: str) -> None:
    assert _slips(text) == []


def test_every_law_cites_the_law_source_and_is_found_in_lower_case() -> None:
    catalog = name_catalog()
    laws = [e for group in catalog.by_first.values() for e in group if e.group == "law"]
    assert len(laws) >= 20 and {e.source for e in laws} == {"nd30-pl2-law"} and all(e.number for e in laws)
    for e in laws:
        assert _slips(f"Phổ biến {e.name} đến viên chức.") == []
        written = e.name.lower()
        assert _slips(f"Phổ biến {written} đến viên chức.") == [(written, e.name, e.lower_case)], e.name


LAW_BODY = (
    "I. CĂN CỨ\n\n"
    "- Căn cứ {cite} ngày 14 tháng 6 năm 2019;\n\n"
    "II. NỘI DUNG\n\n"
    "Tổ chức tuyên truyền {para} và nội quy nhà trường cho học sinh; xử lý kỷ luật viên chức vi phạm theo "
    "pháp luật.\n\n"
    "TT\tNội dung\tCăn cứ\n"
    "1\tCông khai tài chính\t{cell}\n"
)


def test_the_rule_reports_a_law_in_a_citation_line_a_paragraph_and_a_table_cell() -> None:
    text = HEAD.format(agency="UBND XÃ TÂN LẬP") + LAW_BODY.format(
        cite="Luật giáo dục", para="luật trẻ em", cell="luật ngân sách nhà nước")
    findings = _kc615(text)
    got = {(f.evidence, f.location.table is not None, f.severity.value, f.suggestion.vi) for f in findings}
    assert got == {
        ("Luật giáo dục", False, "warning", "Viết 'Luật Giáo dục'."),
        ("luật trẻ em", False, "warning", "Viết 'Luật Trẻ em'."),
        ("luật ngân sách nhà nước", True, "warning", "Viết 'Luật Ngân sách nhà nước'."),
    }
    assert all(f.edit is not None and "Tên luật" in f.message.vi for f in findings)
    twin = HEAD.format(agency="UBND XÃ TÂN LẬP") + LAW_BODY.format(
        cite="Luật Giáo dục", para="Luật Trẻ em", cell="Luật Ngân sách nhà nước")
    assert _kc615(twin) == []


def test_kclint_fix_capitalises_a_law_in_a_word_copy(tmp_path: Path) -> None:
    import docx

    body = LAW_BODY.format(cite="luật giáo dục", para="Luật Phòng, Chống Tham Nhũng", cell="Luật viên chức")
    word = build_docx(tmp_path / "kh.docx", PlanLayout(left=["UBND XÃ TÂN LẬP", "TRƯỜNG TIỂU HỌC HOA MAI"],
                                                       title=["KẾ HOẠCH"], body=body))
    target, _ = fix_file(str(word), str(tmp_path / "out.docx"))
    fixed = docx.Document(target)
    texts = "\n".join([p.text for p in fixed.paragraphs] + [c.text for t in fixed.tables for r in t.rows
                                                            for c in r.cells])
    assert "Căn cứ Luật Giáo dục ngày" in texts and "tuyên truyền Luật Phòng, chống tham nhũng và" in texts
    assert "Luật Viên chức" in texts and "kỷ luật viên chức" in texts
