"""The review desk under hostile use: odd names, memory, dropped connections, Ctrl+C (issue 18, items 15-18)."""

from __future__ import annotations

import builtins
import datetime as dt
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from test_serve import DATA, settings

import kclint.serve.app as app_module
from kclint.serve import create_app
from kclint.serve.views import safe_name


def _client(**kw: object) -> TestClient:
    return TestClient(create_app(settings(**kw)), base_url="http://127.0.0.1:8750")


@pytest.mark.parametrize("name", ["😀" * 63 + ".txt", "😀" * 300 + ".txt", "ắ" * 200 + ".docx",
                                  "a" * 1000, "x." + "😀" * 100, "\udcff" * 300 + ".txt"])
def test_names_are_capped_in_utf8_bytes(name: str) -> None:
    safe = safe_name(name)
    assert 0 < len(safe.encode("utf-8", "surrogatepass")) <= 255
    if name.endswith((".txt", ".docx")):
        assert safe.endswith(name[name.rindex("."):])  # the extension survives: the desk reads by it


def test_one_hostile_name_never_fails_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (DATA / "th_results.txt").read_bytes()
    real_open = builtins.open

    def refusing_open(path: object, *args: object, **kw: object) -> object:
        if "refused" in str(path):  # a name this file system will not take, whatever the cap
            raise OSError(36, "File name too long")
        return real_open(path, *args, **kw)  # type: ignore[call-overload]

    monkeypatch.setattr(app_module, "open", refusing_open, raising=False)
    files = [("files", ("😀" * 63 + ".txt", text)), ("files", ("refused.txt", text)),
             ("files", ("ke-hoach.txt", text)), ("files", ("🏫" * 1000 + ".txt", text))]
    response = _client().post("/api/check", files=files)
    assert response.status_code == 200, response.text
    views = response.json()["files"]
    assert len(views) == 4
    assert views[1]["error"]["code"] == "tmp" and "refused.txt" in views[1]["error"]["en"]
    for i in (0, 2, 3):
        assert views[i]["error"] is None and views[i]["findings"], views[i]
    assert views[0]["name"].endswith(".txt") and set(views[0]["name"][:-4]) == {"😀"}
    assert len(views[3]["name"].encode()) <= 255 and views[3]["name"].endswith(".txt")


_DESK = """
import datetime as dt, sys
from kclint.serve import Settings, bind, create_app, run
from kclint.serve.server import url_of
heap = [(i, str(i)) for i in range(int(sys.argv[1]))]  # a large heap of small objects, as kept results make
sock = bind("127.0.0.1", 0)
print(url_of(sock), flush=True)
run(create_app(Settings(today=dt.date(2026, 11, 24), jobs=1, read_timeout=float(sys.argv[2]))), sock)
"""


class _Desk:
    """A real desk (uvicorn) in a child process on a free port."""

    def __init__(self, heap: int = 0, read_timeout: float = 30.0) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", _DESK, str(heap), str(read_timeout)],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        url = self.proc.stdout.readline().strip()
        self.host, port = url.removeprefix("http://").rstrip("/").rsplit(":", 1)
        self.port = int(port)
        deadline = time.monotonic() + 30
        while True:  # until uvicorn accepts connections
            try:
                socket.create_connection((self.host, self.port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the desk did not start"
                time.sleep(0.05)

    def connect(self) -> socket.socket:
        return socket.create_connection((self.host, self.port), timeout=10)

    def upload_head(self, length: int) -> bytes:
        body_start = (b"--zzz\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n"
                      b"Content-Type: text/plain\r\n\r\n")
        return (f"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
                f"Content-Type: multipart/form-data; boundary=zzz\r\nContent-Length: {length}\r\n\r\n").encode() \
            + body_start

    def stop(self) -> tuple[int, float, str]:
        """Ctrl+C: the exit code, the seconds it took, what the desk printed on stderr."""
        start = time.monotonic()
        self.proc.send_signal(signal.SIGINT)
        try:
            _, err = self.proc.communicate(timeout=60)
        finally:
            self.proc.kill()
        return self.proc.returncode, time.monotonic() - start, err


def test_ctrl_c_ends_a_desk_with_a_large_heap_at_once() -> None:
    desk = _Desk(heap=3_000_000)  # some 300 MB of small objects: a normal exit frees them one by one
    code, seconds, err = desk.stop()
    assert code == 130, err
    assert "Traceback" not in err
    assert seconds < 10, f"Ctrl+C took {seconds:.1f} s"  # a guard against hanging, not a timing claim


def test_a_client_gone_mid_upload_is_one_line_and_a_slow_one_is_cut_off() -> None:
    desk = _Desk(read_timeout=1.0)
    try:
        gone = desk.connect()
        gone.sendall(desk.upload_head(100_000) + b"x" * 1000)
        time.sleep(0.3)
        gone.close()  # the reviewer closed the tab

        slow = desk.connect()
        slow.sendall(desk.upload_head(100_000) + b"x" * 10)
        start = time.monotonic()
        answer = slow.recv(4096)  # then nothing more is sent: the desk must answer and close
        assert answer.startswith(b"HTTP/1.1 408"), answer[:100]
        assert time.monotonic() - start < 8
        slow.settimeout(3)  # under the 5 s keep-alive timeout: the 408 itself closes the connection
        while slow.recv(4096):  # the connection is closed by the desk, not left open
            pass
        slow.close()
        time.sleep(0.3)
    finally:
        code, _, err = desk.stop()
    assert "Traceback" not in err and "Exception" not in err, err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len([ln for ln in lines if "disconnected" in ln]) == 1, err
    assert len(lines) == 1, err
    assert code == 130


def test_kept_results_have_a_byte_budget_oldest_dropped_first(tmp_path: Path) -> None:
    text = (DATA / "th_results.txt").read_bytes()
    one = _client().post("/api/check", files=[("files", ("a.txt", text))]).json()
    size = app_module._kept_size({k: v for k, v in one["files"][0].items() if k != "id"}, None)
    client = _client(max_memory_bytes=int(size * 2.5))  # room for two such results, not three
    ids = []
    for i in range(4):
        data = client.post("/api/check", files=[("files", (f"p{i}.txt", text))]).json()
        ids.append(data["files"][0]["id"])
        if i < 2:
            assert data["dropped"] == [] and data["notice"] is None
        else:
            assert data["dropped"] == [ids[i - 2]], data["dropped"]
            assert "--max-memory" in data["notice"]["en"] and "cũ nhất" in data["notice"]["vi"]
    assert [client.get(f"/api/files/{i}").status_code for i in ids] == [404, 404, 200, 200]
    # One result alone over the budget is still kept: it is the one the reviewer is reading.
    tiny = _client(max_memory_bytes=1)
    data = tiny.post("/api/check", files=[("files", ("a.txt", text)), ("files", ("b.txt", text))]).json()
    assert tiny.get(f"/api/files/{data['files'][1]['id']}").status_code == 200
    assert tiny.get(f"/api/files/{data['files'][0]['id']}").status_code == 404


def test_a_kept_result_holds_only_the_quoted_text_of_the_plan() -> None:
    from kclint.evidence import context_key
    from kclint.serve.upload import Upload
    from kclint.serve.views import file_view

    rows = "\n".join(f"Tiêu chí 1.{i % 9 + 1}: duy trì mức 2, rà soát hồ sơ lần {i}." for i in range(200))
    text = (DATA / "th_results.txt").read_text(encoding="utf-8") + "\n" + rows + "\n"
    today = dt.date(2026, 11, 24)
    [full] = app_module.check_uploads([Upload("dai.txt", bytearray(text.encode()))], settings(), today)
    slim = app_module._slim(full)
    assert full.plan is not None and slim.plan is not None and full.findings
    quoted = {context_key(f.location) for f in full.findings}
    assert {context_key(t.loc) for t in slim.plan.texts} == quoted & {context_key(t.loc) for t in full.plan.texts}
    assert len(slim.plan.texts) < len(full.plan.texts)
    assert file_view("x", slim, today) == file_view("x", full, today)  # the page sees no difference
