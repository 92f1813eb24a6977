"""Data-driven post fixtures: every file under tests/fixtures/posts/ goes through ``load_posts``.

``invalid/NAME.md`` must produce exactly the problems in ``invalid/NAME.json``
(message fragments, field, line, column, severity) and, when any is an error,
must not be published. ``valid/NAME.md`` must load without any problem into
the post described by ``valid/NAME.json``. See tests/fixtures/posts/README.md.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bantin.core.errors import Problem, Severity
from bantin.indicators.parse import parse_indicators
from bantin.news.routes import RESERVED
from bantin.posts.loader import LoadResult, load_posts
from bantin.posts.model import Post

from tests.fixturekit import FIXTURES, shown_file, stage

from .conftest import options_for

INVALID = sorted((FIXTURES / "invalid").glob("*.md"))
VALID = sorted((FIXTURES / "valid").glob("*.md"))
SEVERITIES = {"error": Severity.ERROR, "warning": Severity.WARNING}


def load_one(fixture: Path, root: Path, setup: dict[str, Any] | None = None) -> LoadResult:
    """Load a site whose posts/ holds only this fixture (and its folder's images)."""
    (root / "docs").mkdir(parents=True)
    stage(fixture, root / "posts", setup)
    return load_posts(options_for(root, indicator_parser=parse_indicators), reserved=RESERVED)


def matches(problem: Problem, want: dict[str, Any], fixture: Path) -> bool:
    return (
        problem.path == shown_file(fixture, want, "posts/")
        and problem.severity is SEVERITIES[want["severity"]]
        and problem.field == want["field"]
        and problem.line == want["line"]
        and (want.get("column") is None or problem.column == want["column"])
        and all(fragment in problem.message for fragment in want["message"])
    )


def test_there_are_enough_fixtures() -> None:
    assert len(INVALID) >= 40
    assert len(VALID) >= 20
    for fixture in INVALID + VALID:
        assert fixture.with_suffix(".json").is_file(), f"{fixture.name} has no .json beside it"


@pytest.mark.parametrize("fixture", INVALID, ids=lambda p: p.stem)
def test_invalid_post(fixture: Path, tmp_path: Path) -> None:
    expected = json.loads(fixture.with_suffix(".json").read_text(encoding="utf-8"))
    result = load_one(fixture, tmp_path / "site", expected.get("setup"))
    report = "\n".join(str(p) for p in result.problems)

    wanted = expected["problems"]
    assert wanted, "an invalid fixture must expect at least one problem"
    for want in wanted:
        assert any(matches(p, want, fixture) for p in result.problems), (
            f"expected {want}\nbut got:\n{report}"
        )
    assert len(result.problems) == len(wanted), f"unexpected extra problems:\n{report}"

    for problem in result.problems:
        text = str(problem)
        # The location a person (or an editor) can jump to: posts/x.md:LINE[:COL].
        assert text.startswith(problem.location + ": "), text
        if problem.line is not None:
            assert problem.location.startswith(f"{problem.path}:{problem.line}")
        assert "Traceback" not in text
    if any(w["severity"] == "error" for w in wanted):
        assert result.posts == [] and result.scheduled == [] and result.skipped_drafts == []
    else:
        assert len(result.posts) == 1, "a warning must not stop the post from being published"


def describe(post: Post, state: str) -> dict[str, Any]:
    """The loaded post in the shape of a valid/NAME.json file."""
    return {
        "state": state,
        "title": post.title,
        "date": post.date.isoformat(),
        "category": post.category.name,
        "slug": post.slug,
        "url": post.url,
        "tags": [[tag.name, tag.slug] for tag in post.tags],
        "author": post.author,
        "source": post.source,
        "summary": post.summary,
        "image": post.image and {"url": post.image.url, "caption": post.image.caption},
        "views": post.views,
        "draft": post.draft,
        "pinned": post.pinned,
        "unit": post.unit,
        "aliases": list(post.aliases),
        "body_line": post.body_line,
        "body_starts": post.body[:60],
        "indicators": [
            [i.label, str(i.value), i.unit, [p.label for p in i.parts]] for i in post.indicators
        ],
    }


@pytest.mark.parametrize("fixture", VALID, ids=lambda p: p.stem)
def test_valid_post(fixture: Path, tmp_path: Path) -> None:
    expected = json.loads(fixture.with_suffix(".json").read_text(encoding="utf-8"))
    result = load_one(fixture, tmp_path / "site", expected.get("setup"))
    assert [str(p) for p in result.problems] == expected.get("problems", [])
    loaded = (
        [(p, "published") for p in result.posts]
        + [(p, "scheduled") for p in result.scheduled]
        + [(p, "draft") for p in result.skipped_drafts]
    )
    assert len(loaded) == 1
    actual = describe(*loaded[0])
    for key, value in expected.items():
        if key in ("note", "problems", "html", "setup"):  # "html": checked on the built page
            continue
        if key == "body_starts":
            assert actual["body_starts"].startswith(value) if value else actual["body_starts"] == ""
            continue
        assert actual[key] == value, f"{key}: {actual[key]!r} != {value!r}"
    post = loaded[0][0]
    if post.image is not None:
        assert post.image.source.is_file()
