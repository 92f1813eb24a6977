"""Rules across all posts: one address per post, one slug per tag, the categories used."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..core.errors import Problem
from ..core.memo import NoMemo, PerObject
from ..core.text import fold_key
from .model import Category, Post, Tag
from .tags import tag_slugs


def check_unique(posts: Iterable[Post], reserved: Iterable[str] = ()) -> list[Problem]:
    """Two sources may never write one output path: URLs and aliases, case- and form-insensitive.

    ``reserved`` are paths the site itself uses; an alias may take neither one
    of them nor anything under it (``chuyen-muc/thong-bao/`` is the site's).
    """
    problems: list[Problem] = []
    taken: dict[str, int] = {}  # reserved path -> its place in ``reserved``
    for r in reserved:
        taken.setdefault(fold_key(r), len(taken))
    owners: dict[str, str] = {}
    for post in posts:
        targets = [(post.url, "slug")] + [(a, "aliases") for a in post.aliases]
        for target, name in targets:
            key = fold_key(target.rstrip("/").removesuffix("/index.html"))
            # The reserved paths that are ``key`` or one of its folders, the first one named.
            parts = key.split("/")
            inside = [
                p for p in ("/".join(parts[:n]) for n in range(1, len(parts) + 1)) if p in taken
            ]
            site_path = min(inside, key=taken.__getitem__) if inside else None
            owner = (
                f"đường dẫn dành riêng của trang “{site_path}”" if site_path else owners.get(key)
            )
            if owner:
                problems.append(
                    Problem(
                        post.path,
                        f"đường dẫn “{target}” trùng với {owner}. "
                        "Đổi 'slug' (hoặc bỏ đường dẫn cũ trùng) để mỗi bài có một địa chỉ riêng.",
                        field=name,
                    )
                )
            else:
                owners[key] = f"bài {post.path}"
    return problems


def with_tag_slugs(
    *groups: list[Post], memo: PerObject[Post, Post] | None = None
) -> tuple[list[Post], ...]:
    """Give every tag its site-wide slug (:func:`.tags.tag_slugs`), scheduled posts included,
    so a tag's URL does not change on the day a scheduled post goes live."""
    slugs = tag_slugs(tag.name for group in groups for post in group for tag in post.tags)
    kept = memo if memo is not None else NoMemo[Post, Post]()

    def retag(post: Post) -> Post:
        wanted = tuple(slugs[fold_key(tag.name)] for tag in post.tags)
        if wanted == tuple(tag.slug for tag in post.tags):
            return post
        return kept.get(
            post,
            lambda p: replace(
                p, tags=tuple(Tag(t.name, s) for t, s in zip(p.tags, wanted, strict=True))
            ),
            wanted,
        )

    return tuple([retag(post) for post in group] for group in groups)


def categories_of(posts: Iterable[Post]) -> list[Category]:
    """The categories posts name, when the site declares none: one per slug, alphabetical."""
    found: dict[str, Category] = {}
    for post in sorted(posts, key=lambda p: p.key):
        found.setdefault(post.category.slug, post.category)
    ordered = sorted(found.values(), key=lambda c: fold_key(c.name))
    return [Category(c.name, c.slug, c.description, order) for order, c in enumerate(ordered)]
