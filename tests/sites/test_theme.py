"""bantin's templates ship in the package; a site's own custom_dir overrides them, autoescaped."""

from __future__ import annotations

from tests.sitekit import TinySite


def test_templates_come_from_the_package_and_are_not_published(tiny: TinySite) -> None:
    tiny.post("a.md", {"title": "Bài một", "date": "2024-03-01", "category": "Thông báo"})
    run = tiny.build()
    assert run.ok, run.output
    assert tiny.exists("rss.xml") and tiny.exists("assets/bantin.css")
    assert "assets/bantin.css" in tiny.html("")
    # The feed template is rendered into rss.xml, never copied as it is.
    assert not (tiny.site / "feeds").exists()
    pages = [p for p in tiny.site.rglob("*") if p.suffix in (".html", ".xml") and p.is_file()]
    assert pages and not [p for p in pages if "{%" in p.read_text(encoding="utf-8")]


def test_a_site_override_wins_and_is_autoescaped(tmp_path) -> None:
    site = TinySite(tmp_path / "ward", ward={"name": "Phường <b>Thử</b>"})
    custom = site.root / "giao-dien"
    (custom / "partials").mkdir(parents=True)
    (custom / "partials" / "footer.html").write_text(
        '<footer class="rieng">{{ bantin.ward.name }}</footer>', encoding="utf-8"
    )
    site.extra_config["theme"] = {
        "name": "material",
        "language": "vi",
        "custom_dir": str(custom),
        "font": False,
    }
    site.write_config()
    site.post("a.md", {"title": "Bài một", "date": "2024-03-01", "category": "Thông báo"})
    run = site.build()
    assert run.ok, run.output
    home = site.html("")
    assert '<footer class="rieng">Phường &lt;b&gt;Thử&lt;/b&gt;</footer>' in home
    # bantin's other templates still render: the article page and its own stylesheet.
    assert "bt-article" in site.html("2024/03/01/bai-mot/")
