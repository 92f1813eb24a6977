"""Issue 13 (trust, second round): site-level checks that need a real build."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitekit import ATOMIC, TinySite

needs_atomic = pytest.mark.skipif(not ATOMIC, reason="bantin-atomic writes the headers")


def _site(root: Path) -> TinySite:
    site = TinySite(root / "ward")
    site.post("a.md", {"title": "Bài", "date": "2025-01-02", "category": "Thông báo"})
    return site


@needs_atomic
def test_a_headers_folder_in_the_output_is_an_error(tmp_path: Path) -> None:
    """Item 4: whatever takes ``_headers``, the build fails instead of shipping no headers."""
    site = _site(tmp_path)
    (site.root / "docs" / "_headers").mkdir()
    (site.root / "docs" / "_headers" / "index.md").write_text("# Trang\n", encoding="utf-8")
    run = site.build(strict=False)
    assert not run.ok, run.output
    assert "site/_headers" in run.output and "tiêu đề bảo mật" in run.output
    assert "Traceback" not in run.output
    assert not site.site.exists()


@needs_atomic
def test_a_killed_build_s_headers_tmp_file_is_removed_by_the_next(tmp_path: Path) -> None:
    """Item 14: ``.nginx-security-headers.conf.<pid>.tmp`` from a ``kill -9`` does not stay."""
    site = _site(tmp_path)
    folder = site.root / ".site-headers"
    folder.mkdir()
    stale = folder / ".nginx-security-headers.conf.99999.tmp"
    stale.write_text("# half written", encoding="utf-8")
    run = site.build()
    assert run.ok, run.output
    assert not stale.exists()
    assert [p.name for p in folder.iterdir()] == ["nginx-security-headers.conf"]
