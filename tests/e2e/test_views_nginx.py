"""Views end to end: real nginx serves the built site, readers and a crawler visit,
``bantin views import`` reads nginx's own access log, the rebuilt site shows the counts."""

from __future__ import annotations

import json
import re
import urllib.request

import pytest

from tests.nginxkit import nginx
from tests.sitekit import TinySite

pytestmark = pytest.mark.nginx

READERS = [
    "Mozilla/5.0 (Linux; Android 13; SM-A146P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
]
CRAWLER = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
FIRST = "2024/03/01/ra-quan-lam-sach-duong-pho/"
SECOND = "2024/03/02/lich-tiep-cong-dan-thang-3/"


def _get(base: str, path: str, agent: str) -> int:
    request = urllib.request.Request(base + path, headers={"User-Agent": agent})
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()
        return response.status


def _views(site: TinySite, url: str) -> str:
    html = site.html(url)
    match = re.search(r'class="bt-views"[^>]*>([^<]+)<', html)
    assert match, url
    return match.group(1)


def test_counts_from_a_real_nginx_log(tiny: TinySite, tmp_path) -> None:
    tiny.post(
        "a.md",
        {
            "title": "Ra quân làm sạch đường phố",
            "date": "2024-03-01",
            "category": "Tin tức - Sự kiện",
            "views": 1000,
        },
    )
    tiny.post(
        "b.md",
        {"title": "Lịch tiếp công dân tháng 3", "date": "2024-03-02", "category": "Thông báo"},
    )
    assert tiny.build().ok
    assert _views(tiny, FIRST) == "1.000"

    with nginx(tmp_path / "nginx", tiny.site) as server:
        # Three readers (different browsers) read the first article; each reloads it at once,
        # which is the same view. The index.html form and the no-slash form are the same page.
        for agent in READERS:
            assert _get(server.base, FIRST, agent) == 200
            assert _get(server.base, FIRST + "index.html", agent) == 200
        assert _get(server.base, SECOND.rstrip("/"), READERS[0]) in (200, 301)
        # Assets, a crawler and a missing page never count.
        _get(server.base, "assets/favicon.svg", READERS[0])
        for path in (FIRST, SECOND):
            _get(server.base, path, CRAWLER)
        try:
            _get(server.base, "khong-co-trang-nay/", READERS[0])
        except urllib.error.HTTPError as exc:
            assert exc.code == 404
        log = server.access_log
    lines = log.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 12 and any("Googlebot" in line for line in lines)

    run = tiny.bantin_cli("views", "import", str(log))
    assert run.ok, run.output
    data = json.loads((tiny.root / "data" / "views.json").read_text(encoding="utf-8"))
    assert "127.0.0.1" not in json.dumps(data)  # no IP address is stored

    assert tiny.build().ok
    assert _views(tiny, FIRST) == "1.003"  # 1.000 carried over + 3 readers
    assert _views(tiny, SECOND) == "1"
    home = tiny.html("")
    assert "Tin đọc nhiều" in home
    stats = home.split("Thống kê truy cập", 1)[1]
    assert "<dd>1.004</dd>" in stats  # total: carried + imported

    # Importing the same log again changes nothing.
    again = tiny.bantin_cli("views", "import", str(log))
    assert again.ok, again.output
    after = json.loads((tiny.root / "data" / "views.json").read_text(encoding="utf-8"))
    assert (after["pages"], after["days"]) == (data["pages"], data["days"])
