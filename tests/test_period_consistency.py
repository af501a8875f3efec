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
