"""``.doc``, ``.rtf`` and ``.odt`` plans converted to ``.docx`` with LibreOffice, when it is installed.

Vietnamese schools still keep many plans as Word 97-2003 ``.doc`` files. kclint reads them through
LibreOffice (``soffice``) rather than a ``.doc`` parser of its own:

* headless, in a private temporary folder deleted afterwards, with a private user profile
  (``-env:UserInstallation``) that disables macros and link updates, so no macro ever runs and no
  linked file or URL is fetched;
* the input is never touched: its bytes (already read and size-checked) are written to the private
  folder and converted there;
* a wall-clock limit (:data:`kclint.limits.CONVERT_TIME_S`); the whole LibreOffice process group is
  killed when it is exceeded or when the caller's time budget interrupts the wait;
* the ``.docx`` it writes is read back under the same size cap as any input, then vetted like any
  Word package (:func:`kclint.readers.sniff.vet_package`) before it is read.

Without LibreOffice the user gets a message naming what to install, or to save the file as ``.docx``.
"""

from __future__ import annotations

import io
import os
import posixpath
import shutil
import signal
import subprocess
import tempfile
import zipfile
from pathlib import Path

from kclint import limits
from kclint.errors import InputError
from kclint.readers.sniff import SAFE_PARSER, Package, classify, vet_package

_NAMES = {"doc": ("tệp Word cũ (.doc)", "a legacy Word file (.doc)"),
          "rtf": ("tệp RTF", "an RTF file"),
          "odt": ("tệp OpenDocument (.odt)", "an OpenDocument file (.odt)")}
_CODES = {"doc": "legacy_doc", "rtf": "rtf", "odt": "odt"}
# The import filter is named, so that LibreOffice refuses a damaged file instead of guessing
# another format for it (it would read a broken .doc as plain text and convert the bytes).
_FILTERS = {"doc": "MS Word 97", "rtf": "Rich Text Format", "odt": "writer8"}
# Where the Windows installer puts LibreOffice; it does not add itself to PATH.
_WINDOWS_PLACES = (r"C:\Program Files\LibreOffice\program\soffice.exe",
                   r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")
# The private profile's settings: macros never run, links are never updated (nothing is fetched).
_PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" \
oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" \
oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" \
oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" oor:op="fuse">\
<value>2</value></prop></item>
</oor:items>
"""


def soffice() -> str | None:
    """The LibreOffice executable: ``soffice`` (or ``libreoffice``) on PATH, else the Windows install place."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if os.name == "nt":
        return next((p for p in _WINDOWS_PLACES if os.path.isfile(p)), None)
    return None


def _missing(path: str, source: str) -> InputError:
    vi, en = _NAMES[source]
    return InputError.for_file(
        _CODES[source], path,
        f"đây là {vi}; để kclint đọc được, hãy cài LibreOffice (Debian/Ubuntu: sudo apt install "
        "libreoffice-writer-nogui; Windows: tải LibreOffice tại https://www.libreoffice.org), "
        "hoặc mở tệp bằng Word và lưu lại dạng .docx.",
        f"this is {en}; to let kclint read it, install LibreOffice (Debian/Ubuntu: sudo apt install "
        "libreoffice-writer-nogui; Windows: LibreOffice from https://www.libreoffice.org), "
        "or open it in Word and save it as .docx.",
    )


def _failed(path: str, source: str, why: str) -> InputError:
    vi, en = _NAMES[source]
    return InputError.for_file(
        "convert_failed", path,
        f"LibreOffice không chuyển được {vi} này sang .docx ({why}); hãy mở bằng Word và lưu lại dạng .docx.",
        f"LibreOffice could not convert this file, {en}, to .docx ({why}); open it in Word and save it as .docx.",
    )


def _kill(proc: subprocess.Popen) -> None:
    """Stop LibreOffice and everything it started (``soffice`` is a launcher for ``soffice.bin``)."""
    try:
        if os.name == "nt":  # the whole process tree: soffice.exe starts soffice.bin
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], capture_output=True, timeout=10)
            proc.kill()
        else:
            os.killpg(proc.pid, signal.SIGKILL)
    except (OSError, subprocess.TimeoutExpired):  # already gone, or not ours to signal
        pass
    proc.wait()


def to_docx(data: bytes, path: str, source: str, timeout: float = limits.CONVERT_TIME_S) -> bytes:
    """The ``.docx`` LibreOffice makes of ``data`` (a ``.doc``, ``.rtf`` or ``.odt`` named ``path``)."""
    exe = soffice()
    if exe is None:
        raise _missing(path, source)
    with tempfile.TemporaryDirectory(prefix="kclint-convert-") as tmp:
        folder = Path(tmp)
        (folder / "in").mkdir()
        src = folder / "in" / f"plan.{source}"
        src.write_bytes(data)
        profile = folder / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE_SETTINGS, encoding="utf-8")
        log = folder / "soffice.log"
        cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible", "--norestore",
               "--nologo", "--nodefault", "--nolockcheck", f"--infilter={_FILTERS[source]}",
               "--convert-to", "docx:MS Word 2007 XML",
               "--outdir", str(folder / "out"), str(src)]
        env = {**os.environ, "HOME": tmp, "TMPDIR": tmp, "TEMP": tmp, "TMP": tmp}
        with open(log, "wb") as err:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=err, stderr=err, env=env, cwd=tmp,
                                    start_new_session=os.name != "nt")
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                _kill(proc)
                raise InputError.for_file(
                    "timeout", path, f"LibreOffice chuyển đổi tệp quá {timeout:g} giây nên đã dừng.",
                    f"LibreOffice took longer than {timeout:g} s to convert the file and was stopped.") from None
            except BaseException:  # the caller's time budget, Ctrl+C: never leave LibreOffice running
                _kill(proc)
                raise
        out = folder / "out" / "plan.docx"
        if not out.is_file():
            said = [ln.strip() for ln in log.read_bytes()[-2000:].decode("utf-8", "replace").splitlines()]
            errors = [ln for ln in said if ln.lower().startswith("error")]
            raise _failed(path, source, (errors or [f"exit code {proc.returncode}"])[-1][:200])
        size = out.stat().st_size
        if size > limits.MAX_FILE_BYTES:
            raise InputError.for_file(
                "too_large", path, f"bản .docx chuyển đổi quá lớn ({size // limits.MiB} MB).",
                f"the converted .docx is too large ({size // limits.MiB} MB).")
        return out.read_bytes()


# --- a .docx to write comments into, for any Word flavour -------------------------------------------------

_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# Relationships of a macro-enabled document that a .docx may not have (Word refuses such a .docx).
_MACRO_RELS = frozenset({"vbaProject", "keyMapCustomizations", "wordVbaData", "attachedToolbars"})


def _plain_docx(package: Package, data: bytes) -> bytes:
    """``data`` (a .docm, .dotx or .dotm) as a .docx: the main content type changed, macro parts left out."""
    from lxml import etree

    rels_name = posixpath.join(posixpath.dirname(package.main), "_rels", posixpath.basename(package.main) + ".rels")
    dropped = {rel.target for rel in package.relationships(package.main) if rel.type in _MACRO_RELS}
    dropped |= {posixpath.join(posixpath.dirname(t), "_rels", posixpath.basename(t) + ".rels") for t in dropped}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            key = info.filename.replace("\\", "/").lstrip("/").lower()
            if key in dropped:
                continue
            payload = src.read(info)
            if key in ("[content_types].xml", rels_name):
                root = etree.fromstring(payload, SAFE_PARSER)
                for el in list(root):
                    part = (el.get("PartName") or "").lstrip("/").lower()
                    if part == package.main:
                        el.set("ContentType", _DOCX_MAIN)
                    elif part in dropped or (el.get("Type") or "").rsplit("/", 1)[-1] in _MACRO_RELS:
                        root.remove(el)
                payload = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(info, payload)
    return out.getvalue()


def as_docx(data: bytes, path: str) -> Package:
    """The vetted .docx package of a Word plan of any flavour (``.doc``, ``.rtf``, ``.odt`` converted).

    Its bytes are ``Package.data``; this is what the annotated copy is written from. A plan that
    is not a Word document raises :class:`InputError` (``not_word``).
    """
    sniffed = classify(data, path)
    if sniffed.kind == "convert":
        converted = to_docx(data, path, sniffed.source)  # type: ignore[arg-type]
        return vet_package(converted, path)
    package = sniffed.package
    if package is None:
        raise InputError.for_file("not_word", path, "không phải văn bản Word.", "not a Word document.")
    if package.flavour != "docx":
        return vet_package(_plain_docx(package, data), path)
    return package
