"""Photos of a news build: processed once, published once, drawn by ``partials/photo.html``.

The work is in :mod:`bantin.images` (no MkDocs there). This module decides
which files a post's photos become (``anh/<name>-<key>-<width>.webp`` …),
swaps raster images MkDocs copies from ``docs/`` for stripped copies, and
gives templates a :class:`Picture` with every URL relative to the page.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..core.errors import Problem
from ..images.cache import PhotoCache
from ..images.markup import BodyImage, rewrite_photos
from ..images.model import PhotoSet, Variant
from ..images.process import PhotoError
from ..images.settings import PROCESSED_SUFFIXES, PhotoSettings
from ..images.share import CardFonts, default_card
from ..news.settings import PhotosSettings
from ..posts.model import Image, Post

PHOTO_DIR = "anh"
# What the browser needs to pick a width before layout (CSS in bantin.css):
# the article column is at most 680 px; card thumbnails 38 % of a phone, 13rem on wider screens.
SIZES = {
    "article": "(min-width: 45em) 680px, 100vw",
    "thumb": "(min-width: 45em) 260px, 38vw",
    "featured": "(min-width: 45em) 540px, 100vw",
}
_FONT = "assets/fonts/be-vietnam-pro-{subset}-{weight}-normal.woff2"


@dataclass(frozen=True)
class Source:
    mime: str
    srcset: str


@dataclass(frozen=True)
class Picture:
    """One photo as a page shows it: every URL already relative to that page."""

    sources: tuple[Source, ...]
    src: str
    srcset: str
    width: int
    height: int
    sizes: str
    zoom: str  # the large copy the lightbox opens
    original: str  # the full-size stripped original ("" unless photos.originals)


@dataclass(frozen=True)
class ShareImage:
    """``og:image``: a site-root-relative URL and its size."""

    url: str
    width: int
    height: int
    alt: str


def settings_from(cfg: PhotosSettings) -> PhotoSettings:
    return PhotoSettings(
        widths=tuple(cfg.widths),
        webp_quality=cfg.webp_quality,
        jpeg_quality=cfg.jpeg_quality,
        avif=cfg.avif,
        originals=cfg.originals,
    )


def is_processed(path: Path) -> bool:
    return path.suffix.lower() in PROCESSED_SUFFIXES


class _HideExcludedPhotoLinks(logging.Filter):
    """MkDocs notes every link to an excluded file; links to photo originals are meant."""

    def __init__(self) -> None:
        super().__init__()
        self.uris: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "excluded from the built site" not in message:
            return True
        return not any(f"'{uri}'" in message for uri in self.uris)


_LINK_NOTICES = _HideExcludedPhotoLinks()
logging.getLogger("mkdocs.structure.pages").addFilter(_LINK_NOTICES)


class SitePhotos:
    """The photos of one build."""

    def __init__(
        self, cfg: PhotosSettings, root: Path, config_file: str, cache: PhotoCache | None = None
    ) -> None:
        """``cache``: the last build's, when the photo settings are the same (``bantin serve``)."""
        self.cfg = cfg
        self.config_file = config_file
        self.cache = cache or PhotoCache(root / cfg.cache_dir, settings_from(cfg))
        self.by_source: dict[Path, PhotoSet] = {}
        self.default_share: ShareImage | None = None
        self._share_file: File | None = None

    # -- collecting and publishing -------------------------------------------------

    def collect(self, posts: Iterable[Post]) -> list[Problem]:
        """Process (or find in the cache) every photo the posts use."""
        problems: list[Problem] = []
        posts = list(posts)
        used: dict[Path, Post] = {}
        for post in posts:
            sources = [a.source for a in post.attachments]
            if post.image is not None:
                sources.append(post.image.source)
            for source in sources:
                if is_processed(source):
                    used.setdefault(source, post)
        # Encode what the cache lacks in parallel first; then each photo in turn (from the cache).
        with contextlib.suppress(PhotoError, OSError):
            self.cache.photos(used)
        for source, post in used.items():
            try:
                self.by_source[source] = self.cache.photo(source)
            except (PhotoError, OSError) as exc:
                problems.append(Problem(post.path, f"ảnh “{source.name}”: {exc}"))
        return problems

    @staticmethod
    def hide_link_notice(uri: str) -> None:
        _LINK_NOTICES.uris.add(uri)

    def handles(self, source: Path) -> bool:
        """Published through the pipeline: the original file itself is not."""
        return source in self.by_source

    def add_files(
        self,
        files: Files,
        config: MkDocsConfig,
        ward_name: str,
        make_file: Callable[..., File] = File.generated,
    ) -> None:
        """Each distinct photo's copies once, stripped docs/ images, the default share picture."""
        published: set[str] = set()
        for photo in self.by_source.values():
            for variant in photo.files():
                uri = self.uri(variant)
                if uri not in published:
                    published.add(uri)
                    files.append(
                        make_file(config, uri, abs_src_path=str(self.cache.path(photo, variant)))
                    )
        self._strip_docs_images(files, config)
        self._add_default_share(files, config, ward_name)
        self.cache.save()

    def _strip_docs_images(self, files: Files, config: MkDocsConfig) -> None:
        """Photos under docs/ are published at their own paths, but without EXIF."""
        docs = Path(config.docs_dir).resolve()
        for file in list(files):
            source = file.abs_src_path
            if not source or file.generated_by or not is_processed(Path(source)):
                continue
            if not Path(source).resolve().is_relative_to(docs):
                continue  # the theme's own images (Material's favicon…) carry no camera data
            fmt = Path(source).suffix.lower().lstrip(".").replace("jpeg", "jpg")
            try:
                stripped = self.cache.stripped(Path(source), fmt)
            except (PhotoError, OSError):
                continue  # not a photo Pillow reads: MkDocs copies it; the loader judged it already
            files.remove(file)
            files.append(File.generated(config, file.src_uri, abs_src_path=str(stripped)))

    def _add_default_share(self, files: Files, config: MkDocsConfig, ward_name: str) -> None:
        own = self.cfg.share_image.strip()
        alt = ward_name or config.site_name
        if own:
            path = Path(config.docs_dir) / own
            if not path.is_file():
                raise ValueError(
                    f"{self.config_file}: photos.share_image “{own}” không có trong docs/. "
                    "Chép ảnh (1200×630 px) vào docs/ hoặc bỏ dòng này để dùng ảnh tự tạo."
                )
            photo = self.cache.photo(path)
            self.default_share = ShareImage(
                self.uri(photo.share), photo.share.width, photo.share.height, alt
            )
            files.append(
                File.generated(
                    config,
                    self.uri(photo.share),
                    abs_src_path=str(self.cache.path(photo, photo.share)),
                )
            )
            return
        fonts = _card_fonts(config)
        if fonts is None:
            return
        logo = _theme_file(config, config.theme.get("logo") or "")
        subtitle = config.site_name if config.site_name != alt else ""
        body = default_card(alt, subtitle, fonts, logo=logo, colour=self.cfg.share_colour)
        name = f"{PHOTO_DIR}/chia-se-{hashlib.sha256(body).hexdigest()[:10]}.jpg"
        self.default_share = ShareImage(name, 1200, 630, alt)
        files.append(File.generated(config, name, content=body))

    # -- for templates and bodies -----------------------------------------------------

    @staticmethod
    def uri(variant: Variant) -> str:
        return f"{PHOTO_DIR}/{variant.name}"

    def of(self, image: Image | None) -> PhotoSet | None:
        return self.by_source.get(image.source) if image is not None else None

    def picture(
        self, image: Image | PhotoSet | None, page_url: str, kind: str = "article", limit: int = 0
    ) -> Picture | None:
        """What ``partials/photo.html`` draws; ``limit`` keeps thumbnails to small widths."""
        photo = image if isinstance(image, PhotoSet) else self.of(image)
        if photo is None:
            return None

        def rel(variant: Variant) -> str:
            return get_relative_url(self.uri(variant), page_url)

        def pick(fmt: str) -> tuple[Variant, ...]:
            chosen = photo.of_format(fmt)
            small = tuple(v for v in chosen if not limit or v.width <= limit)
            return small or chosen[:1]

        def srcset(variants: tuple[Variant, ...]) -> str:
            return ", ".join(f"{rel(v)} {v.width}w" for v in variants)

        fallback = pick(photo.formats[-1])
        sources = tuple(
            Source(photo.of_format(fmt)[0].mime, srcset(pick(fmt))) for fmt in photo.formats[:-1]
        )
        middle = next((v for v in fallback if v.width >= 800), fallback[-1])
        return Picture(
            sources=sources,
            src=rel(middle),
            srcset=srcset(fallback),
            width=fallback[-1].width,
            height=fallback[-1].height,
            sizes=SIZES.get(kind, SIZES["article"]),
            zoom=rel(photo.largest),
            original=rel(photo.original) if photo.original else "",
        )

    def share_image(self, post: Post | None) -> ShareImage | None:
        """``og:image`` of a page: the post's cover cropped to 1200×630, else the site's picture."""
        photo = self.of(post.image) if post is not None else None
        if post is not None and photo is not None:
            alt = (post.image.caption if post.image is not None else "") or post.title
            return ShareImage(self.uri(photo.share), photo.share.width, photo.share.height, alt)
        return self.default_share

    def body_sources(self, post: Post) -> dict[str, PhotoSet]:
        """The post's body references (as written) that point at processed photos."""
        found: dict[str, PhotoSet] = {}
        for attachment in post.attachments:
            photo = self.by_source.get(attachment.source)
            if photo is not None:
                found[str(PurePosixPath(unquote(attachment.target)))] = photo
        return found

    def rewrite(self, html: str, post: Post, page: Page, env: Environment) -> str:
        """Every body photo becomes ``partials/photo.html``; plain links get the stripped copy."""
        known = self.body_sources(post)
        if not known:
            return html
        template = env.get_template("partials/photo.html")
        base = get_relative_url(".", page.url)
        eager_first = post.image is None

        def resolve(ref: str) -> PhotoSet | None:
            return known.get(str(PurePosixPath(ref))) if ref else None

        def draw(image: BodyImage[PhotoSet]) -> str:
            return template.render(
                picture=self.picture(image.photo, page.url),
                alt=image.alt,
                caption=image.title or image.alt,
                eager=eager_first and image.index == 0,
                zoom=not image.in_link,
                page=page,
                base_url=base,
            ).strip()

        def link(photo: PhotoSet) -> str:
            return get_relative_url(self.uri(photo.download), page.url)

        return rewrite_photos(html, resolve, draw, link)


def _theme_file(config: MkDocsConfig, name: str) -> Path | None:
    """A file of the theme or of docs/ (docs first, as MkDocs resolves it)."""
    if not name:
        return None
    for folder in [config.docs_dir, *config.theme.dirs]:
        candidate = Path(folder) / name
        if candidate.is_file():
            return candidate
    return None


def _card_fonts(config: MkDocsConfig) -> CardFonts | None:
    paths = [
        _theme_file(config, _FONT.format(subset=subset, weight=weight))
        for weight in ("400", "700")
        for subset in ("latin", "vietnamese")
    ]
    if any(p is None for p in paths):
        return None
    latin, vietnamese, latin_bold, vietnamese_bold = paths
    return CardFonts(latin, vietnamese, latin_bold, vietnamese_bold)  # type: ignore[arg-type]
