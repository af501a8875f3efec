"""Structure of a plan: continuous section numbering, and the parts an improvement plan needs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kclint.catalog import PlanPart, item_labels, plan_parts
from kclint.engine import Context, Rule, RuleDoc
from kclint.model import Finding, Plan, Section, Severity
from kclint.model import Message as M
from kclint.plantext import CRITERION, STANDARD, ordinal, to_roman
from kclint.rules._form_helpers import title_anchor
from kclint.textnorm import fold

_HEAD = "Số: 12/KH-MNAB\n\nAn Bình, ngày 14 tháng 10 năm 2025\n\nKẾ HOẠCH\n" \
        "Cải tiến chất lượng giáo dục năm học 2025-2026\n\n"
_ITEM = "Tiêu chí 1.1: Phương hướng, chiến lược xây dựng và phát triển nhà trường\n\n" \
        "Mục tiêu cần đạt: Giữ vững Mức 3\n\n"


# Letters in Vietnamese order (a, b, c, d, đ, e, g ...); a list may also leave 'đ' out, or run in Latin order
# (… e, f, g …) when it uses a letter Vietnamese lacks.
_VIETNAMESE = "abcdđeghiklmnopqrstuvxy"
_LATIN = "abcdefghijklmnopqrstuvwxyz"


def _letters(sections: list[Section]) -> tuple[str, bool]:
    """The alphabet a list of letter labels counts in, and whether that is sure. Latin is sure when the list
    uses f, j, w or z or Word drew a label (Word's letters are a-z). A list that goes from 'd' to 'e' without
    'đ' counts like Latin too, but not surely: a Vietnamese list may leave 'đ' out, so 'g' after 'e' there
    lacks 'f' only if the list is Latin (the check reports it as info). Else Vietnamese."""
    labels = {s.label.lower() for s in sections}
    if labels & set("fjwz") or any(s.drawn for s in sections):
        return _LATIN, True
    if {"d", "e"} <= labels and "đ" not in labels:
        return _LATIN, False
    return _VIETNAMESE, True


def _ordinal(scheme: str, label: str, alphabet: str) -> int:
    if scheme in ("letter", "point"):
        return alphabet.find(label.lower()) + 1
    if scheme == "row":
        return int(label) if label.isdigit() else ordinal("roman", label)
    return ordinal(scheme, label)


def _label(scheme: str, n: int, prefix: str, alphabet: str = _VIETNAMESE) -> str:
    if scheme == "roman" or (scheme == "row" and not prefix):
        return to_roman(n) if scheme == "roman" else str(n)
    if scheme in ("letter", "point"):
        letter = alphabet[n - 1] if 0 < n <= len(alphabet) else str(n)
        return letter.upper() if scheme == "letter" else letter
    return f"{prefix}.{n}" if prefix else str(n)


def _next_is(scheme: str, prev: int, n: int, alphabet: str) -> bool:
    """Whether ``n`` follows ``prev`` in a list: the next number, or 'e' after 'd' with 'đ' left out."""
    return n == prev + 1 or (scheme in ("letter", "point") and alphabet is _VIETNAMESE
                             and alphabet[prev - 1:prev + 2] == "dđe" and n == prev + 2)


def _follows_catalog(section: Section) -> bool:
    """'1.1. Tiêu chí 1.1', '2. Tiêu chuẩn 2': numbered by the criterion, not as a list (gaps are normal)."""
    text = re.sub(r"^\S+\s*", "", section.span.text.strip())
    m = CRITERION.match(text)
    if m and m["id"] == section.label:
        return True
    s = STANDARD.match(text)
    return bool(s and s["n"] == section.label)


def _group(section: Section) -> tuple[str, str, str]:
    """The list a heading belongs to: its parent's path, its scheme (with depth) and a decimal's prefix."""
    if section.scheme == "point":
        return section.path, "point", ""
    if section.scheme == "row":  # roman group rows and arabic rows of one table are two lists
        return section.path, "row" if section.label.isdigit() else "row-roman", ""
    if section.scheme == "decimal":
        prefix, _, _ = section.label.rpartition(".")
        outer = section.path[: -len(section.label)].rstrip(".")
        # 'III.1.2' keeps its roman/letter parents only; the arabic parent is the prefix itself.
        outer = ".".join(p for p in outer.split(".") if p and not p.isdigit())
        return outer, f"decimal{section.label.count('.')}", prefix
    parent = section.path[: -len(section.label)].rstrip(".")
    return parent, section.scheme, ""


class NumberingGap(Rule):
    code = "KC550"
    slug = "numbering-gap"
    category = "structure"
    kind = "structure.numbering_gap"
    severity = Severity.ERROR
    title = M(vi="Đánh số mục không liên tục", en="Section numbering skips or repeats")
    doc = RuleDoc(
        what=M(vi="Các mục cùng cấp phải đánh số liên tục: I, II, III…; A, B…; 1, 2, 3…; 1.1, 1.2… Nhảy số "
                  "(III → VI, 2 → 4) là lỗi; lặp số hoặc lùi số là cảnh báo. Danh sách bắt đầu lại từ 1 dưới một "
                  "mục mới là bình thường; số theo mã tiêu chí (\"1.3. Tiêu chí 1.3\") không bị xét. Chữ cái do "
                  "Word tự đánh số theo bảng chữ cái Latin (a–z, có f, không có đ).",
               en="Sections of one level are numbered without gaps: I, II, III…; A, B…; 1, 2, 3…; 1.1, 1.2… A "
                  "jump (III → VI, 2 → 4) is an error; a repeated or backward number a warning. A list that "
                  "restarts at 1 under a new heading is normal; numbers that follow criterion codes (\"1.3. "
                  "Tiêu chí 1.3\") are not checked. Letters Word numbers automatically count in the Latin alphabet "
                  "(a-z, with f, without đ)."),
        why=M(vi="Nghị định 30/2020, Phụ lục I: phần, mục, khoản, điểm đánh số liên tục; số nhảy cho thấy mục "
                 "bị xoá hoặc chép thiếu, người đọc tưởng kế hoạch thiếu nội dung.",
              en="Decree 30/2020, Annex I: parts and items are numbered continuously; a jump shows a deleted or "
                 "lost section, and readers assume content is missing."),
        fix=M(vi="Đánh số lại cho liên tục, hoặc bổ sung mục bị thiếu.",
              en="Renumber continuously, or restore the missing section."),
        fail_example=_HEAD + "I. MỤC ĐÍCH, YÊU CẦU\n\nNâng cao chất lượng.\n\nII. NỘI DUNG\n\n"
        "1. Tổ chức rà soát.\n\n2. Bổ sung hồ sơ.\n\n4. Báo cáo kết quả.\n\n"
        "IV. TỔ CHỨC THỰC HIỆN\n\nHiệu trưởng chỉ đạo.\n",
        pass_example=_HEAD + "I. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n\n2. Yêu cầu\n\nII. NỘI DUNG\n\n"
        "1. Tổ chức rà soát.\n\n2. Bổ sung hồ sơ.\n\n3. Báo cáo kết quả.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n\nHiệu trưởng chỉ đạo.\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        yield from self._sequences(plan.sections)
        yield from self._sequences(plan.points)

    def _sequences(self, sections: list[Section]) -> Iterator[Finding]:
        last: dict[tuple[str, str, str], int] = {}
        ended: dict[tuple[str, str], int] = {}  # (scheme, prefix) -> last number of the previous list
        # After a wrong number, the number its position calls for: '1, 2, 3, 3, 5' repeats 3 where 4 belongs,
        # and the 5 after it is right (one defect, not a repeat and a gap).
        by_position: dict[tuple[str, str, str], int] = {}
        groups: dict[tuple[str, str, str], list[Section]] = {}
        for section in sections:
            groups.setdefault(_group(section), []).append(section)
        for section in sections:
            key = _group(section)
            alphabet, alphabet_sure = _letters(groups[key])
            n = _ordinal(section.scheme, section.label, alphabet)
            prev = last.get(key)
            last[key] = n
            if n <= 0 or _follows_catalog(section):
                continue
            scheme, prefix = section.scheme, key[2]
            if by_position.pop(key, None) == n:
                pass
            elif prev is None and scheme in ("point", "row"):
                pass  # a table or a list of points may continue one on the page before
            elif prev is None:
                previous_list = ended.get((key[1], prefix))
                # Numbering that runs on across parents (items 4-6 under II after 1-3 under I) is a style.
                if n > 1 and previous_list != n - 1:
                    missing = ", ".join(_label(scheme, k, prefix) for k in range(1, n))
                    # A missing first part is sure; a list starting at 2 may continue one we did not see.
                    sure = scheme in ("roman", "letter")
                    yield self._gap(section, missing, None, None if sure else Severity.WARNING)
            elif _next_is(scheme, prev, n, alphabet) or n == 1:
                pass
            elif n > prev + 1:
                # 'đ' may be left out: after 'c', 'e' lacks only 'd'.
                missing = ", ".join(_label(scheme, k, prefix, alphabet) for k in range(prev + 1, n)
                                    if not (scheme in ("letter", "point") and alphabet[k - 1] == "đ"))
                yield self._gap(section, missing, _label(scheme, prev, prefix, alphabet),
                                None if alphabet_sure else Severity.INFO)
                by_position[key] = prev + 2
            else:
                by_position[key] = prev + 2
                yield self.finding(
                    section.span,
                    M(vi=f"Mục \"{section.label}\" đứng sau mục \"{_label(scheme, prev, prefix, alphabet)}\": số "
                         + ("bị lặp." if n == prev else "bị lùi."),
                      en=f"Section \"{section.label}\" follows \"{_label(scheme, prev, prefix, alphabet)}\": the "
                         + ("number is repeated." if n == prev else "number is going backwards.")),
                    suggestion=M(vi=f"Đánh số lại thành \"{_label(scheme, prev + 1, prefix, alphabet)}\" và các "
                                    "mục sau.",
                                 en=f"Renumber as \"{_label(scheme, prev + 1, prefix, alphabet)}\" onwards."),
                    severity=Severity.WARNING,
                )
            ended[(key[1], prefix)] = n

    def _gap(self, section: Section, missing: str, before: str | None,
             severity: Severity | None = None) -> Finding:
        after_vi = f"từ \"{before}\" nhảy sang \"{section.label}\"" if before else f"bắt đầu bằng \"{section.label}\""
        after_en = f"jumps from \"{before}\" to \"{section.label}\"" if before else f"starts at \"{section.label}\""
        return self.finding(
            section.span,
            M(vi=f"Đánh số {after_vi}: thiếu mục {missing}.", en=f"Numbering {after_en}: {missing} missing."),
            suggestion=M(vi=f"Đánh số lại liên tục, hoặc bổ sung mục {missing} nếu bị xoá nhầm.",
                         en=f"Renumber continuously, or restore {missing} if it was deleted."),
            severity=severity,
        )


def _phrase(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``words`` as whole words of a folded text."""
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(fold(w)) for w in words) + r")(?!\w)")


def _part_of(heading: str, parts: tuple[PlanPart, ...]) -> str | None:
    """The part a folded heading opens: the one whose phrase comes first, the longer on a tie. A heading's
    head noun leads ('PHÂN CÔNG NHIỆM VỤ' is the organisation though 'nhiệm vụ' alone is content, 'THỰC
    TRẠNG CÔNG TÁC KIỂM ĐỊNH' the current state)."""
    found = [(m.start(), -len(m[0]), p.key) for p in parts if (m := _phrase(p.headings).search(heading))]
    return min(found)[2] if found else None


# What may stand before a heading's words: markdown bold, 'Phần thứ hai:' / 'PHẦN I.', and a number of any
# scheme ('III.', '2.', '1.2.', 'B.', 'c)').
_HEADING_LEAD = re.compile(
    r"^[*_#\s]*(?:phần(?: thứ)?\s+\w+\s*[.:\-–]?\s*)?(?:(?:[ivxlc]+|\d{1,2}(?:\.\d{1,2})*|[a-zđ])\s*[.)\-–]\s*)?"
)
_HEADING_WORDS = 12  # a heading line is short: a title, not a sentence
_BARE_NUMBER = re.compile(r"(?:[IVXLC]+|\d{1,3}|[A-ZĐa-zđ])\.?")


def _heading_text(text: str, *, run_in: bool) -> str | None:
    """The folded words of ``text`` when it reads as a heading: a line of at most a dozen words that does not
    end a sentence, or (``run_in``) a paragraph that opens with a heading and a colon ('Tổ chức thực hiện:
    Hiệu trưởng ...'). A bullet ('- ', '+ ') is never a heading."""
    folded = fold(text).strip("*_ ")
    if not folded or folded[0] in "-+•–":
        return None
    head = _HEADING_LEAD.sub("", folded, count=1).strip("*_ ")
    if run_in and ":" in head:
        head = head.split(":", 1)[0]
    elif head.endswith((".", ";", ",")) and not head.endswith("..."):
        return None
    head = head.rstrip(":*_ ")
    return head if head and len(head.split()) <= _HEADING_WORDS else None


def _section_rows(plan: Plan) -> set[int]:
    """Indexes in ``plan.texts`` of the table cells that head their row: the row's only filled cell, or the
    only one beside a bare number ('I | MỤC TIÊU'). A column header ('Mục tiêu' above the targets) is not."""
    rows: dict[tuple[int, int], list[int]] = {}
    for k, t in enumerate(plan.texts):
        if t.loc.table is not None and t.text.strip():
            rows.setdefault((t.loc.table, t.loc.row or 0), []).append(k)
    heads: set[int] = set()
    for cells in rows.values():
        words = [k for k in cells if not _BARE_NUMBER.fullmatch(plan.texts[k].text.strip())]
        if len(words) == 1 and len(cells) - len(words) <= 1:
            heads.add(words[0])
    return heads


def _parts_present(plan: Plan, parts: tuple[PlanPart, ...]) -> set[str]:
    """The parts the plan's headings open, in any layout: a numbered heading of any scheme, a line that
    reads as a heading (upper-case, bold or plain: 'Tổ chức thực hiện', '**Mục đích, yêu cầu**', 'PHẦN I.
    CĂN CỨ'), a paragraph opening with a heading and a colon, a table's section row. Inside an item only
    the upper-case lines count (its labels 'Mục tiêu: Mức 3' are fields, not parts), and the title is not a
    part. The content is also there when the plan has items per criterion or task rows, and a part with
    opening words when a line near the top opens with them (a run of 'Căn cứ ...' lines under the title)."""
    headings = [s.title for s in plan.sections]
    # The title block ('KẾ HOẠCH / Cải tiến chất lượng ...') names the plan, not a part of it.
    title_end = max((s.loc.block for s in (plan.title, plan.subject) if s is not None and s.loc.block is not None),
                    default=-1)
    section_rows = _section_rows(plan)
    labels = tuple(item_labels().label_fields())
    for k, t in enumerate(plan.texts):
        in_title = t.loc.block is not None and t.loc.block <= title_end
        if in_title or (t.loc.table is not None and k not in section_rows):
            continue
        upper = len(t.text) < 80 and t.text.isupper()
        head = _heading_text(t.text, run_in=t.loc.table is None and t.loc.criterion is None)
        if t.loc.criterion is not None and not upper:
            # An unnumbered heading after the last item reads as the item's: a line of its own that opens
            # with a part's words and is no field label ('Tổ chức thực hiện', not 'Mục tiêu' or 'Biện pháp').
            head = head if head is not None and not head.startswith(labels) else None
            if head is None or not (key := _part_of(head, parts)) or not _opens_with(head, parts, key):
                continue
        if head is not None:
            headings.append(head)
    present = {key for h in headings if (key := _part_of(fold(h), parts))}
    if plan.items or plan.tasks:
        present.add("content")
    # A legal basis written as a list: '• Căn cứ Thông tư ...', '- Căn cứ ...'.
    top = [fold(t.text).lstrip(_LIST_MARKS) for t in plan.texts[:80]]
    present |= {p.key for p in parts if p.openings and any(t.startswith(p.openings) for t in top)}
    return present


_LIST_MARKS = "-+•–—*·▪◦● "


def _opens_with(head: str, parts: tuple[PlanPart, ...], key: str) -> bool:
    part = next(p for p in parts if p.key == key)
    return (m := _phrase(part.headings).search(head)) is not None and m.start() == 0


def _in_items(plan: Plan, part: PlanPart) -> bool:
    """Whether the plan's items state the part criterion by criterion (``PlanPart.item_field``): the targets
    of a 'Mục tiêu' column or label are the plan's objectives, written per criterion."""
    return part.item_field is not None and any(getattr(i, part.item_field) is not None for i in plan.items)


class MissingPart(Rule):
    code = "KC551"
    slug = "missing-part"
    category = "structure"
    kind = "structure.missing_part"
    severity = Severity.WARNING
    title = M(vi="Kế hoạch thiếu phần bắt buộc", en="Plan lacks a required part")
    doc = RuleDoc(
        what=M(vi="Mỗi loại kế hoạch cần có các phần của nó, nhận ra theo nghĩa của tiêu đề chứ không theo số thứ "
                  "tự: kế hoạch cải tiến chất lượng cần căn cứ; mục đích, yêu cầu; nội dung cải tiến; tổ chức thực "
                  "hiện. Kế hoạch tự đánh giá cần căn cứ, mục đích, tổ chức thực hiện; kế hoạch khảo thí và kiểm "
                  "định cần căn cứ và tổ chức thực hiện. Phần thường có nhưng không bắt buộc (thực trạng, hội đồng, "
                  "thời gian biểu) chỉ được nhắc ở mức thông tin; mục tiêu ghi theo từng tiêu chí (cột hay nhãn 'Mục "
                  "tiêu') là mục tiêu của kế hoạch, nên thiếu tiêu đề mục đích khi đó chỉ là thông tin.",
               en="Each plan kind has its parts, recognised by what the heading means, not by its number: an "
                  "improvement plan needs the basis; purpose and requirements; the improvement content; the "
                  "organisation. A self-assessment plan needs the basis, the purpose and the organisation; a "
                  "testing and accreditation plan the basis and the organisation. Parts usually present but "
                  "not required (current state, council, timetable) are only mentioned as info; targets written per "
                  "criterion (a 'Mục tiêu' column or label) are the plan's aims, so a missing purpose heading is "
                  "then info."),
        why=M(vi="Hướng dẫn 5932, 5942/BGDĐT-QLCL và thông lệ văn bản kế hoạch: thiếu phần nào thì kế hoạch "
                 "không trả lời được vì sao, để làm gì, làm gì hoặc ai làm.",
              en="Guidance 5932/5942/BGDĐT-QLCL and plan-writing practice: each missing part leaves why, what "
                 "for, what or who unanswered."),
        fix=M(vi="Bổ sung phần còn thiếu với tiêu đề rõ ràng (ví dụ \"IV. TỔ CHỨC THỰC HIỆN\").",
              en="Add the missing part under a clear heading (e.g. \"IV. TỔ CHỨC THỰC HIỆN\")."),
        fail_example=_HEAD + "I. MỤC ĐÍCH, YÊU CẦU\n\nNâng cao chất lượng.\n\nII. NỘI DUNG\n\n" + _ITEM,
        pass_example=_HEAD + "Căn cứ Thông tư số 19/2018/TT-BGDĐT ngày 22 tháng 8 năm 2018;\n\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n\nNâng cao chất lượng.\n\nII. NỘI DUNG\n\n" + _ITEM +
        "III. TỔ CHỨC THỰC HIỆN\n\nHiệu trưởng chỉ đạo.\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        catalog = plan_parts()
        wanted = catalog.kinds.get(plan.kind.value)
        anchor = title_anchor(plan)
        if plan.title is None or wanted is None or anchor is None:
            return
        present = _parts_present(plan, catalog.parts)
        required = [k for k in wanted.required if not _in_items(plan, catalog.part(k))]
        advised = [*wanted.advised, *(k for k in wanted.required if k not in required)]
        for keys, severity in ((required, None), (advised, Severity.INFO)):
            missing = [catalog.part(k) for k in keys if k not in present]
            if not missing:
                continue
            vi = "; ".join(p.vi for p in missing)
            en = "; ".join(p.en for p in missing)
            yield self.finding(
                anchor,
                M(vi=f"Kế hoạch không có phần: {vi}." if severity is None
                  else f"Kế hoạch loại này thường có phần: {vi} (không thấy tiêu đề nào có nghĩa như vậy).",
                  en=f"The plan has no part: {en}." if severity is None
                  else f"Plans of this kind usually have a part: {en} (no heading with that meaning found)."),
                suggestion=M(vi=f"Bổ sung {vi}, mỗi phần có tiêu đề đánh số.",
                             en=f"Add {en}, each under a numbered heading."),
                severity=severity,
            )
