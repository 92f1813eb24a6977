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


# --- the walk over tags as written gives what the tree gives --------------------------

from bantin.search.opening import _shaped_tokens, _shaped_tree  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

TEXTS = st.sampled_from(
    ["Dân", "dân", "hội", "phường Phúc Lợi", " ", "\n  ", "88,37%", "49/51", "&amp; ", "a&lt;b",
     "“trích”", "Ủy ban – Mặt trận…", "w_1", "đường", "&nbsp;", "Hoà. Hòa"]
)  # fmt: skip
ATTRIBUTES = st.sampled_from(
    ["", ' class="bt-x"', " data-pagefind-ignore", ' data-pagefind-ignore="all"',
     ' data-pagefind-meta="category"', ' title="a > b"', " hidden", ' alt="data-pagefind-body"']
)  # fmt: skip
BLOCKS = st.sampled_from(["p", "div", "section", "figure"])
INLINE = st.sampled_from(["span", "b", "em"])


@st.composite
def fragments(draw: st.DrawFn, depth: int = 0, inline: bool = False) -> str:
    """Well-formed HTML as bantin's pages are: a paragraph holds only text and inline elements."""
    parts = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.integers(0, 9 if depth < 3 else 3))
        if kind <= 3:
            parts.append(" ".join(draw(st.lists(TEXTS, max_size=8))))
        elif kind == 4:
            voids = ["<br>", "<img src='a.jpg' alt=\"x\">", "<!-- chú thích <p> -->"]
            parts.append(draw(st.sampled_from(voids if inline else [*voids, "<hr/>"])))
        elif kind == 5:
            parts.append("<script>if (a < b) { x = '</p>'; }</script>")
        else:
            tag = draw(INLINE if inline else st.one_of(BLOCKS, INLINE))
            inner = draw(fragments(depth + 1, inline or tag not in ("div", "section", "figure")))
            parts.append(f"<{tag}{draw(ATTRIBUTES)}>{inner}</{tag}>")
    return "".join(parts)


def meaning(page: str) -> tuple[object, ...]:
    """What Pagefind reads: each marked element's attributes and words, and the title."""
    document = lxml_html.document_fromstring(page)
    marked = [
        (element.tag, sorted(element.attrib.items()), " ".join("".join(element.itertext()).split()))
        for element in document.xpath("//*[@data-pagefind-body]")
    ]
    return tuple(marked), document.xpath("string(//title)")


@settings(max_examples=300, deadline=None)
@given(body=fragments(), words=st.integers(1, 30), before=fragments())
def test_walking_the_tags_gives_what_the_tree_gives(body: str, words: int, before: str) -> None:
    page = (
        "<!doctype html><html><head><title>Tin &amp; bài</title></head><body>"
        f"<nav>{before}</nav><article data-pagefind-body>{body}</article></body></html>"
    )
    walked = _shaped_tokens(page, words)
    assert walked is not None
    assert meaning(walked) == meaning(_shaped_tree(page, words))


def test_an_unsure_shape_is_left_to_the_tree() -> None:
    nested = (
        "<html><body><div data-pagefind-body><p data-pagefind-body>a b c</p></div></body></html>"
    )
    left_open = (
        "<html><body><div data-pagefind-body><p data-pagefind-ignore>a b c</div></body></html>"
    )
    for page in (nested, left_open):
        assert _shaped_tokens(page, 1) is None
        assert opening_form(page, words=1) == _shaped_tree(page, 1)
