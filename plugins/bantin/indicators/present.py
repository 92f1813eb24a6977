"""What an indicator box shows, as plain Vietnamese strings ready for a template.

:func:`present` turns an :class:`~.model.Indicator` into an
:class:`IndicatorView`; every number is already formatted with Babel (locale
``vi``, through :mod:`bantin.core.vnformat`), so the template
(``templates/partials/indicator-box.html``) only prints fields and loops.
Every string is **plain text** (labels and units come from staff): the template
must escape them (autoescape, or ``|e``). Empty string means "not shown".

Fields of :class:`IndicatorView` (examples from the demo posts):

``id``, ``label``, ``unit``
    as written (``ty-le-hoa-tang``, ``Người qua đời được hỏa táng``, ``người``).
``kind``, ``kinds``
    main kind (``amount`` or ``ratio``) and every kind shown, main first
    (``("amount", "target", "change")``); usable as CSS class suffixes.
``value``
    the exact figure: ``93.095.000``, ``1.234,5``.
``figure``
    the main figure with its unit: ``93.095.000 đồng``, ``95%`` (unit ``%``),
    or for a ratio ``49/51 người``.
``compact``
    for amounts of a million or more: ``93,1 triệu đồng`` (rounded, so always
    printed *beside* ``figure``, never instead of it); else ``""``.
``percent``
    the percent shown: the stated one as written (``88,37%``), else the one
    computed from ``of``/``target`` rounded half-up to 2 decimals (``96,08%``,
    ``117,09%``); ``""`` when there is none.
``percent_phrase``
    ``đạt 88,37% kế hoạch`` (with ``target``), ``đạt 88,37%`` (stated percent,
    or a ratio's ``đạt 96,08%``); ``""`` without a percent.
``summary``
    the whole figure in one line, as it reads in prose:
    ``93.095.000 đồng (đạt 88,37%)``, ``49/51 người (96,08%)``,
    ``186 đơn vị máu (đạt 116,25% kế hoạch)``, ``1.260 người``.
    :func:`inline_text` returns it.
``target``, ``target_text``
    ``105.350.000 đồng`` and ``Kế hoạch: 105.350.000 đồng``; ``""`` without target.
``bar``
    the progress bar's width as a CSS number between ``0`` and ``100``
    (``"88.37"``, ``"100"`` when over); ``""`` without a percent.
``bar_over``
    the percent is over 100 (the bar is full, the text says ``117,09%``).
``bar_label``
    accessible name of the bar: ``Đạt 88,37% kế hoạch``, ``49/51 người, đạt 96,08%``.
``parts``
    tuple of :class:`PartView` (``label``, ``value`` ``52``, ``amount``
    ``52 mô hình``, ``percent`` share of the total ``26,13%``, ``bar`` ``"26.13"``).
``parts_total``, ``parts_total_text``
    ``199 mô hình`` and ``Tổng: 199 mô hình``; ``""`` without parts.
``change``
    a :class:`ChangeView` or ``None`` without ``previous``:
    ``direction`` (``up``/``down``/``same``), ``symbol`` (``▲``/``▼``/``=``,
    decorative: mark it ``aria-hidden``), ``text`` (visible, words included so
    colour is never the only cue: ``▲ 12 (tăng 9,5%)``, ``▼ 3 (giảm 20%)``,
    ``không đổi``), ``difference`` (``12 hộ``), ``percent`` (``9,5%``),
    ``previous`` (``128 hộ``), ``previous_text`` (``Kỳ trước: 128 hộ``),
    ``spoken`` (for screen readers: ``tăng 12 hộ (9,5%) so với kỳ trước``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from ..core.numbers import fraction_digits
from ..core.vnformat import format_compact, format_number, format_percent
from .model import TARGET, Indicator, percent_of, round_half_up

PERCENT_PLACES = 2
COMPACT_MIN = Decimal(10) ** 6
COMPACT_MAX = Decimal(10) ** 15  # Babel's vi compact forms stop at "nghìn tỷ"
_HUNDRED = Decimal(100)


def figure(number: Decimal) -> str:
    """The exact figure, every written decimal kept: ``93095000`` -> ``93.095.000``, ``1234.5`` -> ``1.234,5``."""
    return format_number(number, fraction_digits(number))


def amount(number: Decimal, unit: str = "") -> str:
    """A figure with its unit: ``93.095.000 đồng``, ``95%``, ``12``."""
    text = figure(number)
    unit = unit.strip()
    if not unit:
        return text
    if unit == "%":
        return text + "%"
    return f"{text} {unit}"


def percent_text(number: Decimal, places: int = PERCENT_PLACES) -> str:
    """A computed percent, rounded half-up: ``96.0784…`` -> ``96,08%``, ``100`` -> ``100%``."""
    return format_percent(round_half_up(number, places), places)


def stated_percent_text(number: Decimal) -> str:
    """A percent as the article states it: ``88.37`` -> ``88,37%``."""
    return format_percent(number, fraction_digits(number))


def compact(number: Decimal, unit: str = "") -> str:
    """``93,1 triệu đồng`` for amounts from a million up to a thousand trillion, else ``""``.

    The figure is rounded half-up to one decimal of its unit (triệu, tỷ, nghìn
    tỷ) first, so 999.960.000 reads ``1 tỷ``, not ``1000 triệu``.
    """
    magnitude = abs(number)
    if unit.strip() == "%" or not COMPACT_MIN <= magnitude < COMPACT_MAX:
        return ""
    exponent = magnitude.adjusted() // 3 * 3
    scale = Decimal(10) ** exponent
    mantissa = round_half_up(magnitude / scale, 1)
    if mantissa >= 1000:
        mantissa, scale = round_half_up(mantissa / 1000, 1), scale * 1000
    rounded = mantissa * scale
    if rounded >= COMPACT_MAX:
        return ""
    text = format_compact(-rounded if number < 0 else rounded)
    return f"{text} {unit.strip()}" if unit.strip() else text


def css_width(number: Decimal) -> str:
    """A percentage as a CSS number clamped to 0–100: ``"88.37"``, ``"100"``."""
    clamped = min(max(number, Decimal(0)), _HUNDRED)
    text = format(round_half_up(clamped, 2), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class PartView:
    label: str
    value: str
    amount: str
    percent: str
    bar: str


@dataclass(frozen=True)
class ChangeView:
    direction: str
    symbol: str
    text: str
    difference: str
    percent: str
    previous: str
    previous_text: str
    spoken: str


@dataclass(frozen=True)
class IndicatorView:
    id: str
    label: str
    unit: str
    kind: str
    kinds: tuple[str, ...]
    value: str
    figure: str
    compact: str
    percent: str
    percent_phrase: str
    summary: str
    target: str
    target_text: str
    bar: str
    bar_over: bool
    bar_label: str
    parts: tuple[PartView, ...]
    parts_total: str
    parts_total_text: str
    change: ChangeView | None


def _change_percent(number: Decimal) -> str:
    """1 decimal, or more when a real change would otherwise read 0%."""
    places = 1
    while round_half_up(number, places) == 0 and places < 4:
        places += 1
    return percent_text(number, places)


def present_change(indicator: Indicator, against: str = "kỳ trước") -> ChangeView | None:
    """▲/▼ against ``previous``; ``against`` names what it is compared with in the spoken text."""
    change, previous = indicator.change, indicator.previous
    if change is None or previous is None:
        return None
    unit = indicator.unit.strip()
    shown_previous = amount(previous, unit)
    previous_text = f"Kỳ trước: {shown_previous}"
    if change == 0:
        return ChangeView(
            "same",
            "=",
            "không đổi",
            "",
            "",
            shown_previous,
            previous_text,
            f"không đổi so với {against}",
        )
    up = change > 0
    direction, symbol, verb = ("up", "▲", "tăng") if up else ("down", "▼", "giảm")
    size = abs(change)
    if unit == "%":  # a change of a percentage is in percentage points
        difference = f"{figure(size)} điểm phần trăm"
        return ChangeView(
            direction,
            symbol,
            f"{symbol} {difference}",
            difference,
            "",
            shown_previous,
            previous_text,
            f"{verb} {difference} so với {against}",
        )
    difference = amount(size, unit)
    ratio = indicator.change_percent
    if ratio is None:  # previous was 0: no percent of change
        return ChangeView(
            direction,
            symbol,
            f"{symbol} {figure(size)}",
            difference,
            "",
            shown_previous,
            previous_text,
            f"{verb} {difference} so với {against}",
        )
    share = _change_percent(abs(ratio))
    return ChangeView(
        direction,
        symbol,
        f"{symbol} {figure(size)} ({verb} {share})",
        difference,
        share,
        shown_previous,
        previous_text,
        f"{verb} {difference} ({share}) so với {against}",
    )


def present_parts(indicator: Indicator) -> tuple[PartView, ...]:
    views = []
    for part in indicator.parts:
        share = percent_of(part.value, indicator.value) if indicator.value > 0 else None
        views.append(
            PartView(
                label=part.label,
                value=figure(part.value),
                amount=amount(part.value, indicator.unit),
                percent=percent_text(share) if share is not None else "",
                bar=css_width(share) if share is not None else "",
            )
        )
    return tuple(views)


def present(indicator: Indicator) -> IndicatorView:
    """Everything the indicator box prints, formatted (see the module docstring).

    Memoised: one indicator is shown in its post's box, inline in the text, on
    its indicator page (chart, table) and maybe on the home page. The key is
    the figures as written (``Decimal("1.0")`` equals ``Decimal("1")`` but
    prints ``1,0``), never the object's identity.
    """
    return _present(_written(indicator), indicator)


def _written(indicator: Indicator) -> tuple[Any, ...]:
    def exact(number: Decimal | None) -> str | None:
        return None if number is None else str(number)

    return (
        indicator.label,
        indicator.id,
        exact(indicator.value),
        indicator.unit,
        exact(indicator.target),
        exact(indicator.of),
        exact(indicator.percent),
        exact(indicator.previous),
        tuple((part.label, exact(part.value)) for part in indicator.parts),
    )


@lru_cache(maxsize=131072)
def _present(key: tuple[Any, ...], indicator: Indicator) -> IndicatorView:
    unit = indicator.unit.strip()
    if indicator.of is not None:
        main = f"{figure(indicator.value)}/{figure(indicator.of)}" + (f" {unit}" if unit else "")
    else:
        main = amount(indicator.value, unit)
    shown = indicator.shown_percent
    percent = ""
    if indicator.percent is not None:
        percent = stated_percent_text(indicator.percent)
    elif shown is not None:
        percent = percent_text(shown)
    against_target = TARGET in indicator.kinds and indicator.of is None
    phrase = ""
    if percent:
        phrase = f"đạt {percent}" + (" kế hoạch" if against_target else "")
    if not percent:
        summary = main
    elif indicator.of is not None:
        summary = f"{main} ({percent})"
    else:
        summary = f"{main} ({phrase})"
    bar_label = ""
    if percent:
        bar_label = (
            f"{main}, {phrase}" if indicator.of is not None else phrase[:1].upper() + phrase[1:]
        )
    target = amount(indicator.target, unit) if indicator.target is not None else ""
    total = indicator.parts_total
    parts_total = amount(indicator.value, unit) if total is not None else ""
    return IndicatorView(
        id=indicator.id,
        label=indicator.label,
        unit=unit,
        kind=indicator.kind,
        kinds=indicator.kinds,
        value=figure(indicator.value),
        figure=main,
        compact=compact(indicator.value, unit),
        percent=percent,
        percent_phrase=phrase,
        summary=summary,
        target=target,
        target_text=f"Kế hoạch: {target}" if target else "",
        bar=css_width(shown) if shown is not None else "",
        bar_over=shown is not None and shown > _HUNDRED,
        bar_label=bar_label,
        parts=present_parts(indicator),
        parts_total=parts_total,
        parts_total_text=f"Tổng: {parts_total}" if parts_total else "",
        change=present_change(indicator),
    )


def inline_text(indicator: Indicator) -> str:
    """The figure as it reads in a sentence: ``93.095.000 đồng (đạt 88,37%)``, ``49/51 người (96,08%)``."""
    return present(indicator).summary


__all__ = [
    "ChangeView",
    "IndicatorView",
    "PartView",
    "amount",
    "compact",
    "css_width",
    "figure",
    "inline_text",
    "percent_text",
    "present",
    "present_change",
    "present_parts",
    "stated_percent_text",
]
