"""`kclint fix`: a corrected copy for the mechanical, unambiguous cases — never the input.

What is fixed: Unicode normalisation (NFC, the eth 'Ð' typed for 'Đ', invisible characters), conversion
debris (HTML tags and entities, '[bookmark: …]', Markdown emphasis, headings, links and escapes — the
words inside are kept), typing residue with exactly one possible reading ('caccs' -> 'các') and doubled
spaces between words. Everything that needs judgment (a misspelt word, a repeated word, a wrong date)
is left to the report. In a Word file an edit is made only where it lies inside one run of text, so
formatting is never lost; the rest is listed as not applied.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from pathlib import Path

from kclint.errors import InputError
from kclint.textnorm import nfc
from kclint.vietnamese import Issue, check_text

# Debris removed outright; for these the words inside (if any) are kept.
_DROP = {"html_tag", "bookmark", "markdown_heading"}
_KEEP_INNER = {"markdown_emphasis", "markdown_link"}


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    before: str
    after: str
    kind: str


@dataclass(frozen=True)
class Change:
    where: str  # 'dòng 12' / 'đoạn 3' as a person reads it
    before: str
    after: str
    kind: str
    applied: bool = True


def _replacement(issue: Issue) -> str | None:
    """What an issue's text becomes, or None when the case is not mechanical."""
    ev = issue.evidence
    if issue.kind == "text.artifact":
        if issue.detector in _DROP:
            return ""
        if issue.detector == "markdown_emphasis":
            return ev.strip("*_ ")
        if issue.detector == "markdown_link":
            return re.match(r"\[([^\]]*)\]", ev).group(1) if ev.startswith("[") else None  # type: ignore[union-attr]
        if issue.detector == "markdown_escape":
            return ev[1:]
        if issue.detector == "html_entity":
            return html.unescape(ev).replace("\u00a0", " ")
        return None
    if issue.kind == "text.normalization" and issue.detector in ("lookalike", "invisible"):
        return issue.suggestion
    if issue.kind == "text.telex_residue" and issue.confidence == "high" and not issue.alternatives:
        return issue.suggestion
    if issue.kind == "text.spacing" and issue.detector == "double_space":
        return issue.suggestion
    return None


def text_edits(text: str) -> list[Edit]:
    """Non-overlapping edits for one NFC paragraph, left to right."""
    edits: list[Edit] = []
    last_end = -1
    for issue in sorted(check_text(text), key=lambda i: (i.start, -i.end)):
        after = _replacement(issue)
        if after is None or after == issue.evidence or issue.start < last_end:
            continue
        edits.append(Edit(issue.start, issue.end, issue.evidence, after, issue.kind))
        last_end = issue.end
    return edits


def apply_edits(text: str, edits: list[Edit]) -> str:
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[:e.start] + e.after + text[e.end:]
    return text


def default_output(path: str) -> str:
    root, ext = os.path.splitext(path)
    return f"{root}.kclint-fixed{ext}"


# Debris can hide a word from the checks (a paragraph full of tags reads as foreign text): once it is
# gone, look again. Each pass only removes or replaces flagged text, so a few passes always settle.
_PASSES = 3


def _fix_text(data: str) -> tuple[str, list[Change]]:
    changes: list[Change] = []
    out_lines: list[str] = []
    for n, line in enumerate(data.split("\n"), start=1):
        fixed = nfc(line)
        if fixed != line:
            changes.append(Change(f"dòng {n}", line, fixed, "text.normalization"))
        for _ in range(_PASSES):
            edits = text_edits(fixed)
            if not edits:
                break
            changes.extend(Change(f"dòng {n}", e.before, e.after, e.kind) for e in edits)
            fixed = apply_edits(fixed, edits)
        out_lines.append(fixed)
    return "\n".join(out_lines), changes


def _fix_docx(data: bytes, out: str) -> list[Change]:
    import io

    import docx

    from kclint.readers.docx import W

    # The bytes already vetted by the readers, not a second read of a file that may have changed since.
    document = docx.Document(io.BytesIO(data))
    parts = [document.element] + [
        rel.target_part.element for rel in document.part.rels.values()
        if not rel.is_external and rel.reltype.rsplit("/", 1)[-1] in ("header", "footer")
    ]
    changes: list[Change] = []
    paragraph_no = 0
    for root in parts:
        for p in root.iter(W + "p"):
            paragraph_no += 1
            # Only this paragraph's own text: a text box inside a run has paragraphs of its own.
            texts = [t for t in p.iter(W + "t") if next(t.iterancestors(W + "p"), None) is p]
            where = f"đoạn {paragraph_no}"
            for t in texts:
                raw = t.text or ""
                if nfc(raw) != raw:
                    changes.append(Change(where, raw, nfc(raw), "text.normalization"))
                    t.text = nfc(raw)
            for _ in range(_PASSES):
                if not _fix_runs(texts, where, changes):
                    break
    document.save(out)
    return changes


def _fix_runs(texts: list, where: str, changes: list[Change]) -> bool:
    """One pass of edits over a paragraph's runs; True when any edit was applied."""
    bounds, pos = [], 0
    for t in texts:
        bounds.append((pos, pos + len(t.text or ""), t))
        pos += len(t.text or "")
    joined = "".join(t.text or "" for t in texts)
    by_run: dict[int, list[Edit]] = {}
    for e in text_edits(joined):
        home = next((i for i, (s, end, _) in enumerate(bounds) if s <= e.start and e.end <= end), None)
        if home is None:
            if not any(c.before == e.before and not c.applied and c.where == where for c in changes):
                changes.append(Change(where, e.before, e.after, e.kind, applied=False))
            continue
        changes.append(Change(where, e.before, e.after, e.kind))
        s = bounds[home][0]
        by_run.setdefault(home, []).append(Edit(e.start - s, e.end - s, e.before, e.after, e.kind))
    for i, edits in by_run.items():
        t = bounds[i][2]
        t.text = apply_edits(t.text or "", edits)
        if t.text != t.text.strip():  # Word drops edge spaces unless told to keep them
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return bool(by_run)


def fix_file(path: str, out: str | None = None, force: bool = False) -> tuple[str, list[Change]]:
    """Write the corrected copy of ``path``; returns the output path and the changes made (or not)."""
    from kclint.outputs import same_file
    from kclint.readers.sniff import sniff

    target = out or default_output(path)
    if same_file(target, path):
        raise InputError.for_file("output_is_input", path, "tệp sửa không được ghi đè lên tệp gốc.",
                                  "the corrected copy may not overwrite the input.")
    if os.path.exists(target) and not force:
        raise InputError.for_file("output_exists", target, "tệp đã có; thêm --force để ghi đè.",
                                  "already exists; add --force to overwrite it.")
    sniffed = sniff(path)
    if sniffed.kind == "docx":
        from kclint.readers.docx import read_docx

        read_docx(sniffed.data, path)  # the package passes every reader check before it is edited
        return target, _fix_docx(sniffed.data, target)
    from kclint.readers.text import decode

    fixed, changes = _fix_text(decode(sniffed.data, path))
    Path(target).write_text(fixed, encoding="utf-8")
    return target, changes
