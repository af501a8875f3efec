"""Text from plans and file names made safe to show a person: nothing in it can drive the terminal or the page.

A plan (or a file name) may carry control characters: a text export with form feeds and NULs, or a crafted
file with escape sequences that clear the screen, retitle the window or write the clipboard (OSC 52). Every
human renderer shows such characters as visible pictures instead (``ESC [2J`` -> ``␛[2J``), and every output
replaces what UTF-8 cannot encode (a file name that is not valid UTF-8, read as lone surrogates) by U+FFFD.
XML outputs (JUnit, Word comments) show them the same way.
"""

from __future__ import annotations

import re

# C0 controls (tab and newline are kept where asked), DEL, and C1 controls (0x9B is a one-character CSI).
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_CONTROL_NO_NEWLINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_XML_INVALID = re.compile("[\ufffe\uffff]")


def _picture(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟, ␛ for ESC
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\u241b" + chr(code - 0x40)  # a C1 control is ESC + a letter in 7 bits: CSI (0x9B) -> '␛['


def encodable(text: str) -> str:
    """``text`` with lone surrogates (undecodable bytes of a file name) replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def visible(text: str, newlines: bool = True) -> str:
    """``text`` with every control character shown as a picture (tabs kept; newlines kept when ``newlines``)."""
    text = encodable(text)
    return (_CONTROL_NO_NEWLINE if newlines else _CONTROL).sub(_picture, text)


def has_control(text: str) -> bool:
    """Does ``text`` hold a control character other than tab and newline?"""
    return _CONTROL_NO_NEWLINE.search(text) is not None


def xml_text(text: str) -> str:
    """``text`` for XML outputs (JUnit, Word comments), read by people: controls shown as pictures (XML 1.0 cannot
    hold most of them anyway), and the two non-characters XML forbids dropped."""
    return _XML_INVALID.sub("", visible(text))
