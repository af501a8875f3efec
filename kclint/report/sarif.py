"""SARIF 2.1.0 (a contract): for GitHub code scanning, VS Code's SARIF viewer and other tools.

``tool.driver.rules`` describes the rules that have results in this log (so a report of six findings stays
a few kilobytes), each with its help (what / why / fix / examples, from its ``RuleDoc``), in registry order.
A result in a text export has a ``region`` with its line. A Word file has no lines, but GitHub code scanning
accepts no result without one: its ``region.startLine`` is a stable synthetic line, the 1-based reading-order
index of the block (paragraph or table) the finding is in (``region.properties.syntheticLine``), and its
place in words is a *logical location* (section / criterion / table, row, cell or paragraph). The quoted words
are the region's snippet and ``properties.evidence``. Files kclint could not read are
``toolExecutionNotifications`` of the invocation.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from kclint import __version__
from kclint.model import Finding, Location
from kclint.report import DEFAULT_OPTIONS, ReportOptions
from kclint.results import FileResult

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_MIME = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         ".txt": "text/plain", ".md": "text/markdown"}
_SRCROOT = "%SRCROOT%"
_HEADINGS = {
    "vi": ("Quy tắc kiểm tra gì", "Vì sao", "Cách sửa", "Ví dụ sai", "Ví dụ đúng", "Sửa"),
    "en": ("What it does", "Why", "How to fix", "Example (fails)", "Example (passes)", "Fix"),
}


def _uri(path: str) -> dict[str, str]:
    """An ``artifactLocation``: relative paths against ``%SRCROOT%`` (the working directory), URI-escaped."""
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(path.replace(os.sep, "/")), "uriBaseId": _SRCROOT}


def _rule_descriptor(cls: Any, lang: str) -> dict[str, Any]:
    d = cls.doc
    what, why, fix, bad, good, _ = _HEADINGS[lang]
    text = (f"{what}: {d.what.get(lang)}\n{why}: {d.why.get(lang)}\n{fix}: {d.fix.get(lang)}\n"
            f"{bad}:\n{d.fail_example.strip()}\n{good}:\n{d.pass_example.strip()}")
    markdown = (f"**{what}.** {d.what.get(lang)}\n\n**{why}.** {d.why.get(lang)}\n\n**{fix}.** {d.fix.get(lang)}\n\n"
                f"**{bad}:**\n\n```text\n{d.fail_example.strip()}\n```\n\n"
                f"**{good}:**\n\n```text\n{d.pass_example.strip()}\n```")
    return {
        "id": cls.code,
        "name": cls.slug,
        "shortDescription": {"text": cls.title.get(lang)},
        "fullDescription": {"text": d.what.get(lang)},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": _LEVEL[cls.severity.value]},
        "properties": {"category": cls.category, "kind": cls.kind, "tags": [cls.category, cls.kind]},
    }


def logical_name(loc: Location) -> str | None:
    """A language-neutral path of the place: ``section[III]/criterion[1.2]/table[2]/row[4]/column[5]`` (1-based)."""
    parts = []
    if loc.origin and loc.origin != "body":
        parts.append(loc.origin)
    if loc.section:
        parts.append(f"section[{loc.section}]")
    if loc.criterion:
        parts.append(f"criterion[{loc.criterion}]")
    if loc.table is not None:
        parts.append(f"table[{loc.table + 1}]")
        if loc.row is not None:
            parts.append(f"row[{loc.row + 1}]")
        if loc.column is not None:
            parts.append(f"column[{loc.column + 1}]")
    elif loc.paragraph is not None:
        parts.append(f"paragraph[{loc.paragraph + 1}]")
    return "/".join(parts) or None


def _region(f: Finding, text_file: bool) -> dict[str, Any]:
    """The line of a text export; in a Word file the block's 1-based reading-order index."""
    loc = f.location
    region: dict[str, Any]
    if text_file and loc.line is not None:
        region = {"startLine": loc.line}
    elif not text_file and loc.block is not None:
        region = {"startLine": loc.block + 1, "properties": {"syntheticLine": "block"}}
    else:  # a finding about the whole file
        region = {"startLine": 1, "properties": {"syntheticLine": "file"}}
    if f.evidence:
        region["snippet"] = {"text": f.evidence}
    return region


def _location(path: str, index: int, f: Finding, lang: str, text_file: bool) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {**_uri(path), "index": index}, "region": _region(f, text_file)}
    out: dict[str, Any] = {"physicalLocation": physical}
    name = logical_name(f.location)
    if name:
        kind = "element" if f.location.table is not None else "text"
        out["logicalLocations"] = [{"name": f.location.describe(lang) or name, "fullyQualifiedName": name,
                                    "kind": kind}]
    return out


def _fingerprint(path: str, f: Finding) -> str:
    """Stable across runs while the words and the place stay (GitHub cannot compute one from a .docx)."""
    key = "\x1f".join([path.replace(os.sep, "/"), f.code, f.evidence, logical_name(f.location) or ""])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


def render(results: Sequence[FileResult], options: ReportOptions = DEFAULT_OPTIONS) -> str:
    lang = options.lang
    from kclint.engine import registry

    used = {f.code for r in results for f in r.findings}
    rules = [cls for cls in registry().values() if cls.code in used]
    rule_index = {cls.code: i for i, cls in enumerate(rules)}
    fix_word = _HEADINGS[lang][5]
    artifacts = []
    out_results: list[dict[str, Any]] = []
    notifications = []
    for index, r in enumerate(results):
        artifacts.append({"location": _uri(r.path), "roles": ["analysisTarget"],
                          "mimeType": _MIME.get(os.path.splitext(r.path)[1].lower(), "application/octet-stream")})
        if r.error:
            notifications.append({
                "level": "error", "message": {"text": r.error.message(lang)}, "descriptor": {"id": r.error.code},
                "locations": [{"physicalLocation": {"artifactLocation": {**_uri(r.path), "index": index}}}],
            })
        text_file = r.summary.source_format in ("txt", "md") if r.summary else \
            os.path.splitext(r.path)[1].lower() in (".txt", ".md")
        for f in r.findings:
            text = f.message.get(lang) + (f"\n{fix_word}: {f.suggestion.get(lang)}" if f.suggestion else "")
            result: dict[str, Any] = {
                "ruleId": f.code,
                "level": _LEVEL[f.severity.value],
                "message": {"text": text},
                "locations": [_location(r.path, index, f, lang, text_file)],
                "partialFingerprints": {"kclintFinding/v1": _fingerprint(r.path, f)},
                "properties": _drop_none({
                    "evidence": f.evidence, "rule": f.rule, "category": f.category, "kind": f.kind,
                    "section": f.location.section, "criterion": f.location.criterion,
                    "suggestion": f.suggestion.get(lang) if f.suggestion else None}),
            }
            if f.code in rule_index:  # a plugin rule unloaded since: the id alone still identifies it
                result["ruleIndex"] = rule_index[f.code]
            out_results.append(result)
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "kclint", "version": __version__, "semanticVersion": __version__,
                            "language": lang, "rules": [_rule_descriptor(cls, lang) for cls in rules]}},
        "originalUriBaseIds": {_SRCROOT: {"uri": Path.cwd().as_uri() + "/"}},
        "artifacts": artifacts,
        "invocations": [{"executionSuccessful": not notifications,
                         "toolExecutionNotifications": notifications}],
        "columnKind": "unicodeCodePoints",
        "results": out_results,
    }
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2)
