"""Dates as Vietnamese school plans write them, turned into bounded calendar spans.

Plans state time in many shapes: ``ngày 05 tháng 02 năm 2024``, ``14/10/2025``, ``Tháng 10/ 2023``,
``T9/2023``, ``năm học 2023 – 2024``, ``giai đoạn 2023-2026``, ``từ tháng 10 đến tháng 3/2024``,
``Tuần 3``, ``Hàng năm``. Every recognised expression becomes a :class:`DateExpr` carrying the
earliest and latest day it can denote, so that rules compare spans instead of re-parsing text.
Expressions that name no concrete time are classified (vague, recurring, partial) rather than
guessed, and impossible ones (``31/02/2024``, ``tháng 13``) are reported as malformed with a reason,
never raised.

Offsets always refer to the string the caller passed. Input need not be NFC: matching runs on an
NFC copy whose characters are mapped back to the original, so NFD text yields the same results with
offsets into the NFD string. The keywords matched here contain no ``oa/oe/uy`` rhyme, so old and new
tone placement need no folding; ``kỳ``/``kì`` are both accepted.

Every pattern is anchored on a literal keyword or a digit run and uses bounded repetition only, so a
scan is linear in the length of the text.
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import enum
import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from kclint.textnorm import nfc_with_index

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "DateExpr",
    "DateKind",
    "FullDate",
    "SchoolYear",
    "find_date_exprs",
    "find_full_dates",
    "find_school_years",
    "parse_date_expr",
    "week_bounds",
    "week_of_month",
    "weeks_in_month",
]

#: Years outside this window are typing errors in a school plan, not dates to reason about.
MIN_YEAR = 1900
MAX_YEAR = 2100


class DateKind(str, enum.Enum):
    """What shape of time an expression names."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    SCHOOL_YEAR = "school_year"
    CYCLE = "cycle"
    RANGE = "range"
    OPEN_ENDED = "open_ended"
    PARTIAL = "partial"
    VAGUE = "vague"
    RECURRING = "recurring"
    MALFORMED = "malformed"


@dataclass(frozen=True, slots=True)
class DateExpr:
    """One date expression found in text, with the span of days it can denote.

    ``start``/``end`` are both set for bounded kinds. A ``RANGE`` whose end falls before its start
    keeps its ``parts`` but has no bounds (a span cannot run backwards) and says why in ``reason_*``.
    """

    text: str
    kind: DateKind
    start: datetime.date | None
    end: datetime.date | None
    offset: int = 0
    reason_vi: str | None = None
    reason_en: str | None = None
    parts: tuple[DateExpr, ...] = ()
    backwards: bool = False  # a range whose end part lies wholly earlier than its start part
    no_week: int | None = None  # the week number its month (or any month) does not have: KC160's, not KC105's
    # The week number written with its own days ('Tuần 3 (từ 17/11 đến 23/11/2025)'); ``parts`` is then (the
    # week, placed when its month is written, the days), and ``start``/``end`` are the days'.
    week: int | None = None
    # A third of a school year ('cuối năm học 2025-2026': roughly March to August): schools draw those lines
    # differently, so a rule may lean on the narrowed span only where the whole school year would agree.
    approx: bool = False

    @property
    def bounded(self) -> bool:
        """True when both the earliest and the latest day are known."""
        return self.start is not None and self.end is not None


@dataclass(frozen=True, slots=True)
class SchoolYear:
    """A ``YYYY-YYYY`` pair as written; ``text``/``offset`` cover the two years only."""

    first: int
    second: int
    text: str
    offset: int = 0

    @property
    def valid(self) -> bool:
        """Two consecutive years inside the plausible window."""
        return self.second == self.first + 1 and MIN_YEAR <= self.first and self.second <= MAX_YEAR

    @property
    def start(self) -> date:
        """1 August of the first year: summer preparation belongs to the coming school year.

        Raises ``ValueError`` for a year ``datetime`` cannot represent (e.g. ``0000``).
        """
        return date(self.first, 8, 1)

    @property
    def end(self) -> date:
        """31 August of the second year (summer work closes the year)."""
        return date(self.second, 8, 31)


@dataclass(frozen=True, slots=True)
class FullDate:
    """A day-month-year date with its digits exactly as written (for leading-zero checks)."""

    text: str
    offset: int
    day_text: str
    month_text: str
    year_text: str
    value: date | None


# ---------------------------------------------------------------------------------------------
# Calendar helpers


def short_date(day: datetime.date) -> str:
    """'06/10/2027': a date in a message, always two-digit day and month."""
    return day.strftime("%d/%m/%Y")


def worded_date(day: datetime.date) -> str:
    """'ngày 05 tháng 02 năm 2025', 'ngày 18 tháng 9 năm 2023': as Nghị định 30/2020 writes an issue date
    (days below 10 and months 1 and 2 take a leading zero, other months do not)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def weeks_in_month(year: int, month: int) -> int:
    """Monday-started weeks holding at least one day of the month (4 to 6; May 2024 has 5)."""
    return len(calendar.Calendar(calendar.MONDAY).monthdayscalendar(year, month))


def week_bounds(year: int, month: int, n: int) -> tuple[date, date]:
    """First and last day of week ``n`` of the month, clipped to the month.

    Clipping keeps a "Tuần 1" of a month that starts mid-week inside that month, which is how
    schedule tables mean it. Raises ``ValueError`` when the month has no week ``n``.
    """
    weeks = calendar.Calendar(calendar.MONDAY).monthdayscalendar(year, month)
    if not 1 <= n <= len(weeks):
        raise ValueError(f"{month}/{year} has {len(weeks)} weeks, not {n}")
    days = [d for d in weeks[n - 1] if d]
    return date(year, month, days[0]), date(year, month, days[-1])


def week_of_month(day: date) -> int:
    """The week of its month ``day`` falls in, as :func:`week_bounds` counts: Monday-started weeks, the
    month's first (partial) week being week 1 (Saturday 1 November 2025 opens week 1, Monday 3 November week 2)."""
    return (day.day + day.replace(day=1).weekday() - 1) // 7 + 1


def _month_span(year: int, month: int, third: int = 0) -> tuple[date, date]:
    """The days of a month, or of one of its thirds: 'đầu' 1-10, 'giữa' 11-20, 'cuối' 21 to the end."""
    first = date(year, month, 1)
    last = first + relativedelta(day=31)
    if not third:
        return first, last
    return first.replace(day=10 * third - 9), last if third == 3 else first.replace(day=10 * third)


def _school_year_span(first: int, third: int = 0) -> tuple[date, date]:
    """A school year (1 August to 31 August), or roughly one of its thirds: August to November, December to
    February, March to August."""
    if third == 1:
        return date(first, 8, 1), date(first, 11, 30)
    if third == 2:
        return date(first, 12, 1), date(first + 1, 3, 1) - relativedelta(days=1)
    return date(first + 1, 3, 1) if third == 3 else date(first, 8, 1), date(first + 1, 8, 31)


def _year_for_school_year(month: int, sy: SchoolYear) -> int:
    # September to December open the school year; January to August close it.
    return sy.first if month >= 9 else sy.second


# ---------------------------------------------------------------------------------------------
# Reasons (Vietnamese first: the report is read by school staff)

_Reason = tuple[str, str]


def _year_problem(year: int) -> _Reason | None:
    if MIN_YEAR <= year <= MAX_YEAR:
        return None
    return (f"Năm {year} nằm ngoài khoảng hợp lý {MIN_YEAR}–{MAX_YEAR}.",
            f"Year {year} is outside the plausible range {MIN_YEAR}–{MAX_YEAR}.")


def _month_problem(month: int) -> _Reason | None:
    if 1 <= month <= 12:
        return None
    return (f"Không có tháng {month} (chỉ có tháng 1 đến tháng 12).",
            f"There is no month {month} (months run 1 to 12).")


def _day_problem(day: int, month: int, year: int | None) -> _Reason | None:
    # Without a year, allow 29 February: a leap year may yet be meant.
    last = calendar.monthrange(year if year is not None else 2000, month)[1]
    if 1 <= day <= last:
        return None
    where = f"tháng {month}/{year}" if year is not None else f"tháng {month}"
    where_en = f"{calendar.month_name[month]} {year}" if year is not None else calendar.month_name[month]
    return (f"Ngày {day} không có trong {where} (chỉ có {last} ngày).",
            f"{where_en} has no day {day} (it has {last} days).")


def _date_problem(day: int | None, month: int, year: int | None) -> _Reason | None:
    if year is not None and (p := _year_problem(year)):
        return p
    if p := _month_problem(month):
        return p
    return _day_problem(day, month, year) if day is not None else None


_VAGUE_REASON: _Reason = (
    "Thời gian chung chung, không có mốc cụ thể để kiểm tra; nên ghi rõ tháng, năm.",
    "Vague time with no concrete date to check; state the month and year.",
)
_RECURRING_REASON: _Reason = (
    "Thời gian lặp lại hằng năm, không gắn với năm cụ thể nên không kiểm tra được.",
    "Recurs every year with no concrete year, so it cannot be checked.",
)
_NO_YEAR_REASON: _Reason = (
    "Thiếu năm, không xác định được thời điểm.",
    "The year is missing, so the date cannot be placed.",
)
_NO_MONTH_REASON: _Reason = (
    "Tuần không kèm tháng, năm nên không xác định được thời điểm.",
    "A week with no month and year cannot be placed.",
)
_BLANK_REASON: _Reason = (
    "Chưa ghi ngày, tháng; chỉ biết năm.",
    "Day and month are left blank; only the year is known.",
)
_OPEN_REASON: _Reason = (
    "Không có thời điểm kết thúc (kéo dài sang những năm sau).",
    "No end is given (it continues into later years).",
)
_BACKWARDS_REASON: _Reason = (
    "Thời điểm kết thúc ở trước thời điểm bắt đầu.",
    "The end comes before the start.",
)

# ---------------------------------------------------------------------------------------------
# Patterns. Digits are ASCII only; whitespace runs are bounded so no pattern can backtrack far.

_I = re.IGNORECASE
# Hyphen, the Unicode dashes, the minus sign, and the division sign some plans type for a range ('9 ÷ 12/2025').
_DASH = r"[\-\u2010-\u2015\u2212\u00f7]"
_NGAY = r"ng[àa]y"
_THANG = r"th[áa]ng"
_HOC = r"h[ọo]c"
_KY = r"k[ỳì]"
_YEARISH = r"[0-9]{4,5}(?![0-9])"  # five digits still match so "năm 20244" is reported, not skipped
# A keyword such as "trong tháng" is vague only when no number follows ("trong tháng 9" is a month).
_NO_NUMBER = rf"(?!\w)(?!\s{{0,3}}:?\s{{0,3}}(?:{_HOC}\s{{0,3}})?[0-9])"
# Month then year: "9/2023", "10/ 2023", "9-2023", "9.2023", "9 năm 2023", "9, năm 2023".
_MY_SEP = r"(?:\s{0,2}[/\-]\s{0,2}|\.|\s{0,2},?\s{0,2}năm\s{0,3})"
_LIST_TAIL = rf"(?:\s{{0,3}}(?:[,;&]|{_DASH}|và)\s{{0,3}}[0-9]{{1,2}}(?![0-9]))"

_FULL_WORDED = re.compile(
    rf"(?<!\w)(?P<core>{_NGAY}\s{{0,3}}(?P<d>[0-9]{{1,6}})\s{{0,3}},?\s{{0,3}}{_THANG}\s{{0,3}}"
    rf"(?P<m>[0-9]{{1,6}})\s{{0,3}},?\s{{0,3}}năm\s{{0,3}}(?P<y>[0-9]{{1,6}}))(?![0-9])",
    _I,
)
_FULL_NUMERIC = re.compile(
    # A hyphen before the day is a range's ('24/11-30/11/2025') when a day/month precedes it.
    rf"(?:(?<!\w){_NGAY}\s{{0,3}})?(?:(?<![\w/.\-])|(?<=/[0-9]-)|(?<=/[0-9]{{2}}-))(?P<core>(?P<d>[0-9]{{1,2}})\s?(?P<sep>[/\-.])\s?"
    r"(?P<m>[0-9]{1,2})\s?(?P=sep)\s?(?P<y>[0-9]{4}))(?![0-9]|/[0-9])",
    _I,
)
_DAY_MONTH_WORDED = re.compile(
    rf"(?<!\w){_NGAY}\s{{0,3}}(?P<d>[0-9]{{1,2}})\s{{0,3}},?\s{{0,3}}{_THANG}\s{{0,3}}(?P<m>[0-9]{{1,2}})"
    r"(?![0-9])",
    _I,
)
_DAY_MONTH_NUMERIC = re.compile(
    rf"(?<!\w){_NGAY}\s{{0,3}}(?P<d>[0-9]{{1,2}})\s?[/\-.]\s?(?P<m>[0-9]{{1,2}})(?![0-9]|\s?[/\-.]\s?[0-9])",
    _I,
)
# "17/11 đến 23/11/2025", "08/12–14/12/2025": a yearless day read only as the start of a range whose end is a
# full date (alone, "17/11" may be a count or a ratio).
_DAY_MONTH_BEFORE_DATE = re.compile(
    rf"(?<![\w/.\-])(?P<d>0?[1-9]|[12][0-9]|3[01])\s?/\s?(?P<m>0?[1-9]|1[0-2])(?![0-9])"
    rf"(?=\s{{0,3}},?\s{{0,3}}(?:đến|tới|{_DASH})\s{{0,3}}(?:{_NGAY}\s{{0,3}})?[0-9]{{1,2}}\s?/\s?[0-9]{{1,2}}\s?/\s?[0-9]{{4}})",
    _I,
)
_BLANK_DATE = re.compile(
    rf"(?<!\w){_NGAY}[\s.…_]{{1,30}}{_THANG}[\s.…_]{{1,30}}năm\s{{0,3}}(?P<y>[0-9]{{4}})(?![0-9])", _I
)
_MONTH_YEAR = re.compile(rf"(?<!\w){_THANG}\s{{0,3}}(?P<m>[0-9]{{1,3}}){_MY_SEP}(?P<y>{_YEARISH})", _I)
_MONTH_YEAR_T = re.compile(rf"(?<!\w)T(?P<m>[0-9]{{1,2}})\s{{0,2}}[/\-.]\s{{0,2}}(?P<y>{_YEARISH})", _I)
_MONTH_BARE = re.compile(rf"(?<!\w){_THANG}\s{{0,3}}(?P<m>[0-9]{{1,3}})(?![0-9])", _I)
_MONTH_LIST = re.compile(
    rf"(?<!\w){_THANG}\s{{0,3}}(?P<m>[0-9]{{1,2}})(?![0-9])(?P<rest>{_LIST_TAIL}{{1,12}})"
    rf"(?:{_MY_SEP}(?P<y>{_YEARISH}))?",
    _I,
)
_YEAR = re.compile(rf"(?<!\w)năm\s{{0,3}}(?P<y>{_YEARISH})", _I)
_SCHOOL_YEAR = re.compile(
    rf"(?:(?<!\w)(?P<kw>năm(?:\s{{1,3}}{_HOC})?|nam\s{{1,3}}{_HOC})\s{{0,3}}:?\s{{0,3}})?"
    rf"(?<![\w/.\-])(?P<y1>[0-9]{{4}})\s{{0,3}}(?P<sep>{_DASH}|/)\s{{0,3}}(?P<y2>[0-9]{{4}})(?![0-9]|/[0-9])",
    _I,
)
_CYCLE = re.compile(
    rf"(?<!\w)(?P<kw>giai\s{{1,3}}đoạn|chu\s{{1,3}}{_KY})\s{{0,3}}:?\s{{0,3}}(?:từ\s{{1,3}})?(?:năm\s{{1,3}})?"
    rf"(?P<y1>[0-9]{{4}})\s{{0,3}}(?:{_DASH}|đến|tới)\s{{0,3}}(?:năm\s{{1,3}})?(?P<y2>[0-9]{{4}})(?![0-9])",
    _I,
)
_WEEK = re.compile(
    rf"(?<!\w)tuần\s{{0,3}}(?:thứ\s{{1,3}})?(?P<w>[0-9]{{1,2}})(?![0-9])(?P<rest>{_LIST_TAIL}{{0,6}})", _I
)
_EVERY_YEAR = re.compile(rf"(?<!\w)(?:h[àằ]ng|mỗi)\s{{1,3}}năm(?:\s{{1,3}}{_HOC})?{_NO_NUMBER}", _I)
_TAIL = re.compile(
    rf"(?<!\w)(?:và\s{{1,3}})?(?:những|các)\s{{1,3}}năm(?:\s{{1,3}}{_HOC})?\s{{1,3}}"
    r"(?:tiếp\s{1,3}theo|kế\s{1,3}tiếp|sau(?:\s{1,3}đó)?)(?!\w)",
    _I,
)
_VAGUE = re.compile(
    "|".join((
        rf"(?<!\w)(?:h[àằ]ng|mỗi)\s{{1,3}}(?:tháng|tuần|ngày|quý|{_KY}|{_HOC}\s{{1,3}}{_KY})(?!\w)",
        r"(?<!\w)thường\s{1,3}xuyên(?!\w)",
        rf"(?<!\w)định\s{{1,3}}{_KY}(?!\w)",
        rf"(?<!\w)(?:trong(?:\s{{1,3}}suốt)?|suốt|cả|quanh)\s{{1,3}}"
        rf"(?:năm(?:\s{{1,3}}{_HOC})?|tháng|tuần|{_HOC}\s{{1,3}}{_KY}){_NO_NUMBER}",
        rf"(?<!\w)(?:đầu|cuối|giữa)\s{{1,3}}(?:năm(?:\s{{1,3}}{_HOC})?|tháng|tuần|{_HOC}\s{{1,3}}{_KY}"
        rf"(?:\s{{1,3}}(?:II|I|1|2)(?!\w))?){_NO_NUMBER}",
    )),
    _I,
)

# 'đầu/giữa/cuối' right before a month or a school year narrows it to a third ('cuối tháng 10/2025').
_THIRD_BEFORE = re.compile(r"(?<!\w)(?P<w>đầu|giữa|cuối)\s{1,3}$", _I)
_THIRDS = {"đầu": 1, "giữa": 2, "cuối": 3}
# 'cuối năm học' with no year written: a third of the plan's school year.
_SCHOOL_YEAR_THIRD = re.compile(rf"(?<!\w)(?P<w>đầu|giữa|cuối)\s{{1,3}}năm\s{{1,3}}{_HOC}{_NO_NUMBER}", _I)

# A semester of a school year: "HK I", "HKII", "học kỳ 2", "học kì I", optionally with its school year
# ("HK II năm học 2026-2027", "học kỳ I (2025-2026)"), which then places it instead of the plan's.
_SEMESTER = re.compile(
    rf"(?<!\w)(?:HK|{_HOC}\s{{1,3}}{_KY})\s{{0,3}}(?P<n>II|I|1|2)(?!\w)"
    rf"(?:\s{{0,3}}[,(]?\s{{0,3}}(?:(?:của\s{{1,3}})?(?:năm\s{{1,3}}{_HOC}|NH)\s{{0,3}}:?\s{{0,3}})?"
    rf"(?P<y1>[0-9]{{4}})\s{{0,3}}{_DASH}\s{{0,3}}(?P<y2>[0-9]{{4}})(?![0-9])\)?)?",
    _I,
)
# A calendar quarter: "Quý III/2026", "quý 4 năm 2025", "Quý I" (placed by the school year).
_QUARTER = re.compile(
    rf"(?<!\w)quý\s{{0,3}}(?P<q>IV|III|II|I|[1-4])(?!\w)(?:{_MY_SEP}(?P<y>{_YEARISH}))?", _I
)
_BARE_MONTH = r"(?<![\w/.\-])(?P<m>0?[1-9]|1[0-2])\s{0,2}/\s{0,2}(?P<y>[0-9]{4})(?![0-9]|/\w)"
# "11/2025" in a time field or a time column ('Thời gian: 11/2025 – 02/2026'); never in running text.
_MONTH_NUMERIC = re.compile(_BARE_MONTH)

# "10-11/2027", "02 – 03/2027" in a time field: two months sharing the year written once after the second.
_MONTH_PAIR_NUMERIC = re.compile(
    rf"(?<![\w/.\-])(?<!ng[àa]y\s)(?P<m>0?[1-9]|1[0-2])(?P<rest>\s{{0,2}}{_DASH}\s{{0,2}}(?:0?[1-9]|1[0-2]))"
    rf"\s{{0,2}}/\s{{0,2}}(?P<y>[0-9]{{4}})(?![0-9]|/\w)"
)

# In running text a bare month is read only as an end of a range of two ('thực hiện 11/2025 – 02/2026', 'từ
# 11/2025 đến 02/2026'): a circular is cited alone ('Thông tư 36/2017'), never as a span of two months. A
# document's type or number before it ('Thông tư 12/2020 – …', 'số 12/2024 – …') keeps the pair citations.
_UNNAMED_MONTH = _BARE_MONTH.replace("?P<m>", "?:").replace("?P<y>", "?:")
_MONTH_NUMERIC_PAIR = re.compile(
    rf"{_UNNAMED_MONTH}\s{{0,3}},?\s{{0,3}}(?:đến|tới|{_DASH})\s{{0,3}}{_UNNAMED_MONTH}", _I
)
_CITED_BEFORE = re.compile(r"(?<!\w)(?:số|thông\s+tư|nghị\s+định|quyết\s+định|công\s+văn|chỉ\s+thị|TT|NĐ|QĐ|CV)"
                           r"[\s.:]{0,3}$", _I)

# Whole-field shorthand ("9/2023", "2024"); too ambiguous in running text ("Thông tư 36/2017").
_FIELD_MONTH = re.compile(r"[\W_]{0,20}(?P<m>[0-9]{1,2})\s?[/\-.]\s?(?P<y>[0-9]{4})[\W_]{0,20}")
_FIELD_YEAR = re.compile(r"[\W_]{0,20}(?P<y>[0-9]{4})[\W_]{0,20}")

# Glue between atoms that makes them one expression.
_RANGE_GAP = re.compile(rf"\s{{0,3}},?\s{{0,3}}(?:đến|tới|cho\s{{1,3}}đến|->|→|~|{_DASH})\s{{0,3}}", _I)
_AND_GAP = re.compile(r"\s{0,3},?\s{0,3}(?:và|&)\s{0,3}", _I)
_WEEK_GAP = re.compile(r"[\s,(]{0,3}(?:của\s{1,3}|trong\s{1,3})?", _I)
_OF_GAP = re.compile(r"\s{0,3},?\s{0,3}(?:của\s{1,3}|trong\s{1,3})?", _I)
_RECUR_GAP = re.compile(r"\s{0,3},?\s{0,3}(?:vào\s{1,3})?", _I)
_TAIL_GAP = re.compile(r"[\s,;]{0,4}")
_TAIL_WORDS = re.compile(r"[\s,]{0,4}(?:trở\s{1,3}đi|trở\s{1,3}về\s{1,3}sau|(?:đến|tới)\s{1,3}nay)(?!\w)", _I)
# Between a week and its own days: 'Tuần 3 (từ 17/11 …', 'tuần 2 tháng 12: 08/12–14/12/2025'.
_WEEK_DAYS_GAP = re.compile(rf"\s{{0,3}}[(:,]?\s{{0,3}}(?:{_DASH}\s{{0,3}})?(?:từ\s{{1,3}})?", _I)
_CLOSE_PAREN = re.compile(r"\s{0,3}\)")
_FROM_BEFORE = re.compile(r"(?<!\w)(?:kể\s{1,3})?từ\s{1,3}$", _I)
_MAX_GAP = 24

# ---------------------------------------------------------------------------------------------
# Offsets: match on NFC, report in the caller's string.


def _can_start_chunk(ch: str) -> bool:
    # Combining marks and Hangul medial/final jamo may compose with what precedes them; any other
    # character starts a chunk that normalises independently of its neighbours.
    return not unicodedata.category(ch).startswith("M") and not "\u1160" <= ch <= "\u11ff"


class _Source:
    """The caller's text plus an NFC copy for matching, with a map back to original offsets."""

    __slots__ = ("_index", "norm", "orig")

    def __init__(self, text: str) -> None:
        self.orig = text
        # Cut only before a character that cannot compose with what precedes it: unlike the
        # default cut (combining class 0), a spacing mark or a Hangul jamo stays in its chunk.
        self.norm, self._index = nfc_with_index(text, _can_start_chunk)

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Original ``[start, end)`` covering normalised ``[a, b)`` (``b > a``): whole chunks."""
        index = self._index
        if index is None:
            return a, b
        # The chunk holding ``b - 1`` ends where the next one starts: the first entry past its start
        # (the map rises by chunk and ends with ``len(orig)``).
        return index[a], index[bisect.bisect_right(index, index[b - 1])]

    def expr(self, a: int, b: int, kind: DateKind, start: date | None = None, end: date | None = None,
             reason: _Reason | None = None, parts: tuple[DateExpr, ...] = (), no_week: int | None = None,
             approx: bool = False) -> DateExpr:
        s, e = self.span(a, b)
        return DateExpr(text=self.orig[s:e], kind=kind, start=start, end=end, offset=s,
                        reason_vi=reason[0] if reason else None, reason_en=reason[1] if reason else None,
                        parts=parts, no_week=no_week, approx=approx)


# ---------------------------------------------------------------------------------------------
# Atoms: the smallest date expressions, before ranges and conjunctions join them.


@dataclass(slots=True)
class _Atom:
    s: int
    e: int
    cat: str  # day, day_partial, month, month_bare, month_list, year, school_year, school_year_third, cycle,
    #           week, blank, vague, every_year, tail
    prio: int = 0
    y: int = 0
    m: int = 0
    d: int = 0
    y2: int = 0
    items: tuple[int, ...] = ()
    sy_kw: str = ""  # the keyword before a YYYY-YYYY pair, lower-cased ("", "năm", "năm học")
    ys: int = 0  # where the first year of a YYYY-YYYY pair starts
    third: int = 0  # 1, 2, 3: 'đầu', 'giữa', 'cuối' before a month or a school year (0: the whole of it)


_ENDPOINTS = frozenset({"day", "day_partial", "month", "month_bare", "year", "school_year", "cycle",
                        "semester", "quarter"})
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_BARE = frozenset({"day_partial", "month_bare"})


def _numbers(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"[0-9]+", text))


def _full(m: re.Match[str]) -> _Atom:
    return _Atom(m.start(), m.end(), "day", y=int(m["y"]), m=int(m["m"]), d=int(m["d"]))


def _day_month(m: re.Match[str]) -> _Atom:
    return _Atom(m.start(), m.end(), "day_partial", m=int(m["m"]), d=int(m["d"]))


def _blank(m: re.Match[str]) -> _Atom:
    return _Atom(m.start(), m.end(), "blank", y=int(m["y"]))


def _month_year(m: re.Match[str]) -> _Atom:
    return _Atom(m.start(), m.end(), "month", y=int(m["y"]), m=int(m["m"]))


def _month_bare(m: re.Match[str]) -> _Atom:
    return _Atom(m.start(), m.end(), "month_bare", m=int(m["m"]))


def _month_list(m: re.Match[str]) -> _Atom:
    return _Atom(m.start(), m.end(), "month_list", y=int(m["y"]) if m["y"] else 0,
                 items=(int(m["m"]), *_numbers(m["rest"])))


def _year(m: re.Match[str]) -> _Atom:
    return _Atom(m.start(), m.end(), "year", y=int(m["y"]))


def _school_year(m: re.Match[str]) -> _Atom | None:
    kw = " ".join(m["kw"].lower().split()) if m["kw"] else ""
    y1, y2 = m["y1"], m["y2"]
    if not kw and (m["sep"] == "/" or not (y1[:2] in ("19", "20", "21") and y2[:2] in ("19", "20", "21"))):
        # A bare pair is a school year only when both halves look like years; "2023/2024" needs "năm học".
        return None
    return _Atom(m.start(), m.end(), "school_year", y=int(y1), y2=int(y2), sy_kw=kw, ys=m.start("y1"))


def _cycle(m: re.Match[str]) -> _Atom:
    return _Atom(m.start(), m.end(), "cycle", y=int(m["y1"]), y2=int(m["y2"]), ys=m.start("y1"))


def _ordinal(text: str) -> int:
    return int(text) if text.isdecimal() else _ROMAN[text.lower()]


def _semester(m: re.Match[str]) -> _Atom:
    y1, y2 = (int(m["y1"]), int(m["y2"])) if m["y1"] else (0, 0)
    return _Atom(m.start(), m.end(), "semester", y=y1, y2=y2, items=(_ordinal(m["n"]),),
                 ys=m.start("y1") if m["y1"] else 0)


def _quarter(m: re.Match[str]) -> _Atom:
    return _Atom(m.start(), m.end(), "quarter", y=int(m["y"]) if m["y"] else 0, items=(_ordinal(m["q"]),))


def _week(m: re.Match[str]) -> _Atom:
    return _Atom(m.start(), m.end(), "week", items=(int(m["w"]), *_numbers(m["rest"])))


def _school_year_third(m: re.Match[str]) -> _Atom:
    return _Atom(m.start(), m.end(), "school_year_third", third=_THIRDS[m["w"].lower()])


def _vague_as(cat: str) -> Callable[[re.Match[str]], _Atom]:
    def build(m: re.Match[str]) -> _Atom:
        return _Atom(m.start(), m.end(), cat)
    return build


# Order breaks ties between equally long matches: the more specific reading first.
_ATOM_PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], _Atom | None]], ...] = (
    (_FULL_WORDED, _full),
    (_FULL_NUMERIC, _full),
    (_CYCLE, _cycle),
    (_SCHOOL_YEAR, _school_year),
    (_MONTH_LIST, _month_list),
    (_MONTH_YEAR, _month_year),
    (_MONTH_YEAR_T, _month_year),
    (_BLANK_DATE, _blank),
    (_DAY_MONTH_WORDED, _day_month),
    (_DAY_MONTH_NUMERIC, _day_month),
    (_DAY_MONTH_BEFORE_DATE, _day_month),
    (_SEMESTER, _semester),
    (_QUARTER, _quarter),
    (_MONTH_BARE, _month_bare),
    (_YEAR, _year),
    (_WEEK, _week),
    (_SCHOOL_YEAR_THIRD, _school_year_third),
    (_TAIL, _vague_as("tail")),
    (_EVERY_YEAR, _vague_as("every_year")),
    (_VAGUE, _vague_as("vague")),
)


def _scan(norm: str, in_field: bool = False) -> list[_Atom]:
    """Non-overlapping atoms, left to right; where candidates overlap the longest wins.

    ``in_field``: the text is a time field's value, where a bare ``11/2025`` is a month.
    """
    cands: list[_Atom] = []
    patterns = (*_ATOM_PATTERNS, (_MONTH_NUMERIC, _month_year), (_MONTH_PAIR_NUMERIC, _month_list)) if in_field \
        else _ATOM_PATTERNS
    for prio, (pattern, build) in enumerate(patterns):
        for m in pattern.finditer(norm):
            atom = build(m)
            if atom is not None and atom.e > atom.s:
                atom.prio = prio
                cands.append(atom)
    if not in_field:
        for pair in _MONTH_NUMERIC_PAIR.finditer(norm):
            if _CITED_BEFORE.search(norm, max(0, pair.start() - 16), pair.start()):
                continue
            for m in _MONTH_NUMERIC.finditer(norm, pair.start(), pair.end()):
                cands.append(_month_year(m))
                cands[-1].prio = len(patterns)
    cands.sort(key=lambda a: (a.s - a.e, a.s, a.prio))
    starts: list[int] = []
    chosen: list[_Atom] = []
    for atom in cands:
        i = bisect.bisect_right(starts, atom.s)
        if i and chosen[i - 1].e > atom.s:
            continue
        if i < len(chosen) and chosen[i].s < atom.e:
            continue
        starts.insert(i, atom.s)
        chosen.insert(i, atom)
    for atom in chosen:
        _take_third(norm, atom)
    return chosen


def _take_third(norm: str, atom: _Atom) -> None:
    """Widen a month or a school year over the 'đầu/giữa/cuối' just before it and note which third it names.

    A school year needs its keyword ('cuối năm học 2025-2026'): 'cuối 2025-2026' is too loose to narrow."""
    if atom.cat not in ("month", "month_bare") and not (atom.cat == "school_year" and atom.sy_kw):
        return
    if m := _THIRD_BEFORE.search(norm, max(0, atom.s - 8), atom.s):
        atom.third = _THIRDS[m["w"].lower()]
        atom.s = m.start()


# ---------------------------------------------------------------------------------------------
# Turning atoms into expressions.


def _bare_span(atom: _Atom, year: int) -> tuple[date, date] | None:
    """The span a yearless atom denotes in ``year``; None when that year has no such day."""
    if _year_problem(year) or _month_problem(atom.m):
        return None
    if atom.cat == "month_bare":
        return _month_span(year, atom.m, atom.third)
    if _day_problem(atom.d, atom.m, year):
        return None
    day = date(year, atom.m, atom.d)
    return day, day


def _bare_year_before(atom: _Atom, limit: date) -> int | None:
    # The latest year whose reading still starts no later than ``limit``.
    for year in (limit.year, limit.year - 1):
        span = _bare_span(atom, year)
        if span and span[0] <= limit:
            return year
    return None


def _bare_year_after(atom: _Atom, limit: date) -> int | None:
    # The earliest year whose reading still ends no earlier than ``limit``.
    for year in (limit.year, limit.year + 1):
        span = _bare_span(atom, year)
        if span and span[1] >= limit:
            return year
    return None


# The months a school year places without doubt (its teaching months); June to August may be the summer before it
# or the summer closing it.
_TEACHING_MONTHS = frozenset({9, 10, 11, 12, 1, 2, 3, 4, 5})


def _placed_by_school_year(atom: _Atom, borrowed: int | None, end: DateExpr, sy: SchoolYear | None) -> int | None:
    """The year of a yearless first end of a range whose other end is dated.

    Borrowing the latest year that keeps it no later than the end ('từ tháng 10 đến tháng 3/2024' -> 10/2023)
    holds unless the plan's school year says otherwise: when the end lies in the plan's school year and the
    borrowed reading falls before that year, a teaching month is the plan's ('từ tháng 12 đến tháng 10 năm
    2025' in a 2025-2026 plan is 12/2025, after its end: the range runs backwards). Without a school year, or
    for a summer month, borrowing stands (no reversal is claimed)."""
    if borrowed is None or sy is None or not sy.valid or atom.m not in _TEACHING_MONTHS:
        return borrowed
    if end.start is None or end.end is None or not sy.start <= end.start <= end.end <= sy.end:
        return borrowed
    span = _bare_span(atom, borrowed)
    if span is None or span[0] >= sy.start:
        return borrowed
    return _year_for_school_year(atom.m, sy)


def _single(src: _Source, atom: _Atom, sy: SchoolYear | None, year: int | None = None) -> DateExpr:
    """The expression for one atom; ``year`` places a yearless day or month."""
    a, b, cat = atom.s, atom.e, atom.cat
    if cat == "day":
        if p := _date_problem(atom.d, atom.m, atom.y):
            return src.expr(a, b, DateKind.MALFORMED, reason=p)
        day = date(atom.y, atom.m, atom.d)
        return src.expr(a, b, DateKind.DAY, day, day)
    if cat in _BARE:
        if p := _date_problem(atom.d if cat == "day_partial" else None, atom.m, None):
            return src.expr(a, b, DateKind.MALFORMED, reason=p)
        if year is None and sy is not None and sy.valid:
            year = _year_for_school_year(atom.m, sy)
        if year is None:
            return src.expr(a, b, DateKind.PARTIAL, reason=_NO_YEAR_REASON)
        if p := _date_problem(atom.d if cat == "day_partial" else None, atom.m, year):
            return src.expr(a, b, DateKind.MALFORMED, reason=p)
        span = _bare_span(atom, year)
        if span is None:  # only a year outside the window is left to fail here
            return src.expr(a, b, DateKind.MALFORMED, reason=_year_problem(year))
        return src.expr(a, b, DateKind.DAY if cat == "day_partial" else DateKind.MONTH, *span)
    if cat == "month":
        if p := _date_problem(None, atom.m, atom.y):
            return src.expr(a, b, DateKind.MALFORMED, reason=p)
        return src.expr(a, b, DateKind.MONTH, *_month_span(atom.y, atom.m, atom.third))
    if cat == "month_list":
        return _month_list_expr(src, atom, sy)
    if cat == "year":
        if p := _year_problem(atom.y):
            return src.expr(a, b, DateKind.MALFORMED, reason=p)
        return src.expr(a, b, DateKind.YEAR, date(atom.y, 1, 1), date(atom.y, 12, 31))
    if cat == "blank":
        if p := _year_problem(atom.y):
            return src.expr(a, b, DateKind.MALFORMED, reason=p)
        return src.expr(a, b, DateKind.PARTIAL, date(atom.y, 1, 1), date(atom.y, 12, 31), _BLANK_REASON)
    if cat in ("school_year", "cycle"):
        return _years_expr(src, atom)
    if cat == "semester":
        return _semester_expr(src, atom, sy)
    if cat == "school_year_third" and sy is not None and sy.valid:
        return src.expr(a, b, DateKind.SCHOOL_YEAR, *_school_year_span(sy.first, atom.third), approx=True)
    if cat == "quarter":
        return _quarter_expr(src, atom, sy)
    if cat == "week":
        bad = [w for w in atom.items if not 1 <= w <= 6]
        if bad:
            return src.expr(a, b, DateKind.MALFORMED,
                            reason=(f"Không có tuần {bad[0]} trong một tháng (tối đa 6 tuần).",
                                    f"No month has a week {bad[0]} (at most 6)."), no_week=bad[0])
        return src.expr(a, b, DateKind.PARTIAL, reason=_NO_MONTH_REASON)
    return src.expr(a, b, DateKind.VAGUE, reason=_VAGUE_REASON)


_NO_SCHOOL_YEAR_REASON: _Reason = (
    "Học kỳ không kèm năm học, không xác định được thời điểm.",
    "A semester with no school year cannot be placed.",
)


def _semester_expr(src: _Source, atom: _Atom, sy: SchoolYear | None) -> DateExpr:
    """A semester as the span of days it can cover, generously: schools split the year anywhere in January.

    HK I runs 1 September to 31 January, HK II 1 January to 31 May (both share January so that no real
    split falls outside either); the school year written with it places it, else the plan's.
    """
    a, b = atom.s, atom.e
    if atom.y:
        named = _years_expr(src, atom)
        if named.kind != DateKind.SCHOOL_YEAR:
            return src.expr(a, b, DateKind.MALFORMED, reason=_reason_of(named))
        sy = SchoolYear(atom.y, atom.y2, "")
    if sy is None or not sy.valid:
        return src.expr(a, b, DateKind.PARTIAL, reason=_NO_SCHOOL_YEAR_REASON)
    if atom.items[0] == 1:
        return src.expr(a, b, DateKind.RANGE, date(sy.first, 9, 1), date(sy.second, 1, 31))
    return src.expr(a, b, DateKind.RANGE, date(sy.second, 1, 1), date(sy.second, 5, 31))


def _quarter_expr(src: _Source, atom: _Atom, sy: SchoolYear | None) -> DateExpr:
    """A calendar quarter; without a year the school year places quarters IV (its first year), I and II
    (its second); quarter III straddles two school years and stays unplaced."""
    a, b, q = atom.s, atom.e, atom.items[0]
    year = atom.y
    if year and (p := _year_problem(year)):
        return src.expr(a, b, DateKind.MALFORMED, reason=p)
    if not year and sy is not None and sy.valid and q != 3:
        year = sy.first if q == 4 else sy.second
    if not year:
        return src.expr(a, b, DateKind.PARTIAL, reason=_NO_YEAR_REASON)
    return src.expr(a, b, DateKind.RANGE, date(year, 3 * q - 2, 1), _month_span(year, 3 * q)[1])


def _years_expr(src: _Source, atom: _Atom) -> DateExpr:
    a, b, y1, y2 = atom.s, atom.e, atom.y, atom.y2
    if p := (_year_problem(y1) or _year_problem(y2)):
        return src.expr(a, b, DateKind.MALFORMED, reason=p)
    # "năm 2016-2020" (no "học") reads as a span of calendar years when it cannot be a school year.
    is_cycle = atom.cat == "cycle" or (atom.sy_kw == "năm" and y2 > y1 + 1)
    if is_cycle:
        if y2 < y1:
            return src.expr(a, b, DateKind.MALFORMED,
                            reason=(f"Giai đoạn {y1}-{y2} có năm kết thúc trước năm bắt đầu.",
                                    f"The period {y1}-{y2} ends before it starts."))
        return src.expr(a, b, DateKind.CYCLE, date(y1, 1, 1), date(y2, 12, 31))
    if y2 != y1 + 1:
        return src.expr(a, b, DateKind.MALFORMED,
                        reason=(f"Năm học {y1}-{y2} không hợp lệ: năm học gồm hai năm liền nhau "
                                f"(ví dụ {y1}-{y1 + 1}).",
                                f"School year {y1}-{y2} is invalid: it must span two consecutive years "
                                f"(e.g. {y1}-{y1 + 1})."))
    return src.expr(a, b, DateKind.SCHOOL_YEAR, *_school_year_span(y1, atom.third), approx=bool(atom.third))


def _month_list_expr(src: _Source, atom: _Atom, sy: SchoolYear | None) -> DateExpr:
    a, b, months = atom.s, atom.e, atom.items
    for month in months:
        if p := _month_problem(month):
            return src.expr(a, b, DateKind.MALFORMED, reason=p)
    if atom.y:
        if p := _year_problem(atom.y):
            return src.expr(a, b, DateKind.MALFORMED, reason=p)
        # The year is written once, after the last month; earlier months that are larger
        # ("tháng 11, 12, 1/2024") belong to the year before.
        years = [atom.y]
        for prev, nxt in zip(reversed(months[:-1]), reversed(months[1:]), strict=True):
            years.append(years[-1] - 1 if prev > nxt else years[-1])
        years.reverse()
    elif sy is not None and sy.valid:
        years = [_year_for_school_year(mo, sy) for mo in months]
    else:
        return src.expr(a, b, DateKind.PARTIAL, reason=_NO_YEAR_REASON)
    if p := _year_problem(min(years)):
        return src.expr(a, b, DateKind.MALFORMED, reason=p)
    spans = [_month_span(y, mo) for y, mo in zip(years, months, strict=True)]
    return src.expr(a, b, DateKind.RANGE, min(s for s, _ in spans), max(e for _, e in spans))


def _resolve_sequence(src: _Source, atoms: list[_Atom], sy: SchoolYear | None) -> list[DateExpr]:
    """Expressions for atoms joined into one range or list, placing yearless parts by their neighbours.

    A yearless part takes the latest year that keeps it no later than the next dated part
    ("từ tháng 10 đến tháng 3/2024" -> 10/2023); failing that, the earliest year that keeps it no
    earlier than the part before; failing that, the school year.
    """
    out: list[DateExpr | None] = [None if a.cat in _BARE else _single(src, a, sy) for a in atoms]
    for i, atom in enumerate(atoms):
        if atom.cat not in _BARE:
            continue
        year = None
        nxt = next((e for e in out[i + 1:] if e is not None and e.end is not None), None)
        if nxt is not None and nxt.end is not None:
            year = _placed_by_school_year(atom, _bare_year_before(atom, nxt.end), nxt, sy)
        if year is None:
            prev = next((e for e in reversed(out[:i]) if e is not None and e.start is not None), None)
            if prev is not None and prev.start is not None:
                year = _bare_year_after(atom, prev.start)
        out[i] = _single(src, atom, sy, year)
    return [e for e in out if e is not None]


def _reason_of(expr: DateExpr) -> _Reason:
    return expr.reason_vi or "", expr.reason_en or ""


def _in_school_year(src: _Source, bare: _Atom, school: _Atom) -> DateExpr:
    """"tháng 11 năm học 2023-2024": the named school year places the month, not the plan's."""
    named = _years_expr(src, school)
    if named.kind != DateKind.SCHOOL_YEAR:
        return src.expr(bare.s, school.e, DateKind.MALFORMED, reason=_reason_of(named))
    inner = _single(src, bare, SchoolYear(school.y, school.y2, ""))
    return src.expr(bare.s, school.e, inner.kind, inner.start, inner.end,
                    None if inner.bounded else _reason_of(inner))


def _first_problem(parts: list[DateExpr]) -> DateExpr | None:
    return next((p for p in parts if p.kind == DateKind.MALFORMED), None)


def _range(src: _Source, a: int, b: int, parts: list[DateExpr]) -> DateExpr:
    first, last = parts[0], parts[-1]
    if bad := _first_problem(parts):
        return src.expr(a, b, DateKind.MALFORMED, reason=_reason_of(bad),
                        parts=tuple(parts))
    if lies_earlier(last, first):
        expr = src.expr(a, b, DateKind.RANGE, reason=_BACKWARDS_REASON, parts=tuple(parts))
        return DateExpr(expr.text, expr.kind, None, None, expr.offset, expr.reason_vi, expr.reason_en,
                        expr.parts, backwards=True)
    if first.start is None or last.end is None:
        return src.expr(a, b, DateKind.PARTIAL, first.start, last.end, _NO_YEAR_REASON, tuple(parts))
    return src.expr(a, b, DateKind.RANGE, first.start, last.end, parts=tuple(parts),
                    approx=any(p.approx for p in parts))


def lies_earlier(late: DateExpr, early: DateExpr) -> bool:
    """Whether ``late`` lies wholly earlier than ``early``: it ends before ``early`` starts, or (two
    overlapping spans such as HK II and HK I) it both starts and ends earlier."""
    if late.start is None or late.end is None or early.start is None or early.end is None:
        return late.end is not None and early.start is not None and late.end < early.start
    return late.end < early.start or (late.start < early.start and late.end < early.end)


def _union(src: _Source, a: int, b: int, parts: list[DateExpr]) -> DateExpr:
    """"A và B": the span covering every part; unknown as soon as one part cannot be placed."""
    if bad := _first_problem(parts):
        return src.expr(a, b, DateKind.MALFORMED, reason=_reason_of(bad), parts=tuple(parts))
    starts = [p.start for p in parts if p.start is not None]
    ends = [p.end for p in parts if p.end is not None]
    lo = min(starts) if len(starts) == len(parts) else None
    hi = max(ends) if len(ends) == len(parts) else None
    if lo is None or hi is None:
        unplaced = next((p for p in parts if not p.bounded and p.reason_vi), None)
        reason = _reason_of(unplaced) if unplaced else None
        return src.expr(a, b, DateKind.PARTIAL, lo, hi, reason, tuple(parts))
    return src.expr(a, b, DateKind.RANGE, lo, hi, parts=tuple(parts))


def _week_in_month(src: _Source, week: _Atom, month: _Atom, sy: SchoolYear | None) -> DateExpr:
    a, b = week.s, month.e
    month_expr = _single(src, month, sy)
    if month_expr.kind == DateKind.MALFORMED:
        return src.expr(a, b, DateKind.MALFORMED, reason=_reason_of(month_expr))
    if month_expr.start is None:
        return src.expr(a, b, DateKind.PARTIAL, reason=_NO_YEAR_REASON)
    y, m = month_expr.start.year, month_expr.start.month
    have = weeks_in_month(y, m)
    bad = [w for w in week.items if not 1 <= w <= have]
    if bad:
        return src.expr(a, b, DateKind.MALFORMED,
                        reason=(f"Tháng {m}/{y} chỉ có {have} tuần, không có tuần {bad[0]}.",
                                f"{calendar.month_name[m]} {y} has {have} weeks, not a week {bad[0]}."), no_week=bad[0])
    spans = [week_bounds(y, m, w) for w in week.items]
    return src.expr(a, b, DateKind.RANGE, min(s for s, _ in spans), max(e for _, e in spans))


def _combine(src: _Source, atoms: list[_Atom], sy: SchoolYear | None) -> list[DateExpr]:
    """Join adjacent atoms into ranges, lists, week-of-month, recurring and open-ended expressions."""
    norm = src.norm
    out: list[DateExpr] = []
    n = len(atoms)

    def gap(i: int) -> str | None:
        if i + 1 >= n or atoms[i + 1].s - atoms[i].e > _MAX_GAP:
            return None
        return norm[atoms[i].e:atoms[i + 1].s]

    i = 0
    while i < n:
        a = atoms[i]
        g = gap(i)
        nxt = atoms[i + 1] if g is not None else None
        start = a.s
        expr: DateExpr | None = None
        j = i + 1
        if nxt is not None and g is not None:
            if a.cat == "week" and nxt.cat in ("month", "month_bare") and _WEEK_GAP.fullmatch(g):
                expr, j = _week_in_month(src, a, nxt, sy), i + 2
            elif a.cat in _ENDPOINTS and nxt.cat in _ENDPOINTS and _RANGE_GAP.fullmatch(g):
                if m := _FROM_BEFORE.search(norm, max(0, a.s - 16), a.s):
                    start = m.start()
                expr = _range(src, start, nxt.e, _resolve_sequence(src, [a, nxt], sy))
                j = i + 2
            elif a.cat in _ENDPOINTS and nxt.cat in _ENDPOINTS and _AND_GAP.fullmatch(g):
                group = [a, nxt]
                j = i + 2
                while j < n and atoms[j].cat in _ENDPOINTS and (gj := gap(j - 1)) is not None \
                        and _AND_GAP.fullmatch(gj):
                    group.append(atoms[j])
                    j += 1
                expr = _union(src, a.s, group[-1].e, _resolve_sequence(src, group, sy))
            elif a.cat in _BARE and nxt.cat == "school_year" and _OF_GAP.fullmatch(g):
                expr, j = _in_school_year(src, a, nxt), i + 2
            elif _RECUR_GAP.fullmatch(g) and (
                    (a.cat in ("month_bare", "month_list") and nxt.cat == "every_year")
                    or (a.cat == "every_year" and nxt.cat in ("month_bare", "month_list")
                        and not _names_school_year(atoms, i + 1, norm))):
                months = _single(src, a if a.cat != "every_year" else nxt, sy)
                if months.kind == DateKind.MALFORMED:
                    expr = src.expr(a.s, nxt.e, DateKind.MALFORMED,
                                    reason=_reason_of(months))
                else:
                    expr = src.expr(a.s, nxt.e, DateKind.RECURRING, reason=_RECURRING_REASON)
                j = i + 2
        if expr is None:
            expr = _single(src, a, sy)
        if a.cat == "week" and len(a.items) == 1:
            expr, j = _week_days(src, atoms, j, start, expr, sy)
        expr, j = _open_tail(src, atoms, j, start, expr)
        out.append(expr)
        i = j
    return out


def _week_days(src: _Source, atoms: list[_Atom], j: int, start: int, week: DateExpr,
               sy: SchoolYear | None) -> tuple[DateExpr, int]:
    """A week followed by its own days ('Tuần 3 (từ 17/11 đến 23/11/2025)', 'tuần 2 tháng 12 (08/12–14/12/2025)')
    is one expression: the days' span, with the week number and the week kept for KC162.

    A week its month lacks stays the week (KC160's); days that cannot be placed or run backwards stay apart
    (KC101's). A week beyond 6 counts the school year's weeks ('Tuần 12 (…)'): the days place it, no week
    of a month is claimed."""
    norm = src.norm
    if j >= len(atoms) or (week.kind == DateKind.MALFORMED and week.no_week is not None and week.no_week <= 6):
        return week, j
    gap = _WEEK_DAYS_GAP.fullmatch(norm, atoms[j - 1].e, atoms[j].s)
    first = atoms[j]
    if gap is None or first.cat not in ("day", "day_partial"):
        return week, j
    nxt = atoms[j + 1] if j + 1 < len(atoms) else None
    if nxt is not None and nxt.cat in ("day", "day_partial") and _RANGE_GAP.fullmatch(norm, first.e, nxt.s):
        days, end, k = _range(src, first.s, nxt.e, _resolve_sequence(src, [first, nxt], sy)), nxt.e, j + 2
    else:
        days, end, k = _single(src, first, sy), first.e, j + 1
    if not days.bounded or days.kind == DateKind.MALFORMED:
        return week, j
    if m := _CLOSE_PAREN.match(norm, end):
        end = m.end()
    n = atoms[j - 1].items[0] if atoms[j - 1].cat == "week" else None
    claimed = next((a.items[0] for a in atoms[j - 2:j] if a.cat == "week"), n)
    out = src.expr(start, end, DateKind.RANGE, days.start, days.end, parts=(week, days))
    if claimed is not None and claimed > 6:
        return out, k
    return DateExpr(out.text, out.kind, out.start, out.end, out.offset, parts=out.parts, week=claimed), k


def _names_school_year(atoms: list[_Atom], i: int, norm: str) -> bool:
    """Whether atom ``i`` is directly followed by a school year that places it."""
    return (i + 1 < len(atoms) and atoms[i + 1].cat == "school_year"
            and _OF_GAP.fullmatch(norm, atoms[i].e, atoms[i + 1].s) is not None)


def _open_tail(src: _Source, atoms: list[_Atom], j: int, start: int, expr: DateExpr) -> tuple[DateExpr, int]:
    """Turn "X và những năm tiếp theo" / "từ X trở đi" into an open-ended expression from X."""
    if expr.start is None or expr.kind in (DateKind.MALFORMED, DateKind.VAGUE, DateKind.RECURRING):
        return expr, j
    norm = src.norm
    # ``expr`` already spans [start, its end) in original offsets; recover the normalised end.
    end = atoms[j - 1].e
    tail_end = None
    if j < len(atoms) and atoms[j].cat == "tail" and _TAIL_GAP.fullmatch(norm, end, atoms[j].s):
        tail_end, j = atoms[j].e, j + 1
    elif m := _TAIL_WORDS.match(norm, end):
        tail_end = m.end()
    if tail_end is None:
        return expr, j
    if m := _FROM_BEFORE.search(norm, max(0, start - 16), start):
        start = m.start()
    return src.expr(start, tail_end, DateKind.OPEN_ENDED, expr.start, None, _OPEN_REASON, (expr,)), j


# ---------------------------------------------------------------------------------------------
# Public API


def find_date_exprs(text: str, school_year: SchoolYear | None = None, in_field: bool = False) -> list[DateExpr]:
    """All date expressions in running text, left to right, non-overlapping, with offsets.

    Where readings overlap the longest wins: a range beats its parts and
    ``ngày 5 tháng 9 năm 2023`` beats ``tháng 9 năm 2023``. ``school_year`` places months written
    without a year (September to December in its first year, January to August in its second).
    Bare ``M/YYYY`` is not read in running text (it is how circulars are cited: ``Thông tư 36/2017``),
    only when ``in_field`` says the text is a time field's value ('Thời gian: 11/2025 – 02/2026').
    """
    return list(_find_cached(text, school_year, in_field))


# Every pair of years is two 4-digit numbers a few characters apart: lines without one need no scan.
_YEAR_PAIR_HINT = re.compile(r"\d{4}\D{1,12}\d{4}")


# Several rules scan the same lines; expressions are immutable, so one scan per (line, school year) serves all.
@functools.lru_cache(maxsize=8192)
def _find_cached(text: str, school_year: SchoolYear | None, in_field: bool = False) -> tuple[DateExpr, ...]:
    src = _Source(text)
    return tuple(_combine(src, _scan(src.norm, in_field), school_year))


def parse_date_expr(text: str, school_year: SchoolYear | None = None) -> DateExpr | None:
    """Interpret a whole field value (a table cell, the text after 'Thời gian hoàn thành:') as ONE expression.

    None when the text holds no date expression at all. Several expressions in one field are joined:
    any malformed part makes the whole malformed; otherwise bounded parts give a ``RANGE`` covering
    them all. Vague words beside a concrete date ("Tháng 9/2023, thường xuyên") are ignored. A field
    holding only ``9/2023`` or ``2024`` is read as that month or year.
    """
    exprs = list(_find_cached(text, school_year, True))
    if not exprs:
        return _field_shorthand(_Source(text))
    concrete = [e for e in exprs if e.kind != DateKind.VAGUE]
    if concrete:
        exprs = concrete
    if len(exprs) == 1:
        return exprs[0]
    a = exprs[0].offset
    whole = text[a:exprs[-1].offset + len(exprs[-1].text)]
    parts = tuple(exprs)
    if all(e.kind == DateKind.VAGUE for e in exprs):
        return DateExpr(whole, DateKind.VAGUE, None, None, a, *_VAGUE_REASON, parts=parts)
    if bad := _first_problem(exprs):
        return DateExpr(whole, DateKind.MALFORMED, None, None, a, bad.reason_vi, bad.reason_en, parts)
    starts = [e.start for e in exprs if e.start is not None]
    ends = [e.end for e in exprs if e.end is not None]
    lo = min(starts) if len(starts) == len(exprs) else None
    hi = max(ends) if len(ends) == len(exprs) else None
    if lo is not None and hi is not None:
        return DateExpr(whole, DateKind.RANGE, lo, hi, a, parts=parts)
    reason = next(((e.reason_vi, e.reason_en) for e in exprs if not e.bounded and e.reason_vi), (None, None))
    return DateExpr(whole, DateKind.PARTIAL, lo, hi, a, reason[0], reason[1], parts)


def _field_shorthand(src: _Source) -> DateExpr | None:
    norm = src.norm
    if m := _FIELD_MONTH.fullmatch(norm):
        atom = _Atom(m.start("m"), m.end("y"), "month", y=int(m["y"]), m=int(m["m"]))
        return _single(src, atom, None)
    if m := _FIELD_YEAR.fullmatch(norm):
        return _single(src, _Atom(m.start("y"), m.end("y"), "year", y=int(m["y"])), None)
    return None


def find_school_years(text: str) -> list[SchoolYear]:
    """Every ``YYYY-YYYY`` / ``YYYY – YYYY`` / ``năm học YYYY-YYYY`` pair in the text, valid or not.

    ``text``/``offset`` cover the two years only (``2016 - 2027``), so callers can look at the words
    before it (``năm học``, ``giai đoạn``) themselves; pairs after ``giai đoạn``/``chu kỳ`` are
    included. A bare pair counts only when both halves start 19, 20 or 21 (not ``1000-2000``).
    """
    if not _YEAR_PAIR_HINT.search(text):
        return []
    src = _Source(text)
    out: list[SchoolYear] = []
    for atom in _scan(src.norm):
        if atom.cat in ("school_year", "cycle") or (atom.cat == "semester" and atom.y):
            s, e = src.span(atom.ys, atom.e)
            out.append(SchoolYear(first=atom.y, second=atom.y2, text=text[s:e], offset=s))
    return out


def find_full_dates(text: str) -> list[FullDate]:
    """Every day-month-year date (both the worded and the slash form), keeping the digits as written.

    Callers check leading zeros on the ``*_text`` fields (Nghị định 30/2020: ``ngày 05 tháng 02``,
    ``tháng 9`` not ``tháng 09``). The worded form's ``text`` starts at ``ngày``; the numeric form's at
    the day digits. ``value`` is None when the numbers are not a real calendar date.
    """
    src = _Source(text)
    found: list[tuple[int, int, re.Match[str]]] = []
    for pattern in (_FULL_WORDED, _FULL_NUMERIC):
        found.extend((m.start("core"), m.end("core"), m) for m in pattern.finditer(src.norm))
    found.sort(key=lambda t: (t[0], t[0] - t[1]))
    out: list[FullDate] = []
    last_end = -1
    for a, b, m in found:
        if a < last_end:
            continue
        last_end = b
        s, e = src.span(a, b)
        pieces = []
        for name in ("d", "m", "y"):
            ps, pe = src.span(m.start(name), m.end(name))
            pieces.append(text[ps:pe])
        try:
            value: date | None = date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            value = None
        out.append(FullDate(text=text[s:e], offset=s, day_text=pieces[0], month_text=pieces[1],
                            year_text=pieces[2], value=value))
    return out
