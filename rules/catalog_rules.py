"""Criteria and standards against the accreditation catalog of the plan's level and date.

Unknown criterion numbers, titles that differ from the circular, duplicated criteria,
standards with no criterion, criteria out of order or under the wrong standard. The
catalog version is ``ctx.criteria`` (TT 17/18/19/2018, as amended by TT 22/2024 from
25/01/2025); facts the research marks uncertain lower a finding to info.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterator

from kclint.catalog import (
    CriteriaVersion,
    Criterion,
    MismatchKind,
    TitleMatch,
    load_versions,
    title_matches,
    version_by_id,
)
from kclint.engine import Context, Rule, RuleDoc, per_run
from kclint.model import CriterionRef, Finding, Item, Location, Plan, PlanKind, Severity, Span, StandardRef
from kclint.model import Message as M
from kclint.plantext import LIST_MARK, clean
from kclint.rules._catalog_helpers import (
    Pos,
    Segment,
    criterion_key,
    criterion_label,
    criterion_severity,
    level_name,
    listed_criteria,
    longest_ordered,
    pos,
    section_lookup,
    segments,
    standard_label,
)
from kclint.textnorm import fold

_MN_2024 = """TRƯỜNG MẦM NON HOA MAI

Số: 12/KH-MNHM

Hoa Mai, ngày 20 tháng 9 năm 2024

KẾ HOẠCH
Cải tiến chất lượng giáo dục năm học 2024-2025

III. NỘI DUNG CẢI TIẾN

"""
_THCS_2024 = """TRƯỜNG THCS AN HÒA

Số: 31/KH-THCSAH

An Hòa, ngày 20 tháng 9 năm 2024

KẾ HOẠCH
Cải tiến chất lượng giáo dục năm học 2024-2025

III. NỘI DUNG CẢI TIẾN

"""


# A heading line may carry the item's first field after its title: 'Tiêu chí 1.1: Phương hướng … . Mục tiêu
# cần đạt: Giữ vững Mức 3'. The title ends where such a label starts.
_FIELD_LABEL = re.compile(
    r"[.;,]?\s*\b(?:mục\s+tiêu|kết\s+quả\s+cần\s+đạt|hạn\s+chế|điểm\s+yếu|tồn\s+tại|nội\s+dung|giải\s+pháp|"
    r"biện\s+pháp|người\s+thực\s+hiện|thời\s+gian)\b[^:]{0,40}:",
    re.IGNORECASE,
)


# Prose items may put the title in parentheses after the number and go on with the status: 'Tiêu chí 2.2
# (Đối với giáo viên) đang ở Mức 2. Nhà trường ...'; the parenthesis is the title.
_PAREN_TITLE = re.compile(r"^\s*\(\s*(?P<title>[^()]{3,200}?)\s*\)")


# A table of contents lists the criteria with their page: 'Tiêu chí 1.6: Quản lý tài sản. 18', 'Tiêu chí 2.1
# ........ 24', 'Tiêu chí 1.1 13'. No title of a circular ends in a number, so a trailing page number (after a
# dotted leader or a space, or standing alone) is no part of the title.
_PAGE_NUMBER = re.compile(r"(?:^|\s*[.…·_]{2,}\s*|\s+)[.…·_\s]*\d{1,3}\s*$")


def without_page_number(text: str) -> str:
    """A title as a table-of-contents line writes it, without its page number."""
    return _PAGE_NUMBER.sub("", text)


def _title_of(span: Span) -> Span:
    """The title part of a title span, without a field label, the sentence that follows it on the same line or
    a table of contents' page number."""
    p = _PAREN_TITLE.match(span.text)
    if p:
        return span.model_copy(update={"text": p["title"]})
    m = _FIELD_LABEL.search(span.text)
    text = span.text[: m.start()].rstrip() if m and m.start() > 0 else span.text
    text = without_page_number(text)
    return span if text == span.text else span.model_copy(update={"text": text})


def version_label(version: CriteriaVersion) -> str:
    """'Thông tư 19/2018/TT-BGDĐT' (+ ', sửa đổi bởi 22/2024/TT-BGDĐT')."""
    label = f"Thông tư {version.circular}"
    return f"{label}, sửa đổi bởi {version.amended_by}" if version.amended_by else label


def _levels_of(version: CriteriaVersion, lang: str) -> str:
    return ", ".join(level_name(lv, lang) for lv in version.school_levels)


def _elsewhere(labels: tuple[str, ...], lang: str) -> str:
    """'Thông tư 19/2018/TT-BGDĐT (mầm non)' for the versions a written title belongs to."""
    seen: dict[str, str] = {}
    for vid in labels:
        v = version_by_id(vid)
        if v is not None:
            seen.setdefault(v.circular, f"Thông tư {v.circular} ({_levels_of(v, lang)})")
    return ", ".join(seen.values())


def _other_criterion(version: CriteriaVersion, criterion_id: str, written: str) -> Criterion | None:
    """Another criterion of the version whose title the written one is (a wrong number or a wrong title)."""
    for c in version.criteria:
        if c.id != criterion_id and title_matches(written, c.title, c.aliases, allow_truncation=False).matches:
            return c
    return None


def _title_finding(
    rule: Rule, span: Span, what: tuple[str, str], m: TitleMatch, version: CriteriaVersion, own_title: str,
    criterion: Criterion | None, other: Criterion | None,
) -> Finding:
    """One finding for a title that differs from the catalog, worded by the kind of difference.

    ``own_title`` is the version's title; ``m.compared_with`` the wording the verdict refers
    to (an alias for a typo, another level's title for other_level).
    """
    vi_what, en_what = what
    official = m.compared_with or own_title
    source = version_label(version)
    suggestion = M(vi=f"Viết \"{official}\".", en=f"Write \"{official}\".")
    severity = Severity.WARNING
    if m.kind == MismatchKind.TYPO:
        pairs_vi = ", ".join(f"\"{w}\" → \"{o}\"" for w, o in m.differences)
        msg = M(vi=f"{vi_what} viết sai chính tả ({pairs_vi}); theo {source}: \"{official}\".",
                en=f"{en_what} is misspelt ({pairs_vi}); {source} has \"{official}\".")
    elif m.kind == MismatchKind.OMISSION:
        also_vi = also_en = ""
        if m.others:
            also_vi = f" Tên viết thiếu trùng với tên trong {_elsewhere(m.others, 'vi')}."
            also_en = f" The shortened title is the one of {_elsewhere(m.others, 'en')}."
        msg = M(vi=f"{vi_what} thiếu phần \"{m.missing}\"; theo {source}: \"{official}\".{also_vi}",
                en=f"{en_what} leaves out \"{m.missing}\"; {source} has \"{official}\".{also_en}")
    elif m.kind == MismatchKind.OTHER_LEVEL:
        severity = Severity.ERROR
        official = own_title
        suggestion = M(vi=f"Viết \"{official}\".", en=f"Write \"{official}\".")
        msg = M(vi=f"{vi_what} là tên trong {_elsewhere(m.others, 'vi')}, không phải của {source} "
                   f"({_levels_of(version, 'vi')}): \"{official}\".",
                en=f"{en_what} is the title of {_elsewhere(m.others, 'en')}, not of {source} "
                   f"({_levels_of(version, 'en')}): \"{official}\".")
    elif m.kind == MismatchKind.OTHER_VERSION:
        severity = Severity.INFO
        official = own_title
        suggestion = M(vi=f"Viết \"{official}\".", en=f"Write \"{official}\".")
        msg = M(vi=f"{vi_what} theo văn bản trước khi sửa đổi; {source} ghi: \"{official}\".",
                en=f"{en_what} follows the text before its amendment; {source} has \"{official}\".")
    elif other is not None:
        severity = Severity.ERROR
        msg = M(vi=f"{vi_what} là tên của tiêu chí {other.id} (\"{other.title}\"): sai số tiêu chí hoặc sai "
                   f"tên; theo {source}: \"{official}\".",
                en=f"{en_what} is the title of criterion {other.id} (\"{other.title}\"): the number or the "
                   f"title is wrong; {source} has \"{official}\".")
        suggestion = M(vi=f"Viết \"{official}\", hoặc đổi số thành {other.id}.",
                       en=f"Write \"{official}\", or renumber it {other.id}.")
    else:
        # A title unlike any catalog wording may be a parsing artefact as much as an error.
        severity = Severity.INFO
        msg = M(vi=f"{vi_what} khác tên trong {source}: \"{official}\".",
                en=f"{en_what} differs from {source}: \"{official}\".")
    return rule.finding(span, msg, suggestion=suggestion,
                        severity=criterion_severity(severity, version, criterion, "title"))


# A circular named before a criterion in the same clause: 'theo Thông tư 17/2018, tiêu chí 2.5'.
_CIRCULAR_BEFORE = re.compile(r"(?:th[ôo]ng\s+t[ưu]|\bTT)\s*(?:s[ốo]\s*)?(?P<n>\d{1,3})(?:\s*/\s*(?P<y>\d{4}))?",
                              re.IGNORECASE)
# Words after 'Tiêu chuẩn 5:' that are not its title: its criteria ('tiêu chí 5.1 đến 5.6'), other numbers.
_NOT_A_TITLE = re.compile(r"tiêu\s+chí|tiêu\s+chuẩn|\d", re.IGNORECASE)
# How close to the official title unexplained wording after a standard's number must be to read as its title.
_TITLE_LIKE = 0.6
# A title written right after a criterion reference: 'TC 2.5 – Title', 'Tiêu chí 2.5: Title', '(Title; ...)'.
_TITLE_AFTER = re.compile(r"^\s*(?:[:.–—-]\s*|\(\s*)(?P<title>[^():;]{3,200})")


def _circular_key(text: str) -> tuple[str, str | None]:
    """('17', '2018') of '17/2018/TT-BGDĐT'."""
    m = _CIRCULAR_BEFORE.search("TT " + text)
    return (m["n"].lstrip("0"), m["y"]) if m else ("", None)


def _names_other_circular(before: str, version: CriteriaVersion) -> bool:
    """Whether the clause before a reference names a circular other than the plan's ('theo Thông tư 19, ...')."""
    clause = re.split(r"[.;!?]\s|\n", before)[-1]
    own = {_circular_key(version.circular)[0]} | ({_circular_key(version.amended_by)[0]} if version.amended_by
                                                   else set())
    return any(m["n"].lstrip("0") not in own for m in _CIRCULAR_BEFORE.finditer(clause))


def named_criteria(plan: Plan, version: CriteriaVersion) -> Iterator[tuple[CriterionRef, str]]:
    """Every criterion reference of ``plan.facts`` outside items' headings and citations that names a criterion
    of this plan (no other circular named before it in its clause), with the text of its line after it."""
    lines = {t.loc: t.text for t in plan.texts}
    skip = {i.heading.loc for i in plan.items} | {r.span.loc for r in plan.assessment}
    skip |= {c.span.loc for c in plan.citations}
    for ref in plan.facts.criteria:
        if ref.span.loc in skip:
            continue
        line = lines.get(ref.span.loc, "")
        if _names_other_circular(line[: ref.offset], version):
            continue
        yield ref, line[ref.offset + len(ref.span.text):]


def _place(loc: Location) -> tuple[int | None, int | None, int | None, int | None]:
    """Where a line or cell is, whatever section or criterion context its span carries."""
    return loc.block, loc.table, loc.row, loc.column


def named_standards(plan: Plan, version: CriteriaVersion) -> Iterator[tuple[StandardRef, str]]:
    """Every standard reference of ``plan.facts`` outside the standard headings and citations that names a
    standard of this plan, with the text of its line after it."""
    lines = {t.loc: t.text for t in plan.texts}
    skip = {_place(s.span.loc) for s in plan.standards} | {_place(c.span.loc) for c in plan.citations}
    for ref in plan.facts.standards:
        line = lines.get(ref.span.loc, "")
        if _place(ref.span.loc) in skip or _names_other_circular(line[: ref.offset], version):
            continue
        yield ref, line[ref.offset + len(ref.span.text):]


class UnknownCriterion(Rule):
    code = "KC401"
    slug = "unknown-criterion"
    category = "catalog"
    kind = "catalog.unknown_criterion"
    severity = Severity.ERROR
    title = M(vi="Tiêu chí/tiêu chuẩn không có trong thông tư", en="Criterion or standard not in the circular")
    doc = RuleDoc(
        what=M(vi="So số tiêu chí (\"Tiêu chí 5.6\") và số tiêu chuẩn của kế hoạch, bảng kết quả tự đánh giá "
                  "với thông tư kiểm định của cấp học và thời điểm ban hành kế hoạch (TT 19/2018 mầm non: 25 "
                  "tiêu chí; TT 17/2018 tiểu học: 27; TT 18/2018 THCS, THPT: 28).",
               en="Checks criterion numbers (\"Tiêu chí 5.6\") and standard numbers of the plan and of its "
                  "results table against the accreditation circular of the school level in force on the plan's "
                  "date (TT 19/2018 kindergarten: 25 criteria; TT 17/2018 primary: 27; TT 18/2018 secondary: 28)."),
        why=M(vi="Một tiêu chí không tồn tại thường là chép từ kế hoạch của cấp học khác hoặc gõ nhầm số; "
                 "đoàn đánh giá sẽ không đối chiếu được với minh chứng.",
              en="A criterion that does not exist is usually copied from another school level's plan or a "
                 "mistyped number; reviewers cannot match it to evidence."),
        fix=M(vi="Sửa số cho đúng danh mục tiêu chí của thông tư áp dụng cho trường.",
              en="Renumber it after the circular that applies to the school."),
        fail_example=_MN_2024 + "Tiêu chuẩn 5: Hoạt động và kết quả nuôi dưỡng, chăm sóc, giáo dục trẻ\n\n"
        "Tiêu chí 5.6: Kết quả giáo dục\n\nMục tiêu cần đạt: Giữ vững Mức 3\n",
        pass_example=_MN_2024 + "Tiêu chuẩn 5: Hoạt động và kết quả nuôi dưỡng, chăm sóc, giáo dục trẻ\n\n"
        "Tiêu chí 5.4: Kết quả giáo dục\n\nMục tiêu cần đạt: Giữ vững Mức 3\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        version = ctx.criteria
        if version is None:
            return
        spans = [(item.criterion, item.heading) for item in plan.items]
        spans += [(row.criterion, row.span) for row in plan.assessment]
        for criterion_id, span in spans:
            if version.criterion(criterion_id) is None:
                yield self._finding(version, span, criterion_id, ctx)
        seen: set[tuple[Location, str]] = set()
        for ref, _ in named_criteria(plan, version):
            if version.criterion(ref.criterion) is None and (ref.span.loc, ref.criterion) not in seen:
                seen.add((ref.span.loc, ref.criterion))
                yield self._finding(version, ref.span, ref.criterion, ctx, evidence=ref.span.text)
        standards = [(s.number, s.span, standard_label(s.span)) for s in plan.standards]
        standards += [(ref.number, ref.span, ref.span.text) for ref, _ in named_standards(plan, version)]
        reported: set[tuple[Location, int]] = set()
        for number, span, evidence in standards:
            if version.standard(number) is None and (span.loc, number) not in reported:
                reported.add((span.loc, number))
                n = len(version.standards)
                yield self.finding(
                    span,
                    M(vi=f"{version_label(version)} chỉ có {n} tiêu chuẩn; không có tiêu chuẩn {number}.",
                      en=f"{version_label(version)} has {n} standards; there is no standard {number}."),
                    suggestion=M(vi=f"Sửa số tiêu chuẩn (1–{n}).", en=f"Renumber the standard (1–{n})."),
                    evidence=evidence,
                    severity=criterion_severity(self.severity, version, None, "existence"),
                )

    def _finding(self, version: CriteriaVersion, span: Span, criterion_id: str, ctx: Context,
                 evidence: str | None = None) -> Finding:
        standard = version.standard(int(criterion_id.split(".")[0]))
        source = version_label(version)
        if standard is None:
            range_vi = f"chỉ có {len(version.standards)} tiêu chuẩn"
            range_en = f"has only {len(version.standards)} standards"
            fix_vi = fix_en = f"1.1–{len(version.standards)}.{len(version.standards[-1].criteria)}"
        else:
            last = standard.criteria[-1].id
            range_vi = f"tiêu chuẩn {standard.number} chỉ có các tiêu chí {standard.number}.1–{last}"
            range_en = f"standard {standard.number} only has criteria {standard.number}.1–{last}"
            fix_vi = fix_en = f"{standard.number}.1–{last}"
        elsewhere = [
            v for v in load_versions() if v.circular != version.circular and v.criterion(criterion_id) is not None
        ]
        note_vi = note_en = ""
        if elsewhere:
            other = elsewhere[0]
            note_vi = f" Tiêu chí {criterion_id} có trong Thông tư {other.circular} ({_levels_of(other, 'vi')})."
            note_en = f" Criterion {criterion_id} exists in Thông tư {other.circular} ({_levels_of(other, 'en')})."
        return self.finding(
            span,
            M(vi=f"Tiêu chí {criterion_id} không có trong {source} ({_levels_of(version, 'vi')}): {range_vi}."
                 f"{note_vi}",
              en=f"Criterion {criterion_id} is not in {source} ({_levels_of(version, 'en')}): {range_en}."
                 f"{note_en}"),
            suggestion=M(vi=f"Sửa số tiêu chí theo danh mục {fix_vi} của {source}.",
                         en=f"Use a criterion number of {source} ({fix_en})."),
            evidence=evidence or criterion_label(span),
            severity=criterion_severity(self.severity, version, None, "existence"),
        )


class CriterionTitleMismatch(Rule):
    code = "KC402"
    slug = "criterion-title-mismatch"
    category = "catalog"
    kind = "catalog.title_mismatch"
    severity = Severity.WARNING
    title = M(vi="Tên tiêu chí khác thông tư", en="Criterion title differs from the circular")
    doc = RuleDoc(
        what=M(vi="So tên tiêu chí viết trong kế hoạch với tên trong thông tư. Bỏ qua khác biệt về chữ hoa, dấu "
                  "câu, gạch nối, từ viết tắt (CSVC, GV), phần trong ngoặc và tên bị cắt ở cuối do ngắt trang. "
                  "Báo lỗi chính tả (\"Khởi phòng\"), tên bị thiếu một phần, tên của thông tư cấp học khác "
                  "(lỗi), tên của tiêu chí khác.",
               en="Compares criterion titles with the circular, ignoring case, punctuation, hyphens, "
                  "abbreviations (CSVC, GV), parentheticals and titles cut at a page break. Reports misspellings "
                  "(\"Khởi phòng\"), omissions, another school level's title (error) and another criterion's "
                  "title."),
        why=M(vi="Tên tiêu chí là trích dẫn văn bản pháp quy; sai tên làm hồ sơ kiểm định thiếu chính xác và "
                 "thường cho thấy kế hoạch được chép từ trường khác cấp học.",
              en="Criterion titles quote a legal text; a wrong title makes the accreditation file inaccurate and "
                 "often shows a plan copied from another school level."),
        fix=M(vi="Chép đúng tên tiêu chí từ thông tư (xem `kclint catalog`).",
              en="Copy the title from the circular (see `kclint catalog`)."),
        fail_example=_MN_2024 + "Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học\n\n"
        "Tiêu chí 3.4: Khởi phòng tổ chức ăn\n\nMục tiêu cần đạt: Giữ vững Mức 3\n",
        pass_example=_MN_2024 + "Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học\n\n"
        "Tiêu chí 3.3: Khối phòng hành chính quản trị\n\nMục tiêu cần đạt: Giữ vững Mức 3\n\n"
        "Tiêu chí 3.4: KHỐI PHÒNG TỔ CHỨC ĂN.\n\nMục tiêu cần đạt: Giữ vững Mức 3\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        version = ctx.criteria
        if version is None:
            return
        for item in plan.items:
            if item.title is None or not clean(_title_of(item.title).text):
                continue
            title = _title_of(item.title)
            criterion = version.criterion(item.criterion)
            m = version.match_criterion_title(item.criterion, title.text)
            if criterion is None or m is None or m.matches:
                continue
            other = _other_criterion(version, item.criterion, title.text) \
                if m.kind == MismatchKind.DIFFERENT else None
            yield _title_finding(self, title, (f"Tên tiêu chí {item.criterion}", f"The title of criterion "
                                                    f"{item.criterion}"), m, version, criterion.title, criterion, other)
        yield from self._named(plan, version)

    def _named(self, plan: Plan, version: CriteriaVersion) -> Iterator[Finding]:
        """Titles written after a criterion reference outside the items ('TC 2.5 – Title', 'tiêu chí 4.1
        (Title)'). Text after a reference in running prose need not be a title, so only a verdict that names
        what the wording is (a typo, another level's or version's title, another criterion's) is reported."""
        seen: set[tuple[str, str]] = set()
        for ref, after in named_criteria(plan, version):
            criterion = version.criterion(ref.criterion)
            m_title = _TITLE_AFTER.match(after)
            if criterion is None or m_title is None:
                continue
            written = without_page_number(m_title["title"].strip()).rstrip(".,")
            m = version.match_criterion_title(ref.criterion, written)
            if m is None or m.matches or (ref.criterion, fold(written)) in seen:
                continue
            other = _other_criterion(version, ref.criterion, written) if m.kind == MismatchKind.DIFFERENT else None
            if m.kind in (MismatchKind.DIFFERENT, MismatchKind.OMISSION) and other is None:
                continue
            seen.add((ref.criterion, fold(written)))
            title = ref.span.model_copy(update={"text": written})
            yield _title_finding(self, title, (f"Tên tiêu chí {ref.criterion}", f"The title of criterion "
                                                 f"{ref.criterion}"), m, version, criterion.title, criterion, other)


class StandardTitleMismatch(Rule):
    code = "KC403"
    slug = "standard-title-mismatch"
    category = "catalog"
    kind = "catalog.standard_title_mismatch"
    severity = Severity.WARNING
    title = M(vi="Tên tiêu chuẩn khác thông tư", en="Standard title differs from the circular")
    doc = RuleDoc(
        what=M(vi="So tên tiêu chuẩn (\"Tiêu chuẩn 2: …\") với thông tư của cấp học, với cùng các dung sai như "
                  "tên tiêu chí. Tên tiêu chuẩn của cấp học khác (tiêu chuẩn 5 mầm non trong kế hoạch THCS) là "
                  "lỗi; tên thiếu một phần (\"… nhân viên\" thiếu \"và học sinh\") là cảnh báo.",
               en="Compares standard titles with the circular of the school level, with the tolerances used for "
                  "criterion titles. Another level's title (the kindergarten standard 5 in a THCS plan) is an "
                  "error; an omission (\"… nhân viên\" without \"và học sinh\") a warning."),
        why=M(vi="Tên tiêu chuẩn sai cấp học cho thấy kế hoạch được chép từ trường khác cấp học.",
              en="A standard title of another level shows a plan copied from another kind of school."),
        fix=M(vi="Chép đúng tên tiêu chuẩn của thông tư áp dụng.", en="Copy the title of the applicable circular."),
        fail_example=_THCS_2024 + "Tiêu chuẩn 5: Hoạt động và kết quả nuôi dưỡng, chăm sóc, giáo dục trẻ\n\n"
        "Tiêu chí 5.1: Thực hiện Chương trình giáo dục phổ thông\n\nMục tiêu cần đạt: Duy trì Mức 3\n",
        pass_example=_THCS_2024 + "Tiêu chuẩn 5: Hoạt động giáo dục và kết quả giáo dục\n\n"
        "Tiêu chí 5.1: Thực hiện Chương trình giáo dục phổ thông\n\nMục tiêu cần đạt: Duy trì Mức 3\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        version = ctx.criteria
        if version is None:
            return
        for s in plan.standards:
            title = without_page_number(s.title.split(";")[0])  # 'Tiêu chuẩn 3: Title; the work on it' in a bullet
            if not clean(title) or _NOT_A_TITLE.search(title):  # '1. Tiêu chuẩn 1 và Tiêu chuẩn 2'
                continue
            m = version.match_standard_title(s.number, title)
            if m is None or m.matches:
                continue
            yield _title_finding(self, s.span, (f"Tên tiêu chuẩn {s.number}", f"The title of standard {s.number}"),
                                 m, version, version.standard(s.number).title, None, None)  # type: ignore[union-attr]
        yield from self._named(plan, version)

    def _named(self, plan: Plan, version: CriteriaVersion) -> Iterator[Finding]:
        """Titles written after a standard reference outside the headings: a table cell or a line that opens
        with 'Tiêu chuẩn 3: Title' reads as a heading; after a reference inside a sentence only a verdict that
        names what the wording is (a typo, another level's or version's title) is reported."""
        lines = {t.loc: t.text for t in plan.texts}
        seen: set[tuple[int, str]] = set()
        for ref, after in named_standards(plan, version):
            standard = version.standard(ref.number)
            m_title = _TITLE_AFTER.match(after)
            if standard is None or m_title is None or not fold(ref.span.text).startswith("tiêu chuẩn"):
                continue
            written = without_page_number(m_title["title"].strip()).rstrip(".,")
            if _NOT_A_TITLE.search(written) or (ref.number, fold(written)) in seen:
                continue
            m = version.match_standard_title(ref.number, written)
            if m is None or m.matches:
                continue
            opens = not re.sub(LIST_MARK, "", lines.get(ref.span.loc, "")[: ref.offset]).strip()
            named = m.kind in (MismatchKind.TYPO, MismatchKind.OTHER_LEVEL, MismatchKind.OTHER_VERSION) or (
                m.kind == MismatchKind.OMISSION and bool(m.others))
            if not (named or (opens and (m.kind == MismatchKind.OMISSION or m.similarity >= _TITLE_LIKE))):
                continue
            seen.add((ref.number, fold(written)))
            title = ref.span.model_copy(update={"text": f"{ref.span.text}: {written}"}) if opens else \
                ref.span.model_copy(update={"text": written})
            yield _title_finding(self, title, (f"Tên tiêu chuẩn {ref.number}", f"The title of standard {ref.number}"),
                                 m, version, standard.title, None, None)


@per_run
def _placed_under(plan: Plan) -> dict[int, int]:
    """Item index -> index of the standard heading it is listed under (same top-level section only).

    That is the last heading (in list order) of the item's section placed before the item: per section,
    the headings sorted by position with a running maximum of their index answer it by bisection.
    """
    section_at = section_lookup(plan)
    by_section: dict[str | None, list[tuple[Pos, int]]] = {}
    for h, s in enumerate(plan.standards):
        by_section.setdefault(section_at(s.span.loc), []).append((pos(s.span.loc), h))
    tables: dict[str | None, tuple[list[Pos], list[int]]] = {}
    for section, entries in by_section.items():
        entries.sort()
        latest, best = [], -1
        for _, h in entries:
            best = max(best, h)
            latest.append(best)
        tables[section] = ([p for p, _ in entries], latest)
    out: dict[int, int] = {}
    for k, item in enumerate(plan.items):
        table = tables.get(section_at(item.heading.loc))
        if table is None:
            continue
        j = bisect.bisect_left(table[0], pos(item.heading.loc))  # headings strictly before the item
        if j:
            out[k] = table[1][j - 1]
    return out


@per_run
def _misplaced(plan: Plan) -> dict[int, int]:
    """Items listed under a standard heading of another number: item index -> that number.

    A heading only counts when most of its items do belong to it, or when it holds one or
    two items: a list of standard headings in a summary, followed by every item of the
    plan, is not a heading of those items.
    """
    under: dict[int, list[int]] = {}
    for k, h in _placed_under(plan).items():
        under.setdefault(h, []).append(k)
    out: dict[int, int] = {}
    for h, ks in under.items():
        number = plan.standards[h].number
        wrong = [k for k in ks if criterion_key(plan.items[k].criterion)[0] != number]
        if wrong and (2 * len(wrong) <= len(ks) or len(ks) <= 2):
            out.update((k, number) for k in wrong)
    return out


class CriterionUnderWrongStandard(Rule):
    code = "KC407"
    slug = "criterion-under-wrong-standard"
    category = "catalog"
    kind = "catalog.order"
    severity = Severity.WARNING
    title = M(vi="Tiêu chí nằm dưới tiêu chuẩn khác", en="Criterion listed under another standard")
    doc = RuleDoc(
        what=M(vi="Tiêu chí n.m phải nằm dưới \"Tiêu chuẩn n\". Quy tắc báo tiêu chí đứng dưới tiêu đề của tiêu "
                  "chuẩn khác (Tiêu chí 2.4 dưới Tiêu chuẩn 3).",
               en="Criterion n.m belongs under \"Tiêu chuẩn n\". Reports a criterion listed under another "
                  "standard's heading (criterion 2.4 under standard 3)."),
        why=M(vi="Sai số tiêu chí hoặc sai vị trí làm người đọc đối chiếu nhầm tiêu chí.",
              en="A wrong number or a wrong place makes readers check the wrong criterion."),
        fix=M(vi="Sửa số tiêu chí, hoặc chuyển tiêu chí về đúng tiêu chuẩn.",
              en="Fix the number, or move the criterion under its standard."),
        fail_example=_THCS_2024 + "Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học\n\n"
        "Tiêu chí 2.4: Đối với học sinh\n\nMục tiêu cần đạt: Duy trì Mức 3\n",
        pass_example=_THCS_2024 + "Tiêu chuẩn 2: Cán bộ quản lý, giáo viên, nhân viên và học sinh\n\n"
        "Tiêu chí 2.4: Đối với học sinh\n\nMục tiêu cần đạt: Duy trì Mức 3\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        if plan.kind != PlanKind.IMPROVEMENT:
            return
        for k, number in sorted(_misplaced(plan).items()):
            item = plan.items[k]
            std = criterion_key(item.criterion)[0]
            yield self.finding(
                item.heading,
                M(vi=f"Tiêu chí {item.criterion} thuộc tiêu chuẩn {std} nhưng nằm dưới \"Tiêu chuẩn {number}\".",
                  en=f"Criterion {item.criterion} belongs to standard {std} but is listed under "
                     f"\"Tiêu chuẩn {number}\"."),
                suggestion=M(vi=f"Chuyển tiêu chí {item.criterion} về dưới \"Tiêu chuẩn {std}\", hoặc sửa số "
                                f"thành {number}.x.",
                             en=f"Move criterion {item.criterion} under \"Tiêu chuẩn {std}\", or renumber it "
                                f"{number}.x."),
                evidence=criterion_label(item.heading),
            )


def _nearest_out_of_order(keys: list[tuple[int, int]]) -> tuple[list[int | None], list[int | None]]:
    """For each position j: the nearest i < j with keys[i] > keys[j], and the nearest i > j with keys[i] < keys[j].

    Monotonic stacks: linear in the number of keys however jumbled they are.
    """
    n = len(keys)
    greater_before: list[int | None] = [None] * n
    smaller_after: list[int | None] = [None] * n
    stack: list[int] = []
    for j in range(n):
        while stack and keys[stack[-1]] <= keys[j]:
            stack.pop()
        greater_before[j] = stack[-1] if stack else None
        stack.append(j)
    stack = []
    for j in range(n - 1, -1, -1):
        while stack and keys[stack[-1]] >= keys[j]:
            stack.pop()
        smaller_after[j] = stack[-1] if stack else None
        stack.append(j)
    return greater_before, smaller_after


class CriteriaOutOfOrder(Rule):
    code = "KC406"
    slug = "criteria-out-of-order"
    category = "catalog"
    kind = "catalog.order"
    severity = Severity.WARNING
    title = M(vi="Tiêu chí, tiêu chuẩn không theo thứ tự", en="Criteria or standards out of order")
    doc = RuleDoc(
        what=M(vi="Tiêu chuẩn và tiêu chí phải theo thứ tự của thông tư (1.1, 1.2 … 1.10, 2.1 …). Quy tắc báo "
                  "ít phần tử nhất cần di chuyển; các nhóm \"Mức 2\", \"Mức 3\" và các phần khác nhau của kế "
                  "hoạch được xét riêng. Trong từng năm học, học kỳ của kế hoạch chia theo giai đoạn (thường "
                  "xếp theo thứ tự ưu tiên) chỉ ghi nhận ở mức thông tin.",
               en="Standards and criteria follow the circular's order (1.1, 1.2 … 1.10, 2.1 …). The rule reports "
                  "the fewest entries that must move; \"Mức 2\" / \"Mức 3\" groups and different parts of the "
                  "plan are checked separately. Within one school year or semester of a breakdown, which often "
                  "lists its criteria by priority, the order is only noted (info)."),
        why=M(vi="Thứ tự lộn xộn làm khó đối chiếu và thường che một tiêu chí bị đánh số sai.",
              en="A jumbled order is hard to check and often hides a misnumbered criterion."),
        fix=M(vi="Sắp xếp lại theo thứ tự của thông tư.", en="Reorder after the circular."),
        fail_example=_THCS_2024 + "Tiêu chuẩn 1: Tổ chức và quản lý nhà trường\n\n"
        "Tiêu chí 1.3: Tổ chức Đảng Cộng sản Việt Nam, các đoàn thể và tổ chức khác trong nhà trường\n\n"
        "Mục tiêu cần đạt: Duy trì Mức 3\n\n"
        "Tiêu chí 1.1: Phương hướng, chiến lược xây dựng và phát triển nhà trường\n\n"
        "Mục tiêu cần đạt: Duy trì Mức 3\n\n"
        "Tiêu chí 1.4: Hiệu trưởng, phó hiệu trưởng, tổ chuyên môn và tổ văn phòng\n\n"
        "Mục tiêu cần đạt: Duy trì Mức 3\n",
        pass_example=_THCS_2024 + "Tiêu chuẩn 1: Tổ chức và quản lý nhà trường\n\n"
        "Tiêu chí 1.1: Phương hướng, chiến lược xây dựng và phát triển nhà trường\n\n"
        "Mục tiêu cần đạt: Duy trì Mức 3\n\n"
        "Tiêu chí 1.3: Tổ chức Đảng Cộng sản Việt Nam, các đoàn thể và tổ chức khác trong nhà trường\n\n"
        "Mục tiêu cần đạt: Duy trì Mức 3\n\n"
        "Tiêu chí 1.10: Đảm bảo an ninh trật tự, an toàn trường học\n\nMục tiêu cần đạt: Duy trì Mức 2\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        if plan.kind != PlanKind.IMPROVEMENT:
            return
        segs = segments(plan)
        misplaced = _misplaced(plan)
        # (criterion, span, quote) per segment: the items, and where a part has none, its listed references.
        by_segment: dict[Segment, list[tuple[str, Span, str]]] = {}
        for k, seg in segs.of_item.items():
            if k not in misplaced:  # reported by KC407; moving it is the fix, not a second finding
                item = plan.items[k]
                by_segment.setdefault(seg, []).append((item.criterion, item.heading, criterion_label(item.heading)))
        for entry in listed_criteria(plan):
            by_segment.setdefault(entry.segment, []).append((entry.ref.criterion, entry.ref.span,
                                                             entry.ref.span.text))
        for seg, entries in by_segment.items():
            keys = [criterion_key(criterion) for criterion, _, _ in entries]
            kept = longest_ordered(keys)
            # One school year or semester of a breakdown lists the criteria it takes on, often by priority
            # (a numbered list of that year's work): the circular's order there is a habit, not a rule.
            severity = Severity.INFO if seg.period is not None else self.severity
            greater_before, smaller_after = _nearest_out_of_order(keys)
            for j, (criterion, span, quote) in enumerate(entries):
                if j in kept:
                    continue
                i_after, i_before = greater_before[j], smaller_after[j]
                after = entries[i_after][0] if i_after is not None else None
                before = entries[i_before][0] if i_before is not None else None
                where_vi = f"đứng sau tiêu chí {after}" if after else f"đứng trước tiêu chí {before}"
                where_en = f"comes after criterion {after}" if after else f"comes before criterion {before}"
                yield self.finding(
                    span,
                    M(vi=f"Tiêu chí {criterion} {where_vi}: không theo thứ tự của thông tư.",
                      en=f"Criterion {criterion} {where_en}: not in the circular's order."),
                    suggestion=M(vi=f"Chuyển tiêu chí {criterion} về đúng vị trí theo thứ tự số.",
                                 en=f"Move criterion {criterion} to its place in numeric order."),
                    evidence=quote,
                    severity=severity,
                )
        # Only headings with items under them: a summary listing the standards is not the plan's order.
        holding = set(_placed_under(plan).values())
        std_segments: dict[Segment, list[int]] = {}
        for k, seg in segs.of_standard.items():
            if k in holding:
                std_segments.setdefault(seg, []).append(k)
        for ks in std_segments.values():
            keys = [(plan.standards[k].number,) for k in ks]
            kept = longest_ordered(keys)
            for j, k in enumerate(ks):
                if j in kept:
                    continue
                s = plan.standards[k]
                yield self.finding(
                    s.span,
                    M(vi=f"Tiêu chuẩn {s.number} không theo thứ tự của thông tư.",
                      en=f"Standard {s.number} is out of the circular's order."),
                    suggestion=M(vi=f"Chuyển \"Tiêu chuẩn {s.number}\" về đúng vị trí theo thứ tự số.",
                                 en=f"Move \"Tiêu chuẩn {s.number}\" to its place in numeric order."),
                    evidence=standard_label(s.span),
                )


class DuplicateCriterion(Rule):
    code = "KC404"
    slug = "duplicate-criterion"
    category = "catalog"
    kind = "catalog.duplicate"
    severity = Severity.WARNING
    title = M(vi="Tiêu chí lặp lại trong nội dung kế hoạch", en="Criterion repeated in the plan's content")
    doc = RuleDoc(
        what=M(vi="Báo tiêu chí có hai mục kế hoạch trong cùng một phần. Một tiêu chí có mặt ở bảng kết quả tự "
                  "đánh giá và ở nội dung kế hoạch là bình thường; hai nhóm mức khác nhau (\"Mức 2\", \"Mức 3\") "
                  "chỉ được ghi nhận ở mức thông tin.",
               en="Reports a criterion with two plan items in the same part. A criterion in the results table and "
                  "in the items is normal; two different level groups (\"Mức 2\", \"Mức 3\") only give an info."),
        why=M(vi="Hai mục cho cùng tiêu chí thường là chép thừa hoặc gõ nhầm số của một tiêu chí khác.",
              en="Two items for one criterion are usually a pasted duplicate or another criterion's mistyped "
                 "number."),
        fix=M(vi="Gộp hai mục, hoặc sửa số của mục bị gõ nhầm.", en="Merge the items, or fix the mistyped number."),
        fail_example=_THCS_2024 + "Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học\n\n"
        "Tiêu chí 3.5: Thiết bị\n\nMục tiêu cần đạt: Duy trì Mức 3\n\n"
        "Tiêu chí 3.5: Thiết bị\n\nMục tiêu cần đạt: Duy trì Mức 3\n",
        pass_example=_THCS_2024 + "Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học\n\n"
        "Tiêu chí 3.5: Thiết bị\n\nMục tiêu cần đạt: Duy trì Mức 3\n\n"
        "Tiêu chí 3.6: Thư viện\n\nMục tiêu cần đạt: Duy trì Mức 3\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        if plan.kind != PlanKind.IMPROVEMENT:
            return
        segs = segments(plan).of_item
        # A summary, a results list, an appendix or another year of a breakdown may name a criterion again:
        # only items of one part and one period are compared.
        first: dict[tuple[str, str | None, str | None], int] = {}
        for k, item in enumerate(plan.items):
            where = (item.criterion, segs[k].section, segs[k].period)
            if where not in first:
                first[where] = k
                continue
            j = first[where]
            a, b = segs[j], segs[k]
            if _status_only(plan.items[j]) or _status_only(item):
                continue
            severity = Severity.WARNING if a.group == b.group else Severity.INFO
            yield self._twice(item.criterion, item.heading, criterion_label(item.heading), plan.items[j].heading,
                              severity)
        # A schedule or prose layout has no items: its criterion entries, one part and one period at a time.
        listed: dict[tuple[str, Segment], Span] = {}
        for entry in listed_criteria(plan):
            earlier = listed.setdefault((entry.ref.criterion, entry.segment), entry.ref.span)
            if earlier is not entry.ref.span:
                yield self._twice(entry.ref.criterion, entry.ref.span, entry.ref.span.text, earlier, self.severity)

    def _twice(self, criterion: str, span: Span, quote: str, earlier: Span, severity: Severity) -> Finding:
        seen, seen_en = earlier.loc.describe("vi"), earlier.loc.describe("en")
        return self.finding(
            span,
            M(vi=f"Tiêu chí {criterion} đã có một mục kế hoạch ở trên ({seen}).",
              en=f"Criterion {criterion} already has a plan item above ({seen_en})."),
            suggestion=M(vi=f"Gộp hai mục của tiêu chí {criterion}, hoặc sửa số nếu đây là tiêu chí khác.",
                         en=f"Merge the two items of criterion {criterion}, or fix the number if this is "
                            "another criterion."),
            evidence=quote,
            severity=severity,
        )


def _status_only(item: Item) -> bool:
    """An item that only states the level reached ('Tiêu chí 1.2: …: Trường đã đạt Mức 2'): a result, not a plan."""
    return item.target_is_status and not any((item.tasks, item.solutions, item.weakness, item.start, item.end,
                                              item.timing))


_FILLER = re.compile(r"^(?:\d{1,2}\s*[.)]?|[ivx]{1,4}\s*[.)]?|[a-zđ]\s*[.)])$")


def _is_filler(text: Span, header_cells: set[str], groups: set[tuple[Location, str]]) -> bool:
    """Text between a standard heading and the next one that does not plan anything.

    Group rows ('MỨC 2': ``groups``), the TT column's numbers and repeated header rows of a
    page-split table are layout, not content.
    """
    key = fold(clean(text.text))
    return not key or (text.loc, text.text) in groups or bool(_FILLER.match(key)) or key in header_cells


def _among_items(plan: Plan, heading: Span, section_at: Callable[[Location], str | None],
                 item_blocks: set[int | None], first_item: dict[str | None, Pos]) -> bool:
    """Whether a standard heading sits in the plan's item area, not in a summary listing the standards.

    A row of the items table is (an item shares its block); a paragraph heading needs an item
    before it in the same section (``first_item``: the earliest item position per section).
    """
    if heading.loc.table is not None and heading.loc.block in item_blocks:
        return True
    first = first_item.get(section_at(heading.loc))
    return first is not None and first < pos(heading.loc)


class EmptyStandard(Rule):
    code = "KC405"
    slug = "empty-standard"
    category = "catalog"
    kind = "catalog.empty_standard"
    severity = Severity.WARNING
    title = M(vi="Tiêu chuẩn không có tiêu chí nào", en="Standard with no criterion under it")
    doc = RuleDoc(
        what=M(vi="Báo tiêu đề \"Tiêu chuẩn n\" (dòng hoặc hàng bảng) mà ngay sau đó là tiêu chuẩn tiếp theo "
                  "(chỉ cách nhau các hàng nhóm \"MỨC 2\"), khi kế hoạch không có tiêu chí nào của tiêu chuẩn đó.",
               en="Reports a \"Tiêu chuẩn n\" heading (line or table row) followed directly by the next standard "
                  "(only \"MỨC 2\" group rows between), when the plan has no criterion of that standard."),
        why=M(vi="Tiêu chuẩn để trống là phần kế hoạch bị bỏ sót hoặc hàng thừa khi chép bảng.",
              en="An empty standard is a missing part of the plan or a leftover row of a copied table."),
        fix=M(vi="Bổ sung các tiêu chí cần cải tiến của tiêu chuẩn, hoặc xoá tiêu đề nếu không có tiêu chí nào.",
              en="Add the criteria to improve, or delete the heading when there are none."),
        fail_example=_MN_2024 + "TT\tTiêu chuẩn, tiêu chí\tKết quả cần đạt (so với hiện trạng)\t"
        "Công việc/giải pháp cần thực hiện\tChủ trì và phối hợp thực hiện\tThời gian thực hiện và hoàn thành\t"
        "Dự kiến kinh phí\tĐiều kiện hỗ trợ khác\tGhi chú\n"
        "3\tTiêu chuẩn 4: Quan hệ giữa nhà trường, gia đình và xã hội\t\t\t\t\t\t\t\n"
        "\tMỨC 2\t\t\t\t\t\t\t\n"
        "4\tTiêu chuẩn 5: Hoạt động và kết quả nuôi dưỡng, chăm sóc, giáo dục trẻ\t\t\t\t\t\t\t\n"
        "\tTiêu chí 5.2\tĐạt Mức 3\tTổ chức cho trẻ trải nghiệm ngoài trường\tHiệu trưởng\tTháng 4/2025\t\t\t\n",
        pass_example=_MN_2024 + "TT\tTiêu chuẩn, tiêu chí\tKết quả cần đạt (so với hiện trạng)\t"
        "Công việc/giải pháp cần thực hiện\tChủ trì và phối hợp thực hiện\tThời gian thực hiện và hoàn thành\t"
        "Dự kiến kinh phí\tĐiều kiện hỗ trợ khác\tGhi chú\n"
        "3\tTiêu chuẩn 4: Quan hệ giữa nhà trường, gia đình và xã hội\t\t\t\t\t\t\t\n"
        "\tTiêu chí 4.1\tĐạt Mức 3\tHọp Ban đại diện cha mẹ trẻ mỗi học kỳ\tHiệu trưởng\tTháng 12/2024\t\t\t\n"
        "4\tTiêu chuẩn 5: Hoạt động và kết quả nuôi dưỡng, chăm sóc, giáo dục trẻ\t\t\t\t\t\t\t\n"
        "\tTiêu chí 5.2\tĐạt Mức 3\tTổ chức cho trẻ trải nghiệm ngoài trường\tHiệu trưởng\tTháng 4/2025\t\t\t\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        if plan.kind != PlanKind.IMPROVEMENT or not plan.items:
            return
        planned = {criterion_key(i.criterion)[0] for i in plan.items}
        section_at = section_lookup(plan)
        item_blocks = {i.heading.loc.block for i in plan.items}
        first_item: dict[str | None, Pos] = {}
        for i in plan.items:
            sec, here = section_at(i.heading.loc), pos(i.heading.loc)
            if sec not in first_item or here < first_item[sec]:
                first_item[sec] = here
        header_cells = {fold(clean(h)) for i in plan.items for h in i.declared_columns}
        groups = {(g.span.loc, g.span.text) for g in plan.level_groups}
        # plan.texts is in document order: the lines between two headings are one slice away.
        keys = [pos(t.loc) for t in plan.texts]
        in_order = all(a <= b for a, b in itertools.pairwise(keys))
        for k, s in enumerate(plan.standards):
            section = section_at(s.span.loc)
            if s.number in planned or section not in first_item or \
                    not _among_items(plan, s.span, section_at, item_blocks, first_item):
                continue
            start = pos(s.span.loc)
            nxt = next((pos(o.span.loc) for o in plan.standards[k + 1:]
                        if section_at(o.span.loc) == section and pos(o.span.loc) > start), None)
            if in_order:
                lo = bisect.bisect_right(keys, start)
                hi = bisect.bisect_left(keys, nxt) if nxt is not None else len(keys)
                between = plan.texts[lo:hi]
            else:  # a hand-built plan out of document order
                between = [t for p, t in zip(keys, plan.texts, strict=True) if p > start and (nxt is None or p < nxt)]
            if nxt is None:
                # The last standard: its part of the plan ends with its top-level section.
                between = [t for t in between if section_at(t.loc) == section]
            if any(not _is_filler(t, header_cells, groups) for t in between):
                continue
            yield self.finding(
                s.span,
                M(vi=f"Tiêu chuẩn {s.number} không có tiêu chí nào trong kế hoạch: tiêu đề được theo sau ngay bởi "
                     f"{'tiêu chuẩn tiếp theo' if nxt is not None else 'phần tiếp theo'}.",
                  en=f"Standard {s.number} has no criterion in the plan: its heading is followed directly by the "
                     f"{'next standard' if nxt is not None else 'next part'}."),
                suggestion=M(vi=f"Thêm các tiêu chí {s.number}.x cần cải tiến, hoặc xoá hàng \"Tiêu chuẩn "
                                f"{s.number}\".",
                             en=f"Add the criteria {s.number}.x to improve, or delete the \"Tiêu chuẩn {s.number}\" "
                                "row."),
            )
