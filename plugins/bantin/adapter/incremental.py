"""``bantin serve``: a preview that follows a save in about a second, whatever the archive's size.

``mkdocs serve`` builds the whole site again on every save: tens of seconds
at 10,000 posts (issue 11). ``bantin serve`` runs MkDocs' own preview server
in its ``--dirty`` mode, in which MkDocs asks each file ``is_modified()``
before it reads the file's Markdown and before it draws its page. bantin
answers for every page:

* the first build draws every page, as ``mkdocs build`` does;
* after a save the news model is made again (a post's file is parsed again
  only when its bytes changed, :mod:`bantin.posts.cache`), and MkDocs reads
  only the pages of the navigation (their titles are printed on every page)
  and the articles whose Markdown is new (their lead, the first paragraph
  that cards and feeds print, is needed at once). **No page is drawn.**
  Every page is marked stale instead and drawn when the browser asks for
  it (:meth:`IncrementalPreview.serve_fresh`), by MkDocs' own functions
  with this build's environment, navigation, files and plugins: the page
  served is the page a clean build writes (``tests/e2e/test_preview_incremental``
  compares them byte for byte after a sequence of edits);
* output files of pages, feeds and photos that the new build no longer has
  are deleted, so the browser gets the 404 page.

When only posts changed, a save does not run MkDocs' build at all: the site
is refreshed in place (:mod:`.refresh`), with the state kept here.

What a save does not redo: the search index and the bulletins' PDFs (both
kept from the first build; ``make build`` makes them from the current posts).

Each article's lead is cached between builds with its Markdown, for one
*generation*: the Markdown extensions and their settings
in ``mkdocs.yml`` and bantin's version (:func:`markdown_generation`). A new
generation starts afresh. Templates need no key: no page is kept across builds.

MkDocs 1.x is no longer developed (bantin pins ``mkdocs<2``): the two
functions used to read and draw one page, ``_populate_page`` and
``_build_page`` of ``mkdocs.commands.build``, are the ones its own build
loop calls.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.commands.build import _build_page, _build_theme_template, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .. import __version__
from ..posts.cache import ParsedPosts

log = get_plugin_logger(__name__)

# Written by MkDocs itself on every build (``theme.static_templates``).
_THEME_OUTPUTS = ("404.html", "sitemap.xml", "sitemap.xml.gz")


def markdown_generation(config: MkDocsConfig) -> str:
    """What an article's converted text depends on besides its Markdown: the Markdown
    extensions and their settings in ``mkdocs.yml``, and bantin's version (its sanitiser).
    The rest of ``mkdocs.yml`` (site name, theme, navigation) only changes how pages are
    drawn, and no page is kept between builds."""
    settings = json.dumps(
        [list(config.markdown_extensions or []), config.mdx_configs or {}],
        sort_keys=True,
        default=lambda value: getattr(value, "__qualname__", type(value).__qualname__),
    )
    return hashlib.blake2b(f"{settings}\0{__version__}".encode(), digest_size=16).hexdigest()


@dataclass
class Build:
    """What drawing one page needs from the last build."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Environment

    @cached_property
    def shown(self) -> Sequence[File]:
        """The pages of the preview: listing them took 60 ms of every page drawn at 10,000 posts."""
        return self.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)


class IncrementalPreview:
    """The state ``bantin serve`` keeps between its builds (the plugin object survives them)."""

    def __init__(
        self,
        finish: Callable[[Page], Any],
        printed: Callable[[Page], Iterable[Page]],
    ) -> None:
        """``finish(page)``: put an article's photos and box in once it is read;
        ``printed(page)``: the pages whose finished bodies ``page`` prints (an
        issue of the bulletin prints its articles)."""
        self.finish_read = finish
        self.printed = printed
        # Held by a build and by the drawing of a page: never both at once.
        self.lock = threading.RLock()
        self.generation = ""
        self.leads: dict[str, tuple[str, str]] = {}  # src_uri -> (Markdown, lead)
        self.builds = 0
        self.phase = ""
        # Output path -> the page (or theme template) drawn on request.
        self.stale: dict[str, Page | str] = {}
        self.outputs: set[str] = set()  # every output path of the last build
        self._build: Build | None = None
        self._read: set[str] = set()  # src_uris MkDocs reads in this build
        self.templates = TemplateCodeCache()
        self.parsed = ParsedPosts()
        # For a refresh in place (:mod:`.refresh`): the last full build's files before
        # bantin added its own, the navigation bantin gave it, its inputs' stamp.
        self.memo = GeneratedFiles()
        self.base: list[File] = []
        self.nav_entries: list[Any] | None = None
        self.stamp = ""
        self._stamp = ""  # the stamp of the full build under way
        self.posts_stamp = ""  # the posts' stamp at the last refresh in place

    @property
    def rebuilding(self) -> bool:
        """After the first build: pages are drawn on request."""
        return self.builds > 0

    @property
    def last(self) -> Build | None:
        """The last build, once it is over."""
        return self._build if self.builds > 0 and not self.phase else None

    @property
    def to_read(self) -> set[str]:
        """The pages read in this build (after :meth:`choose`)."""
        return self._read

    # -- the build ------------------------------------------------------------------
    def start(self, config: MkDocsConfig) -> None:
        """A build starts: other Markdown settings or another bantin version forget every lead."""
        generation = markdown_generation(config)
        if generation != self.generation:
            self.generation = generation
            self.leads.clear()
        self.phase = "files"
        self._read = set()

    def full_build(self, stamp: str) -> None:
        """A full build starts: MkDocs makes every file and page object again."""
        self.memo.clear()
        self._stamp = stamp
        self.posts_stamp = ""

    def choose(
        self,
        files: Files,
        articles: dict[str, str],
        in_nav: Iterable[str],
        *,
        answer: bool = True,
    ) -> None:
        """Answer MkDocs' ``is_modified()`` for every page of this build.

        ``articles``: each article's source URI and Markdown. On a rebuild MkDocs
        reads the pages of the navigation and the articles whose lead is not
        known for their Markdown; it draws none. ``answer=False``: only say which
        (:attr:`to_read`), for a refresh in place that reads them itself.
        """
        if not self.rebuilding:
            return
        self._read = set(in_nav)
        for uri, markdown in articles.items():
            known = self.leads.get(uri)
            # Compared as strings: an unchanged post's body is the very same string
            # object (bantin.core.memo), so the comparison stops at once.
            if known is None or known[0] != markdown:
                self._read.add(uri)
        if not answer:
            return
        for file in files.documentation_pages():
            # An instance attribute answers in place of File.is_modified (MkDocs' dirty mode).
            file.is_modified = self._answer(file.src_uri)  # type: ignore[method-assign]

    def _answer(self, uri: str) -> Callable[[], bool]:
        return lambda: self.phase == "read" and uri in self._read

    def reading(self) -> None:
        self.phase = "read"

    def record_lead(self, page: Page, lead: str) -> None:
        self.leads[page.file.src_uri] = (page.file.content_string, lead)

    def known_lead(self, uri: str) -> str | None:
        found = self.leads.get(uri)
        return None if found is None else found[1]

    def drawing(
        self, config: MkDocsConfig, files: Files, nav: Navigation, env: Environment
    ) -> None:
        """MkDocs is about to write files (``on_env``)."""
        self.phase = "draw"
        self._build = Build(config, files, nav, env)

    def finish(
        self,
        files: Files | None,
        site_dir: str,
        templates: dict[str, str] | None = None,
        shown: Sequence[File] | None = None,
    ) -> None:
        """The build is over (``on_post_build``): pages not drawn are stale; gone outputs are deleted.

        ``templates``: theme templates (``sitemap.xml``) not drawn yet, by output path;
        ``shown``: the preview's pages, when the caller has listed them already.
        """
        self.phase = ""
        if files is None:
            return
        outputs = {f.abs_dest_path for f in files}  # normalised by MkDocs
        outputs.update(os.path.normpath(os.path.join(site_dir, name)) for name in _THEME_OUTPUTS)
        outputs.update(os.path.normpath(path) for path in (templates or {}))
        if self.rebuilding:
            root = os.path.normpath(site_dir) + os.sep
            for gone in sorted(self.outputs - outputs):
                if gone.startswith(root):
                    with contextlib.suppress(OSError):
                        os.remove(gone)
            if shown is None:
                shown = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            self.stale = {f.abs_dest_path: f.page for f in shown if f.page is not None}
            for path, name in (templates or {}).items():
                for output in (path, path + ".gz") if name == "sitemap.xml" else (path,):
                    self.stale[os.path.normpath(output)] = name
            log.info(
                f"Xem thử: đã đọc lại {len(self._read)} trang; {len(self.stale)} trang "
                "sẽ được dựng khi mở tới."
            )
        self.outputs = outputs
        self.builds += 1
        if self._stamp:
            self.stamp, self._stamp = self._stamp, ""

    # -- a page on request ----------------------------------------------------------
    def serve_fresh(self, path: str) -> None:
        """Draw the stale page whose output is ``path`` before the server reads it."""
        key = os.path.normpath(path)
        if key not in self.stale:
            return
        with self.lock:
            page = self.stale.pop(key, None)
            build = self._build
            if page is None or build is None:
                return
            if isinstance(page, str):
                for output in list(self.stale):
                    if self.stale[output] == page:
                        del self.stale[output]
                _build_theme_template(page, build.env, build.files, build.config, build.nav)
                return
            for needed in self.printed(page):
                self.read(needed)
            self.read(page)
            _build_page(
                page,
                build.config,
                build.shown,
                build.nav,
                build.env,
                excluded=page.file.inclusion.is_excluded(),
            )

    def read(self, page: Page) -> None:
        """Read, convert and finish ``page``'s Markdown if this build has not."""
        build = self._build
        if page.content is None and build is not None:
            _populate_page(page, build.config, build.files)
            self.finish_read(page)


class GeneratedFiles:
    """The generated files of the last build, made again only when what they hold changes.

    ``bantin serve``'s quick refresh (:mod:`.refresh`) keeps MkDocs' file and
    page objects of every route, photo and attachment that is the same as in
    the last build: making 25,000 of them again was most of a save's time at
    10,000 posts. A full build starts afresh (:meth:`clear`): its pages are
    made by MkDocs itself.
    """

    def __init__(self) -> None:
        self._made: dict[str, tuple[tuple[Any, ...], File]] = {}
        self.reusing = False

    def clear(self) -> None:
        self._made.clear()

    def file(
        self,
        config: MkDocsConfig,
        src_uri: str,
        *,
        content: str | bytes | None = None,
        abs_src_path: str | None = None,
        inclusion: InclusionLevel = InclusionLevel.UNDEFINED,
    ) -> File:
        """:meth:`File.generated`, or the last build's file for the same arguments."""
        key = (content, abs_src_path, inclusion)
        found = self._made.get(src_uri)
        if self.reusing and found is not None and found[0] == key:
            return found[1]
        if content is not None:
            made = File.generated(config, src_uri, content=content, inclusion=inclusion)
        else:
            assert abs_src_path is not None
            made = File.generated(config, src_uri, abs_src_path=abs_src_path, inclusion=inclusion)
        self._made[src_uri] = (key, made)
        return made


class TemplateCodeCache(BytecodeCache):
    """Compiled templates kept between builds: MkDocs makes a new Jinja environment for
    each, and compiling bantin's and Material's templates again took about a second.
    Jinja finds a template's code under the checksum of its source: an edited template
    is compiled again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class _DirtyNotice(logging.Filter):
    """MkDocs warns that a dirty build gives "inaccurate navigation": under bantin it does not."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def quiet_dirty_notice() -> None:
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _DirtyNotice) for f in logger.filters):
        logger.addFilter(_DirtyNotice())


def install(server: Any, preview: IncrementalPreview) -> None:
    """Draw stale pages as the preview server is asked for them."""
    original = server._serve_request
    if getattr(original, "bantin_fresh", False):
        return
    root = str(server.root)
    mount = str(server.mount_path)

    def serve(environ: dict[str, Any], start_response: Any) -> Any:
        path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "ignore")
        if (path + "/").startswith(mount) and preview.stale:
            relative = path[len(mount) :]
            if path.endswith("/"):
                relative += "index.html"
            relative = os.path.normpath("/" + relative).lstrip("/")
            target = os.path.join(root, relative)
            if not target.endswith(".html") and os.path.join(target, "index.html") in preview.stale:
                target = os.path.join(target, "index.html")
            try:
                preview.serve_fresh(target)
            except Exception as exc:  # the page stays as it was; the server goes on
                log.error(f"Không dựng được trang {path}: {exc}")
        return original(environ, start_response)

    serve.bantin_fresh = True  # type: ignore[attr-defined]
    server._serve_request = serve
