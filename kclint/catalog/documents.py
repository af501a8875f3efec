"""Finding the catalogued document a citation names: type words, number keys, symbols."""

from __future__ import annotations

from kclint.catalog.loaders import load_legal_documents
from kclint.catalog.models import LegalDocument
from kclint.citations import normalise_symbol
from kclint.textnorm import fold

_TYPE_NAMES = {
    "tt": "Thông tư", "thông tư": "Thông tư", "thông tư liên tịch": "Thông tư",
    "nđ": "Nghị định", "nd": "Nghị định", "nghị định": "Nghị định",
    "qđ": "Quyết định", "qd": "Quyết định", "quyết định": "Quyết định",
    "cv": "Công văn", "công văn": "Công văn",
    "luật": "Luật", "bộ luật": "Luật",
    "hd": "Hướng dẫn", "hướng dẫn": "Hướng dẫn",
    "vb": "Văn bản", "văn bản": "Văn bản",
    "kh": "Kế hoạch", "kế hoạch": "Kế hoạch",
}
# A plan may call a Công văn of guidance a 'văn bản' or 'hướng dẫn'; these words are
# compatible with the catalog type, so they still identify the document.
_COMPATIBLE_TYPES = {
    "Công văn": {"Công văn", "Văn bản", "Hướng dẫn"},
}


def _type_name(doc_type: str | None) -> str | None:
    if doc_type is None:
        return None
    key = fold(doc_type).rstrip(".")
    return _TYPE_NAMES.get(key, doc_type.strip())


def _type_compatible(catalog_type: str, written_type: str) -> bool:
    return written_type in _COMPATIBLE_TYPES.get(catalog_type, {catalog_type})


def _number_key(number: str) -> str:
    # '09' and '9' are the same number; a letter suffix ('99a') is part of it.
    stripped = number.strip().lower().lstrip("0")
    return stripped or "0"


def find_documents(
    doc_type_abbrev: str | None,
    number: str | None,
    year: int | None,
    symbol: str | None,
    *,
    name: str | None = None,
) -> list[LegalDocument]:
    """Every catalogued document compatible with a citation (see ``find_document``)."""
    written_type = _type_name(doc_type_abbrev)
    docs = load_legal_documents()
    if number:
        docs = [d for d in docs if _number_key(d.number) == _number_key(number)]
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
        docs = [d for d in docs if _type_compatible(d.doc_type, written_type)]
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
