"""The extraction pass: every line and every cell read once, each expression it holds a fact.

``Plan.facts`` (``kclint.model.Facts``) is what every rule shares instead of scanning lines itself. A
line is split where a paragraph label starts a field ('Thời gian hoàn thành: ...'); a table cell is
under the field its column's header declares. Each family of expressions is found in each part with
the part's field, so a date written in a 'Thời hạn' column, after a '+ Thời gian:' label or in free
prose is the same kind of fact, differing only in what it is under.
"""

from __future__ import annotations

import re

from kclint.dates import SchoolYear, find_date_exprs
from kclint.model import TIME_FIELDS, CriterionRef, DateFact, Facts, RatioFact, Span
from kclint.model import span as make_span
from kclint.parse.items import label_segments
from kclint.parse.numbers import listed_counts, ratio_facts, table_totals
from kclint.parse.persons import person_names

# 'Tiêu chí 1.1', 'tiêu chí số 2.3', 'TC 1.1', and the ids listed after one ('Tiêu chí 1.1, 1.2 và 1.3').
_CRITERION_REF = re.compile(
    r"(?<!\w)(?:ti[êe]u\s{1,3}ch[íi]|TC)\s{0,3}(?:s[ốo]\s{0,3})?(?P<ids>\d{1,2}\.\d{1,2}(?![.\d]\d)"
    r"(?:\s{0,3}(?:,|;|&|và|-|–)\s{0,3}\d{1,2}\.\d{1,2}(?![.\d]\d))*)",
    re.IGNORECASE,
)
_ID = re.compile(r"\d{1,2}\.\d{1,2}")
# A criterion column's cell may name its criterion by the bare number: '1.1', '1.1.', '1.1. Title'.
_BARE_ID = re.compile(r"^\s*(?P<id>\d{1,2}\.\d{1,2})(?![.\d]\d)")


def _criterion_refs(text: str, base: int, span: Span, field: str | None) -> list[CriterionRef]:
    out: list[CriterionRef] = []
    for m in _CRITERION_REF.finditer(text):
        for i in _ID.finditer(m["ids"]):
            at = m.start("ids") + i.start()
            out.append(CriterionRef(span=make_span(text[m.start():m.end()] if i.start() == 0 else i.group(0),
                                                   span.loc),
                                    offset=base + (m.start() if i.start() == 0 else at), field=field,
                                    criterion=i.group(0)))
    if not out and field == "criterion":
        m = _BARE_ID.match(text)
        if m:
            out.append(CriterionRef(span=make_span(m["id"], span.loc), offset=base + m.start("id"), field=field,
                                    criterion=m["id"]))
    return out


def extract_facts(texts: list[Span], fields: dict[tuple[int, int], str], school_year: SchoolYear | None,
                  signer: Span | None = None) -> Facts:
    """Every fact of ``texts`` (the plan's lines, in order); ``fields`` maps (block, column) to a column's field."""
    dates: list[DateFact] = []
    criteria: list[CriterionRef] = []
    ratios: list[RatioFact] = []
    row_key, row_text = None, ""  # the earlier cells of a table row: where a two-column table writes a level
    for span in texts:
        text, loc = span.text, span.loc
        key = (loc.block, loc.table, loc.row) if loc.table is not None else None
        if key != row_key:
            row_key, row_text = key, ""
        if loc.table is not None:
            parts = [(0, len(text), fields.get((loc.block or 0, loc.column or 0)))]
        else:
            parts = label_segments(text)
        for start, end, field in parts:
            part = text[start:end]
            if not part.strip():
                continue
            # A time field's '11/2025' is a month; in running text it may cite a circular.
            for expr in find_date_exprs(part, school_year, in_field=field in TIME_FIELDS):
                dates.append(DateFact(span=make_span(expr.text, loc), offset=start + expr.offset, field=field,
                                      expr=expr))
            criteria.extend(_criterion_refs(part, start, span, field))
            ratios.extend(ratio_facts(part, start, span, field, row_text))
        if key is not None:
            row_text += " " + text
    return Facts(dates=dates, criteria=criteria, ratios=ratios, totals=table_totals(texts),
                 persons=person_names(texts, signer), listed=listed_counts(texts))
