"""A copy of a Word plan with one review comment per finding (``kclint check --annotate``).

The comment is anchored on the quoted evidence, so the vice-principal sees it
highlighted in Word's margin next to the words to fix. python-docx (≥ 1.2)
writes the comment (``Document.add_comment``) but anchors only on whole runs;
splitting a run at the evidence boundaries is written here by hand, as is the
small walk that finds the paragraph or cell a :class:`~kclint.model.Location`
points at (the reader returns text, not XML elements).

When the evidence cannot be found exactly (it spans odd run structures, the
text is not NFC, the finding is in a header), the comment goes on the whole
paragraph or cell, or on the first paragraph for findings outside the body,
and quotes the evidence: a finding is never dropped. The input is opened
read-only and the copy is written atomically beside it (or in ``--annotate-dir``).
"""

from __future__ import annotations

import copy
import io
import os
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kclint.document import WORD_SUFFIXES
from kclint.errors import ConfigError
from kclint.evidence import Places, context_key, contexts, find_evidence
from kclint.model import Finding, Location, Plan
from kclint.outputs import ANNOTATED_SUFFIX, SafeWriter
from kclint.report import repeats
from kclint.report import words as w
from kclint.safetext import xml_text
from kclint.textnorm import nfc

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

    from kclint.readers.docx import BodyLayout

AUTHOR = "kclint"
INITIALS = "KC"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_P, _R, _T = (_W + t for t in ("p", "r", "t"))
_TXBX, _RPR = _W + "txbxContent", _W + "rPr"
_ONE_CHAR = {_W + "tab", _W + "br", _W + "cr"}  # the reader reads these as '\t' / '\n'
# Run children a split may carry: text, and zero-width marks the reader ignores. A run holding
# anything else (a field, a drawing, a footnote reference) is anchored whole, never cut.
_SPLITTABLE = {_RPR, _T, *_ONE_CHAR, _W + "lastRenderedPageBreak", _W + "softHyphen", _W + "noBreakHyphen"}
_COMMENT_REF = _W + "commentReference"

_NOTES = {
    "vi": {"skipped": "bỏ qua --annotate cho {path}: chỉ ghi nhận xét được vào tệp Word (.docx)",
           "written": "đã ghi bản có nhận xét: {path} ({n} nhận xét)"},
    "en": {"skipped": "--annotate skipped for {path}: comments can only be written into Word files (.docx)",
           "written": "annotated copy written: {path} ({n} comments)"},
}


def note(key: str, lang: str, **kw: object) -> str:
    """A CLI note about annotation in the user's language."""
    return _NOTES[w.lang_of(lang)][key].format(**kw)


# --- where the copies go ----------------------------------------------------------------------------------

def _relative_to_argument(path: str, args: Sequence[str]) -> str:
    """``plans/truong-a/ke-hoach.docx`` found under the argument ``plans`` -> ``truong-a/ke-hoach.docx``.

    Keeping the sub-folders in ``--annotate-dir`` matters: schools' files share names
    ('KE HOACH CAI TIEN.docx') and would otherwise overwrite each other.
    """
    real = os.path.realpath(path)
    for arg in args:
        if os.path.isdir(arg):
            root = os.path.realpath(arg)
            if real.startswith(root + os.sep):
                return os.path.relpath(real, root)
    return os.path.basename(path)


def output_for(path: str, annotate_dir: str | None, args: Sequence[str] = ()) -> str:
    """``plan.docx`` -> ``plan.kclint.docx`` beside it, or under ``annotate_dir``."""
    rel = _relative_to_argument(path, args) if annotate_dir else path
    if rel.lower().endswith(ANNOTATED_SUFFIX):  # an annotated copy again: the same name, never a second suffix
        rel = rel[: -len(ANNOTATED_SUFFIX)]
    suffix = next((x for x in WORD_SUFFIXES if rel.lower().endswith(x)), "")
    target = rel[: len(rel) - len(suffix)] + ANNOTATED_SUFFIX
    return os.path.join(annotate_dir, target) if annotate_dir else target


def plan_outputs(args: Sequence[str], files: Sequence[str], annotate_dir: str | None, force: bool,
                 reserved: Sequence[str] = (), writer: SafeWriter | None = None) -> tuple[dict[str, str], list[str]]:
    """Decide every annotated copy before any work: ``({input: output}, [skipped non-Word inputs])``.

    Raises :class:`ConfigError` (exit 2) when a copy would overwrite a ``reserved`` file (the ``-o``
    report) or another copy, and :class:`~kclint.outputs.OutputError` when ``writer`` (default: one
    that knows ``files``) refuses it: an input, a link, or an existing file without ``force``.
    """
    writer = writer or SafeWriter(files)
    outputs: dict[str, str] = {}
    skipped: list[str] = []
    for path in files:
        if not path.lower().endswith(WORD_SUFFIXES):
            skipped.append(path)
            continue
        outputs[path] = output_for(path, annotate_dir, args)
    taken: dict[str, str] = {}
    reserved_at = SafeWriter(reserved)
    for src, out in outputs.items():
        real = os.path.realpath(out)
        clash = reserved_at.input_at(out)
        if clash is not None:
            raise ConfigError("annotate_onto_input", f"bản có nhận xét {out} sẽ ghi đè lên {clash}.",
                              f"the annotated copy {out} would overwrite {clash}.")
        if real in taken:
            raise ConfigError("annotate_clash", f"{src} và {taken[real]} cùng ghi ra {out}; hãy dùng thư mục khác.",
                              f"{src} and {taken[real]} would both be written to {out}; use another directory.")
        taken[real] = src
        writer.check(out, force)
    return outputs, skipped


# --- the body as the reader counts it -----------------------------------------------------------------------

@dataclass
class _Story:
    """Element references for the locations the reader reports, from the reader's own body layout."""

    paragraphs: list[list[Any]] = field(default_factory=list)  # per paragraph index (joined paragraphs: several)
    tables: list[list[list[tuple[int, int, list[Any]]]]] = field(default_factory=list)  # rows: (column, span, w:p)

    @classmethod
    def of(cls, body: Any, layout: BodyLayout) -> _Story:
        every = list(body.iter(_P))
        return cls([[every[i] for i in ps] for ps in layout.paragraphs],
                   [[[(col, span, [every[i] for i in ps]) for col, span, ps in row] for row in table]
                    for table in layout.tables])

    def cell(self, table: int, row: int | None, column: int | None) -> list[Any] | None:
        """The paragraphs of a cell (of a whole table when no row is given)."""
        if not 0 <= table < len(self.tables):
            return None
        rows = self.tables[table]
        if row is None:
            return [p for r in rows for _, _, ps in r for p in ps] or None
        if not 0 <= row < len(rows):
            return None
        for col, span, ps in rows[row]:
            if column is None or col <= column < col + span:
                return ps or None
        return None


# --- runs: text, finding the evidence, splitting --------------------------------------------------------------

def _runs(p: Any) -> list[Any]:
    """Text runs of a paragraph, without text-box runs (drawn elsewhere) and comment reference marks."""
    out = []
    for r in p.iter(_R):
        if r.find(_COMMENT_REF) is not None:
            continue
        anc = r.getparent()
        while anc is not None and anc is not p and anc.tag != _TXBX:
            anc = anc.getparent()
        if anc is p:
            out.append(r)
    return out


def _child_len(el: Any) -> int:
    if el.tag == _T:
        return len(el.text or "")
    return 1 if el.tag in _ONE_CHAR else 0


def _run_len(r: Any) -> int:
    return sum(_child_len(el) for el in r)


def _run_text(r: Any) -> str:
    return "".join((el.text or "") if el.tag == _T else ("\t" if el.tag == _W + "tab" else "\n")
                   for el in r if el.tag == _T or el.tag in _ONE_CHAR)


def _trim(r: Any, lo: int, hi: int | None) -> None:
    """Keep only characters ``[lo, hi)`` of run ``r`` (zero-width marks stay with the side they precede)."""
    pos = 0
    for el in list(r):
        if el.tag == _RPR:
            continue
        n = _child_len(el)
        a, b = pos, pos + n
        pos = b
        end = hi if hi is not None else b
        if n == 0:
            keep = lo <= a and (hi is None or a < hi)
        else:
            s, e = max(a, lo), min(b, end)
            keep = s < e
            if keep and el.tag == _T:
                el.text = (el.text or "")[s - a:e - a]
                el.set(_XML_SPACE, "preserve")  # a cut may leave a leading/trailing space Word would drop
        if not keep:
            r.remove(el)


def _split(r: Any, k: int) -> Any:
    """Cut run ``r`` after ``k`` characters; ``r`` keeps the left part, the returned new run the rest."""
    right = copy.deepcopy(r)
    _trim(r, 0, k)
    _trim(right, k, None)
    r.addnext(right)
    return right


def _isolate(p: Any, evidence: str) -> tuple[list[Any], bool] | None:
    """The runs of ``p`` holding ``evidence`` (split as needed) and whether they hold exactly it; ``None`` if absent."""
    runs = _runs(p)
    texts = [_run_text(r) for r in runs]
    full = "".join(texts)
    if nfc(full) != full:  # offsets of the NFC evidence do not map onto NFD runs: let the caller fall back
        return None
    found = find_evidence(full, evidence)
    if found is None:
        return None
    start, end = found
    out: list[Any] = []
    exact = True
    pos = 0
    for r, t in zip(runs, texts, strict=True):
        a, b = pos, pos + len(t)
        pos = b
        if b <= start or a >= end or a == b:
            continue
        if set(ch.tag for ch in r) - _SPLITTABLE:  # cannot cut it: anchor the whole run, slightly wider
            out.append(r)
            exact = exact and start <= a and b <= end
            continue
        if end < b:
            _split(r, end - a)
        if a < start:
            r = _split(r, start - a)
        out.append(r)
    return (out, exact) if out else None


def _whole(paragraphs: Sequence[Any]) -> list[Any]:
    """First to last text run of these paragraphs; an empty paragraph gets an empty run to hold the mark."""
    runs = [r for p in paragraphs for r in _runs(p) if _run_len(r)] or [r for p in paragraphs for r in _runs(p)]
    if not runs:
        runs = [paragraphs[0].add_r()]
    return [runs[0], runs[-1]]


# --- placing and writing the comments -------------------------------------------------------------------------

@dataclass
class AnnotateStats:
    comments: int = 0
    exact: int = 0  # anchored on exactly the quoted words


class _Placer:
    def __init__(self, document: DocxDocument, plan: Plan | None, layout: BodyLayout) -> None:
        body = document.element.body
        self.document = document
        self.story = _Story.of(body, layout)
        self.all_paragraphs = [p for p in body.iter(_P) if not any(a.tag == _TXBX for a in p.iterancestors())]
        self.texts = contexts(plan)

    def _candidates(self, loc: Location) -> list[list[Any]]:
        if loc.origin not in (None, "body"):
            return []
        found: list[list[Any]] = []
        if loc.table is not None:
            cell = self.story.cell(loc.table, loc.row, loc.column)
            if cell is not None:
                found.append(cell)
        elif loc.paragraph is not None and 0 <= loc.paragraph < len(self.story.paragraphs):
            found.append(self.story.paragraphs[loc.paragraph])
        # When the plan says what text is at the location, prefer the candidate that holds it.
        expected = self.texts.get(context_key(loc), "")
        if expected:
            found.sort(key=lambda ps: _squash(expected) not in _squash("".join(_text(p) for p in ps)))
        return found

    def place(self, f: Finding) -> tuple[list[Any], bool]:
        """Runs to anchor ``f`` on, and whether they hold exactly its evidence."""
        candidates = self._candidates(f.location)
        for paragraphs in candidates:
            for p in paragraphs:
                found = _isolate(p, f.evidence)
                if found:
                    return found
        if candidates:
            return _whole(candidates[0]), False
        if f.location.origin in (None, "body"):  # no usable location: the words themselves may be found
            for p in self.all_paragraphs:
                found = _isolate(p, f.evidence)
                if found:
                    return found
        first = (self.story.paragraphs[0] if self.story.paragraphs else None) or self.all_paragraphs[:1]
        if not first:
            first = [self.document.add_paragraph()._p]
        return _whole(first), False


def _text(p: Any) -> str:
    return "".join(_run_text(r) for r in _runs(p))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", nfc(text))


def comment_text(f: Finding, lang: str, exact: bool = True, places: Places | None = None) -> str:
    """Code, severity and message; the fix; and, when not anchored on the words, the quote and the place."""
    lines = [f"{f.code} ({w.severity(f.severity.value, lang).lower()}): {f.message.get(lang)}"]
    if f.suggestion:
        lines.append(f"{w.word('how_to_fix', lang)}: {f.suggestion.get(lang)}")
    if not exact and f.evidence:
        where = (places or Places()).describe(f.location, lang)
        lines.append(f"{w.word('quote', lang)}: “{f.evidence}”" + (f" ({where})" if where else ""))
    return xml_text("\n".join(lines))


_ids_lock = threading.Lock()
_ids_users = 0
_next_ids: dict[Any, int] = {}
_original_next_id: list[Any] = [None]


@contextmanager
def _sequential_comment_ids() -> Iterator[None]:
    """Number new comments by counting instead of python-docx's scan of every comment's id.

    python-docx gives each new comment ``max(existing ids) + 1``, reading all ids each time: n comments
    cost n² steps (5,000 comments took a minute). While this is active, the first new comment of a
    comments part reads the ids once, bounded (an id that is not a short number is skipped), and each
    next one counts on. Safe across threads (the review desk annotates in a thread pool): the counter is
    per comments part, and the method is restored when the last user leaves.
    """
    global _ids_users
    from docx.oxml.comments import CT_Comments

    with _ids_lock:
        if _ids_users == 0:
            _next_ids.clear()
            _original_next_id[0] = CT_Comments._next_available_comment_id
            CT_Comments._next_available_comment_id = _counted_next_id
        _ids_users += 1
    try:
        yield
    finally:
        with _ids_lock:
            _ids_users -= 1
            if _ids_users == 0:
                CT_Comments._next_available_comment_id = _original_next_id[0]
                _next_ids.clear()


def _counted_next_id(comments: Any) -> int:
    with _ids_lock:
        if comments not in _next_ids:
            ids = [v for v in comments.xpath("./w:comment/@w:id") if v.isascii() and v.isdigit() and len(v) < 10]
            _next_ids[comments] = max(map(int, ids), default=-1) + 1
        else:
            _next_ids[comments] += 1
        return _next_ids[comments]


def annotate_docx(source: str, target: str, findings: Sequence[Finding], lang: str = "vi",
                  plan: Plan | None = None, writer: SafeWriter | None = None, force: bool = True) -> AnnotateStats:
    """Write ``target``: ``source`` with one Word comment per finding (``source`` is only read).

    ``writer`` knows every input of the run (default: ``source`` alone) and refuses to write onto one.
    """
    import docx
    from docx.text.run import Run

    from kclint.readers import read_bounded
    from kclint.readers.convert import as_docx
    from kclint.readers.docx import body_layout

    writer = writer or SafeWriter([source])
    writer.check(target, force)  # the CLI checks this too; the library must not be able to do it either
    # The reader's .docx of the plan (a .docm without its macros, a .doc converted), and where its
    # blocks are: comments go where the reader's locations point.
    package = as_docx(read_bounded(source), source)
    document = docx.Document(io.BytesIO(package.data))
    placer = _Placer(document, plan, body_layout(package))
    places = Places.of(plan, (f.location for f in findings)) if plan else Places()
    stats = AnnotateStats()
    same = repeats(findings)
    first_of = {id(g): group[0] for group in same.values() for g in group}
    with _sequential_comment_ids():
        for f in findings:
            runs, exact = placer.place(f)
            first = first_of[id(f)]
            # One full comment per identical finding; its repeats point to it (15 'Hàng năm' are one remark).
            see = w.word("see_comment", lang).format(where=places.describe(first.location, lang))
            text = comment_text(f, lang, exact, places) if first is f else xml_text(f"{f.code}: ({see})")
            document.add_comment([Run(r, document) for r in runs], text=text, author=AUTHOR, initials=INITIALS)
            stats.comments += 1
            stats.exact += exact
    writer.write(target, document.save, force, make_folders=True)
    return stats
