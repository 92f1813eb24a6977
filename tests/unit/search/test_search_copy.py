"""The search copy of a page: its marked part alone (bantin.search.pagefind.search_copy)."""

from __future__ import annotations

from bantin.search.pagefind import marked_parts, search_copy

PAGE = (
    '<!doctype html><html lang="vi"><head><title>Tin | Phường</title></head><body>'
    '<header><nav>Trang chủ Tin tức</nav><img src="logo.png"></header>'
    '<div class="md-content"><article class="bt-article" data-pagefind-body '
    'data-pagefind-meta="date:01/03/2024">'
    "<h1>Đường làng</h1><article><p>Bài lồng trong bài.</p></article>"
    "<p>Thân bài.</p></article></div>"
    "<aside>Tin mới nhất</aside><footer>Chân trang</footer></body></html>"
)


def test_the_marked_element_is_kept_whole_and_nothing_else() -> None:
    assert marked_parts(PAGE) == [
        '<article class="bt-article" data-pagefind-body data-pagefind-meta="date:01/03/2024">'
        "<h1>Đường làng</h1><article><p>Bài lồng trong bài.</p></article>"
        "<p>Thân bài.</p></article>"
    ]
    copy = search_copy(PAGE)
    assert copy is not None
    assert "<title>Tin | Phường</title>" in copy and "Bài lồng trong bài." in copy
    assert "Tin mới nhất" not in copy and "Trang chủ" not in copy and "logo.png" not in copy
    assert "ḏường" in copy.lower()  # in index form: đ as ḏ


def test_every_marked_element_of_a_page_is_kept() -> None:
    page = (
        "<body><main data-pagefind-body>Một</main><p>giữa</p>"
        "<section data-pagefind-body>Hai</section></body>"
    )
    assert marked_parts(page) == [
        "<main data-pagefind-body>Một</main>",
        "<section data-pagefind-body>Hai</section>",
    ]


def test_the_attribute_written_as_text_is_not_an_element() -> None:
    page = (
        "<body><p>Viết <code>data-pagefind-body</code> vào thẻ.</p>"
        "<div data-pagefind-body>Thật</div></body>"
    )
    assert marked_parts(page) == ["<div data-pagefind-body>Thật</div>"]


def test_a_page_without_the_mark_has_no_copy() -> None:
    assert search_copy("<body><p>Danh sách tin</p></body>") is None


def test_an_element_left_open_falls_back_to_the_whole_page() -> None:
    page = "<body><div data-pagefind-body><p>Không đóng thẻ</p></body>"
    assert marked_parts(page) is None
    copy = search_copy(page)
    assert copy is not None and "Không ḏóng thẻ" in copy
