"""The layouts of the matrix: one plan skeleton, and for each slot of it the ways schools write that part.

A case (``cases/*.toml``) fills one slot with a defective fact and its corrected twin; every other slot keeps
a neutral, correct default. ``render(case_data, layout, clean)`` returns a :class:`planfmt.Plan`, which
``planfmt`` writes as ``.txt`` or ``.docx``.

Slots and their layouts:

* ``item`` — the content per criterion: ``labels_a`` (Mục tiêu / Biện pháp / Người thực hiện / Thời gian bắt
  đầu / hoàn thành / Kinh phí), ``labels_b`` (Kết quả cần đạt / Cách thức thực hiện / Bộ phận phụ trách /
  Thời hạn thực hiện / Nguồn kinh phí, '-' bullets, '(đã đạt Mức n)' in the heading), ``plus`` ('+' bullets:
  Chỉ tiêu / Giải pháp / Lực lượng thực hiện / Thời gian), ``table6`` (the target inside the criterion cell),
  ``table9`` (current and target columns, start and end columns, merged group rows), ``schedule`` (Thời gian |
  Công việc | Người thực hiện | Kết quả) and ``prose``;
* ``status`` — results statements: ``para``, ``plus``, ``dash``, ``cell`` (a two-column table), with a
  per-standard results table and the case's own count ``tables``;
* ``basis`` — the cited documents: ``can_cu`` ('Căn cứ ...;'), ``numbered``, ``dash``, ``prose``;
* ``header`` — ``table`` (borderless 2×2), ``paras`` (typed line by line), ``stacked`` (number under the
  school in one cell);
* ``footer`` — ``table`` (recipients beside the signer), ``paras``;
* ``numbering`` — a numbered sequence as ``roman`` headings, ``arabic`` points, ``letters``, ``decimal``
  points (1.1., 1.2.) or a table's ``tt`` column;
* ``schedule`` — the timetable of a self-assessment plan: ``month_week`` (Tháng | Nội dung | Tuần),
  ``week_dates`` (Tuần | Thời gian | Nội dung công việc | Người thực hiện), ``time_task`` (Thời gian | Công
  việc | Người thực hiện | Kết quả), ``lines`` ('- Tuần 2 tháng 10/2025 (...): ... (who).').
"""

from __future__ import annotations

import re
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass, field, fields, replace

from corpus.planfmt import Block, Grid, Para, Plan

SLOTS: dict[str, tuple[str, ...]] = {
    "item": ("labels_a", "labels_b", "plus", "table6", "table9", "schedule", "prose"),
    "status": ("para", "plus", "dash", "cell"),
    "basis": ("can_cu", "numbered", "dash", "prose"),
    "header": ("table", "paras", "stacked"),
    "footer": ("table", "paras"),
    "numbering": ("roman", "arabic", "letters", "decimal", "tt"),
    "schedule": ("month_week", "week_dates", "time_task", "lines"),
}

# --- the school behind each level ------------------------------------------------------------------

@dataclass(frozen=True)
class School:
    level: str
    name: str  # as in running text
    caps: str  # as in the header
    governing: str
    code: str
    place: str
    circular: str  # the accreditation circular
    circular_title: str
    guidance: str
    pupils: str  # 'học sinh' or 'trẻ'
    standards: dict[str, str]
    criteria: dict[str, str]


_COMMON_1 = {
    "1.1": "Phương hướng, chiến lược xây dựng và phát triển nhà trường",
    "1.3": "Tổ chức Đảng Cộng sản Việt Nam, các đoàn thể và tổ chức khác trong nhà trường",
    "1.4": "Hiệu trưởng, phó hiệu trưởng, tổ chuyên môn và tổ văn phòng",
    "1.6": "Quản lý hành chính, tài chính và tài sản",
    "1.7": "Quản lý cán bộ, giáo viên và nhân viên",
    "1.8": "Quản lý các hoạt động giáo dục",
    "1.9": "Thực hiện quy chế dân chủ cơ sở",
    "1.10": "Đảm bảo an ninh trật tự, an toàn trường học",
    "2.1": "Đối với hiệu trưởng, phó hiệu trưởng",
    "2.2": "Đối với giáo viên",
    "2.3": "Đối với nhân viên",
}

SCHOOLS = {
    "tieu_hoc": School(
        "tieu_hoc", "Trường Tiểu học Hòa Bình", "TRƯỜNG TIỂU HỌC HÒA BÌNH", "UBND XÃ HÒA BÌNH", "THHB",
        "Hòa Bình", "17/2018/TT-BGDĐT",
        "ban hành Quy định về kiểm định chất lượng giáo dục và công nhận đạt chuẩn quốc gia đối với trường tiểu học",
        "Công văn số 5932/BGDĐT-QLCL ngày 28/12/2018 của Bộ Giáo dục và Đào tạo về việc hướng dẫn tự đánh giá "
        "và đánh giá ngoài cơ sở giáo dục phổ thông", "học sinh",
        {"1": "Tổ chức và quản lý nhà trường", "2": "Cán bộ quản lý, giáo viên, nhân viên và học sinh",
         "3": "Cơ sở vật chất và thiết bị dạy học", "4": "Quan hệ giữa nhà trường, gia đình và xã hội",
         "5": "Hoạt động giáo dục và kết quả giáo dục"},
        {**_COMMON_1, "1.2": "Hội đồng trường (Hội đồng quản trị đối với trường tư thục) và các hội đồng khác",
         "1.5": "Khối lớp và tổ chức lớp học", "2.4": "Đối với học sinh",
         "3.1": "Khuôn viên, khu sân chơi, sân tập", "3.2": "Phòng học",
         "3.3": "Khối phòng phục vụ học tập và khối phòng hành chính - quản trị",
         "3.4": "Khu vệ sinh, hệ thống cấp thoát nước", "3.5": "Thiết bị", "3.6": "Thư viện",
         "4.1": "Ban đại diện cha mẹ học sinh",
         "4.2": "Công tác tham mưu cấp ủy đảng, chính quyền và phối hợp với các tổ chức, cá nhân của nhà trường",
         "5.1": "Kế hoạch giáo dục của nhà trường",
         "5.2": "Thực hiện Chương trình giáo dục phổ thông cấp tiểu học",
         "5.3": "Thực hiện các hoạt động giáo dục khác", "5.4": "Công tác phổ cập giáo dục tiểu học",
         "5.5": "Kết quả giáo dục"},
    ),
    "mam_non": School(
        "mam_non", "Trường Mầm non Hoa Mai", "TRƯỜNG MẦM NON HOA MAI", "UBND XÃ HÒA BÌNH", "MNHM",
        "Hòa Bình", "19/2018/TT-BGDĐT",
        "ban hành Quy định về kiểm định chất lượng giáo dục và công nhận đạt chuẩn quốc gia đối với trường mầm non",
        "Công văn số 5942/BGDĐT-QLCL ngày 28/12/2018 của Bộ Giáo dục và Đào tạo về việc hướng dẫn tự đánh giá "
        "và đánh giá ngoài trường mầm non", "trẻ",
        {"1": "Tổ chức và quản lý nhà trường", "2": "Cán bộ quản lý, giáo viên, nhân viên",
         "3": "Cơ sở vật chất và thiết bị dạy học", "4": "Quan hệ giữa nhà trường, gia đình và xã hội",
         "5": "Hoạt động và kết quả nuôi dưỡng, chăm sóc, giáo dục trẻ"},
        {**_COMMON_1, "1.2": "Hội đồng trường (Hội đồng quản trị đối với trường tư thục) và các hội đồng khác",
         "1.5": "Tổ chức nhóm trẻ và lớp mẫu giáo",
         "3.1": "Diện tích, khuôn viên và sân vườn",
         "3.2": "Khối phòng nhóm trẻ, lớp mẫu giáo và khối phòng phục vụ học tập",
         "3.3": "Khối phòng hành chính - quản trị", "3.4": "Khối phòng tổ chức ăn",
         "3.5": "Thiết bị, đồ dùng, đồ chơi", "3.6": "Khu vệ sinh, hệ thống cấp thoát nước",
         "4.1": "Ban đại diện cha mẹ trẻ",
         "4.2": "Công tác tham mưu cấp ủy đảng, chính quyền và phối hợp với các tổ chức, cá nhân của nhà trường",
         "5.1": "Thực hiện Chương trình giáo dục mầm non",
         "5.2": "Tổ chức hoạt động nuôi dưỡng, chăm sóc và giáo dục trẻ",
         "5.3": "Kết quả nuôi dưỡng và chăm sóc sức khỏe", "5.4": "Kết quả giáo dục"},
    ),
}
_THCS_CRITERIA = {
    **_COMMON_1, "1.2": "Hội đồng trường (Hội đồng quản trị đối với trường tư thục) và các hội đồng khác",
    "1.5": "Khối lớp và tổ chức lớp học", "2.4": "Đối với học sinh",
    "3.1": "Khuôn viên, khu sân chơi, bãi tập", "3.2": "Phòng học, phòng học bộ môn và khối phục vụ học tập",
    "3.3": "Khối hành chính - quản trị", "3.4": "Khu vệ sinh, hệ thống cấp thoát nước", "3.5": "Thiết bị",
    "3.6": "Thư viện", "4.1": "Ban đại diện cha mẹ học sinh",
    "4.2": "Công tác tham mưu cấp ủy đảng, chính quyền và phối hợp với các tổ chức, cá nhân của nhà trường",
    "5.1": "Thực hiện Chương trình giáo dục phổ thông",
    "5.2": "Tổ chức hoạt động giáo dục cho học sinh có hoàn cảnh khó khăn, học sinh có năng khiếu, học sinh gặp "
           "khó khăn trong học tập và rèn luyện",
    "5.3": "Thực hiện nội dung giáo dục địa phương theo quy định", "5.4": "Các hoạt động trải nghiệm và hướng nghiệp",
    "5.5": "Hình thành, phát triển các kỹ năng sống cho học sinh", "5.6": "Kết quả giáo dục",
}
_THCS_TITLE = ("ban hành Quy định về kiểm định chất lượng giáo dục và công nhận đạt chuẩn quốc gia đối với trường "
               "trung học cơ sở, trường trung học phổ thông và trường phổ thông có nhiều cấp học")
SCHOOLS["thcs"] = School(
    "thcs", "Trường THCS Hòa Bình", "TRƯỜNG THCS HÒA BÌNH", "UBND XÃ HÒA BÌNH", "THCSHB", "Hòa Bình",
    "18/2018/TT-BGDĐT", _THCS_TITLE, SCHOOLS["tieu_hoc"].guidance, "học sinh",
    dict(SCHOOLS["tieu_hoc"].standards), _THCS_CRITERIA)
SCHOOLS["thpt"] = School(
    "thpt", "Trường THPT Hòa Bình", "TRƯỜNG THPT HÒA BÌNH", "SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH ĐỒNG NAI", "THPTHB",
    "Hòa Bình", "18/2018/TT-BGDĐT", _THCS_TITLE, SCHOOLS["tieu_hoc"].guidance, "học sinh",
    dict(SCHOOLS["tieu_hoc"].standards), _THCS_CRITERIA)

HEAD, DEPUTY = "Lê Văn Thành", "Nguyễn Thị Hoa"

# --- items -------------------------------------------------------------------------------------------

DEFAULT_ITEM = {
    "current": "",  # e.g. 'Mức 2'; empty: not stated
    "target": "Đạt Mức 3",
    "weakness": "Hồ sơ quản lý chưa được số hóa đầy đủ.",
    "tasks": "Rà soát, bổ sung hồ sơ; số hóa hồ sơ quản lý trên phần mềm của ngành",
    "lead": f"Phó Hiệu trưởng {DEPUTY}",
    "support": "tổ trưởng chuyên môn",
    "start": "tháng 10/2025",
    "end": "tháng 5/2026",
    "budget": "5.000.000 đồng",
}

# Fillers around the case's item: criteria with a Mức 3 in every catalog, targets kept.
FILLERS = (
    {"crit": "1.1", "current": "Mức 3", "target": "Duy trì Mức 3", "weakness": "Chiến lược chưa được cập nhật.",
     "tasks": "Rà soát, điều chỉnh chiến lược phát triển nhà trường; lấy ý kiến cha mẹ học sinh",
     "lead": f"Hiệu trưởng {HEAD}", "support": "Hội đồng trường", "start": "tháng 10/2025",
     "end": "tháng 12/2025", "budget": "1.000.000 đồng"},
    {"crit": "4.2", "current": "Mức 3", "target": "Duy trì Mức 3",
     "weakness": "Nguồn xã hội hóa còn ít.",
     "tasks": "Tham mưu chính quyền xã đầu tư sửa chữa cổng trường; phối hợp với đoàn thể tổ chức ngày hội",
     "lead": f"Hiệu trưởng {HEAD}", "support": "Chủ tịch Công đoàn", "start": "tháng 11/2025",
     "end": "tháng 4/2026", "budget": "2.000.000 đồng"},
)


@dataclass
class Item:
    crit: str
    title: str
    current: str
    target: str
    weakness: str
    tasks: str
    lead: str
    support: str
    start: str
    end: str
    budget: str
    range: str = ""  # the whole time span in one phrase; default per layout from start and end
    heading: str = ""  # replaces the criterion's label ('Tiêu chí 1.6'), e.g. a wrong code
    period: str = ""  # the school year or semester the item is listed under (breakdowns)
    under: str = ""  # the standard it is listed under, when not its own
    shift: bool = False  # a table row whose cells slid one column right

    @property
    def std(self) -> str:
        return self.under or self.crit.split(".")[0]

    @property
    def timed(self) -> bool:
        return bool(self.start or self.end or self.range)


ITEM_FIELDS = {f.name for f in fields(Item)}


def _level_number(phrase: str) -> str:
    return phrase.rsplit(" ", 1)[-1] if phrase else ""


def _lower_first(s: str) -> str:
    return s[:1].lower() + s[1:] if s else s


def _span(it: Item, template: str) -> str:
    return it.range or template.format(start=it.start, end=it.end)


def _who(it: Item, sep: str = " chủ trì; ", tail: str = " phối hợp") -> str:
    if not it.lead:
        return ""
    return it.lead + (sep + it.support + tail if it.support else "")


def _label(it: Item, form: str = "Tiêu chí {crit}") -> str:
    return it.heading or form.format(crit=it.crit)


def _groups(items: list[Item]) -> list[tuple[str, list[Item]]]:
    """Consecutive items of one period, then of one standard (an empty standard: a group of no items)."""
    out: list[tuple[str, list[Item]]] = []
    for it in items:
        if not it.crit:  # a standard heading with nothing under it
            out.append((it.period + "|" + it.under, []))
            continue
        key = it.period + "|" + it.std
        if out and out[-1][0] == key:
            out[-1][1].append(it)
        else:
            out.append((key, [it]))
    return out


def _period_heading(prev: str, key: str) -> str | None:
    period = key.split("|")[0]
    return period if period and period != prev.split("|")[0] else None


def items_labels_a(items: list[Item], school: School) -> list[Block]:
    out: list[Block] = []
    prev = ""
    for key, group in _groups(items):
        if (p := _period_heading(prev, key)) is not None:
            out.append(Para(p))
        prev = key
        std = key.split("|")[1]
        out.append(Para(f"Tiêu chuẩn {std}: {school.standards.get(std, '')}"))
        for it in group:
            out.append(Para(f"{_label(it)}: {it.title}"))
            out.append(Para(f"Hiện trạng: đạt {it.current}. {it.weakness}" if it.current else
                            f"Hạn chế: {it.weakness}"))
            out.append(Para(f"Mục tiêu: {it.target}"))
            if it.tasks:
                out.append(Para(f"Biện pháp: {it.tasks}."))
            if it.lead:
                out.append(Para(f"Người thực hiện: {_who(it, '; ', ' phối hợp')}"))
            if it.range:
                out.append(Para(f"Thời gian thực hiện: {it.range}"))
            elif it.timed:
                out += [Para(f"Thời gian bắt đầu: {it.start}"), Para(f"Thời gian hoàn thành: {it.end}")]
            out.append(Para(f"Kinh phí: {it.budget}"))
    return out


def items_labels_b(items: list[Item], school: School) -> list[Block]:
    out: list[Block] = []
    prev = ""
    n = 0
    for key, group in _groups(items):
        if (p := _period_heading(prev, key)) is not None:
            out.append(Para(p))
        prev = key
        n += 1
        std = key.split("|")[1]
        out.append(Para(f"{n}. Tiêu chuẩn {std}. {school.standards.get(std, '')}"))
        for it in group:
            state = f" (đã đạt {it.current})" if it.current else ""
            out.append(Para(f"{_label(it, '{crit}. Tiêu chí {crit}')}. {it.title}{state}"))
            if it.target:
                out.append(Para(f"- Kết quả cần đạt: {it.target}."))
            if it.tasks:
                out.append(Para(f"- Cách thức thực hiện: {it.tasks}."))
            if it.lead:
                out.append(Para(f"- Bộ phận phụ trách: {it.lead}; phối hợp: {it.support}."))
            if it.timed:
                out.append(Para(f"- Thời hạn thực hiện: {_span(it, 'từ {start} đến {end}')}."))
            out.append(Para(f"- Nguồn kinh phí: {it.budget}."))
    return out


def items_plus(items: list[Item], school: School) -> list[Block]:
    out: list[Block] = []
    prev = ""
    for key, group in _groups(items):
        if (p := _period_heading(prev, key)) is not None:
            out.append(Para(p))
        prev = key
        for it in group:
            out.append(Para(f"* {_label(it, 'TC {crit}')} – {it.title}"))
            state = f"{it.current}; " if it.current else ""
            out.append(Para(f"+ Thực trạng: {state}{_lower_first(it.weakness)}"))
            if it.target:
                out.append(Para(f"+ Chỉ tiêu: {it.target}"))
            if it.tasks:
                out.append(Para(f"+ Giải pháp: {it.tasks}"))
            if it.lead:
                out.append(Para(f"+ Lực lượng thực hiện: {it.lead}, {it.support}"))
            if it.timed:
                out.append(Para(f"+ Thời gian: {_span(it, '{start} – {end}')}"))
            out.append(Para(f"+ Kinh phí dự kiến: {it.budget}"))
    return out


def _period_rows(items: list[Item], row: Callable[[int, Item], list[str]], head: list[str]) -> list[Block]:
    """A table of one row per item, with a merged row above each period of a breakdown."""
    rows, merged, period = [head], [False], ""
    for n, it in enumerate(items, 1):
        if it.period and it.period != period:
            rows.append([it.period])
            merged.append(True)
        period = it.period
        rows.append(row(n, it))
        merged.append(False)
    return [Grid(rows, merged)]


def items_table6(items: list[Item], school: School) -> list[Block]:
    def row(n: int, it: Item) -> list[str]:
        cur = f"Mức hiện tại: {_level_number(it.current)} – " if it.current else ""
        target = f" ({cur}cần đạt: {it.target.removeprefix('Đạt ')})" if it.target else ""
        return _shifted(it, [str(n), f"{_label(it)}. {it.title}{target}", it.weakness, it.tasks, _who(it, ", "),
                             _span(it, "Từ {start} đến {end}") if it.timed else ""])
    return _period_rows(items, row, ["STT", "Tiêu chí", "Hạn chế", "Giải pháp", "Người phụ trách",
                                     "Thời gian thực hiện"])


def _shifted(it: Item, cells: list[str]) -> list[str]:
    """A row as typed, or slid one column right from the person's column (the last two cells run together)."""
    if not it.shift:
        return cells
    k = len(cells) - 2
    return [*cells[:k], "", cells[k] + " " + cells[k + 1]]


def items_table9(items: list[Item], school: School) -> list[Block]:
    head = ["TT", "Tiêu chí", "Mức hiện tại", "Mức cần đạt", "Nội dung công việc", "Thời gian bắt đầu",
            "Thời gian hoàn thành", "Người thực hiện", "Kinh phí (đồng)"]
    rows, merged = [head], [False]
    prev, n = "", 0
    for key, group in _groups(items):
        if (p := _period_heading(prev, key)) is not None:
            rows.append([p])
            merged.append(True)
        prev = key
        std = key.split("|")[1]
        rows.append([f"Tiêu chuẩn {std}: {school.standards.get(std, '')}"])
        merged.append(True)
        for it in group:
            n += 1
            start, end = (it.range, "") if it.range else (it.start, it.end)
            rows.append(_shifted(it, [str(n), it.heading or it.crit, it.current, it.target, it.tasks, start, end,
                                      _who(it, "; ", " phối hợp"), it.budget.removesuffix(" đồng")]))
            merged.append(False)
    return [Grid(rows, merged)]


def items_schedule(items: list[Item], school: School) -> list[Block]:
    def row(n: int, it: Item) -> list[str]:
        state = f"; đã đạt {it.current}" if it.current else ""
        return [_span(it, "{start} - {end}") if it.timed else "", f"{_label(it)} ({it.title}{state}): {it.tasks}",
                _who(it, ", ", ""), it.target]
    return _period_rows(items, row, ["Thời gian", "Công việc", "Người thực hiện", "Kết quả"])


def items_prose(items: list[Item], school: School) -> list[Block]:
    out: list[Block] = []
    prev = ""
    for key, group in _groups(items):
        if (p := _period_heading(prev, key)) is not None:
            out.append(Para(p))
        prev = key
        for it in group:
            state = f"hiện đạt {it.current}; " if it.current else ""
            span = _span(it, "từ {start} đến {end}")
            who = (f"Việc này do {it.lead} chủ trì, {it.support} phối hợp, thực hiện {span}"
                   if it.lead else f"Thời gian thực hiện {span}")
            out.append(Para(
                f"Đối với {_lower_first(_label(it))} ({it.title}), nhà trường {state}{_lower_first(it.weakness)} "
                + (f"Mục tiêu là {_lower_first(it.target)}. " if it.target else "")
                + (f"Nhà trường sẽ {_lower_first(it.tasks)}. " if it.tasks else "") +
                f"{who}, kinh phí dự kiến {it.budget}."))
    return out


ITEM_LAYOUTS: dict[str, Callable[[list[Item], School], list[Block]]] = {
    "labels_a": items_labels_a, "labels_b": items_labels_b, "plus": items_plus, "table6": items_table6,
    "table9": items_table9, "schedule": items_schedule, "prose": items_prose,
}

# --- the other slots ---------------------------------------------------------------------------------

DEFAULT_STATUS = {
    # Mức-3 criteria reached per standard, and the number with a Mức 3 (tiểu học, TT 17).
    "results": [["1", "10", "4", "3"], ["2", "4", "4", "3"], ["3", "6", "5", "4"], ["4", "2", "2", "2"],
                ["5", "5", "4", "3"]],
    "lines": ["Số tiêu chí đạt Mức 3: 15/19 (78,95%)"],
}


def status_blocks(status: dict, layout: str) -> list[Block]:
    """The results table (its 'Tổng cộng' row summed, unless ``total`` says otherwise), then the lines."""
    out: list[Block] = []
    lines, results = status.get("lines", []), status.get("results")
    if results:
        rows = [["Tiêu chuẩn", "Số tiêu chí", "Số tiêu chí có Mức 3", "Đạt Mức 3"]]
        rows += [[f"Tiêu chuẩn {r[0]}", *r[1:]] for r in results]
        total = status.get("total") or [str(sum(int(r[k]) for r in results)) for k in (1, 2, 3)]
        rows.append(["Tổng cộng", *total])
        out.append(Para("Kết quả tự đánh giá năm học 2024-2025 của nhà trường:"))
        out.append(Grid(rows, [False] * len(rows)))
    for table in status.get("tables", []):  # count tables of the case's own ('<<', '^^': merged cells)
        out.append(Grid(table, [False] * len(table)))
    if layout == "cell":
        rows = [["Nội dung", "Kết quả"]]
        for line in lines:
            head, _, tail = line.partition(": ")
            rows.append([head, tail] if tail else [line, ""])
        out.append(Grid(rows, [False] * len(rows)))
        return out
    prefix = {"para": "", "plus": "+ ", "dash": "- "}[layout]
    out += [Para(prefix + line + ("." if not line.endswith(".") else "")) for line in lines]
    return out


def default_basis(school: School) -> list[str]:
    return [f"Thông tư số {school.circular} ngày 22/8/2018 của Bộ trưởng Bộ Giáo dục và Đào tạo "
            f"{school.circular_title}", school.guidance]


def basis_blocks(docs: list[str], layout: str, school: School) -> list[Block]:
    if layout == "can_cu":
        out: list[Block] = [Para(f"Căn cứ {d};") for d in docs]
    elif layout == "numbered":
        out = [Para("I. CĂN CỨ XÂY DỰNG KẾ HOẠCH")] + [Para(f"{n}. {d}.") for n, d in enumerate(docs, 1)]
    elif layout == "dash":
        out = [Para("Căn cứ xây dựng kế hoạch:")] + [Para(f"- {d};") for d in docs]
    else:
        out = [Para("Thực hiện " + "; ".join(docs) + f", {school.name} xây dựng kế hoạch như sau.")]
    return out


@dataclass
class Header:
    number: str
    place_date: str
    left: list[str] = field(default_factory=list)


MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]


def header_plan(h: Header, right: list[str], layout: str) -> tuple[list[str], list[str], str | None, str | None,
                                                                 list[Block]]:
    """left, right, number, place_date and any blocks typed before the title."""
    if layout == "table":
        return h.left, right, h.number or None, h.place_date or None, []
    if layout == "stacked":
        return [*h.left, h.number] if h.number else h.left, right, None, h.place_date or None, []
    lines = [*h.left, *right, h.number, h.place_date]
    return [], [], None, None, [Para(x) for x in lines if x]


def footer_blocks(recipients: list[str], signer: list[str], layout: str) -> tuple[list[str], list[str], list[Block]]:
    if layout == "table":
        return recipients, signer, []
    return [], [], [Para(x) for x in [*recipients, *signer] if x]


_NUMBERED = ["Rà soát hồ sơ minh chứng của các tiêu chí", "Bồi dưỡng nghiệp vụ cho tổ chuyên môn",
             "Tổ chức kiểm tra nội bộ theo kế hoạch", "Báo cáo kết quả thực hiện với Hội đồng trường",
             "Lưu trữ hồ sơ cải tiến chất lượng"]
_SECTIONS = ["MỤC ĐÍCH, YÊU CẦU", "THỰC TRẠNG", "NỘI DUNG CẢI TIẾN CHẤT LƯỢNG", "TỔ CHỨC THỰC HIỆN"]
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII"]
_LETTERS = ["a", "b", "c", "d", "đ", "e", "g", "h"]


def numbering_labels(spec: dict, layout: str) -> list[str]:
    """The numbers of a sequence of ``count`` elements written in ``layout``, with the ``skip``-th number (1-based)
    left out or the ``repeat``-th written twice."""
    count, skip, repeat = spec.get("count", 4), spec.get("skip", 0), spec.get("repeat", 0)
    seq = list(range(1, count + 2))
    if skip:
        seq.remove(skip)
    seq = seq[:count]
    if repeat:
        seq = [*seq[:repeat], seq[repeat - 1], *seq[repeat:]][:count]
    form = {"roman": lambda k: _ROMAN[k - 1] + ".", "arabic": lambda k: f"{k}.",
            "letters": lambda k: _LETTERS[k - 1] + ")", "decimal": lambda k: f"4.{k}.", "tt": str}[layout]
    return [form(k) for k in seq]


def numbering_evidence(spec: dict, layout: str) -> list[str]:
    """The element right after the gap or the repeat: what a finding should quote."""
    k = (spec.get("skip") or spec.get("repeat") + 1) - 1  # 0-based position of the element after it
    texts = _SECTIONS if layout == "roman" else _NUMBERED
    return [texts[k % len(texts)]]


def numbering_blocks(labels: list[str], layout: str) -> list[Block]:
    if layout == "tt":
        rows = [["TT", "Nội dung", "Người thực hiện"]]
        rows += [[lab, _NUMBERED[k % len(_NUMBERED)], f"Hiệu trưởng {HEAD}"] for k, lab in enumerate(labels)]
        return [Grid(rows, [False] * len(rows))]
    end = {"arabic": ".", "letters": ";", "decimal": "."}[layout]
    return [Para(f"{lab} {_NUMBERED[k % len(_NUMBERED)]}{end}") for k, lab in enumerate(labels)]


def schedule_blocks(rows_in: list[dict], layout: str) -> list[Block]:
    """Schedule rows: dicts with month ('10/2025'), week ('2'), dates ('từ ngày 06/10/2025 đến ngày
    10/10/2025'), task, who, result."""
    if layout == "month_week":
        rows = [["Tháng", "Nội dung công việc", "Tuần"]]
        rows += [[f"Tháng {r['month']}", r["task"], f"Tuần {r['week']}" if r.get("week") else ""] for r in rows_in]
    elif layout == "week_dates":
        rows = [["Tuần", "Thời gian", "Nội dung công việc", "Người thực hiện"]]
        rows += [[f"Tuần {r['week']}" if r.get("week") else "", r.get("dates") or f"Tháng {r['month']}",
                  r["task"], r.get("who", "")] for r in rows_in]
    elif layout == "time_task":
        rows = [["Thời gian", "Công việc", "Người thực hiện", "Kết quả"]]
        rows += [[(f"Tuần {r['week']} tháng {r['month']}" if r.get("week") else f"Tháng {r['month']}")
                  + (f" ({r['dates']})" if r.get("dates") else ""), r["task"], r.get("who", ""),
                  r.get("result", "")] for r in rows_in]
    else:
        return [Para(f"- {'Tuần ' + r['week'] + ' tháng ' if r.get('week') else 'Tháng '}{r['month']}"
                     + (f" ({r['dates']})" if r.get("dates") else "") + f": {r['task']}"
                     + (f" ({r['who']})." if r.get("who") else ".")) for r in rows_in]
    return [Grid(rows, [False] * len(rows))]


# --- the whole plan ----------------------------------------------------------------------------------

KIND_TITLES = {
    "improvement": "Cải tiến chất lượng giáo dục năm học {period}",
    "self_assessment": "Tự đánh giá chất lượng giáo dục năm học {period}",
}


def _pick(part: object, clean: bool) -> object:
    """A value that may differ in the twins: {defect = ..., clean = ...}, or the same for both."""
    if isinstance(part, dict) and set(part) <= {"defect", "clean"} and part:
        return part["clean" if clean else "defect"]
    return part


def resolved(spec: dict, clean: bool) -> dict:
    """Every {defect, clean} pair of a case replaced by one side, recursively."""
    def walk(v: object) -> object:
        v = _pick(v, clean)
        if isinstance(v, dict):
            return {k: walk(x) for k, x in v.items()}
        if isinstance(v, list):
            return [walk(x) for x in v]
        return v
    return walk(deepcopy(spec))  # type: ignore[return-value]


def _year_shift(period: str) -> Callable[[dict], dict]:
    """The default dates (school year 2025-2026) moved to the school year the plan starts with."""
    years = int(period[:4]) - 2025

    def shift(item: dict) -> dict:
        def move(v: str) -> str:
            return re.sub(r"(?<=/)20\d\d\b", lambda m: str(int(m.group()) + years), v)
        return {k: move(v) if isinstance(v, str) and k in ("start", "end") else v for k, v in item.items()}
    return shift


def _items(spec: dict, school: School) -> list[Item]:
    raw = spec.get("items") or ([spec["item"]] if "item" in spec else [])
    own = {r.get("crit") for r in raw}
    fillers = [] if spec.get("no_fillers") else [f for f in FILLERS if f["crit"] not in own]
    out = []
    shift = _year_shift(spec.get("period", "2025-2026"))
    for r in [*(shift(f) for f in fillers), *raw]:
        d = {**shift(DEFAULT_ITEM), **r}
        d.setdefault("title", school.criteria.get(d["crit"], ""))
        out.append(Item(**d))
    out += [Item(crit="", title="", **{**DEFAULT_ITEM, "under": std}) for std in spec.get("empty_standards", [])]
    if not spec.get("keep_order"):
        out.sort(key=lambda it: (it.period, int(it.std), [int(x) for x in it.crit.split(".") if x]))
    return out


def _criteria_results(rows_in: list[list[str]]) -> list[Block]:
    """A per-criterion self-assessment table: an X under each level reached."""
    rows = [["Tiêu chí", "Mức 1", "Mức 2", "Mức 3"]]
    rows += [[f"Tiêu chí {crit}", *("X" if k <= int(level) else "" for k in (1, 2, 3))] for crit, level in rows_in]
    return [Para("Kết quả tự đánh giá các tiêu chí cần cải tiến:"), Grid(rows, [False] * len(rows))]


def render(case: dict, layout: str, clean: bool) -> Plan:
    """The plan of ``case`` (one side of the twins) with its slot written in ``layout``."""
    spec = resolved(case, clean)
    slot = spec["slot"]

    def lay(name: str, default: str) -> str:
        return layout if slot == name else default

    school = SCHOOLS[spec.get("level", "tieu_hoc")]
    if "standard_titles" in spec:
        school = replace(school, standards={**school.standards, **spec["standard_titles"]})
    period = spec.get("period", "2025-2026")
    kind = spec.get("kind", "improvement")
    title = ["KẾ HOẠCH", spec.get("title", KIND_TITLES[kind].format(period=period))]
    number = spec.get("number", f"Số: 36/KH-{school.code}")
    place_date = spec.get("place_date", f"{school.place}, ngày 06 tháng 10 năm 2025")
    head = Header(number, place_date, spec.get("left", [school.governing, school.caps]))
    left, right, num, pdate, pre = header_plan(head, spec.get("right", MOTTO), lay("header", "table"))
    docs = spec.get("basis", default_basis(school))
    blocks: list[Block] = basis_blocks(docs, lay("basis", "can_cu"), school)
    blocks.append(Para(spec.get("intro", f"{school.name} xây dựng kế hoạch năm học {period} như sau:")))
    first = 1 if lay("basis", "") == "numbered" else 0  # the basis took section I
    if lay("numbering", "") == "roman":
        sec = [lab for lab in numbering_labels(spec, "roman")]
    else:
        sec = [_ROMAN[k] + "." for k in range(first, first + len(_SECTIONS))]
    heads = dict(zip(_SECTIONS, sec, strict=True))
    blocks.append(Para(f"{heads['MỤC ĐÍCH, YÊU CẦU']} MỤC ĐÍCH, YÊU CẦU"))
    blocks.append(Para(spec.get("purpose", "Khắc phục các hạn chế đã chỉ ra trong báo cáo tự đánh giá, "
                                           "duy trì và nâng cao chất lượng các tiêu chí.")))
    blocks.append(Para(f"{heads['THỰC TRẠNG']} THỰC TRẠNG"))
    if "criteria_results" in spec:
        blocks += _criteria_results(spec["criteria_results"])
    if slot == "status" or "status" in spec:
        blocks += status_blocks(spec.get("status", DEFAULT_STATUS), lay("status", "para"))
    else:
        year = int(period[:4])
        blocks.append(Para(f"Năm học {year}-{year + 1}, nhà trường có 18 lớp với 612 {school.pupils}."))
    if kind == "self_assessment":
        blocks.append(Para(f"{heads['NỘI DUNG CẢI TIẾN CHẤT LƯỢNG']} THỜI GIAN BIỂU"))
        blocks += schedule_blocks(spec["schedule"], lay("schedule", "week_dates"))
    else:
        blocks.append(Para(f"{heads['NỘI DUNG CẢI TIẾN CHẤT LƯỢNG']} NỘI DUNG CẢI TIẾN CHẤT LƯỢNG"))
        blocks += ITEM_LAYOUTS[lay("item", "labels_a")](_items(spec, school), school)
    blocks.append(Para(f"{heads['TỔ CHỨC THỰC HIỆN']} TỔ CHỨC THỰC HIỆN"))
    if slot == "numbering" and layout != "roman":
        blocks += numbering_blocks(numbering_labels(spec, layout), layout)
    else:
        blocks += [Para(x) for x in spec.get("organisation", [
            f"1. Hiệu trưởng {HEAD} chỉ đạo chung và kiểm tra việc thực hiện kế hoạch.",
            f"2. Phó Hiệu trưởng {DEPUTY} theo dõi, tổng hợp kết quả vào cuối mỗi học kỳ."])]
    blocks.append(Para(spec.get("closing", f"Trên đây là Kế hoạch {_lower_first(title[1])} của {school.name}./.")))
    recipients = spec.get("recipients", ["Nơi nhận:", "- Cán bộ, giáo viên, nhân viên;", "- Lưu: VT."])
    signer = spec.get("signer", ["HIỆU TRƯỞNG", HEAD])
    rec, sig, tail = footer_blocks(recipients, signer, lay("footer", "table"))
    if pre:  # a header typed as paragraphs: the title follows it in the body
        return Plan(left=[], right=[], number=None, place_date=None, title=[],
                    blocks=[*pre, *(Para(t) for t in title), *blocks, *tail], recipients=rec, signer=sig)
    return Plan(left=left, right=right, number=num, place_date=pdate, title=title, blocks=[*blocks, *tail],
                recipients=rec, signer=sig)
