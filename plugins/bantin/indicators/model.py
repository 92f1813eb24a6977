"""Indicators (chỉ số): the figures a post reports, as exact, engine-free data.

An :class:`Indicator` is one item of a post's ``indicators`` front matter,
already validated (see :mod:`.parse`). All numbers are :class:`~decimal.Decimal`
as written; everything derived from them (percent achieved, change against the
previous period, sum of parts) is computed here with exact decimal arithmetic.

Kinds (an indicator can be several at once):

``amount``
    a figure with its unit (every indicator without ``of``);
``ratio``
    ``value`` out of ``of`` ("49/51 trường hợp"), with its computed percent;
``target``
    ``value`` against a planned figure, percent achieved = value / target;
``percent``
    a percent stated in the article with nothing to compute it from;
``parts``
    a breakdown whose values add up to ``value``;
``change``
    ``value`` against ``previous`` (▲/▼).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext

from ..core.numbers import fraction_digits

AMOUNT, RATIO, TARGET, PERCENT, PARTS, CHANGE = (
    "amount",
    "ratio",
    "target",
    "percent",
    "parts",
    "change",
)
HUNDRED = Decimal(100)
# Enough digits for exact-looking percentages of figures up to 10^18 with 10 decimals.
_PRECISION = 50


def divide(numerator: Decimal, denominator: Decimal) -> Decimal:
    """``numerator / denominator`` with a fixed, generous precision (independent of the caller's context)."""
    with localcontext() as context:
        context.prec = _PRECISION
        return numerator / denominator


def percent_of(value: Decimal, whole: Decimal) -> Decimal | None:
    """``value / whole × 100``, or ``None`` when ``whole`` is zero."""
    if whole == 0:
        return None
    return divide(value * HUNDRED, whole)


def round_half_up(number: Decimal, places: int) -> Decimal:
    """Round as people do on paper: 96,075 -> 96,08 (Python's default would give 96,08 or 96,07)."""
    with localcontext() as context:
        context.prec = _PRECISION
        return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def percent_agrees(stated: Decimal, computed: Decimal) -> bool:
    """Whether a stated percent is ``computed`` rounded the way the stated figure is written.

    The computed percent is rounded half-up to as many decimals as the stated
    one has: 49/51 = 96,0784…% agrees with "96,08" and "96,1" and "96", not
    with "96,07"; 20/22 = 90,9090…% agrees with "90,9" and "90,91".
    """
    return round_half_up(computed, fraction_digits(stated)) == stated


@dataclass(frozen=True)
class Part:
    """One line of a breakdown: ``{label: Cấp quận, value: 52}``."""

    label: str
    value: Decimal


@dataclass(frozen=True)
class Indicator:
    """One figure a post reports.

    ``percent`` is the percent *stated* in the article, if any; the percent
    computed from the figures is :attr:`computed_percent`. ``line`` is the line
    of the item in the post file (for messages), when known.
    """

    label: str
    id: str
    value: Decimal
    unit: str = ""
    target: Decimal | None = None
    of: Decimal | None = None
    percent: Decimal | None = None
    previous: Decimal | None = None
    parts: tuple[Part, ...] = ()
    line: int | None = field(default=None, compare=False)

    @property
    def base(self) -> Decimal | None:
        """What the percent is computed against: ``of`` for a ratio, else ``target``."""
        return self.of if self.of is not None else self.target

    @property
    def computed_percent(self) -> Decimal | None:
        """``value / of`` (or ``value / target``) × 100, exact to 50 digits; ``None`` without a base."""
        base = self.base
        return None if base is None else percent_of(self.value, base)

    @property
    def shown_percent(self) -> Decimal | None:
        """The percent readers see: the stated one (as in the article), else the computed one."""
        return self.percent if self.percent is not None else self.computed_percent

    @property
    def percent_mismatch(self) -> bool:
        """A stated percent disagrees with the figures beyond its own rounding."""
        computed = self.computed_percent
        if self.percent is None or computed is None:
            return False
        return not percent_agrees(self.percent, computed)

    @property
    def change(self) -> Decimal | None:
        """``value - previous``, or ``None`` without ``previous``."""
        return None if self.previous is None else self.value - self.previous

    @property
    def change_percent(self) -> Decimal | None:
        """The change as a percent of ``previous`` (``None`` when previous is 0 or missing)."""
        change = self.change
        if change is None or self.previous is None or self.previous == 0:
            return None
        return divide(change * HUNDRED, abs(self.previous))

    @property
    def parts_total(self) -> Decimal | None:
        """The sum of the parts' values, or ``None`` without parts."""
        if not self.parts:
            return None
        return sum((part.value for part in self.parts), Decimal(0))

    @property
    def parts_mismatch(self) -> bool:
        total = self.parts_total
        return total is not None and total != self.value

    @property
    def exceeds_whole(self) -> bool:
        """``value`` is larger than ``of`` (a part cannot be more than the whole)."""
        return self.of is not None and self.value > self.of

    @property
    def is_percent_unit(self) -> bool:
        """The figure itself is a percentage (``unit: "%"``)."""
        return self.unit.strip() == "%"

    @property
    def kind(self) -> str:
        """The main kind: ``ratio`` with ``of``, else ``amount``."""
        return RATIO if self.of is not None else AMOUNT

    @property
    def kinds(self) -> tuple[str, ...]:
        """Every kind this indicator shows, main kind first (see the module docstring)."""
        kinds = [self.kind]
        if self.target is not None:
            kinds.append(TARGET)
        elif self.percent is not None and self.of is None:
            kinds.append(PERCENT)
        if self.parts:
            kinds.append(PARTS)
        if self.previous is not None:
            kinds.append(CHANGE)
        return tuple(kinds)


__all__ = [
    "AMOUNT",
    "CHANGE",
    "PARTS",
    "PERCENT",
    "RATIO",
    "TARGET",
    "Indicator",
    "Part",
    "divide",
    "percent_agrees",
    "percent_of",
    "round_half_up",
]
