"""Benchmark: ``bantin views import`` on a 1,000,000-line access log.

Writes a realistic nginx "combined" log into a temporary folder: readers
opening articles, home and category pages (200 and 304) followed by the CSS,
JS and images of each page, search index fetches, crawlers (Googlebot,
bingbot, Zalo and Facebook link previews, curl), scanners probing
``/wp-login.php``, HEAD and POST requests, IPv6 clients, percent-encoded
paths, query strings, escaped quotes, and a few truncated or garbage lines.
Then, each import in a fresh process so its peak memory is its own:

* the whole log as one plain file, timed against two baselines measured in
  the same process on the same file, best of two rounds: a plain Python loop
  that reads and splits every line, and the same loop running only the log
  regex;
* a quarter of it, to show that peak memory does not grow with the log;
* the same lines as a rotated set (``access.log.3.gz access.log.2.gz
  access.log.1 access.log``) given in shuffled order, against the read and
  split loop over the same files (gzip included);
* the quarter imported a second time (every line already imported).

    python bench/bench_views_import.py [--lines 1000000] [--seed 7]

Figures are printed as ratios to the baselines, lines per second and peak
resident memory. Not a test: nothing is asserted except that the second
import adds nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

REPO = Path(__file__).resolve().parent.parent

BROWSERS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) coc_coc_browser/{v}.0.200 Chrome/{v}.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Linux; Android 13; SM-A{v}5F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_{v} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 12; Redmi Note {v}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Mobile Safari/537.36 Zalo android",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_{v}) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:{v}.0) Gecko/20100101 Firefox/{v}.0",
]
BOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    "curl/8.5.0",
    "python-requests/2.31.0",
    "-",
]
ASSETS = [
    "/assets/stylesheets/main.6543a935.min.css",
    "/assets/javascripts/bundle.88dd0f4e.min.js",
    "/assets/bantin.css",
    "/assets/images/favicon.png",
    "/assets/logo.svg",
    "/search/search_index.json",
    "/sitemap.xml",
    "/feed_rss_created.xml",
]
SCANS = ["/wp-login.php", "/.env", "/xmlrpc.php", "/admin/../../etc/passwd", "/phpmyadmin/"]
REFERRERS = [
    "-",
    "https://www.google.com/",
    "https://www.facebook.com/",
    "https://zalo.me/",
    "https://phuong.example.vn/",
]


def pages(count: int = 400) -> list[str]:
    out = ["/", "/index.html", "/luu-tru/", "/chuyen-muc/tin-tuc-su-kien/", "/the/an-sinh-xa-hoi/"]
    for n in range(count):
        slug = f"/20{20 + n % 6}/{n % 12 + 1:02d}/{n % 28 + 1:02d}/bai-viet-so-{n}/"
        out.append(slug)
        if n % 5 == 0:
            out.append(slug + "index.html")
        if n % 7 == 0:
            out.append(slug + "?fbclid=IwAR" + str(n))
    out.append("/chuy%C3%AAn-m%E1%BB%A5c/th%C3%B4ng-b%C3%A1o/")
    return out


def generate(path: Path, lines: int, seed: int) -> None:
    """Write ``lines`` lines of a realistic combined log, time ordered with a little jitter."""
    rng = random.Random(seed)
    rand = rng.random

    def randint(low: int, high: int) -> int:  # random.randint is the slowest part of this script
        return low + int(rand() * (high - low + 1))

    urls = pages()
    hot = urls[:40]
    visitors = []
    for n in range(25_000):
        if n % 11 == 0:
            addr = f"2001:db8:{n % 4096:x}::{n % 65536:x}"
        else:
            addr = f"{randint(1, 223)}.{randint(0, 255)}.{randint(0, 255)}.{randint(1, 254)}"
        agent = rng.choice(BROWSERS).format(v=randint(100, 125))
        visitors.append((addr, agent))
    bots = [(f"66.249.{n % 256}.{n % 200 + 1}", BOTS[n % len(BOTS)]) for n in range(300)]
    start = int(datetime(2026, 11, 1, tzinfo=UTC).timestamp())
    step = 7 * 86400 / lines  # a week of traffic
    written = 0
    clock = float(start)
    stamps: dict[int, str] = {}
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        buf: list[str] = []

        def emit(
            addr: str, method: str, url: str, status: int, size: str, ref: str, agent: str
        ) -> None:
            nonlocal written, clock
            clock += step
            t = int(clock) - (1 if rng.random() < 0.02 else 0)  # workers log slightly out of order
            if written >= lines:
                return
            minute = stamps.get(t // 60)
            if minute is None:
                if len(stamps) > 4096:
                    stamps.clear()
                minute = stamps[t // 60] = datetime.fromtimestamp(t - t % 60, UTC).strftime(
                    "%d/%b/%Y:%H:%M"
                )
            stamp = f"{minute}:{t % 60:02d} +0000"
            buf.append(
                f'{addr} - - [{stamp}] "{method} {url} HTTP/1.1" {status} {size} "{ref}" "{agent}"\n'
            )
            written += 1

        while written < lines:
            roll = rng.random()
            if roll < 0.35:  # crawler
                addr, agent = rng.choice(bots)
                url = rng.choice([*urls, "/robots.txt", "/sitemap.xml"])
                emit(addr, "GET", url, 200, str(randint(3000, 40000)), "-", agent)
            elif roll < 0.37:  # scanners, other methods
                addr, agent = rng.choice(visitors)
                if rng.random() < 0.5:
                    emit(addr, "POST", "/xmlrpc.php", 405, "166", "-", agent)
                else:
                    emit(
                        addr, rng.choice(["GET", "HEAD"]), rng.choice(SCANS), 404, "153", "-", agent
                    )
            elif roll < 0.371:  # damage: truncated write, TLS handshake on the HTTP port
                if rng.random() < 0.5:
                    buf.append(
                        '203.0.113.9 - - [01/Nov/2026:00:00:01 +0000] "GET /2020/01/01/bai-viet-so\n'
                    )
                else:
                    buf.append(
                        '198.51.100.4 - - [01/Nov/2026:00:00:01 +0000] "\\x16\\x03\\x01\\x02\\x00" 400 157 "-" "-"\n'
                    )
                written += 1
            else:  # a reader's visit: a few pages (sometimes reloaded), each with its assets
                addr, agent = rng.choice(visitors)
                if rng.random() < 0.003:
                    agent = agent + ' \\"quoted\\"'
                url = rng.choice(hot)
                for _ in range(rng.choice((1, 1, 1, 2, 2, 3, 4))):
                    if rng.random() > 0.2:  # else: a reload of the same page
                        url = rng.choice(hot) if rng.random() < 0.6 else rng.choice(urls)
                    status = 304 if rng.random() < 0.15 else 200
                    emit(
                        addr,
                        "GET",
                        url,
                        status,
                        "-" if status == 304 else str(randint(8000, 60000)),
                        rng.choice(REFERRERS),
                        agent,
                    )
                    for asset in rng.sample(ASSETS, randint(1, 4)):
                        emit(
                            addr,
                            "GET",
                            asset,
                            rng.choice((200, 304, 304)),
                            str(randint(200, 90000)),
                            "https://phuong.example.vn" + url,
                            agent,
                        )
            if len(buf) > 20_000:
                out.writelines(buf)
                buf.clear()
        out.writelines(buf)


def _sink(path: Path) -> BinaryIO:
    if path.suffix == ".gz":
        return gzip.open(path, "wb", compresslevel=1)  # type: ignore[return-value]
    return open(path, "wb")


def split_rotated(source: Path, folder: Path, lines: int) -> list[Path]:
    """Cut the log into four rotated files, the two oldest gzip-compressed (as logrotate does)."""
    names = ["access.log.3.gz", "access.log.2.gz", "access.log.1", "access.log"]
    quarter = lines // 4
    out = [folder / name for name in names]
    with contextlib.ExitStack() as stack, open(source, "rb") as f:
        sinks = [stack.enter_context(_sink(p)) for p in out]
        for n, line in enumerate(f):
            sinks[min(n // quarter, 3)].write(line)
    return out


def first_lines(source: Path, target: Path, count: int) -> None:
    with open(source, "rb") as f, open(target, "wb") as out:
        for n, line in enumerate(f):
            if n >= count:
                break
            out.write(line)


def baseline_split(paths: list[Path]) -> float:
    """Read every line (decompressing .gz) and split it on spaces: the floor for any Python importer."""
    t = time.perf_counter()
    fields = 0
    for path in paths:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rb") as f:
            for line in f:
                fields += len(line.split())
    return time.perf_counter() - t


def baseline_regex(paths: list[Path]) -> float:
    """Read every line and run the log regex on it, nothing more."""
    from bantin.views.logparse import LINE_RE

    match = LINE_RE.match
    t = time.perf_counter()
    hits = 0
    for path in paths:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rb") as f:
            for line in f:
                if match(line):
                    hits += 1
    return time.perf_counter() - t


def run_child(paths: list[Path], data: Path, rounds: int = 1) -> dict:
    """Baselines and import in one fresh interpreter (same conditions), best of ``rounds``."""
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(rounds), str(data), *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def child(rounds: int, data: str, paths: list[str]) -> None:
    sys.path.insert(0, str(REPO / "plugins"))
    from bantin.views.importer import import_logs

    files = [Path(p) for p in paths]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    split_s, regex_s, import_s = [], [], []
    for n in range(rounds):
        split_s.append(baseline_split(files))
        regex_s.append(baseline_regex(files))
        t = time.perf_counter()
        # Every round but the last is a dry run: the same work, without writing the data file.
        summary = import_logs(paths, data, site_prefix="/", dry_run=n < rounds - 1)
        import_s.append(time.perf_counter() - t)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "seconds": min(import_s),
                "split": min(split_s),
                "regex": min(regex_s),
                "lines": summary.lines,
                "views": summary.views,
                "skipped": {str(k): v for k, v in summary.skipped.items()},
                "rss_before_kib": before,
                "rss_peak_kib": peak,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    mib = 1024.0
    with tempfile.TemporaryDirectory(prefix="bantin-bench-views-") as tmp:
        root = Path(tmp)
        log = root / "access.log.full"
        t = time.perf_counter()
        generate(log, args.lines, args.seed)
        size = log.stat().st_size
        print(
            f"generated {args.lines:,} lines, {size / 1e6:.0f} MB, in {time.perf_counter() - t:.1f} s"
        )

        one = run_child([log], root / "one.json", rounds=2)
        n = one["lines"]
        print(f"\none plain file, {n:,} lines (best of 2 rounds, each in the same process)")
        print(
            f"  baseline read+split loop     {one['split']:6.2f} s  {n / one['split']:12,.0f} lines/s"
        )
        print(
            f"  baseline regex-only loop     {one['regex']:6.2f} s  {n / one['regex']:12,.0f} lines/s"
        )
        print(
            f"  bantin views import          {one['seconds']:6.2f} s  {n / one['seconds']:12,.0f} lines/s"
        )
        print(f"  ratio import / read+split    {one['seconds'] / one['split']:6.2f}x")
        print(f"  ratio import / regex-only    {one['seconds'] / one['regex']:6.2f}x")
        print(
            f"  views added {one['views']:,}; skipped "
            + ", ".join(
                f"{k} {v:,}" for k, v in sorted(one["skipped"].items(), key=lambda kv: -kv[1])
            )
        )
        print(
            f"  peak RSS {one['rss_peak_kib'] / mib:.0f} MiB (interpreter and imports: "
            f"{one['rss_before_kib'] / mib:.0f} MiB)"
        )

        quarter = root / "access.log.quarter"
        first_lines(log, quarter, n // 4)
        small = run_child([quarter], root / "quarter.json")
        print(
            f"\nbounded memory: peak RSS {small['rss_peak_kib'] / mib:.0f} MiB for {small['lines']:,} lines, "
            f"{one['rss_peak_kib'] / mib:.0f} MiB for {n:,} lines"
        )

        rotated_dir = root / "rotated"
        rotated_dir.mkdir()
        rotated = split_rotated(log, rotated_dir, n)
        shuffled = rotated[:]
        random.Random(args.seed).shuffle(shuffled)
        rot = run_child(shuffled, root / "rotated.json")
        print(f"\nrotated set given as {' '.join(p.name for p in shuffled)}")
        print(f"  baseline read+split (gunzip) {rot['split']:6.2f} s")
        print(
            f"  bantin views import          {rot['seconds']:6.2f} s  {rot['lines'] / rot['seconds']:12,.0f} lines/s"
        )
        print(f"  ratio import / read+split    {rot['seconds'] / rot['split']:6.2f}x")
        same = "the same as" if rot["views"] == one["views"] else "DIFFERENT from"
        print(f"  views added {rot['views']:,}, {same} the single file ({one['views']:,})")

        again = run_child([quarter], root / "quarter.json")
        print(
            f"\nfirst quarter imported again: {again['seconds']:.2f} s for {again['lines']:,} lines, "
            f"views added {again['views']:,}, already imported {again['skipped'].get('duplicate', 0):,}"
        )
        if again["views"]:
            raise SystemExit("re-import added views: idempotence is broken")


if __name__ == "__main__":
    if len(sys.argv) > 3 and sys.argv[1] == "--child":
        child(int(sys.argv[2]), sys.argv[3], sys.argv[4:])
    else:
        main()
