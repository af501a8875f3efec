"""Annotated and corrected copies of real Word files: comments go where the reader's locations point, any Word flavour.

The annotator places each comment through the reader's own layout of the body
(:func:`kclint.readers.docx.body_layout`), so constructs that change how blocks are counted (nested
tables, wrapped rows and cells, deleted rows, joined paragraphs) cannot make the two disagree.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from test_word_constructs import DEL, STYLES, plan, sdt
from word_xml import MAIN, p, rewrite, tbl, tc, tr
from word_xml import docx as word_package

from kclint.cli import main
from kclint.readers.convert import soffice


def _comments(copy: Path) -> list[tuple[str, str]]:
    """(comment text's first line, the text it is anchored on) for every comment of the copy."""
    document = docx.Document(str(copy))
    body = document.element.body
    anchored: dict[str, str] = {}
    open_ids: set[str] = set()
    for el in body.iter():
        if el.tag == qn("w:commentRangeStart"):
            open_ids.add(el.get(qn("w:id")))
            anchored.setdefault(el.get(qn("w:id")), "")
        elif el.tag == qn("w:commentRangeEnd"):
            open_ids.discard(el.get(qn("w:id")))
        elif el.tag == qn("w:t"):
            for cid in open_ids:
                anchored[cid] += el.text or ""
    return [(c.text.split("\n")[0][:5], anchored.get(str(c.comment_id), "")) for c in document.comments]


def _annotate(path: Path, *extra: str) -> tuple[list[dict], Path]:
    result = CliRunner().invoke(main, ["check", str(path), "--annotate", "--format", "json", "--today",
                                       "2026-11-24", "--select", "KC105", *extra])
    assert result.exit_code == 1, result.stderr
    (entry,) = json.loads(result.stdout)["files"]
    copy = path.with_name(path.name.rsplit(".", 1)[0] + ".kclint.docx")
    return entry["findings"], copy


def test_comments_are_placed_where_the_reader_counts(tmp_path: Path) -> None:
    nested = tbl(tr(tc(p("Tiêu chuẩn 1"), tbl(tr(tc(p("Tiêu chí 1.1")), tc(p("ngày 30/02/2026")))))))
    wrapped = tbl(tr(tc(p("TT")), tc(p("Thời gian"))),
                  tr(tc(p("1")), tc(p("ngày 29/02/2026")), trpr='<w:del w:id="7" w:author="A"/>'),
                  sdt(tr(tc(p("1")), sdt(tc(p("Hoàn thành ngày 31/04/2026."))))))
    middle = (p("I. NỘI DUNG") + nested + p("Trước ngày 31", ppr=DEL) + p("/06/2026.") + wrapped)
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(word_package(plan(middle), styles=STYLES))
    findings, copy = _annotate(path)
    # The deleted row's date (29/02) is not read.
    assert sorted(f["evidence"] for f in findings) == ["ngày 30/02/2026", "ngày 31/04/2026", "ngày 31/06/2026"]
    placed = {anchor for _, anchor in _comments(copy)}
    # Exactly on the words in the nested table and in the wrapped cell; on the whole of the two paragraphs
    # the deleted mark joins (the words straddle them).
    assert placed == {"ngày 30/02/2026", "Trước ngày 31/06/2026.", "ngày 31/04/2026"}


def test_a_macro_enabled_document_is_annotated_as_a_docx_without_its_macros(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.docm"
    data = word_package(plan(p("I. NỘI DUNG") + p("Hoàn thành ngày 31/04/2026.")), styles=STYLES,
                        main_type="application/vnd.ms-word.document.macroEnabled.main+xml",
                        extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro"})
    # The macro part as Word lists it: a relationship and a content type.
    vba_rel = (b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
               b'Target="vbaProject.bin"/></Relationships>')
    vba_type = b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'
    data = rewrite(data, lambda name, raw: raw.replace(b"</Relationships>", vba_rel)
                   if name == "word/_rels/document.xml.rels" else raw.replace(b"</Types>", vba_type))
    path.write_bytes(data)
    findings, copy = _annotate(path)
    assert [f["evidence"] for f in findings] == ["ngày 31/04/2026"]
    assert _comments(copy)[0][1] == "ngày 31/04/2026"
    with zipfile.ZipFile(copy) as zf:
        names = zf.namelist()
        types = zf.read("[Content_Types].xml").decode()
        rels = zf.read("word/_rels/document.xml.rels").decode()
    assert "word/vbaProject.bin" not in names and "vbaProject" not in rels and "vbaProject" not in types
    assert MAIN in types and "macroEnabled" not in types
    assert path.read_bytes() == data  # the input is untouched


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_a_doc_plan_is_annotated_as_a_docx_copy(tmp_path: Path) -> None:
    from test_convert import _legacy

    path = _legacy(tmp_path, "doc")
    findings, copy = _annotate(path)
    assert copy.name == "plan.kclint.docx" and [f["evidence"] for f in findings] == ["ngày 31/02/2026"]
    assert _comments(copy)[0][1] == "ngày 31/02/2026"


def test_kclint_fix_writes_a_docx_for_a_macro_enabled_document(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.docm"
    path.write_bytes(word_package(p("Kế hoạch cải tiến caccs trường."),
                                  main_type="application/vnd.ms-word.document.macroEnabled.main+xml"))
    result = CliRunner().invoke(main, ["fix", str(path)])
    assert result.exit_code == 0, result.output
    fixed = tmp_path / "ke-hoach.kclint-fixed.docx"
    assert [x.text for x in docx.Document(str(fixed)).paragraphs] == ["Kế hoạch cải tiến các trường."]


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_kclint_fix_writes_a_docx_for_a_doc_plan(tmp_path: Path) -> None:
    from test_convert import _legacy

    path = _legacy(tmp_path, "doc")
    result = CliRunner().invoke(main, ["fix", str(path)])
    assert result.exit_code == 0, result.output
    texts = [x.text for x in docx.Document(str(path.with_name("plan.kclint-fixed.docx"))).paragraphs]
    assert "Các tổ chuyên môn thực hiện." in texts  # the typing slip of the .doc, corrected in the .docx
