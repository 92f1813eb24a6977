"""Chart geometry at build time, the accessible table rows, and the SVG template."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from decimal import Decimal as D
from itertools import pairwise
from pathlib import Path

import jinja2
import pytest
from bantin.core.dates import VIETNAM
from bantin.indicators.chart import (
    MAX_LEFT,
    MAX_X_LABELS,
    MIN_LABEL_GAP,
    Chart,
    build_chart,
    build_charts,
    nice_step,
    tick_text,
    y_range,
)
from bantin.indicators.measure import describe, measure, table_rows
from bantin.indicators.model import Indicator
from bantin.indicators.series import IndicatorSeries, SeriesPoint

REPO = Path(__file__).resolve().parents[3]
SVG = "{http://www.w3.org/2000/svg}"


def day(year: int, month: int, date: int) -> datetime:
    return datetime(year, month, date, 9, 0, tzinfo=VIETNAM)


def series_of(*reports: tuple[datetime, Indicator], ident: str = "chi-so") -> IndicatorSeries:
    points = tuple(
        SeriesPoint(
            when,
            ind.value,
            ind.unit,
            "Phường Phúc Lợi",
            f"{when:%Y/%m/%d}/bai-{i}/",
            f"Bài {i}",
            ind,
        )
        for i, (when, ind) in enumerate(reports)
    )
    return IndicatorSeries(ident, points)


def amount(value: int | str, unit: str = "đồng", **extra: object) -> Indicator:
    return Indicator("Quỹ “Vì người nghèo”", "quy", D(value), unit, **extra)  # type: ignore[arg-type]


FUND = series_of(
    (day(2019, 10, 1), amount(93095000)),
    (day(2020, 12, 28), amount(101500000)),
    (day(2021, 12, 30), amount(128800000)),
    (day(2025, 11, 20), amount(136250000)),
    ident="quy-vi-nguoi-ngheo",
)


def value_at(chart: Chart, y: str) -> D:
    """Read a value back from a y coordinate, using the axis ticks."""
    first, last = chart.y_ticks[0], chart.y_ticks[-1]
    span_px = D(first.y) - D(last.y)
    return first.value + (D(first.y) - D(y)) * (last.value - first.value) / span_px


def test_points_match_the_posts_figures() -> None:
    chart = build_chart(FUND)
    assert chart.measure == "value"
    assert [p.value for p in chart.points] == [
        "93.095.000 đồng",
        "101.500.000 đồng",
        "128.800.000 đồng",
        "136.250.000 đồng",
    ]
    assert [p.date for p in chart.points] == [
        "01/10/2019",
        "28/12/2020",
        "30/12/2021",
        "20/11/2025",
    ]
    assert chart.points[0].label == "01/10/2019: 93.095.000 đồng"
    for point, report in zip(chart.points, FUND.points, strict=True):
        # 150 million over 224 px: half a hundredth of a pixel is ~3.400 đồng
        assert abs(value_at(chart, point.y) - report.value) < 5000
    assert chart.polyline == " ".join(f"{p.x},{p.y}" for p in chart.points)


def test_axis_is_round_numbers_from_zero_in_vietnamese() -> None:
    chart = build_chart(FUND)
    assert [t.value for t in chart.y_ticks] == [D(0), D(50000000), D(100000000), D(150000000)]
    assert [t.text for t in chart.y_ticks] == ["0", "50 triệu", "100 triệu", "150 triệu"]
    assert chart.baseline == chart.y_ticks[0].y == chart.bottom
    assert chart.y_ticks[-1].y == chart.top


def test_x_is_proportional_to_time() -> None:
    chart = build_chart(FUND)
    xs = [D(p.x) for p in chart.points]
    assert xs[0] == D(chart.left) and xs[-1] == D(chart.right)
    assert xs == sorted(xs)
    times = [p.date.timestamp() for p in FUND.points]
    for x, t in zip(xs, times, strict=True):
        expected = D(chart.left) + (D(t) - D(times[0])) * (D(chart.right) - D(chart.left)) / (
            D(times[-1]) - D(times[0])
        )
        assert abs(x - expected) <= D("0.005")


def test_texts_for_screen_readers() -> None:
    chart = build_chart(FUND)
    assert chart.id == "bt-chart-quy-vi-nguoi-ngheo"
    assert chart.title == "Quỹ “Vì người nghèo” qua các lần báo cáo"
    assert chart.description == (
        "Biểu đồ đường có 4 lần báo cáo, từ 01/10/2019 đến 20/11/2025. Thấp nhất 93.095.000 đồng "
        "(01/10/2019), cao nhất 136.250.000 đồng (20/11/2025), gần nhất 136.250.000 đồng."
    )
    assert chart.view_box == "0 0 640 280"


def test_a_single_point_sits_in_the_middle() -> None:
    single = series_of((day(2024, 5, 1), amount(186, "đơn vị máu")))
    chart = build_chart(single)
    (point,) = chart.points
    assert D(point.x) == (D(chart.left) + D(chart.right)) / 2
    assert chart.polyline == ""
    assert [label.text for label in chart.x_labels] == ["01/05/2024"]
    assert chart.x_labels[0].anchor == "middle"
    assert describe(single) == "Biểu đồ đường có 1 lần báo cáo: 186 đơn vị máu ngày 01/05/2024."


def test_equal_values_give_a_flat_line() -> None:
    chart = build_chart(
        series_of(
            (day(2020, 1, 1), amount(24, "tổ")),
            (day(2021, 1, 1), amount(24, "tổ")),
            (day(2022, 1, 1), amount(24, "tổ")),
        )
    )
    assert len({p.y for p in chart.points}) == 1
    assert [t.text for t in chart.y_ticks] == ["0", "10", "20", "30"]


def test_all_zero_values() -> None:
    chart = build_chart(
        series_of((day(2020, 1, 1), amount(0, "vụ")), (day(2021, 1, 1), amount(0, "vụ")))
    )
    assert [t.text for t in chart.y_ticks] == ["0", "1"]
    assert all(p.y == chart.baseline for p in chart.points)


def test_whole_numbers_get_whole_ticks() -> None:
    chart = build_chart(
        series_of((day(2020, 1, 1), amount(8, "cuộc")), (day(2021, 1, 1), amount(10, "cuộc")))
    )
    assert [t.text for t in chart.y_ticks] == ["0", "5", "10"]


def test_decimal_values_get_vietnamese_decimal_ticks() -> None:
    chart = build_chart(
        series_of((day(2020, 1, 1), amount("0.3", "tấn")), (day(2021, 1, 1), amount("0.25", "tấn")))
    )
    assert [t.text for t in chart.y_ticks] == ["0", "0,1", "0,2", "0,3"]
    assert [p.value for p in chart.points] == ["0,3 tấn", "0,25 tấn"]


def test_huge_numbers() -> None:
    chart = build_chart(
        series_of((day(2020, 1, 1), amount(10**17)), (day(2021, 1, 1), amount(9 * 10**16)))
    )
    assert chart.y_ticks[-1].text == "100.000.000.000.000.000"  # beyond "nghìn tỷ": exact digits
    assert chart.y_ticks[1].text == "25.000.000.000.000.000"
    assert int(chart.left) <= MAX_LEFT
    assert chart.points[0].value == "100.000.000.000.000.000 đồng"


def test_negative_values_put_zero_inside_the_axis() -> None:
    chart = build_chart(
        series_of((day(2020, 1, 1), amount(-5, "%")), (day(2021, 1, 1), amount(3, "%")))
    )
    assert [t.text for t in chart.y_ticks] == ["-6", "-4", "-2", "0", "2", "4"]
    assert D(chart.top) < D(chart.baseline) < D(chart.bottom)
    assert [p.value for p in chart.points] == ["-5%", "3%"]


def test_reports_on_the_same_day_are_spread_evenly() -> None:
    chart = build_chart(
        series_of(
            (day(2020, 1, 1), amount(1)), (day(2020, 1, 1), amount(2)), (day(2020, 1, 1), amount(3))
        )
    )
    xs = [D(p.x) for p in chart.points]
    assert xs[0] == D(chart.left) and xs[2] == D(chart.right)
    assert xs[1] == (xs[0] + xs[2]) / 2


def test_date_labels_never_overlap() -> None:
    start = day(2020, 1, 1)
    many = series_of(*[(start + timedelta(days=30 * i), amount(i + 1)) for i in range(20)])
    chart = build_chart(many)
    assert len(chart.x_labels) <= MAX_X_LABELS
    assert chart.x_labels[0].text == chart.points[0].date
    assert chart.x_labels[-1].text == chart.points[-1].date
    xs = [D(label.x) for label in chart.x_labels]
    assert all(b - a >= MIN_LABEL_GAP for a, b in pairwise(xs))
    # two reports a week apart at the end: the last date wins over the one before it
    close = series_of(
        (day(2020, 1, 1), amount(1)), (day(2024, 1, 1), amount(2)), (day(2024, 1, 8), amount(3))
    )
    labels = build_chart(close).x_labels
    assert [label.text for label in labels] == ["01/01/2020", "08/01/2024"]
    assert [label.anchor for label in labels] == ["start", "end"]


def test_a_series_of_ratios_is_charted_as_percent() -> None:
    cremation = series_of(
        (
            day(2020, 10, 13),
            Indicator("Hỏa táng", "ty-le", D(20), "người", of=D(22), percent=D("90.9")),
        ),
        (day(2021, 12, 5), Indicator("Hỏa táng", "ty-le", D(49), "người", of=D(51))),
        ident="ty-le-hoa-tang",
    )
    assert measure(cremation) == "percent"
    chart = build_chart(cremation)
    assert chart.unit == "%"
    assert chart.title == "Hỏa táng (tỷ lệ %) qua các lần báo cáo"
    assert [t.text for t in chart.y_ticks] == ["0%", "25%", "50%", "75%", "100%"]
    assert [p.value for p in chart.points] == ["90,9% (20/22 người)", "96,08% (49/51 người)"]
    assert abs(value_at(chart, chart.points[1].y) - D("96.08")) < D("0.05")
    rows = table_rows(cremation)
    assert [(r.value, r.change, r.change_spoken) for r in rows] == [
        ("20/22 người (90,9%)", "", ""),
        (
            "49/51 người (96,08%)",
            "▲ 5,18 điểm phần trăm",
            "tăng 5,18 điểm phần trăm so với lần báo cáo trước",
        ),
    ]


def test_mixed_series_is_charted_by_value() -> None:
    mixed = series_of(
        (day(2020, 1, 1), amount(5, "hộ", of=D(10))), (day(2021, 1, 1), amount(7, "hộ"))
    )
    assert measure(mixed) == "value"


def test_table_rows() -> None:
    rows = table_rows(FUND)
    assert [(r.date, r.value, r.change) for r in rows] == [
        ("01/10/2019", "93.095.000 đồng", ""),
        ("28/12/2020", "101.500.000 đồng", "▲ 8.405.000 (tăng 9%)"),
        ("30/12/2021", "128.800.000 đồng", "▲ 27.300.000 (tăng 26,9%)"),
        ("20/11/2025", "136.250.000 đồng", "▲ 7.450.000 (tăng 5,8%)"),
    ]
    assert rows[1].change_spoken == "tăng 8.405.000 đồng (9%) so với lần báo cáo trước"
    assert rows[0].iso_date == "2019-10-01T09:00:00+07:00"
    assert rows[0].reporting_unit == "Phường Phúc Lợi"
    assert rows[0].url == "2019/10/01/bai-0/"


@pytest.mark.parametrize(
    ("span", "whole", "step"),
    [
        ("150000000", False, "50000000"),
        ("100", False, "25"),
        ("10", True, "5"),
        ("10", False, "2.5"),
        ("1", True, "1"),
        ("1", False, "0.25"),
        ("0.3", False, "0.1"),
        ("7", True, "2"),
    ],
)
def test_nice_step(span: str, whole: bool, step: str) -> None:
    assert str(nice_step(D(span), whole=whole)) == step


def test_y_range_covers_values_and_zero() -> None:
    assert y_range([D(93095000), D(136250000)]) == (D(0), D(150000000), D(50000000))
    assert y_range([D(-5), D(3)]) == (D(-6), D(4), D(2))


@pytest.mark.parametrize(
    ("value", "scale", "text"),
    [
        ("50000000", "150000000", "50 triệu"),
        ("2500000000", "5000000000", "2,5 tỷ"),
        ("500000", "1500000", "500.000"),
        ("0", "150000000", "0"),
        ("1500", "2000", "1.500"),
        ("0.25", "1", "0,25"),
    ],
)
def test_tick_text(value: str, scale: str, text: str) -> None:
    assert tick_text(D(value), D(scale)) == text


# --- the SVG template ------------------------------------------------------------------


def render(chart: Chart) -> ET.Element:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(REPO / "plugins/bantin/templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    html = env.get_template("partials/indicator-chart.html").render(chart=chart)
    return ET.fromstring(html)


def test_template_draws_an_accessible_svg() -> None:
    chart = build_chart(FUND)
    figure = render(chart)
    svg = figure.find(f"{SVG}svg")
    assert svg is not None
    assert svg.get("role") == "img"
    assert svg.get("viewBox") == "0 0 640 280"
    labelled = (svg.get("aria-labelledby") or "").split()
    ids = {el.get("id"): el for el in svg.iter() if el.get("id")}
    assert labelled == ["bt-chart-quy-vi-nguoi-ngheo-title", "bt-chart-quy-vi-nguoi-ngheo-desc"]
    assert ids[labelled[0]].tag == f"{SVG}title" and ids[labelled[0]].text == chart.title
    assert ids[labelled[1]].tag == f"{SVG}desc" and ids[labelled[1]].text == chart.description
    circles = svg.findall(f".//{SVG}circle")
    assert [(c.get("cx"), c.get("cy")) for c in circles] == [(p.x, p.y) for p in chart.points]
    assert [c.findtext(f"{SVG}title") for c in circles] == [p.label for p in chart.points]
    polyline = svg.find(f".//{SVG}polyline")
    assert polyline is not None and polyline.get("points") == chart.polyline
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert texts == [t.text for t in chart.y_ticks] + [label.text for label in chart.x_labels]
    assert "script" not in ET.tostring(figure, encoding="unicode")


def test_template_escapes_labels() -> None:
    hostile = series_of(
        (day(2020, 1, 1), Indicator("<script>alert(1)</script> & co", "x", D(1), "<b>hộ</b>")),
        ident="x",
    )
    figure = render(build_chart(hostile))  # parses: nothing unescaped broke the markup
    svg = figure.find(f"{SVG}svg")
    assert svg is not None
    assert svg.findtext(f"{SVG}title") == "<script>alert(1)</script> & co qua các lần báo cáo"
    assert svg.find(f".//{SVG}script") is None
    assert svg.find(f".//{SVG}polyline") is None  # one point: no line


def test_wide_and_narrow_charts() -> None:
    wide, narrow = build_charts(FUND)
    assert (wide.id, wide.view_box) == ("bt-chart-quy-vi-nguoi-ngheo", "0 0 640 280")
    assert (narrow.id, narrow.view_box) == ("bt-chart-quy-vi-nguoi-ngheo-narrow", "0 0 360 240")
    assert [p.value for p in narrow.points] == [p.value for p in wide.points]
    xs = [D(label.x) for label in narrow.x_labels]
    assert all(b - a >= MIN_LABEL_GAP for a, b in pairwise(xs))
    assert D(narrow.points[-1].x) == D(narrow.right) == 360 - 24


def test_template_prints_both_layouts_with_unique_ids() -> None:
    wide, narrow = build_charts(FUND)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(REPO / "plugins/bantin/templates"), autoescape=True
    )
    figure = ET.fromstring(
        env.get_template("partials/indicator-chart.html").render(chart=wide, narrow=narrow)
    )
    svgs = figure.findall(f"{SVG}svg")
    assert [svg.get("class") for svg in svgs] == [
        "bt-chart__svg bt-chart__svg--wide",
        "bt-chart__svg bt-chart__svg--narrow",
    ]
    ids = [el.get("id") for el in figure.iter() if el.get("id")]
    assert len(ids) == len(set(ids)) == 6
    for svg in svgs:
        for ref in (svg.get("aria-labelledby") or "").split():
            assert ref in ids
