"""Issue 13 items 6, 9 and 11 (tags): names that become URLs and folders.

* every slug and id fits a file name on any file system (cut at a word boundary), and an
  explicit ``slug:`` or ``id:`` that is too long is an error that says the limit;
* tags that differ only by tones, and tags with no Latin letter, get distinct URLs that do
  not depend on the order posts are read in;
* tags given as one comma-separated string count against the same limit as a list.
"""

from __future__ import annotations

import random
import re

import pytest
from bantin.core.text import MAX_SLUG, fold_key, slugify
from bantin.posts import fields
from bantin.posts.tags import tag_slugs, telex
from hypothesis import given
from hypothesis import strategies as st

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
)
WORDS = st.text(st.sampled_from(VIETNAMESE + " "), min_size=1, max_size=400)
NAMES = st.text(
    st.sampled_from(VIETNAMESE + " -") | st.characters(categories=["L", "So"]),
    min_size=1,
    max_size=40,
)


@given(WORDS)
def test_slugs_fit_a_file_name_and_end_at_a_word(text: str) -> None:
    slug = slugify(text)
    assert len(slug) <= MAX_SLUG
    full = slugify(text, max_length=None)
    assert full.startswith(slug)
    if slug and len(full) > MAX_SLUG:
        assert full[len(slug)] == "-", "cut inside a word"


def test_a_long_explicit_slug_is_refused_with_the_limit() -> None:
    long = "-".join(["thong-bao"] * 40)
    with pytest.raises(fields.FieldError, match=f"quá {MAX_SLUG} ký tự") as caught:
        fields.slug(long)
    suggestion = str(caught.value).rsplit("slug: ", 1)[1]
    assert len(suggestion) <= MAX_SLUG and fields.slug(suggestion) == suggestion


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["bão", "báo", "bảo"], {"bão": "baox", "báo": "baos", "bảo": "baor"}),
        (["bao", "bão"], {"bao": "bao", "bão": "baox"}),
        (["Giáo dục"], {"giáo dục": "giao-duc"}),
        (
            ["đường", "dương", "dưỡng"],
            {"đường": "dduwowngf", "dương": "duwowng", "dưỡng": "duwowngx"},
        ),
    ],
)
def test_tone_only_differences_get_telex_slugs(names: list[str], expected: dict[str, str]) -> None:
    assert tag_slugs(names) == expected


def test_tags_without_latin_letters_are_told_apart() -> None:
    slugs = tag_slugs(["🌧️", "🌊", "កម្ពុជា", "中文", "日本語"])
    assert len(set(slugs.values())) == 5
    assert all(SLUG.match(s) and s.startswith("t-") for s in slugs.values())


@given(st.lists(NAMES, max_size=25), st.randoms())
def test_tag_slugs_are_unique_valid_and_stable(names: list[str], rng: random.Random) -> None:
    slugs = tag_slugs(names)
    keys = {fold_key(n) for n in names}
    assert set(slugs) == keys
    assert len(set(slugs.values())) == len(keys), slugs
    for slug in slugs.values():
        assert SLUG.match(slug) and len(slug) <= MAX_SLUG, slug
    shuffled = list(names)
    rng.shuffle(shuffled)
    assert tag_slugs(shuffled) == slugs


def test_telex_is_the_keyboard_spelling() -> None:
    assert telex("Bão lũ miền Trung") == "baox-lux-mieenf-trung"


@pytest.mark.parametrize("form", ["string", "list"])
def test_tag_limit_counts_both_forms(form: str) -> None:
    many = [f"thẻ {i}" for i in range(fields.MAX_TAGS + 1)]
    value = ", ".join(many) if form == "string" else many
    with pytest.raises(fields.FieldError, match=f"quá {fields.MAX_TAGS} thẻ"):
        fields.tags(value)
    assert len(fields.tags(many[: fields.MAX_TAGS])) == fields.MAX_TAGS
