"""What checking one file gives: a small summary of the plan, its findings, or the reason it could not be read.

Every output (the reports, the annotated copy, the review desk, the batch tables) reads these; the
pipeline only makes them. The plan model itself (about 1 MB per plan) is kept only when an output
needs the plan's text (the HTML report, the annotated copy, the desk): a batch of thousands of plans
keeps findings (packed, :class:`PackedFindings`) and summaries only.
"""

from __future__ import annotations

import dataclasses
import pickle
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import overload

from kclint.errors import InputError
from kclint.evidence import Places
from kclint.model import Finding, Period, Plan, PlanKind, SchoolLevel


class PackedFindings(Sequence[Finding]):
    """A file's findings kept as one compressed pickle and rebuilt each time they are read.

    A batch's parent holds every result until the reports are written. As pydantic models a finding
    costs about 5.7 KiB there (every model's dict and field set, its Location, two Messages); packed, a
    dozen findings take about 1 KiB, and the pickle gives back exactly the findings that went in, so no
    report changes. Each read makes new objects: keep ``list(result.findings)`` where identity matters.
    """

    __slots__ = ("_count", "_packed")

    def __init__(self, findings: Iterable[Finding] = ()) -> None:
        items = list(findings)
        self._count = len(items)
        # Level 1: the messages of one file repeat each other, so the fastest level already packs ~6:1.
        self._packed = zlib.compress(pickle.dumps(items, pickle.HIGHEST_PROTOCOL), 1) if items else b""

    def unpack(self) -> list[Finding]:
        return pickle.loads(zlib.decompress(self._packed)) if self._packed else []

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.unpack())

    @overload
    def __getitem__(self, index: int) -> Finding: ...

    @overload
    def __getitem__(self, index: slice) -> list[Finding]: ...

    def __getitem__(self, index: int | slice) -> Finding | list[Finding]:
        return self.unpack()[index]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and not isinstance(other, str) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"PackedFindings({self.unpack()!r})"


@dataclass(frozen=True)
class PlanSummary:
    """What the report headers and the batch tables show about a plan (the same names as on :class:`Plan`)."""

    source_format: str
    kind: PlanKind
    school_name: str | None
    school_level: SchoolLevel
    period: Period | None
    places: Places = field(default_factory=Places)  # the findings' headings and paragraph openings

    @classmethod
    def of(cls, plan: Plan, findings: Iterable[Finding] = ()) -> PlanSummary:
        return cls(plan.source_format, plan.kind, plan.school_name, plan.school_level, plan.period,
                   Places.of(plan, (f.location for f in findings)))


@dataclass
class FileResult:
    path: str
    plan: Plan | None = None  # None unless an output asked for the model (``run_batch(keep_plans=True)``)
    findings: Sequence[Finding] = field(default_factory=list)  # packed when there is no plan
    error: InputError | None = None
    converted_from: str | None = None  # "doc", "rtf", "odt": read through a LibreOffice conversion
    baselined: int | None = None  # findings a baseline file hid (kclint.baseline); None: no baseline in use
    summary: PlanSummary | None = None  # filled from ``plan`` when not given

    def __post_init__(self) -> None:
        if self.summary is None and self.plan is not None:
            self.summary = PlanSummary.of(self.plan, self.findings)
        if self.plan is None and not isinstance(self.findings, PackedFindings):
            # Without the plan this result is one of a batch's thousands (the outputs that quote the plan
            # keep it, and their findings as a list: the HTML report matches findings by identity).
            self.findings = PackedFindings(self.findings)

    def without_plan(self) -> FileResult:
        """This result keeping only what every output needs: the findings and the summary."""
        return self if self.plan is None else dataclasses.replace(self, plan=None)
