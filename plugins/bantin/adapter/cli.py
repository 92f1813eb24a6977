"""The ``bantin`` command: ``new``, ``check``, ``serve``, ``import`` and ``views import``.

Messages are Vietnamese: the people running these commands are ward staff.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TextIO

from .. import __version__
from ..core.dates import VIETNAM
from ..core.errors import ContentError, Problem
from ..posts.model import Category
from ..views import cli as views_cli
from ..views.cli import SiteSettings

_DEFAULT_OUT = "posts/nhap"


def _categories(config_file: str) -> tuple[list[Category], Path]:
    """The declared categories and the posts folder, from the site's settings."""
    from .settings import load_site

    _, settings = load_site(config_file)
    return list(settings.categories), settings.posts_dir


def cmd_new(args: argparse.Namespace) -> int:
    from ..posts.scaffold import new_post_path, render_new_post

    categories, posts_dir = _categories(args.config)
    now = datetime.now(VIETNAM)
    try:
        slug, text = render_new_post(args.title, categories, now, args.category)
    except ValueError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1
    path = new_post_path(posts_dir, slug, now)
    if path.exists():
        print(f"Lỗi: tệp {path} đã có. Đặt tiêu đề khác hoặc sửa tệp cũ.", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"Đã tạo bài mới: {path}")
    print(
        "Bài đang là bản nháp (draft: true). Xem thử bằng 'make serve'; khi xong, đổi thành draft: false."
    )
    return 0


def report(problems: Sequence[Problem], out: TextIO | None = None) -> tuple[int, int]:
    out = out or sys.stdout  # looked up at call time, so a redirected stdout gets it
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    for problem in sorted(problems, key=lambda p: (p.path, p.line or 0)):
        print(str(problem), file=out)
    return len(errors), len(warnings)


def cmd_check(args: argparse.Namespace) -> int:
    """Everything a build would check, without building: every problem at once."""
    from ..news.model import NewsModel
    from .settings import load_site

    _, settings = load_site(args.config)
    # Drafts are checked too: a draft is a post about to be published.
    model = NewsModel.build(settings, preview=True)
    from ..images.check import huge_photo_problems

    errors, warnings = report(
        [*model.problems, *huge_photo_problems([*model.loaded.posts, *model.loaded.scheduled])]
    )
    posts = len(model.loaded.posts) + len(model.loaded.scheduled)
    if errors or warnings:
        print(
            f"\nKiểm tra {posts} bài: {errors} lỗi, {warnings} cảnh báo. Sửa các mục trên rồi chạy lại."
        )
        return 1
    scheduled = len(model.loaded.scheduled)
    extra = f" ({scheduled} bài hẹn giờ đăng sau)" if scheduled else ""
    print(f"Kiểm tra {posts} bài: không có lỗi{extra}.")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """``bantin import``: old portal pages and Word files into draft posts."""
    from ..importer.batch import ImportOptions, import_paths, read_url_map
    from ..importer.report import format_report, summary

    categories: list[str] = []
    out = Path(args.out)
    if Path(args.config).is_file():
        declared, posts_dir = _categories(args.config)
        categories = [c.name for c in declared]
        if args.out == _DEFAULT_OUT:
            out = posts_dir / "nhap"
    if args.category and categories:
        from ..posts.fields import FieldError
        from ..posts.loader import match_category

        try:
            args.category = match_category(args.category, declared).name
        except FieldError as exc:
            print(f"Lỗi: {exc}", file=sys.stderr)
            return 2
    url_map: dict[str, str] = {}
    if args.url_map:
        try:
            url_map = read_url_map(Path(args.url_map))
        except (OSError, ValueError) as exc:
            print(f"Lỗi: không đọc được tệp địa chỉ cũ {args.url_map} ({exc}).", file=sys.stderr)
            return 2
    options = ImportOptions(
        out_dir=out,
        category=args.category,
        categories=tuple(categories),
        url_map=url_map,
        force=args.force,
    )

    def progress(index: int, total: int, name: str) -> None:
        if total >= 10 and sys.stderr.isatty():
            print(f"\r[{index}/{total}] {name[:60]:<60}", end="", file=sys.stderr, flush=True)
        elif total >= 10 and (index % 10 == 0 or index == total):
            print(f"Đang nhập: {index}/{total} tệp…", file=sys.stderr)

    reports = import_paths([Path(p) for p in args.paths], options, progress)
    if sys.stderr.isatty() and len(reports) >= 10:
        print(file=sys.stderr)
    for item in reports:
        print(format_report(item))
    print()
    print(summary(reports))
    return 1 if any(r.status == "failed" for r in reports) else 0


def page_keys(config_file: str) -> list[str]:
    """Every page URL of the site (articles, listings, static pages), as the views importer keys them.

    Only hits on these pages count, so a log full of probes for ``/wp-admin/``
    adds nothing. Drafts are left out: they are never published.
    """
    from pathlib import PurePosixPath

    from ..news.model import NewsModel
    from .settings import load_site

    _, settings = load_site(config_file)
    keys = NewsModel.build(settings, preview=False).page_urls()
    docs = settings.docs_dir
    for page in docs.rglob("*.md"):
        relative = PurePosixPath(page.relative_to(docs).as_posix())
        stem = relative.parent if relative.name == "index.md" else relative.with_suffix("")
        keys.append("" if str(stem) == "." else f"{stem}/")
    return keys


def views_settings(config_file: str) -> SiteSettings:
    """``site_url`` and the views data file for ``bantin views import``, from the site's settings.

    Without a configuration file, the defaults (the data file beside where it would be).
    """
    from mkdocs.config import load_config

    from ..views import store
    from .settings import site_settings

    if not Path(config_file).is_file():
        return SiteSettings("", Path(config_file).resolve().parent / store.DEFAULT_FILE)
    try:
        settings = site_settings(load_config(str(config_file)))
    except Exception as exc:  # MkDocs' own errors are English and varied: wrap them all
        raise ContentError(
            [
                Problem(
                    config_file,
                    f"không đọc được tệp cấu hình ({exc}). Sửa tệp cấu hình rồi chạy lại, "
                    "hoặc chỉ rõ --site-url và --data.",
                )
            ]
        ) from None
    return SiteSettings(settings.site_url, settings.views.data_file)


def cmd_serve(args: argparse.Namespace) -> int:
    """MkDocs' preview server in its dirty mode, where bantin draws pages on request."""
    from mkdocs.__main__ import cli

    argv = ["serve", "--dirty", "-f", args.config]
    if args.dev_addr:
        argv += ["-a", args.dev_addr]
    if args.open:
        argv.append("--open")
    try:
        cli.main(args=argv, prog_name="mkdocs", standalone_mode=True)
    except SystemExit as exc:  # click ends every command this way
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bantin",
        description="bantin: dựng trang bản tin của phường từ các bài viết trong thư mục posts/.",
    )
    parser.add_argument("--version", action="version", version=f"bantin {__version__}")
    parser.add_argument(
        "-f", "--config", default="mkdocs.yml", help="tệp cấu hình (mặc định: mkdocs.yml)"
    )
    sub = parser.add_subparsers(dest="command", metavar="LỆNH")

    new = sub.add_parser("new", help="tạo tệp bài viết mới với đủ các trường và hướng dẫn")
    new.add_argument("title", help="tiêu đề bài viết, trong dấu ngoặc kép")
    new.add_argument("--category", help="chuyên mục (mặc định: chuyên mục đầu tiên)")
    new.set_defaults(func=cmd_new)

    check = sub.add_parser(
        "check", help="kiểm tra mọi bài viết, in tất cả lỗi (mã thoát 1 nếu có lỗi)"
    )
    check.set_defaults(func=cmd_check)

    serve = sub.add_parser(
        "serve",
        help="xem thử trang trên máy (http://127.0.0.1:8000); lưu bài là trang tự cập nhật",
    )
    serve.add_argument("-a", "--dev-addr", help="địa chỉ IP:CỔNG (mặc định 127.0.0.1:8000)")
    serve.add_argument("--open", action="store_true", help="mở trình duyệt khi sẵn sàng")
    serve.set_defaults(func=cmd_serve)

    imp = sub.add_parser(
        "import",
        help="nhập bài từ trang đã lưu của cổng thông tin cũ (.txt, .html) và tệp Word (.docx)",
    )
    imp.add_argument(
        "paths", nargs="+", metavar="TỆP_HOẶC_THƯ_MỤC", help="tệp hoặc thư mục cần nhập"
    )
    imp.add_argument(
        "--out", default=_DEFAULT_OUT, help="thư mục ghi bài nhập (mặc định: posts/nhap)"
    )
    imp.add_argument("--category", help="xếp mọi bài nhập vào chuyên mục này")
    imp.add_argument(
        "--url-map", help="tệp CSV hai cột: tên tệp, địa chỉ cũ của bài (để tạo aliases)"
    )
    imp.add_argument(
        "--force", action="store_true", help="ghi đè bài đã nhập từ cùng tệp (mặc định: giữ nguyên)"
    )
    imp.set_defaults(func=cmd_import)

    views_cli.add_subparser(sub, page_keys_for=page_keys, settings_for=views_settings)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except ContentError as exc:  # mkdocs.yml could not be used: say so, no traceback
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
