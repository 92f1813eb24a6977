"""The indicator model: exact derived figures and the rounding rule of the percent check."""

from __future__ import annotations

from decimal import Decimal as D
from decimal import localcontext

import pytest
from bantin.indicators.model import (
    Indicator,
    Part,
    percent_agrees,
    percent_of,
    round_half_up,
)


def make(**fields: object) -> Indicator:
    values = {"label": "Chỉ số", "id": "chi-so", "value": D(1)}
    values.update(fields)
    return Indicator(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "whole", "stated", "agrees"),
    [
        # the contract's examples
        (49, 51, "96.08", True),
        (49, 51, "96.07", False),
        (20, 22, "90.9", True),
        (20, 22, "90.91", True),
        (20, 22, "90.90", False),  # two decimals claimed: 90,91
        (20, 22, "91", True),
        (49, 51, "96.1", True),
        (49, 51, "96", True),
        (49, 51, "96.080", False),  # 96,078
        # half-up, not Python's half-even: 1/8 = 12,5%, 1/16 = 6,25%, 3/8 = 37,5%
        (1, 8, "13", True),
        (1, 8, "12", False),
        (1, 16, "6.3", True),
        (1, 16, "6.2", False),
        (3, 8, "38", True),
        (5, 8, "63", True),
        (5, 8, "62", False),
        # over a hundred and exact
        (128800000, 110000000, "117.09", True),
        (22, 22, "100", True),
        (22, 22, "100.00", True),
        (93095000, 105350000, "88.37", True),
        (93095000, 105350000, "88.38", False),
    ],
)
def test_percent_agrees_with_the_rounding_of_the_stated_figure(
    value: int, whole: int, stated: str, agrees: bool
) -> None:
    computed = percent_of(D(value), D(whole))
    assert computed is not None
    assert percent_agrees(D(stated), computed) is agrees


def test_percent_is_exact_decimal_whatever_the_callers_context() -> None:
    with localcontext() as context:
        context.prec = 3  # a caller's low precision must not leak into the check
        assert percent_of(D(1), D(8)) == D("12.5")
        third = percent_of(D(1), D(3))
    assert third is not None and len(third.as_tuple().digits) == 50
    assert (
        str(percent_of(D(93095000), D(105350000)))
        == "88.367346938775510204081632653061224489795918367347"
    )
    assert percent_of(D(1), D(0)) is None


@pytest.mark.parametrize(
    ("number", "places", "expected"),
    [
        ("96.075", 2, "96.08"),
        ("0.125", 2, "0.13"),
        ("2.5", 0, "3"),
        ("-2.5", 0, "-3"),
        ("90.909", 1, "90.9"),
    ],
)
def test_round_half_up(number: str, places: int, expected: str) -> None:
    assert str(round_half_up(D(number), places)) == expected


def test_ratio_uses_of_before_target() -> None:
    both = make(value=D(49), of=D(51), target=D(45))
    assert both.base == D(51)
    assert both.kind == "ratio"
    assert both.kinds == ("ratio", "target")


@pytest.mark.parametrize(
    ("fields", "kinds"),
    [
        ({"value": D(93095000), "unit": "đồng"}, ("amount",)),
        ({"target": D(100)}, ("amount", "target")),
        ({"percent": D("88.37")}, ("amount", "percent")),
        ({"of": D(2)}, ("ratio",)),
        ({"of": D(2), "percent": D(50)}, ("ratio",)),
        ({"parts": (Part("a", D(1)),)}, ("amount", "parts")),
        ({"previous": D(0)}, ("amount", "change")),
        (
            {"target": D(2), "parts": (Part("a", D(1)),), "previous": D(3)},
            ("amount", "target", "parts", "change"),
        ),
    ],
)
def test_kinds(fields: dict[str, object], kinds: tuple[str, ...]) -> None:
    assert make(**fields).kinds == kinds


def test_derived_figures() -> None:
    indicator = make(
        value=D(199), previous=D(176), parts=(Part("a", D(2)), Part("b", D(52)), Part("c", D(145)))
    )
    assert indicator.change == D(23)
    assert round_half_up(indicator.change_percent or D(0), 4) == D("13.0682")
    assert indicator.parts_total == D(199)
    assert not indicator.parts_mismatch
    assert indicator.computed_percent is None
    assert not indicator.percent_mismatch


def test_change_against_zero_or_negative_previous() -> None:
    assert make(value=D(5), previous=D(0)).change_percent is None
    # from -10 to -5 is a rise of 50% of the size of the previous figure
    assert make(value=D(-5), previous=D(-10)).change_percent == D(50)


def test_mismatches() -> None:
    assert make(value=D(49), of=D(51), percent=D("96.07")).percent_mismatch
    assert not make(value=D(49), of=D(51), percent=D("96.08")).percent_mismatch
    assert make(value=D(5), parts=(Part("a", D(2)), Part("b", D(2)))).parts_mismatch
    assert make(value=D(52), of=D(51)).exceeds_whole
    assert not make(value=D(51), of=D(51)).exceeds_whole


def test_decimal_sums_are_exact() -> None:
    parts = (Part("a", D("0.1")), Part("b", D("0.2")))
    assert not make(value=D("0.3"), parts=parts).parts_mismatch


def test_line_does_not_change_identity() -> None:
    assert make(line=3) == make(line=9)
