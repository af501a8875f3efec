"""The item-field labels catalog (catalogs/labels.json) and the parser's use of it."""

from __future__ import annotations

import pytest
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
