"""Readers: bytes of a ``.docx``, ``.txt`` or ``.md`` file to a :class:`~kclint.document.Document`."""

from __future__ import annotations

from kclint.document import Document
from kclint.readers.sniff import sniff

SUPPORTED_SUFFIXES = (".docx", ".txt", ".md")


def read_document(path: str) -> Document:
    """Read any supported plan; the content decides the reader, not the extension."""
    sniffed = sniff(path)
    if sniffed.kind == "docx":
        from kclint.readers.docx import read_docx

        return read_docx(sniffed.data, path)
    from kclint.readers.text import read_text

    return read_text(sniffed.data, path, "md" if path.lower().endswith(".md") else "txt")
