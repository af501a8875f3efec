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


def sources() -> list[Path]:
    return sorted((HERE / "src").glob("*.toml"))


def stale() -> list[str]:
    out = []
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
