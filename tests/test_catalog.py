"""The criteria and legal-document catalogs: validity, declared counts, lookups, title matching."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kclint.catalog import (
    SCHOOL_LEVELS,
    Confidence,
    CriteriaVersion,
    MismatchKind,
    find_document,
    find_documents,
    load_abbreviations,
    load_legal_documents,
    load_versions,
    title_matches,
    version_by_id,
    version_for,
)

VERSION_IDS = {
    "tt19-2018-mn",
    "tt19-2018-mn-tt22-2024",
    "tt17-2018-th",
    "tt17-2018-th-tt22-2024",
    "tt18-2018-thcs-thpt",
    "tt18-2018-thcs-thpt-tt22-2024",
}
TT22_IN_FORCE = dt.date(2025, 1, 25)


def _criteria_files() -> list[str]:
    folder = resources.files("kclint.catalogs") / "criteria"
    return sorted(f.name for f in folder.iterdir() if f.name.endswith(".json"))


def _version(version_id: str) -> CriteriaVersion:
    version = version_by_id(version_id)
    assert version is not None, version_id
    return version


# --- files validate -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", _criteria_files())
def test_every_criteria_file_validates(name: str) -> None:
    raw = json.loads((resources.files("kclint.catalogs") / "criteria" / name).read_text(encoding="utf-8"))
    version = CriteriaVersion.model_validate(raw)
    assert name == f"{version.id}.json"


def test_the_six_versions_are_loaded() -> None:
    assert {v.id for v in load_versions()} == VERSION_IDS
    assert len(_criteria_files()) == 6


def test_unknown_keys_are_rejected() -> None:
    path = resources.files("kclint.catalogs") / "criteria" / "tt19-2018-mn.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["standards"][0]["criteria"][0]["requirements_unverified"] = {"1": ["..."]}
    with pytest.raises(ValueError, match="requirements_unverified"):
        CriteriaVersion.model_validate(raw)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.mark.parametrize("name", ["legal_documents.json", "abbreviations.json",
                                  *(f"criteria/{f}" for f in _criteria_files())])
def test_catalog_text_is_nfc_and_trimmed(name: str) -> None:
    node = resources.files("kclint.catalogs")
    for part in name.split("/"):
        node = node / part
    for text in _strings(json.loads(node.read_text(encoding="utf-8"))):
        assert unicodedata.is_normalized("NFC", text), text
        assert text == text.strip() and "  " not in text, text


def test_legal_documents_validate() -> None:
    docs = load_legal_documents()
    assert len(docs) == 35
    assert len({d.id for d in docs}) == 35
    for d in docs:
        assert d.number and d.symbol and d.year
        assert all(level in SCHOOL_LEVELS for level in d.school_levels)
        if d.superseded_by:
            assert d.superseded_confidence is not None


def test_abbreviations_are_data() -> None:
    table = {a.abbr: a.expansion for a in load_abbreviations()}
    assert table["CSVC"] == "cơ sở vật chất"
    assert table["GV"] == "giáo viên"
    assert table["HS"] == "học sinh"
    assert table["CBQL"] == "cán bộ quản lý"


# --- declared counts equal the data --------------------------------------------------------------

@pytest.mark.parametrize("version", load_versions(), ids=lambda v: v.id)
def test_declared_counts_equal_actual_counts(version: CriteriaVersion) -> None:
    declared = version.declared_counts
    criteria = [c for s in version.standards for c in s.criteria]
    assert declared.standards == len(version.standards)
    assert declared.criteria_total == len(criteria)
    assert declared.criteria_per_standard == {s.number: len(s.criteria) for s in version.standards}
    assert declared.criteria_with_level_2 == sum(2 in c.levels for c in criteria)
    assert declared.criteria_with_level_3 == sum(3 in c.levels for c in criteria)
    assert list(declared.level_3_criteria) == [c.id for c in criteria if 3 in c.levels]
    assert version.count_mismatches() == []


def test_count_mismatches_reports_a_difference() -> None:
    version = _version("tt19-2018-mn")
    raw = version.model_dump(by_alias=True, mode="json")
    raw["declared_counts"]["criteria_with_level_3"] = 20
    tampered = CriteriaVersion.model_validate(raw)
    assert tampered.count_mismatches() == ["tt19-2018-mn: criteria_with_level_3 declared 20, actual 19"]


@pytest.mark.parametrize(
    ("version_id", "total", "per_standard", "with_level_3"),
    [
        ("tt19-2018-mn", 25, [10, 3, 6, 2, 4], 19),
        ("tt19-2018-mn-tt22-2024", 25, [10, 3, 6, 2, 4], 19),
        ("tt17-2018-th", 27, [10, 4, 6, 2, 5], 19),
        ("tt17-2018-th-tt22-2024", 27, [10, 4, 6, 2, 5], 19),
        ("tt18-2018-thcs-thpt", 28, [10, 4, 6, 2, 6], 20),
        ("tt18-2018-thcs-thpt-tt22-2024", 28, [10, 4, 6, 2, 6], 19),
    ],
)
def test_known_structure(version_id: str, total: int, per_standard: list[int], with_level_3: int) -> None:
    version = _version(version_id)
    assert len(version.criteria) == total
    assert [len(s.criteria) for s in version.standards] == per_standard
    assert len(version.criteria_with_level(3)) == with_level_3


def test_tt22_leaves_criterion_1_5_with_level_1_only() -> None:
    for version_id in ("tt17-2018-th-tt22-2024", "tt18-2018-thcs-thpt-tt22-2024"):
        criterion = _version(version_id).criterion("1.5")
        assert criterion is not None
        assert criterion.levels == (1,)
        assert "levels" in criterion.uncertain_about
    original = _version("tt18-2018-thcs-thpt").criterion("1.5")
    assert original is not None and original.levels == (1, 2, 3)


def test_uncertain_facts_are_marked() -> None:
    tt18 = _version("tt18-2018-thcs-thpt-tt22-2024")
    for cid in ("5.3", "5.4", "5.5"):
        c = tt18.criterion(cid)
        assert c is not None and c.uncertain and c.uncertainty and c.confidence is Confidence.LOW
        assert "existence" in c.uncertain_about
    assert all(c.uncertain for c in _version("tt19-2018-mn-tt22-2024").criteria)
    for cid in ("1.5", "3.1", "3.2"):
        c = _version("tt17-2018-th").criterion(cid)
        assert c is not None and "title" in c.uncertain_about
    assert not any(c.uncertain for c in _version("tt18-2018-thcs-thpt").criteria)
    assert not any(c.uncertain for c in _version("tt19-2018-mn").criteria)


def test_lookups() -> None:
    version = _version("tt19-2018-mn")
    c = version.criterion(" 1.10 ")
    assert c is not None and c.title == "Đảm bảo an ninh trật tự, an toàn trường học"
    assert c.standard_number == 1 and c.index == 10 and c.max_level == 2
    assert version.criterion("1.11") is None
    assert version.criterion("6.1") is None
    standard = version.standard(2)
    assert standard is not None and standard.title == "Cán bộ quản lý, giáo viên, nhân viên"
    assert version.standard(6) is None
    assert {c.id for c in version.criteria if c not in version.criteria_with_level(3)} == {
        "1.2", "1.7", "1.8", "1.9", "1.10", "3.6"
    }
    assert version.level_4_item_count == 6
    assert version.sources and version.confidence is Confidence.HIGH


# --- version_for -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("level", "expected"),
    [
        ("mam_non", "tt19-2018-mn-tt22-2024"),
        ("tieu_hoc", "tt17-2018-th-tt22-2024"),
        ("thcs", "tt18-2018-thcs-thpt-tt22-2024"),
        ("thpt", "tt18-2018-thcs-thpt-tt22-2024"),
        ("nhieu_cap", "tt18-2018-thcs-thpt-tt22-2024"),
    ],
)
def test_version_for_picks_tt22_versions_from_25_january_2025(level: str, expected: str) -> None:
    version = version_for(level, TT22_IN_FORCE)
    assert version is not None and version.id == expected
    later = version_for(level, dt.date(2026, 5, 1))
    assert later is not None and later.id == expected
    latest = version_for(level, None)
    assert latest is not None and latest.id == expected
    before = version_for(level, dt.date(2025, 1, 24))
    assert before is not None and before.id == expected.removesuffix("-tt22-2024")
    first_day = version_for(level, dt.date(2018, 10, 10))
    assert first_day is not None and first_day.amended_by is None


def test_version_for_before_the_circulars_and_unknown_levels() -> None:
    assert version_for("tieu_hoc", dt.date(2018, 10, 9)) is None
    with pytest.raises(ValueError, match="unknown school level"):
        version_for("dai_hoc", TT22_IN_FORCE)


# --- find_document -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("Thông tư", "19", 2018, "TT-BGDĐT"), "tt19-2018"),
        (("TT", "19", 2018, "TT-BGD&ĐT"), "tt19-2018"),
        (("Thông tư", "19", 2018, "TTBGDDT"), "tt19-2018"),
        (("Thông tư", "19", 2018, "TT- BGDĐT"), "tt19-2018"),
        (("TT", "19", 2018, None), "tt19-2018"),
        (("Thông tư", "36", None, None), "tt36-2017"),
        (("TT", "9", 2024, "TT-BGDĐT"), "tt09-2024"),
        (("Công văn", "5942", None, "BGD&ĐT-QLCL"), "cv5942-2018"),
        (("văn bản", "5932", None, None), "cv5932-2018"),
        (("Nghị định", "30", 2020, "ND-CP"), "nd30-2020"),
        (("QĐ", "1015", None, "QĐ-TTg"), "qd1015-2022"),
        (("Luật", "43", 2019, "QH14"), "luat-gd-2019"),
        (("Thông tư", "22", 2021, None), "tt22-2021"),
        (("Thông tư", "22", 2024, None), "tt22-2024"),
    ],
)
def test_find_document(args: tuple, expected: str) -> None:
    doc = find_document(*args)
    assert doc is not None and doc.id == expected


@pytest.mark.parametrize(
    "args",
    [
        ("Thông tư", "19", 2028, None),  # no such circular
        ("Kế hoạch", "13", None, None),  # a school's own plan number, not TT 13/2020
        (None, "13", None, None),
        ("Thông tư", "14", None, None),  # ambiguous: 14/2018, 14/2020, 14/2025
        ("Công văn", "5942", None, "BGDĐT-QCL"),  # wrong unit code
        ("Kế hoạch", "23", None, "KH-MNHS"),
    ],
)
def test_find_document_finds_nothing(args: tuple) -> None:
    assert find_document(*args) is None


def test_find_document_by_law_name_and_candidates() -> None:
    doc = find_document("Luật", None, 2019, None, name="Giáo dục")
    assert doc is not None and doc.number_symbol == "43/2019/QH14"
    assert {d.id for d in find_documents("TT", "14", None, None)} == {"tt14-2018", "tt14-2020", "tt14-2025"}


def test_document_facts() -> None:
    tt36 = find_document("TT", "36", 2017, None)
    assert tt36 is not None
    assert tt36.superseded_by == "09/2024/TT-BGDĐT"
    assert tt36.superseded_on == dt.date(2024, 7, 19)
    assert tt36.is_superseded_on(dt.date(2024, 9, 1))
    assert not tt36.is_superseded_on(dt.date(2023, 9, 18))
    tt13 = find_document("TT", "13", 2020, None)
    assert tt13 is not None and tt13.issue_date == dt.date(2020, 5, 26)
    assert tt13.amended_by[0].number_symbol == "23/2024/TT-BGDĐT"
    assert tt13.amended_by[0].effective_from == dt.date(2025, 1, 31)
    cv = find_document("CV", "5932", None, None)
    assert cv is not None and cv.effective_date == dt.date(2018, 12, 28)
    assert cv.effective_date_note and cv.confidence is Confidence.MEDIUM and cv.confidence_note
    assert cv.concerns("thcs") and not cv.concerns("mam_non")
    tt20 = find_document("TT", "20", 2018, None)
    assert tt20 is not None and tt20.superseded_confidence is Confidence.LOW
    assert not tt20.is_superseded_on(dt.date(2026, 11, 1))  # replacement date unknown
    tt18 = find_document("TT", "18", 2018, None)
    assert tt18 is not None and set(tt18.school_levels) == {"thcs", "thpt", "nhieu_cap"}


# --- title matching ------------------------------------------------------------------------------

MN = "tt19-2018-mn"
TH = "tt17-2018-th"
THCS = "tt18-2018-thcs-thpt"


@pytest.mark.parametrize(
    ("version_id", "cid", "written", "via"),
    [
        (MN, "3.3", "Khối phòng hành chính quản trị", "normalised"),  # hyphen only
        (MN, "3.3", "Khối phòng hành chính – quản trị", "normalised"),  # en dash
        (MN, "3.3", "KHỐI PHÒNG HÀNH CHÍNH - QUẢN TRỊ", "normalised"),  # case only
        (MN, "3.4", "Khối phòng tổ chức ăn.", "normalised"),  # trailing full stop
        (MN, "3.4", "Khối phòng tổ chức ăn", "exact"),
        (MN, "1.2", "Hội đồng trường và các hội đồng khác", "parenthetical"),
        (MN, "3.2", "Khối phòng nhóm trẻ, lớp mẫu giáo và khối phòng phục", "truncated"),  # page split
        (MN, "3.1", "Tiêu chí 3.1: Diện tích, khuôn viên và sân vườn", "normalised"),
        (TH, "4.2", "Công tác tham mưu cấp ủy đảng, chính quyền và phối hợp với các tổ chức, cá nhân của nhà "
                    "trường", "normalised"),  # tone placement uỷ/ủy and Đảng/đảng
        (TH, "3.1", "Khuôn viên, khu sân chơi, bãi tập", "alias"),
        (THCS, "5.2", "Tổ chức hoạt động giáo dục cho HS có hoàn cảnh khó khăn, HS có năng khiếu, HS gặp khó "
                      "khăn trong học tập và rèn luyện", "abbreviation"),
    ],
)
def test_titles_that_match(version_id: str, cid: str, written: str, via: str) -> None:
    result = _version(version_id).match_criterion_title(cid, written)
    assert result is not None
    assert result.matches, result
    assert result.kind is None
    assert result.via == via


def test_nfd_and_tone_placement_match() -> None:
    official = "Thực hiện chương trình giáo dục, hòa nhập"  # an invented title with an oa rhyme
    nfd = title_matches(unicodedata.normalize("NFD", official), official)
    assert nfd.matches and nfd.via == "exact"  # canonically the same text
    tone = title_matches("Thực hiện chương trình giáo dục, hoà nhập", official)
    assert tone.matches and tone.via == "normalised"


def test_abbreviation_in_a_standard_title() -> None:
    result = _version(MN).match_standard_title(3, "CSVC và thiết bị dạy học")
    assert result is not None and result.matches and result.via == "abbreviation"


def test_misspelt_words_are_a_typo() -> None:
    written = "Khởi phòng nhóm trẻ, lớp mẫu giáo và khởi phòng phục vụ học tập"
    result = _version(MN).match_criterion_title("3.2", written)
    assert result is not None and not result.matches
    assert result.kind is MismatchKind.TYPO
    assert result.differences == (("Khởi", "Khối"), ("khởi", "khối"))
    assert result.compared_with == "Khối phòng nhóm trẻ, lớp mẫu giáo và khối phòng phục vụ học tập"
    short = _version(MN).match_criterion_title("3.4", "Khởi phòng tổ chức ăn")
    assert short is not None and short.kind is MismatchKind.TYPO
    assert short.differences == (("Khởi", "Khối"),)


def test_standard_title_missing_its_end_is_an_omission() -> None:
    result = _version(THCS).match_standard_title(2, "Cán bộ quản lý, giáo viên, nhân viên")
    assert result is not None and not result.matches
    assert result.kind is MismatchKind.OMISSION
    assert result.missing == "và học sinh"
    assert "tt19-2018-mn" in result.others  # it is also the kindergarten wording
    assert not _version(THCS).match_standard_title(2, "Cán bộ quản lý, giáo viên, nhân viên và học sinh").kind


def test_omission_of_a_criterion_tail() -> None:
    result = _version(TH).match_criterion_title("1.2", "Hội đồng trường")
    assert result is not None and result.kind is MismatchKind.OMISSION
    assert result.missing == "và các hội đồng khác"


def test_title_of_another_level() -> None:
    version = _version(THCS)
    std5 = version.match_standard_title(5, "Hoạt động và kết quả nuôi dưỡng, chăm sóc, giáo dục trẻ")
    assert std5 is not None and std5.kind is MismatchKind.OTHER_LEVEL
    assert std5.others == ("tt19-2018-mn", "tt19-2018-mn-tt22-2024")
    cut = version.match_standard_title(5, "Hoạt động và kết quả nuôi dưỡng, chăm sóc, giáo dục")
    assert cut is not None and cut.kind is MismatchKind.OTHER_LEVEL
    room = _version(MN).match_criterion_title("3.3", "Khối hành chính - quản trị")
    assert room is not None and room.kind is MismatchKind.OTHER_LEVEL


def test_title_of_another_version() -> None:
    result = title_matches("Lớp học và tổ chức", "Khối lớp và tổ chức lớp học",
                           other_version=[("older", "Lớp học và tổ chức")])
    assert result.kind is MismatchKind.OTHER_VERSION and result.others == ("older",)


def test_a_different_title() -> None:
    result = _version(THCS).match_criterion_title("3.5", "Thư viện")
    assert result is not None and result.kind is MismatchKind.DIFFERENT
    assert _version(THCS).match_criterion_title("9.9", "Thư viện") is None


def test_truncation_can_be_disabled() -> None:
    result = _version(MN).match_criterion_title(
        "3.2", "Khối phòng nhóm trẻ, lớp mẫu giáo và khối phòng phục", allow_truncation=False
    )
    assert result is not None and result.kind is MismatchKind.OMISSION
    assert result.missing == "vụ học tập"


_ALL_TITLES = sorted(
    {(v.id, c.id, c.title) for v in load_versions() for c in v.criteria}
    | {(v.id, str(s.number), s.title) for v in load_versions() for s in v.standards}
)


@settings(max_examples=150, deadline=None)
@given(
    item=st.sampled_from(_ALL_TITLES),
    upper=st.booleans(),
    nfd=st.booleans(),
    dash=st.sampled_from([" - ", " – ", " ", "-"]),
    tail=st.sampled_from(["", ".", " .", ";", ":"]),
)
def test_formatting_differences_never_make_a_typo(
    item: tuple[str, str, str], upper: bool, nfd: bool, dash: str, tail: str
) -> None:
    version_id, item_id, title = item
    written = title.replace(" - ", dash) + tail
    written = written.upper() if upper else written
    written = unicodedata.normalize("NFD", written) if nfd else written
    version = _version(version_id)
    if "." in item_id:
        result = version.match_criterion_title(item_id, written)
    else:
        result = version.match_standard_title(int(item_id), written)
    assert result is not None and result.matches, (written, result)
