"""The ``bantin new`` template: the file it writes is a valid draft, and every example its
comments give ("Ví dụ: …") is accepted exactly as written, the commented indicators too."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from bantin.core.dates import VIETNAM
from bantin.indicators.parse import parse_indicators
from bantin.posts.fields import KNOWN_FIELDS
from bantin.posts.loader import load_posts
from bantin.posts.scaffold import render_new_post

from tests.fixturekit import FIXTURES

from .conftest import CATEGORIES, options_for

NOW = datetime(2025, 12, 1, 9, 30, tzinfo=VIETNAM)
TITLE = "Quận Tây Hồ: “Dân vận khéo” năm 2025"
_, TEMPLATE = render_new_post(TITLE, CATEGORIES, NOW)
# "# … Ví dụ: X" right above "field:" (an empty field the writer fills in).
EXAMPLES = re.findall(r"^# .*Ví dụ: (.+?)(?:\s{3,}\(.*\))?\n([a-z_]+):\s*$", TEMPLATE, re.M)


def load(tmp_path: Path, text: str):
    root = tmp_path / "site"
    (root / "docs").mkdir(parents=True)
    (root / "posts" / "anh").mkdir(parents=True)
    (root / "posts" / "bai.md").write_text(text, encoding="utf-8")
    for name in ("trao-qua.jpg",):
        (root / "posts" / "anh" / name).write_bytes((FIXTURES / "valid/anh/bia.png").read_bytes())
    return load_posts(options_for(root, indicator_parser=parse_indicators, include_drafts=True))


def test_the_new_post_is_a_valid_draft(tmp_path: Path) -> None:
    result = load(tmp_path, TEMPLATE)
    assert [str(p) for p in result.problems] == []
    (post,) = result.posts
    assert post.draft and post.title == TITLE


def test_the_template_gives_examples() -> None:
    fields = {name for _, name in EXAMPLES}
    assert {"author", "source", "unit", "image", "image_caption"} <= fields, EXAMPLES


@pytest.mark.parametrize(("example", "name"), EXAMPLES, ids=[n for _, n in EXAMPLES])
def test_every_example_in_the_comments_is_accepted_as_written(
    tmp_path: Path, example: str, name: str
) -> None:
    text = TEMPLATE.replace(f"\n{name}:\n", f"\n{name}: {example}\n", 1)
    if name == "image_caption":
        text = text.replace("\nimage:\n", "\nimage: anh/trao-qua.jpg\n", 1)
    result = load(tmp_path, text)
    assert [str(p) for p in result.problems] == []
    (post,) = result.posts
    value = post.image.caption if name == "image_caption" else getattr(post, name)
    if name == "image":
        assert value.url.endswith("trao-qua.jpg")
    else:
        assert value == example


def test_the_commented_indicators_work_once_uncommented(tmp_path: Path) -> None:
    lines = TEMPLATE.split("\n")
    start = lines.index("# indicators:")
    block = []
    for line in lines[start:]:
        if not line.startswith("# ") or (block and not line.startswith("#   ")):
            break
        block.append(line[2:])
    text = TEMPLATE.replace("\n".join(f"# {b}" for b in block), "\n".join(block), 1)
    result = load(tmp_path, text)
    assert [str(p) for p in result.problems] == []
    (post,) = result.posts
    assert [i.label for i in post.indicators] == ["Quỹ “Vì người nghèo”", "Hộ nghèo được giúp đỡ"]


def test_the_template_has_every_field_of_the_table() -> None:
    written = re.findall(r"^(?:# )?([a-z_]+):", TEMPLATE.split("\n---\n")[0], re.M)
    fields = [name for name in written if name in KNOWN_FIELDS]
    assert sorted(fields) == sorted(KNOWN_FIELDS)  # each once (indicators as a comment)
