"""A finding's quoted words in the paragraph or cell they came from (HTML report, the desk, the annotated copy)."""

from __future__ import annotations

import re

from kclint.model import Location, Plan


def find_evidence(text: str, evidence: str) -> tuple[int, int] | None:
    """Where ``evidence`` is in ``text``: exactly, else with any run of spaces/tabs/NBSP between words."""
    if not evidence.strip():
        return None
    at = text.find(evidence)
    if at >= 0:
        return at, at + len(evidence)
    pattern = r"[\s\u00a0]+".join(re.escape(w) for w in evidence.split())
    m = re.search(pattern, text)
    return (m.start(), m.end()) if m else None


def context_key(loc: Location) -> tuple:
    """A paragraph or cell of the document, whatever line, section or criterion inside it."""
    return (loc.paragraph, loc.table, loc.row, loc.column, loc.origin)


def contexts(plan: Plan | None) -> dict[tuple, str]:
    """The text of every paragraph and cell, rebuilt from the plan's lines, by :func:`context_key`."""
    out: dict[tuple, list[str]] = {}
    for span in plan.texts if plan else ():
        out.setdefault(context_key(span.loc), []).append(span.text)
    return {k: "\n".join(v) for k, v in out.items()}
