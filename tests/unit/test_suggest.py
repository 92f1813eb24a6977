"""core/suggest.py: the one "Có phải là …?" helper every message uses."""

from __future__ import annotations

import pytest
from bantin.bulletins.editorfile import FIELDS as BULLETIN_FIELDS
from bantin.core.suggest import closest, did_you_mean
from bantin.indicators.parse import KNOWN_KEYS, PART_KEYS
from bantin.posts.fields import KNOWN_FIELDS


@pytest.mark.parametrize(
    ("word", "choices", "expected"),
    [
        ("Tin tuc", ["Thông báo", "Tin tức - Sự kiện"], "Tin tức - Sự kiện"),  # a category
        ("Thong bao chung", ["Thông báo", "Tin tức - Sự kiện"], "Thông báo"),
        ("catgory", KNOWN_FIELDS, "category"),  # a post field
        ("Title", KNOWN_FIELDS, "title"),
        ("valeu", KNOWN_KEYS, "value"),  # an indicator key
        ("lable", PART_KEYS, "label"),
        ("ty-le-hoa-tan", ["ty-le-hoa-tang", "so-ho"], "ty-le-hoa-tang"),  # an indicator id
        ("titel", BULLETIN_FIELDS, "title"),  # a bulletin file's field
        ("xyz", KNOWN_FIELDS, None),
        ("đơn vị", KNOWN_KEYS, None),
        ("", KNOWN_FIELDS, None),
    ],
)
def test_closest(word: str, choices: list[str], expected: str | None) -> None:
    assert closest(word, choices) == expected


def test_the_hint_is_one_sentence_shaped_by_the_message() -> None:
    assert did_you_mean("Tin tuc", ["Tin tức - Sự kiện"]) == " Có phải là “Tin tức - Sự kiện”?"
    assert did_you_mean("valeu", KNOWN_KEYS, shown="'{}'") == " Có phải là 'value'?"
    assert (
        did_you_mean("so-h", ["so-ho"], shown="“[[chỉ số: {}]]”")
        == " Có phải là “[[chỉ số: so-ho]]”?"
    )
    assert did_you_mean("xyz", KNOWN_FIELDS) == ""
