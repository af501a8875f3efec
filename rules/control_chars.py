"""Control characters and terminal escape sequences in the text (KC640)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kclint.engine import Context, Rule, RuleDoc
from kclint.model import Finding, Plan, Severity
from kclint.model import Message as M
from kclint.safetext import visible

# One control with what it introduces: a CSI sequence (ESC [ or 0x9B, parameters, a final letter), an OSC
# string (ESC ], up to BEL or ESC \), ESC and one character, or a lone control. Tab and newline are text.
_SEQUENCE = re.compile(
    "(?:\x1b\\[|\x9b)[\x30-\x3f]{0,64}[\x20-\x2f]{0,8}[\x40-\x7e]?"
    "|(?:\x1b\\]|\x9d)[^\x07\x1b\x9c]{0,256}(?:\x07|\x1b\\\\|\x9c)?"
    "|\x1b[\x20-\x7e]?"
    "|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)


class ControlCharacters(Rule):
    code = "KC640"
    slug = "control-characters"
    category = "text"
    kind = "text.artifact"
    severity = Severity.WARNING
    title = M(vi="Ký tự điều khiển trong văn bản", en="Control characters in the text")
    doc = RuleDoc(
        what=M(
            vi="Tìm ký tự điều khiển không in được (NUL, ngắt trang, ESC...) và chuỗi điều khiển màn hình "
            "(ví dụ ESC [2J xóa màn hình) nằm trong chữ của kế hoạch. Báo cáo hiện chúng thành ký hiệu thấy được, "
            "ví dụ ␛[2J.",
            en="Finds non-printing control characters (NUL, form feed, ESC...) and terminal control sequences "
            "(for example ESC [2J, which clears the screen) inside the plan's text. Reports show them as visible "
            "pictures, for example ␛[2J.",
        ),
        why=M(
            vi="Chúng sót lại khi sao chép từ PDF hay phần mềm cũ, hoặc được cài vào để làm rối màn hình của người "
            "duyệt; Word không hiện chúng nhưng chúng vẫn nằm trong tệp.",
            en="They are left by copying from PDFs or old software, or planted to garble a reviewer's screen; Word "
            "does not show them, but they stay in the file.",
        ),
        fix=M(
            vi="Xóa ký tự ở vị trí được chỉ ra, hoặc gõ lại đoạn văn đó.",
            en="Delete the character at the place shown, or retype the paragraph.",
        ),
        fail_example=(
            "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n"
            "Tổ chuyên môn rà soát\x1b[2J minh chứng của tiêu chí 1.1.\n"
        ),
        pass_example=(
            "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025-2026\n\n"
            "Tổ chuyên môn rà soát minh chứng của tiêu chí 1.1.\n"
        ),
    )

    def check(self, plan: Plan, ctx: Context) -> Iterator[Finding]:
        # One finding per line: a paragraph full of form feeds is one slip to clean, not fifty.
        for span in plan.texts:
            found = [m.group() for m in _SEQUENCE.finditer(span.text)]
            if not found:
                continue
            shown = ", ".join(dict.fromkeys(visible(s, newlines=False) for s in found[:5]))
            more = len(found) - min(len(found), 5)
            yield self.finding(
                span,
                M(vi=f"Có {len(found)} ký tự hoặc chuỗi điều khiển không in được: {shown}"
                  + (f" và {more} chỗ khác" if more else "") + ".",
                  en=f"{len(found)} non-printing control character(s) or sequence(s): {shown}"
                  + (f" and {more} more" if more else "") + "."),
                suggestion=M(vi="Xóa các ký tự điều khiển này.", en="Delete these control characters."),
                evidence=found[0],
            )
