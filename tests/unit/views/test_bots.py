"""Crawlers are told by the maintained crawler-user-agents list, per distinct agent."""

from __future__ import annotations

import pytest
from bantin.views.bots import is_bot, is_bot_raw, pattern_count

from .logkit import BINGBOT, CHROME, COCCOC, GOOGLEBOT, IPHONE

BOTS = [
    GOOGLEBOT,
    BINGBOT,
    "Googlebot-Image/1.0",
    "Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    "curl/8.5.0",
    "Wget/1.21.4",
    "python-requests/2.31.0",
    "Go-http-client/1.1",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36",
]
BROWSERS = [
    CHROME,
    IPHONE,
    COCCOC,
    "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
    "Mozilla/5.0 (Linux; Android 12; Redmi Note 11) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36 Zalo android/12110010",
]


@pytest.mark.parametrize("agent", BOTS)
def test_crawlers_are_bots(agent: str) -> None:
    assert is_bot(agent)


@pytest.mark.parametrize("agent", BROWSERS)
def test_browsers_are_readers(agent: str) -> None:
    assert not is_bot(agent)


@pytest.mark.parametrize("agent", ["", "-", "  ", " - "])
def test_no_user_agent_is_a_bot(agent: str) -> None:
    assert is_bot(agent)


def test_the_list_is_the_maintained_one() -> None:
    assert pattern_count() > 1000  # not a hand-made regex of five names


def test_answers_are_cached_per_distinct_agent() -> None:
    agent = CHROME + " cache-probe"
    before = is_bot.cache_info()
    for _ in range(1000):
        is_bot(agent)
    after = is_bot.cache_info()
    assert after.misses - before.misses == 1
    assert after.hits - before.hits == 999


def test_raw_agent_as_logged() -> None:
    assert is_bot_raw(GOOGLEBOT.encode())
    assert not is_bot_raw(CHROME.encode() + rb" \"quoted\"")
    assert is_bot_raw(b"-")
