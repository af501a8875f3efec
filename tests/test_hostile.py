"""Hostile and broken input: never crash, never hang, never touch the user's files.

A corpus of bad inputs is generated into a temporary folder (nothing hostile is stored in the
repository), then run through the CLI: in-process with click's CliRunner in JSON and text, and
once as a real subprocess. Every case has an expected error code (exit code 2, a message naming
the file in both languages) or is readable (findings, no error); no run may print a traceback,
and every input is byte-identical afterwards.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import resource
import socket
import struct
import subprocess
import sys
import threading
import time
import tracemalloc
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from kclint import limits
from kclint.cli import main
from kclint.engine import RunOptions
from kclint.errors import InputError
from kclint.pipeline import check_file
from kclint.readers import read_document, sniff
from kclint.readers.convert import soffice
from kclint.readers.docx import read_docx

DATA = Path(__file__).parent / "data"
TODAY = "2026-11-24"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

# --------------------------------------------------------------------------------------------- builders

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="{main}"/></Types>'
)
_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
    "</Relationships>"
)


def document_xml(body: str, prolog: str = "", encoding: str = "utf-8") -> bytes:
    """A ``word/document.xml`` around ``body``; ``prolog`` goes before the root (a DOCTYPE)."""
    decl = f'<?xml version="1.0" encoding="{encoding.upper()}" standalone="yes"?>'
    return f'{decl}{prolog}<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'.encode(encoding)


def para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def table(rows: list[list[str]]) -> str:
    return "<w:tbl>" + "".join(
        "<w:tr>" + "".join(f"<w:tc>{c}</w:tc>" for c in row) + "</w:tr>" for row in rows) + "</w:tbl>"


def package(document: bytes, main: str = _MAIN, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal Word package: what python-docx needs and nothing else."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES.format(main=main))
        zf.writestr("_rels/.rels", _PACKAGE_RELS)
        zf.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


@dataclass(frozen=True)
class RawMember:
    name: str
    payload: bytes  # exactly as stored
    size: int  # the inflated size the headers declare, true or not
    crc: int = 0
    method: int = zipfile.ZIP_DEFLATED


def raw_zip(members: list[RawMember]) -> bytes:
    """A zip whose headers say exactly what they are given.

    Hand-written (30 lines of struct) because zipfile always compresses what it is handed and records
    true sizes: a bomb needs a pre-built deflate stream, a lying header a false size.
    """
    out, central = bytearray(), bytearray()
    for m in members:
        name = m.name.encode()
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, m.method, 0, 0, m.crc, len(m.payload),
                               m.size, len(name), 0, 0, 0, 0, 0, len(out)) + name
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, m.method, 0, 0, m.crc, len(m.payload), m.size,
                           len(name), 0) + name + m.payload
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central), len(out), 0)
    return bytes(out + central + end)


def stored(name: str, data: bytes) -> RawMember:
    return RawMember(name, data, len(data), zlib.crc32(data), zipfile.ZIP_STORED)


def deflated_zeros(mib: int) -> bytes:
    """A raw deflate stream inflating to ``mib`` MiB of zero bytes, about 1 KB per MiB.

    After a full flush the compressor starts afresh, so every further MiB compresses to the same
    bytes: the stream is built by repetition instead of compressing gigabytes.
    """
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(bytes(limits.MiB)) + c.flush(zlib.Z_FULL_FLUSH)
    return block * mib + c.flush()


def bomb(document_mib: int, declared_mib: int, media: int = 0, media_mib: int = 0) -> bytes:
    """A package whose document.xml (and optional media) inflate to gigabytes; CRCs left at 0."""
    members = [stored("[Content_Types].xml", _CONTENT_TYPES.format(main=_MAIN).encode()),
               stored("_rels/.rels", _PACKAGE_RELS.encode()),
               RawMember("word/document.xml", deflated_zeros(document_mib), declared_mib * limits.MiB)]
    members += [RawMember(f"word/media/image{i}.png", deflated_zeros(media_mib), media_mib * limits.MiB)
                for i in range(media)]
    return raw_zip(members)


def encrypted_docx() -> bytes:
    """A real password-protected .docx (ECMA-376 agile encryption in an OLE2/CFB container)."""
    pytest.importorskip("msoffcrypto", reason="msoffcrypto-tool is not installed (pip install -e '.[test-full]')")
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(package(document_xml(para("Kế hoạch"))))).encrypt("mật khẩu", out)
    return out.getvalue()


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Vietnamese in Windows-1258: a precomposed letter where the code page has one, else base + tone mark."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:  # e.g. "Ộ": "Ô" (0xD4) + combining dot below (0xF2)
            nfd = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONE_MARKS))
            out += (base + "".join(c for c in nfd if c in _TONE_MARKS)).encode("cp1258")
    return bytes(out)


# "Kế hoạch cải tiến chất lượng giáo dục" in TCVN3 (.VnTime): Word shows it as "KÕ ho¹ch c¶i tiÕn ...".
TCVN3 = b"K\xd5 ho\xb9ch c\xb6i ti\xd5n ch\xcat l\xad\xeeng gi\xb8o d\xf4c\r\n\r\nTr\xad\xeang m\xc7m non Hoa Sen\r\n"
LAUGHS = "".join(
    [f'<!ENTITY lol0 "{"lol" * 10}">']
    + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)])


def plan_text() -> str:
    return (DATA / "mn_paragraph.txt").read_text(encoding="utf-8")


def hostile_plan() -> str:
    """A readable plan with absurd numbers: a criterion id of 11 digits, day 99 of month 99 of year 99999."""
    return plan_text().replace("Tiêu chí 1.1:", "Tiêu chí 1.99999999999:").replace(
        "ngày 06 tháng 10 năm 2025", "ngày 99 tháng 99 năm 99999") + (
        "\nHoàn thành ngày 99 tháng 99 năm 99999; từ tháng 13/2025 đến 31/02/2026; Tiêu chí 99999999999999.1\n")


def write(data: bytes) -> Callable[[Path], None]:
    return lambda p: p.write_bytes(data)


def _random_binary(p: Path) -> None:
    p.write_bytes(b"\x00\x01" + random.Random(1).randbytes(8190))


def _random_text_bytes(p: Path) -> None:
    p.write_bytes(bytes(b % 255 + 1 for b in random.Random(2).randbytes(8192)))  # no NUL: not "binary"


def _truncated(p: Path) -> None:
    whole = package(document_xml(para("Kế hoạch") * 50))
    p.write_bytes(whole[: len(whole) // 2])


def _unreadable(p: Path) -> None:
    p.write_text(plan_text(), encoding="utf-8")
    p.chmod(0)


def _password_flagged_zip() -> bytes:
    """A package whose headers set bit 0 of the flags: "encrypted" with a zip password (not Word's way)."""
    data = bytearray(package(document_xml(para("x"))))
    for sig, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # local, central header
        start = 0
        while (at := data.find(sig, start)) != -1:
            data[at + offset] |= 1
            start = at + 4
    return bytes(data)


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], None]
    expect: str | None  # the error code, or None for a readable plan (findings, no error)


CASES = [
    Case("empty.docx", write(b""), "empty"),
    Case("random.docx", _random_binary, "binary"),
    Case("random.txt", _random_text_bytes, "encoding"),
    Case("truncated.docx", _truncated, "truncated"),
    Case("sheet.docx", write(raw_zip([stored("[Content_Types].xml", b"<Types/>"),
                                      stored("xl/workbook.xml", b"<workbook/>")])), "not_word"),
    # A damaged .doc: LibreOffice (when installed) refuses it rather than reading its bytes as text.
    Case("legacy.docx", write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le")
                              + bytes(4000)), "convert_failed" if soffice() else "legacy_doc"),
    Case("locked.docx", lambda p: p.write_bytes(encrypted_docx()), "encrypted"),
    Case("scan.docx", write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"), "pdf"),
    Case("x.docx", lambda p: p.mkdir(), "is_directory"),
    # As root chmod 000 does not stop reading: then the corpus file is readable, and the single-file
    # test below refuses it with a monkeypatched open. loop.docx is unreadable for root too.
    Case("unreadable.docx", _unreadable, None if IS_ROOT else "unreadable"),
    Case("loop.docx", lambda p: p.symlink_to(p.name), "unreadable"),  # ELOOP: unreadable even for root
    Case("pipe.txt", lambda p: os.mkfifo(p), "not_regular"),  # opening a FIFO would block forever
    Case("zipcrypto.docx", lambda p: p.write_bytes(_password_flagged_zip()), "encrypted"),
    # A .docm is read like a .docx (its macros are never run).
    Case("macros.docx", write(package(document_xml(para("x")), "application/vnd.ms-word.document.macroEnabled."
                                                                 "main+xml")), None),
    Case("no_body.docx", write(package(f'<w:document xmlns:w="{W}"/>'.encode())), "not_word"),
    Case("foreign_root.docx", write(package(b"<html><body>x</body></html>")), "not_word"),
    Case("bad_xml.docx", write(package(b"<w:document><w:body><w:p>")), "xml"),
    Case("entries.docx", write(raw_zip([stored(f"f{i}.xml", b"<a/>") for i in range(limits.MAX_ZIP_ENTRIES + 1)])),
         "zip_entries"),
    Case("bomb.docx", write(bomb(document_mib=2048, declared_mib=2048)), "zip_bomb"),
    Case("bomb_media.docx", write(bomb(document_mib=1, declared_mib=1, media=5, media_mib=64)), "zip_bomb"),
    # Declares 1 KiB but inflates to 1 GiB: zipfile stops at the declared size and the CRC fails.
    Case("bomb_lying.docx", write(raw_zip([stored("[Content_Types].xml", b"<Types/>"),
                                           RawMember("word/document.xml", deflated_zeros(1024), 1024)])),
         "truncated"),
    Case("laughs.docx", write(package(document_xml(para("&lol9;"), f"<!DOCTYPE w:document [{LAUGHS}]>"))),
         "xml_unsafe"),
    Case("xxe.docx", lambda p: p.write_bytes(package(document_xml(
        para("&xxe;"), f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{_secret(p.parent)}">]>'))),
         "xml_unsafe"),
    Case("xxe_utf16.docx", write(package(document_xml(
        para("&xxe;"), '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>', "utf-16"))),
         "xml_unsafe"),
    Case("utf7.docx", write(package(b'<?xml version="1.0" encoding="UTF-7"?>+ADw-w:document/+AD4-')),
         "xml_unsafe"),
    Case("cp1258.txt", lambda p: p.write_bytes(cp1258(plan_text())), None),
    Case("utf16le.txt", lambda p: p.write_bytes(b"\xff\xfe" + plan_text().encode("utf-16-le")), None),
    Case("utf16be.txt", lambda p: p.write_bytes(b"\xfe\xff" + plan_text().encode("utf-16-be")), None),
    Case("utf8bom.txt", lambda p: p.write_bytes(b"\xef\xbb\xbf" + plan_text().encode()), None),
    Case("tcvn3.txt", write(TCVN3), None),
    Case("absurd.txt", lambda p: p.write_text(hostile_plan(), encoding="utf-8"), None),
    Case("paras10k.docx", write(package(document_xml("".join(para(f"Đoạn {i}: rà soát hồ sơ.")
                                                             for i in range(10_000))))), None),
    Case("rows5k.docx", write(package(document_xml(table(
        [[para(f"Tiêu chí {i % 30}.{i % 7}"), para("Mức 2"), para(f"Tháng {i % 12 + 1}/2026")]
         for i in range(5_000)])))), None),
    Case("nested20.docx", lambda p: p.write_bytes(package(document_xml(_nested(20)))), None),
]


def _secret(corpus: Path) -> Path:
    """A local file the XXE payloads point at, beside the corpus (so it is not checked itself)."""
    return corpus.parent / "secret.txt"


def _nested(depth: int) -> str:
    inner = para("Tiêu chí 1.1: sâu nhất")
    for d in range(depth):
        inner = table([[para(f"Bảng {d}") + inner]])
    return inner


EXPECT = {c.name: c.expect for c in CASES}


# --------------------------------------------------------------------------------------------- the corpus


def _digest(path: Path) -> str:
    """What must not change: mode, size, mtime and bytes of a file; what a link or directory is."""
    if path.is_symlink():
        return "link:" + os.readlink(path)
    if path.is_dir():
        return "dir:" + ",".join(sorted(os.listdir(path)))
    st = path.stat()
    meta = f"{st.st_mode:o}:{st.st_size}:{st.st_mtime_ns}"
    if not path.is_file() or not os.access(path, os.R_OK):  # a FIFO; chmod 000 for a non-root user
        return meta
    return meta + ":" + hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float

    def json_files(self) -> dict[str, dict]:
        return {Path(f["path"]).name: f for f in json.loads(self.out)["files"]}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    _secret(root).write_text("SECRET-7f3a9 must never appear", encoding="utf-8")
    for case in CASES:
        case.build(root / case.name)
    return root


@pytest.fixture(scope="module")
def paths(corpus: Path) -> list[str]:
    return [str(corpus / c.name) for c in CASES]


def _deny(path_name: str) -> Callable[..., object]:
    """``open`` that refuses one file, as chmod 000 does for anyone but root."""
    real_open = open

    def fake_open(file: object, *args: object, **kwargs: object) -> object:
        if Path(str(file)).name == path_name:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    return fake_open


@pytest.fixture
def root_cannot_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Running as root, chmod 000 does not stop reading: refuse ``unreadable.docx`` in sniff's ``open``."""
    if IS_ROOT:
        monkeypatch.setattr(sniff, "open", _deny("unreadable.docx"), raising=False)


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (pool workers, the subprocess).

    The bound guards against runaway work, so it counts CPU, not wall time: on a loaded machine
    the same run takes several times longer by the clock.
    """
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@pytest.fixture(scope="module")
def runs(corpus: Path, paths: list[str]) -> Iterator[dict[str, Run]]:
    """Every command over the whole corpus, with every input hashed before and after."""
    before = {p.name: _digest(p) for p in sorted(corpus.iterdir())}
    out: dict[str, Run] = {}
    for name, args in (("json", ["--format", "json", "--lang", "vi"]), ("text", ["--lang", "en", "--no-color"])):
        started = _cpu_seconds()
        result = CliRunner().invoke(main, ["check", *paths, "--today", TODAY, "--fail-on", "never", *args])
        out[name] = Run(result.exit_code, result.stdout, result.stderr, _cpu_seconds() - started)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    started = _cpu_seconds()
    # The real subprocess walks the folder: a directory named x.docx is walked into, not read.
    proc = subprocess.run(
        [sys.executable, "-c", _MEASURED_CLI, "check", str(corpus), "--format", "json", "--today", TODAY],
        capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONUTF8": "1"},
        stdin=subprocess.DEVNULL,
    )
    out["subprocess"] = Run(proc.returncode, proc.stdout, proc.stderr, _cpu_seconds() - started)
    after = {p.name: _digest(p) for p in sorted(corpus.iterdir())}
    out["unchanged"] = Run(int(before == after), json.dumps(before), json.dumps(after), 0)
    yield out


# Runs the CLI and reports the peak memory of it and its (finished) pool workers on stderr's last
# line (ru_maxrss is in KiB on Linux).
_MEASURED_CLI = (
    "import resource, sys\n"
    "from kclint.cli import main\n"
    "try:\n    main(sys.argv[1:])\n"
    "finally:\n"
    "    peak = max(resource.getrusage(w).ru_maxrss for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))\n"
    "    print('maxrss_kib', peak, file=sys.stderr)\n"
)


# --------------------------------------------------------------------------------------------- the tests


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_case_has_a_clear_result(case: Case, runs: dict[str, Run]) -> None:
    got = runs["json"].json_files()[case.name]
    if case.expect is None:
        assert got["error"] is None, got["error"]
        assert got["findings"] is not None
        assert f"{case.name}:" not in runs["text"].err
        return
    assert got["error"]["code"] == case.expect
    assert case.name in got["error"]["message"]  # Vietnamese, the default language
    en_lines = [ln for ln in runs["text"].err.splitlines() if f"{case.name}:" in ln]
    assert en_lines, f"no English message for {case.name} on stderr"
    assert got["error"]["message"] not in "\n".join(en_lines)  # --lang en printed the other language


def test_no_traceback_exit_code_2_and_the_batch_goes_on(runs: dict[str, Run]) -> None:
    for name in ("json", "text", "subprocess"):
        run = runs[name]
        assert run.code == 2, (name, run.err[-2000:])
        assert "Traceback" not in run.out + run.err, run.err
    assert list(runs["json"].json_files()) == [c.name for c in CASES]  # every file, in order
    walked = runs["subprocess"].json_files()
    for name, got in walked.items():
        assert (got["error"] or {}).get("code") == EXPECT[name], name
    assert "x.docx" not in walked  # a directory is walked into, not read as a plan


def test_inputs_are_byte_identical_afterwards(runs: dict[str, Run]) -> None:
    assert runs["unchanged"].code == 1, (runs["unchanged"].out, runs["unchanged"].err)


def test_memory_and_time_stay_bounded(runs: dict[str, Run]) -> None:
    # Gigabyte bombs in the corpus; the whole checking process stays far below them.
    maxrss_kib = int(runs["subprocess"].err.rsplit("maxrss_kib", 1)[1].split()[0])
    assert maxrss_kib < 512 * 1024, maxrss_kib
    assert runs["json"].seconds < 40 and runs["subprocess"].seconds < 40


def test_unreadable_file_in_a_single_file_run(tmp_path: Path, root_cannot_read: None) -> None:
    target = tmp_path / "unreadable.docx"
    _unreadable(target)
    result = CliRunner().invoke(main, ["check", str(target), "--lang", "en"])
    assert result.exit_code == 2
    assert "unreadable.docx: permission denied" in result.stderr and "Traceback" not in result.stderr


def test_texts_in_other_encodings_read_like_utf8(corpus: Path) -> None:
    expected = [b.text for b in read_document(str(DATA / "mn_paragraph.txt")).blocks]
    for name in ("cp1258.txt", "utf16le.txt", "utf16be.txt", "utf8bom.txt"):
        assert [b.text for b in read_document(str(corpus / name)).blocks] == expected, name


def test_large_and_deep_documents_are_read_whole(corpus: Path, runs: dict[str, Run]) -> None:
    from kclint.document import Paragraph, Table

    paras = read_document(str(corpus / "paras10k.docx")).blocks
    assert len(paras) == 10_000 and all(isinstance(b, Paragraph) for b in paras)
    (rows,) = read_document(str(corpus / "rows5k.docx")).blocks
    assert isinstance(rows, Table) and len(rows.rows) == 5_000
    (nested,) = read_document(str(corpus / "nested20.docx")).blocks  # inner tables are read in their cells
    lines = nested.rows[0].cells[0].text.split("\n")
    assert lines == [f"Bảng {d}" for d in range(19, -1, -1)] + ["Tiêu chí 1.1: sâu nhất"]
    # Absurd numbers are findings, not crashes: the impossible dates are reported.
    assert any(f["code"] == "KC105" for f in runs["json"].json_files()["absurd.txt"]["findings"])


def test_tcvn3_text_is_returned_as_word_shows_it(corpus: Path) -> None:
    doc = read_document(str(corpus / "tcvn3.txt"))
    assert doc.blocks[0].text == "KÕ ho¹ch c¶i tiÕn chÊt l\xadîng gi¸o dôc"  # for the text rules to flag


def test_bomb_guard_is_streaming_even_if_the_zip_library_trusted_headers(
        corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cap counts bytes actually inflated: a member stream that never ends is cut at the cap."""

    class Endless(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, b: bytearray) -> int:  # type: ignore[override]
            b[:] = bytes(len(b))
            return len(b)

    data = package(document_xml(para("x")))
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda self, *a, **k: io.BufferedReader(Endless()))
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(InputError) as err:
            sniff.vet_package(data, "endless.docx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert err.value.code == "zip_bomb" and "endless.docx" in err.value.en
    # An XML part is kept for the reader up to its cap, never beyond it.
    assert peak < limits.MAX_XML_PART_BYTES + 4 * limits.INFLATE_CHUNK_BYTES and time.monotonic() - started < 10


def test_lying_bomb_inflates_nothing_beyond_its_declared_size(corpus: Path) -> None:
    tracemalloc.start()
    try:
        with pytest.raises(InputError) as err:
            read_document(str(corpus / "bomb_lying.docx"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert err.value.code == "truncated" and peak < 16 * limits.MiB


@pytest.fixture
def listener() -> Iterator[tuple[int, Callable[[], bool]]]:
    """A loopback socket that records whether anything connected to it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.setblocking(False)

    def connected() -> bool:
        try:
            sock.accept()[0].close()
            return True
        except BlockingIOError:
            return False

    yield sock.getsockname()[1], connected
    sock.close()


@pytest.mark.parametrize("payload", ["laughs", "xxe_file", "xxe_net", "xxe_parameter", "external_dtd"])
def test_python_docx_parser_resolves_no_entity_even_without_the_dtd_check(
        payload: str, corpus: Path, listener: tuple[int, Callable[[], bool]]) -> None:
    """Defence in depth: straight to read_docx, past sniff's refusal of DTDs."""
    port, connected = listener
    secret = _secret(corpus)
    prolog, body = {
        "laughs": (f"<!DOCTYPE w:document [{LAUGHS}]>", para("&lol9;")),
        "xxe_file": (f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}">]>', para("&x;")),
        "xxe_net": (f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "http://127.0.0.1:{port}/x">]>', para("&x;")),
        "xxe_parameter": (f'<!DOCTYPE w:document [<!ENTITY % p SYSTEM "http://127.0.0.1:{port}/p"> %p;]>',
                          para("a")),
        "external_dtd": (f'<!DOCTYPE w:document SYSTEM "http://127.0.0.1:{port}/d.dtd">', para("a")),
    }[payload]
    started = time.monotonic()
    try:
        doc = read_docx(package(document_xml(body, prolog)), f"{payload}.docx")
        text = "\n".join(getattr(b, "text", "") for b in doc.blocks)
    except InputError as exc:
        text = exc.vi + exc.en
    time.sleep(0.05)  # let a connection attempt, if any, reach the listener
    assert "lollollol" not in text and "SECRET" not in text
    assert not connected()
    assert time.monotonic() - started < 5


def test_sniff_refuses_every_dtd_before_parsing(corpus: Path, listener: tuple[int, Callable[[], bool]]) -> None:
    _, connected = listener
    for name in ("laughs.docx", "xxe.docx", "xxe_utf16.docx", "utf7.docx"):
        with pytest.raises(InputError) as err:
            read_document(str(corpus / name))
        assert err.value.code == "xml_unsafe" and name in err.value.vi and "SECRET" not in err.value.vi
    assert not connected()


def test_dtd_hidden_in_a_part_named_like_an_image_is_found() -> None:
    """python-docx parses a part by its content type, not its name: so does the DTD check."""
    types = _CONTENT_TYPES.format(main=_MAIN).replace(
        "</Types>", '<Override PartName="/word/header1.png" ContentType="application/vnd.openxmlformats-'
                    'officedocument.wordprocessingml.header+xml"/></Types>')
    members = [stored("[Content_Types].xml", types.encode()), stored("_rels/.rels", _PACKAGE_RELS.encode()),
               stored("word/document.xml", document_xml(para("x"))),
               stored("word/header1.png", f"<!DOCTYPE h [{LAUGHS}]><h/>".encode())]
    with pytest.raises(InputError) as err:
        sniff.classify(raw_zip(members), "hidden.docx")
    assert err.value.code == "xml_unsafe"


def test_svg_image_with_a_doctype_is_not_refused() -> None:
    """Illustrator's SVGs carry a DOCTYPE; an image part is never parsed, so it is no reason to refuse."""
    svg = b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd"><svg/>'
    data = package(document_xml(para("Kế hoạch")), extra={"word/media/image1.svg": svg})
    data = data.replace(b'<Default Extension="xml"', b'<Default Extension="svg" ContentType="image/svg+xml"/>'
                                                     b'<Default Extension="xml"')
    assert sniff.classify(data, "svg.docx").kind == "docx"


def test_main_part_named_by_the_package_relationships() -> None:
    """Word Online saves ``word/document2.xml``; the package's relationships say which part is the body."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES.format(main=_MAIN).replace("document.xml", "document2.xml"))
        zf.writestr("_rels/.rels", _PACKAGE_RELS.replace("document.xml", "document2.xml"))
        zf.writestr("word/document2.xml", document_xml(para("Kế hoạch")))
    from kclint.readers import read_bytes

    assert read_bytes(buf.getvalue(), "online.docx").blocks[0].text == "Kế hoạch"


@pytest.mark.parametrize("value", ["²", "9" * 5000, "-1", "1e3", "٣"])
def test_hostile_numbers_in_attributes_are_ignored(value: str) -> None:
    body = (f'<w:p><w:r><w:rPr><w:sz w:val="{value}"/></w:rPr><w:t>x</w:t></w:r></w:p>'
            f'<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="{value}"/></w:tcPr>{para("a")}</w:tc>'
            f'<w:tc>{para("b")}</w:tc></w:tr></w:tbl>'
            f'<w:sectPr><w:pgSz w:w="{value}" w:h="{value}"/><w:pgMar w:top="{value}"/></w:sectPr>')
    doc = read_docx(package(document_xml(body)), "numbers.docx")
    assert doc.blocks[0].text == "x" and doc.blocks[1].rows[0].cells[1].column <= 64


def test_deep_nesting_is_an_error_or_a_document_never_a_crash() -> None:
    deep = "<w:sdt><w:sdtContent>" * 400 + para("x") + "</w:sdtContent></w:sdt>" * 400
    try:
        read_docx(package(document_xml(deep)), "deep.docx")
    except InputError as exc:
        assert exc.code == "xml" and "deep.docx" in exc.en


# --------------------------------------------------------------------------------------------- time budget


@pytest.fixture
def hanging_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    """A parser stuck in a loop, as a pathological plan could make one."""
    import kclint.parse

    def spin(doc: object) -> None:
        while True:
            sum(range(100))

    monkeypatch.setattr(kclint.parse, "build_plan", spin)


def _options() -> RunOptions:
    import datetime as dt

    return RunOptions(today=dt.date(2026, 11, 24))


def test_time_budget_in_the_main_thread(hanging_parser: None) -> None:
    started = time.monotonic()
    result = check_file(str(DATA / "mn_paragraph.txt"), _options(), timeout=0.3)
    assert result.error is not None and result.error.code == "timeout"
    assert "mn_paragraph.txt" in result.error.vi and "0.3 s" in result.error.en
    assert time.monotonic() - started < 3


def test_time_budget_off_the_main_thread(hanging_parser: None) -> None:
    """The portable fallback (thread pools, Windows): a per-thread profile hook."""
    box: list = []
    worker = threading.Thread(target=lambda: box.append(check_file(str(DATA / "mn_paragraph.txt"), _options(),
                                                                   timeout=0.3)))
    worker.start()
    worker.join(10)
    assert not worker.is_alive() and box[0].error.code == "timeout"
    assert sys.getprofile() is None


def test_time_budget_in_a_worker_process(corpus: Path) -> None:
    """A pool worker's main thread uses the real-time timer; the error result is pickled back."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1) as pool:
        result = pool.submit(check_file, str(corpus / "paras10k.docx"), _options(), None, 0.05).result(60)
    assert result.error is not None and result.error.code == "timeout" and "paras10k.docx" in result.error.en


def test_time_budget_restores_an_outer_alarm() -> None:
    import signal

    if not hasattr(signal, "setitimer"):
        pytest.skip("no setitimer on this platform")
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.4)
        with limits.time_budget(5):
            pass
        time.sleep(0.6)
        assert fired == [1]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_a_crash_in_a_later_stage_is_an_error_result_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import kclint.parse

    monkeypatch.setattr(kclint.parse, "build_plan", lambda doc: 1 / 0)
    result = check_file(str(DATA / "mn_paragraph.txt"), _options())
    assert result.error is not None and result.error.code == "internal"
    assert "ZeroDivisionError" in result.error.en and "mn_paragraph.txt" in result.error.vi
    with pytest.raises(ZeroDivisionError):
        check_file(str(DATA / "mn_paragraph.txt"), RunOptions(strict=True))


def test_errors_survive_pickling() -> None:
    import pickle

    err = InputError.for_file("pdf", "a.docx", "là PDF", "is a PDF")
    back = pickle.loads(pickle.dumps(err))
    assert (back.code, back.vi, back.en) == ("pdf", "a.docx: là PDF", "a.docx: is a PDF")


# --------------------------------------------------------------------------------------------- outputs


@pytest.fixture
def plan_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "a.txt").write_text(plan_text(), encoding="utf-8")
    (folder / "b.txt").write_text(hostile_plan(), encoding="utf-8")
    return folder


@pytest.mark.parametrize("how", ["same", "relative", "dotdot", "symlink", "in_directory", "json"])
def test_output_never_overwrites_an_input(how: str, plan_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(plan_dir)
    before = {p.name: p.read_bytes() for p in plan_dir.iterdir()}
    target = plan_dir / "b.txt"
    args = {
        "same": [str(target), "-o", str(target)],
        "relative": [str(target), "-o", "b.txt"],
        "dotdot": ["b.txt", "-o", f"../{plan_dir.name}/./b.txt"],
        "symlink": [str(target), "-o", "link.txt"],
        "in_directory": [str(plan_dir), "-o", str(plan_dir / "a.txt")],
        "json": [str(plan_dir), "--format", "json", "-o", "a.txt"],
    }[how]
    if how == "symlink":
        (plan_dir / "link.txt").symlink_to("b.txt")
        before["link.txt"] = target.read_bytes()
    result = CliRunner().invoke(main, ["check", *args])
    assert result.exit_code == 2 and "overwrite" in result.stderr
    assert {p.name: p.read_bytes() for p in plan_dir.iterdir()} == before


def test_output_never_overwrites_an_input_through_a_hard_link(plan_dir: Path) -> None:
    os.link(plan_dir / "a.txt", plan_dir.parent / "hard.txt")
    before = (plan_dir / "a.txt").read_bytes()
    result = CliRunner().invoke(main, ["check", str(plan_dir / "a.txt"), "-o", str(plan_dir.parent / "hard.txt")])
    assert result.exit_code == 2 and (plan_dir / "a.txt").read_bytes() == before


def test_readme_states_the_limits_in_force() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("<!-- limits:start -->"):readme.index("<!-- limits:end -->")]
    mib = [limits.MAX_FILE_BYTES, limits.MAX_TEXT_BYTES, limits.MAX_INFLATED_BYTES, limits.MAX_XML_PART_BYTES,
           limits.INFLATE_CHUNK_BYTES]
    for fact in [f"{n // limits.MiB} MiB" for n in mib] + [
            f"{limits.MAX_ZIP_ENTRIES:,}", f"{limits.FILE_TIME_BUDGET_S:g} s", f"timeout={limits.FILE_TIME_BUDGET_S}",
            f"{limits.CONVERT_TIME_S:g} s"]:
        assert fact in section, fact


# ------------------------------------------------------------------------------- long numbers in the text

_LONG = "9" * 5000  # past int()'s default limit of 4,300 digits
_SCHEDULE_PLAN = ("Số: 27/KH-THBM\n\nBình Minh, ngày 02 tháng 10 năm 2025\n\nKẾ HOẠCH\n"
                  "Cải tiến chất lượng năm học 2025-2026\n\n1. Kiểm kê thiết bị dạy học (trước tháng 4/2026).\n\n"
                  "Tháng\tNội dung\tMốc thời gian\n{month}\t- Kiểm kê thiết bị dạy học.\t{week}\n")
_ITEM_PLAN = ("Số: 27/KH-THBM\n\nBình Minh, ngày 02 tháng 10 năm 2025\n\nKẾ HOẠCH\n"
              "Cải tiến chất lượng năm học 2025-2026\n\nTiêu chí 2.1: Đối với hiệu trưởng\n"
              "Mục tiêu: {target}\nBiện pháp: Bồi dưỡng quản lý.\n"
              "- Số lượng tiêu chí đạt Mức 2: 03/04, tỷ lệ: {pct}%.\n")


@pytest.mark.parametrize("text", [
    _ITEM_PLAN.format(target=f"Duy trì mức {_LONG}", pct="75"),
    _ITEM_PLAN.format(target="Đạt Mức 3", pct=f"75,{_LONG}"),
    _SCHEDULE_PLAN.format(month="3", week=f"Tuần 3 {_LONG}"),
    _SCHEDULE_PLAN.format(month=_LONG, week="Tuần 2"),
    _SCHEDULE_PLAN.format(month="²", week="Tuần 2"),  # str.isdigit says yes, int() says no
    _SCHEDULE_PLAN.format(month="3", week="Tuần 2").replace(
        "\n\n1. ", f"\n\nCăn cứ Kế hoạch số {_LONG}/KH-THBM ngày 01 tháng 9 năm 2025;\n\n1. "),
], ids=["level", "percent", "week", "month", "superscript-month", "cited-number"])
def test_a_5000_digit_number_in_the_text_is_checked_like_any_text(text: str, tmp_path: Path) -> None:
    """No rule and no parser lets a long digit run reach int() or Decimal: the plan is checked, no rule fails."""
    path = tmp_path / "digits.txt"
    path.write_text(text, encoding="utf-8")
    result = check_file(str(path), RunOptions(today=_options().today, strict=True))
    assert result.error is None and result.plan is not None
