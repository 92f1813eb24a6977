"""What templates read: views per page, most read, site statistics."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from bantin.core.dates import VIETNAM
from bantin.views import store
from bantin.views.counts import SiteStats, ViewCounts
from bantin.views.store import ViewsData, ViewsDataError


@dataclass(frozen=True)
class FakePost:
    url: str
    date: datetime
    views: int = 0


def day(d: int, m: int = 11, y: int = 2026) -> datetime:
    return datetime(y, m, d, 9, 0, tzinfo=VIETNAM)


COUNTS = ViewCounts(
    {"2020/10/13/a/": 10, "2020/10/14/b/": 3, "": 7, "chuyên-mục/thông-báo/": 2},
    {"2025-12-31": 5, "2026-01-01": 4, "2026-11-01": 2, "2026-11-22": 9, "2026-10-31": 1},
)


@pytest.mark.parametrize(
    ("url", "views"),
    [
        ("2020/10/13/a/", 10),
        ("/2020/10/13/a/", 10),
        ("2020/10/13/a/index.html", 10),
        ("2020/10/13/a", 10),
        ("", 7),
        ("index.html", 7),
        ("chuy%C3%AAn-m%E1%BB%A5c/th%C3%B4ng-b%C3%A1o/", 2),
        ("2020/10/15/never-read/", 0),
    ],
)
def test_for_page(url: str, views: int) -> None:
    assert COUNTS.for_page(url) == views


def test_most_read_adds_carried_views_and_breaks_ties_by_date() -> None:
    posts = [
        FakePost("2020/10/13/a/", day(13, 10, 2020), views=0),  # 10
        FakePost("2020/10/14/b/", day(14, 10, 2020), views=7),  # 3 + 7 = 10, newer: first
        FakePost("2019/01/01/c/", day(1, 1, 2019), views=3072),  # old portal favourite
        FakePost("2021/01/01/d/", day(1, 1, 2021), views=0),  # never read: left out
        FakePost("2020/01/01/e/", day(1, 1, 2020), views=1),
    ]
    ranked = COUNTS.most_read(posts, limit=3)
    assert [(p.url, n) for p, n in ranked] == [
        ("2019/01/01/c/", 3072),
        ("2020/10/14/b/", 10),
        ("2020/10/13/a/", 10),
    ]
    only_logs = COUNTS.most_read(posts, limit=10, carried=False)
    assert [(p.url, n) for p, n in only_logs] == [("2020/10/13/a/", 10), ("2020/10/14/b/", 3)]
    assert COUNTS.total_for(posts[1]) == 10


def test_site_stats() -> None:
    assert COUNTS.site_stats(date(2026, 11, 22)) == SiteStats(21, 16, 11)
    assert COUNTS.site_stats(date(2026, 1, 15)) == (21, 16, 4)
    assert COUNTS.site_stats(date(2027, 1, 1), carried=100) == (121, 0, 0)


def test_site_stats_uses_vietnam_time_for_today() -> None:
    # 17:30 UTC on 31 October is already 1 November in Vietnam.
    late = datetime.fromisoformat("2026-10-31T17:30:00+00:00")
    assert COUNTS.site_stats(late).this_month == 11
    assert COUNTS.site_stats(late.astimezone(VIETNAM).replace(tzinfo=None)).this_month == 11


def test_load(tmp_path: Path) -> None:
    path = tmp_path / "views.json"
    assert not ViewCounts.load(path)
    assert ViewCounts.load(path).site_stats(date(2026, 1, 1)) == (0, 0, 0)
    data = ViewsData()
    data.add_view("2020/10/13/a/", "2026-11-22")
    store.save(data, path)
    loaded = ViewCounts.load(path)
    assert loaded.for_page("2020/10/13/a/") == 1
    path.write_text("{", encoding="utf-8")
    with pytest.raises(ViewsDataError):
        ViewCounts.load(path)
