"""One file through reader -> parser -> rules; a batch of paths in a stable order."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from kclint.engine import RunOptions, run_rules
from kclint.errors import InputError
from kclint.model import Finding, Plan, SchoolLevel

SUFFIXES = (".docx", ".txt", ".md")


@dataclass
class FileResult:
    path: str
    plan: Plan | None = None
    findings: list[Finding] = field(default_factory=list)
    error: InputError | None = None


def check_file(path: str, options: RunOptions, level: SchoolLevel | None = None) -> FileResult:
    """Read, model and check one plan; an unreadable file becomes ``FileResult.error``."""
    from kclint.parse import build_plan
    from kclint.readers import read_document

    try:
        doc = read_document(path)
    except InputError as exc:
        return FileResult(path, error=exc)
    plan = build_plan(doc)
    if level is not None:
        plan = plan.model_copy(update={"school_level": level})
    return FileResult(path, plan, run_rules(plan, options, path))


def collect_paths(paths: list[str]) -> list[str]:
    """Files named on the command line plus every plan below named directories, sorted.

    Word's lock files (``~$plan.docx``) and kclint's own annotated copies are skipped.
    """
    out: list[str] = []
    for p in paths:
        if os.path.isdir(p) and not p.lower().endswith(SUFFIXES):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(SUFFIXES) and not name.startswith("~$") \
                            and not name.endswith(".kclint.docx"):
                        out.append(os.path.join(root, name))
        else:
            out.append(p)
    return out
