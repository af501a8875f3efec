"""Command line: ``kclint check | rules | explain | catalog``.

Heavy modules (python-docx, rich, the rules) are imported inside the commands
so that ``kclint --version`` and pre-commit runs start fast.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import NoReturn

import click

from kclint import __version__
from kclint.errors import KclintError

_SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3, "never": 99}


def _fail(exc: KclintError, lang: str = "vi") -> NoReturn:
    other = "en" if lang == "vi" else "vi"
    click.echo(f"kclint: {exc.message(lang)}", err=True)
    click.echo(f"        ({exc.message(other)})", err=True)
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
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--today", help="Ngày tham chiếu / reference date (YYYY-MM-DD); mặc định hôm nay.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None, help="Ngôn ngữ thông báo / message language.")
@click.option("--select", multiple=True, help="Chỉ chạy các quy tắc này (mã, tiền tố, slug, nhóm).")
@click.option("--ignore", multiple=True, help="Bỏ qua các quy tắc này.")
@click.option("--level", type=click.Choice(["mam_non", "tieu_hoc", "thcs", "thpt", "nhieu_cap"]),
              help="Cấp học, thay cho cấp tự nhận diện / override the detected school level.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Mức nghiêm trọng làm lệnh trả về 1 (mặc định: error).")
@click.option("--config", "config_path", type=click.Path(), help="Tệp cấu hình (kclint.toml / pyproject.toml).")
@click.option("--no-color", is_flag=True, help="Không tô màu.")
@click.option("-o", "--output", type=click.Path(), help="Ghi báo cáo vào tệp / write the report to a file.")
def check(paths: tuple[str, ...], fmt: str, today: str | None, lang: str | None, select: tuple[str, ...],
          ignore: tuple[str, ...], level: str | None, fail_on: str | None, config_path: str | None,
          no_color: bool, output: str | None) -> None:
    """Kiểm tra kế hoạch (.docx, .txt, .md, hoặc thư mục) / check plans."""
    import os

    from kclint.config import load_config
    from kclint.engine import RunOptions, SelectionError, check_selector
    from kclint.model import SchoolLevel
    from kclint.pipeline import check_file, collect_paths

    try:
        config = load_config(config_path)
    except KclintError as exc:
        _fail(exc, lang or "vi")
    lang = lang or config.lang
    try:
        for token in [*config.select, *config.ignore, *config.severity,
                      *(t for ts in config.per_file_ignores.values() for t in ts)]:
            check_selector(token)
    except SelectionError as exc:
        click.echo(f"kclint: {config.source}: mã quy tắc không tồn tại / unknown rule: {exc}", err=True)
        sys.exit(2)
    files = collect_paths(list(paths))
    if output and any(os.path.abspath(output) == os.path.abspath(f) for f in files):
        click.echo("kclint: tệp báo cáo trùng tệp đầu vào / the output would overwrite an input", err=True)
        sys.exit(2)
    options = RunOptions(
        today=_parse_date(today) or dt.date.today(), lang=lang,
        select=_split(select) or config.select, ignore=_split(ignore) + config.ignore,
        severity=config.severity, per_file_ignores=config.per_file_ignores,
    )
    try:
        results = [check_file(f, options, SchoolLevel(level) if level else config.level) for f in files]
    except SelectionError as exc:
        click.echo(f"kclint: mã quy tắc không tồn tại / unknown rule: {exc}", err=True)
        sys.exit(2)
    if not files:
        click.echo("kclint: không có tệp kế hoạch nào (.docx, .txt, .md) / no plan files found", err=True)
        sys.exit(2)
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        if fmt == "json":
            from kclint.report.json import render as render_json

            out.write(render_json(results, lang) + "\n")
        else:
            from kclint.report.text import render as render_text

            color = not no_color and not output and sys.stdout.isatty()
            render_text(results, out, lang, color)
    finally:
        if output:
            out.close()
    for r in results:
        if r.error:
            click.echo(f"kclint: {r.error.message(lang)}", err=True)
    if any(r.error for r in results):
        sys.exit(2)
    threshold = _SEVERITY_RANK[fail_on or config.fail_on]
    if any(f.severity.rank >= threshold for r in results for f in r.findings):
        sys.exit(1)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi")
def rules(fmt: str, lang: str) -> None:
    """Bảng các quy tắc / the rule table."""
    import json

    from kclint.engine import registry

    rows = [(c.code, c.slug, c.category, c.kind, c.severity.value, c.title.get(lang)) for c in registry().values()]
    if fmt == "json":
        keys = ("code", "rule", "category", "kind", "severity", "title")
        click.echo(json.dumps([dict(zip(keys, r, strict=True)) for r in rows], ensure_ascii=False, indent=2))
        return
    if fmt == "markdown":
        click.echo("| code | rule | category | kind | severity | title |\n|---|---|---|---|---|---|")
        for r in rows:
            click.echo("| " + " | ".join(f"`{x}`" if i in (1, 3) else x for i, x in enumerate(r)) + " |")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("Mã" if lang == "vi" else "Code", "Slug", "Nhóm" if lang == "vi" else "Category", "Kind",
                  "Mức" if lang == "vi" else "Severity", "Tên" if lang == "vi" else "Title")
    for r in rows:
        table.add_row(*r)
    Console(highlight=False).print(table)


@main.command()
@click.argument("code")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi")
def explain(code: str, lang: str) -> None:
    """Giải thích một quy tắc / explain a rule (what, why, example, fix)."""
    from kclint.engine import registry

    reg = registry()
    cls = reg.get(code.upper()) or next((c for c in reg.values() if c.slug == code), None)
    if cls is None:
        click.echo(f"kclint: không có quy tắc '{code}' / no rule '{code}'", err=True)
        sys.exit(2)
    vi = lang == "vi"
    d = cls.doc
    lines = [
        f"{cls.code} {cls.slug} — {cls.title.get(lang)}",
        f"{'Nhóm' if vi else 'Category'}: {cls.category} · kind: {cls.kind} · "
        f"{'mức mặc định' if vi else 'default severity'}: {cls.severity.value}",
        "",
        f"{'Quy tắc kiểm tra gì' if vi else 'What it does'}:\n  {d.what.get(lang)}",
        f"{'Vì sao' if vi else 'Why'}:\n  {d.why.get(lang)}",
        f"{'Ví dụ sai' if vi else 'Example (fails)'}:",
        *("  | " + ln for ln in d.fail_example.strip("\n").splitlines()),
        f"{'Ví dụ đúng' if vi else 'Example (passes)'}:",
        *("  | " + ln for ln in d.pass_example.strip("\n").splitlines()),
        f"{'Cách sửa' if vi else 'How to fix'}:\n  {d.fix.get(lang)}",
    ]
    click.echo("\n".join(lines))


@main.command()
@click.option("--level", type=click.Choice(["mam_non", "tieu_hoc", "thcs", "thpt", "nhieu_cap"]),
              default=None, help="Cấp học (mặc định: tất cả).")
@click.option("--at", "at", help="Ngày áp dụng (YYYY-MM-DD; mặc định hôm nay).")
def catalog(level: str | None, at: str | None) -> None:
    """Các tiêu chí đang áp dụng, kèm nguồn và độ tin cậy / the criteria kclint believes apply."""
    from rich.console import Console
    from rich.table import Table

    from kclint.catalog import version_for

    on = _parse_date(at) or dt.date.today()
    console = Console(highlight=False)
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


if __name__ == "__main__":  # pragma: no cover
    main()
