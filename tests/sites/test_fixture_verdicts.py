"""Every post fixture, valid and invalid, through ``bantin check`` AND a real strict build.

Staff run ``bantin check`` to know whether ``make build`` will pass: both must
give the same verdict on every case of tests/fixtures/posts/, say the same
Vietnamese messages naming the real ``posts/…`` file, and never print one of
MkDocs' English messages about a post. A failed build leaves the previously
published site byte for byte as it was; a valid case builds the exact page.
"""

from __future__ import annotations

import contextlib
import html
import io
import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from bantin.adapter.cli import main as bantin

from tests.fixturekit import FIXTURES, shown_file, stage
from tests.sitekit import ATOMIC, BuildRun, TinySite, manifest

INVALID = sorted((FIXTURES / "invalid").glob("*.md"))
VALID = sorted((FIXTURES / "valid").glob("*.md"))
# The clock the fixtures were written against (2026-01-01 00:00, Vietnam time).
FIXTURE_EPOCH = "1767200400"
# MkDocs' own words: none of them may reach staff about a post.
ENGLISH = re.compile(
    r"Doc file|contains a link|not found among|unrecognized relative link|Traceback"
)


def local_files(page: str) -> list[str]:
    """Relative files a page loads or links to (photos, attachments), decoded."""
    refs = re.findall(r'\bsrc="([^"]+)"', page)
    refs += re.findall(r'\bhref="([^"#?]+\.[A-Za-z0-9]{2,5})"', page)
    return [unquote(html.unescape(ref)) for ref in refs if not re.match(r"^[a-z]+:|^/", ref)]


def check(site: TinySite) -> BuildRun:
    """``bantin check`` on the site, in this process (the same code the command runs)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = bantin(["-f", str(site.root / "mkdocs.yml"), "check"])
    return BuildRun(code, out.getvalue())


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[TinySite, dict[str, str]]:
    site = TinySite(tmp_path_factory.mktemp("published") / "ward")
    site.post(
        "tot.md", {"title": "Bài đã đăng", "date": "2025-05-05 08:00", "category": "Thông báo"}
    )
    run = site.build()
    assert run.ok, run.output
    return site, manifest(site.site)


def test_enough_cases() -> None:
    assert ATOMIC
    assert len(INVALID) >= 40 and len(VALID) >= 30


@pytest.mark.parametrize("fixture", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_post_fails_check_and_build_alike_and_keeps_the_site(
    published: tuple[TinySite, dict[str, str]], fixture: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, before = published
    expected = json.loads(fixture.with_suffix(".json").read_text(encoding="utf-8"))
    folder = site.root / "posts" / "ca-thu"
    shutil.rmtree(folder, ignore_errors=True)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXTURE_EPOCH)
    try:
        stage(fixture, folder, expected.get("setup"))
        checked = check(site)
        run = site.build()
    finally:
        shutil.rmtree(folder)
    assert not checked.ok, f"bantin check passed {fixture.name}:\n{checked.output}"
    assert not run.ok, f"{fixture.name} was published:\n{run.output}"
    for output in (checked.output, run.output):
        for problem in expected["problems"]:
            for fragment in problem["message"]:
                assert fragment in output, (fixture.name, fragment, output)
            assert shown_file(fixture, problem, "posts/ca-thu/") in output, output
        assert not ENGLISH.search(output), output
    assert manifest(site.site) == before, f"{fixture.name} changed the published site"


@pytest.mark.parametrize("fixture", VALID, ids=[p.stem for p in VALID])
def test_valid_post_passes_check_and_builds(
    tmp_path: Path, fixture: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = json.loads(fixture.with_suffix(".json").read_text(encoding="utf-8"))
    site = TinySite(tmp_path / "ward")
    stage(fixture, site.root / "posts" / "ca-thu", expected.get("setup"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXTURE_EPOCH)
    checked = check(site)
    run = site.build()
    assert checked.ok, checked.output
    assert run.ok, run.output
    assert not ENGLISH.search(checked.output + run.output), run.output
    url = expected.get("url")
    if url and expected.get("state", "published") == "published":
        page = site.html(url)
        for fragment in expected.get("html", []):
            assert fragment in page, (fragment, url)
        broken = [
            ref for ref in local_files(page) if not (site.site / url / ref).resolve().is_file()
        ]
        assert not broken, f"{url} refers to files that were not published: {broken}"
    else:
        assert not expected.get("html"), "give the fixture's url to check its page"
