"""Configuration: ``[tool.kclint]`` in ``pyproject.toml`` or a ``kclint.toml``, validated strictly.

```toml
[tool.kclint]              # in kclint.toml the keys sit at the top level
select = ["date", "KC1"]   # codes, code prefixes, slugs, categories or kinds
ignore = ["KC105"]
level = "mam_non"          # override the detected school level
fail-on = "warning"        # error | warning | info | never
min-severity = "warning"   # info | warning | error: the lowest severity shown, as --min-severity
lang = "en"                # vi | en
baseline = "kclint-baseline.json"  # findings already judged (relative to this file), as --baseline
force-plan = true          # check files without any mark of a plan too, as --force-plan
[tool.kclint.severity]
KC105 = "info"
[tool.kclint.per-file-ignores]
"archive/*.docx" = ["format"]
```
"""

from __future__ import annotations

import difflib
import os
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from kclint.errors import ConfigError
from kclint.model import SchoolLevel, Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


# The values each key accepts: the validators and the messages that name them read these.
FAIL_ON = ("error", "warning", "info", "never")
MIN_SEVERITY = ("info", "warning", "error")
LANGS = ("vi", "en")
# The keys that take one of a fixed set of words, and those words (one validator serves them all).
_CHOICES = {"fail_on": FAIL_ON, "min_severity": MIN_SEVERITY, "lang": LANGS}


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    level: SchoolLevel | None = None
    fail_on: str = Field(default="error", alias="fail-on")
    min_severity: str = Field(default="info", alias="min-severity")
    lang: str = "vi"
    baseline: str | None = None
    force_plan: bool = Field(default=False, alias="force-plan")
    source: str | None = Field(default=None, exclude=True)

    def baseline_path(self) -> str | None:
        """The ``baseline`` file, relative to the config file it was written in."""
        if not self.baseline:
            return None
        return str(Path(self.source).parent / self.baseline) if self.source else self.baseline

    @field_validator(*_CHOICES)
    @classmethod
    def _one_of(cls, v: str, info: ValidationInfo) -> str:
        allowed = _CHOICES[info.field_name or ""]
        if v not in allowed:
            raise ValueError("must be one of " + ", ".join(allowed))
        return v


def _find(start: Path) -> tuple[Path, Any] | None:
    for folder in (start, *start.parents):
        own = folder / "kclint.toml"
        if own.is_file():
            return own, _load(own)
        project = folder / "pyproject.toml"
        if project.is_file():
            table = _tool_table(project, _load(project))
            if table is not None:
                return project, table
    return None


# A configuration is a few lines; anything far larger is not one (and must not be read whole).
MAX_CONFIG_BYTES = 1 << 20


def _unreadable(path: Path, vi: str, en: str) -> ConfigError:
    return ConfigError("config", f"{path}: không đọc được cấu hình ({vi}).",
                       f"{path}: cannot read the configuration ({en}).")


def _load(path: Path) -> dict[str, Any]:
    """The TOML document in ``path``; whatever is wrong with it is a :class:`ConfigError` naming the file."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise _unreadable(path, exc.strerror or "lỗi đọc tệp", exc.strerror or "read error") from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise _unreadable(path, "tệp lớn hơn 1 MiB", "the file is larger than 1 MiB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _unreadable(path, f"không phải UTF-8, byte {exc.start}", f"not UTF-8 at byte {exc.start}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _unreadable(path, f"TOML sai: {exc}", f"invalid TOML: {exc}") from None
    except RecursionError:  # thousands of nested arrays or tables
        raise _unreadable(path, "lồng nhau quá sâu", "nested too deeply") from None


def _tool_table(path: Path, document: dict[str, Any]) -> Any:
    """``[tool.kclint]`` of a pyproject.toml, ``None`` when absent; a ``tool`` that is not a table is an error."""
    tool = document.get("tool")
    if tool is None:
        return None
    if not isinstance(tool, dict):
        raise ConfigError("config", f"{path}: 'tool' phải là một bảng TOML ([tool]).",
                          f"{path}: 'tool' must be a TOML table ([tool]).")
    return tool.get("kclint")


# The values a key accepts, to say so in the user's words (pydantic's own messages are English).
_ALLOWED: dict[str, tuple[str, ...]] = {
    "fail-on": FAIL_ON, "min-severity": MIN_SEVERITY, "lang": LANGS, "severity": tuple(v.value for v in Severity),
    "level": tuple(v.value for v in SchoolLevel if v is not SchoolLevel.UNKNOWN),
}
_EXPECTED = {  # pydantic error type -> what the value must be
    "list_type": ("một danh sách, ví dụ [\"KC101\"]", 'a list, for example ["KC101"]'),
    "dict_type": ("một bảng TOML", "a TOML table"), "string_type": ("một chuỗi trong ngoặc kép", "a quoted string"),
    "bool_type": ("true hoặc false", "true or false"), "bool_parsing": ("true hoặc false", "true or false"),
}


def keys() -> list[str]:
    """The configuration keys as written in a TOML file."""
    return [f.alias or name for name, f in Config.model_fields.items() if name != "source"]


def problem(error: Any, lang: str) -> str:
    """One validation error in the user's language: the key, what is wrong, and a did-you-mean for a typo."""
    vi = lang != "en"
    loc = [str(x)[:60] for x in error.get("loc", ())]
    where = ".".join(loc)
    kind = error.get("type", "")
    if kind == "too_deep":
        return "lồng nhau quá sâu" if vi else "nested too deeply"
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(loc[-1] if loc else "", keys(), n=1)
        hint = (f" (có phải ý bạn là '{close[0]}'?)" if vi else f" (did you mean '{close[0]}'?)") if close else ""
        return (f"không có khóa '{where}'{hint}" if vi else f"unknown key '{where}'{hint}")
    field = loc[0] if loc else ""
    field = Config.model_fields[field].alias or field if field in Config.model_fields else field
    if field in _ALLOWED and kind not in _EXPECTED:
        allowed = ", ".join(_ALLOWED[field])
        return f"{where}: phải là một trong {allowed}" if vi else f"{where}: must be one of {allowed}"
    expected = _EXPECTED.get(kind)
    if expected:
        return f"{where}: phải là {expected[0]}" if vi else f"{where}: must be {expected[1]}"
    return f"{where}: giá trị không hợp lệ" if vi else f"{where}: {error.get('msg', 'invalid value')}"


def load_config(explicit: str | None = None, start: str | None = None) -> Config:
    """The configuration in force: ``explicit`` file, else the nearest kclint.toml / pyproject.toml."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError("config", f"{path}: không tìm thấy tệp cấu hình.", f"{path}: config file not found.")
        data: Any = _load(path)
        if path.name == "pyproject.toml":
            data = _tool_table(path, data) or {}
        found: tuple[Path, Any] | None = (path, data)
    else:
        found = _find(Path(start or os.getcwd()).resolve())
    if found is None:
        return Config()
    path, data = found
    if not isinstance(data, dict):
        raise ConfigError("config", f"{path}: cấu hình kclint phải là một bảng TOML ([tool.kclint]).",
                          f"{path}: the kclint configuration must be a TOML table ([tool.kclint]).")
    try:
        config = Config.model_validate(data)
    except (ValidationError, RecursionError) as exc:
        errors = exc.errors() if isinstance(exc, ValidationError) else [{"loc": (), "type": "too_deep"}]
        vi, en = ("; ".join(problem(e, lang) for e in errors[:10]) for lang in LANGS)
        if len(errors) > 10:
            vi, en = vi + f"; … (+{len(errors) - 10})", en + f"; … (+{len(errors) - 10})"
        raise ConfigError("config", f"{path}: cấu hình kclint không hợp lệ — {vi}",
                          f"{path}: invalid kclint configuration — {en}") from None
    config.source = str(path)
    return config
