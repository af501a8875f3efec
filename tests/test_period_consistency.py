"""KC721: the external evaluation's period and the self-assessment's evidence window, each stated twice."""

from __future__ import annotations

import pytest
from helpers import plan_from_text, run

HEAD = ("Số: 14/KH-THCSPL\n\nPhú Lâm, ngày 08 tháng 10 năm 2025\n\nKẾ HOẠCH\n"
        "Tự đánh giá chất lượng giáo dục năm học 2025-2026\n\n")


def kc721(body: str) -> list[tuple[str, str]]:
    return [(f.severity.value, f.evidence) for f in run(plan_from_text(HEAD + body), select=["KC721"])]


@pytest.mark.parametrize("second", [
    "II. PHẠM VI\n\n- Minh chứng sử dụng: các năm học từ năm học 2019-2020 đến năm học 2023-2024.\n",
    "II. PHẠM VI\n\nCông việc\tGhi chú\nThu thập minh chứng\tMinh chứng của 5 năm, từ năm học 2019-2020 đến "
    "năm học 2023-2024\n",
])
def test_evidence_window_stated_two_ways(second: str) -> None:
    first = "I. MỤC ĐÍCH\n\nMinh chứng được thu thập từ năm học 2020-2021 đến năm học 2024-2025.\n\n"
    assert kc721(first + second) == [("warning", "từ năm học 2019-2020 đến năm học 2023-2024")]
    assert kc721(first + second.replace("2019-2020", "2020-2021").replace("2023-2024", "2024-2025")) == []


def test_external_period_and_evidence_window_are_different_windows() -> None:
    body = ("I. CĂN CỨ\n\nKết quả đánh giá ngoài giai đoạn từ năm học 2015-2016 đến năm học 2019-2020.\n\n"
            "II. PHẠM VI\n\nMinh chứng được thu thập từ năm học 2020-2021 đến năm học 2024-2025.\n")
    assert kc721(body) == []


def test_a_third_of_a_school_year_is_no_evaluation_period() -> None:
    body = ("I. CĂN CỨ\n\nKết quả đánh giá ngoài giai đoạn từ năm học 2015-2016 đến năm học 2019-2020.\n\n"
            "Nhà trường được đánh giá ngoài từ cuối năm học 2015-2016 đến năm học 2019-2020.\n")
    assert kc721(body) == []


_AIM_BODY = ("I. MỤC ĐÍCH\nNâng cao chất lượng.\nII. NỘI DUNG\n{label}: hoàn thiện hồ sơ minh chứng, bồi dưỡng giáo "
             "viên.\nTiêu chí 1.3: Hội đồng trường. Phấn đấu đạt Mức 3.\n")


@pytest.mark.parametrize("label", ["Mục tiêu năm học 2026-2027", "2. Nhiệm vụ trọng tâm năm học 2024 - 2025",
                                   "+ Chỉ tiêu của năm học 2026–2027"])
def test_aim_label_of_another_year(label: str) -> None:
    plan = plan_from_text(HEAD + _AIM_BODY.format(label=label))
    found = [f for f in run(plan, ["KC720"]) if f.code == "KC720"]
    assert [f.evidence for f in found] == [label.lstrip("2.+ ")]
    assert [f for f in run(plan_from_text(HEAD + _AIM_BODY.format(label="Mục tiêu năm học 2025-2026")),
                           ["KC720"]) if f.code == "KC720"] == []


@pytest.mark.parametrize("line", ["Mục tiêu năm học 2024-2025 đã hoàn thành: 16/25 tiêu chí đạt Mức 3",
                                  "Kết quả thực hiện mục tiêu năm học 2024-2025: đạt"])
def test_aim_label_looking_back_is_silent(line: str) -> None:
    plan = plan_from_text(HEAD + _AIM_BODY.format(label=line))
    assert [f for f in run(plan, ["KC720"]) if f.code == "KC720"] == []
