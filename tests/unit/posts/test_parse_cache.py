"""``bantin serve`` keeps parsed post files between builds: a file is parsed again exactly
when its bytes change, and what the rest of the site decides is checked on every build."""

from __future__ import annotations

from pathlib import Path

from bantin.indicators.parse import parse_indicators
from bantin.posts.cache import ParsedPosts
from bantin.posts.loader import load_posts

from .conftest import options_for

POST = """---
title: {title}
date: 13/10/2020 09:17
category: Thông báo
image: anh/trao-qua.jpg
indicators:
  - label: Số hộ được hỗ trợ
    value: {households}
    unit: hộ
---
Nội dung bài.
"""


def write(root: Path, name: str, **values: object) -> Path:
    path = root / "posts" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(POST.format(**{"title": "Trao quà", "households": 49, **values}), "utf-8")
    return path


def load(root: Path, parsed: ParsedPosts):
    return load_posts(options_for(root, indicator_parser=parse_indicators, parsed=parsed))


def one_post_loaded(root: Path) -> tuple[Path, ParsedPosts]:
    """A site with one post (49 households) and its photo, loaded once into a cache."""
    (root / "docs").mkdir()
    (root / "posts" / "anh").mkdir(parents=True)
    (root / "posts" / "anh" / "trao-qua.jpg").write_bytes(b"\xff\xd8\xff\xd9")
    path = write(root, "bai.md")
    parsed = ParsedPosts()
    assert load(root, parsed).posts[0].indicators[0].value == 49
    return path, parsed


def test_unchanged_files_are_not_parsed_again(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    for n in range(3):
        write(tmp_path, f"bai-{n}.md", title=f"Trao quà đợt {n}")
    (tmp_path / "posts" / "anh").mkdir()
    (tmp_path / "posts" / "anh" / "trao-qua.jpg").write_bytes(b"\xff\xd8\xff\xd9")
    parsed = ParsedPosts()
    first = load(tmp_path, parsed)
    assert parsed.parsed == 3 and len(first.posts) == 3
    second = load(tmp_path, parsed)
    assert parsed.parsed == 3, "nothing changed: nothing parsed again"
    assert [p.title for p in second.posts] == [p.title for p in first.posts]
    assert second.posts[0].indicators == first.posts[0].indicators


def test_a_changed_file_is_parsed_again_with_its_indicators(tmp_path: Path) -> None:
    path, parsed = one_post_loaded(tmp_path)
    write(tmp_path, "bai.md", households=51)
    post = load(tmp_path, parsed).posts[0]
    assert parsed.parsed == 2
    assert post.indicators[0].value == 51
    # The same bytes written again (an editor's save without a change): kept.
    path.write_bytes(path.read_bytes())
    load(tmp_path, parsed)
    assert parsed.parsed == 2


def test_what_the_site_decides_is_checked_on_every_build(tmp_path: Path) -> None:
    """The photo next to the post is looked for again although the file is unchanged."""
    (tmp_path / "docs").mkdir()
    write(tmp_path, "bai.md")
    parsed = ParsedPosts()
    missing = load(tmp_path, parsed)
    assert missing.posts == [] and any(p.field == "image" for p in missing.errors)
    (tmp_path / "posts" / "anh").mkdir()
    (tmp_path / "posts" / "anh" / "trao-qua.jpg").write_bytes(b"\xff\xd8\xff\xd9")
    found = load(tmp_path, parsed)
    assert found.errors == [] and len(found.posts) == 1
    assert parsed.parsed == 1


def test_a_broken_file_is_reported_every_time_and_deleted_files_are_forgotten(
    tmp_path: Path,
) -> None:
    (tmp_path / "docs").mkdir()
    broken = tmp_path / "posts" / "hong.md"
    broken.parent.mkdir(parents=True)
    broken.write_text("---\ntitle: [chưa đóng\n---\n", "utf-8")
    parsed = ParsedPosts()
    for _ in range(2):
        assert any(p.path == "posts/hong.md" for p in load(tmp_path, parsed).errors)
    broken.unlink()
    assert load(tmp_path, parsed).problems == []


def test_a_checked_post_is_kept_until_a_file_around_it_changes(tmp_path: Path) -> None:
    """Checking reads the photos next to the post: replacing one checks the post again."""
    (tmp_path / "docs").mkdir()
    write(tmp_path, "bai.md")
    photo = tmp_path / "posts" / "anh" / "trao-qua.jpg"
    photo.parent.mkdir()
    photo.write_bytes(b"\xff\xd8\xff\xd9")
    parsed = ParsedPosts()
    first = load(tmp_path, parsed).posts[0]
    assert load(tmp_path, parsed).posts[0] is first, "nothing changed: the checked post is kept"
    photo.unlink()
    assert load(tmp_path, parsed).posts == [], "the photo is gone: the post is checked again"
    photo.write_bytes(b"\xff\xd8\xff\xd9")
    assert load(tmp_path, parsed).posts[0] == first


def test_a_file_not_written_since_is_not_read_and_one_rewritten_in_place_is(
    tmp_path: Path, monkeypatch
) -> None:
    """The stat check before reading: same size, times and inode means the same parse; a
    rewrite of the same size (49 -> 51 households) is still read and parsed again."""
    import os

    from bantin.posts import frontmatter

    path, parsed = one_post_loaded(tmp_path)
    reads: list[Path] = []
    original = Path.read_bytes

    def counting(self: Path) -> bytes:
        reads.append(self)
        return original(self)

    monkeypatch.setattr(frontmatter.Path, "read_bytes", counting)
    load(tmp_path, parsed)
    assert path not in reads, "an untouched file is not read again"
    before = path.stat()
    write(tmp_path, "bai.md", households=51)
    assert path.stat().st_size == before.st_size
    # The same size and even the same modification time: the change time still differs.
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert load(tmp_path, parsed).posts[0].indicators[0].value == 51
    assert path in reads and parsed.parsed == 2
