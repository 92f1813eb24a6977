"""A table, a list, bold text and line breaks pasted from Word, in the site's own look on a phone.

The post's body is real-shaped Word HTML (MsoNormal, MsoTableGrid, <o:p>, <font>,
lang="VI", Word's list paragraphs); built for real and opened in Chromium at
360 px: the page never scrolls sideways, the table scrolls in its own box,
has borders and a header row, and no Word leftover reaches the page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import PHONE, serve
from tests.sitekit import REPO, TinySite

pytestmark = pytest.mark.browser
WORD = (REPO / "tests" / "fixtures" / "word" / "dan-tu-word.html").read_text(encoding="utf-8")
ARTICLE = "2020/12/20/ket-qua-thuc-hien-chi-tieu-nam-2020/"


def test_pasted_word_html_reads_well_on_a_phone(tmp_path: Path, browser, screenshots: Path) -> None:
    site = TinySite(tmp_path / "ward")
    site.post(
        "ket-qua.md",
        {
            "title": "Kết quả thực hiện chỉ tiêu năm 2020",
            "date": "2020-12-20 08:00",
            "category": "Tin tức - Sự kiện",
        },
        "Báo cáo của UBND phường, dán từ Word.\n\n" + WORD,
    )
    run = site.build()
    assert run.ok, run.output
    html = site.html(ARTICLE)
    body = html[html.index('class="bt-body') :]
    for leftover in ("Mso", "o:p", "<font", "mso-", 'lang="VI"'):
        assert leftover not in body, leftover

    server, base = serve(site.site)
    page = browser.new_page(viewport=PHONE)
    try:
        page.goto(base + ARTICLE)
        page.wait_for_selector(".bt-body .md-typeset__scrollwrap table")
        page.screenshot(path=str(screenshots / "bang-word-360.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        facts = page.evaluate(
            """() => {
              const table = document.querySelector('.bt-body table');
              const wrap = table.closest('.md-typeset__scrollwrap');
              const th = table.querySelector('thead th');
              const td = table.querySelector('tbody td');
              const box = wrap.getBoundingClientRect();
              return {
                tables: document.querySelectorAll('.bt-body table').length,
                wrapped: document.querySelectorAll('.bt-body .md-typeset__scrollwrap table').length,
                wrapRight: box.right, wrapScrolls: wrap.scrollWidth > wrap.clientWidth
                  || table.scrollWidth > table.clientWidth,
                tableBorder: getComputedStyle(table).borderTopStyle,
                cellBorder: getComputedStyle(td).borderTopStyle,
                headers: [...table.querySelectorAll('thead th')].map(th => th.innerText.trim()),
                headerWeight: getComputedStyle(th).fontWeight,
                headerVisible: th.getBoundingClientRect().width > 0,
                listItems: [...document.querySelectorAll('.bt-body ul li')].map(li => li.innerText),
              };
            }"""
        )
        assert facts["tables"] == facts["wrapped"] == 1, facts
        assert facts["wrapRight"] <= PHONE["width"], facts
        assert facts["wrapScrolls"], facts  # five columns: wider than a phone, scrolled in its box
        assert facts["tableBorder"] == "solid" and facts["cellBorder"] == "solid", facts
        assert facts["headers"][:2] == ["STT", "Chỉ tiêu"] and facts["headerVisible"], facts
        assert int(facts["headerWeight"]) >= 700, facts
        assert facts["listItems"] == ["Thu ngân sách đạt 105% kế hoạch", "Giảm 3 hộ nghèo"], facts
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path=str(screenshots / "bang-word-1280.png"), full_page=True)
    finally:
        page.close()
        server.shutdown()
