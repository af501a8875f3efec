"""Any content in a pyproject.toml or kclint.toml is a clear exit 2 naming the file, never a traceback (issue 18: 6)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kclint.cli import main
from kclint.config import Config, load_config
from kclint.errors import ConfigError

CASES = {
    "tool is a string": b'tool = "x"\n',
    "kclint is a number": b"[tool]\nkclint = 5\n",
    "kclint is a list": b"[tool]\nkclint = [1, 2]\n",
    "invalid UTF-8": b"[tool.kclint]\nselect = ['\xff\xfe']\n",
    "deep arrays": b"[tool.kclint]\nselect = " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "deep inline tables": b"[tool.kclint]\nx = " + b"{a = " * 3000 + b"1" + b"}" * 3000 + b"\n",
    "wrong types": b"[tool.kclint]\nselect = 5\nseverity = 'x'\nper-file-ignores = [1]\n",
    "thousands of unknown keys": b"[tool.kclint]\n" + b"".join(b"k%d = 1\n" % i for i in range(5000)),
    "binary": bytes(range(256)),
    "too large": b"# " + b"x" * (2 << 20) + b"\n",
}


@pytest.mark.parametrize("name", ["pyproject.toml", "kclint.toml"])
@pytest.mark.parametrize("case", list(CASES))
def test_a_hostile_config_in_a_parent_folder_is_exit_2_naming_it(tmp_path: Path, name: str, case: str,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    content = CASES[case]
    if name == "kclint.toml" and content.startswith(b"[tool"):
        content = content.replace(b"[tool.kclint]\n", b"").replace(b"[tool]\nkclint = ", b"select = ")
    (tmp_path / name).write_bytes(content)
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    (inner / "plan.txt").write_text("KẾ HOẠCH\n", encoding="utf-8")
    monkeypatch.chdir(inner)
    result = CliRunner().invoke(main, ["check", "plan.txt"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 2, result.output
    assert str(tmp_path / name) in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr) < 4000  # a message, not a dump


_TOKENS = st.sampled_from(["[", "]", "{", "}", "=", ",", ".", '"', "'", "\n", " ", "tool", "kclint", "select",
                           "ignore", "severity", "level", "lang", "fail-on", "per-file-ignores", "KC101", "1",
                           "true", "[[", "]]", "#", "\\", "\x00", "\xff", "mam_non", "vi"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=300), st.lists(_TOKENS, max_size=60).map(lambda ts: "".join(ts).encode())))
def test_the_loader_returns_a_config_or_a_config_error_for_any_bytes(tmp_path: Path, content: bytes) -> None:
    for name in ("pyproject.toml", "kclint.toml"):
        path = tmp_path / name
        path.write_bytes(content)
        try:
            config = load_config(str(path))
        except ConfigError as exc:
            assert str(path) in exc.vi and str(path) in exc.en
        else:
            assert isinstance(config, Config)
        path.unlink()
