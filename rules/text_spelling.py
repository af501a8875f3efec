"""Misspellings with a known correction (KC603) and missing diacritics (KC604)."""

from __future__ import annotations

from collections.abc import Iterator

from kclint.engine import Context, RuleDoc
from kclint.model import Finding, Plan, Severity, Span
from kclint.model import Message as M
from kclint.rules.text_common import TextIssueRule, span_issues
from kclint.vietnamese import Issue
from kclint.vietnamese.capitals import WordSlip, word_slips

_SLIP = M(
    vi="một chữ viết sai quy tắc chính tả (u/ư trước ơ, thiếu 'n' trước 'g', gh/ngh/k/c, vị trí dấu thanh)",
    en="a spelling-rule slip (u/ư before ơ, a lost 'n' before 'g', gh/ngh/k/c, tone mark placement)",
)


def _confidence_severity(issue: Issue, default: Severity) -> Severity:
    # A catalog entry marked 'low' may be right Vietnamese in a context we cannot see.
    return Severity.INFO if issue.confidence == "low" else default


class Typo(TextIssueRule):
    code = "KC603"
    slug = "typo"
    category = "text"
    kind = "text.typo"
    severity = Severity.WARNING
    issue_kinds = frozenset({"text.typo"})
    issue_detectors = frozenset({"spelling", "phrase"})  # syllables typed without spaces: KC613
    title = M(vi="Lỗi chính tả", en="Misspelling")
    doc = RuleDoc(
        what=M(
            vi="Tìm các lỗi chính tả có cách sửa chắc chắn: cụm từ và tên cơ quan hay viết sai trong danh mục "
            "(PHẤN ĐÁU, quay định, Phòng Giáo và Đào tạo), tên cơ quan trong danh mục (từ năm chữ) thiếu hoặc thừa "
            "một chữ ở giữa khi được viết như tên riêng (Bộ Giáo dục Đào tạo) và chữ sai một quy tắc chính tả "
            "(truờng, gía, naag -> nâng).",
            en="Finds misspellings with a sure correction: catalogued phrases and agency names (PHẤN ĐÁU, quay "
            "định, Phòng Giáo và Đào tạo), a catalogued agency name (five words or more) written as a name with "
            "an inner word missing or one too many (Bộ Giáo dục Đào tạo), and words that break one spelling rule "
            "(truờng, gía, naag -> nâng).",
        ),
        why=M(
            vi="Văn bản hành chính phải đúng chính tả; tên cơ quan sai làm văn bản mất giá trị trang trọng.",
            en="Official documents must be spelt correctly; a misspelt agency name undermines the document.",
        ),
        fix=M(vi="Sửa theo gợi ý.", en="Apply the suggested correction."),
        fail_example=(
            "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n"
            "Báo cáo kết quả về Phòng Giáo và Đào tạo trước ngày 20/5/2026.\n"
        ),
        pass_example=(
            "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n"
            "Báo cáo kết quả về Phòng Giáo dục và Đào tạo trước ngày 20/5/2026.\n"
        ),
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        yield from super().check(plan, ctx)
        # A catalogued agency name with an inner word missing or one too many (proper_names.json), unless the
        # phrase catalog already names that slip ('Phòng Giáo và Đào tạo').
        for span in plan.texts:
            for slip in word_slips(span.text):
                if not any(i.start < slip.end and slip.start < i.end and self.owns(i) for i in span_issues(plan, span)):
                    yield self._name_slip(span, slip)

    def _name_slip(self, span: Span, slip: WordSlip) -> Finding:
        ev = slip.written
        right = slip.entry.name.upper() if ev.isupper() else slip.entry.name
        why = M(vi="tên cơ quan thiếu một chữ", en="an agency name with a word missing") if slip.missing else \
            M(vi="tên cơ quan thừa một chữ", en="an agency name with a word too many")
        return self.finding(
            span,
            M(vi=f"'{ev}' viết sai ({why.vi}): đúng là '{right}'.", en=f"'{ev}' is misspelt ({why.en}): '{right}'."),
            suggestion=M(vi=f"Viết '{right}' thay cho '{ev}'.", en=f"Write '{right}' instead of '{ev}'."),
            evidence=ev,
        )

    def report(self, span: Span, issue: Issue) -> Finding | None:
        ev, right = issue.evidence, issue.suggestion or ""
        if issue.detector == "phrase":
            why = M(vi=issue.note_vi or "cụm từ viết sai", en=issue.note_en or "a misspelt phrase")
        else:
            why = _SLIP
        return self.finding(
            span,
            M(vi=f"'{ev}' viết sai ({why.vi}): đúng là '{right}'.", en=f"'{ev}' is misspelt ({why.en}): '{right}'."),
            suggestion=M(vi=f"Viết '{right}' thay cho '{ev}'.", en=f"Write '{right}' instead of '{ev}'."),
            severity=_confidence_severity(issue, self.severity),
            evidence=ev,
        )


class MissingDiacritics(TextIssueRule):
    code = "KC604"
    slug = "missing-diacritics"
    category = "text"
    kind = "text.missing_diacritics"
    severity = Severity.WARNING
    issue_kinds = frozenset({"text.missing_diacritics"})
    issue_detectors = frozenset({"phrase", "tone"})  # a bare line or bare words: KC611, KC612
    title = M(vi="Thiếu dấu tiếng Việt", en="Missing Vietnamese diacritics")
    doc = RuleDoc(
        what=M(
            vi="Tìm chữ thiếu dấu: các cụm từ trong danh mục (NĂM HOC, kế hoach) và các âm tiết tận cùng bằng "
            "c, ch, p, t mà không có dấu sắc hoặc nặng (viêt). Với chữ không dấu hoàn toàn (hoc), chỉ báo khi "
            "chữ đứng cạnh chữ tiếng Việt có dấu, để không nhầm với từ nước ngoài.",
            en="Finds words lacking marks: catalogued phrases (NĂM HOC, kế hoach) and syllables ending in c, ch, "
            "p, t without the sắc or nặng tone they require (viêt). A bare ASCII word (hoc) is reported only "
            "next to a marked Vietnamese word, so that foreign words are not taken for it.",
        ),
        why=M(
            vi="Chữ thiếu dấu khó đọc, dễ hiểu sai và thiếu trang trọng.",
            en="Unmarked words are hard to read, ambiguous and look careless.",
        ),
        fix=M(
            vi="Thêm dấu theo gợi ý; khi có hai khả năng (sắc/nặng), chọn theo nghĩa.",
            en="Add the marks suggested; when two tones are possible (sắc/nặng), choose by meaning.",
        ),
        fail_example=(
            "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HOC 2025-2026\n\n"
            "Nhà trường xây dựng kế hoạch cải tiến chất lượng theo từng tiêu chí.\n"
        ),
        pass_example=(
            "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n"
            "Nhà trường xây dựng kế hoạch cải tiến chất lượng theo từng tiêu chí.\n"
        ),
    )

    def report(self, span: Span, issue: Issue) -> Finding | None:
        ev = issue.evidence
        if issue.detector == "phrase":
            right = issue.suggestion or ""
            return self.finding(
                span,
                M(vi=f"'{ev}' thiếu dấu: đúng là '{right}'.", en=f"'{ev}' lacks diacritics: '{right}'."),
                suggestion=M(vi=f"Viết '{right}' thay cho '{ev}'.", en=f"Write '{right}' instead of '{ev}'."),
                severity=_confidence_severity(issue, self.severity),
                evidence=ev,
            )
        options = "' hoặc '".join(issue.alternatives)
        options_en = "' or '".join(issue.alternatives)
        return self.finding(
            span,
            M(
                vi=f"'{ev}' thiếu dấu thanh: âm tiết tận cùng bằng c, ch, p, t phải mang dấu sắc hoặc nặng.",
                en=f"'{ev}' lacks its tone mark: a syllable ending in c, ch, p, t takes sắc or nặng.",
            ),
            suggestion=M(vi=f"Viết '{options}' tùy nghĩa.", en=f"Write '{options_en}', depending on the meaning."),
            severity=Severity.INFO,  # which of the two tones is meant is a guess
            evidence=ev,
        )
