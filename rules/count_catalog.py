"""Counts of criteria per level against the catalog: denominators and the school's overall level.

'đạt Mức 3: 10/19' divides by the number of criteria that define Mức 3 in the circular
of the school's level (19 in a primary school), Mức 1 and Mức 2 by the number of
criteria. The school's level is the highest Mức whose requirements every criterion
that defines them meets (Điều 6 of TT 17/18/19/2018), so 'Mức đánh giá: Mức 2' needs
every criterion at Mức 2.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from kclint.catalog import Confidence, CriteriaVersion, LevelWording, school_level_wordings
from kclint.engine import Context, Rule, RuleDoc
from kclint.model import Finding, LevelCount, Plan, Severity, Span
from kclint.model import Message as M
from kclint.rules._catalog_helpers import criterion_severity, other_versions, section_lookup

_TH_2024 = """TRƯỜNG TIỂU HỌC BÌNH AN

Số: 21/KH-THBA

Bình An, ngày 16 tháng 9 năm 2024

KẾ HOẠCH
Cải tiến chất lượng nhà trường năm học 2024-2025

I. THỰC TRẠNG

"""


def defining_count(version: CriteriaVersion, level: int) -> int:
    """The denominator of 'đạt Mức ``level``': all criteria for Mức 1–2, those defining Mức 3 for Mức 3."""
    return len(version.criteria) if level < 3 else len(version.criteria_with_level(level))


def _plausible(version: CriteriaVersion, level: int) -> set[int]:
    """Denominators of another reading of the catalog: the other version, or without its uncertain criteria."""
    out: set[int] = set()
    for v in (version, *other_versions(version)):
        out |= {defining_count(v, level), len(v.criteria_with_level(level))}
        certain = [c for c in v.criteria if not c.uncertain]
        out |= {len(certain) if level < 3 else sum(1 for c in certain if c.has_level(level))}
    return out


def _partial(plan: Plan, version: CriteriaVersion, level: int) -> set[int]:
    """Denominators of a count over part of the criteria: one standard, the plan's results table or items."""
    out: set[int] = {len(plan.items)} if plan.items else set()
    for s in version.standards:
        out |= {len(s.criteria), sum(1 for c in s.criteria if c.has_level(level))}
    rows = [r for r in plan.assessment if not r.failed] or plan.assessment
    if rows:
        defining = [r for r in rows if (c := version.criterion(r.criterion)) is not None and c.has_level(level)]
        out |= {len(plan.assessment), len(defining)}
    return out


def _denominator_ok(plan: Plan, version: CriteriaVersion, c: LevelCount) -> bool:
    """Whether a count divides by the catalog's number for its level, or by a part of the criteria."""
    return c.total == defining_count(version, c.level) or c.total in _partial(plan, version, c.level)


_OTHER_UNIT = re.compile(r"chỉ\s+số|tiêu\s+chuẩn", re.IGNORECASE)


def _counts_criteria(plan: Plan, c: LevelCount) -> bool:
    """Whether a count is about criteria, not standards or indicators ('đạt Mức 2: 70/75 chỉ số')."""
    line = next((t.text for t in plan.texts if t.loc == c.span.loc and c.span.text in t.text), None)
    if line is None:
        return True
    at = line.find(c.span.text)
    after = line[at + len(c.span.text): at + len(c.span.text) + 20]
    before = line[max(0, at - 60): at]
    return not (_OTHER_UNIT.search(after) or (_OTHER_UNIT.search(before) and "tiêu chí" not in before.casefold()))


class CountDenominator(Rule):
    code = "KC310"
    slug = "count-denominator"
    category = "count"
    kind = "count.denominator"
    severity = Severity.ERROR
    title = M(vi="Mẫu số của số tiêu chí đạt mức sai", en="Wrong denominator in a level count")
    doc = RuleDoc(
        what=M(vi="Kiểm tra mẫu số của \"đạt Mức N: a/b\": Mức 1, Mức 2 chia cho tổng số tiêu chí (mầm non 25, "
                  "tiểu học 27, THCS/THPT 28); Mức 3 chia cho số tiêu chí có yêu cầu Mức 3 (mầm non 19, tiểu học "
                  "19, THCS/THPT 20, sau Thông tư 22/2024 là 19). Số của phiên bản khác hoặc dữ liệu chưa chắc "
                  "chắn chỉ ghi nhận ở mức thông tin.",
               en="Checks the denominator of \"đạt Mức N: a/b\": Mức 1 and Mức 2 over all criteria (kindergarten "
                  "25, primary 27, secondary 28); Mức 3 over the criteria that define Mức 3 (19, 19, 20 — 19 "
                  "after TT 22/2024). A number of another version or of uncertain data gives an info."),
        why=M(vi="Mẫu số sai làm sai tỷ lệ và kết luận về mức đạt của trường (\"10/27\" thay cho \"10/19\").",
              en="A wrong denominator skews the rate and the school-level conclusion (\"10/27\" for \"10/19\")."),
        fix=M(vi="Dùng đúng số tiêu chí của thông tư áp dụng, ví dụ \"đạt Mức 3: 10/19\" ở trường tiểu học.",
              en="Use the circular's number, e.g. \"đạt Mức 3: 10/19\" in a primary school."),
        fail_example=_TH_2024 + "- Số lượng tiêu chí đạt Mức 3: 10/27, tỷ lệ: 37,04%.\n",
        pass_example=_TH_2024 + "- Số lượng tiêu chí đạt Mức 3: 10/19, tỷ lệ: 52,63%.\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        version = ctx.criteria
        if version is None:
            return
        for c in plan.level_counts:
            if c.level not in (1, 2, 3) or not _counts_criteria(plan, c) or _denominator_ok(plan, version, c):
                continue
            expected = defining_count(version, c.level)
            plausible = c.total in _plausible(version, c.level)
            severity = Severity.INFO if plausible else criterion_severity(self.severity, version, None, "levels")
            if c.level < 3:
                basis_vi = f"tổng số tiêu chí của Thông tư {version.circular} là {expected}"
                basis_en = f"Thông tư {version.circular} has {expected} criteria"
            else:
                basis_vi = f"Thông tư {version.circular} có {expected} tiêu chí có yêu cầu Mức 3"
                basis_en = f"{expected} criteria of Thông tư {version.circular} define Mức 3"
            note_vi = " (số của phiên bản khác hoặc dữ liệu chưa chắc chắn)" if plausible else ""
            note_en = " (the number of another version, or uncertain data)" if plausible else ""
            yield self.finding(
                c.span,
                M(vi=f"Mẫu số {c.total} của Mức {c.level} không đúng: {basis_vi}{note_vi}.",
                  en=f"The denominator {c.total} for Mức {c.level} is wrong: {basis_en}{note_en}."),
                suggestion=M(vi=f"Viết {c.count:02d}/{expected} và tính lại tỷ lệ.",
                             en=f"Write {c.count:02d}/{expected} and recompute the rate."),
                severity=severity,
            )


class CountVsListedCriteria(Rule):
    code = "KC305"
    slug = "level-count-vs-list"
    category = "count"
    kind = "count.mismatch"
    severity = Severity.WARNING
    title = M(vi="Số tiêu chí đạt mức không khớp danh sách tiêu chí chưa đạt",
              en="A level count disagrees with the criteria listed as not reaching the level")
    doc = RuleDoc(
        what=M(vi="Khi kế hoạch ghi \"đạt Mức N: a/b\" và kể ngay bên cạnh các tiêu chí chưa đạt Mức N, a cộng "
                  "số tiêu chí được kể phải bằng b.",
               en="When a plan writes \"đạt Mức N: a/b\" and lists beside it the criteria not reaching Mức N, a "
                  "plus the criteria listed is b."),
        why=M(vi="Số liệu tổng hợp sai làm sai kết luận về mức đạt của nhà trường.",
              en="Wrong totals lead to a wrong conclusion about the school's level."),
        fix=M(vi="Đếm lại các tiêu chí chưa đạt và sửa số đạt (hoặc danh sách).",
              en="Count the criteria not reached again and fix the count (or the list)."),
        fail_example=_TH_2024 + "Đạt Mức 3: 15/19 (78,95%); chưa đạt Mức 3: 1.2, 2.3, 3.1, 5.2, 5.3.\n",
        pass_example=_TH_2024 + "Đạt Mức 3: 14/19 (73,68%); chưa đạt Mức 3: 1.2, 2.3, 3.1, 5.2, 5.3.\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        lists = [f for f in plan.facts.listed if f.criteria and not f.achieved and f.level is not None]
        if not lists:
            return
        index = {t.loc: i for i, t in enumerate(plan.texts)}
        version = ctx.criteria
        for c in plan.level_counts:
            at = index.get(c.span.loc)
            if not c.achieved or at is None or "tiêu chuẩn" in c.span.text.casefold():
                continue
            for f in lists:
                near = index.get(f.span.loc)
                if f.level != c.level or near is None or abs(near - at) > 1:
                    continue
                # over a wrong denominator (KC310) the list is checked against the catalog's number
                total = (c.total if version is None or _denominator_ok(plan, version, c)
                         else defining_count(version, c.level))
                missed = len(set(f.criteria))
                if missed + c.count != total:
                    yield self.finding(
                        c.span,
                        M(vi=f"Ghi {c.count}/{c.total} tiêu chí đạt Mức {c.level}, nhưng các tiêu chí chưa đạt được "
                             f"kể là {missed} ({', '.join(f.criteria)}): {total} − "
                             f"{missed} = {total - missed}.",
                          en=f"{c.count}/{c.total} criteria are said to reach Mức {c.level}, but "
                             f"{missed} are listed as not reaching it ({', '.join(f.criteria)}): "
                             f"{total} − {missed} = {total - missed}."),
                        suggestion=M(vi=f"Viết {total - missed:02d}/{total} (hoặc sửa danh sách).",
                                     en=f"Write {total - missed:02d}/{total} (or fix the list)."),
                    )
                    break


_GOAL = re.compile(r"phấn\s+đấu|hướng\s+tới|mục\s+tiêu|đề\s+nghị|đăng\s+ký|đề\s+xuất|nâng|\blên\b|\bsẽ\b|\bđể\b",
                   re.IGNORECASE)
_ASSESSED = re.compile(
    r"mức\s+đánh\s+giá(?:\s+chung|\s+của\s+[^:\n]{1,60})?\s*:\s*(?:đạt\s+)?mức\s*0?(?P<n>[1-4])(?!\d)", re.IGNORECASE)
# 'Trường đạt Mức 2' also starts a criterion's status line; only outside the items is it the school's level.
_SCHOOL_CLAIM = re.compile(
    r"(?:^\s*(?:[-+*•–]\s*)?|[:;.]\s*)(?P<claim>(?:nhà\s+)?trường\s+(?:đã\s+)?(?:tự\s+đánh\s+giá\s+)?(?:được\s+công\s+nhận\s+)?"
    r"đạt\s+mức\s*0?(?P<n>[1-4]))(?!\d)",
    re.IGNORECASE,
)
# A recognition dated or decided in the past is history, not the level the counts describe.
_HISTORY = re.compile(r"quyết\s+định|\bQĐ\b|(?<![\d–-])(?:19|20)\d\d(?!\s*[–-]\s*\d)", re.IGNORECASE)
# A criterion or standard named before the claim in its sentence: the level is that one's, not the school's.
_PART = re.compile(r"tiêu\s+chí|tiêu\s+chuẩn", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.;!?\n]+(?:[.;!?](?!\d)|$)")


@dataclass(frozen=True)
class _Claim:
    """A statement of the school's level: its words, the Mức it needs and how sure the reading is."""

    evidence: str
    written: int  # the number as written ('mức độ 2')
    needs: int  # the Mức it needs
    wording: LevelWording | None  # None: 'Mức N' itself
    confidence: Confidence


def _bounds(counts: list[LevelCount]) -> tuple[int, int] | None:
    """(lowest, highest) school level the counts allow; None when they say nothing usable."""
    upper, lower, usable = 3, 0, False
    for n in (1, 2, 3):
        achieved = [c for c in counts if c.level == n and c.achieved and c.total]
        missed = [c for c in counts if c.level == n and not c.achieved and c.total]
        if any(c.count < c.total for c in achieved) or any(c.count > 0 for c in missed):
            upper = min(upper, n - 1)
        if achieved or missed:
            usable = True
    for n in (1, 2, 3):
        if n <= upper and any(c.level == n and c.achieved and c.total and c.count >= c.total for c in counts):
            lower = n
    return (lower, upper) if usable else None


@functools.cache
def _wording_patterns() -> tuple[tuple[LevelWording, re.Pattern[str]], ...]:
    """Each catalog wording's 'đạt <phrase> N' pattern, its longest phrase tried first."""
    out = []
    for w in school_level_wordings().wordings:
        alts = "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(w.phrases, key=len, reverse=True))
        out.append((w, re.compile(rf"đạt\s+(?:{alts})\s*0?(?P<n>\d)(?!\d)", re.IGNORECASE)))
    return tuple(out)


class OverallLevel(Rule):
    code = "KC311"
    slug = "overall-level-contradicts-counts"
    category = "count"
    kind = "count.overall_level"
    severity = Severity.ERROR
    title = M(vi="Mức đánh giá của trường mâu thuẫn với số tiêu chí đạt", en="School level contradicts the counts")
    doc = RuleDoc(
        what=M(vi="So mức của trường (\"Mức đánh giá: Mức 2\", \"đạt cấp độ 2\") với các câu \"đạt Mức N: a/b\" "
                  "cùng mục: trường đạt Mức N khi mọi tiêu chí có yêu cầu Mức N đều đạt (Điều 6 của Thông tư "
                  "17, 18, 19/2018). \"Chuẩn quốc gia mức độ 1\" cần Mức 2, \"mức độ 2\" cần Mức 3; \"cấp độ N\" "
                  "là Mức N (catalogs/school_levels.json). Nêu mức cao hơn là lỗi, thấp hơn là cảnh báo; khi "
                  "cách hiểu chưa chắc chắn (cấp độ; chuẩn quốc gia theo Thông tư 18) thì thấp hơn một bậc.",
               en="Compares the school's level (\"Mức đánh giá: Mức 2\", \"đạt cấp độ 2\") with the \"đạt Mức N: "
                  "a/b\" counts of the same section: a school is at Mức N when every criterion defining Mức N "
                  "meets it (Article 6 of TT 17, 18, 19/2018). \"Chuẩn quốc gia mức độ 1\" needs Mức 2, \"mức độ "
                  "2\" Mức 3; \"cấp độ N\" is Mức N (catalogs/school_levels.json). Overstating is an error, "
                  "understating a warning; one step lower where the reading is uncertain (cấp độ; the national "
                  "standard under TT 18)."),
        why=M(vi="Kết luận mức sai lệch với số liệu sẽ bị đoàn đánh giá bác bỏ và làm sai mục tiêu của kế hoạch.",
              en="A level the numbers do not support is rejected by reviewers and misdirects the plan."),
        fix=M(vi="Sửa mức cho khớp số liệu (còn tiêu chí chưa đạt Mức 2 thì trường chỉ đạt Mức 1).",
              en="Make the level match the counts (any criterion below Mức 2 keeps the school at Mức 1)."),
        fail_example=_TH_2024 + "- Số lượng tiêu chí đạt Mức 1: 27/27, tỷ lệ: 100%.\n"
        "- Số lượng tiêu chí đạt Mức 2: 24/27, tỷ lệ: 88,89%.\n\nMức đánh giá của nhà trường: Mức 2\n",
        pass_example=_TH_2024 + "- Số lượng tiêu chí đạt Mức 1: 27/27, tỷ lệ: 100%.\n"
        "- Số lượng tiêu chí đạt Mức 2: 24/27, tỷ lệ: 88,89%.\n\nMức đánh giá của nhà trường: Mức 1\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        if not plan.level_counts:
            return
        section_at = section_lookup(plan, full=True)
        by_section: dict[str | None, list[LevelCount]] = {}
        version = ctx.criteria
        for c in plan.level_counts:
            # only a count over all the criteria of its level speaks of the school: a wrong denominator (KC310)
            # or one standard's sub-count ('Tiêu chuẩn 1: đạt Mức 3: 6/6') does not
            whole = version is None or c.level not in (1, 2, 3) or c.total == defining_count(version, c.level)
            if _counts_criteria(plan, c) and whole:
                by_section.setdefault(c.span.loc.section or section_at(c.span.loc), []).append(c)
        circular = version.circular if version is not None else None
        for t in plan.texts:
            counts = by_section.get(t.loc.section)
            if not counts:
                continue
            bounds = _bounds(counts)
            if bounds is None:
                continue
            for claim in _claims(t.text, in_item=t.loc.criterion is not None, circular=circular):
                yield from self._compare(t, claim, bounds, counts)

    def _compare(self, span: Span, claim: _Claim, bounds: tuple[int, int],
                 counts: list[LevelCount]) -> Iterator[Finding]:
        lower, upper = bounds
        w = claim.wording
        said_vi = f"Mức {claim.needs}" if w is None else f"{w.vi} {claim.written} (cần Mức {claim.needs})"
        said_en = f"Mức {claim.needs}" if w is None else f"{w.en} {claim.written} (needs Mức {claim.needs})"
        if claim.needs > upper and not (claim.needs == 4 and upper == 3):
            short = next((c for c in sorted(counts, key=lambda c: c.level)
                          if c.level == upper + 1 and c.achieved and c.count < c.total), None)
            proof = f" ({short.span.text})" if short else ""
            fits = [n for n, needs in (w.levels.items() if w else ()) if needs <= upper]
            if w is None or fits:
                right = f"Mức {upper}" if w is None else f"{w.vi} {max(fits)}"
                fix_vi, fix_en = f"Viết \"{right}\"", f"Write \"{right}\""
            else:
                fix_vi, fix_en = f"Bỏ \"{w.vi} {claim.written}\"", f"Drop \"{w.vi} {claim.written}\""
            yield self.finding(
                span,
                M(vi=f"Trường được ghi đạt {said_vi}, nhưng chưa phải mọi tiêu chí đều đạt Mức {upper + 1}"
                     f"{proof}: theo số liệu, trường chỉ đạt Mức {upper}.",
                  en=f"The school is said to be at {said_en}, but not every criterion reaches Mức {upper + 1}"
                     f"{proof}: by the counts the school is at Mức {upper}."),
                suggestion=M(vi=f"{fix_vi} (hoặc sửa số liệu nếu số liệu sai).",
                             en=f"{fix_en} (or fix the counts if they are wrong)."),
                evidence=claim.evidence,
                severity=_OVERSTATED[claim.confidence],
            )
        elif claim.needs < lower and not (w is not None and w.at_least):
            yield self.finding(
                span,
                M(vi=f"Trường được ghi đạt {said_vi}, nhưng số liệu cho thấy mọi tiêu chí đã đạt Mức {lower}.",
                  en=f"The school is said to be at {said_en}, but the counts show every criterion at Mức {lower}."),
                suggestion=M(vi=f"Viết \"Mức {lower}\", hoặc sửa số liệu.",
                             en=f"Write \"Mức {lower}\", or fix the counts."),
                evidence=claim.evidence,
                severity=_UNDERSTATED[claim.confidence],
            )


# How sure the reading of a claim is sets how loud a contradiction is.
_OVERSTATED = {Confidence.HIGH: Severity.ERROR, Confidence.MEDIUM: Severity.WARNING, Confidence.LOW: Severity.INFO}
_UNDERSTATED = {Confidence.HIGH: Severity.WARNING, Confidence.MEDIUM: Severity.INFO, Confidence.LOW: Severity.INFO}


def _claims(text: str, *, in_item: bool, circular: str | None) -> list[_Claim]:
    """Each statement of the school's level in ``text``; goals, history and a criterion's or standard's own level
    are not claims."""
    out: list[_Claim] = []
    for sentence in _SENTENCE.finditer(text):
        words = sentence.group(0)
        if _HISTORY.search(words):
            continue
        found: list[tuple[re.Match[str], int, LevelWording | None, Confidence]] = []
        found += [(m, int(m["n"]), None, Confidence.HIGH) for m in _ASSESSED.finditer(words)]
        if not in_item:
            found += [(m, int(m["n"]), None, Confidence.HIGH) for m in _SCHOOL_CLAIM.finditer(words)]
            for wording, pattern in _wording_patterns():
                found += [(m, wording.levels[int(m["n"])], wording, wording.confidence_for(circular))
                          for m in pattern.finditer(words) if int(m["n"]) in wording.levels]
        for m, needs, wording, confidence in found:
            at = m.start("claim") if "claim" in m.groupdict() else m.start()
            # 'Trường đạt Mức 3 ở 14 tiêu chí' counts criteria: a school claim names none in its sentence
            part = words if m.re is _SCHOOL_CLAIM else words[:at]
            if _GOAL.search(words[max(0, at - 40):at]) or (m.re is not _ASSESSED and _PART.search(part)):
                continue
            evidence = m.group("claim") if "claim" in m.groupdict() else m.group(0)
            out.append(_Claim(evidence, int(m["n"]), needs, wording, confidence))
    return out
