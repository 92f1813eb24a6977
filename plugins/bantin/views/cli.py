"""``bantin views import LOG...``: the command line of the views domain.

``bantin.adapter.cli`` calls :func:`add_subparser` with its sub-parsers and runs
``args.func(args)``, which returns the exit code: 0 done, 1 a log or the
data file could not be used (nothing written), 2 wrong usage.

Settings (``site_url`` for the site's sub-path, ``plugins: - bantin: views:
data_file:``) come from the site's one settings object, read from
``mkdocs.yml`` by the adapter and handed in as ``settings_for(config_file)``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TextIO

from ..core import vnformat
from ..core.dates import VIETNAM
from ..core.errors import ContentError
from . import store
from .importer import ImportProgress, ImportSummary, import_logs
from .skip import LABELS

PageKeysFor = Callable[[str], Iterable[str] | None]
SettingsFor = Callable[[str], "SiteSettings"]


@dataclass(frozen=True)
class SiteSettings:
    site_url: str
    data_file: Path


def default_settings(config_file: str | Path) -> SiteSettings:
    """No site settings to read: no sub-path, the data file where the site would keep it."""
    return SiteSettings("", Path(config_file).resolve().parent / store.DEFAULT_FILE)


def _when(seconds: int) -> str:
    return vnformat.format_datetime(datetime.fromtimestamp(seconds, VIETNAM))


def format_summary(summary: ImportSummary) -> str:
    """The Vietnamese report printed after an import."""
    n = vnformat.format_integer
    lines = [f"Đã đọc {n(summary.lines)} dòng từ {n(len(summary.files))} tệp nhật ký."]
    if summary.first is not None and summary.last is not None:
        lines.append(
            f"Các lượt đọc trang trong nhật ký: từ {_when(summary.first)} đến {_when(summary.last)}."
        )
    for info in summary.files:
        lines.append(f"  {info.path}: {n(info.lines)} dòng, {n(info.views)} lượt xem mới")
    pages = len(summary.pages)
    if summary.written:
        lines.append(
            f"Đã cộng {n(summary.views)} lượt xem cho {n(pages)} trang vào {summary.data_file}."
        )
    else:
        lines.append(
            f"Chạy thử: sẽ cộng {n(summary.views)} lượt xem cho {n(pages)} trang; chưa ghi gì vào {summary.data_file}."
        )
    if summary.skipped_total:
        lines.append(f"Bỏ qua {n(summary.skipped_total)} dòng:")
        for reason, label in LABELS.items():
            if summary.skipped[reason]:
                lines.append(f"  - {n(summary.skipped[reason])}: {label}")
    if summary.written and summary.views:
        lines.append("Dựng lại trang (make build) và đưa tệp lượt xem vào git để số mới hiện lên.")
    return "\n".join(lines)


class ProgressPrinter:
    """One self-overwriting line on a terminal, at most a few times a second."""

    def __init__(self, out: TextIO, interval: float = 0.25) -> None:
        self.out = out
        self.interval = interval
        self._last = 0.0
        self._shown = False

    def __call__(self, state: ImportProgress) -> None:
        now = time.monotonic()
        if now - self._last < self.interval and state.file_index < state.files:
            return
        self._last = now
        percent = vnformat.format_percent(int(state.fraction * 100), 0)
        name = Path(state.path).name
        file_no = min(state.file_index + 1, state.files)
        self.out.write(
            f"\rĐang đọc {name} ({file_no}/{state.files}): {percent}, "
            f"{vnformat.format_integer(state.lines)} dòng   "
        )
        self.out.flush()
        self._shown = True

    def end(self) -> None:
        if self._shown:
            self.out.write("\n")
            self.out.flush()


def cmd_import(
    args: argparse.Namespace,
    page_keys_for: PageKeysFor | None = None,
    settings_for: SettingsFor = default_settings,
) -> int:
    config_file = args.views_config or getattr(args, "config", None) or "mkdocs.yml"
    if args.views_config and not Path(config_file).is_file():
        print(f"Lỗi: không thấy tệp cấu hình {config_file}.", file=sys.stderr)
        return 2
    try:
        settings = settings_for(config_file)
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return 1
    site_url = args.site_url if args.site_url is not None else settings.site_url
    data_file = Path(args.data) if args.data else settings.data_file
    keys = None
    if page_keys_for is not None and not args.all_pages:
        try:
            keys = page_keys_for(config_file)
        except ContentError as exc:
            print(str(exc), file=sys.stderr)
            print("Sửa các lỗi trên (bantin check) rồi nhập lại lượt xem.", file=sys.stderr)
            return 1
        except (Exception, SystemExit) as exc:  # the site could not be loaded at all
            print(
                f"Lỗi: không lấy được danh sách trang của trang tin từ {config_file} ({exc}). "
                "Sửa cấu hình rồi chạy lại, hoặc thêm --all-pages để đếm mọi đường dẫn có dạng trang.",
                file=sys.stderr,
            )
            return 1
    show = args.progress if args.progress is not None else sys.stderr.isatty()
    printer = ProgressPrinter(sys.stderr) if show else None
    try:
        summary = import_logs(
            args.logs,
            data_file,
            site_prefix=site_url or "/",
            page_keys=keys,
            progress=printer,
            source=args.source,
            dry_run=args.dry_run,
        )
    except ContentError as exc:  # a log or the data file cannot be used: nothing was written
        if printer:
            printer.end()
        print(exc, file=sys.stderr)
        return 1
    if printer:
        printer.end()
    print(format_summary(summary))
    return 0


def add_subparser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    *,
    page_keys_for: PageKeysFor | None = None,
    settings_for: SettingsFor = default_settings,
) -> argparse.ArgumentParser:
    """Register ``views import``.

    ``page_keys_for(config_file)`` may return the site's page URLs;
    ``settings_for(config_file)`` returns its ``site_url`` and views data file.
    """
    views = subparsers.add_parser(
        "views",
        help="lượt xem: nhập từ nhật ký truy cập (access log) của máy chủ web",
        description="Lượt xem lấy từ nhật ký truy cập của máy chủ web (nginx, Apache).",
    )

    def usage(_args: argparse.Namespace) -> int:
        views.print_help()
        return 2

    views.set_defaults(func=usage)
    sub = views.add_subparsers(dest="views_command", metavar="LỆNH")
    imp = sub.add_parser(
        "import",
        help="cộng lượt xem từ các tệp access.log (thường hoặc .gz) vào tệp lượt xem",
        description=(
            "Đọc nhật ký truy cập dạng 'combined' của nginx/Apache và cộng lượt xem cho từng trang: "
            "chỉ yêu cầu GET thành công (200, 304) tới trang HTML của trang tin, không tính bot, "
            "tệp tĩnh, và mỗi người đọc chỉ tính một lượt mỗi trang trong 30 phút. Nhập lại cùng "
            "tệp hay tệp chồng lên lần trước không bao giờ tính trùng. Không lưu địa chỉ IP."
        ),
    )
    imp.add_argument(
        "logs",
        nargs="+",
        metavar="LOG",
        help="tệp nhật ký (access.log, access.log.1, access.log.2.gz...), theo thứ tự nào cũng được",
    )
    imp.add_argument(
        "--data",
        help="tệp lượt xem (mặc định: views.data_file trong mkdocs.yml, tức data/views.json)",
    )
    imp.add_argument("--site-url", help="địa chỉ trang tin (mặc định: site_url trong mkdocs.yml)")
    imp.add_argument(
        "--config",
        dest="views_config",
        metavar="CONFIG",
        help="tệp cấu hình để đọc site_url (mặc định: mkdocs.yml)",
    )
    imp.add_argument(
        "--source",
        default=store.DEFAULT_SOURCE,
        help="tên nguồn nhật ký; khi trang chạy trên nhiều máy chủ, nhập nhật ký mỗi máy với một tên riêng",
    )
    imp.add_argument(
        "--all-pages",
        action="store_true",
        help="đếm mọi đường dẫn có dạng trang, không đối chiếu với danh sách bài và trang của trang tin",
    )
    imp.add_argument("--dry-run", action="store_true", help="chỉ đọc và in kết quả, không ghi tệp")
    imp.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="hiện tiến độ khi đọc (mặc định: có, khi chạy trong cửa sổ dòng lệnh)",
    )
    imp.set_defaults(
        func=partial(cmd_import, page_keys_for=page_keys_for, settings_for=settings_for)
    )
    return views
