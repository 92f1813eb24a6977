"""Build real, tiny bantin sites in temporary folders and read what they produce.

Builds run ``mkdocs build`` in a subprocess, as staff run it, so each test sees
the real command-line behaviour: exit code, messages and files on disk.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
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

    def build(self, *args: str, strict: bool = True) -> BuildRun:
        command = [sys.executable, "-m", "mkdocs", "build", "-f", str(self.root / "mkdocs.yml")]
        if strict:
            command.append("--strict")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
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
        for path in sorted((self.site / "pagefind" / "fragment").glob("*.pf_fragment")):
            data = gzip.decompress(path.read_bytes())
            assert data.startswith(b"pagefind_dcd"), path
            fragment = json.loads(display_form(data[12:].decode("utf-8")))
            pages[fragment["url"]] = fragment
        return pages


def manifest(folder: Path) -> dict[str, str]:
    """Checksum of every file under ``folder``: the site byte for byte."""
    import hashlib

    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
