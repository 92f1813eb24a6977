"""Parts of pages drawn once and reused wherever they would come out the same.

A news site repeats itself: each post's card is on its category, tag, year
and month listings; the header, tabs, drawer navigation, footer and sidebar
are on every page. Drawing them again for each page was most of a build
(issue 11). ``Fragments`` keeps each drawn part under a key that holds
*everything the part's HTML depends on*, so a reused part is byte for byte
what drawing it again would give:

- the part's name and what the template passes it (heading level, lead on/off);
- every link it prints, as the page would print it: MkDocs' ``url`` filter
  makes links relative to the page, so ``2020/01/02/x/`` reads
  ``../../2020/01/02/x/`` on one page and ``../01/02/x/`` on another;
- for the navigation, whether the page is in it (the current item is marked:
  such pages are never reused);
- for the parts of Material's frame that link only to the site's own files
  (stylesheets, the ``__config`` script, scripts): the page's depth, given by
  ``base_url``.

Templates call ``{% call bantin_fragments.once(key) %}…{% endcall %}``: a
method, not a Jinja macro, because importing a macro costs a module lookup on
every page, several times a page.

The store lives for one build: the news model it draws from is rebuilt on
every build, and a part never outlives the data it was drawn from. Setting
``BANTIN_FRAGMENTS=off`` draws everything every time (the tests compare both
builds byte for byte).
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Iterable
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from mkdocs.utils import get_relative_url

# Links every page's frame prints besides the navigation's items.
FRAME_LINKS = ("", "assets/", "rss.xml", "luu-tru/", "search/", "chi-so/", "sitemap.xml")
# First folders of listing pages. Posts, photos and aliases can never start with
# them (news.routes.RESERVED), so a card's links on such a page depend only on its depth.
CARD = "partials/post-card.html"
LISTING_ROOTS = frozenset({"chuyen-muc", "the", "luu-tru", "chi-so"})


def enabled_by_default() -> bool:
    return os.environ.get("BANTIN_FRAGMENTS", "").strip().lower() not in ("off", "0", "no")


class Fragments:
    """The ``bantin_fragments`` template global: a per-build store of drawn HTML."""

    def __init__(self, *, enabled: bool | None = None) -> None:
        self.enabled = enabled_by_default() if enabled is None else enabled
        self._store: dict[tuple[Any, ...], Markup] = {}
        self._nav_pages: tuple[int, frozenset[int], tuple[str, ...]] | None = None
        self._relative_urls: dict[tuple[tuple[str, ...], str], tuple[str, ...]] = {}
        self._files: tuple[str, ...] | None = None
        self._link_roots: dict[tuple[str, ...], frozenset[str]] = {}
        self.hits = 0
        self.misses = 0

    # -- store ---------------------------------------------------------------------
    def once(self, key: tuple[Any, ...] | None, caller: Callable[[], str]) -> Markup:
        """``{% call bantin_fragments.once(key) %}``: what the call holds, drawn once per key.

        Whitespace-exact: the output is the caller's own. A ``None`` key draws it every time.
        """
        if key is not None:
            found = self._store.get(key)
            if found is not None:
                self.hits += 1
                return found
        markup = Markup(caller())
        if key is not None:
            self.misses += 1
            self._store[key] = markup
        return markup

    # -- cards ---------------------------------------------------------------------
    @pass_context
    def card(
        self, context: Context, post: Any, heading: str = "h2", show_lead: bool = True
    ) -> Markup:
        """``bantin_card(post)``: ``partials/post-card.html`` for this page, drawn once per key.

        Called instead of an ``include`` (which makes a new template context for
        every card, reused or not); the card sees what it uses: the post, the
        page and ``base_url`` (for the ``url`` filter), its heading level and
        whether it shows the lead.
        """
        page = context.get("page")
        return self.once(
            self.card_key(page, post, heading, show_lead),
            lambda: context.environment.get_template(CARD).render(
                page=page,
                base_url=context.get("base_url"),
                post=post,
                card_heading=heading,
                show_lead=show_lead,
            ),
        )

    # -- keys ----------------------------------------------------------------------
    def frame_key(self, name: str, page: Any, nav: Any, generated: bool) -> tuple[Any, ...] | None:
        """Header, tabs, drawer navigation, footer of a generated page outside the navigation."""
        if not self.enabled or not generated or not page or not nav:
            return None
        nav_ids, links = self._nav(nav)
        if id(page) in nav_ids:
            return None
        hide = tuple((page.meta or {}).get("hide") or ())
        return (name, hide, *self._relative(links, page.url))

    def head_key(
        self, name: str, page: Any, base_url: str, config: Any, *also: str
    ) -> tuple[Any, ...] | None:
        """Material's stylesheets, ``__config`` and scripts: the same on every page at one depth.

        They print the build's settings and links to the site's files (``assets/``,
        ``extra_css``, ``extra_javascript``), which MkDocs' ``url`` filter makes
        relative to the page. Such a link depends on the page's depth alone, unless
        the page sits in the same first folder as the file (``assets/x/``): those
        pages are drawn for themselves. ``also``: the part's other links of that kind.
        """
        if not self.enabled:
            return None
        folder = _folder(page.url or "") if page is not None else []
        if folder and (
            folder[0] in self._first_folders(self._site_files(config))
            or folder[0] in self._first_folders(also)
        ):
            return None
        return (name, page is None, base_url)

    def card_key(
        self, page: Any, post: Any, heading: str, show_lead: bool
    ) -> tuple[Any, ...] | None:
        """One post's card on a listing page (home, category, tag, archive)."""
        if not self.enabled or not page:
            return None
        url = page.url or ""
        if url and url.split("/", 1)[0] not in LISTING_ROOTS:
            return None
        return ("card", post.url, heading, bool(show_lead), url.count("/"))

    def sidebar_key(self, page: Any, posts: Iterable[Any]) -> tuple[Any, ...] | None:
        """The right-hand column: its links are the listed posts and the home page."""
        if not self.enabled or not page:
            return None
        links = ("", *(p.url for p in posts))
        return ("sidebar", *self._relative(links, page.url))

    # -- helpers -------------------------------------------------------------------
    def _nav(self, nav: Any) -> tuple[frozenset[int], tuple[str, ...]]:
        if self._nav_pages is None or self._nav_pages[0] != id(nav):
            ids: set[int] = set()
            links: list[str] = list(FRAME_LINKS)

            def walk(items: Iterable[Any]) -> None:
                for item in items:
                    ids.add(id(item))
                    url = getattr(item, "url", None)
                    if isinstance(url, str):
                        links.append(url)
                    walk(getattr(item, "children", None) or ())

            walk(nav.items)
            self._nav_pages = (id(nav), frozenset(ids), tuple(links))
        return self._nav_pages[1], self._nav_pages[2]

    def _site_files(self, config: Any) -> tuple[str, ...]:
        """The site's own files Material's frame links to: assets, extra CSS and scripts."""
        if self._files is None:
            scripts = (str(getattr(s, "path", s)) for s in config.extra_javascript)
            self._files = ("assets/", *config.extra_css, *scripts)
        return self._files

    def _relative(self, links: tuple[str, ...], page_url: str) -> tuple[Any, ...]:
        """What decides how the page prints the links.

        MkDocs makes a link relative to the page's folder. When that folder starts
        with none of the links' first folders, each reads ``../`` once per folder,
        then the link: the depth alone decides (most pages: an article's folder is its
        date). Otherwise the links as the page prints them, worked out once per page
        (four frame parts ask).
        """
        folder = _folder(page_url)
        if not folder or folder[0] not in self._first_folders(links):
            return (_BY_DEPTH, len(folder))
        key = (links, page_url)
        found = self._relative_urls.get(key)
        if found is None:
            found = tuple(get_relative_url(link, page_url) for link in links)
            self._relative_urls[key] = found
        return found

    def _first_folders(self, links: tuple[str, ...]) -> frozenset[str]:
        found = self._link_roots.get(links)
        if found is None:
            found = frozenset(parts[0] for parts in map(_parts, links) if parts)
            self._link_roots[links] = found
        return found


class Translations:
    """``bantin_translate(key)``: Material's ``lang.t(key)``, looked up once per key.

    The same lookup as Material's ``partials/language.html`` (the site's language
    file, then English, then the key), in the same files, which a site's
    ``custom_dir`` may override; printed as Material prints it, unescaped.
    """

    def __init__(self, env: Environment, language: str) -> None:
        self._env = env
        self._language = language
        self._found: dict[str, Markup] = {}

    def __call__(self, key: str) -> Markup:
        found = self._found.get(key)
        if found is None:
            own = self._env.get_template(f"partials/languages/{self._language}.html").module
            english = self._env.get_template("partials/languages/en.html").module
            found = Markup(str(own.t(key)) or str(english.t(key)) or key)  # type: ignore[attr-defined]
            self._found[key] = found
        return found


# Marks a key made of the page's depth (not of links, which are strings).
_BY_DEPTH = ("depth",)


def _parts(path: str) -> list[str]:
    """A path's folders as MkDocs' ``get_relative_url`` compares them (its ``_norm_parts``)."""
    if not path.startswith("/"):
        path = "/" + path
    path = posixpath.normpath(path)[1:]
    return path.split("/") if path else []


def _folder(page_url: str) -> list[str]:
    """The folders of the page MkDocs' ``get_relative_url`` makes links relative to."""
    folder, _, name = page_url.rpartition("/")
    return _parts(folder if "." in name else page_url)
