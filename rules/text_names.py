"""One name spelt two ways in one plan (KC610): place and school names, quoted event names."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from kclint.engine import Context, Rule, RuleDoc
from kclint.model import Finding, PersonName, Plan, Severity, line_of
from kclint.model import Message as M
from kclint.textnorm import fold
from kclint.vietnamese import appendix_start, given_name_slip, name_variants, same_person

_APOSTROPHES = re.compile(r"[’'ʼ]")
_LETTERS = re.compile(r"[^\W\d_]+")


def _appendix(plan: Plan) -> set[int]:
    """Indices of ``plan.texts`` in an appendix: after 'Kèm theo kế hoạch ...'/'PHỤ LỤC', or schedule cells."""
    texts = [s.text for s in plan.texts]
    start = appendix_start(texts)
    out = set(range(start, len(texts))) if start is not None else set()
    schedule_tables = {r.span.loc.table for r in plan.schedule if r.span.loc.table is not None}
    out.update(i for i, s in enumerate(plan.texts) if s.loc.table is not None and s.loc.table in schedule_tables)
    return out


@dataclass(frozen=True)
class _PersonVariant:
    rare: list[PersonName]
    common: list[PersonName]
    tie: bool
    apostrophe: bool = False  # only the apostrophe's glyph differs ('H’Linh' / "H'Linh")
    post: str | None = None  # another given name, written with one post: the post ('phó hiệu trưởng')


def _person_key(p: PersonName) -> tuple[str, ...]:
    """The name as compared: case and tone placement make no other spelling ('LÊ VĂN THÀNH' signs for
    'Lê Văn Thành'), nor does the apostrophe's glyph (judged apart, see ``person_variants``)."""
    return tuple(fold(_APOSTROPHES.sub("'", w)) for w in p.span.text.split())


def person_variants(persons: list[PersonName]) -> list[_PersonVariant]:
    """One person's name written two ways (``same_person``). Two spellings each written twice or more, or
    both in one line ('Nguyễn Thị Hà, Nguyễn Thị Hạ'), are two people. A name whose apostrophe is another
    glyph in fewer places than the rest is one person's, whatever the counts."""
    forms: dict[tuple[tuple[str, ...], tuple[str, ...]], list[PersonName]] = defaultdict(list)
    for p in persons:
        forms[(_person_key(p), tuple(_APOSTROPHES.findall(p.span.text)))].append(p)
    keys = list(forms)
    out: list[_PersonVariant] = []
    for i, (x, gx) in enumerate(keys):
        for y, gy in keys[i + 1 :]:
            a, b = forms[(x, gx)], forms[(y, gy)]
            if x == y:
                if len(a) != len(b):
                    rare, common = (a, b) if len(a) < len(b) else (b, a)
                    out.append(_PersonVariant(rare, common, False, apostrophe=True))
                continue
            post = None if same_person(x, y) else _one_post(x, y, a, b)
            if post is None and not same_person(x, y):
                continue
            if min(len(a), len(b)) >= 2 or {line_of(p.span.loc) for p in a} & {line_of(p.span.loc) for p in b}:
                continue
            if len(a) != len(b):
                rare, common = (a, b) if len(a) < len(b) else (b, a)
                out.append(_PersonVariant(rare, common, False, post=post))
            else:  # once each, nothing says which is right (the signer's own line is no surer): both, softly
                out.extend((_PersonVariant(a, b, True, post=post), _PersonVariant(b, a, True, post=post)))
    return out


def _one_post(x: tuple[str, ...], y: tuple[str, ...], a: list[PersonName], b: list[PersonName]) -> str | None:
    """The post both names are written with when they differ only in a given name of the same first sound
    ('Phó Hiệu trưởng Đặng Thu Hà' / 'Phó Hiệu trưởng Đặng Thu Hằng'): one or two people hold it, so two
    holders with one surname and middle name are less likely than one name misremembered."""
    if not given_name_slip(x, y):
        return None
    posts = {p.office for p in a} & {p.office for p in b}
    posts.discard(None)
    return min(posts) if posts else None  # type: ignore[type-var]


def _words(text: str) -> tuple[str, ...]:
    return tuple(_LETTERS.findall(fold(text)))


def _header_lines(plan: Plan) -> list[tuple[str, ...]]:
    """The header's names as folded words: the issuing body's lines ('UBND XÃ HÒA MAI', 'TRƯỜNG MẦM NON HOA
    MAI') and the place of the place-and-date line."""
    lines = [_words(s.text) for s in plan.header.issuing_body]
    return lines + ([_words(plan.header.place)] if plan.header.place else [])


def _in_header(name: str, lines: list[tuple[str, ...]]) -> bool:
    words = _words(name)
    return any(line[i:i + len(words)] == words for line in lines for i in range(len(line) - len(words) + 1))


def _in_person(plan: Plan) -> dict[tuple[int | None, ...], list[tuple[int, int]]]:
    """Where each person name is, by line: (start, end) offsets."""
    out: dict[tuple[int | None, ...], list[tuple[int, int]]] = defaultdict(list)
    for p in plan.facts.persons:
        out[line_of(p.span.loc)].append((p.offset, p.offset + len(p.span.text)))
    return out


class NameConsistency(Rule):
    code = "KC610"
    slug = "name-consistency"
    category = "consistency"
    kind = "consistency.name"
    severity = Severity.WARNING
    title = M(vi="Tên riêng viết không thống nhất", en="Inconsistent spelling of a name")
    doc = RuleDoc(
        what=M(
            vi="Tìm tên riêng (tên xã, tên trường: các chữ viết hoa liền nhau) và tên hoạt động trong ngoặc kép "
            "xuất hiện trong cùng kế hoạch với hai cách viết chỉ khác dấu hoặc một chữ cái (Phiêng Lầu / Phiêng "
            "Lâu). Báo cách viết ít gặp hơn; nếu cách viết đó chỉ có ở phụ lục còn phần nội dung viết khác, "
            "loại lỗi là consistency.body_vs_appendix. Hai cách viết mà phần đầu văn bản đều ghi (tên xã "
            "'UBND XÃ BÌNH ÂN' và tên trường 'TRƯỜNG TIỂU HỌC BÌNH AN') là tên của hai nơi, không bị báo. "
            "Họ tên người (sau chức danh, danh xưng 'Bà', 'Thầy', 'Đ/c', "
            "trong cột 'Họ và tên'/'Người thực hiện', ở chỗ ký tên) được so với nhau: một dấu, một chữ cái, i/y, "
            "bỏ chữ 'Thị', đảo hai tên của cùng một người thì bị báo; hai cách viết mỗi cách từ hai lần trở lên, "
            "hoặc cùng trong một dòng, là hai người và không bị báo; chữ in hoa ở chỗ ký tên và chức danh trước "
            "tên không làm thành cách viết khác.",
            en="Finds proper names (commune and school names: runs of capitalised words) and quoted event names "
            "written two ways in one plan, differing only by diacritics or one letter (Phiêng Lầu / Phiêng "
            "Lâu). The rarer spelling is reported; when it occurs only in the appendix and the body writes the "
            "other, the kind is consistency.body_vs_appendix. Two spellings the header both writes (the "
            "commune's 'UBND XÃ BÌNH ÂN' and the school's 'TRƯỜNG TIỂU HỌC BÌNH AN') name two bodies and are not "
            "reported. People's full names (after a title or form of address "
            "such as 'Bà', 'Thầy', 'Đ/c', in a 'Họ và tên'/'Người thực hiện' column, the signer) are compared too: "
            "one mark, one letter, i/y, a dropped 'Thị' or two names swapped is reported; two spellings each "
            "written twice or more, or both in one line, are two people and are not; a capitalised signature or "
            "a title before the name makes no other spelling.",
        ),
        why=M(
            vi="Tên cơ quan, địa danh, hoạt động phải viết thống nhất; viết sai tên là lỗi nặng trong văn bản "
            "hành chính.",
            en="Names of bodies, places and events must be written consistently; a misspelt name is a serious "
            "flaw in an official document.",
        ),
        fix=M(
            vi="Sửa theo cách viết đúng (thường là cách viết ở phần nội dung, hoặc cách gặp nhiều hơn).",
            en="Use the right spelling (usually the body's, or the more frequent one).",
        ),
        fail_example=(
            "KẾ HOẠCH TỔ CHỨC HOẠT ĐỘNG NĂM HỌC 2025-2026\n\n"
            "Trường Mầm non xã Pá Khoang tổ chức ngày hội “Bé vui đón trung thu” cho trẻ.\n\n"
            "Ban giám hiệu Trường Mầm non xã Pá Khoang phân công giáo viên chuẩn bị.\n\n"
            "PHỤ LỤC\n\n"
            "Tháng 9: ngày hội “Bé vui đón trung thư”.\n"
        ),
        pass_example=(
            "KẾ HOẠCH TỔ CHỨC HOẠT ĐỘNG NĂM HỌC 2025-2026\n\n"
            "Trường Mầm non xã Pá Khoang tổ chức ngày hội “Bé vui đón trung thu” cho trẻ.\n\n"
            "PHỤ LỤC\n\n"
            "Tháng 9: ngày hội “Bé vui đón trung thu”.\n"
        ),
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        yield from self._names(plan)
        for v in person_variants(plan.facts.persons):
            common = v.common[0].span.text
            for occ in v.rare:
                text = occ.span.text
                post = M(vi=f", cùng chức danh '{v.post}'", en=f", with the same post ('{v.post}')") if v.post \
                    else M(vi="", en="")
                yield self.finding(
                    occ.span,
                    M(vi=f"Họ tên '{text}' ở chỗ khác được viết là '{common}' ({len(v.common)} lần, cách viết "
                         f"này {len(v.rare)} lần{post.vi}): có thể là một người viết hai cách.",
                      en=f"The name '{text}' is written '{common}' elsewhere ({len(v.common)} times, this "
                         f"spelling {len(v.rare)}{post.en}): probably one person written two ways."),
                    suggestion=M(vi=f"Thống nhất họ tên: '{common}' (kiểm tra lại tên đúng).",
                                 en=f"Write the name one way: '{common}' (check which is right)."),
                    # A tie cannot say which is right; another apostrophe is a blemish, not another name;
                    # another given name under one post may still be a second holder.
                    severity=Severity.INFO if v.tie or v.apostrophe or v.post else self.severity,
                    evidence=text,
                )

    def _names(self, plan: Plan) -> Iterator[Finding]:
        """Place, school and event names; a run inside a person's name is the person check's."""
        persons = _in_person(plan)
        texts = [s.text for s in plan.texts]
        header = _header_lines(plan)
        for v in name_variants(texts, _appendix(plan)):
            common = v.common
            # The header writes both: two bodies' own names ('UBND XÃ HÒA MAI' over 'TRƯỜNG MẦM NON HOA
            # MAI'), each spelt as its issuer spells it, not one name with a slip.
            if _in_header(v.rare, header) and _in_header(common, header):
                continue
            for occ in v.occurrences:
                if any(a < occ.end and occ.start < b for a, b in persons.get(line_of(plan.texts[occ.index].loc), ())):
                    continue
                if v.kind == "consistency.body_vs_appendix":
                    message = M(
                        vi=f"Phụ lục viết '{occ.text}' nhưng phần nội dung viết '{common}'.",
                        en=f"The appendix writes '{occ.text}' but the body writes '{common}'.",
                    )
                else:
                    message = M(
                        vi=f"'{occ.text}' được viết là '{common}' ở chỗ khác trong kế hoạch "
                        f"({v.common_count} lần, cách viết này {v.rare_count} lần).",
                        en=f"'{occ.text}' is written '{common}' elsewhere in the plan "
                        f"({v.common_count} times, this spelling {v.rare_count}).",
                    )
                yield self.finding(
                    plan.texts[occ.index],
                    message,
                    suggestion=M(
                        vi=f"Thống nhất cách viết: '{common}' (kiểm tra lại tên đúng).",
                        en=f"Write the name one way: '{common}' (check which is right).",
                    ),
                    # Equal counts with nothing to say which spelling is right: a note, not a warning.
                    severity=Severity.INFO if v.tie else self.severity,
                    kind=v.kind,
                    evidence=occ.text,
                )
