"""Writing real-format access logs for the views tests.

Lines are nginx's ``combined`` format byte for byte::

    log_format combined '$remote_addr - $remote_user [$time_local] '
                        '"$request" $status $body_bytes_sent '
                        '"$http_referer" "$http_user_agent"';
"""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

VN = timezone(timedelta(hours=7))

CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
)
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1"
)
COCCOC = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "coc_coc_browser/117.0.200 Chrome/111.0.5563.200 Safari/537.36"
)
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
BINGBOT = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"

ARTICLE = "/2020/10/13/ket-qua-cong-tac-mat-tran/"
ARTICLE_KEY = "2020/10/13/ket-qua-cong-tac-mat-tran/"
T0 = datetime(2026, 11, 22, 10, 0, 0, tzinfo=VN)


def stamp(when: datetime) -> str:
    """nginx's $time_local: ``22/Nov/2026:10:00:00 +0700``."""
    return when.strftime("%d/%b/%Y:%H:%M:%S %z")


def line(
    path: str = ARTICLE,
    *,
    at: datetime | int = T0,
    addr: str = "203.0.113.7",
    agent: str = CHROME,
    method: str = "GET",
    status: int = 200,
    size: int | str = 5123,
    referrer: str = "-",
    protocol: str = "HTTP/1.1",
) -> str:
    """One combined-format line (with its newline). ``at`` may be seconds after :data:`T0`."""
    when = T0 + timedelta(seconds=at) if isinstance(at, int) else at
    return (
        f'{addr} - - [{stamp(when)}] "{method} {path} {protocol}" {status} {size} '
        f'"{referrer}" "{agent}"\n'
    )


def write_log(path: Path, lines: list[str], *, gz: bool = False) -> Path:
    data = "".join(lines).encode("utf-8")
    if gz:
        with gzip.open(path, "wb") as out:
            out.write(data)
    else:
        path.write_bytes(data)
    return path


def epoch(at: int) -> int:
    return int((T0 + timedelta(seconds=at)).astimezone(UTC).timestamp())
