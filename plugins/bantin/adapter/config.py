"""Typed configuration of the ``bantin`` plugin in ``mkdocs.yml``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class CategoryConfig(base.Config):
    name = c.Type(str)
    slug = c.Optional(c.Type(str))
    description = c.Type(str, default="")
    order = c.Optional(c.Type(int))


class WardConfig(base.Config):
    """Who publishes the site: shown in the header and footer."""

    name = c.Type(str, default="")
    agency = c.Type(str, default="")
    address = c.Type(str, default="")
    phone = c.Type(str, default="")
    email = c.Type(str, default="")
    slogan = c.Type(str, default="")


class ViewsConfig(base.Config):
    data_file = c.Type(str, default="data/views.json")
    # GoatCounter-compatible endpoint, e.g. https://stats.example.vn ; off when empty.
    counter_url = c.Type(str, default="")


class BantinConfig(base.Config):
    posts_dir = c.Type(str, default="posts")
    categories = c.ListOfItems(c.SubConfig(CategoryConfig), default=[])
    ward = c.SubConfig(WardConfig)
    views = c.SubConfig(ViewsConfig)
    per_page = c.Type(int, default=10)
    latest_count = c.Type(int, default=6)
    related_count = c.Type(int, default=5)
    home_block_count = c.Type(int, default=4)
    feed_count = c.Type(int, default=20)
    home_figures_count = c.Type(int, default=4)
    most_read_count = c.Type(int, default=5)
    url_format = c.Type(str, default="{year}/{month}/{day}/{slug}/")
