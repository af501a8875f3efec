"""The terminal report a vice-principal reads: grouped by section and criterion, quoted, actionable.

With ``--statistics`` / ``--summary`` the per-rule counts and the per-school table replace the listing.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from itertools import groupby
from typing import TYPE_CHECKING

from kclint.model import Finding
from kclint.report import DEFAULT_OPTIONS, ReportOptions, repeats
from kclint.report import words as w
from kclint.report.json import summary
from kclint.report.tables import RuleCount, SchoolRow, school_summary, statistics
from kclint.results import FileResult
from kclint.safetext import visible

if TYPE_CHECKING:
    from rich.console import Console

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}

def _group_key(f: Finding) -> tuple[str, str]:
    return (f.location.section or "", f.location.criterion or "")


def _console(out: io.StringIO, color: bool, plain_width: int, soft_wrap: bool = False) -> Console:
    """Coloured: the terminal's width; plain: ``plain_width`` columns."""
    from rich.console import Console

    return Console(file=out, no_color=not color, force_terminal=color, highlight=False,
                   width=None if color else plain_width, soft_wrap=soft_wrap)


def _shown(text: str, newlines: bool = True) -> str:
    """Plan text or a path as console markup: no markup of its own, no control character reaching the terminal."""
    from rich.markup import escape

    return escape(visible(text, newlines))


def _listing(console: Console, results: Sequence[FileResult], lang: str) -> None:
    for r in results:
        console.print(f"[bold]{_shown(r.path, newlines=False)}[/bold]")
        if r.error:
            console.print(f"  [bold red]{w.word('unreadable', lang).upper()}[/bold red] "
                          f"{_shown(r.error.message(lang))}")
            continue
        if r.converted_from:
            console.print(f"  [dim]({w.word('converted', lang).format(fmt=r.converted_from)})[/dim]")
        plan = r.summary
        if plan is not None:
            console.print(f"  [dim]{w.word('level', lang)}: {w.level(plan.school_level.value, lang)} · "
                          f"{w.word('kind', lang)}: {w.kind(plan.kind.value, lang)}"
                          + (f" · {w.period(plan.period.kind, plan.period.first_year, plan.period.last_year, lang)}"
                             if plan.period else "")
                          + "[/dim]")
        if not r.findings:
            console.print(f"  [green]{w.word('ok', lang)}[/green]")
        # Groups in the order the plan first mentions them ('IX' after 'V', '1.10' after '1.9').
        first_seen: dict[tuple[str, str], int] = {}
        for f in r.findings:
            first_seen.setdefault(_group_key(f), f.location.block if f.location.block is not None else -1)
        ordered = sorted(r.findings, key=lambda f: (first_seen[_group_key(f)], _group_key(f),
                                                    f.location.block or 0))
        same = repeats(ordered)
        ordered = [f for f in ordered if id(f) in same]
        for (section, criterion), group in groupby(ordered, key=_group_key):
            head = []
            if section:
                head.append(w.section_head(section, r, lang))
            if criterion:
                head.append(f"{w.word('criterion', lang)} {criterion}")
            console.print(f"\n  [bold underline]{_shown(' · '.join(head) or w.word('general', lang))}"
                          "[/bold underline]")
            for f in group:
                sev = f.severity.value
                console.print(f"  [{_STYLE[sev]}]{w.severity(sev, lang).upper()}[/{_STYLE[sev]}] "
                              f"[bold]{f.code}[/bold] {_shown(f.message.get(lang))}")
                if f.evidence:
                    console.print(f"      “{_shown(f.evidence)}”", style="italic")
                places = [w.where(g.location, r, lang) for g in same[id(f)]]
                if len(places) > 1:
                    console.print(f"      [dim]{w.word('at_many', lang).format(n=len(places))}:[/dim]")
                    for where in places:
                        console.print(f"      [dim]- {_shown(where or w.word('general', lang))}[/dim]")
                elif places[0]:
                    console.print(f"      [dim]{w.word('at', lang)}: {_shown(places[0])}[/dim]")
                if f.suggestion:
                    console.print(f"      [green]{w.word('fix', lang)}:[/green] {_shown(f.suggestion.get(lang))}")
        console.print()
    counts = summary(results)
    console.print(f"[bold]{w.word('summary', lang).format(**counts)}[/bold]")
    if "baselined" in counts:
        console.print(w.word("baselined", lang).format(**counts))


def render_statistics(rows: Sequence[RuleCount], lang: str = "vi") -> str:
    """``  12  KC107  <the rule's title>`` lines, counts right-aligned."""
    width = max((len(str(r.count)) for r in rows), default=1)
    return "".join(f"  {r.count:>{width}}  {r.code}  {w.rule_title(r.code, lang)}\n" for r in rows)


def _school_table(console: Console, rows: Sequence[SchoolRow], lang: str, color: bool) -> None:
    """The per-school table; plain and wide enough for a spreadsheet paste when not coloured."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    head = w.SUMMARY_HEAD[w.lang_of(lang)]
    # A plain table (no box) pastes into a spreadsheet cleanly; Text() keeps '[' in names from being markup.
    table = Table(*head[:8], box=box.SIMPLE_HEAD if color else None)
    for i in (4, 5, 6):
        table.columns[i].justify = "right"
    for row in rows:
        table.add_row(*(Text(visible(cell, newlines=False)) for cell in (
            row.path, row.school or "?", w.level(row.level, lang) if row.level else "?", row.period or "?",
            str(row.errors), str(row.warnings), str(row.infos), row.unreadable or "")))
    table.add_row(*map(Text, (head[8], str(len(rows)), "", "", str(sum(r.errors for r in rows)),
                              str(sum(r.warnings for r in rows)), str(sum(r.infos for r in rows)),
                              str(sum(1 for r in rows if r.unreadable)))), style="bold")
    console.print(table)


def render(results: Sequence[FileResult], options: ReportOptions = DEFAULT_OPTIONS) -> str:
    """The report as text; without ``options.color`` (pipes, files, ``--no-color``) it is plain."""
    lang, color = w.lang_of(options.lang), options.color
    out = io.StringIO()
    if not (options.statistics or options.schools):
        _listing(_console(out, color, 100, soft_wrap=not color), results, lang)
        return out.getvalue()
    if options.statistics:
        out.write(render_statistics(statistics(results), lang))
    if options.schools:
        if options.statistics:
            out.write("\n")
        # Piped or written to a file, rows never wrap (a wrapped row breaks a paste into a spreadsheet).
        _school_table(_console(out, color, 100_000), school_summary(results, lang), lang, color)
    return out.getvalue()
