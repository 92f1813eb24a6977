"""The search files behind deploy/nginx.conf: index pieces cached for a year (their names
carry a content hash), the entry file that names them always revalidated, scripts gzipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.nginxkit import deploy_block, nginx

pytestmark = pytest.mark.nginx


def test_search_files_caching_and_compression(demo_site: Path, tmp_path: Path) -> None:
    headers = demo_site.parent / ".site-headers" / "nginx-security-headers.conf"
    bundle = demo_site / "pagefind"
    fragment = next((bundle / "fragment").iterdir()).relative_to(demo_site).as_posix()
    meta = next(bundle.glob("*.pf_meta")).relative_to(demo_site).as_posix()
    with nginx(tmp_path / "nginx", None, deploy_block(demo_site, headers)) as server:
        for path in (fragment, meta):
            code, got, _ = server.get(path)
            assert code == 200 and got["Cache-Control"] == "max-age=31536000", (path, got)
            assert "Content-Security-Policy" in got  # `expires` only: the headers stay
        code, got, _ = server.get("pagefind/pagefind-entry.json")
        assert code == 200 and got["Cache-Control"] == "no-cache", got
        code, got, _ = server.get("pagefind/pagefind.js", **{"Accept-Encoding": "gzip"})
        assert code == 200 and got.get("Content-Encoding") == "gzip"
        assert got["Cache-Control"] == "max-age=86400"
    static = (demo_site / "_headers").read_text(encoding="utf-8")
    assert "/pagefind/fragment/*\n  Cache-Control: public, max-age=31536000, immutable" in static
