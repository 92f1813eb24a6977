"""Every invalid post fixture, built for real: the strict build fails, says what the
loader says, and leaves the previously published site byte for byte as it was."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.sitekit import ATOMIC, TinySite, manifest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "posts"
INVALID = sorted((FIXTURES / "invalid").glob("*.md"))
# The clock the fixtures were written against (2026-01-01 00:00, Vietnam time).
FIXTURE_EPOCH = "1767200400"


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
    assert len(INVALID) >= 40


@pytest.mark.parametrize("fixture", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_post_fails_the_build_and_keeps_the_site(
    published: tuple[TinySite, dict[str, str]], fixture: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, before = published
    expected = json.loads(fixture.with_suffix(".json").read_text(encoding="utf-8"))
    folder = site.root / "posts" / "ca-thu"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    shutil.copyfile(fixture, folder / fixture.name)
    if (fixture.parent / "anh").is_dir():
        shutil.copytree(fixture.parent / "anh", folder / "anh")
    for action, target in expected.get("setup", {}).items():
        assert action == "symlink_outside"
        outside = site.root.parent / "ngoai-trang" / "anh.png"
        outside.parent.mkdir(exist_ok=True)
        shutil.copyfile(FIXTURES / "valid" / "anh" / "bia.png", outside)
        (folder / target).symlink_to(outside)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXTURE_EPOCH)
    try:
        run = site.build()
    finally:
        shutil.rmtree(folder)
    assert not run.ok, f"{fixture.name} was published:\n{run.output}"
    assert "Traceback" not in run.output, run.output
    for problem in expected["problems"]:
        for fragment in problem["message"]:
            assert fragment in run.output, (fixture.name, fragment, run.output)
    assert f"posts/ca-thu/{fixture.name}" in run.output
    assert manifest(site.site) == before, f"{fixture.name} changed the published site"
