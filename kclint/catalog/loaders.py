"""Reading the catalog files of ``kclint.catalogs``, once per process.

One JSON file per circular version in ``criteria/``, ``legal_documents.json`` and
``abbreviations.json``; each is validated by the models of :mod:`kclint.catalog.models`.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from importlib import resources
from typing import TYPE_CHECKING

from pydantic import Field

from kclint.catalog.models import (
    SCHOOL_LEVELS,
    Abbreviation,
    CatalogModel,
    ContinuationCatalog,
    CountColumnCatalog,
    CriteriaVersion,
    LabelCatalog,
    LegalDocument,
    LevelWordingCatalog,
    PartCatalog,
    split_number_symbol,
)

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


# The files' own envelopes: a schema tag and notes around the entries.
class LegalCatalogFile(CatalogModel):
    schema_: str = Field(alias="schema")
    status_as_of: dt.date
    notes: str
    documents: tuple[LegalDocument, ...]


class AbbreviationCatalogFile(CatalogModel):
    schema_: str = Field(alias="schema")
    notes: str
    sources: tuple[str, ...] = ()
    abbreviations: tuple[Abbreviation, ...]


def _catalog_root() -> Traversable:
    return resources.files("kclint.catalogs")


def _read_json(*parts: str) -> object:
    node = _catalog_root()
    for part in parts:
        node = node / part
    return json.loads(node.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def _versions() -> tuple[CriteriaVersion, ...]:
    directory = _catalog_root() / "criteria"
    files = sorted((f for f in directory.iterdir() if f.name.endswith(".json")), key=lambda f: f.name)
    versions = []
    for f in files:
        version = CriteriaVersion.model_validate(json.loads(f.read_text(encoding="utf-8")))
        if f.name != f"{version.id}.json":
            raise ValueError(f"criteria file {f.name} holds version {version.id!r}")
        versions.append(version)
    # Chronological order makes "the latest version" a simple max and keeps listings stable.
    return tuple(sorted(versions, key=lambda v: (v.effective_from, v.id)))


@functools.lru_cache(maxsize=1)
def _legal_documents() -> tuple[LegalDocument, ...]:
    catalog = LegalCatalogFile.model_validate(_read_json("legal_documents.json"))
    ids = [d.id for d in catalog.documents]
    if len(ids) != len(set(ids)):
        raise ValueError("duplicate document ids in legal_documents.json")
    return catalog.documents


@functools.lru_cache(maxsize=1)
def _abbreviations() -> tuple[Abbreviation, ...]:
    return AbbreviationCatalogFile.model_validate(_read_json("abbreviations.json")).abbreviations


def load_versions() -> list[CriteriaVersion]:
    """Every criteria version, oldest first (validated; read once per process)."""
    return list(_versions())


def version_by_id(version_id: str) -> CriteriaVersion | None:
    """The version ``'tt18-2018-thcs-thpt-tt22-2024'``, or None."""
    return next((v for v in _versions() if v.id == version_id), None)


def version_for(level: str, on: dt.date | None = None) -> CriteriaVersion | None:
    """The version in force for school level ``level`` on ``on``; the latest one when ``on`` is None.

    Returns None when no version was in force that day (before 10/10/2018). Raises
    ``ValueError`` for a level code outside ``SCHOOL_LEVELS`` — a caller bug, not a plan defect.
    """
    if level not in SCHOOL_LEVELS:
        raise ValueError(f"unknown school level {level!r}; expected one of {', '.join(SCHOOL_LEVELS)}")
    candidates = [v for v in _versions() if v.applies_to(level)]
    if on is not None:
        candidates = [v for v in candidates if v.in_force_on(on)]
    return max(candidates, key=lambda v: v.effective_from, default=None)


def load_legal_documents() -> list[LegalDocument]:
    """Every catalogued national document (validated; read once per process)."""
    return list(_legal_documents())


def load_abbreviations() -> list[Abbreviation]:
    """The abbreviation list (``catalogs/abbreviations.json``)."""
    return list(_abbreviations())


@functools.lru_cache(maxsize=1)
def accreditation_circulars() -> dict[tuple[int, int], tuple[str, ...]]:
    """The accreditation circulars by (number, year) and the school levels each governs, from the criteria data.

    ``{(19, 2018): ('mam_non',), (17, 2018): ('tieu_hoc',), (18, 2018): ('thcs', 'thpt', 'nhieu_cap')}``:
    the one map from a cited circular to a school level (the first level names it in a plan's level signals).
    """
    out: dict[tuple[int, int], tuple[str, ...]] = {}
    for v in _versions():
        number, year, _ = split_number_symbol(v.circular)
        key = (int(number), year or v.effective_from.year)
        out[key] = tuple(dict.fromkeys((*out.get(key, ()), *v.school_levels)))
    return out


@functools.lru_cache(maxsize=1)
def item_labels() -> LabelCatalog:
    """The item-field labels and column headers (``catalogs/labels.json``; validated, read once per process)."""
    return LabelCatalog.model_validate(_read_json("labels.json"))


@functools.lru_cache(maxsize=1)
def plan_parts() -> PartCatalog:
    """A plan's parts and which each plan kind needs (``catalogs/parts.json``; validated, read once per process)."""
    return PartCatalog.model_validate(_read_json("parts.json"))


@functools.lru_cache(maxsize=1)
def school_level_wordings() -> LevelWordingCatalog:
    """The wordings of a school's overall level (``catalogs/school_levels.json``; validated, read once)."""
    return LevelWordingCatalog.model_validate(_read_json("school_levels.json"))


@functools.lru_cache(maxsize=1)
def continuation_words() -> ContinuationCatalog:
    """What continues a paragraph on the next (``catalogs/continuation.json``; validated, read once per process)."""
    return ContinuationCatalog.model_validate(_read_json("continuation.json"))


@functools.lru_cache(maxsize=1)
def count_columns() -> CountColumnCatalog:
    """The header words of count tables (``catalogs/count_columns.json``; validated, read once per process)."""
    return CountColumnCatalog.model_validate(_read_json("count_columns.json"))
