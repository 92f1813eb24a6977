"""Build benchmark: bantin against the floor and mkdocs-material's blog plugin, same posts.

    python bench/build.py                          # 1,000 and 10,000 posts, one run each
    python bench/build.py --sizes 1000,10000 --runs 3
    python bench/build.py --quick                  # 300 posts, one run: a minute or two
    python bench/build.py --variants bantin,floor  # leave the blog plugin out (it is slow)

For each size, one corpus (``bench/corpus.py``, fixed seed) is built three ways,
each ``mkdocs build`` in a fresh child process:

(a) ``bantin``: the repository's own ``mkdocs.yml``: every feature on (search,
    feeds, indicators, views from ``data/views.json``, cover photos).
(b) ``floor``: the *same posts only*, as ordinary Material pages (front matter
    ``title``, the body, the cover photo), the static pages, navigation with the
    home page only, the same search setting. What MkDocs costs to render the
    articles; bantin's listings are not re-created: they are what bantin adds.
(c) ``blog``: mkdocs-material's blog plugin (with its archive, categories,
    pagination) and its tags plugin on the same posts.

Runs alternate (a, b, c, then b, c, a, ...) so a busy machine slows each alike,
and the median of the runs is reported. Wall time, CPU time (user + system of
the child) come from the child's resource usage; peak memory is the largest
sum of resident sets of the child and the processes it starts (Pagefind), as
sampled by ``bench/memory.py``. Ratios within one run are what to compare between
machines. The page weight of an article with an indicator box, the home page and a
listing is measured on bantin's output in Chromium at phone width, as a
first visit fetches it (``bench/weight.py``: gzip as ``deploy/nginx.conf``
serves text, fonts raw, photos apart).

Not part of ``make test``: numbers are not pass/fail, and 10,000 posts take minutes.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus
import memory
import weight

REPO = corpus.REPO
VARIANTS = ("bantin", "floor", "blog")
TARGETS = {"a/b": 1.3, "a/c": 0.15, "a10k/a1k": 11.0}


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    peak_mb: float


@dataclass
class Result:
    variant: str
    size: int
    runs: list[Run]
    pages: int = 0
    files: int = 0

    def median(self, attr: str) -> float:
        return statistics.median(getattr(r, attr) for r in self.runs)


# --- the three sites -------------------------------------------------------------------


def split_post(text: str) -> tuple[str, str]:
    """(front matter, body) of a corpus post."""
    _, meta, body = text.split("---\n", 2)
    return meta, body.lstrip("\n")


def meta_value(meta: str, key: str) -> str:
    match = re.search(rf"(?m)^{key}: (.*)$", meta)
    if not match:
        return ""
    value = match.group(1).strip()
    if value.startswith('"'):
        import json

        return json.loads(value)
    return value


def post_date(meta: str) -> tuple[str, str]:
    """(``YYYY-MM-DD HH:MM``, ``YYYY/MM/DD``) of a corpus post."""
    raw = meta_value(meta, "date")
    if "/" in raw:
        day, rest = raw.split(" ")
        d, m, y = day.split("/")
        raw = f"{y}-{m}-{d} {rest}"
    return raw, raw[:10].replace("-", "/")


def yaml_str(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def strip_markers(body: str) -> str:
    """bantin's ``[[chỉ số…]]`` markers mean nothing to plain MkDocs: drop them."""
    return re.sub(r"\[\[(?:ẩn )?chỉ số(?::[^\]]*)?\]\]", "", body)


def make_floor(bantin: Path, out: Path) -> None:
    """The same posts as ordinary Material pages, navigation with the home page only."""
    docs = out / "docs"
    shutil.copytree(bantin / "docs", docs)
    (docs / "index.md").write_text("# Trang chủ\n\nTin tức của phường.\n", encoding="utf-8")
    for post in sorted((bantin / "posts").rglob("*.md")):
        meta, body = split_post(post.read_text(encoding="utf-8"))
        _, day = post_date(meta)
        page = docs / day / post.stem / "index.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        title = meta_value(meta, "title")
        cover = meta_value(meta, "image")
        head = f"---\ntitle: {yaml_str(title)}\n---\n\n"
        if cover:
            source = post.parent / cover
            (page.parent / "anh").mkdir(exist_ok=True)
            shutil.copyfile(source, page.parent / "anh" / source.name)
            head += f"![{meta_value(meta, 'image_caption')}](anh/{source.name})\n\n"
        page.write_text(head + strip_markers(body), encoding="utf-8")
    (out / "mkdocs.yml").write_text(
        "site_name: Cổng thông tin phường Phúc Lợi\n"
        "site_url: https://phucloi.example.vn/\n"
        "theme:\n  name: material\n  language: vi\n  font: false\n"
        "  features: [navigation.tabs, navigation.top, search.suggest]\n"
        "plugins:\n  - search:\n      lang: vi\n"
        "nav:\n  - index.md\n"
        "markdown_extensions: [attr_list, md_in_html, tables, {toc: {permalink: false}}]\n",
        encoding="utf-8",
    )


def make_blog(bantin: Path, out: Path) -> None:
    """The same posts through mkdocs-material's blog plugin (archive, categories, tags)."""
    docs = out / "docs"
    shutil.copytree(bantin / "docs", docs)
    (docs / "index.md").write_text("# Tin tức\n", encoding="utf-8")
    (docs / "tags.md").write_text("# Từ khóa\n\n<!-- material/tags -->\n", encoding="utf-8")
    posts_dir = docs / "posts"
    posts_dir.mkdir(parents=True)
    for post in sorted((bantin / "posts").rglob("*.md")):
        meta, body = split_post(post.read_text(encoding="utf-8"))
        when, day = post_date(meta)
        tags = [t.strip() for t in meta_value(meta, "tags").strip("[]").split(",") if t.strip()]
        head = [
            "---",
            f"date: {when}:00",
            f"categories:\n  - {yaml_str(meta_value(meta, 'category'))}",
            "tags:\n" + "\n".join(f"  - {yaml_str(t)}" for t in tags),
            f"slug: {post.stem}",
            "---",
            "",
            f"# {meta_value(meta, 'title')}",
            "",
        ]
        cover = meta_value(meta, "image")
        target = posts_dir / day[:4] / f"{post.stem}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        if cover:
            source = post.parent / cover
            (target.parent / "anh").mkdir(exist_ok=True)
            shutil.copyfile(source, target.parent / "anh" / source.name)
            head += [f"![{meta_value(meta, 'image_caption')}](anh/{source.name})", ""]
        first, _, rest = strip_markers(body).partition("\n\n")
        target.write_text("\n".join(head) + f"{first}\n\n<!-- more -->\n\n{rest}", encoding="utf-8")
    (out / "mkdocs.yml").write_text(
        "site_name: Cổng thông tin phường Phúc Lợi\n"
        "site_url: https://phucloi.example.vn/\n"
        "theme:\n  name: material\n  language: vi\n  font: false\n"
        "  features: [navigation.tabs, navigation.top, search.suggest]\n"
        "plugins:\n  - search:\n      lang: vi\n"
        "  - blog:\n      blog_dir: .\n      post_url_format: '{date}/{slug}'\n"
        "  - tags:\n      tags_file: tags.md\n"
        "markdown_extensions: [attr_list, md_in_html, tables, {toc: {permalink: false}}]\n",
        encoding="utf-8",
    )


def prepare(size: int, work: Path, seed: int, variants: list[str]) -> dict[str, Path]:
    """Write (or reuse) the corpus of ``size`` posts and the other variants' sites."""
    root = work / f"posts-{size}"
    stamp = root / ".stamp"
    want = f"{size} {seed} {Path(corpus.__file__).stat().st_mtime_ns} {Path(__file__).stat().st_mtime_ns}"
    sites = {v: root / v for v in VARIANTS}
    if not (stamp.exists() and stamp.read_text() == want):
        # Photos and PDFs made by an earlier run are kept (cached by content), as a
        # ward's own site keeps them.
        kept = work / f".kept-cache-{size}"
        if (sites["bantin"] / ".cache").is_dir():
            shutil.rmtree(kept, ignore_errors=True)
            (sites["bantin"] / ".cache").rename(kept)
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        started = time.perf_counter()
        corpus.write_corpus(size, sites["bantin"], seed)
        if kept.is_dir():
            kept.rename(sites["bantin"] / ".cache")
        make_floor(sites["bantin"], sites["floor"])
        make_blog(sites["bantin"], sites["blog"])
        stamp.write_text(want)
        print(f"# corpus of {size} posts written in {time.perf_counter() - started:.0f} s: {root}")
    return {v: sites[v] for v in variants}


PDF_ON = "      bulletins:\n        enabled: true\n"
PDF_OFF = PDF_ON + "        pdf: false\n"


def set_pdf(site: Path, on: bool) -> None:
    """Bulletin PDFs on or off in the bantin site (``--no-pdf``)."""
    config = site / "mkdocs.yml"
    text = config.read_text("utf-8").replace(PDF_OFF, PDF_ON)
    assert PDF_ON in text
    config.write_text(text if on else text.replace(PDF_ON, PDF_OFF), "utf-8")


# --- building and measuring ------------------------------------------------------------


def timed_build(site: Path) -> Run:
    """One ``mkdocs build`` in a fresh child; its own wall, CPU and peak memory."""
    shutil.rmtree(site / "site", ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1798736400"}
    log = site / "build.log"
    with log.open("w") as out:
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(site / "mkdocs.yml")],
            cwd=site,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        sampler = memory.TreePeak(child.pid)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        tree = sampler.stop()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"build failed in {site} (exit {child.returncode}); see {log}")
    # The tree's sampled sum (build and indexer together), never less than the
    # largest single process's exact peak (a spike between two samples).
    peak_mb = max(tree / 2**20, usage.ru_maxrss / 1024)
    return Run(wall, usage.ru_utime + usage.ru_stime, peak_mb)


def count_output(site: Path) -> tuple[int, int]:
    """(HTML pages, all files) written."""
    out = site / "site"
    pages = files = 0
    for path in out.rglob("*"):
        if path.is_file():
            files += 1
            pages += path.suffix == ".html"
    return pages, files


def weights(bantin: Path) -> list[str]:
    """Page weight of an article with an indicator box, the home page and a listing.

    Measured in Chromium as a phone loads them (``bench/weight.py``): every file
    fetched, gzip as nginx serves text, fonts raw, photos apart.
    """
    out = bantin / "site"
    article = None
    for page in sorted(out.glob("20*/*/*/*/index.html")):
        if 'class="bt-indicators"' in page.read_text(encoding="utf-8"):
            article = page
            break
    listing = next(iter(sorted(out.glob("chuyen-muc/*/index.html"))), None)
    wanted = [
        ("article with indicator box", article, 100),
        ("home", out / "index.html", 150),
        ("listing", listing, None),
    ]
    found = [(name, page, limit) for name, page, limit in wanted if page is not None]
    lines = [f"  {name}: not found" for name, page, _ in wanted if page is None]
    measured = weight.measure(out, [page.relative_to(out).as_posix() for _, page, _ in found])
    for (name, _, limit), result in zip(found, measured, strict=True):
        lines += weight.describe(result, name, limit)
    if any(result.method != "Chromium" for result in measured):
        lines.append(
            f"  NOTE: {weight.CHROMIUM} or Playwright missing: static fallback, the HTML and "
            "the files it links only (no fonts or other files stylesheets and scripts fetch)"
        )
    index = out / "search" / "search_index.json"
    if index.exists():
        lines.append(
            f"  Material's search index, fetched when search opens: "
            f"{weight.gz(index.read_bytes()) / 1024:.0f} KB gzip"
        )
    return lines


def versions() -> str:
    def v(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "-"

    commit = (
        subprocess.run(
            ["git", "-C", str(REPO), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        or "not a git checkout"
    )
    return (
        f"python {platform.python_version()}, mkdocs {v('mkdocs')}, mkdocs-material "
        f"{v('mkdocs-material')}, jinja2 {v('Jinja2')}, markdown {v('Markdown')}, "
        f"bantin {v('bantin')} ({commit}), {os.cpu_count()} CPUs, {platform.machine()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000", help="post counts, comma-separated")
    parser.add_argument("--runs", type=int, default=1, help="builds per variant and size")
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--quick", action="store_true", help="300 posts, one run")
    parser.add_argument("--seed", type=int, default=corpus.SEED)
    parser.add_argument(
        "--cold", action="store_true", help="no warm-up: count making photos and PDFs too"
    )
    parser.add_argument(
        "--no-pdf",
        action="store_true",
        help="bantin without bulletin PDFs (each month's PDF takes WeasyPrint tens of seconds "
        "the first time; the web bulletins, search, feeds, indicators, views and photos stay on)",
    )
    parser.add_argument(
        "--work",
        type=Path,
        help="folder for corpora and sites (kept, reused); default: a temp folder",
    )
    args = parser.parse_args(argv)
    sizes = [300] if args.quick else [int(s) for s in args.sizes.split(",")]
    runs = 1 if args.quick else max(1, args.runs)
    variants = [v for v in args.variants.split(",") if v]
    if unknown := set(variants) - set(VARIANTS):
        parser.error(f"unknown variants: {', '.join(sorted(unknown))}")

    temp = None if args.work else tempfile.TemporaryDirectory(prefix="bantin-bench-")
    work = args.work or Path(temp.name)  # type: ignore[union-attr]
    work.mkdir(parents=True, exist_ok=True)
    print(f"# {versions()}")
    print(f"# sizes {sizes}, {runs} run(s) each, variants {variants}, work folder {work}")
    results: dict[tuple[str, int], Result] = {}
    try:
        sites = {size: prepare(size, work, args.seed, variants) for size in sizes}
        if "bantin" in variants:
            for size in sizes:
                set_pdf(sites[size]["bantin"], not args.no_pdf)
            if args.no_pdf:
                print("# bantin: bulletin PDFs off (--no-pdf)")
        if "bantin" in variants and not args.cold:
            # A ward rebuilds a site whose photos and bulletin PDFs are already made
            # (cached by content under .cache/): one build first fills those caches.
            for size in sizes:
                warm = timed_build(sites[size]["bantin"])
                print(
                    f"# warm-up: bantin {size:>6} posts (photos and PDFs made, not counted): "
                    f"{warm.wall:7.1f} s wall, {warm.cpu:7.1f} s CPU",
                    flush=True,
                )
        for run in range(runs):
            for size in sizes:
                order = variants[run % len(variants) :] + variants[: run % len(variants)]
                for variant in order:
                    measured = timed_build(sites[size][variant])
                    result = results.setdefault((variant, size), Result(variant, size, []))
                    result.runs.append(measured)
                    result.pages, result.files = count_output(sites[size][variant])
                    print(
                        f"# run {run + 1}: {variant:6} {size:>6} posts: {measured.wall:7.1f} s wall, "
                        f"{measured.cpu:7.1f} s CPU, {measured.peak_mb:6.0f} MB peak",
                        flush=True,
                    )
        report(results, sizes, variants, runs)
        if "bantin" in variants:
            print("page weight (bantin, largest corpus):")
            print("\n".join(weights(sites[max(sizes)]["bantin"])))
    finally:
        if temp is not None:
            temp.cleanup()
    return 0


def report(
    results: dict[tuple[str, int], Result], sizes: list[int], variants: list[str], runs: int
) -> None:
    print()
    print(
        f"{'variant':8} {'posts':>6} {'wall s':>8} {'CPU s':>8} {'peak MB':>8} {'pages':>7} {'files':>7}"
    )
    for size in sizes:
        for variant in variants:
            r = results[(variant, size)]
            print(
                f"{variant:8} {size:>6} {r.median('wall'):8.1f} {r.median('cpu'):8.1f} "
                f"{r.median('peak_mb'):8.0f} {r.pages:>7} {r.files:>7}"
            )
    print(f"(median of {runs} run(s); CPU = user + system time of the build process)")

    def ratio(a: tuple[str, int], b: tuple[str, int], what: str) -> float | None:
        if a in results and b in results:
            return results[a].median(what) / results[b].median(what)
        return None

    print()
    for size in sizes:
        for name, other, target in (
            ("a/b", "floor", TARGETS["a/b"]),
            ("a/c", "blog", TARGETS["a/c"]),
        ):
            wall = ratio(("bantin", size), (other, size), "wall")
            cpu = ratio(("bantin", size), (other, size), "cpu")
            if wall is not None and cpu is not None:
                print(
                    f"{name} at {size:>6}: wall {wall:5.2f}, CPU {cpu:5.2f}   (target ≤ {target} "
                    f"at 10,000: {'met' if cpu <= target else 'not met'} on CPU)"
                )
    if len(sizes) > 1 and "bantin" in variants:
        small, big = min(sizes), max(sizes)
        for what in ("wall", "cpu"):
            r = ratio(("bantin", big), ("bantin", small), what)
            assert r is not None
            scale = big / small
            limit = TARGETS["a10k/a1k"] * scale / 10
            print(
                f"a{big}/a{small} {what}: {r:.2f}  (posts ×{scale:g}; target ≤ {limit:g}: "
                f"{'met' if r <= limit else 'not met'})"
            )
        peak = results[("bantin", big)].median("peak_mb")
        print(
            f"bantin peak memory at {big}: {peak:.0f} MB (target < 1536 MB: {'met' if peak < 1536 else 'not met'})"
        )


if __name__ == "__main__":
    sys.exit(main())
