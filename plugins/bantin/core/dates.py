"""Publication dates in every form the content contract accepts.

Times without an offset are Vietnam time (UTC+7, no daylight saving).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone

VIETNAM = timezone(timedelta(hours=7), "ICT")

_DAY_FIRST = re.compile(
    r"^(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"
    r"(?:[ T]+(?P<H>\d{1,2})[:hg](?P<M>\d{2})(?::(?P<S>\d{2}))?)?$"
)
_ISO = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[ T](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?$"
)

# Dates outside these years are typing mistakes (and near datetime's limits a
# time-zone conversion would overflow).
MIN_YEAR = 1900
MAX_YEAR = 2100

DATE_HELP = (
    "Viết ngày theo một trong các dạng: 13/10/2020, 13/10/2020 09:17, "
    "2020-10-13, 2020-10-13 09:17 hoặc 2020-10-13T09:17:00+07:00."
)


class DateError(ValueError):
    """A date that cannot be read; the message is Vietnamese and says how to fix it."""


def _offset(text: str | None) -> timezone:
    if not text:
        return VIETNAM
    if text == "Z":
        return UTC
    sign = 1 if text[0] == "+" else -1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _build(parts: dict[str, str | None]) -> datetime:
    try:
        return datetime(
            int(parts["y"] or 0),
            int(parts["m"] or 0),
            int(parts["d"] or 0),
            int(parts.get("H") or 0),
            int(parts.get("M") or 0),
            int(parts.get("S") or 0),
            tzinfo=_offset(parts.get("tz")),
        )
    except ValueError:
        shown = f"{parts['d']}/{parts['m']}/{parts['y']}"
        raise DateError(
            f"ngày {shown} hoặc giờ kèm theo không có thật (kiểm tra ngày, tháng, giờ). {DATE_HELP}"
        ) from None


def parse_post_date(value: object) -> datetime:
    """Read a ``date`` field into an aware datetime.

    Accepts YAML dates and datetimes, ISO text and the Vietnamese day-first
    ``13/10/2020 09:17``. Raises :class:`DateError`.
    """
    if isinstance(value, datetime):
        return _in_range(value if value.tzinfo else value.replace(tzinfo=VIETNAM))
    if isinstance(value, date):
        return _in_range(datetime.combine(value, time(0, 0), tzinfo=VIETNAM))
    if not isinstance(value, str):
        raise DateError(f"giá trị {value!r} không phải là ngày. {DATE_HELP}")
    text = " ".join(value.split())
    for pattern in (_DAY_FIRST, _ISO):
        match = pattern.match(text)
        if match:
            parts = match.groupdict()
            return _in_range(_build(parts))
    raise DateError(f"không đọc được ngày “{value}”. {DATE_HELP}")


def has_time(value: object) -> bool:
    """Whether a ``date`` value says the time of day, so readers are not shown a made-up 00:00."""
    if isinstance(value, datetime):
        return True
    if not isinstance(value, str):
        return False
    text = " ".join(value.split())
    for pattern in (_DAY_FIRST, _ISO):
        match = pattern.match(text)
        if match:
            return match.group("H") is not None
    return False


def _in_range(value: datetime) -> datetime:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise DateError(
            f"năm {value.year} nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}, có lẽ gõ nhầm. {DATE_HELP}"
        )
    return value


def to_vietnam(value: datetime) -> datetime:
    """The same instant on the Vietnam clock, for display."""
    return value.astimezone(VIETNAM)
