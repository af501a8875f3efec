"""Completeness of improvement items and schedule rows: missing fields, shifted table columns, empty rows."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from kclint.engine import Context, Rule, RuleDoc, per_run
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


def _written_order(item: Item) -> list[str]:
    """The item's filled fields in the order the plan writes them."""
    names = [n for n in (*_ORDER, "budget") if _present(item, n)]
    return sorted(names, key=lambda n: _place(getattr(item, n)))


def _precedes(siblings: list[Item], name: str) -> set[str]:
    """The fields the plan writes before ``name`` in its items; empty when its items disagree on that order
    (a field both before and after ``name``) or none of them has ``name``."""
    before: set[str] = set()
    after: set[str] = set()
    for order in map(_written_order, siblings):
        if name in order:
            at = order.index(name)
            before.update(order[:at])
            after.update(order[at + 1:])
    return set() if before & after else before


def _where_missing(plan: Plan, item: Item, name: str, siblings: list[Item]) -> Span:
    """The line a paragraph item's missing field is judged at.

    The partner line when there is one; where the item stops when the plan's own order (its other items
    agree on it) puts the field after everything the item writes; else the heading: a field skipped inside
    the item, a line whose place the other items do not tell, or an order the plan does not keep.
    """
    partner = _PARTNER.get(name)
    if partner and _present(item, partner):
        return line_with(plan, getattr(item, partner))
    written = _written_order(item)
    if written and set(written) <= _precedes(siblings, name):
        return line_with(plan, getattr(item, written[-1]))
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
                if id(item) in shifted_rows(plan):
                    continue  # KC571 reports the row: its fields are there, in the wrong columns
                if missing := _missing(_item_fields(item), declared):
                    yield self._report(plan, item, missing, declared, group)
        yield from self._task_rows(plan)

    def _task_rows(self, plan: Plan) -> Iterator[Finding]:
        """Rows of task tables against the rows under the same header, schedule lines against the lines of
        their run (only the party: a line has its time and task by definition); a row without its work is
        KC572's."""
        groups: dict[tuple[object, ...], list[TaskRow]] = {}
        for row in plan.tasks:
            key = ("line", row.run) if row.layout == "line" else ("table", *row.declared_columns)
            groups.setdefault(key, []).append(row)
        for rows in groups.values():
            lines = rows[0].layout == "line"
            offered = {"responsible"} if lines else (set(_NAMES) - set(_PARTNER)) & set(rows[0].columns.values())
            declared = _declared([_task_fields(r) for r in rows], offered, header=not lines)
            for row in rows:
                has = _task_fields(row)
                work = row.fields.get("tasks") or row.fields.get("solutions")
                if work is None or id(row) in shifted_rows(plan) or not (missing := _missing(has, declared)):
                    continue
                names_vi = ", ".join(_NAMES[n][0] for n in missing)
                names_en = ", ".join(_NAMES[n][1] for n in missing)
                others_vi, others_en = ("dòng khác của lịch", "schedule's other lines") if lines else \
                    ("hàng khác của bảng", "table's other rows")
                yield self.finding(
                    row.span if lines else work,
                    M(vi=f"Công việc \"{clean(work.text)[:60]}\" thiếu: {names_vi} (các {others_vi} đều "
                         "ghi mục này).",
                      en=f"The task \"{clean(work.text)[:60]}\" lacks: {names_en} (the {others_en} all "
                         "have it)."),
                    suggestion=M(vi=f"Bổ sung {names_vi} cho công việc này.", en=f"Add the {names_en} of this task."),
                )

    def _report(
        self, plan: Plan, item: Item, missing: list[str], declared: set[str], siblings: list[Item]
    ) -> Finding:
        crit = item.criterion
        names_vi = ", ".join(_NAMES[n][0] for n in missing)
        names_en = ", ".join(_NAMES[n][1] for n in missing)
        nothing = not any(_present(item, n) for n in _ORDER)
        anchor: Span = item.heading
        if item.layout == "paragraph" and not all(n in missing for n in declared):
            anchor = _where_missing(plan, item, missing[0], siblings)
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


# What a cell holds, as far as its column is concerned.
_AMOUNT = re.compile(r"^\d{1,9}(?:[.,]\d{1,3})*$")


def _kind_of(text: str) -> str:
    t = clean(text).strip(" .;,")
    if not t:
        return "empty"
    if is_time(t):
        return "time"
    if is_money(t) or _AMOUNT.match(t):
        return "amount"
    return "text"


# What a column may hold by the field its header names, before the table's own rows say more.
_PRIOR: dict[str, frozenset[str]] = {
    **{n: frozenset({"text"}) for n in ("tasks", "solutions", "responsible", "support", "criterion")},
    **{n: frozenset({"time"}) for n in ("timing", "start", "end")},
    "budget": frozenset({"amount", "text"}),
}
# A column's kind is learned from the table's rows when it has this many and this share of them agree.
_LEARN_ROWS = 4
_LEARN_SHARE = 0.75


def _allowed(rows: list[list[Span]], columns: dict[int, str]) -> dict[int, frozenset[str]]:
    """Column -> the kinds of content it may hold: what its field allows, and what most rows under the header
    write there (a column most rows leave empty is optional: empty, or what its field allows)."""
    width = max(len(r) for r in rows)
    out: dict[int, frozenset[str]] = {}
    for c in range(width):
        prior = _PRIOR.get(columns.get(c, ""))
        kinds = Counter(_kind_of(r[c].text) if c < len(r) else "empty" for r in rows)
        kind, n = kinds.most_common(1)[0]
        if len(rows) >= _LEARN_ROWS and n >= _LEARN_SHARE * len(rows):
            out[c] = frozenset({kind, "empty"}) | (prior or frozenset())
        elif prior is not None:
            out[c] = prior | {"empty"}
    return out


def _shift_signs(cells: list[Span], allowed: dict[int, frozenset[str]]) -> list[tuple[int, str]]:
    """The cells of a row (column, kind) whose content does not fit their column but fits the next one or
    the one before: the row slid sideways (or two cells swapped)."""
    signs: list[tuple[int, str]] = []
    for c, cell in enumerate(cells):
        kind = _kind_of(cell.text)
        fits = allowed.get(c)
        if kind == "empty" or fits is None or kind in fits:
            continue
        if any(kind in allowed.get(n, ()) for n in (c - 1, c + 1)):
            signs.append((c, kind))
    return signs


def _shift_verdict(signs: list[tuple[int, str]]) -> Severity | None:
    """Two misplaced cells are a shifted row; one date or amount in a wrong column a warning; one text
    (a note in an optional column) nothing."""
    if len(signs) >= 2:
        return Severity.ERROR
    if signs and signs[0][1] in ("time", "amount"):
        return Severity.WARNING
    return None


@per_run
def shifted_rows(plan: Plan) -> dict[int, tuple[Severity, list[tuple[int, str]]]]:
    """id(item or task row) -> how sure and which cells are out of their columns, for every table row."""
    out: dict[int, tuple[Severity, list[tuple[int, str]]]] = {}
    tables: dict[tuple[object, ...], list[Item | TaskRow]] = {}
    for item in plan.items:
        if item.layout == "table" and item.cells:
            tables.setdefault(("item", item.heading.loc.block, *item.declared_columns), []).append(item)
    for row in plan.tasks:
        if row.cells:
            tables.setdefault(("task", row.span.loc.block, *row.declared_columns), []).append(row)
    for rows in tables.values():
        allowed = _allowed([r.cells for r in rows], rows[0].columns)
        for r in rows:
            signs = _shift_signs(r.cells, allowed)
            if (verdict := _shift_verdict(signs)) is not None:
                out[id(r)] = (verdict, signs)
    return out


def _column_name(header: list[str], c: int) -> str:
    return f"\"{header[c]}\"" if c < len(header) and header[c] else str(c + 1)


_KIND_WORDS = {"time": ("thời gian", "a time"), "amount": ("số tiền/số", "an amount"),
               "text": ("chữ", "text")}


class ColumnShift(Rule):
    code = "KC571"
    slug = "table-column-shift"
    category = "completeness"
    kind = "completeness.column_shift"
    severity = Severity.ERROR
    title = M(vi="Hàng bảng bị lệch cột", en="Table row shifted across columns")
    doc = RuleDoc(
        what=M(vi="Trong bảng kế hoạch, nội dung một ô không hợp với cột của nó mà hợp với cột bên cạnh: cột "
                  "chủ trì ghi thời gian (\"Trong năm học\"), cột thời gian ghi kinh phí (\"1 triệu/tháng\") "
                  "hay tên người… — các ô đã bị dồn sang cột bên cạnh. Loại nội dung của mỗi cột học từ các "
                  "hàng khác của bảng (cột tùy chọn để trống là được). Hai ô lệch là lỗi, một ô ghi ngày hay "
                  "số tiền lệch là cảnh báo.",
               en="In a plan table a cell holds the wrong kind of content for its column but the right kind "
                  "for the next one: the responsible column a time (\"Trong năm học\"), the time column a cost "
                  "(\"1 triệu/tháng\") or a person… — the cells slid into the next column. Each column's kind "
                  "is learned from the table's other rows (an optional column may stay empty). Two misplaced "
                  "cells are an error, one misplaced date or amount a warning."),
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
        shifted = shifted_rows(plan)
        rows: list[Item | TaskRow] = [i for i in plan.items if id(i) in shifted]
        rows += [r for r in plan.tasks if id(r) in shifted]
        for row in rows:
            severity, signs = shifted[id(row)]
            names = [_column_name(row.declared_columns, c) for c, _ in signs]
            signs_vi = [f"cột {name} ghi {_KIND_WORDS[k][0]} \"{clean(row.cells[c].text)}\""
                        for name, (c, k) in zip(names, signs, strict=True)]
            signs_en = [f"column {name} holds {_KIND_WORDS[k][1]} \"{clean(row.cells[c].text)}\""
                        for name, (c, k) in zip(names, signs, strict=True)]
            # Quote the row from its work column on (from the first misplaced cell's neighbour when it has
            # none): the cells that slid, as the row reads them, after what names the row.
            work = [c for c, n in row.columns.items() if n in _PARTNER]
            first = min(work) if work and min(work) < signs[0][0] else max(0, signs[0][0] - 1)
            values = [c.text.strip() for c in row.cells[first:] if clean(c.text)]
            if isinstance(row, Item):
                anchor, who_vi, who_en = row.heading, f"Tiêu chí {row.criterion}", f"Criterion {row.criterion}"
                values.insert(0, row.heading.text)
            else:
                anchor = row.fields.get("tasks") or row.fields.get("solutions") or row.cells[signs[0][0]]
                who_vi, who_en = f"Hàng \"{clean(anchor.text)[:50]}\"", f"Row \"{clean(anchor.text)[:50]}\""
            yield self.finding(
                anchor,
                M(vi=f"{who_vi}: hàng bị lệch cột — " + "; ".join(signs_vi) + ".",
                  en=f"{who_en}: the row is shifted — " + "; ".join(signs_en) + "."),
                suggestion=M(vi="Đưa nội dung về đúng cột của nó và điền ô còn trống.",
                             en="Move the values back to their columns and fill the cell left empty."),
                severity=severity,
                evidence="\t".join(values),
            )


def _has_work(row: TaskRow) -> bool:
    return any(_filled(row.fields.get(n)) for n in _PARTNER)


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
                  "trống: quy tắc trích hàng ghi tên tháng đó và nêu tuần bị trống. Trong bảng công việc khác "
                  "(Thời gian | Nội dung | Người thực hiện, mọi thứ tự cột), một hàng ghi thời gian của riêng nó "
                  "mà không có công việc trong khi các hàng khác đều có. Hàng tiêu đề giai đoạn, năm học và hàng "
                  "nối tiếp ô gộp không phải hàng trống.",
               en="In a schedule table (month | task | week) a row names a week (\"Tuần 3\") but its task cell is "
                  "empty: the finding quotes the row naming that month and lists the empty weeks. In another "
                  "task table (time | task | who, any column order) a row gives its own time but no task while "
                  "the other rows all have one. Phase and school-year headings and rows continuing a merged "
                  "cell are not empty rows."),
        why=M(vi="Tuần có lịch mà không có việc: nội dung đã bị xoá hoặc chép thiếu.",
              en="A scheduled week without a task: the task was deleted or lost in copying."),
        fix=M(vi="Ghi công việc của tuần đó, hoặc xoá hàng thừa.", en="Write that week's task, or delete the row."),
        fail_example=_HEAD + "Tháng\tNội dung\tMốc thời gian\n12\t- Đánh giá trẻ cuối học kỳ I.\tTuần 1\n"
        "\t\tTuần 3\n1\t- Họp phụ huynh.\tTuần 2\n",
        pass_example=_HEAD + "Tháng\tNội dung\tMốc thời gian\n12\t- Đánh giá trẻ cuối học kỳ I.\tTuần 1\n"
        "\t- Tổng kết học kỳ I.\tTuần 3\n1\t- Họp phụ huynh.\tTuần 2\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        yield from self._month_rows(plan)
        yield from self._task_rows(plan)

    def _task_rows(self, plan: Plan) -> Iterator[Finding]:
        """Rows of a task table that give their own time but no work, where the table's other rows have work.

        A row whose time comes from a heading or a merged cell above continues that row: not a row of its own.
        """
        months = {r.span.loc.block for r in plan.schedule}  # a month schedule is judged by its months
        tables: dict[tuple[object, ...], list[TaskRow]] = {}
        for row in plan.tasks:
            if row.span.loc.block not in months:
                tables.setdefault((row.span.loc.block, *row.declared_columns), []).append(row)
        for rows in tables.values():
            worked = [r for r in rows if _has_work(r)]
            if len(worked) < 2 or len(worked) < _SIBLING_SHARE * len(rows):
                continue
            for row in rows:
                when = next((row.fields[n] for n in ("timing", "start", "end") if n in row.fields), None)
                if _has_work(row) or when is None or when.loc.row != row.span.loc.row:
                    continue
                others = [clean(x.text) for n, x in row.fields.items() if x is not when]
                said_vi = f" (chỉ ghi {', '.join(others)})" if others else ""
                said_en = f" (it only says {', '.join(others)})" if others else ""
                yield self.finding(
                    when,
                    M(vi=f"Hàng \"{clean(when.text)}\" không có nội dung công việc{said_vi}; các hàng khác của "
                         "bảng đều ghi công việc.",
                      en=f"The row \"{clean(when.text)}\" has no task{said_en}; the table's other rows all do."),
                    suggestion=M(vi="Ghi công việc của khoảng thời gian đó, hoặc xoá hàng thừa.",
                                 en="Write the task of that period, or delete the row."),
                )

    def _month_rows(self, plan: Plan) -> Iterator[Finding]:
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
