"""``kill -9`` a build at several points: the live site is always one whole build, never a mix."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitekit import Site, kill9, leftovers, manifest, wait_for

# (event, call number): before staging is written, while pages are rendered,
# half-way through writing pages, after everything is written but before the
# swap, and just after the swap.
BEFORE_SWAP = [
    ("on_pre_build", 1),
    ("on_files", 1),
    ("on_page_content", 1),
    ("on_post_page", 7),
    ("on_post_build", 1),
]


def _reference(site: Site, tmp_path: Path, version: str) -> dict[str, str]:
    """The manifest of a clean build of ``version`` into another folder."""
    other = Site(site.root, tmp_path / "reference" / version / "site")
    other.write_pages(version)
    other.write_config("reference.yml")
    done = other.build(config="reference.yml")
    assert done.returncode == 0, done.stdout
    return manifest(other.site_dir)


@pytest.mark.parametrize(("event", "count"), BEFORE_SWAP)
def test_kill_before_swap_keeps_previous_site(
    site: Site, tmp_path: Path, event: str, count: int
) -> None:
    site.write_config()
    site.write_pages("v1")
    assert site.build().returncode == 0
    before = manifest(site.site_dir)
    expected_v2 = _reference(site, tmp_path, "v2")

    site.write_pages("v2")
    marker = tmp_path / "marker"
    process = site.start(
        BANTIN_TEST_AT=event, BANTIN_TEST_COUNT=str(count), BANTIN_TEST_MARKER=str(marker)
    )
    wait_for(marker.exists, "the hook's marker", process)
    staged = leftovers(site.root)
    assert len(staged) == 1 and "-staging-" in staged[0]
    kill9(process)

    assert manifest(site.site_dir) == before
    # The next build cleans up after the killed one and publishes v2 whole.
    done = site.build()
    assert done.returncode == 0, done.stdout
    assert "còn sót" in done.stdout
    assert leftovers(site.root) == []
    assert manifest(site.site_dir) == expected_v2


def test_kill_after_swap_leaves_the_new_site(site: Site, tmp_path: Path) -> None:
    site.write_config()
    site.write_pages("v1")
    assert site.build().returncode == 0
    expected_v2 = _reference(site, tmp_path, "v2")

    site.write_pages("v2")
    marker = tmp_path / "marker"
    process = site.start(BANTIN_TEST_AT="on_post_build_after_swap", BANTIN_TEST_MARKER=str(marker))
    wait_for(marker.exists, "the hook's marker", process)
    kill9(process)

    assert manifest(site.site_dir) == expected_v2
    assert leftovers(site.root) == []
    done = site.build()
    assert done.returncode == 0, done.stdout
    assert manifest(site.site_dir) == expected_v2


def test_kill_first_build_leaves_no_site(site: Site, tmp_path: Path) -> None:
    site.write_config()
    site.write_pages("v1")
    marker = tmp_path / "marker"
    process = site.start(
        BANTIN_TEST_AT="on_post_page", BANTIN_TEST_COUNT="3", BANTIN_TEST_MARKER=str(marker)
    )
    wait_for(marker.exists, "the hook's marker", process)
    kill9(process)
    assert not site.site_dir.exists()
    done = site.build()
    assert done.returncode == 0, done.stdout
    assert (site.site_dir / "index.html").is_file()
    assert leftovers(site.root) == []
