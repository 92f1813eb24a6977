"""Fixtures of the publishing tests; the harness itself (``Site``, ``manifest``…) is tests/sitekit.py."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sitekit import Site


@pytest.fixture
def site(tmp_path: Path) -> Site:
    project = tmp_path / "project"
    project.mkdir()
    return Site(project, project / "site")


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[object]:
    """Mount small tmpfs file systems (needs root and CAP_SYS_ADMIN; skipped otherwise)."""
    mounted: list[Path] = []

    def mount(name: str, size_bytes: int) -> Path:
        point = tmp_path / name
        point.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size_bytes}", "tmpfs", str(point)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()}); needs root")
        mounted.append(point)
        return point

    yield mount
    for point in reversed(mounted):
        subprocess.run(["umount", "-l", str(point)], check=False)
