"""What the syllable tables restore: a line typed without marks (KC611), bare words in marked prose (KC612),
syllables typed without spaces (KC613), a slip that spells another real word (KC614)."""

from __future__ import annotations

from collections.abc import Iterator

from kclint.engine import Context, RuleDoc
from kclint.model import Finding, Plan, Severity, Span, line_of
from kclint.model import Message as M
from kclint.rules.text_common import TextIssueRule, short, span_issues
from kclint.textnorm import fold
from kclint.vietnamese import Issue

_TITLE = "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n"


class UnaccentedLine(TextIssueRule):
    code = "KC611"
    slug = "unaccented-line"
    category = "text"
    kind = "text.missing_diacritics"
    severity = Severity.WARNING
    issue_kinds = frozenset({"text.missing_diacritics"})
    issue_detectors = frozenset({"bare_line"})
    title = M(vi="Cả dòng gõ không dấu", en="A whole line typed without diacritics")
    doc = RuleDoc(
        what=M(
            vi="Tìm dòng, ô bảng hoặc tiêu đề gõ hoàn toàn không dấu (Doc lap - Tu do - Hanh phuc, KE HOACH CAI "
            "TIEN...): ít nhất bốn chữ, phần lớn là chữ tiếng Việt bỏ dấu. Dấu được khôi phục theo tần suất các cặp "
            "âm tiết trong văn bản pháp luật; chỉ gợi ý cả dòng khi mọi chữ đều có một cách đọc trội hẳn.",
            en="Finds a line, table cell or heading typed entirely without marks (Doc lap - Tu do - Hanh phuc, KE "
            "HOACH CAI TIEN...): at least four words, most of them Vietnamese with the marks dropped. The marks are "
            "restored from how often syllable pairs occur in legal prose; the whole line is suggested only when "
            "every word has one clearly dominant reading.",
        ),
        why=M(
            vi="Văn bản hành chính phải viết đủ dấu tiếng Việt (Nghị định 30/2020); chữ không dấu dễ đọc sai nghĩa.",
            en="Official documents are written with full Vietnamese marks (Decree 30/2020); unmarked words are "
            "easily misread.",
        ),
        fix=M(vi="Bật bộ gõ tiếng Việt và gõ lại dòng có dấu.", en="Switch the Vietnamese input on and retype the "
              "line with its marks."),
        fail_example=_TITLE + "CONG HOA XA HOI CHU NGHIA VIET NAM\n\nNhà trường rà soát minh chứng theo tiêu chí.\n",
        pass_example=_TITLE + "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nNhà trường rà soát minh chứng theo tiêu chí.\n",
    )

    def report(self, span: Span, issue: Issue) -> Finding | None:
        ev, right = issue.evidence, issue.suggestion
        if right:
            suggestion = M(vi=f"Viết '{short(right)}'.", en=f"Write '{short(right)}'.")
        else:
            suggestion = M(vi="Gõ lại dòng này có dấu tiếng Việt.", en="Retype this line with Vietnamese marks.")
        return self.finding(
            span,
            M(vi=f"Dòng '{short(ev)}' gõ không dấu tiếng Việt.", en=f"The line '{short(ev)}' has no Vietnamese marks."),
            suggestion=suggestion,
            evidence=ev,
        )


class UnaccentedWords(TextIssueRule):
    code = "KC612"
    slug = "unaccented-words"
    category = "text"
    kind = "text.missing_diacritics"
    severity = Severity.WARNING
    issue_kinds = frozenset({"text.missing_diacritics"})
    issue_detectors = frozenset({"bare_words"})
    title = M(vi="Chữ không dấu giữa câu có dấu", en="Unmarked words in marked prose")
    doc = RuleDoc(
        what=M(
            vi="Tìm chữ bỏ dấu giữa câu viết có dấu (hoc sinh, nam hoc, Quyet định, nhà truong) khi chữ không dấu "
            "không phải tiếng Việt hoặc hiếm hơn hẳn dạng có dấu, và các cặp âm tiết bên cạnh chỉ ra một cách đọc "
            "trội hẳn (học sinh, năm học). Chữ không dấu vốn đúng (tai nạn, phía nam) không bị báo.",
            en="Finds words without their marks inside marked prose (hoc sinh, nam hoc, Quyet định, nhà truong) "
            "when the bare form is not Vietnamese or far rarer than a marked one, and the neighbouring syllable "
            "pairs point to one clearly dominant reading (học sinh, năm học). Bare words that are right (tai nạn, "
            "phía nam) are not reported.",
        ),
        why=M(vi="Chữ thiếu dấu khó đọc, dễ hiểu sai và thiếu trang trọng.",
              en="Unmarked words are hard to read, ambiguous and look careless."),
        fix=M(vi="Thêm dấu theo gợi ý.", en="Add the marks suggested."),
        fail_example=_TITLE + "Tổ chức cho hoc sinh tham gia hoạt động trải nghiệm.\n",
        pass_example=_TITLE + "Tổ chức cho học sinh tham gia hoạt động trải nghiệm.\n",
    )

    def report(self, span: Span, issue: Issue) -> Finding | None:
        ev, right = issue.evidence, issue.suggestion or ""
        return self.finding(
            span,
            M(vi=f"'{ev}' thiếu dấu: đúng là '{right}'.", en=f"'{ev}' lacks diacritics: '{right}'."),
            suggestion=M(vi=f"Viết '{right}' thay cho '{ev}'.", en=f"Write '{right}' instead of '{ev}'."),
            evidence=ev,
        )


class JoinedWords(TextIssueRule):
    code = "KC613"
    slug = "joined-words"
    category = "text"
    kind = "text.typo"
    severity = Severity.WARNING
    issue_kinds = frozenset({"text.typo"})
    issue_detectors = frozenset({"joined"})
    title = M(vi="Các chữ viết liền, thiếu dấu cách", en="Syllables run together")
    doc = RuleDoc(
        what=M(
            vi="Tìm nhiều âm tiết viết liền không có dấu cách (kếhoạch, tựđánhgiá, kiemdinhchatluong). Chữ được "
            "tách theo ngữ pháp âm tiết; chỉ báo khi có đúng một cách tách mà mọi cặp âm tiết liền nhau đều quen "
            "thuộc. Từ vay mượn (kilôgam) không bị tách.",
            en="Finds several syllables written without spaces (kếhoạch, tựđánhgiá, kiemdinhchatluong). The word "
            "is split by the syllable grammar and reported only when exactly one split has every neighbouring "
            "pair known. Loanwords (kilôgam) are not split.",
        ),
        why=M(vi="Thường do dán văn bản từ PDF hoặc xóa nhầm dấu cách; chữ dính liền khó đọc và không tìm kiếm được.",
              en="Usually from text pasted out of a PDF or a deleted space; run-together words are hard to read "
                 "and cannot be searched."),
        fix=M(vi="Thêm dấu cách giữa các âm tiết.", en="Put the spaces back between the syllables."),
        fail_example=_TITLE + "Nhà trường xây dựng kếhoạch tự đánh giá theo tiêu chí.\n",
        pass_example=_TITLE + "Nhà trường xây dựng kế hoạch tự đánh giá theo tiêu chí.\n",
    )

    def report(self, span: Span, issue: Issue) -> Finding | None:
        ev, right = issue.evidence, issue.suggestion or ""
        return self.finding(
            span,
            M(vi=f"'{ev}' là các chữ viết liền: đúng là '{right}'.", en=f"'{ev}' runs syllables together: '{right}'."),
            suggestion=M(vi=f"Viết '{right}' thay cho '{ev}'.", en=f"Write '{right}' instead of '{ev}'."),
            evidence=ev,
        )


class RealWordTypo(TextIssueRule):
    code = "KC614"
    slug = "real-word-typo"
    category = "text"
    kind = "text.typo"
    severity = Severity.WARNING
    issue_kinds = frozenset({"text.typo"})
    issue_detectors = frozenset({"real_word"})
    title = M(vi="Gõ nhầm thành một chữ có nghĩa khác", en="A slip that spells another real word")
    doc = RuleDoc(
        what=M(
            vi="Tìm cặp âm tiết đều hợp lệ nhưng không phải thuật ngữ định viết (thư viên, quay định, tiêu chẩn, "
            "cơ sở vật chắt, học xinh, mầm lon, phòng giáo giục, chuẩn quốc da): cặp chưa từng gặp, cách một lỗi gõ "
            "hoặc lỗi phát âm (dấu thanh, ch/tr, s/x, d/gi/r, n/l, c/t, n/ng cuối, thiếu hoặc thừa một phím) với một "
            "thuật ngữ trong danh mục. Chỉ báo khi thuật ngữ đúng có ở chỗ khác trong văn bản, hoặc là từ thuộc "
            "nhóm đóng (cấp học, tên cơ quan, thuật ngữ kiểm định, tháng), hoặc chữ gõ sai hầu như không dùng.",
            en="Finds a pair of valid syllables that is not the term meant (thư viên, quay định, tiêu chẩn, cơ sở "
            "vật chắt, học xinh, mầm lon, phòng giáo giục, chuẩn quốc da): a pair never seen, one typing or sound "
            "slip (tone, ch/tr, s/x, d/gi/r, n/l, final c/t and n/ng, a key too many or too few) from a term of the "
            "lexicon. Reported only when the right term occurs elsewhere in the document, or is closed-class "
            "(school levels, agencies, accreditation terms, months), or the typed syllable is hardly ever written.",
        ),
        why=M(vi="Chữ sai vẫn là chữ có nghĩa nên trình kiểm tra chính tả thường bỏ sót, nhưng người đọc thấy ngay.",
              en="The wrong word is still a word, so spell checkers miss it, but a reader sees it at once."),
        fix=M(vi="Sửa thành thuật ngữ được gợi ý.", en="Write the suggested term."),
        fail_example=_TITLE + "Nhà trường xây dựng thư viên thân thiện cho học sinh; thư viện mở cửa hằng ngày.\n",
        pass_example=_TITLE + "Nhà trường xây dựng thư viện thân thiện cho học sinh; thư viện mở cửa hằng ngày.\n",
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        # A person's name (plan.facts.persons) is no term: 'Bà Đào Thị Mai' is no slip of a lexicon pair.
        names = {(line_of(p.span.loc), p.offset, p.offset + len(p.span.text)) for p in plan.facts.persons}
        found = [(span, i) for span in plan.texts for i in span_issues(plan, span) if self.owns(i)
                 and not any(w == line_of(span.loc) and a < i.end and i.start < b for w, a, b in names)]
        if not found:
            return
        open_terms = {i.alternatives[0] for _, i in found if i.confidence != "high"}
        seen = _pairs_in(plan, open_terms) if open_terms else {}
        for span, issue in found:
            # An open-class term counts only when the document itself writes it right somewhere.
            if issue.confidence == "high" or seen.get(issue.alternatives[0]):
                yield self.report(span, issue)

    def report(self, span: Span, issue: Issue) -> Finding:
        ev, right = issue.evidence, issue.suggestion or ""
        return self.finding(
            span,
            M(vi=f"'{ev}' có lẽ là '{right}' gõ nhầm.", en=f"'{ev}' is probably a slip for '{right}'."),
            suggestion=M(vi=f"Viết '{right}' thay cho '{ev}'.", en=f"Write '{right}' instead of '{ev}'."),
            evidence=ev,
        )


def _pairs_in(plan: Plan, wanted: set[str]) -> dict[str, int]:
    """How often each wanted pair of syllables is written in the plan's texts (case aside)."""
    out: dict[str, int] = {}
    for span in plan.texts:
        low = fold(span.text)
        for pair in wanted:
            if pair in low:
                out[pair] = out.get(pair, 0) + 1
    return out
