"""A fresh clone: `make build` installs what building needs and nothing of the test tools.

Staff run `make build` on their own machines (often WSL on Windows). The test
tools (pytest, Playwright, ruff, hypothesis…) are half of a full `.venv` and
come only with `make test`. This copies the repository's files (as a clone
would have them) into a temporary folder, runs `make build` there for real,
and reads what was installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.sitekit import REPO

OUTPUT = REPO / "test-output"


def clone(target: Path) -> Path:
    """The repository's tracked files (and new ones not ignored), copied as a clone has them."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, listed):
        source = REPO / os.fsdecode(name)
        if source.is_file():
            destination = target / os.fsdecode(name)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
    return target


def declared_test_tools() -> list[str]:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    names = pyproject["project"]["optional-dependencies"]["test"]
    return [n.split("==")[0].split("[")[0].lower().replace("_", "-") for n in names]


@pytest.mark.xdist_group("fresh-clone")
def test_make_build_in_a_fresh_clone_installs_no_test_tool(tmp_path: Path) -> None:
    folder = clone(tmp_path / "bantin")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHONPATH"))}
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p
    )
    done = subprocess.run(
        ["make", "build"], cwd=folder, env=env, capture_output=True, text=True, timeout=1500
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert (folder / "site" / "index.html").is_file()
    installed = subprocess.run(
        [
            str(folder / ".venv" / "bin" / "python"),
            "-c",
            "import importlib.metadata as m; "
            "print('\\n'.join(d.metadata['Name'].lower().replace('_', '-') for d in m.distributions()))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    tools = declared_test_tools()
    assert {"pytest", "playwright", "ruff"} <= set(tools)
    assert not set(tools) & set(installed), set(tools) & set(installed)
    assert {"mkdocs", "mkdocs-material", "bantin"} <= set(installed)
    for command in ("pytest", "ruff", "playwright"):
        assert not (folder / ".venv" / "bin" / command).exists(), command
    size = sum(p.stat().st_size for p in (folder / ".venv").rglob("*") if p.is_file())
    OUTPUT.mkdir(exist_ok=True)
    (OUTPUT / "venv-size-after-make-build.txt").write_text(f"{size / 1e6:.0f} MB\n")


def test_a_missing_venv_package_is_explained(tmp_path: Path) -> None:
    """Debian and Ubuntu ship Python without `venv`: make says which package to install."""
    fake = tmp_path / "python3"
    fake.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then\n'
        "  echo 'The virtual environment was not created successfully because ensurepip is not\n"
        "available.' >&2; exit 1\n"
        "fi\n"
        f'exec {sys.executable} "$@"\n'
    )
    fake.chmod(0o755)
    folder = tmp_path / "bantin"
    folder.mkdir()
    for name in ("Makefile", "pyproject.toml", "requirements.lock"):
        shutil.copy2(REPO / name, folder / name)
    done = subprocess.run(
        ["make", "build", f"PYTHON={fake}"], cwd=folder, capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0
    assert "sudo apt install python3-venv" in done.stdout
    assert not (folder / ".venv").exists()
