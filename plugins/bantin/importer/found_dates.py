"""Dates written in the metadata lines of an old portal's page.

"Ngày đăng 13/10/2020 | 09:17", "Cập nhật lúc 18:45 | 05/12", "ngày 13 tháng 10
năm 2020", "2020-10-13T09:17": every date of a line, with the time written next
to it and whether it is labelled as an update rather than the publication.
"""

from __future__ import annotations

import re
from datetime import datetime

from .blocks import plain

_DATE_DMY = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
_DATE_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::\d{2})?)?")
_DATE_DM = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?![\d/])")
_TIME = re.compile(r"(?<![\d:])(\d{1,2})[:h](\d{2})(?::\d{2})?(?![\d:])")
_LONG_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I)
_UPDATED = re.compile(r"cập nhật|sửa|chỉnh sửa", re.I)
_PUBLISHED = re.compile(r"ngày đăng|đăng ngày|đăng lúc|xuất bản|ngày:", re.I)
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


def without_dates(text: str) -> str:
    """``text`` with its full dates (day/month/year, ISO) taken out."""
    return _DATE_ISO.sub("", _DATE_DMY.sub("", text))


# (position, day, month, year, hour, minute, labelled "cập nhật") of a date in a line.
FoundDate = tuple[int, int, int, int | None, int | None, int | None, bool]


def dates_in(text: str) -> list[FoundDate]:
    """(position, day…) of every date in a metadata line: (pos, d, m, y, H, M, updated)."""
    found: list[tuple[int, int, int, int | None, str | None, str | None, re.Match[str]]] = []
    text = plain(text)
    for match in _DATE_ISO.finditer(text):
        y, m, d, hh, mm = match.groups()
        found.append((match.start(), int(d), int(m), int(y), hh, mm, match))
    for pattern in (_DATE_DMY, _LONG_DATE):
        for match in pattern.finditer(text):
            d, m, y = match.groups()
            found.append((match.start(), int(d), int(m), int(y), None, None, match))
    if not found:
        for match in _DATE_DM.finditer(text):
            d, m = match.groups()
            found.append((match.start(), int(d), int(m), None, None, None, match))
    result: list[FoundDate] = []
    for start, d, m, y, hh, mm, match in sorted(found, key=lambda f: f[0]):
        if hh is None:
            # The time written next to the date: "13/10/2020 | 09:17" or "18:45 | 05/12".
            segment_start = max(0, start - 12)
            around = text[segment_start : match.end() + 12]
            times = [
                t
                for t in _TIME.finditer(around)
                if not (match.start() - segment_start <= t.start() < match.end() - segment_start)
            ]
            if times:
                hh, mm = times[0].groups()
        before = text[max(0, start - 30) : start]
        label_updated = bool(_UPDATED.search(before)) and not _PUBLISHED.search(
            before.split("|")[-1]
        )
        result.append(
            (start, d, m, y, int(hh) if hh else None, int(mm) if mm else None, label_updated)
        )
    return result


def shown_date(found: FoundDate) -> str:
    day, month, year = found[1], found[2], found[3]
    return f"{day:02d}/{month:02d}" + (f"/{year}" if year else "")


def infer_year(day: int, month: int, text: str, url: str, now: datetime) -> int | None:
    """The year of a "05/12" date: from the old URL, else the latest year the article names."""
    for match in _YEAR.finditer(url):
        return int(match.group(1))
    years = [int(y) for y in _YEAR.findall(text) if int(y) <= now.year]
    return max(years) if years else None


__all__ = ["FoundDate", "dates_in", "infer_year", "shown_date", "without_dates"]
