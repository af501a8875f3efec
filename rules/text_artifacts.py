"""Conversion debris (KC605), spacing and doubled punctuation (KC609)."""

from __future__ import annotations

from collections.abc import Iterator

from kclint.engine import Context, RuleDoc
from kclint.model import Edit, Finding, Plan, Severity, Span
from kclint.model import Message as M
from kclint.rules.text_common import TextIssueRule, issue_edit, short, span_issues
from kclint.vietnamese import Issue, safe_replacement
from kclint.vietnamese.glyphs import glyph_slips

# Debris from PDF extraction and scans, reported by KC616.
EXTRACTION_DETECTORS = frozenset({"pdf_symbols", "stray_mark", "digit_letter"})


class ConversionArtifact(TextIssueRule):
    code = "KC605"
    slug = "conversion-artifact"
    category = "text"
    kind = "text.artifact"
    severity = Severity.WARNING
    issue_kinds = frozenset({"text.artifact"})

    def owns(self, issue: Issue) -> bool:
        return super().owns(issue) and issue.detector not in EXTRACTION_DETECTORS  # KC616's
    title = M(vi="Ký tự thừa do chuyển đổi định dạng", en="Conversion debris")
    doc = RuleDoc(
        what=M(
            vi="Tìm dấu vết còn sót khi chuyển văn bản qua lại giữa Word, PDF, web và Markdown: thẻ HTML "
            "(<p>, <i>), mã ký tự (&nbsp;), '[bookmark: ...]', dấu '**' của Markdown, mã trường của Word "
            "(MERGEFORMAT, HYPERLINK \"...\", { REF ... }), thông báo 'Error! Reference source not found.'.",
            en="Finds traces left by converting between Word, PDF, the web and Markdown: HTML tags (<p>, <i>), "
            "entities (&nbsp;), '[bookmark: ...]', Markdown '**', Word field codes (MERGEFORMAT, "
            "HYPERLINK \"...\", { REF ... }) and 'Error! Reference source not found.'.",
        ),
        why=M(
            vi="Những ký tự này hiện ra khi in và cho thấy văn bản chưa được soát lại.",
            en="They show up in print and reveal that the document was not proofread.",
        ),
        fix=M(
            vi="Xóa đoạn ký tự thừa; dùng định dạng của Word (đậm, nghiêng) thay cho thẻ.",
            en="Delete the debris; use Word formatting (bold, italic) instead of tags.",
        ),
        fail_example=(
            "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n"
            "<p>Hiệu trưởng chỉ đạo tổ chuyên môn rà soát minh chứng.</p>\n"
        ),
        pass_example=(
            "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n"
            "Hiệu trưởng chỉ đạo tổ chuyên môn rà soát minh chứng.\n"
        ),
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        # One finding per cell or paragraph for its HTML tags: '<p>…</p>' is one slip, not two.
        for span in plan.texts:
            issues = [i for i in span_issues(plan, span) if self.owns(i)]
            tags = [i for i in issues if i.evidence.startswith("<")]
            for issue in issues:
                if any(issue is t for t in tags[1:]):
                    continue
                group = tags if tags and issue is tags[0] else []
                yield self.report(span, issue, group)

    def report(self, span: Span, issue: Issue, tags: list[Issue] | None = None) -> Finding:
        ev = ", ".join(dict.fromkeys(t.evidence for t in tags)) if tags else short(issue.evidence)
        return self.finding(
            span,
            M(vi=f"Ký tự thừa: {issue.note_vi} ('{ev}').", en=f"Debris: {issue.note_en} ('{ev}')."),
            suggestion=M(vi=f"{issue.fix_vi[:1].upper()}{issue.fix_vi[1:]}.",
                         en=f"{issue.fix_en[:1].upper()}{issue.fix_en[1:]}."),
            evidence=issue.evidence,
            edit=_group_edit(span.text, tags) if tags else issue_edit(issue),
        )


def _group_edit(text: str, tags: list[Issue]) -> Edit | None:
    """One edit removing every tag of a paragraph: from the first tag to the last, the text between kept."""
    afters = [safe_replacement(t) for t in tags]
    if any(a is None for a in afters):
        return None
    out, pos = [], tags[0].start
    for tag, after in zip(tags, afters, strict=True):
        out.append(text[pos:tag.start] + (after or ""))
        pos = tag.end
    return Edit(start=tags[0].start, end=tags[-1].end, replacement="".join(out))


_SPACING = {
    "double_space": M(vi="hai dấu cách liền nhau", en="two spaces in a row"),
    "space_before_punct": M(vi="dấu cách đứng trước dấu câu", en="a space before a punctuation mark"),
    "doubled_punct": M(vi="dấu câu bị lặp", en="a doubled punctuation mark"),
}


class SpacingPunctuation(TextIssueRule):
    code = "KC609"
    slug = "spacing-punctuation"
    category = "text"
    kind = "text.spacing"
    severity = Severity.INFO
    issue_kinds = frozenset({"text.spacing"})
    title = M(vi="Khoảng trắng, dấu câu thừa", en="Extra spaces or punctuation")
    doc = RuleDoc(
        what=M(
            vi="Tìm hai dấu cách giữa hai chữ, dấu cách trước dấu phẩy, chấm phẩy, dấu chấm, và dấu câu bị lặp "
            "(',,', '..'). Dấu ba chấm '...' và dấu kết thúc văn bản './.' là đúng và không bị báo.",
            en="Finds two spaces between words, a space before a comma, semicolon or full stop, and doubled "
            "punctuation (',,', '..'). The ellipsis '...' and the closing mark './.' are correct and not reported.",
        ),
        why=M(
            vi="Lỗi nhỏ nhưng dễ thấy khi in; Nghị định 30/2020 yêu cầu trình bày văn bản chuẩn mực.",
            en="Minor but visible in print; Decree 30/2020 asks for a clean presentation.",
        ),
        fix=M(
            vi="Trong Word dùng Tìm và Thay thế (Ctrl+H): thay hai dấu cách bằng một.",
            en="In Word use Find and Replace (Ctrl+H): replace two spaces with one.",
        ),
        fail_example=(
            "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n"
            "Giáo viên cập nhật hồ sơ ,  sổ sách đúng quy định..\n"
        ),
        pass_example=(
            "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n"
            "Giáo viên cập nhật hồ sơ, sổ sách, minh chứng... đúng quy định./.\n"
        ),
    )

    def report(self, span: Span, issue: Issue) -> Finding | None:
        what = _SPACING.get(issue.detector, _SPACING["double_space"])
        ev, fixed = issue.evidence, issue.suggestion or ""
        return self.finding(
            span,
            M(vi=f"Có {what.vi}: '{ev}'.", en=f"There is {what.en}: '{ev}'."),
            suggestion=M(vi=f"Viết '{fixed}'.", en=f"Write '{fixed}'."),
            evidence=ev,
            edit=issue_edit(issue),
        )


_EXTRACTION_WHAT = {
    "pdf_symbols": M(vi="ký hiệu thay cho chữ cái (chép từ PDF)", en="symbols standing for letters (from a PDF)"),
    "stray_mark": M(vi="dấu lạ chen giữa chữ", en="a stray mark inside a word"),
    "digit_letter": M(vi="chữ số thay cho chữ cái (nhận dạng bản quét)",
                      en="a digit for a letter (text recognition)"),
    "glyph_map": M(vi="chữ bị đổi thành chữ khác khi chép từ PDF lỗi bảng mã phông (ò thành ị, oà thành ồ)",
                   en="letters turned into others by copying from a PDF with a broken font map (ò as ị, oà as ồ)"),
}
_GLYPHS_PER_PLAN = 10  # a damaged document is damaged throughout: name the first words, then count


class ExtractionDebris(TextIssueRule):
    code = "KC616"
    slug = "extraction-debris"
    category = "text"
    kind = "text.artifact"
    severity = Severity.WARNING
    issue_kinds = frozenset({"text.artifact"})
    issue_detectors = EXTRACTION_DETECTORS
    title = M(vi="Ký tự lạ do chép từ PDF hoặc bản quét", en="Debris from a PDF or a scan")
    doc = RuleDoc(
        what=M(
            vi="Tìm chữ bị hỏng khi chép từ PDF dùng phông mã hóa riêng (ký hiệu ASCII thay chữ: ho#ch c$i ti%n), "
            "dấu lạ chen giữa chữ (n^am, th~ang), chữ số thay chữ cái trong các chữ cố định của thể thức do nhận "
            "dạng bản quét (S0 thay Số), và chữ bị đổi có hệ thống khi PDF lỗi bảng mã phông (Phịng thay Phòng, "
            "q trình thay quá trình, ngồi thay ngoài): chỉ khi văn bản có ít nhất hai chữ sai không thành âm tiết; "
            "chữ vẫn có nghĩa (ngồi, đồn) chỉ được báo trong văn bản ấy và khi chữ bên cạnh chọn chữ đã sửa. Địa "
            "chỉ thư, liên kết và chữ viết tắt (R&D) không bị báo.",
            en="Finds words broken by copying out of a PDF with a custom font encoding (ASCII symbols for letters: "
            "ho#ch c$i ti%n), stray marks inside a word (n^am, th~ang), digits for letters in the fixed words "
            "of the form from text recognition (S0 for Số), and letters swapped throughout by a PDF's broken font "
            "map (Phịng for Phòng, q trình for quá trình, ngồi for ngoài): only when the document has two such "
            "words or more that are no syllable; a word that is still a word (ngồi, đồn) is reported only in such a "
            "document and when a neighbour chooses the repaired word. Addresses, links and abbreviations (R&D) "
            "are skipped.",
        ),
        why=M(vi="Văn bản ký ban hành không được có chữ hỏng; người đọc phải đoán chữ.",
              en="A signed document must not carry broken words; the reader has to guess them."),
        fix=M(vi="Gõ lại đoạn văn từ bản gốc, không chép từ PDF hay bản quét.",
              en="Retype the passage from the original instead of copying it out of a PDF or a scan."),
        fail_example=("KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n"
                      "Tổ chức tổng kết n^am học vào cuối tháng 5.\n"),
        pass_example=("KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n"
                      "Tổ chức tổng kết năm học vào cuối tháng 5.\n"),
    )


    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        yield from super().check(plan, ctx)
        spans = plan.texts
        slips = glyph_slips([s.text for s in spans])
        for slip in slips[:_GLYPHS_PER_PLAN]:
            issue = Issue("text.artifact", slip.start, slip.end, slip.written, "glyph_map", suggestion=slip.right)
            finding = self.report(spans[slip.index], issue)
            if finding is not None:
                yield finding
        if len(slips) > _GLYPHS_PER_PLAN:
            rest = slips[_GLYPHS_PER_PLAN:]
            yield self.finding(
                spans[rest[0].index],
                M(vi=f"Còn {len(rest)} chữ khác (từ chữ này) cũng hỏng vì chép từ PDF lỗi bảng mã phông.",
                  en=f"{len(rest)} more words (from this one on) are garbled by a PDF's broken font map."),
                suggestion=M(vi="Chép lại văn bản từ tệp Word gốc, hoặc soát lại toàn bộ các chữ có ị, ồ, q.",
                             en="Copy the text again from the original Word file, or proofread every word "
                             "with ị, ồ or q."),
                evidence=rest[0].written)

    def report(self, span: Span, issue: Issue) -> Finding | None:
        what, ev = _EXTRACTION_WHAT[issue.detector], short(issue.evidence)
        if issue.suggestion:
            right = issue.suggestion
            suggestion = M(vi=f"Viết '{right}' thay cho '{ev}'.", en=f"Write '{right}' instead of '{ev}'.")
        else:
            suggestion = M(vi="Gõ lại chữ này từ bản gốc.", en="Retype these words from the original.")
        return self.finding(span, M(vi=f"Chữ hỏng: {what.vi} ('{ev}').", en=f"Broken text: {what.en} ('{ev}')."),
                            suggestion=suggestion, evidence=issue.evidence)
