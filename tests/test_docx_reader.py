"""The Word reader against python-docx as an oracle, and the package guards on every part it reads.

The reader parses the package with lxml itself; python-docx stays the reference for what a tidy
file holds: on every Word fixture of the project, both read the same paragraphs, tables and cells.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from plan_docx import PlanLayout, build_docx
from word_xml import docx as word_package
from word_xml import p, rewrite, tbl, tc, tr

from kclint import limits
from kclint.document import Paragraph, Table
from kclint.errors import InputError
from kclint.limits import ooxml_int
from kclint.readers import read_bytes, read_document

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def _oracle(path: Path) -> tuple[list[str], list[list[list[str]]]]:
    """Body paragraphs and table cells as python-docx's public objects give them (each merged cell once)."""
    d = docx.Document(str(path))
    paragraphs = [unicodedata.normalize("NFC", x.text) for x in d.paragraphs]
    tables = []
    for t in d.tables:
        rows = []
        for row in t.rows:
            seen: list[object] = []
            cells = []
            for cell in row.cells:
                if any(cell._tc is s for s in seen):
                    continue
                seen.append(cell._tc)
                merged = cell._tc.getparent() is not row._tr  # python-docx gives the cell a merge starts in
                cells.append("" if merged else unicodedata.normalize("NFC", cell.text).strip("\n"))
            rows.append(cells)
        tables.append(rows)
    return paragraphs, tables


def _fixtures(tmp: Path) -> list[Path]:
    plans = sorted((REPO / "examples").glob("*.docx"))
    plans += sorted(p for d in ("seeds", "dev") for p in (SHARED / d).glob("*.docx"))
    body = "I. MỤC ĐÍCH\n\nA\tB\tC\n1\tdài\tx\n\nII. TỔ CHỨC\n\t\tcòn tiếp"
    plans.append(build_docx(tmp / "built.docx", PlanLayout(
        left=["UBND XÃ AN PHÚ", "TRƯỜNG MẦM NON HOA SEN"], number="Số: 45/KH-MNHS",
        place_date="An Phú, ngày 06 tháng 10 năm 2025", title=["KẾ HOẠCH"], body=body,
        recipients=["Nơi nhận:", "- Lưu: VT."], signer=["HIỆU TRƯỞNG", "Nguyễn Thị Lan"])))
    merged = tmp / "merged.docx"
    d = docx.Document(str(plans[-1]))
    d.tables[1].cell(0, 1).merge(d.tables[1].cell(0, 2))
    d.tables[1].cell(0, 0).merge(d.tables[1].cell(1, 0))
    d.save(str(merged))
    plans.append(merged)
    return plans


def test_the_reader_reads_what_python_docx_reads_on_every_fixture(tmp_path: Path) -> None:
    plans = _fixtures(tmp_path)
    assert len(plans) >= 4
    for path in plans:
        doc = read_document(str(path))
        paragraphs, tables = _oracle(path)
        assert [b.text for b in doc.blocks if isinstance(b, Paragraph) and b.origin == "body"] == paragraphs, path
        got = [[[c.text for c in row.cells] for row in b.rows] for b in doc.blocks
               if isinstance(b, Table) and b.origin == "body"]
        assert got == tables, path


def test_ooxml_int_is_bounded() -> None:
    assert [ooxml_int(v, 1, 1, 63) for v in (None, "", "²", "٣", "1e3", "-", "0", "3", " 7 ", "+5", "64")] == \
        [1, 1, 1, 1, 1, 1, 1, 3, 7, 5, 63]
    assert ooxml_int("9" * 5000, None, 0, 100) == 100 and ooxml_int("-" + "9" * 5000, None, -5, 100) == -5
    assert ooxml_int("F0B7", None, 0, 0x10FFFF, base=16) == 0xF0B7 and ooxml_int("G1", None, 0, 9, base=16) is None


# --------------------------------------------------------------------------------------------- package guards

CLEAN = p("Kế hoạch")
DTD = '<!DOCTYPE w:document [<!ENTITY x "lollollol">]>'


def _with_document(xml: bytes) -> bytes:
    """A valid package whose word/document.xml is replaced by ``xml``."""
    return rewrite(word_package(CLEAN), lambda name, raw: xml if name == "word/document.xml" else raw)


def _document(encoding: str, bom: bool, declare: bool, prolog: str = "") -> bytes:
    from word_xml import NS

    decl = f'<?xml version="1.0" encoding="{encoding.upper().replace("-LE", "").replace("-BE", "")}"?>'
    text = (decl if declare else "") + prolog + f"<w:document {NS}><w:body>{CLEAN}</w:body></w:document>"
    boms = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff",
            "utf-32-le": b"\xff\xfe\x00\x00", "utf-32-be": b"\x00\x00\xfe\xff"}
    return (boms[encoding] if bom else b"") + text.encode(encoding)


# UTF-16 without a BOM is only recognisable by its declaration (XML 1.0, appendix F).
VARIANTS = [(e, b, d) for e in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
            for b in (True, False) for d in (True, False) if b or d or e.startswith(("utf-8", "utf-32"))]


@pytest.mark.parametrize(("encoding", "bom", "declare"), VARIANTS)
def test_every_encoding_is_read_and_its_dtd_refused(encoding: str, bom: bool, declare: bool) -> None:
    doc = read_bytes(_with_document(_document(encoding, bom, declare)), "enc.docx")
    assert doc.blocks[0].text == "Kế hoạch"
    with pytest.raises(InputError) as err:
        read_bytes(_with_document(_document(encoding, bom, declare, DTD)), "dtd.docx")
    assert err.value.code == "xml_unsafe" and "word/document.xml" in err.value.en


@pytest.mark.parametrize("xml", [
    b'<?xml version="1.0" encoding="UTF-7"?>+ADw-w:document/+AD4-',
    '<?xml version="1.0" encoding="cp037"?><a/>'.encode("cp037"),  # EBCDIC
    b'<?xml version="1.0" encoding="Shift_JIS"?><a/>',
    b'<?xml version="1.0" encoding="UTF-16"?><a/>',  # ASCII bytes that claim UTF-16
    b"\xff\xfe" + '<?xml version="1.0" encoding="UTF-8"?><a/>'.encode("utf-16-le"),  # a BOM that disagrees
    b"\xff\xfe<\x00\x00\xd8a\x00>\x00",  # UTF-16 with a lone surrogate: cannot be decoded
    b"\x00\x00<\x00\x00\x00a\x00",  # UCS-4 in an unusual byte order
])
def test_parts_in_encodings_kclint_cannot_decode_are_refused(xml: bytes) -> None:
    with pytest.raises(InputError) as err:
        read_bytes(_with_document(xml), "odd.docx")
    assert err.value.code == "xml_unsafe"


@pytest.mark.parametrize("second", ["WORD/DOCUMENT.XML", "Word/document.xml", "word/document.xml",
                                    "/word/document.xml", "word\\document.xml"])
def test_duplicate_entry_names_in_any_case_are_refused(second: str) -> None:
    data = word_package(CLEAN)
    clean = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    # The first entry declares a DTD; the second, clean one is what a last-one-wins reader would check.
    hostile = rewrite(data, lambda name, raw: raw.replace(b"?>", b"?>" + DTD.encode(), 1)
                      if name == "word/document.xml" else raw, add={second: clean})
    with pytest.raises(InputError) as err:
        read_bytes(hostile, "dup.docx")
    assert err.value.code == "duplicate_entry" and "dup.docx" in err.value.vi


_FOOTNOTE_REF = '<w:r><w:footnoteReference w:id="1"/></w:r>'
_COMMENTED = ('<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>x</w:t></w:r><w:commentRangeEnd w:id="0"/>'
              '<w:r><w:commentReference w:id="0"/></w:r></w:p>')


@pytest.mark.parametrize(("part", "body", "kw"), [
    ("word/numbering.xml", CLEAN, {"numbering": ""}),
    ("word/styles.xml", CLEAN, {"styles": ""}),
    ("word/footnotes.xml", p("a", _FOOTNOTE_REF), {"footnotes": '<w:footnote w:id="1">' + p("b") + "</w:footnote>"}),
    ("word/endnotes.xml", CLEAN, {"endnotes": ""}),
    ("word/comments.xml", _COMMENTED, {"comments": '<w:comment w:id="0" w:author="A">' + p("c") + "</w:comment>"}),
    ("word/settings.xml", CLEAN, {"settings": ""}),
    ("word/header1.xml", CLEAN, {"headers": (p("h"),)}),
    ("word/footer1.xml", CLEAN, {"footers": (p("f"),)}),
])
@pytest.mark.parametrize("attack", ["dtd", "utf32_dtd", "bomb"])
def test_every_part_the_reader_reads_is_guarded(part: str, body: str, kw: dict, attack: str) -> None:
    data = word_package(body, **kw)
    assert read_bytes(data, "ok.docx").blocks
    original = zipfile.ZipFile(io.BytesIO(data)).read(part).decode()
    if attack == "dtd":
        hostile = original.replace("?>", "?>" + DTD.replace("w:document", "x"), 1).encode()
    elif attack == "utf32_dtd":
        hostile = original.replace("UTF-8", "UTF-32").replace("?>", "?>" + DTD.replace("w:document", "x"), 1)
        hostile = hostile.encode("utf-32-le")  # no BOM: found by its first bytes
    else:
        hostile = original.encode() + b" " * (limits.MAX_XML_PART_BYTES + 1)
    with pytest.raises(InputError) as err:
        read_bytes(rewrite(data, lambda name, raw: hostile if name == part else raw), "hostile.docx")
    assert err.value.code == ("zip_bomb" if attack == "bomb" else "xml_unsafe")


def test_a_part_named_by_a_relationship_but_not_xml_is_never_parsed() -> None:
    """A header relationship aimed at an image member: the reader does not parse what the guards did not vet."""
    data = rewrite(word_package(CLEAN, headers=(p("h"),)),
                   lambda name, raw: raw.replace(b'Target="header1.xml"', b'Target="media/x.png"'),
                   add={"word/media/x.png": f"{DTD}<w:hdr/>".encode()})
    doc = read_bytes(data, "img.docx")
    assert [b.origin for b in doc.blocks] == ["body"]


def test_parser_resolves_no_entity_by_itself() -> None:
    """Defence in depth: past the DTD refusal, the parser kclint uses expands nothing and loads nothing."""
    from lxml import etree

    from kclint.readers.sniff import SAFE_PARSER

    root = etree.fromstring(b'<!DOCTYPE a [<!ENTITY x "lollollol"><!ENTITY y SYSTEM "file:///etc/hostname">]>'
                            b"<a>&x;&y;</a>", SAFE_PARSER)
    assert "lol" not in etree.tostring(root).decode().replace("&x;", "")
    assert (root.text or "") == ""


def test_table_with_hostile_spans_keeps_columns_bounded() -> None:
    body = tbl(tr(tc(p("a"), tcpr='<w:gridSpan w:val="99999999999999999999999"/>'), tc(p("b")),
                  trpr='<w:gridBefore w:val="²"/>'))
    (table,) = read_bytes(word_package(body), "span.docx").blocks
    assert [(c.text, c.column) for c in table.rows[0].cells] == [("a", 0), ("b", 63)]


def test_hostile_numbering_stays_bounded() -> None:
    """Huge starts, every format, 20,000 numbered paragraphs: labels stay short and reading stays fast."""
    import time

    levels = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="{"9" * 5000 if i % 2 else 10**6}"/>'
                     f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{"%1%2%3%4%5%6%7%8%9" * 50}"/></w:lvl>'
                     for i, fmt in enumerate(("lowerLetter", "upperRoman", "decimalZero", "upperLetter", "lowerRoman",
                                              "bullet", "none", "ordinal", "decimal")))
    numbering = (f'<w:abstractNum w:abstractNumId="0">{levels}<w:numStyleLink w:val="X"/></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="99999999999">'
                 '<w:startOverride w:val="-5"/></w:lvlOverride></w:num>')
    body = "".join(p("x", ppr=f'<w:numPr><w:ilvl w:val="{i % 12}"/><w:numId w:val="1"/></w:numPr>')
                   for i in range(20_000))
    started = time.monotonic()
    doc = read_bytes(word_package(body, numbering=numbering), "num.docx")
    assert time.monotonic() - started < 30 and len(doc.blocks) == 20_000
    assert max(len(b.label or "") for b in doc.blocks) <= 64
