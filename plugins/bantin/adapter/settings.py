"""From the plugin's MkDocs configuration to the engine-free load options."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from ..core.dates import VIETNAM
from ..core.errors import Problem
from ..core.text import clean_line, slugify
from ..news.context import Ward
from ..posts.loader import LoadOptions
from ..posts.model import Category
from .config import BantinConfig


def declared_categories(
    cfg: BantinConfig, config_file: str
) -> tuple[list[Category], list[Problem]]:
    """Categories from ``mkdocs.yml`` in their declared order; duplicate slugs are errors."""
    categories: list[Category] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for index, item in enumerate(cfg.categories):
        name = clean_line(item.name)
        slug = item.slug or slugify(name)
        if not slug or slug != slugify(slug):
            problems.append(
                Problem(
                    config_file,
                    f"chuyên mục “{name}” có slug “{slug}” không hợp lệ; dùng chữ thường không dấu và "
                    f"dấu gạch ngang, ví dụ: {slugify(name) or 'tin-tuc'}",
                    field="categories",
                )
            )
            continue
        if slug in seen:
            problems.append(
                Problem(
                    config_file,
                    f"hai chuyên mục “{seen[slug]}” và “{name}” có cùng đường dẫn “{slug}”; "
                    "đặt 'slug' khác nhau cho chúng.",
                    field="categories",
                )
            )
            continue
        seen[slug] = name
        order = item.order if item.order is not None else index
        categories.append(Category(name, slug, clean_line(item.description), order))
    return categories, problems


def build_now() -> datetime:
    """The build's "now": ``SOURCE_DATE_EPOCH`` when set, so a rebuild decides scheduled posts alike."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), VIETNAM)
    return datetime.now(VIETNAM)


def load_options(
    cfg: BantinConfig,
    *,
    config_file: str,
    docs_dir: str,
    categories: list[Category],
    include_drafts: bool,
    now: datetime | None = None,
    indicator_parser=None,
) -> LoadOptions:
    root = Path(config_file).resolve().parent
    return LoadOptions(
        root=root,
        posts_dir=(root / cfg.posts_dir),
        docs_dir=Path(docs_dir),
        now=now or build_now(),
        categories=tuple(categories),
        include_drafts=include_drafts,
        url_format=cfg.url_format,
        indicator_parser=indicator_parser,
    )


def ward(cfg: BantinConfig, site_name: str) -> Ward:
    w = cfg.ward
    return Ward(
        name=clean_line(w.name or site_name),
        agency=clean_line(w.agency),
        address=clean_line(w.address),
        phone=clean_line(w.phone),
        email=clean_line(w.email),
        slogan=clean_line(w.slogan),
    )
