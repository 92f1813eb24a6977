"""Heading anchors slugged like post URLs: "Thi đua" → ``#thi-dua`` (toc's default gives ``#thi-ua``)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from ..core.text import slugify


def heading_slug(value: str, separator: str = "-") -> str:
    """Python-Markdown's ``toc`` slugify signature, bantin's Vietnamese slug."""
    slug = slugify(value)
    if separator != "-":
        slug = slug.replace("-", separator)
    return slug or "muc"


def use_vietnamese_heading_ids(config: MkDocsConfig) -> None:
    """Give ``toc`` bantin's slugify unless the site set its own in mkdocs.yml."""
    if "toc" not in config.markdown_extensions:
        return
    options = config.mdx_configs.setdefault("toc", {})
    options.setdefault("slugify", heading_slug)
