"""Periods of a bulletin: a month (``2020-10``) or a quarter (``2020-q4``).

A period's key is also the issue's folder (``ban-tin/2020-10/``) and the name
of its optional editor's file (``bulletins/2020-10.md``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from babel import dates as babel_dates

from ..core.dates import VIETNAM, to_vietnam

MONTH = "month"
QUARTER = "quarter"
KINDS = (MONTH, QUARTER)

_MONTH_KEY = re.compile(r"^(?P<year>\d{4})-(?P<index>\d{1,2})$")
_QUARTER_KEY = re.compile(r"^(?P<year>\d{4})-[qQ](?P<index>[1-4])$")


class PeriodError(ValueError):
    """A period written wrongly; the message is Vietnamese and shows the right form."""


@dataclass(frozen=True, order=True)
class Period:
    """One month or quarter of one year; ordered in time."""

    year: int
    index: int  # month 1-12 or quarter 1-4
    kind: str = MONTH

    @classmethod
    def of(cls, when: datetime, kind: str) -> Period:
        """The period a publication time (any offset) falls in, on the Vietnam clock."""
        local = to_vietnam(when)
        index = local.month if kind == MONTH else (local.month - 1) // 3 + 1
        return cls(local.year, index, kind)

    @classmethod
    def parse(cls, text: str, kind: str) -> Period:
        """``2020-10`` (month) or ``2020-q4`` (quarter); raise :class:`PeriodError`."""
        value = str(text).strip()
        pattern = _MONTH_KEY if kind == MONTH else _QUARTER_KEY
        match = pattern.match(value)
        example = "2020-10 (tháng 10 năm 2020)" if kind == MONTH else "2020-q4 (quý 4 năm 2020)"
        if not match:
            raise PeriodError(f"“{value}” không phải một kỳ bản tin; viết theo dạng {example}.")
        year, index = int(match["year"]), int(match["index"])
        if kind == MONTH and not 1 <= index <= 12:
            raise PeriodError(f"tháng {index} không có thật; viết theo dạng {example}.")
        return cls(year, index, kind)

    @property
    def key(self) -> str:
        return (
            f"{self.year}-{self.index:02d}" if self.kind == MONTH else f"{self.year}-q{self.index}"
        )

    @property
    def start(self) -> datetime:
        month = self.index if self.kind == MONTH else (self.index - 1) * 3 + 1
        return datetime(self.year, month, 1, tzinfo=VIETNAM)

    @property
    def ordinal(self) -> int:
        """Periods since year 0: consecutive periods differ by one (for running numbers)."""
        per_year = 12 if self.kind == MONTH else 4
        return self.year * per_year + self.index - 1

    @property
    def label(self) -> str:
        """``tháng 10/2020``, ``tháng 5/2021`` or ``quý 4/2020`` (Babel ``vi``)."""
        if self.kind == MONTH:
            return "tháng " + babel_dates.format_date(self.start, "M/y", locale="vi")
        text = babel_dates.format_date(self.start, "QQQQ/y", locale="vi")
        return text[:1].lower() + text[1:]

    @property
    def title(self) -> str:
        """The label with a capital: ``Tháng 10/2020``."""
        return self.label[:1].upper() + self.label[1:]
