"""Report renderers, one interface for all: ``render(results, options) -> str``.

``text`` and ``html`` are for people (their words come from :mod:`kclint.report.words`); ``json`` and
``jsonl`` are contracts; ``sarif``, ``junit`` and ``github`` follow their tools' formats. A renderer
returns the whole output (``str``, or ``bytes`` for a binary format); the caller decides where it goes,
so every destination (terminal, ``-o`` file, a download of the review desk) gets the same bytes.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI reads FORMATS at start-up: nothing heavy here
    from kclint.model import Finding
    from kclint.results import FileResult

FORMATS = ("text", "json", "sarif", "github", "junit", "jsonl", "html")


@dataclass(frozen=True)
class ReportOptions:
    lang: str = "vi"
    color: bool = False  # terminal colours (text only)
    statistics: bool = False  # findings per rule (text: instead of the listing; json: a "statistics" key)
    schools: bool = False  # one row per plan (text: instead of the listing; json: a "schools" key)


DEFAULT_OPTIONS = ReportOptions()


def render(fmt: str, results: Sequence[FileResult], options: ReportOptions) -> str | bytes:
    """The report in ``fmt`` (one of :data:`FORMATS`): ``kclint.report.<fmt>.render(results, options)``.

    A path that is not valid UTF-8 (bytes of an old Windows code page on a USB stick reach Python as lone
    surrogates) is shown with U+FFFD in every format, so any path renders and the report is valid UTF-8.
    """
    from kclint.limits import cyclic_gc_paused

    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}")
    renderer = importlib.import_module(f"kclint.report.{fmt}").render
    with cyclic_gc_paused():  # the results' plans are alive: a collection would traverse all their objects
        return renderer([_encodable(r) for r in results], options)


def _encodable(result: FileResult) -> FileResult:
    import dataclasses

    from kclint.safetext import encodable

    path = encodable(result.path)
    if path == result.path:
        return result
    error = result.error
    if error is not None:
        error = type(error)(error.code, encodable(error.vi), encodable(error.en))
    return dataclasses.replace(result, path=path, error=error)


def repeats(findings: Sequence[Finding]) -> dict[int, list[Finding]]:
    """Identical findings (same rule, message and evidence), by the ``id`` of the first: a person reads one.

    The human reports show each once with all its places and the annotated copy comments on it once;
    machine formats keep one record per place.
    """
    first: dict[tuple, list[Finding]] = {}
    for f in findings:
        first.setdefault((f.code, f.message.vi, f.message.en, f.evidence), []).append(f)
    return {id(group[0]): group for group in first.values()}
