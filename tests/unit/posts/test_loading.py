"""Reading posts through ``load_posts``: Unicode forms, clean text in every field, never a crash."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from bantin.core.errors import ContentError, Severity
from bantin.posts.frontmatter import parse_post
from bantin.posts.loader import build_post, load_posts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import options_for

XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def write(root: Path, name: str, text: str) -> None:
    path = root / "posts" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode())


def site(tmp_path: Path) -> Path:
    (tmp_path / "posts").mkdir()
    (tmp_path / "docs").mkdir()
    return tmp_path


def test_nfc_and_nfd_give_the_same_category_tags_and_slug(tmp_path: Path) -> None:
    root = site(tmp_path)
    template = (
        "---\ntitle: Đảng ủy phường Phúc Đồng họp mặt\ndate: {date}\ncategory: Mặt trận - Đoàn thể\n"
        "tags: [Mặt trận Tổ quốc, Người cao tuổi]\n---\nNội dung.\n"
    )
    for form, day in (("NFC", "01/10/2019"), ("NFD", "02/10/2019")):
        text = unicodedata.normalize(form, template.format(date=day))
        write(root, f"{form.lower()}.md", text)
    assert (
        unicodedata.normalize("NFC", (root / "posts" / "nfd.md").read_text())
        != (root / "posts" / "nfd.md").read_text()
    ), "the NFD file really is decomposed"

    result = load_posts(options_for(root))
    assert result.problems == []
    nfd, nfc = result.posts  # newest first
    assert nfc.path == "posts/nfc.md"
    assert nfc.category is nfd.category
    assert nfc.category.name == "Mặt trận - Đoàn thể"
    assert nfc.tags == nfd.tags
    assert [t.slug for t in nfc.tags] == ["mat-tran-to-quoc", "nguoi-cao-tuoi"]
    assert nfc.slug == nfd.slug == "dang-uy-phuong-phuc-dong-hop-mat"
    assert nfc.title == nfd.title and unicodedata.is_normalized("NFC", nfd.title)


def test_same_post_in_nfc_and_nfd_is_one_url_twice(tmp_path: Path) -> None:
    root = site(tmp_path)
    text = "---\ntitle: Lịch tiếp công dân\ndate: 01/10/2019\ncategory: Thông báo\n---\n"
    write(root, "a.md", unicodedata.normalize("NFC", text))
    write(root, "b.md", unicodedata.normalize("NFD", text))
    result = load_posts(options_for(root))
    assert len(result.errors) == 1 and "trùng" in result.errors[0].message


def test_yaml_typed_text_gets_a_quoting_hint_through_the_loader(tmp_path: Path) -> None:
    root = site(tmp_path)
    write(
        root,
        "a.md",
        "---\ntitle: yes\ndate: 01/10/2019\ncategory: Thông báo\n"
        "aliases: [tin-tuc/1, 2020]\nviews: 3.072\n---\n",
    )
    result = load_posts(options_for(root))
    by_field = {p.field: p for p in result.problems}
    assert set(by_field) == {"title", "aliases", "views"}
    assert 'title: "yes"' in by_field["title"].message and by_field["title"].line == 2
    assert '"2020"' in by_field["aliases"].message
    assert 'views: "3.072"' in by_field["views"].message


def test_unknown_keys_warn_with_the_closest_known_key(tmp_path: Path) -> None:
    root = site(tmp_path)
    write(
        root,
        "a.md",
        "---\ntitle: a\ndate: 01/10/2019\ncategory: Thông báo\nTitle: b\n"
        "catgory: c\nimage_captoin: d\nxyz: 1\n---\n",
    )
    result = load_posts(options_for(root))
    assert len(result.posts) == 1
    warnings = {p.field: p for p in result.problems}
    assert all(p.severity is Severity.WARNING for p in result.problems)
    assert "'title'" in warnings["Title"].message and warnings["Title"].line == 5
    assert "'category'" in warnings["catgory"].message
    assert "'image_caption'" in warnings["image_captoin"].message
    assert "Có phải" not in warnings["xyz"].message and warnings["xyz"].line == 8


def test_a_file_that_is_not_utf8_does_not_stop_the_others(tmp_path: Path) -> None:
    root = site(tmp_path)
    (root / "posts" / "hong.md").write_bytes(b"---\ntitle: \xe9\n---\n")
    write(root, "tot.md", "---\ntitle: Tốt\ndate: 01/10/2019\ncategory: Thông báo\n---\n")
    result = load_posts(options_for(root))
    assert [p.path for p in result.posts] == ["posts/tot.md"]
    (problem,) = result.problems
    assert problem.path == "posts/hong.md" and "UTF-8" in problem.message and problem.line == 2


CONTROL = st.sampled_from(
    [
        "\x00",
        "\x07",
        "\x08",
        "\x0b",
        "\x0c",
        "\x1b",
        "\x7f",
        "\x85",
        "\x9f",
        "\ufffe",
        "\uffff",
        "\u2028",
    ]
)
DIRTY = st.lists(
    st.one_of(CONTROL, st.sampled_from(list("Họp dân tổ phố số 5, ưởđ"))), min_size=1, max_size=25
).map("".join)


def dq(value: str) -> str:
    """A YAML double-quoted scalar, escaping everything outside printable ASCII."""
    return (
        '"'
        + "".join(c if " " <= c <= "~" and c not in '"\\' else f"\\U{ord(c):08x}" for c in value)
        + '"'
    )


@pytest.fixture(scope="module")
def dirty_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return site(tmp_path_factory.mktemp("dirty"))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=DIRTY, author=DIRTY, summary=DIRTY, tag=DIRTY, raw=DIRTY, escaped=st.booleans())
def test_control_characters_never_reach_any_field(
    dirty_site: Path, title: str, author: str, summary: str, tag: str, raw: str, escaped: bool
) -> None:
    """Whether written raw in the file or as YAML escapes, no field keeps an XML-invalid character."""

    def put(value: str) -> str:
        return (
            dq(value) if escaped else dq(value.replace("\\", ""))[:1] + value.replace('"', "") + '"'
        )

    text = (
        f"---\ntitle: {dq('Bài ' + title)}\ndate: 01/10/2019\ncategory: Thông báo\n"
        f"author: {put(author)}\nsource: {dq(raw)}\nunit: {dq(raw)}\nimage_caption: {dq(raw)}\n"
        f"summary: {put(summary)}\ntags: [{dq('thẻ ' + tag)}]\n---\nThân {raw} bài\n"
    )
    try:
        raw_post = parse_post(text.encode(), "posts/a.md")
    except ContentError:  # a raw control inside quotes may be a YAML error: fine, not a crash
        return
    post, problems = build_post(raw_post, dirty_site / "posts" / "a.md", options_for(dirty_site))
    assert post is not None, problems
    for value in (
        post.title,
        post.author,
        post.source,
        post.unit,
        post.summary,
        post.body,
        *(t.name for t in post.tags),
        *(t.slug for t in post.tags),
        post.slug,
    ):
        assert not XML_FORBIDDEN.search(value), repr(value)
