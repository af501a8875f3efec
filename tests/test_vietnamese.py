"""kclint.vietnamese: syllable grammar, typing residue, legacy encodings, the text pipeline, names."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kclint import vietnamese as v
from kclint.vietnamese import grammar

# ----------------------------------------------------------------- grammar


VALID = """
các trường được người những khỏe khoẻ hòa hoà thủy thuỷ quý quốc quyết quyển quen quạ qui giáo gì gìn giữa
giường giếng giết nghiêm nghĩa nghe ghế kỹ kĩ kiểm kẻ kèm kìa khuya khuỷu ngoài ngoái hoặc hoạch thuở rượu yêu
yên yếu uyên ước ưu ủy uỷ gia già xoong soóc boong quản quanh quẹo của mua múa gửi Đảng Việt Nam ĐẤU HỌC mỹ lý
tỷ sỹ huyện chuyên tuyển khuấy huỳnh luật tuần thuế hươu Loong Buông Buống ăn ấy âm anh ích ý ở oái
""".split()

INVALID = [
    "hoc",  # c closes only sắc/nặng syllables
    "viêt",
    "hòc",
    "ce",  # c never before e
    "ka",  # k only before i, e, ê, y
    "gha",  # gh only before i, e, ê
    "nge",  # ng before e is ngh
    "qa",  # q only with u
    "quu",
    "iên",  # iê needs an onset (yên without one)
    "tyên",
    "tòan",  # tone on the wrong vowel of a closed rhyme
    "gía",  # in gia the i belongs to the onset
    "qúy",
    "truờng",  # u for ư
    "caccs",
    "Website",
    "ngoạii",
]


@pytest.mark.parametrize("word", VALID)
def test_valid_syllables(word: str) -> None:
    assert v.is_valid_syllable(word)


@pytest.mark.parametrize("word", INVALID)
def test_invalid_syllables(word: str) -> None:
    assert not v.is_valid_syllable(word)


def test_decomposed_input_is_parsed_like_precomposed() -> None:
    for word in ("trường", "nghiệp", "Đảng", "khuỷu"):
        assert v.is_valid_syllable(unicodedata.normalize("NFD", word))


def test_parse_exposes_parts() -> None:
    syl = v.parse_syllable("Trường")
    assert syl is not None
    assert (syl.onset, syl.rhyme, syl.tone, syl.coda) == ("tr", "ương", 2, "ng")
    quy = v.parse_syllable("quyết")
    assert quy is not None and quy.onset == "q" and quy.rhyme == "uyêt"


def test_compose_places_tone_by_style() -> None:
    assert v.compose("hoa", 2) == "hòa"
    assert v.compose("hoa", 2, style="new") == "hoà"
    assert v.compose("truong", 2) is None  # not a base at all (needs ư, ơ)
    assert v.compose("trương", 2) == "trường"
    assert v.compose("hoc", 0) is None  # checked final needs a tone
    assert v.compose("hoc", 5) == "học"


def test_tone_style() -> None:
    assert v.tone_style("hòa") == "old"
    assert v.tone_style("hoà") == "new"
    assert v.tone_style("thủy") == "old"
    assert v.tone_style("hoàng") is None  # closed rhyme: one placement only
    assert v.tone_style("quý") is None


# ------------------------------------------------------------ typing residue


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("caccs", "các"),  # key bounce on the final consonant
        ("Phuwocs", "Phước"),  # uw + o + coda -> ươ, as Unikey writes it
        ("dwoif", "dời"),  # w before the vowel applies to the vowel group
        ("swuar", "sửa"),  # s before any vowel is the onset, not a tone key
        ("vietej", "việt"),  # circumflex key typed after the final consonant
        ("nhwngx", "những"),  # w alone is ư
        ("truowngf", "trường"),
        ("dduwowcj", "được"),
        ("NAWM", "NĂM"),
        ("PHUWOCS", "PHƯỚC"),
        ("hoawcj", "hoặc"),
    ],
)
def test_telex_candidate(typed: str, meant: str) -> None:
    assert v.telex_candidate(typed) == meant


@pytest.mark.parametrize("token", ["các", "naag", "online", "Zalo", "Gmail", "internet", "Website", "THCSPKL", "x"])
def test_telex_candidate_declines(token: str) -> None:
    # a valid word, a replay that is still not a syllable (naag -> nâg), foreign words, codes
    assert v.telex_candidate(token) is None


@pytest.mark.parametrize(
    ("typed", "meant"), [("vie65t", "việt"), ("tru7o72ng", "trường"), ("d9a2o", "đào"), ("Vie65t", "Việt")]
)
def test_vni_candidate(typed: str, meant: str) -> None:
    assert v.vni_candidate(typed) == meant


@pytest.mark.parametrize("chunk", ["lop1", "A1", "B2", "lop12", "Covid19", "H2O", "10A1", "TH1"])
def test_vni_candidate_declines_numbers(chunk: str) -> None:
    assert v.vni_candidate(chunk) is None


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("naag", "nâng"), ("truờng", "trường"), ("Truờng", "Trường"), ("gía", "giá"), ("nge", "nghe"), ("kái", "cái")],
)
def test_repair_candidates(typed: str, meant: str) -> None:
    assert v.repair_candidates(typed) == (meant,)


# Telex encoder for the round-trip property: each letter by its keys, the tone key last.
_KEYS = {"â": "aa", "ê": "ee", "ô": "oo", "ă": "aw", "ơ": "ow", "ư": "uw", "đ": "dd"}
_TONE_KEYS = {1: "s", 2: "f", 3: "r", 4: "x", 5: "j"}


def _telex(word: str) -> str:
    syl = v.parse_syllable(word)
    assert syl is not None
    return "".join(_KEYS.get(c, c) for c in syl.base) + _TONE_KEYS.get(syl.tone, "")


_g = grammar.orthography()


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from([*_g.onsets]),
    st.sampled_from(sorted(_g.all_rhymes)),
    st.integers(min_value=0, max_value=5),
)
def test_telex_round_trip(onset: str, rhyme: str, tone: int) -> None:
    word = v.compose(onset + rhyme, tone)
    if word is None:
        return
    if "oo" in (v.parse_syllable(word) or v.Syllable("", "", 0, -1, "")).base:
        return  # Telex types 'oo' as ô: 'choóc' cannot be typed plainly (Unikey gives 'chốc')
    typed = _telex(word)
    if v.is_valid_syllable(typed):
        return  # a Telex spelling that is itself a word has nothing to decode
    assert v.telex_candidate(typed) == word
    assert v.telex_candidate(typed.capitalize()) == word[0].upper() + word[1:]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(_g.all_rhymes)), st.sampled_from([*_g.onsets]), st.integers(0, 5))
def test_composed_syllables_parse_in_both_styles_and_forms(rhyme: str, onset: str, tone: int) -> None:
    for style in ("old", "new"):
        word = v.compose(onset + rhyme, tone, style=style)
        if word is not None:
            assert v.is_valid_syllable(word)
            assert v.is_valid_syllable(word.upper())
            assert v.is_valid_syllable(unicodedata.normalize("NFD", word))


# ---------------------------------------------------------- legacy encodings


@pytest.mark.parametrize(
    ("garbled", "text", "encoding"),
    [
        ("ViÖt", "Việt", "TCVN3"),
        ("Tr−êng", "Trường", "TCVN3"),
        ("®µo", "đào", "TCVN3"),
        ("tröôøng", "trường", "VNI"),
        ("Vieät", "Việt", "VNI"),
        ("Viá»‡t", "Việt", "UTF-8/Windows-1252"),
    ],
)
def test_legacy_decode(garbled: str, text: str, encoding: str) -> None:
    got = v.legacy_decode(garbled)
    assert got is not None and got[:2] == (text, encoding) and got[2]


def test_legacy_decode_leaves_unicode_alone() -> None:
    for word in ("cái", "Việt", "trường", "«Xuân", "Pleiku"):
        assert v.legacy_decode(word) is None


@pytest.mark.parametrize("text", ["Mốc thời gian: 11/2025 ÷ 02/2026.", "Thời gian | 10 ÷ 12/2025",
                                  "Diện tích 2 × 3 m."])
def test_a_sign_standing_alone_is_no_legacy_word(text: str) -> None:
    assert not [i for i in v.check_text(text) if i.kind == "text.legacy_encoding"]


@pytest.mark.parametrize("text", ["Hồ sơ của Trường Tiểu học Phú Cường nộp trước ngày 21/3/2025.",
                                  "- Lớp 5A Trường tiểu học Phú Lợi tham gia hội thi."])
def test_a_name_after_a_small_letter_is_no_real_word_slip(text: str) -> None:
    assert not [i for i in v.check_text(text) if i.detector == "real_word"]


def test_the_same_slip_in_small_letters_is_still_found() -> None:
    found = [i.evidence for i in v.check_text("Hồ sơ học phú của học sinh, học phí.") if i.detector == "real_word"]
    assert found == ["học phú"]


# ------------------------------------------------------------- the pipeline


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(i.kind, i.evidence) for i in v.check_text(text)]


def test_issue_evidence_is_the_text_at_its_offsets() -> None:
    text = "Tổ chức cacs hoạt động <i>trải nghiệm</i> cho trẻ trẻ ,  tham gia [bookmark: m_1] ."
    issues = v.check_text(text)
    assert issues
    for issue in issues:
        assert text[issue.start : issue.end] == issue.evidence


def test_decomposed_paragraph_offsets_map_back_to_the_raw_text() -> None:
    text = "Nhà trường " + unicodedata.normalize("NFD", "tổ chức") + " cacs hoạt động"
    issues = v.check_text(text)
    assert [i.detector for i in issues] == ["nfd", "telex"]
    for issue in issues:
        assert text[issue.start : issue.end] == issue.evidence
    assert issues[0].suggestion == "tổ"


def test_artifacts() -> None:
    assert _kinds("<p>Giáo viên dự giờ.</p>") == [("text.artifact", "<p>"), ("text.artifact", "</p>")]
    assert _kinds("1.5. [bookmark: muc_1_5]Tiêu chí 1.5") == [("text.artifact", "[bookmark: muc_1_5]")]
    assert _kinds("Xem trang PAGE \\* MERGEFORMAT 3") == [("text.artifact", "PAGE \\* MERGEFORMAT")]
    assert _kinds('Chi tiết tại HYPERLINK "http://pgd.edu.vn" cổng thông tin') == [
        ("text.artifact", 'HYPERLINK "http://pgd.edu.vn"')
    ]
    assert _kinds("Xem { REF _Ref123 \\h } bên dưới") == [("text.artifact", "{ REF _Ref123 \\h }")]
    assert _kinds("Error! Reference source not found.") == [("text.artifact", "Error! Reference source not found.")]
    assert _kinds("Phí&nbsp;ăn bán trú") == [("text.artifact", "&nbsp;")]


def test_markdown_emphasis_is_debris_but_its_words_are_still_checked() -> None:
    assert _kinds("*** Tôn tại**") == [("text.artifact", "*** Tôn tại**"), ("text.typo", "Tôn tại")]


def test_spacing_ellipsis_and_closing_mark_are_fine() -> None:
    assert _kinds("Sổ sách, hồ sơ... được lưu trữ đầy đủ./.") == []
    assert _kinds("Nơi nhận:") == []
    assert _kinds("hồ sơ  sổ sách") == [("text.spacing", "sơ  sổ")]
    assert _kinds("hồ sơ , sổ sách..") == [("text.spacing", "sơ ,"), ("text.spacing", "sách..")]
    assert _kinds("hồ sơ,, sổ sách") == [("text.spacing", "sơ,,")]


@pytest.mark.parametrize(
    "text",
    [
        "Ngày ngày cô đón trẻ; người người, nhà nhà hưởng ứng.",
        "Trẻ dần dần quen nề nếp, uống nước từ từ.",
        "Khai thác triệt để để nâng cao hiệu quả.",
        "Học sinh sinh hoạt dưới cờ.",
        "Các vấn đề đề ra đã được giải quyết.",
        "Trẻ nhận biết các hình hình học cơ bản.",
        "Hiệu trưởng phân công công việc cho từng thành viên; Hội đồng đồng ý thông qua.",
        "Trong năm năm học liên tiếp, trường đạt danh hiệu tiên tiến.",
    ],
)
def test_legitimate_repetitions(text: str) -> None:
    assert _kinds(text) == []


def test_repeated_words() -> None:
    assert _kinds("Triển khai tới toàn thể giáo viên nhà trường trường.") == [
        ("text.duplicate_word", "trường trường")
    ]
    assert _kinds("Thông qua qua các hoạt động") == [("text.duplicate_word", "qua qua")]
    assert _kinds("Của Của trường") == [("text.duplicate_word", "Của Của")]


def test_english_in_a_paragraph_is_not_read_as_telex() -> None:
    assert _kinds("Mức 1: the school is assessed at this level; see Điều 6.") == []
    assert _kinds("Tiêu chí 2.1 (annotated as a mismatch).") == []
    # Vietnamese words that look like English ('an', 'do', 'to', 'in') never switch the check off.
    assert _kinds("An toàn do to in ấn: cacs lớp") == [("text.telex_residue", "cacs")]
    assert _kinds("Gửi qua Gmail, Zalo cho cacs phụ huynh") == [("text.telex_residue", "cacs")]


_PIECES = st.sampled_from(
    [
        "trường", "Trường", "cacs", "Phuwocs", "naag", "<p>", "</i>", "[bookmark: x_1]", "**", "NĂM HOC",
        "qua qua", "  ", " ,", "..", "...", "./.", "Ðối", "Tr−êng", "ViÖt", "https://a.edu.vn", "19/2018/TT-BGDĐT",
        "hòa", "hoà", unicodedata.normalize("NFD", "tổ chức"), "\u200b", "“", "”", "Phiêng Lầu", "vie65t", "\n", " ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=14))
def test_evidence_always_quotes_the_text_at_its_offsets(pieces: list[str]) -> None:
    text = " ".join(pieces)
    for issue in v.check_text(text):
        assert 0 <= issue.start < issue.end <= len(text)
        assert text[issue.start : issue.end] == issue.evidence


def test_phrases_keep_case() -> None:
    issues = v.check_text("KẾ HOẠCH NĂM HOC 2025-2026")
    assert [(i.kind, i.evidence, i.suggestion) for i in issues] == [
        ("text.missing_diacritics", "NĂM HOC", "NĂM HỌC")
    ]
    issues = v.check_text("Báo cáo Sở Giáo và Đào tạo")
    assert [(i.kind, i.suggestion) for i in issues] == [("text.typo", "Sở Giáo dục và Đào tạo")]
    issues = v.check_text("Thực hiện theo quay định hiện hành")
    assert [(i.kind, i.suggestion) for i in issues] == [("text.typo", "quy định")]


def test_heading_only_phrase() -> None:
    assert _kinds("2. Tôn tại") == [("text.typo", "Tôn tại")]
    # In running text 'tôn tại' is left alone unless the context says 'tồn tại' is meant.
    assert _kinds("Mọi người tôn tại nơi tổ chức buổi lễ một người thầy cũ của trường.") == []
    assert _kinds("Khắc phục những tôn tại trong năm học trước.") == [("text.typo", "những tôn tại")]


def test_token_verdicts() -> None:
    assert _kinds("Nhà trường naag cấp phòng học") == [("text.typo", "naag")]
    assert _kinds("tổ chức ngoạii khóa") == [("text.invalid_syllable", "ngoạii")]
    assert _kinds("viết chữ Viêt Nam") == []  # a capitalised name is not judged
    assert _kinds("tiếng viêt") == [("text.missing_diacritics", "viêt")]
    assert _kinds("tổ chức hoc tập") == [("text.missing_diacritics", "hoc")]  # between Vietnamese words
    assert _kinds("Google Classroom hoc online") == []  # among foreign words it may be English
    issue = v.check_text("tiếng viêt")[0]
    assert issue.alternatives == ("viết", "việt")


@pytest.mark.parametrize(
    "text",
    [
        "Gửi qua email truong.mn@gmail.com hoặc https://pgd.edu.vn/van-ban?id=12",
        "Trang web mntanlap.edu.vn đăng tải kế hoạch",
        "Số: 47b/KH-MNPK; Thông tư 19/2018/TTBGDDT; lớp 5A1",
        "CBGVNV, BGH, TTCM, KĐCLGD, ĐDĐC, THCSPKL, HSKĐCL, CB-GV-NV, GD&ĐT",
        "Học kỳ II; mục IV; phần iii",
        "Họp qua Zoom, Zalo, Google Meet; nộp file PDF, video clip",
        "Trẻ dân tộc H'Mông ở Đắk Lắk, Kon Tum, Pleiku",
        "đ/c Hà (t/h); b/c Phòng; đvt: đồng",
        "Ðối với giáo viên",
    ],
)
def test_skipped_tokens(text: str) -> None:
    kinds = {k for k, _ in _kinds(text)}
    assert kinds <= {"text.normalization"}  # only the eth look-alike, never a word verdict


def test_normalization() -> None:
    assert _kinds("Ðối với giáo viên") == [("text.normalization", "Ðối")]
    assert _kinds("giáo\u200bviên") == [("text.normalization", "giáo\u200bviên")]


def test_legacy_paragraph_is_one_error_and_nothing_else() -> None:
    issues = v.check_text("Tr−êng mÇm non tæ chøc ho¹t ®éng tr¶i nghiÖm cho trÎ.")
    assert [i.kind for i in issues] == ["text.legacy_encoding"]
    assert issues[0].suggestion == "Trường mầm non tổ chức hoạt động trải nghiệm cho trẻ"
    assert issues[0].alternatives == ("TCVN3",)
    vni = v.check_text("Tröôøng maàm non Vieät Nam")
    assert [i.alternatives for i in vni] == [("VNI",)]


def test_is_heading() -> None:
    assert v.is_heading("*** Tồn tại**")
    assert v.is_heading("IV. CHỈ TIÊU PHẤN ĐẤU")
    assert not v.is_heading("Nhà trường tiếp tục phát huy các điểm mạnh, khắc phục điểm yếu trong năm học tới.")


# ------------------------------------------------------------ document checks


def test_placement_conflicts_report_the_rarer_style() -> None:
    texts = ["Tham mưu cấp ủy, Ủy ban nhân dân xã.", "Báo cáo cấp uỷ.", "Cộng hòa; hòa nhập."]
    conflicts = v.placement_conflicts(texts)
    assert [(c.index, c.word, c.other, c.style) for c in conflicts] == [(1, "uỷ", "ủy", "new")]


def test_names_differing_by_diacritics() -> None:
    texts = [
        "Trường Mầm non xã Nậm Cang tổ chức khai giảng.",
        "Ủy ban nhân dân xã Nậm Cang hỗ trợ kinh phí.",
        "Báo cáo về xã Nậm Càng trước ngày 20/5.",
    ]
    (variant,) = v.name_variants(texts)
    assert (variant.rare, variant.common, variant.kind) == ("Nậm Càng", "Nậm Cang", "consistency.name")
    assert variant.occurrences[0].index == 2 and not variant.tie


def test_quoted_names_body_vs_appendix() -> None:
    texts = [
        "Tổ chức ngày hội “Bé vui đón trung thu” cho trẻ toàn trường.",
        "Trên đây là kế hoạch./.",
        "(Kèm theo Kế hoạch số 12/KH-MN ngày 05/9/2025)",
        "Tháng 9: ngày hội “Bé vui đón Trung thư”.",
    ]
    assert v.appendix_start(texts) == 2
    (variant,) = v.name_variants(texts)
    assert variant.kind == "consistency.body_vs_appendix"
    assert variant.rare == "Bé vui đón Trung thư" and variant.common == "Bé vui đón trung thu"


@pytest.mark.parametrize(
    "texts",
    [
        ["Kế toán: Nguyễn Thị Hà.", "Thủ quỹ: Nguyễn Thị Hạ."],  # two people, not one misspelt
        ["Điểm trường Phước Lâm.", "Điểm trường Phước Lộc."],  # two places
        ["Xã Tân Lập.", "XÃ TÂN LẬP", "xã Tân lập"],  # case only
        ["Phường Hòa Bình.", "Phường Hoà Bình."],  # tone placement only (KC608's business)
        ["Cuộc thi “Tài năng của bé”.", "Giao lưu “Tài năng của bé” cấp cụm."],
    ],
)
def test_no_name_variant(texts: list[str]) -> None:
    assert v.name_variants(texts) == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 8)), max_size=12),
       st.lists(st.tuples(st.integers(0, 40), st.integers(1, 8)), max_size=12))
def test_claims_answer_as_a_scan_of_every_claim_would(adds: list, queries: list) -> None:
    from kclint.vietnamese.check import _Claims

    claims, plain = _Claims(), []
    for start, length in adds:
        claims.add(start, start + length)
        plain.append((start, start + length))
        for q, qlen in queries:
            assert claims.hit(q, q + qlen) == any(s < q + qlen and q < e for s, e in plain)


@pytest.mark.parametrize("word", ["quên", "quệt", "quết", "quắp", "quặp", "quít", "quịt", "quạu", "Quên"])
def test_qu_syllables_the_grammar_once_rejected(word: str) -> None:
    assert v.is_valid_syllable(word)
    assert v.check_text(f"Nhà trường không {word} nhiệm vụ được giao.") == ()


def test_every_word_of_the_legal_corpus_is_a_syllable_or_a_listed_loanword() -> None:
    """The grammar cross-checked against correct official prose (tests/corpus/prose, about 62,000 syllables)."""
    import re
    from pathlib import Path

    latin = grammar.orthography().latin
    rejected = set()
    for path in (Path(__file__).parent / "corpus" / "prose").glob("*.txt"):
        for word in re.findall(r"[^\W\d_]+", path.read_text(encoding="utf-8")):
            if len(word) > 1 and not word.isupper() and not v.is_valid_syllable(word) and word.lower() not in latin:
                rejected.add(word)
    assert rejected <= {"Stockholm"}, rejected  # a foreign place name, capitalised: skipped by the rules


@pytest.mark.parametrize("text", ["các hành vi vi phạm pháp luật", "trong trường hợp hợp đồng lao động",
                                  "các giao dịch dịch vụ"])
def test_a_repeat_between_two_frequent_compounds_is_not_a_slip(text: str) -> None:
    assert v.check_text(text) == ()


def test_a_repeated_function_word_is_still_a_slip() -> None:
    assert [i.kind for i in v.check_text("bảo đảm quyền lợi của của học sinh")] == ["text.duplicate_word"]
