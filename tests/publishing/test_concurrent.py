"""Two builds into the same folder at once: the second waits, or is refused after ``lock_timeout``."""

from __future__ import annotations

from pathlib import Path

from tests.sitekit import Site, leftovers, manifest, wait_for


def test_second_build_is_refused_after_timeout(site: Site, tmp_path: Path) -> None:
    site.write_config("a.yml")
    site.write_config("b.yml", lock_timeout=0.5)
    site.write_pages("v1")
    assert site.build(config="a.yml").returncode == 0
    before = manifest(site.site_dir)

    site.write_pages("v2")
    marker = tmp_path / "marker"
    first = site.start(
        config="a.yml",
        BANTIN_TEST_AT="on_files",
        BANTIN_TEST_ACTION="sleep",
        BANTIN_TEST_SECONDS="4",
        BANTIN_TEST_MARKER=str(marker),
    )
    wait_for(marker.exists, "the hook's marker", first)
    second = site.build(config="b.yml", timeout=30)
    assert second.returncode != 0
    assert "một bản dựng khác (tiến trình" in second.stdout
    assert "lock_timeout" in second.stdout
    # The refused build touched nothing: the first is still running on v1's live site.
    assert manifest(site.site_dir) == before

    out, _ = first.communicate(timeout=60)
    assert first.returncode == 0, out
    assert "Trang chủ v2" in (site.site_dir / "index.html").read_text(encoding="utf-8")
    assert leftovers(site.root) == []


def test_second_build_waits_for_the_first(site: Site, tmp_path: Path) -> None:
    site.write_config("a.yml")
    site.write_config("b.yml", lock_timeout=60)
    site.write_pages("v1")
    marker = tmp_path / "marker"
    first = site.start(
        config="a.yml",
        BANTIN_TEST_AT="on_files",
        BANTIN_TEST_ACTION="sleep",
        BANTIN_TEST_SECONDS="2",
        BANTIN_TEST_MARKER=str(marker),
    )
    wait_for(marker.exists, "the hook's marker", first)
    second = site.start(config="b.yml")
    out_second, _ = second.communicate(timeout=120)
    out_first, _ = first.communicate(timeout=120)
    assert first.returncode == 0, out_first
    assert second.returncode == 0, out_second
    assert "đang chờ tối đa 60 giây" in out_second
    assert leftovers(site.root) == []
    assert (site.site_dir / "index.html").is_file()
