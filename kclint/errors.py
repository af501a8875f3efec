"""Errors a user can act on: a file kclint cannot read, a bad option or config."""

from __future__ import annotations

from typing import Any


class KclintError(Exception):
    """Base of the errors that end in exit code 2 with a bilingual message, never a traceback."""

    def __init__(self, code: str, vi: str, en: str) -> None:
        super().__init__(f"{vi} / {en}")
        self.code = code
        self.vi = vi
        self.en = en

    def message(self, lang: str = "vi") -> str:
        return self.en if lang == "en" else self.vi

    def __reduce__(self) -> tuple[Any, ...]:
        # Results cross process boundaries in batch mode; the default reduction would call
        # ``cls(args[0])`` with the joined message and fail to unpickle.
        return (self.__class__, (self.code, self.vi, self.en))


class InputError(KclintError):
    """The input file is missing, unreadable or not a plan kclint can read."""

    @classmethod
    def for_file(cls, code: str, path: str, vi: str, en: str) -> InputError:
        """An error whose messages start with the file's path, as every per-file message must."""
        return cls(code, f"{path}: {vi}", f"{path}: {en}")


class ConfigError(KclintError):
    """The configuration (pyproject.toml / kclint.toml) or the command line is invalid."""
