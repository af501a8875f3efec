"""The accreditation-criteria and legal-document catalogs, and title comparison.

The data lives in ``catalogs/`` (installed as ``kclint.catalogs``). This package reads it:

* :mod:`kclint.catalog.models` — the validated data types (criteria versions, legal documents,
  abbreviations) and their derived facts;
* :mod:`kclint.catalog.loaders` — reading the files once per process, the version in force, the
  item-field labels;
* :mod:`kclint.catalog.documents` — the catalogued document a citation names;
* :mod:`kclint.catalog.titles` — comparing a written criterion or standard title with the catalog.

Every public name is importable from ``kclint.catalog`` itself.
"""

from __future__ import annotations

from kclint.catalog.documents import find_document, find_documents
from kclint.catalog.loaders import (
    accreditation_circulars,
    continuation_words,
    count_columns,
    item_labels,
    load_abbreviations,
    load_legal_documents,
    load_versions,
    plan_parts,
    school_level_wordings,
    version_by_id,
    version_for,
)
from kclint.catalog.models import (
    SCHOOL_LEVELS,
    Abbreviation,
    Amendment,
    Confidence,
    ContinuationCatalog,
    CountColumnCatalog,
    CriteriaVersion,
    Criterion,
    DeclaredCounts,
    FieldLabels,
    KindParts,
    LabelCatalog,
    LegalDocument,
    LevelWording,
    LevelWordingCatalog,
    PartCatalog,
    PlanPart,
    Standard,
    split_number_symbol,
)
from kclint.catalog.titles import (
    MismatchKind,
    TitleMatch,
    match_criterion_title,
    match_standard_title,
    title_matches,
)

__all__ = [
    "SCHOOL_LEVELS",
    "Abbreviation",
    "Amendment",
    "Confidence",
    "ContinuationCatalog",
    "CountColumnCatalog",
    "CriteriaVersion",
    "Criterion",
    "DeclaredCounts",
    "FieldLabels",
    "KindParts",
    "LabelCatalog",
    "LegalDocument",
    "LevelWording",
    "LevelWordingCatalog",
    "MismatchKind",
    "PartCatalog",
    "PlanPart",
    "Standard",
    "TitleMatch",
    "accreditation_circulars",
    "continuation_words",
    "count_columns",
    "find_document",
    "find_documents",
    "item_labels",
    "load_abbreviations",
    "load_legal_documents",
    "load_versions",
    "match_criterion_title",
    "match_standard_title",
    "plan_parts",
    "school_level_wordings",
    "split_number_symbol",
    "title_matches",
    "version_by_id",
    "version_for",
]
