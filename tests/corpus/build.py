"""Build the corpus: every ``src/NAME.toml`` becomes NAME(.txt|.docx|.expected.json) and its ``_clean`` twin.

    python tests/corpus/build.py           # (re)write the files beside this script
    python tests/corpus/build.py --check   # exit 1 if a built file differs from its source
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]  # planfmt, and plan_docx beside the tests

import planfmt  # noqa: E402

README = HERE / "README.md"
_START, _END = "<!-- plans:start (python tests/corpus/build.py writes this part) -->", "<!-- plans:end -->"
_LEVELS = {"mam_non": "mầm non", "tieu_hoc": "tiểu học", "thcs": "THCS", "thpt": "THPT", "nhieu_cap": "nhiều cấp học"}
_KINDS = {"improvement": "KHCTCL (cải tiến chất lượng)", "self_assessment": "kế hoạch tự đánh giá",
          "testing_accreditation": "kế hoạch khảo thí và kiểm định"}


def sources() -> list[Path]:
    return sorted((HERE / "src").glob("*.toml"))


def plans_section() -> str:
    """The README's list of plans, from the sources: what each one is and which defects it holds."""
    rows = ["| plan | level | kind | period | issued | defects |", "|---|---|---|---|---|---|"]
    details = []
    for path in sources():
        src = planfmt.load(path)
        exp = planfmt.expected(src)
        level = _LEVELS[src["school_level"]]
        rows.append(f"| `{path.stem}` | {level} | {_KINDS[src['kind']]} | {src['period']} | {src['issue_date']} "
                    f"| {len(exp['defects'])} |")
        defects = "\n".join(f"  - `{d['kind']}`: {d['evidence'] or '(absent)'!r}" for d in exp["defects"])
        details.append(f"### `{path.stem}`\n\n- catalog: `{src['catalog']}`\n- layout: {src['layout']}\n"
                       f"- phrasings: {src['phrasings']}\n- defects:\n{defects}\n")
    return "\n".join([_START, "", *rows, "", *details, _END])


def readme() -> str:
    text = README.read_text(encoding="utf-8")
    head, _, rest = text.partition(_START)
    _, _, tail = rest.partition(_END)
    return head + plans_section() + tail


def stale() -> list[str]:
    out = [] if README.read_text(encoding="utf-8") == readme() else ["README.md"]
    for src in sources():
        for name, data in planfmt.outputs(src).items():
            target = HERE / name
            if not target.exists() or target.read_bytes() != data:
                out.append(name)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    if a.check:
        bad = stale()
        for name in bad:
            print(f"out of date: {name}")
        return 1 if bad else 0
    for src in sources():
        for name, data in planfmt.outputs(src).items():
            target = HERE / name
            if not target.exists() or target.read_bytes() != data:
                target.write_bytes(data)
                print(f"wrote {name}")
    if README.read_text(encoding="utf-8") != readme():
        README.write_text(readme(), encoding="utf-8")
        print("wrote README.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
