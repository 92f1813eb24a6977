"""Tiny real MkDocs sites built with ``.venv/bin/mkdocs`` in a subprocess, and tools to compare them."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MKDOCS = ROOT / ".venv" / "bin" / "mkdocs"
HOOKS = Path(__file__).with_name("fault_hooks.py")
EPOCH = "1700000000"


def manifest(root: Path) -> dict[str, str]:
    """``{relative path: sha256 | 'dir' | '-> target'}`` for everything under ``root``, hidden files too."""
    result: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                result[rel] = "-> " + os.readlink(path)
            elif path.is_dir():
                result[rel] = "dir"
            else:
                result[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return result


def leftovers(parent: Path) -> list[str]:
    """Staging and old folders left beside a site."""
    return sorted(p.name for p in parent.iterdir() if "-staging-" in p.name or "-old-" in p.name)


def build_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BANTIN_TEST_")}
    env.update(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=EPOCH, PYTHONHASHSEED="0")
    env.update(extra)
    return env


@dataclass
class Site:
    """A tiny MkDocs project in a temporary folder."""

    root: Path
    site_dir: Path

    def write_pages(self, version: str, count: int = 12, blob_kib: int = 64) -> None:
        """Pages (and one binary asset) whose content depends on ``version``."""
        docs = self.root / "docs"
        (docs / "tin").mkdir(parents=True, exist_ok=True)
        (docs / "index.md").write_text(
            f"# Trang chủ {version}\n\nBản tin phường, phiên bản {version}.\n\n"
            + "".join(f"- [Tin {i}](tin/bai-{i}.md)\n" for i in range(count)),
            encoding="utf-8",
        )
        for i in range(count):
            (docs / "tin" / f"bai-{i}.md").write_text(
                f"# Tin số {i} ({version})\n\nNội dung bài {i}, bản {version}. "
                "Ủy ban nhân dân phường thông báo lịch tiếp công dân.\n",
                encoding="utf-8",
            )
        rng = random.Random(f"{version}-blob")
        (docs / "tep.bin").write_bytes(rng.randbytes(blob_kib * 1024))

    def write_config(
        self,
        name: str = "mkdocs.yml",
        *,
        theme: str = "mkdocs",
        lock_timeout: float = 60,
        hooks: bool = True,
        extra_plugins: str = "",
        extra: str = "",
    ) -> Path:
        site_dir = os.path.relpath(self.site_dir, self.root)
        text = (
            "site_name: Phường Thử Nghiệm\n"
            "site_url: https://phuong.example.vn/\n"
            f"site_dir: {site_dir}\n"
            f"theme:\n  name: {theme}\n"
            + ("  language: vi\n  font: false\n" if theme == "material" else "")
            + "plugins:\n"
            + extra_plugins
            + f"  - bantin-atomic:\n      lock_timeout: {lock_timeout}\n"
            + (f"hooks:\n  - {HOOKS}\n" if hooks else "")
            + extra
        )
        path = self.root / name
        path.write_text(text, encoding="utf-8")
        return path

    def command(self, *args: str, config: str = "mkdocs.yml") -> list[str]:
        return [str(MKDOCS), "build", "-f", config, *args]

    def build(
        self, *args: str, config: str = "mkdocs.yml", timeout: float = 120, **env: str
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.command(*args, config=config),
            cwd=self.root,
            env=build_env(**env),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=timeout,
        )

    def start(self, *args: str, config: str = "mkdocs.yml", **env: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            self.command(*args, config=config),
            cwd=self.root,
            env=build_env(**env),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )


def wait_for(path: Path, process: subprocess.Popen[str], timeout: float = 60) -> None:
    """Wait until a hook has written its marker file (or fail if the build ended first)."""
    deadline = time.monotonic() + timeout
    while not path.exists():
        if process.poll() is not None:
            out = process.stdout.read() if process.stdout else ""
            raise AssertionError(
                f"build ended (code {process.returncode}) before the marker:\n{out}"
            )
        if time.monotonic() > deadline:
            process.kill()
            raise AssertionError("marker never appeared")
        time.sleep(0.02)


def kill9(process: subprocess.Popen[str]) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


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
