"""The site's settings: one frozen object, converted once from ``mkdocs.yml``.

Everything bantin reads from ``mkdocs.yml`` (the site's name and URL, the
``bantin`` plugin's options, the ``bantin-atomic`` plugin's options) is put
into one :class:`Settings` by :func:`make_settings`, which also checks the
values and records what is wrong as :class:`~bantin.core.errors.Problem`s
(in Vietnamese, naming the field and the fix). The MkDocs adapter calls it
once per build (``bantin.adapter.settings.site_settings``); both plugins,
``bantin check`` and ``bantin views import`` read the same object, and no one
reads ``mkdocs.yml`` another way.

The plugin options arrive as plain mappings, already type-checked by MkDocs'
config classes (``adapter/config.py``); this module knows nothing of MkDocs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..bulletins.periods import Period, PeriodError
from ..bulletins.settings import BulletinSettings
from ..core.dates import VIETNAM
from ..core.errors import Problem, Severity
from ..core.text import clean_line, slugify
from ..posts.cache import ParsedPosts
from ..posts.loader import IndicatorParser, LoadOptions
from ..posts.model import Category

# Pagefind runs WebAssembly; browsers compile it only with this CSP source
# (it allows WebAssembly, not JavaScript eval: no 'unsafe-eval').
WASM_SOURCE = "'wasm-unsafe-eval'"


@dataclass(frozen=True)
class Ward:
    """Who publishes the site: shown in the header and footer."""

    name: str = ""
    agency: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    slogan: str = ""


@dataclass(frozen=True)
class ViewsSettings:
    data_file: Path  # absolute
    # GoatCounter-compatible endpoint for a live counter; "" when off.
    counter_url: str = ""


@dataclass(frozen=True)
class PhotosSettings:
    """Photo processing (``bantin.images``): widths, qualities, cache, share picture."""

    widths: tuple[int, ...] = (480, 800, 1200, 1600)
    webp_quality: int = 72
    jpeg_quality: int = 78
    avif: bool = False
    # Also publish the full-size photo (still without EXIF) and link it under the lightbox.
    originals: bool = False
    cache_dir: str = ".cache/bantin-anh"  # relative to the site's folder
    # A picture of the site owner's own for shares of pages without a photo; "" = drawn.
    share_image: str = ""
    share_colour: str = "#b3121f"


@dataclass(frozen=True)
class PublishSettings:
    """The ``bantin-atomic`` plugin's options (``enabled`` is False when it is not in mkdocs.yml)."""

    enabled: bool = False
    lock_timeout: float = 60
    security_headers: bool = True
    csp_sources: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Settings:
    """Everything bantin knows from ``mkdocs.yml``; made by :func:`make_settings`."""

    config_file: Path  # absolute
    docs_dir: Path  # absolute
    site_name: str
    site_url: str
    site_description: str
    posts_dir: Path  # absolute
    categories: tuple[Category, ...]
    ward: Ward
    views: ViewsSettings
    publish: PublishSettings
    photos: PhotosSettings = PhotosSettings()
    # Pagefind search (header button and dialog); False: no search at all.
    search: bool = True
    # Pages set in the self-hosted Be Vietnam Pro; False: the reader's system font.
    web_font: bool = False
    # Bản tin (periodic issues); None unless ``bulletins: enabled: true``.
    bulletins: BulletinSettings | None = None
    url_format: str = "{year}/{month}/{day}/{slug}/"
    per_page: int = 10
    latest_count: int = 6
    related_count: int = 5
    home_block_count: int = 4
    feed_count: int = 20
    home_figures_count: int = 4
    most_read_count: int = 5
    # What is wrong in mkdocs.yml; errors stop a build like errors in posts do.
    problems: tuple[Problem, ...] = ()

    @property
    def root(self) -> Path:
        """The site's folder: where ``mkdocs.yml`` is."""
        return self.config_file.parent

    def load_options(
        self,
        *,
        include_drafts: bool,
        now: datetime,
        indicator_parser: IndicatorParser | None = None,
        parsed: ParsedPosts | None = None,
        split: Callable[[int], bool] | None = None,
    ) -> LoadOptions:
        """What the post loader needs from the settings."""
        return LoadOptions(
            root=self.root,
            posts_dir=self.posts_dir,
            docs_dir=self.docs_dir,
            now=now,
            categories=self.categories,
            include_drafts=include_drafts,
            url_format=self.url_format,
            indicator_parser=indicator_parser,
            parsed=parsed,
            split=split,
        )


def build_now() -> datetime:
    """The build's "now": ``SOURCE_DATE_EPOCH`` when set, so a rebuild decides scheduled posts alike."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), VIETNAM)
    return datetime.now(VIETNAM)


def declared_categories(
    items: Sequence[Mapping[str, Any]], config_name: str
) -> tuple[list[Category], list[Problem]]:
    """Categories from ``mkdocs.yml`` in their declared order; duplicate slugs are errors."""
    categories: list[Category] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for index, item in enumerate(items):
        name = clean_line(item["name"])
        slug = item.get("slug") or slugify(name)
        if not slug or slug != slugify(slug):
            problems.append(
                Problem(
                    config_name,
                    f"chuyên mục “{name}” có slug “{slug}” không hợp lệ; dùng chữ thường không dấu và "
                    f"dấu gạch ngang, ví dụ: {slugify(name) or 'tin-tuc'}",
                    field="categories",
                )
            )
            continue
        if slug in seen:
            problems.append(
                Problem(
                    config_name,
                    f"hai chuyên mục “{seen[slug]}” và “{name}” có cùng đường dẫn “{slug}”; "
                    "đặt 'slug' khác nhau cho chúng.",
                    field="categories",
                )
            )
            continue
        seen[slug] = name
        order = item.get("order")
        categories.append(
            Category(
                name,
                slug,
                clean_line(item.get("description") or ""),
                order if order is not None else index,
            )
        )
    return categories, problems


def make_settings(
    *,
    config_file: Path,
    docs_dir: Path,
    site_name: str,
    site_url: str | None,
    site_description: str | None,
    use_directory_urls: bool,
    bantin: Mapping[str, Any],
    publish: Mapping[str, Any] | None,
) -> Settings:
    """Check and convert the values of ``mkdocs.yml``; what is wrong goes into ``problems``.

    ``bantin`` holds the ``bantin`` plugin's options (every key present, as
    MkDocs' config classes leave them), ``publish`` the ``bantin-atomic``
    plugin's, or ``None`` when that plugin is not enabled.
    """
    config_file = config_file.resolve()
    name = config_file.name
    root = config_file.parent
    problems: list[Problem] = []
    if not use_directory_urls:
        problems.append(
            Problem(
                name,
                "bantin cần mỗi trang một thư mục riêng (địa chỉ dạng /2020/10/13/ten-bai/). "
                "Xoá dòng 'use_directory_urls: false' khỏi mkdocs.yml (hoặc đổi thành true) "
                "rồi dựng lại.",
                field="use_directory_urls",
            )
        )
    categories, category_problems = declared_categories(bantin["categories"], name)
    problems += category_problems
    views = bantin["views"]
    counter = views["counter_url"].strip()
    if counter and not counter.lower().startswith(("https://", "http://")):
        problems.append(
            Problem(
                name,
                f"views.counter_url “{counter}” phải là địa chỉ bắt đầu bằng https://, "
                "ví dụ: https://thongke.phucloi.example.vn. Để trống nếu không dùng bộ đếm trực tiếp.",
                field="views.counter_url",
            )
        )
    search = bool(bantin.get("search", True))
    publish_settings, publish_problems = _publish(publish, name, search=search)
    problems += publish_problems
    problems += _counter_csp(counter, publish_settings, name)
    ward_settings = _ward(bantin["ward"], site_name)
    bulletins, bulletin_problems = _bulletins(bantin.get("bulletins"), ward_settings, root, name)
    problems += bulletin_problems
    return Settings(
        config_file=config_file,
        docs_dir=(root / docs_dir).resolve(),
        site_name=site_name,
        site_url=site_url or "",
        site_description=site_description or "",
        posts_dir=root / bantin["posts_dir"],
        categories=tuple(categories),
        ward=ward_settings,
        views=ViewsSettings(data_file=root / views["data_file"], counter_url=views["counter_url"]),
        publish=publish_settings,
        bulletins=bulletins,
        search=search,
        web_font=bool(bantin.get("web_font", False)),
        photos=PhotosSettings(**{**bantin["photos"], "widths": tuple(bantin["photos"]["widths"])}),
        url_format=bantin["url_format"],
        per_page=bantin["per_page"],
        latest_count=bantin["latest_count"],
        related_count=bantin["related_count"],
        home_block_count=bantin["home_block_count"],
        feed_count=bantin["feed_count"],
        home_figures_count=bantin["home_figures_count"],
        most_read_count=bantin["most_read_count"],
        problems=tuple(problems),
    )


def _ward(options: Mapping[str, Any], site_name: str) -> Ward:
    return Ward(
        name=clean_line(options["name"] or site_name),
        agency=clean_line(options["agency"]),
        address=clean_line(options["address"]),
        phone=clean_line(options["phone"]),
        email=clean_line(options["email"]),
        slogan=clean_line(options["slogan"]),
    )


def _bulletins(
    options: Mapping[str, Any] | None, ward: Ward, root: Path, config_name: str
) -> tuple[BulletinSettings | None, list[Problem]]:
    """The ``bulletins`` options, checked; ``None`` when bulletins are off."""
    if not options or not options["enabled"]:
        return None, []
    problems: list[Problem] = []
    start = None
    if options["start"].strip():
        try:
            start = Period.parse(options["start"], options["period"])
        except PeriodError as exc:
            problems.append(Problem(config_name, str(exc), field="bulletins.start"))
    if options["first_number"] < 1:
        problems.append(
            Problem(
                config_name,
                f"số đầu tiên {options['first_number']} không hợp lệ; dùng số nguyên dương, ví dụ 1.",
                field="bulletins.first_number",
            )
        )
    ward_name = ward.name[:1].lower() + ward.name[1:] if ward.name else ""
    settings = BulletinSettings(
        folder=root / options["folder"],
        period=options["period"],
        numbering=options["numbering"],
        first_number=options["first_number"],
        start=start,
        notices=options["notices"],
        digest=options["digest"],
        name=options["name"].strip() or f"Bản tin {ward_name}".strip(),
        pdf=options["pdf"],
        cache_dir=root / options["pdf_cache"],
    )
    return settings, problems


def _publish(
    options: Mapping[str, Any] | None, config_name: str, *, search: bool
) -> tuple[PublishSettings, list[Problem]]:
    if options is None:
        return PublishSettings(enabled=False), []
    timeout = options["lock_timeout"]
    problems = []
    if isinstance(timeout, bool) or timeout < 0:
        problems.append(
            Problem(
                path=config_name,
                field="bantin-atomic.lock_timeout",
                message=f"phải là số giây không âm, không phải {timeout!r}. Ví dụ: lock_timeout: 60",
            )
        )
        timeout = 0
    settings = PublishSettings(
        enabled=bool(options["enabled"]),
        lock_timeout=timeout,
        security_headers=bool(options["security_headers"]),
        csp_sources=_with_search(
            {k: tuple(v) for k, v in options["csp_sources"].items()}, search=search
        ),
    )
    return settings, problems


def _with_search(
    sources: dict[str, tuple[str, ...]], *, search: bool
) -> dict[str, tuple[str, ...]]:
    """Pagefind search runs WebAssembly: the CSP's ``script-src`` must allow compiling it."""
    script = sources.get("script-src", ())
    if search and WASM_SOURCE not in script:
        sources = {**sources, "script-src": (*script, WASM_SOURCE)}
    return sources


def _counter_csp(counter: str, publish: PublishSettings, config_name: str) -> list[Problem]:
    """A live counter on another origin needs the security headers to allow it."""
    if not counter or not publish.enabled or not publish.security_headers:
        return []
    origin = "/".join(counter.split("/")[:3])
    if origin in publish.csp_sources.get("connect-src", ()):
        return []
    return [
        Problem(
            config_name,
            f"bộ đếm lượt xem {origin} sẽ bị chính sách bảo mật (CSP) chặn. "
            f"Thêm vào plugin bantin-atomic: csp_sources: {{connect-src: [{origin}]}}",
            field="views.counter_url",
            severity=Severity.WARNING,
        )
    ]
