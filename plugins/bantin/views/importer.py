"""``bantin views import``: from access logs to counts in the data file.

Each line goes through the checks in this order, and the first that fails
names why it was skipped (:class:`~bantin.views.skip.Skip`): readable line,
``GET``, status 200/304, a page-shaped path of this site, not a bot (these
make a *candidate*, see :mod:`.coverage`), one of the site's pages (when the
caller gives the list), not imported before, not a repeat by the same
visitor within 30 minutes.

Files may come in any order: they are read oldest first (by the time of their
first line), so the 30-minute rule follows readers across a rotated set, and
one run over ``access.log.3.gz access.log.2.gz access.log.1 access.log`` counts
the same as one run over the same lines in a single file. Lines already
imported still go through the 30-minute rule (without being counted again),
so re-reading a log that grew gives the same counts as reading it once.

Everything is read before anything is written: an unreadable log stops the
import and leaves the data file untouched.
"""

from __future__ import annotations

import contextlib
import gzip
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ..core.dates import VIETNAM
from ..core.errors import ContentError, Problem
from . import store
from .bots import is_bot_raw
from .coverage import FileScan, material_of
from .logparse import LINE_RE, LogFile, LogTooLarge, first_time, parse_time
from .paths import COUNTED_STATUSES, PageMapper, normalize_page_url
from .paths import site_prefix as prefix_of
from .skip import Skip
from .visitors import ViewWindow, VisitorHasher

PROGRESS_EVERY = 1 << 16
# A line stamped later than the import's own time plus this is a clock glitch:
# skipped, and never allowed to mark a time span as imported.
FUTURE_TOLERANCE = 3600
_VN_OFFSET = int(VIETNAM.utcoffset(None).total_seconds())
_EPOCH_DAY = datetime(1970, 1, 1).date()


class LogReadError(ContentError):
    """A log file could not be read to the end; nothing was written."""

    def __init__(self, path: str | Path, message: str, line: int | None = None) -> None:
        self.path = str(path)
        super().__init__([Problem(self.path, message, line=line)])


@dataclass(frozen=True)
class ImportProgress:
    """Where an import is: handed to the ``progress`` callback."""

    path: str
    file_index: int
    files: int
    lines: int
    bytes_done: int
    bytes_total: int

    @property
    def fraction(self) -> float:
        return self.bytes_done / self.bytes_total if self.bytes_total else 1.0


@dataclass
class FileSummary:
    path: str
    lines: int = 0
    views: int = 0
    compressed: bool = False


@dataclass
class ImportSummary:
    """What an import did."""

    data_file: str
    files: list[FileSummary] = field(default_factory=list)
    lines: int = 0
    views: int = 0
    skipped: Counter[Skip] = field(default_factory=Counter)
    pages: Counter[str] = field(default_factory=Counter)
    days: Counter[str] = field(default_factory=Counter)
    first: int | None = None
    last: int | None = None
    """Earliest and latest time of the page views read, counted or not (epoch seconds)."""
    written: bool = False

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())


def _day_names() -> Callable[[int], str]:
    cache: dict[int, str] = {}

    def day(when: int) -> str:
        number = (when + _VN_OFFSET) // 86400
        name = cache.get(number)
        if name is None:
            name = cache[number] = (_EPOCH_DAY + timedelta(days=number)).isoformat()
        return name

    return day


def _check_readable(paths: list[Path]) -> None:
    for path in paths:
        if not path.is_file():
            raise LogReadError(
                path, "không tìm thấy tệp nhật ký (hoặc đó là thư mục). Kiểm tra lại đường dẫn."
            )
        try:
            with open(path, "rb"):
                pass
        except OSError as exc:
            raise LogReadError(
                path,
                f"không mở được tệp nhật ký ({exc.strerror}). Kiểm tra quyền đọc (thử chạy với sudo).",
            ) from None


def _read_error(path: Path, line: int, exc: BaseException) -> LogReadError:
    if isinstance(exc, EOFError):
        why = "tệp nén .gz bị cắt cụt (có thể đang được ghi dở)"
    elif isinstance(exc, LogTooLarge):
        why = f"tệp nén .gz giãn ra quá lớn so với một nhật ký thật ({exc})"
    elif isinstance(exc, (gzip.BadGzipFile, zlib.error)):
        why = f"tệp nén .gz bị hỏng ({exc})"
    else:
        why = f"lỗi khi đọc tệp ({getattr(exc, 'strerror', None) or exc})"
    return LogReadError(
        path,
        f"{why}, sau dòng {line}. Chưa ghi gì vào tệp lượt xem. "
        "Cách sửa: bỏ tệp này khỏi lệnh (hoặc chép lại bản đầy đủ) rồi chạy lại.",
        line=line or None,
    )


def import_logs(
    paths: Iterable[str | Path],
    data_file: str | Path = store.DEFAULT_FILE,
    *,
    site_prefix: str = "/",
    page_keys: Iterable[str] | None = None,
    progress: Callable[[ImportProgress], None] | None = None,
    source: str = store.DEFAULT_SOURCE,
    dry_run: bool = False,
    now: datetime | None = None,
) -> ImportSummary:
    """Add the page views found in ``paths`` to ``data_file`` and say what was done.

    ``site_prefix`` is the site's path on its host (``/`` or ``/phuong/``;
    a full ``site_url`` is accepted too). ``page_keys``, when given, are the
    URLs of the site's pages (``2020/10/13/slug/``, ``""`` for home): other
    paths are skipped as not pages. ``progress`` is called every
    :data:`PROGRESS_EVERY` lines and after each file. With ``dry_run`` nothing
    is written. Raises :class:`~bantin.views.store.ViewsDataError` for a bad
    data file and :class:`LogReadError` for a log that cannot be read; in both
    cases the data file is left as it was.
    """
    files = [Path(p) for p in paths]
    _check_readable(files)
    prefix = prefix_of(site_prefix)
    keys = None if page_keys is None else {normalize_page_url(k) for k in page_keys}
    summary = ImportSummary(data_file=str(data_file))
    lock = store.locked(data_file) if not dry_run else contextlib.nullcontext()
    with lock:
        data = store.load(data_file)
        coverage = data.coverage(source)
        starts = {}
        for path in files:
            try:
                starts[path] = first_time(path)
            except (OSError, EOFError, zlib.error, LogTooLarge) as exc:
                raise _read_error(path, 0, exc) from None
        ordered = sorted(files, key=lambda p: (starts[p] is not None, starts[p] or 0))
        sizes = {p: p.stat().st_size for p in ordered}
        total_bytes = sum(sizes.values())
        done_bytes = 0
        page_of = PageMapper(prefix).request
        admit = ViewWindow().admit
        visitor = VisitorHasher().raw
        match = LINE_RE.match
        bot = is_bot_raw
        ok_statuses = frozenset(str(code).encode() for code in COUNTED_STATUSES)
        day_of = _day_names()
        latest = int((now or datetime.now(UTC)).timestamp()) + FUTURE_TOLERANCE
        skipped = summary.skipped
        added_pages, added_days = summary.pages, summary.days
        first = last = None
        for index, path in enumerate(ordered):
            info = FileSummary(str(path))
            summary.files.append(info)
            scan = FileScan(coverage)
            seen = scan.seen
            count = 0
            views = 0
            try:
                with LogFile(path) as log:
                    info.compressed = log.compressed
                    for line in log:
                        count += 1
                        if progress is not None and not count % PROGRESS_EVERY:
                            progress(
                                ImportProgress(
                                    str(path),
                                    index,
                                    len(ordered),
                                    summary.lines + count,
                                    done_bytes + log.position,
                                    total_bytes,
                                )
                            )
                        # The steps of logparse.parse_line, taken only as far as a line
                        # needs: most lines are assets and bots, and never get decoded.
                        m = match(line)
                        if m is None:
                            skipped[Skip.MALFORMED] += 1
                            continue
                        addr, _user, time_text, request, status, _size, _ref, agent = m.groups()
                        page, why = page_of(request)
                        if why is Skip.NOT_GET:
                            skipped[Skip.NOT_GET] += 1
                            continue
                        if status not in ok_statuses:
                            skipped[Skip.STATUS] += 1
                            continue
                        if page is None:
                            skipped[why] += 1  # type: ignore[index]
                            continue
                        if bot(agent):
                            skipped[Skip.BOT] += 1
                            continue
                        when = parse_time(time_text)
                        if when is None:
                            skipped[Skip.MALFORMED] += 1
                            continue
                        if when > latest:
                            skipped[Skip.FUTURE] += 1
                            continue
                        if first is None or when < first:
                            first = when
                        if last is None or when > last:
                            last = when
                        already = seen(when, material_of(m))
                        if keys is not None and page not in keys:
                            skipped[Skip.NOT_PAGE] += 1
                            continue
                        fresh = admit(visitor(addr, agent), page, when)
                        if already:
                            skipped[Skip.DUPLICATE] += 1
                        elif not fresh:
                            skipped[Skip.REPEAT] += 1
                        else:
                            views += 1
                            added_pages[page] += 1
                            added_days[day_of(when)] += 1
            except (OSError, EOFError, zlib.error, LogTooLarge) as exc:
                raise _read_error(path, count, exc) from None
            if log.too_long:
                skipped[Skip.TOO_LONG] += log.too_long
            scan.finish()
            info.lines, info.views = count, views
            summary.lines += count
            summary.views += views
            done_bytes += sizes[path]
            if progress is not None:
                progress(
                    ImportProgress(
                        str(path), index + 1, len(ordered), summary.lines, done_bytes, total_bytes
                    )
                )
        summary.first, summary.last = first, last
        data.pages.update(added_pages)
        data.days.update(added_days)
        if not dry_run:
            store.save(data, data_file, now)
            summary.written = True
    return summary
