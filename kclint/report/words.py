"""The words of the human reports (terminal, HTML, the review desk, Word comments), Vietnamese and English.

Machine formats keep the codes (``mam_non``, ``improvement``, ``error``); a person reads these. One table
per concept, so the terminal, the HTML page and the desk never name the same thing two ways.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kclint.model import Location
    from kclint.results import FileResult

LANGS = ("vi", "en")

SEVERITY = {
    "vi": {"error": "Lỗi", "warning": "Cảnh báo", "info": "Ghi chú"},
    "en": {"error": "Error", "warning": "Warning", "info": "Info"},
}
LEVEL = {
    "vi": {"mam_non": "Mầm non", "tieu_hoc": "Tiểu học", "thcs": "Trung học cơ sở", "thpt": "Trung học phổ thông",
           "nhieu_cap": "Nhiều cấp học", "unknown": "Chưa nhận diện được"},
    "en": {"mam_non": "Preschool", "tieu_hoc": "Primary", "thcs": "Lower secondary", "thpt": "Upper secondary",
           "nhieu_cap": "Multi-level", "unknown": "Not detected"},
}
KIND = {
    "vi": {"improvement": "Kế hoạch cải tiến chất lượng", "self_assessment": "Kế hoạch tự đánh giá",
           "testing_accreditation": "Kế hoạch khảo thí và kiểm định", "other": "Khác"},
    "en": {"improvement": "Quality-improvement plan", "self_assessment": "Self-assessment plan",
           "testing_accreditation": "Testing and accreditation plan", "other": "Other"},
}
CATEGORY = {
    "vi": {"date": "Ngày tháng", "level": "Mức đạt", "count": "Số liệu", "catalog": "Danh mục tiêu chí",
           "reference": "Trích dẫn văn bản", "format": "Thể thức", "structure": "Cấu trúc", "completeness": "Đầy đủ",
           "text": "Chính tả", "consistency": "Nhất quán"},
    "en": {"date": "Dates", "level": "Levels", "count": "Counts", "catalog": "Criteria catalog",
           "reference": "References", "format": "Form", "structure": "Structure", "completeness": "Completeness",
           "text": "Spelling and text", "consistency": "Consistency"},
}
WORDS = {
    "vi": {"general": "Chung", "section": "Mục", "criterion": "Tiêu chí", "at": "Vị trí", "at_many": "Vị trí ({n} chỗ)",
           "fix": "Sửa",
           "see_comment": "xem góp ý ở {where}",
           "how_to_fix": "Cách sửa", "quote": "Trích", "level": "Cấp học", "kind": "Loại kế hoạch",
           "ok": "Không phát hiện vấn đề nào.", "unreadable": "Không đọc được",
           "summary": "{files} tệp: {errors} lỗi, {warnings} cảnh báo, {infos} ghi chú",
           "baselined": "{baselined} lỗi đã ghi trong tệp baseline không được hiện lại.",
           "title": "Báo cáo kiểm tra kế hoạch", "files": "Các tệp", "by_rule": "Theo quy tắc",
           "school_year": "Năm học", "cycle": "Giai đoạn",
           "converted": "đã chuyển từ .{fmt} sang .docx bằng LibreOffice; vị trí là vị trí trong bản chuyển đổi"},
    "en": {"general": "General", "section": "Section", "criterion": "Criterion", "at": "Where",
           "at_many": "Where ({n} places)",
           "fix": "Fix",
           "see_comment": "see the comment at {where}",
           "how_to_fix": "Fix", "quote": "Quote", "level": "School level", "kind": "Plan kind",
           "ok": "No problems found.", "unreadable": "Unreadable",
           "summary": "{files} file(s): {errors} error(s), {warnings} warning(s), {infos} info",
           "baselined": "{baselined} finding(s) recorded in the baseline file not shown.",
           "title": "Plan check report", "files": "Files", "by_rule": "By rule",
           "school_year": "School year", "cycle": "Cycle",
           "converted": "converted from .{fmt} to .docx with LibreOffice; locations are in the converted copy"},
}
# Column heads of the per-school table (``--summary``) and of the per-rule counts (``--statistics``).
SUMMARY_HEAD = {
    "vi": ("Tệp", "Trường", "Cấp học", "Thời kỳ", "Lỗi", "Cảnh báo", "Ghi chú", "Không đọc được", "Tổng"),
    "en": ("File", "School", "Level", "Period", "Errors", "Warnings", "Infos", "Unreadable", "Total"),
}
STATISTICS_HEAD = {"vi": ("Số lần", "Mã", "Quy tắc"), "en": ("Count", "Code", "Rule")}


def lang_of(lang: str) -> str:
    """The report language: English when asked for, else Vietnamese."""
    return "en" if lang == "en" else "vi"


def word(key: str, lang: str) -> str:
    return WORDS[lang_of(lang)][key]


def severity(value: str, lang: str) -> str:
    return SEVERITY[lang_of(lang)][value]


def level(value: str | None, lang: str) -> str:
    return LEVEL[lang_of(lang)].get(value or "unknown", value or "?")


def kind(value: str | None, lang: str) -> str:
    return KIND[lang_of(lang)].get(value or "other", value or "?")


def rule_title(code: str, lang: str) -> str:
    """A rule's title in the reader's language (the slug is for typing in ``--select``, not for reading)."""
    from kclint.engine import registry

    cls = registry().get(code)
    return cls.title.get(lang_of(lang)) if cls is not None else code


def period(kind: str, first_year: int, last_year: int, lang: str) -> str:
    """``Năm học 2025-2026`` / ``Giai đoạn 2025-2030``."""
    return f"{word(kind, lang)} {first_year}-{last_year}"


def desk_words() -> dict[str, dict[str, Any]]:
    """The tables the review desk's page shows, per language (sent once with its configuration)."""
    return {lang: {"sev": SEVERITY[lang], "levels": LEVEL[lang], "kinds": KIND[lang], "cats": CATEGORY[lang]}
            for lang in LANGS}


def where(loc: Location, result: FileResult, lang: str) -> str:
    """A finding's place in words a reader of the Word file can follow (section heading, paragraph opening)."""
    return result.summary.places.describe(loc, lang) if result.summary else loc.describe(lang)


def section_head(section: str, result: FileResult, lang: str) -> str:
    """``Mục III “Mục tiêu cải tiến…”``: a group's heading in the reports."""
    title = result.summary.places.headings.get(section) if result.summary else None
    return f"{word('section', lang)} {section}" + (f" “{title}”" if title else "")
