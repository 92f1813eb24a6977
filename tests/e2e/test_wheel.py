"""bantin installed from its wheel, in a fresh virtual environment, builds a site of its own.

The site has no ``overrides/`` and nothing from this repository: every
template and asset must come from the installed package, as Material's do.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.packaging

POST = """\
---
title: Trao quà cho hộ nghèo <dịp Tết>
date: 2024-01-20 08:30
category: Tin tức
slug: trao-qua
aliases:
  - tin-tuc/trao-qua.html
indicators:
  - id: thu-ngan-sach
    label: Thu ngân sách
    value: 93095000
    unit: đồng
    target: 100000000
---

Ủy ban nhân dân phường trao 50 suất quà cho hộ nghèo.
"""

CONFIG = """\
site_name: Phường Mẫu
site_url: https://mau.example.vn/
theme:
  name: material
  language: vi
  font: false
plugins:
  - bantin:
      ward:
        name: Phường Mẫu
      categories:
        - name: Tin tức
  - bantin-atomic
"""


def _run(*command: str | Path, cwd: Path, timeout: float = 900) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    done = subprocess.run(
        [str(c) for c in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, f"{command}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with only the wheel and its pinned dependencies."""
    root = tmp_path_factory.mktemp("wheel")
    dist = root / "dist"
    pip = [sys.executable, "-m", "pip"]
    _run(*pip, "wheel", "--no-deps", "--quiet", "-w", dist, REPO, cwd=root)
    (wheel,) = dist.glob("bantin-*.whl")
    env = root / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    _run(
        python,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "-c",
        REPO / "requirements.lock",
        wheel,
        cwd=root,
    )
    return env


def test_a_site_built_from_the_installed_wheel(installed: Path, tmp_path: Path) -> None:
    python = installed / "bin" / "python"
    where = _run(python, "-c", "import bantin; print(bantin.__file__)", cwd=tmp_path)
    assert str(installed) in where and str(REPO) not in where

    site = tmp_path / "phuong"
    (site / "docs").mkdir(parents=True)
    (site / "posts").mkdir()
    (site / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (site / "docs" / "gioi-thieu.md").write_text("# Giới thiệu\n\nPhường mẫu.\n", "utf-8")
    (site / "posts" / "trao-qua.md").write_text(POST, encoding="utf-8")
    output = _run(installed / "bin" / "mkdocs", "build", "--strict", cwd=site)
    assert "Traceback" not in output
    out = site / "site"

    article = (out / "2024/01/20/trao-qua/index.html").read_text(encoding="utf-8")
    assert "Trao quà cho hộ nghèo &lt;dịp Tết&gt;" in article
    assert "Ủy ban nhân dân phường trao 50 suất quà" in article
    # The indicator box, drawn from the package's template, in Vietnamese figures.
    assert 'class="bt-box' in article and "Thu ngân sách" in article
    assert "93.095.000" in article
    # bantin's stylesheets (fonts, bantin, indicators) as one file named by its content.
    bundle = re.search(r'href="[./]*(assets/stylesheets/bantin\.[0-9a-f]{8}\.css)"', article)
    assert bundle, "no stylesheet bundle linked"
    assert ".bt-indicators" in (out / bundle.group(1)).read_text(encoding="utf-8")

    redirect = (out / "tin-tuc/trao-qua.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' in redirect and "2024/01/20/trao-qua/" in redirect

    feed = (out / "rss.xml").read_text(encoding="utf-8")
    assert "<rss" in feed and "https://mau.example.vn/2024/01/20/trao-qua/" in feed
    assert (out / "chuyen-muc/tin-tuc/rss.xml").is_file()

    for asset in ("assets/bantin.css", "assets/indicators.css", "assets/fonts/fonts.css"):
        assert (out / asset).stat().st_size > 0, asset
    assert (out / "chi-so/thu-ngan-sach/index.html").is_file()
    assert (out / "_headers").is_file()  # bantin-atomic from the wheel too
    assert not (out / "feeds").exists()
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "Phường Mẫu" in home and "Trao quà cho hộ nghèo" in home
    assert not (site / "overrides").exists()
