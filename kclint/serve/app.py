"""The review desk's web application: upload plans, read the findings, download the reports.

Built on Starlette. Plans are checked by the same code as ``kclint check``
(:func:`kclint.batch.run_batch` over :func:`kclint.pipeline.check_file`): since the pipeline
reads from a path, each request writes its uploads into a private
``tempfile.TemporaryDirectory`` (mode 0700) that is deleted as soon as the check returns, and
the annotated Word copy is made the same way at download time. Results stay in this process's
memory (the last ``Settings.keep`` files) for the downloads; nothing else is written anywhere.

Requests are only answered for the hosts the desk was started for (DNS-rebinding guard), a
cross-site page cannot post plans to it (Origin check), and no response may be cached or
framed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
import secrets
import tempfile
from collections import OrderedDict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from urllib.parse import quote, urlsplit

import anyio
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kclint import __version__
from kclint.engine import RunOptions
from kclint.errors import KclintError
from kclint.evidence import context_key
from kclint.model import Plan, SchoolLevel
from kclint.report.words import LANGS, desk_words
from kclint.results import FileResult
from kclint.serve.upload import Upload, UploadError, read_uploads
from kclint.serve.views import download_name, file_view, kept, not_written, relabel, safe_name, too_large

MB = 1_000_000
_log = logging.getLogger("uvicorn.error")  # the one logger the desk's terminal shows (warnings and up)
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")

_SECURITY_HEADERS = {
    # Everything the page needs is served by the desk itself: no CDN, no fonts, no inline script.
    "content-security-policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    # Results quote the plans: the browser must not keep them in its disk cache either.
    "cache-control": "no-store",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}


@dataclass(frozen=True)
class Settings:
    """How the desk checks plans (the ``kclint check`` options) and its limits."""

    options: RunOptions = field(default_factory=RunOptions)
    today: dt.date | None = None  # fixed reference date (``--today``); None: the day of each check
    level: SchoolLevel | None = None
    lang: str = "vi"  # the page's first language
    max_upload_bytes: int = 20 * MB
    max_request_bytes: int | None = None  # bytes kept for one request; default 10 uploads' worth
    max_files: int = 50  # files in one request
    jobs: int | None = None  # worker processes for a request with several files (default: the cores)
    keep: int = 200  # checked files kept in memory for their downloads, oldest dropped first
    max_memory_bytes: int = 512 * 2**20  # estimated bytes of kept results, oldest dropped first
    allowed_hosts: Sequence[str] = LOOPBACK_HOSTS
    read_timeout: float = 30.0  # seconds without upload data before a request is cut off (slow clients)

    @property
    def request_limit(self) -> int:
        return self.max_request_bytes or 10 * self.max_upload_bytes


@dataclass
class _Entry:
    result: FileResult  # the plan model in it reduced to what the page and the downloads quote
    today: dt.date
    docx: bytes | None  # the uploaded Word file, kept for the annotated copy
    size: int = 0  # estimated bytes held (see :func:`_kept_size`)


def _kept_size(view: dict, docx: bytes | None) -> int:
    """Bytes an entry holds, estimated from what is rendered anyway: the page's JSON for it, and the upload.

    The kept result is the findings plus the texts they quote, which is what that JSON spells out; as
    Python objects it takes a few times its JSON size, hence the factor.
    """
    return 4 * len(json.dumps(view, ensure_ascii=False).encode()) + len(docx or b"")


class _Store:
    """Checked files by random id, the oldest dropped beyond ``keep`` files or ``max_bytes`` (the process is
    the session). The newest file is always kept, even alone over the budget: it is what the reviewer is reading.
    """

    def __init__(self, keep: int, max_bytes: int) -> None:
        self.keep, self.max_bytes = keep, max_bytes
        self.bytes = 0
        self._entries: OrderedDict[str, _Entry] = OrderedDict()

    def add(self, entry: _Entry) -> tuple[str, list[str]]:
        """The new entry's id, and the ids of the older entries dropped to make room for it."""
        file_id = secrets.token_urlsafe(16)  # unguessable: ids are the only handle on a plan's content
        self._entries[file_id] = entry
        self.bytes += entry.size
        dropped = []
        while len(self._entries) > 1 and (len(self._entries) > self.keep or self.bytes > self.max_bytes):
            old_id, old = self._entries.popitem(last=False)
            self.bytes -= old.size
            dropped.append(old_id)
        return file_id, dropped

    def get(self, file_id: str) -> _Entry | None:
        return self._entries.get(file_id)

    def pop(self, file_id: str) -> _Entry | None:
        entry = self._entries.pop(file_id, None)
        if entry is not None:
            self.bytes -= entry.size
        return entry


def _slim(result: FileResult) -> FileResult:
    """``result`` with a plan model that keeps only what the page and the downloads read.

    A 160 KB plan of 20,000 table rows makes a model of hundreds of MB; what is shown of it is the
    header (level, period, catalog version) and the paragraphs and cells the findings quote.
    """
    plan = result.plan
    if plan is None:
        return result
    quoted = {context_key(f.location) for f in result.findings}
    texts = [span for span in plan.physical_texts() if context_key(span.loc) in quoted]
    slim = Plan(path=plan.path, source_format=plan.source_format, kind=plan.kind, school_name=plan.school_name,
                school_level=plan.school_level, header=plan.header, period=plan.period, texts=texts)
    return dataclasses.replace(result, plan=slim)


def _dropped_notice(n: int, max_bytes: int) -> dict[str, str]:
    mb = f"{max_bytes / 2**20:g}"
    return {"vi": f"Đã bỏ {n} kết quả cũ nhất khỏi bộ nhớ của bàn duyệt (giới hạn {mb} MB); hãy tải lại tệp nếu "
                  "cần xem hoặc tải về chúng. Khởi động với --max-memory lớn hơn để giữ nhiều hơn.",
            "en": f"The {n} oldest result(s) were dropped from the desk's memory (limit {mb} MB); upload those "
                  "files again to view or download them. Start it with a larger --max-memory to keep more."}


class _SecurityHeaders:
    """Adds :data:`_SECURITY_HEADERS` to every response (pure ASGI, so streaming responses keep streaming)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *(
                    (k.encode(), v.encode()) for k, v in _SECURITY_HEADERS.items() if k.encode() not in present)]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _error(status: int, code: str, vi: str, en: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "vi": vi, "en": en}}, status_code=status)


def _not_found() -> JSONResponse:
    return _error(404, "gone", "không còn kết quả này (bàn duyệt đã khởi động lại hoặc đã xóa); hãy tải tệp lên lại.",
                  "this result is no longer here (the desk restarted or it was cleared); upload the file again.")


def _attachment(name: str) -> str:
    """A Content-Disposition keeping a Vietnamese file name (RFC 6266), with an ASCII fallback."""
    fallback = "".join(ch if ch.isascii() and ch.isprintable() and ch not in '"\\' else "_" for ch in name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"


def _lang(request: Request) -> str:
    lang = request.query_params.get("lang", "vi")
    return lang if lang in LANGS else "vi"


def _dismissed(request: Request) -> set[int] | None:
    """``?dismissed=3,7`` -> {3, 7}; None when malformed."""
    return _indices(request.query_params.get("dismissed", ""))


def _indices(raw: str) -> set[int] | None:
    """``3,7`` -> {3, 7}; None when malformed."""
    try:
        return {int(x) for x in raw.split(",") if x.strip()}
    except ValueError:
        return None


def _cross_site(request: Request) -> bool:
    """A browser posting from another site sends its Origin; the desk's own page sends the desk's."""
    origin = request.headers.get("origin")
    return origin is not None and urlsplit(origin).netloc != request.headers.get("host")


def _anchor_per_file_ignores(options: RunOptions) -> RunOptions:
    """Match per-file-ignores patterns against the uploaded name as ``kclint check NAME`` would.

    The file is checked as ``<temporary folder>/<i>/NAME``; ``*/`` in front of a pattern lets
    ``NAME`` patterns (and ``*.docx``) match it as they match ``NAME`` on the command line,
    while folder patterns (``luu-tru/*.docx``) match neither: an upload has no folder.
    """
    if not options.per_file_ignores:
        return options
    return dataclasses.replace(options, per_file_ignores={
        "*" + os.sep + pattern.removeprefix("./"): tokens for pattern, tokens in options.per_file_ignores.items()})


def check_uploads(uploads: Sequence[Upload], settings: Settings, today: dt.date) -> list[FileResult]:
    """One result per upload, in order: checked by the CLI's batch runner from a private temporary folder."""
    from kclint.batch import run_batch

    options = dataclasses.replace(_anchor_per_file_ignores(settings.options), today=today)
    results: list[FileResult | None] = [None] * len(uploads)
    todo: list[tuple[int, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="kclint-serve-") as tmp:
        for i, up in enumerate(uploads):
            name = safe_name(up.filename)
            if up.too_large:
                results[i] = too_large(name, settings.max_upload_bytes)
                continue
            folder = os.path.join(tmp, str(i))  # one folder per upload: two schools may send the same name
            path = os.path.join(folder, name)
            try:
                os.mkdir(folder)
                with open(path, "xb") as fh:
                    fh.write(up.data)
            except OSError as exc:  # this file only (a name the file system refuses): the others are checked
                results[i] = not_written(name, exc)
                continue
            todo.append((i, path, name))
        if todo:
            checked = run_batch([path for _, path, _ in todo], options, settings.level, settings.jobs,
                                keep_plans=True)  # the page quotes the plan's text
            for (i, path, name), result in zip(todo, checked, strict=True):
                results[i] = relabel(result, path, name)
    return [r for r in results if r is not None]


def annotated_copy(docx: bytes, result: FileResult, lang: str) -> bytes:
    """The Word file with one comment per finding of ``result``, made by the CLI's annotator in a temporary folder."""
    from kclint.annotate import annotate_docx

    with tempfile.TemporaryDirectory(prefix="kclint-serve-") as tmp:
        source, target = os.path.join(tmp, "in.docx"), os.path.join(tmp, "out.kclint.docx")
        with open(source, "xb") as fh:
            fh.write(docx)
        annotate_docx(source, target, result.findings, lang, result.plan)
        with open(target, "rb") as fh:
            return fh.read()


def create_app(settings: Settings | None = None) -> Starlette:
    """The review desk as an ASGI application."""
    settings = settings or Settings()
    store = _Store(settings.keep, settings.max_memory_bytes)
    # Two checks at a time: each may start a process pool; more would only compete for the same cores.
    limiter = anyio.CapacityLimiter(2)
    static = files("kclint.serve") / "static"
    index = (static / "index.html").read_text(encoding="utf-8")

    async def home(request: Request) -> Response:
        return HTMLResponse(index)

    async def config(request: Request) -> Response:
        return JSONResponse({
            "version": __version__, "lang": settings.lang, "max_upload_bytes": settings.max_upload_bytes,
            "max_request_bytes": settings.request_limit, "max_files": settings.max_files,
            "today": settings.today.isoformat() if settings.today else None,
            "words": desk_words(),
        })

    async def check(request: Request) -> Response:
        if _cross_site(request):
            return _error(403, "cross_site", "yêu cầu từ trang khác bị từ chối.", "request from another site refused.")
        try:
            uploads = await read_uploads(request, "files", settings.max_upload_bytes, settings.request_limit,
                                         settings.max_files, settings.read_timeout)
        except UploadError as exc:
            response = _error(exc.status, exc.code, exc.vi, exc.en)
            if exc.status == 408:  # the rest of the body may still trickle in: hang up rather than read it
                response.headers["connection"] = "close"
            return response
        except ClientDisconnect:  # the reviewer closed the tab mid-upload: one line, no traceback
            _log.warning("kclint: máy khách ngắt kết nối giữa lúc tải lên; bỏ qua (client disconnected mid-upload)")
            return Response(status_code=400)
        if not uploads:
            return _error(400, "no_file", "chưa chọn tệp kế hoạch nào.", "no plan file was chosen.")
        today = settings.today or dt.date.today()
        try:
            results = await anyio.to_thread.run_sync(check_uploads, uploads, settings, today, limiter=limiter)
        except OSError as exc:  # the temporary folder could not be written (disk full, TMPDIR unwritable)
            return _error(500, "tmp", f"không ghi được thư mục tạm để kiểm tra ({exc.strerror}).",
                          f"could not write the temporary folder for the check ({exc.strerror}).")
        views, dropped = [], []
        for up, result in zip(uploads, results, strict=True):
            if result.error is not None:  # nothing to download for an unreadable file: not kept
                views.append(file_view(None, result, today))
                continue
            is_docx = result.summary is not None and result.summary.source_format == "docx"
            docx = bytes(up.data) if is_docx else None
            slim = _slim(result)
            view = file_view(None, slim, today)
            file_id, gone = store.add(_Entry(slim, today, docx, _kept_size(view, docx)))
            dropped += gone
            views.append({**view, "id": file_id})
        ids = {v["id"] for v in views}
        dropped = [d for d in dropped if d not in ids]  # this request's own files are reported in "files"
        return JSONResponse({"files": views, "dropped": dropped,
                             "notice": _dropped_notice(len(dropped), settings.max_memory_bytes) if dropped else None})

    def entry_of(request: Request) -> _Entry | None:
        return store.get(request.path_params["file_id"])

    async def view(request: Request) -> Response:
        entry = entry_of(request)
        if entry is None:
            return _not_found()
        return JSONResponse(file_view(request.path_params["file_id"], entry.result, entry.today))

    async def forget(request: Request) -> Response:
        if _cross_site(request):
            return _error(403, "cross_site", "yêu cầu từ trang khác bị từ chối.", "request from another site refused.")
        store.pop(request.path_params["file_id"])
        return Response(status_code=204)

    async def download(request: Request) -> Response:
        entry = entry_of(request)
        if entry is None:
            return _not_found()
        dismissed = _dismissed(request)
        if dismissed is None:
            return _error(400, "dismissed", "danh sách lỗi bỏ qua không hợp lệ.", "invalid list of dismissed findings.")
        return await _download(request.path_params["what"], entry, dismissed, _lang(request))

    async def _download(what: str, entry: _Entry, dismissed: Collection[int], lang: str) -> Response:
        result = kept(entry.result, dismissed)
        reports = {"report.json": ("json", "application/json"), "report.html": ("html", "text/html; charset=utf-8")}
        if what in reports:
            from kclint.report import ReportOptions, render

            fmt, media = reports[what]
            body = render(fmt, [result], ReportOptions(lang=lang))
            return Response(body, media_type=media,
                            headers={"content-disposition": _attachment(download_name(result.path, "." + fmt))})
        if what == "annotated.docx":
            if entry.docx is None:
                return _error(409, "not_docx", "chỉ ghi nhận xét được vào tệp Word (.docx).",
                              "comments can only be written into Word files (.docx).")
            try:
                docx_bytes = await anyio.to_thread.run_sync(annotated_copy, entry.docx, result, lang,
                                                            limiter=limiter)
            except (OSError, KclintError) as exc:  # what the CLI's --annotate reports too
                return _error(500, "annotate", f"không tạo được bản có nhận xét: {exc}",
                              f"could not make the annotated copy: {exc}")
            return Response(docx_bytes, media_type="application/vnd.openxmlformats-officedocument."
                            "wordprocessingml.document",
                            headers={"content-disposition": _attachment(download_name(result.path, ".docx"))})
        return _error(404, "unknown", "không có tệp tải về này.", "no such download.")

    async def baseline_download(request: Request) -> Response:
        """``?f=ID:3,7&f=ID2:1``: the dismissed findings of the desk's files as a baseline file."""
        from kclint import baseline

        chosen = []
        for part in request.query_params.getlist("f"):
            file_id, _, indices = part.partition(":")
            entry = store.get(file_id)
            dismissed = _indices(indices)
            if entry is None or dismissed is None:
                return _error(400, "dismissed", "danh sách lỗi bỏ qua không hợp lệ.",
                              "invalid list of dismissed findings.")
            chosen.append(dataclasses.replace(entry.result, findings=[
                f for i, f in enumerate(entry.result.findings) if i in dismissed]))
        return Response(baseline.dumps(chosen, None), media_type="application/json",
                        headers={"content-disposition": _attachment("kclint-baseline.json")})

    async def baseline_load(request: Request) -> Response:
        """A baseline file's bytes for ``?ids=ID,ID2``: the findings of those files it records, to dismiss."""
        from kclint import baseline

        if _cross_site(request):
            return _error(403, "cross_site", "yêu cầu từ trang khác bị từ chối.", "request from another site refused.")
        data = bytearray()
        async for chunk in request.stream():
            data += chunk
            if len(data) > settings.max_upload_bytes:
                return _error(413, "too_large", "tệp baseline quá lớn.", "the baseline file is too large.")
        try:
            left = baseline.loads(bytes(data), "baseline")
        except KclintError as exc:
            return _error(400, exc.code, exc.vi, exc.en)
        ids = [i for i in request.query_params.get("ids", "").split(",") if i]
        entries = {i: e for i in ids if (e := store.get(i)) is not None}
        return JSONResponse({"dismissed": {i: baseline.recorded(e.result, left, None) for i, e in entries.items()}})

    routes = [
        Route("/", home),
        Route("/api/config", config),
        Route("/api/check", check, methods=["POST"]),
        Route("/api/baseline", baseline_download),
        Route("/api/baseline", baseline_load, methods=["POST"]),
        Route("/api/files/{file_id}", view),
        Route("/api/files/{file_id}", forget, methods=["DELETE"]),
        Route("/api/files/{file_id}/{what}", download),
        Mount("/static", StaticFiles(packages=[("kclint.serve", "static")]), name="static"),
    ]
    middleware = [Middleware(_SecurityHeaders),
                  Middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts))]
    return Starlette(routes=routes, middleware=middleware)

