"""From a requested URL path to the page it shows.

A page key is the page's URL relative to the site root, the way MkDocs writes
``page.url`` with directory URLs but percent-decoded: ``2020/10/13/slug/``,
``chuyen-muc/tin-tuc/``, ``luu-tru/2020/``; the home page is the empty string
``""``. ``/phuong/2020/10/13/slug/``, ``…/slug`` and ``…/slug/index.html`` (with
any query string) are the same page ``2020/10/13/slug/`` when the site lives
under ``/phuong/``.

What counts as a view of a page: a ``GET`` answered ``200`` (page sent) or
``304`` (the reader's browser showed its cached copy after asking the server:
a real reading, and the 30-minute rule stops reloads from inflating it).
``HEAD`` requests, redirects and errors are not views.

Not pages: anything whose last segment has an extension other than
``.html``/``.htm`` (images, CSS, JS, ``search_index.json``, ``sitemap.xml``,
feeds), the ``assets/``, ``search/`` and ``pagefind/`` folders, hidden names (``/.env``), the
``404.html`` page. Paths that decode to invalid UTF-8 or contain ``.``/``..``
segments, empty segments, backslashes or control characters are rejected.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import unquote, unquote_to_bytes, urlsplit

from .logparse import split_request
from .skip import Skip

HOME = ""
COUNTED_METHOD = "GET"
COUNTED_STATUSES = frozenset({200, 304})

PAGE_SUFFIXES = ("html", "htm")
INDEX_NAMES = ("index.html", "index.htm")
NOT_PAGE_TOP = frozenset({"assets", "search", "pagefind"})
NOT_PAGE_KEYS = frozenset({"404.html"})


def site_prefix(site_url: str | None) -> str:
    """The site's path on its host, with both slashes: ``https://x.vn/phuong`` -> ``/phuong/``."""
    path = unquote(urlsplit(site_url or "").path or "/")
    path = "/" + path.strip("/")
    return path if path == "/" else path + "/"


def _bad(text: str) -> bool:
    return "\\" in text or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in text)


def page_key(target: str, prefix: str = "/") -> tuple[str | None, Skip | None]:
    """Map a request target to ``(page key, None)`` or ``(None, reason it is not a page)``.

    ``prefix`` is the result of :func:`site_prefix`. Does not look at a list of
    known pages: the importer does that.
    """
    path = target.partition("?")[0].partition("#")[0]
    if not path.startswith("/"):
        return None, Skip.BAD_PATH  # "*", absolute-form proxy requests, garbage
    try:
        decoded = unquote_to_bytes(path.encode("utf-8", "surrogateescape")).decode("utf-8")
    except UnicodeError:
        return None, Skip.BAD_PATH
    if _bad(decoded):
        return None, Skip.BAD_PATH
    if not decoded.startswith(prefix):
        if decoded + "/" == prefix:
            return HOME, None  # "/phuong" without its slash, when the server answers it
        return None, Skip.NOT_PAGE  # another site on the same server
    rest = decoded[len(prefix) :]
    segments = rest.split("/")
    for segment in segments[:-1]:
        if segment in ("", ".", ".."):
            return None, Skip.BAD_PATH
    last = segments[-1]
    if last in (".", ".."):
        return None, Skip.BAD_PATH
    if any(s.startswith(".") for s in segments):
        return None, Skip.NOT_PAGE  # /.env, /.git/config: probes, never pages
    if segments[0] in NOT_PAGE_TOP and len(segments) > 1:
        return None, Skip.ASSET
    if last == "":
        key = rest
    elif last in INDEX_NAMES:
        key = rest[: -len(last)]
    elif "." in last:
        if last.rpartition(".")[2].lower() not in PAGE_SUFFIXES:
            return None, Skip.ASSET
        key = rest
    else:
        key = rest + "/"
    if key in NOT_PAGE_KEYS:
        return None, Skip.NOT_PAGE
    return key, None


@lru_cache(maxsize=1 << 16)
def normalize_page_url(url: str, prefix: str = "/") -> str:
    """A site's own URL for a page (``2020/10/13/slug/``, ``/2020/10/13/slug``,
    ``2020/10/13/slug/index.html``, percent-encoded or not) as a page key."""
    path = urlsplit(url).path if "://" in url else url
    if not path.startswith("/"):
        path = prefix + path
    key, _ = page_key(path, prefix)
    if key is None:
        return unquote(path[len(prefix) :] if path.startswith(prefix) else path.lstrip("/"))
    return key


class PageMapper:
    """:func:`page_key` with a bounded cache: a log asks for the same few paths again and again."""

    def __init__(self, prefix: str = "/", cache_size: int = 1 << 16) -> None:
        self.prefix = prefix

        @lru_cache(maxsize=cache_size)
        def lookup(path: str) -> tuple[str | None, Skip | None]:
            return page_key(path, prefix)

        @lru_cache(maxsize=cache_size)
        def lookup_raw(path: bytes) -> tuple[str | None, Skip | None]:
            return page_key(path.decode("utf-8", "surrogateescape"), prefix)

        @lru_cache(maxsize=cache_size)
        def request(line: bytes) -> tuple[str | None, Skip | None]:
            parts = split_request(line)
            if parts is None or parts[0] != method:
                return None, Skip.NOT_GET
            return lookup_raw(parts[1].partition(b"?")[0])

        method = COUNTED_METHOD.encode()
        self._lookup = lookup
        self._lookup_raw = lookup_raw
        self.request = request
        """Page of a whole request line as logged (``GET /x/ HTTP/1.1``), or why it is none:
        :attr:`Skip.NOT_GET` first, then the path's reason. Cached per distinct line."""

    def __call__(self, target: str) -> tuple[str | None, Skip | None]:
        # The query string is cut before the cache, so cache-busting queries do not flood it.
        return self._lookup(target.partition("?")[0])

    def raw(self, target: bytes) -> tuple[str | None, Skip | None]:
        """The same for a target as bytes straight from the log (escapes already undone)."""
        return self._lookup_raw(target.partition(b"?")[0])
