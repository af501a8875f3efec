"""Logical lines: a sentence written over several paragraphs read as one line.

Text pasted from a PDF keeps one paragraph per printed line, so sentences, citations, criterion titles and
date ranges break mid-way, and each page leaves its number and its running header among the paragraphs.
:func:`logical_lines` skips that debris and joins a paragraph with the ones that continue it, so the
parsers, the extraction pass and the rules see a sentence once. ``Continuation`` (``Plan.continued``)
keeps where each paragraph of a joined line starts, so every fact and finding can be placed back in the
paragraph that holds it, and no edit is applied across two paragraphs.

A paragraph is continued by the next when it does not end a sentence (no final punctuation, not a heading
in capitals), both are single-line body paragraphs of one look (style, alignment, run format), the next
is no heading, label, list item or criterion/standard heading, and it starts with a small letter, a digit
or a bracket, or with a capital after a word no sentence ends on (``catalogs/continuation.json``).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter

from kclint.catalog import continuation_words
from kclint.document import Document, Paragraph
from kclint.evidence import find_evidence
from kclint.model import Continuation, Fact, Facts, Span, bare, continuation_at, evolve, place, relocated
from kclint.parse.header import is_header_part
from kclint.parse.items import label_segments
from kclint.parse.lines import Line, document_lines
from kclint.parse.sections import match_heading
from kclint.plantext import CRITERION, STANDARD, clean

_SENTENCE_END = ".!?;:…"
# A list item, an enumerated point or a number alone cannot continue a sentence: '- ', '+ ', '•', 'a) ',
# '(1) ', '(a) ', '4.1.' or '4.1' on its line (a criterion's heading whose title follows).
_ITEM_START = re.compile(r"^(?:[-+*•–—]|[a-zđ]\s*[).]\s|\(\s*(?:\d{1,2}|[a-zđ]|[ivx]{1,4})\s*\)"
                         r"|\d{1,2}(?:\.\d{1,2})*(?:[.)]\s|[.)]?\s*$))", re.IGNORECASE)
_ROW_START = re.compile(r"\s*\d{1,3}\s+(\w)")
_LAST_WORD = re.compile(r"(\w+)\W*$")
_FULL_LINE = 50  # characters: a printed A4 line of a plan holds 70 to 100


@functools.lru_cache(maxsize=1)
def _page_number() -> re.Pattern[str]:
    return re.compile(continuation_words().page_number, re.IGNORECASE)


def _paragraph(doc: Document, line: Line) -> Paragraph | None:
    """The body paragraph ``line`` is the only line of, if it is one."""
    block = doc.blocks[line.block]
    if line.in_table or not isinstance(block, Paragraph) or block.origin != "body" or "\n" in block.text.strip():
        return None
    return block


def _debris(doc: Document, lines: list[Line]) -> set[int]:
    """Indices of the page numbers left by a printed page (a rising sequence of at least two) and of the
    lines repeated beside each of them (a running header or footer)."""
    numbers = [(k, int(m["n"])) for k, ln in enumerate(lines)
               if _paragraph(doc, ln) and (m := _page_number().match(ln.text.strip()))]
    if len(numbers) < 2 or any(b <= a for (_, a), (_, b) in itertools.pairwise(numbers)):
        return set()
    out = {k for k, _ in numbers}
    beside = Counter(lines[j].text for k in out for j in (k - 1, k + 1)
                     if 0 <= j < len(lines) and j not in out and _paragraph(doc, lines[j]))
    every = Counter(ln.text for ln in lines if _paragraph(doc, ln))
    out |= {k for k, ln in enumerate(lines)
            if k not in out and beside[ln.text] >= 2 and every[ln.text] == beside[ln.text]}
    return out


def _open(text: str) -> bool:
    """Whether a paragraph leaves its sentence open: no final punctuation and no heading in capitals."""
    text = text.rstrip(" \"'”’»)")
    letters = [c for c in text if c.isalpha()]
    return bool(text) and text[-1] not in _SENTENCE_END and not (len(letters) > 1 and text.upper() == text)


def _continues(before: str, text: str) -> bool:
    """Whether ``text`` (a paragraph) goes on with the sentence ``before`` left open."""
    first = text.lstrip()[:1]
    # The header table's rows ('Số: 12/KH-THCSAL', 'ngày 05 tháng 9 năm 2024') end no sentence but are cells
    # of their own, whatever the export kept of the table.
    if not first or is_header_part(before) or is_header_part(text) \
            or _ITEM_START.match(text) or match_heading(text) or CRITERION.match(text) \
            or STANDARD.match(text) or label_segments(text)[0][2] is not None:
        return False
    if first.isdigit():  # a number and a capital open a row of a table exported as lines ('2 Trần Văn An')
        row = _ROW_START.match(text)
        return row is None or not row.group(1).isupper()
    if first.islower() or first in "(%":
        return True
    # A capital may open a name the sentence goes on with ('Bộ Giáo dục và' / 'Đào tạo'), but short lines
    # ending on such a word are headings too ('Tồn tại'): only a full printed line is read as cut there.
    last = _LAST_WORD.search(before)
    return first.isupper() and len(before) >= _FULL_LINE and last is not None \
        and last.group(1).lower() in continuation_words().open_words


def _same_look(a: Paragraph, b: Paragraph) -> bool:
    return (a.style_name, a.align, a.style) == (b.style_name, b.align, b.style)


def logical_lines(doc: Document) -> tuple[list[Line], dict[int, Continuation]]:
    """Every non-empty line of ``doc`` (as :func:`document_lines`) with page debris skipped and continued
    paragraphs joined by one space at the first one's location; the joins by their first block."""
    physical = document_lines(doc)
    skip = _debris(doc, physical)
    out: list[Line] = []
    joined: dict[int, Continuation] = {}
    run: list[Line] = []  # the paragraphs of the logical line being built

    def flush() -> None:
        if len(run) == 1:
            out.append(run[0])
        elif run:
            pieces = [ln.raw.strip() for ln in run]
            starts = [0]
            for p in pieces[:-1]:
                starts.append(starts[-1] + len(p) + 1)
            raw = " ".join(pieces)
            out.append(Line(raw, clean(raw), run[0].loc, False, run[0].block))
            joined[run[0].block] = Continuation(starts=starts, locs=[bare(ln.loc) for ln in run])
        run.clear()

    for k, line in enumerate(physical):
        if k in skip:
            continue
        here = _paragraph(doc, line)
        prev = _paragraph(doc, run[-1]) if run else None
        if not (here and prev and _same_look(prev, here) and _open(run[-1].text)
                and _continues(run[-1].text, line.text)):
            flush()
        run.append(line)
    flush()
    return out, joined


def _where(text: str, words: str, offset: int) -> tuple[int, int] | None:
    """Where ``words`` stand in ``text``: at ``offset`` when they are there, else their first occurrence."""
    if text[offset:offset + len(words)] == words:
        return offset, offset + len(words)
    return find_evidence(text, words)


def physical_facts(facts: Facts, texts: list[Span], continued: dict[int, Continuation]) -> Facts:
    """``facts`` found in logical lines, each placed in the paragraph that holds it (its offset in that
    paragraph); a fact across a break keeps its words (the break a space) at its first paragraph."""
    if not continued:
        return facts
    logical = {s.loc.block: s.text for s in texts if continuation_at(continued, s.loc)}
    updates: dict[str, list[Fact]] = {}
    for name in Facts.model_fields:
        out: list[Fact] = []
        for f in getattr(facts, name):
            text = logical.get(f.span.loc.block) if continuation_at(continued, f.span.loc) else None
            at = _where(text, f.span.text, f.offset) if text is not None else None
            to = place(continued, f.span.loc, *at) if at else None
            if to is not None and to[1]:  # across a break too: at the paragraph it starts in
                f = evolve(f, span=relocated(f.span, to[0]), offset=at[0] - to[1])
            out.append(f)
        updates[name] = out
    return evolve(facts, **updates)
