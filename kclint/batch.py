"""Many plans at once: worker processes and a progress bar (the batch tables are in :mod:`kclint.report.tables`).

A district office checks hundreds of plans in one run. Files are checked by
:func:`kclint.pipeline.check_file` (in-process for ``jobs=1``, else in a
``concurrent.futures`` process pool); results always come back in the order of
the input paths, so the report is the same whatever ``jobs`` is. A file that
cannot be read, or that crashes the parser, becomes an error result and the
others go on.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TextIO

from kclint.errors import InputError
from kclint.pipeline import check_file
from kclint.results import FileResult

if TYPE_CHECKING:
    from kclint.engine import RunOptions
    from kclint.model import SchoolLevel


def default_jobs() -> int:
    """The number of cores this process may use (``sched_getaffinity`` honours CI cgroup/taskset limits)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


def _check_one(path: str, options: RunOptions, level: SchoolLevel | None, keep_plan: bool = False) -> FileResult:
    """One file's result; its plan model is dropped here, in the worker, unless ``keep_plan``.

    Dropping it in the worker means the model is never pickled back to the parent either.
    """
    from kclint.engine import SelectionError

    try:
        result = check_file(path, options, level)
        return result if keep_plan else result.without_plan()
    except SelectionError:  # a usage error concerns the whole run, not this file
        raise
    except Exception as exc:  # check_file reports its own failures; this net keeps the batch going regardless
        return FileResult(path, error=InputError.for_file(
            "internal", path, f"kclint gặp lỗi khi xử lý tệp này ({exc!r}).", f"kclint failed on this file ({exc!r})."))


def _warm_up() -> None:
    """Import the parser, readers and rules once, so forked workers inherit them instead of each importing."""
    import kclint.parse
    import kclint.readers.docx
    import kclint.readers.text  # noqa: F401
    from kclint.engine import registry

    registry()


class Terminated(SystemExit):
    """SIGTERM or SIGHUP reached the parent of a batch: the run ends with exit code 128 + the signal."""


@contextmanager
def _signals_end_the_run() -> Iterator[None]:
    """In the main thread, SIGTERM and SIGHUP end the run like Ctrl+C does (so the workers are stopped)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None]

    def stop(signum: int, frame: object) -> None:
        raise Terminated(128 + signum)

    previous = {s: signal.signal(s, stop) for s in wanted}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def _kill_workers(pool: Any) -> None:
    # The executor has no public way to stop a running task; its worker processes are where they run.
    for process in list(getattr(pool, "_processes", {}).values()):
        if process.is_alive():
            process.kill()


def _worker_init(parent: int) -> None:
    """A worker ignores Ctrl+C (its parent decides and stops it) and dies with its parent, however that dies."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:  # Linux: the kernel kills this worker when the parent dies, even by SIGKILL
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)

    def watch() -> None:  # everywhere else, and belt and braces: a reparented worker stops within a second
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="kclint-parent-watch", daemon=True).start()


def show_progress(stderr: TextIO | None = None) -> bool:
    """A progress bar whenever stderr, where it is drawn, is a terminal (the report may go to a file or a
    pipe meanwhile); never in CI logs, pre-commit or a redirected stderr."""
    from kclint.terminal import is_terminal

    return is_terminal(stderr or sys.stderr)


def run_batch(
    files: Sequence[str],
    options: RunOptions,
    level: SchoolLevel | None = None,
    jobs: int | None = None,
    progress: bool = False,
    progress_file: TextIO | None = None,
    keep_plans: bool = False,
) -> list[FileResult]:
    """Check ``files`` and return one result per file, in the order given.

    ``jobs`` worker processes (default: the cores; never more than the files);
    ``1`` checks in this process. With ``progress`` a transient rich progress
    bar is drawn on ``progress_file`` (default stderr). The results carry the
    plan models only with ``keep_plans`` (for outputs that quote the plan's
    text); otherwise memory grows by the findings and a small summary per file.
    """
    files = list(files)
    workers = min(jobs or default_jobs(), len(files))
    results: list[FileResult | None] = [None] * len(files)
    with _progress(progress, len(files), progress_file) as advance:
        if workers <= 1:
            for i, path in enumerate(files):
                results[i] = _check_one(path, options, level, keep_plans)
                advance(path)
        else:
            from concurrent.futures import ProcessPoolExecutor, as_completed
            from concurrent.futures.process import BrokenProcessPool

            _warm_up()
            pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_init, initargs=(os.getpid(),))
            try:
                with _signals_end_the_run():
                    futures = {pool.submit(_check_one, path, options, level, keep_plans): i
                               for i, path in enumerate(files)}
                    for future in as_completed(futures):
                        i = futures[future]
                        try:
                            results[i] = future.result()
                        except BrokenProcessPool:  # a worker died (out of memory, killed): report, go on
                            results[i] = FileResult(files[i], error=InputError.for_file(
                                "internal", files[i], "tiến trình kiểm tra bị dừng đột ngột.",
                                "the worker checking this file died."))
                        advance(files[i])
            except BaseException:  # Ctrl+C, SIGTERM, SIGHUP or a bug: the workers stop now, with the run
                _kill_workers(pool)
                raise
            finally:
                pool.shutdown(wait=True, cancel_futures=True)
    return [r for r in results if r is not None]


class _progress:
    """Context manager yielding ``advance(path)``; a no-op unless ``enabled``."""

    def __init__(self, enabled: bool, total: int, file: TextIO | None) -> None:
        self.enabled = enabled and total > 1
        self.total = total
        self.file = file
        self._bar: Any = None

    def __enter__(self) -> Callable[[str], None]:
        if not self.enabled:
            return lambda path: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        console = Console(file=self.file or sys.stderr)
        self._bar = Progress(TextColumn("kclint"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                             TextColumn("[dim]{task.fields[path]}"), console=console, transient=True)
        self._bar.__enter__()
        task = self._bar.add_task("check", total=self.total, path="")

        def advance(path: str) -> None:
            self._bar.update(task, advance=1, path=os.path.basename(path))

        return advance

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)
