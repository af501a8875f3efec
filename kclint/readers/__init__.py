"""Readers: the bytes of a plan to a :class:`~kclint.document.Document`.

Word packages (``.docx``, ``.docm``, ``.dotx``, ``.dotm``, strict or transitional) are read directly;
``.doc``, ``.rtf`` and ``.odt`` through a LibreOffice conversion (:mod:`kclint.readers.convert`);
anything else that is text as a text export (``.txt``, ``.md``).
"""

from __future__ import annotations

from kclint.document import Document
from kclint.readers.sniff import classify, read_bounded, vet_package


def read_document(path: str) -> Document:
    """Read any supported plan; the content decides the reader, not the extension."""
    return read_bytes(read_bounded(path), path)


def read_bytes(data: bytes, path: str) -> Document:
    """Read a plan already in memory (``path`` names it in messages and picks ``.md``); the fuzz entry point."""
    sniffed = classify(data, path)
    if sniffed.kind == "convert":
        from kclint.readers.convert import to_docx
        from kclint.readers.docx import read_package

        doc = read_package(vet_package(to_docx(sniffed.data, path, sniffed.source), path))  # type: ignore[arg-type]
        doc.converted_from = sniffed.source
        return doc
    if sniffed.package is not None:
        from kclint.readers.docx import read_package

        return read_package(sniffed.package)
    from kclint.readers.text import read_text

    return read_text(sniffed.data, path, "md" if path.lower().endswith(".md") else "txt")
