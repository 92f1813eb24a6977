"""Issue 13 items 10 and 14 (invisible titles): problems found when a post is checked,
not on the day it goes live, and titles no reader can see."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from bantin.core.dates import VIETNAM
from bantin.core.text import has_visible, is_visible
from bantin.posts import fields
from bantin.posts.loader import load_posts
from hypothesis import given
from hypothesis import strategies as st

from .conftest import options_for

NOON = datetime(2026, 1, 1, 12, 0, tzinfo=VIETNAM)


def _write(root: Path, name: str, title: str, date: str) -> None:
    path = root / "posts" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"---\ntitle: {title}\ndate: {date}\ncategory: Thông báo\n---\n\nNội dung.\n",
        encoding="utf-8",
    )


def test_a_scheduled_post_clashing_with_a_published_one_is_reported_now(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    _write(tmp_path, "sang.md", "Lịch tiếp dân", "01/01/2026 08:00")
    _write(tmp_path, "toi.md", "Lịch tiếp dân", "01/01/2026 23:00")
    result = load_posts(options_for(tmp_path, now=NOON))
    assert [p.path for p in result.posts] == ["posts/sang.md"]
    assert result.scheduled == []
    (problem,) = result.errors
    assert problem.path == "posts/toi.md" and "trùng" in problem.message


def test_two_scheduled_posts_clashing_are_reported_now(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    _write(tmp_path, "a.md", "Họp dân", "02/01/2026 08:00")
    _write(tmp_path, "b.md", "Họp dân", "02/01/2026 09:00")
    result = load_posts(options_for(tmp_path, now=NOON))
    assert len(result.errors) == 1 and len(result.scheduled) == 1


INVISIBLE = st.sampled_from(
    [
        *("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u3164", "\u115f"),
        *("\u2800", "\u034f", "\ufe0f", "\u180e", "\u2061", "\u202e", "\u00a0", "\u3000"),
    ]
)


@given(st.lists(INVISIBLE | st.characters().filter(lambda c: not is_visible(c)), min_size=1))
def test_titles_of_invisible_characters_only_are_refused(chars: list[str]) -> None:
    title = "".join(chars)
    assert not has_visible(title)
    with pytest.raises(fields.FieldError):
        fields.text(title, required=True)


@given(st.text(min_size=1).filter(has_visible))
def test_any_visible_character_is_enough(title: str) -> None:
    try:
        assert has_visible(fields.text(title, required=True))
    except fields.FieldError as exc:  # only for text that cleans to nothing visible
        assert "vô hình" in str(exc) or "để trống" in str(exc)
