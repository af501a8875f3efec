"""Property-based tests and a fuzzer for the readers, the date parser and the citation parser.

Properties (hypothesis): on arbitrary Unicode, and on text built from the words plans use, the date
and citation parsers never raise and the text reader raises nothing but ``InputError``.

Fuzzer: :func:`fuzz_one` feeds bytes to :func:`kclint.readers.read_bytes` (a ``.docx`` or a text
export, as the content decides); only ``InputError`` may come out. Inputs are byte mutations of a
small valid plan in both forms; for a ``.docx`` the mutation is usually applied to one member,
which is then re-zipped, so that the XML reaches python-docx and the walker instead of stopping
at a CRC check. Two drivers share it:

* atheris (libFuzzer, coverage-guided) when it is installed, in a subprocess (libFuzzer exits
  the process when done) that imports this module after instrumenting kclint and python-docx;
* hypothesis otherwise, and always as a second, portable driver.

CI runs a few seconds of each. A longer run::

    KCLINT_FUZZ_RUNS=200000 KCLINT_FUZZ_SECONDS=600 KCLINT_FUZZ_EXAMPLES=20000 pytest tests/test_fuzz.py -k fuzz -s

``KCLINT_FUZZ_PARSE=1`` also runs the plan parser on every readable input (crashes there belong
to ``kclint/parse``). A crash leaves its input in pytest's temporary folder (``crash-*``).
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kclint.citations import find_citations, normalise_symbol, symbol_problems
from kclint.dates import SchoolYear, find_date_exprs, find_full_dates, find_school_years, parse_date_expr
from kclint.errors import InputError
from kclint.readers import read_bytes
from kclint.readers.text import decode, read_text

HERE = Path(__file__).parent
RUNS = int(os.environ.get("KCLINT_FUZZ_RUNS", "3000"))
SECONDS = int(os.environ.get("KCLINT_FUZZ_SECONDS", "3"))
EXAMPLES = int(os.environ.get("KCLINT_FUZZ_EXAMPLES", "150"))
PARSE = os.environ.get("KCLINT_FUZZ_PARSE") == "1"
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

# ------------------------------------------------------------------------------------- the fuzz target


def fuzz_one(data: bytes) -> None:
    """One input through the readers: a Document or an InputError, nothing else."""
    try:
        doc = read_bytes(data, "fuzz.md" if data[:1] == b"#" else "fuzz.docx")
    except InputError as exc:
        assert "fuzz." in exc.vi and "fuzz." in exc.en, exc  # every message names the file
        return
    if PARSE:
        from kclint.parse import build_plan

        build_plan(doc)


def unzip(data: bytes) -> dict[str, bytes] | None:
    """The members of a small zip, or None when it is not one (or too big to mutate)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if sum(i.file_size for i in zf.infolist()) > 4_000_000:
                return None
            return {i.filename: zf.read(i) for i in zf.infolist()}
    except Exception:  # any damage: the caller mutates raw bytes instead
        return None


def rezip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:  # stored: fast, and CRCs stay right
        for name, content in members.items():
            zf.writestr(name, content)
    return buf.getvalue()


@functools.lru_cache(maxsize=1)
def seeds() -> tuple[bytes, ...]:
    """A small valid plan as .docx and as text, plus a Markdown table."""
    sys.path.insert(0, str(HERE))
    from plan_docx import PlanLayout, build_docx

    text = (HERE / "data" / "mn_paragraph.txt").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        path = build_docx(Path(tmp) / "seed.docx", PlanLayout(
            left=["UBND XÃ AN PHÚ", "TRƯỜNG MẦM NON HOA SEN"], number="Số: 45/KH-MNHS",
            place_date="An Phú, ngày 06 tháng 10 năm 2025", title=["KẾ HOẠCH", "Cải tiến chất lượng"],
            body="I. MỤC ĐÍCH\n\nTiêu chí 1.1: Mức 3\n\nA\tB\tC\n1\t2\t3\n\nII. TỔ CHỨC\n\nTháng 9/2025 - 5/2026",
            signer=["HIỆU TRƯỞNG", "Nguyễn Thị Lan"]))
        docx = path.read_bytes()
    table = (HERE / "data" / "thcs_table.txt").read_bytes()
    return docx, text.encode(), table, b"# K\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"


# ------------------------------------------------------------------------------------- hypothesis driver

_EDIT = st.tuples(st.sampled_from(["replace", "insert", "delete", "duplicate"]), st.integers(0, 1 << 20),
                  st.binary(min_size=1, max_size=12))


def apply_edits(data: bytes, edits: list[tuple[str, int, bytes]]) -> bytes:
    """Byte-level mutations at positions taken modulo the length (hand-written: a few lines)."""
    buf = bytearray(data)
    for op, pos, chunk in edits:
        at = pos % (len(buf) + 1)
        if op == "replace":
            buf[at:at + len(chunk)] = chunk
        elif op == "insert":
            buf[at:at] = chunk
        elif op == "delete":
            del buf[at:at + len(chunk) * 8]
        else:
            buf[at:at] = buf[at:at + len(chunk) * 16]
    return bytes(buf)


@st.composite
def mutated_inputs(draw: st.DrawFn) -> bytes:
    seed = draw(st.sampled_from(seeds()))
    edits = draw(st.lists(_EDIT, min_size=1, max_size=6))
    members = unzip(seed)
    if members and draw(st.integers(0, 4)):  # mostly one member, re-zipped; sometimes the raw zip
        name = draw(st.sampled_from(sorted(members)))
        members[name] = apply_edits(members[name], edits)
        return rezip(members)
    return apply_edits(seed, edits)


@PROPERTY
@given(mutated_inputs())
def test_fuzz_readers_with_hypothesis(data: bytes) -> None:
    fuzz_one(data)


@PROPERTY
@given(st.binary(max_size=4096))
def test_fuzz_readers_on_raw_bytes(data: bytes) -> None:
    fuzz_one(data)


# ------------------------------------------------------------------------------------- atheris driver


def atheris_main() -> None:  # pragma: no cover - runs in the subprocess below
    """libFuzzer's loop over :func:`fuzz_one`; a zip is usually mutated one member at a time."""
    import atheris

    def mutate(data: bytes, max_size: int, seed: int) -> bytes:
        members = unzip(data)
        if members and seed % 10:
            name = sorted(members)[seed % len(members)]
            members[name] = atheris.Mutate(members[name], len(members[name]) + 256)
            out = rezip(members)
            if len(out) <= max_size:
                return out
        return atheris.Mutate(data, max_size)

    atheris.Setup(sys.argv, fuzz_one, custom_mutator=mutate)
    atheris.Fuzz()


# Instruments kclint and python-docx for coverage *before* this module imports them (pytest and
# hypothesis, imported here too, stay uninstrumented and cheap).
_ATHERIS_BOOT = (
    "import atheris\n"
    "with atheris.instrument_imports(include=['kclint', 'docx']):\n"
    "    import docx, kclint.readers, kclint.readers.docx\n"
    "import test_fuzz\n"
    "test_fuzz.atheris_main()\n"
)


def test_fuzz_readers_with_atheris(tmp_path: Path) -> None:
    pytest.importorskip("atheris", reason="atheris is not installed (pip install -e '.[test-full]', Linux x86-64)")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, seed in enumerate(seeds()):
        (corpus / f"seed{i}").write_bytes(seed)
    proc = subprocess.run(
        [sys.executable, "-c", _ATHERIS_BOOT, str(corpus), f"-runs={RUNS}", f"-max_total_time={SECONDS}", "-timeout=20",
         "-rss_limit_mb=2048", "-max_len=1000000", f"-artifact_prefix={tmp_path}/", "-print_final_stats=1"],
        capture_output=True, text=True, timeout=SECONDS + 120, stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")])},
    )
    stats = [ln for ln in proc.stderr.splitlines() if ln.startswith(("stat::number_of_executed_units", "Done"))]
    print("\n".join(stats))
    crashes = sorted(p.name for p in tmp_path.glob("crash-*")) + sorted(p.name for p in tmp_path.glob("timeout-*"))
    assert proc.returncode == 0 and not crashes, proc.stderr[-4000:]


# ------------------------------------------------------------------------------------- properties

# Words and marks the parsers key on, so that generated text reaches their deeper branches.
_PLAN_WORDS = [
    "ngày", "tháng", "năm", "năm học", "học kỳ", "học kì", "giai đoạn", "từ", "đến", "trước", "sau", "Tuần",
    "tuần", "Hàng năm", "hằng tháng", "cuối", "đầu", "giữa", "T", "quý", "/", "-", "–", "—", ".", ",", ":", ";",
    "0", "00", "01", "1", "9", "12", "13", "29", "31", "32", "99", "2023", "2024", "2025", "2026", "1899",
    "2101", "99999", "0000", "99999999999", "Thông tư", "Nghị định", "Quyết định", "Công văn", "Luật",
    "Chỉ thị", "số", "TT-BGDĐT", "TT-BGD&ĐT", "TTBGDDT", "NĐ-CP", "QĐ-UBND", "BGDĐT-QLCL", "PGDDĐT",
    "của", "Bộ Giáo dục và Đào tạo", "Tiêu chí", "1.99999999999", "Mức", "\t", "\n", " ", "ĐT", "&",
    "\u0301", "\u0323", "a\u0302\u0301", "\ufeff", "\u00a0",
]
plan_text = st.lists(st.sampled_from(_PLAN_WORDS) | st.text(max_size=4), max_size=40).map(
    lambda parts: " ".join(parts))
any_text = st.text() | plan_text
school_years = st.none() | st.builds(lambda y: SchoolYear(y, y + 1, f"{y}-{y + 1}"), st.integers(1, 9998))


@PROPERTY
@given(any_text, school_years)
def test_date_parser_never_raises(text: str, school_year: SchoolYear | None) -> None:
    for expr in find_date_exprs(text, school_year):
        assert text[expr.offset:expr.offset + len(expr.text)] == expr.text
    parse_date_expr(text, school_year)
    find_school_years(text)
    find_full_dates(text)


@PROPERTY
@given(any_text)
def test_citation_parser_never_raises(text: str) -> None:
    for c in find_citations(text):
        assert text[c.offset:c.end] == c.text
        symbol_problems(c)
        if c.symbol:
            normalise_symbol(c.symbol)


@PROPERTY
@given(any_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "utf-32", "cp1258"]))
def test_text_reader_raises_only_input_errors(text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
        if encoding == "utf-16-be":
            data = b"\xfe\xff" + data
    except UnicodeEncodeError:  # lone surrogates, or a letter cp1258 lacks
        data = text.encode("utf-8", "surrogatepass")
    try:
        read_text(data, "plan.txt")
    except InputError as exc:
        assert exc.vi.startswith("plan.txt: ") and exc.en.startswith("plan.txt: ")


@PROPERTY
@given(st.binary(max_size=2048))
def test_decode_raises_only_input_errors(data: bytes) -> None:
    try:
        assert isinstance(decode(data, "x.txt"), str)
    except InputError:
        pass


def test_fuzz_helpers_round_trip() -> None:
    docx = seeds()[0]
    members = unzip(docx)
    assert members is not None and unzip(rezip(members)) == members
    assert apply_edits(b"abcdef", [("delete", 1, b"x"), ("insert", 0, b"Z")]) == b"Za"


# ------------------------------------------------------------------------- long digit runs, every rule

# The checks below lower ``int``'s digit limit to its minimum (640; Python's default is 4,300), so that a
# 700-digit run is enough to make any unbounded ``\d+`` that reaches ``int`` raise, and the quadratic parts
# of a check (title similarity) stay cheap. ``Decimal`` raises on far fewer digits anyway.
LONG_DIGITS = "9" * 700


@contextlib.contextmanager
def low_int_digit_limit() -> Iterator[None]:
    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(640)
    try:
        yield
    finally:
        sys.set_int_max_str_digits(old)
# Each keyword a parser reads a number after (or before: '%', '/'), and how a long run lands beside it.
_NEXT_TO_KEYWORDS: list[tuple[str, str]] = [
    (rf"(?i)(\b{kw}\s*)\d+", rf"\g<1>{LONG_DIGITS}")
    for kw in ("Mức", "mức độ", "Duy trì mức", "Tuần", "tuần thứ", "Tiêu chí", "Tiêu chuẩn", "Số", "Số:", "tháng",
               "năm", "năm học", "ngày", "giai đoạn", "cấp độ", "tỷ lệ:?")
] + [
    (r"(?i)(\bTuần\s*\d+)", rf"\g<1> {LONG_DIGITS}"),  # 'Tuần 3 999…': a second number in the week cell
    (r"(?i)(\bmức\s*\d+)", rf"\g<1> {LONG_DIGITS}"),
    (r"\d+(?=\s*%)", LONG_DIGITS), (r"(\d+[.,])\d+(?=\s*%)", rf"\g<1>{LONG_DIGITS}"),
    (r"\d+(?=\s*/)", LONG_DIGITS), (r"(/\s*)\d+", rf"\g<1>{LONG_DIGITS}"),
    (r"(\d+)", rf"\g<1> {LONG_DIGITS}"),  # after every number: the plan's structure stays as it was
]


@functools.lru_cache(maxsize=1)
def digit_seeds() -> tuple[str, ...]:
    """Plans that reach every rule: the test plans, and each rule's documented examples."""
    from kclint.engine import registry

    texts = [p.read_text(encoding="utf-8") for p in sorted((HERE / "data").glob("*.txt"))]
    for rule in registry().values():
        texts += [rule.doc.fail_example, rule.doc.pass_example]
    return tuple(dict.fromkeys(t for t in texts if t.strip()))


def check_text_strictly(text: str, tmp: Path, name: str = "digits.txt") -> None:
    """``text`` through the real pipeline (reader, parser, every rule), a crash anywhere raised."""
    import datetime as dt

    from kclint.engine import RunOptions
    from kclint.pipeline import check_file

    path = tmp / name
    path.write_text(text, encoding="utf-8")
    with low_int_digit_limit():
        result = check_file(str(path), RunOptions(today=dt.date(2026, 11, 24), strict=True), timeout=None)
    assert result.error is None, result.error.en


def _next_to_keywords(text: str) -> list[str]:
    return list(dict.fromkeys(v for pattern, repl in _NEXT_TO_KEYWORDS
                              if (v := re.sub(pattern, repl, text)) != text))


def test_long_digit_runs_next_to_every_keyword_reach_no_int(tmp_path: Path) -> None:
    """Every seed, with a 5,000-digit run beside each keyword the parsers read numbers after."""
    for seed in digit_seeds():
        for variant in _next_to_keywords(seed):
            check_text_strictly(variant, tmp_path)


@st.composite
def one_run_made_long(draw: st.DrawFn) -> str:
    """A seed with one of its digit runs replaced, extended or followed by a long run."""
    seed = draw(st.sampled_from(digit_seeds()))
    runs = list(re.finditer(r"\d+", seed))
    if not runs:
        return seed + "\n" + LONG_DIGITS
    m = draw(st.sampled_from(runs))
    new = draw(st.sampled_from([LONG_DIGITS, m.group() + LONG_DIGITS, f"{m.group()} {LONG_DIGITS}"]))
    return seed[:m.start()] + new + seed[m.end():]


@settings(max_examples=min(EXAMPLES, 60), deadline=None, suppress_health_check=list(HealthCheck))
@given(one_run_made_long())
def test_fuzz_one_long_digit_run_through_every_rule(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        check_text_strictly(text, Path(tmp))


# --------------------------------------------------------------- the annotator and `kclint fix` fuzzed

# What a hostile plan carries into the writers: long digit runs, terminal escapes (clear screen, window
# title, OSC 52 clipboard write), C0 and C1 controls. Word's XML cannot hold C0 controls (but tab, CR
# and LF), so the Word plans get the rest.
_ESCAPES = ["\x1b[2J", "\x1b]52;c;SGk=\x07", "\x1b]0;x\x1b\\", "\x1b[31m", "\x00", "\x07", "\x08", "\x7f"]
_XML_SAFE = [LONG_DIGITS, "\x85", "\x9b2J", "\x9d52;c;SGk=\x9c", "\u202e", "\ufffd", "\t", " "]
_BODY = ("I. MỤC ĐÍCH\n\nTiêu chí 1.1: Phương hướng phát triển\n\nMục tiêu: Duy trì Mức 3\n\n"
         "Biện pháp: Rà soát  kế hoạch trước tháng 12/2025\n\nII. TỔ CHỨC\n\nTháng 9/2025 - 5/2026")


_BESIDE = re.compile(r"\d+|(?i:mức|tuần|tiêu chí|số|tháng|năm|ngày)\s*|%|/")


def _sprinkle(draw: st.DrawFn, text: str, pieces: list[str]) -> str:
    """``text`` with a few hostile pieces put at drawn places: mostly right after a number or a keyword the
    parsers read numbers after ('Mức 3' becomes 'Mức 3999…'), else anywhere."""
    for _ in range(draw(st.integers(1, 4))):
        beside = [m.end() for m in _BESIDE.finditer(text)]
        at = draw(st.sampled_from(beside) if beside and draw(st.integers(0, 3)) else st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(pieces)) + text[at:]
    return text


@settings(max_examples=min(EXAMPLES, 12), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_fuzz_annotate_and_fix_on_a_word_plan(data: st.DataObject) -> None:
    """check -> annotated copy -> corrected copy on a Word plan with hostile text: no exception but InputError."""
    sys.path.insert(0, str(HERE))
    from plan_docx import PlanLayout, build_docx

    from kclint.annotate import annotate_docx
    from kclint.engine import RunOptions
    from kclint.fix import fix_file

    body = _sprinkle(data.draw, _BODY, _XML_SAFE)
    title = _sprinkle(data.draw, "Cải tiến chất lượng năm học 2025-2026", _XML_SAFE)
    with tempfile.TemporaryDirectory() as tmp, low_int_digit_limit():
        path = build_docx(Path(tmp) / "k.docx", PlanLayout(
            left=["UBND XÃ AN PHÚ", "TRƯỜNG MẦM NON HOA SEN"], number="Số: 45/KH-MNHS",
            place_date="An Phú, ngày 06 tháng 10 năm 2025", title=["KẾ HOẠCH", title], body=body,
            signer=["HIỆU TRƯỞNG", "Nguyễn Thị Lan"]))
        options = RunOptions(strict=True)
        from kclint.pipeline import check_file

        result = check_file(str(path), options, timeout=None)
        assert result.error is None, result.error.en
        annotate_docx(str(path), str(Path(tmp) / "k.kclint.docx"), result.findings, plan=result.plan)
        fix_file(str(path), options=options, timeout=None)


@settings(max_examples=min(EXAMPLES, 25), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_fuzz_fix_on_a_text_plan(data: st.DataObject) -> None:
    """`kclint fix` on a text plan with long digit runs and escape sequences: a copy (or none when nothing is to
    fix), never an exception."""
    from kclint.engine import RunOptions
    from kclint.fix import fix_file

    seed = data.draw(st.sampled_from(digit_seeds()))
    text = _sprinkle(data.draw, seed, _ESCAPES + _XML_SAFE)
    with tempfile.TemporaryDirectory() as tmp, low_int_digit_limit():
        path = Path(tmp) / "k.txt"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            out, _ = fix_file(str(path), options=RunOptions(strict=True), timeout=None)
        except InputError as exc:  # a NUL makes it binary: refused, naming the file
            assert "k.txt" in exc.vi and "k.txt" in exc.en
            return
        if out is not None:  # None: nothing to fix, and no copy written
            assert Path(out).read_text(encoding="utf-8").count("\n") == text.count("\n")
