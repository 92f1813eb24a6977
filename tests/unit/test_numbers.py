"""parse_number: the figures staff write, read exactly, or refused with how to write them."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from bantin.core.numbers import LIMIT, NumberError, fraction_digits, parse_number
from hypothesis import given
from hypothesis import strategies as st

ACCEPTED = [
    # (value, YAML text as written or None, expected)
    (93095000, None, "93095000"),
    (0, None, "0"),
    (-12, None, "-12"),
    (Decimal("88.37"), None, "88.37"),
    ("93.095.000", None, "93095000"),
    ("88,37", None, "88.37"),
    ("1.234,5", None, "1234.5"),
    ("93095000", None, "93095000"),
    ("93.095", None, "93095"),  # quoted: the dot groups thousands
    ("93,095", None, "93.095"),
    ("1,000", None, "1.000"),  # zeros kept: stated percents are compared at their precision
    ("  12 ", None, "12"),
    ("-5", None, "-5"),
    ("\u22125", None, "-5"),  # typographic minus
    ("-0", None, "0"),
    ("0,5", None, "0.5"),
    ("1.000.000,25", None, "1000000.25"),
    ("１２", None, "12"),  # full-width digits from an IME
    (88.37, None, "88.37"),
    (88.37, "88.37", "88.37"),
    (96.1, "96.10", "96.10"),  # the YAML text keeps the written precision
    (93.095, "93.0950", "93.0950"),  # four decimals: not ambiguous
    (0.5, "0.500", "0.500"),  # a leading zero cannot group thousands
    (1500.0, "1.5e+3", "1500"),
    (1000.5, "1_000.5", "1000.5"),
    (1e16, None, "10000000000000000"),
]


@pytest.mark.parametrize(("value", "written", "expected"), ACCEPTED)
def test_accepted(value: object, written: str | None, expected: str) -> None:
    result = parse_number(value, written)
    assert isinstance(result, Decimal)
    assert str(result) == expected


AMBIGUOUS_93095 = (
    "số 93.095 viết không có dấu ngoặc kép nên không rõ nghĩa: là 93.095 (dấu chấm tách hàng "
    'nghìn) hay 93,095 (số thập phân)? Nếu là số hàng nghìn, viết 93095 hoặc "93.095" (trong dấu '
    'ngoặc kép); nếu là số thập phân, viết "93,095" (dấu phẩy trước phần thập phân, trong dấu '
    "ngoặc kép)."
)


def test_unquoted_three_decimals_is_ambiguous_from_the_float() -> None:
    with pytest.raises(NumberError) as caught:
        parse_number(93.095)
    assert str(caught.value) == AMBIGUOUS_93095


def test_unquoted_three_decimals_is_ambiguous_from_the_yaml_text() -> None:
    with pytest.raises(NumberError) as caught:
        parse_number(93.095, "93.095")
    assert str(caught.value) == AMBIGUOUS_93095


def test_ambiguous_keeps_zeros_and_sign_the_float_lost() -> None:
    with pytest.raises(NumberError) as caught:
        parse_number(-1.5, "-1.500")
    assert str(caught.value) == (
        "số -1.500 viết không có dấu ngoặc kép nên không rõ nghĩa: là -1.500 (dấu chấm tách hàng "
        'nghìn) hay -1,500 (số thập phân)? Nếu là số hàng nghìn, viết -1500 hoặc "-1.500" (trong '
        'dấu ngoặc kép); nếu là số thập phân, viết "-1,500" (dấu phẩy trước phần thập phân, trong '
        "dấu ngoặc kép)."
    )


def test_big_ambiguous_number_suggests_grouped_forms() -> None:
    with pytest.raises(NumberError, match=r'viết 1234567 hoặc "1\.234\.567".*viết "1\.234,567"'):
        parse_number(1234.567)


REFUSED = [
    (
        True,
        None,
        'YAML đọc giá trị này là đúng/sai (true), không phải số. Viết một số, ví dụ: 12 hoặc "93.095.000".',
    ),
    (
        None,
        None,
        'giá trị đang để trống, nhưng ở đây cần một số. Viết số liền, ví dụ: 93095000, "93.095.000" hoặc "88,37".',
    ),
    (
        [1, 2],
        None,
        'giá trị là một danh sách, nhưng ở đây cần một số. Viết số liền, ví dụ: 93095000, "93.095.000" hoặc "88,37".',
    ),
    (
        {"a": 1},
        None,
        'giá trị là một nhóm trường con, nhưng ở đây cần một số. Viết số liền, ví dụ: 93095000, "93.095.000" hoặc "88,37".',
    ),
    (
        date(2020, 1, 2),
        None,
        'giá trị được YAML đọc là ngày tháng (2020-01-02), nhưng ở đây cần một số. Viết số liền, ví dụ: 93095000, "93.095.000" hoặc "88,37".',
    ),
    (
        float("nan"),
        ".nan",
        "“.nan” không phải là một số hữu hạn (YAML đọc thành NaN). Viết một số, ví dụ: 12.",
    ),
    (
        float("inf"),
        None,
        "“inf” không phải là một số hữu hạn (YAML đọc thành vô cực). Viết một số, ví dụ: 12.",
    ),
    (Decimal("NaN"), None, "“NaN” không phải là một số hữu hạn. Viết một số, ví dụ: 12."),
    (
        "",
        None,
        'giá trị đang để trống, nhưng ở đây cần một số. Viết số, ví dụ: 93095000 hoặc "93.095.000".',
    ),
    (
        "88.37",
        None,
        '“88.37” không phải là số viết theo cách Việt Nam: dấu chấm tách hàng nghìn (nhóm 3 chữ số, như "93.095.000"), dấu phẩy trước phần thập phân (như "88,37"). Có phải là “8.837” hoặc “88,37”?',
    ),
    (
        "1,234.5",
        None,
        '“1,234.5” không phải là số viết theo cách Việt Nam: dấu chấm tách hàng nghìn (nhóm 3 chữ số, như "93.095.000"), dấu phẩy trước phần thập phân (như "88,37"). Có phải là “1,2345” hoặc “1.234,5”?',
    ),
    (
        "12 triệu",
        None,
        '“12 triệu” không phải là số: chỉ viết chữ số, dấu chấm tách hàng nghìn và dấu phẩy trước phần thập phân, không kèm chữ hay đơn vị (đơn vị viết ở \'unit\'). Ví dụ: "93.095.000", "88,37".',
    ),
    (
        "NaN",
        None,
        '“NaN” không phải là số: chỉ viết chữ số, dấu chấm tách hàng nghìn và dấu phẩy trước phần thập phân, không kèm chữ hay đơn vị (đơn vị viết ở \'unit\'). Ví dụ: "93.095.000", "88,37".',
    ),
    (
        "1e3",
        None,
        '“1e3” không phải là số: chỉ viết chữ số, dấu chấm tách hàng nghìn và dấu phẩy trước phần thập phân, không kèm chữ hay đơn vị (đơn vị viết ở \'unit\'). Ví dụ: "93.095.000", "88,37".',
    ),
    (
        "1 234 567",
        None,
        '“1 234 567” có dấu cách ở giữa. Viết số liền, dùng dấu chấm để tách hàng nghìn, ví dụ: "1.234.567".',
    ),
    (
        "1.000.000.000.000.000.000",
        None,
        "số “1.000.000.000.000.000.000” quá lớn (từ 19 chữ số trở lên). Kiểm tra lại số liệu; có thể bị thừa chữ số.",
    ),
    (
        10**18,
        None,
        "số “1000000000000000000” quá lớn (từ 19 chữ số trở lên). Kiểm tra lại số liệu; có thể bị thừa chữ số.",
    ),
    (
        "0,12345678901",
        None,
        "số “0,12345678901” có quá nhiều chữ số sau dấu phẩy (hơn 10). Làm tròn số trước khi viết.",
    ),
    (
        "9" * 70,
        None,
        "“" + "9" * 40 + '…” quá dài để là một số. Viết số ngắn gọn, ví dụ: "93.095.000".',
    ),
]


@pytest.mark.parametrize(("value", "written", "message"), REFUSED)
def test_refused_with_a_vietnamese_message(
    value: object, written: str | None, message: str
) -> None:
    with pytest.raises(NumberError) as caught:
        parse_number(value, written)
    assert str(caught.value) == message


def test_number_error_is_a_value_error() -> None:
    assert issubclass(NumberError, ValueError)


@pytest.mark.parametrize(
    ("number", "digits"),
    [
        (Decimal("96.08"), 2),
        (Decimal("90.9"), 1),
        (Decimal("96"), 0),
        (Decimal("1E+3"), 0),
        (Decimal("1.000"), 3),
    ],
)
def test_fraction_digits(number: Decimal, digits: int) -> None:
    assert fraction_digits(number) == digits


def test_arithmetic_is_exact() -> None:
    # 0.1 + 0.2 as YAML floats would be 0.30000000000000004
    assert parse_number(0.1, "0.1") + parse_number(0.2, "0.2") == Decimal("0.3")
    assert parse_number("0,1") + parse_number("0,2") == Decimal("0.3")


# --- property tests: whatever staff type, only NumberError comes out ---------------------


def _check(value: object, written: str | None = None) -> None:
    try:
        result = parse_number(value, written)
    except NumberError as exc:
        assert str(exc)  # a message, always
        return
    assert isinstance(result, Decimal)
    assert result.is_finite()
    assert abs(result) < LIMIT


@given(st.text(max_size=80))
def test_any_text_gives_a_decimal_or_number_error(text: str) -> None:
    _check(text)


@given(st.text(alphabet="0123456789.,-+ _eE%\u2212\u00a0", max_size=30))
def test_number_like_text_gives_a_decimal_or_number_error(text: str) -> None:
    _check(text)


@given(st.floats(allow_nan=True, allow_infinity=True), st.one_of(st.none(), st.text(max_size=30)))
def test_any_float_gives_a_decimal_or_number_error(value: float, written: str | None) -> None:
    _check(value, written)


@given(
    st.one_of(
        st.integers(),
        st.decimals(allow_nan=True, allow_infinity=True),
        st.booleans(),
        st.none(),
        st.lists(st.integers(), max_size=3),
        st.dates(),
    )
)
def test_any_value_gives_a_decimal_or_number_error(value: object) -> None:
    _check(value)


@given(st.integers(min_value=-(10**17), max_value=10**17))
def test_grouped_integers_round_trip(value: int) -> None:
    from bantin.core.vnformat import format_integer

    assert parse_number(format_integer(value)) == value


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False))
def test_vietnamese_decimals_round_trip(value: Decimal) -> None:
    from bantin.core.vnformat import format_fixed

    assert parse_number(format_fixed(value, 2)) == value


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False))
def test_unambiguous_floats_are_their_shortest_decimal(value: float) -> None:
    text = repr(value)
    expected = Decimal(text)
    ambiguous = re.fullmatch(r"-?[1-9]\d*\.\d{3}", text) is not None
    too_precise = fraction_digits(expected) > 10
    try:
        result = parse_number(value)
    except NumberError:
        assert ambiguous or too_precise
        return
    assert not ambiguous and not too_precise
    assert result == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [("0E1000000", "0"), ("-0.0", "0.0"), ("1e17", "100000000000000000")],
)
def test_extreme_exponents_do_not_overflow(written: str, expected: str) -> None:
    assert str(parse_number(0.0, written)) == expected


def test_a_huge_written_exponent_is_refused_not_overflowed() -> None:
    with pytest.raises(NumberError, match="quá lớn"):
        parse_number(0.0, "1E1000000")
