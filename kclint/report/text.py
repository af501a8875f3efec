"""The terminal report a vice-principal reads: grouped by section and criterion, quoted, actionable."""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from kclint.model import Finding
from kclint.pipeline import FileResult
from kclint.report.json import summary

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_LABEL = {
    "vi": {"error": "LỖI", "warning": "CẢNH BÁO", "info": "GHI CHÚ"},
    "en": {"error": "ERROR", "warning": "WARNING", "info": "INFO"},
}
_WORDS = {
    "vi": {"general": "Chung", "section": "Mục", "criterion": "Tiêu chí", "at": "Vị trí", "fix": "Sửa",
           "level": "Cấp học", "kind": "Loại kế hoạch", "ok": "Không phát hiện vấn đề nào.",
           "summary": "{files} tệp: {errors} lỗi, {warnings} cảnh báo, {infos} ghi chú",
           "unreadable": "KHÔNG ĐỌC ĐƯỢC"},
    "en": {"general": "General", "section": "Section", "criterion": "Criterion", "at": "Where", "fix": "Fix",
           "level": "School level", "kind": "Plan kind", "ok": "No problems found.",
           "summary": "{files} file(s): {errors} error(s), {warnings} warning(s), {infos} info",
           "unreadable": "UNREADABLE"},
}


def _group_key(f: Finding) -> tuple[str, str]:
    return (f.location.section or "", f.location.criterion or "")


def render(results: list[FileResult], out: TextIO, lang: str = "vi", color: bool = True) -> None:
    """Write the report to ``out``; without ``color`` (pipes, ``--no-color``) it is plain text."""
    from rich.console import Console
    from rich.markup import escape

    console = Console(file=out, no_color=not color, force_terminal=color, highlight=False,
                      width=None if color else 100, soft_wrap=not color)
    words = _WORDS[lang]
    for r in results:
        console.print(f"[bold]{escape(r.path)}[/bold]")
        if r.error:
            console.print(f"  [bold red]{words['unreadable']}[/bold red] {escape(r.error.message(lang))}")
            continue
        plan = r.plan
        if plan is not None:
            console.print(f"  [dim]{words['level']}: {plan.school_level.value} · {words['kind']}: {plan.kind.value}"
                          + (f" · {plan.period.first_year}-{plan.period.last_year}" if plan.period else "")
                          + "[/dim]")
        if not r.findings:
            console.print(f"  [green]{words['ok']}[/green]")
        # Groups in the order the plan first mentions them ('IX' after 'V', '1.10' after '1.9').
        first_seen: dict[tuple[str, str], int] = {}
        for f in r.findings:
            first_seen.setdefault(_group_key(f), f.location.block if f.location.block is not None else -1)
        ordered = sorted(r.findings, key=lambda f: (first_seen[_group_key(f)], _group_key(f),
                                                    f.location.block or 0))
        for (section, criterion), group in groupby(ordered, key=_group_key):
            head = []
            if section:
                head.append(f"{words['section']} {section}")
            if criterion:
                head.append(f"{words['criterion']} {criterion}")
            console.print(f"\n  [bold underline]{escape(' · '.join(head) or words['general'])}[/bold underline]")
            for f in group:
                sev = f.severity.value
                console.print(f"  [{_STYLE[sev]}]{_LABEL[lang][sev]}[/{_STYLE[sev]}] "
                              f"[bold]{f.code}[/bold] {escape(f.message.get(lang))}")
                if f.evidence:
                    console.print(f"      “{escape(f.evidence)}”", style="italic")
                where = f.location.describe(lang)
                if where:
                    console.print(f"      [dim]{words['at']}: {escape(where)}[/dim]")
                if f.suggestion:
                    console.print(f"      [green]{words['fix']}:[/green] {escape(f.suggestion.get(lang))}")
        console.print()
    console.print(f"[bold]{words['summary'].format(**summary(results))}[/bold]")
