"""Is a request from a crawler? The maintained list of ``crawler-user-agents`` decides.

The package (PyPI ``crawler-user-agents``, pinned in pyproject.toml) ships the
community list from github.com/monperrus/crawler-user-agents: about 1,500
patterns for search engines, SEO tools, link previewers (Facebook, Zalo's
are matched by their own names), monitoring services and HTTP libraries such
as ``curl``, ``Wget`` and ``python-requests``. Matching is case-sensitive, as
the list's patterns are written for it.

A short supplement (:data:`SUPPLEMENT`, case-insensitive) adds crawlers and
HTTP tools the list misses.

A request without a user agent (empty or ``-``) is counted as a bot: every
browser sends one.

Checking one agent against the list costs tens of microseconds; a log repeats
a few thousand distinct agents over a million lines, so answers are cached per
distinct string (bounded LRU cache).
"""

from __future__ import annotations

import re
from functools import lru_cache

import crawleruseragents

from .logparse import unescape

CACHE_SIZE = 1 << 16

# bantin's own supplement to the list, matched without regard to case: crawlers
# and tools seen in ward logs that the list misses (its patterns are
# case-sensitive: "googlebot" in lower case, "(compatible; YandexBot/3.0)" without
# the "Mozilla/5.0" prefix, a bare "DotBot", Java's and Postman's HTTP clients).
# Tokens only, never a bare "bot": "Cubot" is a phone brand.
SUPPLEMENT = (
    "googlebot",
    "yandexbot",
    "yandex.com/bots",
    "bingbot",
    "dotbot",
    "ahrefsbot",
    "semrushbot",
    "mj12bot",
    "petalbot",
    "bytespider",
    "applebot",
    "duckduckbot",
    "baiduspider",
    "coccocbot",
    "facebookexternalhit",
    "zalo-link-preview",
    "postmanruntime",
    "insomnia/",
    "java/",
    "apache-httpclient",
    "okhttp/",
    "go-http-client",
    "python-requests",
    "python-urllib",
    "aiohttp/",
    "httpx/",
    "node-fetch",
    "axios/",
    "curl/",
    "wget/",
    "libwww-perl",
    "scrapy",
    "headlesschrome",
    "phantomjs",
)
_SUPPLEMENT = re.compile("|".join(re.escape(token) for token in SUPPLEMENT), re.IGNORECASE)


@lru_cache(maxsize=CACHE_SIZE)
def is_bot(user_agent: str) -> bool:
    """True for crawlers and for requests that sent no user agent."""
    agent = user_agent.strip()
    if not agent or agent == "-":
        return True
    return _SUPPLEMENT.search(agent) is not None or bool(crawleruseragents.is_crawler(agent))


@lru_cache(maxsize=CACHE_SIZE)
def is_bot_raw(user_agent: bytes) -> bool:
    """:func:`is_bot` for the user agent field as logged (bytes, escapes not yet undone)."""
    return is_bot(unescape(user_agent).decode("utf-8", "replace"))


def pattern_count() -> int:
    """How many crawler patterns the installed list has (shown in summaries and tests)."""
    return len(crawleruseragents.CRAWLER_USER_AGENTS_DATA)
