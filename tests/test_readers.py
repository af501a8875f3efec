"""Readers: content sniffing, bad inputs, text-export tables, Word structure."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from plan_docx import PlanLayout, build_docx

from kclint.document import Paragraph, Table
from kclint.errors import InputError
from kclint.readers import read_bytes, read_document
from kclint.readers.text import read_text


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    p = tmp_path / name
    p.write_bytes(data)
    return str(p)


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.docx", b"", "empty"),
        ("blank.txt", b"  \n\n", "empty"),
        ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "legacy_doc"),
        ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le"), "encrypted"),
        ("scan.docx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "pdf"),
        ("cut.docx", b"PK\x03\x04" + b"\x14\x00" * 40, "truncated"),
        ("random.txt", bytes(range(256)) * 4, "binary"),
    ],
)
def test_bad_inputs_have_a_clear_error(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    path = _write(tmp_path, name, data)
    with pytest.raises(InputError) as err:
        read_document(path)
    assert err.value.code == code
    assert name in err.value.vi and name in err.value.en


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"\xef\xbb\xbfjunk\n%PDF-1.4\n", "pdf"),  # PDF allows junk before its header
        (b"\xff\xfe" + " \n ".encode("utf-16-le"), "empty"),  # only a BOM and spaces
        (b"\xff\xfe" + "Kế hoạch".encode("utf-16-le")[:-1], "encoding"),  # odd length
        (b"\xff\xfe" + b"\x00\xd8\x41\x00", "encoding"),  # a lone surrogate
        (b"x" * 100 + b"\x00", "binary"),
    ],
)
def test_more_bad_bytes(data: bytes, code: str) -> None:
    with pytest.raises(InputError) as err:
        read_bytes(data, "bad.txt")
    assert err.value.code == code and err.value.vi.startswith("bad.txt: ") and err.value.en.startswith("bad.txt: ")


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"\xff\xfe\x00\x00" + "Kế hoạch".encode("utf-32-le"), "Kế hoạch"),
        (b"\x00\x00\xfe\xff" + "Kế hoạch".encode("utf-32-be"), "Kế hoạch"),
        (b"PKH 2025: Ke hoach", "PKH 2025: Ke hoach"),  # starts with "PK" but is no zip
        (b"\xef\xbb\xbfK\xea\xec ho\xe0ch", "Kế hoàch"),  # UTF-8 BOM over cp1258 bytes
    ],
)
def test_more_text_encodings(data: bytes, text: str) -> None:
    assert read_bytes(data, "t.txt").blocks[0].text == text


def test_read_bytes_is_read_document_without_the_disk(data_dir: Path) -> None:
    path = data_dir / "thcs_table.txt"
    assert read_bytes(path.read_bytes(), str(path)) == read_document(str(path))


def test_zip_that_is_not_word(tmp_path: Path) -> None:
    path = tmp_path / "sheet.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(InputError) as err:
        read_document(str(path))
    assert err.value.code == "not_word"


def test_zip_member_with_an_empty_name() -> None:
    """Found by the fuzzer: zipfile's ``ZipInfo.is_dir()`` raises IndexError on an empty name."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr(zipfile.ZipInfo(""), b"x")
    with pytest.raises(InputError) as err:
        read_bytes(buf.getvalue(), "e.docx")
    assert err.value.code == "not_word"


def test_directory_and_missing_file(tmp_path: Path) -> None:
    (tmp_path / "x.docx").mkdir()
    with pytest.raises(InputError) as err:
        read_document(str(tmp_path / "x.docx"))
    assert err.value.code == "is_directory"
    with pytest.raises(InputError) as err:
        read_document(str(tmp_path / "nothing.txt"))
    assert err.value.code == "not_found"


def test_text_with_bom_and_nfd_is_normalised() -> None:
    text = "\ufeffKế hoạch".encode() + "\n\nTiêu chí 1.1: Phương hướng".encode()
    nfd = "Tru\u031bo\u031b\u0300ng".encode()
    doc = read_text(text + b"\n\n" + nfd, "a.txt")
    paras = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert paras[0] == "Kế hoạch"
    assert paras[-1] == "Trường"


def test_tab_rows_with_continuation_are_one_table() -> None:
    text = "Mở đầu\n\nA\tB\tC\n1\tdài\tx\n\n\tcòn tiếp\t\nKết thúc\n"
    doc = read_text(text.encode(), "t.txt")
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    assert [r.texts() for r in tables[0].rows] == [["A", "B", "C"], ["1", "dài", "x"], ["", "còn tiếp", ""]]
    assert tables[0].rows[2].line == 6


def test_one_cell_per_line_table(data_dir: Path) -> None:
    doc = read_document(str(data_dir / "th_results.txt"))
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 1 and tables[0].layout == "cells"
    assert tables[0].rows[2].texts() == ["Tiêu chí 1.1", "", "X", "X", "X"]


def test_markdown_pipe_table() -> None:
    doc = read_text(b"| a | b |\n|---|---|\n| 1 | 2 |\n", "t.md", "md")
    assert [r.texts() for r in doc.blocks[0].rows] == [["a", "b"], ["1", "2"]]


@pytest.mark.parametrize("line", ["| --- " + " " * 1_000_000 + "x |", "|" + "---|" * 250_000 + " x |"])
def test_long_markdown_like_lines_read_in_linear_time(line: str) -> None:
    started = time.monotonic()
    doc = read_text(f"| a | b |\n{line}\n".encode(), "t.md", "md")
    # Quadratic would take minutes on a 1 MB line; the bound leaves room for a loaded CI machine.
    assert time.monotonic() - started < 10 and doc.blocks


def test_markdown_separators() -> None:
    doc = read_text(b"| a | b |\n| :--- | ---: |\n| 1 | 2 |\n||---|\n", "t.md", "md")
    assert [r.texts() for r in doc.blocks[0].rows] == [["a", "b"], ["1", "2"], ["", "---"]]


def test_docx_body_order_header_table_and_merged_cells(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "p.docx", PlanLayout(
        left=["UBND XÃ AN PHÚ", "TRƯỜNG MẦM NON HOA SEN"], number="Số: 45/KH-MNHS",
        place_date="An Phú, ngày 06 tháng 10 năm 2025", title=["KẾ HOẠCH"],
        body="I. MỤC ĐÍCH\n\nA\tB\tC\n1\t2\t3\n\nII. TỔ CHỨC", signer=["HIỆU TRƯỞNG", "Nguyễn Thị Lan"]))
    from docx import Document

    d = Document(str(path))
    d.tables[1].cell(0, 1).merge(d.tables[1].cell(0, 2))
    d.save(str(path))
    doc = read_document(str(path))
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds[:4] == ["Table", "Paragraph", "Paragraph", "Table"]
    header = doc.blocks[0]
    assert header.borderless and header.rows[1].cells[0].text == "Số: 45/KH-MNHS"
    merged = doc.blocks[3].rows[0]
    assert [c.column for c in merged.cells] == [0, 1]
    assert doc.pages[0].width_mm == pytest.approx(210, abs=0.5)
    assert doc.default_style.font == "Times New Roman" and doc.default_style.size_pt == 14


def test_docx_indexes_count_per_origin_and_merged_cells_are_marked(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "h.docx", PlanLayout(title=["KẾ HOẠCH"], body="Đoạn một\n\nA\tB\n1\t2\n3\t4"))
    from docx import Document as open_docx

    d = open_docx(str(path))
    d.sections[0].header.paragraphs[0].text = "Trang đầu"
    d.tables[0].cell(1, 1).merge(d.tables[0].cell(2, 1))
    d.save(str(path))
    doc = read_document(str(path))
    header = [b for b in doc.blocks if isinstance(b, Paragraph) and b.origin == "header"]
    body = [b for b in doc.blocks if isinstance(b, Paragraph) and b.origin == "body"]
    assert header[0].text == "Trang đầu" and header[0].index == 0
    assert body[0].text == "KẾ HOẠCH" and body[0].index == 0
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert [c.merged_up for c in table.rows[2].cells] == [False, True]
    assert table.rows[2].cells[1].text == ""


def test_decomposed_text_is_kept_as_written_beside_the_nfc_blocks(tmp_path: Path) -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Trường Mầm non")
    doc = read_text(("Mở đầu\n\n" + nfd + "\n\nA\tB\n1\t" + nfd + "\n").encode(), "t.txt")
    assert doc.blocks[1].text == "Trường Mầm non"
    assert [(w.text, w.block, w.row) for w in doc.as_written] == [(nfd, 1, None), ("1\t" + nfd, 2, 1)]
    path = build_docx(tmp_path / "d.docx", PlanLayout(title=["KẾ HOẠCH"], body=nfd + "\n\nA\tB\n1\t" + nfd))
    docx_doc = read_document(str(path))
    assert {w.text for w in docx_doc.as_written} == {nfd}
    assert all(unicodedata.is_normalized("NFC", b.text) for b in docx_doc.blocks if isinstance(b, Paragraph))
    assert any(w.row == 1 and w.column == 1 for w in docx_doc.as_written)
