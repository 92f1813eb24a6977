"""Issue 13 items 7 and 13, property-based: whatever text a post holds, its feed fields are
well-formed XML, and after XML decoding they are escaped HTML that shows the same text."""

from __future__ import annotations

import html
from datetime import datetime
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from bantin.core.dates import VIETNAM
from bantin.core.text import clean_line
from bantin.feeds.model import build_feed, feed_text
from bantin.news.context import first_paragraph_text
from bantin.posts.model import Category, Post
from bantin.posts.sanitize import sanitize_html
from hypothesis import given
from hypothesis import strategies as st

# Every code point XML 1.0 forbids in a document, as characters or as references.
FORBIDDEN = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF]
ANY_TEXT = st.text(st.characters(codec="utf-8") | st.sampled_from([chr(c) for c in FORBIDDEN]))


def well_formed(text: str) -> str:
    """The text an XML parser reads back from ``<x>escaped</x>``."""
    return ElementTree.fromstring(f"<x>{escape(text)}</x>").text or ""


@given(ANY_TEXT)
def test_feed_text_is_well_formed_and_shows_the_same_text(value: str) -> None:
    decoded = well_formed(feed_text(value))
    assert "<" not in decoded
    assert html.unescape(decoded) == clean_line(value)


@given(st.sampled_from(FORBIDDEN), st.sampled_from(["&#{};", "&#x{:X};"]))
def test_references_to_forbidden_characters_leave_no_trace(code: int, form: str) -> None:
    reference = form.format(code)
    body = sanitize_html(f"<p>Chữ{reference} đầu</p>")
    lead = first_paragraph_text(body)
    assert not any(ord(c) in FORBIDDEN for c in body + lead)
    well_formed(lead)


def test_hostile_fields_are_text_in_the_feed() -> None:
    post = Post(
        path="posts/a.md",
        title="<script>alert(1)</script>",
        date=datetime(2025, 1, 2, tzinfo=VIETNAM),
        category=Category("<b>Tin</b>", "tin"),
        slug="a",
        url="2025/01/02/a/",
        body="",
        author='<img src=x onerror="alert(2)">',
    )
    feed = build_feed(
        path="rss.xml",
        title="Cổng <i>thông tin</i>",
        description="Mô tả\x01",
        site_url="https://thu.example.vn/",
        posts=[post],
        lead=lambda p: "<img src=x onerror=alert(3)>\ufffe",
        count=10,
        now=post.date,
    )
    item = feed.items[0]
    for value in (item.title, item.author, item.category, item.description, feed.title):
        assert "<" not in value
    assert item.title == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert feed.description == "Mô tả"
