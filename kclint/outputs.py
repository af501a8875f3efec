"""Where kclint writes: files that must never be an input of the run."""

from __future__ import annotations

import os


def same_file(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` name one file (symlinks, ``..`` and hard links included)?"""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist yet: compare where they would be
        return os.path.realpath(a) == os.path.realpath(b)
