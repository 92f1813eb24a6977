"""Every example post and front-matter snippet of README.md is read, checked and built.

The README is what staff copy from: its examples must be valid posts, exactly as
written, so the documentation cannot drift from the code again. Blocks are
taken from the README itself (fenced ``markdown`` and ``yaml`` blocks, and
inline ``field: value`` examples), never copied into this test.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from bantin.adapter.cli import main as bantin
from bantin.indicators.parse import parse_indicators
from bantin.posts.fields import KNOWN_FIELDS, REQUIRED_FIELDS
from bantin.posts.loader import load_posts

from tests.fixturekit import FIXTURES
from tests.sitekit import REPO, TinySite
from tests.unit.posts.conftest import options_for

README = (REPO / "README.md").read_text(encoding="utf-8")
_FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```(?P<lang>\w*)\n(?P<body>.*?)^(?P=indent)```", re.M | re.S
)
_INLINE = re.compile(r"`(?P<key>[a-z_]+): (?P<value>[^`\n]+)`")
PHOTO = FIXTURES / "valid" / "anh" / "bia.png"


def blocks(lang: str) -> list[str]:
    return [
        textwrap.dedent(m.group("body")) for m in _FENCE.finditer(README) if m.group("lang") == lang
    ]


POSTS = [b for b in blocks("markdown") if b.startswith("---\n")]
YAML = blocks("yaml")


def top_keys(block: str) -> set[str]:
    return set(re.findall(r"^([A-Za-z_]+)\s*:", block, re.M))


FRONT = [b for b in YAML if top_keys(b) <= set(KNOWN_FIELDS)]
CONFIG = [b for b in YAML if b not in FRONT]
INLINE = sorted(
    {(m["key"], m["value"]) for m in _INLINE.finditer(README) if m["key"] in KNOWN_FIELDS}
)


def test_the_readme_has_examples() -> None:
    assert POSTS and len(FRONT) >= 3 and CONFIG and len(INLINE) >= 8
    assert any("(Ảnh: N. Hoa)" in post for post in POSTS)


def run_check(site: TinySite) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = bantin(["-f", str(site.root / "mkdocs.yml"), "check"])
    return code, out.getvalue()


def write_post(site: TinySite, name: str, text: str) -> None:
    """The post as written, with any photo it names put beside it."""
    path = site.root / "posts" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    front = text.split("---\n")[1]
    image = re.search(r"^image: (.+)$", front, re.M)
    if image:
        (path.parent / image.group(1)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PHOTO, path.parent / image.group(1))


def test_every_example_post_checks_and_builds_as_written(tmp_path: Path) -> None:
    site = TinySite(tmp_path / "ward")
    for number, text in enumerate(POSTS):
        write_post(site, f"vi-du-{number}/bai.md", text)
    code, output = run_check(site)
    assert code == 0, output
    assert f"Kiểm tra {len(POSTS)} bài: không có lỗi" in output
    run = site.build()
    assert run.ok, run.output
    for text in POSTS:
        title = re.search(r"^title: (.+)$", text, re.M).group(1)
        assert f">{title}</h1>" in "".join(
            p.read_text(encoding="utf-8") for p in site.site.rglob("index.html")
        ), title


def load_front(tmp_path: Path, front: str) -> Any:
    """Load one post made of ``front`` plus whatever required field it lacks."""
    given = top_keys(front)
    missing = {
        "title": "Bài thử",
        "date": "13/10/2020 09:17",
        "category": "Tin tức - Sự kiện",
    }
    head = "".join(
        f"{k}: {v}\n" for k, v in missing.items() if k in REQUIRED_FIELDS and k not in given
    )
    root = tmp_path / "site"
    (root / "docs").mkdir(parents=True)
    (root / "posts").mkdir()
    text = f"---\n{head}{front.rstrip()}\n---\n\nNội dung.\n"
    (root / "posts" / "bai.md").write_text(text, encoding="utf-8")
    image = re.search(r"^image: (.+)$", front, re.M)
    if image:
        (root / "posts" / image.group(1)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PHOTO, root / "posts" / image.group(1))
    return load_posts(options_for(root, indicator_parser=parse_indicators))


TEXT_FIELDS = ("title", "summary", "image_caption", "author", "source", "unit")


@pytest.mark.parametrize("front", FRONT, ids=[f"yaml-{i}" for i in range(len(FRONT))])
def test_every_front_matter_snippet_loads_without_a_problem(tmp_path: Path, front: str) -> None:
    result = load_front(tmp_path, front)
    assert [str(p) for p in result.problems] == []
    (post,) = result.posts + result.scheduled + result.skipped_drafts
    for key in TEXT_FIELDS:  # text fields are taken as written, quotes and colons included
        written = re.search(rf"^{key}: (.+)$", front, re.M)
        if written:
            assert getattr(post, key if key != "image_caption" else "image").__str__() != ""
            value = post.image.caption if key == "image_caption" else getattr(post, key)
            assert value == written.group(1).strip(), key


@pytest.mark.parametrize("pair", INLINE, ids=[f"{k}: {v}" for k, v in INLINE])
def test_every_inline_field_example_is_accepted(tmp_path: Path, pair: tuple[str, str]) -> None:
    key, value = pair
    front = f"{key}: {value}"
    if key == "image_caption":
        front = f"image: anh/bia.png\n{front}"
    result = load_front(tmp_path, front)
    assert [str(p) for p in result.problems if p.field == key] == []


@pytest.mark.parametrize("snippet", CONFIG, ids=[f"config-{i}" for i in range(len(CONFIG))])
def test_every_configuration_snippet_is_accepted(tmp_path: Path, snippet: str) -> None:
    """mkdocs.yml snippets: the bantin options they show pass MkDocs' own validation."""
    data = yaml.safe_load(snippet)
    if "aliases" in data:  # a front-matter list shown on its own
        pytest.fail("front matter should have been classed as such")
    site = TinySite(tmp_path / "ward")
    if "plugins" in data:
        for item in data["plugins"]:
            ((name, options),) = item.items()
            if name == "bantin":
                site.bantin.update(options)
            else:
                site.extra_plugins = ["search", *(site.extra_plugins or []), {name: options}]
        if site.extra_plugins:
            site.extra_plugins = [p for p in site.extra_plugins if p != "search"]
    else:
        site.bantin.update(data)
    site.write_config()
    code, output = run_check(site)
    assert code == 0, output
