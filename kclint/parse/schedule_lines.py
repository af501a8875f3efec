"""Schedules written as lines, one task a line, read as task rows.

'- Tuần 3 tháng 10/2025: rà soát minh chứng (tổ văn phòng).' and '+ Tháng 11/2025: họp hội đồng – Chủ tịch HĐ'
are the rows of a timetable typed without a table: the date that opens the line is the row's time, what follows
its colon or dash the task, and a bracket or a dash-separated tail that names a unit or a role the party
responsible. A schedule line is what ``kclint.plantext.schedule_task_start`` says it is, the definition the date
rules judge such lines' dates by. Consecutive schedule lines are one run, the siblings a completeness check
compares; a heading or a sentence between them starts another run, so a sub-heading that names the party of
the lines under it ('Tổ văn phòng:') keeps them apart from lines that name theirs.
"""

from __future__ import annotations

import re
from functools import cache

from kclint.dates import DateKind
from kclint.model import DateFact, Location, Span, TaskRow
from kclint.plantext import schedule_task_start
from kclint.textnorm import fold
from kclint.vietnamese.grammar import catalog_data

# A school year or a cycle opening a line heads a result or a period ('- Năm học 2024-2025: đạt Mức 2'), not a
# task's time.
_NOT_TASK_TIME = (DateKind.SCHOOL_YEAR, DateKind.CYCLE)
# The party at the end of a line: in brackets, or after a dash with a space before it (a range '1-2' has none).
_BRACKETED = re.compile(r"\(\s*([^()]{2,80}?)\s*\)[\s.;,]*$")
_AFTER_DASH = re.compile(r"\s[–—-]\s*([^–—()\-]{2,80}?)[\s.;,]*$")


@cache
def _words(*keys: str) -> tuple[str, ...]:
    data = catalog_data("persons.json")
    return tuple(sorted({fold(w) for key in keys for w in data[key]}, key=len, reverse=True))


def _opens_with(folded: str, words: tuple[str, ...]) -> bool:
    return any(folded.startswith(w) and (len(folded) == len(w) or not folded[len(w)].isalnum()) for w in words)


def _is_party(text: str) -> bool:
    """True when ``text`` opens with a unit, body or role ('tổ văn phòng', 'Chủ tịch HĐ', 'các nhóm'), not with
    an action that starts with one of those words ('tổ chức hội thảo')."""
    folded = fold(text)
    return _opens_with(folded, _words("titles", "parties")) and not _opens_with(folded, _words("not_parties"))


def _split_party(task: str) -> tuple[str, str | None]:
    """The task without its party, and the party as written (None when the line names none)."""
    for pattern in (_BRACKETED, _AFTER_DASH):
        m = pattern.search(task)
        if m and m.start() > 0 and _is_party(m.group(1)):
            return task[:m.start()].rstrip(" ,;:"), m.group(1)
    return task, None


def line_task_rows(texts: list[Span], dates: list[DateFact]) -> list[TaskRow]:
    """One task row per schedule line outside tables, each with the block of its run's first line."""
    opening: dict[Location, DateFact] = {}
    for fact in dates:
        if fact.span.loc.table is None:
            opening.setdefault(fact.span.loc, fact)  # the first date of the line, the only one that can open it
    out: list[TaskRow] = []
    run: int | None = None
    for line in texts:
        fact = opening.get(line.loc) if line.loc.table is None else None
        start = None
        if fact is not None and fact.expr.kind not in _NOT_TASK_TIME:
            start = schedule_task_start(line.text, fact.offset, fact.offset + len(fact.expr.text))
        if start is None:
            run = None
            continue
        run = line.loc.block if run is None else run
        task, party = _split_party(line.text[start:].rstrip(" .;"))
        fields = {"timing": fact.span, "tasks": Span(text=task, loc=line.loc)}
        if party is not None:
            fields["responsible"] = Span(text=party, loc=line.loc)
        out.append(TaskRow(fields=fields, layout="line", run=run,
                           span=Span(text=line.text[fact.offset:].rstrip(" .;"), loc=line.loc)))
    return out
