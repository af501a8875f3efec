"""The text-quality rules KC601-KC610: findings on small plans, and silence on correct Vietnamese."""
# ruff: noqa: E501  (the false-positive corpus below keeps one paragraph per line)

from __future__ import annotations

import datetime as dt

import pytest

from kclint.engine import Context, RunOptions, registry, run_rules
from kclint.model import Location, Plan, ScheduleRow, Severity, Span
from kclint.parse import build_plan
from kclint.readers.text import read_text

TODAY = dt.date(2026, 11, 24)
TEXT_CODES = [f"KC6{n:02d}" for n in range(1, 11)]


def plan_of(*texts: str, tables: dict[int, int] | None = None) -> Plan:
    """A plan whose ``texts`` are the given paragraphs (``tables``: text index -> table index)."""
    tables = tables or {}
    spans = [
        Span(text=t, loc=Location(paragraph=i, block=i, table=tables.get(i))) for i, t in enumerate(texts)
    ]
    return Plan(path="t.txt", source_format="txt", texts=spans)


def check(code: str, plan: Plan) -> list:
    rule = registry()[code]
    return list(rule().check(plan, Context(plan=plan, today=TODAY)))


def run_text_rules(plan: Plan) -> list:
    return run_rules(plan, RunOptions(today=TODAY, select=["KC6"], strict=True))


# ------------------------------------------------------------------ registry


def test_text_rules_are_registered_with_their_kinds() -> None:
    reg = registry()
    expected = {
        "KC601": ("telex-residue", "text.telex_residue", Severity.WARNING),
        "KC602": ("invalid-syllable", "text.invalid_syllable", Severity.INFO),
        "KC603": ("typo", "text.typo", Severity.WARNING),
        "KC604": ("missing-diacritics", "text.missing_diacritics", Severity.WARNING),
        "KC605": ("conversion-artifact", "text.artifact", Severity.WARNING),
        "KC606": ("duplicate-word", "text.duplicate_word", Severity.WARNING),
        "KC607": ("legacy-encoding", "text.legacy_encoding", Severity.ERROR),
        "KC608": ("unicode-normalization", "text.normalization", Severity.WARNING),
        "KC609": ("spacing-punctuation", "text.spacing", Severity.INFO),
        "KC610": ("name-consistency", "consistency.name", Severity.WARNING),
    }
    for code, (slug, kind, severity) in expected.items():
        rule = reg[code]
        assert (rule.slug, rule.kind, rule.severity) == (slug, kind, severity)
    assert reg["KC610"].category == "consistency"


@pytest.mark.parametrize("code", TEXT_CODES)
def test_examples_through_the_text_reader(code: str) -> None:
    rule = registry()[code]
    fail = build_plan(read_text(rule.doc.fail_example.encode(), "fail.txt"))
    ok = build_plan(read_text(rule.doc.pass_example.encode(), "pass.txt"))
    assert check(code, fail)
    assert check(code, ok) == []


# ------------------------------------------------------------- each rule


def test_telex_residue_finding() -> None:
    (f,) = check("KC601", plan_of("Hiệu trưởng chỉ đạo nâng cấp khu vui chowi cho trẻ."))
    assert f.evidence == "chowi" and f.kind == "text.telex_residue" and f.severity == Severity.WARNING
    assert f.suggestion is not None and "'chơi'" in f.suggestion.vi and "'chowi'" in f.suggestion.en
    assert f.location == Location(paragraph=0, block=0)
    (vni,) = check("KC601", plan_of("Giáo viên tham gia tie61t dạy mẫu."))
    assert vni.evidence == "tie61t" and "tiết" in vni.message.vi and "VNI" in vni.message.en


def test_invalid_syllable_is_info_and_quotes_the_word() -> None:
    (f,) = check("KC602", plan_of("Tổ chức hội thi vẽ tranh chủ đềê môi trường."))
    assert (f.evidence, f.severity) == ("đềê", Severity.INFO)


def test_typo_phrase_and_spelling_slip() -> None:
    found = check("KC603", plan_of("Báo cáo Bộ Giáo và Đào tạo.", "Nhà truờng nge theo hướng dẫn."))
    assert [(f.evidence, f.location.paragraph) for f in found] == [
        ("Bộ Giáo và Đào tạo", 0), ("truờng", 1), ("nge", 1)
    ]
    assert "Bộ Giáo dục và Đào tạo" in found[0].suggestion.vi
    # A 'low' confidence catalog entry is only a note.
    (low,) = check("KC603", plan_of("Nhà trường cũng cố hồ sơ minh chứng."))
    assert low.severity == Severity.INFO and "củng cố" in low.suggestion.vi


def test_missing_diacritics_phrase_is_warning_and_tone_guess_is_info() -> None:
    found = check("KC604", plan_of("KẾ HOẠCH NĂM HOC 2025-2026", "Dạy tiếng viêt cho trẻ."))
    assert [(f.evidence, f.severity) for f in found] == [("NĂM HOC", Severity.WARNING), ("viêt", Severity.INFO)]
    assert "'viết' hoặc 'việt'" in found[1].suggestion.vi


def test_artifact_rule() -> None:
    found = check("KC605", plan_of("1.2. [bookmark: tc_1_2]Tiêu chí 1.2", "**Giải pháp:** bồi dưỡng giáo viên"))
    assert [f.evidence for f in found] == ["[bookmark: tc_1_2]", "**Giải pháp:**"]
    assert all(f.kind == "text.artifact" for f in found)


def test_duplicate_word_rule() -> None:
    (f,) = check("KC606", plan_of("Phối hợp với với Ban đại diện cha mẹ trẻ."))
    assert f.evidence == "với với" and "'với'" in f.message.vi


def test_legacy_encoding_is_an_error_with_a_conversion_recipe() -> None:
    (f,) = check("KC607", plan_of("Tr−êng mÇm non tæ chøc ho¹t ®éng tr¶i nghiÖm."))
    assert f.severity == Severity.ERROR and f.evidence.startswith("Tr−êng")
    assert "TCVN3 (ABC)" in f.suggestion.vi and "Times New Roman" in f.suggestion.en
    (vni,) = check("KC607", plan_of("Tröôøng maàm non Vieät Nam"))
    assert "VNI Windows" in vni.suggestion.vi


def test_legacy_encoding_is_capped_per_plan() -> None:
    plan = plan_of(*["Tr−êng mÇm non tæ chøc ho¹t ®éng."] * 14)
    found = check("KC607", plan)
    assert len(found) == 11
    assert "4" in found[-1].message.vi and found[-1].location.paragraph == 10


def test_normalization_rule() -> None:
    found = check("KC608", plan_of("Ðối với trẻ", "tổ\u200bchức"))
    assert [f.evidence for f in found] == ["Ðối", "tổ\u200bchức"]
    # Mixed tone placement of one word is a note on the rarer spelling.
    found = check("KC608", plan_of("Cộng hòa", "hòa nhập", "hoà giải"))
    assert [(f.evidence, f.severity, f.location.paragraph) for f in found] == [("hoà", Severity.INFO, 2)]


def test_normalization_reports_decomposed_text() -> None:
    import unicodedata

    (f,) = check("KC608", plan_of("Nhà trường " + unicodedata.normalize("NFD", "tổ chức") + " hội thi"))
    assert f.evidence == unicodedata.normalize("NFD", "tổ") and "NFD" in f.message.en


def test_spacing_rule_is_info() -> None:
    found = check("KC609", plan_of("Cập nhật hồ sơ  sổ sách ,đúng hạn..", "Hồ sơ... đầy đủ./."))
    assert [f.evidence for f in found] == ["sơ  sổ", "hạn.."]
    assert all(f.severity == Severity.INFO for f in found)


def test_name_consistency_body_and_appendix() -> None:
    plan = plan_of(
        "Trường Mầm non xã Nậm Cang tổ chức ngày hội “Bé vui đón trung thu”.",
        "Ủy ban nhân dân xã Nậm Cang hỗ trợ quà cho trẻ.",
        "Gửi báo cáo về xã Nậm Càng.",
        "Tháng 9: ngày hội “Bé vui đón trung thư”.",
        tables={3: 1},
    )
    plan = plan.model_copy(
        update={"schedule": [ScheduleRow(month=9, month_text="9", task=None, when=None, span=plan.texts[3])]}
    )
    found = check("KC610", plan)
    assert [(f.evidence, f.kind, f.severity) for f in found] == [
        ("Nậm Càng", "consistency.name", Severity.WARNING),
        ("Bé vui đón trung thư", "consistency.body_vs_appendix", Severity.WARNING),
    ]
    assert found[0].category == "consistency" and "'Nậm Cang'" in found[0].suggestion.vi


def test_name_tie_in_the_body_is_only_a_note() -> None:
    found = check("KC610", plan_of("Giao lưu “Bé tập làm nội trợ”.", "Giao lưu “Bé tập làm nọi trợ”."))
    assert [(f.evidence, f.severity) for f in found] == [("Bé tập làm nọi trợ", Severity.INFO)]


# --------------------------------------------------- no false positives

# Correct Vietnamese in the register of improvement plans, written for this test (not taken from any
# plan): headers, legal bases, criteria, tasks, tables, names, abbreviations, dates, web addresses,
# reduplications and compound boundaries. One tone placement (traditional) is used throughout.
CORRECT = """\
ỦY BAN NHÂN DÂN HUYỆN THANH SƠN
TRƯỜNG MẦM NON XÃ TÂN LẬP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 45/KH-MNTL
Tân Lập, ngày 05 tháng 10 năm 2025
KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026
I. CĂN CỨ XÂY DỰNG KẾ HOẠCH
Căn cứ Thông tư số 19/2018/TT-BGDĐT ngày 22 tháng 8 năm 2018 của Bộ Giáo dục và Đào tạo ban hành Quy định về kiểm định chất lượng giáo dục và công nhận đạt chuẩn quốc gia đối với trường mầm non;
Căn cứ Thông tư số 22/2024/TT-BGDĐT ngày 10 tháng 12 năm 2024 sửa đổi, bổ sung một số điều của các quy định về kiểm định chất lượng giáo dục;
Căn cứ Công văn số 5942/BGDĐT-QLCL ngày 28 tháng 12 năm 2018 của Bộ Giáo dục và Đào tạo về việc hướng dẫn tự đánh giá và đánh giá ngoài trường mầm non;
Căn cứ Kế hoạch số 112/KH-PGDĐT ngày 15 tháng 9 năm 2025 của Phòng Giáo dục và Đào tạo huyện Thanh Sơn về nhiệm vụ năm học 2025-2026;
Căn cứ báo cáo tự đánh giá năm học 2024-2025 của Trường Mầm non xã Tân Lập.
II. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Xác định rõ những điểm mạnh cần phát huy và những điểm yếu cần khắc phục sau tự đánh giá.
Từng bước nâng cao chất lượng nuôi dưỡng, chăm sóc, giáo dục trẻ theo Chương trình giáo dục mầm non.
Huy động sự tham gia của cha mẹ trẻ, chính quyền địa phương và các tổ chức, cá nhân vào việc xây dựng nhà trường.
2. Yêu cầu
Kế hoạch phải cụ thể, khả thi, phân công rõ người chủ trì, người phối hợp và thời gian hoàn thành.
Các bộ phận, cá nhân nghiêm túc thực hiện, định kỳ báo cáo kết quả với Hiệu trưởng.
Lưu trữ đầy đủ hồ sơ, minh chứng theo quy định; cập nhật dữ liệu lên phần mềm kiểm định chất lượng giáo dục.
III. THỰC TRẠNG
Năm học 2024-2025, nhà trường có 12 nhóm, lớp với 356 trẻ; tổng số CBGVNV là 38 người, trong đó CBQL 3 người, GV 27 người, NV 8 người.
Tỷ lệ giáo viên đạt trình độ chuẩn trở lên là 100%, trên chuẩn là 85,2%.
Kết quả tự đánh giá: đạt Mức 1: 25/25 tiêu chí (100%); đạt Mức 2: 22/25 tiêu chí (88%); đạt Mức 3: 15/19 tiêu chí (78,9%).
Trường được công nhận đạt kiểm định chất lượng giáo dục cấp độ 2 và đạt chuẩn quốc gia mức độ 1.
Tồn tại, hạn chế
Cơ sở vật chất ở điểm trường Khe Mạ còn thiếu phòng giáo dục thể chất; sân chơi chưa được lát cỏ nhân tạo.
Một số giáo viên trẻ còn lúng túng khi tổ chức hoạt động trải nghiệm theo hướng lấy trẻ làm trung tâm.
Việc ứng dụng công nghệ thông tin trong quản lý chưa đồng đều giữa các tổ chuyên môn.
Những tồn tại nêu trên đã được Hội đồng tự đánh giá phân tích nguyên nhân và đề ra biện pháp khắc phục.
IV. NỘI DUNG KẾ HOẠCH CẢI TIẾN
Tiêu chuẩn 1: Tổ chức và quản lý nhà trường
Tiêu chí 1.1: Phương hướng, chiến lược xây dựng và phát triển nhà trường
Mục tiêu cần đạt: Giữ vững Mức 3
Nội dung công việc: rà soát, điều chỉnh chiến lược giai đoạn 2025-2030 phù hợp với điều kiện thực tế của địa phương.
Giải pháp thực hiện: Hiệu trưởng chủ trì, Hội đồng trường góp ý, công khai trên trang thông tin điện tử của nhà trường.
Người thực hiện: Hiệu trưởng, các phó hiệu trưởng, tổ trưởng chuyên môn.
Thời gian bắt đầu: tháng 9/2025. Thời gian hoàn thành: tháng 12/2025.
Dự kiến kinh phí: không.
Tiêu chí 1.4: Hiệu trưởng, phó hiệu trưởng, tổ chuyên môn và tổ văn phòng
Mục tiêu cần đạt: Đạt Mức 3
Hạn chế: sinh hoạt chuyên môn của tổ nhà trẻ chưa đi sâu vào nghiên cứu bài học.
Giải pháp: đổi mới hình thức sinh hoạt chuyên môn theo cụm, mời giáo viên cốt cán chia sẻ kinh nghiệm.
Tiêu chí 1.10: Đảm bảo an ninh trật tự, an toàn trường học
Mục tiêu cần đạt: Giữ vững Mức 2
Nội dung: lắp đặt hệ thống camera giám sát ở cổng trường và khu vực bếp ăn; kiểm tra bình chữa cháy định kỳ.
Giải pháp: phối hợp với Công an xã, Ban đại diện cha mẹ trẻ xây dựng phương án phòng cháy, chữa cháy.
Tiêu chuẩn 2: Cán bộ quản lý, giáo viên và nhân viên
Tiêu chí 2.2: Đối với giáo viên
Hạn chế: còn 02 giáo viên chưa hoàn thành chương trình bồi dưỡng thường xuyên đúng hạn.
Giải pháp: Ban giám hiệu xây dựng kế hoạch bồi dưỡng, tạo điều kiện để giáo viên học tập trực tuyến.
Tiêu chí 2.3: Đối với nhân viên
Mục tiêu cần đạt: Duy trì Mức 2
Giải pháp: cử nhân viên nấu ăn tham gia lớp tập huấn an toàn thực phẩm do Trung tâm Y tế huyện tổ chức.
Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học
Tiêu chí 3.1: Diện tích, khuôn viên và sân vườn
Nội dung: cải tạo khu vườn cổ tích, trồng thêm cây bóng mát, làm đường đi cho trẻ đạp xe.
Tiêu chí 3.3: Khối phòng hành chính - quản trị
Nội dung: sửa chữa mái tôn phòng y tế, thay cửa kính bị hỏng ở văn phòng.
Dự kiến kinh phí: 45.000.000 đồng từ nguồn ngân sách và xã hội hóa.
Tiêu chí 3.5: Thiết bị, đồ dùng, đồ chơi
Giải pháp: khuyến khích giáo viên tự làm ĐDĐC từ nguyên vật liệu sẵn có như vỏ chai, lõi giấy, vải vụn.
Tiêu chí 3.6: Khu vệ sinh, hệ thống cấp thoát nước
Nội dung: nâng cấp khu vệ sinh của trẻ ở điểm trường Khe Mạ, lắp bồn rửa tay có vòi tự động.
Tiêu chuẩn 4: Quan hệ giữa nhà trường, gia đình và xã hội
Tiêu chí 4.1: Ban đại diện cha mẹ trẻ
Giải pháp: tổ chức họp Ban đại diện cha mẹ trẻ đầu năm, giữa năm và cuối năm học; lấy ý kiến qua nhóm Zalo của lớp.
Tiêu chí 4.2: Công tác tham mưu cấp ủy đảng, chính quyền và phối hợp với các tổ chức, cá nhân của nhà trường
Giải pháp: chủ động tham mưu Đảng ủy, Ủy ban nhân dân xã bố trí kinh phí xây dựng thêm hai phòng học.
Tiêu chuẩn 5: Hoạt động và kết quả nuôi dưỡng, chăm sóc, giáo dục trẻ
Tiêu chí 5.1: Thực hiện Chương trình giáo dục mầm non
Giải pháp: xây dựng kế hoạch giáo dục theo chủ đề, lồng ghép giáo dục kỹ năng sống và an toàn giao thông.
Tiêu chí 5.2: Tổ chức hoạt động nuôi dưỡng, chăm sóc và giáo dục trẻ
Nội dung: tổ chức ngày hội “Bé khỏe, bé ngoan” và chương trình “Vui Tết Trung thu” cho toàn trường.
Tiêu chí 5.3: Kết quả nuôi dưỡng và chăm sóc sức khỏe
Mục tiêu: tỷ lệ trẻ suy dinh dưỡng thể nhẹ cân giảm còn dưới 3%; 100% trẻ được khám sức khỏe định kỳ hai lần mỗi năm.
Tiêu chí 5.4: Kết quả giáo dục
Mục tiêu: 98% trẻ 5 tuổi hoàn thành Chương trình giáo dục mầm non, sẵn sàng vào lớp Một.
Học sinh sinh hoạt dưới cờ vào sáng thứ Hai hằng tuần; trẻ mẫu giáo lớn tham gia chào cờ cùng anh chị lớp Một.
Khai thác triệt để để nâng cao hiệu quả sử dụng thiết bị, đồ dùng đã được cấp.
Những vấn đề đề ra trong kế hoạch năm trước đã được giải quyết cơ bản.
Ngày ngày cô giáo đón trẻ bằng nụ cười; người người, nhà nhà hưởng ứng phong trào "Xanh - Sạch - Đẹp".
Dần dần hình thành cho trẻ thói quen tự phục vụ: cho trẻ ăn chậm, nhai kỹ, uống nước từ từ.
Trẻ được làm quen với chữ cái, chữ số và các hình hình học cơ bản qua trò chơi.
Tham gia các cuộc thi trực tuyến trên internet như Violympic, IOE; nộp sản phẩm qua email mntanlap@gmail.com.
Thông tin được đăng tải tại website https://mntanlap.edu.vn và trang Facebook của trường.
Tổ chức cho trẻ làm quen với tiếng Anh qua các bài hát, video và trò chơi online.
Trẻ người dân tộc H'Mông, Dao, Tày được hỗ trợ tăng cường tiếng Việt trước khi vào lớp Một.
Đoàn giáo viên đi học tập kinh nghiệm tại tỉnh Đắk Lắk và thành phố Pleiku, tỉnh Gia Lai.
Các lớp thực hiện chủ đề "Quê hương - Đất nước - Bác Hồ" theo kế hoạch giáo dục của nhà trường.
Tiết học STEM, STEAM được tổ chức 2 lần/tháng ở các lớp 5 - 6 tuổi.
Nhân viên y tế cân, đo trẻ theo quý, theo dõi biểu đồ tăng trưởng.
Khuyến khích phụ huynh đóng góp ý kiến qua hòm thư góp ý, đường dây nóng và ứng dụng Zalo.
Mỗi tháng một lần, Ban giám hiệu dự giờ đột xuất và góp ý cho giáo viên.
Phấn đấu cuối năm học có 90% giáo viên đạt danh hiệu lao động tiên tiến.
Thời gian: tuần 2 và tuần 4 của tháng; riêng tháng 12 thực hiện vào tuần 3.
Cán bộ phụ trách: đ/c Lê Văn Thành, phó hiệu trưởng; đ/c Trần Thị Hạ, tổ trưởng tổ mẫu giáo lớn.
Điểm trường Phước Lâm và điểm trường Phước Lộc cách nhau 4 km.
Xây dựng môi trường giáo dục lấy trẻ làm trung tâm: trẻ được chơi mà học, học mà chơi.
Quỹ khuyến học của xã trao 20 suất học bổng cho trẻ có hoàn cảnh khó khăn.
Tổ chức các hoạt động ngoại khóa, tham quan di tích lịch sử, làng nghề truyền thống ở địa phương.
Đánh giá sự phát triển của trẻ cuối mỗi chủ đề, cuối học kỳ I và cuối năm học.
Thực hiện công khai theo Thông tư số 09/2024/TT-BGDĐT về công khai trong hoạt động của cơ sở giáo dục.
Tỷ lệ chuyên cần đạt 95% trở lên; trẻ nghỉ học được giáo viên thăm hỏi kịp thời.
Chế độ ăn của trẻ bảo đảm 1.200 - 1.400 Kcal/ngày, cân đối các chất dinh dưỡng.
Bếp ăn được cấp giấy chứng nhận đủ điều kiện an toàn thực phẩm; thực phẩm có nguồn gốc rõ ràng.
Giáo viên soạn bài giảng điện tử, sử dụng PowerPoint và các phần mềm Kidsmart, Happy Kids.
Năm học 2025 – 2026 là năm thứ hai trường thực hiện chuyển đổi số trong quản lý.
Hồ sơ được số hóa và lưu trữ trên Google Drive của nhà trường.
Hằng năm, nhà trường tổ chức Hội nghị viên chức vào tháng 9 hoặc tháng 10.
Hội đồng tự đánh giá gồm 11 thành viên do Hiệu trưởng làm Chủ tịch.
Thư ký Hội đồng có nhiệm vụ tổng hợp minh chứng, dự thảo báo cáo.
Tiếp tục thực hiện phong trào thi đua “Đổi mới, sáng tạo trong dạy và học”.
Các loại hồ sơ: sổ theo dõi trẻ, sổ họp, sổ dự giờ... được cập nhật thường xuyên.
Kế toán: bà Nguyễn Thị Hạ; thủ quỹ: bà Nguyễn Thị Hà.
Giáo viên dạy lớp ghép ở điểm bản Nà Hẩu được hỗ trợ thêm đồ dùng dạy học.
Trường phối hợp với Trạm Y tế xã tẩy giun, uống vitamin A cho trẻ theo đợt.
Nhà trường nhận được quà của các nhà hảo tâm gồm tivi, máy tính và tủ sách cho thư viện.
Xây dựng góc thư viện xanh, khuyến khích trẻ mang sách từ nhà đến lớp để trao đổi.
Ưu tiên bố trí giáo viên có kinh nghiệm dạy lớp mẫu giáo 5 tuổi.
Củng cố nề nếp, kỷ cương; thực hiện nghiêm quy chế dân chủ ở cơ sở.
Ứng dụng phần mềm quản lý trẻ, phần mềm tính khẩu phần ăn; tài khoản được cấp cho từng bộ phận.
Việc kiểm tra nội bộ được tiến hành theo kế hoạch, có biên bản và kết luận sau kiểm tra.
Quy chế chi tiêu nội bộ được thông qua tại Hội nghị viên chức, công khai trên bảng tin.
Giáo viên khuyến khích trẻ mạnh dạn, tự tin bày tỏ ý kiến, cảm xúc của mình.
Quan tâm trẻ khuyết tật học hòa nhập; xây dựng kế hoạch giáo dục cá nhân cho từng trẻ.
Phòng chống đuối nước: tổ chức cho trẻ 5 tuổi làm quen với bơi an toàn vào dịp hè.
Tuyên truyền phòng chống dịch bệnh tay chân miệng, sốt xuất huyết, cúm mùa.
Khuôn viên trường có tường rào bao quanh, cổng trường được khóa ngoài giờ đón, trả trẻ.
Nguồn nước sinh hoạt được xét nghiệm định kỳ sáu tháng một lần.
Tổ chức Hội thi “Bé khéo tay” cấp trường vào tháng 3/2026.
Giao lưu “Bé khỏe, bé ngoan” giữa các điểm trường vào tháng 4/2026.
Tổ chức lễ tổng kết năm học và ra trường cho trẻ 5 tuổi vào cuối tháng 5/2026.
Xét, đề nghị công nhận sáng kiến cấp cơ sở; phổ biến các sáng kiến có hiệu quả.
Thành lập câu lạc bộ năng khiếu: vẽ, múa, Aerobic, Yoga cho trẻ.
Tổ chức bữa ăn bán trú đảm bảo vệ sinh, đủ định lượng; thực đơn thay đổi theo mùa, theo tuần.
Thường xuyên kiểm tra việc lưu mẫu thức ăn 24 giờ theo quy định.
Hàng tháng, kế toán công khai thu, chi tiền ăn của trẻ với Ban đại diện cha mẹ trẻ.
V. TỔ CHỨC THỰC HIỆN
1. Hiệu trưởng - Chủ tịch Hội đồng tự đánh giá
Triển khai kế hoạch đến toàn thể cán bộ, giáo viên, nhân viên; phân công nhiệm vụ cụ thể cho từng thành viên.
Chỉ đạo kiểm tra, giám sát việc thực hiện; tổng hợp kết quả, báo cáo Phòng GDĐT trước ngày 25/5/2026.
2. Phó hiệu trưởng
Phụ trách chuyên môn, hướng dẫn các tổ xây dựng kế hoạch sinh hoạt chuyên môn hằng tháng.
3. Tổ trưởng chuyên môn, tổ trưởng tổ văn phòng
Triển khai nội dung kế hoạch tới các thành viên trong tổ; báo cáo tiến độ vào tuần cuối mỗi tháng.
4. Giáo viên, nhân viên
Thực hiện nghiêm túc nhiệm vụ được giao, thu thập minh chứng, ghi chép đầy đủ sổ sách.
5. Đề nghị Ban đại diện cha mẹ trẻ
Phối hợp tuyên truyền, vận động phụ huynh đưa trẻ đến trường đều, đúng giờ.
Trong quá trình thực hiện, nếu có vướng mắc, các bộ phận báo cáo về Ban giám hiệu để kịp thời giải quyết.
Trên đây là kế hoạch cải tiến chất lượng giáo dục năm học 2025-2026 của Trường Mầm non xã Tân Lập./.
Nơi nhận:
- Phòng GDĐT huyện (để b/c);
- Đảng ủy, UBND xã (để b/c);
- CBGVNV nhà trường (để t/h);
- Lưu: VT, HSKĐCL.
HIỆU TRƯỞNG
Nguyễn Thị Hà
PHỤ LỤC
LỊCH THỰC HIỆN CÁC NHIỆM VỤ
(Kèm theo Kế hoạch số 45/KH-MNTL ngày 05/10/2025 của Trường Mầm non xã Tân Lập)
Tháng 9: rà soát hồ sơ tự đánh giá; kiện toàn Hội đồng tự đánh giá.
Tháng 10: tổ chức ngày hội “Vui Tết Trung thu” cho trẻ toàn trường.
Tháng 11: hội thi giáo viên dạy giỏi cấp trường; chuyên đề “Bé khỏe, bé ngoan”.
Tháng 12: sơ kết học kỳ I; báo cáo kết quả thực hiện kế hoạch cải tiến.
Tháng 1 và tháng 2: tổ chức vui Tết cho trẻ, tuyên truyền phòng bệnh mùa đông xuân.
Tháng 3 đến tháng 5: hoàn thiện minh chứng, cập nhật phần mềm, tổng kết năm học.
Tháng 6 đến tháng 8: bồi dưỡng hè cho giáo viên; sửa chữa nhỏ cơ sở vật chất.
Người phụ trách: Ban giám hiệu, tổ trưởng chuyên môn, kế toán, nhân viên y tế.
Ghi chú: lịch có thể điều chỉnh theo hướng dẫn của Phòng Giáo dục và Đào tạo huyện Thanh Sơn.
"""

TABLE = (
    "TT\tNội dung\tNgười thực hiện\tThời gian\n"
    "1\tRà soát tiêu chí 1.1 - 1.10\tBGH, TTCM\tTháng 9/2025\n"
    "2\tBổ sung minh chứng tiêu chuẩn 3\tKế toán, NV y tế\tTháng 10/2025\n"
    "3\tCập nhật phần mềm KĐCLGD\tPhó hiệu trưởng\tTuần 3, tháng 11\n"
)


def test_corpus_is_large_enough() -> None:
    assert len([line for line in CORRECT.splitlines() if line.strip()]) >= 150


def test_no_finding_on_correct_vietnamese_spans() -> None:
    plan = plan_of(*[line for line in CORRECT.splitlines() if line.strip()])
    found = run_text_rules(plan)
    assert found == [], [(f.code, f.evidence, f.message.en) for f in found]


def test_no_finding_on_correct_vietnamese_through_the_reader() -> None:
    text = "\n\n".join(line for line in CORRECT.splitlines() if line.strip()) + "\n\n" + TABLE
    plan = build_plan(read_text(text.encode(), "dung.txt"))
    assert len(plan.texts) >= 150
    found = run_text_rules(plan)
    assert found == [], [(f.code, f.evidence, f.message.en) for f in found]


def test_each_seeded_defect_in_the_correct_plan_is_found_alone() -> None:
    """Seeding one slip into the correct plan yields exactly that finding (precision around a defect)."""
    lines = [line for line in CORRECT.splitlines() if line.strip()]
    slips = {
        "KC601": ("nâng cấp khu vệ sinh", "naang cấp khu vệ sinh"),
        "KC603": ("Phòng Giáo dục và Đào tạo huyện Thanh Sơn về", "Phòng Giáo và Đào tạo huyện Thanh Sơn về"),
        "KC604": ("NĂM HỌC 2025-2026", "NĂM HOC 2025-2026"),
        "KC605": ("Tiêu chí 3.6:", "<b>Tiêu chí 3.6:</b>"),
        "KC606": ("phối hợp với Công an", "phối hợp với với Công an"),
        "KC610": ("“Vui Tết Trung thu” cho trẻ toàn", "“Vui Tết Trung thư” cho trẻ toàn"),
    }
    for code, (right, wrong) in slips.items():
        changed = [line.replace(right, wrong, 1) for line in lines]
        assert changed != lines, code
        found = run_text_rules(plan_of(*changed))
        assert {f.code for f in found} == {code}, (code, [(f.code, f.evidence) for f in found])


def test_decomposed_paragraph_in_the_file_is_reported_as_written() -> None:
    import datetime as dt
    import unicodedata

    from kclint.engine import RunOptions, run_rules
    from kclint.parse import build_plan
    from kclint.readers.text import read_text

    nfd = unicodedata.normalize("NFD", "Nhà trường tổ chức bồi dưỡng giáo viên.")
    text = "KẾ HOẠCH\nCải tiến chất lượng năm học 2025-2026\n\n" + nfd + "\n"
    plan = build_plan(read_text(text.encode(), "p.txt"))
    [finding] = run_rules(plan, RunOptions(today=dt.date(2026, 11, 24), select=["KC608"], strict=True))
    assert finding.evidence == unicodedata.normalize("NFD", "Nhà") and finding.location.line == 4
    clean = build_plan(read_text(unicodedata.normalize("NFC", text).encode(), "p.txt"))
    assert run_rules(clean, RunOptions(today=dt.date(2026, 11, 24), select=["KC608"], strict=True)) == []
