"""Following one indicator across posts: the data of an indicator page.

Posts that report an indicator with the same ``id`` make one
:class:`IndicatorSeries`, its points in date order. Pure functions over any
objects with ``indicators``, ``date``, ``unit``, ``url``, ``title`` (the
post model), so they are tested without a site.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import cached_property
from typing import Any, Protocol

from ..core.errors import Problem, Severity
from ..core.memo import NoMemo, PerObject
from ..core.text import fold_key
from .model import Indicator


class Reporting(Protocol):
    """What a series needs of a post (read-only, as a frozen ``Post`` is)."""

    @property
    def indicators(self) -> tuple[Any, ...]: ...
    @property
    def date(self) -> datetime: ...
    @property
    def unit(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def title(self) -> str: ...


@dataclass(frozen=True)
class SeriesPoint:
    """One post's figure for the indicator."""

    date: datetime
    value: Decimal
    unit: str
    reporting_unit: str
    url: str
    title: str
    indicator: Indicator
    path: str = ""


@dataclass(frozen=True)
class IndicatorSeries:
    """Every post that reports one indicator ``id``, oldest first."""

    id: str
    points: tuple[SeriesPoint, ...]

    @property
    def latest(self) -> SeriesPoint:
        return self.points[-1]

    @cached_property
    def positions(self) -> Mapping[str, tuple[int, ...]]:
        """Where each post's reports are among the points, by post URL."""
        found: dict[str, list[int]] = {}
        for index, point in enumerate(self.points):
            found.setdefault(point.url, []).append(index)
        return {url: tuple(indices) for url, indices in found.items()}

    @property
    def label(self) -> str:
        """The label of the latest report (wording may change over the years)."""
        return self.latest.indicator.label

    @property
    def unit(self) -> str:
        return self.latest.unit

    @property
    def units(self) -> tuple[str, ...]:
        """The distinct units used, in order of first use."""
        return tuple(dict.fromkeys(point.unit for point in self.points))

    @property
    def mixed_units(self) -> bool:
        return len({fold_key(unit) for unit in self.units}) > 1


def collect_series(
    posts: Iterable[Reporting],
    memo: PerObject[Reporting, tuple[SeriesPoint, ...]] | None = None,
) -> list[IndicatorSeries]:
    """Group every reported indicator by ``id``; series sorted by label, points by date.

    ``memo``: each post's points from an earlier build (``bantin serve``).
    """
    kept = memo if memo is not None else NoMemo[Reporting, tuple[SeriesPoint, ...]]()
    groups: dict[str, list[SeriesPoint]] = {}
    for post in posts:
        for point in kept.get(post, _points):
            groups.setdefault(point.indicator.id, []).append(point)
    series = [
        IndicatorSeries(ident, tuple(sorted(points, key=lambda p: (p.date, p.url))))
        for ident, points in groups.items()
    ]
    return sorted(series, key=lambda s: (fold_key(s.label), s.id))


def _points(post: Reporting) -> tuple[SeriesPoint, ...]:
    return tuple(
        SeriesPoint(
            date=post.date,
            value=indicator.value,
            unit=indicator.unit,
            reporting_unit=post.unit,
            url=post.url,
            title=post.title,
            indicator=indicator,
            path=getattr(post, "path", ""),
        )
        for indicator in post.indicators
        if isinstance(indicator, Indicator)
    )


def latest_points(series: Sequence[IndicatorSeries], limit: int) -> list[SeriesPoint]:
    """The most recent report of each indicator, newest first: the home page's headline figures."""
    latest = sorted(
        (s.latest for s in series), key=lambda p: (p.date, p.url, p.indicator.id), reverse=True
    )
    return latest[: max(0, limit)]


def series_problems(series: Iterable[IndicatorSeries]) -> list[Problem]:
    """Warnings for series that cannot be charted honestly: one id with different units."""
    problems: list[Problem] = []
    for item in series:
        if not item.mixed_units:
            continue
        first = item.points[0].unit
        for point in item.points:
            if fold_key(point.unit) == fold_key(first):
                continue
            problems.append(
                Problem(
                    point.path or point.url,
                    f"chỉ số '{item.id}' ở bài này dùng đơn vị “{point.unit or '(không có)'}” nhưng "
                    f"các bài khác dùng “{first or '(không có)'}”, nên biểu đồ theo thời gian không so "
                    "sánh được. Dùng cùng một đơn vị, hoặc đặt 'id' khác cho chỉ số này.",
                    field="indicators",
                    line=point.indicator.line,
                    severity=Severity.WARNING,
                )
            )
    return problems


__all__ = [
    "IndicatorSeries",
    "Reporting",
    "SeriesPoint",
    "collect_series",
    "latest_points",
    "series_problems",
]
