"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` annotation per finding.

``::error file=plan.txt,line=12,title=KC101::message``. Values are escaped the
way GitHub's own toolkit does (``%``, CR, LF everywhere; ``:`` and ``,`` in
properties too). A ``.docx`` has no lines, so its annotations name the file and
say the place in words (section, criterion, table/row/column).
"""

from __future__ import annotations

from collections.abc import Sequence

from kclint.report import DEFAULT_OPTIONS, ReportOptions
from kclint.report import words as w
from kclint.results import FileResult
from kclint.safetext import visible

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    # A CI log is read by people too: after GitHub's own escapes, no other control character reaches it.
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(kind: str, message: str, **props: str | int | None) -> str:
    fields = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{kind} {fields}::{escape_data(message)}" if fields else f"::{kind}::{escape_data(message)}"


def render(results: Sequence[FileResult], options: ReportOptions = DEFAULT_OPTIONS) -> str:
    lang = options.lang
    lines: list[str] = []
    for r in results:
        if r.error:
            lines.append(_command("error", r.error.message(lang), file=r.path, title=f"kclint {r.error.code}"))
        for f in r.findings:
            parts = [f.message.get(lang)]
            where = f.location.describe(lang)
            if f.evidence:
                parts.append(f"“{f.evidence}”" + (f" ({where})" if where else ""))
            elif where:
                parts.append(where)
            if f.suggestion:
                parts.append(f"{w.word('fix', lang)}: {f.suggestion.get(lang)}")
            lines.append(_command(_COMMAND[f.severity.value], "\n".join(parts), file=r.path,
                                  line=f.location.line, title=f.code))
    return "".join(line + "\n" for line in lines)
