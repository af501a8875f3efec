"""The corpus files are what their sources say: rebuilt in memory, every file equals the one on disk, every
annotated defect quotes words that are in its plan, and each clean twin differs from its plan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus import planfmt

HERE = Path(__file__).resolve().parent
SOURCES = sorted((HERE / "src").glob("*.toml"))


@pytest.mark.parametrize("src", SOURCES, ids=[p.stem for p in SOURCES])
def test_built_files_match_their_source(src: Path) -> None:
    stale = [name for name, data in planfmt.outputs(src).items()
             if not (HERE / name).exists() or (HERE / name).read_bytes() != data]
    assert not stale, f"run `python tests/corpus/build.py`: out of date {stale}"


@pytest.mark.parametrize("src", SOURCES, ids=[p.stem for p in SOURCES])
def test_annotations_fit_the_plan(src: Path) -> None:
    data = planfmt.load(src)
    exp = planfmt.expected(data)  # raises when a marker has no defect, or an evidence is not in the plan
    assert 8 <= len(exp["defects"]) <= 20, f"{src.name}: {len(exp['defects'])} defects"
    assert planfmt.render_txt(planfmt.build_plan(data, clean=True)) != planfmt.render_txt(
        planfmt.build_plan(data, clean=False))
    kinds = json.loads((HERE / f"{src.stem}.expected.json").read_text(encoding="utf-8"))["defects"]
    assert [d["kind"] for d in kinds] == [d["kind"] for d in exp["defects"]]


def test_readme_lists_every_plan() -> None:
    from corpus import build

    assert build.README.read_text(encoding="utf-8") == build.readme(), "run `python tests/corpus/build.py`"
