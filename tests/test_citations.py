"""Citations in running text: parsing table, symbol problems, offsets on arbitrary input."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kclint.citations import Citation, find_citations, normalise_symbol, symbol_problems

# (text, expected fields of the single citation found). The sentences are invented for
# these tests; school names and numbers are fictitious.
CASES: list[tuple[str, dict[str, object]]] = [
    (
        "Căn cứ Thông tư số 19/2018/TT-BGDĐT ngày 22 tháng 8 năm 2018 của Bộ Giáo dục và Đào tạo ban hành "
        "Quy định;",
        dict(text="Thông tư số 19/2018/TT-BGDĐT ngày 22 tháng 8 năm 2018 của Bộ Giáo dục và Đào tạo",
             doc_type="Thông tư", number="19", year=2018, symbol="TT-BGDĐT",
             date_text="ngày 22 tháng 8 năm 2018", date=dt.date(2018, 8, 22),
             issuer_text="của Bộ Giáo dục và Đào tạo"),
    ),
    (
        "2. Căn cứ thông tư số 18/2018/TT-BGDĐT, ngày 22 tháng 8 năm 2018 của Bộ trưởng Bộ GD&ĐT về",
        dict(doc_type="Thông tư", number="18", year=2018, symbol="TT-BGDĐT",
             date_text="ngày 22 tháng 8 năm 2018", issuer_text="của Bộ trưởng Bộ GD&ĐT"),
    ),
    (
        "Hồ sơ minh chứng xếp theo TT 19/2018.",
        dict(text="TT 19/2018", doc_type="Thông tư", number="19", year=2018, symbol=None, date=None,
             issuer_text=None),
    ),
    (
        "Cập nhật báo cáo theo Thông tư 19/2028 trước tháng 5.",
        dict(text="Thông tư 19/2028", doc_type="Thông tư", number="19", year=2028, symbol=None),
    ),
    (
        "Niêm yết công khai theo thông tư 36/2017 tại bảng tin.",
        dict(text="thông tư 36/2017", doc_type="Thông tư", number="36", year=2017, symbol=None),
    ),
    (
        "Hoàn thiện hồ sơ theo Thông tư số 19/2018/TTBGDDT, ngày 22/8/2018 của Bộ GD&ĐT;",
        dict(symbol="TTBGDDT", date_text="ngày 22/8/2018", date=dt.date(2018, 8, 22),
             issuer_text="của Bộ GD&ĐT", reference_text="19/2018/TTBGDDT"),
    ),
    (
        "Thực hiện Thông tư số 19/2018/TT- BGDĐT ngày 22 tháng 8 năm 2018.",
        dict(symbol="TT- BGDĐT", reference_text="19/2018/TT- BGDĐT", date=dt.date(2018, 8, 22)),
    ),
    (
        "Tham khảo Công văn 5942/BGDĐT-QLCL khi viết báo cáo.",
        dict(text="Công văn 5942/BGDĐT-QLCL", doc_type="Công văn", number="5942", year=None,
             symbol="BGDĐT-QLCL"),
    ),
    (
        "Căn cứ Công văn số 5942/BGD&ĐT-QLCL ngày 28 tháng 12 năm 2018 của Bộ Giáo dục và Đào tạo về việc",
        dict(doc_type="Công văn", number="5942", symbol="BGD&ĐT-QLCL", date=dt.date(2018, 12, 28),
             issuer_text="của Bộ Giáo dục và Đào tạo"),
    ),
    (
        "Thực hiện văn bản số 1057/PGDĐT-CM, ngày 08/9/2023 của Phòng Giáo dục và Đào tạo về nhiệm vụ;",
        dict(doc_type="Văn bản", number="1057", symbol="PGDĐT-CM", date_text="ngày 08/9/2023",
             date=dt.date(2023, 9, 8), issuer_text="của Phòng Giáo dục và Đào tạo"),
    ),
    (
        "Thực hiện văn bản số: 98/KH-MNHS, ngày 15/9/2023 của Trường MN xã Hoa Sen về kế hoạch năm học;",
        dict(doc_type="Văn bản", number="98", symbol="KH-MNHS", date=dt.date(2023, 9, 15),
             issuer_text="của Trường MN xã Hoa Sen"),
    ),
    (
        "Kế hoạch số 23/KH-MNHS ngày 12 tháng 9 năm 2025 của Trường Mầm non Hoa Sen về Kế hoạch năm học.",
        dict(doc_type="Kế hoạch", number="23", year=None, symbol="KH-MNHS", date=dt.date(2025, 9, 12),
             issuer_text="của Trường Mầm non Hoa Sen"),
    ),
    (
        "(Kèm theo kế hoạch số: 47b/KH-MNHS, ngày 12 tháng 9 năm 2023 của Trường mầm non xã Hoa Sen)",
        dict(text="kế hoạch số: 47b/KH-MNHS, ngày 12 tháng 9 năm 2023 của Trường mầm non xã Hoa Sen",
             doc_type="Kế hoạch", number="47b", symbol="KH-MNHS", date=dt.date(2023, 9, 12)),
    ),
    (
        "Xây dựng lộ trình phù hợp Luật Giáo dục năm 2019 và điều kiện nhà trường.",
        dict(text="Luật Giáo dục năm 2019", doc_type="Luật", number=None, year=2019, symbol=None,
             name="Giáo dục"),
    ),
    (
        "Căn cứ Nghị định 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;",
        dict(doc_type="Nghị định", number="30", year=2020, symbol="NĐ-CP", date=dt.date(2020, 3, 5),
             issuer_text="của Chính phủ"),
    ),
    (
        "Theo Quyết định số 1015/QĐ-TTg của Thủ tướng Chính phủ ngày 30/8/2022;",
        dict(doc_type="Quyết định", number="1015", symbol="QĐ-TTg", issuer_text="của Thủ tướng Chính phủ",
             date=dt.date(2022, 8, 30)),
    ),
    (
        "Căn cứ Luật số 43/2019/QH14 ngày 14/6/2019;",
        dict(doc_type="Luật", number="43", year=2019, symbol="QH14", name=None, date=dt.date(2019, 6, 14)),
    ),
    (
        "Tổ chức tự đánh giá theo 5932/BGDĐT-QLCL của Bộ.",
        dict(text="5932/BGDĐT-QLCL của Bộ", doc_type=None, number="5932", symbol="BGDĐT-QLCL",
             issuer_text="của Bộ"),
    ),
    (
        "Văn bản số 12/PGDĐT ngày 31/2/2023 (ngày không có thật).",
        dict(number="12", symbol="PGDĐT", date_text="ngày 31/2/2023", date=None),
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_citation_table(text: str, expected: dict[str, object]) -> None:
    citations = find_citations(text)
    assert len(citations) == 1, citations
    citation = citations[0]
    assert text[citation.offset : citation.end] == citation.text
    for field, value in expected.items():
        assert getattr(citation, field) == value, field


def test_several_citations_in_order_and_lists() -> None:
    text = ("Căn cứ Thông tư số 17/2018/TT-BGDĐT, 18/2018/TT-BGDĐT và 19/2018/TT-BGDĐT ngày 22/8/2018; "
            "Công văn số 5932/BGDĐT-QLCL và Luật Giáo dục.")
    citations = find_citations(text)
    assert [(c.number, c.doc_type) for c in citations] == [
        ("17", "Thông tư"), ("18", "Thông tư"), ("19", "Thông tư"), ("5932", "Công văn"), (None, "Luật"),
    ]
    assert citations[2].date == dt.date(2018, 8, 22)
    assert citations[-1].name == "Giáo dục"
    assert [c.offset for c in citations] == sorted(c.offset for c in citations)


def test_the_plans_own_number_is_not_a_citation() -> None:
    text = "TRƯỜNG MẦM NON HOA SEN\nSố: 71/KH-MNHS\n  Số 72/KH-MNHS\nHoa Sen, ngày 14 tháng 10 năm 2025"
    assert find_citations(text) == []
    # ... but the same number cited in a sentence is one.
    cited = find_citations("Điều chỉnh theo 71/KH-MNHS đã ban hành.")
    assert [c.symbol for c in cited] == ["KH-MNHS"]


@pytest.mark.parametrize(
    "text",
    [
        "Đơn vị đã triển khai các kế hoạch, thông tư, quyết định đến đội ngũ.",
        "Kế hoạch năm học 2023-2024 và kế hoạch 5 năm.",
        "TT\t1\tRà soát hồ sơ",
        "Đạt Mức 3: 10/19 tiêu chí; hoàn thành trước 15/10/2025.",
        "các văn bản quy phạm pháp luật hiện hành; theo luật định; Luật sửa đổi, bổ sung",
        "Văn bản số lượng lớn; Thông tư hướng dẫn.",
    ],
)
def test_not_citations(text: str) -> None:
    assert find_citations(text) == []


def test_bare_number_needs_a_legal_type_or_so() -> None:
    assert [c.number for c in find_citations("Thực hiện công khai theo thông tư 36 (tài chính).")] == ["36"]
    assert [c.number for c in find_citations("Theo kế hoạch số 5 của nhà trường.")] == ["5"]


def test_nfd_text_offsets_refer_to_the_original() -> None:
    written = "Căn cứ Thông tư số 13/2020/TT-BGDĐT ngày 26 tháng 5 năm 2020 của Bộ GD&ĐT."
    text = unicodedata.normalize("NFD", written)
    (citation,) = find_citations(text)
    assert text[citation.offset : citation.end] == citation.text
    assert unicodedata.normalize("NFC", citation.text) == (
        "Thông tư số 13/2020/TT-BGDĐT ngày 26 tháng 5 năm 2020 của Bộ GD&ĐT"
    )
    assert citation.date == dt.date(2020, 5, 26) and citation.number == "13"


# --- symbols -----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "variant", ["TT-BGDĐT", "TT-BGD&ĐT", "TTBGDDT", "TT- BGDĐT", "tt-bgdđt", "TT–BGDĐT", "TT-BGDDĐT"]
)
def test_normalise_symbol_gives_one_key(variant: str) -> None:
    assert normalise_symbol(variant) == normalise_symbol("TT-BGDĐT")


def test_normalise_symbol_keeps_different_symbols_apart() -> None:
    assert normalise_symbol("BGDĐT-QLCL") != normalise_symbol("BGDĐT-QCL")
    assert normalise_symbol("PGDDĐT-CM") == normalise_symbol("PGDĐT-CM")


def _one(text: str) -> Citation:
    (citation,) = find_citations(text)
    return citation


@pytest.mark.parametrize(
    ("text", "codes", "suggestion"),
    [
        ("Thông tư số 19/2018/TT-BGD&ĐT ngày 22/8/2018", ["ampersand"], "TT-BGDĐT"),
        ("Công văn số 5942/BGD&ĐT-QLCL ngày 28/12/2018", ["ampersand"], "BGDĐT-QLCL"),
        ("Thông tư số 19/2018/TTBGDDT", ["missing_hyphen", "plain_d"], "TT-BGDĐT"),
        ("văn bản số 1342/PGDDĐT-CM", ["doubled_letter"], "PGDĐT-CM"),
        ("Thông tư 19/2018/TT-BGDDT", ["plain_d"], "TT-BGDĐT"),
        ("Thông tư số 19/2018/TT- BGDĐT", ["space"], "TT-BGDĐT"),
        ("Nghị định 30/2020/ND-CP", ["plain_d"], "NĐ-CP"),
        ("văn bản số 14 /PGDĐT-CM", ["space_around_slash"], "PGDĐT-CM"),
    ],
)
def test_symbol_problems(text: str, codes: list[str], suggestion: str) -> None:
    problems = symbol_problems(_one(text))
    assert [p.code for p in problems] == codes
    assert {p.suggestion for p in problems} == {suggestion}


def test_symbol_problem_carries_the_corrected_reference() -> None:
    (problem,) = symbol_problems(_one("Thông tư số 19/2018/TT-BGD&ĐT"))
    assert problem.written == "BGD&ĐT"
    assert problem.suggested_reference == "19/2018/TT-BGDĐT"


@pytest.mark.parametrize(
    "text",
    [
        "Thông tư số 19/2018/TT-BGDĐT",
        "Công văn 5942/BGDĐT-QLCL",
        "Kế hoạch số 23/KH-MNHS",
        "Quyết định số 1015/QĐ-TTg",
        "Công văn số 204/PGD&ĐT-MN ngày 28/8/2023",  # local body: '&' left alone
        "Thông tư số 42/2009/TT-BGD&ĐT",  # before 2012
        "Hướng dẫn số 7/HD-XYZ",  # unknown symbol
        "TT 19/2018",  # no symbol
    ],
)
def test_no_symbol_problems(text: str) -> None:
    assert symbol_problems(_one(text)) == []


def test_ampersand_year_comes_from_the_date_when_the_number_has_none() -> None:
    old = _one("Công văn số 12/BGD&ĐT-GDTH ngày 05/01/2010")
    assert symbol_problems(old) == []
    undated = _one("Công văn số 12/BGD&ĐT-GDTH")
    assert [p.code for p in symbol_problems(undated)] == ["ampersand"]


# --- robustness --------------------------------------------------------------------------------

def _check_offsets(text: str) -> None:
    previous_end = 0
    for citation in find_citations(text):
        assert text[citation.offset : citation.end] == citation.text
        assert citation.offset >= previous_end  # in order, never overlapping
        previous_end = citation.end
        symbol_problems(citation)  # must not raise either


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_find_citations_never_raises_on_arbitrary_text(text: str) -> None:
    _check_offsets(text)


_FRAGMENTS = [
    "Thông tư", "thông tư", "TT", "Công văn", "văn bản", "Kế hoạch", "Luật", "luật", "Nghị định", "QĐ",
    " số", " số:", " ", "  ", ",", ", ", ";", "\n", "Số: ", "(", ")", "/", "-", "&",
    "19", "2018", "47b", "05",
    "/2018", "/TT-BGDĐT", "/TT- BGDĐT", "/BGD&ĐT-QLCL", "/PGDDĐT-CM", "/KH-MNHS", "/TTBGDDT", "/ND-CP",
    " ngày 22 tháng 8 năm 2018", " ngày 08/9/2023", " ngày 31/2/2023", " ngày", " tháng 13 năm",
    " của Bộ Giáo dục và Đào tạo", " của", " của nhà trường", " về việc", " Giáo dục", " năm 2019",
    "Bộ", "ban hành", "e\u0301", "\u0301", "Đ", "D", "TTg", "QH14",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=25).map("".join), st.booleans())
def test_find_citations_offsets_on_citation_like_text(text: str, nfd: bool) -> None:
    _check_offsets(unicodedata.normalize("NFD", text) if nfd else text)
