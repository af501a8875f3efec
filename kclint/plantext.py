"""How plans write their recurring marks, defined once for the parser that reads them and the rules that quote them.

* ``clean``: conversion debris (HTML tags, ``[bookmark: ...]``, markdown emphasis) and runs of
  spaces out, for matching only; evidence keeps the text as written.
* ``CRITERION`` and ``STANDARD``: a ``Tiêu chí 1.2: ...`` or ``Tiêu chuẩn 3: ...`` heading, after
  an optional list mark (``1.2.``, ``a)``, a bullet).
* ``level_group``: a group row or heading that gathers criteria by level (``Mức 2``, ``MỨC 1, 2, 3``).
* Section numbers: Roman numerals and the position of a label within its list.
* ``schedule_task_start``: where the task of a schedule line begins (``- Tháng 3/2026: Tổ chức ...``).
"""

from __future__ import annotations

import re

from kclint.textnorm import fold

_DEBRIS = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>|\[bookmark:[^\]]*\]|\*{2,}|(?<!\w)\*(?=\s)")
_SPACES = re.compile(r"[ \t\u00a0]+")


def clean(text: str) -> str:
    """Text without conversion debris and with single spaces (for matching, never for quoting)."""
    if not ("<" in text or "*" in text or "[bookmark:" in text or "  " in text or "\t" in text or "\xa0" in text):
        return text.strip()  # nothing for the patterns to change: the common case, without two regex passes
    return _SPACES.sub(" ", _DEBRIS.sub(" ", text)).strip()


# What may stand before a heading or a label: its own number ('1.2.'), a list letter ('a)'), a bullet.
LIST_MARK = r"(?:\d{1,2}(?:\.\d{1,2})*\.?\s*|[a-zđ]\s*[).]\s+|[-+*•–]\s*)"
CRITERION = re.compile(
    r"^" + LIST_MARK + r"?Tiêu\s+chí\s+(?P<id>\d{1,2}\.\d{1,2})\b\s*[:.\-–]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
STANDARD = re.compile(r"^" + LIST_MARK + r"?Tiêu\s+chuẩn\s+(?P<n>\d{1,2})\b\s*[:.\-–]?\s*(?P<title>.*)$",
                      re.IGNORECASE)

# 'Mức 2', 'MỨC 1, 2, 3', 'Mức độ 3:', 'Mức 2 và 3' on its own: the text is the whole row or heading.
_LEVEL_GROUP = re.compile(r"^mức\s*(?:độ\s*)?\d(?:\s*(?:,|;|và|&)\s*\d)*\s*:?$")


def level_group(text: str) -> tuple[int, ...] | None:
    """The levels a group row or heading names ('Mức 2' -> (2,), 'MỨC 1, 2, 3' -> (1, 2, 3)); None otherwise."""
    key = fold(clean(text))
    if not _LEVEL_GROUP.match(key):
        return None
    return tuple(int(d) for d in re.findall(r"\d", key))


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def roman_value(label: str) -> int:
    """'XIV' -> 14 (letters I, V and X only, as plans number their parts)."""
    total = 0
    for i, ch in enumerate(label):
        v = _ROMAN_VALUES[ch]
        nxt = _ROMAN_VALUES[label[i + 1]] if i + 1 < len(label) else 0
        total += -v if v < nxt else v
    return total


def to_roman(n: int) -> str:
    """14 -> 'XIV'."""
    out = ""
    for value, sym in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


def ordinal(scheme: str, label: str) -> int:
    """Position of a section label within its list: III -> 3, C -> 3, 4 -> 4, 1.2 -> 2."""
    if scheme == "roman":
        return roman_value(label)
    if scheme == "letter":
        return "ABCDEFGHIJKLMNOPQRSTUVWXYZ".find(label) + 1 if label != "Đ" else 5
    return int(label.split(".")[-1])


# A schedule line: the date opens the line (only a list mark before it), then an optional bracket, a colon or a
# dash, then the task ('- Tháng 3/2026: Tổ chức ...', '+ Tuần 2 tháng 11/2025 (từ 10/11) – Họp hội đồng').
_SCHEDULE_HEAD = re.compile(r"^[\s\-–+•*·▪○●\d.)]*$")
_SCHEDULE_TAIL = re.compile(r"\s*(?:\([^()]{0,60}\))?\s*[:–—-]\s*(?=\w)")


def schedule_task_start(line: str, date_start: int, date_end: int) -> int | None:
    """Where the task begins when the date at ``line[date_start:date_end]`` opens a schedule line, else None."""
    if not _SCHEDULE_HEAD.match(line[:date_start]):
        return None
    tail = _SCHEDULE_TAIL.match(line, date_end)
    return tail.end() if tail else None
