"""Administrative form of a plan (Nghị định 30/2020/NĐ-CP, Phụ lục I): number and symbol, place and date,
title, national motto and issuing body, recipients, signer, page setup and fonts.

Confidence follows shared/reference/nd30_rules.md: rules the Decree states plainly (V) or the annotated
plans confirm may be errors; the rest are warnings or notes. Absence findings quote the plan's title
(nothing else is there to quote) and name what is missing; they never write the missing part.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kclint.citations import normalise_symbol, number_key
from kclint.dates import find_full_dates, short_date, worded_date
from kclint.engine import Context, Family, Rule, RuleDoc
from kclint.model import Finding, Plan, Severity, Span, TextStyle
from kclint.model import Message as M
from kclint.rules._catalog_helpers import names_the_plan
from kclint.rules._form_helpers import closing_anchor, title_anchor
from kclint.textnorm import fold

_TITLE = "KẾ HOẠCH\nCải tiến chất lượng giáo dục năm học 2025-2026\n\n"
_NUMBER = "Số: 12/KH-MNAB\n\n"
_DATE = "An Bình, ngày 14 tháng 10 năm 2025\n\n"
_BODY = "I. MỤC ĐÍCH, YÊU CẦU\n\nNâng cao chất lượng chăm sóc, giáo dục trẻ.\n\n"
_CLOSING = "Trên đây là kế hoạch cải tiến chất lượng năm học 2025-2026 của nhà trường./.\n\n"
_RECIPIENTS = "Nơi nhận:\n- Phòng GDĐT (để b/c);\n- Lưu: VT.\n\n"
_SIGNER = "HIỆU TRƯỞNG\n\nNguyễn Thị Lan\n"
_PLAN = _NUMBER + _DATE + _TITLE + _BODY + _CLOSING + _RECIPIENTS + _SIGNER


def _plan(**parts: str) -> str:
    """The example plan with some of its parts replaced (``number=''`` drops the number line)."""
    defaults = {"number": _NUMBER, "date": _DATE, "title": _TITLE, "body": _BODY, "closing": _CLOSING,
                "recipients": _RECIPIENTS, "signer": _SIGNER}
    defaults.update(parts)
    return "".join(defaults.values())


# ----------------------------------------------------------------------------- number and symbol


class MissingNumber(Rule):
    code = "KC501"
    slug = "missing-number"
    category = "format"
    kind = "format.missing_number"
    severity = Severity.ERROR
    title = M(vi="Thiếu số, ký hiệu văn bản", en="No document number and symbol")
    doc = RuleDoc(
        what=M(vi="Kế hoạch không có dòng \"Số: …/KH-…\" (ô 3 của thể thức, dưới tên cơ quan ban hành).",
               en="The plan has no \"Số: …/KH-…\" line (box 3 of the form, under the issuing body)."),
        why=M(vi="Nghị định 30/2020 (Phụ lục I; Điều 15): văn bản phải được đăng ký số, ký hiệu để quản lý và "
                 "trích dẫn; kế hoạch không số không thể viện dẫn.",
              en="Decree 30/2020 (Annex I; art. 15): a document is registered with a number and symbol so it "
                 "can be filed and cited; an unnumbered plan cannot be referred to."),
        fix=M(vi="Thêm dòng \"Số: <số>/KH-<viết tắt tên trường>\" dưới tên trường, ví dụ \"Số: 05/KH-MNAB\" "
                 "(số lấy theo sổ đăng ký văn bản đi của trường).",
              en="Add \"Số: <number>/KH-<school code>\" under the school name, e.g. \"Số: 05/KH-MNAB\" (the "
                 "number comes from the school's outgoing register)."),
        fail_example=_plan(number=""),
        pass_example=_PLAN,
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        anchor = title_anchor(plan)
        if plan.header.number is not None or anchor is None:
            return
        yield self.finding(
            anchor,
            M(vi="Kế hoạch không có số, ký hiệu (dòng \"Số: …/KH-…\").",
              en="The plan has no number and symbol (\"Số: …/KH-…\" line)."),
            suggestion=M(vi="Thêm \"Số: <số>/KH-<viết tắt tên trường>\" dưới tên trường, theo sổ văn bản đi.",
                         en="Add \"Số: <number>/KH-<school code>\" under the school name, from the outgoing "
                            "register."),
        )


_SO = re.compile(r"^\s*(?P<so>Số|SỐ|số)\s*(?P<colon>:?)")
# A legal document's symbol carries its year before the type ('19/2018/TT-BGDĐT': NĐ 30, Phụ lục I).
_SYMBOL_CHARS = re.compile(r"^(?:\d{4}/)?[A-ZĐ0-9&.\-]+$")
# A blank template's symbol ('Số: …/KH…'): KC5023 reports the unfilled line, the symbol is not judged.
_PLACEHOLDER = re.compile(r"…|\.\.")


# KC502 bundled six checks of the number line with three severities; each is now a rule of its own, and
# 'KC502' / 'number-symbol-form' still select the six.
NUMBER_SYMBOL = Family(code="KC502", slug="number-symbol-form",
                       title=M(vi="Số, ký hiệu viết sai thể thức", en="Malformed number and symbol"))
_NUMBER_WHY = M(vi="Nghị định 30/2020, Phụ lục I và III: số và ký hiệu viết liền, \"Số\" viết hoa chữ đầu và có dấu "
                   "hai chấm, số nhỏ hơn 10 có số 0 phía trước; ký hiệu gồm chữ viết tắt tên loại văn bản (KH) và "
                   "tên cơ quan ban hành, viết hoa.",
                en="Decree 30/2020, Annexes I and III: number and symbol are written without spaces, \"Số\" with a "
                   "capital and a colon, numbers below 10 with a leading zero; the symbol is the type abbreviation "
                   "(KH) and the issuer's abbreviation, in capitals.")


class _NumberLine(Rule):
    """One check of the plan's own 'Số: …/KH-…' line (the parts the header parsed)."""

    category = "format"
    kind = "format.number_symbol"
    family = NUMBER_SYMBOL

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        h = plan.header
        if h.number is None or h.number_text is None or h.symbol is None or h.compact_symbol is None:
            return
        yield from self.check_line(plan, h.number, h.number_text, h.symbol, h.compact_symbol)

    def check_line(self, plan: Plan, span: Span, num: str, sym: str, compact: str) -> Iterator[Finding]:
        raise NotImplementedError


def _blank(num: str) -> bool:
    return not num.strip(".… ")


def _written_right(num: str, compact: str) -> str:
    return f"Số: {num or '…'}/{compact}"


class NumberSpacing(_NumberLine):
    code = "KC5021"
    slug = "number-symbol-spacing"
    severity = Severity.ERROR
    title = M(vi="Số, ký hiệu có dấu cách", en="Spaces in the number and symbol")
    doc = RuleDoc(
        what=M(vi="Dòng \"Số: …/KH-…\" có dấu cách quanh \"/\" hoặc trong ký hiệu (\"Số: 12 /KH-MNAB\", "
                  "\"KH - MNAB\").",
               en="The \"Số: …/KH-…\" line has spaces around \"/\" or inside the symbol (\"Số: 12 /KH-MNAB\", "
                  "\"KH - MNAB\")."),
        why=_NUMBER_WHY,
        fix=M(vi="Viết liền, ví dụ \"Số: 05/KH-MNAB\".", en="Write it without spaces, e.g. \"Số: 05/KH-MNAB\"."),
        fail_example=_plan(number="Số: 12 /KH-MNAB\n\n"),
        pass_example=_PLAN,
    )

    def check_line(self, plan: Plan, span: Span, num: str, sym: str, compact: str) -> Iterator[Finding]:
        raw = span.text
        if not _blank(num) and (re.search(r"\s/|/\s", raw) or re.search(r"\s", sym)):
            right = _written_right(num, compact)
            yield self.finding(
                span,
                M(vi=f"\"{raw}\": số và ký hiệu phải viết liền, không có dấu cách quanh \"/\" hoặc \"-\".",
                  en=f"\"{raw}\": number and symbol are written without spaces around \"/\" or \"-\"."),
                suggestion=M(vi=f"Viết \"{right}\".", en=f"Write \"{right}\"."),
            )


class NumberLabel(_NumberLine):
    code = "KC5022"
    slug = "number-label-form"
    severity = Severity.WARNING
    title = M(vi="Chữ \"Số:\" viết sai", en="The \"Số:\" label is malformed")
    doc = RuleDoc(
        what=M(vi="Chữ đứng trước số phải là \"Số:\": chữ S hoa, các chữ sau thường, có dấu hai chấm (không "
                  "phải \"Số 12/…\", \"SỐ: 12/…\").",
               en="The number is introduced by \"Số:\": a capital S, lower-case rest, with a colon (not \"Số "
                  "12/…\" or \"SỐ: 12/…\")."),
        why=_NUMBER_WHY,
        fix=M(vi="Viết \"Số: 05/KH-MNAB\".", en="Write \"Số: 05/KH-MNAB\"."),
        fail_example=_plan(number="Số 12/KH-MNAB\n\n"),
        pass_example=_PLAN,
    )

    def check_line(self, plan: Plan, span: Span, num: str, sym: str, compact: str) -> Iterator[Finding]:
        so = _SO.match(span.text)
        if so and (so["so"] != "Số" or not so["colon"]):
            right = _written_right(num, compact)
            yield self.finding(
                span,
                M(vi=f"\"{so.group(0).strip()}\": viết \"Số:\" (chữ S hoa, các chữ sau thường, có dấu hai chấm).",
                  en=f"\"{so.group(0).strip()}\": write \"Số:\" (capital S, lower-case rest, with a colon)."),
                suggestion=M(vi=f"Viết \"{right}\".", en=f"Write \"{right}\"."),
                evidence=so.group(0).strip(),
            )


class NumberBlank(_NumberLine):
    code = "KC5023"
    slug = "number-not-filled"
    severity = Severity.WARNING
    title = M(vi="Chưa điền số văn bản", en="No number filled in")
    doc = RuleDoc(
        what=M(vi="Dòng \"Số:\" chỉ có ký hiệu, chưa có số (\"Số:      /KH-MNAB\", \"Số: …/KH-MNAB\"): bản "
                  "nháp chưa đăng ký.",
               en="The \"Số:\" line has the symbol but no number (\"Số:      /KH-MNAB\", \"Số: …/KH-MNAB\"): a "
                  "draft not yet registered."),
        why=_NUMBER_WHY,
        fix=M(vi="Điền số theo sổ đăng ký văn bản đi trước khi ban hành.",
              en="Fill in the number from the outgoing register before issuing."),
        fail_example=_plan(number="Số:      /KH-MNAB\n\n"),
        pass_example=_PLAN,
    )

    def check_line(self, plan: Plan, span: Span, num: str, sym: str, compact: str) -> Iterator[Finding]:
        if _blank(num):
            yield self.finding(
                span,
                M(vi="Dòng số, ký hiệu chưa điền số văn bản.", en="The number line has no number filled in."),
                suggestion=self.doc.fix,
            )


class NumberLeadingZero(_NumberLine):
    code = "KC5024"
    slug = "number-leading-zero"
    severity = Severity.WARNING
    title = M(vi="Số nhỏ hơn 10 thiếu số 0 phía trước", en="A number below 10 without its leading zero")
    doc = RuleDoc(
        what=M(vi="Số văn bản nhỏ hơn 10 viết một chữ số (\"Số: 5/KH-MNAB\"); thể thức viết \"05\".",
               en="A document number below 10 written with one digit (\"Số: 5/KH-MNAB\"); the form writes "
                  "\"05\"."),
        why=_NUMBER_WHY,
        fix=M(vi="Viết \"Số: 05/KH-MNAB\".", en="Write \"Số: 05/KH-MNAB\"."),
        fail_example=_plan(number="Số: 5/KH-MNAB\n\n"),
        pass_example=_PLAN,
    )

    def check_line(self, plan: Plan, span: Span, num: str, sym: str, compact: str) -> Iterator[Finding]:
        if num.isdigit() and len(num) == 1:
            yield self.finding(
                span,
                M(vi=f"Số \"{num}\" nhỏ hơn 10 phải viết có số 0 phía trước: \"0{num}\".",
                  en=f"Number \"{num}\" is below 10 and takes a leading zero: \"0{num}\"."),
                suggestion=M(vi=f"Viết \"Số: 0{num}/{compact}\".", en=f"Write \"Số: 0{num}/{compact}\"."),
                # The whole 'Số: 5/KH-…' line: a lone digit says nothing a reviewer can find in the page.
                evidence=span.text.strip(),
            )


class NumberWithLetter(_NumberLine):
    code = "KC5025"
    slug = "number-with-letter"
    severity = Severity.INFO
    title = M(vi="Số văn bản có chữ cái kèm theo", en="A document number with a letter")
    doc = RuleDoc(
        what=M(vi="Số văn bản có chữ cái kèm theo (\"Số: 12a/KH-MNAB\"): số là số thứ tự trong sổ đăng ký, "
                  "thường chỉ gồm chữ số (ghi chú).",
               en="A document number carrying a letter (\"Số: 12a/KH-MNAB\"): the number is a position in the "
                  "register, normally digits only (a note)."),
        why=_NUMBER_WHY,
        fix=M(vi="Dùng số đã cấp trong sổ văn bản đi.", en="Use the number from the register."),
        fail_example=_plan(number="Số: 12a/KH-MNAB\n\n"),
        pass_example=_PLAN,
    )

    def check_line(self, plan: Plan, span: Span, num: str, sym: str, compact: str) -> Iterator[Finding]:
        if re.fullmatch(r"\d+[a-zA-Z]", num):
            yield self.finding(
                span,
                M(vi=f"Số \"{num}\" có chữ cái kèm theo: số văn bản là số thứ tự trong sổ đăng ký, thường chỉ "
                     "gồm chữ số; kiểm tra lại số đã đăng ký.",
                  en=f"Number \"{num}\" carries a letter: a document number is its position in the register, "
                     "normally digits only; check the registered number."),
                suggestion=self.doc.fix,
                evidence=num,
            )


class SymbolForm(_NumberLine):
    code = "KC5026"
    slug = "symbol-form"
    severity = Severity.WARNING
    title = M(vi="Ký hiệu viết sai thể thức", en="Malformed symbol")
    doc = RuleDoc(
        what=M(vi="Ký hiệu sau dấu \"/\" chỉ gồm chữ in hoa, chữ số và gạch nối, và với kế hoạch bắt đầu bằng "
                  "\"KH-\" (\"Số: 12/kh-mnab\", \"Số: 12/QĐ-MNAB\" là sai).",
               en="The symbol after \"/\" holds capitals, digits and hyphens only and, for a plan, starts with "
                  "\"KH-\" (\"Số: 12/kh-mnab\", \"Số: 12/QĐ-MNAB\" are wrong)."),
        why=_NUMBER_WHY,
        fix=M(vi="Viết dạng \"KH-<VIẾT TẮT TÊN TRƯỜNG>\", ví dụ \"KH-MNAB\".",
              en="Write \"KH-<SCHOOL CODE>\", e.g. \"KH-MNAB\"."),
        fail_example=_plan(number="Số: 12/kh-mnab\n\n"),
        pass_example=_PLAN,
    )

    def check_line(self, plan: Plan, span: Span, num: str, sym: str, compact: str) -> Iterator[Finding]:
        if _blank(num) and _PLACEHOLDER.search(compact):
            return
        problems_vi, problems_en = [], []
        if re.search(r"[a-zđ]", compact) or not _SYMBOL_CHARS.match(compact.upper()):
            problems_vi.append("ký hiệu chỉ gồm chữ in hoa, chữ số và gạch nối")
            problems_en.append("a symbol holds capitals, digits and hyphens only")
        if plan.title is not None and (plan.header.type_abbreviation or "").upper() != "KH":
            problems_vi.append("ký hiệu của kế hoạch bắt đầu bằng \"KH-\" (Phụ lục III)")
            problems_en.append("a plan's symbol starts with \"KH-\" (Annex III)")
        if problems_vi:
            yield self.finding(
                span,
                M(vi=f"Ký hiệu \"{sym}\": " + "; ".join(problems_vi) + ".",
                  en=f"Symbol \"{sym}\": " + "; ".join(problems_en) + "."),
                suggestion=self.doc.fix,
                evidence=sym,
            )


# ----------------------------------------------------------------------------- place and date


class MissingIssueDate(Rule):
    code = "KC503"
    slug = "missing-issue-date"
    category = "format"
    kind = "format.missing_issue_date"
    severity = Severity.ERROR
    title = M(vi="Thiếu địa danh, ngày tháng ban hành", en="No place and date of issue")
    doc = RuleDoc(
        what=M(vi="Kế hoạch không có dòng \"<Địa danh>, ngày … tháng … năm …\" (ô 4), hoặc dòng đó chưa điền "
                  "ngày.",
               en="The plan has no \"<Place>, ngày … tháng … năm …\" line (box 4), or the line has no date "
                  "filled in."),
        why=M(vi="Ngày ban hành là mốc hiệu lực của kế hoạch và là căn cứ để kiểm tra mọi thời hạn trong đó "
                 "(Nghị định 30/2020, Phụ lục I).",
              en="The issue date is when the plan takes effect and the reference for every deadline in it "
                 "(Decree 30/2020, Annex I)."),
        fix=M(vi="Thêm dòng, ví dụ \"An Bình, ngày 14 tháng 10 năm 2025\", dưới Quốc hiệu, Tiêu ngữ.",
              en="Add the line, e.g. \"An Bình, ngày 14 tháng 10 năm 2025\", under the national motto."),
        fail_example=_plan(date=""),
        pass_example=_PLAN,
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        pd = plan.header.place_date
        if pd is None:
            anchor = title_anchor(plan)
            if anchor is None:
                return
            yield self.finding(
                anchor,
                M(vi="Kế hoạch không có địa danh và ngày tháng ban hành (dòng \"…, ngày … tháng … năm …\").",
                  en="The plan has no place and date of issue (\"…, ngày … tháng … năm …\" line)."),
                suggestion=M(vi="Thêm \"<Địa danh>, ngày … tháng … năm …\" dưới Quốc hiệu, Tiêu ngữ.",
                             en="Add \"<Place>, ngày … tháng … năm …\" under the national motto."),
            )
        elif plan.header.issue_date is None and not find_full_dates(pd.text):
            # An impossible date ('ngày 31 tháng 02') is KC105's; here the date is simply not filled in.
            yield self.finding(
                pd,
                M(vi=f"\"{pd.text}\": chưa ghi đủ ngày, tháng, năm ban hành.",
                  en=f"\"{pd.text}\": the day, month and year of issue are not all filled in."),
                suggestion=M(vi="Ghi đủ ngày ký, ví dụ \"ngày 14 tháng 10 năm 2025\".",
                             en="Write the full signing date, e.g. \"ngày 14 tháng 10 năm 2025\"."),
            )


class IssueDateForm(Rule):
    code = "KC504"
    slug = "issue-date-leading-zero"
    category = "format"
    kind = "format.date_leading_zero"
    severity = Severity.ERROR
    title = M(vi="Ngày ban hành viết sai số 0 đứng trước", en="Issue date with wrong leading zeros")
    doc = RuleDoc(
        what=M(vi="Trong dòng địa danh, ngày tháng: ngày nhỏ hơn 10 và tháng 1, 2 phải có số 0 phía trước "
                  "(\"ngày 05 tháng 02\"); các tháng khác không có (\"tháng 9\", không phải \"tháng 09\"). Địa "
                  "danh viết hoa chữ đầu.",
               en="In the place-and-date line: days below 10 and months 1 and 2 take a leading zero (\"ngày 05 "
                  "tháng 02\"); other months do not (\"tháng 9\", not \"tháng 09\"). The place starts with a "
                  "capital."),
        why=M(vi="Nghị định 30/2020, Phụ lục I quy định cách viết ngày tháng năm ban hành văn bản.",
              en="Decree 30/2020, Annex I prescribes how the date of issue is written."),
        fix=M(vi="Ví dụ \"ngày 18 tháng 9 năm 2023\", \"ngày 05 tháng 01 năm 2025\".",
              en="E.g. \"ngày 18 tháng 9 năm 2023\", \"ngày 05 tháng 01 năm 2025\"."),
        fail_example=_plan(date="An Bình, ngày 18 tháng 09 năm 2025\n\n"),
        pass_example=_plan(date="An Bình, ngày 05 tháng 01 năm 2026\n\n"),
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        pd = plan.header.place_date
        if pd is None:
            return
        dates = [d for d in find_full_dates(pd.text) if d.text.lower().startswith("ngày")]
        if dates:
            d = dates[0]
            day, month = int(d.day_text), int(d.month_text)
            day_ok = len(d.day_text) == 2 if day < 10 else not d.day_text.startswith("0")
            month_ok = len(d.month_text) == 2 if month <= 2 else not d.month_text.startswith("0")
            if not (day_ok and month_ok):
                month_right = f"{month:02d}" if month <= 2 else str(month)
                right = worded_date(d.value) if d.value else f"ngày {day:02d} tháng {month_right} năm {d.year_text}"
                yield self.finding(
                    pd,
                    M(vi=f"\"{d.text}\": ngày dưới 10 và tháng 1, 2 có số 0 phía trước, các tháng khác không có.",
                      en=f"\"{d.text}\": days below 10 and months 1, 2 take a leading zero; other months do not."),
                    suggestion=M(vi=f"Viết \"{right}\".", en=f"Write \"{right}\"."),
                    evidence=d.text,
                )
        elif plan.header.issue_date is not None:
            yield self.finding(
                pd,
                M(vi=f"\"{pd.text}\": ngày ban hành viết đầy đủ bằng chữ \"ngày … tháng … năm …\", không viết "
                     "dạng số gạch chéo.",
                  en=f"\"{pd.text}\": the issue date is written out as \"ngày … tháng … năm …\", not in "
                     "figures with slashes."),
                suggestion=M(vi=f"Viết \"{worded_date(plan.header.issue_date)}\".",
                             en=f"Write \"{worded_date(plan.header.issue_date)}\"."),
                severity=Severity.WARNING, kind="format.place_date",
            )
        place = plan.header.place or ""
        if not place:
            yield self.finding(
                pd,
                M(vi=f"\"{pd.text}\": thiếu địa danh trước ngày tháng (\"<Địa danh>, ngày … tháng … năm …\").",
                  en=f"\"{pd.text}\": no place name before the date (\"<Place>, ngày … tháng … năm …\")."),
                suggestion=M(vi=f"Viết \"<tên xã/phường nơi trường đóng>, {pd.text}\".",
                             en=f"Write \"<the school's commune or ward>, {pd.text}\"."),
                severity=Severity.WARNING, kind="format.place_date",
            )
        elif not place[0].isupper() and any(c.isalpha() for c in place):  # '…………, ngày …': a blank template
            yield self.finding(
                pd,
                M(vi=f"Địa danh \"{place}\" phải viết hoa chữ cái đầu.",
                  en=f"The place name \"{place}\" starts with a capital letter."),
                suggestion=M(vi=f"Viết \"{place[0].upper() + place[1:]}\".",
                             en=f"Write \"{place[0].upper() + place[1:]}\"."),
                severity=Severity.WARNING, evidence=place, kind="format.place_date",
            )


class OwnDateMismatch(Rule):
    code = "KC505"
    slug = "own-number-date-mismatch"
    category = "format"
    kind = "format.self_reference"
    severity = Severity.WARNING
    title = M(vi="Số hoặc ngày của chính kế hoạch ghi lại không khớp",
              en="The plan's own number or date restated differently")
    doc = RuleDoc(
        what=M(vi="Khi phụ lục (\"Kèm theo kế hoạch số …, ngày …\"), câu kết (\"Trên đây là Kế hoạch số …\") "
                  "hoặc nội dung nhắc lại số, ký hiệu của chính kế hoạch, số và ngày phải trùng với dòng \"Số:\" "
                  "và ngày ban hành ở đầu văn bản.",
               en="Where an appendix (\"Kèm theo kế hoạch số …, ngày …\"), the closing sentence (\"Trên đây là "
                  "Kế hoạch số …\") or the text restates the plan's own number and symbol, number and date must "
                  "match the \"Số:\" line and the issue date."),
        why=M(vi="Hai số hoặc hai ngày khác nhau cho cùng một văn bản làm phụ lục tách khỏi kế hoạch và gây "
                 "nhầm khi trích dẫn.",
              en="Two numbers or dates for one document detach the appendix from its plan and confuse "
                 "citations."),
        fix=M(vi="Sửa dòng nhắc lại cho khớp với số và ngày ban hành ở đầu kế hoạch.",
              en="Make the restatement match the number and date at the head of the plan."),
        fail_example=_PLAN + "\nPHỤ LỤC\n\n(Kèm theo kế hoạch số 12/KH-MNAB ngày 15 tháng 10 năm 2025)\n",
        pass_example=_PLAN + "\nPHỤ LỤC\n\n(Kèm theo kế hoạch số 12/KH-MNAB ngày 14 tháng 10 năm 2025)\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        h = plan.header
        if h.number is None or h.number_text is None or h.symbol is None:
            return
        own_symbol = normalise_symbol(h.symbol)
        for c in plan.citations:
            if c.span.loc.block == h.number.loc.block and c.span.loc.row == h.number.loc.row:
                continue
            same_symbol = c.symbol is not None and normalise_symbol(c.symbol) == own_symbol
            same_number = c.number is not None and number_key(c.number) == h.number_key
            attached = names_the_plan(plan, c)
            if not ((same_symbol and same_number) or attached):
                continue
            if attached and not (same_symbol and same_number) and h.number_text:
                yield self.finding(
                    c.span,
                    M(vi=f"Câu này gọi chính kế hoạch là kế hoạch số {c.number}/{c.symbol}, nhưng kế hoạch mang "
                         f"số {h.number_text}/{h.symbol}.",
                      en=f"This line calls the plan itself plan {c.number}/{c.symbol}, but the plan is numbered "
                         f"{h.number_text}/{h.symbol}."),
                    suggestion=M(vi=f"Sửa thành \"số {h.number_text}/{h.symbol}\".",
                                 en=f"Write \"số {h.number_text}/{h.symbol}\"."),
                )
            if c.date and h.issue_date and c.date != h.issue_date and c.date_text:
                yield self.finding(
                    c.span,
                    M(vi=f"\"{c.date_text}\" khác ngày ban hành của kế hoạch ({short_date(h.issue_date)}).",
                      en=f"\"{c.date_text}\" differs from the plan's issue date ({short_date(h.issue_date)})."),
                    suggestion=M(vi="Ghi đúng ngày ban hành ở đầu kế hoạch.",
                                 en="Write the issue date given at the head of the plan."),
                    evidence=c.date_text,
                )


# ----------------------------------------------------------------------------- title


class MissingTitle(Rule):
    code = "KC506"
    slug = "missing-title"
    category = "format"
    kind = "format.missing_title"
    severity = Severity.ERROR
    title = M(vi="Thiếu tên loại văn bản hoặc trích yếu", en="No document type name or subject line")
    doc = RuleDoc(
        what=M(vi="Đầu kế hoạch phải có tên loại \"KẾ HOẠCH\" (chữ in hoa) và dòng trích yếu nội dung ngay "
                  "dưới (\"Cải tiến chất lượng giáo dục năm học …\"). Thiếu tên loại là lỗi; thiếu trích yếu là "
                  "cảnh báo; tên loại và trích yếu dồn thành một dòng in hoa là ghi chú.",
               en="The plan opens with the type name \"KẾ HOẠCH\" (capitals) and a subject line under it "
                  "(\"Cải tiến chất lượng giáo dục năm học …\"). No type name is an error, no subject a warning, "
                  "type and subject merged into one capitalised line a note."),
        why=M(vi="Nghị định 30/2020, Phụ lục I (ô 5a): tên loại và trích yếu cho biết văn bản là gì, về việc "
                 "gì, năm học nào.",
              en="Decree 30/2020, Annex I (box 5a): type and subject say what the document is, about what and "
                 "for which school year."),
        fix=M(vi="Viết \"KẾ HOẠCH\" một dòng, dòng dưới là trích yếu chữ thường, ví dụ \"Cải tiến chất lượng "
                 "giáo dục năm học 2025-2026\".",
              en="Write \"KẾ HOẠCH\" on one line and the subject in sentence case under it."),
        fail_example=_plan(title=""),
        pass_example=_PLAN,
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        if plan.title is None:
            first = next((s for s in plan.texts if s.text.strip()), None)
            if first is None:
                return
            yield self.finding(
                first,
                M(vi="Không thấy tên loại văn bản \"KẾ HOẠCH\" (in hoa, một dòng riêng) ở đầu văn bản.",
                  en="No document type name \"KẾ HOẠCH\" (capitals, on its own line) at the head of the plan."),
                suggestion=M(vi="Thêm dòng \"KẾ HOẠCH\" và dòng trích yếu ngay dưới.",
                             en="Add a \"KẾ HOẠCH\" line and the subject line under it."),
            )
            return
        words = fold(re.sub(r"\W+", " ", plan.title.text)).split()
        if words == ["kế", "hoạch"] and plan.subject is None:
            yield self.finding(
                plan.title,
                M(vi="Sau \"KẾ HOẠCH\" không có trích yếu (kế hoạch về việc gì, năm học nào).",
                  en="\"KẾ HOẠCH\" has no subject line (what the plan is about, for which school year)."),
                suggestion=M(vi="Thêm dòng trích yếu, ví dụ \"Cải tiến chất lượng giáo dục năm học 2025-2026\".",
                             en="Add a subject line, e.g. \"Cải tiến chất lượng giáo dục năm học 2025-2026\"."),
                severity=Severity.WARNING,
            )
        elif len(words) > 4 and plan.subject is None and plan.title.text.isupper():
            yield self.finding(
                plan.title,
                M(vi="Tên loại và trích yếu dồn thành một dòng in hoa; theo thể thức, \"KẾ HOẠCH\" một dòng, "
                     "trích yếu dòng dưới viết thường.",
                  en="Type name and subject share one capitalised line; the form puts \"KẾ HOẠCH\" on its own "
                     "line and the subject under it in sentence case."),
                suggestion=M(vi="Tách thành \"KẾ HOẠCH\" và dòng trích yếu bên dưới.",
                             en="Split into \"KẾ HOẠCH\" and a subject line under it."),
                severity=Severity.INFO,
            )


# ----------------------------------------------------------------------------- recipients and signer

_LUU = re.compile(r"^\W*Lưu\b", re.IGNORECASE)
_LUU_OK = re.compile(r"^\W*Lưu\s*:\s*VT\b")
_HEADING = re.compile(r"Nơi\s+nhận\s*:?", re.IGNORECASE)


def _filing_line(plan: Plan) -> Span | None:
    return next((r for r in plan.recipients if _LUU.match(r.text)), None)


class MissingRecipients(Rule):
    code = "KC507"
    slug = "missing-recipients"
    category = "format"
    kind = "format.missing_recipients"
    severity = Severity.WARNING
    title = M(vi="Thiếu nơi nhận", en="No recipients block")
    doc = RuleDoc(
        what=M(vi="Cuối kế hoạch phải có khối \"Nơi nhận:\" với ít nhất một nơi nhận và dòng \"Lưu: VT\".",
               en="The plan ends with a \"Nơi nhận:\" block with at least one recipient and a \"Lưu: VT\" line."),
        why=M(vi="Nghị định 30/2020, Phụ lục I (ô 9a): nơi nhận xác định ai thực hiện, ai được báo cáo và bản "
                 "lưu của văn thư.",
              en="Decree 30/2020, Annex I (box 9a): recipients say who carries the plan out, who is informed, "
                 "and where the file copy is kept."),
        fix=M(vi="Thêm \"Nơi nhận:\" ở góc trái dưới, mỗi nơi nhận một dòng \"- …;\", dòng cuối \"- Lưu: VT.\"",
              en="Add \"Nơi nhận:\" at the bottom left, one \"- …;\" line per recipient, the last \"- Lưu: VT.\""),
        fail_example=_plan(recipients=""),
        pass_example=_PLAN,
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        heading = plan.recipients_heading
        if heading is None:
            anchor = closing_anchor(plan)
            if anchor is None:
                return
            yield self.finding(
                anchor,
                M(vi="Kế hoạch không có khối \"Nơi nhận:\" (nơi nhận và \"Lưu: VT\").",
                  en="The plan has no \"Nơi nhận:\" block (recipients and \"Lưu: VT\")."),
                suggestion=M(vi="Thêm \"Nơi nhận:\" với các nơi nhận và dòng \"- Lưu: VT.\" dưới phần kết.",
                             en="Add \"Nơi nhận:\" with the recipients and a \"- Lưu: VT.\" line after the "
                                "closing."),
            )
            return
        others = [r for r in plan.recipients if not _LUU.match(r.text) and r != heading]
        if not others:
            yield self.finding(
                heading,
                M(vi="Khối \"Nơi nhận\" không ghi nơi nhận nào.", en="The \"Nơi nhận\" block names no recipient."),
                suggestion=M(vi="Ghi các nơi nhận, ví dụ \"- Phòng GDĐT (để b/c);\".",
                             en="List the recipients, e.g. \"- Phòng GDĐT (để b/c);\"."),
            )
        if _filing_line(plan) is None:
            yield self.finding(
                heading,
                M(vi="Khối \"Nơi nhận\" thiếu dòng lưu văn bản \"Lưu: VT\".",
                  en="The \"Nơi nhận\" block has no \"Lưu: VT\" filing line."),
                suggestion=M(vi="Thêm dòng cuối \"- Lưu: VT.\"", en="Add a last line \"- Lưu: VT.\""),
                evidence=_HEADING.search(heading.text).group(0) if _HEADING.search(heading.text) else None,
            )


class RecipientsForm(Rule):
    code = "KC508"
    slug = "recipients-form"
    category = "format"
    kind = "format.recipients"
    severity = Severity.WARNING
    title = M(vi="Nơi nhận viết sai thể thức", en="Malformed recipients block")
    doc = RuleDoc(
        what=M(vi="\"Nơi nhận:\" viết liền dấu hai chấm (không có dấu cách trước \":\"); dòng lưu viết "
                  "\"Lưu: VT\" (có dấu hai chấm) và là dòng cuối.",
               en="\"Nơi nhận:\" with the colon right after it (no space before \":\"); the filing line reads "
                  "\"Lưu: VT\" (with a colon) and comes last."),
        why=M(vi="Nghị định 30/2020, Phụ lục I (ô 9a) quy định cách trình bày nơi nhận.",
              en="Decree 30/2020, Annex I (box 9a) prescribes how recipients are written."),
        fix=M(vi="Viết \"Nơi nhận:\" và \"- Lưu: VT.\"", en="Write \"Nơi nhận:\" and \"- Lưu: VT.\""),
        fail_example=_plan(recipients="Nơi nhận :\n- Phòng GDĐT (để b/c);\n- Lưu VT.\n\n"),
        pass_example=_PLAN,
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        heading = plan.recipients_heading
        if heading is None:
            return
        m = _HEADING.search(heading.text)
        if m and (not m.group(0).endswith(":") or re.search(r"\s:$", m.group(0))):
            yield self.finding(
                heading,
                M(vi=f"\"{m.group(0)}\": viết \"Nơi nhận:\" — dấu hai chấm liền sau chữ \"nhận\".",
                  en=f"\"{m.group(0)}\": write \"Nơi nhận:\" with the colon right after \"nhận\"."),
                suggestion=M(vi="Viết \"Nơi nhận:\".", en="Write \"Nơi nhận:\"."),
                evidence=m.group(0),
            )
        filing = _filing_line(plan)
        if filing is None:
            return
        if not _LUU_OK.match(filing.text):
            yield self.finding(
                filing,
                M(vi=f"\"{filing.text}\": dòng lưu viết \"Lưu: VT\" (chữ \"Lưu\", dấu hai chấm, \"VT\").",
                  en=f"\"{filing.text}\": the filing line reads \"Lưu: VT\" (\"Lưu\", a colon, \"VT\")."),
                suggestion=M(vi="Viết \"- Lưu: VT.\"", en="Write \"- Lưu: VT.\""),
            )
        if plan.recipients and plan.recipients[-1] != filing:
            yield self.finding(
                filing,
                M(vi="Dòng \"Lưu: VT\" phải là dòng cuối của nơi nhận.",
                  en="The \"Lưu: VT\" line comes last among the recipients."),
                suggestion=M(vi="Chuyển dòng lưu xuống cuối.", en="Move the filing line to the end."),
                severity=Severity.INFO, evidence=filing.text,
            )


_ACADEMIC = re.compile(r"^\s*(?P<t>(?:PGS\.\s*TS|GS\.\s*TS|ThS|TS|PGS|GS|CN)\.)\s*", re.IGNORECASE)


class MissingSigner(Rule):
    code = "KC509"
    slug = "missing-signer"
    category = "format"
    kind = "format.missing_signer"
    severity = Severity.WARNING
    title = M(vi="Thiếu chức vụ hoặc họ tên người ký", en="No signer title or name")
    doc = RuleDoc(
        what=M(vi="Cuối kế hoạch phải có chức vụ người ký (\"HIỆU TRƯỞNG\"; cấp phó ký thay: \"KT. HIỆU "
                  "TRƯỞNG\" rồi \"PHÓ HIỆU TRƯỞNG\") và họ tên người ký; không ghi học hàm, học vị trước họ tên.",
               en="The plan ends with the signer's title (\"HIỆU TRƯỞNG\"; a deputy signing for the head: "
                  "\"KT. HIỆU TRƯỞNG\" then \"PHÓ HIỆU TRƯỞNG\") and full name, without academic titles."),
        why=M(vi="Nghị định 30/2020, Phụ lục I (ô 7a–7c): thẩm quyền và người chịu trách nhiệm ký văn bản.",
              en="Decree 30/2020, Annex I (boxes 7a-7c): who has authority and who answers for the document."),
        fix=M(vi="Thêm chức vụ (in hoa) và họ tên người ký dưới phần kết, bên phải.",
              en="Add the title (capitals) and the signer's name at the bottom right."),
        fail_example=_plan(signer=""),
        pass_example=_PLAN,
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        title, name = plan.signer_title, plan.signer_name
        if title is None:
            anchor = plan.recipients_heading or closing_anchor(plan)
            if anchor is None:
                return
            yield self.finding(
                anchor,
                M(vi="Không thấy chức vụ và họ tên người ký (ví dụ \"HIỆU TRƯỞNG\" và họ tên) ở cuối kế hoạch.",
                  en="No signer title and name (e.g. \"HIỆU TRƯỞNG\" and a name) at the end of the plan."),
                suggestion=M(vi="Thêm chức vụ người ký (in hoa) và họ tên bên dưới.",
                             en="Add the signer's title (capitals) and name under it."),
                evidence=_HEADING.search(anchor.text).group(0) if _HEADING.search(anchor.text) else None,
            )
            return
        texts = [fold(t.text) for t in plan.signer_titles]
        if texts and re.match(r"kt\s*\.", texts[0]) and len(texts) < 2:
            yield self.finding(
                title,
                M(vi=f"\"{title.text}\": ký thay phải ghi tiếp chức vụ của người ký (\"PHÓ HIỆU TRƯỞNG\").",
                  en=f"\"{title.text}\": signing for the head, the signer's own title follows "
                     "(\"PHÓ HIỆU TRƯỞNG\")."),
                suggestion=M(vi="Thêm dòng \"PHÓ HIỆU TRƯỞNG\" dưới \"KT. HIỆU TRƯỞNG\".",
                             en="Add \"PHÓ HIỆU TRƯỞNG\" under \"KT. HIỆU TRƯỞNG\"."),
            )
        if name is None:
            yield self.finding(
                title,
                M(vi=f"Dưới \"{title.text}\" không có họ tên người ký.",
                  en=f"No signer name under \"{title.text}\"."),
                suggestion=M(vi="Ghi họ và tên người ký dưới chức vụ.", en="Write the signer's full name."),
            )
            return
        academic = _ACADEMIC.match(name.text)
        if academic:
            yield self.finding(
                name,
                M(vi=f"\"{academic['t']}\" trước họ tên người ký: văn bản hành chính không ghi học hàm, học vị "
                     "trước tên người ký (trừ khi cơ quan cho phép).",
                  en=f"\"{academic['t']}\" before the signer's name: administrative documents do not put "
                     "academic titles before the name (unless the agency allows it)."),
                suggestion=M(vi="Bỏ học vị, chỉ ghi họ tên.", en="Drop the academic title; write the name only."),
                kind="format.signer", evidence=academic["t"],
            )


# ----------------------------------------------------------------------------- header: motto, issuing body, styles

_MOTTO_1 = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
_MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"
_MOTTO_2_RE = re.compile(r"độc\s+lập\s*[-–—]\s*tự\s+do\s*[-–—]\s*hạnh\s+phúc", re.IGNORECASE)


def _style_problems(style: TextStyle, bold: bool | None = None, italic: bool | None = None,
                    sizes: tuple[float, float] | None = None) -> tuple[list[str], list[str]]:
    vi: list[str] = []
    en: list[str] = []
    if bold is not None and style.bold is not None and style.bold != bold:
        vi.append("in đậm" if bold else "không in đậm")
        en.append("bold" if bold else "not bold")
    if italic is not None and style.italic is not None and style.italic != italic:
        vi.append("in nghiêng" if italic else "không in nghiêng")
        en.append("italic" if italic else "upright")
    if sizes and style.size_pt and not sizes[0] <= style.size_pt <= sizes[1]:
        vi.append(f"cỡ chữ {sizes[0]:g}–{sizes[1]:g} (đang là {style.size_pt:g})")
        en.append(f"{sizes[0]:g}-{sizes[1]:g} pt (now {style.size_pt:g})")
    return vi, en


# component -> (expected bold, italic, size range, Vietnamese name), from ND30 Annex I (M/L: notes only)
_STYLE_RULES: dict[str, tuple[bool | None, bool | None, tuple[float, float] | None, str]] = {
    "title": (True, None, (13, 14), "tên loại \"KẾ HOẠCH\""),
    "subject": (True, None, (13, 14), "trích yếu"),
    "place_date": (None, True, (13, 14), "địa danh, ngày tháng"),
    "motto": (True, None, (12, 13), "Quốc hiệu"),
    "recipients_heading": (True, True, None, "\"Nơi nhận:\""),
    "signer_title": (True, None, (13, 14), "chức vụ người ký"),
    "signer_name": (True, None, (13, 14), "họ tên người ký"),
}


class HeaderForm(Rule):
    code = "KC510"
    slug = "header-form"
    category = "format"
    kind = "format.header"
    severity = Severity.WARNING
    title = M(vi="Quốc hiệu, tiêu ngữ, tên cơ quan ban hành sai thể thức",
              en="Malformed national motto or issuing body")
    doc = RuleDoc(
        what=M(vi="Quốc hiệu \"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\" in hoa; Tiêu ngữ \"Độc lập - Tự do - Hạnh "
                  "phúc\" viết hoa chữ đầu mỗi cụm, nối bằng gạch nối có cách (cảnh báo khi viết sai). Thiếu "
                  "Quốc hiệu, Tiêu ngữ hoặc tên trường dưới cơ quan chủ quản là ghi chú (bản chuyển đổi có thể "
                  "làm mất phần đầu). Trong tệp Word: tên loại, trích yếu, chức vụ, họ tên người ký in đậm; "
                  "ngày tháng in nghiêng; \"Nơi nhận:\" đậm nghiêng (ghi chú).",
               en="National name \"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\" in capitals; motto \"Độc lập - Tự do - "
                  "Hạnh phúc\" with each phrase capitalised and spaced hyphens (warnings). A missing motto or "
                  "school name under the governing body is a note (conversions may lose the header). In Word "
                  "files: type name, subject, signer title and name bold; the date italic; \"Nơi nhận:\" bold "
                  "italic (notes)."),
        why=M(vi="Nghị định 30/2020, Phụ lục I (ô 1, ô 2, ô 5a, ô 7, ô 9a).",
              en="Decree 30/2020, Annex I (boxes 1, 2, 5a, 7, 9a)."),
        fix=M(vi="Viết đúng nguyên văn Quốc hiệu, Tiêu ngữ; ghi tên trường (in hoa, đậm) dưới cơ quan chủ quản.",
              en="Write the national name and motto verbatim; put the school's name (capitals, bold) under the "
                 "governing body."),
        fail_example="UBND XÃ AN BÌNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                     "TRƯỜNG MẦM NON AN BÌNH\tĐỘC LẬP - TỰ DO - HẠNH PHÚC\n\n" + _PLAN,
        pass_example="UBND XÃ AN BÌNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                     "TRƯỜNG MẦM NON AN BÌNH\tĐộc lập - Tự do - Hạnh phúc\n\n" + _PLAN,
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        h = plan.header
        yield from self._motto(plan)
        has_header = bool(h.number or h.place_date or h.issuing_body or h.motto)
        if has_header and h.issuing_body and not any(fold(s.text).startswith("trường") for s in h.issuing_body):
            span = h.issuing_body[-1]
            yield self.finding(
                span,
                M(vi=f"Dưới \"{span.text}\" không thấy tên trường (cơ quan ban hành kế hoạch).",
                  en=f"No school name (the plan's issuer) under \"{span.text}\"."),
                suggestion=M(vi="Ghi tên trường in hoa, đậm dưới tên cơ quan chủ quản, ví dụ \"TRƯỜNG MẦM NON "
                                "…\".",
                             en="Write the school's name in bold capitals under the governing body."),
                severity=Severity.INFO,
            )
        yield from self._styles(plan)

    def _motto(self, plan: Plan) -> Iterator[Finding]:
        h = plan.header
        line1 = next((s for s in h.motto if "chủ nghĩa" in fold(s.text)), None)
        line2 = next((s for s in h.motto if _MOTTO_2_RE.search(s.text)), None)
        if line1 is None and line2 is None:
            anchor = h.number or h.place_date
            if anchor is not None:
                yield self.finding(
                    anchor,
                    M(vi="Không thấy Quốc hiệu, Tiêu ngữ (\"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\" / \"Độc lập - Tự "
                         "do - Hạnh phúc\") ở đầu kế hoạch.",
                      en="No national name and motto at the head of the plan."),
                    suggestion=M(vi="Thêm Quốc hiệu, Tiêu ngữ ở góc phải, phía trên địa danh, ngày tháng.",
                                 en="Add them top right, above the place and date."),
                    severity=Severity.INFO,
                )
            return
        if line1 is not None:
            text = re.sub(r"\s+", " ", line1.text.strip(" *"))
            if text != _MOTTO_1:
                tone_only = fold(text) == fold(_MOTTO_1) and text.isupper()
                yield self.finding(
                    line1,
                    M(vi=f"Quốc hiệu viết \"{text}\"; nguyên văn là \"{_MOTTO_1}\" (in hoa)"
                         + (" — chỉ khác vị trí dấu thanh." if tone_only else "."),
                      en=f"The national name reads \"{text}\"; it is \"{_MOTTO_1}\" in capitals"
                         + (" (only the tone mark placement differs)." if tone_only else ".")),
                    suggestion=M(vi=f"Viết \"{_MOTTO_1}\".", en=f"Write \"{_MOTTO_1}\"."),
                )
        if line2 is not None:
            m = _MOTTO_2_RE.search(line2.text)
            assert m is not None
            text = m.group(0)
            if text != _MOTTO_2:
                yield self.finding(
                    line2,
                    M(vi=f"Tiêu ngữ viết \"{text}\"; đúng là \"{_MOTTO_2}\" (hoa chữ đầu mỗi cụm, gạch nối có "
                         "dấu cách hai bên).",
                      en=f"The motto reads \"{text}\"; it is \"{_MOTTO_2}\" (each phrase capitalised, hyphens "
                         "with spaces)."),
                    suggestion=M(vi=f"Viết \"{_MOTTO_2}\".", en=f"Write \"{_MOTTO_2}\"."),
                    evidence=text,
                )
        if (line1 is None) != (line2 is None):
            present = line1 or line2
            assert present is not None
            yield self.finding(
                present,
                M(vi="Quốc hiệu và Tiêu ngữ phải đi cùng nhau; ở đây chỉ có một dòng.",
                  en="The national name and the motto go together; only one of them is here."),
                suggestion=M(vi=f"Thêm dòng còn thiếu (\"{_MOTTO_1}\" / \"{_MOTTO_2}\").",
                             en=f"Add the missing line (\"{_MOTTO_1}\" / \"{_MOTTO_2}\")."),
                severity=Severity.INFO,
            )

    def _styles(self, plan: Plan) -> Iterator[Finding]:
        if plan.layout is None:
            return
        spans = {"title": plan.title, "subject": plan.subject, "place_date": plan.header.place_date,
                 "motto": next(iter(plan.header.motto), None), "recipients_heading": plan.recipients_heading,
                 "signer_title": plan.signer_title, "signer_name": plan.signer_name}
        for name, (bold, italic, sizes, label) in _STYLE_RULES.items():
            style, span = plan.layout.styles.get(name), spans.get(name)
            if style is None or span is None:
                continue
            vi, en = _style_problems(style, bold, italic, sizes)
            if vi:
                yield self.finding(
                    span,
                    M(vi=f"Thể thức {label}: nên " + ", ".join(vi) + ".",
                      en=f"Form of the {name.replace('_', ' ')}: should be " + ", ".join(en) + "."),
                    suggestion=M(vi="Định dạng lại theo Phụ lục I Nghị định 30/2020.",
                                 en="Reformat per Decree 30/2020, Annex I."),
                    severity=Severity.INFO,
                )


# ----------------------------------------------------------------------------- page and fonts

_A4 = (210.0, 297.0)
_MARGINS = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
_SIDE_VI = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
_TOLERANCE_MM = 0.6  # Word stores twips: 20 mm is 1134 twips, read back as 20.0025 mm


def _layout_anchor(plan: Plan, *keys: str) -> Span | None:
    """The metadata line that declared a value, else the first body text (Word layout has no words)."""
    assert plan.layout is not None
    for key in keys:
        if key in plan.layout.sources:
            return plan.layout.sources[key]
    return plan.layout.body_sample or title_anchor(plan)


class PageSetup(Rule):
    code = "KC511"
    slug = "page-setup"
    category = "format"
    kind = "format.page_setup"
    severity = Severity.WARNING
    title = M(vi="Khổ giấy, lề trang không đúng thể thức", en="Page size or margins off the standard")
    doc = RuleDoc(
        what=M(vi="Khổ A4 (210 × 297 mm; trang ngang được phép cho bảng rộng) — sai khổ là lỗi; lề trên, dưới "
                  "20–25 mm, lề trái 30–35 mm, lề phải 15–20 mm — sai lề là cảnh báo. Chỉ kiểm tra được với tệp "
                  "Word, hoặc Markdown khai báo papersize/geometry.",
               en="A4 paper (210 × 297 mm; landscape allowed for wide tables) — another size is an error; top "
                  "and bottom margins 20-25 mm, left 30-35 mm, right 15-20 mm — other margins are warnings. Only "
                  "Word files, or Markdown declaring papersize/geometry, show this."),
        why=M(vi="Nghị định 30/2020, Phụ lục I: văn bản trình bày trên khổ A4 với lề quy định.",
              en="Decree 30/2020, Annex I: documents are laid out on A4 with set margins."),
        fix=M(vi="Trong Word: Layout › Size › A4; Margins › Custom: trên 20, dưới 20, trái 30, phải 15 mm.",
              en="In Word: Layout › Size › A4; Margins › Custom: top 20, bottom 20, left 30, right 15 mm."),
        fail_example="---\npapersize: letter\ngeometry: margin=25mm\n---\n\n" + _PLAN,
        pass_example="---\npapersize: a4\ngeometry: top=20mm, bottom=20mm, left=30mm, right=15mm\n---\n\n" + _PLAN,
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        if plan.layout is None or not plan.layout.pages:
            return
        vi: list[str] = []
        en: list[str] = []
        severity = Severity.WARNING
        many = len(plan.layout.pages) > 1
        for i, page in enumerate(plan.layout.pages, 1):
            where_vi = f"phần {i}: " if many else ""
            where_en = f"section {i}: " if many else ""
            if page.width_mm and page.height_mm:
                dims = sorted((page.width_mm, page.height_mm))
                if abs(dims[0] - _A4[0]) > 2 or abs(dims[1] - _A4[1]) > 2:
                    vi.append(f"{where_vi}khổ giấy {page.width_mm:.0f} × {page.height_mm:.0f} mm, không phải A4")
                    en.append(f"{where_en}paper {page.width_mm:.0f} × {page.height_mm:.0f} mm, not A4")
                    severity = Severity.ERROR
            if page.orientation == "landscape":
                continue  # a landscape table section keeps its own margins
            for side, (lo, hi) in _MARGINS.items():
                value = getattr(page, f"{side}_mm")
                if value is not None and not lo - _TOLERANCE_MM <= value <= hi + _TOLERANCE_MM:
                    vi.append(f"{where_vi}lề {_SIDE_VI[side]} {value:.0f} mm (quy định {lo}–{hi} mm)")
                    en.append(f"{where_en}{side} margin {value:.0f} mm (standard {lo}-{hi} mm)")
        if not vi:
            return
        keys = ("papersize", "geometry") if severity == Severity.ERROR else ("geometry", "papersize")
        anchor = _layout_anchor(plan, *keys)
        if anchor is None:
            return
        yield self.finding(
            anchor,
            M(vi="Trình bày trang chưa đúng Nghị định 30/2020: " + "; ".join(vi) + ".",
              en="Page layout differs from Decree 30/2020: " + "; ".join(en) + "."),
            suggestion=M(vi="Đặt khổ A4; lề trên 20, dưới 20, trái 30, phải 15 mm.",
                         en="Use A4; margins top 20, bottom 20, left 30, right 15 mm."),
            severity=severity,
            evidence=anchor.text[:120],
        )


class BodyFont(Rule):
    code = "KC512"
    slug = "body-font"
    category = "format"
    kind = "format.font"
    severity = Severity.WARNING
    title = M(vi="Phông chữ, cỡ chữ phần nội dung không đúng thể thức", en="Body font or size off the standard")
    doc = RuleDoc(
        what=M(vi="Phông chữ chiếm phần lớn nội dung phải là Times New Roman (bộ mã Unicode TCVN 6909:2001) — "
                  "sai phông là lỗi; cỡ chữ 13–14 — sai cỡ là cảnh báo. Chỉ kiểm tra được với tệp Word, hoặc "
                  "Markdown khai báo mainfont/fontsize.",
               en="The font carrying most of the body is Times New Roman (Unicode, TCVN 6909:2001) — another "
                  "family is an error; size 13-14 pt — another size is a warning. Only Word files, or Markdown "
                  "declaring mainfont/fontsize, show this."),
        why=M(vi="Nghị định 30/2020, Phụ lục I: phông Times New Roman, cỡ chữ phần nội dung 13–14.",
              en="Decree 30/2020, Annex I: Times New Roman, body text 13-14 pt."),
        fix=M(vi="Chọn toàn bộ (Ctrl+A), đặt phông Times New Roman, cỡ 14 (hoặc 13); sửa kiểu Normal cho đồng bộ.",
              en="Select all, set Times New Roman 14 (or 13) pt; update the Normal style to match."),
        fail_example="---\nmainfont: Arial\nfontsize: 12pt\n---\n\n" + _PLAN,
        pass_example="---\nmainfont: Times New Roman\nfontsize: 14pt\n---\n\n" + _PLAN,
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        layout = plan.layout
        if layout is None:
            return
        vi: list[str] = []
        en: list[str] = []
        severity = Severity.WARNING
        font = layout.body_font
        if font and re.sub(r"\s+", "", font).lower() != "timesnewroman":
            vi.append(f"phông \"{font}\" thay vì Times New Roman")
            en.append(f"font \"{font}\" instead of Times New Roman")
            severity = Severity.ERROR
        size = layout.body_size_pt
        if size and not 13 <= size <= 14:
            vi.append(f"cỡ chữ {size:g} (quy định 13–14)")
            en.append(f"{size:g} pt (standard 13-14)")
        if not vi:
            return
        anchor = _layout_anchor(plan, "mainfont", "fontsize")
        if anchor is None:
            return
        yield self.finding(
            anchor,
            M(vi="Phần nội dung trình bày " + "; ".join(vi) + ".", en="The body is set in " + "; ".join(en) + "."),
            suggestion=M(vi="Đặt Times New Roman, cỡ 14 (hoặc 13) cho toàn văn bản.",
                         en="Set Times New Roman, 14 (or 13) pt for the whole document."),
            severity=severity,
            evidence=anchor.text[:120],
        )
