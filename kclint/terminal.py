"""Whether a stream is a person's terminal, and whether kclint may colour it: one answer for every command.

Colour follows the conventions people set once in their shell: ``--no-color``, then ``NO_COLOR``
(https://no-color.org: set and not empty, no colour), then ``FORCE_COLOR`` (https://force-color.org: set
and not empty, colour even into a pipe, e.g. for ``less -R``), then whether the stream is a terminal.
rich's ``Console`` reads the same two variables; kclint decides here so that its plain-text layout (no
box drawing, a fixed width) follows the same answer.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TextIO


def is_terminal(stream: TextIO | None) -> bool:
    """Is ``stream`` a terminal (a closed or odd stream is not)?"""
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def wants_color(stream: TextIO | None, no_color: bool = False, environ: Mapping[str, str] | None = None) -> bool:
    """Colour for output written to ``stream``, given ``--no-color`` and the environment."""
    env = os.environ if environ is None else environ
    if no_color or env.get("NO_COLOR", ""):
        return False
    if env.get("FORCE_COLOR", ""):
        return True
    return is_terminal(stream)
