"""The review desk under hostile use: odd names, memory, dropped connections, Ctrl+C (issue 18, items 15-18)."""

from __future__ import annotations

import builtins

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
