"""bantin's templates ship in the package; a site's own custom_dir overrides them, autoescaped."""

from __future__ import annotations

import re

from tests.sitekit import TinySite


def test_templates_come_from_the_package_and_are_not_published(tiny: TinySite) -> None:
    tiny.post("a.md", {"title": "Bài một", "date": "2024-03-01", "category": "Thông báo"})
    run = tiny.build()
    assert run.ok, run.output
    assert tiny.exists("rss.xml") and tiny.exists("assets/bantin.css")
    # bantin's three stylesheets are linked as one (each one more would hold up the first paint).
    home = tiny.html("")
    links = re.findall(r'<link rel="stylesheet" href="([^"]+)"', home)
    bundle = [link for link in links if "stylesheets/bantin." in link]
    assert len(bundle) == 1, links
    assert [link for link in links if not link.startswith("assets/stylesheets/")] == [], links
    assert re.fullmatch(r"assets/stylesheets/bantin\.[0-9a-f]{8}\.css", bundle[0])
    css = tiny.html(bundle[0])
    assert css.index("@font-face") < css.index(".bt-article") < css.index(".bt-indicators")
    # Font URLs point where the fonts are, from the bundle's folder.
    fonts = re.findall(r'url\("([^"]+\.woff2)"\)', css)
    assert fonts and all(tiny.exists("assets/stylesheets/" + url) for url in fonts), fonts
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


def test_a_site_stylesheet_override_is_in_the_bundle(tiny: TinySite) -> None:
    (tiny.root / "docs" / "assets").mkdir(parents=True, exist_ok=True)
    (tiny.root / "docs" / "assets" / "bantin.css").write_text(
        ".rieng-cua-phuong { color: red; }", encoding="utf-8"
    )
    tiny.post("a.md", {"title": "Bài một", "date": "2024-03-01", "category": "Thông báo"})
    run = tiny.build()
    assert run.ok, run.output
    bundle = re.search(r'href="(assets/stylesheets/bantin\.[0-9a-f]{8}\.css)"', tiny.html(""))
    assert bundle
    css = tiny.html(bundle.group(1))
    assert ".rieng-cua-phuong" in css and ".bt-article" not in css
    assert "@font-face" in css and ".bt-indicators" in css
