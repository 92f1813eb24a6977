"""Search (Pagefind) in Chromium: Vietnamese with and without marks, both tone
placements, đ, exact spelling first, bytes fetched, keyboard, escaping, 360/1280 px."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bantin.search.fold import index_form

from tests.browser.conftest import DESKTOP, PHONE, serve
from tests.sitekit import TinySite

pytestmark = pytest.mark.browser

DAN_VAN_KHEO = "Dân vận khéo"


def open_search(page) -> None:
    page.locator("[data-bt-search-open]").first.click()
    page.locator("#bt-search-input").wait_for(state="visible")


def wait_for_results(page, query: str) -> None:
    """Until the dialog says how many articles ``query`` found (or that it found none)."""
    page.wait_for_function(
        """q => { const s = document.querySelector('[data-bt-search-status]').textContent;
                  return s.includes('“' + q + '”'); }""",
        arg=query.strip(),
        timeout=15_000,
    )


def search(page, query: str) -> list[str]:
    """Type ``query`` into the open dialog; the titles of the first page of results."""
    box = page.locator("#bt-search-input")
    box.fill("")
    box.fill(query)
    box.press("Enter")
    wait_for_results(page, query)
    return [t.strip() for t in page.locator(".bt-search__link").all_text_contents()]


@pytest.fixture(scope="module")
def variants(tmp_path_factory: pytest.TempPathFactory) -> TinySite:
    """Articles that differ only in how a word is spelled."""
    site = TinySite(tmp_path_factory.mktemp("variants") / "ward")
    posts = {
        "hoa-cu": ("Tục hoả táng ở phường", "Vận động người dân hoả táng, thuý tiết kiệm."),
        "hoa-moi": ("Nghĩa trang hỏa táng mới", "Nhiều gia đình chọn hỏa táng. Chị Thúy kể."),
        "duong": ("Sửa đường phố cũ", "Con đường trước chợ được trải nhựa."),
        "duong-cam": ("Lớp dương cầm thiếu nhi", "Các em học dương cầm mỗi tối."),
        "duong-khong-dau": ("Ghi chép duong pho", "Bai viet khong dau: duong pho sach dep."),
        "hostile": (
            'Tin <script>window.__pwned=1</script> "><img src=x onerror=window.__pwned=1>',
            "Thông báo `<img src=x onerror=window.__pwned=1>` và &lt;b&gt;.",
        ),
    }
    for n, (name, (title, body)) in enumerate(posts.items(), start=1):
        site.post(
            f"{name}.md",
            {"title": title, "date": f"2024-03-{n:02d} 08:00", "category": "Thông báo"},
            body,
        )
    run = site.build()
    assert run.ok, run.output
    return site


@pytest.fixture(scope="module")
def variants_url(variants: TinySite) -> Iterator[str]:
    server, url = serve(variants.site)
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def parted_url(variants: TinySite, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same site with its index in parts of two pages, as a large archive's is."""
    parted = TinySite(tmp_path_factory.mktemp("parted") / "ward")
    shutil.copytree(
        variants.root, parted.root, ignore=shutil.ignore_patterns("site"), dirs_exist_ok=True
    )
    run = parted.build(env={"BANTIN_SEARCH_PART_PAGES": "2"})
    assert run.ok, run.output
    parts = json.loads((parted.site / "pagefind" / "bantin-parts.json").read_text("utf-8"))
    assert parts == {"parts": ["parts/2/", "parts/3/"]}
    server, url = serve(parted.site)
    yield url
    server.shutdown()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert errors == []


def test_no_search_bytes_before_the_reader_opens_search(browser, base_url: str) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base_url, wait_until="networkidle")
    article = page.locator(".bt-card__title a").first.get_attribute("href")
    page.goto(base_url + article.lstrip("/"), wait_until="networkidle")
    searchy = [u for u in requests if "search" in u or "pagefind" in u]
    # Only the small opener script; neither the interface nor any of Pagefind's files.
    assert {u.rsplit("/", 1)[1] for u in searchy} == {"bantin-search.js"}, searchy
    opener = base_url + "assets/javascripts/bantin-search.js"
    assert len(page.request.get(opener).body()) < 3_000
    open_search(page)
    page.wait_for_function("document.querySelector('[data-bt-search-status]').textContent === ''")
    assert any("/pagefind/pagefind.js" in u for u in requests)
    context.close()


def test_demo_queries_without_marks_find_the_articles(page, base_url: str) -> None:
    page.goto(base_url)
    open_search(page)
    top = search(page, "dan van kheo")
    assert len(top) >= 3 and all(DAN_VAN_KHEO in t for t in top[:3]), top
    assert any(DAN_VAN_KHEO in t for t in search(page, "kheo")[:3])
    assert search(page, "phuc loi"), "'phuc loi' finds nothing"
    # Both tone placements are one word: same articles, same order.
    old, new = search(page, "hoả táng"), search(page, "hỏa táng")
    assert old and old == new
    assert search(page, "hoa tang"), "'hoa tang' finds nothing"


def test_tone_placement_and_d_and_exact_spelling_first(page, variants_url: str) -> None:
    page.goto(variants_url)
    open_search(page)
    # Old and new placement find both articles, in the same order.
    old, new = search(page, "hoả táng"), search(page, "hỏa táng")
    assert set(old) == {"Tục hoả táng ở phường", "Nghĩa trang hỏa táng mới"}
    assert old == new
    assert set(search(page, "thuý")) == set(search(page, "thúy")) == set(old)
    # đ folds to d; the reader's exact spelling ranks first.
    assert search(page, "đường")[0] == "Sửa đường phố cũ"
    assert search(page, "dương")[0] == "Lớp dương cầm thiếu nhi"
    without = search(page, "duong")
    assert without[0] == "Ghi chép duong pho"
    assert set(without) >= {"Sửa đường phố cũ", "Lớp dương cầm thiếu nhi"}
    assert search(page, "ĐƯỜNG")[0] == "Sửa đường phố cũ"


def test_results_show_title_category_date_and_highlighted_excerpt(page, variants_url) -> None:
    page.goto(variants_url)
    open_search(page)
    search(page, "duong pho")
    first = page.locator(".bt-search__result").first
    assert first.locator(".bt-search__link").text_content() == "Ghi chép duong pho"
    meta = first.locator(".bt-search__meta").inner_text()
    assert meta == "Thông báo · 05/03/2024", meta
    marks = page.locator(".bt-search__excerpt mark").all_text_contents()
    assert "đường" in " ".join(marks).lower(), marks  # shown with its đ, not the index's ḏ
    status = page.locator("[data-bt-search-status]").text_content()
    assert status.startswith("Có ") and "kết quả cho “duong pho”" in status
    assert search(page, "xyzqwv") == []
    assert (
        "Không tìm thấy bài nào có “xyzqwv”"
        in page.locator("[data-bt-search-status]").text_content()
    )


@pytest.fixture(scope="module")
def long_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One long article (its opening is indexed in full, the rest once a word) and a short one."""
    site = TinySite(tmp_path_factory.mktemp("long") / "ward")
    filler = " ".join(f"Đoạn văn số {n} kể việc tổ dân phố làm trong tuần." for n in range(60))
    site.post(
        "dai.md",
        {
            "title": "Tổng kết năm của tổ dân phố",
            "date": "2024-05-02 08:00",
            "category": "Thông báo",
        },
        f"Mở đầu: trồng cây xanh ven hồ.\n\n{filler}\n\nCuối bài nhắc tới ngõ Quỳnh Mai "
        "và cây xanh <b>một lần nữa</b>.",
    )
    site.post(
        "ngan.md",
        {"title": "Thông báo ngắn", "date": "2024-05-01 08:00", "category": "Thông báo"},
        "Chỉ vài dòng về lịch họp.",
    )
    run = site.build()
    assert run.ok, run.output
    server, url = serve(site.site)
    yield url
    server.shutdown()


def test_a_word_far_into_a_long_article_finds_it_without_showing_the_index(page, long_url) -> None:
    """Past its opening an article is indexed one word once (bantin/search/opening.py): still
    found, and its excerpt is its own opening text, never that list of words."""
    page.goto(long_url)
    open_search(page)
    assert search(page, "quynh mai") == ["Tổng kết năm của tổ dân phố"]
    excerpt = page.locator(".bt-search__excerpt").first.inner_text()
    assert excerpt.startswith("Mở đầu: trồng cây xanh ven hồ."), excerpt
    assert "\u2042" not in excerpt and "Quỳnh" not in excerpt, excerpt
    # A word of the opening and of the end: the excerpt is the opening, the word marked.
    assert search(page, "cay xanh") == ["Tổng kết năm của tổ dân phố"]
    marks = page.locator(".bt-search__excerpt mark").all_text_contents()
    assert [m.lower() for m in marks] == ["cây", "xanh"], marks
    assert "\u2042" not in page.locator(".bt-search__excerpt").first.inner_text()


def test_payloads_in_titles_and_bodies_are_shown_as_text(page, variants_url: str) -> None:
    page.goto(variants_url)
    open_search(page)
    titles = search(page, "Tin")
    assert 'Tin <script>window.__pwned=1</script> "><img src=x onerror=window.__pwned=1>' in titles
    search(page, "onerror")
    excerpt = page.locator(".bt-search__excerpt").all_text_contents()
    assert any("<img src=x onerror=window.__pwned=1>" in e for e in excerpt), excerpt
    results = page.locator("[data-bt-search-results]")
    assert results.locator("script, img, svg, b").count() == 0
    assert page.evaluate("window.__pwned === undefined")


def test_query_spelling_in_the_browser_matches_the_index(page, base_url: str) -> None:
    words = [
        "hoả táng", "Hoà bình", "HOÀ", "thuý", "Thuỷ", "uỷ ban", "quý", "Quý", "hoàng",
        "toán", "thuyết", "khuya", "ngoài", "xoè", "Nguỵ", "oà", "hoạ sĩ", "tuỳ", "luỹ",
        "Đường Đỗ", "đ", "hoá2", "Hoá học", "dan van kheo",
        "Ho\u0300a", "thu\u00fd",  # decomposed (NFD) and precomposed input
    ]  # fmt: skip
    page.goto(base_url)
    module = base_url + "assets/javascripts/bantin-search-ui.js"
    in_browser = page.evaluate(
        "async ([m, words]) => { const ui = await import(m); return words.map(ui.indexForm); }",
        [module, words],
    )
    assert in_browser == [index_form(w) for w in words]


def test_keyboard_only(page, variants_url: str) -> None:
    page.goto(variants_url)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "bt-search-input"
    page.keyboard.type("hoa tang")
    wait_for_results(page, "hoa tang")
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.textContent")
    assert {first, second} == {"Tục hoả táng ở phường", "Nghĩa trang hỏa táng mới"}
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "bt-search-input"
    page.keyboard.press("Escape")
    assert not page.locator("#bt-search").is_visible()
    # From the header button with Tab and Enter; Escape gives the focus back to it.
    page.locator("[data-bt-search-open]").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "bt-search-input"
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.hasAttribute('data-bt-search-open')")
    # Enter on a result opens the article.
    page.keyboard.press("Enter")
    page.keyboard.type("dương cầm")
    wait_for_results(page, "dương cầm")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/lop-duong-cam-thieu-nhi/")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_search_results_screenshots(browser, base_url: str, screenshots: Path, viewport) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(base_url, wait_until="networkidle")
    button = page.locator("[data-bt-search-open]")
    assert button.is_visible()
    open_search(page)
    search(page, "dan van kheo")
    page.wait_for_timeout(200)
    page.screenshot(path=screenshots / "search-results.png")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"]
    dialog = page.locator("#bt-search").bounding_box()
    assert dialog["x"] >= 0 and dialog["x"] + dialog["width"] <= viewport["width"]
    context.close()


def test_bytes_for_one_search_on_the_demo(browser, base_url: str) -> None:
    """Recorded (printed) and bounded: what one search costs a reader on top of the page."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base_url, wait_until="networkidle")
    sizes: dict[str, int] = {}
    page.on("requestfinished", lambda r: sizes.__setitem__(r.url, r.sizes()["responseBodySize"]))
    open_search(page)
    search(page, "dan van kheo")
    page.wait_for_load_state("networkidle")
    total = sum(sizes.values())
    print(json.dumps({"search_bytes": total, "files": len(sizes)}))
    assert 0 < total < 500_000
    context.close()


def test_enter_before_the_search_has_loaded(page, base_url: str) -> None:
    """On a slow connection a reader types and presses Enter while Pagefind is
    still on its way: the page must stay, and the results come when it arrives."""
    page.goto(base_url, wait_until="networkidle")
    held: list = []
    page.route("**/pagefind/pagefind.js", lambda route: held.append(route))
    page.locator("[data-bt-search-open]").first.click()
    page.locator("#bt-search-input").fill("dan van kheo")
    page.locator("#bt-search-input").press("Enter")
    for _ in range(50):  # until the interface asks for Pagefind (held back)
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the search interface never asked for Pagefind"
    page.wait_for_timeout(300)  # time enough for a page reload to have started
    assert page.evaluate("location.search") == ""
    assert page.locator("#bt-search").evaluate("d => d.open")
    held[0].continue_()
    wait_for_results(page, "dan van kheo")
    assert DAN_VAN_KHEO in " ".join(page.locator(".bt-search__link").all_text_contents())


def test_an_index_in_parts_finds_what_one_index_finds(page, variants_url, parted_url) -> None:
    queries = ["hoả táng", "thuý", "đường", "duong", "dương", "tin"]
    page.goto(variants_url)
    open_search(page)
    whole = {q: set(search(page, q)) for q in queries}
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(parted_url)
    open_search(page)
    for query in queries:
        assert set(search(page, query)) == whole[query], query
    assert whole["duong"] >= {"Sửa đường phố cũ", "Lớp dương cầm thiếu nhi", "Ghi chép duong pho"}
    # Every part was read, with the first part's script and WebAssembly only.
    assert any("/pagefind/parts/2/" in u for u in requests)
    assert any("/pagefind/parts/3/" in u for u in requests)
    assert sum(u.split("?")[0].endswith("pagefind.js") for u in requests) == 1
