"""Decide what a file really is from its bytes, not its extension, and vet a ``.docx`` before parsing.

Plans arrive renamed and half-downloaded: a ``.docx`` may be a legacy ``.doc``,
an encrypted package, a PDF or a truncated zip. Each gets its own message.

A package is vetted before any of it reaches python-docx (numbers in :mod:`kclint.limits`):

* entry count and the *declared* inflated sizes (total, and per XML part);
* every member is then inflated once, streamed in chunks, counting the bytes *actually* produced,
  so a header that lies about sizes cannot make kclint allocate more than the caps. (CPython's
  ``zipfile`` already stops at the declared size and fails the CRC when the stream is longer; the
  count does not rely on that.) The same pass verifies every CRC;
* every part python-docx parses as XML (by name or by its declared content type) must be UTF-8 or
  UTF-16, as OOXML requires, and must not declare a DTD or entities: Word never writes them, and
  refusing them means billion-laughs and external-entity payloads are never parsed at all.
  (python-docx's own parser does not resolve entities or use the network either.)
"""

from __future__ import annotations

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

Kind = Literal["docx", "text"]

_err = InputError.for_file

# What zipfile and its decompressors raise on damaged data (bz2 raises OSError; a bad UTF-8 file name,
# ValueError; zipfile itself indexes names and extra fields without checking their length, IndexError).
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, ValueError, struct.error,
               IndexError)

# A DTD or entity declaration in any encoding OOXML allows. Scanned over whole parts, because a
# long comment before the root element can push the DOCTYPE past any fixed-size head.
_DTD_MARKERS = [m.encode(enc) for m in ("<!DOCTYPE", "<!ENTITY") for enc in ("utf-8", "utf-16-le", "utf-16-be")]
_DTD = re.compile(b"|".join(re.escape(m) for m in _DTD_MARKERS))
_DTD_OVERLAP = max(len(m) for m in _DTD_MARKERS) - 1
_XML_DECL_ENCODING = re.compile(r"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")
# ASCII-compatible encodings (the DTD markers above cover them) and UTF-16; Word writes UTF-8.
_SAFE_ENCODINGS = {"utf-8", "utf8", "utf-16", "utf16", "utf-16le", "utf-16be", "us-ascii", "ascii",
                   "iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252"}

_OFFICE_DOCUMENT_REL = ("/officeDocument/2006/relationships/officeDocument",
                        "/officeDocument/relationships/officeDocument")  # transitional, strict
# Lower-cased, as content types are compared (they are case-insensitive).
_WORD_VARIANTS = ("application/vnd.ms-word.document.macroenabled.main+xml",
                  "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
                  "application/vnd.ms-word.template.macroenabledtemplate.main+xml")
# Only for the two tiny parts kclint reads itself; the same settings as python-docx's parser, spelled out.
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@dataclass(frozen=True)
class Sniffed:
    kind: Kind
    data: bytes


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
        raise _err(
            "legacy_doc", path,
            "đây là tệp Word cũ (.doc); hãy mở bằng Word và lưu lại dạng .docx.",
            "this is a legacy Word file (.doc); open it in Word and save it as .docx.",
        )
    # PDF allows junk before the header within the first kilobyte.
    if b"%PDF-" in data[:1024]:
        raise _err(
            "pdf", path,
            "đây là tệp PDF, không phải văn bản Word; hãy dùng bản .docx gốc của kế hoạch.",
            "this is a PDF, not a Word document; use the plan's original .docx.",
        )
    if data.startswith(b"{\\rtf"):
        raise _err("rtf", path, "đây là tệp RTF; hãy lưu lại dạng .docx.", "this is an RTF file; save it as .docx.")
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):  # a zip's first member, or an empty zip
        vet_package(data, path)
        return Sniffed("docx", data)
    if len(data) > limits.MAX_TEXT_BYTES:
        raise _too_large(path, len(data), limits.MAX_TEXT_BYTES)
    return Sniffed("text", data)


@dataclass
class _Member:
    name: str
    size: int = 0  # bytes actually inflated
    head: bytes = b""
    declares_dtd: bool = False

    def unsafe(self) -> bool:
        return self.declares_dtd or _odd_xml_encoding(self.head)


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


def _odd_xml_encoding(head: bytes) -> bool:
    """True unless the part is UTF-8/UTF-16 (or ASCII-compatible) by its first bytes and its declaration."""
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00")) or head.startswith(b"\x4c\x6f\xa7\x94"):
        return True  # UTF-32 or EBCDIC: possible in XML, never in OOXML
    if head.startswith((b"\xff\xfe", b"<\x00")):
        text = head.removeprefix(b"\xff\xfe").decode("utf-16-le", "ignore")
    elif head.startswith((b"\xfe\xff", b"\x00<")):
        text = head.removeprefix(b"\xfe\xff").decode("utf-16-be", "ignore")
    else:
        text = head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")
    m = _XML_DECL_ENCODING.match(text)
    return bool(m) and m.group(1).strip().lower() not in _SAFE_ENCODINGS


def _inflate_all(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], path: str) -> dict[str, _Member]:
    """Inflate every member in bounded chunks, counting real bytes and scanning for DTD markers."""
    members: dict[str, _Member] = {}
    total = 0
    for info in infos:
        if info.filename.endswith("/"):  # a folder (ZipInfo.is_dir() raises IndexError on an empty name)
            continue
        member = _Member(info.filename)
        tail = b""
        with zf.open(info) as fh:
            while chunk := fh.read(limits.INFLATE_CHUNK_BYTES):
                member.size += len(chunk)
                total += len(chunk)
                if total > limits.MAX_INFLATED_BYTES:
                    raise _bomb(path, "tệp nén", "the package")
                if member.size > limits.MAX_XML_PART_BYTES and _looks_like_xml_name(info.filename):
                    raise _bomb(path, f"phần {info.filename}", f"part {info.filename}")
                if not member.head:
                    member.head = chunk[:256]
                if not member.declares_dtd and _DTD.search(tail + chunk):
                    member.declares_dtd = True
                tail = chunk[-_DTD_OVERLAP:]
        members[info.filename.lower()] = member
    return members


def _looks_like_xml_name(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


def _parse_small(zf: zipfile.ZipFile, name: str) -> etree._Element | None:
    try:
        return etree.fromstring(zf.read(name), _SAFE_PARSER)
    except (KeyError, etree.XMLSyntaxError):
        return None


def _content_types(zf: zipfile.ZipFile) -> _ContentTypes:
    types = _ContentTypes()
    root = _parse_small(zf, "[Content_Types].xml")
    if root is None:
        return types
    for el in root.iter("{*}Default", "{*}Override"):
        ctype = (el.get("ContentType") or "").strip().lower()
        if el.get("Extension") is not None:
            types.defaults[el.get("Extension", "").lower()] = ctype
        elif el.get("PartName") is not None:
            types.overrides[el.get("PartName", "").lower().lstrip("/")] = ctype
    return types


def _main_part(zf: zipfile.ZipFile) -> str:
    """The main document part named by ``_rels/.rels`` (Word Online writes ``word/document2.xml``)."""
    root = _parse_small(zf, "_rels/.rels")
    if root is not None:
        for rel in root.iter("{*}Relationship"):
            if (rel.get("Type") or "").endswith(_OFFICE_DOCUMENT_REL) and rel.get("TargetMode") != "External":
                return posixpath.normpath("/" + (rel.get("Target") or "")).lstrip("/").lower()
    return "word/document.xml"


def _xml_content_type(ctype: str) -> bool:
    """A part python-docx may parse whatever its name: any XML content type but images (SVG)."""
    return ctype.endswith("xml") and not ctype.startswith("image/")


def vet_package(data: bytes, path: str) -> None:
    """Refuse a zip that is not a readable, reasonably sized, DTD-free Word package."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > limits.MAX_ZIP_ENTRIES:
                raise _err("zip_entries", path,
                           f"tệp nén có quá nhiều mục ({len(infos)}; tối đa {limits.MAX_ZIP_ENTRIES}).",
                           f"the package has too many entries ({len(infos)}; limit {limits.MAX_ZIP_ENTRIES}).")
            if sum(i.file_size for i in infos) > limits.MAX_INFLATED_BYTES:
                raise _bomb(path, "tệp nén", "the package")
            for i in infos:
                if i.file_size > limits.MAX_XML_PART_BYTES and _looks_like_xml_name(i.filename):
                    raise _bomb(path, f"phần {i.filename}", f"part {i.filename}")
            if any(i.flag_bits & 0x1 for i in infos):
                raise _err("encrypted", path, "tệp nén được đặt mật khẩu; hãy gỡ mật khẩu rồi kiểm tra lại.",
                           "the package is password-protected; remove the password and try again.")
            members = _inflate_all(zf, infos, path)  # by name, XML parts are already within their cap
            # By name first: that covers [Content_Types].xml and _rels/.rels, which kclint parses next.
            for m in members.values():
                if _looks_like_xml_name(m.name) and m.unsafe():
                    raise _unsafe_xml(path, m.name)
            # Then what python-docx would parse as XML because of its declared content type.
            types = _content_types(zf)
            for m in members.values():
                if _xml_content_type(types.of(m.name)):
                    if m.size > limits.MAX_XML_PART_BYTES:
                        raise _bomb(path, f"phần {m.name}", f"part {m.name}")
                    if m.unsafe():
                        raise _unsafe_xml(path, m.name)
            main = _main_part(zf)
            if main not in members:
                raise _err(
                    "not_word", path,
                    "tệp nén này không phải văn bản Word (thiếu word/document.xml).",
                    "this zip file is not a Word document (no word/document.xml).",
                )
            if "[content_types].xml" not in members:
                raise _err("not_word", path, "gói Word bị hỏng (thiếu [Content_Types].xml).",
                           "broken Word package (no [Content_Types].xml).")
            if types.of(main) in _WORD_VARIANTS:
                raise _err("not_docx", path,
                           "đây là mẫu Word (.dotx/.dotm) hoặc văn bản có macro (.docm); hãy lưu lại dạng .docx.",
                           "this is a Word template (.dotx/.dotm) or macro-enabled document (.docm); "
                           "save it as .docx.")
    except NotImplementedError:
        raise _err("unsupported_zip", path, "tệp nén dùng kiểu nén Word không hỗ trợ; hãy lưu lại bằng Word.",
                   "the package uses a compression method Word does not write; re-save it in Word.") from None
    except _ZIP_ERRORS:
        raise _damaged(path) from None
