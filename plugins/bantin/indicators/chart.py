"""Build-time chart geometry for an indicator over time: inline SVG, no JavaScript.

:func:`build_chart` computes everything ``templates/partials/indicator-chart.html``
needs to draw a line chart of an :class:`~.series.IndicatorSeries`: the
viewBox, the polyline, one circle per post, y-axis ticks on round numbers
(formatted ``vi``: ``50 triệu``, ``1.000``, ``0,5``) and date labels.
Coordinates are SVG user units as strings (``"123.45"``, not for readers).

What is plotted (:func:`~.measure.measure`): the figure itself; for a series whose every
report is a ratio (``value`` of ``of``, e.g. "49/51 trường hợp") the percent,
since the whole changes from one report to the next (axis 0–100% at least).

The y axis always includes zero, so growth is never exaggerated; the
x axis is proportional to time, so irregular reports keep their real spacing.
One point is drawn in the middle; equal values give a flat line; all zeros
give an axis from 0 to 1.

What is plotted, the sentence for screen readers and the rows of the accessible
table printed beside the chart: :mod:`.measure`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from ..core.vnformat import format_date
from .measure import PERCENT, describe, measure, measured, measured_text
from .model import HUNDRED, divide, round_half_up
from .present import compact, figure
from .series import IndicatorSeries

WIDTH, HEIGHT = 640, 280
# For phones: text in an SVG scales with it, so a 640-wide chart shrunk to a 360 px
# screen would print 6 px labels; a second, narrow geometry keeps them readable.
NARROW_WIDTH, NARROW_HEIGHT = 360, 240
TOP, RIGHT, BOTTOM = 16, 24, 40
CHAR_WIDTH = 7  # approximate width of a 12px digit, to size the left margin
MIN_LEFT, MAX_LEFT = 40, 200
TARGET_TICKS = 4  # intervals on the y axis
MAX_X_LABELS = 6
MIN_LABEL_GAP = 84  # px between date labels ("01/10/2019" at 12px is ~70px)
DATE_LABEL_WIDTH = 70  # "01/10/2019" at 12px in Be Vietnam Pro measures about 68 units
LABEL_PADDING = 8  # least room between two date labels, after their anchors are applied
NICE = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
COMPACT_AXIS = Decimal(10) ** 6


@dataclass(frozen=True)
class ChartPoint:
    x: str
    y: str
    value: str  # "93.095.000 đồng"
    date: str  # "01/10/2019"
    label: str  # "01/10/2019: 93.095.000 đồng", for the circle's <title>
    url: str
    title: str


@dataclass(frozen=True)
class Tick:
    value: Decimal
    y: str
    text: str


@dataclass(frozen=True)
class XLabel:
    x: str
    text: str
    anchor: str  # SVG text-anchor: start, middle or end


@dataclass(frozen=True)
class Chart:
    id: str  # element id of the <svg>; its <title> and <desc> are id + "-title" / "-desc"
    title: str
    description: str
    width: int
    height: int
    view_box: str
    left: str
    right: str
    top: str
    bottom: str
    baseline: str  # y of the zero line
    tick_label_x: str  # x where y-tick labels end (text-anchor="end")
    date_label_y: str  # baseline of the date labels under the plot
    polyline: str  # "" with a single point
    points: tuple[ChartPoint, ...]
    y_ticks: tuple[Tick, ...]
    x_labels: tuple[XLabel, ...]
    unit: str  # of the y axis: the series' unit, or "%" for a percent chart
    measure: str  # "value" or "percent" (see :func:`~.measure.measure`)


def coordinate(number: Decimal) -> str:
    """An SVG coordinate: two decimals at most, no exponent, no trailing zeros."""
    text = format(round_half_up(number, 2), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def nice_step(span: Decimal, intervals: int = TARGET_TICKS, *, whole: bool = False) -> Decimal:
    """A round step (1, 2, 2,5 or 5 × 10^k) giving about ``intervals`` intervals over ``span`` (> 0).

    ``whole``: the data are whole numbers (households, meetings), so the step is too.
    """
    raw = divide(span, Decimal(intervals))
    magnitude = Decimal(10) ** raw.adjusted()
    fraction = divide(raw, magnitude)
    step = max(NICE[-1] * magnitude, Decimal(1)) if whole else NICE[-1] * magnitude
    for nice in NICE:
        candidate = nice * magnitude
        if fraction <= nice and (not whole or candidate == candidate.to_integral_value()):
            step = candidate
            break
    # 1.0 -> 1, 0.10 -> 0.1: ticks are printed as written
    return step.to_integral_value() if step == step.to_integral_value() else step.normalize()


def y_range(values: list[Decimal]) -> tuple[Decimal, Decimal, Decimal]:
    """``(low, high, step)`` of the y axis: round numbers covering the values and zero."""
    low = min([Decimal(0), *values])
    high = max([Decimal(0), *values])
    if low == high:  # all zero
        high = Decimal(1)
    whole = all(value == value.to_integral_value() for value in values)
    step = nice_step(high - low, whole=whole)
    low = (low / step).to_integral_value(ROUND_FLOOR) * step
    high = (high / step).to_integral_value(ROUND_CEILING) * step
    return low, high, step


def tick_text(value: Decimal, scale: Decimal) -> str:
    """``50 triệu`` on an axis of millions, else the exact figure (``1.000``, ``0,5``)."""
    if value != 0 and scale >= COMPACT_AXIS:
        short = compact(value)
        if short:
            return short
    return figure(value)


def _timestamp(moment: date | datetime) -> Decimal:
    if not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day, tzinfo=UTC)
    elif moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return Decimal(int(moment.timestamp()))


def build_charts(series: IndicatorSeries) -> tuple[Chart, Chart]:
    """The wide (640×280) and narrow (360×240, id suffix ``-narrow``) charts of ``series``.

    The template prints both; CSS shows one per screen width.
    """
    return (
        build_chart(series),
        build_chart(series, width=NARROW_WIDTH, height=NARROW_HEIGHT, id_suffix="-narrow"),
    )


def build_chart(
    series: IndicatorSeries, *, width: int = WIDTH, height: int = HEIGHT, id_suffix: str = ""
) -> Chart:
    """The geometry of the line chart of ``series`` (see the module docstring)."""
    what = measure(series)
    values = [measured(point, what) for point in series.points]
    if what == PERCENT:
        values.append(HUNDRED)  # a rate is read against 100%
    low, high, step = y_range(values)
    ticks_values = []
    tick = low
    while tick <= high:
        ticks_values.append(tick)
        tick += step
    scale = max(abs(low), abs(high))
    texts = [tick_text(value, scale) + ("%" if what == PERCENT else "") for value in ticks_values]
    left = min(MAX_LEFT, max(MIN_LEFT, 12 + CHAR_WIDTH * max(len(t) for t in texts)))
    right = width - RIGHT
    top, bottom = TOP, height - BOTTOM
    plot_width = Decimal(right - left)
    plot_height = Decimal(bottom - top)

    def y_of(value: Decimal) -> Decimal:
        return top + divide((high - value) * plot_height, high - low)

    times = [_timestamp(point.date) for point in series.points]
    first, last = min(times), max(times)

    def x_of(index: int) -> Decimal:
        if last == first:
            if len(times) == 1:
                return left + plot_width / 2
            return left + divide(plot_width * index, Decimal(len(times) - 1))
        return left + divide((times[index] - first) * plot_width, last - first)

    points = []
    for index, point in enumerate(series.points):
        shown = measured_text(point, what)
        when = format_date(point.date)
        points.append(
            ChartPoint(
                x=coordinate(x_of(index)),
                y=coordinate(y_of(values[index])),
                value=shown,
                date=when,
                label=f"{when}: {shown}",
                url=point.url,
                title=point.title,
            )
        )
    polyline = " ".join(f"{p.x},{p.y}" for p in points) if len(points) > 1 else ""
    ticks = tuple(
        Tick(value, coordinate(y_of(value)), text)
        for value, text in zip(ticks_values, texts, strict=True)
    )
    chart_id = f"bt-chart-{series.id}{id_suffix}"
    return Chart(
        id=chart_id,
        title=f"{series.label}{' (tỷ lệ %)' if what == PERCENT else ''} qua các lần báo cáo",
        description=describe(series),
        width=width,
        height=height,
        view_box=f"0 0 {width} {height}",
        left=str(left),
        right=str(right),
        top=str(top),
        bottom=str(bottom),
        baseline=coordinate(y_of(Decimal(0))),
        tick_label_x=str(left - 8),
        date_label_y=str(bottom + 22),
        polyline=polyline,
        points=tuple(points),
        y_ticks=ticks,
        x_labels=_x_labels([x_of(i) for i in range(len(points))], points, left, right),
        unit="%" if what == PERCENT else series.unit,
        measure=what,
    )


def _label_anchor(x: Decimal, left: int, right: int, count: int) -> str:
    """SVG text-anchor of a date label: flush with the plot's ends, centred elsewhere."""
    if count == 1:
        return "middle"
    if x - left < MIN_LABEL_GAP / 2:
        return "start"
    return "end" if right - x < MIN_LABEL_GAP / 2 else "middle"


def _label_extent(x: Decimal, anchor: str) -> tuple[Decimal, Decimal]:
    """Where a date label's text runs, given its anchor."""
    if anchor == "start":
        return x, x + DATE_LABEL_WIDTH
    if anchor == "end":
        return x - DATE_LABEL_WIDTH, x
    return x - Decimal(DATE_LABEL_WIDTH) / 2, x + Decimal(DATE_LABEL_WIDTH) / 2


def _x_labels(
    xs: list[Decimal], points: list[ChartPoint], left: int, right: int
) -> tuple[XLabel, ...]:
    """Date labels that do not overlap: first and last always, others evenly while room allows.

    Two labels clash when their points are closer than ``MIN_LABEL_GAP`` or when
    their texts, placed by their anchors (a label at the start of the plot runs
    right, one at the end runs left), come closer than ``LABEL_PADDING``.
    """
    count = len(points)
    if count <= MAX_X_LABELS:
        wanted = list(range(count))
    else:
        wanted = sorted({round(i * (count - 1) / (MAX_X_LABELS - 1)) for i in range(MAX_X_LABELS)})
    anchors = {index: _label_anchor(xs[index], left, right, count) for index in wanted}

    def clash(first: int, second: int) -> bool:
        if xs[second] - xs[first] < MIN_LABEL_GAP:
            return True
        return (
            _label_extent(xs[second], anchors[second])[0]
            - _label_extent(xs[first], anchors[first])[1]
            < LABEL_PADDING
        )

    kept: list[int] = []
    for index in wanted:
        if index == count - 1:  # the last date matters more than the ones before it
            while len(kept) > 1 and clash(kept[-1], index):
                kept.pop()
        if kept and clash(kept[-1], index):
            continue
        kept.append(index)
    return tuple(XLabel(coordinate(xs[i]), points[i].date, anchors[i]) for i in kept)


__all__ = [
    "Chart",
    "ChartPoint",
    "Tick",
    "XLabel",
    "build_chart",
    "build_charts",
    "coordinate",
    "nice_step",
    "tick_text",
    "y_range",
]
