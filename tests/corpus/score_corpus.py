"""Score kclint on this corpus in-process, the way ``../shared/tools/score.py`` does, without needing ../shared.

    python tests/corpus/score_corpus.py          # recall per category, then one line per plan
    python tests/corpus/score_corpus.py -v       # also every miss and every unmatched error/warning

A finding matches an annotated defect when both are of the same category and (for the defects about
something missing) of the same kind, or when its quote and the annotated evidence overlap: one contains the
other (a quote of 3 characters or more inside the evidence, or the evidence inside a quote at most four times
as long, 400 characters allowed), a short quote of the same kind inside the evidence, or half of their words in
common. Each ``.docx`` and ``.txt`` is scored against the same annotation; extras on a ``_clean`` twin are
false alarms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from kclint.engine import RunOptions
from kclint.model import Finding
from kclint.pipeline import check_file

HERE = Path(__file__).resolve().parent
TODAY = dt.date(2026, 11, 24)
_ABSENT = ("missing_number", "missing_issue_date", "missing_recipients", "missing_signer", "missing_title",
           "missing_part")


def _norm(s: str) -> str:
    s = re.sub(r"\s+", " ", unicodedata.normalize("NFC", s or "").casefold())
    return s.strip(" .,;:-–*")


def _words(s: str) -> set[str]:
    return set(re.findall(r"\w+", _norm(s)))


def matches(defect: dict, f: Finding) -> bool:
    kind = defect["kind"]
    if kind.split(".")[0] != (f.kind or f.category).split(".")[0]:
        return False
    if kind.endswith(_ABSENT) or not defect["evidence"]:
        return f.kind == kind
    e, v = _norm(defect["evidence"]), _norm(f.evidence)
    if not v:
        return False
    if (len(v) >= 3 and v in e) or (e in v and len(v) <= max(400, 4 * len(e))):
        return True
    if f.kind == kind and len(v) >= 2 and v in e:
        return True
    we, wv = _words(e), _words(v)
    return bool(we and wv) and len(we & wv) * 2 >= len(we | wv)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", action="store_true")
    a = ap.parse_args()
    expected, found = Counter(), Counter()
    rows, notes = [], []
    for ej in sorted(HERE.glob("*.expected.json")):
        name = ej.name.removesuffix(".expected.json")
        defects = json.loads(ej.read_text(encoding="utf-8"))["defects"]
        for ext in ("docx", "txt"):
            doc = ej.with_name(f"{name}.{ext}")
            if not doc.exists():
                continue
            result = check_file(str(doc), RunOptions(today=TODAY))
            if result.error is not None:
                notes.append(f"  {doc.name}: unreadable: {result.error}")
                continue
            used: set[int] = set()
            hit = 0
            for d in defects:
                cat = d["kind"].split(".")[0]
                expected[cat] += 1
                idx = [i for i, f in enumerate(result.findings) if matches(d, f)]
                if idx:
                    found[cat] += 1
                    hit += 1
                    used.update(idx)
                elif a.v:
                    notes.append(f"  {doc.name}: MISS {d['kind']}: {d['evidence'][:70]!r}")
            loud = [f for i, f in enumerate(result.findings)
                    if i not in used and f.severity.value in ("error", "warning")]
            if a.v:
                notes += [f"  {doc.name}: EXTRA {f.code} {f.severity.value}: {f.evidence[:70]!r}" for f in loud]
            rows.append((doc.name, hit, len(defects), len(loud)))
    print("\n".join(notes))
    for cat in sorted(expected):
        print(f"  {cat:13s} {found[cat]:3d}/{expected[cat]:3d}")
    total, hits = sum(expected.values()), sum(found.values())
    print(f"recall {hits}/{total} = {hits / total:.1%}" if total else "no annotated defects")
    for doc, hit, n, loud in rows:
        label = "false alarms" if "_clean." in doc else "unmatched errors/warnings"
        print(f"  {doc:42s} found {hit:2d}/{n:2d}   {label}: {loud}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
