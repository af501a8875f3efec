"""Document -> Plan: the one place that knows how plans are laid out."""

from __future__ import annotations

from kclint.citations import citation_roles, find_citations
from kclint.document import AsWritten, Document, Paragraph
from kclint.model import Citation, Item, LevelGroup, Plan, Span, evolve, relocated
from kclint.model import span as make_span
from kclint.parse.contents import contents_lines
from kclint.parse.continuation import logical_lines, physical_facts
from kclint.parse.extract import extract_facts
from kclint.parse.header import (
    parse_header,
    parse_period,
    parse_recipients_and_signer,
    plan_kind,
    school_and_level,
)
from kclint.parse.items import (
    assessment_rows,
    closing_heading,
    paragraph_items,
    period_headings,
    schedule_rows,
    table_fields,
    table_headers,
    table_items,
    task_rows,
    with_periods,
)
from kclint.parse.layout import docx_layout, metadata_layout, split_front_matter
from kclint.parse.lines import Line, cell_location, paragraph_location
from kclint.parse.numbers import level_counts
from kclint.parse.schedule_lines import line_task_rows
from kclint.parse.sections import drawn_by_word, match_heading, parse_points, parse_sections
from kclint.parse.suppressions import build_suppressions
from kclint.plantext import CRITERION, STANDARD, level_group


def _citations(lines: list[Line]) -> list[Citation]:
    """Every citation once, with everything the finder read of it, its role and the citations its title names."""
    out: list[Citation] = []
    for line in lines:
        found = find_citations(line.raw)
        if not found:
            continue
        base = len(out)
        for c, (role, named) in zip(found, citation_roles(line.raw, found), strict=True):
            out.append(Citation(
                span=Span(text=c.text, loc=line.loc), doc_type=c.doc_type, number=c.number, year=c.year,
                symbol=c.symbol, date=c.date, date_text=c.date_text, reference_text=c.reference_text,
                name=c.name, issuer_text=c.issuer_text, role=role, title_mentions=[base + k for k in named],
            ))
    return out


def _level_groups(texts: list[Span]) -> list[LevelGroup]:
    return [LevelGroup(levels=list(levels), span=t) for t in texts if (levels := level_group(t.text))]


def _contextualise(lines: list[Line], sections: dict[int, str], items: list[Item]) -> list[Span]:
    """Every line as a span carrying its section and criterion, in document order."""
    crit_at: dict[tuple[int, int | None], str] = {}
    for item in items:
        for span in (item.heading, *item.cells):
            crit_at[(span.loc.block or 0, span.loc.row)] = item.criterion
    out: list[Span] = []
    current: str | None = None
    table_crit: str | None = None  # a row continued after a page break belongs to the item above it
    for line in lines:
        if line.in_table:
            crit = crit_at.get((line.block, line.loc.row))
            if crit is None and not (STANDARD.match(line.text) or level_group(line.text)):
                crit = table_crit
            table_crit = crit
        else:
            table_crit = None
            # An item's own heading ('TC 1.1 – Title' too) opens its criterion, as a 'Tiêu chí 1.1' line does.
            own = crit_at.get((line.block, None))
            m = CRITERION.match(line.text)
            heading = match_heading(line.text)
            if own or m:
                current = own or m["id"]
            elif STANDARD.match(line.text) or (heading and heading[0] in ("roman", "letter")) \
                    or closing_heading(line.text):
                current = None  # a new standard or part: the last criterion's text has ended
            crit = current
        out.append(make_span(line.raw.strip(), line.loc.with_context(sections.get(line.block) or None, crit)))
    return out


_ITEM_SPANS = ("heading", "title", "target", "current", "weakness", "tasks", "solutions", "responsible", "start",
               "end", "timing", "budget", "support", "notes")


def _with_context(item: Item, sections: dict[int, str]) -> Item:
    # Spans of one item often share a location (a cell quoted as 'tasks' and in 'cells'): fix each once.
    fixed: dict[int, Span] = {}

    def fix(s: Span | None) -> Span | None:
        if s is None:
            return None
        done = fixed.get(id(s))
        if done is None:
            loc = s.loc.with_context(sections.get(s.loc.block or 0) or None, item.criterion)
            done = fixed[id(s)] = relocated(s, loc)
        return done

    updates: dict[str, object] = {n: fix(getattr(item, n)) for n in _ITEM_SPANS}
    updates["cells"] = [fix(c) for c in item.cells]
    return evolve(item, **updates)


def _in_section(s: Span, sections: dict[int, str]) -> Span:
    section = sections.get(s.loc.block or 0) or None
    loc = s.loc.with_context(section, s.loc.criterion)
    return relocated(s, loc)


def _as_written_span(doc: Document, w: AsWritten) -> Span:
    block = doc.blocks[w.block]
    if isinstance(block, Paragraph):
        return Span(text=w.text, loc=paragraph_location(block, w.block))
    row = block.rows[w.row or 0]
    return Span(text=w.text, loc=cell_location(block, row.index, w.column, row.line, w.block))


def build_plan(doc: Document) -> Plan:
    """Build the structured model of one document."""
    blocks_read = len(doc.blocks)
    doc, metadata = split_front_matter(doc)
    lines, continued = logical_lines(doc)
    header, title, subject = parse_header(lines)
    contents = contents_lines(lines)
    structure = [ln for i, ln in enumerate(lines) if i not in contents] if contents else lines
    sections, section_at = parse_sections(structure)
    p_items, p_standards = paragraph_items(structure)
    t_items, t_standards = table_items(doc)
    items = [_with_context(i, section_at) for i in with_periods(sorted(
        p_items + t_items, key=lambda i: (i.heading.loc.block or 0, i.heading.loc.row or 0)),
        period_headings(lines), section_at)]
    body_text = "\n".join(ln.text for ln in lines)
    school, level, signals = school_and_level(lines, header, body_text)
    heading_text = " ".join(s.text for s in (title, subject) if s)
    heading_recipients, recipients, signer_title, signer_name, signer_titles = parse_recipients_and_signer(lines)
    if doc.source_format == "docx":
        layout = docx_layout(doc, {
            "title": title, "subject": subject, "number": header.number, "place_date": header.place_date,
            "issuing_body": next(iter(header.issuing_body), None), "motto": next(iter(header.motto), None),
            "recipients_heading": heading_recipients, "signer_title": signer_title, "signer_name": signer_name,
        })
    else:
        layout = metadata_layout(metadata)
    assessment = [evolve(a, span=_in_section(a.span, section_at)) for a in assessment_rows(doc)]
    texts = _contextualise(lines, section_at, items)
    period = parse_period(title, subject, lines)
    facts = physical_facts(extract_facts(texts, table_fields(doc), period.school_year if period else None, signer_name),
                           texts, continued)
    return Plan(
        path=doc.path,
        source_format=doc.source_format,
        kind=plan_kind(heading_text or body_text[:400]),
        school_name=school,
        school_level=level,
        level_signals=signals,
        header=header,
        title=title,
        subject=subject,
        period=period,
        sections=drawn_by_word(sections, doc),
        points=drawn_by_word(parse_points(lines, section_at, doc, table_headers(doc)), doc),
        citations=_citations(lines),
        level_counts=level_counts(texts, facts.ratios),
        assessment=assessment,
        level_groups=_level_groups(texts),
        standards=sorted(p_standards + t_standards, key=lambda s: (s.span.loc.block or 0, s.span.loc.row or 0)),
        items=items,
        schedule=schedule_rows(doc),
        tasks=task_rows(doc) + line_task_rows(texts, facts.dates),
        recipients_heading=heading_recipients,
        recipients=recipients,
        signer_title=signer_title,
        signer_name=signer_name,
        signer_titles=signer_titles,
        texts=texts,
        facts=facts,
        as_written=[_as_written_span(doc, w) for w in doc.as_written],
        layout=layout,
        suppressions=[evolve(s, span=_in_section(s.span, section_at))
                      for s in build_suppressions(doc, blocks_read - len(doc.blocks))],
        continued=continued,
    )
