"""Decide what a file really is from its bytes, not its extension.

Plans arrive renamed and half-downloaded: a ``.docx`` may be a legacy ``.doc``,
an encrypted package, a PDF or a truncated zip. Each gets its own message.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from typing import Literal

from kclint.errors import InputError

# Caps checked before any XML is parsed (a zip bomb is small on disk).
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 5_000
MAX_INFLATED_BYTES = 400 * 1024 * 1024
MAX_DOCUMENT_XML_BYTES = 200 * 1024 * 1024

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

Kind = Literal["docx", "text"]


@dataclass(frozen=True)
class Sniffed:
    kind: Kind
    data: bytes


def _err(code: str, path: str, vi: str, en: str) -> InputError:
    return InputError(code, f"{path}: {vi}", f"{path}: {en}")


def sniff(path: str) -> Sniffed:
    """Read ``path`` and classify it; raise :class:`InputError` for anything kclint cannot read."""
    if os.path.isdir(path):
        raise _err("is_directory", path, "là một thư mục, không phải tệp.", "is a directory, not a file.")
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            raise _err(
                "too_large", path,
                f"tệp quá lớn ({size // (1024 * 1024)} MB; tối đa {MAX_FILE_BYTES // (1024 * 1024)} MB).",
                f"file too large ({size // (1024 * 1024)} MB; limit {MAX_FILE_BYTES // (1024 * 1024)} MB).",
            )
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise _err("not_found", path, "không tìm thấy tệp.", "file not found.") from None
    except PermissionError:
        raise _err("unreadable", path, "không có quyền đọc tệp.", "permission denied.") from None
    except OSError as exc:
        raise _err("unreadable", path, f"không đọc được tệp ({exc.strerror}).",
                   f"cannot read the file ({exc.strerror}).") from None
    if not data.strip():
        raise _err("empty", path, "tệp rỗng.", "the file is empty.")
    if data.startswith(_OLE2):
        if "EncryptionInfo".encode("utf-16-le") in data:
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
    if data.startswith(b"%PDF"):
        raise _err(
            "pdf", path,
            "đây là tệp PDF, không phải văn bản Word; hãy dùng bản .docx gốc của kế hoạch.",
            "this is a PDF, not a Word document; use the plan's original .docx.",
        )
    if data.startswith(b"{\\rtf"):
        raise _err("rtf", path, "đây là tệp RTF; hãy lưu lại dạng .docx.", "this is an RTF file; save it as .docx.")
    if data.startswith(b"PK"):
        _check_zip(path)
        return Sniffed("docx", data)
    return Sniffed("text", data)


def _check_zip(path: str) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            if len(infos) > MAX_ZIP_ENTRIES:
                raise _err("zip_entries", path, f"tệp nén có quá nhiều mục ({len(infos)}).",
                           f"the package has too many entries ({len(infos)}).")
            if sum(i.file_size for i in infos) > MAX_INFLATED_BYTES:
                raise _err("zip_bomb", path, "tệp nén giải ra quá lớn (nghi là zip bomb).",
                           "the package inflates to an excessive size (zip bomb?).")
            doc = next((i for i in infos if i.filename == "word/document.xml"), None)
            if doc is None:
                raise _err(
                    "not_word", path,
                    "tệp nén này không phải văn bản Word (thiếu word/document.xml).",
                    "this zip file is not a Word document (no word/document.xml).",
                )
            if doc.file_size > MAX_DOCUMENT_XML_BYTES:
                raise _err("zip_bomb", path, "nội dung văn bản giải ra quá lớn.",
                           "the document part inflates to an excessive size.")
            if "[Content_Types].xml" not in names:
                raise _err("not_word", path, "gói Word bị hỏng (thiếu [Content_Types].xml).",
                           "broken Word package (no [Content_Types].xml).")
    except zipfile.BadZipFile:
        raise _err(
            "truncated", path,
            "tệp Word bị hỏng hoặc tải về chưa hết; hãy tải lại tệp.",
            "the Word file is damaged or was not fully downloaded; download it again.",
        ) from None
