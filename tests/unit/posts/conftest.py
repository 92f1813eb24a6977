"""Shared set-up for the post-reading tests: the demo's five categories and a fixed clock."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from bantin.core.dates import VIETNAM
from bantin.core.text import slugify
from bantin.posts.loader import LoadOptions
from bantin.posts.model import Category

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "posts"

# The categories declared in the repository's mkdocs.yml.
CATEGORY_NAMES = (
    "Tin tức - Sự kiện",
    "Bài viết chuyên sâu",
    "Dân vận chính quyền",
    "Mặt trận - Đoàn thể",
    "Thông báo",
)
CATEGORIES = tuple(Category(name, slugify(name), order=i) for i, name in enumerate(CATEGORY_NAMES))
NOW = datetime(2026, 1, 1, 0, 0, tzinfo=VIETNAM)


def options_for(root: Path, **overrides: object) -> LoadOptions:
    """Load options for a site rooted at ``root`` (posts/ and docs/ inside it)."""
    settings: dict[str, object] = {
        "root": root,
        "posts_dir": root / "posts",
        "docs_dir": root / "docs",
        "now": NOW,
        "categories": CATEGORIES,
    }
    settings.update(overrides)
    return LoadOptions(**settings)  # type: ignore[arg-type]
