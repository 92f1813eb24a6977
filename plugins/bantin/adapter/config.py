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


class PhotosConfig(base.Config):
    """Photo processing (``bantin.images``): widths, qualities, cache, share picture."""

    widths = c.ListOfItems(c.Type(int), default=[480, 800, 1200, 1600])
    webp_quality = c.Type(int, default=72)
    jpeg_quality = c.Type(int, default=78)
    avif = c.Type(bool, default=False)
    # Also publish the full-size photo (still without EXIF) and link it under the lightbox.
    originals = c.Type(bool, default=False)
    cache_dir = c.Type(str, default=".cache/bantin-anh")
    # A picture of the site owner's own for shares of pages without a photo; default: drawn.
    share_image = c.Type(str, default="")
    share_colour = c.Type(str, default="#b3121f")


class BulletinsConfig(base.Config):
    """Bản tin: periodic issues compiled from the posts (off unless ``enabled: true``)."""

    enabled = c.Type(bool, default=False)
    period = c.Choice(("month", "quarter"), default="month")
    numbering = c.Choice(("year", "running"), default="year")
    first_number = c.Type(int, default=1)
    start = c.Type(str, default="")  # first period with an issue: 2019-10 or 2019-q4
    notices = c.Type(str, default="Thông báo")
    digest = c.Type(bool, default=False)
    folder = c.Type(str, default="bulletins")
    name = c.Type(str, default="")  # default: "Bản tin " + the ward's name
    pdf = c.Type(bool, default=True)
    pdf_cache = c.Type(str, default=".cache/bantin/pdf")


class BantinConfig(base.Config):
    posts_dir = c.Type(str, default="posts")
    categories = c.ListOfItems(c.SubConfig(CategoryConfig), default=[])
    ward = c.SubConfig(WardConfig)
    views = c.SubConfig(ViewsConfig)
    photos = c.SubConfig(PhotosConfig)
    bulletins = c.SubConfig(BulletinsConfig)
    per_page = c.Type(int, default=10)
    latest_count = c.Type(int, default=6)
    related_count = c.Type(int, default=5)
    home_block_count = c.Type(int, default=4)
    feed_count = c.Type(int, default=20)
    home_figures_count = c.Type(int, default=4)
    most_read_count = c.Type(int, default=5)
    url_format = c.Type(str, default="{year}/{month}/{day}/{slug}/")
    # Pagefind search (header button and dialog); off: no search at all.
    search = c.Type(bool, default=True)
    # Pages in the site's own Be Vietnam Pro (about 100 KB of font files on a
    # first visit) instead of the reader's system font (nothing to download).
    web_font = c.Type(bool, default=False)
