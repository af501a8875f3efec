"""Person names in the extraction pass: ``PersonName`` facts for every full name a plan writes.

A name is 2–4 capitalised syllables. It is taken as a person's when a title or form of address stands
before it ('Phó Hiệu trưởng Tô Thị Lan', 'bà Lò Thị Hoa', 'đ/c ...'), when it fills a column that lists
people (header words from ``catalogs/persons.json``), when it is the signer, or when it is a run of 3–4
name syllables starting with a common surname. Place and school names ('Trường THCS Lê Lợi', 'xã Pá
Khoang') are refused by the word before them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

from kclint.model import PersonName, Span, line_of
from kclint.model import span as make_span
from kclint.textnorm import fold
from kclint.vietnamese import is_valid_syllable
from kclint.vietnamese.grammar import catalog_data, orthography, vi_letters

# A name syllable, with the apostrophe of Ede/Jarai/K'Ho given names ('H’Linh', "K'Bang").
_WORD = re.compile(r"[^\W\d_]+(?:[’'ʼ][^\W\d_]+)?")
_APOSTROPHES = re.compile(r"[’'ʼ]")
# A place or school name, not a person, follows these words.
_NOT_PERSON_BEFORE = re.compile(
    r"(?:trường|thcs|thpt|th|mn|ptdtbt|ptdtnt|tiểu học|trung học|mầm non|phường|xã|đường|huyện|quận|tỉnh|"
    r"thành phố|tp\.?|thị trấn|ấp|thôn|bản|khu|tổ dân phố|sông|núi|cầu|chợ|phố|cụm)\s*$",
    re.IGNORECASE,
)
# Cut points of a cell that lists people: 'A (nhóm trưởng); B, C và D'.
# A '/' cuts only between spaces: 'Đ/c' is a title.
_LIST_CUT = re.compile(r"[;,()\[\]\n+•]|\s(?:và|cùng|/)\s|\s[-–—]\s")


@cache
def _catalog() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    data = catalog_data("persons.json")

    def words(key: str) -> tuple[str, ...]:
        return tuple(sorted({fold(w) for w in data[key]}, key=len, reverse=True))

    return words("titles"), words("name_headers"), words("beside_headers")


@cache
def _offices() -> dict[str, str]:
    return {fold(k): v for k, v in catalog_data("persons.json")["offices"].items()}


def _office(title: str | None) -> str | None:
    """The post a title names when one or two people hold it in a school ('Hiệu phó' → 'phó hiệu trưởng'),
    from ``catalogs/persons.json`` 'offices'; None for a form of address or a post many hold ('Cô', 'Giáo
    viên', 'Tổ trưởng')."""
    return _offices().get(fold(title).strip()) if title else None


@lru_cache(maxsize=8192)
def _is_name_word(word: str) -> bool:
    bare = _APOSTROPHES.sub("", word)
    if len(bare) < 1 or not word[0].isupper():
        return False
    parts = _APOSTROPHES.split(word)
    if len(parts) == 2:  # 'H’Linh': a one-letter prefix and a capitalised syllable
        return len(parts[0]) == 1 and parts[1][:1].isupper() and parts[1][1:].islower()
    if len(word) == 1:
        return word.isalpha()  # 'Y' (Ede given-name prefix): only inside a longer run
    # Minority names ('Niê', 'Ksor') are no Vietnamese syllables but are written in its letters.
    return word[1:].islower() and (is_valid_syllable(word) or word.lower() in orthography().proper
                                   or (len(word) <= 7 and all(c in vi_letters() for c in word)))


@cache
def _two_words() -> re.Pattern[str]:
    """A letter, one space and a letter that is not lowercase: what a run of two name words needs.

    A line without it holds no run worth a name (a name is two words or more), so it is not tokenised.
    The lowercase class is every lowercase letter below U+2000 (Latin with Vietnamese, Greek, Cyrillic):
    a superset test, so letters outside it only cost a tokenisation, never a name.
    """
    lower = "".join(re.escape(c) for c in map(chr, range(0x2000)) if c.islower())
    return re.compile(rf"[^\W\d_] (?![{lower}])[^\W\d_]")


def _runs(text: str) -> Iterator[list[re.Match[str]]]:
    """Maximal runs of name words separated by one space (runs of one word are left out: no name)."""
    if _two_words().search(text) is None:
        return
    run: list[re.Match[str]] = []
    for m in _WORD.finditer(text):
        if _is_name_word(m.group()):
            if run and text[run[-1].end() : m.start()] == " ":
                run.append(m)
                continue
            if len(run) > 1:
                yield run
            run = [m]
        else:
            if len(run) > 1:
                yield run
            run = []
    if len(run) > 1:
        yield run


def _title_before(text: str, at: int) -> str | None:
    """The title ending right before ``at`` (spaces, ':' or ',' between), as written."""
    head = text[:at].rstrip(" :,")
    for title in _catalog()[0]:
        tail = head[-len(title):]
        if fold(tail) == title and (len(head) == len(title) or not head[-len(title) - 1].isalnum()):
            return tail
    return None


def _names_in(text: str, in_name_column: bool) -> Iterator[tuple[int, int, str | None, str]]:
    """(start, end, title, source) of each person name in one piece of text."""
    surnames = orthography().surnames
    for run in _runs(text):
        words = [m.group() for m in run]
        k, title = 0, None
        # The title may end inside the run: 'Bà Nguyễn Thị Hoa', 'Tổng phụ trách Đội Hà Minh Nhật'; the
        # longest one that covers the run's start wins ('Lê Anh Tuấn' keeps 'Anh', a title word, as a name).
        for j in range(len(run) - 1):
            found = _title_before(text, run[j].start())
            if found is None:
                continue
            at = text.rfind(found, 0, run[j].start())
            # 'Phó Hiệu trưởng Ông Thị Lan': 'Ông' after a title is a surname, not a second title.
            if j == 0 or at < run[0].start() or (at == run[0].start() and title is None):
                k, title = j, found
        name = run[k:]
        if len(name) < 2:
            continue
        starts_surname = fold(words[k]) in surnames
        if len(name) > 4:
            if not starts_surname:
                continue
            name = name[:4]
        if len(words[k]) == 1 and len(name) < 3:
            continue
        if _NOT_PERSON_BEFORE.search(text[: name[0].start()].rstrip()):
            continue
        if title is not None:
            source = "title"
        elif in_name_column and (starts_surname or len(name) >= 3):
            source = "column"
        elif starts_surname and len(name) >= 3:
            source = "surname"
        else:
            continue
        yield name[0].start(), name[-1].end(), title, source


def _name_columns(texts: list[Span]) -> set[tuple[int | None, int | None]]:
    """(table, column) of the columns that list people, from their header cells (a table's first row)."""
    _, headers, beside = _catalog()
    out: set[tuple[int | None, int | None]] = set()
    for s in texts:
        loc = s.loc
        if loc.table is None or loc.row != 0 or loc.column is None:
            continue
        head = fold(s.text).strip(" :.")
        if head in headers:
            out.add((loc.table, loc.column))
        elif head in beside and loc.column > 0:
            out.add((loc.table, loc.column - 1))
    return out


def person_names(texts: list[Span], signer: Span | None = None) -> list[PersonName]:
    """Every person name of ``texts`` in document order; the signer's name is marked 'signer'."""
    columns = _name_columns(texts)
    posts = _row_posts(texts)
    out: list[PersonName] = []
    for s in texts:
        loc = s.loc
        if loc.table is not None and loc.row == 0:
            continue  # header cells name columns, not people
        in_column = (loc.table, loc.column) in columns
        pieces = [(0, s.text)] if not in_column else _pieces(s.text)
        for base, piece in pieces:
            for start, end, title, source in _names_in(piece, in_column):
                is_signer = (signer is not None and line_of(signer.loc) == line_of(loc)
                             and signer.text.strip() == piece[start:end])
                post = _office(title) or (posts.get((loc.table, loc.row)) if in_column and len(pieces) == 1 else None)
                out.append(PersonName(span=make_span(piece[start:end], loc), offset=base + start, field=None,
                                      title=title, office=post, source="signer" if is_signer else source))
    if signer is not None and signer.text.strip() and not any(p.source == "signer" for p in out):
        name = signer.text.strip()
        words = name.split()
        # A signature is often in capitals ('LÊ VĂN THÀNH'): judged as the name it spells.
        if 2 <= len(words) <= 4 and all(_is_name_word(w if not w.isupper() else w.title()) for w in words):
            out.append(PersonName(span=make_span(name, signer.loc), offset=signer.text.index(name), source="signer"))
    return out


def _row_posts(texts: list[Span]) -> dict[tuple[int | None, int | None], str]:
    """(table, row) → the post a cell of the row names on its own ('Phó hiệu trưởng' in a 'Chức vụ' column,
    whatever its place): the post of the one person a council or staff table's row lists."""
    out: dict[tuple[int | None, int | None], str] = {}
    for s in texts:
        if s.loc.table is not None and s.loc.row and (post := _office(s.text.strip(" .:"))):
            out.setdefault((s.loc.table, s.loc.row), post)
    return out


def _pieces(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    at = 0
    for m in _LIST_CUT.finditer(text):
        out.append((at, text[at : m.start()]))
        at = m.end()
    out.append((at, text[at:]))
    return [(b, p) for b, p in out if p.strip()]
