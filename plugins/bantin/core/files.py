"""Files on disk: editor leftovers, writing a file all at once, an exclusive lock.

Every part of bantin that walks a folder (posts, ``docs/``, a finished site, an
import) skips the same leftovers, and every part that rewrites a file people or
other builds may read at the same moment (the view counts, imported posts,
caches, the nginx snippet) replaces it the same way.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

if sys.platform != "win32":
    import fcntl

# ---------------------------------------------------------------------------
# Editor and operating-system leftovers: never read as content, never published.

LEFTOVER_PREFIXES = (
    ".#",  # Emacs lock files
    "#",  # Emacs auto-save files (#bai.md#)
    "~",  # Word's owner files (~$bai.docx) and temporary files (~WRL0001.tmp)
    ".~lock.",  # LibreOffice lock files
    "._",  # macOS resource forks on non-Apple disks
)
LEFTOVER_SUFFIXES = (
    "~",  # Emacs, gedit and many others: backup copies
    ".swp",  # Vim swap files
    ".swo",
    ".swx",
    ".tmp",
    ".bak",
    ".orig",  # left by merge tools
)
LEFTOVER_NAMES = frozenset(
    {
        ".DS_Store",  # macOS Finder metadata
        "Thumbs.db",  # Windows Explorer thumbnails
        "desktop.ini",  # Windows folder settings
    }
)


def is_leftover(name: str) -> bool:
    """Whether a file name (no folder) is an editor's or the system's leftover, not content."""
    return (
        name in LEFTOVER_NAMES
        or name.startswith(LEFTOVER_PREFIXES)
        or name.endswith(LEFTOVER_SUFFIXES)
    )


# ---------------------------------------------------------------------------
# What went wrong on disk, in Vietnamese.

_REASONS = {
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EDQUOT: "đã hết hạn mức dung lượng (quota)",
    errno.EROFS: "ổ đĩa chỉ cho đọc (read-only)",
    errno.EACCES: "không có quyền ghi",
    errno.EPERM: "không được phép thao tác",
    errno.ENOTDIR: "một phần của đường dẫn là tệp chứ không phải thư mục",
    errno.EXDEV: "hai thư mục nằm trên hai ổ đĩa khác nhau",
    errno.EBUSY: "thư mục đang bận hoặc là điểm gắn kết (mount point)",
}


def stamp_of(paths: Iterable[str | Path], skip: Callable[[str], bool] | None = None) -> str:
    """A digest of the size and modification time of every file at or under ``paths``
    (``skip(path)``: a file left out). Equal stamps: nothing was written, added or
    removed in between. A digest, because callers compare it often."""
    found: list[tuple[str, int, int]] = []

    def walk(folder: str) -> None:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                walk(entry.path)
            elif skip is None or not skip(entry.path):
                try:
                    info = entry.stat()
                except OSError:
                    continue
                found.append((entry.path, info.st_size, info.st_mtime_ns))

    for path in map(str, paths):
        if not path:
            continue
        if os.path.isdir(path):
            walk(path)
            continue
        try:
            info = os.stat(path)
            found.append((path, info.st_size, info.st_mtime_ns))
        except OSError:
            found.append((path, -1, -1))  # a missing file is a state too
    return hashlib.blake2b(repr(sorted(found)).encode(), digest_size=16).hexdigest()


def disk_reason(exc: OSError) -> str:
    """Why a write failed, for staff: "ổ đĩa đã đầy"; the system's own words when unknown."""
    return _REASONS.get(exc.errno or 0) or f"lỗi hệ thống tệp ({exc.strerror or exc})"


# ---------------------------------------------------------------------------
# Writing a file all at once.


def atomic_write_bytes(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Replace ``path`` with ``data``: a reader sees the old file or the new, never half.

    The bytes go to a temporary file beside ``path`` (the same file system), which
    takes the old file's permissions (0644 for a new one: ``mkstemp``'s 0600 would
    hide a photo from the web server) and is renamed over ``path``. With ``sync``
    the file and the folder's entry are flushed to disk first, so a power cut
    keeps the old file or the new; caches, which can be made again, skip that.
    On any failure the temporary file is removed and the old file is untouched.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name[:100]}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            if sync:
                stream.flush()
                os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    if sync:
        sync_folder(path.parent)


def atomic_write_text(path: Path, text: str, *, sync: bool = True) -> None:
    """:func:`atomic_write_bytes` of ``text`` in UTF-8, line ends as written."""
    atomic_write_bytes(path, text.encode("utf-8"), sync=sync)


def sync_folder(path: Path) -> None:
    """Flush a folder's entries so a rename survives a crash of the machine; best effort."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# ---------------------------------------------------------------------------
# An exclusive lock between processes.


class LockBusy(Exception):
    """Another process held the lock for longer than the caller would wait."""

    def __init__(self, path: Path, holder: int | None) -> None:
        self.path = path
        self.holder = holder
        super().__init__(f"{path} is locked" + (f" by process {holder}" if holder else ""))


@dataclass
class FileLock:
    """An exclusive ``flock`` on ``path``: a lock file, or a folder itself.

    The kernel drops the lock when the process dies, even on ``kill -9``, so a
    killed process never blocks the next one. A lock file is kept (deleting lock
    files races with the next process opening them) and holds the process id of
    its holder, for the message another process shows while it waits. Without
    ``flock`` (Windows) there is no lock. As a context manager it waits as long
    as it takes.
    """

    path: Path
    fd: int | None = field(default=None, repr=False)

    @property
    def held(self) -> bool:
        return self.fd is not None

    def acquire(
        self,
        timeout: float | None = 0,
        *,
        on_wait: Callable[[int | None], None] | None = None,
        poll: float = 0.1,
    ) -> None:
        """Take the lock, waiting up to ``timeout`` seconds (``None``: for ever).

        ``on_wait`` is called once, with the holder's process id if known, when
        we have to wait. Raises :class:`LockBusy` when the time is up, and
        ``OSError`` when the lock file cannot be opened.
        """
        if self.fd is not None or sys.platform == "win32":
            return
        fd = _open(self.path)
        deadline = None if timeout is None else time.monotonic() + max(timeout, 0)
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(fd)
                if deadline is not None and time.monotonic() >= deadline:
                    os.close(fd)
                    raise LockBusy(self.path, holder) from None
                if not told and on_wait is not None:
                    on_wait(holder)
                    told = True
                time.sleep(poll)
        self.fd = fd
        with contextlib.suppress(OSError):  # a folder or a read-only file: no holder written
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)

    def release(self) -> None:
        if self.fd is None or sys.platform == "win32":
            return
        fd, self.fd = self.fd, None
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def __enter__(self) -> FileLock:
        self.acquire(None)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


def _open(path: Path) -> int:
    if path.is_dir():
        return os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        # A read-only folder may still hold an older lock file we can lock.
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM) and path.is_file():
            return os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        raise


def _holder(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


__all__ = [
    "LEFTOVER_NAMES",
    "LEFTOVER_PREFIXES",
    "LEFTOVER_SUFFIXES",
    "FileLock",
    "LockBusy",
    "atomic_write_bytes",
    "atomic_write_text",
    "disk_reason",
    "is_leftover",
    "sync_folder",
]
