"""Rebuild the sample plans in this folder.

``ke-hoach-mau.docx`` is a clean kindergarten improvement plan: kclint reports no error and no warning on
it. ``ke-hoach-co-loi.docx`` is its twin with the deliberate defects listed in ``DEFECTS``.

    python examples/make_examples.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "tests"))

from plan_docx import PlanLayout, build_docx  # noqa: E402 - the builder is shared with the tests

BODY = """\
Căn cứ Thông tư số 19/2018/TT-BGDĐT ngày 22 tháng 8 năm 2018 của Bộ Giáo dục và Đào tạo ban hành Quy định về \
kiểm định chất lượng giáo dục và công nhận đạt chuẩn quốc gia đối với trường mầm non;
Căn cứ Thông tư số 13/2020/TT-BGDĐT ngày 26 tháng 5 năm 2020 của Bộ Giáo dục và Đào tạo ban hành Quy định \
tiêu chuẩn cơ sở vật chất các trường mầm non, tiểu học, trung học cơ sở, trung học phổ thông và trường phổ \
thông có nhiều cấp học;
Căn cứ báo cáo tự đánh giá năm học 2024-2025 của Trường Mầm non Hoa Sen, Trường Mầm non Hoa Sen xây dựng kế \
hoạch cải tiến chất lượng giáo dục năm học 2025-2026 như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Phát huy điểm mạnh, khắc phục điểm yếu đã nêu trong báo cáo tự đánh giá.
2. Mỗi giải pháp có người chủ trì, thời gian bắt đầu và thời gian hoàn thành cụ thể.

II. KẾT QUẢ TỰ ĐÁNH GIÁ NĂM HỌC 2024-2025
1. Số lượng tiêu chí đạt Mức 2: 25/25, tỷ lệ 100%.
2. Số lượng tiêu chí đạt Mức 3: 15/19, tỷ lệ 78,95%.

III. NỘI DUNG CẢI TIẾN
Tiêu chuẩn 1: Tổ chức và quản lý nhà trường
Tiêu chí 1.1: Phương hướng, chiến lược xây dựng và phát triển nhà trường
Mục tiêu cần đạt: Giữ vững Mức 3
Nội dung công việc cần thực hiện: Rà soát, bổ sung chiến lược phát triển nhà trường cho giai đoạn mới.
Giải pháp thực hiện: Hiệu trưởng lấy ý kiến cha mẹ trẻ và chính quyền địa phương trước khi trình phê duyệt.
Người thực hiện: Hiệu trưởng, Hội đồng trường.
Thời gian bắt đầu: Tháng 9/2025. Thời gian hoàn thành: Tháng 12/2025.
Tiêu chí 1.2: Hội đồng trường (Hội đồng quản trị đối với trường tư thục) và các hội đồng khác
Mục tiêu cần đạt: Giữ vững Mức 2
Nội dung công việc cần thực hiện: Kiện toàn Hội đồng thi đua khen thưởng sau khi có giáo viên chuyển công tác.
Giải pháp thực hiện: Bổ sung thành viên và phân công nhiệm vụ bằng quyết định của hiệu trưởng.
Người thực hiện: Hiệu trưởng.
Thời gian bắt đầu: Tháng 10/2025. Thời gian hoàn thành: Tháng 11/2025.
Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học
Tiêu chí 3.1: Diện tích, khuôn viên và sân vườn
Mục tiêu cần đạt: Đạt Mức 3
Nội dung công việc cần thực hiện: Cải tạo vườn rau và khu vận động ngoài trời cho trẻ.
Giải pháp thực hiện: Tham mưu Ủy ban nhân dân xã bố trí kinh phí; vận động cha mẹ trẻ đóng góp cây giống.
Người thực hiện: Hiệu trưởng, kế toán.
Thời gian bắt đầu: Tháng 9/2025. Thời gian hoàn thành: Tháng 4/2026.
Tiêu chí 3.6: Khu vệ sinh, hệ thống cấp thoát nước
Mục tiêu cần đạt: Giữ vững Mức 2
Nội dung công việc cần thực hiện: Sửa chữa hệ thống thoát nước khu vệ sinh của trẻ tại điểm lẻ.
Giải pháp thực hiện: Lập dự toán, đề nghị cấp trên hỗ trợ kinh phí sửa chữa.
Người thực hiện: Phó hiệu trưởng, nhân viên bảo vệ.
Thời gian bắt đầu: Tháng 11/2025. Thời gian hoàn thành: Tháng 3/2026.

IV. TỔ CHỨC THỰC HIỆN
1. Hiệu trưởng chỉ đạo chung, kiểm tra tiến độ thực hiện hằng tháng.
2. Các thành viên Hội đồng tự đánh giá thực hiện nhiệm vụ được phân công và báo cáo kết quả vào tháng 5/2026.
Trên đây là kế hoạch cải tiến chất lượng giáo dục năm học 2025-2026 của Trường Mầm non Hoa Sen./.
"""

CLEAN = PlanLayout(
    left=["UBND XÃ AN PHÚ", "TRƯỜNG MẦM NON HOA SEN"],
    number="Số: 45/KH-MNHS",
    place_date="An Phú, ngày 06 tháng 10 năm 2025",
    title=["KẾ HOẠCH", "Cải tiến chất lượng giáo dục năm học 2025-2026"],
    body=BODY,
    recipients=["Nơi nhận:", "- Phòng Văn hóa - Xã hội xã An Phú (để b/c);", "- Lưu: VT."],
    signer=["HIỆU TRƯỞNG", "", "", "Nguyễn Thị Lan"],
)

# (what is wrong, text in the clean plan, text in the plan with defects)
DEFECTS = [
    ("issued in the future and after the school year", "ngày 06 tháng 10 năm 2025", "ngày 06 tháng 10 năm 2027"),
    ("completion before start", "Tháng 9/2025. Thời gian hoàn thành: Tháng 4/2026",
     "Tháng 9/2025. Thời gian hoàn thành: Tháng 4/2025"),
    ("target cell describes the weakness, no level", "Mục tiêu cần đạt: Giữ vững Mức 2\nNội dung công việc cần "
     "thực hiện: Kiện toàn", "Mục tiêu cần đạt: Hội đồng thi đua chưa đủ thành viên.\nNội dung công việc cần "
     "thực hiện: Kiện toàn"),
    ("percentage truncated instead of rounded", "15/19, tỷ lệ 78,95%", "15/19, tỷ lệ 78,94%"),
    ("vague deadline", "Thời gian hoàn thành: Tháng 3/2026", "Thời gian hoàn thành: Trong năm học"),
]


def main() -> None:
    build_docx(HERE / "ke-hoach-mau.docx", CLEAN)
    faulty = PlanLayout(**vars(CLEAN))
    for _, right, wrong in DEFECTS:
        for attr in ("place_date", "body"):
            value = getattr(faulty, attr)
            if right in value:
                setattr(faulty, attr, value.replace(right, wrong, 1))
                break
        else:
            raise SystemExit(f"defect anchor not found: {right!r}")
    build_docx(HERE / "ke-hoach-co-loi.docx", faulty)


if __name__ == "__main__":
    main()
