"""Benchmark: a bantin build of N posts against plain MkDocs rendering the same pages.

Both sites render the same pages with the same theme: every article, and every
listing bantin generates (home, categories, tags, archive, with pagination).
The baseline has them all as ordinary ``docs/`` Markdown pages (listings as
lists of linked titles with date, category, views and lead), kept out of the
navigation as bantin keeps them out of it. Each build runs in a fresh process, both are
timed in the same run, alternating, and the figure that matters is the ratio.

    python bench/bench_build.py [--posts 10000] [--rounds 1]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CATEGORIES = [
    "Tin tức - Sự kiện",
    "Bài viết chuyên sâu",
    "Dân vận chính quyền",
    "Mặt trận - Đoàn thể",
    "Thông báo",
]
TAGS = ["dân vận", "an sinh xã hội", "môi trường", "giáo dục", "y tế", "an ninh trật tự"]
BODY = """Trong {n} tháng, phường đã vận động được {money} đồng cho Quỹ “Vì người nghèo”.

## Kết quả

Các tổ dân phố tổ chức {meetings} buổi tuyên truyền tới hơn {people} lượt người dân.
Công tác tiếp công dân được duy trì vào thứ Hai hằng tuần.

- Thăm hỏi, tặng quà hộ nghèo, cận nghèo.
- Ra quân vệ sinh môi trường “10 phút làm sạch”.

| Nội dung | Kết quả |
|---|---|
| Hộ được hỗ trợ | {households} |
| Mô hình “Dân vận khéo” | {models} |
"""


def body(n: int) -> str:
    return BODY.format(
        n=n % 12 + 1,
        money=f"{(n * 7919) % 900 + 100}.000.000",
        meetings=n % 40,
        people=n * 3 % 1000,
        households=n % 17,
        models=n % 391,
    )


def write_sites(root: Path, posts: int) -> tuple[Path, Path]:
    bantin, plain = root / "bantin", root / "plain"
    for site in (bantin, plain):
        (site / "docs").mkdir(parents=True)
        (site / "docs" / "gioi-thieu.md").write_text(
            "# Giới thiệu\n\nPhường thử.\n", encoding="utf-8"
        )
    theme = (
        "theme:\n  name: material\n  language: vi\n  font: false\n  features: [navigation.tabs]\n"
    )
    categories = "".join(f"        - name: {c}\n" for c in CATEGORIES)
    (bantin / "mkdocs.yml").write_text(
        f"site_name: Bench\nsite_url: https://bench.example.vn/\n{theme}"
        f"plugins:\n  - search\n  - bantin:\n      categories:\n{categories}",
        encoding="utf-8",
    )
    (plain / "mkdocs.yml").write_text(
        "site_name: Bench\nsite_url: https://bench.example.vn/\n"
        "theme:\n  name: material\n  language: vi\n  font: false\n  features: [navigation.tabs]\n"
        "plugins:\n  - search\nnav:\n  - index.md\n  - gioi-thieu.md\n"
        "not_in_nav: |\n  /20*/\n  /chuyen-muc/\n  /the/\n  /luu-tru/\n"
        "validation:\n  links:\n    absolute_links: ignore\n",
        encoding="utf-8",
    )
    for n in range(posts):
        year, month, day = 2015 + n % 11, n % 12 + 1, n % 28 + 1
        title = f"Kết quả công tác dân vận số {n} của phường"
        slug = f"ket-qua-cong-tac-dan-van-so-{n}-cua-phuong"
        tags = f"[{TAGS[n % 6]}, {TAGS[(n + 1) % 6]}]"
        post = bantin / "posts" / str(year) / f"{slug}.md"
        post.parent.mkdir(parents=True, exist_ok=True)
        post.write_text(
            f"---\ntitle: {title}\ndate: {day:02d}/{month:02d}/{year} 09:17\n"
            f"category: {CATEGORIES[n % 5]}\ntags: {tags}\nviews: {n}\n---\n\n{body(n)}",
            encoding="utf-8",
        )
        page = plain / "docs" / f"{year}" / f"{month:02d}" / f"{day:02d}" / slug / "index.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"# {title}\n\n{body(n)}", encoding="utf-8")
    write_plain_listings(bantin, plain)
    return bantin, plain


def write_plain_listings(bantin: Path, plain: Path) -> None:
    """The listing pages bantin will generate, written as plain Markdown for the baseline."""
    from datetime import datetime

    from bantin.core.dates import VIETNAM
    from bantin.core.text import slugify
    from bantin.core.vnformat import format_datetime, format_integer
    from bantin.news.routes import ListingView, PostView, news_routes
    from bantin.posts.collection import NewsCollection
    from bantin.posts.loader import LoadOptions, load_posts
    from bantin.posts.model import Category

    categories = tuple(Category(c, slugify(c), "", i) for i, c in enumerate(CATEGORIES))
    options = LoadOptions(
        root=bantin,
        posts_dir=bantin / "posts",
        docs_dir=bantin / "docs",
        now=datetime.now(VIETNAM),
        categories=categories,
    )
    news = NewsCollection.build(load_posts(options).posts, categories)
    for route in news_routes(
        news, per_page=10, related_count=5, home_block_count=4, latest_count=6
    ):
        if isinstance(route.view, PostView):
            continue
        posts = route.view.pager.posts if isinstance(route.view, ListingView) else news.latest(10)
        lines = [f"# {route.title}", ""]
        for post in posts:
            lines += [
                f"### [{post.title}](/{post.url})",
                "",
                f"{format_datetime(post.date)} · {post.category.name} · "
                f"Lượt xem: {format_integer(post.views)}",
                "",
                post.body.split("\n\n", 1)[0],
                "",
            ]
        target = plain / "docs" / route.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(lines), encoding="utf-8")


def timed_build(site: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    shutil.rmtree(site / "site", ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(site / "mkdocs.yml")],
        check=True,
        env=env,
        cwd=site,
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bantin-bench-") as tmp:
        bantin, plain = write_sites(Path(tmp), args.posts)
        pages = {name: 0 for name in ("bantin", "plain")}
        times: dict[str, list[float]] = {"bantin": [], "plain": []}
        for _ in range(args.rounds):
            times["plain"].append(timed_build(plain))
            times["bantin"].append(timed_build(bantin))
        for name, site in (("bantin", bantin), ("plain", plain)):
            pages[name] = sum(1 for _ in (site / "site").rglob("index.html"))
        base = statistics.median(times["plain"])
        ours = statistics.median(times["bantin"])
        print(f"posts: {args.posts}, rounds: {args.rounds}")
        print(f"plain MkDocs (baseline): {base:.1f} s, {pages['plain']} pages")
        print(
            f"bantin:                  {ours:.1f} s, {pages['bantin']} pages "
            f"(articles + listings, tags, archive, home)"
        )
        print(f"ratio bantin / plain:    {ours / base:.2f}x  (target ≤ 1.30x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
