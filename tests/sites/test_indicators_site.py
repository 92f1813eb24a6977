"""Indicators (chỉ số) in built sites: boxes, markers, checks, the "Chỉ số" pages, the home block.

Tiny ward sites are built with ``mkdocs build`` in a subprocess (``tests/sitekit.py``)
and the HTML they produce is read back as a tree: the exact Vietnamese strings a
reader sees, where the box sits, what the chart draws, and that nothing a
writer types in a label or unit becomes markup.
"""

from __future__ import annotations

from decimal import Decimal
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from posixpath import normpath
from urllib.parse import urljoin
from xml.etree.ElementTree import Element

import pytest

from tests.sitekit import TinySite

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class _Tree(HTMLParser):
    """A forgiving HTML reader that builds an ElementTree (tags and attributes as given)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        parent = self.stack[-1]
        if len(parent):
            last = parent[-1]
            last.tail = (last.tail or "") + data
        else:
            parent.text = (parent.text or "") + data


def tree(html: str) -> Element:
    reader = _Tree()
    reader.feed(html)
    reader.close()
    return reader.root


def classes(element: Element) -> list[str]:
    return element.get("class", "").split()


def find_all(root: Element, tag: str = "*", cls: str | None = None) -> list[Element]:
    return [e for e in root.iter(tag) if cls is None or cls in classes(e)]


def find(root: Element, tag: str = "*", cls: str | None = None) -> Element:
    found = find_all(root, tag, cls)
    assert found, f"no <{tag} class={cls!r}>"
    return found[0]


def text(element: Element) -> str:
    """Visible text with whitespace collapsed (as a reader sees it)."""
    return " ".join("".join(element.itertext()).split())


def resolve(page_url: str, href: str) -> str:
    """A relative link on ``page_url`` as a site path (``chi-so/quy/``)."""
    target = urljoin("https://x.vn/" + page_url, href).removeprefix("https://x.vn/")
    return normpath(target) + "/" if target.endswith("/") else target


# ── The ward: every kind of indicator, every placement ─────────────────────

MTTQ_2019 = "2019/10/01/ket-qua-cong-tac-mat-tran-9-thang-dau-nam-2019/"
MTTQ_2020 = "2020/12/28/tong-ket-cong-tac-mat-tran-nam-2020/"
FUND_2021 = "2021/12/30/quy-vi-nguoi-ngheo-nam-2021-vuot-ke-hoach/"
MODELS_2022 = "2022/08/12/nhan-rong-mo-hinh-dan-van-kheo/"
VACCINE_2023 = "2023/08/15/lich-tiem-vac-xin-dot-3/"

POSTS: dict[str, tuple[str, str]] = {
    "2019/mat-tran.md": (
        """
title: Kết quả công tác Mặt trận 9 tháng đầu năm 2019
date: 01/10/2019 11:19
category: Mặt trận - Đoàn thể
unit: Ủy ban MTTQ phường
summary: Ủy ban MTTQ phường vận động Quỹ và giúp đỡ hộ nghèo.
indicators:
  - label: Quỹ “Vì người nghèo”
    id: quy-vi-nguoi-ngheo
    value: "93.095.000"
    unit: đồng
    target: "105.350.000"
    percent: "88,37"
  - label: Hộ nghèo được giúp đỡ
    value: 12
    of: 17
    unit: hộ
""",
        "Đoạn mở đầu của bài viết.\n\n"
        "Tổng số tiền vận động được là [[chỉ số: quy-vi-nguoi-ngheo]]. Đã có "
        "[[chỉ số: Hộ nghèo được giúp đỡ]] được giúp đỡ.",
    ),
    "2020/mat-tran.md": (
        """
title: Tổng kết công tác Mặt trận năm 2020
date: 28/12/2020
category: Mặt trận - Đoàn thể
unit: Ủy ban MTTQ phường
indicators:
  - label: Quỹ “Vì người nghèo”
    id: quy-vi-nguoi-ngheo
    value: 101500000
    unit: đồng
    target: 100000000
  - label: Người qua đời được hỏa táng
    id: ty-le-hoa-tang
    value: 20
    of: 22
    unit: trường hợp
    percent: "90,9"
""",
        "Đoạn đầu của bài tổng kết.\n\n[[chỉ số]]\n\nĐoạn sau khung chỉ số, có "
        "[[chỉ số: ty-le-hoa-tang]] được hỏa táng.",
    ),
    "2021/quy.md": (
        """
title: Quỹ “Vì người nghèo” năm 2021 vượt kế hoạch
date: 30/12/2021 16:00
category: Mặt trận - Đoàn thể
unit: Ủy ban MTTQ phường
summary: Quỹ vượt kế hoạch năm.
indicators:
  - label: Quỹ “Vì người nghèo”
    id: quy-vi-nguoi-ngheo
    value: "128.800.000"
    unit: đồng
    target: 110000000
    previous: "101.500.000"
  - label: Người qua đời được hỏa táng
    id: ty-le-hoa-tang
    value: 49
    of: 51
    unit: trường hợp
  - label: Hồ sơ giải quyết đúng hạn
    value: "2.418"
    unit: hồ sơ
    percent: "99,47"
""",
        "Năm 2021, Quỹ nhận được [[chỉ số: quy-vi-nguoi-ngheo]]. Trong số người qua đời, "
        "[[chỉ số: ty-le-hoa-tang]] được hỏa táng.",
    ),
    "2022/mo-hinh.md": (
        """
title: Nhân rộng mô hình “Dân vận khéo”
date: 12/08/2022
category: Bài viết chuyên sâu
unit: Ban Dân vận Quận ủy
indicators:
  - label: Mô hình “Dân vận khéo” được công nhận
    id: mo-hinh-dan-van-kheo
    value: 199
    previous: 176
    unit: mô hình
    parts:
      - label: Cấp thành phố
        value: 2
      - label: Cấp quận
        value: 52
      - label: Cấp cơ sở
        value: 145
  - label: Hộ nghèo còn lại
    value: 8
    previous: 10
    unit: hộ
  - label: Rác thải thu gom
    value: "1.234,5"
    unit: kg
""",
        "Toàn quận có [[chỉ số: mo-hinh-dan-van-kheo]] được công nhận.",
    ),
    "2023/tiem.md": (
        """
title: Lịch tiêm vắc xin đợt 3
date: 15/08/2023 08:00
category: Thông báo
indicators:
  - label: Người đã tiêm vắc xin
    value: "9.876"
    of: "13.120"
    unit: người
""",
        "[[ẩn chỉ số]]\n\nĐến nay đã có [[chỉ số: nguoi-da-tiem-vac-xin]] được tiêm.",
    ),
}

# Every id, and the series each follows: (article, date shown, figure the chart plots, value).
SERIES: dict[str, list[tuple[str, str, str, Decimal]]] = {
    "quy-vi-nguoi-ngheo": [
        (MTTQ_2019, "01/10/2019", "93.095.000 đồng", Decimal(93095000)),
        (MTTQ_2020, "28/12/2020", "101.500.000 đồng", Decimal(101500000)),
        (FUND_2021, "30/12/2021", "128.800.000 đồng", Decimal(128800000)),
    ],
    "ty-le-hoa-tang": [  # ratios are charted as percent
        (MTTQ_2020, "28/12/2020", "90,9% (20/22 trường hợp)", Decimal("90.9")),
        (FUND_2021, "30/12/2021", "96,08% (49/51 trường hợp)", Decimal("96.08")),
    ],
    "ho-ngheo-duoc-giup-do": [(MTTQ_2019, "01/10/2019", "70,59% (12/17 hộ)", Decimal("70.59"))],
    "ho-so-giai-quyet-dung-han": [(FUND_2021, "30/12/2021", "2.418 hồ sơ", Decimal(2418))],
    "mo-hinh-dan-van-kheo": [(MODELS_2022, "12/08/2022", "199 mô hình", Decimal(199))],
    "ho-ngheo-con-lai": [(MODELS_2022, "12/08/2022", "8 hộ", Decimal(8))],
    "rac-thai-thu-gom": [(MODELS_2022, "12/08/2022", "1.234,5 kg", Decimal("1234.5"))],
    "nguoi-da-tiem-vac-xin": [
        (VACCINE_2023, "15/08/2023", "75,27% (9.876/13.120 người)", Decimal("75.27"))
    ],
}

# What each report's box summarises (and what [[chỉ số: id]] prints in the prose).
SUMMARIES = {
    (MTTQ_2019, "quy-vi-nguoi-ngheo"): "93.095.000 đồng (đạt 88,37% kế hoạch)",
    (MTTQ_2019, "ho-ngheo-duoc-giup-do"): "12/17 hộ (70,59%)",
    (MTTQ_2020, "quy-vi-nguoi-ngheo"): "101.500.000 đồng (đạt 101,5% kế hoạch)",
    (MTTQ_2020, "ty-le-hoa-tang"): "20/22 trường hợp (90,9%)",
    (FUND_2021, "quy-vi-nguoi-ngheo"): "128.800.000 đồng (đạt 117,09% kế hoạch)",
    (FUND_2021, "ty-le-hoa-tang"): "49/51 trường hợp (96,08%)",
    (FUND_2021, "ho-so-giai-quyet-dung-han"): "2.418 hồ sơ (đạt 99,47%)",
    (MODELS_2022, "mo-hinh-dan-van-kheo"): "199 mô hình",
    (MODELS_2022, "ho-ngheo-con-lai"): "8 hộ",
    (MODELS_2022, "rac-thai-thu-gom"): "1.234,5 kg",
    (VACCINE_2023, "nguoi-da-tiem-vac-xin"): "9.876/13.120 người (75,27%)",
}


@pytest.fixture(scope="module")
def ward(tmp_path_factory: pytest.TempPathFactory) -> TinySite:
    site = TinySite(tmp_path_factory.mktemp("indicators") / "ward")
    for name, (front, body) in POSTS.items():
        site.post(name, front, body=body)
    run = site.build()
    assert run.ok, run.output
    assert "WARNING" not in run.output, run.output
    return site


def box_items(html: str) -> dict[str, Element]:
    """The article box's cards by indicator id (read from the link to the indicator page)."""
    section = find(tree(html), "section", "bt-indicators")
    items = {}
    for item in find_all(section, "li", "bt-indicator"):
        href = find(item, "p", "bt-indicator__label").find("a").get("href")
        items[href.rstrip("/").rsplit("/", 1)[-1]] = item
    return items


def part(item: Element, cls: str) -> str:
    return text(find(item, "*", cls))


# ── The box: exact strings for every kind ─────────────────────────────────


def test_amount_against_target_with_compact_figure(ward: TinySite) -> None:
    fund = box_items(ward.html(MTTQ_2019))["quy-vi-nguoi-ngheo"]
    assert part(fund, "bt-indicator__label") == "Quỹ “Vì người nghèo”"
    assert part(fund, "bt-indicator__figure") == "93.095.000 đồng (93,1 triệu đồng)"
    assert part(fund, "bt-indicator__compact") == "(93,1 triệu đồng)"
    assert part(fund, "bt-indicator__percent") == "đạt 88,37% kế hoạch"
    assert part(fund, "bt-indicator__note") == "Kế hoạch: 105.350.000 đồng"
    bar = find(fund, "meter")
    assert (bar.get("min"), bar.get("max"), bar.get("value")) == ("0", "100", "88.37")
    assert bar.get("aria-label") == "Đạt 88,37% kế hoạch"
    assert "bt-indicator__bar--over" not in classes(bar)
    assert classes(fund) == ["bt-indicator", "bt-indicator--amount", "bt-indicator--target"]


def test_over_a_hundred_percent_is_shown_as_such(ward: TinySite) -> None:
    fund = box_items(ward.html(FUND_2021))["quy-vi-nguoi-ngheo"]
    assert part(fund, "bt-indicator__figure") == "128.800.000 đồng (128,8 triệu đồng)"
    assert part(fund, "bt-indicator__percent") == "đạt 117,09% kế hoạch"
    bar = find(fund, "meter")
    assert bar.get("value") == "100"  # the bar is full; the words say by how much
    assert "bt-indicator__bar--over" in classes(bar)
    assert text(bar) == "117,09%"


def test_ratio_with_computed_percent(ward: TinySite) -> None:
    items = box_items(ward.html(FUND_2021))
    cremation = items["ty-le-hoa-tang"]
    assert part(cremation, "bt-indicator__figure") == "49/51 trường hợp"
    assert part(cremation, "bt-indicator__percent") == "đạt 96,08%"
    bar = find(cremation, "meter")
    assert bar.get("value") == "96.08"
    assert bar.get("aria-label") == "49/51 trường hợp, đạt 96,08%"
    assert "bt-indicator--ratio" in classes(cremation)
    stated = box_items(ward.html(MTTQ_2020))["ty-le-hoa-tang"]
    assert part(stated, "bt-indicator__figure") == "20/22 trường hợp"
    assert part(stated, "bt-indicator__percent") == "đạt 90,9%"  # as the article states it


def test_stated_percent_without_a_base(ward: TinySite) -> None:
    files = box_items(ward.html(FUND_2021))["ho-so-giai-quyet-dung-han"]
    assert part(files, "bt-indicator__figure") == "2.418 hồ sơ"
    assert part(files, "bt-indicator__percent") == "đạt 99,47%"
    assert find(files, "meter").get("value") == "99.47"
    assert not find_all(files, "*", "bt-indicator__compact")  # under a million: no compact form


def test_parts_table_rows_and_total(ward: TinySite) -> None:
    models = box_items(ward.html(MODELS_2022))["mo-hinh-dan-van-kheo"]
    table = find(models, "table", "bt-indicator__parts")
    assert (
        text(table.find("caption")) == "Chia theo thành phần: Mô hình “Dân vận khéo” được công nhận"
    )
    assert [text(th) for th in table.find("thead").iter("th")] == [
        "Thành phần",
        "Số lượng",
        "Tỷ lệ",
    ]
    rows = [[text(cell) for cell in row] for row in table.find("tbody").iter("tr")]
    assert rows == [
        ["Cấp thành phố", "2 mô hình", "1,01%"],
        ["Cấp quận", "52 mô hình", "26,13%"],
        ["Cấp cơ sở", "145 mô hình", "72,86%"],
    ]
    bars = [m.get("value") for m in table.find("tbody").iter("meter")]
    assert bars == ["1.01", "26.13", "72.86"]
    assert all(m.get("aria-hidden") == "true" for m in table.iter("meter"))  # the % is read instead
    assert [text(cell) for cell in next(table.find("tfoot").iter("tr"))] == [
        "Tổng",
        "199 mô hình",
        "",
    ]
    assert [th.get("scope") for th in table.iter("th")] == [
        "col",
        "col",
        "col",
        "row",
        "row",
        "row",
        "row",
    ]


def test_change_up_and_down_in_words_not_only_colour(ward: TinySite) -> None:
    items = box_items(ward.html(MODELS_2022))
    up = find(items["mo-hinh-dan-van-kheo"], "p", "bt-indicator__change")
    assert "bt-indicator__change--up" in classes(up)
    delta = find(up, "span", "bt-indicator__delta")
    assert (text(delta), delta.get("aria-hidden")) == ("▲ 23 (tăng 13,1%)", "true")
    assert part(up, "bt-visually-hidden") == "tăng 23 mô hình (13,1%) so với kỳ trước"
    assert part(up, "bt-indicator__previous") == "Kỳ trước: 176 mô hình"
    down = find(items["ho-ngheo-con-lai"], "p", "bt-indicator__change")
    assert "bt-indicator__change--down" in classes(down)
    assert part(down, "bt-indicator__delta") == "▼ 2 (giảm 20%)"
    assert part(down, "bt-visually-hidden") == "giảm 2 hộ (20%) so với kỳ trước"
    assert part(down, "bt-indicator__previous") == "Kỳ trước: 10 hộ"
    fund = find(box_items(ward.html(FUND_2021))["quy-vi-nguoi-ngheo"], "p", "bt-indicator__change")
    assert part(fund, "bt-indicator__delta") == "▲ 27.300.000 (tăng 26,9%)"
    assert part(fund, "bt-visually-hidden") == "tăng 27.300.000 đồng (26,9%) so với kỳ trước"


def test_decimal_figure_keeps_its_decimals(ward: TinySite) -> None:
    waste = box_items(ward.html(MODELS_2022))["rac-thai-thu-gom"]
    assert part(waste, "bt-indicator__figure") == "1.234,5 kg"
    assert not find_all(waste, "meter")


# ── Where the box goes ─────────────────────────────────────────────────────


def _positions(html: str) -> tuple[int, int, int]:
    return (
        html.find('class="bt-lead"'),
        html.find('class="bt-indicators"'),
        html.find('class="bt-body"'),
    )


def test_box_goes_after_the_lead_by_default(ward: TinySite) -> None:
    html = ward.html(MTTQ_2019)
    lead, box, body = _positions(html)
    assert 0 < lead < box < body
    assert html.count('class="bt-indicators"') == 1


def test_marker_places_the_box_inside_the_body(ward: TinySite) -> None:
    html = ward.html(MTTQ_2020)
    assert html.count('class="bt-indicators"') == 1
    body = find(tree(html), "div", "bt-body")
    children = [(child.tag, classes(child)) for child in body]
    assert children[:3] == [("p", []), ("section", ["bt-indicators"]), ("p", [])]
    assert text(body[0]) == "Đoạn đầu của bài tổng kết."
    assert text(body[2]).startswith("Đoạn sau khung chỉ số")
    assert "[[" not in html


def test_hidden_box_leaves_no_box_but_keeps_the_figures(ward: TinySite) -> None:
    html = ward.html(VACCINE_2023)
    assert "bt-indicators" not in html
    assert "ẩn chỉ số" not in html and "[[" not in html
    figure = find(tree(html), "span", "bt-figure")
    assert text(figure) == "9.876/13.120 người (75,27%)"
    page = ward.html("chi-so/nguoi-da-tiem-vac-xin/")
    assert "Lịch tiêm vắc xin đợt 3" in page


def test_inline_figures_say_what_the_box_says(ward: TinySite) -> None:
    """Every [[chỉ số: id]] prints the box's summary: figure and percent exactly as the box shows them."""
    seen = 0
    for article in (MTTQ_2019, MTTQ_2020, FUND_2021, MODELS_2022):
        html = ward.html(article)
        items = box_items(html)
        for span in find_all(find(tree(html), "div", "bt-body"), "span", "bt-figure"):
            ident = span.get("data-indicator")
            inline = text(span)
            assert inline == SUMMARIES[(article, ident)]
            item = items[ident]
            figure = text(find(item, "p", "bt-indicator__figure"))
            assert inline.startswith(figure.split(" (")[0])
            shown = find_all(item, "p", "bt-indicator__percent")
            if shown:  # the same percent as the box: "đạt 88,37% kế hoạch" or the ratio's "96,08%"
                percent = text(shown[0])
                assert percent.removeprefix("đạt ") in inline
            seen += 1
    assert seen == 6


def test_index_shows_each_indicators_latest_summary(ward: TinySite) -> None:
    index = tree(ward.html("chi-so/"))
    latest = {
        resolve("chi-so/", find(item, "a", "bt-figure-list__label").get("href")): text(
            find(item, "span", "bt-figure-list__figure")
        )
        for item in find_all(index, "li", "bt-figure-list__item")
    }
    expected = {
        f"chi-so/{ident}/": SUMMARIES[(points[-1][0], ident)] for ident, points in SERIES.items()
    }
    assert latest == expected


# ── Checks: warnings fail --strict and `bantin check`, not a plain build ──

HEAD = "title: Bài có chỉ số\ndate: 2021-12-05 08:00\ncategory: Tin tức - Sự kiện\nindicators:\n"


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


WARNINGS = {
    "percent 96,07 of 49/51": (
        "  - label: Người qua đời được hỏa táng\n    id: ty-le-hoa-tang\n    value: 49\n    of: 51\n"
        '    unit: trường hợp\n    percent: "96,07"\n',
        'percent: "96,07"',
        "chỉ số “Người qua đời được hỏa táng” (id: ty-le-hoa-tang): tỷ lệ ghi trong bài là 96,07% "
        "nhưng 49/51 = 96,08%. Sửa 'percent' thành \"96,08\", hoặc kiểm tra lại 'value' và 'of'.",
    ),
    "parts not adding up": (
        "  - label: Mô hình “Dân vận khéo”\n    value: 199\n    unit: mô hình\n    parts:\n"
        "      - label: Cấp quận\n        value: 52\n      - label: Cấp cơ sở\n        value: 146\n",
        "- label: Cấp quận",  # the line where the list of parts starts
        "chỉ số “Mô hình “Dân vận khéo”” (id: mo-hinh-dan-van-kheo): các phần trong 'parts' cộng "
        "lại được 198 mô hình, khác với 'value' là 199 mô hình. Sửa số của các phần hoặc 'value' "
        "cho khớp.",
    ),
    "value above of": (
        "  - label: Hộ nghèo được giúp đỡ\n    value: 18\n    of: 17\n    unit: hộ\n",
        "of: 17",
        "chỉ số “Hộ nghèo được giúp đỡ” (id: ho-ngheo-duoc-giup-do): 'value' (18) lớn hơn 'of' "
        "(17): phần không thể lớn hơn tổng số. Kiểm tra lại hai số; nếu đây là kế hoạch (chỉ tiêu) "
        "có thể vượt, dùng 'target' thay cho 'of'.",
    ),
}


@pytest.mark.parametrize("case", list(WARNINGS), ids=list(WARNINGS))
def test_checks_warn_fail_strict_and_check_but_not_a_plain_build(tiny: TinySite, case: str) -> None:
    items, needle, message = WARNINGS[case]
    path = tiny.post("a.md", HEAD + items)
    expected = f"posts/a.md:{_line_of(path, needle)}: cảnh báo trường 'indicators': {message}"
    strict = tiny.build()
    assert not strict.ok
    assert expected in strict.output
    assert not tiny.exists("2021/12/05/bai-co-chi-so/")  # a strict failure publishes nothing
    check = tiny.bantin_cli("check")
    assert check.returncode == 1
    assert expected in check.output
    assert "0 lỗi, 1 cảnh báo" in check.output
    plain = tiny.build(strict=False)
    assert plain.ok, plain.output
    assert expected in plain.output
    assert tiny.exists("2021/12/05/bai-co-chi-so/")


def test_stated_percent_within_its_rounding_is_not_flagged(tiny: TinySite) -> None:
    tiny.post(
        "a.md",
        HEAD
        + "  - label: Người qua đời được hỏa táng\n    value: 20\n    of: 22\n    unit: người\n"
        '    percent: "90,9"\n  - label: Quỹ\n    value: 49\n    of: 51\n    percent: 96\n',
    )
    strict = tiny.build()
    assert strict.ok, strict.output
    assert "cảnh báo" not in strict.output
    check = tiny.bantin_cli("check")
    assert check.returncode == 0, check.output
    assert "cảnh báo" not in check.output
    items = box_items(tiny.html("2021/12/05/bai-co-chi-so/"))
    assert part(items["nguoi-qua-doi-duoc-hoa-tang"], "bt-indicator__percent") == "đạt 90,9%"
    assert part(items["quy"], "bt-indicator__percent") == "đạt 96%"


ERRORS = {
    "non-numeric value": (
        "  - label: Hộ nghèo\n    value: nhiều\n    unit: hộ\n",
        "value: nhiều",
        "chỉ số “Hộ nghèo” (id: ho-ngheo): 'value' không đọc được: “nhiều” không phải là số: chỉ "
        "viết chữ số, dấu chấm tách hàng nghìn và dấu phẩy trước phần thập phân, không kèm chữ hay "
        'đơn vị (đơn vị viết ở \'unit\'). Ví dụ: "93.095.000", "88,37".',
    ),
    "missing label": (
        "  - label: Quỹ\n    value: 5\n  - value: 12\n    unit: hộ\n",
        "- value: 12",
        "chỉ số thứ 2: thiếu 'label' (tên chỉ số, điều được đếm). Thêm dòng 'label: ...', ví dụ: "
        "label: Hộ nghèo được giúp đỡ.",
    ),
    "ambiguous 93.095": (
        "  - label: Quỹ “Vì người nghèo”\n    value: 93.095\n    unit: đồng\n",
        "value: 93.095",
        "chỉ số “Quỹ “Vì người nghèo”” (id: quy-vi-nguoi-ngheo): 'value' không đọc được: số 93.095 "
        "viết không có dấu ngoặc kép nên không rõ nghĩa: là 93.095 (dấu chấm tách hàng nghìn) hay "
        '93,095 (số thập phân)? Nếu là số hàng nghìn, viết 93095 hoặc "93.095" (trong dấu ngoặc '
        'kép); nếu là số thập phân, viết "93,095" (dấu phẩy trước phần thập phân, trong dấu ngoặc kép).',
    ),
}


@pytest.mark.parametrize("case", list(ERRORS), ids=list(ERRORS))
def test_errors_stop_every_build(tiny: TinySite, case: str) -> None:
    items, needle, message = ERRORS[case]
    path = tiny.post("a.md", HEAD + items)
    expected = f"posts/a.md:{_line_of(path, needle)}: lỗi trường 'indicators': {message}"
    for run in (tiny.build(), tiny.build(strict=False), tiny.bantin_cli("check")):
        assert not run.ok
        assert expected in run.output, run.output
    assert not tiny.exists("")


def test_unknown_inline_id_is_an_error_with_file_line_and_column(tiny: TinySite) -> None:
    path = tiny.post(
        "a.md",
        HEAD + '  - label: Quỹ “Vì người nghèo”\n    value: "93.095.000"\n    unit: đồng\n',
        body="Đoạn đầu.\n\nQuỹ nhận được [[chỉ số: quy-vi-ngheo]] trong năm.",
    )
    line = _line_of(path, "[[chỉ số: quy-vi-ngheo]]")
    column = path.read_text(encoding="utf-8").splitlines()[line - 1].index("[[") + 1
    expected = (
        f"posts/a.md:{line}:{column}: lỗi trường 'nội dung': “[[chỉ số: quy-vi-ngheo]]”: bài không có "
        "chỉ số có id “quy-vi-ngheo”. Có phải là “[[chỉ số: quy-vi-nguoi-ngheo]]”? Các id trong bài: "
        "quy-vi-nguoi-ngheo."
    )
    for run in (tiny.build(), tiny.build(strict=False), tiny.bantin_cli("check")):
        assert not run.ok
        assert expected in run.output, run.output


# ── Indicator pages: chart points and table rows are the posts' figures ─────


def test_index_lists_every_indicator(ward: TinySite) -> None:
    index = tree(ward.html("chi-so/"))
    links = [
        resolve("chi-so/", a.get("href")) for a in find_all(index, "a", "bt-figure-list__label")
    ]
    assert sorted(links) == sorted(f"chi-so/{ident}/" for ident in SERIES)
    assert all(ward.exists(link) for link in links)
    nav = ward.html("")
    assert 'href="chi-so/"' in nav  # the section is in the site's navigation


def _chart(page: Element, suffix: str, ident: str) -> Element:
    svg = next(e for e in page.iter("svg") if e.get("id") == f"bt-chart-{ident}{suffix}")
    assert svg.get("role") == "img"
    assert (
        svg.get("aria-labelledby")
        == f"bt-chart-{ident}{suffix}-title bt-chart-{ident}{suffix}-desc"
    )
    return svg


@pytest.mark.parametrize("ident", ["quy-vi-nguoi-ngheo", "ty-le-hoa-tang"])
@pytest.mark.parametrize("suffix", ["", "-narrow"], ids=["wide", "narrow"])
def test_chart_points_match_the_posts(ward: TinySite, ident: str, suffix: str) -> None:
    page = tree(ward.html(f"chi-so/{ident}/"))
    svg = _chart(page, suffix, ident)
    assert "bt-chart__svg--" + ("narrow" if suffix else "wide") in classes(svg)
    circles = list(svg.iter("circle"))
    expected = SERIES[ident]
    titles = [text(c.find("title")) for c in circles]
    assert titles == [f"{date}: {figure}" for _, date, figure, _ in expected]
    xs = [Decimal(c.get("cx")) for c in circles]
    ys = [Decimal(c.get("cy")) for c in circles]
    assert all(a < b for a, b in pairwise(xs)), "points in date order, left to right"
    values = [value for *_, value in expected]
    # higher figure, higher on the chart (smaller y); equal figures, equal height
    for (v1, y1), (v2, y2) in pairwise(sorted(zip(values, ys, strict=True))):
        assert (v1 < v2 and y1 > y2) or (v1 == v2 and y1 == y2)
    # and proportionally: y measured from the zero line is value times one scale
    baseline = Decimal(find(svg, "line", "bt-chart__baseline").get("y1"))
    scales = [(baseline - y) / value for value, y in zip(values, ys, strict=True)]
    assert max(scales) - min(scales) <= max(scales) * Decimal("0.0002")
    if len(circles) > 1:
        line = find(svg, "polyline", "bt-chart__line")
        assert line.get("points") == " ".join(f"{c.get('cx')},{c.get('cy')}" for c in circles)


def test_table_rows_match_the_posts_in_date_order(ward: TinySite) -> None:
    url = "chi-so/quy-vi-nguoi-ngheo/"
    page = tree(ward.html(url))
    wrap = find(page, "div", "bt-table-wrap")
    assert (wrap.get("role"), wrap.get("tabindex")) == ("region", "0")
    table = find(wrap, "table", "bt-indicator-table")
    assert text(table.find("caption")) == "Quỹ “Vì người nghèo” qua các lần báo cáo"
    rows = list(table.find("tbody").iter("tr"))
    assert [text(row[0]) for row in rows] == [
        date for _, date, _, _ in SERIES["quy-vi-nguoi-ngheo"]
    ]
    assert [row[0].find("time").get("datetime")[:10] for row in rows] == [
        "2019-10-01",
        "2020-12-28",
        "2021-12-30",
    ]
    assert [text(row[1]) for row in rows] == [
        SUMMARIES[(article, "quy-vi-nguoi-ngheo")] for article, *_ in SERIES["quy-vi-nguoi-ngheo"]
    ]
    assert [text(find(row[2], "span")) if len(row[2]) else text(row[2]) for row in rows] == [
        "–",
        "▲ 8.405.000 (tăng 9%)",
        "▲ 27.300.000 (tăng 26,9%)",
    ]
    assert (
        part(rows[1][2], "bt-visually-hidden")
        == "tăng 8.405.000 đồng (9%) so với lần báo cáo trước"
    )
    assert [text(row[3]) for row in rows] == ["Ủy ban MTTQ phường"] * 3
    links = [resolve(url, row[4].find("a").get("href")) for row in rows]
    assert links == [article for article, *_ in SERIES["quy-vi-nguoi-ngheo"]]
    latest = text(find(page, "p", "bt-indicator-page__latest"))
    assert latest == "Gần nhất: 128.800.000 đồng (đạt 117,09% kế hoạch) (30/12/2021)"


def test_article_box_links_to_the_indicator_page(ward: TinySite) -> None:
    for article in (MTTQ_2019, MODELS_2022):
        for ident, item in box_items(ward.html(article)).items():
            href = find(item, "p", "bt-indicator__label").find("a").get("href")
            assert resolve(article, href) == f"chi-so/{ident}/"
            assert ward.exists(f"chi-so/{ident}/")
            assert ident in SERIES


def test_home_shows_the_latest_headline_figures(ward: TinySite) -> None:
    home = tree(ward.html(""))
    block = find(home, "section", "bt-headline-figures")
    assert text(find(block, "h2")) == "Số liệu nổi bật"
    tiles = find_all(block, "li", "bt-headline-figure")
    shown = [
        (
            resolve("", tile.find("a").get("href")),
            part(tile, "bt-headline-figure__figure"),
            part(tile, "bt-headline-figure__label"),
            tile.find(".//time").get("datetime")[:10],
        )
        for tile in tiles
    ]
    assert len(shown) == 4  # home_figures_count's default
    # newest report first: the vaccination figure, then the three of 12/08/2022 (any order)
    assert shown[0] == (
        "chi-so/nguoi-da-tiem-vac-xin/",
        "9.876/13.120 người",
        "Người đã tiêm vắc xin",
        "2023-08-15",
    )
    assert sorted(shown[1:]) == [
        ("chi-so/ho-ngheo-con-lai/", "8 hộ", "Hộ nghèo còn lại", "2022-08-12"),
        (
            "chi-so/mo-hinh-dan-van-kheo/",
            "199 mô hình",
            "Mô hình “Dân vận khéo” được công nhận",
            "2022-08-12",
        ),
        ("chi-so/rac-thai-thu-gom/", "1.234,5 kg", "Rác thải thu gom", "2022-08-12"),
    ]
    vaccine = tiles[0]
    assert part(vaccine, "bt-headline-figure__percent") == "đạt 75,27%"


# ── Escaping: labels and units are text everywhere they are shown ──────────

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> TinySite:
    site = TinySite(tmp_path_factory.mktemp("hostile-indicators") / "ward")
    for day, value in ((3, "1.200"), (9, "1.500")):
        site.post(
            f"a{day}.md",
            {
                "title": f"Báo cáo ngày {day}",
                "date": f"2022-03-{day:02d} 08:00",
                "category": "Tin tức - Sự kiện",
                "indicators": [
                    {
                        "label": f"Quỹ {SCRIPT}",
                        "id": "quy",
                        "value": value,
                        "unit": IMG,
                        "target": "2.000",
                        "previous": "1.000",
                        "parts": [{"label": f"Phần {SCRIPT}", "value": value}],
                    },
                ],
            },
            # the later post places its box in the body, so the box is in the search index too
            body="Quỹ đạt [[chỉ số: quy]] trong kỳ."
            + ("\n\n[[chỉ số]]\n\nHết." if day == 9 else ""),
        )
    run = site.build()
    assert run.ok, run.output
    return site


class _Tags(HTMLParser):
    """Every tag a page really has, and the code of its scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_startendtag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def _no_injected_markup(html: str) -> None:
    reader = _Tags()
    reader.feed(html)
    for tag, attrs in reader.found:
        assert not (tag == "img" and attrs.get("src") == "x"), (tag, attrs)
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
    assert not any("alert(1)" in script for script in reader.scripts)
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html


@pytest.mark.parametrize(
    "url",
    ["2022/03/09/bao-cao-ngay-9/", "chi-so/", "chi-so/quy/", ""],
    ids=["article", "index", "page", "home"],
)
def test_labels_and_units_are_escaped(hostile: TinySite, url: str) -> None:
    html = hostile.html(url)
    _no_injected_markup(html)
    escaped_script = "Quỹ &lt;script&gt;alert(1)&lt;/script&gt;"
    assert escaped_script in html
    page = tree(html)
    # read back as text, the payload is exactly what was typed
    if url.startswith("2022"):
        item = box_items(html)["quy"]
        assert part(item, "bt-indicator__label") == f"Quỹ {SCRIPT}"
        assert part(item, "bt-indicator__figure") == f"1.500 {IMG}"
        assert part(item, "bt-indicator__note") == f"Kế hoạch: 2.000 {IMG}"
        rows = list(find(item, "table").find("tbody").iter("tr"))
        assert text(rows[0][0]) == f"Phần {SCRIPT}"
        assert part(item, "bt-indicator__previous") == f"Kỳ trước: 1.000 {IMG}"
        figure = find(find(page, "div", "bt-body"), "span", "bt-figure")
        assert text(figure) == f"1.500 {IMG} (đạt 75% kế hoạch)"
    elif url == "chi-so/quy/":
        for suffix in ("", "-narrow"):
            svg = _chart(page, suffix, "quy")
            assert text(svg.find("title")) == f"Quỹ {SCRIPT} qua các lần báo cáo"
            assert f"1.500 {IMG}" in text(svg.find("desc"))
            assert [text(c.find("title")) for c in svg.iter("circle")] == [
                f"03/03/2022: 1.200 {IMG}",
                f"09/03/2022: 1.500 {IMG}",
            ]
        assert text(find(page, "h1")) == f"Quỹ {SCRIPT}"
        assert text(find(page, "table").find("caption")) == f"Quỹ {SCRIPT} qua các lần báo cáo"
    elif url == "chi-so/":
        assert text(find(page, "a", "bt-figure-list__label")) == f"Quỹ {SCRIPT}"
        assert (
            text(find(page, "span", "bt-figure-list__figure")) == f"1.500 {IMG} (đạt 75% kế hoạch)"
        )
    else:
        tile = find(page, "li", "bt-headline-figure")
        assert part(tile, "bt-headline-figure__label") == f"Quỹ {SCRIPT}"
        assert part(tile, "bt-headline-figure__figure") == f"1.500 {IMG}"


def test_search_index_holds_the_payload_as_text(hostile: TinySite) -> None:
    """Pagefind indexes the page's text: the payloads are words in it, never markup."""
    article = hostile.search_pages()["/2022/03/09/bao-cao-ngay-9/"]
    text = article["content"]
    # the inline figure and the box (placed in the body) are indexed as text
    assert 'Quỹ đạt 1.500 "><img src=x onerror=alert(1)> (đạt 75% kế hoạch) trong kỳ.' in text
    assert "Quỹ <script>alert(1)</script>" in text
    assert 'Kế hoạch: 2.000 "><img src=x onerror=alert(1)>' in text
