"""What the indicator box prints: exact Vietnamese strings for every kind."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from bantin.indicators.model import Indicator, Part
from bantin.indicators.present import (
    ChangeView,
    PartView,
    amount,
    compact,
    css_width,
    figure,
    inline_text,
    present,
    present_change,
)


def make(**fields: object) -> Indicator:
    values = {"label": "Chỉ số", "id": "chi-so", "value": D(1)}
    values.update(fields)
    return Indicator(**values)  # type: ignore[arg-type]


def test_amount_with_unit_and_compact_form() -> None:
    view = present(make(label="Quỹ “Vì người nghèo”", id="quy", value=D(93095000), unit="đồng"))
    assert view.kind == "amount"
    assert view.kinds == ("amount",)
    assert view.value == "93.095.000"
    assert view.figure == "93.095.000 đồng"
    assert view.compact == "93,1 triệu đồng"
    assert view.summary == "93.095.000 đồng"
    assert (view.percent, view.percent_phrase, view.bar, view.bar_label) == ("", "", "", "")
    assert view.bar_over is False
    assert view.change is None
    assert view.parts == ()


def test_target_with_stated_percent() -> None:
    view = present(make(value=D(93095000), unit="đồng", target=D(105350000), percent=D("88.37")))
    assert view.kinds == ("amount", "target")
    assert view.percent == "88,37%"
    assert view.percent_phrase == "đạt 88,37% kế hoạch"
    assert view.summary == "93.095.000 đồng (đạt 88,37% kế hoạch)"
    assert view.target == "105.350.000 đồng"
    assert view.target_text == "Kế hoạch: 105.350.000 đồng"
    assert view.bar == "88.37"
    assert view.bar_label == "Đạt 88,37% kế hoạch"
    assert view.bar_over is False


def test_stated_percent_alone() -> None:
    view = present(make(value=D(93095000), unit="đồng", percent=D("88.37")))
    assert view.kinds == ("amount", "percent")
    assert view.percent_phrase == "đạt 88,37%"
    assert view.summary == "93.095.000 đồng (đạt 88,37%)"
    assert view.bar == "88.37"
    assert view.bar_label == "Đạt 88,37%"
    assert view.target_text == ""


def test_over_target_keeps_the_text_and_fills_the_bar() -> None:
    view = present(make(value=D(128800000), unit="đồng", target=D(110000000)))
    assert view.percent == "117,09%"
    assert view.summary == "128.800.000 đồng (đạt 117,09% kế hoạch)"
    assert view.bar == "100"
    assert view.bar_over is True


def test_ratio_with_computed_percent() -> None:
    view = present(
        make(label="Người qua đời được hỏa táng", value=D(49), of=D(51), unit="trường hợp")
    )
    assert view.kind == "ratio"
    assert view.figure == "49/51 trường hợp"
    assert view.percent == "96,08%"
    assert view.percent_phrase == "đạt 96,08%"
    assert view.summary == "49/51 trường hợp (96,08%)"
    assert view.bar == "96.08"
    assert view.bar_label == "49/51 trường hợp, đạt 96,08%"
    assert view.compact == ""


def test_ratio_shows_the_stated_percent_as_written() -> None:
    view = present(make(value=D(20), of=D(22), unit="người", percent=D("90.9")))
    assert view.summary == "20/22 người (90,9%)"
    assert view.bar == "90.9"


def test_ratio_computed_percent_rounds_half_up() -> None:
    # 1/8 = 12,5%: two decimals keep it; 1/16 = 6,25%; 2/3 = 66,666…% -> 66,67%
    assert present(make(value=D(1), of=D(8))).percent == "12,5%"
    assert present(make(value=D(1), of=D(16))).percent == "6,25%"
    assert present(make(value=D(2), of=D(3))).percent == "66,67%"
    assert present(make(value=D(1), of=D(800))).percent == "0,13%"  # 0,125 -> 0,13 (half-up)
    assert present(make(value=D(22), of=D(22))).percent == "100%"
    assert present(make(value=D(4215), of=D(4563), unit="hộ")).summary == "4.215/4.563 hộ (92,37%)"


def test_parts_rows_and_total() -> None:
    view = present(
        make(
            value=D(199),
            unit="mô hình",
            parts=(Part("Cấp thành phố", D(2)), Part("Cấp quận", D(52)), Part("Cấp cơ sở", D(145))),
        )
    )
    assert view.kinds == ("amount", "parts")
    assert view.parts == (
        PartView("Cấp thành phố", "2", "2 mô hình", "1,01%", "1.01"),
        PartView("Cấp quận", "52", "52 mô hình", "26,13%", "26.13"),
        PartView("Cấp cơ sở", "145", "145 mô hình", "72,86%", "72.86"),
    )
    assert view.parts_total == "199 mô hình"
    assert view.parts_total_text == "Tổng: 199 mô hình"


def test_parts_of_a_zero_total_have_no_share() -> None:
    view = present(make(value=D(0), parts=(Part("A", D(0)),)))
    assert view.parts == (PartView("A", "0", "0", "", ""),)


@pytest.mark.parametrize(
    ("value", "previous", "unit", "expected"),
    [
        (
            D(137),
            D(125),
            "hộ",
            ChangeView(
                "up",
                "▲",
                "▲ 12 (tăng 9,6%)",
                "12 hộ",
                "9,6%",
                "125 hộ",
                "Kỳ trước: 125 hộ",
                "tăng 12 hộ (9,6%) so với kỳ trước",
            ),
        ),
        (
            D(138),
            D(126),
            "hộ",  # 12/126 = 9,5238…%
            ChangeView(
                "up",
                "▲",
                "▲ 12 (tăng 9,5%)",
                "12 hộ",
                "9,5%",
                "126 hộ",
                "Kỳ trước: 126 hộ",
                "tăng 12 hộ (9,5%) so với kỳ trước",
            ),
        ),
        (
            D(6),
            D(8),
            "cuộc",
            ChangeView(
                "down",
                "▼",
                "▼ 2 (giảm 25%)",
                "2 cuộc",
                "25%",
                "8 cuộc",
                "Kỳ trước: 8 cuộc",
                "giảm 2 cuộc (25%) so với kỳ trước",
            ),
        ),
        (
            D(24),
            D(24),
            "tổ",
            ChangeView(
                "same",
                "=",
                "không đổi",
                "",
                "",
                "24 tổ",
                "Kỳ trước: 24 tổ",
                "không đổi so với kỳ trước",
            ),
        ),
        (
            D(120),
            D(0),
            "hồ sơ",
            ChangeView(
                "up",
                "▲",
                "▲ 120",
                "120 hồ sơ",
                "",
                "0 hồ sơ",
                "Kỳ trước: 0 hồ sơ",
                "tăng 120 hồ sơ so với kỳ trước",
            ),
        ),
        (
            D("99.47"),
            D("98.2"),
            "%",
            ChangeView(
                "up",
                "▲",
                "▲ 1,27 điểm phần trăm",
                "1,27 điểm phần trăm",
                "",
                "98,2%",
                "Kỳ trước: 98,2%",
                "tăng 1,27 điểm phần trăm so với kỳ trước",
            ),
        ),
        (
            D(136250000),
            D(131400000),
            "đồng",
            ChangeView(
                "up",
                "▲",
                "▲ 4.850.000 (tăng 3,7%)",
                "4.850.000 đồng",
                "3,7%",
                "131.400.000 đồng",
                "Kỳ trước: 131.400.000 đồng",
                "tăng 4.850.000 đồng (3,7%) so với kỳ trước",
            ),
        ),
        (
            D(100001),
            D(100000),
            "",  # 0,001%: more decimals rather than "tăng 0%"
            ChangeView(
                "up",
                "▲",
                "▲ 1 (tăng 0,001%)",
                "1",
                "0,001%",
                "100.000",
                "Kỳ trước: 100.000",
                "tăng 1 (0,001%) so với kỳ trước",
            ),
        ),
        (
            D("1.05"),
            D("1"),
            "tấn",  # 5% exactly, half-up at one decimal
            ChangeView(
                "up",
                "▲",
                "▲ 0,05 (tăng 5%)",
                "0,05 tấn",
                "5%",
                "1 tấn",
                "Kỳ trước: 1 tấn",
                "tăng 0,05 tấn (5%) so với kỳ trước",
            ),
        ),
    ],
)
def test_change(value: D, previous: D, unit: str, expected: ChangeView) -> None:
    indicator = make(value=value, previous=previous, unit=unit)
    assert present_change(indicator) == expected
    assert present(indicator).change == expected


def test_change_can_name_what_it_is_compared_with() -> None:
    change = present_change(make(value=D(3), previous=D(2), unit="hộ"), against="lần báo cáo trước")
    assert change is not None
    assert change.spoken == "tăng 1 hộ (50%) so với lần báo cáo trước"


def test_every_kind_at_once() -> None:
    view = present(
        make(
            value=D(186),
            unit="đơn vị máu",
            target=D(160),
            previous=D(142),
            parts=(Part("Cán bộ", D(86)), Part("Nhân dân", D(100))),
        )
    )
    assert view.kinds == ("amount", "target", "parts", "change")
    assert view.summary == "186 đơn vị máu (đạt 116,25% kế hoạch)"
    assert view.bar == "100" and view.bar_over
    assert view.change is not None and view.change.text == "▲ 44 (tăng 31%)"
    assert [p.percent for p in view.parts] == ["46,24%", "53,76%"]


@pytest.mark.parametrize(
    ("indicator", "text"),
    [
        (make(value=D(93095000), unit="đồng", percent=D("88.37")), "93.095.000 đồng (đạt 88,37%)"),
        (make(value=D(49), of=D(51), unit="trường hợp"), "49/51 trường hợp (96,08%)"),
        (make(value=D(1260), unit="người"), "1.260 người"),
        (make(value=D("1234.5"), unit="kg"), "1.234,5 kg"),
        (make(value=D(95), unit="%"), "95%"),
        (make(value=D(7)), "7"),
    ],
)
def test_inline_text(indicator: Indicator, text: str) -> None:
    assert inline_text(indicator) == text


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("93095000", "93.095.000"),
        ("1234.5", "1.234,5"),
        ("12345.678", "12.345,678"),  # every written decimal kept
        ("0.125", "0,125"),
        ("-42", "-42"),
        ("0", "0"),
    ],
)
def test_figure_keeps_the_exact_value(number: str, expected: str) -> None:
    assert figure(D(number)) == expected


def test_amount_units() -> None:
    assert amount(D(12), "hộ") == "12 hộ"
    assert amount(D(95), "%") == "95%"
    assert amount(D(12), " ") == "12"


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (93095000, "93,1 triệu đồng"),
        (1000000, "1 triệu đồng"),
        (1050000, "1,1 triệu đồng"),  # half-up, not half-even's "1 triệu"
        (999999, ""),
        (999960000, "1 tỷ đồng"),  # not "1000 triệu"
        (1234567890, "1,2 tỷ đồng"),
        (10**12, "1 nghìn tỷ đồng"),
        (10**15, ""),  # Babel has no name beyond "nghìn tỷ"
        (-1500000, "-1,5 triệu đồng"),
    ],
)
def test_compact(number: int, expected: str) -> None:
    assert compact(D(number), "đồng") == expected


def test_compact_never_for_percent_units() -> None:
    assert compact(D(5000000), "%") == ""


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("88.37", "88.37"),
        ("117.09", "100"),
        ("-5", "0"),
        ("0", "0"),
        ("96.0784313", "96.08"),
        ("50.5", "50.5"),
    ],
)
def test_css_width(number: str, expected: str) -> None:
    assert css_width(D(number)) == expected


def test_labels_and_units_stay_plain_text() -> None:
    view = present(make(label="<b>Quỹ</b> & co", value=D(1), unit="<i>hộ</i>"))
    assert view.label == "<b>Quỹ</b> & co"  # the template escapes it
    assert view.figure == "1 <i>hộ</i>"
