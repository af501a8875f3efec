"""What checking one file gives: the plan model (when kept), its findings, or the reason it could not be read.

Every output (the reports, the annotated copy, the review desk, the batch tables) reads these; the
pipeline only makes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kclint.errors import InputError
from kclint.model import Finding, Plan


@dataclass
class FileResult:
    path: str
    plan: Plan | None = None
    findings: list[Finding] = field(default_factory=list)
    error: InputError | None = None
    converted_from: str | None = None  # "doc", "rtf", "odt": read through a LibreOffice conversion
    baselined: int | None = None  # findings a baseline file hid (kclint.baseline); None: no baseline in use
