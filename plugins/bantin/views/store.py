"""The view-count data file, ``data/views.json``: format, loading, atomic writing.

The file is committed with the site: ``bantin views import`` adds to it, a
build reads it. It is UTF-8 JSON, written with pages and days sorted and one
item per line so that ``git diff`` shows what an import changed (shown here
more compactly)::

    {
      "format": "bantin-views",
      "version": 1,
      "updated": "2026-11-22T10:15:03+07:00",
      "pages": {
        "": 412,
        "2020/10/13/ket-qua-cong-tac-mat-tran/": 57,
        "chuyen-muc/tin-tuc-su-kien/": 88
      },
      "days": {
        "2026-11-21": 260,
        "2026-11-22": 297
      },
      "imported": {
        "default": {
          "covered": [[1795194060, 1795280339]],
          "edges": {"1795194012": ["5d1e0c4f8a2b9e31"], "1795280391": ["0b7c…", "0b7c…"]}
        }
      }
    }

``format``, ``version``
    Always ``"bantin-views"`` and ``1``. A file with a higher version was
    written by a newer bantin and is refused rather than rewritten.
``updated``
    When the last import wrote the file (Vietnam time). Information only.
``pages``
    Views gathered from access logs, per page. The key is the page's URL
    relative to the site root, percent-decoded, as in ``page.url``:
    ``2020/10/13/slug/`` for an article, ``chuyen-muc/slug/``, ``the/slug/``,
    ``luu-tru/…/``, and ``""`` for the home page. The ``views`` a post carries
    in its front matter (from the old portal) are *not* in this file; a build
    adds both.
``days``
    Views per day of the whole site (every page above), keyed by the date in
    Vietnam time (UTC+7), for the statistics box (total, this year, this
    month). The sum of ``days`` equals the sum of ``pages``.
``imported``
    What was already imported, so that importing the same log again, a log
    that grew, or overlapping or rotated logs in any order never counts a hit
    twice. Per log stream (``default`` unless ``bantin views import --source``
    names another: one per server):

    ``covered``
        Time ranges whose page views are all imported (inclusive
        ``[start, end]`` in epoch seconds, sorted, not overlapping).
    ``edges``
        Fingerprints of the page views seen just outside the covered ranges,
        in the first and last 60 seconds of each imported file, where a log
        file is not reliable (epoch second -> list of 16-hex-digit
        fingerprints, repeated when the same line occurred twice). A
        fingerprint hashes the log line from its time to its user agent
        (time, request, status, size, referrer, user agent): never the
        client's address, ident or user fields.

    How the two work together, and their limits: :mod:`bantin.views.coverage`.

What an import counts as one view (details in :mod:`bantin.views.paths`,
:mod:`~bantin.views.bots`, :mod:`~bantin.views.visitors`): a ``GET`` answered
``200`` or ``304``, for an HTML page of this site (``x/``, ``x`` and
``x/index.html`` are the same page, query strings ignored, under the
sub-path of ``site_url``), not for an asset (``assets/``, ``search/``, images,
CSS, JS, feeds, sitemap), from a browser (the maintained crawler-user-agents
list decides what is a bot; no user agent is a bot), and at most one per
visitor per page per 30 minutes. A visitor is a keyed hash of (IP address,
user agent) whose random key lives only while the import runs.

No IP address, nor anything derived from one, is stored. Counts only ever
grow: an import reads every log completely before writing anything, and
writes a new file beside the old one (same folder, flushed to disk) before
renaming it over the old one, so a crash, a full disk or an unreadable log
leaves the previous file as it was. Two imports cannot run at the same time
on one file (the folder is locked while writing).

To correct a count by hand, edit ``pages`` *and* the matching day in ``days``.
Never delete the file to "fix" it: that loses every view imported so far;
restore it from git instead (``git log -- data/views.json``).
"""

from __future__ import annotations

import contextlib
import errno
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeGuard

from ..core.dates import VIETNAM
from ..core.errors import ContentError, Problem
from ..core.files import FileLock, LockBusy, atomic_write_text, disk_reason
from .coverage import Coverage

FORMAT = "bantin-views"
VERSION = 1
DEFAULT_FILE = "data/views.json"
DEFAULT_SOURCE = "default"

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PRINT = re.compile(r"^[0-9a-f]{16}$")


class ViewsDataError(ContentError):
    """The data file exists but cannot be used. Never answered by starting from zero."""

    def __init__(
        self, path: str | Path, message: str, line: int | None = None, column: int | None = None
    ) -> None:
        self.path = str(path)
        super().__init__([Problem(self.path, message, line=line, column=column)])


def _how_to_fix(path: str) -> str:
    return (
        f"Cách sửa: lấy lại bản đúng từ git (xem 'git log -- {path}', rồi "
        f"'git checkout <mã phiên bản> -- {path}'), hoặc sửa đúng chỗ sai bằng tay. "
        "Đừng xoá tệp: xoá sẽ làm mất toàn bộ lượt xem đã nhập."
    )


@dataclass
class ViewsData:
    """Everything the data file holds, in memory."""

    pages: Counter[str] = field(default_factory=Counter)
    days: Counter[str] = field(default_factory=Counter)
    imported: dict[str, Coverage] = field(default_factory=dict)
    updated: str | None = None

    def coverage(self, source: str = DEFAULT_SOURCE) -> Coverage:
        return self.imported.setdefault(source, Coverage())

    def add_view(self, page: str, day: str) -> None:
        self.pages[page] += 1
        self.days[day] += 1

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "updated": self.updated,
            "pages": {k: v for k, v in sorted(self.pages.items()) if v},
            "days": {k: v for k, v in sorted(self.days.items()) if v},
            "imported": {
                name: {
                    "covered": [[s, e] for s, e in cov.covered],
                    "edges": {
                        str(t): sorted(prints.elements()) for t, prints in sorted(cov.edges.items())
                    },
                }
                for name, cov in sorted(self.imported.items())
                if not cov.empty
            },
        }


def _count(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _real_day(key: str) -> bool:
    if not _DAY.match(key):
        return False
    try:
        date.fromisoformat(key)
    except ValueError:
        return False
    return True


def from_json(doc: object, path: str) -> ViewsData:
    """Validate a parsed data file; raise :class:`ViewsDataError` naming what is wrong."""

    def fail(message: str) -> ViewsDataError:
        return ViewsDataError(path, f"{message} {_how_to_fix(path)}")

    if not isinstance(doc, dict):
        raise fail("tệp lượt xem phải là một đối tượng JSON {...}.")
    if doc.get("format") != FORMAT:
        raise fail(f'tệp không phải tệp lượt xem của bantin (thiếu "format": "{FORMAT}").')
    version = doc.get("version")
    if not _count(version):
        raise fail('trường "version" phải là số nguyên.')
    if version > VERSION:
        raise ViewsDataError(
            path,
            f"tệp do phiên bản bantin mới hơn ghi (định dạng {version}, bản này chỉ đọc được "
            f"định dạng {VERSION}). Cách sửa: cập nhật bantin; đừng sửa hay xoá tệp.",
        )
    if version != VERSION:
        raise fail(f"không có định dạng tệp lượt xem số {version}.")
    data = ViewsData(updated=doc.get("updated") if isinstance(doc.get("updated"), str) else None)

    pages = doc.get("pages", {})
    if not isinstance(pages, dict):
        raise fail('trường "pages" phải là một đối tượng {"đường dẫn": số lượt xem}.')
    for key, value in pages.items():
        if not _count(value):
            raise fail(f'pages["{key}"] = {value!r}: số lượt xem phải là số nguyên không âm.')
        data.pages[key] = value

    days = doc.get("days", {})
    if not isinstance(days, dict):
        raise fail('trường "days" phải là một đối tượng {"YYYY-MM-DD": số lượt xem}.')
    for key, value in days.items():
        if not _real_day(key):
            raise fail(f'days: "{key}" không phải ngày dạng YYYY-MM-DD (ví dụ 2026-11-22).')
        if not _count(value):
            raise fail(f'days["{key}"] = {value!r}: số lượt xem phải là số nguyên không âm.')
        data.days[key] = value

    imported = doc.get("imported", {})
    if not isinstance(imported, dict):
        raise fail('trường "imported" phải là một đối tượng.')
    for name, item in imported.items():
        where = f'imported["{name}"]'
        if not isinstance(item, dict):
            raise fail(f'{where} phải là một đối tượng có "covered" và "edges".')
        ranges = item.get("covered", [])
        if not isinstance(ranges, list) or not all(
            isinstance(r, list) and len(r) == 2 and all(_count(x) for x in r) and r[0] <= r[1]
            for r in ranges
        ):
            raise fail(f"{where}.covered phải là danh sách các cặp [bắt đầu, kết thúc] (số giây).")
        edges = item.get("edges", {})
        if not isinstance(edges, dict):
            raise fail(f"{where}.edges phải là một đối tượng.")
        parsed: dict[int, Counter[str]] = {}
        for second, prints in edges.items():
            if (
                not second.isdigit()
                or not isinstance(prints, list)
                or not all(isinstance(p, str) and _PRINT.match(p) for p in prints)
            ):
                raise fail(
                    f'{where}.edges["{second}"]: phải là danh sách dấu vân tay 16 ký tự hex.'
                )
            parsed[int(second)] = Counter(prints)
        data.imported[name] = Coverage([(r[0], r[1]) for r in ranges], parsed)
    return data


def load(path: str | Path) -> ViewsData:
    """Read the data file. A missing file is an empty one (before the first import);
    an unreadable or invalid one raises :class:`ViewsDataError`."""
    path = Path(path)
    shown = str(path)
    try:
        # utf-8-sig: Notepad on Windows saves UTF-8 with a byte-order mark.
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return ViewsData()
    except UnicodeDecodeError:
        raise ViewsDataError(shown, f"tệp không phải văn bản UTF-8. {_how_to_fix(shown)}") from None
    except OSError as exc:
        raise ViewsDataError(
            shown, f"không đọc được tệp ({exc.strerror}). Kiểm tra quyền đọc tệp và thư mục."
        ) from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ViewsDataError(
            shown,
            f"tệp bị hỏng, không phải JSON hợp lệ ({exc.msg}, dòng {exc.lineno}, cột {exc.colno}). "
            + _how_to_fix(shown),
            line=exc.lineno,
            column=exc.colno,
        ) from None
    except RecursionError:
        raise ViewsDataError(
            shown,
            "tệp bị hỏng: các ngoặc [ ] hoặc { } lồng nhau sâu bất thường, không phải tệp "
            "lượt xem do bantin ghi. " + _how_to_fix(shown),
        ) from None
    try:
        return from_json(doc, shown)
    except RecursionError:
        raise ViewsDataError(
            shown, "tệp bị hỏng: dữ liệu lồng nhau sâu bất thường. " + _how_to_fix(shown)
        ) from None


@contextlib.contextmanager
def locked(path: str | Path) -> Iterator[None]:
    """Hold an exclusive lock on the data file's folder, so two imports cannot interleave."""
    folder = Path(path).parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _write_error(path, exc) from None
    lock = FileLock(folder)
    try:
        lock.acquire(0)
    except LockBusy:
        raise ViewsDataError(
            str(path),
            "một lệnh 'bantin views import' khác đang ghi tệp này. Chờ lệnh đó xong rồi chạy lại.",
        ) from None
    except OSError as exc:
        raise _write_error(path, exc) from None
    try:
        yield
    finally:
        lock.release()


def _write_error(path: str | Path, exc: OSError) -> ViewsDataError:
    """A disk that is full, read-only or forbidden, said in Vietnamese."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        fix = "Giải phóng chỗ trống trên ổ đĩa rồi chạy lại lệnh."
    elif exc.errno == errno.EROFS:
        fix = "Chạy lệnh trên ổ đĩa ghi được (hoặc gắn lại ổ cho ghi)."
    elif exc.errno in (errno.EACCES, errno.EPERM):
        fix = "Kiểm tra quyền ghi thư mục chứa tệp (thử chạy với sudo)."
    else:
        fix = "Kiểm tra ổ đĩa rồi chạy lại lệnh."
    return ViewsDataError(
        str(path),
        f"không ghi được tệp lượt xem: {disk_reason(exc)}. Tệp cũ giữ nguyên như trước. {fix}",
    )


def save(data: ViewsData, path: str | Path, now: datetime | None = None) -> None:
    """Write the data file atomically: temp file in the same folder, fsync, rename over.

    A disk error raises :class:`ViewsDataError`; the old file is then untouched.
    """
    try:
        _save(data, Path(path), now)
    except OSError as exc:
        raise _write_error(path, exc) from None


def _save(data: ViewsData, path: Path, now: datetime | None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data.updated = (now or datetime.now(VIETNAM)).astimezone(VIETNAM).isoformat(timespec="seconds")
    text = json.dumps(data.to_json(), ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    atomic_write_text(path, text)
