"""Articles read by a second process give the same site, and what it finds reaches the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.photokit import camera_photo
from tests.sitekit import TinySite, manifest

EPOCH = {"SOURCE_DATE_EPOCH": "1798736400"}
CATEGORY_NAMES = ("Tin tức - Sự kiện", "Thông báo", "Mặt trận - Đoàn thể")
TAGS = ("an sinh", "đô thị", "y tế", "giáo dục", "môi trường")
READ_IN_CHILD = "bài viết được đọc trong một tiến trình thứ hai"
POSTS = 24


def body(n: int, extra: str = "") -> str:
    """Headings (table of contents, anchors), a table, pasted HTML, links between articles."""
    return (
        f"Đoạn mở đầu của tin số {n} về đường làng, ngõ phố.\n\n"
        f"## Kết quả đạt được {n}\n\n- Hộ được hỗ trợ: {n * 3}\n- Đạt 88,37%\n\n"
        "| Chỉ tiêu | Kết quả |\n|---|---|\n| Trường hợp | 49/51 |\n\n"
        '<p style="color:red" onclick="x()">Dán từ <b>Word</b> &amp; trang cũ</p>\n\n'
        f"### Ý kiến người dân\n\nXem [phần trên](#ket-qua-dat-duoc-{n}).{extra}\n"
    )


def busy_site(root: Path, extra: str = "") -> TinySite:
    """Enough articles for a second process, a cover photo, indicators, static pages."""
    site = TinySite(root, per_page=3)
    camera_photo(site.root / "posts" / "anh" / "bia.jpg", (1600, 1200), orientation=1)
    (site.root / "docs" / "gioi-thieu.md").write_text(
        "# Giới thiệu\n\n## Địa giới\n\nPhường Thử.\n", encoding="utf-8"
    )
    for n in range(1, POSTS + 1):
        front = {
            "title": f"Tin số {n}: đường làng, ngõ phố",
            "date": f"202{3 + n % 2}-{1 + n % 12:02d}-{n:02d} 08:{n:02d}",
            "category": CATEGORY_NAMES[n % 3],
            "tags": [TAGS[n % 5], TAGS[(n + 2) % 5]],
        }
        if n % 2:  # half the leads come from the first paragraph
            front["summary"] = f"Sa-pô của tin số {n} & <b>không phải thẻ</b>."
        if n == 6:
            front["image"] = "anh/bia.jpg"
            front["image_caption"] = "Ảnh bìa"
        if n % 4 == 0:
            front["indicators"] = [
                {"label": "Hộ được hỗ trợ", "value": 10 + n, "unit": "hộ", "id": "ho-ho-tro"}
            ]
        site.post(f"tin-{n}.md", front, body(n, extra))
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[TinySite, dict[str, str], str]:
    """The same site built by MkDocs' process alone, then with a second process reading."""
    site = busy_site(tmp_path_factory.mktemp("second") / "ward")
    alone = site.build(env={**EPOCH, "BANTIN_SECOND_PROCESS": "never"})
    assert alone.ok, alone.output
    assert READ_IN_CHILD not in alone.output
    one = manifest(site.site)
    shared = site.build(env={**EPOCH, "BANTIN_SECOND_PROCESS": "always"})
    assert shared.ok, shared.output
    return site, one, shared.output


def test_a_second_process_gives_the_same_site_byte_for_byte(
    built: tuple[TinySite, dict[str, str], str],
) -> None:
    site, alone, output = built
    assert f"11 {READ_IN_CHILD}" in output  # 47% of 24, every other one
    assert manifest(site.site) == alone
    # The comparison covers what the child's reading decides.
    assert "pagefind/bantin-parts.json" in alone and "rss.xml" in alone


def test_what_the_child_read_is_on_the_pages(
    built: tuple[TinySite, dict[str, str], str],
) -> None:
    site, _, _ = built
    # Each article's lead (its first paragraph where it has no summary) is recorded
    # as it is read: by either process, it is on the article's page.
    leads = {}
    for page in site.site.glob("202*/*/*/*/index.html"):
        html = page.read_text(encoding="utf-8")
        number = int(html.split("<h1", 1)[1].split("Tin số ", 1)[1].split(":", 1)[0])
        leads[number] = html.split('<meta name="description" content="', 1)[1].split('"', 1)[0]
    assert sorted(leads) == list(range(1, POSTS + 1))
    for n, lead in leads.items():
        if n % 2:
            assert lead == f"Sa-pô của tin số {n} &amp; &lt;b&gt;không phải thẻ&lt;/b&gt;."
        else:
            assert lead == f"Đoạn mở đầu của tin số {n} về đường làng, ngõ phố."
    indexed = site.search_pages()
    assert len([url for url in indexed if url.startswith("/202")]) == POSTS
    for page in indexed.values():
        if page["url"].startswith("/202"):
            assert "Dán từ Word" in page["content"]


def test_warnings_found_by_the_second_process_count_under_strict(tmp_path: Path) -> None:
    site = busy_site(tmp_path / "ward", extra=" Và [một tệp không có](khong-co.md).")
    found = {}
    for mode in ("never", "always"):
        run = site.build(env={"BANTIN_SECOND_PROCESS": mode})
        assert not run.ok, run.output
        assert (READ_IN_CHILD in run.output) is (mode == "always")
        warned = sorted(line for line in run.output.splitlines() if "khong-co.md" in line)
        aborted = [line for line in run.output.splitlines() if line.startswith("Aborted with")]
        found[mode] = (warned, aborted)
    # Every post's warning, once, whichever process read it (two per post: when
    # the post is loaded and when its Markdown is converted).
    assert found["always"] == found["never"]
    assert len(found["never"][0]) == 2 * POSTS
    assert found["never"][1] == [f"Aborted with {2 * POSTS} warnings in strict mode!"]


def test_another_plugin_that_reads_pages_keeps_everything_in_one_process(tmp_path: Path) -> None:
    """What another plugin records as it reads would be lost with the child."""
    site = busy_site(tmp_path / "ward")
    (site.root / "count.py").write_text(
        "from pathlib import Path\n"
        "seen = []\n"
        "def on_page_markdown(markdown, page, config, files):\n"
        "    seen.append(page.file.src_uri)\n"
        "    return markdown\n"
        "def on_post_build(config):\n"
        "    Path(config.config_file_path).with_name('seen.txt').write_text(str(len(seen)))\n",
        encoding="utf-8",
    )
    site.extra_config["hooks"] = ["count.py"]
    site.write_config()
    run = site.build(env={"BANTIN_SECOND_PROCESS": "always"})
    assert run.ok, run.output
    assert READ_IN_CHILD not in run.output
    pages = len(list(site.site.rglob("index.html")))
    assert int((site.root / "seen.txt").read_text()) == pages


def test_a_wrong_setting_is_a_clear_error(tmp_path: Path) -> None:
    site = busy_site(tmp_path / "ward")
    run = site.build(env={"BANTIN_SECOND_PROCESS": "hai"})
    assert not run.ok
    assert "BANTIN_SECOND_PROCESS='hai' chỉ nhận một trong auto, always, never" in run.output
