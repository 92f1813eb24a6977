"""What ``bantin serve`` keeps between its builds is dropped when what it was made from changes.

The leads (each article's first paragraph, printed by cards and feeds) are kept with the
article's Markdown for one generation: the Markdown extensions and settings of ``mkdocs.yml``
and bantin's version. Posts (``posts/cache.py``) and compiled templates
(Jinja's checksum of the source) have their own tests; the whole preview is compared with a
clean build in ``test_preview_equals_build.py``.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from bantin.adapter import incremental
from bantin.adapter.incremental import IncrementalPreview, TemplateCodeCache
from jinja2 import DictLoader, Environment


def preview_with_lead(config: Any, text: str = "# Tin\n\nĐoạn đầu.") -> IncrementalPreview:
    preview = IncrementalPreview(finish=lambda page: None, printed=lambda page: [])
    preview.start(config)
    page = SimpleNamespace(
        file=SimpleNamespace(src_uri="2020/10/13/tin/index.md", content_string=text)
    )
    preview.record_lead(page, "Đoạn đầu.")  # type: ignore[arg-type]
    return preview


def config_at(path: Path) -> Any:
    """The Markdown settings of the ``mkdocs.yml`` at ``path``, as MkDocs loads them."""
    from mkdocs.config import load_config

    (path.parent / "docs").mkdir(exist_ok=True)
    return load_config(config_file=str(path))


def test_a_lead_is_kept_while_nothing_it_depends_on_changes(tmp_path: Path) -> None:
    settings = tmp_path / "mkdocs.yml"
    settings.write_text("site_name: Phường Phúc Lợi\n", "utf-8")
    preview = preview_with_lead(config_at(settings))
    preview.start(config_at(settings))
    assert preview.known_lead("2020/10/13/tin/index.md") == "Đoạn đầu."


def test_an_edited_post_is_read_again(tmp_path: Path) -> None:
    from mkdocs.structure.files import Files

    settings = tmp_path / "mkdocs.yml"
    settings.write_text("site_name: Phường Phúc Lợi\n", "utf-8")
    preview = preview_with_lead(config_at(settings))
    preview.builds = 1  # a rebuild
    preview.start(config_at(settings))
    preview.choose(Files([]), {"2020/10/13/tin/index.md": "# Tin\n\nĐoạn đầu đã sửa."}, in_nav=())
    preview.reading()
    assert "2020/10/13/tin/index.md" in preview._read


def test_markdown_settings_changed_forget_every_lead(tmp_path: Path) -> None:
    settings = tmp_path / "mkdocs.yml"
    settings.write_text("site_name: Phường Phúc Lợi\nmarkdown_extensions: [abbr]\n", "utf-8")
    preview = preview_with_lead(config_at(settings))
    settings.write_text(
        "site_name: Phường Phúc Lợi\nmarkdown_extensions: [abbr, {toc: {permalink: true}}]\n",
        "utf-8",
    )
    preview.start(config_at(settings))
    assert preview.known_lead("2020/10/13/tin/index.md") is None


def test_other_settings_keep_the_leads(tmp_path: Path) -> None:
    """The site's name is printed by the pages, which are all drawn again anyway."""
    settings = tmp_path / "mkdocs.yml"
    settings.write_text("site_name: Phường Phúc Lợi\nmarkdown_extensions: [abbr]\n", "utf-8")
    preview = preview_with_lead(config_at(settings))
    settings.write_text("site_name: Phường Phúc Lợi mới\nmarkdown_extensions: [abbr]\n", "utf-8")
    preview.start(config_at(settings))
    assert preview.known_lead("2020/10/13/tin/index.md") == "Đoạn đầu."


def test_a_new_bantin_version_forgets_every_lead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = tmp_path / "mkdocs.yml"
    settings.write_text("site_name: Phường Phúc Lợi\n", "utf-8")
    preview = preview_with_lead(config_at(settings))
    monkeypatch.setattr(incremental, "__version__", "99.0.0")
    preview.start(config_at(settings))
    assert preview.known_lead("2020/10/13/tin/index.md") is None


def test_an_edited_template_is_compiled_again() -> None:
    cache = TemplateCodeCache()
    templates = {"footer.html": "Tin RSS"}
    for expected in ("Tin RSS", "Tin RSS (sửa mẫu)"):
        templates["footer.html"] = expected
        env = Environment(loader=DictLoader(dict(templates)), bytecode_cache=cache)
        assert env.get_template("footer.html").render() == expected
    env = Environment(loader=DictLoader(dict(templates)), bytecode_cache=cache)
    assert env.get_template("footer.html").render() == "Tin RSS (sửa mẫu)"
