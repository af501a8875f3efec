"""The item-field labels catalog (catalogs/labels.json) and the parser's use of it."""

from __future__ import annotations

import pytest
from helpers import plan_from_text
from pydantic import ValidationError

from kclint.catalog import LabelCatalog, item_labels
from kclint.parse.items import column_fields, label_segments


def test_catalog_loads_and_every_label_names_one_field() -> None:
    catalog = item_labels()
    labels = catalog.label_fields()
    assert labels["mục tiêu"] == "target"
    assert labels["thời gian bắt đầu"] == "start"
    assert catalog.column_words()["tiêu chí"] == "criterion"


def test_a_phrase_in_two_fields_is_rejected() -> None:
    with pytest.raises(ValidationError, match="names both"):
        LabelCatalog.model_validate({"schema": "x", "notes": "", "fields": [
            {"field": "target", "labels": ["Mục tiêu"]}, {"field": "tasks", "labels": ["mục tiêu"]}]})


def test_unknown_field_is_rejected() -> None:
    with pytest.raises(ValidationError):
        LabelCatalog.model_validate({"schema": "x", "notes": "", "fields": [{"field": "colour", "labels": ["x"]}]})


@pytest.mark.parametrize("label", sorted({w for f in item_labels().fields for w in f.labels}))
def test_every_paragraph_label_splits_a_line(label: str) -> None:
    field = item_labels().label_fields()[label]
    for line in (f"{label.capitalize()}: giá trị", f"+ {label.upper()} (ghi rõ): giá trị"):
        [(start, end, name)] = label_segments(line)
        assert (line[start:end].strip(), name) == ("giá trị", field), line


@pytest.mark.parametrize("word", sorted({w for f in item_labels().fields for w in f.columns}))
def test_every_column_word_names_its_column(word: str) -> None:
    field = item_labels().column_words()[word]
    assert column_fields(["", word.capitalize()]) == {1: field}


@pytest.mark.parametrize(("head", "cell", "target", "current"), [
    ("Tiêu chí", "Tiêu chí 2.4. Đối với học sinh (cần đạt: Mức 3)", 3, None),
    ("Tiêu chí", "Tiêu chí 1.6. Quản lý (Mức hiện tại: 2 – cần đạt: Mức 3)", 3, 2),
    ("Tiêu chuẩn, tiêu chí", "1.1 (đã đạt Mức 2; cần đạt: Duy trì Mức 2)", 2, 2),
])
def test_criterion_cell_carries_the_levels(head: str, cell: str, target: int, current: int | None) -> None:
    text = ("KẾ HOẠCH\nCải tiến chất lượng giáo dục năm học 2025 - 2026\n\n"
            f"STT\t{head}\tHạn chế\tGiải pháp\tNgười phụ trách\tThời hạn\n"
            f"1\t{cell}\tChưa đủ\tBồi dưỡng\tPhó hiệu trưởng\tTháng 2/2026\n")
    [item] = plan_from_text(text).items
    assert (item.target_level, item.current_level, item.responsible.text, item.timing.text) == (
        target, current, "Phó hiệu trưởng", "Tháng 2/2026")


def test_level_columns_of_a_nine_column_table() -> None:
    text = ("KẾ HOẠCH\nCải tiến chất lượng giáo dục năm học 2025 - 2026\n\n"
            "TT\tTiêu chí\tMức hiện tại\tMức cần đạt\tNội dung công việc\tThời gian bắt đầu\tThời gian hoàn thành"
            "\tNgười thực hiện\tKinh phí (đồng)\n"
            "1\t1.1\tMức 2\t3\tRà soát\ttháng 10/2025\ttháng 5/2026\tHiệu trưởng\t1.000.000\n")
    [item] = plan_from_text(text).items
    assert (item.current_level, item.target_level, item.start.text, item.end.text) == (2, 3, "tháng 10/2025",
                                                                                        "tháng 5/2026")
