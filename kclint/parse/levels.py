"""Level facts: the level a line or a table row gives one criterion, wherever the plan writes it.

Labelled items carry their levels in fields ('Mục tiêu cần đạt: Đạt Mức 3'); many plans write them in
running prose ('Đối với tiêu chí 3.5 (Thiết bị), nhà trường hiện đạt Mức 2 ... phấn đấu đạt Mức 3'), in a
schedule row ('Tiêu chí 3.6 (Thư viện; đã đạt Mức 3): ...' beside a result cell 'Đạt Mức 2') or in a
'Thực trạng: Mức 3; ...' bullet. Each 'Mức N' is read with the cue nearest before it in its clause
(``catalogs/levels.json``): a level reached, a level aimed at, a level not reached (no fact) or another
subject's level (the school's accreditation, a standard: no fact). It belongs to the criterion the line
names before it; a line naming several criteria gives a level only to one it names alone. A sentence
that names an earlier year reports a past result, not the current level.
"""

from __future__ import annotations

import functools
import json
import re
from importlib.resources import files
from typing import Literal

from kclint.dates import SchoolYear
from kclint.model import CriterionRef, LevelFact, Location, Span
from kclint.model import span as make_span
from kclint.parse.items import LEVEL, level_number

Role = Literal["current", "target", "not_reached", "other_subject"]
_ROLES: tuple[Role, ...] = ("current", "target", "not_reached", "other_subject")
# Where a clause starts: a sentence end, a semicolon or a parenthesis ('3.6' is a number, not an end).
_BOUNDARY = re.compile(r"[;()!?\n]|(?<!\d)\.|\.(?!\d)")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# The verb of a level, quoted with it: 'Đạt Mức 2', 'Duy trì Mức 3', 'phấn đấu đạt Mức III'.
_VERB = re.compile(r"(?:(?:phấn\s+đấu\s+)?đạt|duy\s+trì|giữ\s+vững|nâng\s+lên|lên)\s+$", re.IGNORECASE)
_WINDOW = 60  # characters before a level where its cue may stand


@functools.lru_cache(maxsize=1)
def _cues() -> re.Pattern[str]:
    data = json.loads(files("kclint.catalogs").joinpath("levels.json").read_text(encoding="utf-8"))
    groups = []
    for role in _ROLES:
        words = sorted(data[role], key=len, reverse=True)
        alt = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
        groups.append(rf"(?P<{role}>(?<!\w)(?:{alt})(?!\w))")
    return re.compile("|".join(groups), re.IGNORECASE)


def _role(before: str, field: str | None, plan_table: bool) -> Role | None:
    """What the words before a level make of it; None when they do not say."""
    clause = before[-_WINDOW:]
    starts = [m.end() for m in _BOUNDARY.finditer(clause)]
    clause = clause[starts[-1]:] if starts else clause
    cues = list(_cues().finditer(clause))
    if cues:
        last = max(cues, key=lambda m: (m.end(), m.end() - m.start()))
        return next(r for r in _ROLES if last[r] is not None)
    if field in ("current", "target"):
        return field  # type: ignore[return-value]
    return "target" if plan_table else None


def _sentence_head(text: str, at: int) -> str:
    """The sentence of ``text`` up to ``at``."""
    starts = [m.end() for m in _BOUNDARY.finditer(text, 0, at) if m.group(0) in ".!?\n"]
    return text[starts[-1] if starts else 0:at]


def _shared(owners: list[tuple[int, str | None]], sentence_start: int) -> bool:
    """Whether the sentence from ``sentence_start`` names more than one criterion before the level: 'Tiêu chí
    5.3 và tiêu chí 5.5 được chuẩn bị để nâng lên Mức 3' is of both, not of the last."""
    return len({c for at, c in owners if at >= sentence_start}) > 1


def _sentence(text: str, at: int) -> str:
    starts = [m.end() for m in _BOUNDARY.finditer(text, 0, at) if m.group(0) in ".!?\n"]
    end = next((m.start() for m in _BOUNDARY.finditer(text, at) if m.group(0) in ".!?\n"), len(text))
    return text[starts[-1] if starts else 0:end]


def _past(sentence: str, school_year: SchoolYear | None) -> bool:
    """A sentence naming a year before the plan's: a past result ('Năm học 2022-2023, tiêu chí 3.5 đạt Mức 2')."""
    years = [int(y) for y in _YEAR.findall(sentence)]
    if not years:
        return False
    return school_year is None or min(years) < school_year.first


def _owners(refs: list[tuple[int, CriterionRef]]) -> list[tuple[int, str | None]]:
    """(position, criterion) from each reference on: None where a list names several criteria at once.

    ``refs`` are (position in the unit, reference); a list's first reference quotes the whole list
    ('tiêu chí 1.1, 1.2 và 1.3'), its later ids stand inside that quote.
    """
    out: list[tuple[int, str | None]] = []
    end = -1
    for at, ref in sorted(refs, key=lambda r: r[0]):
        if at < end:
            if out[-1][1] != ref.criterion:
                out[-1] = (out[-1][0], None)
            continue
        out.append((at, ref.criterion))
        end = at + len(ref.span.text)
    return out


Part = tuple[int, int, int, str, str | None, Location]  # position in the unit, start, end, whole text, field, where


def unit_levels(parts: list[Part], refs: list[tuple[int, CriterionRef]], school_year: SchoolYear | None,
                plan_table: bool) -> list[LevelFact]:
    """The level facts of one unit: a paragraph (its label segments) or a table row (its cells).

    A level belongs to the criterion named last before it in the unit, or to the unit's only criterion (a
    unit naming none: the criterion of the item it stands in).
    """
    owners = _owners(refs)
    alone = {c for _, c in owners} or {parts[0][5].criterion}  # no reference: the item the unit is in, if any
    only = next(iter(alone)) if len(alone) == 1 else None
    out: list[LevelFact] = []
    for pos, base, end, text, field, loc in parts:
        for m in LEVEL.finditer(text, base, end):
            if re.match(r"mức\s*độ", m.group(0), re.IGNORECASE):
                continue  # 'chuẩn quốc gia mức độ 1': the school's standard, not a criterion's level
            here = pos + m.start() - base
            before = [c for at, c in owners if at <= here]
            criterion = before[-1] if before else only
            if criterion is None or _shared(owners, here - len(_sentence_head(text, m.start()))):
                continue
            role = _role(text[:m.start()], field, plan_table)
            if role not in ("current", "target") or _past(_sentence(text, m.start()), school_year):
                continue
            verb = _VERB.search(text, 0, m.start())
            begin = verb.start() if verb else m.start()
            out.append(LevelFact(span=make_span(text[begin:m.end()], loc), offset=begin, field=field,
                                 criterion=criterion, level=level_number(m["n"]), role=role))
    return out


_PLAN_COLUMNS = frozenset({"tasks", "solutions", "responsible", "start", "end", "timing"})


class LevelCollector:
    """Level facts of the extraction pass, fed one line or cell at a time in document order."""

    def __init__(self, fields: dict[tuple[int, int], str], school_year: SchoolYear | None) -> None:
        self._plan_tables = {block for (block, _), name in fields.items() if name in _PLAN_COLUMNS}
        self._school_year = school_year
        self._row: tuple[object, ...] | None = None
        self._parts: list[Part] = []
        self._refs: list[tuple[int, CriterionRef]] = []
        self._size = 0
        self.facts: list[LevelFact] = []

    def add(self, span: Span, parts: list[tuple[int, int, str | None]], refs: list[CriterionRef]) -> None:
        """One paragraph (``parts``: its label segments) or one table cell (one part), with its references."""
        loc = span.loc
        row = (loc.block, loc.table, loc.row) if loc.table is not None else None
        if row is None or row != self._row:
            self._flush()
        self._row = row
        base = self._size
        self._parts += [(base + start, start, end, span.text, field, loc) for start, end, field in parts]
        self._refs += [(base + r.offset, r) for r in refs]
        self._size += len(span.text) + 1
        if row is None:
            self._flush()

    def done(self) -> list[LevelFact]:
        self._flush()
        return self.facts

    def _flush(self) -> None:
        if self._parts and (self._refs or self._parts[0][5].criterion):
            plan_table = self._row is not None and (self._parts[0][5].block or 0) in self._plan_tables
            self.facts += unit_levels(self._parts, self._refs, self._school_year, plan_table)
        self._row, self._parts, self._refs, self._size = None, [], [], 0
