"""The administrative frame of a plan: header, title, school, level, period, recipients, signer."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter

from kclint.catalog import accreditation_circulars, plan_parts
from kclint.dates import DateKind, SchoolYear, find_date_exprs, find_full_dates, find_school_years
from kclint.model import Header, Period, PlanKind, SchoolLevel, Span
from kclint.parse.lines import Line
from kclint.parse.sections import match_heading
from kclint.plantext import clean
from kclint.textnorm import fold

# 'Số: 417 /KH-THCSAL', 'Số 05/KH-THAB', 'Số:    /KH-MNAB' (a draft's blank number). The number is short
# and sits right before the slash, so 'Số lượng tiêu chí đạt Mức 1: 27/27' is not a number line.
_NUMBER = re.compile(
    r"^\s*(?:Số|SỐ|số)\s*:?\s*(?P<num>[0-9.…]{0,6}[a-zA-Z]?)\s*/\s*(?P<sym>[^\s/].{0,60}?)\s*$"
)
# A place may hold a number after its first letter ('Phường 5', 'Quận 1': NĐ 30 writes them in full); a blank
# template's place is a run of dots ('…, ngày … tháng … năm …').
_PLACE = r"(?P<place>[.…_]+|[^\d,;:\s][^,;:]{1,59}?)"
_PLACE_DATE = re.compile(r"^\s*" + _PLACE + r"\s*,\s*ngày\b", re.IGNORECASE)
# 'ngày 05 tháng 9 năm 2024' alone: the date is there, the place is missing (a form rule says so).
_DATE_ONLY = re.compile(r"^\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}\s*\.?$", re.IGNORECASE)
# 'An Bình, 14/10/2025': a place-and-date line written in figures (the form wants words; a rule says so).
_PLACE_DATE_FIGURES = re.compile(
    r"^\s*" + _PLACE + r"\s*,\s*(?:ngày\s*)?\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}\s*\.?$",
    re.IGNORECASE,
)
_MOTTO_1 = re.compile(r"cộng\s+hoà\s+xã\s+hội\s+chủ\s+nghĩa\s+việt\s+nam", re.IGNORECASE)
_MOTTO_2 = re.compile(r"độc\s+lập\s*[-–—]\s*tự\s+do\s*[-–—]\s*hạnh\s+phúc", re.IGNORECASE)
_TITLE = re.compile(r"^\W*KẾ\s+HOẠCH\b")
_BODY_START = re.compile(r"^\W*(?:căn\s+cứ|theo|thực\s+hiện|thi\s+hành)\b", re.IGNORECASE)
# A signature block's title lines (Decree 30/2020, box 7): an authority marker before any body or title in
# capitals ('TM. HỘI ĐỒNG TỰ ĐÁNH GIÁ', 'KT. HIỆU TRƯỞNG', 'TL. GIÁM ĐỐC'), or the signer's own position
# ('HIỆU TRƯỞNG', 'CHỦ TỊCH', 'TRƯỞNG BAN', 'TỔ TRƯỞNG CHUYÊN MÔN').
_LOWER_VI = "a-zđàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹ"
_SIGNER_TITLE = re.compile(
    rf"^\s*(?:(?:KT|TM|TL|TUQ|Q)\s*\.\s*[^\s{_LOWER_VI}][^{_LOWER_VI}]*|"
    r"(?:PHÓ\s+)?(?:HIỆU\s+TRƯỞNG|CHỦ\s+TỊCH(?:\s+HỘI\s+ĐỒNG.*)?|GIÁM\s+ĐỐC|TRƯỞNG\s+(?:PHÒNG|BAN)(?:\s.*)?|"
    r"TỔ\s+TRƯỞNG(?:\s.*)?|THỦ\s+TRƯỞNG(?:\s.*)?))\s*$"
)
_NAME = re.compile(r"^(?:(?:ThS|TS|PGS\.TS|CN)\.\s*)?[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){1,5}$")
_RECIPIENTS = re.compile(r"^\W*Nơi\s+nhận\s*:?", re.IGNORECASE)

# Each level's names in full words and abbreviations. A multi-level school joins two or three of them with
# 'và', '&', a dash or a comma ('Trường Tiểu học và Trung học cơ sở', 'THCS và THPT', 'Mầm non – Tiểu học',
# 'TH-THCS', 'TH, THCS và THPT'), or says so ('Phổ thông nhiều cấp học', 'PTDTBT').
_LEVEL_NAMES = (
    (r"THCS|Trung\s+học\s+cơ\s+sở", SchoolLevel.THCS),
    (r"THPT|Trung\s+học\s+phổ\s+thông", SchoolLevel.THPT),
    (r"Mầm\s+non|Mẫu\s+giáo|MN|MG|Nhà\s+trẻ", SchoolLevel.MAM_NON),
    (r"Tiểu\s+học|TH", SchoolLevel.TIEU_HOC),
)
_ONE_LEVEL = "|".join(words for words, _ in _LEVEL_NAMES)
_LEVEL_JOIN = r"\s*(?:,\s*(?:và\s+)?|&|\bvà\b|[-–—])\s*"
_MULTI_LEVEL = (rf"(?:{_ONE_LEVEL})(?:{_LEVEL_JOIN}(?:{_ONE_LEVEL})){{1,2}}(?!\w)|"
                r"(?:Phổ\s+thông\s+)?nhiều\s+cấp\s+học|PTDTBT")
_LEVEL_WORDS = (
    (re.compile(rf"(?<!\w)(?:{_MULTI_LEVEL})", re.IGNORECASE), SchoolLevel.NHIEU_CAP),
    *((re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE), level) for words, level in _LEVEL_NAMES),
)
_SCHOOL = re.compile(
    rf"\b(?i:Trường)\s+(?P<type>(?i:{_MULTI_LEVEL}|{_ONE_LEVEL}))"
    r"\s+(?P<name>(?:(?:xã|phường|thị\s+trấn)\s+)?[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ0-9][\wÀ-ỹ]*){0,4})",
)
_SYMBOL_LEVEL = (
    (re.compile(r"KH-(?:TH&THCS|THTHCS|THCSTHPT|PTDTBT)"), SchoolLevel.NHIEU_CAP),
    (re.compile(r"KH-THCS"), SchoolLevel.THCS),
    (re.compile(r"KH-THPT"), SchoolLevel.THPT),
    (re.compile(r"KH-(?:MN|MG|NT)"), SchoolLevel.MAM_NON),
    (re.compile(r"KH-TH"), SchoolLevel.TIEU_HOC),
)
# An education office issuing the plan (a district's Phòng, a province's Sở, the Ministry): its plan covers the
# schools of several levels, so no school's name in the body tells the plan's level. Matched on folded text.
_OFFICE = re.compile(r"^\W*(?:phòng|sở|bộ)\s+(?:giáo\s+dục|gd\s*(?:&|và)?\s*đt)\b|^\W*[ps]gd\s*(?:&|và)?\s*đt\b")
_TRE = re.compile(r"\btrẻ\b", re.IGNORECASE)
_HOC_SINH = re.compile(r"\bhọc\s+sinh\b", re.IGNORECASE)
_CYCLE_WORD = re.compile(r"(giai\s+đoạn|chu\s+kỳ|chu\s+kì)\s*$", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _circular_numbers() -> re.Pattern[str]:
    """'19/2018', '18 / 2018': the number/year of an accreditation circular the catalog knows."""
    keys = accreditation_circulars()
    numbers = "|".join(sorted({str(n) for n, _ in keys}))
    years = "|".join(sorted({str(y) for _, y in keys}))
    return re.compile(rf"\b({numbers})\s*/\s*({years})\b")


def level_of(text: str) -> SchoolLevel | None:
    for pattern, level in _LEVEL_WORDS:
        if pattern.search(text):
            return level
    return None


def _header_zone(lines: list[Line]) -> list[Line]:
    """Lines before the first section heading or the 'Căn cứ' paragraphs (at most 25)."""
    zone: list[Line] = []
    for line in lines:
        if not line.in_table and (match_heading(line.text) or fold(line.text).startswith(("căn cứ", "thực hiện"))):
            break
        zone.append(line)
        if len(zone) >= 25:
            break
    return zone


def _first_columns(lines: list[Line]) -> dict[tuple[int, int | None], int]:
    """The leftmost column holding text in each table row: the issuing body's column of a header table."""
    first: dict[tuple[int, int | None], int] = {}
    for line in lines:
        if line.in_table and line.loc.column is not None:
            key = (line.block, line.loc.row)
            first[key] = min(first.get(key, line.loc.column), line.loc.column)
    return first


# A text export of the two-column header table writes each row as one line, its cells apart by '|', a tab or
# a run of spaces ('Số: 05/KH-THAB | An Bình, ngày …'); some exports leave a single space ('TRƯỜNG THCS AN
# LẠC CỘNG HÒA XÃ HỘI …', 'Số: 05/KH-THAB An Bình, ngày …'), split where the right cell's text begins.
_CELL_GAP = re.compile(r"\s*\|\s*|\s*\t\s*|\s{3,}")
_MOTTO_1_START = re.compile(r"\bCỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\b", re.IGNORECASE)
_AFTER_SYMBOL = re.compile(r"\s+(?=\S)")
_DATE_WORD_BEFORE = re.compile(r"\b(?:ngày|tháng|năm)[\s.…]*$", re.IGNORECASE)
_DATE_WORD_AFTER = re.compile(r"[.…]*(?:tháng|năm)\b", re.IGNORECASE)


def is_header_part(text: str) -> bool:
    """Whether ``text`` is an element of the header table: number line, place-date, Quốc hiệu or Tiêu ngữ."""
    return bool(_NUMBER.match(text) or _PLACE_DATE.match(text) or _DATE_ONLY.match(text)
                or _PLACE_DATE_FIGURES.match(text) or _MOTTO_1.search(fold(text)) or _MOTTO_2.search(fold(text)))


def _number_place_cut(raw: str) -> int | None:
    """Where a place-date begins after a number line on the same line ('Số: 5/KH-MNAB An Bình, ngày …').

    The symbol holds no lower-case letter, so the place starts at the first word after the slash from which a
    place-date reads whose first word is not in capitals (a symbol's last part 'THCS CBQ' stays in it); a
    place in capitals is taken only when no such word is found."""
    slash = raw.find("/")
    if slash < 0 or not _NUMBER.match(raw) or not re.search(r",\s*ngày\b", raw, re.IGNORECASE):
        return None
    cuts = [m.end() for m in _AFTER_SYMBOL.finditer(raw, slash) if _PLACE_DATE.match(raw[m.end():])]
    titled = [c for c in cuts if not raw[c:].split(None, 1)[0].isupper()]
    return (titled or cuts or [None])[0]


def _cells(raw: str) -> list[str]:
    """``raw`` cut at its cell gaps, except the blanks of an unfilled date ('ngày    tháng    năm 2025')."""
    parts, start = [], 0
    for gap in _CELL_GAP.finditer(raw):
        if "|" not in gap.group() and (_DATE_WORD_BEFORE.search(raw, 0, gap.start())
                                       or _DATE_WORD_AFTER.match(raw, gap.end())):
            continue
        parts.append(raw[start:gap.start()])
        start = gap.end()
    return [*parts, raw[start:]]


def split_merged_line(line: Line) -> list[Line]:
    """The cells of a header-table row exported as one line, as lines of their own; other lines unchanged.

    A line is cut only where a part is a header element (number, place-date, Quốc hiệu, Tiêu ngữ), so a title
    or a sentence with a double space stays whole."""
    raw = line.raw
    parts = [p for p in _cells(raw) if p.strip()]
    if len(parts) < 2 or not any(is_header_part(clean(p)) for p in parts):
        parts = [raw]
    out: list[str] = []
    for part in parts:
        motto = _MOTTO_1_START.search(part)
        if motto and part[:motto.start()].strip() and part[:motto.start()].isupper():
            out += [part[:motto.start()], part[motto.start():]]
            continue
        cut = _number_place_cut(part)
        out += [part[:cut], part[cut:]] if cut else [part]
    if len(out) == 1:
        return [line]
    return [Line(p.strip(), clean(p), line.loc, line.in_table, line.block) for p in out if p.strip()]


@functools.lru_cache(maxsize=1)
def _part_phrases() -> tuple[str, ...]:
    """Folded heading phrases of every part a plan is made of (``catalogs/parts.json``)."""
    return tuple(sorted({fold(h) for part in plan_parts().parts for h in part.headings}, key=len, reverse=True))


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _after_subject(text: str) -> bool:
    """Whether a line below the subject's first line is no longer the subject: a numbered heading, or a line
    in sentence case without a year that opens with a part's heading ('Mục đích, yêu cầu', 'Đặc điểm tình
    hình') or ends a sentence ('Nhà trường có 20 lớp.'). The subject's second line names its period or its
    scope ('năm học 2025-2026', 'Giai đoạn 2025-2030')."""
    if match_heading(text):
        return True
    if not text[:1].isupper() or text.isupper() or _YEAR.search(text):
        return False
    folded = fold(text)
    return text.endswith(".") or any(folded == p or folded.startswith((p + " ", p + ",")) for p in _part_phrases())


def parse_header(lines: list[Line]) -> tuple[Header, Span | None, Span | None]:
    """Header fields, the title line (``KẾ HOẠCH ...``) and the subject line(s) after it.

    Word page headers come first among the lines and text boxes last; a header drawn in
    text boxes still counts, so their lines join the header zone.
    """
    header = Header()
    zone = _header_zone(lines)
    zone += [ln for ln in lines if ln.loc.origin == "textbox" and ln not in zone][:25]
    zone = [part for line in zone for part in split_merged_line(line)]
    first_col = _first_columns(zone)
    title: Span | None = None
    subject_parts: list[Line] = []
    for i, line in enumerate(zone):
        text = line.text
        m_number = _NUMBER.match(text) if header.number is None else None
        if m_number:
            header.number = line.span()
            header.number_text = m_number["num"]
            header.symbol = m_number["sym"]
            continue
        if header.place_date is None and _PLACE_DATE.match(text):
            dates = [d for d in find_full_dates(line.raw) if "ngày" in line.raw[max(0, d.offset - 6):d.offset + 5]]
            if dates or re.search(r"ngày\s*\S*\s*tháng", text):
                header.place_date = line.span()
                header.place = _PLACE_DATE.match(text)["place"].strip()  # type: ignore[index]
                header.issue_date = dates[0].value if dates else None
                continue
        if header.place_date is None and _DATE_ONLY.match(text):
            dates = find_full_dates(line.raw)
            header.place_date = line.span()
            header.issue_date = dates[0].value if dates else None
            continue
        m_figures = _PLACE_DATE_FIGURES.match(text) if header.place_date is None else None
        if m_figures:
            header.place_date = line.span()
            header.place = m_figures["place"].strip()
            day = next((e for e in find_date_exprs(line.raw) if e.kind == DateKind.DAY), None)
            header.issue_date = day.start if day else None
            continue
        folded = fold(text)  # 'HÒA' and 'HOÀ' are both written
        if _MOTTO_1.search(folded) or _MOTTO_2.search(folded):
            header.motto.append(line.span())
            continue
        if title is None and _TITLE.match(text):
            title = line.span()
            for nxt in zone[i + 1:i + 4]:
                if nxt.in_table or nxt.block - line.block > 3 or set(nxt.text) <= set("_-–—=* "):
                    break
                if _BODY_START.match(nxt.text) or nxt.text.endswith((";", ":")) or len(nxt.text) > 160:
                    break  # the body's first sentence ('Theo Thông tư …;'), not the subject
                if subject_parts and _after_subject(nxt.text):
                    break
                subject_parts.append(nxt)
            continue
        leftmost = line.loc.column is None or line.loc.column == first_col.get((line.block, line.loc.row), 0)
        if title is None and not subject_parts and text.isupper() and len(text) < 80 and leftmost:
            header.issuing_body.append(line.span())
    subject = None
    if subject_parts:
        subject = Span(text=" ".join(p.raw.strip() for p in subject_parts), loc=subject_parts[0].loc)
    return header, title, subject


def plan_kind(title_text: str) -> PlanKind:
    t = fold(title_text)
    if "cải tiến" in t or "nâng cao chất lượng" in t:
        return PlanKind.IMPROVEMENT
    if "khảo thí" in t or "kiểm định" in t:
        return PlanKind.TESTING_ACCREDITATION
    if "tự đánh giá" in t:
        return PlanKind.SELF_ASSESSMENT
    return PlanKind.OTHER


def issued_by_office(issuing_body: list[Span]) -> bool:
    """Whether the plan's issuer is an education office (Phòng/Sở GD&ĐT), not a school under it."""
    folded = [fold(s.text) for s in issuing_body]
    return any(_OFFICE.search(t) for t in folded) and not any("trường" in t for t in folded)


def school_and_level(
    lines: list[Line], header: Header, body_text: str
) -> tuple[str | None, SchoolLevel, dict[str, str]]:
    """The school's name and level, with every signal seen (a disagreement is a finding).

    An education office's plan (``issued_by_office``) belongs to no school and no single level: the schools
    it names are its units, the circulars it cites those of every level, so it has no school and level
    ``UNKNOWN``, and the level-dependent rules stay quiet.
    """
    signals: dict[str, str] = {}
    if issued_by_office(header.issuing_body):
        return None, SchoolLevel.UNKNOWN, signals
    number = header.number
    names: Counter[str] = Counter()
    name_levels: dict[str, SchoolLevel] = {}
    for line in lines:
        for m in _SCHOOL.finditer(line.text):
            full = f"Trường {m['type']} {m['name']}".strip()
            lvl = level_of(m["type"])
            if lvl:
                names[full] += 1
                name_levels[full] = lvl
    # The header writes the name in capitals; prefer the body's ordinary spelling when both occur.
    school = max(names, key=lambda n: (names[n], not n.partition(" ")[2].isupper())) if names else None
    if school:
        signals["name"] = name_levels[school].value
    for line in lines[:40]:
        if line.text.isupper():
            lvl = level_of(line.text) if "TRƯỜNG" in line.text else None
            if lvl and "name" not in signals:
                signals["name"] = lvl.value
    if number is not None:
        for pattern, lvl in _SYMBOL_LEVEL:
            if pattern.search(number.text.replace(" ", "")):
                signals["symbol"] = lvl.value
                break
    governs = accreditation_circulars()
    circulars = Counter(key for m in _circular_numbers().finditer(body_text)
                        if (key := (int(m.group(1)), int(m.group(2)))) in governs)
    if circulars:
        # Circulars cited equally often (an amending circular's title names 17, 18 and 19/2018 once each) do
        # not tell the level by themselves: the one the name or the symbol agrees with stands for them.
        top = max(circulars.values())
        tied = [governs[key] for key, count in circulars.items() if count == top]
        others = {signals[k] for k in ("name", "symbol") if k in signals}
        signals["circular"] = next((levels for levels in tied if others & set(levels)), tied[0])[0]
    tre, hs = len(_TRE.findall(body_text)), len(_HOC_SINH.findall(body_text))
    if tre + hs >= 5:
        signals["vocabulary"] = SchoolLevel.MAM_NON.value if tre > 2 * hs else "pho_thong"
    for key in ("name", "symbol", "circular"):
        if key in signals:
            return school, SchoolLevel(signals[key]), signals
    if signals.get("vocabulary") == SchoolLevel.MAM_NON.value:
        return school, SchoolLevel.MAM_NON, signals
    return school, SchoolLevel.UNKNOWN, signals


def _period_from(sy: SchoolYear, text: str, span: Span) -> Period | None:
    before = text[: sy.offset]
    if _CYCLE_WORD.search(before):
        if sy.second <= sy.first or sy.second - sy.first > 10:
            return None
        return Period(kind="cycle", first_year=sy.first, last_year=sy.second,
                      start=dt.date(sy.first, 1, 1), end=dt.date(sy.second, 12, 31), span=span)
    if not sy.valid:
        return None
    return Period(kind="school_year", first_year=sy.first, last_year=sy.second, start=sy.start, end=sy.end,
                  span=span)


def parse_period(title: Span | None, subject: Span | None, lines: list[Line]) -> Period | None:
    """The period named by the title, else by the first paragraphs that say what the plan is for."""
    candidates: list[Span] = [s for s in (title, subject) if s is not None]
    candidates += [
        ln.span() for ln in lines[:60]
        if not ln.in_table and re.search(r"kế\s+hoạch", ln.text, re.IGNORECASE)
        and not fold(ln.text).startswith(("căn cứ", "thực hiện"))
    ]
    for span in candidates:
        for sy in find_school_years(span.text):
            period = _period_from(sy, span.text, Span(text=sy.text, loc=span.loc))
            if period:
                return period
    return None


_CLOSING = re.compile(r"^\W*Trên\s+đây\s+là\b", re.IGNORECASE)
_SIGNATURE_NOTE = re.compile(r"^\(.{0,40}\)$")  # '(Đã ký)', '(Ký, ghi rõ họ tên)' between title and name


def parse_recipients_and_signer(
    lines: list[Line],
) -> tuple[Span | None, list[Span], Span | None, Span | None, list[Span]]:
    """``Nơi nhận:`` heading, its recipient lines, the signer's title and name (first signature block),
    and every title line of that block ('KT. HIỆU TRƯỞNG', 'PHÓ HIỆU TRƯỞNG')."""
    heading: Span | None = None
    recipients: list[Span] = []
    signer_title: Span | None = None
    signer_name: Span | None = None
    titles: list[Span] = []
    start = next((i for i, ln in enumerate(lines) if _RECIPIENTS.match(ln.text)), None)
    if start is not None:
        heading = lines[start].span()
        rest = _RECIPIENTS.sub("", lines[start].text, count=1).strip()
        if rest:
            recipients.append(lines[start].span())
        for ln in lines[start + 1:start + 15]:
            if _SIGNER_TITLE.match(ln.text) or (ln.in_table and ln.loc.column and ln.loc.column > 0):
                break
            if ln.text.startswith(("-", "+", "•")) or (ln.text.endswith((";", ".")) and len(ln.text) < 120):
                recipients.append(ln.span())
            else:
                break
    if start is None:
        # Without 'Nơi nhận' the signature follows the closing sentence ('Trên đây là kế hoạch …'),
        # which may come well before the end when an appendix follows.
        closing = [i for i, ln in enumerate(lines) if not ln.in_table and _CLOSING.match(ln.text)]
        start = closing[-1] if closing else max(0, len(lines) - 40)
    for i in range(start, len(lines)):
        if _SIGNER_TITLE.match(lines[i].text):
            signer_title = lines[i].span()
            titles.append(signer_title)
            for ln in lines[i + 1:i + 5]:
                if _SIGNER_TITLE.match(ln.text):
                    titles.append(ln.span())
                    continue
                if _SIGNATURE_NOTE.match(ln.text):
                    continue
                if _NAME.match(ln.text):
                    signer_name = ln.span()
                break
            break
    return heading, recipients, signer_title, signer_name, titles
