"""Word packages written at the XML level, one construct at a time, for the reader's tests.

Real plans come out of Word, LibreOffice and WPS with markup the text-built fixtures never have:
tracked changes, numbering, content controls, text boxes, footnotes... Each test writes the
WordprocessingML of one construct (patterned on what Word writes) and places it in the body, in a
table cell or in a page header with :func:`docx`, which adds the parts and relationships it needs.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Callable

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = (f'xmlns:w="{W}" xmlns:r="{R}" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml" '
      'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"')
_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
MAIN = _CT + "document.main+xml"
_PARTS = {  # name in the package: (root element, relationship type, content type)
    "styles": ("w:styles", "styles", _CT + "styles+xml"),
    "numbering": ("w:numbering", "numbering", _CT + "numbering+xml"),
    "footnotes": ("w:footnotes", "footnotes", _CT + "footnotes+xml"),
    "endnotes": ("w:endnotes", "endnotes", _CT + "endnotes+xml"),
    "comments": ("w:comments", "comments", _CT + "comments+xml"),
    "settings": ("w:settings", "settings", _CT + "settings+xml"),
}
# The relationship namespace is also the stem of the relationship types: one replacement renames both.
STRICT_NS = {W: "http://purl.oclc.org/ooxml/wordprocessingml/main",
             R: "http://purl.oclc.org/ooxml/officeDocument/relationships"}


def p(*runs: str, ppr: str = "") -> str:
    """A paragraph; plain strings are runs of text, strings starting with '<' are XML as given."""
    inner = "".join(r if r.startswith("<") else run(r) for r in runs)
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{inner}</w:p>"


def run(text: str, rpr: str = "") -> str:
    return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


def tc(*content: str, tcpr: str = "") -> str:
    return f"<w:tc>{f'<w:tcPr>{tcpr}</w:tcPr>' if tcpr else ''}{''.join(content) or p()}</w:tc>"


def tr(*cells: str, trpr: str = "") -> str:
    return f"<w:tr>{f'<w:trPr>{trpr}</w:trPr>' if trpr else ''}{''.join(cells)}</w:tr>"


def tbl(*rows: str) -> str:
    return f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr>{"".join(rows)}</w:tbl>'


def in_cell(*blocks: str) -> str:
    """Blocks placed in the second cell of a one-row table (the first cell says where we are)."""
    return tbl(tr(tc(p("Ô đầu")), tc(*blocks)))


def docx(body: str, *, headers: tuple[str, ...] = (), footers: tuple[str, ...] = (), strict: bool = False,
         main_type: str = MAIN, sect: str = "", extra: dict[str, bytes] | None = None, **parts: str) -> bytes:
    """A Word package: ``body`` (block-level XML), header/footer contents, and the named parts' inner XML."""
    rels: list[tuple[str, str, str]] = []  # (id, type, target)
    types = [f'<Override PartName="/word/document.xml" ContentType="{main_type}"/>']
    files: dict[str, str] = {}
    for kind, (root, rel_type, ctype) in _PARTS.items():
        if kind in parts:
            files[f"word/{kind}.xml"] = f"{_DECL}<{root} {NS}>{parts[kind]}</{root}>"
            rels.append((f"rId{len(rels) + 1}", rel_type, f"{kind}.xml"))
            types.append(f'<Override PartName="/word/{kind}.xml" ContentType="{ctype}"/>')
    refs = []
    for kind, contents in (("header", headers), ("footer", footers)):
        for n, content in enumerate(contents, start=1):
            name = f"{kind}{n}.xml"
            root = "w:hdr" if kind == "header" else "w:ftr"
            files[f"word/{name}"] = f"{_DECL}<{root} {NS}>{content}</{root}>"
            rid = f"rId{len(rels) + 1}"
            rels.append((rid, kind, name))
            types.append(f'<Override PartName="/word/{name}" ContentType="{_CT}{kind}+xml"/>')
            refs.append(f'<w:{kind}Reference w:type="{"default" if n == 1 else "first"}" r:id="{rid}"/>')
    sect_pr = f'<w:sectPr>{"".join(refs)}<w:pgSz w:w="11906" w:h="16838"/>{sect}</w:sectPr>'
    files["word/document.xml"] = f"{_DECL}<w:document {NS}><w:body>{body}{sect_pr}</w:body></w:document>"
    files["word/_rels/document.xml.rels"] = (
        f'{_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(f'<Relationship Id="{i}" Type="{_REL}{t}" Target="{g}"/>' for i, t, g in rels)
        + "</Relationships>")
    files["_rels/.rels"] = (
        f'{_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}officeDocument" Target="word/document.xml"/></Relationships>')
    files["[Content_Types].xml"] = (
        f'{_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + "".join(types) + "</Types>")
    if strict:
        for name, text in files.items():
            for old, new in STRICT_NS.items():
                text = text.replace(old, new)
            files[name] = text
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text.encode("utf-8"))
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


def placed(where: str, blocks: str, **kw: str) -> bytes:
    """``blocks`` in the body, in a table cell, or in the page header (the body then holds one line)."""
    if where == "body":
        return docx(blocks, **kw)  # type: ignore[arg-type]
    if where == "cell":
        return docx(in_cell(blocks), **kw)  # type: ignore[arg-type]
    return docx(p("Thân"), headers=(blocks,), **kw)  # type: ignore[arg-type]


WHERE = ("body", "cell", "header")


def lines(doc: object, where: str) -> list[str]:
    """What the reader read where the blocks were placed: paragraphs, or the lines of the cell."""
    from kclint.document import Paragraph, Table

    blocks = doc.blocks  # type: ignore[attr-defined]
    if where == "cell":
        table = next(b for b in blocks if isinstance(b, Table) and b.origin == "body")
        return table.rows[0].cells[1].text.split("\n")
    origin = "body" if where == "body" else "header"
    return [b.text for b in blocks if isinstance(b, Paragraph) and b.origin == origin]


def rewrite(data: bytes, edit: Callable[[str, bytes], bytes] = lambda name, raw: raw,
            add: dict[str, bytes] | None = None) -> bytes:
    """The package ``data`` with each member passed through ``edit(name, bytes)`` and ``add`` appended.

    Members are written as given, even a name that is already there: hostile packages are made this way.
    """
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, edit(info.filename, src.read(info)))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns about a duplicate name: sometimes the point
            for name, raw in (add or {}).items():
                dst.writestr(name, raw)
    return buf.getvalue()
