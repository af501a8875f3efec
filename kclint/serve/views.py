"""What the review desk shows and sends back, built from the pipeline's :class:`FileResult`.

Nothing here checks anything: the findings are the pipeline's, the quoted context is
the HTML report's (:func:`kclint.report.html.highlight` over ``plan.texts``), the JSON
and HTML downloads are the report modules' own renderers. This module only relabels a
result checked under a temporary path with the name the reviewer uploaded, leaves out
dismissed findings, and shapes the page's data (both languages, so switching language
needs no round trip).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Collection
from typing import Any

from kclint.errors import InputError
from kclint.evidence import context_key, contexts
from kclint.model import Finding, Plan
from kclint.report.html import highlight
from kclint.report.json import finding_dict
from kclint.report.words import LANGS, rule_title, where
from kclint.results import FileResult
from kclint.safetext import visible

# Longest name kept for an uploaded file, in UTF-8 bytes: far above real plan names, well below the
# 255-byte limit of common file systems (the name is written in the temporary folder). Counted in
# bytes, not characters: 63 emoji are 252 bytes.
_NAME_BYTES = 160


def safe_name(filename: str | None, fallback: str = "ke-hoach.docx") -> str:
    """The uploaded file's own name, usable as one path component and shown to the reviewer.

    Browsers send a bare name, but a hand-made request may send ``../../x`` or a Windows
    path; only the last component is kept, without control characters.
    """
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    if name in ("", ".", ".."):
        return fallback
    if len(name.encode("utf-8", "surrogatepass")) > _NAME_BYTES:
        stem, ext = os.path.splitext(name)
        ext = _utf8_prefix(ext, 16)
        name = _utf8_prefix(stem, _NAME_BYTES - len(ext.encode("utf-8", "surrogatepass"))) + ext
    return name


def _utf8_prefix(text: str, limit: int) -> str:
    """The longest prefix of ``text`` that is at most ``limit`` bytes in UTF-8 (never half a character)."""
    return text.encode("utf-8", "surrogatepass")[:limit].decode("utf-8", "ignore")


def not_written(name: str, exc: OSError) -> FileResult:
    """The result of an upload the desk could not write to its temporary folder (that file only)."""
    return FileResult(name, error=InputError.for_file(
        "tmp", name, f"không ghi được tệp này vào thư mục tạm để kiểm tra ({exc.strerror or exc}).",
        f"could not write this file to the temporary folder for the check ({exc.strerror or exc}).",
    ))


def relabel(result: FileResult, checked_as: str, name: str) -> FileResult:
    """``result`` as if the file had been checked as ``name`` in the current folder.

    The pipeline reads from a path, so the desk checks a temporary copy; the reviewer must
    see (and the JSON must say) the name they uploaded, exactly as ``kclint check name`` would.
    """
    error = result.error
    if error is not None:
        error = type(error)(error.code, error.vi.replace(checked_as, name), error.en.replace(checked_as, name))
    plan = result.plan.model_copy(update={"path": name}) if result.plan is not None else None
    return dataclasses.replace(result, path=name, plan=plan, error=error)


def too_large(name: str, limit: int) -> FileResult:
    """The result of a file refused before checking because it exceeds the desk's upload limit."""
    mb = f"{limit / 1_000_000:g}"
    return FileResult(name, error=InputError.for_file(
        "too_large", name,
        f"tệp lớn hơn giới hạn {mb} MB của bàn duyệt; hãy kiểm tra bằng lệnh kclint check "
        "hoặc khởi động lại bàn duyệt với --max-size lớn hơn.",
        f"the file is larger than the review desk's {mb} MB limit; check it with kclint check "
        "or restart the desk with a larger --max-size.",
    ))


def kept(result: FileResult, dismissed: Collection[int]) -> FileResult:
    """``result`` without the findings the reviewer dismissed (by their index in ``result.findings``)."""
    if not dismissed:
        return result
    return dataclasses.replace(result, findings=[f for i, f in enumerate(result.findings) if i not in dismissed])


def download_name(name: str, suffix: str) -> str:
    """``ke-hoach.docx`` + ``.html`` -> ``ke-hoach.kclint.html`` (the CLI's ``.kclint.docx`` convention)."""
    return os.path.splitext(name)[0] + ".kclint" + suffix


def _both(message: Any) -> dict[str, str] | None:
    return {lang: visible(message.get(lang)) for lang in LANGS} if message is not None else None


def _catalog(plan: Plan, today: dt.date) -> dict[str, Any] | None:
    """The criteria catalog version the rules used for this plan (the engine's own choice)."""
    from kclint.engine import Context

    try:
        version = Context(plan=plan, today=today).criteria
    except ValueError:  # a level code the catalog does not know: the rules had no version either
        return None
    if version is None:
        return None
    return {"id": version.id, "circular": version.circular, "amended_by": version.amended_by,
            "effective_from": version.effective_from.isoformat()}


def _meta(plan: Plan, today: dt.date) -> dict[str, Any]:
    period = plan.period
    return {
        "school": visible(plan.school_name) if plan.school_name else None,
        "level": plan.school_level.value,
        "kind": plan.kind.value,
        "format": plan.source_format,
        "period": {"kind": period.kind, "first_year": period.first_year, "last_year": period.last_year,
                   "text": period.span.text} if period else None,
        "issue_date": plan.header.issue_date.isoformat() if plan.header.issue_date else None,
        "place_date": plan.header.place_date.text if plan.header.place_date else None,
        "catalog": _catalog(plan, today),
    }


def _finding(index: int, f: Finding, texts: dict[tuple, str], result: FileResult) -> dict[str, Any]:
    out = finding_dict(f, "vi")
    out.update(
        index=index,
        evidence=visible(f.evidence),
        message=_both(f.message),
        suggestion=_both(f.suggestion),
        # The rule's title in words for the reader; the slug stays in `rule` for machines and --select.
        title={lang: rule_title(f.code, lang) for lang in LANGS},
        where={lang: visible(where(f.location, result, lang)) for lang in LANGS},
        # Escaped by the HTML report's own function (document text never reaches the page unescaped).
        context_html=highlight(texts.get(context_key(f.location), ""), f.evidence)
        if (f.evidence or texts.get(context_key(f.location))) else "",
        autofix=_autofix(f, texts.get(context_key(f.location), "")),
    )
    return out


def _autofix(f: Finding, context: str) -> dict[str, str] | None:
    """What ``kclint fix`` writes for this finding: the text replaced and its replacement."""
    if f.edit is None:
        return None
    e = f.edit
    before = context[e.start:e.end] if f.evidence in context[e.start:e.end] else f.evidence
    return {"before": before, "after": e.replacement}


def file_view(file_id: str | None, result: FileResult, today: dt.date) -> dict[str, Any]:
    """Everything the page shows for one uploaded file."""
    plan = result.plan
    texts = contexts(plan)
    return {
        "id": file_id,
        "name": visible(result.path, newlines=False),
        "error": {"code": result.error.code, **{lang: visible(result.error.message(lang)) for lang in LANGS}}
        if result.error else None,
        "meta": _meta(plan, today) if plan is not None else None,
        "today": today.isoformat(),
        "findings": [_finding(i, f, texts, result) for i, f in enumerate(result.findings)],
    }
