"""kclint benchmark: how close is `kclint check` to the cost of reading the Word file?

    python benchmarks/run.py [--quick] [--json benchmarks/results.json]

Generates realistic plans of 5, 20, 80 and 320 pages in both layouts (labelled paragraphs and the
9-column table split over pages), then measures in one run, side by side:

1. two floors: (a) ``docx.Document(path)`` alone; (b) that load plus walking the text of every paragraph
   and table cell through python-docx's objects;
2. kclint's reader alone (bytes to Document) and ``kclint check`` in process (read + parse + all rules +
   JSON report), and their ratios to the floors;
3. cold start: ``kclint --version`` and ``kclint check`` of a small plan as fresh processes, next to a bare
   interpreter start;
4. batch throughput: ``kclint check DIR`` over many small plans with ``--jobs 1`` and ``--jobs 2``;
5. peak memory (max RSS of a child process) for the largest plan, kclint against the floor;
6. each rule's share of the check time per size, to spot a rule that grows faster than the plan;
7. the text checks' share of the check time (check with and without the ``text`` rules, caches cleared);
8. ``kclint fix`` of one long line at two sizes: the time ratio shows whether it is linear;
9. batch memory: the peak RSS of a batch's parent process for 200 and 2,000 plans, per added plan;
10. the text tables' first load (CPU ms in a fresh process, median of seven) and their size on disk.

Figures are ratios from this run; absolute times depend on the machine. Prints a table, writes JSON.
"""

from __future__ import annotations

import argparse
import gc
import inspect
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from plan_docx import PlanLayout, build_docx  # noqa: E402 - the Word builder is shared with the tests

CRITERIA = [
    ("1.1", "Phương hướng, chiến lược xây dựng và phát triển nhà trường"),
    ("1.4", "Hiệu trưởng, phó hiệu trưởng, tổ chuyên môn và tổ văn phòng"),
    ("1.6", "Quản lý hành chính, tài chính và tài sản"),
    ("2.2", "Đối với giáo viên"),
    ("3.1", "Diện tích, khuôn viên và sân vườn"),
    ("3.5", "Thiết bị, đồ dùng, đồ chơi"),
    ("4.1", "Ban đại diện cha mẹ trẻ"),
    ("5.2", "Tổ chức hoạt động nuôi dưỡng, chăm sóc và giáo dục trẻ"),
]
TASK = ("Rà soát kế hoạch, tổ chức bồi dưỡng cho giáo viên và nhân viên, huy động cha mẹ trẻ phối hợp thực hiện, "
        "kiểm tra định kỳ và báo cáo kết quả với hội đồng tự đánh giá vào cuối mỗi học kỳ")
HEADER = ("TT\tTiêu chuẩn, tiêu chí\tKết quả cần đạt (so với hiện trạng)\tCông việc/giải pháp cần thực hiện\t"
          "Chủ trì và phối hợp thực hiện\tThời gian thực hiện và hoàn thành\tDự kiến kinh phí\t"
          "Điều kiện hỗ trợ khác\tGhi chú")


def _paragraph_body(pages: int) -> str:
    """About one criterion (seven labelled paragraphs) per page."""
    out = ["I. MỤC ĐÍCH, YÊU CẦU", "1. Phát huy điểm mạnh, khắc phục điểm yếu.", "", "II. NỘI DUNG CẢI TIẾN"]
    for n in range(pages):
        cid, title = CRITERIA[n % len(CRITERIA)]
        month = 9 + n % 4
        out += [
            f"Tiêu chí {cid}: {title}", "Mục tiêu cần đạt: Giữ vững Mức 3",
            f"Nội dung công việc cần thực hiện: {TASK}.", f"Giải pháp thực hiện: {TASK}; {TASK}.",
            "Người thực hiện: Hiệu trưởng, phó hiệu trưởng, tổ trưởng chuyên môn.",
            f"Thời gian bắt đầu: Tháng {month}/2025. Thời gian hoàn thành: Tháng 5/2026.", "",
        ]
    out += ["III. TỔ CHỨC THỰC HIỆN", "1. Hiệu trưởng chỉ đạo chung."]
    return "\n".join(out)


def _table_body(pages: int) -> str:
    """Five item rows per page; each page is a new table with the header repeated."""
    out = ["I. NỘI DUNG KẾ HOẠCH", ""]
    for p in range(pages):
        rows = [HEADER]
        for r in range(5):
            cid, _ = CRITERIA[(p * 5 + r) % len(CRITERIA)]
            rows.append(f"\tTiêu chí {cid}\tDuy trì Mức 3\t{TASK}\tHiệu trưởng, tổ trưởng\tTháng {1 + r}/2026\t"
                        "2.000.000\tXã hội hóa\t")
        out += ["\n".join(rows), ""]
    out += ["II. TỔ CHỨC THỰC HIỆN", "1. Hiệu trưởng chỉ đạo chung."]
    return "\n".join(out)


def make_plan(path: Path, pages: int, layout: str) -> Path:
    body = _paragraph_body(pages) if layout == "paragraph" else _table_body(pages)
    return build_docx(path, PlanLayout(
        left=["UBND XÃ AN PHÚ", "TRƯỜNG MẦM NON HOA SEN"], number="Số: 45/KH-MNHS",
        place_date="An Phú, ngày 06 tháng 10 năm 2025",
        title=["KẾ HOẠCH", "Cải tiến chất lượng giáo dục năm học 2025-2026"], body=body,
        recipients=["Nơi nhận:", "- Phòng Văn hóa - Xã hội (để b/c);", "- Lưu: VT."],
        signer=["HIỆU TRƯỞNG", "Nguyễn Thị Lan"]))


def best_of(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``repeat`` runs after one warm-up."""
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def floor_a(path: Path) -> None:
    import docx

    docx.Document(str(path))


def floor_b(path: Path) -> int:
    import docx
    from docx.table import Table

    def walk(container) -> int:
        n = 0
        for block in container.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    for cell in row.cells:
                        n += walk(cell)
            else:
                n += len(block.text)
        return n

    return walk(docx.Document(str(path)))


def _per_process(fn: object) -> bool:
    """A catalog loader (``load_*``) or a cached function of no argument: data built once per process
    (catalog tables, compiled label patterns), whatever the plan; only a memo keyed by text depends on it."""
    if "load" in getattr(fn, "__name__", "load"):
        return True
    try:
        return not inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


def clear_text_caches() -> None:
    """Forget per-text memo caches so every timed check is a first look at the plan.

    Per-process data stays warm: it costs the same for every plan and is measured by the cold-start figures.
    (Until this distinction, the zero-argument caches were cleared too and each timed check rebuilt the
    syllable tables, the orthography and the label patterns.)
    """
    for name, module in list(sys.modules.items()):
        if name.startswith("kclint"):
            for attr in vars(module).values():
                if hasattr(attr, "cache_clear") and not _per_process(attr):
                    attr.cache_clear()


def kclint_read(path: Path) -> int:
    """kclint's reader alone: the file's bytes to a Document (the package vetted and parsed once)."""
    from kclint.readers import read_document

    return len(read_document(str(path)).blocks)


def kclint_check(path: Path) -> str:
    import datetime as dt

    from kclint.engine import RunOptions
    from kclint.pipeline import check_file
    from kclint.report import DEFAULT_OPTIONS, render

    clear_text_caches()  # the report through the CLI's own entry point, collector paused as there
    return render("json", [check_file(str(path), RunOptions(today=dt.date(2026, 11, 24)))], DEFAULT_OPTIONS)


def kclint_check_without_text(path: Path) -> str:
    import datetime as dt

    from kclint.engine import RunOptions
    from kclint.pipeline import check_file
    from kclint.report import DEFAULT_OPTIONS, render

    clear_text_caches()
    return render("json", [check_file(str(path), RunOptions(today=dt.date(2026, 11, 24), ignore=["text"]))],
                  DEFAULT_OPTIONS)


LONG_LINE = "Rà soát caccs hồ sơ,  bổ sung thiết bị [bookmark: b1]&amp; đồ dùng cho trẻ. "


def kclint_fix_long_line(work: Path, chars: int) -> float:
    """Seconds to fix a text plan whose one paragraph is a line of about ``chars`` characters."""
    from kclint.fix import fix_file

    plan = work / f"long-{chars}.txt"
    plan.write_text("KẾ HOẠCH\n\n" + LONG_LINE * (chars // len(LONG_LINE)) + "\n", encoding="utf-8")

    def run() -> None:
        clear_text_caches()
        fix_file(str(plan), str(work / f"long-{chars}.fixed.txt"), force=True, timeout=None)

    return best_of(run, 1)


def kclint_annotate(work: Path, findings: int) -> float:
    """Seconds to write the annotated copy of a plan with ``findings`` findings, one per paragraph."""
    from kclint.annotate import annotate_docx
    from kclint.model import Finding, Location, Message, Severity

    plan = work / f"annotate-{findings}.docx"
    build_docx(plan, PlanLayout(title=["KẾ HOẠCH"], body="\n\n".join(
        f"Nội dung {i}: hoàn thành trong năm học." for i in range(findings))))
    found = [Finding(code="KC107", rule="vague-deadline", category="date", kind="date.vague",
                     severity=Severity.WARNING, message=Message(vi="Thời hạn chung chung.", en="Vague deadline."),
                     evidence="trong năm học", location=Location(paragraph=i + 1)) for i in range(findings)]
    return best_of(lambda: annotate_docx(str(plan), str(work / f"annotate-{findings}.kclint.docx"), found), 1)


def rule_shares(path: Path) -> dict[str, float]:
    """Seconds per rule on one plan (parse excluded)."""
    import datetime as dt

    from kclint.engine import Context, registry, run_memo
    from kclint.parse import build_plan
    from kclint.readers import read_document

    plan = build_plan(read_document(str(path)))
    out = {}

    def run(cls: type, ctx: Context) -> None:
        # As in check_file: the cyclic collector paused; each rule pays for the shared views of the plan
        # it uses (sections by position, segments...), as if it ran first.
        gc.disable()
        try:
            with run_memo():
                list(cls().check(plan, ctx))
        finally:
            gc.enable()

    for code, cls in registry().items():
        ctx = Context(plan=plan, today=dt.date(2026, 11, 24))
        out[code] = best_of(lambda cls=cls, ctx=ctx: run(cls, ctx), 3)
    return out


def wall(cmd: list[str], repeat: int, env: dict[str, str] | None = None) -> float:
    def run() -> None:
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)

    return best_of(run, repeat)


_PEAK = """
def _peak_kb():
    try:  # Linux: the high-water mark of this process's own memory, reset when the child exec'd
        with open('/proc/self/status') as f:
            return int(next(line.split()[1] for line in f if line.startswith('VmHWM:')))
    except (OSError, StopIteration):
        import resource, sys
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return rss // 1024 if sys.platform == 'darwin' else rss
print(_peak_kb())
"""


def peak_rss_mb(code: str) -> float:
    """Peak resident memory of a fresh child running ``code``, in MB.

    Not ``getrusage(RUSAGE_SELF).ru_maxrss``: on Linux that survives exec, so a child forked from this
    (large) benchmark process reports at least the parent's size at fork, and the floor and the check
    both printed the parent's 334 MB. ``VmHWM`` in ``/proc/self/status`` is the child's own peak.
    """
    out = subprocess.run([sys.executable, "-c", code + "\n" + _PEAK], capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


_FIRST_LOAD = ("import time; import kclint.vietnamese.grammar as g, kclint.vietnamese.tables as t, "
               "kclint.vietnamese.confusion as c; g.orthography(); t0 = time.process_time(); t.tables(); "
               "c._terms_by_side(); print(1000 * (time.process_time() - t0))")


def text_tables_first_load(repeat: int = 7) -> dict[str, float]:
    """CPU ms of the text tables' first load (what the first text check of a process pays), median of fresh
    processes, and the tables' size in bytes."""
    runs = [float(subprocess.run([sys.executable, "-c", _FIRST_LOAD], capture_output=True, text=True, check=True,
                                 cwd=ROOT).stdout) for _ in range(repeat)]
    size = sum((ROOT / "catalogs" / name).stat().st_size for name in ("syllables.json", "terms.json"))
    return {"median_ms": statistics.median(runs), "min_ms": min(runs), "bytes": size}


def batch_memory_kb_per_plan(work: Path, counts: tuple[int, int], jobs: int = 2) -> dict[str, float]:
    """Peak RSS of a fresh process running ``run_batch`` over ``counts`` copies of a small plan, and the growth
    per added plan: what the parent keeps of each plan (the workers' memory is not in it)."""
    template = make_plan(work / "mem-template.docx", 5, "paragraph").read_bytes()
    folder = work / "batch-memory"
    folder.mkdir(exist_ok=True)
    for i in range(max(counts)):
        (folder / f"plan-{i:05d}.docx").write_bytes(template)
    names = sorted(str(p) for p in folder.iterdir())
    peaks = []
    for n in counts:
        peaks.append(peak_rss_mb(
            "import datetime as dt; from kclint.engine import RunOptions; from kclint.batch import run_batch\n"
            f"results = run_batch({names[:n]!r}, RunOptions(today=dt.date(2026, 11, 24)), jobs={jobs})"))
    per_plan_kb = (peaks[1] - peaks[0]) * 1024 / (counts[1] - counts[0])
    # What the parent keeps grows with the findings, so the figure is read against their number.
    import datetime as dt

    from kclint.engine import RunOptions
    from kclint.pipeline import check_file

    findings = len(check_file(names[0], RunOptions(today=dt.date(2026, 11, 24))).findings)
    return {"plans": list(counts), "peak_mb": peaks, "per_plan_kb": per_plan_kb, "findings_per_plan": findings}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller sizes and batch, for a smoke run")
    ap.add_argument("--json", default=str(ROOT / "benchmarks" / "results.json"))
    args = ap.parse_args()
    sizes = [5, 20] if args.quick else [5, 20, 80, 320]
    batch_n = 40 if args.quick else 500
    kclint = [sys.executable, "-m", "kclint"]
    results: dict[str, object] = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count()},
        "sizes": {},
    }
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print(f"{'plan':>16} {'floor a':>9} {'floor b':>9} {'reader':>9} {'check':>9} {'÷a':>6} {'÷b':>6}"
              "  top rule")
        for layout in ("paragraph", "table"):
            for pages in sizes:
                path = make_plan(work / f"{layout}-{pages}.docx", pages, layout)
                repeat = 5 if pages <= 80 else 3
                a = best_of(lambda path=path: floor_a(path), repeat)
                b = best_of(lambda path=path: floor_b(path), repeat)
                r = best_of(lambda path=path: kclint_read(path), repeat)
                c = best_of(lambda path=path: kclint_check(path), repeat)
                shares = rule_shares(path)
                top = max(shares, key=shares.__getitem__)
                results["sizes"][f"{layout}-{pages}"] = {
                    "pages": pages, "floor_a_s": a, "floor_b_s": b, "reader_s": r, "reader_over_b": r / b,
                    "check_s": c,
                    "check_over_a": c / a, "check_over_b": c / b,
                    "rules_s": shares, "rules_share_of_check": sum(shares.values()) / c,
                }
                print(f"{layout + '-' + str(pages):>16} {a:9.3f} {b:9.3f} {r:9.3f} {c:9.3f} {c / a:6.2f} {c / b:6.2f}"
                      f"  {top} {shares[top] / c:.0%}")
        pages = 80 if 80 in sizes else sizes[-1]
        for layout in ("paragraph", "table"):
            path = work / f"{layout}-{pages}.docx"
            with_text = best_of(lambda path=path: kclint_check(path), 3)
            without = best_of(lambda path=path: kclint_check_without_text(path), 3)
            share = max(0.0, with_text - without) / with_text
            results[f"text_share_{layout}_{pages}"] = share
            print(f"text checks ({layout}-{pages}): check {with_text:.3f}s, without the text rules {without:.3f}s, "
                  f"text share {share:.0%}")
        chars = (250_000, 1_000_000) if args.quick else (1_000_000, 4_000_000)
        f_small, f_big = (kclint_fix_long_line(work, n) for n in chars)
        results["fix_long_line"] = {"chars": chars, "small_s": f_small, "big_s": f_big, "ratio": f_big / f_small}
        print(f"fix, one long line: {chars[0]:,} chars {f_small:.2f}s, {chars[1]:,} chars {f_big:.2f}s "
              f"= {f_big / f_small:.1f}× (size ×{chars[1] // chars[0]})")
        counts = (500, 2_000) if args.quick else (1_000, 5_000)
        a_small, a_big = (kclint_annotate(work, n) for n in counts)
        results["annotate"] = {"findings": counts, "small_s": a_small, "big_s": a_big, "ratio": a_big / a_small}
        print(f"annotate: {counts[0]:,} comments {a_small:.2f}s, {counts[1]:,} comments {a_big:.2f}s "
              f"= {a_big / a_small:.1f}× (comments ×{counts[1] // counts[0]})")
        for layout in ("paragraph", "table"):
            small, big = results["sizes"][f"{layout}-{sizes[1]}"], results["sizes"][f"{layout}-{sizes[-1]}"]
            growth = big["check_s"] / small["check_s"]
            results[f"growth_{layout}"] = growth
            print(f"growth {layout}: {sizes[-1]} pages / {sizes[1]} pages = {growth:.1f}× "
                  f"(pages ×{sizes[-1] // sizes[1]})")

        small = make_plan(work / "small.docx", 3, "paragraph")
        py = wall([sys.executable, "-c", "pass"], 5)
        version = wall([*kclint, "--version"], 5)
        one = wall([*kclint, "check", str(small), "--format", "json", "--today", "2026-11-24"], 5)
        fl = best_of(lambda: floor_b(small), 5)
        # An editable checkout run with PYTHONDONTWRITEBYTECODE=1 compiles every kclint module on every start;
        # an installed wheel has its bytecode. Measure that case too (the warm-up run writes the cache).
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        one_pyc = wall([*kclint, "check", str(small), "--format", "json", "--today", "2026-11-24"], 5, env)
        version_pyc = wall([*kclint, "--version"], 5, env)
        results["cold_start"] = {"python_s": py, "version_s": version, "check_small_s": one,
                                 "floor_b_small_s": fl, "check_over_floor_plus_python": one / (fl + py),
                                 "dont_write_bytecode": "PYTHONDONTWRITEBYTECODE" in os.environ,
                                 "version_bytecode_s": version_pyc, "check_small_bytecode_s": one_pyc,
                                 "check_bytecode_over_floor_plus_python": one_pyc / (fl + py)}
        print(f"cold start: python {py:.3f}s, kclint --version {version:.3f}s, check small plan {one:.3f}s "
              f"= {one / (fl + py):.2f}× (floor b + interpreter start); with cached bytecode: --version "
              f"{version_pyc:.3f}s, check {one_pyc:.3f}s = {one_pyc / (fl + py):.2f}×")

        first = text_tables_first_load()
        results["text_tables_first_load"] = first
        print(f"text tables, first load: {first['median_ms']:.1f} ms CPU (median of 7 fresh processes, min "
              f"{first['min_ms']:.1f}; target < 30 ms), {first['bytes'] / 1e6:.2f} MB on disk")

        batch = work / "batch"
        batch.mkdir()
        template = make_plan(work / "t.docx", 5, "paragraph").read_bytes()
        for i in range(batch_n):
            (batch / f"plan-{i:04d}.docx").write_bytes(template)
        timings = {}
        for jobs in (1, 2):
            cmd = [*kclint, "check", str(batch), "--format", "json", "--today", "2026-11-24", "--jobs", str(jobs)]
            probe = subprocess.run([*cmd[:4], "--help"], capture_output=True, text=True, check=False)
            if "--jobs" not in probe.stdout:
                print("batch: this kclint has no --jobs option; skipped")
                break
            timings[jobs] = wall(cmd, 1)
        if len(timings) == 2:
            results["batch"] = {"plans": batch_n, "jobs1_s": timings[1], "jobs2_s": timings[2],
                                "speedup": timings[1] / timings[2]}
            print(f"batch of {batch_n}: --jobs 1 {timings[1]:.1f}s, --jobs 2 {timings[2]:.1f}s, "
                  f"speed-up {timings[1] / timings[2]:.2f}×")

        python_mem = peak_rss_mb("pass")
        results["memory"] = {"python_mb": python_mem}
        for layout in ("paragraph", "table"):
            big = work / f"{layout}-{sizes[-1]}.docx"
            floor_mem = peak_rss_mb(f"import docx; docx.Document({str(big)!r})")
            check_mem = peak_rss_mb(
                "import datetime as dt; from kclint.engine import RunOptions; from kclint.pipeline import check_file; "
                f"check_file({str(big)!r}, RunOptions(today=dt.date(2026, 11, 24)))")
            results["memory"][big.stem] = {"floor_mb": floor_mem, "check_mb": check_mem, "ratio": check_mem / floor_mem}
            print(f"peak memory ({big.stem}): floor {floor_mem:.0f} MB, check {check_mem:.0f} MB "
                  f"= {check_mem / floor_mem:.2f}× (bare interpreter {python_mem:.0f} MB)")
        counts = (20, 200) if args.quick else (200, 2_000)
        mem = batch_memory_kb_per_plan(work, counts)
        results["batch_memory"] = mem
        print(f"batch memory (parent): {counts[0]:,} plans {mem['peak_mb'][0]:.0f} MB, {counts[1]:,} plans "
              f"{mem['peak_mb'][1]:.0f} MB = {mem['per_plan_kb']:.1f} KiB per added plan of {mem['findings_per_plan']} "
              "findings (bound 50 KiB)")
    Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"written {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
