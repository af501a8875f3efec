"""Decide what a file really is from its bytes, not its extension, and vet a Word package before parsing.

Plans arrive renamed and half-downloaded: a ``.docx`` may be a legacy ``.doc``, an RTF or OpenDocument
file, an encrypted package, a PDF or a truncated zip. Each gets its own message, or, for ``.doc``,
``.rtf`` and ``.odt``, a conversion (:mod:`kclint.readers.convert`).

A package is vetted before any of it is parsed (numbers in :mod:`kclint.limits`):

* entry count, entry names (two entries whose names differ only in case are refused: readers
  disagree on which one is the part), and the *declared* inflated sizes (total, and per XML part);
* every member is then inflated once, streamed in chunks, counting the bytes *actually* produced,
  so a header that lies about sizes cannot make kclint allocate more than the caps. (CPython's
  ``zipfile`` already stops at the declared size and fails the CRC when the stream is longer; the
  count does not rely on that.) The same pass verifies every CRC;
* every XML part (by name, or by its declared content type) is decoded in the encoding its first
  bytes and its declaration name (UTF-8, UTF-16 and UTF-32 in both byte orders, with or without a
  BOM, and a few single-byte sets); a part in any other encoding, or that does not decode, or that
  declares a DTD or an entity, is refused. Word never writes a DTD, and refusing them means
  billion-laughs and external-entity payloads are never parsed at all (the parsers do not resolve
  entities or use the network either).

What passes is a :class:`Package`: the inflated XML parts, in memory, for the reader to parse once.
"""

from __future__ import annotations

import codecs
import io
import lzma
import os
import posixpath
import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Literal

from lxml import etree

from kclint import limits
from kclint.errors import InputError

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

Kind = Literal["docx", "text", "convert"]
#: Formats read through a LibreOffice conversion.
Convertible = Literal["doc", "rtf", "odt"]

_err = InputError.for_file

# What zipfile and its decompressors raise on damaged data (bz2 raises OSError; a bad UTF-8 file name,
# ValueError; zipfile itself indexes names and extra fields without checking their length, IndexError).
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, ValueError, struct.error,
               IndexError)

# DTD and entity declarations, searched in the decoded text of a part (or its bytes, for the encodings
# in which ASCII is itself). Scanned over whole parts, because a long comment before the root element
# can push the DOCTYPE past any fixed-size head.
_DTD_MARKERS = ("<!DOCTYPE", "<!ENTITY")
_DTD_TEXT = re.compile("|".join(re.escape(m) for m in _DTD_MARKERS))
_DTD_BYTES = re.compile(b"|".join(re.escape(m.encode()) for m in _DTD_MARKERS))
_DTD_OVERLAP = max(len(m) for m in _DTD_MARKERS) - 1
_XML_DECL_ENCODING = re.compile(r"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")

# Encodings a part may be in, by the family its first bytes show (XML 1.0, appendix F), with the
# declarations each family accepts. ASCII is ASCII in the first family, so its bytes are scanned as
# they are; the others are decoded. libxml2 would accept more (UTF-7, EBCDIC, ISO-2022...); Word writes
# UTF-8, so anything else is refused rather than half-understood.
_ASCII_FAMILY = frozenset({"utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin1", "latin-1",
                           "iso_8859-1", "windows-1252", "cp1252"})
_FAMILY_DECLARATIONS = {
    "utf-16-le": frozenset({"utf-16", "utf16", "utf-16le", "ucs-2", "iso-10646-ucs-2"}),
    "utf-16-be": frozenset({"utf-16", "utf16", "utf-16be", "ucs-2", "iso-10646-ucs-2"}),
    "utf-32-le": frozenset({"utf-32", "utf32", "utf-32le", "ucs-4", "iso-10646-ucs-4"}),
    "utf-32-be": frozenset({"utf-32", "utf32", "utf-32be", "ucs-4", "iso-10646-ucs-4"}),
}
# (first bytes, family, BOM length). Longest first: a UTF-32-LE BOM starts with the UTF-16-LE one.
_SIGNATURES = (
    (b"\xff\xfe\x00\x00", "utf-32-le", 4), (b"\x00\x00\xfe\xff", "utf-32-be", 4),
    (b"<\x00\x00\x00", "utf-32-le", 0), (b"\x00\x00\x00<", "utf-32-be", 0),
    (b"\x00\x00<\x00", None, 0), (b"\x00<\x00\x00", None, 0),  # UCS-4 in the two odd byte orders
    (b"\x4c\x6f\xa7\x94", None, 0),  # '<?xm' in EBCDIC
    (b"\xef\xbb\xbf", "ascii", 3),
    (b"\xff\xfe", "utf-16-le", 2), (b"\xfe\xff", "utf-16-be", 2),
    (b"<\x00?\x00", "utf-16-le", 0), (b"\x00<\x00?", "utf-16-be", 0),
)

_OFFICE_DOCUMENT_REL = ("/officeDocument/2006/relationships/officeDocument",
                        "/officeDocument/relationships/officeDocument")  # transitional, strict
# Lower-cased, as content types are compared (they are case-insensitive). Every flavour is read the
# same way: a macro-enabled document or a template holds the same WordprocessingML, and kclint never
# runs anything it reads.
_FLAVOURS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.ms-word.document.macroenabled.main+xml": "docm",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": "dotx",
    "application/vnd.ms-word.template.macroenabledtemplate.main+xml": "dotm",
}
_ODF_TEXT = (b"application/vnd.oasis.opendocument.text", b"application/vnd.oasis.opendocument.text-template")
_CONTENT_TYPES = "[content_types].xml"
# The parser of every part kclint reads: no entities, no DTD, no network, libxml2's depth and size caps.
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                              remove_comments=True, remove_pis=True, collect_ids=False)


@dataclass(frozen=True)
class Sniffed:
    kind: Kind
    data: bytes
    package: Package | None = None  # kind "docx": the vetted parts
    source: Convertible | None = None  # kind "convert": what LibreOffice is to convert


def _mib(n: int) -> int:
    return n // limits.MiB


def _too_large(path: str, size: int, cap: int) -> InputError:
    return _err("too_large", path, f"tệp quá lớn ({_mib(size)} MB; tối đa {_mib(cap)} MB).",
                f"file too large ({_mib(size)} MB; limit {_mib(cap)} MB).")


def read_bounded(path: str) -> bytes:
    """The bytes of a regular file, refusing directories, devices, pipes and files over the cap.

    ``stat`` comes first so that a FIFO named ``plan.txt`` is never opened (opening one blocks)
    and ``/dev/zero`` is never read; the read itself is capped too, in case the file grows.
    """
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise _err("is_directory", path, "là một thư mục, không phải tệp.", "is a directory, not a file.")
        if not stat.S_ISREG(st.st_mode):
            raise _err("not_regular", path, "không phải tệp thông thường (thiết bị, pipe hoặc socket).",
                       "not a regular file (a device, pipe or socket).")
        if st.st_size > limits.MAX_FILE_BYTES:
            raise _too_large(path, st.st_size, limits.MAX_FILE_BYTES)
        with open(path, "rb") as fh:
            # read(n) allocates n bytes up front: ask for the size stat reported, then go on in
            # chunks only if the file grew meanwhile.
            parts = [fh.read(st.st_size)]
            size = len(parts[0])
            while size <= limits.MAX_FILE_BYTES and (more := fh.read(limits.INFLATE_CHUNK_BYTES)):
                parts.append(more)
                size += len(more)
            data = b"".join(parts)
    except FileNotFoundError:
        raise _err("not_found", path, "không tìm thấy tệp.", "file not found.") from None
    except PermissionError:
        raise _err("unreadable", path, "không có quyền đọc tệp.", "permission denied.") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        reason = getattr(exc, "strerror", None) or str(exc)
        raise _err("unreadable", path, f"không đọc được tệp ({reason}).", f"cannot read the file ({reason}).") from None
    if len(data) > limits.MAX_FILE_BYTES:
        raise _too_large(path, len(data), limits.MAX_FILE_BYTES)
    return data


def sniff(path: str) -> Sniffed:
    """Read ``path`` and classify it; raise :class:`InputError` for anything kclint cannot read."""
    return classify(read_bounded(path), path)


def classify(data: bytes, path: str) -> Sniffed:
    """Classify bytes already read (``path`` only names the file in messages)."""
    if not data.strip():
        raise _err("empty", path, "tệp rỗng.", "the file is empty.")
    if data.startswith(_OLE2):
        if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
            raise _err(
                "encrypted", path,
                "tệp Word được đặt mật khẩu; hãy gỡ mật khẩu (File > Info > Protect Document) rồi kiểm tra lại.",
                "the Word file is password-protected; remove the password and try again.",
            )
        if "WordDocument".encode("utf-16-le") not in data:  # the stream every Word 97-2003 file has
            raise _err("legacy_doc", path,
                       "đây là tệp Office cũ nhưng không phải văn bản Word (.doc); hãy dùng bản Word của kế hoạch.",
                       "this is a legacy Office file but not a Word document (.doc); use the plan's Word file.")
        return Sniffed("convert", data, source="doc")
    # PDF allows junk before the header within the first kilobyte.
    if b"%PDF-" in data[:1024]:
        raise _err(
            "pdf", path,
            "đây là tệp PDF, không phải văn bản Word; hãy dùng bản .docx gốc của kế hoạch.",
            "this is a PDF, not a Word document; use the plan's original .docx.",
        )
    if data.startswith(b"{\\rtf"):
        return Sniffed("convert", data, source="rtf")
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):  # a zip's first member, or an empty zip
        package = vet_package(data, path)
        if package.flavour == "odt":
            return Sniffed("convert", data, source="odt")
        return Sniffed("docx", data, package)
    if len(data) > limits.MAX_TEXT_BYTES:
        raise _too_large(path, len(data), limits.MAX_TEXT_BYTES)
    return Sniffed("text", data)


# --- the package -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Relationship:
    type: str  # the last segment of the type URI: 'header', 'styles', 'footnotes'...
    target: str  # lower-cased part name, resolved against the source part
    id: str


@dataclass
class Package:
    """A vetted Word package: its XML parts inflated, by lower-cased name (part names are case-insensitive)."""

    path: str
    main: str
    flavour: str  # docx, docm, dotx, dotm (odt: to be converted)
    parts: dict[str, bytes] = field(default_factory=dict)
    data: bytes = b""  # the package itself, as vetted

    def xml(self, name: str) -> etree._Element | None:
        """The parsed part, or None when the package has no such XML part; damaged XML is an InputError."""
        data = self.parts.get(name)
        if data is None:
            return None
        try:
            return etree.fromstring(data, SAFE_PARSER)
        except etree.XMLSyntaxError:
            raise _err("xml", self.path, f"nội dung XML của tệp Word bị hỏng (phần {name}).",
                       f"damaged XML in the Word file (part {name}).") from None

    def relationships(self, source: str) -> list[Relationship]:
        """The internal relationships of part ``source``, in the order its ``.rels`` part lists them."""
        folder, base = posixpath.split(source)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        if root is None:
            return []
        out: list[Relationship] = []
        for rel in root.iter("{*}Relationship"):
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External" or not target:
                continue
            target = target.replace("\\", "/")
            name = posixpath.normpath(target if target.startswith("/") else posixpath.join("/", folder, target))
            out.append(Relationship((rel.get("Type") or "").rsplit("/", 1)[-1], name.lstrip("/").lower(),
                                    rel.get("Id") or ""))
        return out


class _Scan:
    """The incremental DTD and encoding check of one XML member, fed its chunks as they are inflated."""

    def __init__(self) -> None:
        self.unsafe = False
        self.decoder: codecs.IncrementalDecoder | None = None
        self.started = False
        self.tail: bytes | str = b""

    def feed(self, chunk: bytes, final: bool = False) -> None:
        if self.unsafe:
            return
        if not self.started:
            self.started = True
            if not self._start(chunk):
                self.unsafe = True
                return
        if self.decoder is None:
            window: bytes | str = self.tail + chunk
            found = _DTD_BYTES.search(window)  # type: ignore[arg-type]
        else:
            try:
                window = self.tail + self.decoder.decode(chunk, final)  # type: ignore[operator]
            except UnicodeDecodeError:
                self.unsafe = True
                return
            found = _DTD_TEXT.search(window)  # type: ignore[arg-type]
        if found:
            self.unsafe = True
        self.tail = window[-_DTD_OVERLAP:]

    def _start(self, head: bytes) -> bool:
        """Pick the decoder from the first bytes and the declaration; False for an encoding kclint refuses."""
        family, bom = "ascii", 0
        for signature, fam, length in _SIGNATURES:
            if head.startswith(signature):
                if fam is None:
                    return False
                family, bom = fam, length
                break
        codec = "latin-1" if family == "ascii" else family
        m = _XML_DECL_ENCODING.match(head[bom:bom + 1024].decode(codec, "ignore"))
        declared = m.group(1).strip().lower().replace("_", "-") if m else None
        if family == "ascii":
            return declared is None or declared in _ASCII_FAMILY
        if declared is not None and declared not in _FAMILY_DECLARATIONS[family]:
            return False
        self.decoder = codecs.getincrementaldecoder(family)("strict")
        self.tail = ""
        return True


@dataclass
class _ContentTypes:
    defaults: dict[str, str] = field(default_factory=dict)  # extension -> type
    overrides: dict[str, str] = field(default_factory=dict)  # part name without "/" -> type

    def of(self, name: str) -> str:
        key = name.lower()
        return self.overrides.get(key) or self.defaults.get(posixpath.splitext(key)[1].lstrip("."), "")


def _damaged(path: str) -> InputError:
    return _err(
        "truncated", path,
        "tệp Word bị hỏng hoặc tải về chưa hết; hãy tải lại tệp.",
        "the Word file is damaged or was not fully downloaded; download it again.",
    )


def _bomb(path: str, what_vi: str, what_en: str) -> InputError:
    return _err("zip_bomb", path, f"{what_vi} giải nén ra quá lớn (nghi là zip bomb).",
                f"{what_en} inflates to an excessive size (zip bomb?).")


def _unsafe_xml(path: str, name: str) -> InputError:
    return _err(
        "xml_unsafe", path,
        f"phần {name} chứa XML bất thường (khai báo DTD/thực thể hoặc bảng mã lạ) mà Word không bao giờ tạo ra; "
        "kclint không đọc tệp này.",
        f"part {name} holds unusual XML (a DTD/entity declaration or an odd encoding) that Word never writes; "
        "kclint does not read this file.",
    )


def _looks_like_xml_name(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


def _xml_content_type(ctype: str) -> bool:
    """A part a Word reader may parse whatever its name: any XML content type but images (SVG)."""
    return ctype.endswith("xml") and not ctype.startswith("image/")


def _entry_key(name: str) -> str:
    """How Word, python-docx and zip tools may each resolve an entry name: case, slashes and a leading '/'."""
    return name.replace("\\", "/").lstrip("/").lower()


def _inflate(zf: zipfile.ZipFile, info: zipfile.ZipInfo, path: str, total: list[int], xml: bool) -> bytes | None:
    """Inflate one member in bounded chunks, counting real bytes; an XML member is scanned and kept."""
    chunks: list[bytes] = []
    size = 0
    scan = _Scan() if xml else None
    with zf.open(info) as fh:
        while chunk := fh.read(limits.INFLATE_CHUNK_BYTES):
            size += len(chunk)
            total[0] += len(chunk)
            if total[0] > limits.MAX_INFLATED_BYTES:
                raise _bomb(path, "tệp nén", "the package")
            if scan is not None:
                if size > limits.MAX_XML_PART_BYTES:
                    raise _bomb(path, f"phần {info.filename}", f"part {info.filename}")
                scan.feed(chunk)
                chunks.append(chunk)
    if scan is None:
        return None
    scan.feed(b"", final=True)
    if scan.unsafe:
        raise _unsafe_xml(path, info.filename)
    return b"".join(chunks)


def _content_types(data: bytes | None) -> _ContentTypes:
    types = _ContentTypes()
    try:
        root = etree.fromstring(data, SAFE_PARSER) if data else None
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        return types
    for el in root.iter("{*}Default", "{*}Override"):
        ctype = (el.get("ContentType") or "").strip().lower()
        if el.get("Extension") is not None:
            types.defaults[el.get("Extension", "").lower()] = ctype
        elif el.get("PartName") is not None:
            types.overrides[el.get("PartName", "").lower().lstrip("/")] = ctype
    return types


def _main_part(rels: bytes | None) -> str:
    """The main document part named by ``_rels/.rels`` (Word Online writes ``word/document2.xml``)."""
    try:
        root = etree.fromstring(rels, SAFE_PARSER) if rels else None
    except etree.XMLSyntaxError:
        root = None
    if root is not None:
        for rel in root.iter("{*}Relationship"):
            if (rel.get("Type") or "").endswith(_OFFICE_DOCUMENT_REL) and rel.get("TargetMode") != "External":
                return posixpath.normpath("/" + (rel.get("Target") or "")).lstrip("/").lower()
    return "word/document.xml"


def _check_entries(infos: list[zipfile.ZipInfo], path: str) -> None:
    if len(infos) > limits.MAX_ZIP_ENTRIES:
        raise _err("zip_entries", path,
                   f"tệp nén có quá nhiều mục ({len(infos)}; tối đa {limits.MAX_ZIP_ENTRIES}).",
                   f"the package has too many entries ({len(infos)}; limit {limits.MAX_ZIP_ENTRIES}).")
    seen: dict[str, str] = {}
    for i in infos:
        key = _entry_key(i.filename)
        if key in seen:
            raise _err("duplicate_entry", path,
                       f"tệp nén có hai mục trùng tên ({seen[key]} và {i.filename}); tệp Word thật không bao giờ "
                       "như vậy, kclint không đọc tệp này.",
                       f"the package holds two entries with one name ({seen[key]} and {i.filename}); Word never "
                       "writes that, and kclint does not read this file.")
        seen[key] = i.filename
    if sum(i.file_size for i in infos) > limits.MAX_INFLATED_BYTES:
        raise _bomb(path, "tệp nén", "the package")
    for i in infos:
        if i.file_size > limits.MAX_XML_PART_BYTES and _looks_like_xml_name(i.filename):
            raise _bomb(path, f"phần {i.filename}", f"part {i.filename}")
    if any(i.flag_bits & 0x1 for i in infos):
        raise _err("encrypted", path, "tệp nén được đặt mật khẩu; hãy gỡ mật khẩu rồi kiểm tra lại.",
                   "the package is password-protected; remove the password and try again.")


def vet_package(data: bytes, path: str) -> Package:
    """The XML parts of a readable, reasonably sized, DTD-free Word (or OpenDocument text) package.

    Raises :class:`InputError` for anything else. ``[Content_Types].xml`` is inflated and vetted
    first, so that every other member is known to be XML (by name or declared type) before it is
    inflated: those are scanned and kept, the others (images, fonts, macros) only counted.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = [i for i in zf.infolist() if not i.filename.endswith("/")]  # folders hold nothing
            _check_entries(infos, path)
            infos.sort(key=lambda i: _entry_key(i.filename) != _CONTENT_TYPES)
            total = [0]
            parts: dict[str, bytes] = {}
            types = _ContentTypes()
            mimetype = b""
            for info in infos:
                key = _entry_key(info.filename)
                xml = _looks_like_xml_name(key) or _xml_content_type(types.of(key))
                kept = _inflate(zf, info, path, total, xml)
                if kept is not None:
                    parts[key] = kept
                    if key == _CONTENT_TYPES:
                        types = _content_types(kept)
                elif key == "mimetype" and info.file_size < 100:
                    mimetype = zf.read(info).strip()
    except NotImplementedError:
        raise _err("unsupported_zip", path, "tệp nén dùng kiểu nén Word không hỗ trợ; hãy lưu lại bằng Word.",
                   "the package uses a compression method Word does not write; re-save it in Word.") from None
    except _ZIP_ERRORS:
        raise _damaged(path) from None
    if _CONTENT_TYPES not in parts and mimetype in _ODF_TEXT:
        return Package(path, "content.xml", "odt", parts, data)
    main = _main_part(parts.get("_rels/.rels"))
    if main not in parts:
        raise _err(
            "not_word", path,
            "tệp nén này không phải văn bản Word (thiếu word/document.xml).",
            "this zip file is not a Word document (no word/document.xml).",
        )
    if _CONTENT_TYPES not in parts:
        raise _err("not_word", path, "gói Word bị hỏng (thiếu [Content_Types].xml).",
                   "broken Word package (no [Content_Types].xml).")
    return Package(path, main, _FLAVOURS.get(types.of(main), "docx"), parts, data)
