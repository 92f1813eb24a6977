"""Keys and the store of parts drawn once (adapter/fragments.py).

Whole builds with and without reuse are compared byte for byte in
tests/sites/test_fragments.py; these tests pin down which pages share a part.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from bantin.adapter.fragments import Fragments
from jinja2 import DictLoader, Environment


def config(
    extra_css: tuple[str, ...] = (), extra_javascript: tuple[object, ...] = ()
) -> SimpleNamespace:
    return SimpleNamespace(extra_css=list(extra_css), extra_javascript=list(extra_javascript))


def page(url: str) -> SimpleNamespace:
    return SimpleNamespace(url=url, meta={})


def test_once_draws_a_part_once_per_key_and_every_time_without_one() -> None:
    fragments = Fragments(enabled=True)
    drawn: list[int] = []

    def caller() -> str:
        drawn.append(1)
        return f"<p>{len(drawn)}</p>"

    assert fragments.once(("a",), caller) == "<p>1</p>"
    assert fragments.once(("a",), caller) == "<p>1</p>"
    assert fragments.once(("b",), caller) == "<p>2</p>"
    assert fragments.once(None, caller) == "<p>3</p>"
    assert fragments.once(None, caller) == "<p>4</p>"
    assert (fragments.hits, fragments.misses) == (1, 2)


def test_pages_at_one_depth_share_the_head_and_other_depths_do_not() -> None:
    fragments = Fragments(enabled=True)
    settings = config()
    article = fragments.head_key("styles", page("2020/10/13/tiem-chung/"), "../../../..", settings)
    listing = fragments.head_key(
        "styles", page("chuyen-muc/thong-bao/trang/2/"), "../../../..", settings
    )
    category = fragments.head_key("styles", page("chuyen-muc/thong-bao/"), "../..", settings)
    assert article == listing
    assert article != category
    assert (
        fragments.head_key("config", page("chuyen-muc/thong-bao/"), "../..", settings) != category
    )
    # The 404 page has no page: its links come from an absolute base.
    assert fragments.head_key("styles", None, "/", settings) == ("styles", True, "/")


def test_a_page_beside_the_files_it_links_to_is_drawn_for_itself() -> None:
    fragments = Fragments(enabled=True)
    settings = config(("css/extra.css",), (SimpleNamespace(path="js/app.js"), "vendor/x.js"))
    for url in ("assets/gioi-thieu/", "css/", "js/huong-dan/", "vendor/"):
        assert fragments.head_key("scripts", page(url), "../..", settings) is None, url
    assert fragments.head_key("scripts", page("gioi-thieu/"), "..", settings) is not None


def test_nothing_is_kept_when_reuse_is_off() -> None:
    fragments = Fragments(enabled=False)
    assert fragments.head_key("styles", page("gioi-thieu/"), "..", config()) is None


def test_a_call_block_around_super_prints_the_parent_block_unchanged() -> None:
    """The templates wrap Material's blocks as ``{% call once(key) %}{{ super() }}{% endcall %}``."""
    templates = {
        "base.html": "<head>{% block styles %}\n  <link href='{{ base_url }}/a.css'>\n{% endblock %}</head>",
        "main.html": (
            '{% extends "base.html" %}{% block styles %}{% call fragments.once(key) %}'
            "{{ super() | safe }}{% endcall %}{% endblock %}"
        ),
        "plain.html": '{% extends "base.html" %}',
    }
    env = Environment(loader=DictLoader(templates), autoescape=True)
    fragments = Fragments(enabled=True)
    env.globals["fragments"] = fragments
    expected = env.get_template("plain.html").render(base_url="..")
    first = env.get_template("main.html").render(base_url="..", key=("styles", False, ".."))
    # The second page says something else; the key says both print the same, so it is reused.
    second = env.get_template("main.html").render(base_url="XX", key=("styles", False, ".."))
    assert first == expected == second
    assert fragments.hits == 1


def test_pages_that_share_a_key_print_the_same_links() -> None:
    """The key says "by depth" only where every link reads the same from each such page."""
    from mkdocs.utils import get_relative_url

    links = (
        "", "assets/", "rss.xml", "luu-tru/", "search/", "chuyen-muc/thong-bao/",
        "chuyen-muc/tin-tuc-su-kien/", "gioi-thieu/", "ban-tin/", "https://dichvucong.gov.vn/",
        "./lien-he/", "2024/05/01/bai-cu/", "//cdn.example.vn/x.js", "/tai-lieu/../gioi-thieu/",
    )  # fmt: skip
    pages = [
        "", "index.html", "gioi-thieu/", "gioi-thieu/lich-su.html", "lien-he/",
        "2020/10/13/tiem-chung/", "2024/05/01/bai-cu/", "2024/05/02/bai-moi/", "2016/01/01/x/",
        "chuyen-muc/thong-bao/", "chuyen-muc/thong-bao/trang/2/", "chuyen-muc/khac/",
        "the/y-te/", "the/y-te/trang/3/", "luu-tru/2020/10/", "ban-tin/2020-10/", "404.html",
        "cdn.example.vn/", "tai-lieu/", "a/./b/../c/",
    ]  # fmt: skip
    fragments = Fragments(enabled=True)
    printed: dict[tuple[object, ...], set[tuple[str, ...]]] = {}
    for url in pages:
        key = fragments._relative(links, url)
        printed.setdefault(key, set()).add(tuple(get_relative_url(link, url) for link in links))
    assert all(len(versions) == 1 for versions in printed.values()), printed
    # And pages do share: every article folder outside 2024 is one key.
    assert fragments._relative(links, "2020/10/13/tiem-chung/") == fragments._relative(
        links, "2016/01/01/x/"
    )
    assert fragments._relative(links, "2024/05/02/bai-moi/") != fragments._relative(
        links, "2020/10/13/tiem-chung/"
    )


@pytest.mark.parametrize("language", ["vi", "en"])
def test_translations_are_materials_own(language: str) -> None:
    from bantin.adapter.fragments import Translations
    from mkdocs.theme import Theme

    env = Theme(name="material", language=language).get_env()  # Material's templates alone
    material = env.from_string(
        '{% import "partials/language.html" as lang with context %}{{ lang.t(key) }}'
    )
    translate = Translations(env, language)
    settings = SimpleNamespace(theme=SimpleNamespace(language=language))
    for key in ("language", "direction", "action.skip", "search.result.none", "no.such.key"):
        assert translate(key) == material.render(key=key, config=settings), key
    assert translate("action.skip") is translate("action.skip")  # looked up once
    if language == "vi":
        assert translate("action.skip") == "Bỏ qua"
