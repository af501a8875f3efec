"""Configuration errors in the user's language, with a did-you-mean for a misspelled key."""

from __future__ import annotations

from pathlib import Path

import pytest

from kclint.config import load_config
from kclint.errors import ConfigError


def _error(tmp_path: Path, text: str) -> ConfigError:
    (tmp_path / "kclint.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(str(tmp_path / "kclint.toml"))
    return info.value


def test_misspelled_key_gets_a_did_you_mean_in_both_languages(tmp_path: Path) -> None:
    err = _error(tmp_path, 'fail_onn = "warning"\nmin_severty = "info"\n')
    assert "không có khóa 'fail_onn' (có phải ý bạn là 'fail-on'?)" in err.message("vi")
    assert "'min-severity'" in err.message("vi")
    assert "unknown key 'fail_onn' (did you mean 'fail-on'?)" in err.message("en")


@pytest.mark.parametrize("text", ['lang = "fr"\n', 'select = "KC1"\n', '[severity]\nKC101 = "fatal"\n',
                                  'level = "dai_hoc"\n', 'fail-on = 3\n', 'zzz = 1\n'])
def test_no_pydantic_english_inside_vietnamese(tmp_path: Path, text: str) -> None:
    vi = _error(tmp_path, text).vi
    for english in ("Extra inputs", "not permitted", "Input should", "Value error", "valid"):
        assert english not in vi


def test_a_wrong_value_names_what_the_key_accepts(tmp_path: Path) -> None:
    err = _error(tmp_path, 'min-severity = "fatal"\n')
    assert "min-severity: phải là một trong info, warning, error" in err.vi
    assert "min-severity: must be one of info, warning, error" in err.en
