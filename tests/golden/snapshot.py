"""Golden JSON reports: what ``kclint check --format json`` says of every sample plan, kept to catch drift.

Refactors and speed work must not change findings; rule work changes them on purpose. Our own plans
(``examples/``, ``tests/data/``) are kept as full JSON so a diff shows what changed. The annotated plans in
``../shared`` are not ours to copy, so only a SHA-256 of each report is kept for them.

    python tests/golden/snapshot.py            # compare, print what differs (exit 1 on a difference)
    python tests/golden/snapshot.py --update   # rewrite the golden files after an intended change
    python tests/golden/snapshot.py --dump DIR # write every report in full to DIR (outside the repository)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
GOLDEN = Path(__file__).resolve().parent
TODAY = "2026-11-24"
OWN_DIRS = (REPO / "examples", REPO / "tests" / "data")
SHARED_DIRS = (SHARED / "seeds", SHARED / "dev")
SUFFIXES = (".docx", ".txt", ".md")


def plans(dirs: tuple[Path, ...]) -> list[Path]:
    return sorted(p for d in dirs if d.is_dir() for p in d.iterdir() if p.suffix in SUFFIXES and p.is_file())


def report(path: Path) -> str:
    """The JSON report of one plan, as the CLI prints it, run from the plan's folder (relative path)."""
    from click.testing import CliRunner

    from kclint.cli import main

    cwd = os.getcwd()
    os.chdir(path.parent)
    try:
        result = CliRunner().invoke(main, ["check", path.name, "--format", "json", "--today", TODAY,
                                           "--fail-on", "never", "--no-color"])
    finally:
        os.chdir(cwd)
    if result.exit_code != 0:
        raise RuntimeError(f"{path}: exit {result.exit_code}: {result.output}")
    return result.stdout


def _key(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def current() -> tuple[dict[str, str], dict[str, str]]:
    own = {_key(p): report(p) for p in plans(OWN_DIRS)}
    shared = {_key(p): hashlib.sha256(report(p).encode()).hexdigest() for p in plans(SHARED_DIRS)}
    return own, shared


def stored() -> tuple[dict[str, str], dict[str, str]]:
    own = {f"{p.stem.split('__')[0]}/{p.stem.split('__')[1]}": p.read_text(encoding="utf-8")
           for p in sorted((GOLDEN / "own").glob("*.json"))}
    shared_file = GOLDEN / "shared.sha256.json"
    shared = json.loads(shared_file.read_text(encoding="utf-8")) if shared_file.exists() else {}
    return own, shared


def differences() -> list[str]:
    (own, shared), (own0, shared0) = current(), stored()
    out = [f"own {k}: report changed" for k in sorted(own.keys() | own0.keys()) if own.get(k) != own0.get(k)]
    if SHARED.is_dir():
        out += [f"shared {k}: report changed" for k in sorted(shared.keys() | shared0.keys())
                if shared.get(k) != shared0.get(k)]
    return out


def update() -> None:
    own, shared = current()
    own_dir = GOLDEN / "own"
    own_dir.mkdir(exist_ok=True)
    for old in own_dir.glob("*.json"):
        old.unlink()
    for key, text in own.items():
        folder, name = key.split("/")
        (own_dir / f"{folder}__{name}.json").write_text(text, encoding="utf-8")
    if SHARED.is_dir():
        (GOLDEN / "shared.sha256.json").write_text(json.dumps(shared, indent=1, sort_keys=True) + "\n",
                                                   encoding="utf-8")


def dump(folder: Path) -> None:
    if folder.resolve().is_relative_to(REPO):
        sys.exit("--dump writes outside the repository: the shared plans' text is not ours to commit")
    folder.mkdir(parents=True, exist_ok=True)
    for p in plans(OWN_DIRS + SHARED_DIRS):
        (folder / f"{p.parent.name}__{p.name}.json").write_text(report(p), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--dump", type=Path)
    args = ap.parse_args()
    if args.dump:
        dump(args.dump)
    elif args.update:
        update()
    else:
        diff = differences()
        print("\n".join(diff) or "golden reports unchanged")
        sys.exit(1 if diff else 0)


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main()
