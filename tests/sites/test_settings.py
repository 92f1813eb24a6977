"""Settings converted once from mkdocs.yml, and bad settings told in Vietnamese without a traceback."""

from __future__ import annotations

import dataclasses

import pytest
from bantin.adapter.settings import load_site, site_settings
from bantin.news.model import NewsModel

from tests.sitekit import TinySite


def _post(site: TinySite) -> None:
    site.post("a.md", {"title": "Bài một", "date": "2024-03-01", "category": "Thông báo"})


def test_use_directory_urls_false_is_a_clear_error(tiny: TinySite) -> None:
    _post(tiny)
    tiny.extra_config["use_directory_urls"] = False
    tiny.write_config()
    for run in (tiny.build(), tiny.bantin_cli("check")):
        assert not run.ok
        assert "use_directory_urls" in run.output and "Xoá dòng" in run.output, run.output
        assert "Traceback" not in run.output


def test_unusable_config_is_a_clear_error(tiny: TinySite) -> None:
    (tiny.root / "mkdocs.yml").write_text("site_name: [không đóng\n", encoding="utf-8")
    run = tiny.bantin_cli("check")
    assert run.returncode == 1
    assert "cấu hình không dùng được" in run.output and "Traceback" not in run.output


def test_one_settings_object_for_every_reader(tiny: TinySite, monkeypatch) -> None:
    """Both plugins and the commands read the same frozen object, converted once per config."""
    _post(tiny)
    tiny.extra_plugins = ["bantin-atomic"]
    tiny.write_config()
    monkeypatch.chdir(tiny.root)
    config, settings = load_site("mkdocs.yml")
    assert site_settings(config) is settings
    assert settings.publish.enabled and settings.ward.name == "Phường Thử"
    assert [c.name for c in settings.categories][:2] == ["Tin tức - Sự kiện", "Bài viết chuyên sâu"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.per_page = 3  # type: ignore[misc]
    model = NewsModel.build(settings, preview=False)
    with pytest.raises(dataclasses.FrozenInstanceError):
        model.routes = {}  # type: ignore[misc]
    with pytest.raises(TypeError):
        model.routes["x"] = model.routes["index.md"]  # type: ignore[index]
    assert model.page_urls()[0] == "" and "2024/03/01/bai-mot/" in model.page_urls()
    assert not model.errors
