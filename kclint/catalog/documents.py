"""Finding the catalogued document a citation names (types, number and symbol keys: ``kclint.citations``)."""

from __future__ import annotations

from kclint.catalog.loaders import load_legal_documents
from kclint.catalog.models import LegalDocument
from kclint.citations import document_type, normalise_symbol, number_key, types_compatible
from kclint.textnorm import fold


def find_documents(
    doc_type_abbrev: str | None,
    number: str | None,
    year: int | None,
    symbol: str | None,
    *,
    name: str | None = None,
) -> list[LegalDocument]:
    """Every catalogued document compatible with a citation (see ``find_document``)."""
    written_type = document_type(doc_type_abbrev) if doc_type_abbrev is not None else None
    docs = load_legal_documents()
    if number:
        docs = [d for d in docs if number_key(d.number) == number_key(number)]
    elif name:
        wanted = fold(name)
        wanted = wanted[5:] if wanted.startswith("luật ") else wanted
        docs = [d for d in docs if d.doc_type == "Luật" and fold(d.short_title) in (f"luật {wanted}", wanted)]
    else:
        return []
    if year is not None:
        # A Luật cited as 'Luật Giáo dục năm 2019' gives the year it was passed.
        docs = [d for d in docs if d.year == year or (not number and d.issue_date.year == year)]
    if symbol:
        key = normalise_symbol(symbol)
        docs = [d for d in docs if normalise_symbol(d.symbol) == key]
    if written_type and (len(docs) > 1 or (year is None and not symbol)):
        # Without year and symbol a bare number ('Kế hoạch số 13') identifies nothing by
        # itself, so the written type must agree; otherwise the type only breaks ties.
        docs = [d for d in docs if types_compatible(d.doc_type, written_type)]
    elif not written_type and year is None and not symbol and number:
        return []
    return docs


def find_document(
    doc_type_abbrev: str | None,
    number: str | None,
    year: int | None,
    symbol: str | None,
    *,
    name: str | None = None,
) -> LegalDocument | None:
    """The catalogued document a citation refers to, or None if none or several fit.

    Matching uses the number (leading zeros ignored), the year (from the number/symbol,
    or the issue year for a Công văn), and the symbol compared through
    ``kclint.citations.normalise_symbol`` — so ``BGD&ĐT``, ``TTBGDDT`` and
    ``TT- BGDĐT`` all find ``TT-BGDĐT``. ``doc_type_abbrev`` accepts ``'TT'`` or
    ``'Thông tư'``; it breaks ties, and is required to agree when neither year nor
    symbol is given ('Thông tư 36' finds TT 36/2017, 'Kế hoạch số 36' nothing). The
    type is *not* required to agree otherwise, so a rule can report a citation that
    calls a Thông tư a 'Nghị định'. ``name`` finds a Luật cited by name
    (``find_document('Luật', None, 2019, None, name='Giáo dục')``).
    """
    docs = find_documents(doc_type_abbrev, number, year, symbol, name=name)
    return docs[0] if len(docs) == 1 else None
