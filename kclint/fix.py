"""`kclint fix`: a corrected copy that applies the edits of the selected findings — never the input.

A rule attaches an :class:`~kclint.model.Edit` to a finding when the fix is mechanical and unambiguous
(Unicode normalisation, conversion debris, typing residue with one reading, doubled spaces). ``fix``
checks the plan exactly as ``check`` does — same ``--select``, ``--ignore``, configuration and per-file
time budget — and writes every edit of the findings that remain. Everything that needs judgment has no
edit and stays in the report.

An edit's offsets index the text of the paragraph or cell at the finding's location. The copy is made
by finding that text again: a line of a text file (a cell is a part of its line), a Word paragraph
(a cell's paragraphs are the lines of its text). In a Word file an edit is made only inside one run,
so formatting is never lost (normalising decomposed letters, run by run, is the exception); the rest
is listed as not applied. The work is linear in the size of the plan.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kclint import limits
from kclint.document import WORD_SUFFIXES
from kclint.engine import RunOptions, run_rules
from kclint.errors import InputError
from kclint.model import Edit, Finding, Location, Message, Plan, SchoolLevel, Span
from kclint.outputs import FIXED_MARK
from kclint.textnorm import nfc
from kclint.vietnamese.legacy import legacy_conversions

if TYPE_CHECKING:
    from kclint.outputs import SafeWriter


@dataclass(frozen=True)
class Change:
    where: Message  # 'dòng 12' / 'line 12', 'đoạn 3' / 'paragraph 3', as a person reads it
    before: str
    after: str
    kind: str
    applied: bool = True

    def shown(self) -> str:
        """``“before” → “after”`` as a person can see it: a change that only composes decomposed letters
        looks the same on both sides, so it is named instead (``“Hoà” (NFD → NFC)``)."""
        if self.before != self.after and nfc(self.before) == self.after == nfc(self.after):
            return f"“{self.after}” (NFD → NFC)"
        return f"“{self.before}” → “{self.after}”"


def _where(kind: str, n: int) -> Message:
    vi, en = {"line": ("dòng", "line"), "paragraph": ("đoạn", "paragraph")}[kind]
    return Message(vi=f"{vi} {n}", en=f"{en} {n}")


def _described(loc: Location) -> Message:
    return Message(vi=loc.describe("vi"), en=loc.describe("en"))


@dataclass(frozen=True)
class _Local:
    """An edit relative to one piece of text (a line of a cell, a paragraph), with the finding's kind."""

    start: int
    end: int
    replacement: str
    kind: str


Edits = dict[str, list[_Local]]  # the text as kclint read it -> its edits


def default_output(path: str) -> str:
    """``plan.txt`` -> ``plan.kclint-fixed.txt``; a corrected copy is not given the mark twice.

    A Word plan of another flavour is corrected as a ``.docx`` (``plan.doc`` -> ``plan.kclint-fixed.docx``).
    """
    root, ext = os.path.splitext(path)
    if ext.lower() in WORD_SUFFIXES:
        ext = ".docx"
    return f"{root.removesuffix(FIXED_MARK)}{FIXED_MARK}{ext}"


def _placed(finding: Finding) -> list[tuple[Edit, Location, str]]:
    """Each edit of ``finding`` with the place its offsets index and the words it must cover there."""
    out = [(finding.edit, finding.location, finding.evidence)] if finding.edit is not None else []
    return out + [(e, e.location or finding.location, "") for e in finding.edits]


def _span_of(edit: Edit, loc: Location, evidence: str, by_location: dict[Any, list[Span]]) -> Span | None:
    """The paragraph or cell an edit indexes: at its location, holding the evidence in range."""
    for span in by_location.get(loc.model_copy(update={"section": None, "criterion": None}), ()):
        if edit.end <= len(span.text) and evidence in span.text[edit.start:edit.end]:
            return span
    return None


def collect_edits(plan: Plan, findings: Iterable[Finding], split_lines: bool = False) -> tuple[Edits, list[Change]]:
    """The edits of ``findings`` keyed by the text they apply to; edits that cannot be placed are listed.

    ``split_lines``: a Word cell's text is its paragraphs joined by line breaks, so its edits are keyed by
    each paragraph's text (an edit across two paragraphs cannot be placed).
    """
    by_location: dict[Any, list[Span]] = defaultdict(list)
    for span in [*plan.as_written, *plan.physical_texts()]:  # decomposed text first: its edits run before the NFC ones
        by_location[span.loc.model_copy(update={"section": None, "criterion": None})].append(span)
    edits: Edits = defaultdict(list)
    lost: list[Change] = []
    seen: set[tuple[str, int, int, str]] = set()
    for f in findings:
        for e, loc, evidence in _placed(f):
            span = _span_of(e, loc, evidence, by_location)
            if span is None:
                lost.append(Change(_described(loc), evidence, e.replacement, f.kind, applied=False))
                continue
            if (span.text, e.start, e.end, e.replacement) in seen:
                continue
            seen.add((span.text, e.start, e.end, e.replacement))
            if not split_lines:
                edits[span.text].append(_Local(e.start, e.end, e.replacement, f.kind))
                continue
            lines = span.text.split("\n")
            if len(lines) > 1 and (e.start, e.end) == (0, len(span.text)) \
                    and e.replacement.count("\n") == len(lines) - 1:  # a whole cell, line for line
                for line, after in zip(lines, e.replacement.split("\n"), strict=True):
                    if line != after:
                        edits[line].append(_Local(0, len(line), after, f.kind))
                continue
            offset = 0
            for line in lines:
                if offset <= e.start and e.end <= offset + len(line):
                    edits[line].append(_Local(e.start - offset, e.end - offset, e.replacement, f.kind))
                    break
                offset += len(line) + 1
            else:
                lost.append(Change(_described(loc), evidence, e.replacement, f.kind, applied=False))
    return edits, lost


def _ordered(edits: Iterable[_Local]) -> list[_Local]:
    """Left to right, an edit overlapping an earlier one dropped (the earlier, wider one wins)."""
    out: list[_Local] = []
    for e in sorted(edits, key=lambda e: (e.start, -e.end)):
        if not out or e.start >= out[-1].end:
            out.append(e)
    return out


def apply_edits(text: str, edits: Iterable[_Local]) -> str:
    """``text`` with non-overlapping edits applied, in one left-to-right pass (linear in ``text``)."""
    parts, pos = [], 0
    for e in _ordered(edits):
        parts.append(text[pos:e.start])
        parts.append(e.replacement)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


_CELL_EDGE = "\t|"


def _occurrences(line: str, key: str) -> list[int]:
    """Where ``key`` stands in ``line`` as a whole paragraph or cell (bounded by the line's edges,
    tabs or pipes, with spaces allowed), left to right and not overlapping."""
    out: list[int] = []
    for m in re.finditer(re.escape(key), line):
        before, after = line[: m.start()].rstrip(" \ufeff"), line[m.end():].lstrip(" \r")
        if (not before or before[-1] in _CELL_EDGE) and (not after or after[0] in _CELL_EDGE) \
                and (not out or m.start() >= out[-1] + len(key)):
            out.append(m.start())
    return out


def _fix_line(line: str, keys: list[str], edits: Edits, where: Message, changes: list[Change]) -> str:
    for key in keys:  # decomposed keys first: once normalised, the line holds the NFC keys
        spots = _occurrences(line, key) if key else []
        if not spots:
            changes.extend(Change(where, key[e.start:e.end], e.replacement, e.kind, applied=False) for e in edits[key])
            continue
        placed = [_Local(at + e.start, at + e.end, e.replacement, e.kind) for at in spots for e in _ordered(edits[key])]
        changes.extend(Change(where, line[e.start:e.end], e.replacement, e.kind) for e in placed)
        line = apply_edits(line, placed)
    return line


def _fix_text(data: str, plan: Plan, findings: list[Finding]) -> tuple[str, list[Change]]:
    edits, changes = collect_edits(plan, findings)
    keys_by_line: dict[int, list[str]] = defaultdict(list)
    for span in [*plan.as_written, *plan.physical_texts()]:
        if span.text in edits and span.loc.line is not None and span.text not in keys_by_line[span.loc.line]:
            keys_by_line[span.loc.line].append(span.text)
    lines = data.split("\n")
    for n, keys in sorted(keys_by_line.items()):
        if 0 < n <= len(lines):
            lines[n - 1] = _fix_line(lines[n - 1], keys, edits, _where("line", n), changes)
    return "\n".join(lines), changes


def _fix_docx(data: bytes, plan: Plan, findings: list[Finding]) -> tuple[bytes, list[Change]]:
    import io

    import docx

    from kclint.readers.docx import W

    edits, changes = collect_edits(plan, findings, split_lines=True)
    # The bytes already vetted by the readers, not a second read of a file that may have changed since.
    document = docx.Document(io.BytesIO(data))
    parts = [document.element] + [
        rel.target_part.element for rel in document.part.rels.values()
        if not rel.is_external and rel.reltype.rsplit("/", 1)[-1] in ("header", "footer")
    ]
    paragraph_no = 0
    for root in parts:
        for p in root.iter(W + "p"):
            paragraph_no += 1
            # Only this paragraph's own text: a text box inside a run has paragraphs of its own.
            texts = [t for t in p.iter(W + "t") if next(t.iterancestors(W + "p"), None) is p]
            for _ in range(2):  # decomposed text is normalised first, then the NFC edits find their text
                if not _fix_runs(texts, edits, _where("paragraph", paragraph_no), changes):
                    break
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), changes


# Text converted from a legacy font leaves that font: its runs are set in a Unicode font.
_REFONT = {"text.legacy_encoding": "Times New Roman"}


def _runwise(before: str, after: str) -> Callable[[str], str] | None:
    """A conversion that turns ``before`` into ``after`` and works piece by piece (so run by run):
    Unicode normalisation, or reading a legacy font's encoding."""
    return next((c for c in (nfc, *legacy_conversions()) if c(before) == after), None)


def _set_font(run: Any, font: str) -> None:
    """Set ``run`` (a ``w:r``) in ``font``, replacing the font and theme font it had."""
    from lxml import etree

    from kclint.readers.docx import W

    rpr = run.find(W + "rPr")
    if rpr is None:
        rpr = etree.Element(W + "rPr")
        run.insert(0, rpr)
    fonts = rpr.find(W + "rFonts")
    if fonts is None:
        fonts = etree.Element(W + "rFonts")
        rpr.insert(1 if rpr.find(W + "rStyle") is not None else 0, fonts)  # the schema's order: rStyle first
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(W + slot, font)
        fonts.attrib.pop(W + slot + "Theme", None)


def _fix_runs(texts: list, edits: Edits, where: Message, changes: list[Change]) -> bool:
    """Apply the edits keyed by this paragraph's text to its runs; True when any edit was applied."""
    joined = "".join(t.text or "" for t in texts)
    stripped = joined.strip()
    mine = edits.get(joined) or edits.get(stripped)
    if not mine:
        return False
    lead = 0 if joined in edits else len(joined) - len(joined.lstrip())
    bounds, starts, pos = [], [], 0
    for t in texts:
        bounds.append((pos, pos + len(t.text or ""), t))
        starts.append(pos)
        pos += len(t.text or "")
    by_run: dict[int, list[_Local]] = defaultdict(list)
    for e in _ordered(mine):
        s, end = e.start + lead, e.end + lead
        before = joined[s:end]
        first = max(0, bisect_right(starts, s) - 1)  # the last run starting at or before the edit
        home = first if bounds and bounds[first][0] <= s and end <= bounds[first][1] else None
        pieces = [(i, max(s, a), min(end, b)) for i, (a, b, _) in enumerate(bounds[first:], first) if a < end and s < b]
        convert = _runwise(before, e.replacement) if home is None or e.kind in _REFONT else None
        if convert is not None and "".join(convert(joined[p:q]) for _, p, q in pieces) == e.replacement:
            for i, p, q in pieces:
                a = bounds[i][0]
                by_run[i].append(_Local(p - a, q - a, convert(joined[p:q]), e.kind))
                if e.kind in _REFONT:
                    _set_font(bounds[i][2].getparent(), _REFONT[e.kind])
            changes.append(Change(where, before, e.replacement, e.kind))
            continue
        if home is None:
            changes.append(Change(where, before, e.replacement, e.kind, applied=False))
            continue
        changes.append(Change(where, before, e.replacement, e.kind))
        a = bounds[home][0]
        by_run[home].append(_Local(s - a, end - a, e.replacement, e.kind))
    for i, run_edits in by_run.items():
        t = bounds[i][2]
        t.text = apply_edits(t.text or "", run_edits)
        if t.text != t.text.strip():  # Word drops edge spaces unless told to keep them
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return bool(by_run)


def _timeout_error(path: str, seconds: float) -> InputError:
    return InputError.for_file(
        "timeout", path,
        f"sửa tệp quá {seconds:g} giây nên đã dừng (tệp quá lớn hoặc cấu trúc bất thường); không ghi bản sửa.",
        f"fixing took longer than {seconds:g} s and was stopped (file too large or oddly structured); "
        "no corrected copy was written.",
    )


def fix_file(path: str, out: str | None = None, force: bool = False, options: RunOptions | None = None,
             level: SchoolLevel | None = None, timeout: float | None = limits.FILE_TIME_BUDGET_S,
             writer: SafeWriter | None = None, write: bool = True) -> tuple[str | None, list[Change]]:
    """Write the corrected copy of ``path``; returns the path written (``None``: nothing) and the changes.

    The plan is checked with ``options`` (the run's selection and configuration) under the same
    per-file time budget as ``check``; the copy is written only when the whole fix finished in time
    and changed something, through ``writer``, which knows every input of the run (default: ``path``
    alone). ``write=False`` (``kclint fix --diff``) only lists what would change.
    """
    from kclint.outputs import SafeWriter

    target = out or default_output(path)
    writer = writer or SafeWriter([path])
    if write:
        writer.check(target, force)
    try:
        with limits.time_budget(timeout):
            data, changes = _fix(path, options or RunOptions(), level)
    except limits.BudgetExceeded:
        raise _timeout_error(path, timeout or 0) from None
    if not write or not any(c.applied for c in changes):  # a copy identical to the plan helps nobody
        return None, changes
    writer.write(target, data, force)
    return target, changes


def _fix(path: str, options: RunOptions, level: SchoolLevel | None) -> tuple[bytes, list[Change]]:
    from kclint.parse import build_plan
    from kclint.readers.sniff import sniff

    sniffed = sniff(path)
    word = b""
    if sniffed.kind != "text":
        from kclint.readers.convert import as_docx
        from kclint.readers.docx import read_package

        # The reader's .docx of the plan (a .docm without its macros, a .doc converted), vetted like any input.
        package = as_docx(sniffed.data, path)
        doc, word = read_package(package), package.data
    else:
        from kclint.readers.text import decode, read_text

        doc = read_text(sniffed.data, path, "md" if path.lower().endswith(".md") else "txt")
    plan = build_plan(doc)
    if level is not None:
        plan = plan.model_copy(update={"school_level": level})
    findings = [f for f in run_rules(plan, options.for_plan(plan), path) if f.edit is not None or f.edits]
    if word:
        return _fix_docx(word, plan, findings)
    fixed, changes = _fix_text(decode(sniffed.data, path), plan, findings)
    return fixed.encode("utf-8"), changes

