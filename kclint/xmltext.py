"""Document text made safe for XML outputs (JUnit, Word comments)."""

from __future__ import annotations

import re

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (a text export may carry form feeds, NULs)."""
    return _XML_INVALID.sub("", text)
