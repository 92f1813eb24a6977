"""core/files.py: one list of editor leftovers for every caller, atomic writes, the lock."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from bantin.adapter.sources import drop_unsafe_sources
from bantin.core.files import (
    LEFTOVER_NAMES,
    LEFTOVER_PREFIXES,
    LEFTOVER_SUFFIXES,
    FileLock,
    LockBusy,
    atomic_write_bytes,
    atomic_write_text,
    disk_reason,
    is_leftover,
)
from bantin.importer.batch import collect
from bantin.posts.discover import discover
from bantin.posts.unread import candidates
from bantin.publish.output import inspect_output
from mkdocs.structure.files import File, Files


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (".#bai.md", True),
        ("#bai.md#", True),
        (".bai.md.swp", True),
        ("bai.md.swo", True),
        ("bai.md~", True),
        ("~$bao-cao.docx", True),
        ("~WRL0001.tmp", True),
        (".~lock.bao-cao.docx#", True),
        ("bai.md.orig", True),
        (".DS_Store", True),
        ("Thumbs.db", True),
        ("desktop.ini", True),
        ("._anh.jpg", True),
        ("bai.md", False),
        ("anh.jpg", False),
        ("index.html", False),
        ("swp.html", False),
        ("bai-~.md", False),
    ],
)
def test_leftover_names(name: str, expected: bool) -> None:
    assert is_leftover(name) is expected


def _leftovers(stem: str) -> list[str]:
    """One name for each entry of the list, shaped like a file the caller would otherwise take."""
    return sorted(
        {f"{prefix}{stem}" for prefix in LEFTOVER_PREFIXES}
        | {f"{stem}{suffix}" for suffix in LEFTOVER_SUFFIXES}
        | set(LEFTOVER_NAMES)
    )


def _touch(folder: Path, names: list[str], text: str = "x") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text(text, encoding="utf-8")


def test_the_posts_loader_and_the_unread_check_skip_every_leftover(tmp_path: Path) -> None:
    posts = tmp_path / "posts"
    _touch(posts, ["bai.md", *_leftovers("bai.md"), *_leftovers("bai.docx")])
    found, problems = discover(posts, tmp_path)
    assert [p.name for p in found] == ["bai.md"] and not problems
    # A leftover that looks like a Word post is not "a post saved the wrong way" either.
    assert candidates(posts) == []


def test_docs_files_skip_every_leftover(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    names = ["trang.md", *_leftovers("trang.md")]
    _touch(docs, names)
    files = Files(
        [
            File(name, src_dir=str(docs), dest_dir=str(tmp_path / "site"), use_directory_urls=True)
            for name in names
        ]
    )
    assert drop_unsafe_sources(files, tmp_path, str(docs)) == []
    assert [f.src_uri for f in files] == ["trang.md"]


def test_the_finished_site_loses_every_leftover(tmp_path: Path) -> None:
    site = tmp_path / "site"
    leftovers = _leftovers("index.html")
    _touch(site, ["index.html", *leftovers])
    report = inspect_output(site)
    assert sorted(report.removed) == leftovers and not report.problems
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]


def test_the_importer_skips_every_leftover(tmp_path: Path) -> None:
    folder = tmp_path / "cu"
    _touch(folder, ["bai.docx", *_leftovers("bai.docx"), *_leftovers("bai.html")])
    files, _ = collect([folder])
    assert [path.name for path, _ in files] == ["bai.docx"]


def test_atomic_write_replaces_keeps_the_mode_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "a" / "views.json"
    atomic_write_text(target, "một\n")
    assert target.read_bytes() == "một\n".encode()
    assert stat.S_IMODE(target.stat().st_mode) == 0o644  # not mkstemp's 0600
    os.chmod(target, 0o640)
    atomic_write_bytes(target, b"hai", sync=False)
    assert target.read_bytes() == b"hai"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in target.parent.iterdir()) == ["views.json"]


def test_a_failed_atomic_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "views.json"
    target.write_text("cũ", encoding="utf-8")

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError):
        atomic_write_bytes(target, "mới".encode())
    assert target.read_text(encoding="utf-8") == "cũ"
    assert [p.name for p in tmp_path.iterdir()] == ["views.json"]


@pytest.mark.parametrize("kind", ["file", "folder"])
def test_the_lock_is_exclusive_names_its_holder_and_is_released(tmp_path: Path, kind: str) -> None:
    path = tmp_path / ".lock" if kind == "file" else tmp_path
    first = FileLock(path)
    first.acquire(0)
    assert first.held
    waits: list[int | None] = []
    with pytest.raises(LockBusy) as busy:
        FileLock(path).acquire(0.3, on_wait=waits.append, poll=0.05)
    assert waits == [busy.value.holder]  # told once
    assert busy.value.holder == (os.getpid() if kind == "file" else None)
    first.release()
    with FileLock(path) as again:
        assert again.held
    assert not again.held


def test_disk_reasons_are_vietnamese() -> None:
    assert disk_reason(OSError(errno.ENOSPC, "No space left on device")) == "ổ đĩa đã đầy"
    assert disk_reason(OSError(errno.EIO, "Input/output error")) == (
        "lỗi hệ thống tệp (Input/output error)"
    )
