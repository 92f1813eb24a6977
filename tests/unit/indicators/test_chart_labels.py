"""Date labels under a chart never overlap once their anchors are applied.

The first check of ``_x_labels`` kept points 84 units apart, but a label at
the start of the plot runs right and a centred one runs both ways, so on the
narrow (phone) chart of the demo fund "01/10/2019" and "30/12/2021" were drawn
over each other. These tests place every label's text and compare extents.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal as D
from itertools import pairwise

import pytest
from bantin.core.dates import VIETNAM
from bantin.indicators.chart import (
    DATE_LABEL_WIDTH,
    LABEL_PADDING,
    NARROW_HEIGHT,
    NARROW_WIDTH,
    Chart,
    build_chart,
    build_charts,
)
from bantin.indicators.model import Indicator
from bantin.indicators.series import IndicatorSeries, SeriesPoint
from hypothesis import given, settings
from hypothesis import strategies as st


def day(year: int, month: int, date: int) -> datetime:
    return datetime(year, month, date, 9, 0, tzinfo=VIETNAM)


def series_of(dates: list[datetime]) -> IndicatorSeries:
    points = tuple(
        SeriesPoint(
            when,
            D(i + 1),
            "đồng",
            "Phường Phúc Lợi",
            f"bai-{i}/",
            f"Bài {i}",
            Indicator("Quỹ", "quy", D(i + 1), "đồng"),
        )
        for i, when in enumerate(sorted(dates))
    )
    return IndicatorSeries("quy", points)


def extents(chart: Chart) -> list[tuple[D, D]]:
    spans = []
    for label in chart.x_labels:
        x = D(label.x)
        if label.anchor == "start":
            spans.append((x, x + DATE_LABEL_WIDTH))
        elif label.anchor == "end":
            spans.append((x - DATE_LABEL_WIDTH, x))
        else:
            spans.append((x - D(DATE_LABEL_WIDTH) / 2, x + D(DATE_LABEL_WIDTH) / 2))
    return spans


def assert_apart(chart: Chart) -> None:
    for (_, end), (start, _) in pairwise(extents(chart)):
        assert start - end >= LABEL_PADDING, [
            (label.text, label.x, label.anchor) for label in chart.x_labels
        ]


def test_demo_fund_on_a_phone_shows_first_and_last_date_apart() -> None:
    fund = series_of([day(2019, 10, 1), day(2020, 12, 28), day(2021, 12, 30), day(2025, 11, 20)])
    wide, narrow = build_charts(fund)
    assert [label.text for label in narrow.x_labels] == ["01/10/2019", "20/11/2025"]
    assert [label.anchor for label in narrow.x_labels] == ["start", "end"]
    assert_apart(narrow)
    # the wide chart has room for more, still apart
    assert [label.text for label in wide.x_labels] == [
        "01/10/2019",
        "28/12/2020",
        "30/12/2021",
        "20/11/2025",
    ]
    assert_apart(wide)


def test_a_centred_label_keeps_its_place_when_there_is_room() -> None:
    even = series_of([day(2020, 1, 1), day(2022, 1, 1), day(2024, 1, 1)])
    labels = build_chart(even).x_labels
    assert [label.anchor for label in labels] == ["start", "middle", "end"]
    assert_apart(build_chart(even))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=4000), min_size=2, max_size=30),
    st.sampled_from([(640, 280), (NARROW_WIDTH, NARROW_HEIGHT)]),
)
def test_labels_never_overlap(offsets: list[int], size: tuple[int, int]) -> None:
    start = day(2019, 1, 1)
    chart = build_chart(
        series_of([start + timedelta(days=n) for n in offsets]), width=size[0], height=size[1]
    )
    assert chart.x_labels, "a chart always names at least its first date"
    assert chart.x_labels[0].text == chart.points[0].date
    assert_apart(chart)
    for label in chart.x_labels:  # no label runs out of the drawing
        low, high = extents(chart)[chart.x_labels.index(label)]
        assert low >= 0 and high <= size[0]


@pytest.mark.parametrize("gap_days", [1, 30, 200, 400])
def test_last_date_wins_over_the_one_before(gap_days: int) -> None:
    dates = [day(2019, 1, 1), day(2023, 1, 1), day(2023, 1, 1) + timedelta(days=gap_days)]
    chart = build_chart(series_of(dates), width=NARROW_WIDTH, height=NARROW_HEIGHT)
    assert chart.x_labels[-1].text == chart.points[-1].date
    assert_apart(chart)
