"""Reviewers' 'kclint: bỏ qua' comments: in Word and in text exports, used and unused (KC590)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from helpers import plan_from_file, plan_from_text, run

from kclint.engine import registry

VAGUE = registry()["KC107"].doc.fail_example  # one KC107 finding, on the 'Thời gian bắt đầu' paragraph
DEADLINE_LINE = "Thời gian bắt đầu: Tháng 9/2025. Thời gian hoàn thành: Trong tháng"
TARGET_LINE = "Mục tiêu cần đạt: Giữ vững Mức 3"
CODES = ["KC107", "KC590"]


def codes(found: list) -> list[str]:
    return [f.code for f in found]


def with_note(note: str, before: str = DEADLINE_LINE, text: str = VAGUE) -> str:
    assert before in text
    return text.replace(before, f"<!-- {note} -->\n{before}", 1)


def test_the_fixture_has_the_finding() -> None:
    assert codes(run(plan_from_text(VAGUE), CODES)) == ["KC107"]


@pytest.mark.parametrize("note", [
    "kclint: bỏ qua KC107", "kclint: ignore KC107, KC108", "kclint: bỏ qua", "kclint: ignore",
    "kclint: bỏ qua vague-deadline", "kclint: bỏ qua KC1", "kclint: bỏ qua date vì Sở đã cho phép",
    "KCLINT: Bỏ qua KC107",
])
def test_a_note_line_hides_the_finding_after_it(note: str) -> None:
    plan = plan_from_text(with_note(note))
    assert codes(run(plan, CODES)) == []
    # The note is not plan text: no rule sees it.
    assert not any("kclint" in s.text for s in plan.texts)


@pytest.mark.parametrize("note", ["kclint: bỏ qua KC101", "kclint: ignore text", "kclint: bỏ qua KC6"])
def test_a_note_for_another_rule_hides_nothing(note: str) -> None:
    assert "KC107" in codes(run(plan_from_text(with_note(note)), CODES))


def test_a_note_covers_only_the_next_paragraph() -> None:
    text = with_note("kclint: bỏ qua KC107", before="Mục tiêu cần đạt")
    found = run(plan_from_text(text), CODES)
    assert codes(found) == ["KC590", "KC107"]  # document order: the note covers the paragraph before
    unused = found[0]
    assert unused.severity.value == "info" and unused.evidence == "kclint: bỏ qua KC107"
    assert unused.location.line == 7  # the paragraph the note covers


def test_unknown_code_is_reported() -> None:
    found = run(plan_from_text(with_note("kclint: bỏ qua KC9999")), CODES)
    assert codes(found) == ["KC107", "KC590"] and "KC9999" in found[1].message.en


def test_unused_only_when_its_rule_ran() -> None:
    text = with_note("kclint: bỏ qua KC107", before="Mục tiêu cần đạt")
    assert codes(run(plan_from_text(text), ["KC590"])) == []


def test_other_html_comments_and_notes_in_tables() -> None:
    table = "\n".join([
        "KẾ HOẠCH",
        "TT\tNội dung\tThời gian hoàn thành",
        "1\tRà soát hồ sơ\tTháng 10/2025",
        "<!-- kclint: bỏ qua KC107 -->",
        "2\tBổ sung minh chứng\tTrong tháng",
        "3\tHọp tổ\tTrong tháng",
    ])
    plan = plan_from_text(table)
    (s,) = plan.suppressions
    assert s.start == s.end == (1, 2)
    assert len(plan.texts) == 13  # the note line is no part of the table: the title and four rows of three cells
    md = table.replace("\t", " | ").replace("\n", " |\n| ").replace("| KẾ HOẠCH |\n", "KẾ HOẠCH\n") + " |"
    md = md.replace("| <!-- kclint: bỏ qua KC107 --> |", "<!-- kclint: bỏ qua KC107 -->")
    md_plan = plan_from_text(md, "plan.md")
    assert [b.start for b in md_plan.suppressions] == [(1, 2)] and len(md_plan.texts) == 13


def test_front_matter_keeps_the_range() -> None:
    text = "---\ntitle: KH\n---\n" + with_note("kclint: bỏ qua KC107")
    assert codes(run(plan_from_text(text, "plan.md"), CODES)) == []


# --- Word ---------------------------------------------------------------------------------------------------

def word_plan(path: Path, note: str | None, on: str = DEADLINE_LINE) -> Path:
    document = docx.Document()
    for line in VAGUE.splitlines():
        if line.strip():
            p = document.add_paragraph(line)
            if note and line == on:
                document.add_comment(p.runs, text=note, author="Phó hiệu trưởng", initials="PHT")
    document.save(str(path))
    return path


def test_word_comment_hides_the_finding(tmp_path: Path) -> None:
    assert codes(run(plan_from_file(word_plan(tmp_path / "none.docx", None)), CODES)) == ["KC107"]
    plan = plan_from_file(word_plan(tmp_path / "kh.docx", "kclint: bỏ qua KC107 — thời hạn do Sở giao"))
    assert [s.selectors for s in plan.suppressions] == ["KC107 — thời hạn do Sở giao"]
    assert codes(run(plan, CODES)) == []


def test_word_comment_that_hides_nothing_is_reported_at_the_comment(tmp_path: Path) -> None:
    plan = plan_from_file(word_plan(tmp_path / "kh.docx", "kclint: ignore KC107", on=TARGET_LINE))
    found = run(plan, CODES)
    assert codes(found) == ["KC590", "KC107"]
    assert found[0].evidence == "kclint: ignore KC107" and found[0].location.paragraph == 3


def test_an_ordinary_word_comment_is_no_suppression(tmp_path: Path) -> None:
    plan = plan_from_file(word_plan(tmp_path / "kh.docx", "Xem lại thời hạn"))
    assert plan.suppressions == [] and codes(run(plan, CODES)) == ["KC107"]


def test_annotated_copy_keeps_the_reviewers_comments(tmp_path: Path) -> None:
    from kclint.annotate import annotate_docx

    src = word_plan(tmp_path / "kh.docx", "kclint: bỏ qua KC107", on=TARGET_LINE)
    found = run(plan_from_file(src), CODES)
    dst = tmp_path / "kh.kclint.docx"
    annotate_docx(str(src), str(dst), found)
    texts = [c.text for c in docx.Document(str(dst)).comments]
    assert "kclint: bỏ qua KC107" in texts and len(texts) == 1 + len(found)
