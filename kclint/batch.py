"""Many plans at once: worker processes, a progress bar, per-rule statistics and a per-school summary.

A district office checks hundreds of plans in one run. Files are checked by
:func:`kclint.pipeline.check_file` (in-process for ``jobs=1``, else in a
``concurrent.futures`` process pool); results always come back in the order of
the input paths, so the report is the same whatever ``jobs`` is. A file that
cannot be read, or that crashes the parser, becomes an error result and the
others go on.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from kclint.errors import InputError
from kclint.pipeline import FileResult, check_file

if TYPE_CHECKING:
    from kclint.engine import RunOptions
    from kclint.model import SchoolLevel


def default_jobs() -> int:
    """The number of cores this process may use (``sched_getaffinity`` honours CI cgroup/taskset limits)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


def _check_one(path: str, options: RunOptions, level: SchoolLevel | None) -> FileResult:
    from kclint.engine import SelectionError

    try:
        return check_file(path, options, level)
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


def show_progress(stdout: TextIO | None = None, stderr: TextIO | None = None) -> bool:
    """A progress bar only for a person at a terminal: never in pipes, CI logs or pre-commit."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    return all(getattr(s, "isatty", lambda: False)() for s in (out, err))


def run_batch(
    files: Sequence[str],
    options: RunOptions,
    level: SchoolLevel | None = None,
    jobs: int | None = None,
    progress: bool = False,
    progress_file: TextIO | None = None,
) -> list[FileResult]:
    """Check ``files`` and return one result per file, in the order given.

    ``jobs`` worker processes (default: the cores; never more than the files);
    ``1`` checks in this process. With ``progress`` a transient rich progress
    bar is drawn on ``progress_file`` (default stderr).
    """
    files = list(files)
    workers = min(jobs or default_jobs(), len(files))
    results: list[FileResult | None] = [None] * len(files)
    with _progress(progress, len(files), progress_file) as advance:
        if workers <= 1:
            for i, path in enumerate(files):
                results[i] = _check_one(path, options, level)
                advance(path)
        else:
            from concurrent.futures import ProcessPoolExecutor, as_completed
            from concurrent.futures.process import BrokenProcessPool

            _warm_up()
            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures = {pool.submit(_check_one, path, options, level): i for i, path in enumerate(files)}
                for future in as_completed(futures):
                    i = futures[future]
                    try:
                        results[i] = future.result()
                    except BrokenProcessPool:  # a worker died (out of memory, killed): report, go on
                        results[i] = FileResult(files[i], error=InputError.for_file(
                            "internal", files[i], "tiến trình kiểm tra bị dừng đột ngột.",
                            "the worker checking this file died."))
                    advance(files[i])
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


# --- statistics and summary ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class RuleCount:
    code: str
    rule: str
    count: int


def statistics(results: Sequence[FileResult]) -> list[RuleCount]:
    """Findings per rule, most frequent first (ties by code), like ``ruff --statistics``."""
    counts = Counter((f.code, f.rule) for r in results for f in r.findings)
    return [RuleCount(code, rule, n) for (code, rule), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def render_statistics(rows: Sequence[RuleCount]) -> str:
    """``  12  KC107  vague-deadline`` lines, counts right-aligned."""
    width = max((len(str(r.count)) for r in rows), default=1)
    return "".join(f"  {r.count:>{width}}  {r.code}  {r.rule}\n" for r in rows)


@dataclass(frozen=True)
class SchoolRow:
    """One plan in a district office's table."""

    path: str
    school: str | None
    level: str | None
    kind: str | None
    period: str | None
    errors: int
    warnings: int
    infos: int
    unreadable: str | None  # the reason, for a file kclint could not read

    def as_dict(self) -> dict[str, Any]:
        return dict(vars(self))


def school_summary(results: Sequence[FileResult], lang: str = "vi") -> list[SchoolRow]:
    """One row per file, in input order: who wrote it, for which period, how many problems."""
    rows = []
    for r in results:
        sev = Counter(f.severity.value for f in r.findings)
        plan = r.plan
        period = f"{plan.period.first_year}-{plan.period.last_year}" if plan and plan.period else None
        rows.append(SchoolRow(
            path=r.path, school=plan.school_name if plan else None,
            level=plan.school_level.value if plan else None, kind=plan.kind.value if plan else None,
            period=period, errors=sev["error"], warnings=sev["warning"], infos=sev["info"],
            unreadable=_without_path(r.error.message(lang), r.path) if r.error else None,
        ))
    return rows


def _without_path(message: str, path: str) -> str:
    """Per-file messages start with the path, which the table already shows."""
    return message[len(path) + 2:] if message.startswith(path + ": ") else message


_SUMMARY_HEAD = {
    "vi": ("Tệp", "Trường", "Cấp học", "Thời kỳ", "Lỗi", "Cảnh báo", "Ghi chú", "Không đọc được", "Tổng"),
    "en": ("File", "School", "Level", "Period", "Errors", "Warnings", "Infos", "Unreadable", "Total"),
}


def render_summary(rows: Sequence[SchoolRow], out: TextIO, lang: str = "vi", color: bool = False) -> None:
    """The per-school table (rich); plain and wide enough for a spreadsheet paste when piped."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    head = _SUMMARY_HEAD[lang]
    # A plain table (no box) pastes into a spreadsheet cleanly; Text() keeps '[' in names from being markup.
    table = Table(*head[:8], box=box.SIMPLE_HEAD if color else None)
    for i in (4, 5, 6):
        table.columns[i].justify = "right"
    for row in rows:
        table.add_row(*map(Text, (row.path, row.school or "?", row.level or "?", row.period or "?",
                                  str(row.errors), str(row.warnings), str(row.infos), row.unreadable or "")))
    table.add_row(*map(Text, (head[8], str(len(rows)), "", "", str(sum(r.errors for r in rows)),
                              str(sum(r.warnings for r in rows)), str(sum(r.infos for r in rows)),
                              str(sum(1 for r in rows if r.unreadable)))), style="bold")
    # Piped or written to a file, rows never wrap (a wrapped row breaks a paste into a spreadsheet).
    console = Console(file=out, no_color=not color, force_terminal=color, highlight=False,
                      width=None if color else 100_000)
    console.print(table)
