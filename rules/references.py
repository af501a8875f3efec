"""Legal citations against the document registry, and the plan's own level signals.

Each citation (``plan.citations``) is looked up in ``catalogs/legal_documents.json``:
a date or number that differs from the registry, a malformed symbol, a document for
another school level, one superseded before the plan, one dated after the plan. Unknown
documents (local ones, or ones the registry lacks) are not errors: only a malformed
symbol is noted, as info. Severity follows the registry's confidence in the fact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from kclint.catalog import LegalDocument, accreditation_circulars, load_legal_documents
from kclint.citations import normalise_symbol, number_key, symbol_problems
from kclint.dates import worded_date
from kclint.engine import Context, Rule, RuleDoc
from kclint.model import Finding, Plan, SchoolLevel, Severity, Span
from kclint.model import Message as M
from kclint.rules._catalog_helpers import (
    GENERAL_LEVELS,
    Cited,
    cited,
    document_concerns,
    document_severity,
    fmt_date,
    level_name,
    names_the_plan,
    near_number_documents,
    near_symbol_documents,
    other_symbol_documents,
    plan_date,
    same_number_documents,
    school_parts,
    signal_levels,
)

_MN_HEAD = """TRƯỜNG MẦM NON HOA MAI

Số: 12/KH-MNHM

Hoa Mai, ngày 20 tháng 9 năm 2023

KẾ HOẠCH
Cải tiến chất lượng giáo dục năm học 2023-2024

I. CĂN CỨ

"""
_TH_HEAD = """TRƯỜNG TIỂU HỌC BÌNH AN

Số: 21/KH-THBA

Bình An, ngày 16 tháng 9 năm 2024

KẾ HOẠCH
Cải tiến chất lượng nhà trường năm học 2024-2025

I. CĂN CỨ

"""
# Circulars and guidance that define accreditation for one school level: citing another
# level's is a copied plan, not a loose reference.
_ACCREDITATION = {"tt17-2018", "tt18-2018", "tt19-2018", "cv5932-2018", "cv5942-2018"}


def _doc_name(doc: LegalDocument) -> str:
    return f"{doc.doc_type} {doc.number_symbol}"


def _registry_date(doc: LegalDocument) -> str:
    return fmt_date(doc.issue_date)


class WrongDate(Rule):
    code = "KC451"
    slug = "citation-wrong-date"
    category = "reference"
    kind = "reference.wrong_date"
    severity = Severity.ERROR
    title = M(vi="Ngày ban hành văn bản trích dẫn sai", en="Cited document has the wrong date")
    doc = RuleDoc(
        what=M(vi="So ngày ghi sau số hiệu văn bản (\"Thông tư số 13/2020/TT-BGDĐT ngày 27 tháng 5 năm 2020\") với "
                  "danh mục văn bản; với văn bản không có trong danh mục, so năm trong số hiệu với năm của ngày. "
                  "Mức độ theo độ tin cậy của danh mục (trung bình → cảnh báo).",
               en="Compares the date after a cited number (\"Thông tư số 13/2020/TT-BGDĐT ngày 27 tháng 5 năm "
                  "2020\") with the registry; for a document it lacks, the year in the number with the date's "
                  "year. Severity follows the registry's confidence (medium → warning)."),
        why=M(vi="Căn cứ pháp lý phải trích đúng số, ký hiệu và ngày ban hành (Nghị định 30/2020).",
              en="A legal basis must quote number, symbol and date exactly (Decree 30/2020)."),
        fix=M(vi="Sửa ngày theo văn bản gốc, ví dụ \"ngày 26 tháng 5 năm 2020\".",
              en="Use the document's own date, e.g. \"ngày 26 tháng 5 năm 2020\"."),
        fail_example=_MN_HEAD + "Căn cứ Thông tư số 13/2020/TT-BGDĐT ngày 27 tháng 5 năm 2020 của Bộ Giáo dục và "
        "Đào tạo;\n",
        pass_example=_MN_HEAD + "Căn cứ Thông tư số 13/2020/TT-BGDĐT ngày 26 tháng 5 năm 2020 của Bộ Giáo dục và "
        "Đào tạo;\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        for c in cited(plan):
            written = c.citation
            date = written.date
            if date is None:
                continue
            doc = c.document
            if doc is not None:
                if date == doc.issue_date:
                    continue
                also_vi = also_en = ""
                if doc.effective_date == date:
                    also_vi, also_en = " (đó là ngày có hiệu lực)", " (that is its effective date)"
                yield self.finding(
                    c.span,
                    M(vi=f"{_doc_name(doc)} ban hành ngày {_registry_date(doc)}, không phải {written.date_text}"
                         f"{also_vi}.",
                      en=f"{_doc_name(doc)} is dated {_registry_date(doc)}, not {fmt_date(date)}{also_en}."),
                    suggestion=M(vi=f"Viết \"{worded_date(doc.issue_date)}\" (hoặc {_registry_date(doc)}).",
                                 en=f"Write \"{worded_date(doc.issue_date)}\" ({_registry_date(doc)})."),
                    severity=document_severity(self.severity, doc.confidence),
                    evidence=c.span.text,
                )
            elif written.year is not None and written.year != date.year and not _other_year_known(c):
                # A document's number carries the year it was signed: one of the two is mistyped.
                yield self.finding(
                    c.span,
                    M(vi=f"Số hiệu ghi năm {written.year} nhưng ngày ban hành là {written.date_text}: một trong hai bị "
                         "gõ nhầm.",
                      en=f"The number says {written.year} but the date is {fmt_date(date)}: one of them is "
                         "mistyped."),
                    suggestion=M(vi="Kiểm tra lại số hiệu và ngày trên văn bản gốc.",
                                 en="Check the number and the date on the original document."),
                    severity=Severity.WARNING,
                )


def _other_year_known(c: Cited) -> bool:
    """Whether the registry knows the cited number with the cited date (then the number is wrong: KC452)."""
    return any(d.issue_date == c.citation.date for d in same_number_documents(c.citation, load_legal_documents()))


class WrongNumber(Rule):
    code = "KC452"
    slug = "citation-wrong-number"
    category = "reference"
    kind = "reference.wrong_number"
    severity = Severity.ERROR
    title = M(vi="Số hiệu văn bản trích dẫn sai", en="Cited document number is wrong")
    doc = RuleDoc(
        what=M(vi="Báo số hiệu mang năm trong tương lai so với kế hoạch mà danh mục không có (\"Thông tư "
                  "19/2028\"), và số hiệu có năm khác với văn bản cùng số, cùng ngày trong danh mục; gợi ý số "
                  "hiệu đúng (\"19/2018/TT-BGDĐT\").",
               en="Reports a number whose year is after the plan and that the registry lacks (\"Thông tư "
                  "19/2028\"), and a number whose year differs from the registry document of the same number "
                  "and date; suggests the right number (\"19/2018/TT-BGDĐT\")."),
        why=M(vi="Không thể căn cứ vào văn bản chưa ban hành; thường là gõ nhầm năm.",
              en="A plan cannot rest on a document not yet issued; usually a mistyped year."),
        fix=M(vi="Sửa năm trong số hiệu theo văn bản gốc.", en="Correct the year in the number."),
        fail_example=_MN_HEAD + "Căn cứ Thông tư 19/2028 của Bộ Giáo dục và Đào tạo về kiểm định chất lượng giáo "
        "dục trường mầm non;\n",
        pass_example=_MN_HEAD + "Căn cứ Thông tư 19/2018 của Bộ Giáo dục và Đào tạo về kiểm định chất lượng giáo "
        "dục trường mầm non;\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        written_on = plan_date(plan, latest=True) or ctx.today
        documents = load_legal_documents()
        for c in cited(plan):
            raw = c.citation
            if c.document is not None or raw.number is None:
                continue
            near = near_number_documents(raw, documents)
            if near:
                finding = self._near_number(c, near)
                if finding is not None:
                    yield finding
                continue
            if raw.year is None:
                continue  # a Công văn's number carries no year to check
            candidates = same_number_documents(raw, documents)
            if raw.date is not None:
                # The registry knows this number and date under another year: the year is mistyped.
                dated = [d for d in candidates if d.issue_date == raw.date]
                if len(dated) == 1:
                    doc = dated[0]
                    yield self._finding(c, doc, M(
                        vi=f"{doc.doc_type} ngày {_registry_date(doc)} có số hiệu {doc.number_symbol}, không phải "
                           f"năm {raw.year}.",
                        en=f"The {doc.doc_type} of {_registry_date(doc)} is numbered {doc.number_symbol}, not "
                           f"{raw.year}."), document_severity(self.severity, doc.confidence))
                continue
            if raw.year <= min(written_on.year, ctx.today.year):
                continue  # an older document the registry does not list is not an error
            level = plan.school_level
            fitting = [d for d in candidates if document_concerns(d, level)]
            doc = (fitting or candidates or [None])[0] if len(fitting or candidates) == 1 else None
            when_vi = f"sau ngày của kế hoạch ({fmt_date(written_on)})"
            when_en = f"after the plan's date ({fmt_date(written_on)})"
            msg = M(vi=f"Số hiệu {c.reference} mang năm {raw.year}, {when_vi}; không có văn bản này trong danh mục.",
                    en=f"The number {c.reference} carries the year {raw.year}, {when_en}; the registry has no such "
                       "document.")
            yield self._finding(c, doc, msg, self.severity)

    def _near_number(self, c: Cited, near: list[LegalDocument]) -> Finding | None:
        """A number one slip from registry numbers of the same year and symbol ('71/2018' for '17/2018').

        The cited date decides: the one document of that date is the likely one (error, by the
        registry's confidence); without a date a single candidate of as many digits is only likely (info); a date
        that matches none of them is some other document the registry lacks (silent).
        """
        raw = c.citation
        if raw.date is None:
            # Undated, a digit dropped or added is as likely another real document ('02/2014' beside '25/2014').
            near = [d for d in near if raw.number and len(d.number.lstrip("0")) == len(raw.number.lstrip("0"))]
        dated = [d for d in near if d.issue_date == raw.date] if raw.date is not None else near
        if len(dated) != 1:
            return None
        doc = dated[0]
        severity = document_severity(self.severity, doc.confidence) if raw.date is not None else Severity.INFO
        return self._finding(c, doc, M(
            vi=f"Không có văn bản số {c.reference} trong danh mục; số hiệu gần giống {doc.number_symbol} "
               f"({doc.short_title}, ngày {_registry_date(doc)}): có thể số bị gõ nhầm.",
            en=f"The registry has no {c.reference}; it is one slip from {doc.number_symbol} "
               f"({doc.short_title}, {_registry_date(doc)}): the number is likely mistyped."), severity)

    def _finding(self, c: Cited, doc: LegalDocument | None, msg: M, severity: Severity) -> Finding:
        if doc is not None:
            suggestion = M(vi=f"Viết \"{doc.number_symbol}\" ({doc.short_title}).",
                           en=f"Write \"{doc.number_symbol}\" ({doc.short_title}).")
        else:
            suggestion = M(vi="Kiểm tra lại năm trong số hiệu trên văn bản gốc.",
                           en="Check the year of the number on the original document.")
        return self.finding(c.span, msg, suggestion=suggestion, severity=severity, evidence=c.head)


class SymbolMalformed(Rule):
    code = "KC453"
    slug = "citation-symbol"
    category = "reference"
    kind = "reference.symbol"
    severity = Severity.WARNING
    title = M(vi="Ký hiệu văn bản viết sai", en="Malformed document symbol")
    doc = RuleDoc(
        what=M(vi="Kiểm tra cách viết ký hiệu văn bản: thiếu gạch nối (\"TTBGDDT\"), \"D\" thay \"Đ\", dấu \"&\" "
                  "trong ký hiệu của Bộ từ 2012 (\"TT-BGD&ĐT\"), chữ lặp (\"PGDDĐT\"), khoảng trắng. Văn bản "
                  "không có trong danh mục và lỗi khoảng trắng chỉ ghi nhận ở mức thông tin.",
               en="Checks how symbols are written: a missing hyphen (\"TTBGDDT\"), \"D\" for \"Đ\", \"&\" in a "
                  "Ministry symbol from 2012 on (\"TT-BGD&ĐT\"), doubled letters (\"PGDDĐT\"), spaces. Documents "
                  "the registry lacks and spacing slips only give an info."),
        why=M(vi="Ký hiệu sai làm văn bản không tra cứu được và vi phạm thể thức của Nghị định 30/2020.",
              en="A wrong symbol cannot be looked up and breaks the form of Decree 30/2020."),
        fix=M(vi="Viết đúng ký hiệu, ví dụ \"19/2018/TT-BGDĐT\".", en="Write the symbol right, e.g. "
              "\"19/2018/TT-BGDĐT\"."),
        fail_example=_MN_HEAD + "Căn cứ Thông tư số 19/2018/TT-BGD&ĐT ngày 22 tháng 8 năm 2018 của Bộ Giáo dục và "
        "Đào tạo;\n",
        pass_example=_MN_HEAD + "Căn cứ Thông tư số 19/2018/TT-BGDĐT ngày 22 tháng 8 năm 2018 của Bộ Giáo dục và "
        "Đào tạo;\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        documents = load_legal_documents()
        for c in cited(plan):
            problems = symbol_problems(c.citation)
            if not problems:
                if c.document is None:
                    finding = self._other_symbol(c, documents)
                    if finding is not None:
                        yield finding
                continue
            spacing_only = all(p.code in ("space", "space_around_slash") for p in problems)
            severity = Severity.INFO if c.document is None or spacing_only else self.severity
            reasons_vi = "; ".join(dict.fromkeys(_SYMBOL_VI.get(p.code, p.message) for p in problems))
            reasons_en = "; ".join(dict.fromkeys(p.message for p in problems))
            fixed = problems[0].suggested_reference or problems[0].suggestion
            if c.document is not None and normalise_symbol(c.document.symbol) == normalise_symbol(
                    problems[0].suggestion):
                fixed = c.document.number_symbol
            written = ", ".join(dict.fromkeys(f"\"{p.written}\"" for p in problems))
            yield self.finding(
                c.span,
                M(vi=f"Ký hiệu {c.reference} viết sai ({written}): {reasons_vi}.",
                  en=f"The symbol of {c.reference} is malformed ({written}): {reasons_en}."),
                suggestion=M(vi=f"Viết \"{fixed}\".", en=f"Write \"{fixed}\"."),
                severity=severity,
                evidence=c.reference,
            )


    def _other_symbol(self, c: Cited, documents: list[LegalDocument]) -> Finding | None:
        """A registry document of the same number and year written with another symbol.

        One letter off ('BGDĐT-QCL' for 'BGDĐT-QLCL'), its parts in another order ('QLCL-BGDĐT') or
        another unit of the same issuer on the document's own date ('BGDĐT-KTKĐCLGD'). The parts in
        another order dated otherwise than the document may be some other document of that year: info.
        """
        near = near_symbol_documents(c.citation, documents)
        if len(near) == 1:
            return self._symbol_finding(c, near[0], _DIFFERS["slip"], True)
        other = other_symbol_documents(c.citation, documents)
        if len(other) != 1:
            return None
        doc, how = other[0]
        return self._symbol_finding(c, doc, _DIFFERS[how], c.citation.date == doc.issue_date)

    def _symbol_finding(self, c: Cited, doc: LegalDocument, how: tuple[str, str], sure: bool) -> Finding:
        return self.finding(
            c.span,
            M(vi=f"Ký hiệu {c.reference} {how[0]} so với văn bản cùng số trong danh mục: {doc.number_symbol} "
                 f"({doc.short_title}, ngày {_registry_date(doc)}).",
              en=f"The symbol of {c.reference} {how[1]} the registry's document of the same number: "
                 f"{doc.number_symbol} ({doc.short_title}, {_registry_date(doc)})."),
            suggestion=M(vi=f"Viết \"{doc.number_symbol}\".", en=f"Write \"{doc.number_symbol}\"."),
            severity=document_severity(self.severity, doc.confidence) if sure else Severity.INFO,
            evidence=c.reference,
        )


# How a written symbol differs from the registry's (other_symbol_documents, near_symbol_documents).
_DIFFERS = {
    "slip": ("sai một chữ", "is one letter off"),
    "order": ("viết các phần theo thứ tự khác (cơ quan ban hành đứng trước, đơn vị soạn thảo sau)",
              "has its parts in another order (the issuer first, then the drafting unit) than"),
    "part": ("ghi đơn vị khác", "names another unit than"),
}


_SYMBOL_VI = {
    "space": "có khoảng trắng trong ký hiệu",
    "space_around_slash": "có khoảng trắng quanh dấu \"/\"",
    "slash": "các phần của ký hiệu nối bằng gạch nối \"-\", không bằng \"/\"",
    "missing_hyphen": "thiếu gạch nối giữa các phần của ký hiệu",
    "ampersand": "ký hiệu của Bộ từ năm 2012 viết liền, không có \"&\" (BGDĐT)",
    "doubled_letter": "lặp chữ D/Đ",
    "plain_d": "viết \"D\" thay cho \"Đ\"",
}


class WrongLevelDocument(Rule):
    code = "KC454"
    slug = "citation-wrong-level"
    category = "reference"
    kind = "reference.wrong_level"
    severity = Severity.WARNING
    title = M(vi="Trích dẫn văn bản của cấp học khác", en="Cites a document for another school level")
    doc = RuleDoc(
        what=M(vi="Báo văn bản trong danh mục chỉ áp dụng cho cấp học khác: trường tiểu học căn cứ Thông tư "
                  "19/2018 (mầm non) là lỗi; các văn bản khác (ví dụ phòng học bộ môn cho trường mầm non) là cảnh "
                  "báo.",
               en="Reports a registry document that applies to other school levels only: a primary school citing "
                  "TT 19/2018 (kindergarten) is an error; other documents (subject rooms in a kindergarten plan) "
                  "a warning."),
        why=M(vi="Căn cứ sai cấp học cho thấy kế hoạch được chép từ trường khác và các tiêu chí có thể sai theo.",
              en="A basis of another level shows a copied plan, and the criteria are likely wrong too."),
        fix=M(vi="Căn cứ văn bản của đúng cấp học (mầm non: TT 19/2018; tiểu học: TT 17/2018; THCS, THPT: TT "
                 "18/2018).",
              en="Cite the document of the school's level (TT 19/2018, TT 17/2018 or TT 18/2018)."),
        fail_example=_TH_HEAD + "Căn cứ Thông tư số 19/2018/TT-BGDĐT ngày 22 tháng 8 năm 2018 của Bộ Giáo dục và "
        "Đào tạo;\n",
        pass_example=_TH_HEAD + "Căn cứ Thông tư số 17/2018/TT-BGDĐT ngày 22 tháng 8 năm 2018 của Bộ Giáo dục và "
        "Đào tạo;\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        level = plan.school_level
        if level == SchoolLevel.UNKNOWN:
            return
        parts = school_parts(plan)
        # TT 22/2024's title names TT 17, 18 and 19/2018: those are mentioned, not the school's basis.
        basis = [(c, c.document) for c in cited(plan) if c.document is not None and c.citation.role == "basis"]
        for c, doc in basis:
            if parts:
                if _concerns_parts(doc, parts):
                    # A school with a level outside general education ('Mầm non – Tiểu học') has no
                    # multi-level accreditation document: each level's own circular is its basis.
                    if doc.id in _ACCREDITATION and not doc.concerns(level.value) and parts <= GENERAL_LEVELS:
                        yield from self._single_level(c, doc, basis)
                    continue
            elif document_concerns(doc, level):
                continue
            levels_vi, levels_en = _levels_of(doc), _levels_of(doc, "en")
            base = Severity.ERROR if doc.id in _ACCREDITATION else self.severity
            own = _own_document(doc, level)
            yield self.finding(
                c.span,
                M(vi=f"{_doc_name(doc)} ({doc.short_title}) áp dụng cho {levels_vi}, không cho trường "
                     f"{level_name(level.value)}.",
                  en=f"{_doc_name(doc)} ({doc.short_title}) applies to {levels_en} schools, not to a "
                     f"{level_name(level.value, 'en')} school."),
                suggestion=M(vi=f"Căn cứ {_doc_name(own)} thay thế." if own else "Bỏ căn cứ này hoặc thay bằng văn "
                                "bản của đúng cấp học.",
                             en=f"Cite {_doc_name(own)} instead." if own else "Drop it, or cite the document of the "
                                "school's level."),
                severity=document_severity(base, doc.confidence),
                evidence=c.reference,
            )


    def _single_level(
        self, c: Cited, doc: LegalDocument, basis: list[tuple[Cited, LegalDocument]]
    ) -> Iterator[Finding]:
        """A multi-level school resting on one level's accreditation document only (TT 17/2018 in a TH&THCS plan).

        The multi-level school's own document (TT 18/2018 covers 'trường phổ thông có nhiều cấp học')
        cited beside it makes the pair legitimate: silent then.
        """
        own = _own_document(doc, SchoolLevel.NHIEU_CAP)
        if own is None or any(other == own for _, other in basis):
            return
        yield self.finding(
            c.span,
            M(vi=f"{_doc_name(doc)} ({doc.short_title}) chỉ áp dụng cho {_levels_of(doc)}; trường có nhiều "
                 f"cấp học được đánh giá theo {_doc_name(own)}, kế hoạch không căn cứ văn bản này.",
              en=f"{_doc_name(doc)} ({doc.short_title}) applies to {_levels_of(doc, 'en')} schools only; a "
                 f"multi-level school is assessed under {_doc_name(own)}, which the plan does not cite."),
            suggestion=M(vi=f"Căn cứ {_doc_name(own)} (thay thế hoặc bổ sung).",
                         en=f"Cite {_doc_name(own)} (instead, or as well)."),
            severity=document_severity(self.severity, doc.confidence),
            evidence=c.reference,
        )


def _levels_of(doc: LegalDocument, lang: str = "vi") -> str:
    return ", ".join(level_name(lv, lang) for lv in doc.school_levels)


def _concerns_parts(doc: LegalDocument, parts: frozenset[str]) -> bool:
    """Whether ``doc`` applies to a school with the levels ``parts`` (or to multi-level schools as such)."""
    multi = doc.concerns("nhieu_cap") and parts <= GENERAL_LEVELS  # TT 18's 'phổ thông có nhiều cấp học'
    return not doc.school_levels or multi or any(doc.concerns(p) for p in parts)


def _own_document(doc: LegalDocument, level: SchoolLevel) -> LegalDocument | None:
    """The school level's counterpart of an accreditation document (TT 17 for TT 19 in a primary plan)."""
    if doc.id not in _ACCREDITATION:
        return None
    prefix = "tt" if doc.id.startswith("tt") else "cv"
    return next((d for d in load_legal_documents() if d.id in _ACCREDITATION and d.id.startswith(prefix)
                 and d.concerns(level.value)), None)


class Superseded(Rule):
    code = "KC455"
    slug = "citation-superseded"
    category = "reference"
    kind = "reference.superseded"
    severity = Severity.ERROR
    title = M(vi="Trích dẫn văn bản đã bị thay thế", en="Cites a superseded document")
    doc = RuleDoc(
        what=M(vi="Báo văn bản đã được thay thế trước ngày của kế hoạch (ví dụ Thông tư 36/2017 được thay bằng "
                  "Thông tư 09/2024 từ 19/7/2024). Mức độ theo độ tin cậy của thông tin thay thế.",
               en="Reports a document replaced before the plan's date (TT 36/2017 by TT 09/2024 from 19/7/2024). "
                  "Severity follows the confidence of the replacement fact."),
        why=M(vi="Căn cứ văn bản hết hiệu lực làm kế hoạch thiếu cơ sở pháp lý.",
              en="A basis no longer in force leaves the plan without legal ground."),
        fix=M(vi="Thay bằng văn bản đang có hiệu lực.", en="Cite the document in force instead."),
        fail_example=_TH_HEAD + "Căn cứ Thông tư số 36/2017/TT-BGDĐT ngày 28 tháng 12 năm 2017 của Bộ Giáo dục và "
        "Đào tạo;\n",
        pass_example=_TH_HEAD + "Căn cứ Thông tư số 09/2024/TT-BGDĐT ngày 03 tháng 6 năm 2024 của Bộ Giáo dục và "
        "Đào tạo;\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        on = plan_date(plan)
        if on is None:
            return
        for c in cited(plan):
            doc = c.document
            if doc is None or c.citation.role != "basis" or not doc.is_superseded_on(on) or doc.superseded_on is None:
                continue  # a superseded document named as history or inside another's title is no basis
            yield self.finding(
                c.span,
                M(vi=f"{_doc_name(doc)} đã được thay thế bởi {doc.superseded_by} từ {fmt_date(doc.superseded_on)}, "
                     f"trước ngày của kế hoạch ({fmt_date(on)}).",
                  en=f"{_doc_name(doc)} was replaced by {doc.superseded_by} on {fmt_date(doc.superseded_on)}, "
                     f"before the plan's date ({fmt_date(on)})."),
                suggestion=M(vi=f"Căn cứ {doc.superseded_by} thay cho {doc.number_symbol}.",
                             en=f"Cite {doc.superseded_by} instead of {doc.number_symbol}."),
                severity=document_severity(self.severity, doc.superseded_confidence),
                evidence=c.reference,
            )


class ReferenceAfterIssue(Rule):
    code = "KC150"
    slug = "reference-after-issue"
    category = "date"
    kind = "date.reference_after_issue"
    severity = Severity.ERROR
    title = M(vi="Trích dẫn văn bản ban hành sau kế hoạch", en="Cites a document issued after the plan")
    doc = RuleDoc(
        what=M(vi="Báo văn bản được trích dẫn có ngày ban hành (ghi trong kế hoạch hoặc theo danh mục) sau ngày "
                  "ban hành kế hoạch, và văn bản cùng ký hiệu với kế hoạch (\"46/KH-MNHS\") nhưng mang số không "
                  "nhỏ hơn số của kế hoạch.",
               en="Reports a cited document dated (in the plan or by the registry) after the plan's issue date, "
                  "and a document with the plan's own symbol (\"46/KH-MNHS\") whose number is not below the "
                  "plan's."),
        why=M(vi="Kế hoạch không thể căn cứ vào văn bản ban hành sau nó: một trong hai ngày bị gõ nhầm.",
              en="A plan cannot rest on a later document: one of the dates is mistyped."),
        fix=M(vi="Kiểm tra lại ngày của văn bản được trích dẫn và ngày ban hành kế hoạch.",
              en="Check the cited document's date and the plan's issue date."),
        fail_example="""TRƯỜNG MẦM NON HOA MAI

Số: 40/KH-MNHM

Hoa Mai, ngày 15 tháng 9 năm 2025

KẾ HOẠCH
Cải tiến chất lượng giáo dục năm học 2025-2026

Căn cứ Kế hoạch số 52/KH-MNHM ngày 20 tháng 9 năm 2025 của Trường Mầm non Hoa Mai.
""",
        pass_example="""TRƯỜNG MẦM NON HOA MAI

Số: 40/KH-MNHM

Hoa Mai, ngày 15 tháng 9 năm 2025

KẾ HOẠCH
Cải tiến chất lượng giáo dục năm học 2025-2026

Căn cứ Kế hoạch số 32/KH-MNHM ngày 05 tháng 9 năm 2025 của Trường Mầm non Hoa Mai.
""",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        issued = plan.header.issue_date
        if issued is None:
            return
        h = plan.header
        own = h.number_key
        own_text = f"{h.number_text}/{h.compact_symbol}"
        for c in cited(plan):
            raw = c.citation
            same_series = own is not None and h.symbol is not None and raw.symbol is not None and \
                raw.number is not None and normalise_symbol(raw.symbol) == normalise_symbol(h.symbol)
            if (same_series and raw.number is not None and number_key(raw.number) == own) or \
                    names_the_plan(plan, raw):
                # The plan naming itself ('kèm theo Kế hoạch số 47b/KH-MNHS'); a different date there
                # is a restatement of its own header (KC505), not a document issued after it.
                continue
            date, source = raw.date, "written"
            if date is None and c.document is not None:
                date, source = c.document.issue_date, "registry"
            if date is not None and date > issued:
                yield self._after(c.span, c, date, source, issued)
            elif same_series and own is not None and raw.number is not None and \
                    number_key(raw.number) >= own and (date is None or date.year == issued.year):
                yield self.finding(
                    c.span,
                    M(vi=f"Văn bản {c.reference} cùng sổ với kế hoạch này ({own_text}) nhưng mang "
                         "số không nhỏ hơn: văn bản được căn cứ phải ban hành trước.",
                      en=f"{c.reference} is numbered in the plan's own series ({own_text}) but not "
                         "below it: a document the plan rests on was issued earlier."),
                    suggestion=M(vi="Kiểm tra lại số của văn bản được trích dẫn hoặc số của kế hoạch.",
                                 en="Check the cited number or the plan's own number."),
                    severity=Severity.INFO if date is None else Severity.WARNING,
                    evidence=c.reference,
                )

    def _after(self, span: Span, c: Cited, date: dt.date, source: str, issued: dt.date) -> Finding:
        date_text = c.citation.date_text
        said_vi = date_text if source == "written" and date_text else f"ban hành ngày {fmt_date(date)}"
        said_en = f"dated {fmt_date(date)}" if source == "written" else f"issued on {fmt_date(date)}"
        return self.finding(
            span,
            M(vi=f"Văn bản {c.reference} ({said_vi}) có sau ngày ban hành kế hoạch ({fmt_date(issued)}).",
              en=f"{c.reference} ({said_en}) comes after the plan's issue date ({fmt_date(issued)})."),
            suggestion=M(vi="Sửa ngày của văn bản được trích dẫn, hoặc ngày ban hành kế hoạch nếu ngày đó sai.",
                         en="Correct the cited date, or the plan's issue date if that is the wrong one."),
            evidence=span.text if source == "written" else c.reference,
        )


# ---------------------------------------------------------------------------
# Level signals
# ---------------------------------------------------------------------------

_STRONG = ("name", "symbol", "circular")


class LevelSignalsDisagree(Rule):
    code = "KC710"
    slug = "level-signals-disagree"
    category = "consistency"
    kind = "consistency.level"
    severity = Severity.WARNING
    title = M(vi="Các dấu hiệu cấp học mâu thuẫn", en="School-level signals disagree")
    doc = RuleDoc(
        what=M(vi="So cấp học suy ra từ tên trường, ký hiệu số văn bản (KH-MN…, KH-TH…, KH-THCS…) và thông tư "
                  "kiểm định được trích dẫn (19, 17, 18/2018). Cách dùng từ (\"trẻ\"/\"học sinh\") chỉ được xét ở "
                  "mức thông tin khi chỉ có một dấu hiệu khác.",
               en="Compares the school level given by the school's name, the number's symbol (KH-MN…, KH-TH…, "
                  "KH-THCS…) and the accreditation circular cited (19, 17, 18/2018). Vocabulary (\"trẻ\" / \"học "
                  "sinh\") only counts, as info, when a single other signal exists."),
        why=M(vi="Dấu hiệu lệch nhau cho thấy kế hoạch chép từ trường khác cấp học; các tiêu chí và căn cứ có thể "
                 "sai theo.",
              en="Disagreeing signals show a plan copied from another kind of school; criteria and citations are "
                 "likely wrong too."),
        fix=M(vi="Thống nhất tên trường, ký hiệu và thông tư theo đúng cấp học.",
              en="Make the name, the symbol and the circular agree with the school's level."),
        fail_example=_TH_HEAD + "Căn cứ Thông tư số 19/2018/TT-BGDĐT ngày 22 tháng 8 năm 2018 của Bộ Giáo dục và "
        "Đào tạo;\n",
        pass_example=_TH_HEAD + "Căn cứ Thông tư số 17/2018/TT-BGDĐT ngày 22 tháng 8 năm 2018 của Bộ Giáo dục và "
        "Đào tạo;\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        signals = plan.level_signals
        strong = {k: v for k, v in signals.items() if k in _STRONG}
        if not strong:
            return
        parts = school_parts(plan)
        reference = self._reference(strong, parts)
        described_vi = ", ".join(f"{_SIGNAL_VI[k]}: {level_name(v)}" for k, v in signals.items())
        described_en = ", ".join(f"{k}: {level_name(v, 'en')}" for k, v in signals.items())
        for kind, value in strong.items():
            if signal_levels(kind, value, parts) & reference:
                continue
            for span, evidence in self._evidence(plan, kind, value):
                yield self.finding(
                    span,
                    M(vi=f"{_SIGNAL_VI[kind].capitalize()} cho biết cấp {level_name(value)}, khác các dấu hiệu "
                         f"còn lại ({described_vi}).",
                      en=f"The {kind} says {level_name(value, 'en')}, unlike the other signals ({described_en})."),
                    suggestion=M(vi=f"Sửa cho đúng cấp học của trường ({_levels_vi(reference)}).",
                                 en=f"Make it match the school's level ({_levels_en(reference)})."),
                    evidence=evidence,
                )
        vocabulary = signals.get("vocabulary")
        if vocabulary and len(strong) == 1 and not signal_levels("vocabulary", vocabulary) & reference:
            only = next(iter(strong))
            for span, evidence in self._evidence(plan, only, strong[only]):
                yield self.finding(
                    span,
                    M(vi=f"Cách dùng từ của kế hoạch (\"trẻ\"/\"học sinh\") gợi ý cấp {level_name(vocabulary)}, "
                         f"khác {_SIGNAL_VI[only]} ({level_name(strong[only])}).",
                      en=f"The plan's vocabulary (\"trẻ\" / \"học sinh\") suggests {level_name(vocabulary, 'en')}, "
                         f"unlike the {only} ({level_name(strong[only], 'en')})."),
                    suggestion=M(vi="Kiểm tra lại cấp học và cách gọi người học (trẻ / học sinh).",
                                 en="Check the school level and how learners are called (trẻ / học sinh)."),
                    evidence=evidence,
                    severity=Severity.INFO,
                )

    @staticmethod
    def _reference(strong: dict[str, str], parts: frozenset[str]) -> frozenset[str]:
        """The levels most strong signals allow (ties: name, then symbol, then circular); ``parts``: the levels
        a multi-level school's name names."""
        best: frozenset[str] = frozenset()
        best_votes = -1
        for kind in _STRONG:
            if kind not in strong:
                continue
            levels = signal_levels(kind, strong[kind], parts)
            votes = sum(1 for k, v in strong.items() if signal_levels(k, v, parts) & levels)
            if votes > best_votes:
                best, best_votes = levels, votes
        return best

    @staticmethod
    def _evidence(plan: Plan, kind: str, value: str) -> list[tuple[Span, str]]:
        """Where a signal is written: the school's name, the number line, or the circular citations."""
        if kind == "symbol" and plan.header.number is not None:
            return [(plan.header.number, plan.header.number.text)]
        if kind == "circular":
            out = []
            # The circular signal is the most cited accreditation circular: its citations are found by number.
            governs = accreditation_circulars()
            for c in plan.citations:
                key = number_key(c.number) if c.number and c.year else None
                levels = governs.get((key[0], c.year)) if key and not key[1] else None
                if levels and signal_levels("circular", levels[0]) & signal_levels("circular", value):
                    out.append((c.span, c.reference))
            return out[:1] or _fallback(plan)
        if kind == "name" and plan.school_name:
            key = plan.school_name.casefold()
            for t in plan.texts:
                at = t.text.casefold().find(key)
                if at >= 0:
                    return [(t, t.text[at:at + len(plan.school_name)])]
        return _fallback(plan)


_SIGNAL_VI = {"name": "tên trường", "symbol": "ký hiệu số văn bản", "circular": "thông tư được trích dẫn",
              "vocabulary": "cách dùng từ"}


def _fallback(plan: Plan) -> list[tuple[Span, str]]:
    span = plan.title or (plan.texts[0] if plan.texts else None)
    return [(span, span.text)] if span is not None else []


def _levels_vi(levels: frozenset[str]) -> str:
    return " / ".join(level_name(lv) for lv in sorted(levels))


def _levels_en(levels: frozenset[str]) -> str:
    return " / ".join(level_name(lv, "en") for lv in sorted(levels))
