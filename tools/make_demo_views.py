"""Make the demo ward's ``data/views.json`` the way a ward would: from an nginx log.

Writes a plausible "combined" access log for the demo pages (readers on phones
and desktops, crawlers, assets, reloads, a few broken lines) over the autumn
of 2026, then imports it with the real ``bantin views import`` code. Fixed seed,
so running it again gives the same log; the import itself is idempotent.

    .venv/bin/python tools/make_demo_views.py
"""

from __future__ import annotations

import random
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from bantin.adapter.cli import page_keys
from bantin.core.dates import VIETNAM
from bantin.views.importer import import_logs

ROOT = Path(__file__).resolve().parent.parent
READERS = [
    "Mozilla/5.0 (Linux; Android 13; SM-A146P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 12; Redmi Note 11) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36 Edg/130.0",
    "Mozilla/5.0 (Linux; Android 14; OPPO A58) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36 Zalo/24.10",
]
CRAWLERS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "coccocbot-web/1.0 (+http://help.coccoc.com/searchengine)",
]


def line(ip: str, when: datetime, path: str, status: int, agent: str) -> str:
    stamp = when.strftime("%d/%b/%Y:%H:%M:%S %z")
    return f'{ip} - - [{stamp}] "GET {path} HTTP/1.1" {status} 5120 "-" "{agent}"\n'


def main() -> None:
    rng = random.Random(2026)
    keys = page_keys(str(ROOT / "mkdocs.yml"))
    articles = [k for k in keys if k[:2] == "20"]
    start = datetime(2026, 10, 1, 6, 0, tzinfo=VIETNAM)
    rows = []
    for _ in range(6000):
        when = start + timedelta(seconds=rng.randrange(0, 52 * 24 * 3600))
        ip = f"113.{rng.randrange(160, 190)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
        # Newer articles and the home page are read more.
        page = "" if rng.random() < 0.2 else articles[int(rng.expovariate(0.12)) % len(articles)]
        roll = rng.random()
        if roll < 0.10:
            rows.append((when, line(ip, when, "/" + page, 200, rng.choice(CRAWLERS))))
        elif roll < 0.25:
            rows.append(
                (
                    when,
                    line(
                        ip,
                        when,
                        "/assets/fonts/be-vietnam-pro-vietnamese-400-normal.woff2",
                        200,
                        rng.choice(READERS),
                    ),
                )
            )
        elif roll < 0.27:
            rows.append((when, f"{ip} - - [broken line\n"))
        else:
            rows.append(
                (
                    when,
                    line(
                        ip, when, "/" + page, rng.choice((200, 200, 200, 304)), rng.choice(READERS)
                    ),
                )
            )
    rows.sort(key=lambda row: row[0])
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "access.log"
        log.write_text("".join(text for _, text in rows), encoding="utf-8")
        summary = import_logs([log], ROOT / "data" / "views.json", page_keys=set(keys))
    print(f"{summary.lines} dòng, cộng {summary.views} lượt xem")


if __name__ == "__main__":
    main()
