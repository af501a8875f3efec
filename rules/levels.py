"""Target levels (Mức) of improvement items: missing targets, current level contradicted by the results table."""

from __future__ import annotations

from collections.abc import Iterator

from kclint.engine import Context, Rule, RuleDoc
from kclint.model import CriterionRef, Finding, LevelFact, ListedCountFact, Plan, PlanKind, Severity, Span
from kclint.model import Message as M
from kclint.rules._catalog_helpers import top_section


class MissingTarget(Rule):
    code = "KC201"
    slug = "missing-target-level"
    category = "level"
    kind = "level.missing_target"
    severity = Severity.ERROR
    title = M(vi="Tiêu chí không có mức cần đạt", en="Criterion without a target level")
    doc = RuleDoc(
        what=M(
            vi="Mỗi tiêu chí trong kế hoạch cải tiến phải nêu mức cần đạt (\"Giữ vững Mức 3\", \"Đạt Mức 2\"). "
               "Quy tắc báo khi ô/dòng \"Mục tiêu cần đạt\" trống, thiếu, hoặc chỉ mô tả hạn chế hiện tại. Khi "
               "bảng có dòng nhóm \"Mức 2\" phía trên, mức được hiểu ngầm theo dòng nhóm và chỉ báo ở mức cảnh báo. "
               "Tiêu chí viết thành đoạn văn (\"Đối với tiêu chí 3.1 ...\") hoặc dòng bảng kế hoạch mà không nêu "
               "mức, trong khi ít nhất hai tiêu chí viết cùng cách bên cạnh có nêu, được báo ở mức cảnh báo.",
            en="Every criterion of an improvement plan must state the level to reach (\"Giữ vững Mức 3\"). The "
               "rule reports a missing or empty target, or a target cell that describes the current weakness. "
               "When a group row such as \"Mức 2\" precedes the item, the level is inherited and the finding is "
               "a warning. A criterion written as a paragraph ('Đối với tiêu chí 3.1 ...') or a plan-table row with no "
               "level, beside at least two written the same way that state theirs, is a warning.",
        ),
        why=M(vi="Không có mức cần đạt thì không đánh giá được kế hoạch có hoàn thành hay không.",
              en="Without a target level nobody can tell whether the plan succeeded."),
        fix=M(vi="Ghi rõ mức, ví dụ \"Giữ vững Mức 2\" hoặc \"Đạt Mức 3\"; chuyển phần mô tả hạn chế sang cột "
                 "hạn chế/giải pháp.",
              en="Write the level, e.g. \"Giữ vững Mức 2\"; move the description of the weakness elsewhere."),
        fail_example="""KẾ HOẠCH
Cải tiến chất lượng giáo dục năm học 2025-2026

Tiêu chí 2.1: Đối với hiệu trưởng, phó hiệu trưởng

Mục tiêu cần đạt: Cán bộ quản lý còn ít kinh nghiệm.

Giải pháp thực hiện: Cử tham gia lớp bồi dưỡng.
""",
        pass_example="""KẾ HOẠCH
Cải tiến chất lượng giáo dục năm học 2025-2026

Tiêu chí 2.1: Đối với hiệu trưởng, phó hiệu trưởng

Mục tiêu cần đạt: Giữ vững Mức 3

Giải pháp thực hiện: Cử tham gia lớp bồi dưỡng.
""",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        if plan.kind != PlanKind.IMPROVEMENT:
            return
        for item in plan.items:
            if item.target_is_status:
                continue
            own_level = item.target_level if not item.target_inherited else None
            if own_level is not None:
                continue
            crit = item.criterion
            if item.target is None or not item.target.text.strip():
                if item.target_inherited:
                    continue  # an empty cell under a 'Mức N' group row is the table's convention
                if item.layout == "paragraph" and not (item.tasks or item.solutions):
                    continue  # a bare heading: the completeness rules report what is missing
                yield self.finding(
                    item.heading,
                    M(vi=f"Tiêu chí {crit} không nêu mức cần đạt.", en=f"Criterion {crit} states no target level."),
                    suggestion=M(vi="Thêm dòng \"Mục tiêu cần đạt: Giữ vững Mức …\" hoặc \"Đạt Mức …\".",
                                 en="Add \"Mục tiêu cần đạt: Giữ vững Mức …\" (or \"Đạt Mức …\")."),
                )
            elif item.target_inherited:
                yield self.finding(
                    item.target,
                    M(vi=f"Ô \"kết quả cần đạt\" của tiêu chí {crit} mô tả hiện trạng, không nêu mức; mức chỉ "
                         f"suy ra được từ dòng nhóm \"Mức {item.target_level}\" của bảng.",
                      en=f"The target cell of criterion {crit} describes the current state and names no level; "
                         f"the level can only be inferred from the table's group row \"Mức {item.target_level}\"."),
                    suggestion=M(vi=f"Ghi rõ \"Đạt Mức {item.target_level}\" (hoặc \"Giữ vững Mức …\") trong ô; "
                                    "chuyển mô tả hạn chế sang cột công việc/giải pháp.",
                                 en=f"Write \"Đạt Mức {item.target_level}\" in the cell; move the weakness to "
                                    "the tasks column."),
                    severity=Severity.WARNING,
                )
            else:
                yield self.finding(
                    item.target,
                    M(vi=f"Mục tiêu của tiêu chí {crit} không nêu mức cần đạt (Mức 1, 2 hoặc 3).",
                      en=f"The target of criterion {crit} names no level (Mức 1, 2 or 3)."),
                    suggestion=M(vi="Viết ví dụ \"Giữ vững Mức 2\" hoặc \"Đạt Mức 3\".",
                                 en="Write e.g. \"Giữ vững Mức 2\" or \"Đạt Mức 3\"."),
                )
        for ref in _untargeted_units(plan):
            yield self.finding(
                ref.span,
                M(vi=f"Tiêu chí {ref.criterion} không nêu mức cần đạt, trong khi các tiêu chí viết cùng cách bên "
                     "cạnh đều nêu.",
                  en=f"Criterion {ref.criterion} states no target level, while the criteria written beside it "
                     "do."),
                suggestion=M(vi="Thêm mức cần đạt, ví dụ \"Mục tiêu là giữ vững Mức 2\" hoặc \"Đạt Mức 3\".",
                             en="Add the target, e.g. \"Mục tiêu là giữ vững Mức 2\" or \"Đạt Mức 3\"."),
                severity=Severity.WARNING,
            )


# A paragraph written as an item opens on its criterion: 'Đối với tiêu chí 3.1 (...)', 'Về tiêu chí 3.1', 'Tiêu chí
# 3.1 ...'; a reference further in is a mention.
_OPENING = 12
_ROW_FIELDS = ("tasks", "solutions", "criterion")
_MIN_SIBLINGS = 2


def _unit(ref: CriterionRef | LevelFact) -> tuple[int | None, ...]:
    loc = ref.span.loc
    return (loc.block, loc.table, loc.row) if loc.table is not None else (loc.block, loc.line)


def _untargeted_units(plan: Plan) -> Iterator[CriterionRef]:
    """Criteria written as prose paragraphs or plan-table rows with no target, among siblings that state one.

    Outside labelled items a plan may write one criterion's plan per paragraph ('Đối với tiêu chí 3.1 ...') or per
    schedule row; such units never say 'this is the target' by a label, so a unit without a target level is only
    reported when at least two units of its table or section, written the same way, state theirs. A criterion
    an item with fields covers is the item check's.
    """
    # An item with fields is judged as an item; a bare heading ('Tiêu chí 1.5 (...) đã đạt Mức 2. Nhà trường ...')
    # is a paragraph like any other.
    judged = {i.criterion for i in plan.items if i.layout == "table" or i.target or i.tasks or i.solutions}
    targeted = {_unit(f) for f in plan.facts.levels if f.role == "target"}
    units: dict[tuple[int | None, ...], list[CriterionRef]] = {}
    for ref in plan.facts.criteria:
        loc = ref.span.loc
        if loc.table is not None and ref.field not in _ROW_FIELDS:
            continue
        if loc.table is None and ref.offset > _OPENING and _unit(ref) not in units:
            continue  # a paragraph that mentions a criterion further in is not written as its item
        units.setdefault(_unit(ref), []).append(ref)
    groups: dict[tuple[object, ...], list[tuple[tuple[int | None, ...], CriterionRef]]] = {}
    for key, refs in units.items():
        if len({r.criterion for r in refs}) != 1:
            continue  # a unit about several criteria: which one lacks a target is not for us to say
        loc = refs[0].span.loc
        group = ("table", loc.block, loc.table) if loc.table is not None else ("text", top_section(loc.section))
        groups.setdefault(group, []).append((key, refs[0]))
    for members in groups.values():
        if sum(key in targeted for key, _ in members) < _MIN_SIBLINGS:
            continue
        yield from (ref for key, ref in members if key not in targeted and ref.criterion not in judged)


class InconsistentCurrent(Rule):
    code = "KC202"
    slug = "current-level-contradicts-results"
    category = "level"
    kind = "level.inconsistent_current"
    severity = Severity.ERROR
    title = M(vi="Mức hiện tại mâu thuẫn với bảng kết quả tự đánh giá",
              en="Current level contradicts the self-assessment table")
    doc = RuleDoc(
        what=M(vi="So mức \"đã đạt\" mà kế hoạch ghi cho từng tiêu chí với bảng kết quả tự đánh giá trong cùng "
                  "kế hoạch.",
               en="Compares the level a plan says a criterion has reached with the plan's own self-assessment "
                  "results table."),
        why=M(vi="Hai con số khác nhau trong cùng văn bản khiến đoàn kiểm tra không biết tin số nào.",
              en="Two different levels in one document leave reviewers unable to trust either."),
        fix=M(vi="Sửa cho khớp với bảng kết quả (hoặc sửa bảng nếu bảng sai).",
              en="Make the statement match the results table (or fix the table)."),
        fail_example="""KẾ HOẠCH
Cải tiến chất lượng nhà trường năm học 2025-2026

2. Kết quả tự đánh giá

\tTiêu chí\tKhông đạt\tMức 1\tMức 2\tMức 3
\tTiêu chí 4.1\t\tX\tX\tX
\tTiêu chí 4.2\t\tX\tX\t

III. NỘI DUNG

4.1. Tiêu chí 4.1: Ban đại diện cha mẹ học sinh: Trường đã đạt Mức 2
""",
        pass_example="""KẾ HOẠCH
Cải tiến chất lượng nhà trường năm học 2025-2026

2. Kết quả tự đánh giá

\tTiêu chí\tKhông đạt\tMức 1\tMức 2\tMức 3
\tTiêu chí 4.1\t\tX\tX\tX
\tTiêu chí 4.2\t\tX\tX\t

III. NỘI DUNG

4.1. Tiêu chí 4.1: Ban đại diện cha mẹ học sinh: Trường đã đạt Mức 3
""",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        table = {row.criterion: row for row in plan.assessment}
        stated: list[tuple[str, int, Span]] = []
        for item in plan.items:
            if item.current_level is not None and item.current is not None:
                stated.append((item.criterion, item.current_level, item.heading))
        # A level reached said elsewhere: a 'Thực trạng: Mức 3' bullet, a prose sentence, a schedule row.
        by_item = {crit for crit, _, _ in stated}
        stated += [(f.criterion, f.level, f.span) for f in plan.facts.levels
                   if f.role == "current" and f.criterion not in by_item]
        lists = [x for x in plan.facts.listed if x.criteria and x.level is not None]
        for crit, level, span in stated:
            row = table.get(crit)
            if row is not None:
                if not row.failed and level != row.level:
                    yield self._contradiction(span, crit, level, f"bảng kết quả tự đánh giá đánh dấu Mức {row.level}",
                                              f"the self-assessment table marks Mức {row.level}", row.level)
                continue
            yield from self._against_lists(ctx, lists, crit, level, span)

    def _against_lists(self, ctx: Context, lists: list[ListedCountFact], crit: str, level: int,
                       span: Span) -> Iterator[Finding]:
        """A stated level against the plan's lists of criteria that have or have not reached a level
        ('Có 04 tiêu chí chưa đạt Mức 3, gồm 2.2, 3.1, ...'): listed as not reaching Mức M yet said to be at M
        or above; or, absent from a list of its standard's criteria not reaching Mức M although it defines M,
        said to be below M (a warning: the list may cover only part of the plan)."""
        criterion = ctx.criteria.criterion(crit) if ctx.criteria else None
        for listed in lists:
            m = listed.level or 0
            quote = listed.span.text[:80]
            if crit in listed.criteria and (level >= m if not listed.achieved else level < m):
                reached_vi, reached_en = ("chưa đạt", "not reaching") if not listed.achieved else ("đạt", "reaching")
                yield self._contradiction(span, crit, level, f"kế hoạch liệt kê tiêu chí này trong số các tiêu chí "
                                          f"{reached_vi} Mức {m} (\"{quote}\")", f"the plan lists it among the "
                                          f"criteria {reached_en} Mức {m} (\"{quote}\")", None)
                return
            standards = {c.split(".")[0] for c in listed.criteria}
            if (not listed.achieved and crit not in listed.criteria and crit.split(".")[0] in standards
                    and level < m and criterion is not None and criterion.has_level(m)):
                yield self._contradiction(span, crit, level, f"tiêu chí không có trong danh sách các tiêu chí chưa "
                                          f"đạt Mức {m} (\"{quote}\"), tức là đã đạt Mức {m}", f"it is not in the "
                                          f"list of criteria not reaching Mức {m} (\"{quote}\"), so it is at Mức "
                                          f"{m}", m, Severity.WARNING)
                return

    def _contradiction(self, span: Span, crit: str, level: int, vi: str, en: str, right: int | None,
                       severity: Severity | None = None) -> Finding:
        fix_vi = f"\"đã đạt Mức {right}\" nếu {'bảng' if severity is None else 'danh sách'} đúng" if right else \
            "sửa mức hoặc danh sách cho khớp"
        fix_en = f"\"đã đạt Mức {right}\" if the {'table' if severity is None else 'list'} is right" if right else \
            "fix the level or the list"
        return self.finding(
            span,
            M(vi=f"Tiêu chí {crit} ghi đã đạt Mức {level}, nhưng {vi}.",
              en=f"Criterion {crit} is said to be at Mức {level}, but {en}."),
            suggestion=M(vi=f"Thống nhất một mức: {fix_vi}.", en=f"Use one level: {fix_en}."),
            severity=severity,
        )
