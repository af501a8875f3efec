"""Readers: bytes of a ``.docx``, ``.txt`` or ``.md`` file to a :class:`~kclint.document.Document`."""

from __future__ import annotations

from kclint.document import Document
from kclint.readers.sniff import classify, read_bounded

SUPPORTED_SUFFIXES = (".docx", ".txt", ".md")


def read_document(path: str) -> Document:
    """Read any supported plan; the content decides the reader, not the extension."""
    return read_bytes(read_bounded(path), path)


def read_bytes(data: bytes, path: str) -> Document:
    """Read a plan already in memory (``path`` names it in messages and picks ``.md``); the fuzz entry point."""
    sniffed = classify(data, path)
    if sniffed.kind == "docx":
        from kclint.readers.docx import read_docx

        return read_docx(sniffed.data, path)
    from kclint.readers.text import read_text

    return read_text(sniffed.data, path, "md" if path.lower().endswith(".md") else "txt")
