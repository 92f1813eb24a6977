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
    assert css.index(".bt-article") < css.index(".bt-indicators")
    # Pages are set in the reader's system font: no web font declared, preloaded or fetched.
    assert "--md-text-font: var(--bt-font);" in css
    assert '--bt-font: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto,' in css
    rules = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    assert "system-ui" not in rules
    assert "@font-face" not in rules and ".woff2" not in rules and "Be Vietnam Pro" not in rules
    assert "woff2" not in home and 'rel="preload"' not in home
    assert "woff2" not in tiny.html("2024/03/01/bai-mot/")
    # The feed template is rendered into rss.xml, never copied as it is.
    assert not (tiny.site / "feeds").exists()
    pages = [p for p in tiny.site.rglob("*") if p.suffix in (".html", ".xml") and p.is_file()]
    assert pages and not [p for p in pages if "{%" in p.read_text(encoding="utf-8")]


def test_web_font_brings_back_the_site_font_on_pages(tmp_path) -> None:
    """``web_font: true``: Be Vietnam Pro's rules in the bundle after bantin.css, the regular
    files preloaded, every URL pointing at a file of the site."""
    site = TinySite(tmp_path / "ward", web_font=True)
    site.post("a.md", {"title": "Bài một", "date": "2024-03-01", "category": "Thông báo"})
    run = site.build()
    assert run.ok, run.output
    for url, prefix in (("", ""), ("2024/03/01/bai-mot/", "../../../../")):
        html = site.html(url)
        preloads = re.findall(r'<link rel="preload" href="([^"]+)" as="font"', html)
        assert preloads == [
            f"{prefix}assets/fonts/be-vietnam-pro-vietnamese-400-normal.woff2",
            f"{prefix}assets/fonts/be-vietnam-pro-latin-400-normal.woff2",
        ], preloads
        assert all(site.exists(p.removeprefix(prefix)) for p in preloads)
    bundle = re.search(r'href="(assets/stylesheets/bantin\.[0-9a-f]{8}\.css)"', site.html(""))
    assert bundle
    css = site.html(bundle.group(1))
    # After bantin.css, so its font comes first; the system fonts stay the fallback.
    fonts_css = css.index("/* assets/fonts/fonts.css */")
    assert css.index(".bt-indicators") < fonts_css < css.index("@font-face")
    assert fonts_css < css.rindex("--md-text-font")
    assert ':root { --md-text-font: "Be Vietnam Pro", var(--bt-font); }' in css
    # Font URLs point where the fonts are, from the bundle's folder: six files, on the site.
    fonts = re.findall(r'url\("([^"]+\.woff2)"\)', css)
    assert len(fonts) == 6 and all(site.exists("assets/stylesheets/" + u) for u in fonts), fonts
    assert all(u.startswith("../fonts/be-vietnam-pro-") for u in fonts), fonts


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
    assert ".bt-indicators" in css
