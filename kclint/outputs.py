"""Where kclint writes, and the one way it writes: atomically, never onto an input, never through a link.

Every file kclint produces (the ``-o`` report, the annotated Word copies, the corrected copies of
``kclint fix``, and any later summary or baseline file) goes through :class:`SafeWriter`:

- the content goes to a temporary file in the target's own folder, which is then ``os.replace``\\ d onto
  the target, so a reader never sees half a file and an existing file is never truncated before the new
  one is complete (an interrupted or failed write leaves the old file as it was);
- a target that is a symbolic link (even a dangling one) is refused: replacing it would make the link's
  target a surprise, and following it could write anywhere;
- a target that is an input of the run, or that shares an inode with one (a hard link), is refused;
- a target that is a directory or a device, a missing folder, a read-only folder or a full disk is an
  :class:`OutputError` naming the path and the reason (exit code 2), never a traceback.

Outputs carry the user's normal permissions (the umask), not the temporary file's 0600.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterable

from kclint.errors import KclintError

# kclint's own outputs, recognised by name: never inputs of a folder run, never given a second suffix.
ANNOTATED_SUFFIX = ".kclint.docx"
FIXED_MARK = ".kclint-fixed"


class OutputError(KclintError):
    """An output kclint was asked to write cannot or may not be written (exit code 2)."""

    @classmethod
    def for_path(cls, code: str, path: str, vi: str, en: str) -> OutputError:
        return cls(code, f"{path}: {vi}", f"{path}: {en}")


def same_file(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` name one file (symlinks, ``..`` and hard links included)?"""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist yet: compare where they would be
        return os.path.realpath(a) == os.path.realpath(b)


def is_own_output(name: str) -> bool:
    """``plan.kclint.docx`` and ``plan.kclint-fixed.txt``: files kclint wrote, not plans to check."""
    lower = os.path.basename(name).lower()
    return lower.endswith(ANNOTATED_SUFFIX) or FIXED_MARK in os.path.splitext(lower)[0]


def _identity(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def _file_mode() -> int:
    """0666 less the process's umask, as ``open()`` would create the file."""
    try:  # Linux says it without changing it (swapping it would race with other threads)
        with open("/proc/self/status", encoding="ascii") as fh:
            umask = next(int(line.split()[1], 8) for line in fh if line.startswith("Umask:"))
    except (OSError, StopIteration, ValueError, IndexError):
        umask = os.umask(0o022)
        os.umask(umask)
    return 0o666 & ~umask


def _reason(exc: OSError) -> tuple[str, str]:
    en = exc.strerror or exc.__class__.__name__
    vi = {
        "ENOENT": "thư mục không tồn tại", "EACCES": "không có quyền ghi", "EPERM": "không có quyền ghi",
        "EROFS": "ổ đĩa chỉ đọc", "ENOSPC": "ổ đĩa đầy", "EDQUOT": "hết hạn mức dung lượng",
        "EISDIR": "là một thư mục", "ENOTDIR": "đường dẫn đi qua một tệp không phải thư mục",
        "ENAMETOOLONG": "tên quá dài", "EIO": "lỗi vào/ra của ổ đĩa",
    }.get(errno.errorcode.get(exc.errno or 0, ""), en)
    return vi, en


class SafeWriter:
    """Writes outputs for one run whose inputs are ``inputs`` (identified once, by inode and by real path)."""

    def __init__(self, inputs: Iterable[str] = ()) -> None:
        self._inputs: dict[tuple[int, int], str] = {}
        self._real: dict[str, str] = {}
        for path in inputs:
            ident = _identity(path)
            if ident is not None:
                self._inputs.setdefault(ident, path)
            self._real.setdefault(os.path.realpath(path), path)

    def input_at(self, target: str) -> str | None:
        """The input ``target`` would overwrite (same inode, or same place), if any."""
        ident = _identity(target)
        if ident is not None and ident in self._inputs:
            return self._inputs[ident]
        return self._real.get(os.path.realpath(target))

    def check(self, target: str, force: bool = True) -> None:
        """Raise :class:`OutputError` unless ``target`` may be written (``force``: an existing file may be replaced)."""
        try:
            st = os.lstat(target)
        except FileNotFoundError:
            st = None
        except OSError as exc:
            vi, en = _reason(exc)
            raise OutputError.for_path("output_unwritable", target, f"không ghi được ({vi}).",
                                       f"cannot be written ({en}).") from None
        clash = self.input_at(target)
        if clash is not None:
            raise OutputError.for_path("output_is_input", target,
                                       f"sẽ ghi đè lên tệp đầu vào {clash}; kclint không ghi đè tệp đầu vào.",
                                       f"would overwrite the input {clash}; kclint never overwrites an input.")
        if st is not None and stat.S_ISLNK(st.st_mode):
            raise OutputError.for_path(
                "output_symlink", target, "là một liên kết (symlink); kclint không ghi qua liên kết.",
                "is a symbolic link; kclint never writes through a link.")
        if st is None:
            return
        if stat.S_ISDIR(st.st_mode):
            raise OutputError.for_path("output_unwritable", target, "là một thư mục, không ghi được.",
                                       "is a directory; it cannot be written.")
        if not stat.S_ISREG(st.st_mode):
            raise OutputError.for_path("output_unwritable", target, "không phải tệp thường, không ghi được.",
                                       "is not a regular file; it cannot be written.")
        if not force:
            raise OutputError.for_path("output_exists", target, "tệp đã có; thêm --force để ghi đè.",
                                       "already exists; add --force to overwrite it.")

    @staticmethod
    def check_distinct(targets: Iterable[str | None]) -> None:
        """Raise :class:`OutputError` when two outputs of one run name one file: the later would replace the
        earlier without a word (``-o report.csv --summary-file report.csv``)."""
        named = [t for t in targets if t]
        for i, later in enumerate(named):
            for earlier in named[:i]:
                if same_file(earlier, later):
                    raise OutputError.for_path(
                        "output_twice", later, f"được chọn cho hai đầu ra trong một lần chạy (cũng là {earlier}).",
                        f"is named for two outputs of one run (it is also {earlier}).")

    def write(self, target: str, content: bytes | Callable[[str], None], force: bool = True,
              make_folders: bool = False) -> None:
        """Write ``content`` (bytes, or a function that writes a given temporary path) to ``target`` atomically."""
        self.check(target, force)
        folder = os.path.dirname(os.path.abspath(target))
        tmp = None
        try:
            if make_folders:
                os.makedirs(folder, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".kclint-", suffix=".tmp", dir=folder)
            with os.fdopen(fd, "wb") as fh:
                if isinstance(content, bytes):
                    fh.write(content)
            if not isinstance(content, bytes):
                content(tmp)
            os.chmod(tmp, _file_mode())
            self.check(target, force)  # a link or a file may have appeared while the content was made
            os.replace(tmp, target)
            tmp = None
        except OSError as exc:
            vi, en = _reason(exc)
            raise OutputError.for_path("output_unwritable", target, f"không ghi được ({vi}).",
                                       f"cannot be written ({en}).") from None
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
