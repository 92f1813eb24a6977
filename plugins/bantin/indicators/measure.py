"""What a chart of an indicator shows, said in words: the measure, a summary, the table.

A series is charted by its figure, or by its percent when every report is a ratio
(:func:`measure`); :func:`describe` is the sentence a screen reader hears for the
chart, and :func:`table_rows` the accessible table printed beside it, with the
change from one report to the next.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..core.vnformat import format_date
from .model import Indicator, round_half_up
from .present import PERCENT_PLACES, amount, inline_text, present, present_change
from .series import IndicatorSeries, SeriesPoint

VALUE, PERCENT = "value", "percent"


def measure(series: IndicatorSeries) -> str:
    """``percent`` when every report is a ratio (``of``), else ``value``."""
    if all(point.indicator.of is not None for point in series.points):
        return PERCENT
    return VALUE


def measured(point: SeriesPoint, what: str) -> Decimal:
    """The plotted number of one report: its value, or the percent its box shows
    (the stated one, else the computed one rounded to 2 decimals)."""
    indicator = point.indicator
    if what == PERCENT:
        if indicator.percent is not None:
            return indicator.percent
        computed = indicator.computed_percent
        if computed is not None:
            return round_half_up(computed, PERCENT_PLACES)
    return point.value


def measured_text(point: SeriesPoint, what: str) -> str:
    """``93.095.000 đồng``, or for a percent chart ``96,08% (49/51 người)`` as the box shows it."""
    if what == PERCENT and point.indicator.of is not None:
        view = present(point.indicator)
        return f"{view.percent} ({view.figure})"
    return amount(point.value, point.unit)


@dataclass(frozen=True)
class TableRow:
    date: str  # "01/10/2019"
    iso_date: str  # for <time datetime="...">
    value: str  # "93.095.000 đồng"
    change: str  # "▲ 8.405.000 (tăng 9%)" against the row before, "" for the first
    change_spoken: str
    reporting_unit: str
    title: str
    url: str


def describe(series: IndicatorSeries) -> str:
    """A sentence summarising the chart for screen readers (the table has every figure)."""
    what = measure(series)
    points = series.points
    latest = points[-1]
    if len(points) == 1:
        return (
            f"Biểu đồ đường có 1 lần báo cáo: {measured_text(latest, what)} "
            f"ngày {format_date(latest.date)}."
        )
    low = min(points, key=lambda p: measured(p, what))
    high = max(points, key=lambda p: measured(p, what))
    return (
        f"Biểu đồ đường có {len(points)} lần báo cáo, từ {format_date(points[0].date)} đến "
        f"{format_date(latest.date)}. Thấp nhất {measured_text(low, what)} "
        f"({format_date(low.date)}), cao nhất {measured_text(high, what)} "
        f"({format_date(high.date)}), gần nhất {measured_text(latest, what)}."
    )


def table_rows(series: IndicatorSeries) -> tuple[TableRow, ...]:
    """One row per report, oldest first, with the change against the report before.

    ``value`` is the figure as the post's box summarises it
    (``93.095.000 đồng (đạt 88,37% kế hoạch)``, ``49/51 người (96,08%)``); the
    change is of the charted measure (percentage points for a percent chart).
    """
    what = measure(series)
    rows = []
    previous: Decimal | None = None
    for point in series.points:
        current = measured(point, what)
        change_text = change_spoken = ""
        if previous is not None:
            unit = "%" if what == PERCENT else point.unit
            change = present_change(
                Indicator(point.indicator.label, series.id, current, unit, previous=previous),
                against="lần báo cáo trước",
            )
            if change is not None:
                change_text, change_spoken = change.text, change.spoken
        rows.append(
            TableRow(
                date=format_date(point.date),
                iso_date=point.date.isoformat(),
                value=inline_text(point.indicator),
                change=change_text,
                change_spoken=change_spoken,
                reporting_unit=point.reporting_unit,
                title=point.title,
                url=point.url,
            )
        )
        previous = current
    return tuple(rows)


__all__ = [
    "PERCENT",
    "VALUE",
    "TableRow",
    "describe",
    "measure",
    "measured",
    "measured_text",
    "table_rows",
]
