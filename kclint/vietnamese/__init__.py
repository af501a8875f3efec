"""Vietnamese text quality, by concern.

- :mod:`~kclint.vietnamese.grammar`: the syllable grammar (onset, rhyme, tone, placement) and case helpers;
- :mod:`~kclint.vietnamese.replay`: Telex/VNI typing replay and one-slip orthographic repairs;
- :mod:`~kclint.vietnamese.legacy`: legacy encodings (TCVN3/ABC, VNI font, UTF-8 read as Windows-1252);
- :mod:`~kclint.vietnamese.check`: the per-paragraph pipeline, ``check_text`` and its ``Issue``;
- :mod:`~kclint.vietnamese.names`: whole-plan checks (appendix boundary, tone-placement conflicts, names);
- :mod:`~kclint.vietnamese.capitals`: the capitals of catalogued agency and organisation names.

Pure functions over strings; the data are in ``catalogs/``.
"""

from kclint.vietnamese.check import Issue, check_text, is_heading, iter_issues, safe_replacement
from kclint.vietnamese.grammar import Syllable, compose, is_valid_syllable, parse_syllable, tone_style
from kclint.vietnamese.legacy import legacy_decode
from kclint.vietnamese.names import (
    NameOccurrence,
    NameVariant,
    PlacementConflict,
    appendix_start,
    given_name_slip,
    name_variants,
    placement_conflicts,
    same_person,
)
from kclint.vietnamese.replay import repair_candidates, telex_candidate, vni_candidate

__all__ = [
    "Issue",
    "NameOccurrence",
    "NameVariant",
    "PlacementConflict",
    "Syllable",
    "appendix_start",
    "check_text",
    "compose",
    "given_name_slip",
    "is_heading",
    "is_valid_syllable",
    "iter_issues",
    "legacy_decode",
    "name_variants",
    "parse_syllable",
    "placement_conflicts",
    "repair_candidates",
    "safe_replacement",
    "same_person",
    "telex_candidate",
    "tone_style",
    "vni_candidate",
]
