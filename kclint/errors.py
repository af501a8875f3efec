"""Errors a user can act on: a file kclint cannot read, a bad option or config."""

from __future__ import annotations


class KclintError(Exception):
    """Base of the errors that end in exit code 2 with a bilingual message, never a traceback."""

    def __init__(self, code: str, vi: str, en: str) -> None:
        super().__init__(f"{vi} / {en}")
        self.code = code
        self.vi = vi
        self.en = en

    def message(self, lang: str = "vi") -> str:
        return self.en if lang == "en" else self.vi


class InputError(KclintError):
    """The input file is missing, unreadable or not a plan kclint can read."""


class ConfigError(KclintError):
    """The configuration (pyproject.toml / kclint.toml) or the command line is invalid."""
