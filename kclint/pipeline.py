"""One file through reader -> parser -> rules; a batch of paths in a stable order."""

from __future__ import annotations

import os

from kclint import limits
from kclint.document import TEXT_SUFFIXES, WORD_SUFFIXES, Document
from kclint.engine import RunOptions, SelectionError, run_rules
from kclint.errors import InputError, KclintError
from kclint.model import SchoolLevel
from kclint.outputs import is_own_output
from kclint.results import FileResult

SUFFIXES = WORD_SUFFIXES + TEXT_SUFFIXES


def _timeout_error(path: str, seconds: float) -> InputError:
    return InputError.for_file(
        "timeout", path,
        f"kiểm tra tệp quá {seconds:g} giây nên đã dừng (tệp quá lớn hoặc cấu trúc bất thường).",
        f"checking took longer than {seconds:g} s and was stopped (file too large or oddly structured).",
    )


def _internal_error(path: str, exc: Exception) -> InputError:
    what = f"{exc.__class__.__name__}: {exc}"[:300]
    return InputError.for_file(
        "internal", path,
        f"lỗi nội bộ của kclint khi kiểm tra tệp này ({what}); xin báo lỗi kèm tệp.",
        f"kclint failed on this file ({what}); please report it with the file.",
    )


def _check(path: str, options: RunOptions, level: SchoolLevel | None) -> FileResult:
    from kclint.parse import build_plan
    from kclint.readers import read_document

    try:
        doc = read_document(path)
    except InputError as exc:
        return FileResult(path, error=exc)
    plan = build_plan(doc)
    if level is not None:
        plan = plan.model_copy(update={"school_level": level})
    return FileResult(path, plan, run_rules(plan, options.for_plan(plan), path), converted_from=doc.converted_from)


def check_file(path: str, options: RunOptions, level: SchoolLevel | None = None,
               timeout: float | None = limits.FILE_TIME_BUDGET_S) -> FileResult:
    """Read, model and check one plan; whatever goes wrong with this file becomes ``FileResult.error``.

    ``timeout`` is a wall-clock budget in seconds (``None``: unlimited) enforced by
    :func:`kclint.limits.time_budget`, in the main thread of any process (CLI, pool workers) and,
    with a portable fallback, in other threads. A plan that exceeds it becomes a ``timeout`` error
    and the batch goes on. An unexpected exception (a bug) becomes an ``internal`` error naming the
    file, unless ``options.strict`` asks for it to be raised (tests). Usage errors (an unknown rule
    in ``--select``) still raise: they concern the whole run, not this file.
    """
    try:
        with limits.time_budget(timeout), limits.cyclic_gc_paused():
            return _check(path, options, level)
    except limits.BudgetExceeded:
        return FileResult(path, error=_timeout_error(path, timeout or 0))
    except (KclintError, SelectionError):
        raise
    except Exception as exc:
        if options.strict:
            raise
        return FileResult(path, error=_internal_error(path, exc))


def read_file(path: str, timeout: float | None = limits.FILE_TIME_BUDGET_S) -> Document | InputError:
    """The reader's part of :func:`check_file` alone (``kclint read``): the Document, or why it cannot be read.

    The same budget and the same messages as a check: what ``kclint read`` cannot read, ``kclint check``
    cannot check, for the same reason.
    """
    from kclint.readers import read_document

    try:
        with limits.time_budget(timeout), limits.cyclic_gc_paused():
            return read_document(path)
    except InputError as exc:
        return exc
    except limits.BudgetExceeded:
        return _timeout_error(path, timeout or 0)
    except Exception as exc:
        return _internal_error(path, exc)


def collect_paths(paths: list[str]) -> list[str]:
    """Files named on the command line plus every plan below named directories, sorted.

    Word's lock files (``~$plan.docx``) and kclint's own outputs (annotated and corrected copies) are skipped:
    a second run over a folder checks the same plans as the first.
    """
    out: list[str] = []
    for p in paths:
        if os.path.isdir(p) and not p.lower().endswith(SUFFIXES):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(SUFFIXES) and not name.startswith("~$") and not is_own_output(name):
                        out.append(os.path.join(root, name))
        else:
            out.append(p)
    return out
