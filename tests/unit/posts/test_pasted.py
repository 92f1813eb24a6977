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
