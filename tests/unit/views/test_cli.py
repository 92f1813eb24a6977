"""``bantin views import`` from the command line: settings, summary, exit codes."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from bantin.adapter.cli import views_settings
from bantin.views import cli as views_cli
from bantin.views.cli import add_subparser

from .logkit import ARTICLE, ARTICLE_KEY, GOOGLEBOT, line, write_log


@pytest.fixture(autouse=True)
def _docs_folder(tmp_path: Path) -> None:
    """MkDocs reads a configuration only beside an existing docs/ folder, as every site has."""
    (tmp_path / "docs").mkdir(exist_ok=True)


def parser(**options: object) -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="bantin")
    top.add_argument("-f", "--config", default="mkdocs.yml")
    options.setdefault("settings_for", views_settings)
    add_subparser(top.add_subparsers(dest="command"), **options)  # type: ignore[arg-type]
    return top


def call(argv: list[str], **options: object) -> int:
    args = parser(**options).parse_args(argv)
    return args.func(args)


def sample_log(folder: Path, prefix: str = "") -> Path:
    return write_log(
        folder / "access.log",
        [
            line(prefix + ARTICLE, at=0),
            line(prefix + ARTICLE, at=10, addr="192.0.2.1"),
            line(prefix + ARTICLE, at=20, addr="66.249.66.1", agent=GOOGLEBOT),
            line(prefix + "/assets/bantin.css", at=21),
            "rác\n",
        ],
    )


MKDOCS = """\
site_name: Phường thử
site_url: https://example.vn/phuong/
theme:
  name: material
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
plugins:
  - search
  - bantin:
      views:
        data_file: du-lieu/luot-xem.json
"""


def test_settings_from_mkdocs_yml(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(MKDOCS, encoding="utf-8")
    settings = views_settings(config)
    assert settings.site_url == "https://example.vn/phuong/"
    assert settings.data_file == tmp_path.resolve() / "du-lieu" / "luot-xem.json"


def test_settings_with_env_tag_and_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: x\nsite_url: !ENV [BANTIN_TEST_URL, 'https://a.vn/']\n", encoding="utf-8"
    )
    assert views_settings(config).site_url == "https://a.vn/"
    monkeypatch.setenv("BANTIN_TEST_URL", "https://b.vn/sub/")
    assert views_settings(config).site_url == "https://b.vn/sub/"
    missing = views_settings(tmp_path / "none.yml")
    assert (
        missing.site_url == "" and missing.data_file == tmp_path.resolve() / "data" / "views.json"
    )


def test_import_with_the_site_settings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(MKDOCS, encoding="utf-8")
    log = sample_log(tmp_path, prefix="/phuong")
    code = call(["views", "import", str(log), "--config", str(config), "--no-progress"])
    out = capsys.readouterr().out
    assert code == 0
    data = tmp_path / "du-lieu" / "luot-xem.json"
    assert json.loads(data.read_text(encoding="utf-8"))["pages"] == {ARTICLE_KEY: 2}
    assert "Đã đọc 5 dòng từ 1 tệp nhật ký." in out
    assert f"Đã cộng 2 lượt xem cho 1 trang vào {data}." in out
    assert "Bỏ qua 3 dòng:" in out
    assert "  - 1: bot, máy thu thập dữ liệu" in out
    assert "  - 1: dòng sai định dạng" in out
    assert "Các lượt đọc trang trong nhật ký: từ 22/11/2026 | 10:00 đến 22/11/2026 | 10:00." in out


def test_top_level_config_option_is_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(MKDOCS, encoding="utf-8")
    log = sample_log(tmp_path, prefix="/phuong")
    assert call(["-f", str(config), "views", "import", str(log), "--no-progress"]) == 0
    assert (tmp_path / "du-lieu" / "luot-xem.json").exists()


def test_options_override_the_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = sample_log(tmp_path)
    data = tmp_path / "v.json"
    code = call(
        [
            "views",
            "import",
            str(log),
            "--data",
            str(data),
            "--site-url",
            "https://x.vn/",
            "--config",
            str(_empty_config(tmp_path)),
            "--no-progress",
        ]
    )
    assert code == 0
    assert json.loads(data.read_text())["pages"] == {ARTICLE_KEY: 2}
    again = call(
        [
            "views",
            "import",
            str(log),
            "--data",
            str(data),
            "--site-url",
            "https://x.vn/",
            "--config",
            str(_empty_config(tmp_path)),
            "--no-progress",
        ]
    )
    assert again == 0
    out = capsys.readouterr().out.split("Đã đọc")[-1]
    assert "Đã cộng 0 lượt xem" in out
    assert "  - 2: đã nhập ở lần trước (trùng)" in out


def _empty_config(folder: Path) -> Path:
    path = folder / "empty.yml"
    path.write_text("site_name: x\n", encoding="utf-8")
    return path


def test_page_keys_hook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = write_log(tmp_path / "access.log", [line(ARTICLE, at=0), line("/khac/", at=1)])
    data = tmp_path / "v.json"
    asked = []

    def keys(config_file: str) -> set[str]:
        asked.append(config_file)
        return {ARTICLE_KEY}

    cfg = _empty_config(tmp_path)
    code = call(
        ["views", "import", str(log), "--data", str(data), "--config", str(cfg), "--no-progress"],
        page_keys_for=keys,
    )
    assert code == 0 and asked == [str(cfg)]
    assert json.loads(data.read_text())["pages"] == {ARTICLE_KEY: 1}
    assert "không phải trang của trang tin này" in capsys.readouterr().out


def test_dry_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "v.json"
    code = call(
        [
            "views",
            "import",
            str(sample_log(tmp_path)),
            "--data",
            str(data),
            "--dry-run",
            "--config",
            str(_empty_config(tmp_path)),
            "--no-progress",
        ]
    )
    assert code == 0 and not data.exists()
    assert "Chạy thử: sẽ cộng 2 lượt xem" in capsys.readouterr().out


def test_errors_exit_1_and_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "v.json"
    data.write_text("{hỏng", encoding="utf-8")
    cfg = _empty_config(tmp_path)
    code = call(
        ["views", "import", str(sample_log(tmp_path)), "--data", str(data), "--config", str(cfg)]
    )
    err = capsys.readouterr().err
    assert code == 1 and data.read_text(encoding="utf-8") == "{hỏng"
    assert str(data) in err and "không phải JSON hợp lệ" in err
    code = call(
        [
            "views",
            "import",
            str(tmp_path / "khong-co.log"),
            "--data",
            str(tmp_path / "w.json"),
            "--config",
            str(cfg),
        ]
    )
    assert code == 1 and "không tìm thấy tệp nhật ký" in capsys.readouterr().err
    assert call(["views", "import", "x.log", "--config", str(tmp_path / "none.yml")]) == 2


def test_progress_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from bantin.views import importer

    monkeypatch.setattr(importer, "PROGRESS_EVERY", 2)
    code = call(
        [
            "views",
            "import",
            str(sample_log(tmp_path)),
            "--data",
            str(tmp_path / "v.json"),
            "--config",
            str(_empty_config(tmp_path)),
            "--progress",
        ]
    )
    err = capsys.readouterr().err
    assert code == 0
    assert "\rĐang đọc access.log (1/1): 100%, 5 dòng" in err and err.endswith("\n")


def test_views_without_subcommand_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert call(["views"]) == 2
    assert "import" in capsys.readouterr().out


def test_page_keys_hook_failures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bantin.core.errors import ContentError, Problem

    log, cfg, data = sample_log(tmp_path), _empty_config(tmp_path), tmp_path / "v.json"
    argv = ["views", "import", str(log), "--data", str(data), "--config", str(cfg), "--no-progress"]

    def broken(config_file: str) -> set[str]:
        raise ContentError([Problem("posts/a.md", "thiếu tiêu đề", field="title")])

    def unloadable(config_file: str) -> set[str]:
        raise SystemExit("mkdocs.yml: chưa bật plugin 'bantin'")

    assert call(argv, page_keys_for=broken) == 1
    assert "posts/a.md" in capsys.readouterr().err
    assert call(argv, page_keys_for=unloadable) == 1
    assert "--all-pages" in capsys.readouterr().err
    assert not data.exists()
    assert call([*argv, "--all-pages"], page_keys_for=unloadable) == 0
    assert json.loads(data.read_text())["pages"] == {ARTICLE_KEY: 2}


def test_registered_in_the_bantin_command() -> None:
    from bantin.adapter.cli import build_parser

    args = build_parser().parse_args(["views", "import", "access.log", "access.log.1.gz"])
    assert args.logs == ["access.log", "access.log.1.gz"]
    assert args.func.func is views_cli.cmd_import
