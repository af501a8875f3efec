"""A finding's quoted words in the paragraph or cell they came from (HTML report, the desk, the annotated copy)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from kclint.model import Location, Plan

OPENING_WORDS = 6  # enough to find a paragraph with Word's search, short enough for one report line


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
    for span in plan.physical_texts() if plan else ():
        out.setdefault(context_key(span.loc), []).append(span.text)
    return {k: "\n".join(v) for k, v in out.items()}


def opening(text: str, words: int = OPENING_WORDS) -> str:
    """The first words of a paragraph or heading, '…' when cut."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


@dataclass(frozen=True)
class Places:
    """What a reader of the Word file can look for: section headings and the first words of paragraphs.

    Word numbers neither paragraphs nor lines, so a report that says 'paragraph 116' cannot be followed.
    Kept small (only the paragraphs that carry a finding) so a batch can keep it after the plan is dropped.
    """

    headings: dict[str, str] = field(default_factory=dict)  # section path ('III.2') -> its title's first words
    openings: dict[tuple, str] = field(default_factory=dict)  # context_key -> the paragraph's first words

    @classmethod
    def of(cls, plan: Plan, locations: Iterable[Location]) -> Places:
        headings: dict[str, str] = {}
        for s in plan.sections:
            if s.title.strip():
                headings.setdefault(s.path, opening(s.title))
        wanted = {context_key(loc) for loc in locations if loc.paragraph is not None}
        texts = contexts(plan) if wanted else {}
        return cls(headings, {k: opening(texts[k]) for k in wanted if texts.get(k, "").strip()})

    def describe(self, loc: Location, lang: str = "vi") -> str:
        return loc.describe(lang, heading=self.headings.get(loc.section or ""),
                            opening=self.openings.get(context_key(loc)))
