"""After a sequence of edits under ``mkdocs serve``, every page served equals a clean build.

The preview server is one long-lived process: whatever bantin keeps between
rebuilds (the plugin object, memoised formatting, reused page parts) must never
serve a stale page. The test saves a post's body, a title, a category, a
date, adds and deletes posts, edits a template in the site's ``custom_dir`` and
``mkdocs.yml``, waits for each change to be served, then fetches every file of
a clean ``mkdocs build`` of the final sources from the server and compares them
byte for byte (the server's live-reload script taken out; the clean build
uses the server's address as ``site_url``, as ``mkdocs serve`` does).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.sitekit import REPO, free_port, strict_build, wait_for

sys.path.insert(0, str(REPO / "bench"))
import corpus

pytestmark = [pytest.mark.xdist_group("preview_equals_build")]

EPOCH = "1798736400"
LIVERELOAD = re.compile(
    r"<script>\s*var livereload = function\(epoch, requestId\).*?</script>", re.S
)


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=300) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, b""


def set_field(path: Path, key: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    new = re.sub(rf"(?m)^{key}: .*$", lambda _: f"{key}: {value}", text, count=1)
    assert new != text
    path.write_text(new, encoding="utf-8")


def post_url(path: Path) -> str:
    raw = re.search(r"(?m)^date: (.*)$", path.read_text("utf-8")).group(1)  # type: ignore[union-attr]
    if "/" in raw:
        d, m, y = raw.split(" ")[0].split("/")
    else:
        y, m, d = raw[:10].split("-")
    return f"{y}/{m}/{d}/{path.stem}/"


def make_site(root: Path) -> list[Path]:
    posts = corpus.write_corpus(12, root)
    overrides = root / "overrides" / "partials"
    overrides.mkdir(parents=True)
    shutil.copyfile(
        REPO / "plugins" / "bantin" / "templates" / "partials" / "footer.html",
        overrides / "footer.html",
    )
    config = root / "mkdocs.yml"
    text = re.sub(r"(?m)^(\s*custom_dir:).*$", r"\1 overrides", config.read_text("utf-8"))
    config.write_text(text, encoding="utf-8")
    return sorted(posts, key=post_url, reverse=True)


# ``mkdocs serve`` rebuilds every page on a save; ``bantin serve`` (``make serve``)
# draws each page when it is asked for (adapter/incremental.py).
SERVERS = {
    "mkdocs-serve": [sys.executable, "-m", "mkdocs", "serve"],
    "bantin-serve": [str(Path(sys.executable).with_name("bantin")), "serve"],
}


def differences(root: Path, clean: Path, base: str, env: dict[str, str]) -> list[str]:
    """The files of a clean build of ``root`` that the server at ``base`` serves otherwise."""
    shutil.copytree(root, clean, ignore=shutil.ignore_patterns("site", ".cache"))
    text = (clean / "mkdocs.yml").read_text("utf-8")
    text = re.sub(r"(?m)^site_url: .*$", f"site_url: {base}", text)
    (clean / "mkdocs.yml").write_text(text, "utf-8")
    strict_build(clean, env)
    files = sorted(p for p in (clean / "site").rglob("*") if p.is_file())
    assert len(files) > 100
    different = []
    for path in files:
        name = path.relative_to(clean / "site").as_posix()
        if name.endswith((".gz", ".pdf")) or name == "_headers" or name.startswith("pagefind/"):
            # sitemap.xml.gz: the same XML, its gzip header holds the time it was written;
            # _headers: written by bantin-atomic when it publishes, never by the preview;
            # pagefind/: the search index of these pages, its piece names vary per build;
            # bulletin PDFs: bantin serve draws them on its first build only.
            continue
        status, body = get(base + name)
        if name.endswith(".html"):
            body = LIVERELOAD.sub("", body.decode("utf-8")).encode("utf-8")
        if status != 200 or body != path.read_bytes():
            different.append(name)
    return different


@pytest.mark.parametrize("command", SERVERS.values(), ids=SERVERS.keys())
def test_pages_served_after_edits_equal_a_clean_build(tmp_path: Path, command: list[str]) -> None:
    root = tmp_path / "src"
    posts = make_site(root)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH}
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [*command, "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(lambda: get(base)[0] == 200, "the first build", server)
        time.sleep(1.5)

        edited, retitled, moved, redated, deleted = posts[0], posts[1], posts[2], posts[3], posts[4]
        marker = "Câu thêm khi xem thử."
        edited.write_text(edited.read_text("utf-8") + f"\n{marker}\n", "utf-8")
        wait_for(lambda: marker.encode() in get(base + post_url(edited))[1], "edited body", server)

        set_field(retitled, "title", "Tiêu đề mới khi xem thử")
        wait_for(
            lambda: "Tiêu đề mới khi xem thử".encode() in get(base)[1], "new title on home", server
        )

        old = re.search(r"(?m)^category: (.*)$", moved.read_text("utf-8")).group(1)  # type: ignore[union-attr]
        target = "Thông báo" if old != "Thông báo" else "Tin tức - Sự kiện"
        set_field(moved, "category", target)
        listing = base + (
            "chuyen-muc/thong-bao/" if target == "Thông báo" else "chuyen-muc/tin-tuc-su-kien/"
        )
        wait_for(lambda: post_url(moved).encode() in get(listing)[1], "re-categorised post", server)

        old_url = post_url(redated)
        set_field(redated, "date", "02/01/2026 09:00")
        wait_for(
            lambda: get(base + old_url)[0] == 404, "re-dated post gone from its old URL", server
        )

        added = root / "posts" / "2026" / "bai-them-khi-xem-thu.md"
        added.parent.mkdir(exist_ok=True)
        # A copy without the cover photo: the photo's path is relative to the original's folder.
        added.write_text(
            re.sub(r"(?m)^image(_caption)?: .*\n", "", posts[5].read_text("utf-8")), "utf-8"
        )
        set_field(added, "title", "Bài thêm khi xem thử")
        wait_for(lambda: get(base + post_url(added))[0] == 200, "added post", server)

        gone = post_url(deleted)
        deleted.unlink()
        wait_for(lambda: get(base + gone)[0] == 404, "deleted post", server)

        time.sleep(1.0)
        # After saves in posts/ only (bantin serve refreshed in place each time).
        different = differences(root, tmp_path / "clean-posts", base, env)
        assert not different, different[:10]

        footer = root / "overrides" / "partials" / "footer.html"
        footer.write_text(
            footer.read_text("utf-8").replace("Tin RSS", "Tin RSS (sửa mẫu)"), "utf-8"
        )
        wait_for(lambda: "sửa mẫu".encode() in get(base)[1], "edited template", server)

        config = root / "mkdocs.yml"
        config.write_text(
            config.read_text("utf-8").replace("site_name: Cổng", "site_name: Trang thử Cổng"),
            "utf-8",
        )
        wait_for(lambda: "Trang thử Cổng".encode() in get(base)[1], "edited mkdocs.yml", server)
        time.sleep(1.0)

        different = differences(root, tmp_path / "clean", base, env)
        assert not different, different[:10]
        if "bantin" in command[0]:
            # Saves in posts/ refreshed the preview in place (adapter/refresh.py);
            # the template and mkdocs.yml edits were full builds.
            served = (tmp_path / "serve.log").read_text("utf-8")
            assert served.count("làm mới tại chỗ") >= 5, served[-3000:]
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
