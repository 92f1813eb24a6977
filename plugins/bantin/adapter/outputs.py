"""Files of a news site that are not pages: redirects from old URLs and RSS feeds.

Both are drawn from bantin's templates (``bantin/templates/``). ``check_output_paths`` makes
sure that, with everything added, no two sources write one output file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..core.text import fold_key
from ..feeds.model import build_feed
from ..news.model import NewsModel
from ..posts.model import Post


def alias_output(alias: str) -> str:
    """Where an old URL's redirect page is written: ``x.html`` as is, anything else as ``x/index.html``."""
    if alias.lower().endswith((".html", ".htm")):
        return alias
    return alias.rstrip("/") + "/index.html"


def redirect_files(env: Environment, config: MkDocsConfig, posts: Iterable[Post]) -> Iterator[File]:
    """One small page per old URL (``aliases``), sending readers to the article."""
    template = env.get_template("redirect.html")
    for post in posts:
        for alias in post.aliases:
            output = alias_output(alias)
            target = "../" * output.count("/") + post.url
            html = template.render(post=post, target=target, config=config)
            yield File.generated(config, output, content=html)


def feed_files(env: Environment, config: MkDocsConfig, model: NewsModel) -> Iterator[File]:
    """``rss.xml`` for the whole site and ``chuyen-muc/<slug>/rss.xml`` for each category."""
    template = env.get_template("feeds/rss.xml")
    settings, news = model.settings, model.news
    common = partial(
        build_feed,
        site_url=settings.site_url,
        lead=model.site.lead,
        count=settings.feed_count,
        now=model.site.now,
    )
    feeds = [
        common(
            path="rss.xml",
            title=settings.site_name,
            description=settings.site_description or settings.site_name,
            posts=news.posts,
        )
    ]
    for category in news.categories:
        feeds.append(
            common(
                path=f"{category.url}rss.xml",
                title=f"{category.name} - {settings.site_name}",
                description=category.description or category.name,
                posts=news.in_category(category),
            )
        )
    for feed in feeds:
        yield File.generated(config, feed.path, content=template.render(feed=feed))


def _describe(file: File) -> str:
    if file.generated_by is None:
        return f"tệp docs/{file.src_uri}"
    origin = file.src_uri
    return f"trang do bantin tạo ({origin})"


def check_output_paths(files: Files) -> None:
    """No two sources may write one output file, compared without case or Unicode form.

    A static host on Windows or macOS, or a reader typing a URL, would not tell
    ``Tin/`` from ``tin/``; MkDocs itself would let the later file silently win.
    """
    seen: dict[str, File] = {}
    for file in files:
        key = fold_key(file.dest_uri)
        other = seen.get(key)
        if other is not None and other is not file:
            raise ValueError(
                f"{_describe(other)} và {_describe(file)} cùng ghi ra “{file.dest_uri}”. "
                "Đổi tên một trong hai (hoặc đổi 'slug'/'aliases' của bài) để mỗi trang có địa chỉ riêng."
            )
        seen[key] = file
