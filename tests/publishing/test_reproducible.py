"""The same inputs built twice give byte-identical output when SOURCE_DATE_EPOCH is set."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.sitekit import REPO, Site, build_env, manifest

MATERIAL_PLUGINS = "  - search:\n      lang: vi\n"


def test_material_site_builds_identically_twice(site: Site) -> None:
    site.write_config(theme="material", extra_plugins=MATERIAL_PLUGINS)
    site.write_pages("v1")
    snippet = site.root / ".site-headers" / "nginx-security-headers.conf"

    first = site.build("--strict", PYTHONHASHSEED="1")
    assert first.returncode == 0, first.stdout
    one, snippet_one = manifest(site.site_dir), snippet.read_bytes()

    second = site.build("--strict", PYTHONHASHSEED="2")
    assert second.returncode == 0, second.stdout
    two, snippet_two = manifest(site.site_dir), snippet.read_bytes()

    assert one == two
    assert snippet_one == snippet_two
    # The checks above are meaningful: the output holds the dated and indexed files.
    for name in (
        "sitemap.xml",
        "sitemap.xml.gz",
        "search/search_index.json",
        "404.html",
        "_headers",
    ):
        assert name in one
    assert "<lastmod>2023-11-14</lastmod>" in (site.site_dir / "sitemap.xml").read_text()


def test_build_date_changes_without_fixed_epoch(site: Site, tmp_path: Path) -> None:
    """Control: a different SOURCE_DATE_EPOCH does change the bytes (the comparison can fail)."""
    site.write_config(theme="material", extra_plugins=MATERIAL_PLUGINS)
    site.write_pages("v1")
    assert site.build().returncode == 0
    one = manifest(site.site_dir)
    assert site.build(SOURCE_DATE_EPOCH="1800000000").returncode == 0
    two = manifest(site.site_dir)
    differing = {k for k in one.keys() | two.keys() if one.get(k) != two.get(k)}
    assert "sitemap.xml" in differing


def test_demo_site_builds_identically_twice(tmp_path: Path) -> None:
    """The repository's own ward site, copied so that nothing changes it between the builds."""
    source = tmp_path / "demo"
    skip = {".git", ".venv", "site", "tests", "bench", "test-output", "node_modules"}
    shutil.copytree(
        REPO,
        source,
        ignore=lambda d, names: [
            n
            for n in names
            if (Path(d) == REPO and (n in skip or n.startswith(".site")))
            or n in ("__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis")
        ],
    )
    manifests = []
    for seed in ("1", "2"):
        out = tmp_path / f"site-{seed}"
        done = subprocess.run(
            [str(REPO / ".venv" / "bin" / "mkdocs"), "build", "-d", str(out)],
            cwd=source,
            env=build_env(PYTHONHASHSEED=seed),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stdout
        manifests.append(manifest(out))
    assert len(manifests[0]) > 50
    differing = sorted(
        k
        for k in manifests[0].keys() | manifests[1].keys()
        if manifests[0].get(k) != manifests[1].get(k)
    )
    assert differing == []
