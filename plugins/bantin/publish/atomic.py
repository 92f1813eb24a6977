"""Build into a staging folder and swap it into place in one step.

The live site folder is never written to during a build. The build writes a
fresh sibling folder ``.<name>-staging-<pid>-<token>`` on the same filesystem;
only when the build has succeeded is it exchanged with the live folder:

* Linux ``renameat2(RENAME_EXCHANGE)`` swaps both names in one system call, so
  a web server sees either the whole old site or the whole new one;
* where that call is missing (old kernel, other OS, filesystem without
  support) the live folder is renamed aside to ``.<name>-old-<pid>-<token>``
  and the staging folder renamed into place: two renames, a gap of
  microseconds during which the site is missing, never a mixed site;
* the first build (no live folder yet) is a plain rename.

Builds that die (``kill -9``, power cut of the process, full disk) leave at
most a staging or old folder behind; :func:`recover` removes them, and puts
the old site back if a build died between the two fallback renames, before
the next build starts. All of this happens under an exclusive lock
(:class:`BuildLock`), so two builds into the same folder never interleave.

This module knows nothing of MkDocs.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import re
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import Problem
from ..core.files import FileLock, LockBusy, disk_reason, sync_folder

LOCK_NAME = ".bantin-build.lock"

# renameat2(2): exchange two names atomically. Values from <linux/fs.h>.
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2 << 0
# errno values meaning "this kernel, libc or filesystem cannot exchange".
_NO_EXCHANGE = {errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP}


class AtomicBuildError(Exception):
    """The site could not be built or swapped safely; carries a Vietnamese :class:`Problem`."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def _fail(path: Path | str, message: str) -> AtomicBuildError:
    return AtomicBuildError(Problem(path=str(path), message=message))


# ---------------------------------------------------------------------------
# Names of the folders this module creates beside the live site.


def _name_pattern(site_dir: Path) -> re.Pattern[str]:
    return re.compile(rf"^\.{re.escape(site_dir.name)}-(staging|old)-\d+-[0-9a-f]{{8}}$")


def _sibling(site_dir: Path, kind: str) -> Path:
    return site_dir.parent / f".{site_dir.name}-{kind}-{os.getpid()}-{secrets.token_hex(4)}"


def leftovers(site_dir: Path) -> list[Path]:
    """Staging and old folders left beside ``site_dir`` by earlier builds."""
    pattern = _name_pattern(site_dir)
    try:
        entries = list(os.scandir(site_dir.parent))
    except FileNotFoundError:
        return []
    return sorted(
        Path(e.path) for e in entries if pattern.match(e.name) and e.is_dir(follow_symlinks=False)
    )


# ---------------------------------------------------------------------------
# The lock.


@dataclass
class BuildLock:
    """The exclusive lock on ``<parent of site>/.bantin-build.lock`` (a
    :class:`~bantin.core.files.FileLock`: dropped by the kernel when a build dies,
    even on ``kill -9``), with its messages in Vietnamese."""

    path: Path
    lock: FileLock = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.lock = FileLock(self.path)

    @property
    def held(self) -> bool:
        return self.lock.held

    def acquire(
        self,
        timeout: float,
        *,
        on_wait: Callable[[str], None] | None = None,
        poll: float = 0.1,
    ) -> None:
        """Take the lock, waiting up to ``timeout`` seconds for another build to finish.

        ``on_wait`` is called once, with a Vietnamese message, if we have to wait.
        """

        def waiting(holder: int | None) -> None:
            if on_wait is not None:
                on_wait(
                    f"Một bản dựng khác{_process(holder)} đang ghi vào '{self.path.parent}'; "
                    f"đang chờ tối đa {_seconds(timeout)} để nó kết thúc…"
                )

        try:
            self.lock.acquire(timeout, on_wait=waiting, poll=poll)
        except LockBusy as busy:
            raise _fail(
                self.path,
                f"một bản dựng khác{_process(busy.holder)} đang ghi vào thư mục "
                f"'{self.path.parent}' và vẫn chưa xong sau {_seconds(timeout)} chờ, "
                "nên bản dựng này dừng lại để không ghi đè lên nhau. Hãy đợi bản "
                "dựng kia kết thúc rồi chạy lại; nếu bản dựng thường lâu hơn, tăng "
                "'lock_timeout' của plugin 'bantin-atomic' trong mkdocs.yml.",
            ) from None
        except OSError as exc:
            # A read-only folder holding an older lock file is still locked (and
            # creating the staging folder then fails with its own message).
            raise _fail(
                self.path, f"không tạo được tệp khoá bản dựng: {disk_reason(exc)}. {_fix(exc)}"
            ) from exc

    def release(self) -> None:
        self.lock.release()


def _seconds(value: float) -> str:
    return f"{value:g} giây"


def _process(holder: int | None) -> str:
    return f" (tiến trình {holder})" if holder is not None else ""


# ---------------------------------------------------------------------------
# Reasons in Vietnamese for the errors a build can meet on disk.


def _fix(exc: OSError) -> str:
    fixes = {
        errno.ENOSPC: "Hãy giải phóng dung lượng (cần chỗ cho hai bản của trang) rồi dựng lại.",
        errno.EDQUOT: "Hãy giải phóng dung lượng hoặc xin tăng hạn mức rồi dựng lại.",
        errno.EROFS: "Hãy đặt 'site_dir' trên một ổ đĩa ghi được.",
        errno.EACCES: "Hãy cấp quyền ghi cho thư mục chứa 'site_dir' rồi dựng lại.",
        errno.EPERM: "Hãy cấp quyền ghi cho thư mục chứa 'site_dir' rồi dựng lại.",
        errno.ENOTDIR: "Hãy sửa 'site_dir' trong mkdocs.yml cho đúng một thư mục.",
    }
    return fixes.get(exc.errno or 0, "Hãy kiểm tra thư mục chứa 'site_dir' rồi dựng lại.")


_READ_REASONS = {
    errno.ELOOP: (
        "là liên kết tượng trưng (symlink) vòng lặp: nó trỏ (qua các liên kết khác) về chính nó",
        "Hãy xoá liên kết đó hoặc cho nó trỏ tới một tệp thật.",
    ),
    errno.EACCES: ("không có quyền đọc", "Hãy cấp quyền đọc cho tệp hoặc thư mục này."),
    errno.ENAMETOOLONG: (
        "có tên hoặc đường dẫn quá dài cho hệ thống tệp",
        "Hãy đặt tên ngắn hơn (tên tệp, 'slug', 'id').",
    ),
    errno.EIO: ("ổ đĩa báo lỗi khi đọc", "Hãy kiểm tra ổ đĩa, chép lại tệp này."),
}


def describe_build_error(
    exc: OSError, site_dir: Path | str, staging: Path | str | None = None
) -> AtomicBuildError:
    """An OSError met anywhere in a build: writing the site, or reading a source file.

    A path outside the output (a source under ``docs/`` or ``posts/``) is a
    read problem of that file, never blamed on ``site_dir``.
    """
    path = str(exc.filename2 or exc.filename or "")
    output = [str(site_dir)] + ([str(staging)] if staging is not None else [])
    inside_output = any(path == root or path.startswith(root + os.sep) for root in output)
    if path and not inside_output and exc.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
        why, fix = _READ_REASONS.get(
            exc.errno or 0, (f"không đọc được ({exc.strerror or exc})", "Hãy kiểm tra tệp này.")
        )
        return _fail(path, f"bản dựng thất bại: tệp {why}; trang đang chạy được giữ nguyên. {fix}")
    return describe_os_error(exc, site_dir, staging)


def describe_os_error(
    exc: OSError, site_dir: Path | str, staging: Path | str | None = None
) -> AtomicBuildError:
    """An :class:`AtomicBuildError` explaining a disk error met while building ``site_dir``.

    A path inside the staging folder is shown as the matching path of the site.
    """
    # shutil names the source first and the destination second: show where we wrote.
    path = str(exc.filename2 or exc.filename or site_dir)
    if staging is not None and (path == str(staging) or path.startswith(f"{staging}{os.sep}")):
        path = str(site_dir) + path[len(str(staging)) :]
    return _fail(
        path,
        f"bản dựng thất bại: {disk_reason(exc)}; trang đang chạy được giữ nguyên. {_fix(exc)}",
    )


# ---------------------------------------------------------------------------
# Preparing the staging folder.


def check_site_dir(site_dir: Path) -> Path:
    """Resolve ``site_dir`` (following a symlink to the real folder) and check it can be swapped."""
    real = Path(os.path.realpath(site_dir))
    if real.exists() and not real.is_dir():
        raise _fail(
            real,
            "'site_dir' trỏ tới một tệp chứ không phải thư mục. Hãy xoá tệp đó hoặc sửa "
            "'site_dir' trong mkdocs.yml.",
        )
    if real.is_dir() and os.path.ismount(real):
        raise _fail(
            real,
            "'site_dir' là một điểm gắn kết (mount point) riêng nên không thể thay thế nguyên "
            "khối. Hãy gắn thư mục cha của nó thay vì chính nó, hoặc đặt 'site_dir' là một "
            "thư mục con bên trong ổ đã gắn.",
        )
    for ancestor in real.parents:
        if ancestor.exists():
            if not ancestor.is_dir():
                raise _fail(
                    ancestor,
                    "là một tệp chứ không phải thư mục nên không thể chứa 'site_dir'. Hãy sửa "
                    "'site_dir' trong mkdocs.yml hoặc đổi tên tệp đó.",
                )
            break
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _fail(
            real.parent,
            f"không tạo được thư mục chứa trang: {disk_reason(exc)}. {_fix(exc)}",
        ) from exc
    return real


@dataclass(frozen=True)
class Recovery:
    """What :func:`recover` found and did."""

    removed: tuple[Path, ...] = ()
    restored_from: Path | None = None


def recover(site_dir: Path) -> Recovery:
    """Clean up after builds that died; call with the lock held.

    If the live folder is missing but an old folder exists, a build died
    between the two renames of the fallback swap: the newest old folder is the
    previous site and is put back.
    """
    found = leftovers(site_dir)
    restored = None
    if not os.path.lexists(site_dir):
        old = [p for p in found if "-old-" in p.name]
        if old:
            restored = max(old, key=lambda p: p.stat().st_mtime_ns)
            os.rename(restored, site_dir)
            found.remove(restored)
    for path in found:
        shutil.rmtree(path, ignore_errors=True)
    return Recovery(tuple(found), restored)


def create_staging(site_dir: Path, *, seed_from_live: bool = False) -> Path:
    """Make an empty staging folder beside ``site_dir`` (or a copy of it, for ``--dirty``).

    The staging folder takes the live folder's mode and, where allowed, its
    owner, so the swap does not change what the web server may read.
    """
    staging = _sibling(site_dir, "staging")
    try:
        if seed_from_live and site_dir.is_dir():
            shutil.copytree(site_dir, staging, symlinks=True)
        else:
            os.mkdir(staging, 0o755)
        if site_dir.is_dir():
            info = site_dir.stat()
            os.chmod(staging, info.st_mode & 0o7777)
            with contextlib.suppress(PermissionError):
                os.chown(staging, info.st_uid, info.st_gid)
    except OSError as exc:
        discard(staging)
        raise _fail(
            site_dir.parent,
            f"không tạo được thư mục tạm để dựng trang: {disk_reason(exc)}; trang đang chạy được "
            f"giữ nguyên. {_fix(exc)}",
        ) from exc
    return staging


def discard(path: Path) -> None:
    """Remove a staging folder; never fails (leftovers are removed by the next build)."""
    if os.path.lexists(path):
        shutil.rmtree(path, ignore_errors=True)


# ---------------------------------------------------------------------------
# The swap.


def _load_renameat2() -> Callable[..., int] | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


_renameat2 = _load_renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two existing paths; ``False`` if the system cannot do it."""
    if _renameat2 is None:
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in _NO_EXCHANGE:
        return False
    raise OSError(err, os.strerror(err), str(a), None, str(b))


@dataclass(frozen=True)
class SwapResult:
    """How the new site went live, and any old folder we could not delete."""

    method: str  # "exchange", "rename-aside" or "rename" (first build)
    left_behind: Path | None = None


def swap_into_place(
    staging: Path, site_dir: Path, *, allow_exchange: bool = True, background: bool = False
) -> SwapResult:
    """Make ``staging`` the live ``site_dir``; the previous site is deleted afterwards
    (``background``: by a process of its own, see :func:`remove_detached`)."""
    try:
        if not os.path.lexists(site_dir):
            os.rename(staging, site_dir)
            sync_folder(site_dir.parent)
            return SwapResult("rename")
        if allow_exchange and exchange(staging, site_dir):
            # The old site now sits at the staging path.
            sync_folder(site_dir.parent)
            return SwapResult("exchange", _remove_old(staging, background))
        old = _sibling(site_dir, "old")
        os.rename(site_dir, old)
        os.rename(staging, site_dir)
        sync_folder(site_dir.parent)
        return SwapResult("rename-aside", _remove_old(old, background))
    except OSError as exc:
        raise _fail(
            site_dir,
            f"không thay được trang mới vào chỗ trang cũ: {disk_reason(exc)}; trang đang chạy được "
            f"giữ nguyên. {_fix(exc)}",
        ) from exc


def _remove_old(path: Path, background: bool = False) -> Path | None:
    if background and remove_detached(path):
        return None
    shutil.rmtree(path, ignore_errors=True)
    return path if os.path.lexists(path) else None


def remove_detached(path: Path) -> bool:
    """Remove ``path`` in a process that outlives the build; ``False`` where one cannot be made.

    Once the new site is live nobody needs to wait for the old one to go, and a
    large site's old copy takes seconds to delete (40,000 files: 5 s). If that
    process is stopped half-way, what is left is a leftover the next build
    removes (:func:`leftovers`), like any other.
    """
    if not hasattr(os, "fork"):
        return False
    try:
        pid = os.fork()
    except OSError:
        return False
    if pid == 0:  # pragma: no cover - the go-between; its child is checked by the tests
        try:
            os.setsid()  # not stopped with the build's terminal (Ctrl+C)
            if os.fork() == 0:
                # Not holding the build's output open: "mkdocs build | tee log" ends with the build.
                quiet = os.open(os.devnull, os.O_RDWR)
                for stream in (0, 1, 2):
                    os.dup2(quiet, stream)
                shutil.rmtree(path, ignore_errors=True)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)  # the go-between leaves at once: nothing is left to reap
    return True


# ---------------------------------------------------------------------------
# Guarding the live site during a build.


def fingerprint(root: Path) -> dict[str, tuple[int, int, int]] | None:
    """``{relative path: (type, size, mtime_ns)}`` for every entry under ``root``, or ``None``.

    Taken before and after a build: if they differ, something wrote into the
    live site behind the staging folder's back.
    """
    if not root.is_dir():
        return None
    result: dict[str, tuple[int, int, int]] = {}
    stack = [(str(root), "")]
    while stack:
        path, prefix = stack.pop()
        with os.scandir(path) as entries:
            for entry in entries:
                rel = prefix + entry.name
                info = entry.stat(follow_symlinks=False)
                result[rel] = (info.st_mode >> 12, info.st_size, info.st_mtime_ns)
                if entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, rel + "/"))
    return result


def changed_entries(
    before: dict[str, tuple[int, int, int]] | None,
    after: dict[str, tuple[int, int, int]] | None,
) -> list[str]:
    """Relative paths that appeared, disappeared or changed between two fingerprints."""
    before = before or {}
    after = after or {}
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
