"""Plans uploaded as ``multipart/form-data``, read into memory with per-file and per-request caps.

Starlette's own form parser spools every file over 1 MB to a temporary file on disk and has
no per-file size limit; the review desk promises that nothing is written to disk, and a
plan over the limit must become a message for that file, not a failed request. So the body
is streamed through python-multipart's parser here: file bytes go to memory, a file over the
limit is dropped as soon as it crosses it (and only remembered as too large), and the bytes
kept for one request are bounded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import anyio
from python_multipart import MultipartParser
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import parse_options_header
from starlette.requests import Request


@dataclass
class Upload:
    """One file of the request: its name as sent, its bytes unless it was over the limit."""

    filename: str
    data: bytearray = field(default_factory=bytearray)
    size: int = 0  # bytes received, still counted after the data was dropped
    too_large: bool = False


class UploadError(Exception):
    """The request as a whole cannot be taken (not multipart, malformed, too many files, too big)."""

    def __init__(self, status: int, code: str, vi: str, en: str) -> None:
        super().__init__(en)
        self.status, self.code, self.vi, self.en = status, code, vi, en


class _Collector:
    """python-multipart callbacks that keep the parts named ``field`` which carry a file name."""

    def __init__(self, field: str, max_file: int, max_total: int, max_files: int) -> None:
        self.field, self.max_file, self.max_total, self.max_files = field.encode(), max_file, max_total, max_files
        self.uploads: list[Upload] = []
        self.kept = 0
        self._header = b""
        self._value = b""
        self._disposition = b""
        self._current: Upload | None = None

    def on_part_begin(self) -> None:
        self._disposition = b""
        self._current = None

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def on_header_end(self) -> None:
        if self._header.lower() == b"content-disposition":
            self._disposition = self._value
        self._header = self._value = b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self._disposition)
        if options.get(b"name") != self.field or b"filename" not in options:
            return  # other form fields are ignored, their bytes never kept
        if len(self.uploads) >= self.max_files:
            raise UploadError(413, "too_many_files", f"gửi tối đa {self.max_files} tệp mỗi lần.",
                              f"send at most {self.max_files} files at a time.")
        # Browsers send the name as raw UTF-8 (Vietnamese names are the rule, not the exception).
        self._current = Upload(options[b"filename"].decode("utf-8", "replace"))
        self.uploads.append(self._current)

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        up = self._current
        if up is None:
            return
        n = end - start
        up.size += n
        if up.too_large:
            return
        if up.size > self.max_file:
            self.kept -= len(up.data)
            up.data = bytearray()  # free it now: a 2 GB file must not be held to learn it is too big
            up.too_large = True
            return
        up.data += data[start:end]
        self.kept += n
        if self.kept > self.max_total:
            mb = f"{self.max_total / 1_000_000:g}"
            raise UploadError(413, "request_too_large", f"các tệp gửi cùng lúc vượt quá {mb} MB; hãy gửi ít tệp hơn.",
                              f"the files sent together exceed {mb} MB; send fewer at a time.")

    def on_part_end(self) -> None:
        self._current = None


async def read_uploads(request: Request, field: str, max_file: int, max_total: int,
                       max_files: int, read_timeout: float = 30.0) -> list[Upload]:
    """The files of ``field`` in ``request`` (in the order sent), empty selections left out.

    ``read_timeout``: the longest wait, in seconds, for the next piece of the body. A client that
    disconnects raises Starlette's ``ClientDisconnect``.
    """
    ctype, params = parse_options_header(request.headers.get("content-type"))
    boundary = params.get(b"boundary")
    if ctype != b"multipart/form-data" or not boundary:
        raise UploadError(415, "not_multipart", "yêu cầu phải gửi tệp dạng multipart/form-data.",
                          "the request must send files as multipart/form-data.")
    collector = _Collector(field, max_file, max_total, max_files)
    callbacks = {name: getattr(collector, name) for name in (
        "on_part_begin", "on_header_field", "on_header_value", "on_header_end", "on_headers_finished",
        "on_part_data", "on_part_end")}
    parser = MultipartParser(boundary, callbacks)  # type: ignore[arg-type]
    try:
        chunks = request.stream().__aiter__()
        while True:
            # A client that stops sending (slow-loris) is cut off instead of holding the connection forever.
            with anyio.fail_after(read_timeout):
                try:
                    chunk = await chunks.__anext__()
                except StopAsyncIteration:
                    break
            parser.write(chunk)
        parser.finalize()
    except TimeoutError:
        raise UploadError(408, "read_timeout", f"không nhận được dữ liệu tải lên trong {read_timeout:g} giây; "
                          "hãy gửi lại.", f"no upload data arrived for {read_timeout:g} s; send it again.") from None
    except FormParserError:
        raise UploadError(400, "malformed", "dữ liệu tải lên bị hỏng (multipart không hợp lệ).",
                          "the upload is damaged (invalid multipart data).") from None
    # A form submitted without choosing a file sends one empty part with an empty name.
    return [u for u in collector.uploads if u.filename or u.size]
