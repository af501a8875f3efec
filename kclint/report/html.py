"""One self-contained HTML page to read, mail or print: summary, then each plan's findings per section.

Each finding shows its paragraph or cell with the quoted words highlighted
(the text comes from the plan model, the file is not re-read). No scripts, no
external resources; everything from a document is escaped, its control characters shown as pictures. The print
stylesheet gives A4 pages without cutting a finding in two.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from kclint import __version__
from kclint.evidence import context_key, contexts, find_evidence
from kclint.model import Finding
from kclint.report import DEFAULT_OPTIONS, ReportOptions, repeats
from kclint.report import words as w
from kclint.report.json import summary
from kclint.report.tables import school_summary, statistics
from kclint.results import FileResult
from kclint.safetext import visible


def escape(text: str) -> str:
    """Text for the page: HTML-escaped, its control characters (invalid in HTML) shown as pictures."""
    return html.escape(visible(text))


_CONTEXT = 240  # characters kept each side of the evidence in a long cell

_CSS = """
:root { --err: #b3261e; --warn: #8a5a00; --info: #0b6e99; --line: #d0d4da; }
* { box-sizing: border-box; }
body { font: 15px/1.5 "Times New Roman", "Noto Serif", serif; color: #1b1b1b; max-width: 60rem;
       margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; } h2 { font-size: 1.25rem; margin: 2rem 0 .3rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; border-bottom: 1px solid var(--line); }
.meta { color: #555; margin: 0 0 .8rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
table.stats { width: auto; }
tr.unreadable td { color: var(--err); }
.finding { border-left: 4px solid var(--line); padding: .3rem .8rem; margin: .6rem 0; break-inside: avoid; }
.finding.error { border-color: var(--err); } .finding.warning { border-color: var(--warn); }
.finding.info { border-color: var(--info); }
.badge { font: bold .75rem sans-serif; text-transform: uppercase; padding: .05rem .35rem; border-radius: 3px;
         color: #fff; background: var(--info); }
.error .badge { background: var(--err); } .warning .badge { background: var(--warn); }
.code { font-weight: bold; } .rule { color: #555; }
.msg { margin: .2rem 0; }
.context { white-space: pre-wrap; margin: .3rem 0; padding: .3rem .6rem; background: #f6f7f9;
           border-radius: 3px; }
mark { background: #ffe066; padding: 0 .1rem; }
.where { color: #555; font-size: .9rem; margin: .1rem 0; } .fix { margin: .2rem 0; }
.ok { color: #1e7a34; } .unreadable { color: var(--err); font-weight: bold; }
@page { size: A4; margin: 15mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  section.file { break-before: page; }
  tr { break-inside: avoid; }
  h3 { break-after: avoid; }
  mark, .badge { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def highlight(context: str, evidence: str) -> str:
    """Escaped ``context`` with ``evidence`` in ``<mark>``; the evidence alone if the context lacks it."""
    found = find_evidence(context, evidence) if context else None
    if found is None:
        return f"<mark>{escape(evidence)}</mark>" if evidence else escape(context)
    start, end = found
    before, after = context[:start], context[end:]
    if len(before) > _CONTEXT:
        before = "…" + before[-_CONTEXT:]
    if len(after) > _CONTEXT:
        after = after[:_CONTEXT] + "…"
    return f"{escape(before)}<mark>{escape(context[start:end])}</mark>{escape(after)}"


def _finding(f: Finding, context: str, places: list[str], lang: str) -> str:
    sev = f.severity.value
    parts = [f'<article class="finding {sev}">',
             f'<div><span class="badge">{escape(w.severity(sev, lang).upper())}</span> '
             f'<span class="code">{escape(f.code)}</span>'
             f' <span class="rule">{escape(w.rule_title(f.code, lang))}</span></div>',
             f'<p class="msg">{escape(f.message.get(lang))}</p>']
    if f.evidence or context:
        parts.append(f'<blockquote class="context">{highlight(context, f.evidence)}</blockquote>')
    if len(places) > 1:
        parts.append(f'<p class="where">{escape(w.word("at_many", lang).format(n=len(places)))}:</p><ul class="where">'
                     + "".join(f"<li>{escape(p or w.word('general', lang))}</li>" for p in places) + "</ul>")
    elif places[0]:
        parts.append(f'<p class="where">{escape(w.word("at", lang))}: {escape(places[0])}</p>')
    if f.suggestion:
        parts.append(f'<p class="fix"><b>{escape(w.word("fix", lang))}:</b> {escape(f.suggestion.get(lang))}</p>')
    parts.append("</article>")
    return "\n".join(parts)


def _file(i: int, r: FileResult, lang: str) -> str:
    parts = [f'<section class="file" id="file-{i + 1}"><h2>{escape(r.path)}</h2>']
    if r.error:
        parts.append(f'<p class="unreadable">{escape(w.word("unreadable", lang).upper())}: '
                     f'{escape(r.error.message(lang))}</p>')
        return "\n".join([*parts, "</section>"])
    plan = r.summary
    if plan is not None:
        meta = [plan.school_name or "", f'{w.word("level", lang)}: {w.level(plan.school_level.value, lang)}',
                f'{w.word("kind", lang)}: {w.kind(plan.kind.value, lang)}']
        if plan.period:
            meta.append(w.period(plan.period.kind, plan.period.first_year, plan.period.last_year, lang))
        parts.append(f'<p class="meta">{escape(" · ".join(m for m in meta if m))}</p>')
    # One read: packed findings are new objects at each read, and the groups below match them by identity.
    found = list(r.findings)
    if not found:
        parts.append(f'<p class="ok">{escape(w.word("ok", lang))}</p>')
    texts = contexts(r.plan)
    same = repeats(found)
    groups: dict[tuple[str, str], list[Finding]] = {}  # first appearance order = document order
    for f in (f for f in found if id(f) in same):
        groups.setdefault((f.location.section or "", f.location.criterion or ""), []).append(f)
    for (section, criterion), findings in groups.items():
        head = [w.section_head(section, r, lang) if section else "",
                f'{w.word("criterion", lang)} {criterion}' if criterion else ""]
        parts.append(f"<h3>{escape(' · '.join(h for h in head if h) or w.word('general', lang))}</h3>")
        parts.extend(_finding(f, texts.get(context_key(f.location), ""),
                              [w.where(g.location, r, lang) for g in same[id(f)]], lang) for f in findings)
    parts.append("</section>")
    return "\n".join(parts)


def _summary_table(results: Sequence[FileResult], lang: str) -> str:
    head = w.SUMMARY_HEAD[lang]
    rows = []
    for i, row in enumerate(school_summary(results, lang)):
        cls = ' class="unreadable"' if row.unreadable else ""
        rows.append(
            f'<tr{cls}><td><a href="#file-{i + 1}">{escape(row.path)}</a></td><td>{escape(row.school or "?")}</td>'
            f'<td>{escape(w.level(row.level, lang) if row.level else "?")}</td><td>{escape(row.period or "?")}</td>'
            f'<td class="n">{row.errors}</td>'
            f'<td class="n">{row.warnings}</td><td class="n">{row.infos}</td><td>{escape(row.unreadable or "")}</td>'
            "</tr>")
    ths = "".join(f"<th>{escape(h)}</th>" for h in head[:8])
    return (f"<h2>{escape(w.word('files', lang))}</h2><table><thead><tr>{ths}</tr></thead><tbody>\n"
            + "\n".join(rows) + "\n</tbody></table>")


def _statistics_table(results: Sequence[FileResult], lang: str) -> str:
    rows = statistics(results)
    if not rows:
        return ""
    ths = "".join(f"<th>{escape(h)}</th>" for h in w.STATISTICS_HEAD[lang])
    body = "\n".join(f'<tr><td class="n">{r.count}</td><td>{escape(r.code)}</td>'
                     f'<td>{escape(w.rule_title(r.code, lang))}</td></tr>' for r in rows)
    return (f"<h2>{escape(w.word('by_rule', lang))}</h2><table class=\"stats\"><thead><tr>{ths}</tr></thead><tbody>\n"
            f"{body}\n</tbody></table>")


def render(results: Sequence[FileResult], options: ReportOptions = DEFAULT_OPTIONS) -> str:
    lang = w.lang_of(options.lang)
    title = w.word("title", lang)
    totals = escape(w.word("summary", lang).format(**summary(results)))
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>kclint — {escape(title)}</title>",
        f"<style>{_CSS}</style></head>",
        "<body>",
        f"<header><h1>{escape(title)}</h1><p class=\"meta\">kclint {escape(__version__)} · {totals}</p></header>",
        _summary_table(results, lang),
        _statistics_table(results, lang),
        *(_file(i, r, lang) for i, r in enumerate(results)),
        "</body></html>",
        "",
    ])
