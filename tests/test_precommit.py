"""The pre-commit hook, for real: ``pre-commit try-repo`` and a config using the hook, in throwaway git repos.

The hook repository is a snapshot of this working tree committed into a temporary
repo, so the test sees uncommitted and untracked changes too (try-repo itself
would only pick up tracked files) and does not need this checkout to be a git
repository. pre-commit builds the hook's virtualenv with pip, which takes a few
seconds, and without the network: pip may only read ``KCLINT_WHEELHOUSE``, a folder
with the wheels of kclint's dependencies and build requirements, which ``.ci/run``
prepares during its install step (``pip wheel -w DIR . setuptools wheel``).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GIT = shutil.which("git")


def _pre_commit() -> list[str] | None:
    if importlib.util.find_spec("pre_commit") is not None:
        return [sys.executable, "-m", "pre_commit"]
    exe = shutil.which("pre-commit")
    return [exe] if exe else None


PRE_COMMIT = _pre_commit()
WHEELHOUSE = os.environ.get("KCLINT_WHEELHOUSE", "")
pytestmark = [
    pytest.mark.skipif(GIT is None or PRE_COMMIT is None,
                       reason="needs git and pre-commit (pip install -e '.[test-full]')"),
    pytest.mark.skipif(not Path(WHEELHOUSE or "/nonexistent").is_dir(),
                       reason="needs KCLINT_WHEELHOUSE, a folder with the wheels of kclint's dependencies: "
                              "pip wheel -w DIR . setuptools wheel (.ci/run makes one)"),
]


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT", "PIP_"))}
    # No package index and no pip configuration: the hook's virtualenv gets kclint's dependencies from the
    # local wheel folder only.
    env.update(PIP_NO_INDEX="1", PIP_FIND_LINKS=WHEELHOUSE, PIP_CONFIG_FILE=os.devnull)
    env.update(PRE_COMMIT_HOME=str(home), GIT_AUTHOR_NAME="kclint test", GIT_AUTHOR_EMAIL="test@example.invalid",
               GIT_COMMITTER_NAME="kclint test", GIT_COMMITTER_EMAIL="test@example.invalid", NO_COLOR="1")
    return env


def _git(repo: Path, env: dict[str, str], *args: str) -> str:
    return subprocess.run([GIT, "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args], cwd=repo,
                          env=env, check=True, capture_output=True, text=True).stdout


def _commit_all(repo: Path, env: dict[str, str]) -> str:
    _git(repo, env, "init", "-q")
    _git(repo, env, "add", "-A")
    _git(repo, env, "commit", "-q", "-m", "snapshot")
    return _git(repo, env, "rev-parse", "HEAD").strip()


def _snapshot(target: Path) -> Path:
    """What pip needs to install kclint, plus the hook manifest (not venvs, caches or build leftovers)."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    dirs = {d.split("/")[0] for d in project["tool"]["setuptools"]["package-dir"].values()}
    for name in sorted(dirs):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", project["project"]["readme"], ".pre-commit-hooks.yaml", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, target / name)
    return target


@pytest.fixture(scope="module")
def repos(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path, dict[str, str]]:
    base = tmp_path_factory.mktemp("precommit")
    env = _env(base / "pre-commit-home")
    hook = _snapshot(base / "hook-repo")
    rev = _commit_all(hook, env)
    plans = base / "plans"
    plans.mkdir()
    text = (ROOT / "tests" / "data" / "mn_paragraph.txt").read_text(encoding="utf-8")
    # Issued in 2099: in the future whatever day the test runs, so the error does not expire.
    (plans / "bad.txt").write_text(text.replace("năm 2025\n\nKẾ HOẠCH", "năm 2099\n\nKẾ HOẠCH"), encoding="utf-8")
    (plans / "warn.txt").write_text(text.replace("Thời gian hoàn thành: Tháng 3/2026",
                                                 "Thời gian hoàn thành: Trong năm học"), encoding="utf-8")
    (plans / "good.txt").write_text(text, encoding="utf-8")
    (plans / "notes.py").write_text("print('not a plan')\n", encoding="utf-8")
    (plans / "README.md").write_text("# Hồ sơ của trường\n\nCác tệp trong thư mục này.\n", encoding="utf-8")
    _commit_all(plans, env)
    return hook, rev, plans, env


def _run(plans: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    assert PRE_COMMIT is not None
    return subprocess.run([*PRE_COMMIT, *args], cwd=plans, env=env, capture_output=True, text=True, timeout=900)


def test_try_repo_fails_on_errors_and_shows_warnings(repos: tuple[Path, str, Path, dict[str, str]]) -> None:
    hook, _, plans, env = repos
    result = _run(plans, env, "try-repo", str(hook), "kclint", "--all-files")
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "KC102" in out and "bad.txt" in out
    assert "KC107" in out and "warn.txt" in out  # the warning is printed even though it does not fail
    assert "notes.py" not in out  # files: \.(docx|txt|md)$


def test_warnings_pass_unless_fail_on_says_otherwise(repos: tuple[Path, str, Path, dict[str, str]]) -> None:
    hook, rev, plans, env = repos

    def run_with(args: list[str]) -> subprocess.CompletedProcess[str]:
        config = plans / "config.yaml"
        config.write_text(f"repos:\n- repo: {hook.as_posix()}\n  rev: {rev}\n  hooks:\n  - id: kclint\n"
                          f"    args: {args!r}\n", encoding="utf-8")
        return _run(plans, env, "run", "--config", str(config), "--files", "warn.txt", "good.txt")

    passed = run_with(["--select", "date"])
    out = passed.stdout + passed.stderr
    assert passed.returncode == 0, out
    assert "KC107" in out and "Trong năm học" in out, "verbose: warnings are shown on a passing hook"
    failed = run_with(["--select", "date", "--fail-on", "warning"])
    assert failed.returncode == 1 and "KC107" in failed.stdout + failed.stderr


def test_a_readme_does_not_block_a_commit(repos: tuple[Path, str, Path, dict[str, str]]) -> None:
    hook, rev, plans, env = repos
    config = plans / "readme.yaml"
    config.write_text(f"repos:\n- repo: {hook.as_posix()}\n  rev: {rev}\n  hooks:\n  - id: kclint\n"
                      "    args: [--fail-on, warning]\n", encoding="utf-8")
    result = _run(plans, env, "run", "--config", str(config), "--files", "README.md")
    out = result.stdout + result.stderr
    assert result.returncode == 0 and "KC001" in out, out
