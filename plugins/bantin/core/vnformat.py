"""All Vietnamese formatting of numbers and dates, through Babel with locale ``vi``.

Every function passes ``locale=`` explicitly: Babel's default is the machine's
locale, which would make a build depend on where it runs. The functions are
pure, and a news site prints the same dates, counts and figures on many pages
(latest news on every page, an indicator on its post, its page and the home
page), so they are memoised; Babel's formatting is the costliest step of a
build after Jinja. ``typed=True``: ``1`` and ``Decimal(1)`` are kept apart.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from babel import dates as babel_dates
from babel import numbers as babel_numbers

from .dates import to_vietnam

LOCALE = "vi"

Number = int | Decimal


@lru_cache(maxsize=65536)
def format_integer(value: int) -> str:
    """``3072`` -> ``3.072``."""
    return babel_numbers.format_decimal(value, locale=LOCALE, group_separator=True)


@lru_cache(maxsize=65536, typed=True)
def format_number(value: Number, max_fraction_digits: int = 2) -> str:
    """A figure as written in the article: ``93095000`` -> ``93.095.000``, ``1234.5`` -> ``1.234,5``."""
    pattern = "#,##0" + ("." + "#" * max_fraction_digits if max_fraction_digits else "")
    return babel_numbers.format_decimal(
        value, format=pattern, locale=LOCALE, decimal_quantization=True
    )


@lru_cache(maxsize=65536, typed=True)
def format_percent(value: Number, fraction_digits: int = 2) -> str:
    """A percentage given in percent units: ``Decimal("88.37")`` -> ``88,37%``.

    Trailing zeros are dropped (``90.90`` -> ``90,9%``) so figures read as staff write them.
    """
    pattern = "#,##0" + ("." + "#" * fraction_digits if fraction_digits else "")
    return babel_numbers.format_decimal(value, format=pattern, locale=LOCALE) + "%"


@lru_cache(maxsize=65536, typed=True)
def format_compact(value: Number) -> str:
    """Long compact form for big amounts: ``93095000`` -> ``93,1 triệu``."""
    return babel_numbers.format_compact_decimal(
        value, format_type="long", fraction_digits=1, locale=LOCALE
    )


def _local(value: date | datetime) -> date | datetime:
    """Readers see Vietnam time, whatever offset the post was written with."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return to_vietnam(value)
    return value


@lru_cache(maxsize=65536)
def format_date(value: date | datetime) -> str:
    """``13/10/2020``."""
    return babel_dates.format_date(_local(value), "dd/MM/y", locale=LOCALE)


@lru_cache(maxsize=65536)
def format_time(value: datetime) -> str:
    """``09:17``."""
    return babel_dates.format_time(
        to_vietnam(value) if value.tzinfo else value, "HH:mm", locale=LOCALE
    )


@lru_cache(maxsize=65536)
def format_datetime(value: datetime) -> str:
    """``13/10/2020 | 09:17``, the form ward portals print under a headline."""
    return f"{format_date(value)} | {format_time(value)}"


@lru_cache(maxsize=65536, typed=True)
def format_month_year(value: date | datetime) -> str:
    """``tháng 10 năm 2020``, from Babel's own month names."""
    return babel_dates.format_date(_local(value), "MMMM 'năm' y", locale=LOCALE)


@lru_cache(maxsize=65536, typed=True)
def format_month_name(value: date | datetime) -> str:
    """``Tháng 10``, capitalised for headings and lists."""
    name = babel_dates.format_date(_local(value), "MMMM", locale=LOCALE)
    return name[:1].upper() + name[1:]


@lru_cache(maxsize=65536, typed=True)
def format_long_date(value: date | datetime) -> str:
    """``Thứ Ba, 13 tháng 10, 2020``: Babel's full form, for the header's date line."""
    text = babel_dates.format_date(_local(value), "full", locale=LOCALE)
    return text[:1].upper() + text[1:]


@lru_cache(maxsize=65536, typed=True)
def format_fixed(value: Number, fraction_digits: int) -> str:
    """Exactly ``fraction_digits`` decimals, zeros kept: ``(Decimal("93.095"), 3)`` -> ``93,095``.

    For quoting back a figure as it must be written (``1,000`` is not ``1``).
    """
    pattern = "#,##0" + ("." + "0" * fraction_digits if fraction_digits else "")
    return babel_numbers.format_decimal(
        value, format=pattern, locale=LOCALE, decimal_quantization=True
    )


@lru_cache(maxsize=65536, typed=True)
def format_month_numeric(value: date | datetime) -> str:
    """``11/2026``, for short labels such as "Trong tháng 11/2026"."""
    return babel_dates.format_date(_local(value), "MM/y", locale=LOCALE)
