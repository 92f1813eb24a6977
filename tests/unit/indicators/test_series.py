"""Indicators followed across posts: grouping, order, latest figures, unit warnings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal as D
from typing import Any

from bantin.core.dates import VIETNAM
from bantin.core.errors import Severity
from bantin.indicators.model import Indicator
from bantin.indicators.series import collect_series, latest_points, series_problems


@dataclass(frozen=True)
class FakePost:
    title: str
    date: datetime
    url: str
    indicators: tuple[Any, ...]
    unit: str = "Phường Phúc Lợi"
    path: str = ""


def day(year: int, month: int, date: int) -> datetime:
    return datetime(year, month, date, 9, 0, tzinfo=VIETNAM)


def fund(
    value: int, label: str = "Quỹ “Vì người nghèo”", unit: str = "đồng", line: int = 5
) -> Indicator:
    return Indicator(label, "quy-vi-nguoi-ngheo", D(value), unit, line=line)


POSTS = [
    FakePost(
        "Tổng kết 2021",
        day(2021, 12, 30),
        "2021/12/30/a/",
        (fund(128800000),),
        "Ủy ban MTTQ phường",
    ),
    FakePost(
        "Kết quả 9 tháng 2019",
        day(2019, 10, 1),
        "2019/10/01/b/",
        (
            fund(93095000, label="Quỹ Vì người nghèo"),
            Indicator("Hộ nghèo", "ho-ngheo", D(12), "hộ", of=D(17)),
        ),
    ),
    FakePost(
        "Tổng kết 2020",
        day(2020, 12, 28),
        "2020/12/28/c/",
        (fund(101500000),),
        "Ủy ban MTTQ phường",
    ),
    FakePost("Không có chỉ số", day(2022, 1, 1), "2022/01/01/d/", ()),
]


def test_collect_series_groups_by_id_and_sorts_points_by_date() -> None:
    series = collect_series(POSTS)
    assert [s.id for s in series] == ["ho-ngheo", "quy-vi-nguoi-ngheo"]  # by label
    fund_series = series[1]
    assert [p.date.year for p in fund_series.points] == [2019, 2020, 2021]
    assert [p.value for p in fund_series.points] == [D(93095000), D(101500000), D(128800000)]
    assert [p.reporting_unit for p in fund_series.points] == [
        "Phường Phúc Lợi",
        "Ủy ban MTTQ phường",
        "Ủy ban MTTQ phường",
    ]
    assert [p.url for p in fund_series.points] == [
        "2019/10/01/b/",
        "2020/12/28/c/",
        "2021/12/30/a/",
    ]
    assert fund_series.points[0].title == "Kết quả 9 tháng 2019"
    assert fund_series.latest.date.year == 2021
    assert fund_series.label == "Quỹ “Vì người nghèo”"  # the latest wording
    assert fund_series.unit == "đồng"
    assert not fund_series.mixed_units


def test_equal_dates_are_ordered_by_url() -> None:
    same = [
        FakePost("B", day(2020, 1, 1), "2020/01/01/b/", (fund(2),)),
        FakePost("A", day(2020, 1, 1), "2020/01/01/a/", (fund(1),)),
    ]
    (series,) = collect_series(same)
    assert [p.title for p in series.points] == ["A", "B"]


def test_collect_series_is_pure_and_ignores_foreign_items() -> None:
    posts = [FakePost("X", day(2020, 1, 1), "x/", ("không phải chỉ số", fund(1)))]
    assert collect_series(posts) == collect_series(posts)
    assert [s.id for s in collect_series(posts)] == ["quy-vi-nguoi-ngheo"]
    assert collect_series([]) == []


def test_latest_points_newest_first() -> None:
    latest = latest_points(collect_series(POSTS), 5)
    assert [(p.indicator.id, p.date.year) for p in latest] == [
        ("quy-vi-nguoi-ngheo", 2021),
        ("ho-ngheo", 2019),
    ]
    assert latest_points(collect_series(POSTS), 1)[0].indicator.id == "quy-vi-nguoi-ngheo"
    assert latest_points(collect_series(POSTS), 0) == []


def test_mixed_units_are_warned_per_post() -> None:
    posts = [
        FakePost("A", day(2020, 1, 1), "a/", (fund(93, unit="đồng"),), path="posts/a.md"),
        FakePost(
            "B", day(2021, 1, 1), "b/", (fund(95, unit="triệu đồng", line=12),), path="posts/b.md"
        ),
        FakePost("C", day(2022, 1, 1), "c/", (fund(97, unit="Đồng"),), path="posts/c.md"),
    ]
    series = collect_series(posts)
    assert series[0].mixed_units
    assert series[0].units == ("đồng", "triệu đồng", "Đồng")
    problems = series_problems(series)
    assert [str(p) for p in problems] == [
        "posts/b.md:12: cảnh báo trường 'indicators': chỉ số 'quy-vi-nguoi-ngheo' ở bài này dùng "
        "đơn vị “triệu đồng” nhưng các bài khác dùng “đồng”, nên biểu đồ theo thời gian không so "
        "sánh được. Dùng cùng một đơn vị, hoặc đặt 'id' khác cho chỉ số này."
    ]
    assert problems[0].severity is Severity.WARNING


def test_same_units_give_no_problem() -> None:
    assert series_problems(collect_series(POSTS)) == []
