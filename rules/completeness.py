"""Completeness of improvement items and schedule rows: missing fields, shifted table columns, empty rows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from kclint.engine import Context, Rule, RuleDoc
from kclint.model import Finding, Item, Plan, ScheduleRow, Severity, Span, TaskRow
from kclint.model import Message as M
from kclint.plantext import clean
from kclint.rules._form_helpers import is_money, is_time, line_with

_HEAD = "Số: 12/KH-MNAB\n\nAn Bình, ngày 14 tháng 10 năm 2025\n\nKẾ HOẠCH\n" \
        "Cải tiến chất lượng giáo dục năm học 2025-2026\n\nIII. NỘI DUNG CẢI TIẾN\n\n"


def _item(crit: str, solutions: bool = True, end: bool = True) -> str:
    return (f"Tiêu chí {crit}: Tên tiêu chí {crit}\n\nMục tiêu cần đạt: Giữ vững Mức 2\n\n"
            f"Nội dung công việc cần thực hiện: Rà soát hồ sơ tiêu chí {crit}.\n\n"
            + ("Giải pháp thực hiện: Phân công tổ chuyên môn thực hiện.\n\n" if solutions else "")
            + "Người thực hiện: Hiệu trưởng, tổ trưởng.\n\n"
            + "Thời gian bắt đầu: Tháng 9/2025\n\n"
            + ("Thời gian hoàn thành: Tháng 5/2026\n\n" if end else ""))


_TABLE_HEAD = "TT\tTiêu chuẩn, tiêu chí\tKết quả cần đạt\tCông việc/giải pháp cần thực hiện\t" \
              "Chủ trì và phối hợp thực hiện\tThời gian thực hiện và hoàn thành\tDự kiến kinh phí\n"

# Fields an item may have to carry, and how plans name them.
_NAMES = {
    "tasks": ("nội dung công việc", "work content"),
    "solutions": ("giải pháp thực hiện", "solution"),
    "responsible": ("người thực hiện / chủ trì", "responsible party"),
    "start": ("thời gian bắt đầu", "start time"),
    "end": ("thời gian hoàn thành", "completion time"),
    "timing": ("thời gian thực hiện", "time"),
}
# Document order of an item's fields: a missing field is quoted after the one written before it.
_ORDER = ("target", "weakness", "tasks", "solutions", "responsible", "support", "start", "end", "timing")


def _filled(span: Span | None) -> bool:
    return span is not None and bool(clean(span.text).strip(" .;,-–"))


def _present(item: Item, name: str) -> bool:
    return _filled(getattr(item, name))


# A field is required of an item when at least this share of its siblings (and two of them) write it: the
# plan's own pattern, so a plan that never gives a field is not 'missing' it on every item.
_SIBLING_SHARE = 0.5


def _declared(written: list[set[str]], offered: set[str], header: bool) -> set[str]:
    """The fields of ``offered`` that nearly all siblings write (``written``: each sibling's filled fields).

    A table's header row, when it names the field's column, is one more witness that the plan uses it.
    """
    counts = Counter(name for fields in written for name in offered & fields)
    return {name for name, n in counts.items() if n + header >= 2 and n >= _SIBLING_SHARE * len(written)}


def _siblings(items: list[Item]) -> dict[tuple[str, ...], list[Item]]:
    """Items that share one pattern: the paragraph items of the plan, the rows of one table header."""
    out: dict[tuple[str, ...], list[Item]] = {}
    for item in items:
        key = ("table", *item.declared_columns) if item.layout == "table" else ("paragraph",)
        out.setdefault(key, []).append(item)
    return out


def _place(span: Span) -> tuple[int, int, int]:
    return (span.loc.block or 0, span.loc.paragraph or 0, span.loc.line or 0)


# Work and solution are one column in many plans ('Công việc/giải pháp'): the line of one may already hold
# the other, so a reviewer judging the gap reads that line.
_PARTNER = {"tasks": "solutions", "solutions": "tasks"}


def _where_missing(plan: Plan, item: Item, name: str) -> Span:
    """The line a paragraph item's missing field is judged at.

    The partner line when there is one; where the item stops when nothing is written after the gap (the
    missing field belongs after that line); else the heading: a field skipped inside an item.
    """
    partner = _PARTNER.get(name)
    if partner and _present(item, partner):
        return line_with(plan, getattr(item, partner))
    written = [getattr(item, n) for n in (*_ORDER, "budget") if _present(item, n)]
    before = [n for n in _ORDER[: _ORDER.index(name)] if _present(item, n)]
    if before and getattr(item, before[-1]) is max(written, key=_place):
        return line_with(plan, getattr(item, before[-1]))
    return item.heading


def _missing(has: set[str], declared: set[str]) -> list[str]:
    """The declared fields a sibling lacks (``has``: its filled fields)."""
    out = [name for name in ("tasks", "solutions", "responsible") if name in declared and name not in has]
    # One 'time' field may hold both ends ('Từ tháng 9/2025 đến tháng 5/2026').
    times = has & {"start", "end", "timing"}
    out += [name for name in ("start", "end") if name in declared and name not in has and "timing" not in has]
    if "timing" in declared and not times:
        out.append("timing")
    return out


def _item_fields(item: Item) -> set[str]:
    return {name for name in _ORDER if _present(item, name)}


def _task_fields(row: TaskRow) -> set[str]:
    return {name for name, span in row.fields.items() if _filled(span)}


class MissingField(Rule):
    code = "KC570"
    slug = "item-missing-field"
    category = "completeness"
    kind = "completeness.missing_field"
    severity = Severity.WARNING
    title = M(vi="Tiêu chí thiếu nội dung, người thực hiện hoặc thời gian", en="Item lacks work, owner or dates")
    doc = RuleDoc(
        what=M(vi="Mỗi tiêu chí cần cải tiến phải có đủ các mục mà chính kế hoạch dùng cho các tiêu chí khác "
                  "(nội dung công việc, giải pháp, người thực hiện, thời gian bắt đầu, hoàn thành) — dạng bảng "
                  "là các cột tiêu đề bảng khai báo. Dòng chỉ ghi trạng thái (\"Đã đạt Mức 2\") không phải "
                  "mục cải tiến.",
               en="Each improvement item carries every field the plan itself uses for its other items (work, "
                  "solution, responsible party, start, completion) — in a table, the columns its header "
                  "declares. Status lines (\"Đã đạt Mức 2\") are not improvement items."),
        why=M(vi="Thiếu giải pháp, người chịu trách nhiệm hay thời hạn thì tiêu chí đó không được thực hiện "
                 "và không kiểm tra được (Công văn 5932, 5942/BGDĐT-QLCL).",
              en="Without a solution, an owner or a deadline the item is neither done nor checkable "
                 "(guidance 5932/5942/BGDĐT-QLCL)."),
        fix=M(vi="Bổ sung mục còn thiếu cho tiêu chí, ví dụ \"Thời gian hoàn thành: Tháng 5/2026\".",
              en="Add the missing field, e.g. \"Thời gian hoàn thành: Tháng 5/2026\"."),
        fail_example=_HEAD + _item("1.1") + _item("1.2", end=False) + _item("1.3"),
        pass_example=_HEAD + _item("1.1") + _item("1.2") + _item("1.3"),
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        real = [i for i in plan.items if not i.target_is_status]
        for group in _siblings(real).values():
            table = group[0].layout == "table"
            offered = set(_NAMES) & set(group[0].columns.values()) if table else set(_NAMES)
            declared = _declared([_item_fields(i) for i in group], offered, header=table)
            for item in group:
                if missing := _missing(_item_fields(item), declared):
                    yield self._report(plan, item, missing, declared)
        yield from self._task_rows(plan)

    def _task_rows(self, plan: Plan) -> Iterator[Finding]:
        """Rows of task tables against the rows under the same header; a row without its work is KC572's."""
        groups: dict[tuple[str, ...], list[TaskRow]] = {}
        for row in plan.tasks:
            groups.setdefault(tuple(row.declared_columns), []).append(row)
        for rows in groups.values():
            offered = (set(_NAMES) - set(_PARTNER)) & set(rows[0].columns.values())
            declared = _declared([_task_fields(r) for r in rows], offered, header=True)
            for row in rows:
                has = _task_fields(row)
                work = row.fields.get("tasks") or row.fields.get("solutions")
                if work is None or not (missing := _missing(has, declared)):
                    continue
                names_vi = ", ".join(_NAMES[n][0] for n in missing)
                names_en = ", ".join(_NAMES[n][1] for n in missing)
                yield self.finding(
                    work,
                    M(vi=f"Công việc \"{clean(work.text)[:60]}\" thiếu: {names_vi} (các hàng khác của bảng đều "
                         "ghi mục này).",
                      en=f"The task \"{clean(work.text)[:60]}\" lacks: {names_en} (the table's other rows all "
                         "have it)."),
                    suggestion=M(vi=f"Bổ sung {names_vi} cho công việc này.", en=f"Add the {names_en} of this task."),
                )

    def _report(self, plan: Plan, item: Item, missing: list[str], declared: set[str]) -> Finding:
        crit = item.criterion
        names_vi = ", ".join(_NAMES[n][0] for n in missing)
        names_en = ", ".join(_NAMES[n][1] for n in missing)
        nothing = not any(_present(item, n) for n in _ORDER)
        anchor: Span = item.heading
        if item.layout == "paragraph" and not all(n in missing for n in declared):
            anchor = _where_missing(plan, item, missing[0])
        if item.layout == "table":
            # A cell merged with the one above reads empty too: say so rather than stay silent.
            where_vi = "ô trống ở cột bảng khai báo; nếu ô được gộp với hàng trên, ghi rõ cho từng tiêu chí"
            where_en = "an empty cell of a declared column; if merged with the row above, state it per item"
        else:
            where_vi = "các tiêu chí khác của kế hoạch đều ghi mục này"
            where_en = "the plan's other items all have it"
        return self.finding(
            anchor,
            M(vi=f"Tiêu chí {crit} thiếu: {names_vi} ({where_vi}).",
              en=f"Criterion {crit} lacks: {names_en} ({where_en})."),
            suggestion=M(vi=f"Bổ sung {names_vi} cho tiêu chí {crit}.", en=f"Add the {names_en} of criterion {crit}."),
            # A heading with nothing under it may just name the criterion in passing.
            severity=Severity.INFO if nothing else None,
        )


class ColumnShift(Rule):
    code = "KC571"
    slug = "table-column-shift"
    category = "completeness"
    kind = "completeness.column_shift"
    severity = Severity.ERROR
    title = M(vi="Hàng bảng bị lệch cột", en="Table row shifted across columns")
    doc = RuleDoc(
        what=M(vi="Trong bảng kế hoạch, nội dung một ô không hợp với cột của nó: cột chủ trì ghi thời gian "
                  "(\"Trong năm học\"), cột thời gian ghi kinh phí (\"1 triệu/tháng\")… — các ô đã bị dồn sang "
                  "cột bên cạnh. Hai dấu hiệu cùng lúc là lỗi, một dấu hiệu là cảnh báo.",
               en="In a plan table a cell holds the wrong kind of content for its column: the responsible "
                  "column a time (\"Trong năm học\"), the time column a cost (\"1 triệu/tháng\")… — the cells "
                  "slid into the next column. Two signs together are an error, one a warning."),
        why=M(vi="Lệch cột làm mất thông tin thật: tiêu chí không có người chịu trách nhiệm, thời hạn là một "
                 "số tiền.",
              en="A shifted row loses real information: nobody is responsible, the deadline is an amount."),
        fix=M(vi="Đưa từng nội dung về đúng cột và điền ô còn thiếu (thường là người chủ trì).",
              en="Move each value to its column and fill the cell left empty (usually the responsible party)."),
        fail_example=_HEAD + _TABLE_HEAD
        + "1\tTiêu chí 1.10\tGiữ vững Mức 2\tPhối hợp địa phương\tTrong năm học\t2 triệu /tháng\t\n",
        pass_example=_HEAD + _TABLE_HEAD
        + "1\tTiêu chí 1.10\tGiữ vững Mức 2\tPhối hợp địa phương\tHiệu trưởng\tTrong năm học\t2 triệu /tháng\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        for item in plan.items:
            if item.layout != "table" or not item.cells:
                continue
            columns = item.columns
            cell = {name: clean(item.cells[c].text) for c, name in columns.items() if c < len(item.cells)}
            signs_vi: list[str] = []
            signs_en: list[str] = []
            who = cell.get("responsible", "")
            if who and is_time(who):
                signs_vi.append(f"cột chủ trì ghi thời gian \"{who}\"")
                signs_en.append(f"the responsible column holds a time \"{who}\"")
            for name in ("timing", "start", "end"):
                when = cell.get(name, "")
                if when and is_money(when) and not is_time(when):
                    signs_vi.append(f"cột thời gian ghi kinh phí \"{when}\"")
                    signs_en.append(f"the time column holds a cost \"{when}\"")
            work = cell.get("tasks") or cell.get("solutions") or ""
            if work and (is_time(work) or (is_money(work) and len(work) < 30)):
                signs_vi.append(f"cột công việc ghi \"{work}\"")
                signs_en.append(f"the work column holds \"{work}\"")
            if not signs_vi:
                continue
            # Quote from the work column on: the cells that slid, as the row reads them.
            first = min((c for c, n in columns.items() if n in ("tasks", "solutions")), default=0)
            values = [c.text.strip() for c in item.cells[first:] if clean(c.text)]
            yield self.finding(
                item.heading,
                M(vi=f"Tiêu chí {item.criterion}: hàng bị lệch cột — " + "; ".join(signs_vi) + ".",
                  en=f"Criterion {item.criterion}: the row is shifted — " + "; ".join(signs_en) + "."),
                suggestion=M(vi="Đưa nội dung về đúng cột; ghi người chủ trì vào cột \"Chủ trì và phối hợp\".",
                             en="Move the values back to their columns; put the responsible party in its column."),
                severity=Severity.ERROR if len(signs_vi) > 1 else Severity.WARNING,
                evidence="\t".join(values),
            )


def _month_groups(rows: list[ScheduleRow]) -> list[list[ScheduleRow]]:
    """Rows grouped under the row that names their month (an empty month cell continues the month above)."""
    groups: list[list[ScheduleRow]] = []
    for row in rows:
        first_cell = row.span.text.split("\t", 1)[0].strip()
        if first_cell or not groups:
            groups.append([row])
        else:
            groups[-1].append(row)
    return groups


class EmptyScheduleRow(Rule):
    code = "KC572"
    slug = "schedule-empty-row"
    category = "completeness"
    kind = "completeness.empty_row"
    severity = Severity.WARNING
    title = M(vi="Hàng lịch trình có tuần nhưng không có công việc", en="Schedule row with a week but no task")
    doc = RuleDoc(
        what=M(vi="Trong bảng lịch (Tháng | Nội dung | Tuần), một hàng ghi tuần (\"Tuần 3\") nhưng ô nội dung "
                  "trống. Quy tắc trích hàng ghi tên tháng đó và nêu tuần bị trống.",
               en="In a schedule table (month | task | week) a row names a week (\"Tuần 3\") but its task cell is "
                  "empty. The finding quotes the row naming that month and lists the empty weeks."),
        why=M(vi="Tuần có lịch mà không có việc: nội dung đã bị xoá hoặc chép thiếu.",
              en="A scheduled week without a task: the task was deleted or lost in copying."),
        fix=M(vi="Ghi công việc của tuần đó, hoặc xoá hàng thừa.", en="Write that week's task, or delete the row."),
        fail_example=_HEAD + "Tháng\tNội dung\tMốc thời gian\n12\t- Đánh giá trẻ cuối học kỳ I.\tTuần 1\n"
        "\t\tTuần 3\n1\t- Họp phụ huynh.\tTuần 2\n",
        pass_example=_HEAD + "Tháng\tNội dung\tMốc thời gian\n12\t- Đánh giá trẻ cuối học kỳ I.\tTuần 1\n"
        "\t- Tổng kết học kỳ I.\tTuần 3\n1\t- Họp phụ huynh.\tTuần 2\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        for group in _month_groups(plan.schedule):
            empty = [r for r in group if r.task is None and r.when is not None]
            if not empty:
                continue
            weeks = ", ".join(f"\"{r.when.text}\"" for r in empty if r.when)
            month = group[0].month_text or "?"
            yield self.finding(
                group[0].span,
                M(vi=f"Tháng {month}: hàng ghi {weeks} nhưng không có nội dung công việc.",
                  en=f"Month {month}: the row for {weeks} has no task."),
                suggestion=M(vi="Ghi công việc của tuần đó, hoặc xoá hàng thừa.",
                             en="Write that week's task, or delete the row."),
            )
