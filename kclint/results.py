"""What checking one file gives: a small summary of the plan, its findings, or the reason it could not be read.

Every output (the reports, the annotated copy, the review desk, the batch tables) reads these; the
pipeline only makes them. The plan model itself (about 1 MB per plan) is kept only when an output
needs the plan's text (the HTML report, the annotated copy, the desk): a batch of thousands of plans
keeps findings and summaries only.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field

from kclint.errors import InputError
from kclint.evidence import Places
from kclint.model import Finding, Period, Plan, PlanKind, SchoolLevel


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
    findings: list[Finding] = field(default_factory=list)
    error: InputError | None = None
    converted_from: str | None = None  # "doc", "rtf", "odt": read through a LibreOffice conversion
    baselined: int | None = None  # findings a baseline file hid (kclint.baseline); None: no baseline in use
    summary: PlanSummary | None = None  # filled from ``plan`` when not given

    def __post_init__(self) -> None:
        if self.summary is None and self.plan is not None:
            self.summary = PlanSummary.of(self.plan, self.findings)

    def without_plan(self) -> FileResult:
        """This result keeping only what every output needs: the findings and the summary."""
        return self if self.plan is None else dataclasses.replace(self, plan=None)
