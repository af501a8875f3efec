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
from kclint.model import TIME_FIELDS, CountPercentFact, CriterionRef, DateFact, Facts, RatioFact, Span, StandardRef
from kclint.model import span as make_span
from kclint.parse.items import label_segments
from kclint.parse.levels import LevelCollector
from kclint.parse.numbers import (
    carried_counts,
    carried_lines,
    count_percents,
    labelled_rates,
    listed_counts,
    ratio_facts,
    row_ratios,
    table_totals,
)
from kclint.parse.persons import person_names

# 'Tiêu chí 1.1', 'tiêu chí số 2.3', 'TC 1.1', the ids listed after one ('Tiêu chí 1.1, 1.2 và 1.3') and ranges
# ('tiêu chí 5.1 đến 5.7', 'từ tiêu chí 1.1 đến tiêu chí 1.12', 'TC 2.1–2.4').
_CRITERION_WORD = r"(?:ti[êe]u\s{1,3}ch[íi]|TC)"
_RANGE_SEP = r"(?:-|–|—|đến|tới)"
_CRITERION_REF = re.compile(
    rf"(?<!\w){_CRITERION_WORD}\s{{0,3}}(?:s[ốo]\s{{0,3}})?(?:t[ừu]\s{{1,3}})?(?P<ids>\d{{1,2}}\.\d{{1,2}}(?![.\d]\d)"
    # The word may come again only after a range's separator ('đến tiêu chí 1.12'): after ',' or ';' it starts
    # a reference of its own ('tiêu chí 3.4; Tiêu chí 1.1, 1.2'), quoted by its own words.
    rf"(?:\s{{0,3}}(?:(?:,|;|&|và)\s{{0,3}}|{_RANGE_SEP}\s{{0,3}}(?:{_CRITERION_WORD}\s{{0,3}})?)"
    rf"\d{{1,2}}\.\d{{1,2}}(?![.\d]\d))*)",
    re.IGNORECASE,
)
_ID = re.compile(r"\d{1,2}\.\d{1,2}")
_IS_RANGE = re.compile(rf"^\s{{0,3}}{_RANGE_SEP}\s{{0,3}}(?:{_CRITERION_WORD}\s{{0,3}})?$", re.IGNORECASE)
# A criterion column's cell may name its criterion by the bare number: '1.1', '1.1.', '1.1. Title', '5.1–5.7'.
_BARE_ID = re.compile(rf"^\s*(?P<ids>\d{{1,2}}\.\d{{1,2}}(?![.\d]\d)(?:\s{{0,3}}{_RANGE_SEP}\s{{0,3}}"
                      r"\d{1,2}\.\d{1,2}(?![.\d]\d))?)", re.IGNORECASE)
# 'Tiêu chuẩn 3', 'tiêu chuẩn số 2', 'Tiêu chuẩn 3, 4 và 5'; not a measure ('tiêu chuẩn 1,5 m²') nor a
# criterion id.
_STANDARD_REF = re.compile(
    r"(?<!\w)ti[êe]u\s{1,3}chu[ẩa]n\s{0,3}(?:s[ốo]\s{0,3})?(?P<ns>\d{1,2}(?![.,]?\d)"
    r"(?:\s{0,3}(?:,|&|và|-|–|đến)\s{0,3}(?:ti[êe]u\s{1,3}chu[ẩa]n\s{0,3})?\d{1,2}(?![.,]?\d))*)(?!\s*(?:%|m\b|m²|m2))",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d{1,2}")


def _ids_of(text: str, m: re.Match[str], begin: int, base: int, span: Span, field: str | None) -> list[CriterionRef]:
    """The references of one match from ``begin``: the first id quotes the whole match, the last id of a
    range the range itself, a listed id itself."""
    out: list[CriterionRef] = []
    ids = list(_ID.finditer(m["ids"]))
    for k, i in enumerate(ids):
        first = ids[k - 1] if k and _IS_RANGE.match(m["ids"][ids[k - 1].end():i.start()]) else None
        if k == 0:
            start, end = begin, m.end()
        elif first is not None:
            start, end = (begin if k == 1 else m.start("ids") + first.start()), m.start("ids") + i.end()
        else:
            start, end = m.start("ids") + i.start(), m.start("ids") + i.end()
        out.append(CriterionRef(span=make_span(text[start:end], span.loc), offset=base + start, field=field,
                                criterion=i.group(0), range_from=first.group(0) if first else None))
    return out


def _criterion_refs(text: str, base: int, span: Span, field: str | None) -> list[CriterionRef]:
    out: list[CriterionRef] = []
    for m in _CRITERION_REF.finditer(text):
        out.extend(_ids_of(text, m, m.start(), base, span, field))
    if not out and field == "criterion":
        m = _BARE_ID.match(text)
        if m:
            out.extend(_ids_of(text, m, m.start("ids"), base, span, field))
    return out


def _standard_refs(text: str, base: int, span: Span, field: str | None) -> list[StandardRef]:
    out: list[StandardRef] = []
    for m in _STANDARD_REF.finditer(text):
        for k, n in enumerate(_NUMBER.finditer(m["ns"])):
            words, at = (text[m.start():m.start("ns") + n.end()], m.start()) if k == 0 else \
                (n.group(0), m.start("ns") + n.start())
            out.append(StandardRef(span=make_span(words, span.loc), offset=base + at, field=field,
                                   number=int(n.group(0))))
    return out


def extract_facts(texts: list[Span], fields: dict[tuple[int, int], str], school_year: SchoolYear | None,
                  signer: Span | None = None) -> Facts:
    """Every fact of ``texts`` (the plan's lines, in order); ``fields`` maps (block, column) to a column's field."""
    dates: list[DateFact] = []
    criteria: list[CriterionRef] = []
    ratios: list[RatioFact] = []
    percents: list[CountPercentFact] = []
    standards: list[StandardRef] = []
    row_key, row_text = None, ""  # the earlier cells of a table row: where a two-column table writes a level
    levels = LevelCollector(fields, school_year)
    for span in texts:
        text, loc = span.text, span.loc
        key = (loc.block, loc.table, loc.row) if loc.table is not None else None
        if key != row_key:
            row_key, row_text = key, ""
        if loc.table is not None:
            parts = [(0, len(text), fields.get((loc.block or 0, loc.column or 0)))]
        else:
            parts = label_segments(text)
        first_ref = len(criteria)
        for start, end, field in parts:
            part = text[start:end]
            if not part.strip():
                continue
            # A time field's '11/2025' is a month; in running text it may cite a circular.
            for expr in find_date_exprs(part, school_year, in_field=field in TIME_FIELDS):
                dates.append(DateFact(span=make_span(expr.text, loc), offset=start + expr.offset, field=field,
                                      expr=expr))
            criteria.extend(_criterion_refs(part, start, span, field))
            standards.extend(_standard_refs(part, start, span, field))
            ratios.extend(ratio_facts(part, start, span, field, row_text))
            ratios.extend(labelled_rates(part, start, span, field, row_text))
            percents.extend(count_percents(part, start, span, field))
        levels.add(span, parts, criteria[first_ref:])
        if key is not None:
            row_text += " " + text
    return Facts(dates=dates, criteria=criteria, standards=standards, ratios=ratios + row_ratios(texts),
                 totals=table_totals(texts), carried=carried_counts(texts) + carried_lines(texts),
                 count_percents=percents,
                 persons=person_names(texts, signer), listed=listed_counts(texts), levels=levels.done())
