"""Reading the figures staff write, exactly, the Vietnamese way.

Staff write numbers plain (``93095000``, ``88.37``) or the Vietnamese way as
text (``"93.095.000"``, ``"88,37"``, ``"1.234,5"``): ``.`` groups thousands and
``,`` marks decimals. Text is parsed by Babel (``parse_decimal`` with locale
``vi`` in strict mode, which refuses misplaced group separators such as
``"12.34"`` and suggests corrections); this module only wraps it with the
rules of the content contract:

* an unquoted YAML number with exactly three digits after the dot (``93.095``)
  is ambiguous (thousands or decimals?) and is refused with how to write it;
* true/false, NaN, infinity, lists, dates and so on are refused;
* values come back as :class:`~decimal.Decimal`, never float, so percentages
  are exact. A float is turned into the decimal it was written as (the YAML
  text when the caller has it, else its shortest ``repr``).

Every refusal is a :class:`NumberError` whose message is Vietnamese, says what
is wrong and how to write the number instead.
"""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import Decimal, InvalidOperation

from babel.numbers import NumberFormatError, parse_decimal

from .vnformat import LOCALE, format_fixed, format_integer

# Far above any ward figure (the national budget is ~2 × 10^15 đồng); keeps
# every sum and percentage exact within Decimal's 28 significant digits.
MAX_DIGITS = 18
MAX_FRACTION_DIGITS = 10
MAX_TEXT_LENGTH = 64
LIMIT = Decimal(10) ** MAX_DIGITS

# An unquoted float with three decimals could be thousands (93.095 = 93095) or decimals;
# with a leading 0 (0.500) it can only be decimals.
_AMBIGUOUS = re.compile(r"([-+]?)([1-9]\d*)\.(\d{3})")
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-", "\ufe63": "-", "\uff0d": "-"})
_SPACES = re.compile(r"\s")


class NumberError(ValueError):
    """A value that is not a usable number; ``str(exc)`` is the Vietnamese message."""


def parse_number(value: object, written: str | None = None) -> Decimal:
    """The exact decimal a figure means, or :class:`NumberError`.

    ``written`` is the YAML text of an unquoted value (``RawPost.plain``), when
    known: it tells ``93.095`` from ``93.0950``, which a float cannot.
    """
    if isinstance(value, bool):
        raise NumberError(
            f"YAML đọc giá trị này là đúng/sai ({'true' if value else 'false'}), không phải số. "
            'Viết một số, ví dụ: 12 hoặc "93.095.000".'
        )
    if isinstance(value, int):
        return _checked(Decimal(value), str(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise NumberError(f"“{value}” không phải là một số hữu hạn. Viết một số, ví dụ: 12.")
        return _checked(value, str(value))
    if isinstance(value, float):
        return _from_float(value, written)
    if isinstance(value, str):
        return _from_text(value)
    raise NumberError(_not_a_number(value))


_WORD_QUOTES = "“”„‘’"


def _not_a_number(value: object) -> str:
    if value is None:
        what = "đang để trống"
    elif isinstance(value, list):
        what = "là một danh sách"
    elif isinstance(value, dict):
        what = "là một nhóm trường con"
    elif isinstance(value, date):
        what = f"được YAML đọc là ngày tháng ({value.isoformat()})"
    else:
        what = "không phải là số"
    return (
        f"giá trị {what}, nhưng ở đây cần một số. Viết số liền, ví dụ: 93095000, "
        '"93.095.000" hoặc "88,37".'
    )


def _from_float(value: float, written: str | None) -> Decimal:
    if math.isnan(value) or math.isinf(value):
        shown = written or repr(value)
        raise NumberError(
            f"“{shown}” không phải là một số hữu hạn (YAML đọc thành "
            f"{'NaN' if math.isnan(value) else 'vô cực'}). Viết một số, ví dụ: 12."
        )
    text = (written if written is not None else repr(value)).strip().replace("_", "")
    ambiguous = _AMBIGUOUS.fullmatch(text)
    if ambiguous:
        raise NumberError(_ambiguous_message(text, *ambiguous.groups()))
    try:
        number = Decimal(text)
    except InvalidOperation:  # e.g. YAML 1.1 sexagesimal "1:30.5": trust the float
        number = Decimal(repr(value))
    if not number.is_finite():
        raise NumberError(f"“{text}” không phải là một số hữu hạn. Viết một số, ví dụ: 12.")
    return _checked(number, text)


def _ambiguous_message(text: str, sign: str, whole: str, fraction: str) -> str:
    sign = "-" if sign == "-" else ""
    thousands = format_integer(int(sign + whole + fraction))
    decimal = format_fixed(Decimal(sign + whole + "." + fraction), 3)
    return (
        f"số {text} viết không có dấu ngoặc kép nên không rõ nghĩa: là {thousands} "
        f"(dấu chấm tách hàng nghìn) hay {decimal} (số thập phân)? "
        f'Nếu là số hàng nghìn, viết {int(sign + whole + fraction)} hoặc "{thousands}" '
        f'(trong dấu ngoặc kép); nếu là số thập phân, viết "{decimal}" '
        "(dấu phẩy trước phần thập phân, trong dấu ngoặc kép)."
    )


def _from_text(value: str) -> Decimal:
    text = value.strip().translate(_MINUS_SIGNS)
    if not text:
        raise NumberError(
            'giá trị đang để trống, nhưng ở đây cần một số. Viết số, ví dụ: 93095000 hoặc "93.095.000".'
        )
    shown = text if len(text) <= 40 else text[:40] + "…"
    if any(c in text for c in _WORD_QUOTES):
        stripped = text.strip("".join(_WORD_QUOTES))
        raise NumberError(
            f"“{shown}” có dấu ngoặc kép của Word (“ ” hoặc ‘ ’) không đủ cặp quanh con số. "
            f'Viết số trong dấu ngoặc kép thẳng, ví dụ: "{stripped}", hoặc đặt đủ hai dấu “ ” quanh số.'
        )
    if len(text) > MAX_TEXT_LENGTH:
        raise NumberError(f'“{shown}” quá dài để là một số. Viết số ngắn gọn, ví dụ: "93.095.000".')
    if any(c.isalpha() for c in text):
        raise NumberError(
            f"“{shown}” không phải là số: chỉ viết chữ số, dấu chấm tách hàng nghìn và dấu phẩy "
            "trước phần thập phân, không kèm chữ hay đơn vị (đơn vị viết ở 'unit'). "
            'Ví dụ: "93.095.000", "88,37".'
        )
    if _SPACES.search(text):
        raise NumberError(
            f"“{shown}” có dấu cách ở giữa. Viết số liền, dùng dấu chấm để tách hàng nghìn, "
            'ví dụ: "1.234.567".'
        )
    try:
        number = parse_decimal(text, locale=LOCALE, strict=True)
    except NumberFormatError as exc:
        suggestions = [s for s in (exc.suggestions or []) if s != text]
        hint = ""
        if suggestions:
            hint = " Có phải là " + " hoặc ".join(f"“{s}”" for s in suggestions) + "?"
        raise NumberError(
            f"“{shown}” không phải là số viết theo cách Việt Nam: dấu chấm tách hàng nghìn "
            f'(nhóm 3 chữ số, như "93.095.000"), dấu phẩy trước phần thập phân (như "88,37").{hint}'
        ) from None
    except (ValueError, ArithmeticError):
        raise NumberError(
            f'“{shown}” không phải là số. Viết số, ví dụ: "93.095.000" hoặc "88,37".'
        ) from None
    if not number.is_finite():
        raise NumberError(f"“{shown}” không phải là một số hữu hạn. Viết một số, ví dụ: 12.")
    return _checked(number, shown)


def _checked(number: Decimal, shown: str) -> Decimal:
    """Refuse absurd sizes and precision; ``-0`` becomes ``0``, ``1.5E+3`` becomes ``1500``.

    Only exact operations here (comparison, copy_abs, quantize of a small
    number): a written ``1E1000000`` must be refused, not overflow.
    """
    exponent = _exponent(number)
    if number.copy_abs() >= LIMIT:
        raise NumberError(
            f"số “{shown}” quá lớn (từ {MAX_DIGITS + 1} chữ số trở lên). Kiểm tra lại số liệu; "
            "có thể bị thừa chữ số."
        )
    if -exponent > MAX_FRACTION_DIGITS:
        raise NumberError(
            f"số “{shown}” có quá nhiều chữ số sau dấu phẩy (hơn {MAX_FRACTION_DIGITS}). "
            "Làm tròn số trước khi viết."
        )
    if exponent > 0:  # 1.5E+3, from YAML's 1.5e+3: the integer 1500
        number = number.quantize(Decimal(1))
    return number.copy_abs() if number.is_zero() else number


def _exponent(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


def fraction_digits(number: Decimal) -> int:
    """Digits after the decimal comma as written: ``Decimal("96.08")`` -> 2, ``Decimal("1E+3")`` -> 0."""
    return max(0, -_exponent(number))


__all__ = ["LIMIT", "NumberError", "fraction_digits", "parse_number"]
