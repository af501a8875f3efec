"""Typing slips at the level of one word: Telex/VNI residue (KC601) and invalid syllables (KC602)."""

from __future__ import annotations

from kclint.engine import RuleDoc
from kclint.model import Finding, Severity, Span
from kclint.model import Message as M
from kclint.rules.text_common import TextIssueRule, issue_edit
from kclint.vietnamese import Issue


class TelexResidue(TextIssueRule):
    code = "KC601"
    slug = "telex-residue"
    category = "text"
    kind = "text.telex_residue"
    severity = Severity.WARNING
    issue_kinds = frozenset({"text.telex_residue"})
    title = M(vi="Sót ký tự gõ Telex/VNI", en="Telex/VNI typing residue")
    doc = RuleDoc(
        what=M(
            vi="Tìm những chữ còn nguyên phím gõ Telex hoặc VNI (caccs, Phuwocs, vie65t) vì bộ gõ tiếng Việt "
            "bị tắt khi nhập. Chữ được gõ lại theo quy tắc Telex/VNI; chỉ báo khi đúng một cách đọc cho ra "
            "một âm tiết tiếng Việt hợp lệ.",
            en="Finds words that still hold Telex or VNI keystrokes (caccs, Phuwocs, vie65t) because the "
            "Vietnamese input method was off. The word is replayed as Telex/VNI keys; it is reported only when "
            "exactly one reading is a valid Vietnamese syllable.",
        ),
        why=M(
            vi="Chữ sai làm văn bản hành chính kém trang trọng và có thể đổi nghĩa; người đọc phải đoán.",
            en="Garbled words make an official document look careless and can change its meaning.",
        ),
        fix=M(
            vi="Bật bộ gõ tiếng Việt (Unikey: Ctrl+Shift) và gõ lại chữ được gợi ý.",
            en="Switch the Vietnamese input method on (Unikey: Ctrl+Shift) and retype the suggested word.",
        ),
        fail_example=(
            "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n"
            "Nhà trường tham mưu cải tạo cacs phòng học và bổ sung thiết bị dạy học.\n"
        ),
        pass_example=(
            "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n"
            "Nhà trường tham mưu cải tạo các phòng học và bổ sung thiết bị dạy học.\n"
        ),
    )

    def report(self, span: Span, issue: Issue) -> Finding | None:
        ev, word = issue.evidence, issue.suggestion or ""
        how = "VNI" if issue.detector == "vni" else "Telex"
        return self.finding(
            span,
            M(
                vi=f"'{ev}' là chữ gõ {how} bị sót (bộ gõ tiếng Việt chưa bật); chữ định gõ là '{word}'.",
                en=f"'{ev}' is {how} typing residue (the Vietnamese input method was off); meant '{word}'.",
            ),
            suggestion=M(vi=f"Viết '{word}' thay cho '{ev}'.", en=f"Write '{word}' instead of '{ev}'."),
            evidence=ev,
            edit=issue_edit(issue),
        )


class InvalidSyllable(TextIssueRule):
    code = "KC602"
    slug = "invalid-syllable"
    category = "text"
    kind = "text.invalid_syllable"
    severity = Severity.INFO
    issue_kinds = frozenset({"text.invalid_syllable"})
    title = M(vi="Âm tiết không hợp lệ", en="Invalid Vietnamese syllable")
    doc = RuleDoc(
        what=M(
            vi="Tìm chữ có dấu tiếng Việt nhưng không thể là một âm tiết tiếng Việt (sai phụ âm đầu, vần, dấu "
            "thanh hoặc vị trí dấu) và không giải thích được bằng lỗi gõ Telex/VNI hay một lỗi chính tả quen "
            "thuộc. Bỏ qua chữ viết tắt, tên riêng viết hoa, từ nước ngoài, số La Mã, địa chỉ web.",
            en="Finds words written with Vietnamese marks that cannot be a Vietnamese syllable (onset, rhyme, "
            "tone or tone placement) and are not explained by Telex/VNI residue or a known slip. Abbreviations, "
            "capitalised names, foreign words, Roman numerals and web addresses are skipped.",
        ),
        why=M(
            vi="Thường là lỗi gõ (thừa hoặc thiếu chữ); vì không đoán được chữ đúng nên chỉ nhắc kiểm tra.",
            en="Usually a typing slip (a letter too many or missing); the right word cannot be guessed, so "
            "this is only a reminder to check.",
        ),
        fix=M(vi="Đọc lại chữ được trích và sửa chính tả.", en="Reread the quoted word and correct it."),
        fail_example=(
            "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n"
            "Tổ chức các hoạt động ngoạii khóa cho học sinh.\n"
        ),
        pass_example=(
            "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n"
            "Tổ chức các hoạt động ngoại khóa cho học sinh.\n"
        ),
    )

    def report(self, span: Span, issue: Issue) -> Finding | None:
        ev = issue.evidence
        if issue.alternatives:
            options = "', '".join(issue.alternatives)
            suggestion = M(
                vi=f"Kiểm tra lại '{ev}'; có thể là '{options}'.", en=f"Check '{ev}'; perhaps '{options}'."
            )
        else:
            suggestion = M(vi=f"Kiểm tra lại chính tả của '{ev}'.", en=f"Check the spelling of '{ev}'.")
        return self.finding(
            span,
            M(
                vi=f"'{ev}' không phải là một âm tiết tiếng Việt hợp lệ.",
                en=f"'{ev}' is not a valid Vietnamese syllable.",
            ),
            suggestion=suggestion,
            evidence=ev,
        )
