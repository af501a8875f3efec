"""JSON Lines: one finding per line with its file, for aggregating many runs (a contract, like ``json``).

A finding line is the JSON report's finding object plus ``"path"``; a file kclint
could not read gives one line ``{"path": ..., "error": {"code": ..., "message": ...}}``.
Clean files give no line.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from kclint.report import DEFAULT_OPTIONS, ReportOptions
from kclint.report.json import finding_dict
from kclint.results import FileResult


def render(results: Sequence[FileResult], options: ReportOptions = DEFAULT_OPTIONS) -> str:
    lang = options.lang
    lines: list[str] = []
    for r in results:
        if r.error:
            lines.append(json.dumps({"path": r.path, "error": {"code": r.error.code, "message": r.error.message(lang)}},
                                    ensure_ascii=False))
        for f in r.findings:
            lines.append(json.dumps({"path": r.path, **finding_dict(f, lang)}, ensure_ascii=False))
    # json.dumps escapes control characters and U+2028/2029 stay inside strings: one record per line holds.
    return "".join(line + "\n" for line in lines)
