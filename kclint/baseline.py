"""Baseline files: the findings a district or a repository has already judged, hidden from later runs.

``kclint check PLANS --write-baseline FILE`` records every current finding; ``--baseline FILE`` (or the
config's ``baseline`` key) then reports only findings that are not in it. A finding matches a recorded
one by file, rule code, evidence and section, never by paragraph number, so a baseline survives
paragraphs inserted above; matching counts (two identical findings recorded once: the second is new).

Format (``version`` 1), files relative to the baseline file's folder with ``/`` separators::

    {"version": 1, "tool": "kclint", "findings": [
        {"file": "truong-a/ke-hoach.docx", "code": "KC107", "section": "III", "evidence": "Trong tháng"}]}
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from kclint.errors import ConfigError
from kclint.model import Finding
from kclint.results import FileResult

VERSION = 1
# The most findings a baseline may hold: bounds memory on a hostile or mistaken file (a district's
# thousand plans with a hundred findings each fit ten times over).
MAX_FINDINGS = 1_000_000
MAX_BYTES = 512 * 1024 * 1024

Key = tuple[str, str, str, str | None]


def file_key(path: str, folder: str | None) -> str:
    """How a plan's path is recorded: relative to ``folder`` (``None``: as given), ``/`` separators."""
    if folder is not None:
        path = os.path.relpath(os.path.abspath(path), os.path.abspath(folder))
    return path.replace(os.sep, "/")


def finding_key(file: str, f: Finding) -> Key:
    return (file, f.code, f.evidence, f.location.section)


def record(results: Iterable[FileResult], folder: str | None) -> Counter[Key]:
    """The findings of ``results`` as a loaded baseline would hold them."""
    return Counter(finding_key(file_key(r.path, folder), f) for r in results for f in r.findings)


def entries(results: Iterable[FileResult], folder: str | None) -> list[dict[str, str | None]]:
    """The baseline's records of ``results``' findings, in a stable order."""
    out = []
    for r in results:
        file = file_key(r.path, folder)
        out.extend({"file": k[0], "code": k[1], "section": k[3], "evidence": k[2]}
                    for k in (finding_key(file, f) for f in r.findings))
    out.sort(key=lambda e: (e["file"] or "", e["code"] or "", e["section"] or "", e["evidence"] or ""))
    return out


def dumps(results: Iterable[FileResult], folder: str | None) -> bytes:
    doc = {"version": VERSION, "tool": "kclint", "findings": entries(results, folder)}
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _invalid(source: str, vi: str, en: str) -> ConfigError:
    return ConfigError("baseline", f"{source}: tệp baseline không hợp lệ — {vi}",
                       f"{source}: invalid baseline file — {en}")


def loads(data: bytes, source: str) -> Counter[Key]:
    """The recorded findings of a baseline file's bytes, counted; a bad file is a ``ConfigError`` (exit 2)."""
    if len(data) > MAX_BYTES:
        raise _invalid(source, "tệp quá lớn.", "the file is too large.")
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _invalid(source, "không phải JSON UTF-8.", "not UTF-8 JSON.") from None
    if not isinstance(doc, dict) or doc.get("version") != VERSION or not isinstance(doc.get("findings"), list):
        raise _invalid(source, f'cần {{"version": {VERSION}, "findings": [...]}}.',
                       f'expected {{"version": {VERSION}, "findings": [...]}}.')
    if len(doc["findings"]) > MAX_FINDINGS:
        raise _invalid(source, "quá nhiều mục.", "too many entries.")
    counts: Counter[Key] = Counter()
    for n, e in enumerate(doc["findings"], 1):
        if not (isinstance(e, dict) and all(isinstance(e.get(k), str) for k in ("file", "code", "evidence"))
                and isinstance(e.get("section"), (str, type(None)))):
            raise _invalid(source, f"mục {n} thiếu file, code hoặc evidence.",
                           f"entry {n} lacks a file, code or evidence.")
        counts[(e["file"], e["code"], e["evidence"], e.get("section"))] += 1
    return counts


def load(path: str) -> Counter[Key]:
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ConfigError("baseline", f"{path}: không đọc được tệp baseline ({exc.strerror}).",
                          f"{path}: cannot read the baseline file ({exc.strerror}).") from None
    return loads(data, path)


def recorded(result: FileResult, left: Counter[Key], folder: str | None) -> list[int]:
    """Indices of ``result``'s findings the baseline records; ``left`` (its counts) is used up as they match."""
    file = file_key(result.path, folder)
    out = []
    for n, f in enumerate(result.findings):
        key = finding_key(file, f)
        if left[key] > 0:
            left[key] -= 1
            out.append(n)
    return out


def apply(results: Sequence[FileResult], baseline: Counter[Key], folder: str | None) -> list[FileResult]:
    """``results`` without the findings the baseline records; each result says how many were hidden."""
    left = baseline.copy()
    out = []
    for r in results:
        hidden = set(recorded(r, left, folder))
        out.append(replace(r, findings=[f for n, f in enumerate(r.findings) if n not in hidden],
                           baselined=len(hidden)))
    return out
