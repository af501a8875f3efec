"""A plan's table of contents: its lines list headings and criteria with a page number, and are none of them.

'MỤC LỤC' opens it; its entries end in a page number after a dotted leader, a tab (Word's TOC field) or a
space ('Tiêu chí 1.6: Quản lý tài sản. 18', 'II. Nội dung cải tiến ........ 3', 'Tiêu chí 1.1 13'). Without
the heading, three or more consecutive entries with a leader or a tab are one. Section and item parsers skip
these lines (a listed criterion is no item, a listed part no heading); text rules still read them.
"""

from __future__ import annotations

import re

from kclint.parse.lines import Line
from kclint.textnorm import fold

_HEADING = re.compile(r"^\W*mục\s+lục\W*$")
_LEADER = re.compile(r"(?:\s*[.…·_]{2,}\s*|\s*\t\s*)(?P<page>\d{1,3})\s*$")
_SPACED = re.compile(r"\S\s+(?P<page>\d{1,3})\s*$")
# Lines inside the list that carry no page: its column header ('NỘI DUNG Trang'), a part heading the list
# gives no page for, an entry wrapped over two lines; more than this many in a row end it.
_MAX_GAP = 2


def _page(line: Line, spaced: bool) -> int | None:
    m = _LEADER.search(line.raw) or (_SPACED.search(line.raw) if spaced else None)
    return int(m["page"]) if m else None


def _run(lines: list[Line], start: int, spaced: bool) -> list[int]:
    """Indexes of the entries from ``start`` on, with the lines without a page (or with a number below the last
    page) between two of them, until a longer gap."""
    entries: list[int] = []
    pending: list[int] = []
    last = 0
    for i in range(start, len(lines)):
        page = _page(lines[i], spaced)
        if page is None or page < last:  # 'B. TỰ ĐÁNH GIÁ MỨC 3' under page 10: a number, no page
            pending.append(i)
            if len(pending) > _MAX_GAP:
                break
            continue
        entries += [*pending, i] if entries or spaced else [i]
        pending, last = [], page
    return entries


def contents_lines(lines: list[Line]) -> set[int]:
    """Indexes into ``lines`` of the table of contents' heading and entries."""
    found: set[int] = set()
    i = 0
    while i < len(lines):
        if _HEADING.match(fold(lines[i].text)):
            entries = _run(lines, i + 1, spaced=True)
            found.add(i)
            found.update(entries)
            i = (entries[-1] if entries else i) + 1
            continue
        if _LEADER.search(lines[i].raw):
            entries = _run(lines, i, spaced=False)
            if len(entries) >= 3:
                found.update(entries)
                i = entries[-1] + 1
                continue
        i += 1
    return found
