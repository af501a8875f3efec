"""--annotate is linear in the findings (issue 18: 10); benchmarks/run.py has the timing row."""

from __future__ import annotations

from pathlib import Path

import pytest
from plan_docx import PlanLayout, build_docx

from kclint.annotate import annotate_docx
from kclint.model import Finding, Location, Message, Severity


def plan_with(path: Path, n: int) -> list[Finding]:
    build_docx(path, PlanLayout(title=["KẾ HOẠCH"], body="\n\n".join(
        f"Nội dung {i}: hoàn thành trong năm học." for i in range(n))))
    return [Finding(code="KC107", rule="vague-deadline", category="date", kind="date.vague",
                    severity=Severity.WARNING, message=Message(vi="Thời hạn chung chung.", en="Vague."),
                    evidence="trong năm học", location=Location(paragraph=i + 1)) for i in range(n)]


def test_comment_ids_are_read_once_not_once_per_comment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """python-docx reads every id for each new comment (n² in all); the annotator reads them once."""
    import docx
    from docx.oxml.comments import CT_Comments

    scans = []
    real = CT_Comments.xpath

    def counting(self: CT_Comments, expr: str, *args: object, **kwargs: object) -> object:
        if "@w:id" in expr and "[@w:id=" not in expr:
            scans.append(expr)
        return real(self, expr, *args, **kwargs)

    monkeypatch.setattr(CT_Comments, "xpath", counting)
    findings = plan_with(tmp_path / "k.docx", 300)
    stats = annotate_docx(str(tmp_path / "k.docx"), str(tmp_path / "k.kclint.docx"), findings)
    assert stats.comments == 300 and len(scans) == 1
    ids = [c.comment_id for c in docx.Document(str(tmp_path / "k.kclint.docx")).comments]
    assert ids == list(range(300))
    assert CT_Comments._next_available_comment_id is not None  # python-docx's own method is back afterwards
    assert "_counted_next_id" not in CT_Comments._next_available_comment_id.__qualname__
