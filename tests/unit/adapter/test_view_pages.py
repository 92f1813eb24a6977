"""A page drawn from the model alone ends up as MkDocs' own conversion of empty text would leave it."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from bantin.adapter.view_pages import ViewPage, as_view_page
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

STATE = ("content", "_title_from_render", "present_anchor_ids", "links_to_anchors")


def site(tmp_path: Path):  # type: ignore[no-untyped-def]
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Phường Phúc Lợi\n"
        "markdown_extensions: [attr_list, md_in_html, tables, {toc: {permalink: false}}]\n",
        encoding="utf-8",
    )
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    config.plugins._current_plugin = "bantin"  # set by MkDocs while a plugin's event runs
    file = File.generated(config, "chuyen-muc/thong-bao/index.md", content="")
    return config, file, Files([file])


def state(page: Page) -> dict[str, object]:
    return {name: getattr(page, name) for name in STATE} | {"toc": (str(page.toc), list(page.toc))}


@pytest.mark.parametrize("markdown", ["", "\n  \n"])
@pytest.mark.parametrize("level", [logging.WARNING, logging.DEBUG])
def test_a_view_page_is_left_as_mkdocs_leaves_an_empty_page(
    tmp_path: Path, markdown: str, level: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    logging.getLogger("mkdocs.structure.pages").setLevel(level)
    try:
        config, file, files = site(tmp_path)
        plain = Page(None, file, config)
        plain.markdown = markdown
        plain.render(config, files)
        expected = state(plain)

        view = Page(None, file, config)
        as_view_page(view)
        assert type(view) is ViewPage
        view.markdown = markdown

        def no_converter(*args: object, **kwargs: object) -> None:
            raise AssertionError("a Markdown converter was started for an empty page")

        monkeypatch.setattr("mkdocs.structure.pages.markdown.Markdown", no_converter)
        view.render(config, files)
        assert state(view) == expected
    finally:
        logging.getLogger("mkdocs.structure.pages").setLevel(logging.NOTSET)


def test_markdown_given_by_another_plugin_is_still_converted(tmp_path: Path) -> None:
    config, file, files = site(tmp_path)
    page = Page(None, file, config)
    as_view_page(page)
    page.markdown = "## Lịch tiếp công dân\n\nThứ Năm hằng tuần."
    page.render(config, files)
    assert (
        page.content
        == '<h2 id="lich-tiep-cong-dan">Lịch tiếp công dân</h2>\n<p>Thứ Năm hằng tuần.</p>'
    )
    assert [item.title for item in page.toc] == ["Lịch tiếp công dân"]


def test_a_page_of_another_plugins_class_is_left_alone(tmp_path: Path) -> None:
    class Theirs(Page):
        pass

    config, file, _ = site(tmp_path)
    page = Theirs(None, file, config)
    as_view_page(page)
    assert type(page) is Theirs
