"""Read an imported post the way ``bantin check`` does: the real loader and indicator parser."""

from __future__ import annotations

from pathlib import Path

from bantin.core.errors import Problem
from bantin.core.text import slugify
from bantin.indicators.parse import parse_indicators
from bantin.posts.frontmatter import read_post
from bantin.posts.loader import LoadOptions, build_post
from bantin.posts.model import Category, Post

from .conftest import CATEGORIES, NOW


def check_post(path: Path, root: Path) -> tuple[Post | None, list[Problem]]:
    options = LoadOptions(
        root=root,
        posts_dir=root / "posts",
        docs_dir=root / "docs",
        now=NOW,
        categories=tuple(Category(name, slugify(name)) for name in CATEGORIES),
        include_drafts=True,
        indicator_parser=parse_indicators,
    )
    raw = read_post(path, path.relative_to(root).as_posix())
    return build_post(raw, path, options)
