"""``kclint serve``: the review desk's HTTP side, driven with Starlette's TestClient (no browser)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import sys
import tempfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from plan_docx import build_docx
from starlette.testclient import TestClient
from test_annotate import faulty_layout

from kclint.cli import main
from kclint.engine import RunOptions
from kclint.serve import Settings, create_app

TODAY = "2026-11-24"
DATA = Path(__file__).parent / "data"
CORRUPT = {
    "hong.docx": b"PK\x03\x04 truncated",
    "ke-hoach-pdf.docx": b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n",
    "ke-hoach-cu.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048),
}


def settings(**kw: object) -> Settings:
    base: dict[str, object] = {"options": RunOptions(), "today": dt.date.fromisoformat(TODAY), "jobs": 2}
    return Settings(**{**base, **kw})  # type: ignore[arg-type]


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app(settings()), base_url="http://127.0.0.1:8750")


def cli_json(folder: Path, names: list[str], monkeypatch: pytest.MonkeyPatch) -> dict:
    """``kclint check --format json`` run in ``folder`` on bare names, as a reviewer's upload is named."""
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, ["check", "--format", "json", "--today", TODAY, "--jobs", "1", *names])
    assert result.exit_code in (0, 1, 2), result.output
    return json.loads(result.stdout)


def post(client: TestClient, paths: list[Path], **headers: str) -> dict:
    files = [("files", (p.name, p.read_bytes(), "application/octet-stream")) for p in paths]
    response = client.post("/api/check", files=files, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
def word_plan(tmp_path: Path) -> Path:
    return build_docx(tmp_path / "ke-hoach-co-loi.docx", faulty_layout())


def test_same_json_as_the_command_line(client: TestClient, tmp_path: Path, word_plan: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("mn_paragraph.txt", "th_results.txt", "thcs_table.txt"):
        (tmp_path / name).write_bytes((DATA / name).read_bytes())
    paths = [word_plan, *(tmp_path / n for n in ("mn_paragraph.txt", "th_results.txt", "thcs_table.txt"))]
    views = post(client, paths)["files"]
    expected = cli_json(tmp_path, [p.name for p in paths], monkeypatch)
    assert len(views) == len(paths) == len(expected["files"])
    for view, want in zip(views, expected["files"], strict=True):
        response = client.get(f"/api/files/{view['id']}/report.json", params={"lang": "vi"})
        assert response.status_code == 200
        got = response.json()
        assert got["files"] == [want], view["name"]  # byte-for-byte the same findings, messages and locations
        assert len(view["findings"]) == len(want["findings"])
        assert "attachment" in response.headers["content-disposition"]
    assert len(views[0]["findings"]) >= 5, "the Word plan is built to trip several rules"


def test_the_page_shows_what_the_engine_knows(client: TestClient, word_plan: Path) -> None:
    view = post(client, [word_plan])["files"][0]
    meta = view["meta"]
    assert meta["school"] and meta["level"] == "mam_non" and meta["format"] == "docx"
    assert meta["issue_date"] == "2027-10-06"  # the plan's deliberate future date
    assert meta["period"]["first_year"] == 2025 and meta["catalog"]["circular"].startswith("19/2018")
    assert view["today"] == TODAY
    future = next(f for f in view["findings"] if f["code"] == "KC102")
    assert "<mark>" in future["context_html"] and future["message"]["vi"] and future["message"]["en"]
    assert future["where"]["en"].startswith("table")
    # The page names the rule in words (issue 20.3); the slug stays in `rule` for --select.
    assert future["title"]["vi"] and future["title"]["en"] and future["rule"] not in future["title"].values()
    assert {f["index"] for f in view["findings"]} == set(range(len(view["findings"])))


def test_twenty_plans_and_three_corrupt_files(client: TestClient, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    good: list[Path] = []
    fixtures = sorted(DATA.glob("*.txt"))
    for i in range(14):
        text = fixtures[i % 3].read_text(encoding="utf-8")
        if i % 2:  # a vague deadline and a future issue date in every other plan, as in the batch tests
            text = text.replace("Tháng 12/2025", "Trong năm học")
            text = text.replace("năm 2025\n\nKẾ HOẠCH", "năm 2029\n\nKẾ HOẠCH")
        path = tmp_path / f"ke-hoach-{i:02d}.txt"
        path.write_text(text, encoding="utf-8")
        good.append(path)
    for i in range(14, 20):
        good.append(build_docx(tmp_path / f"ke-hoach-{i:02d}.docx", faulty_layout()))
    bad = []
    for name, data in CORRUPT.items():
        (tmp_path / name).write_bytes(data)
        bad.append(tmp_path / name)
    order = good[:7] + bad[:1] + good[7:14] + bad[1:] + good[14:]  # the bad ones in between the good ones

    views = post(client, order)["files"]
    expected = {f["path"]: f for f in cli_json(tmp_path, [p.name for p in order], monkeypatch)["files"]}
    assert [v["name"] for v in views] == [p.name for p in order]
    for view in views:
        want = expected[view["name"]]
        if view["name"] in CORRUPT:
            # The same InputError message as the command line, naming the file, and nothing to download.
            assert view["error"]["vi"] == want["error"]["message"], view["name"]
            assert view["error"]["code"] == want["error"]["code"] and view["id"] is None
            assert view["error"]["vi"].startswith(view["name"] + ": ") and view["error"]["en"]
        else:
            assert view["error"] is None and view["id"]
            report = client.get(f"/api/files/{view['id']}/report.json").json()
            assert report["files"] == [want]
            html = client.get(f"/api/files/{view['id']}/report.html")
            assert html.status_code == 200 and view["name"] in html.text
    assert client.get("/").status_code == 200  # still serving
    assert post(client, [good[0]])["files"][0]["error"] is None


def test_dismissed_findings_are_left_out_of_every_download(client: TestClient, word_plan: Path) -> None:
    view = post(client, [word_plan])["files"][0]
    findings = view["findings"]
    dismissed = [0, 2]
    params = {"lang": "vi", "dismissed": ",".join(map(str, dismissed))}
    base = f"/api/files/{view['id']}"

    report = client.get(f"{base}/report.json", params=params).json()
    left = [f for f in findings if f["index"] not in dismissed]
    assert [(f["code"], f["evidence"]) for f in report["files"][0]["findings"]] == \
        [(f["code"], f["evidence"]) for f in left]
    assert report["summary"]["errors"] + report["summary"]["warnings"] + report["summary"]["infos"] == len(left)

    html = client.get(f"{base}/report.html", params=params).text
    assert html.count('<article class="finding') == len(left)

    copy = client.get(f"{base}/annotated.docx", params=params)
    assert copy.status_code == 200
    assert copy.headers["content-disposition"].endswith("ke-hoach-co-loi.kclint.docx")
    comments = list(docx.Document(io.BytesIO(copy.content)).comments)
    assert len(comments) == len(left)
    assert not any(c.text.startswith(findings[0]["code"] + " ") and findings[0]["message"]["vi"] in c.text
                   for c in comments)
    everything = docx.Document(io.BytesIO(client.get(f"{base}/annotated.docx").content))
    assert len(list(everything.comments)) == len(findings)
    english = client.get(f"{base}/annotated.docx", params={"lang": "en"}).content
    assert any("Fix:" in c.text for c in docx.Document(io.BytesIO(english)).comments)


def test_upload_limits(tmp_path: Path) -> None:
    client = TestClient(create_app(settings(max_upload_bytes=3000, max_request_bytes=6000)),
                        base_url="http://127.0.0.1:8750")
    big = tmp_path / "mn_paragraph.txt"
    big.write_bytes((DATA / "mn_paragraph.txt").read_bytes())  # 3.7 kB
    small = tmp_path / "th_results.txt"
    small.write_bytes((DATA / "th_results.txt").read_bytes())  # 1.8 kB
    views = post(client, [big, small])["files"]
    assert views[0]["error"]["code"] == "too_large" and "0.003 MB" in views[0]["error"]["en"]
    assert views[0]["error"]["vi"].startswith("mn_paragraph.txt: ")
    assert views[1]["error"] is None and views[1]["findings"]
    # More kept bytes in one request than allowed: the request is refused as a whole, with a message.
    response = client.post("/api/check", files=[("files", (f"p{i}.txt", small.read_bytes())) for i in range(4)])
    assert response.status_code == 413 and response.json()["error"]["code"] == "request_too_large"
    assert client.get("/api/config").json()["max_upload_bytes"] == 3000


def test_hostile_requests(client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    assert client.post("/api/check", content=b"plain", headers={"content-type": "text/plain"}).status_code == 415
    garbage = client.post("/api/check", content=b"--x\r\nnot a part",
                          headers={"content-type": "multipart/form-data; boundary=zzz"})
    assert garbage.status_code == 400 and garbage.json()["error"]["en"]
    assert client.post("/api/check", files=[("other", ("a.txt", b"x"))]).json()["error"]["code"] == "no_file"
    # A name that tries to climb out of the private folder is reduced to its last part.
    text = (DATA / "th_results.txt").read_bytes()
    view = client.post("/api/check", files=[("files", ("../../../etc/ke hoạch.txt", text))]).json()["files"][0]
    assert view["name"] == "ke hoạch.txt" and view["error"] is None
    assert list(scratch.iterdir()) == [], "the temporary copies are deleted right after the check"
    # Another site's page cannot post plans, nor can a rebound DNS name reach the desk.
    cross = client.post("/api/check", files=[("files", ("a.txt", text))], headers={"origin": "http://evil.example"})
    assert cross.status_code == 403
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400
    assert client.get("/api/files/nope/report.json").status_code == 404
    assert client.get(f"/api/files/{view['id']}/report.json", params={"dismissed": "1,x"}).status_code == 400
    assert client.get(f"/api/files/{view['id']}/annotated.docx").status_code == 409  # a text plan
    assert client.get(f"/api/files/{view['id']}/secrets").status_code == 404
    assert client.delete(f"/api/files/{view['id']}").status_code == 204
    assert client.get(f"/api/files/{view['id']}").status_code == 404
    home = client.get("/")
    assert home.headers["cache-control"] == "no-store"
    assert "default-src 'none'" in home.headers["content-security-policy"]
    assert list(scratch.iterdir()) == []


def test_the_page_is_self_contained() -> None:
    """No CDN, no web font, no remote script: the page must work where the network is closed."""
    static = Path(__file__).parent.parent / "kclint" / "serve" / "static"
    for path in static.iterdir():
        text = path.read_text(encoding="utf-8")
        text = text.replace("http://www.w3.org/2000/svg", "")  # an XML namespace in the icon, never fetched
        assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/|@import|@font-face", text), path.name


def test_serve_command(monkeypatch: pytest.MonkeyPatch) -> None:
    import kclint.serve

    started: list[tuple] = []

    def fake_run(app: object, sock: object, open_browser: bool = False) -> None:
        started.append((sock.getsockname(), open_browser))  # type: ignore[attr-defined]
        sock.close()  # type: ignore[attr-defined]

    monkeypatch.setattr(kclint.serve, "run", fake_run)
    result = CliRunner().invoke(main, ["serve", "--port", "0", "--today", TODAY, "--open"])
    assert result.exit_code == 0, result.output
    (host, port), opened = started[0]
    assert host == "127.0.0.1" and opened
    assert f"http://127.0.0.1:{port}/" in result.stdout and "CẢNH BÁO" not in result.stderr

    exposed = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--port", "0"])
    assert exposed.exit_code == 0
    assert started[1][0][0] == "0.0.0.0"
    assert "CẢNH BÁO" in exposed.stderr and "WARNING" in exposed.stderr

    assert CliRunner().invoke(main, ["serve", "--port", "0", "--select", "KC999"]).exit_code == 2


def test_busy_port_is_a_clear_message() -> None:
    from kclint.serve import bind

    taken = bind("127.0.0.1", 0)
    taken.listen()
    try:
        result = CliRunner().invoke(main, ["serve", "--port", str(taken.getsockname()[1])])
    finally:
        taken.close()
    assert result.exit_code == 2
    assert "cổng" in result.stderr and "port" in result.stderr and "Traceback" not in result.output


def test_without_the_extra_a_bilingual_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    # As if Starlette were not installed: its cached submodules would otherwise still import.
    for name in [m for m in sys.modules if m.split(".")[0] == "starlette" or m.startswith("kclint.serve")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "starlette", None)
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 2
    # kclint is on no package index, so 'kclint[serve]' would fail: the hint names the extra's packages.
    assert "pip install 'starlette>=" in result.stderr and "'uvicorn>=" in result.stderr
    assert "kclint[serve]" not in result.stderr
    assert "cần gói bổ sung" in result.stderr and "optional extra" in result.stderr


def test_dismissals_round_trip_through_a_baseline_file(client: TestClient, word_plan: Path) -> None:
    view = post(client, [word_plan])["files"][0]
    dismissed = [0, 2]
    got = client.get("/api/baseline", params={"f": f"{view['id']}:0,2"})
    assert got.status_code == 200 and got.headers["content-disposition"].endswith("kclint-baseline.json")
    recorded = got.json()
    assert recorded["version"] == 1 and len(recorded["findings"]) == 2
    assert {e["file"] for e in recorded["findings"]} == {"ke-hoach-co-loi.docx"}
    # A reload: the same plan uploaded again gets a new id; loading the file dismisses the same findings.
    again = post(client, [word_plan])["files"][0]
    loaded = client.post("/api/baseline", params={"ids": again["id"]}, content=got.content)
    assert loaded.status_code == 200 and loaded.json() == {"dismissed": {again["id"]: dismissed}}
    bad = client.post("/api/baseline", params={"ids": again["id"]}, content=b'{"version": 9}')
    assert bad.status_code == 400 and "baseline" in bad.json()["error"]["en"]
    assert client.get("/api/baseline", params={"f": "nope:1"}).status_code == 400
