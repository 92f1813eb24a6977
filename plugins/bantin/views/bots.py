"""Is a request from a crawler? The maintained list of ``crawler-user-agents`` decides.

The package (PyPI ``crawler-user-agents``, pinned in pyproject.toml) ships the
community list from github.com/monperrus/crawler-user-agents: about 1,500
patterns for search engines, SEO tools, link previewers (Facebook, Zalo's
are matched by their own names), monitoring services and HTTP libraries such
as ``curl``, ``Wget`` and ``python-requests``. Matching is case-sensitive, as
the list's patterns are written for it.

A request without a user agent (empty or ``-``) is counted as a bot: every
browser sends one.

Checking one agent against the list costs tens of microseconds; a log repeats
a few thousand distinct agents over a million lines, so answers are cached per
distinct string (bounded LRU cache).
"""

from __future__ import annotations

from functools import lru_cache

import crawleruseragents

from .logparse import unescape

CACHE_SIZE = 1 << 16


@lru_cache(maxsize=CACHE_SIZE)
def is_bot(user_agent: str) -> bool:
    """True for crawlers and for requests that sent no user agent."""
    agent = user_agent.strip()
    if not agent or agent == "-":
        return True
    return crawleruseragents.is_crawler(agent)


@lru_cache(maxsize=CACHE_SIZE)
def is_bot_raw(user_agent: bytes) -> bool:
    """:func:`is_bot` for the user agent field as logged (bytes, escapes not yet undone)."""
    return is_bot(unescape(user_agent).decode("utf-8", "replace"))


def pattern_count() -> int:
    """How many crawler patterns the installed list has (shown in summaries and tests)."""
    return len(crawleruseragents.CRAWLER_USER_AGENTS_DATA)
