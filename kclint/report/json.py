"""The JSON report: a stable contract (later formats add keys, never change these)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from kclint import __version__
from kclint.model import Finding, Location
from kclint.report import DEFAULT_OPTIONS, ReportOptions
from kclint.report.tables import school_summary, statistics
from kclint.results import FileResult

VERSION = 2  # 2: paragraph, table, row and column counted from 1, like line (version 1 counted them from 0)
_LOCATION_KEYS = ("section", "criterion", "paragraph", "table", "row", "column", "line")
_COUNTED_FROM_0 = frozenset(("paragraph", "table", "row", "column"))  # in the model; reports count from 1


def location_dict(loc: Location) -> dict[str, Any]:
    """A finding's location for machines, every index counted from 1 (Word's 'table 1', an editor's line 1)."""
    out: dict[str, Any] = {}
    for k in _LOCATION_KEYS:
        value = getattr(loc, k)
        out[k] = value + 1 if k in _COUNTED_FROM_0 and value is not None else value
    return out


def finding_dict(f: Finding, lang: str) -> dict[str, Any]:
    out = _finding_fields(f, lang)
    if f.edits:  # only a finding that stands for several places has them
        out["edits"] = [{**e.model_dump(exclude={"location"}), "location": location_dict(e.location or f.location)}
                        for e in f.edits]
    return out


def _finding_fields(f: Finding, lang: str) -> dict[str, Any]:
    return {
        "code": f.code,
        "rule": f.rule,
        "category": f.category,
        "kind": f.kind,
        "severity": f.severity.value,
        "message": f.message.get(lang),
        "evidence": f.evidence,
        "location": location_dict(f.location),
        "suggestion": f.suggestion.get(lang) if f.suggestion else None,
        "edit": f.edit.model_dump(exclude={"location"}) if f.edit else None,
    }


def summary(results: Sequence[FileResult]) -> dict[str, int]:
    counts = {"files": len(results), "errors": 0, "warnings": 0, "infos": 0}
    for r in results:
        for f in r.findings:
            counts[{"error": "errors", "warning": "warnings", "info": "infos"}[f.severity.value]] += 1
    if any(r.baselined is not None for r in results):  # only with a baseline: reports without one stay as they were
        counts["baselined"] = sum(r.baselined or 0 for r in results)
    return counts


def render(results: Sequence[FileResult], options: ReportOptions = DEFAULT_OPTIONS) -> str:
    """The report; ``--statistics`` and ``--summary`` add the ``statistics`` and ``schools`` keys."""
    lang = options.lang
    files = []
    for r in results:
        entry = {
            "path": r.path,
            "school_level": r.summary.school_level.value if r.summary else "unknown",
            "plan_kind": r.summary.kind.value if r.summary else None,
            "error": {"code": r.error.code, "message": r.error.message(lang)} if r.error else None,
            "findings": [finding_dict(f, lang) for f in r.findings],
        }
        if r.converted_from:  # read through LibreOffice: locations are in the converted .docx
            entry["converted_from"] = r.converted_from
        files.append(entry)
    doc: dict[str, Any] = {"version": VERSION, "tool": {"name": "kclint", "version": __version__}, "files": files,
                           "summary": summary(results)}
    if options.statistics:
        doc["statistics"] = [vars(r) for r in statistics(results)]
    if options.schools:
        doc["schools"] = [row.as_dict() for row in school_summary(results, lang)]
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
