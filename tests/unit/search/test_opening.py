"""What of a page the search index keeps (bantin.search.opening)."""

from __future__ import annotations

from bantin.search.opening import REST_MARK, opening_form
from lxml import html as lxml_html


def words(n: int, start: int = 0) -> str:
    return " ".join(f"w{i}" for i in range(start, start + n))


def indexed(page: str) -> tuple[list[str], list[str]]:
    """(words Pagefind reads before the mark, words of the list after it)."""
    body = lxml_html.document_fromstring(page).xpath("//*[@data-pagefind-body]")[0]
    opening, _, rest = " ".join(body.itertext()).partition(REST_MARK)
    return opening.split(), rest.split()


def test_a_short_page_is_left_exactly_as_written() -> None:
    page = f"<html><body><article data-pagefind-body><h1>Tiêu đề</h1><p>{words(50)}</p></article></body></html>"
    assert opening_form(page, words=60) == page


def test_a_page_without_an_indexed_part_is_left_alone() -> None:
    page = f"<html><body><p>{words(500)}</p></body></html>"
    assert opening_form(page, words=10) == page


def test_the_opening_is_kept_in_full_and_every_later_word_once() -> None:
    later = " ".join(["dân", "Dân", "hội", "dân", "phường", "cuối"])
    page = (
        "<!doctype html><html><body><nav>menu menu</nav>"
        '<article data-pagefind-body data-pagefind-meta="date:01/02/2024">'
        f"<h1>Tiêu đề bài</h1><p>{words(10)}</p><p>{words(10, 10)} <b>đậm</b> {later}</p>"
        "</article><footer>chân trang</footer></body></html>"
    )
    shaped = opening_form(page, words=15)
    opening, rest = indexed(shaped)
    assert opening == ["Tiêu", "đề", "bài", *words(10).split(), "w10", "w11"]
    # The rest once each, case-insensitively, first spelling kept; nothing from outside.
    assert rest == [
        "w12",
        "w13",
        "w14",
        "w15",
        "w16",
        "w17",
        "w18",
        "w19",
        "đậm",
        "dân",
        "hội",
        "phường",
        "cuối",
    ]
    assert shaped.startswith("<!doctype html>")
    assert 'data-pagefind-meta="date:01/02/2024"' in shaped
    assert "menu menu" in shaped and "chân trang" in shaped


def test_a_word_split_inside_a_text_keeps_its_punctuation_up_to_the_cut() -> None:
    page = "<html><body><main data-pagefind-body><p>Một, hai. Ba bốn năm</p></main></body></html>"
    opening, rest = indexed(opening_form(page, words=2))
    assert opening == ["Một,", "hai"]
    assert rest == ["Ba", "bốn", "năm"]


def test_ignored_and_metadata_parts_stay_whole_and_do_not_count() -> None:
    page = (
        "<html><body><article data-pagefind-body>"
        f"<p data-pagefind-ignore>{words(30, 100)}</p>"
        '<span data-pagefind-meta="category">Thông báo chung</span>'
        f"<p>{words(5)}</p>"
        f'<aside data-pagefind-ignore="all">{words(30, 200)}</aside>'
        "<script>var x = 1;</script>"
        f"<p>{words(5, 5)}</p>"
        "</article></body></html>"
    )
    shaped = opening_form(page, words=7)
    tree = lxml_html.document_fromstring(shaped)
    assert tree.xpath("string(//p[@data-pagefind-ignore])") == words(30, 100)
    assert tree.xpath("string(//aside)") == words(30, 200)
    assert tree.xpath("string(//span)") == "Thông báo chung"
    assert tree.xpath("string(//script)") == "var x = 1;"
    rest = shaped.split(REST_MARK, 1)[1]
    assert "w100" not in rest and "w200" not in rest and "Thông" not in rest
    assert rest.split("<")[0].split() == ["w7", "w8", "w9"]
