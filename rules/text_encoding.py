"""Legacy font encodings (KC607) and Unicode normalisation: NFD, look-alikes, invisible characters,
mixed tone placement (KC608)."""

from __future__ import annotations

from collections.abc import Iterator

from kclint.engine import Context, RuleDoc
from kclint.model import Edit, Finding, Location, Plan, Severity, Span
from kclint.model import Message as M
from kclint.rules.text_common import (
    UNIKEY_CONVERT_EN,
    UNIKEY_CONVERT_VI,
    TextIssueRule,
    issue_edit,
    legacy_font,
    short,
    span_issues,
)
from kclint.textnorm import nfc
from kclint.vietnamese import Issue, placement_conflicts
from kclint.vietnamese.legacy import converted

# Unikey Toolkit's names for the source charsets.
_UNIKEY_SOURCE = {"TCVN3": "TCVN3 (ABC)", "VNI": "VNI Windows"}
_PER_PLAN = 10  # a document typed in a legacy font is wrong everywhere: name the first places, then count


class LegacyEncoding(TextIssueRule):
    code = "KC607"
    slug = "legacy-encoding"
    category = "text"
    kind = "text.legacy_encoding"
    severity = Severity.ERROR
    issue_kinds = frozenset({"text.legacy_encoding"})
    title = M(vi="Văn bản dùng bảng mã cũ (TCVN3/VNI)", en="Legacy font encoding (TCVN3/VNI)")
    doc = RuleDoc(
        what=M(
            vi="Tìm đoạn văn được gõ bằng bảng mã cũ TCVN3 (phông .VnTime) hoặc VNI (phông VNI-Times) nhưng "
            "đang hiển thị bằng phông Unicode, nên thành chữ lạ (Tr−êng, ViÖt Nam, tröôøng), và văn bản "
            "UTF-8 bị đọc nhầm thành Windows-1252 (Viá»‡t). Chỉ báo khi chữ giải mã ra âm tiết tiếng Việt hợp lệ. "
            "Tên phông đoạn văn dùng (.VnTime, .VnTimeH chữ hoa, VNI-Times) cũng là bằng chứng: đoạn đặt phông cũ "
            "được đọc hết theo bảng mã của phông. Gợi ý là đoạn văn đã chuyển mã; 'kclint fix' chuyển mã trong bản "
            "sửa và đặt phông Times New Roman cho các đoạn đó.",
            en="Finds paragraphs typed in the legacy TCVN3 (.VnTime fonts) or VNI (VNI-Times) encodings but "
            "shown in a Unicode font, hence garbled (Tr−êng, ViÖt Nam, tröôøng), and UTF-8 text read as "
            "Windows-1252 (Viá»‡t). Reported only when the words decode to valid Vietnamese syllables. The font "
            "a paragraph is set in (.VnTime, the capitals font .VnTimeH, VNI-Times) is evidence too: such a "
            "paragraph is read whole in its font's encoding. The message quotes the converted text; 'kclint fix' "
            "converts it in the copy and sets those paragraphs in Times New Roman.",
        ),
        why=M(
            vi="Người nhận không có phông cũ sẽ không đọc được; văn bản hành chính phải dùng Unicode "
            "(TCVN 6909:2001, Nghị định 30/2020).",
            en="Readers without the old fonts cannot read it; official documents must use Unicode "
            "(TCVN 6909:2001, Decree 30/2020).",
        ),
        fix=M(
            vi="Chuyển mã sang Unicode bằng Unikey Toolkit, rồi đặt phông Times New Roman cho toàn văn bản.",
            en="Convert to Unicode with Unikey Toolkit, then set the whole document to Times New Roman.",
        ),
        fail_example=(
            "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n"
            "Tr−êng mÇm non tæ chøc ho¹t ®éng tr¶i nghiÖm cho trÎ.\n"
        ),
        pass_example=(
            "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n"
            "Trường mầm non tổ chức hoạt động trải nghiệm cho trẻ.\n"
        ),
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        found = [(s, i) for s in plan.texts for i in span_issues(plan, s) if i.kind in self.issue_kinds]
        for span, issue in found[:_PER_PLAN]:
            yield self._report(plan, span, issue)
        if len(found) > _PER_PLAN:
            span, issue = found[_PER_PLAN]
            rest = len(found) - _PER_PLAN
            finding = self.finding(
                span,
                M(
                    vi=f"Còn {rest} đoạn văn khác (từ đoạn này) cũng dùng bảng mã cũ.",
                    en=f"{rest} more paragraphs (from this one on) also use a legacy encoding.",
                ),
                suggestion=self._advice(issue),
                evidence=issue.evidence,
            )
            # One finding stands for the rest; ``kclint fix`` converts each of them.
            edits = [e for s, i in found[_PER_PLAN:] if (e := _conversion(plan, s, i, s.loc)) is not None]
            yield finding.model_copy(update={"edits": edits})

    @staticmethod
    def _advice(issue: Issue) -> M:
        encoding = issue.alternatives[0] if issue.alternatives else "TCVN3"
        if encoding not in _UNIKEY_SOURCE:
            return M(
                vi="Mở lại tệp với bảng mã UTF-8 (văn bản UTF-8 đã bị đọc nhầm bằng Windows-1252) rồi lưu lại.",
                en="Reopen the file as UTF-8 (UTF-8 text was read as Windows-1252) and save it again.",
            )
        source = _UNIKEY_SOURCE[encoding]
        return M(
            vi="Chuyển mã sang Unicode: " + UNIKEY_CONVERT_VI.format(source=source) + ".",
            en="Convert to Unicode: " + UNIKEY_CONVERT_EN.format(source=source) + ".",
        )

    def _report(self, plan: Plan, span: Span, issue: Issue) -> Finding:
        font = legacy_font(plan, span)
        encoding = issue.alternatives[0] if issue.alternatives else "TCVN3"
        ev, decoded = short(issue.evidence), short(issue.suggestion or "")
        capitals = M(vi=" (phông chữ hoa: đọc thành chữ in hoa)", en=" (a capitals font: it reads in capitals)") \
            if font == "TCVN3H" else M(vi="", en="")
        return self.finding(
            span,
            M(
                vi=f"Đoạn văn dùng bảng mã cũ {encoding}{capitals.vi}: '{ev}' đọc là '{decoded}' "
                f"({issue.count} chữ bị ảnh hưởng).",
                en=f"The paragraph uses the legacy {encoding} encoding{capitals.en}: '{ev}' reads '{decoded}' "
                f"({issue.count} words affected).",
            ),
            suggestion=self._advice(issue),
            evidence=issue.evidence,
            edit=_conversion(plan, span, issue),
        )


def _conversion(plan: Plan, span: Span, issue: Issue, at: Location | None = None) -> Edit | None:
    """The whole paragraph or cell converted to Unicode (at ``at`` for one of a finding's further edits)."""
    encoding = issue.alternatives[0] if issue.alternatives else "TCVN3"
    after = converted(span.text, encoding, legacy_font(plan, span))
    return Edit(start=0, end=len(span.text), replacement=after, location=at) if after != span.text else None


class UnicodeNormalization(TextIssueRule):
    code = "KC608"
    slug = "unicode-normalization"
    category = "text"
    kind = "text.normalization"
    severity = Severity.WARNING
    issue_kinds = frozenset({"text.normalization"})
    title = M(vi="Chuẩn Unicode không thống nhất", en="Inconsistent Unicode normalisation")
    doc = RuleDoc(
        what=M(
            vi="Tìm chữ tiếng Việt ở dạng Unicode tổ hợp (NFD, dấu tách rời chữ) lẫn trong văn bản dựng sẵn "
            "(NFC); chữ 'Ð' (eth, U+00D0) dùng thay 'Đ' (U+0110); ký tự ẩn (U+200B, U+00AD...); và cùng một "
            "từ được đặt dấu theo hai kiểu trong một văn bản (hòa và hoà, thủy và thuỷ) — mục sau chỉ là nhắc nhở.",
            en="Finds Vietnamese letters in decomposed Unicode (NFD) among precomposed (NFC) text; 'Ð' (eth, "
            "U+00D0) typed for 'Đ' (U+0110); invisible characters (U+200B, U+00AD...); and one word written "
            "with both tone placements in one document (hòa and hoà, thủy and thuỷ) — the last only as a note.",
        ),
        why=M(
            vi="Chữ trông giống nhau nhưng khác mã nên tìm kiếm, sắp xếp, so khớp tên đều sai.",
            en="Letters that look alike but differ in code break search, sorting and name matching.",
        ),
        fix=M(
            vi="Dùng Unikey Toolkit chuyển 'Unicode tổ hợp' sang 'Unicode'; gõ lại chữ Đ; thống nhất một kiểu "
            "đặt dấu (Unikey: tùy chọn 'Đặt dấu oà, uý').",
            en="Convert 'Unicode tổ hợp' to 'Unicode' with Unikey Toolkit; retype Đ; use one tone placement "
            "throughout (Unikey option 'Đặt dấu oà, uý').",
        ),
        fail_example=(
            "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n"
            "Ðối với giáo viên: tham gia bồi dưỡng thường xuyên.\n"
        ),
        pass_example=(
            "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n"
            "Đối với giáo viên: tham gia bồi dưỡng thường xuyên.\n"
        ),
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        yield from super().check(plan, ctx)
        # The model's text is NFC; what the file held in decomposed form is kept aside, as written.
        for span in plan.as_written:
            for issue in span_issues(plan, span):
                if issue.detector == "nfd":
                    finding = self.report(span, issue)
                    if finding is not None:
                        yield finding
        texts = [span.text for span in plan.texts]
        for c in placement_conflicts(texts):
            style = M(vi="kiểu cũ", en="traditional") if c.style == "old" else M(vi="kiểu mới", en="modern")
            yield self.finding(
                plan.texts[c.index],
                M(
                    vi=f"'{c.word}' đặt dấu {style.vi}, trong khi văn bản viết '{c.other}' ({c.counts[1]} lần).",
                    en=f"'{c.word}' uses the {style.en} tone placement while the document writes "
                    f"'{c.other}' ({c.counts[1]} times).",
                ),
                suggestion=M(
                    vi=f"Thống nhất một kiểu đặt dấu: viết '{c.other}'.",
                    en=f"Use one tone placement throughout: write '{c.other}'.",
                ),
                severity=Severity.INFO,  # both placements are correct; only the mix is a flaw
                evidence=c.word,
            )

    def report(self, span: Span, issue: Issue) -> Finding | None:
        ev, fixed = issue.evidence, issue.suggestion or ""
        if issue.detector == "nfd":
            message = M(
                vi=f"'{ev}' ở dạng Unicode tổ hợp (NFD) trong khi văn bản dùng Unicode dựng sẵn (NFC); "
                f"{issue.count} chữ như vậy trong đoạn này.",
                en=f"'{ev}' is in decomposed Unicode (NFD) while the document is precomposed (NFC); "
                f"{issue.count} such words in this paragraph.",
            )
            suggestion = M(
                vi="Chuyển sang Unicode dựng sẵn: "
                + UNIKEY_CONVERT_VI.format(source="Unicode tổ hợp")
                + f"; hoặc gõ lại '{fixed}'.",
                en="Convert to precomposed Unicode: "
                + UNIKEY_CONVERT_EN.format(source="Unicode tổ hợp")
                + f"; or retype '{fixed}'.",
            )
        elif issue.detector == "lookalike":
            message = M(
                vi=f"'{ev}' dùng chữ 'Ð' (eth, U+00D0) thay cho chữ 'Đ' tiếng Việt (U+0110).",
                en=f"'{ev}' uses 'Ð' (eth, U+00D0) instead of the Vietnamese 'Đ' (U+0110).",
            )
            suggestion = M(vi=f"Gõ lại '{fixed}'.", en=f"Retype '{fixed}'.")
        else:
            code = issue.alternatives[0] if issue.alternatives else "?"
            message = M(
                vi=f"Có ký tự ẩn {code} trong '{ev}'.", en=f"There is an invisible character {code} in '{ev}'."
            )
            suggestion = M(vi=f"Xóa ký tự ẩn, viết '{fixed}'.", en=f"Delete the invisible character: '{fixed}'.")
        # A decomposed paragraph is normalised whole (the evidence names its first such word).
        edit = Edit(start=0, end=len(span.text), replacement=nfc(span.text)) if issue.detector == "nfd" \
            else issue_edit(issue)
        return self.finding(span, message, suggestion=suggestion, evidence=ev, edit=edit)
