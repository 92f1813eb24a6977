"""What one search costs a reader on a large site: bytes fetched, in Chromium.

Writes a corpus of N realistic posts (bench/corpus.py: 600–1,500 words each),
builds it with ``mkdocs build`` (the Pagefind index is built with the site),
serves it, opens the search dialog on the home page and types one query
after another in fresh browser contexts (nothing cached between queries).
For each query it prints the bytes the page fetched before search was opened
(none of the search's files may be among them) and the bytes fetched by
opening search and running the query: Pagefind's script, WebAssembly, the
index pieces for the words typed and the excerpts of the first ten results.
The goal: under 500 KB per search at 10,000 posts.

    python bench/search_bytes.py [--posts 10000] [--site DIR | --index-only]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from corpus import write_corpus  # noqa: E402

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

QUERIES = ["dan van kheo", "hỏa táng", "quỹ vì người nghèo", "duong pho", "an sinh xã hội"]
GOAL = 500_000


def build(project: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(done.stdout[-3000:] + done.stderr[-3000:])
    return time.perf_counter() - started


def corpus_pages(count: int, work: Path) -> Path:
    """N corpus posts as article pages rendered straight from Markdown (no MkDocs).

    Marked as bantin's article template marks them (title, lead, body in the
    ``data-pagefind-body`` element, title and date as metadata), in ``work/pages``.
    """
    import markdown
    import yaml
    from markupsafe import escape

    corpus = work / "corpus"
    write_corpus(count, corpus)
    pages = work / "pages"
    for n, path in enumerate(sorted((corpus / "posts").rglob("*.md"))):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        title = escape(str(meta["title"]))
        html = markdown.markdown(body, extensions=["tables"])
        target = pages / f"bai-{n}" / "index.html"
        target.parent.mkdir(parents=True)
        target.write_text(
            f'<!doctype html><html lang="vi"><body><article data-pagefind-body '
            f'data-pagefind-meta="display_title[data-bt-display-title], date:01/01/2024" '
            f'data-bt-display-title="{title}"><h1>{title}</h1>'
            f'<p class="bt-lead">{escape(str(meta.get("summary", "")))}</p>{html}</article>'
            "</body></html>",
            encoding="utf-8",
        )
    return pages


def with_index(site: Path, pages: Path, target: Path) -> Path:
    """A site to search: ``site``'s home page and assets, the index made from ``pages``."""
    from bantin.search.pagefind import build_index

    target.mkdir(parents=True)
    for name in ("index.html", "assets"):
        (target / name).symlink_to(site / name)
    result = build_index(pages)
    shutil.move(result.bundle, target / "pagefind")
    return target


def index_only(count: int, work: Path) -> Path:
    """A quicker variant: the demo site built as usual, with its index replaced by one made
    from N corpus posts rendered straight from Markdown (no MkDocs pages for them).

    The bytes a search fetches depend on the index, not on the pages behind the results.
    """
    pages = corpus_pages(count, work)
    demo = work / "demo"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(demo)],
        cwd=REPO,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    site = with_index(demo, pages, work / "site")
    print(f"{count} corpus posts indexed (index only, on the demo site)")
    return site


def measure(site: Path, queries: list[str] = QUERIES, browser=None) -> list[dict]:
    """One row per query: bytes of the page load and of opening search and running it."""
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    try:
        if browser is not None:
            return _measure(browser, base, queries)
        with sync_playwright() as p:
            own = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return _measure(own, base, queries)
            finally:
                own.close()
    finally:
        server.shutdown()


def _is_search(url: str) -> bool:
    """Fetched for the search: Pagefind's files and bantin's search interface."""
    return "/pagefind/" in url or "bantin-search-ui" in url


_PIECE = re.compile(r"/pagefind/(?:parts/\d+/)?(index|fragment|filter)/")


def _kind(url: str) -> str:
    """What a fetched file is: an index piece, an excerpt fragment, or the rest."""
    piece = _PIECE.search(url)
    if piece is not None:
        return piece.group(1)  # of the first part or a further one (pagefind/parts/N/)
    if url.endswith(".pf_meta"):
        return "meta"
    if url.endswith(("pagefind-entry.json", "bantin-parts.json")):
        return "entry"
    return "code"  # pagefind.js, its WebAssembly, bantin-search-ui.js


def _sizes(requests: list) -> dict[str, int]:
    """Bytes over the wire per finished request (body as sent, and headers)."""
    out = {}
    for request in requests:
        sizes = request.sizes()
        out[request.url] = sizes["responseBodySize"] + sizes["responseHeadersSize"]
    return out


def _measure(browser, base: str, queries: list[str]) -> list[dict]:
    rows = []
    for query in queries:
        context = browser.new_context(viewport={"width": 360, "height": 780})
        page = context.new_page()
        finished: list = []
        # Pagefind fetches its pieces from a worker: the page's events see them, its
        # Resource Timing does not. Read the sizes only once everything is in.
        page.on("requestfinished", lambda request, seen=finished: seen.append(request))
        page.goto(base, wait_until="networkidle")
        page_load = _sizes(finished)
        finished.clear()
        page.locator("[data-bt-search-open]").click()
        page.locator("#bt-search-input").fill(query)
        page.locator("#bt-search-input").press("Enter")
        page.wait_for_function(
            "q => document.querySelector('[data-bt-search-status]').textContent"
            ".includes('“' + q + '”')",
            arg=query,
            timeout=60_000,
        )
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        # A page file that finishes after "networkidle" (Material fetches sitemap.xml,
        # fonts may come late) belongs to the page, not to the search.
        late = _sizes(finished)
        sizes = {u: n for u, n in late.items() if _is_search(u)}
        page_load.update({u: n for u, n in late.items() if not _is_search(u)})
        searchy = [u for u in page_load if _is_search(u)]
        kinds: dict[str, int] = {}
        for url, size in sizes.items():
            kinds[_kind(url)] = kinds.get(_kind(url), 0) + size
        rows.append(
            {
                "query": query,
                "results": page.locator("[data-bt-search-status]").text_content(),
                "page_bytes": sum(page_load.values()),
                "search_files_before_opening": searchy,
                "search_bytes": sum(sizes.values()),
                "search_requests": len(sizes),
                "by_kind": dict(sorted(kinds.items())),
            }
        )
        context.close()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--site", type=Path, help="measure this built site instead")
    parser.add_argument(
        "--index-only", action="store_true", help="index the corpus without building its pages"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bantin-search-bytes-"))
    try:
        site = args.site
        if args.index_only:
            site = index_only(args.posts, work)
        elif site is None:
            project = work / "corpus"
            write_corpus(args.posts, project)
            seconds = build(project)
            site = project / "site"
            print(f"{args.posts} posts built in {seconds:.0f} s")
        bundle = site / "pagefind"
        files = [p for p in bundle.rglob("*") if p.is_file()]
        print(f"index: {len(files)} files, {sum(p.stat().st_size for p in files):,} bytes on disk")
        worst = 0
        for row in measure(site):
            print(json.dumps(row, ensure_ascii=False))
            worst = max(worst, row["search_bytes"])
            if row["search_files_before_opening"]:
                worst = GOAL  # a page load fetched search files: fail
        print(f"largest search: {worst:,} bytes (goal < {GOAL:,})")
        return 0 if worst < GOAL else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
