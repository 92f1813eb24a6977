"""Issue 13 item 14: crawlers the maintained list misses, caught by bantin's supplement,
while every real browser (phones included, a "Cubot" phone too) still counts."""

from __future__ import annotations

import pytest
from bantin.views.bots import SUPPLEMENT, is_bot

from .test_bots import BROWSERS

MISSED_BY_THE_LIST = [
    "(compatible; YandexBot/3.0)",
    "Mozilla/5.0 (compatible; yandexbot/3.0; +http://yandex.com/bots)",
    "DotBot",
    "googlebot",
    "googlebot/2.1 (+http://www.google.com/bot.html)",
    "Java/1.8.0_151",
    "Java/17.0.2",
    "PostmanRuntime/7.36.0",
    "okhttp/4.12.0",
]
PHONES = [
    "Mozilla/5.0 (Linux; Android 12; Cubot KingKong 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 13; SM-A245F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/440.0.0.32.105;FBBV/563345290;FBDV/iPhone14,5]",
]


@pytest.mark.parametrize("agent", MISSED_BY_THE_LIST)
def test_missed_crawlers_are_bots(agent: str) -> None:
    assert is_bot(agent)


@pytest.mark.parametrize("agent", BROWSERS + PHONES)
def test_browsers_and_phones_still_count(agent: str) -> None:
    assert not is_bot(agent)


@pytest.mark.parametrize("token", SUPPLEMENT)
def test_every_supplement_token_matches_in_any_case(token: str) -> None:
    assert is_bot(f"Mozilla/5.0 ({token.upper()} x)") and is_bot(token.lower())
