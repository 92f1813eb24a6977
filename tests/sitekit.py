"""Build real, tiny bantin sites in temporary folders and read what they produce.

Builds run ``mkdocs build`` in a subprocess, as staff run it, so each test sees
the real command-line behaviour: exit code, messages and files on disk.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
CATEGORIES = [
    {"name": "Tin tức - Sự kiện", "description": "Hoạt động nổi bật."},
    {"name": "Bài viết chuyên sâu"},
    {"name": "Dân vận chính quyền"},
    {"name": "Mặt trận - Đoàn thể"},
    {"name": "Thông báo"},
]


def _plugin_available(name: str) -> bool:
    from importlib.metadata import entry_points

    for ep in entry_points(group="mkdocs.plugins"):
        if ep.name == name:
            try:
                ep.load()
            except Exception:
                return False
            return True
    return False


ATOMIC = _plugin_available("bantin-atomic")


@dataclass
class BuildRun:
    returncode: int
    output: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0


class TinySite:
    """A throw-away ward site: ``mkdocs.yml``, ``docs/``, ``posts/``."""

    def __init__(self, root: Path, **bantin_options: Any) -> None:
        self.root = root
        (root / "docs").mkdir(parents=True, exist_ok=True)
        (root / "posts").mkdir(exist_ok=True)
        self.bantin: dict[str, Any] = {
            "ward": {
                "name": "Phường Thử",
                "agency": "UBND phường Thử",
                "phone": "024.1234.5678",
                "email": "ubnd@example.vn",
                "address": "Số 1 phố Thử",
            },
            "categories": CATEGORIES,
            **bantin_options,
        }
        self.extra_config: dict[str, Any] = {}
        self.extra_plugins: list[Any] | None = None
        self.write_config()

    @property
    def site(self) -> Path:
        return self.root / "site"

    def write_config(self) -> None:
        plugins: list[Any] = [{"bantin": self.bantin}]
        if self.extra_plugins is not None:
            plugins += self.extra_plugins
        elif ATOMIC:
            plugins.append("bantin-atomic")
        config = {
            "site_name": "Cổng thông tin phường Thử",
            "site_url": "https://thu.example.vn/",
            "theme": {
                "name": "material",
                "language": "vi",
                "font": False,
                "features": ["navigation.tabs"],
            },
            "plugins": plugins,
            **self.extra_config,
        }
        (self.root / "mkdocs.yml").write_text(
            yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )

    def post(
        self, name: str, front: dict[str, Any] | str, body: str = "Nội dung bài viết."
    ) -> Path:
        """Write ``posts/<name>``; ``front`` is a mapping (dumped as YAML) or raw YAML text."""
        path = self.root / "posts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not isinstance(front, str):
            front = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
        path.write_text(f"---\n{front.rstrip()}\n---\n\n{body}\n", encoding="utf-8")
        return path

    def build(self, *args: str, strict: bool = True, env: dict[str, str] | None = None) -> BuildRun:
        command = [sys.executable, "-m", "mkdocs", "build", "-f", str(self.root / "mkdocs.yml")]
        if strict:
            command.append("--strict")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
        done = subprocess.run(
            [*command, *args], capture_output=True, text=True, env=env, cwd=self.root, timeout=300
        )
        return BuildRun(done.returncode, done.stdout + done.stderr)

    def bantin_cli(self, *args: str) -> BuildRun:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        done = subprocess.run(
            [sys.executable, "-m", "bantin.adapter.cli", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=self.root,
            timeout=300,
        )
        return BuildRun(done.returncode, done.stdout + done.stderr)

    def html(self, url: str) -> str:
        path = self.site / url
        if url == "" or url.endswith("/"):
            path = path / "index.html"
        return path.read_text(encoding="utf-8")

    def exists(self, url: str) -> bool:
        path = self.site / url
        return (path / "index.html").is_file() if url.endswith("/") else path.is_file()

    def search_pages(self) -> dict[str, dict[str, Any]]:
        """What Pagefind indexed, by URL: ``{"content", "meta", "filters", ...}``.

        Read from its fragment files (gzip, a signature, then JSON); ``đ`` is
        shown back as ``đ`` (the index spells it ``ḏ``, see bantin.search.fold).
        """
        from bantin.search.fold import display_form

        pages: dict[str, dict[str, Any]] = {}
        bundle = self.site / "pagefind"
        listed = json.loads((bundle / "bantin-parts.json").read_text(encoding="utf-8"))
        fragments = [bundle / "fragment", *(bundle / part / "fragment" for part in listed["parts"])]
        for path in sorted(p for folder in fragments for p in folder.glob("*.pf_fragment")):
            data = gzip.decompress(path.read_bytes())
            assert data.startswith(b"pagefind_dcd"), path
            fragment = json.loads(display_form(data[12:].decode("utf-8")))
            pages[fragment["url"]] = fragment
        return pages


def strict_build(cwd: Path, env: dict[str, str], out: Path | None = None) -> None:
    """``mkdocs build --strict`` of the site in ``cwd`` (into ``out``); any warning fails."""
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *(["-d", str(out)] if out else [])],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def manifest(root: Path) -> dict[str, str]:
    """The tree byte for byte: ``{relative path: sha256 | 'dir' | '-> target'}``, hidden files too.

    Symlinks are recorded, not followed; two builds compare equal only when every
    file, folder and link is the same.
    """
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
    return dict(sorted(result.items()))


def wait_for(
    check: Callable[[], object],
    what: str = "the condition",
    process: subprocess.Popen[str] | None = None,
    *,
    timeout: float = 300,
    poll: float = 0.05,
) -> None:
    """Poll until ``check()`` is true; fail if ``process`` (a build, a server) ends first.

    The time-out is generous (a loaded machine builds slowly); on time-out the
    process is killed: a build paused by a test hook would otherwise sleep for ever.
    """
    deadline = time.monotonic() + timeout
    while not check():
        if process is not None and process.poll() is not None:
            out = process.stdout.read() if process.stdout else ""
            raise AssertionError(
                f"the process ended (code {process.returncode}) before {what}:\n{out}"
            )
        if time.monotonic() > deadline:
            if process is not None:
                process.kill()
            raise AssertionError(f"not within {timeout:g} s: {what}")
        time.sleep(poll)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


# ---------------------------------------------------------------------------
# A bare MkDocs project for the publishing plugin alone (bantin-atomic): the
# staging folder, the swap, faults injected by tests/publishing/fault_hooks.py.

MKDOCS = REPO / ".venv" / "bin" / "mkdocs"
HOOKS = REPO / "tests" / "publishing" / "fault_hooks.py"
EPOCH = "1700000000"


def leftovers(parent: Path) -> list[str]:
    """Staging and old folders left beside a site."""
    return sorted(p.name for p in parent.iterdir() if "-staging-" in p.name or "-old-" in p.name)


def zombie_children() -> list[str]:
    """Children of this process that ended and were never reaped (their pids)."""
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] == "Z" and int(fields[1]) == os.getpid():
                found.append(proc.name)
    return found


def build_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BANTIN_TEST_")}
    env.update(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=EPOCH, PYTHONHASHSEED="0")
    env.update(extra)
    return env


@dataclass
class Site:
    """A tiny MkDocs project in a temporary folder, built by the publishing plugin alone."""

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


def kill9(process: subprocess.Popen[str]) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
