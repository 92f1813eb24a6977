"""Bulletins in Chromium: the list and an issue at 360 and 1280 px, and the issue printed on A4.

Runs on the demo site. Screenshots, the printed PDF and its pages as PNG go to
``test-output/screenshots/<test>/``: look at them.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import urljoin
from urllib.request import urlopen

import pytest
from pypdf import PdfReader

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

ISSUE = "ban-tin/2026-11/"
OVERFLOW = "[document.documentElement.scrollWidth, window.innerWidth]"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_list_and_issue_fit_the_screen(browser, base_url: str, screenshots: Path, viewport) -> None:
    page = browser.new_page(viewport=viewport)
    for name, url in (("list", "ban-tin/"), ("issue", ISSUE)):
        page.goto(urljoin(base_url, url))
        page.wait_for_load_state("networkidle")
        page.screenshot(path=screenshots / f"{name}.png", full_page=True)
        width, inner = page.evaluate(OVERFLOW)
        assert width <= inner, f"{name} scrolls sideways at {viewport['width']} px"
    assert page.locator(".bt-bulletin__masthead h1").inner_text().split("\n") == [
        "Bản tin phường Phúc Lợi,",
        "số 11 – tháng 11/2026",
    ]
    assert not page.locator(".bt-bulletin__qr").is_visible()  # the QR code is for paper
    link = page.get_by_role("link", name="Tải bản PDF")
    assert link.is_visible()
    with urlopen(urljoin(page.url, link.get_attribute("href"))) as response:
        assert response.read(5) == b"%PDF-"
    page.close()


def test_issue_prints_as_an_a4_bulletin(browser, base_url: str, screenshots: Path) -> None:
    page = browser.new_page()
    page.goto(urljoin(base_url, ISSUE))
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    for selector in (
        ".md-header",
        ".md-tabs",
        ".bt-bulletin__download",
        ".bt-neighbours",
        ".md-footer",
    ):
        assert not page.locator(selector).first.is_visible(), f"{selector} is printed"
    assert page.locator(".bt-bulletin__qr").is_visible()
    pdf = screenshots / "print.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    page.close()
    reader = PdfReader(pdf)
    # Chromium embeds each unicode-range file of the font apart, and pypdf puts a
    # space between their runs ("B ả n tin"): compare without spaces.
    first = "".join(reader.pages[0].extract_text().split())
    for expected in (
        "Bản tin phường Phúc Lợi, số 11 – tháng 11/2026",
        "Mùa hanh khô, mỗi nhà một bình chữa cháy",
        "Số 1 phố Phúc Lợi, phường Phúc Lợi, quận Long Biên, Hà Nội · Điện thoại: 024.3875.1234",
        "Trang 1/",  # page numbers in the margin
    ):
        assert "".join(expected.split()) in first, expected
    everything = "".join("".join(p.extract_text().split()) for p in reader.pages)
    assert "Tìmkiếm" not in everything and "TảibảnPDF" not in everything
    for sheet in reader.pages:  # A4: 595 × 842 pt (Chromium rounds to whole pixels)
        assert abs(float(sheet.mediabox.width) - 595.3) < 1.5
        assert abs(float(sheet.mediabox.height) - 841.9) < 1.5
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(pdf), str(screenshots / "print-page")], check=True
    )
    assert sorted(p.name for p in screenshots.glob("print-page-*.png"))
