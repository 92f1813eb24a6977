"""Issue 13 item 12: faults that used to end in a Python traceback now end in Vietnamese.

Each case runs the real commands (``bantin views import``, ``mkdocs build``) in a
subprocess and asserts the exit code, the Vietnamese message and that no "Traceback"
reaches the user; the data file or the published site stays as it was.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sitekit import TinySite
from tests.unit.views.logkit import line, write_log

NO_TRACE = "Traceback"


def views_import(root: Path, log: Path, data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "bantin.adapter.cli", "views", "import", str(log)]
    command += ["--data", str(data), "--all-pages", "--no-progress"]
    return subprocess.run(
        command, cwd=root, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def _project(tmp_path: Path) -> TinySite:
    site = TinySite(tmp_path / "ward")
    site.post("a.md", {"title": "Bài", "date": "2020-10-13", "category": "Thông báo"})
    return site


def test_views_import_on_a_read_only_disk(tmp_path: Path, tmpfs) -> None:
    site = _project(tmp_path)
    disk = tmpfs("ro", 1 << 20)
    data = disk / "views.json"
    log = write_log(tmp_path / "access.log", [line(at=0)])
    assert views_import(site.root, log, data).returncode == 0
    before = data.read_bytes()
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    done = views_import(site.root, write_log(tmp_path / "b.log", [line(at=90)]), data)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert NO_TRACE not in output
    assert "chỉ cho đọc" in output and str(data) in output
    assert data.read_bytes() == before


def test_views_import_on_a_full_disk(tmp_path: Path, tmpfs) -> None:
    site = _project(tmp_path)
    disk = tmpfs("full", 64 * 1024)
    data = disk / "views.json"
    log = write_log(tmp_path / "access.log", [line(at=0)])
    assert views_import(site.root, log, data).returncode == 0
    before = data.read_bytes()
    filler = disk / "filler"
    with open(filler, "wb", buffering=0) as out, pytest.raises(OSError):
        while True:
            out.write(b"x" * 4096)
            out.flush()
    many = [line(f"/2020/10/{d:02d}/bai-{i}/", at=i) for d in range(1, 29) for i in range(60)]
    done = views_import(site.root, write_log(tmp_path / "b.log", many), data)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert NO_TRACE not in output and "ổ đĩa đã đầy" in output
    assert data.read_bytes() == before
    assert sorted(p.name for p in disk.iterdir()) == ["filler", "views.json"]


@pytest.fixture
def site(tmp_path: Path) -> TinySite:
    return _project(tmp_path)


def test_deeply_nested_views_json(site: TinySite, tmp_path: Path) -> None:
    data = site.root / "data" / "views.json"
    data.parent.mkdir()
    data.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    build = site.build()
    assert not build.ok and NO_TRACE not in build.output
    assert "data/views.json" in build.output and "lồng nhau" in build.output
    assert "mkdocs.yml" not in build.output.split("lồng nhau")[0].splitlines()[-1]
    done = views_import(site.root, write_log(tmp_path / "a.log", [line(at=0)]), data)
    assert done.returncode == 1 and NO_TRACE not in done.stderr and "lồng nhau" in done.stderr


def test_views_json_saved_with_a_bom(site: TinySite, tmp_path: Path) -> None:
    data = site.root / "data" / "views.json"
    log = write_log(tmp_path / "a.log", [line("/2020/10/13/bai/", at=0)])
    assert views_import(site.root, log, data).returncode == 0
    # Notepad on Windows: "Save" writes UTF-8 with a byte-order mark.
    data.write_bytes(b"\xef\xbb\xbf" + data.read_bytes())
    build = site.build()
    assert build.ok, build.output
    done = views_import(site.root, write_log(tmp_path / "b.log", [line(at=3600)]), data)
    assert done.returncode == 0, done.stderr
    assert sum(json.loads(data.read_text(encoding="utf-8-sig"))["pages"].values()) == 2


def test_symlink_loop_in_docs(site: TinySite) -> None:
    assert site.build().ok
    (site.root / "docs" / "vong").symlink_to("vong")
    (site.root / "posts" / "vong.md").symlink_to("vong.md")
    run = site.build()
    assert not run.ok and NO_TRACE not in run.output
    assert "docs/vong" in run.output and "posts/vong.md" in run.output
    assert "vòng lặp" in run.output
    assert "site_dir" not in run.output
