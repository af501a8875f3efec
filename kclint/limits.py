"""Resource limits for hostile or broken input, and the per-file time budget.

Every number a user may meet in an error message lives here, so that the README
section "Limits and safety" and the code cannot drift apart. The caps are far
above what a real plan needs (a 100-page plan is 1-5 MB of ``document.xml``,
a text export under 1 MB) and far below what would exhaust a 2-core CI box.
"""

from __future__ import annotations

import gc
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

MiB = 1024 * 1024

#: Bytes read from disk for one input; a larger file is refused before it is read.
MAX_FILE_BYTES = 100 * MiB
#: A text export larger than this is not a plan (the largest real ones are under 1 MB).
MAX_TEXT_BYTES = 10 * MiB
#: Members of a ``.docx`` package (Word writes 10 to 20, a few hundred with many images).
MAX_ZIP_ENTRIES = 2_000
#: Sum of the inflated sizes of all members, declared and actually inflated.
MAX_INFLATED_BYTES = 256 * MiB
#: One XML part inflated (a 5,000-row, 9-column table is about 5 MB; lxml needs ~10x in memory).
MAX_XML_PART_BYTES = 32 * MiB
#: Columns of a Word table (Word's own limit); a larger ``w:gridSpan`` is damage.
MAX_GRID_SPAN = 63
#: Inflation is streamed in chunks of this size, so memory stays bounded whatever the headers say.
INFLATE_CHUNK_BYTES = 1 * MiB
#: Default wall-clock budget for checking one file (read + parse + rules); a typical plan takes < 1 s.
FILE_TIME_BUDGET_S = 60.0
#: Wall-clock limit for one LibreOffice conversion (.doc, .rtf, .odt to .docx); a 100-page plan takes 2-6 s.
CONVERT_TIME_S = 45.0

# An OOXML integer attribute: optional sign, ASCII digits. Anything longer than this many characters is
# out of every range an attribute has, and never reaches ``int`` (which refuses more than 4,300 digits).
_INT_CHARS = 18


_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")


def ooxml_int(value: str | None, default: int | None, lo: int, hi: int, base: int = 10) -> int | None:
    """An OOXML integer attribute (``w:gridSpan``, ``w:sz``, ``w:ilvl``...) read safely, clamped to ``[lo, hi]``.

    ``default`` when the attribute is absent or is not a plain ASCII integer: ``str.isdigit`` accepts
    ``'²'`` and ``'٣'``, which ``int`` refuses or reads as another number, and a 5,000-digit value would
    make ``int`` raise. A well-formed value outside the range (``gridSpan="5000"``, a 5,000-digit page
    width) is clamped, so that callers can rely on the bounds whatever the file says. ``base=16`` reads
    the hexadecimal attributes (``w:sym/@w:char``).
    """
    if value is None:
        return default
    text = value.strip()
    sign = -1 if text[:1] == "-" else 1
    digits = text[1:] if text[:1] in "+-" and text else text
    if not digits or not (digits.isascii() and digits.isdigit() if base == 10 else _HEX_DIGITS.issuperset(digits)):
        return default
    if len(digits) > _INT_CHARS:
        return hi if sign > 0 else lo
    return min(max(sign * int(digits, base), lo), hi)


class BudgetExceeded(BaseException):
    """Raised inside the checked code when its time budget runs out.

    A ``BaseException`` on purpose: the rule engine and parsers catch ``Exception`` to keep going
    after a broken rule, and must not swallow the timeout.
    """


def _can_use_itimer() -> bool:
    # Signals are delivered to the main thread only, and Windows has no setitimer.
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def _itimer_budget(seconds: float) -> Iterator[None]:
    active = True

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        if active:
            raise BudgetExceeded()

    # Keep whoever had SIGALRM before (pytest-timeout, an outer caller) working afterwards.
    old_handler = signal.signal(signal.SIGALRM, on_alarm)
    old_delay, old_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield
    finally:
        try:
            active = False
        finally:
            # Nested so that an alarm landing just before ``active = False`` cannot skip the clean-up
            # (the timer is one-shot, so it cannot land twice).
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old_handler if old_handler is not None else signal.SIG_DFL)
        if old_delay:
            # Re-arm the outer timer with what is left of it; an already-expired one fires at once.
            left = old_delay - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3), old_interval)


@contextmanager
def _profile_budget(seconds: float) -> Iterator[None]:
    """Portable fallback: a profile hook on this thread checks the clock every few hundred calls.

    ``sys.setprofile`` is per thread and works off the main thread and on Windows. An exception
    raised by the hook propagates into the profiled code (and CPython then removes the hook).
    Cost: the checked code runs up to about 1.7 times slower. It cannot interrupt one long call into C.
    """
    deadline = time.monotonic() + seconds
    calls = 0

    def hook(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal calls
        calls += 1
        if calls & 0xFF == 0 and time.monotonic() > deadline:
            raise BudgetExceeded()

    previous = sys.getprofile()
    sys.setprofile(hook)
    try:
        yield
    finally:
        sys.setprofile(previous)


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise :class:`BudgetExceeded` in the body once ``seconds`` of wall-clock time have passed.

    In the main thread of a process (the CLI, and each worker of a process pool) a real-time
    interval timer (``SIGALRM``) interrupts the work, even inside a long regular-expression match.
    Elsewhere (a thread pool, Windows) a per-thread profile hook does. ``None`` or ``<= 0``: no budget.
    """
    if seconds is None or seconds <= 0:
        yield
        return
    budget = _itimer_budget if _can_use_itimer() else _profile_budget
    with budget(seconds):
        yield


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while one plan is checked or its results rendered.

    Checking a long plan allocates hundreds of thousands of small objects (lines, locations, spans)
    that all survive until the plan is done. Each allocation burst triggers collections that traverse
    every live object, so the collector's work grows faster than the plan: on a 320-page table plan it
    was a third of the check time, and rendering the report of that plan with the collector on took four
    times as long as with it paused. The plan model holds no reference cycles; its garbage is freed by
    reference counting as always, and anything cyclic is collected once the collector resumes.
    Nested or concurrent pauses are harmless: only the outermost one that found it enabled resumes it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
