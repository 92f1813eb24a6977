"""HTML pasted from Word: cleaned into plain article HTML the site's styles apply to."""

from __future__ import annotations

from pathlib import Path

from bantin.posts.pasted import clean_pasted_html
from bantin.posts.sanitize import sanitize_html

WORD = (Path(__file__).resolve().parents[2] / "fixtures" / "word" / "dan-tu-word.html").read_text(
    encoding="utf-8"
)


def test_word_html_becomes_plain_article_html() -> None:
    html = clean_pasted_html(sanitize_html(WORD))
    for leftover in ("class=", "style=", "Mso", "o:p", "<font", 'lang="VI"', "<span"):
        assert leftover not in html, leftover
    assert "<p>&nbsp;</p>" not in html and "<p></p>" not in html
    assert "<b>12/14</b> chỉ tiêu;<br>" in html
    assert (
        "<ul><li>Thu ngân sách đạt <b>105%</b> kế hoạch</li><li>Giảm 3 hộ nghèo</li></ul>" in html
    )
    assert '<thead><tr>\n  <th scope="col"><b>STT</b></th>' in html
    assert html.count("<th ") == 5 and "<td><p>" not in html
    assert "<td>93.095.000.000</td>" in html


def test_tables_that_have_a_header_keep_it_and_site_markers_stay() -> None:
    markdown_table = (
        "<table><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>"
    )
    assert clean_pasted_html(markdown_table) == markdown_table
    one_row = "<table><tbody><tr><td>Chỉ một dòng</td></tr></tbody></table>"
    assert clean_pasted_html(one_row) == one_row
    assert (
        clean_pasted_html('<div class="bt-box-slot x"></div>') == '<div class="bt-box-slot"></div>'
    )
    assert clean_pasted_html('<p><span data-indicator="a" class="bt-figure">12</span></p>') == (
        '<p><span data-indicator="a" class="bt-figure">12</span></p>'
    )


def test_text_is_kept_exactly() -> None:
    html = '<p>A &amp; B &lt;c&gt; “trích” 93.095 <img src="anh/a.jpg" alt="x"></p><p><br></p>'
    assert (
        clean_pasted_html(html)
        == '<p>A &amp; B &lt;c&gt; “trích” 93.095 <img src="anh/a.jpg" alt="x"></p>'
    )


# --- the shortcut for HTML with nothing to clean ------------------------------------

from bantin.posts.pasted import _cleaned, _nothing_to_clean  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PIECES = st.sampled_from(
    ["Dân vận khéo", " ", "\n", "&nbsp;", "\u00a0", "&amp;", "a & b", "1 > 0", "&#273;", "&#x111;",
     "&copy", "<br>", "<br/>", "<hr>", "</br>", '<img src="anh.jpg" alt="Ảnh">',
     "<img src='x.jpg'>", '<a href="/x?a=1&amp;b=2">', '<a href="../bai/">', "</a>", "<strong>",
     "</strong>", "<em>", "</em>", "<span>", "</span>", '<span lang="EN-US">', '<p class="MsoNormal">',
     '<p class="bt-lead">', "<p>", "</p>", "<ul>", "</ul>", "<li>", "</li>", "<table>", "</table>",
     "<td>", "</td>", "<!-- x -->", "<P>", "</P>", '<p title="it\'s">', "<code>", "</code>",
     "<font>", "</font>", '<h2 id="muc-1">', "</h2>", "<b> </b>", "<input disabled>", "<", ">"]
)  # fmt: skip


def cleaned(html: str) -> str:
    """The cleaning without the shortcut (HTML with no tag at all was never read)."""
    return html if "<" not in html else _cleaned(html)


@settings(max_examples=1500, deadline=None)
@given(st.lists(PIECES, max_size=24))
def test_the_shortcut_never_changes_what_the_cleaning_gives(pieces: list[str]) -> None:
    html = "".join(pieces)
    assert clean_pasted_html(html) == cleaned(html)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=24))
def test_the_shortcut_agrees_on_sanitised_html(pieces: list[str]) -> None:
    html = sanitize_html("".join(pieces))
    assert clean_pasted_html(html) == cleaned(html)


def test_markdown_articles_take_the_shortcut() -> None:
    import markdown

    text = (
        "## Kết quả\n\nQuỹ *Vì người nghèo* đạt **88,37%** kế hoạch; 49/51 trường hợp.\n\n"
        "- Hộ được hỗ trợ: 12\n- Nhà được sửa: 3\n\n![Lễ trao quà](anh/trao-qua.jpg)\n\n"
        "> Trích lời phát biểu & cảm ơn.\n\nXem [thông báo](../../thong-bao/) mới.\n"
    )
    html = sanitize_html(markdown.markdown(text, extensions=["attr_list", "tables", "toc"]))
    assert _nothing_to_clean(html)
    assert clean_pasted_html(html) == _cleaned(html) == html
    assert not _nothing_to_clean(html + "<p>&nbsp;</p>")  # Word's empty paragraph
    assert clean_pasted_html(html + "<p>&nbsp;</p>") == html
