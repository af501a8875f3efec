"""The review desk in headless Chromium: drop plans, read the findings, dismiss one, download, switch language, print.

Runs ``kclint serve`` as a real process and drives Debian's Chromium with Playwright (no
browser download: ``executable_path``). Skipped only when no browser can start. A screenshot
of the result at 1366×768 is kept in pytest's temporary folder (its path is printed; with
``KCLINT_SCREENSHOT=path`` it is also copied there, e.g. ``docs/review-desk.png``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from plan_docx import build_docx

# Playwright is in the [test-full] extra (`.ci/run` installs it), not in the light [test].
pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test-full]')")
from playwright.sync_api import Browser, Page, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from test_annotate import faulty_layout

from kclint.cli import main

TODAY = "2026-11-24"
DATA = Path(__file__).parent / "data"
# Root in a container: no sandbox; and nothing that would reach the network.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("KCLINT_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if candidate and (found := shutil.which(candidate)):
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = chromium_path()
    if executable is None:
        pytest.skip("no Chromium found (apt-get install chromium, or set KCLINT_CHROMIUM)")
    try:
        p = sync_playwright().start()
    except Exception as exc:  # Playwright's driver (its bundled node) cannot run here: no browser either
        pytest.skip(f"the browser driver cannot start: {exc}")
    try:
        # Playwright gives every launch a fresh temporary profile (--user-data-dir).
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, timeout=20_000)
    except PlaywrightError as exc:
        p.stop()
        pytest.skip(f"the browser cannot start: {exc.message.splitlines()[0]}")
    yield b
    b.close()
    p.stop()


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[str]:
    """``kclint serve`` on a free port, started in an empty folder (no kclint.toml applies)."""
    proc = subprocess.Popen([sys.executable, "-m", "kclint", "serve", "--port", "0", "--today", TODAY],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert found, f"the desk did not start: {line!r} {proc.stderr.read() if proc.stderr else ''}"
        yield found.group(0)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def cli_report(folder: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> dict:
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, ["check", "--format", "json", "--today", TODAY, name])
    return json.loads(result.stdout)["files"][0]


def download(page: Page, link: str) -> Path:
    with page.expect_download() as info:
        page.click(link)
    return Path(info.value.path())


def test_review_desk_in_a_browser(browser: Browser, desk: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    word = build_docx(plans / "ke-hoach-co-loi.docx", faulty_layout())
    text = plans / "thcs_table.txt"
    text.write_bytes((DATA / "thcs_table.txt").read_bytes())
    broken = plans / "ban-scan.docx"
    broken.write_bytes(b"%PDF-1.7\n%%EOF\n")
    expected = cli_report(plans, word.name, monkeypatch)
    n = len(expected["findings"])
    assert n >= 5

    page = browser.new_page(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(desk)
    expect(page.locator("h1")).to_contain_text("Bàn duyệt kế hoạch")
    page.set_input_files("#files", [str(word), str(text), str(broken)])
    expect(page.locator("#results")).to_have_attribute("aria-busy", "false")
    expect(page.locator("section.file")).to_have_count(3, timeout=15_000)

    # The same findings as `kclint check`, in the same order; the unreadable file gets the CLI's message.
    first = page.locator("#file-1 .finding")
    expect(first).to_have_count(n)
    assert [c.strip() for c in page.locator("#file-1 .finding .code").all_inner_texts()] == \
        [f["code"] for f in expected["findings"]]
    assert page.locator("#file-1 .finding mark").count() >= n - 1  # the quoted words, highlighted in their line
    pdf = cli_report(plans, broken.name, monkeypatch)["error"]["message"]
    expect(page.locator("#file-3 .unreadable")).to_contain_text(pdf)
    expect(page.locator("#status")).to_contain_text("Đã kiểm tra 3 tệp")
    shot = tmp_path / "review-desk.png"
    page.screenshot(path=str(shot))
    with capsys.disabled():  # the artifact's path, shown even when pytest captures output
        print(f"\nreview desk screenshot: {shot}")
    if os.environ.get("KCLINT_SCREENSHOT"):
        shutil.copyfile(shot, os.environ["KCLINT_SCREENSHOT"])

    annotated = download(page, "#file-1 a[data-what='annotated.docx']")
    assert len(list(docx.Document(str(annotated)).comments)) == n

    # Dismiss the first finding from the keyboard; every download leaves it out.
    button = page.locator("#file-1 .finding button.dismiss").first
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#status")).to_contain_text(expected["findings"][0]["code"])
    expect(page.locator("#file-1 .finding:not([hidden])")).to_have_count(n - 1)
    assert len(list(docx.Document(str(download(page, "#file-1 a[data-what='annotated.docx']"))).comments)) == n - 1
    report = json.loads(download(page, "#file-1 a[data-what='report.json']").read_text(encoding="utf-8"))
    assert report["files"][0]["findings"] == expected["findings"][1:]
    html = download(page, "#file-1 a[data-what='report.html']").read_text(encoding="utf-8")
    assert html.count('<article class="finding') == n - 1

    # Filters hide by severity; English on a click; the print stylesheet drops the controls.
    page.get_by_label("Lỗi", exact=True).uncheck()
    expect(page.locator(".finding.error:not([hidden])")).to_have_count(0)
    page.click("button[data-lang='en']")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#file-1 a[data-what='annotated.docx']")).to_have_text("Word copy with comments")
    page.emulate_media(media="print")
    expect(page.locator("aside.side")).to_be_hidden()
    expect(page.locator("#file-1 .downloads")).to_be_hidden()
    assert errors == []
