"""The layout matrix: each case of ``cases/*.toml`` written in each layout of its slot, as ``.txt`` and ``.docx``,
run through the real pipeline (``kclint.pipeline.check_file``).

A case is a defective fact and its corrected twin. For every (case, layout, format):

* ``defect`` — the plan with the fact must draw a finding with the case's ``code`` (``expect_kind``, for a
  capability no rule has yet) whose evidence quotes the fact: it contains one of the case's ``evidence``
  strings, or is a part of one of them of 2 characters or more. By default the evidence strings are the
  defect-side values that differ from the twin; ``absence = true`` (something missing) needs the code only;
* ``twin`` — the corrected plan must draw no error and no warning at all.

Cases kclint fails today are listed in ``xfail.txt`` (one test id a line, the observed reason after ``#``);
the tests mark them ``xfail(strict=True, reason="issue 15")``, so a case that starts passing fails loudly
until its line is removed.

    python tests/matrix/harness.py            # run the matrix, print a summary of failures by family
    python tests/matrix/harness.py --table    # and a grid: one line per case, one column per layout
    python tests/matrix/harness.py --record   # rewrite xfail.txt from a run
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import re
import sys
import tempfile
import unicodedata
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
if __name__ == "__main__":
    sys.path[:0] = [str(HERE.parent)]

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

from corpus import planfmt  # noqa: E402

from kclint.engine import RunOptions  # noqa: E402
from kclint.pipeline import check_file  # noqa: E402
from matrix import layouts  # noqa: E402

TODAY = dt.date(2026, 11, 24)
FORMATS = ("txt", "docx")
VARIANTS = ("defect", "twin")
XFAIL_FILE = HERE / "xfail.txt"


@dataclass(frozen=True)
class Test:
    family: str
    case: str
    layout: str
    fmt: str
    variant: str

    @property
    def id(self) -> str:
        return f"{self.family}:{self.case}:{self.layout}:{self.fmt}:{self.variant}"


def load_cases() -> dict[tuple[str, str], dict]:
    out: dict[tuple[str, str], dict] = {}
    for path in sorted((HERE / "cases").glob("*.toml")):
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        family = path.stem
        for case in data["case"]:
            key = (family, case["id"])
            if key in out:
                raise ValueError(f"{path.name}: duplicate case id {case['id']}")
            slot = case["slot"]
            for item in case.get("items", [case["item"]] if "item" in case else []):
                unknown = set(item) - layouts.ITEM_FIELDS
                if unknown:
                    raise ValueError(f"{path.name}:{case['id']}: unknown item fields {sorted(unknown)}")
            bad = set(case.get("layouts", ())) - set(layouts.SLOTS[slot])
            if bad:
                raise ValueError(f"{path.name}:{case['id']}: unknown layouts {sorted(bad)} for slot {slot}")
            out[key] = case
    return out


def tests() -> list[Test]:
    return [Test(family, cid, layout, fmt, variant)
            for (family, cid), case in load_cases().items()
            for layout in case.get("layouts", layouts.SLOTS[case["slot"]])
            for fmt in case.get("formats", FORMATS) for variant in VARIANTS]


def norm(s: str) -> str:
    s = unicodedata.normalize("NFC", s or "").casefold()
    return re.sub(r"\s+", " ", s).strip(" .,;:-–*")


def evidence_strings(case: dict, layout: str) -> list[str]:
    """What a finding on the defect must quote: the case's ``evidence``, else the defect-side values that
    differ from the twin (for a numbering case: the element after the gap)."""
    if "evidence" in case:
        ev = case["evidence"]
        return [ev] if isinstance(ev, str) else list(ev)
    if case["slot"] == "numbering":
        return layouts.numbering_evidence(layouts.resolved(case, clean=False), layout)
    out: list[str] = []

    def walk(v: object) -> None:
        if isinstance(v, dict) and set(v) == {"defect", "clean"}:
            d, c = v["defect"], v["clean"]
            if isinstance(d, list):
                c_set = set(c) if isinstance(c, list) else set()
                out.extend(str(x) for x in d if x not in c_set)
            elif isinstance(d, dict):
                out.extend(str(x) for k, x in d.items() if not isinstance(c, dict) or c.get(k) != x)
            elif d:
                out.append(str(d))
            return
        if isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    walk(case)
    # A 'label: value' line is split into two cells by the table layouts: the value alone is a quote too.
    out += [x.split(": ", 1)[1] for x in out if ": " in x]
    # A target 'Đạt Mức 3' is written 'cần đạt: Mức 3' inside a criterion cell.
    out += [m.group() for x in out if (m := re.search(r"Mức [0-9IV]+$", x)) and m.group() != x]
    return [x for x in out if x.strip()]


def quotes(finding: Seen, evidence: list[str]) -> bool:
    """The finding (already of the expected code) quotes the fact: score.py's rule for a finding of the same
    kind, so a quote of two characters ('Số') inside the evidence counts."""
    if finding.evidence and not norm(finding.evidence):  # a quote of invisible characters only: compare as is
        return any(finding.evidence in e for e in evidence)
    v = norm(finding.evidence)
    for e in map(norm, evidence):
        if (e and e in v and len(v) <= max(400, 4 * len(e))) or (len(v) >= 2 and v in e):
            return True
    return False


@dataclass(frozen=True)
class Seen:
    """What the tests need of a finding (picklable, for the worker processes)."""

    code: str
    kind: str
    severity: str
    evidence: str


Key = tuple[str, str, str, str, bool]  # family, case, layout, format, clean
_SEEN: dict[Key, tuple[Seen, ...] | str] = {}


def _run(key: Key) -> tuple[Seen, ...] | str:
    """The findings on one side of one case in one layout and format, or why the file could not be checked."""
    family, cid, layout, fmt, clean = key
    plan = layouts.render(load_cases_cached()[(family, cid)], layout, clean)
    data = planfmt.render_txt(plan).encode("utf-8") if fmt == "txt" else planfmt.render_docx(plan, stable=False)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"plan.{fmt}"
        path.write_bytes(data)
        result = check_file(str(path), RunOptions(today=TODAY), timeout=None)
    if result.error is not None:
        return f"unreadable: {result.error}"
    return tuple(Seen(f.code, f.kind, f.severity.value, f.evidence) for f in result.findings)


def precompute(keys: list[Key]) -> None:
    """Check many plans at once on every core (forked workers share the loaded cases and catalogs)."""
    todo = [k for k in dict.fromkeys(keys) if k not in _SEEN]
    jobs = min(os.cpu_count() or 1, 8)
    if jobs > 1 and len(todo) > 40 and "fork" in multiprocessing.get_all_start_methods():
        load_cases_cached()
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            _SEEN.update(zip(todo, pool.map(_run, todo, chunksize=16), strict=True))
    else:
        _SEEN.update((k, _run(k)) for k in todo)


def findings(key: Key) -> tuple[Seen, ...]:
    if key not in _SEEN:
        _SEEN[key] = _run(key)
    seen = _SEEN[key]
    if isinstance(seen, str):
        raise AssertionError(f"{':'.join(map(str, key))}: {seen}")
    return seen


def key(t: Test, clean: bool | None = None) -> Key:
    return (t.family, t.case, t.layout, t.fmt, t.variant == "twin" if clean is None else clean)


@cache
def load_cases_cached() -> dict[tuple[str, str], dict]:
    return load_cases()


def _brief(f: Seen) -> str:
    return f"{f.code} {f.severity} {f.evidence[:60]!r}"


def outcome(t: Test) -> str | None:
    """None when the test passes, else why it fails (one line)."""
    case = load_cases_cached()[(t.family, t.case)]
    fs = findings(key(t))
    if t.variant == "twin":
        loud = [f for f in fs if f.severity in ("error", "warning")]
        return "twin: " + "; ".join(_brief(f) for f in loud[:4]) if loud else None
    want = case.get("code") or case["expect_kind"]
    same = [f for f in fs if want in (f.code, f.kind)]
    if same and case.get("absence"):
        return None
    if any(quotes(f, evidence_strings(case, t.layout)) for f in same):
        return None
    if same:
        return f"{want} quotes other words: " + "; ".join(repr(f.evidence[:60]) for f in same[:2])
    return f"no {want}"


def read_xfail() -> dict[str, str]:
    if not XFAIL_FILE.exists():
        return {}
    out = {}
    for line in XFAIL_FILE.read_text(encoding="utf-8").splitlines():
        tid, _, why = line.partition("#")
        if tid.strip():
            out[tid.strip()] = why.strip()
    return out


HEADER = """\
# Matrix tests kclint fails today (issue 15): one test id a line, family:case:layout:format:variant,
# with the reason seen when it was recorded. The tests are xfail(strict=True): when kclint learns a
# case, its test fails with XPASS; then delete its line here. Regenerate: python tests/matrix/harness.py --record
"""


def _grid(all_tests: list[Test], failed: dict[str, str]) -> str:
    """'.' passes in both formats; 'D' the defect is missed, 'T' the twin draws an error or warning, 'DT' both
    (lower case: in one format only)."""
    cells: dict[tuple[str, str], dict[str, int]] = {}
    for t in all_tests:
        c = cells.setdefault((f"{t.family}:{t.case}", t.layout), {"D": 0, "T": 0})
        c["D" if t.variant == "defect" else "T"] += t.id in failed
    out = []
    for case in dict.fromkeys(k for k, _ in cells):
        marks = []
        for (k, lay), c in cells.items():
            if k == case:
                mark = "".join(x if n == 2 else x.lower() for x, n in c.items() if n) or "."
                marks.append(f"{lay}={mark}")
        out.append(f"{case:62s} " + " ".join(marks))
    return "\n".join(out)


def main() -> int:
    record = "--record" in sys.argv
    failed: dict[str, str] = {}
    all_tests = tests()
    precompute([key(t) for t in all_tests])
    for t in all_tests:
        why = outcome(t)
        if why is not None:
            failed[t.id] = why
    if record:
        XFAIL_FILE.write_text(HEADER + "".join(f"{tid}  # {why}\n" for tid, why in failed.items()),
                              encoding="utf-8")
    by_family: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for t in all_tests:
        totals[t.family] += 1
        by_family[t.family] += t.id in failed
    if "--table" in sys.argv:
        print(_grid(all_tests, failed))
    for fam in sorted(totals):
        print(f"  {fam:13s} {totals[fam] - by_family[fam]:4d}/{totals[fam]:4d} pass")
    print(f"matrix: {len(all_tests)} tests, {len(failed)} failing")
    return 0


if __name__ == "__main__":
    sys.exit(main())
