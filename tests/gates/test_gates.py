"""The quality gates of ``make test`` cover all the code, and each of them can fail.

``make test`` runs ruff check, ruff format --check, mypy (strict) and pytest.
A gate that silently skips files or folders (pytest's default
``norecursedirs`` once hid ``tests/build``; ruff once excluded every folder
named ``site``) lets a regression land, so these tests check what each gate
covers, and plant a violation in a temporary file to see each one fail.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PYPROJECT = REPO / "pyproject.toml"


def run(*command: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=600
    )


def tracked(pattern: str) -> list[str]:
    listed = run("git", "ls-files", "--cached", "--others", "--exclude-standard", pattern)
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    return [p for p in listed.stdout.splitlines() if (REPO / p).is_file()]


def make_target(name: str) -> list[str]:
    """The commands of one Makefile target."""
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    block = re.search(rf"^{name}:.*\n((?:\t.*\n)+)", text, re.M)
    assert block, f"no '{name}' target in the Makefile"
    return [line.strip() for line in block.group(1).splitlines()]


def test_make_test_runs_every_gate() -> None:
    commands = " ; ".join(make_target("test"))
    for gate in ("ruff check .", "ruff format --check .", "mypy", "pytest"):
        assert gate in commands, gate
    pytest_line = next(c for c in make_target("test") if "pytest" in c)
    # No path arguments: pytest collects from testpaths, i.e. all of tests/.
    assert not re.search(r"\btests/", pytest_line)


# -- ruff -------------------------------------------------------------------


def test_ruff_sees_every_python_file() -> None:
    shown = run(BIN / "ruff", "check", "--show-files", ".")
    linted = {Path(line.strip()).resolve() for line in shown.stdout.splitlines() if line.strip()}
    python = {(REPO / p).resolve() for p in tracked("*.py")}
    assert python and python <= linted, sorted(str(p) for p in python - linted)[:10]


def test_ruff_check_can_fail(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text("import os\n", encoding="utf-8")  # F401: unused import
    done = run(BIN / "ruff", "check", "--config", PYPROJECT, planted)
    assert done.returncode == 1 and "F401" in done.stdout


def test_ruff_format_can_fail(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text("x = {  'a':1 }\n", encoding="utf-8")
    done = run(BIN / "ruff", "format", "--check", "--config", PYPROJECT, planted)
    assert done.returncode == 1 and "planted.py" in done.stdout + done.stderr


# -- mypy -------------------------------------------------------------------


def test_mypy_checks_the_whole_package_strictly() -> None:
    text = PYPROJECT.read_text(encoding="utf-8")
    section = text.split("[tool.mypy]", 1)[1].split("\n[", 1)[0]
    assert 'packages = ["bantin"]' in section and "strict = true" in section
    assert "ignore_errors" not in text
    # No blanket "# type: ignore": every ignore names its error code.
    blanket = [
        f"{path}:{number}"
        for path in tracked("plugins/*.py")
        for number, line in enumerate((REPO / path).read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"#\s*type:\s*ignore(?!\[)", line)
    ]
    assert blanket == []


def test_mypy_can_fail(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text(
        "def half(x):\n    return x / 2\n\n\ncount: int = 'deux'\n", encoding="utf-8"
    )
    done = run(
        BIN / "mypy",
        "--config-file",
        PYPROJECT,
        "--cache-dir",
        tmp_path / "cache",
        planted,
    )
    assert done.returncode == 1
    assert "no-untyped-def" in done.stdout and "assignment" in done.stdout


# -- pytest -----------------------------------------------------------------


def test_pytest_collects_every_test_file() -> None:
    done = run(BIN / "pytest", "--collect-only", "-q", "-p", "no:cacheprovider")
    assert done.returncode == 0, done.stdout[-2000:]
    collected = {line.split("::")[0] for line in done.stdout.splitlines() if "::" in line}
    files = {p for p in tracked("tests/*.py") if re.search(r"(^|/)test_[^/]*\.py$", p)}
    assert files and files == collected, sorted(files ^ collected)
    count = re.search(r"(\d+) tests? collected", done.stdout)
    assert count and int(count.group(1)) >= len(files)


def test_pytest_can_fail(tmp_path: Path) -> None:
    (tmp_path / "test_planted.py").write_text(
        "def test_planted():\n    assert 1 + 1 == 3\n", encoding="utf-8"
    )
    done = run(BIN / "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", tmp_path, tmp_path)
    assert done.returncode == 1 and "1 failed" in done.stdout


def test_pre_commit_runs_the_same_ruff() -> None:
    import yaml

    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entries = {h["id"]: h["entry"] for repo in config["repos"] for h in repo["hooks"]}
    assert entries["ruff-check"].startswith(".venv/bin/ruff check")
    assert entries["ruff-format"].startswith(".venv/bin/ruff format")
