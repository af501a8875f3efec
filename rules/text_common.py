"""Shared plumbing of the text-quality rules (KC601-KC610); defines no rule itself.

Each paragraph and table cell goes once through :func:`kclint.vietnamese.check_text`
(cached), and every text rule picks the issue kinds it owns, so nine rules
cost one pass over the text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from kclint.engine import Context, Rule
from kclint.model import Edit, Finding, Plan, Span
from kclint.vietnamese import Issue, check_text, safe_replacement
from kclint.vietnamese.legacy import FontEncoding, font_encoding

# How Unikey Toolkit converts a legacy-font text; quoted in several rules' advice.
UNIKEY_CONVERT_VI = (
    "mở Unikey Toolkit (Ctrl+Shift+F6), chọn bảng mã nguồn '{source}', bảng mã đích 'Unicode', "
    "sao chép đoạn văn, bấm 'Chuyển mã' rồi dán lại; sau đó chọn toàn bộ (Ctrl+A) và đặt phông Times New Roman"
)
UNIKEY_CONVERT_EN = (
    "open Unikey Toolkit (Ctrl+Shift+F6), choose source charset '{source}' and target 'Unicode', copy the "
    "text, press 'Convert' and paste it back; then select all (Ctrl+A) and set the font to Times New Roman"
)


def short(text: str, limit: int = 60) -> str:
    """Evidence shortened for a message (the finding's evidence itself stays whole)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def issue_edit(issue: Issue) -> Edit | None:
    """The safe fix of ``issue`` as an edit of its paragraph or cell, when it has one."""
    after = safe_replacement(issue)
    if after is None or after == issue.evidence:
        return None
    return Edit(start=issue.start, end=issue.end, replacement=after)


def legacy_font(plan: Plan, span: Span) -> FontEncoding | None:
    """The legacy encoding of the font ``span`` is set in (its paragraph's, else the body's), if any."""
    layout = plan.layout
    if layout is None:
        return None
    font = layout.fonts.get(span.loc.block) if span.loc.block is not None and span.loc.table is None else None
    return font_encoding(font or layout.body_font)


def span_issues(plan: Plan, span: Span) -> tuple[Issue, ...]:
    """The text issues of one paragraph or cell, read in its legacy font when it has one."""
    return check_text(span.text, legacy_font(plan, span))


class TextIssueRule(Rule):
    """A rule that reports the :class:`~kclint.vietnamese.Issue` kinds in ``issue_kinds``."""

    issue_kinds: ClassVar[frozenset[str]] = frozenset()
    # Which detectors of those kinds (None: all); two rules may share a kind, each with its detectors.
    issue_detectors: ClassVar[frozenset[str] | None] = None

    def owns(self, issue: Issue) -> bool:
        detectors = self.issue_detectors
        return issue.kind in self.issue_kinds and (detectors is None or issue.detector in detectors)

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        for span in plan.texts:
            for issue in span_issues(plan, span):
                if self.owns(issue):
                    finding = self.report(span, issue)
                    if finding is not None:
                        yield finding

    def report(self, span: Span, issue: Issue) -> Finding | None:
        """Turn one issue into a finding (or ``None`` to stay silent)."""
        raise NotImplementedError
