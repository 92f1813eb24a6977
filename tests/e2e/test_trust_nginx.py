"""Issue 13 item 14: behind deploy/nginx.conf, folders without a page answer 404 (the
Vietnamese 404 page), not 403; the host files and hidden files stay unreachable."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.nginxkit import deploy_block, nginx
from tests.sitekit import ATOMIC, TinySite

pytestmark = [pytest.mark.nginx, pytest.mark.skipif(not ATOMIC, reason="headers needed")]


def test_folders_without_a_page_are_not_found(tmp_path: Path) -> None:
    site = TinySite(tmp_path / "ward")
    site.post("a.md", {"title": "Bài", "date": "2025-01-02", "category": "Thông báo"})
    run = site.build()
    assert run.ok, run.output
    headers = site.root / ".site-headers" / "nginx-security-headers.conf"
    with nginx(tmp_path / "nginx", None, deploy_block(site.site, headers)) as server:
        for path in ("assets/", "assets/javascripts/", "assets/stylesheets/", "2025/", "the/"):
            if not (site.site / path).is_dir() or (site.site / path / "index.html").exists():
                continue
            status, answer, body = server.get(path)
            assert status == 404, (path, status)
            assert "Content-Security-Policy" in answer
            assert "Không tìm thấy" in body.decode("utf-8") or "404" in body.decode("utf-8")
        assert server.get("2025/01/02/bai/")[0] == 200
        assert server.get("_headers")[0] == 404
        assert server.get(".site-headers/x")[0] == 404
