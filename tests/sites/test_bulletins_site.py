"""Bulletins (bản tin) in built sites: the list, automatic and edited issues, key figures, errors.

Tiny ward sites are built for real (``tests/sitekit.py``) with PDFs switched off
(``test_bulletins_pdf.py`` covers those); the HTML is read back for the exact
Vietnamese strings and the order a reader sees.
"""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path
from posixpath import normpath

import pytest

from tests.sitekit import TinySite

QUY_2019 = {
    "label": "Quỹ “Vì người nghèo”",
    "id": "quy-vi-nguoi-ngheo",
    "value": "93.095.000",
    "unit": "đồng",
    "target": "105.350.000",
    "percent": "88,37",
}


_BLOCK = re.compile(
    r"</?(?:li|p|h\d|div|ol|ul|section|nav|article|figure|figcaption|table|tr|td|th)\b[^>]*>"
)


def text_of(fragment: str) -> str:
    """Visible text of an HTML fragment (from the end of its opening tag), spaces collapsed."""
    if not fragment.lstrip().startswith("<"):
        fragment = fragment.split(">", 1)[-1]
    text = re.sub(r"<[^>]+>", "", _BLOCK.sub(" ", fragment))
    return " ".join(htmllib.unescape(text).split())


def between(page: str, start: str, end: str) -> str:
    _, _, rest = page.partition(start)
    assert rest, f"{start!r} not in page"
    return rest.split(end, 1)[0]


def article_titles(page: str) -> list[str]:
    return [text_of(m) for m in re.findall(r'<h3 id="bai-\d+-title">(.*?)</h3>', page, flags=re.S)]


def figure_texts(section: str) -> list[str]:
    return [
        text_of(item) for item in re.findall(r'<li class="bt-indicator[ "].*?</li>', section, re.S)
    ]


def make_site(root: Path, **bulletins: object) -> TinySite:
    site = TinySite(root, bulletins={"enabled": True, "pdf": False, **bulletins})
    site.post(
        "2019/quy.md",
        {
            "title": "Kết quả công tác Mặt trận 9 tháng đầu năm 2019",
            "date": "01/10/2019 11:19",
            "category": "Mặt trận - Đoàn thể",
            "indicators": [QUY_2019],
        },
    )
    site.post(
        "2020/chuyen-sau.md",
        {
            "title": "Hiệu quả công tác dân vận 9 tháng năm 2020",
            "date": "13/10/2020 09:17",
            "category": "Bài viết chuyên sâu",
            "summary": "Giữa năm dịch bệnh, khối dân vận chăm lo kịp thời cho người dân.",
        },
        "## Những việc làm nổi bật\n\nĐoạn thứ hai của bài.\n\n[Xem bài cũ](../../../../2019/10/01/ket-qua-cong-tac-mat-tran-9-thang-dau-nam-2019/)",
    )
    site.post(
        "2020/tin-a.md",
        {"title": "Tin A đầu tháng", "date": "2020-10-05", "category": "Tin tức - Sự kiện"},
    )
    site.post(
        "2020/tin-b.md",
        {"title": "Tin B cuối tháng", "date": "2020-10-20", "category": "Tin tức - Sự kiện"},
    )
    site.post(
        "2020/ghim.md",
        {
            "title": "Bài được ghim của Mặt trận",
            "date": "2020-10-02",
            "category": "Mặt trận - Đoàn thể",
            "pinned": True,
        },
    )
    site.post(
        "2020/lich-tiep.md",
        {"title": "Lịch tiếp công dân quý IV", "date": "2020-10-07", "category": "Thông báo"},
    )
    site.post(
        "2020/tong-ket.md",
        {
            "title": "Tổng kết công tác Mặt trận năm 2020",
            "date": "2020-12-28",
            "category": "Mặt trận - Đoàn thể",
            "indicators": [
                {
                    "label": "Quỹ “Vì người nghèo”",
                    "id": "quy-vi-nguoi-ngheo",
                    "value": "101.500.000",
                    "unit": "đồng",
                    "target": 100000000,
                },
                {"label": "Hộ nghèo được giúp đỡ", "value": 11, "of": 14, "unit": "hộ"},
            ],
        },
    )
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> TinySite:
    site = make_site(tmp_path_factory.mktemp("bulletins") / "ward")
    folder = site.root / "bulletins"
    folder.mkdir()
    (folder / "2020-12.md").write_text(
        "---\n"
        "title: Một năm vượt khó\n"
        "posts:\n"
        "  - 2020/tong-ket.md\n"
        "  - 2020/lich-tiep.md\n"
        "  - 2020/chuyen-sau.md\n"
        "---\n\n"
        "Kính gửi bà con, <script>alert(1)</script> đây là **lời ngỏ**.\n",
        encoding="utf-8",
    )
    run = site.build()
    assert run.ok, run.output
    return site


def test_list_shows_every_issue_newest_first(built: TinySite) -> None:
    page = built.html("ban-tin/")
    names = [
        text_of(m) for m in re.findall(r'<span class="bt-cover-card__number">(.*?)</span>', page)
    ]
    assert names == ["Số 12 – tháng 12/2020", "Số 10 – tháng 10/2020", "Số 10 – tháng 10/2019"]
    links = re.findall(r'<a class="bt-cover-card__link" href="([^"]+)"', page)
    assert links == ["2020-12/", "2020-10/", "2019-10/"]
    assert "Một năm vượt khó" in page  # the editor's title is the cover's headline
    assert "Tải bản PDF" not in page  # PDFs are off in this site


def test_automatic_issue_order_pinned_categories_dates_notices_last(built: TinySite) -> None:
    page = built.html("ban-tin/2020-10/")
    assert article_titles(page) == [
        "Bài được ghim của Mặt trận",  # pinned first
        "Tin B cuối tháng",  # then Tin tức (first declared category), newest first
        "Tin A đầu tháng",
        "Hiệu quả công tác dân vận 9 tháng năm 2020",  # Bài viết chuyên sâu
        "Lịch tiếp công dân quý IV",  # the notices, in their own section
    ]
    sections = re.findall(r'<h2 class="bt-bulletin__section-title"[^>]*>(.*?)</h2>', page)
    assert sections == ["Tin bài trong số", "Thông báo"]
    notices = between(page, "bt-bulletin__section--notices", "</section>")
    assert "Lịch tiếp công dân quý IV" in notices and "Tin A" not in notices
    title = text_of(between(page, '<h1 id="bt-title"', "</h1>"))
    assert title == "Bản tin phường Thử, số 10 – tháng 10/2020"
    assert (
        "<title>Bản tin phường Thử, số 10 – tháng 10/2020 - Cổng thông tin phường Thử</title>"
        in page
    )


def test_issue_has_toc_and_full_articles(built: TinySite) -> None:
    page = built.html("ban-tin/2020-10/")
    toc = text_of(between(page, '<nav class="bt-bulletin__toc"', "</nav>"))
    assert toc.startswith("Trong số này Bài được ghim của Mặt trận Tin B cuối tháng")
    assert "Thông báo: Lịch tiếp công dân quý IV" in toc
    for anchor in re.findall(
        r'<li[^>]*><a href="#([^"]+)"', between(page, "bt-bulletin__toc", "</nav>")
    ):
        assert f'id="{anchor}"' in page
    article = between(page, 'id="bai-4"', "</article>")
    assert "Giữa năm dịch bệnh, khối dân vận chăm lo kịp thời cho người dân." in article
    # the body's own h2 sits under the article's h3; its id is the article's own
    assert re.search(r'<h4 id="bai-4-nhung-viec-lam-noi-bat">Những việc làm nổi bật</h4>', article)
    assert "Đoạn thứ hai của bài." in article
    # a link in the body still reaches the same article from the issue's address
    href = re.search(r'<a href="([^"]+)"[^>]*>Xem bài cũ</a>', article)[1]
    assert (
        normpath("ban-tin/2020-10/" + href) + "/"
        == "2019/10/01/ket-qua-cong-tac-mat-tran-9-thang-dau-nam-2019/"
    )
    assert built.exists(normpath("ban-tin/2020-10/" + href) + "/")


def test_edited_issue_keeps_the_editors_choice_and_order(built: TinySite) -> None:
    page = built.html("ban-tin/2020-12/")
    assert article_titles(page) == [
        "Tổng kết công tác Mặt trận năm 2020",
        "Hiệu quả công tác dân vận 9 tháng năm 2020",  # from October, chosen by the editor
        "Lịch tiếp công dân quý IV",  # a notice stays in the notices section
    ]
    assert '<p class="bt-bulletin__headline">Một năm vượt khó</p>' in page
    editorial = between(page, 'id="loi-ngo"', "</section>")
    assert "<strong>lời ngỏ</strong>" in editorial
    assert "<script>" not in editorial and "alert(1)" not in re.sub(r"&lt;.*?&gt;", "", editorial)
    assert text_of(between(page, '<nav class="bt-bulletin__toc"', "</nav>")).startswith(
        "Trong số này Lời ngỏ Số liệu trong kỳ Tổng kết công tác Mặt trận năm 2020"
    )


def test_key_figures_read_like_the_indicator_boxes(built: TinySite) -> None:
    page = built.html("ban-tin/2020-12/")
    figures = figure_texts(between(page, 'id="so-lieu"', "</section>"))
    assert figures == [
        "Quỹ “Vì người nghèo” 101.500.000 đồng (101,5 triệu đồng) đạt 101,5% kế hoạch 101,5% "
        "Kế hoạch: 100.000.000 đồng ▲ 8.405.000 (tăng 9%)tăng 8.405.000 đồng (9%) so với kỳ trước "
        "Kỳ trước: 93.095.000 đồng",
        "Hộ nghèo được giúp đỡ 11/14 hộ đạt 78,57% 78,57%",
    ]
    october = built.html("ban-tin/2019-10/")
    assert figure_texts(between(october, 'id="so-lieu"', "</section>")) == [
        "Quỹ “Vì người nghèo” 93.095.000 đồng (93,1 triệu đồng) đạt 88,37% kế hoạch 88,37% "
        "Kế hoạch: 105.350.000 đồng"
    ]
    # the same indicator box as in the article itself
    article = built.html("2019/10/01/ket-qua-cong-tac-mat-tran-9-thang-dau-nam-2019/")
    assert figure_texts(between(article, 'class="bt-indicators"', "</section>")) == figure_texts(
        between(october, 'id="so-lieu"', "</section>")
    )
    link = re.search(
        r'<p class="bt-indicator__label"><a href="([^"]+)"',
        between(october, 'id="so-lieu"', "</section>"),
    )[1]
    assert built.exists(normpath("ban-tin/2019-10/" + link) + "/")


def test_articles_tabs_and_sharing_link_to_the_issue(built: TinySite) -> None:
    article = built.html("2020/10/13/hieu-qua-cong-tac-dan-van-9-thang-nam-2020/")
    box = text_of(between(article, 'class="bt-in-bulletin"', "</p>"))
    assert box == (
        "Bài viết có trong Bản tin phường Thử, số 12 – tháng 12/2020, "
        "Bản tin phường Thử, số 10 – tháng 10/2020"
    )
    assert 'href="../../../../ban-tin/2020-10/"' in article
    home = built.html("")
    assert re.search(r'<a href="ban-tin/" class="md-tabs__link[^"]*">\s*Bản tin\s*</a>', home)
    page = built.html("ban-tin/2020-12/")
    assert '<meta property="og:title" content="Bản tin phường Thử, số 12 – tháng 12/2020">' in page
    assert '<meta property="og:description" content="Một năm vượt khó">' in page
    assert '<meta property="og:url" content="https://thu.example.vn/ban-tin/2020-12/">' in page


def test_digest_issue_gives_leads_and_links(tmp_path: Path) -> None:
    site = make_site(
        tmp_path / "ward", digest=True, period="quarter", numbering="running", start="2019-q4"
    )
    run = site.build()
    assert run.ok, run.output
    page = site.html("ban-tin/2020-q4/")
    assert text_of(between(page, '<h1 id="bt-title"', "</h1>")) == (
        "Bản tin phường Thử, số 5 – quý 4/2020"
    )
    article = between(page, 'id="bai-4"', "</article>")  # Hiệu quả công tác dân vận ...
    assert "Giữa năm dịch bệnh" in article and "Đoạn thứ hai của bài." not in article
    assert re.search(r'<a href="../../2020/10/13/[^"]+/">Đọc toàn bài: Hiệu quả', article)
    assert site.exists("ban-tin/2019-q4/") and not site.exists("ban-tin/2020-10/")


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"2020-12.md": "---\nposts:\n  - 2020/tong-ket.md\n  - 2020/khong-co.md\n---\n"},
            "bulletins/2020-12.md:4: lỗi trường 'posts': không có bài nào là “2020/khong-co.md”.",
        ),
        (
            {"2021-05.md": "---\ntitle: Tháng năm\n---\nLời ngỏ.\n"},
            "bulletins/2021-05.md: lỗi trường 'posts': kỳ tháng 5/2021 không có bài nào được đăng",
        ),
        (
            {"2020-12.md": "---\nnumber: 10\n---\n"},
            "bulletins/2020-12.md:2: lỗi trường 'number': số 10 đã dùng cho bản tin tháng 10/2020",
        ),
        (
            {"thang-10.md": "---\ntitle: Sai tên\n---\n"},
            "bulletins/thang-10.md: lỗi: tên tệp không cho biết kỳ của bản tin",
        ),
        (
            {"2020-10.md": "---\ntieu_de: Sai trường\n---\n"},
            "bulletins/2020-10.md:2: lỗi trường 'tieu_de': tệp bản tin không có trường 'tieu_de'.",
        ),
    ],
    ids=["missing-post", "empty-period", "number-twice", "bad-name", "unknown-field"],
)
def test_bad_issue_files_stop_the_build_with_vietnamese_errors(
    tmp_path: Path, files: dict[str, str], expected: str
) -> None:
    site = make_site(tmp_path / "ward")
    (site.root / "bulletins").mkdir()
    for name, text in files.items():
        (site.root / "bulletins" / name).write_text(text, encoding="utf-8")
    run = site.build()
    assert not run.ok
    assert expected in run.output
    assert "Traceback" not in run.output
    assert not site.site.exists()


def test_bulletins_are_off_unless_enabled(tmp_path: Path) -> None:
    site = TinySite(tmp_path / "ward")
    site.post("a.md", {"title": "Một bài", "date": "2020-10-05", "category": "Thông báo"})
    run = site.build()
    assert run.ok, run.output
    assert not site.exists("ban-tin/")
    assert "Bản tin" not in site.html("")


def test_readme_examples_build(tmp_path: Path) -> None:
    """The README's bulletin settings and issue file, used as written on a copy of the demo's posts."""
    import shutil

    import yaml

    from tests.sitekit import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = between(readme, "## Bản tin (số định kỳ)", "\n## ")
    config = yaml.safe_load(between(section, "```yaml\n", "```"))["bulletins"]
    issue_file = between(section, "```text\n", "```")
    assert config["enabled"] is True
    site = TinySite(tmp_path / "ward", bulletins={**config, "pdf": False})
    shutil.copytree(REPO / "posts" / "2026", site.root / "posts" / "2026")
    (site.root / "bulletins").mkdir()
    (site.root / "bulletins" / "2026-11.md").write_text(issue_file, encoding="utf-8")
    run = site.build()
    assert run.ok, run.output
    page = site.html("ban-tin/2026-11/")
    assert article_titles(page) == [
        "Ra quân cao điểm phòng cháy, chữa cháy mùa hanh khô 2026",
        "Lịch tiếp công dân của lãnh đạo phường quý IV năm 2026",
    ]
    assert "Mùa hanh khô, mỗi nhà một bình chữa cháy" in page
    assert "<strong>lịch tiếp công dân quý IV</strong>" in page


def test_bantin_check_reports_issue_files(tmp_path: Path) -> None:
    site = make_site(tmp_path / "ward")
    (site.root / "bulletins").mkdir()
    (site.root / "bulletins" / "2020-12.md").write_text(
        "---\nposts:\n  - 2020/tong-ket.md\n  - 2020/tong-ket-nam.md\n---\n", encoding="utf-8"
    )
    run = site.bantin_cli("check")
    assert run.returncode == 1
    assert (
        "bulletins/2020-12.md:4: lỗi trường 'posts': không có bài nào là “2020/tong-ket-nam.md”."
        in run.output
    )
    assert "Có phải là “2020/tong-ket.md”?" in run.output
