"""The body sanitiser's id policy (issue 13 item 2): ids the theme or bantin use are never
taken from a post, whatever their case or padding; every other id is kept."""

from __future__ import annotations

import re

from bantin.posts.sanitize import RESERVED_ID_PREFIXES, is_reserved_id, sanitize_html
from hypothesis import given
from hypothesis import strategies as st

SUFFIX = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", max_size=12)
PREFIX = st.sampled_from(RESERVED_ID_PREFIXES)
CASED = st.tuples(PREFIX, st.booleans()).map(lambda t: t[0].upper() if t[1] else t[0])
TAG = st.sampled_from(["p", "h2", "div", "span", "a", "table", "li", "figure"])


@given(prefix=CASED, suffix=SUFFIX, tag=TAG, pad=st.sampled_from(["", " ", "\t"]))
def test_reserved_ids_are_dropped(prefix: str, suffix: str, tag: str, pad: str) -> None:
    value = pad + prefix + suffix
    html = sanitize_html(f'<{tag} id="{value}">chữ</{tag}>')
    assert "id=" not in html
    assert "chữ" in html


@given(word=st.from_regex(r"[a-z][a-z0-9-]{0,15}", fullmatch=True), tag=TAG)
def test_other_ids_are_kept(word: str, tag: str) -> None:
    html = sanitize_html(f'<{tag} id="{word}">chữ</{tag}>')
    assert (f'id="{word}"' in html) is not is_reserved_id(word)


def test_material_and_bantin_ids_are_all_reserved() -> None:
    for name in ("__config", "__drawer", "__search", "__toc", "__palette_0", "md-content"):
        assert is_reserved_id(name)
    for name in ("bt-title", "bt-latest", "bt-chart-ho-ngheo", "bantin-views"):
        assert is_reserved_id(name)
    html = sanitize_html('<p id="__config">{"search": "x"}</p>')
    assert not re.search(r"id=", html)
