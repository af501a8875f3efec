"""Command line: ``kclint check | read | rules | explain | catalog | fix | serve``.

Heavy modules (python-docx, rich, the rules) are imported inside the commands
so that ``kclint --version`` and pre-commit runs start fast.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from typing import TYPE_CHECKING, NoReturn

import click

# kclint's command loads no pydantic plugin, and looking for them scans every installed distribution's
# metadata before the first model class (about 15 ms of CPU per start). Only the command does this, and a
# user's own setting wins; a program importing kclint as a library keeps its plugins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from kclint import __version__
from kclint.errors import KclintError
from kclint.report import FORMATS

if TYPE_CHECKING:
    from rich.console import Console

    from kclint.config import Config
    from kclint.engine import RunOptions
    from kclint.outputs import SafeWriter
    from kclint.results import FileResult

_SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3, "never": 99}


def _say(message: str) -> None:
    """A line on stderr for the person at the terminal: paths and plan text in it cannot drive the terminal."""
    from kclint.safetext import visible

    click.echo(visible(message), err=True)


def _fail(exc: KclintError, lang: str = "vi") -> NoReturn:
    other = "en" if lang == "vi" else "vi"
    _say(f"kclint: {exc.message(lang)}")
    _say(f"        ({exc.message(other)})")
    sys.exit(2)


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' không phải ngày YYYY-MM-DD / is not a YYYY-MM-DD date") from None


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kclint")
def main() -> None:
    """kclint — kiểm tra kế hoạch cải tiến chất lượng giáo dục (linter for Vietnamese school plans)."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Dạng báo cáo / report format.")
@click.option("--today", help="Ngày tham chiếu / reference date (YYYY-MM-DD); mặc định hôm nay.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None, help="Ngôn ngữ thông báo / message language.")
@click.option("--select", multiple=True, help="Chỉ chạy các quy tắc này (mã, tiền tố, slug, nhóm).")
@click.option("--ignore", multiple=True, help="Bỏ qua các quy tắc này.")
@click.option("--level", type=click.Choice(["mam_non", "tieu_hoc", "thcs", "thpt", "nhieu_cap"]),
              help="Cấp học, thay cho cấp tự nhận diện / override the detected school level.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Mức nghiêm trọng làm lệnh trả về 1 (mặc định: error).")
@click.option("--min-severity", type=click.Choice(["info", "warning", "error"]), default=None,
              help="Chỉ hiện lỗi từ mức này trở lên (mặc định: info) / show findings from this severity up.")
@click.option("--config", "config_path", type=click.Path(), help="Tệp cấu hình (kclint.toml / pyproject.toml).")
@click.option("--no-color", is_flag=True, help="Không tô màu (như NO_COLOR=1) / no colours (like NO_COLOR=1).")
@click.option("-o", "--output", type=click.Path(), help="Ghi báo cáo vào tệp / write the report to a file.")
@click.option("--annotate", is_flag=True,
              help="Ghi bản sao .kclint.docx có nhận xét Word cho mỗi lỗi / write a copy with Word comments.")
@click.option("--annotate-dir", type=click.Path(file_okay=False),
              help="Thư mục ghi các bản có nhận xét (kéo theo --annotate) / folder for annotated copies.")
@click.option("--force", is_flag=True, help="Ghi đè bản có nhận xét đã có / overwrite existing annotated copies.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Số tiến trình kiểm tra song song (mặc định: số lõi; 1 = không song song).")
@click.option("--statistics", is_flag=True, help="Đếm lỗi theo quy tắc / count findings per rule.")
@click.option("--baseline", "baseline_path", type=click.Path(),
              help="Chỉ báo lỗi mới, không có trong tệp baseline / report only findings not in this baseline file.")
@click.option("--write-baseline", type=click.Path(),
              help="Ghi mọi lỗi hiện có vào tệp baseline / record the current findings as a baseline file.")
@click.option("--summary-file", type=click.Path(),
              help="Ghi bảng tổng hợp theo trường ra bảng tính .csv hoặc .xlsx / the per-school summary as a "
                   "spreadsheet.")
@click.option("--summary", "school_table", is_flag=True,
              help="Bảng tổng hợp theo trường (cho phòng giáo dục) / per-school summary table.")
@click.option("--force-plan", is_flag=True,
              help="Kiểm tra cả tệp không có dấu hiệu kế hoạch / check files that do not look like a plan too.")
def check(paths: tuple[str, ...], fmt: str, today: str | None, lang: str | None, select: tuple[str, ...],
          ignore: tuple[str, ...], level: str | None, fail_on: str | None, min_severity: str | None,
          config_path: str | None, no_color: bool, output: str | None, annotate: bool, annotate_dir: str | None,
          force: bool, jobs: int | None, statistics: bool, baseline_path: str | None, write_baseline: str | None,
          school_table: bool, force_plan: bool, summary_file: str | None) -> None:
    """Kiểm tra kế hoạch (.docx, .txt, .md, hoặc thư mục) / check plans."""

    import os

    from kclint import baseline as _baseline
    from kclint.engine import SelectionError
    from kclint.model import SchoolLevel
    from kclint.outputs import SafeWriter
    from kclint.pipeline import collect_paths

    config = _load_checked_config(config_path, lang, select, ignore)
    lang = lang or config.lang
    if (statistics or school_table) and fmt not in ("text", "json"):
        _say("kclint: --statistics/--summary chỉ dùng với --format text hoặc json "
                   "/ only with --format text or json")
        sys.exit(2)
    files = collect_paths(list(paths))
    if not files:
        _say("kclint: không có tệp kế hoạch nào (.docx, .txt, .md) / no plan files found")
        sys.exit(2)
    writer = SafeWriter(files)
    baseline_path = baseline_path or config.baseline_path()
    try:  # before any work: an output that cannot be written, a bad baseline, are usage errors
        writer.check_distinct((output, write_baseline, summary_file))
        for target in (output, write_baseline, summary_file):
            if target:
                writer.check(target)
        if summary_file:
            from kclint.report import spreadsheet

            spreadsheet.check_target(summary_file)
        recorded = _baseline.load(baseline_path) if baseline_path and not write_baseline else None
    except KclintError as exc:
        _fail(exc, lang)
    copies: dict[str, str] = {}
    if annotate or annotate_dir:
        from kclint.annotate import note, plan_outputs

        try:  # decided before any work, so a refusal leaves nothing half-written
            copies, skipped = plan_outputs(paths, files, annotate_dir, force, [output] if output else [], writer)
        except KclintError as exc:
            _fail(exc, lang)
        for path in skipped:
            _say(f"kclint: {note('skipped', lang, path=path)}")
    options = _run_options(config, today, select, ignore, force_plan)
    from kclint.batch import run_batch, show_progress

    try:
        # Only the HTML report and the annotated copies quote the plan's text: other runs keep no plan model.
        results = run_batch(files, options, SchoolLevel(level) if level else config.level, jobs,
                            progress=show_progress(), keep_plans=fmt == "html" or bool(copies))
    except KeyboardInterrupt:  # the workers are already stopped; 130 is what shells expect after Ctrl+C
        _say("kclint: đã dừng (Ctrl+C) / interrupted")
        sys.exit(130)
    except SelectionError as exc:
        _say(f"kclint: mã quy tắc không tồn tại / unknown rule: {exc}")
        sys.exit(2)
    if write_baseline:  # then the run is reported against the baseline it just wrote: nothing is new
        folder = os.path.dirname(os.path.abspath(write_baseline))
        try:
            writer.write(write_baseline, _baseline.dumps(results, folder))
        except KclintError as exc:
            _fail(exc, lang)
        results = _baseline.apply(results, _baseline.record(results, folder), folder)
    elif recorded is not None and baseline_path:
        results = _baseline.apply(results, recorded, os.path.dirname(os.path.abspath(baseline_path)))
    shown = _SEVERITY_RANK[min_severity or config.min_severity]
    if shown > 1:  # every output, and the exit code, see only what is shown: a hidden finding fails nothing
        import dataclasses

        results = [dataclasses.replace(r, findings=[f for f in r.findings if f.severity.rank >= shown])
                   for r in results]
    from kclint.report import ReportOptions, render
    from kclint.terminal import wants_color

    report = render(fmt, results, ReportOptions(
        lang=lang, color=not output and wants_color(sys.stdout, no_color), statistics=statistics,
        schools=school_table))
    data = report.encode("utf-8") if isinstance(report, str) else report
    if output:
        try:
            writer.write(output, data)
        except KclintError as exc:
            _fail(exc, lang)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    if summary_file:
        try:
            writer.write(summary_file, spreadsheet.content(summary_file, results, lang))
        except KclintError as exc:
            _fail(exc, lang)
    annotate_failed = _annotate_all(results, copies, lang, writer)
    for r in results:
        if r.error:
            _say(f"kclint: {r.error.message(lang)}")
    if annotate_failed or any(r.error for r in results):
        sys.exit(2)
    threshold = _SEVERITY_RANK[fail_on or config.fail_on]
    if any(f.severity.rank >= threshold for r in results for f in r.findings):
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Dạng in ra / output format.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", help="Ngôn ngữ thông báo / message language.")
def read(paths: tuple[str, ...], fmt: str, lang: str) -> None:
    """In những gì kclint đọc được, theo thứ tự đọc / print what kclint read, in reading order.

    Mỗi đoạn, mỗi hàng bảng một dòng, kèm nguồn (thân, đầu trang, chú thích...), vị trí và số tự động.
    One line per paragraph or table row, with its origin, location and automatic numbering label.
    """
    from kclint.errors import InputError
    from kclint.pipeline import collect_paths, read_file
    from kclint.report.listing import render_json, render_text

    files = collect_paths(list(paths))
    if not files:
        _say("kclint: không có tệp kế hoạch nào (.docx, .txt, .md) / no plan files found")
        sys.exit(2)
    done = [(path, read_file(path)) for path in files]
    listing = (render_json if fmt == "json" else render_text)(done, lang)
    sys.stdout.flush()
    sys.stdout.buffer.write(listing.encode("utf-8"))
    sys.stdout.buffer.flush()
    errors = [r for _, r in done if isinstance(r, InputError)]
    for exc in errors:
        _say(f"kclint: {exc.message(lang)}")
    if errors:
        sys.exit(2)


def _load_checked_config(config_path: str | None, lang: str | None, select: tuple[str, ...],
                         ignore: tuple[str, ...]) -> Config:
    """The configuration, every rule selector in it and on the command line known (else exit 2)."""
    from kclint.config import load_config
    from kclint.engine import SelectionError, check_selector

    try:
        config = load_config(config_path)
    except KclintError as exc:
        _fail(exc, lang or "vi")
    try:
        for token in [*config.select, *config.ignore, *config.severity,
                      *(t for ts in config.per_file_ignores.values() for t in ts)]:
            check_selector(token)
    except SelectionError as exc:
        _say(f"kclint: {config.source}: mã quy tắc không tồn tại / unknown rule: {exc}")
        sys.exit(2)
    try:  # before any file is read or any worker started
        for token in [*_split(select), *_split(ignore)]:
            check_selector(token)
    except SelectionError as exc:
        _say(f"kclint: mã quy tắc không tồn tại / unknown rule: {exc}")
        sys.exit(2)
    return config


def _run_options(config: Config, today: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
                 force_plan: bool = False) -> RunOptions:
    from kclint.engine import RunOptions

    return RunOptions(
        today=_parse_date(today) or dt.date.today(),
        select=_split(select) or config.select, ignore=_split(ignore) + config.ignore,
        severity=config.severity, per_file_ignores=config.per_file_ignores,
        force_plan=force_plan or config.force_plan,
    )


def _annotate_all(results: list[FileResult], copies: dict[str, str], lang: str, writer: SafeWriter) -> bool:
    """Write the annotated Word copies, each within the per-file time budget; True if one could not be written.

    A copy that fails (unwritable, over the budget, or a bug) is reported and the next one is still written.
    """
    if not copies:  # the usual run: no copy asked for, so the Word writer is not even imported
        return False
    from kclint import limits
    from kclint.annotate import annotate_docx, note

    failed = False
    for r in results:
        target = copies.get(r.path)
        if target is None or r.error is not None:
            continue
        if r.summary is not None and r.summary.source_format != "docx":
            _say(f"kclint: {note('skipped', lang, path=r.path)}")
            continue
        seconds = limits.FILE_TIME_BUDGET_S
        try:
            with limits.time_budget(seconds):
                stats = annotate_docx(r.path, target, r.findings, lang, r.plan, writer=writer, force=True)
        except KclintError as exc:
            _say(f"kclint: {exc.message(lang)}")
            failed = True
            continue
        except limits.BudgetExceeded:
            _say(f"kclint: {target}: " + (f"ghi bản có nhận xét quá {seconds:g} giây nên đã dừng; không ghi tệp."
                                         if lang == "vi" else f"annotating took longer than {seconds:g} s and was "
                                         "stopped; nothing was written."))
            failed = True
            continue
        except Exception as exc:  # a bug on one odd file: reported, and the other copies are still written
            _say(f"kclint: {target}: " + (f"lỗi nội bộ khi ghi bản có nhận xét ({type(exc).__name__}: {exc})"[:300]
                                         if lang == "vi" else
                                         f"internal error writing the annotated copy ({type(exc).__name__}: {exc})"
                                         [:300]))
            failed = True
            continue
        _say(f"kclint: {note('written', lang, path=target, n=stats.comments)}")
    return failed


def _console(no_color: bool = False) -> Console:
    """rich on stdout: colour as :func:`kclint.terminal.wants_color` decides; as wide as the terminal, or
    ``COLUMNS``, or 100 columns in a pipe."""
    import shutil

    from rich.console import Console

    from kclint.terminal import wants_color

    color = wants_color(sys.stdout, no_color)
    return Console(highlight=False, force_terminal=color, no_color=not color,
                   width=shutil.get_terminal_size((100, 25)).columns)


def _lang_of(lang: str | None, config_path: str | None) -> str:
    """``--lang`` if given, else the configuration's ``lang`` (a configuration that cannot be read: exit 2)."""
    if lang:
        return lang
    from kclint.config import load_config

    try:
        return load_config(config_path).lang
    except KclintError as exc:
        _fail(exc)


# Columns the text rule table keeps whole: the code and the slug, which people type into --select/--ignore.
_RULE_KIND_MIN_WIDTH = 150  # below this the kind column is left out (``--format json`` and ``explain`` show it)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None,
              help="Ngôn ngữ (mặc định: lang của cấu hình, không có thì vi) / language (default: the config's).")
@click.option("--config", "config_path", type=click.Path(), help="Tệp cấu hình (kclint.toml / pyproject.toml).")
@click.option("--no-color", is_flag=True, help="Không tô màu (như NO_COLOR=1) / no colours (like NO_COLOR=1).")
def rules(fmt: str, lang: str | None, config_path: str | None, no_color: bool) -> None:
    """Bảng các quy tắc / the rule table."""
    import json

    from kclint.engine import families, registry

    lang = _lang_of(lang, config_path)
    rows = [(c.code, c.slug, c.category, c.kind, c.severity.value, c.title.get(lang)) for c in registry().values()]
    # Old codes that bundled several checks: still valid selectors for the rules they were split into.
    redirects = [(f.code, f.slug, ", ".join(m.code for m in members), f.title.get(lang))
                 for f, members in families().values()]
    if fmt == "json":
        keys = ("code", "rule", "category", "kind", "severity", "title")
        click.echo(json.dumps([dict(zip(keys, r, strict=True)) for r in rows], ensure_ascii=False, indent=2))
        return
    if fmt == "markdown":
        click.echo("| code | rule | category | kind | severity | title |\n|---|---|---|---|---|---|")
        for r in rows:
            click.echo("| " + " | ".join(f"`{x}`" if i in (1, 3) else x for i, x in enumerate(r)) + " |")
        if redirects:
            click.echo("\nRedirected codes: selecting or ignoring the old code or slug, or setting its severity, "
                       "applies to every rule it was split into.\n\n| old code | old rule | now | title |\n"
                       "|---|---|---|---|")
            for code, slug, now, title in redirects:
                click.echo(f"| {code} | `{slug}` | {now} | {title} |")
        return
    from rich import box
    from rich.table import Table

    vi = lang == "vi"
    console = _console(no_color)
    with_kind = console.width >= _RULE_KIND_MIN_WIDTH
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Mã" if vi else "Code", no_wrap=True)
    table.add_column("Slug", no_wrap=True)
    table.add_column("Nhóm" if vi else "Category", no_wrap=True)
    if with_kind:
        table.add_column("Kind", no_wrap=True)
    table.add_column("Mức" if vi else "Severity", no_wrap=True)
    table.add_column("Tên" if vi else "Title", overflow="fold", ratio=1)
    for code, slug, category, kind, severity, title in rows:
        table.add_row(code, slug, category, *([kind] if with_kind else []), severity, title)
    for code, slug, now, title in redirects:
        table.add_row(code, slug, "", *([""] if with_kind else []), "", f"→ {now}: {title}")
    console.print(table)


@main.command()
@click.argument("code")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None,
              help="Ngôn ngữ (mặc định: lang của cấu hình, không có thì vi) / language (default: the config's).")
@click.option("--config", "config_path", type=click.Path(), help="Tệp cấu hình (kclint.toml / pyproject.toml).")
def explain(code: str, lang: str | None, config_path: str | None) -> None:
    """Giải thích một quy tắc / explain a rule (what, why, example, fix)."""
    from kclint.engine import families, registry
    from kclint.safetext import visible

    lang = _lang_of(lang, config_path)
    reg = registry()
    vi = lang == "vi"
    family = next((fm for fm in families().values() if code.upper() == fm[0].code or code == fm[0].slug), None)
    if family is not None:
        f, members = family
        click.echo("\n".join([
            f"{f.code} {f.slug} — {f.title.get(lang)}",
            f"Mã cũ, nay tách thành {len(members)} quy tắc; chọn, bỏ qua hoặc đặt mức cho {f.code} ({f.slug}) là "
            "áp dụng cho cả nhóm:" if vi else f"A redirected code, split into {len(members)} rules; selecting, "
            f"ignoring or setting the severity of {f.code} ({f.slug}) applies to all of them:",
            *(f"  {m.code} {m.slug} ({m.severity.value}) — {m.title.get(lang)}" for m in members),
            f"{'Xem' if vi else 'See'}: kclint explain {members[0].code}",
        ]))
        return
    cls = reg.get(code.upper()) or next((c for c in reg.values() if c.slug == code), None)
    if cls is None:
        _say(f"kclint: không có quy tắc '{code}' / no rule '{code}'")
        sys.exit(2)
    d = cls.doc
    split = [f"{'Tách từ' if vi else 'Split from'} {cls.family.code} ({cls.family.slug})"] if cls.family else []
    lines = [
        f"{cls.code} {cls.slug} — {cls.title.get(lang)}",
        f"{'Nhóm' if vi else 'Category'}: {cls.category} · kind: {cls.kind} · "
        f"{'mức mặc định' if vi else 'default severity'}: {cls.severity.value}",
        *split,
        "",
        f"{'Quy tắc kiểm tra gì' if vi else 'What it does'}:\n  {d.what.get(lang)}",
        f"{'Vì sao' if vi else 'Why'}:\n  {d.why.get(lang)}",
        f"{'Ví dụ sai' if vi else 'Example (fails)'}:",
        *("  | " + visible(ln) for ln in d.fail_example.strip("\n").splitlines()),
        f"{'Ví dụ đúng' if vi else 'Example (passes)'}:",
        *("  | " + visible(ln) for ln in d.pass_example.strip("\n").splitlines()),
        f"{'Cách sửa' if vi else 'How to fix'}:\n  {d.fix.get(lang)}",
    ]
    click.echo("\n".join(lines))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", type=click.Path(), help="Tệp ghi bản sửa (chỉ với một tệp) / output (one input only).")
@click.option("--force", is_flag=True, help="Ghi đè bản sửa đã có / overwrite an existing corrected copy.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None, help="Ngôn ngữ thông báo / message language.")
@click.option("--today", help="Ngày tham chiếu / reference date (YYYY-MM-DD); mặc định hôm nay.")
@click.option("--select", multiple=True, help="Chỉ sửa lỗi của các quy tắc này / fix only these rules' findings.")
@click.option("--ignore", multiple=True, help="Không sửa lỗi của các quy tắc này / leave these rules' findings.")
@click.option("--level", type=click.Choice(["mam_non", "tieu_hoc", "thcs", "thpt", "nhieu_cap"]),
              help="Cấp học, thay cho cấp tự nhận diện / override the detected school level.")
@click.option("--force-plan", is_flag=True,
              help="Kiểm tra cả tệp không có dấu hiệu kế hoạch / check files that do not look like a plan too.")
@click.option("--config", "config_path", type=click.Path(), help="Tệp cấu hình (kclint.toml / pyproject.toml).")
@click.option("--diff", "diff_only", is_flag=True,
              help="Chỉ in những chỗ sẽ sửa, không ghi tệp / show what would change, write nothing.")
def fix(paths: tuple[str, ...], output: str | None, force: bool, lang: str | None, today: str | None,
        select: tuple[str, ...], ignore: tuple[str, ...], level: str | None, config_path: str | None,
        force_plan: bool, diff_only: bool) -> None:
    """Ghi bản sửa tự động các lỗi máy móc (không sửa tệp gốc) / write a corrected copy, never the input.

    Sửa: chuẩn Unicode, ký tự thừa do chuyển đổi, chữ gõ Telex/VNI sót có một cách đọc, dấu cách thừa.
    Không có gì để sửa thì không ghi bản sửa.
    Fixes: Unicode normalisation, conversion debris, unambiguous typing residue, doubled spaces.
    Nothing to fix: no copy is written.
    """
    from kclint.fix import fix_file
    from kclint.model import SchoolLevel
    from kclint.outputs import SafeWriter
    from kclint.pipeline import collect_paths
    from kclint.report.words import CATEGORY, lang_of
    from kclint.safetext import visible

    config = _load_checked_config(config_path, lang, select, ignore)
    lang = lang or config.lang
    vi = lang == "vi"
    options = _run_options(config, today, select, ignore, force_plan)
    files = collect_paths(list(paths))
    if output and len(files) != 1:
        _say("kclint: -o chỉ dùng với một tệp / -o takes exactly one input file")
        sys.exit(2)
    failed = False
    writer = SafeWriter(files)
    for path in files:
        try:
            target, changes = fix_file(path, output, force, options, SchoolLevel(level) if level else config.level,
                                       writer=writer, write=not diff_only)
        except KclintError as exc:
            _say(f"kclint: {exc.message(lang)}")
            failed = True
            continue
        n = sum(c.applied for c in changes)
        if diff_only:
            head = (f"{path}: {n} chỗ sẽ sửa (--diff: không ghi tệp)" if vi
                    else f"{path}: {n} change(s) would be made (--diff: nothing written)")
        elif target is None:
            head = (f"{path}: không có gì để sửa tự động; không ghi bản sửa" if vi
                    else f"{path}: nothing to fix automatically; no copy written")
        else:
            head = f"{path} -> {target}: " + (f"{n} chỗ đã sửa" if vi else f"{n} change(s)")
        click.echo(visible(head, newlines=False))
        for c in changes:
            mark = "" if c.applied else (" (không sửa tự động: chữ trải trên nhiều đoạn định dạng)" if vi
                                         else " (not applied: the text spans several formatting runs)")
            what = CATEGORY[lang_of(lang)].get(c.kind.split(".")[0], "")
            click.echo(visible(f"  {c.where.get(lang)}: {c.shown()} ({what}){mark}"))
    if failed:
        sys.exit(2)


@main.command()
@click.option("--level", type=click.Choice(["mam_non", "tieu_hoc", "thcs", "thpt", "nhieu_cap"]),
              default=None, help="Cấp học (mặc định: tất cả).")
@click.option("--at", "at", help="Ngày áp dụng (YYYY-MM-DD; mặc định hôm nay).")
def catalog(level: str | None, at: str | None) -> None:
    """Các tiêu chí đang áp dụng, kèm nguồn và độ tin cậy / the criteria kclint believes apply."""
    from rich.table import Table

    from kclint.catalog import version_for

    on = _parse_date(at) or dt.date.today()
    console = _console()
    levels = [level] if level else ["mam_non", "tieu_hoc", "thcs"]
    for lv in levels:
        version = version_for(lv, on)
        if version is None:
            console.print(f"{lv}: không có bộ tiêu chí áp dụng ngày {on} / no criteria in force")
            continue
        console.print(f"[bold]{lv}[/bold] — {version.circular}"
                      + (f" (sửa đổi bởi / amended by {version.amended_by})" if version.amended_by else "")
                      + f" · {version.effective_from} → {version.effective_to or '…'} · id {version.id}")
        table = Table("Tiêu chí", "Tên", "Mức", "Tin cậy", "Ghi chú")
        for std in version.standards:
            table.add_row(f"[bold]TC {std.number}[/bold]", f"[bold]{std.title}[/bold]", "", "", "")
            for c in std.criteria:
                table.add_row(c.id, c.title, ",".join(str(x) for x in c.levels), c.confidence.value,
                              (c.uncertainty or "") if c.uncertain else "")
        console.print(table)
        if version.sources:
            console.print("[dim]Nguồn / sources: " + "; ".join(version.sources) + "[/dim]")


def _extra_requirements(extra: str) -> list[str]:
    """The requirements of one of kclint's extras, as its installed metadata lists them (without the marker)."""
    import re
    from importlib.metadata import PackageNotFoundError, requires

    try:
        listed = requires("kclint") or []
    except PackageNotFoundError:  # run from a source tree that was never installed
        return [f"kclint[{extra}]"]
    wanted = re.compile(rf"""\bextra\s*==\s*["']{re.escape(extra)}["']""")
    return [req.strip() for req, _, marker in (line.partition(";") for line in listed) if wanted.search(marker)]


# Top-level modules of the ``serve`` extra: a ModuleNotFoundError naming one of them means "install the extra".
_SERVE_EXTRA = frozenset({"starlette", "uvicorn", "python_multipart", "multipart", "anyio"})


@main.command()
@click.option("--host", default=None,
              help="Địa chỉ lắng nghe (mặc định 127.0.0.1: chỉ máy này) / listen address (default: this computer).")
@click.option("--port", type=click.IntRange(0, 65535), default=8750, show_default=True,
              help="Cổng (0: cổng trống bất kỳ) / port (0: any free port).")
@click.option("--open", "open_browser", is_flag=True, help="Mở trang trong trình duyệt / open the page in the browser.")
@click.option("--today", help="Ngày tham chiếu / reference date (YYYY-MM-DD); mặc định ngày kiểm tra.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None,
              help="Ngôn ngữ ban đầu của trang / the page's first language.")
@click.option("--select", multiple=True, help="Chỉ chạy các quy tắc này (mã, tiền tố, slug, nhóm).")
@click.option("--ignore", multiple=True, help="Bỏ qua các quy tắc này.")
@click.option("--level", type=click.Choice(["mam_non", "tieu_hoc", "thcs", "thpt", "nhieu_cap"]),
              help="Cấp học, thay cho cấp tự nhận diện / override the detected school level.")
@click.option("--config", "config_path", type=click.Path(), help="Tệp cấu hình (kclint.toml / pyproject.toml).")
@click.option("--max-size", type=click.FloatRange(min=0.001), default=20.0, show_default=True,
              help="Giới hạn mỗi tệp tải lên, MB / upload limit per file, MB.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Số tiến trình kiểm tra song song (mặc định: số lõi).")
@click.option("--max-memory", type=click.FloatRange(min=1), default=512.0, show_default=True,
              help="Bộ nhớ giữ kết quả, MB; quá thì bỏ kết quả cũ nhất / memory for kept results, MB (oldest dropped).")
def serve(host: str | None, port: int, open_browser: bool, today: str | None, lang: str | None,
          select: tuple[str, ...], ignore: tuple[str, ...], level: str | None, config_path: str | None,
          max_size: float, jobs: int | None, max_memory: float) -> None:
    """Bàn duyệt: trang web trên máy này để thả kế hoạch và đọc kết quả / review desk (local web page).

    Cần gói bổ sung / needs the extra: pip install '.[serve]' (in a clone of kclint).
    """
    try:
        from kclint.serve import Settings, bind, create_app, is_loopback, run, url_of
        from kclint.serve.app import LOOPBACK_HOSTS, MB
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] not in _SERVE_EXTRA:
            raise
        # kclint is not on a package index: name the extra's own packages, which install anywhere.
        command = "pip install " + " ".join(f"'{req}'" for req in _extra_requirements("serve"))
        _say(f"kclint: lệnh serve cần gói bổ sung; hãy cài: {command}")
        _say(f"        (the serve command needs an optional extra; install it: {command})")
        sys.exit(2)
    from kclint.config import load_config
    from kclint.engine import RunOptions, SelectionError, check_selector
    from kclint.model import SchoolLevel

    try:
        config = load_config(config_path)
    except KclintError as exc:
        _fail(exc, lang or "vi")
    lang = lang or config.lang
    # The same options as ``kclint check`` builds from the same flags and config, so the page matches it.
    options = RunOptions(select=_split(select) or config.select, ignore=_split(ignore) + config.ignore,
                         severity=config.severity, per_file_ignores=config.per_file_ignores,
                         force_plan=config.force_plan)
    try:  # refused now rather than on the first upload
        for token in [*options.select, *options.ignore, *options.severity,
                      *(t for ts in options.per_file_ignores.values() for t in ts)]:
            check_selector(token)
    except SelectionError as exc:
        _say(f"kclint: mã quy tắc không tồn tại / unknown rule: {exc}")
        sys.exit(2)
    exposed = host is not None and not is_loopback(host)
    try:
        sock = bind(host or "127.0.0.1", port)
    except KclintError as exc:
        _fail(exc, lang)
    settings = Settings(
        options=options, today=_parse_date(today), level=SchoolLevel(level) if level else config.level, lang=lang,
        max_upload_bytes=int(max_size * MB), jobs=jobs, max_memory_bytes=int(max_memory * 2**20),
        # Loopback only: a web page elsewhere cannot reach the desk through a rebound DNS name. Exposed on
        # purpose, the desk answers whatever name the other computers use for this one.
        allowed_hosts=("*",) if exposed else (*LOOPBACK_HOSTS, host or "127.0.0.1"),
    )
    url = url_of(sock)
    if exposed:
        _say(f"kclint: CẢNH BÁO: bàn duyệt mở cho mọi máy kết nối được tới {host}:{sock.getsockname()[1]}; "
                   "không có mật khẩu, không mã hóa (http): kế hoạch đi qua mạng. Chỉ dùng trong mạng tin cậy.")
        _say("        (WARNING: the review desk is open to every computer that can reach "
                   f"{host}:{sock.getsockname()[1]}; no password, no encryption (http): plans cross the network. "
                   "Use it on a trusted network only.)")
    click.echo(f"kclint: bàn duyệt đang chạy tại {url} — Ctrl+C để dừng (review desk at {url} — Ctrl+C to stop)")
    run(create_app(settings), sock, open_browser)

if __name__ == "__main__":  # pragma: no cover
    main()
