"""Issue 13 item 14: a marker inside an HTML tag (an attribute) is left as written, with a
warning; the tag stays a tag instead of turning into visible text."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from bantin.core.errors import Severity

from .test_inline import FUND_HTML, run

IN_TAGS = [
    '<img src="anh/quy.png" alt="Quỹ đạt [[chỉ số: quy-vi-nguoi-ngheo]]">',
    "<a href=\"#\" title='[[chỉ số: quy-vi-nguoi-ngheo]]'>Xem</a>",
    '<abbr title="[[chỉ số: quy-vi-nguoi-ngheo]] năm nay">Quỹ</abbr> đạt [[chỉ số: quy-vi-nguoi-ngheo]].',
    "<span data-x=[[chỉ số: quy-vi-nguoi-ngheo]]>x</span>",
]


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text += data


@pytest.mark.parametrize("markdown", IN_TAGS)
def test_markers_inside_tags_keep_the_tag(markdown: str) -> None:
    before = Tags()
    before.feed(markdown)
    text, problems = run(markdown)
    after = Tags()
    after.feed(text)
    outer = [t for t in after.tags if t != "span" or "bt-figure" not in text]
    assert outer[: len(before.tags)] == before.tags or after.tags[0] == before.tags[0]
    assert "<" not in after.text and ">" not in after.text
    warnings = [p for p in problems if p.severity is Severity.WARNING and "thẻ HTML" in p.message]
    assert warnings, problems


def test_a_marker_in_the_text_after_a_tag_still_becomes_a_figure() -> None:
    text, _ = run(IN_TAGS[2])
    assert text.endswith(f"đạt {FUND_HTML}.")
