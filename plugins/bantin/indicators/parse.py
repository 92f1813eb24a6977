"""Reading and checking a post's ``indicators`` front matter.

:func:`parse_indicators` is plugged into the post loader
(``LoadOptions.indicator_parser``). It never raises on bad content: every
problem becomes a :class:`~bantin.core.errors.Problem` naming the file, the
indicator (its label and id) and the line of the item or key in the file.

Errors (the indicator is left out and the build stops): ``indicators`` not a
list, an item that is not a mapping, a missing or empty ``label``, a missing
or non-numeric ``value`` (or any other number), ``of``/``target`` zero or
negative, a malformed ``parts`` list, an empty ``id``, two indicators of one
post with the same ``id``.

Warnings (the indicator is kept; ``--strict`` fails): a key that is not in the
contract (with the closest known key), a stated ``percent`` that disagrees with
``value/of`` or ``value/target`` beyond the rounding of the stated figure,
``parts`` that do not add up to ``value``, ``value`` greater than ``of``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..core.errors import Problem, Severity
from ..core.numbers import NumberError, fraction_digits, parse_number
from ..core.suggest import did_you_mean
from ..core.text import MAX_SLUG, clean_line, slugify
from ..core.vnformat import format_fixed
from ..posts.frontmatter import RawPost
from .model import Indicator, Part, round_half_up
from .present import amount, figure

FIELD = "indicators"
KNOWN_KEYS = ("label", "id", "value", "unit", "target", "of", "percent", "previous", "parts")
PART_KEYS = ("label", "value")
NUMBER_KEYS = ("target", "of", "percent", "previous")
_EXAMPLE = "Ví dụ:\n  - label: Hộ nghèo được giúp đỡ\n    value: 12\n    of: 17\n    unit: hộ"


class _Item:
    """Reads one item, collecting problems that name the indicator and its line."""

    def __init__(self, raw: RawPost, index: int, data: dict[str, Any], problems: list[Problem]):
        self.raw = raw
        self.index = index
        self.data = data
        self.problems = problems
        self.path = f"{FIELD}[{index}]"
        self.name = f"chỉ số thứ {index + 1}"
        self.failed = False

    def line(self, key: str | None = None) -> int | None:
        for path in ([f"{self.path}.{key}"] if key else []) + [self.path]:
            position = self.raw.position(path)
            if position is not None:
                return position[0]
        return self.raw.line_of(FIELD)

    def report(self, message: str, key: str | None = None, *, warning: bool = False) -> None:
        if not warning:
            self.failed = True
        self.problems.append(
            Problem(
                self.raw.path,
                f"{self.name}: {message}",
                field=FIELD,
                line=self.line(key),
                severity=Severity.WARNING if warning else Severity.ERROR,
            )
        )

    def text(self, key: str, value: Any, shown: str | None = None) -> str | None:
        """A text value; a plain YAML number or date (``label: 2020``) is taken as written.

        ``key`` is relative to the item (``label``, ``parts[0].label``).
        """
        if isinstance(value, str):
            return clean_line(value)
        written = self.raw.plain.get(f"{self.path}.{key}")
        if written is not None and not isinstance(value, bool):
            return clean_line(written)
        kind = (
            "một danh sách"
            if isinstance(value, list)
            else ("một nhóm trường con" if isinstance(value, dict) else "không phải chữ")
        )
        self.report(f"{shown or repr(key)} là {kind}, nhưng cần một đoạn chữ.", key)
        return None

    def number(self, key: str, value: Any, shown: str | None = None) -> Decimal | None:
        """A number (see :func:`parse_number`); ``key`` is relative to the item."""
        if key == "percent" and isinstance(value, str) and value.strip().endswith("%"):
            value = value.strip()[:-1]  # "88,37%" is how the article writes it
        try:
            return parse_number(value, self.raw.plain.get(f"{self.path}.{key}"))
        except NumberError as exc:
            self.report(f"{shown or repr(key)} không đọc được: {exc}", key)
            return None


def parse_indicators(raw: RawPost, value: Any) -> tuple[tuple[Indicator, ...], list[Problem]]:
    """Validate a post's ``indicators`` list: the usable indicators and every problem found."""
    problems: list[Problem] = []
    if value is None:
        return (), problems
    if not isinstance(value, list):
        problems.append(
            Problem(
                raw.path,
                "'indicators' phải là một danh sách, mỗi chỉ số một mục bắt đầu bằng '- label: ...'. "
                + _EXAMPLE,
                field=FIELD,
                line=raw.line_of(FIELD),
            )
        )
        return (), problems
    indicators: list[Indicator] = []
    seen: dict[str, Indicator] = {}
    for index, data in enumerate(value):
        indicator = _parse_item(raw, index, data, problems)
        if indicator is None:
            continue
        first = seen.get(indicator.id)
        if first is not None:
            where = f" (dòng {first.line})" if first.line is not None else ""
            problems.append(
                Problem(
                    raw.path,
                    f"chỉ số “{indicator.label}” có id '{indicator.id}' trùng với chỉ số "
                    f"“{first.label}”{where}. Mỗi chỉ số trong một bài cần một id riêng: thêm "
                    f"'id: ...' khác cho một trong hai (id dùng để theo dõi chỉ số qua các bài).",
                    field=FIELD,
                    line=indicator.line,
                )
            )
            continue
        seen[indicator.id] = indicator
        indicators.append(indicator)
    return tuple(indicators), problems


def _parse_item(raw: RawPost, index: int, data: Any, problems: list[Problem]) -> Indicator | None:
    path = f"{FIELD}[{index}]"
    if not isinstance(data, dict):
        position = raw.position(path)
        what = "một danh sách" if isinstance(data, list) else "một giá trị đơn"
        problems.append(
            Problem(
                raw.path,
                f"mục thứ {index + 1} của 'indicators' là {what}, nhưng mỗi chỉ số phải là một nhóm "
                "trường (label, value, unit…). " + _EXAMPLE,
                field=FIELD,
                line=position[0] if position else raw.line_of(FIELD),
            )
        )
        return None
    item = _Item(raw, index, data, problems)

    label = None
    if data.get("label") in (None, ""):
        item.report(
            "thiếu 'label' (tên chỉ số, điều được đếm). Thêm dòng 'label: ...', "
            "ví dụ: label: Hộ nghèo được giúp đỡ."
        )
    else:
        label = item.text("label", data["label"])
        if label == "":
            item.report(
                "'label' đang để trống. Viết tên chỉ số, ví dụ: label: Hộ nghèo được giúp đỡ.",
                "label",
            )
            label = None
    if label:
        item.name = f"chỉ số “{label}”"

    ident = None
    if data.get("id") not in (None, ""):
        written = item.text("id", data["id"])
        if written is not None:
            ident = slugify(written)
            full = slugify(written, max_length=None)
            if len(full) > MAX_SLUG:
                item.report(
                    f"'id' dài {len(full)} ký tự, quá {MAX_SLUG} ký tự (id là tên thư mục của "
                    f"trang chỉ số; mọi hệ thống tệp đều nhận độ dài này). Rút gọn, ví dụ: "
                    f"id: {ident}",
                    "id",
                )
            if not ident:
                item.report(
                    f"'id' “{written}” không có chữ hay số nào nên không dùng được. Viết id bằng chữ "
                    "thường không dấu nối bằng dấu gạch ngang, ví dụ: id: ho-ngheo-duoc-giup-do.",
                    "id",
                )
    elif label:
        ident = slugify(label)
        if not ident:
            item.report(
                "tên chỉ số không tạo được id (không có chữ hay số). Thêm 'id: ...', "
                "ví dụ: id: ty-le-hoa-tang.",
                "label",
            )
    if ident and label:
        item.name = f"chỉ số “{label}” (id: {ident})"

    for key in data:
        if key not in KNOWN_KEYS:
            hint = did_you_mean(str(key), KNOWN_KEYS, shown="'{}'")
            item.report(
                f"khóa '{key}' không có trong quy ước nên bị bỏ qua.{hint} Các khóa dùng được: "
                + ", ".join(KNOWN_KEYS)
                + ".",
                str(key),
                warning=True,
            )

    number = None
    if data.get("value") is None or data.get("value") == "":
        item.report("thiếu 'value' (con số của chỉ số). Thêm dòng 'value: ...', ví dụ: value: 12.")
    else:
        number = item.number("value", data["value"])

    numbers: dict[str, Decimal | None] = {}
    for key in NUMBER_KEYS:
        if data.get(key) is not None:
            numbers[key] = item.number(key, data[key])
    for key, meaning in (("of", "tổng số (mẫu số của tỷ lệ)"), ("target", "kế hoạch (chỉ tiêu)")):
        whole = numbers.get(key)
        if whole is not None and whole <= 0:
            item.report(
                f"'{key}' là {meaning} nên phải lớn hơn 0 (đang là {figure(whole)}). "
                f"Sửa lại số, hoặc bỏ dòng '{key}' nếu không có.",
                key,
            )

    unit = ""
    if data.get("unit") is not None:
        unit = item.text("unit", data["unit"]) or ""

    parts = _parse_parts(item, data.get("parts"))

    if item.failed or label is None or ident is None or number is None or parts is None:
        return None
    indicator = Indicator(
        label=label,
        id=ident,
        value=number,
        unit=unit,
        target=numbers.get("target"),
        of=numbers.get("of"),
        percent=numbers.get("percent"),
        previous=numbers.get("previous"),
        parts=parts,
        line=item.line(),
    )
    _check(item, indicator)
    return indicator


def _parse_parts(item: _Item, value: Any) -> tuple[Part, ...] | None:
    """The breakdown, or ``None`` after reporting an error."""
    if value is None:
        return ()
    if not isinstance(value, list) or not value:
        item.report(
            "'parts' phải là danh sách các phần, mỗi phần có 'label' và 'value'. Ví dụ:\n"
            "    parts:\n      - label: Cấp quận\n        value: 52",
            "parts",
        )
        return None
    parts: list[Part] = []
    ok = True
    for number, data in enumerate(value, start=1):
        key = f"parts[{number - 1}]"
        shown = f"phần thứ {number} của 'parts'"
        if not isinstance(data, dict):
            item.report(
                f"phần thứ {number} của 'parts' phải là một nhóm có 'label' và 'value', "
                "ví dụ: - {label: Cấp quận, value: 52}.",
                key,
            )
            ok = False
            continue
        for name in data:
            if name not in PART_KEYS:
                hint = did_you_mean(str(name), PART_KEYS, shown="'{}'")
                item.report(
                    f"{shown} có khóa '{name}' không dùng được nên bị bỏ qua."
                    f"{hint} Mỗi phần chỉ có 'label' và 'value'.",
                    f"{key}.{name}",
                    warning=True,
                )
        label = None
        if data.get("label") in (None, ""):
            item.report(f"{shown} thiếu 'label' (tên phần).", key)
        else:
            label = item.text("label", data["label"])
        figure_ = None
        if data.get("value") in (None, ""):
            item.report(f"{shown} thiếu 'value' (con số của phần).", key)
        else:
            figure_ = item.number(f"{key}.value", data["value"], f"'value' của {shown}")
        if not label or figure_ is None:
            ok = False
            continue
        parts.append(Part(label, figure_))
    return tuple(parts) if ok else None


def _check(item: _Item, indicator: Indicator) -> None:
    """The consistency checks; each is a warning."""
    stated, computed, base = indicator.percent, indicator.computed_percent, indicator.base
    if (
        stated is not None
        and computed is not None
        and base is not None
        and indicator.percent_mismatch
    ):
        places = fraction_digits(stated)
        key = "of" if indicator.of is not None else "target"
        rounded = format_fixed(round_half_up(computed, places), places)
        item.report(
            f"tỷ lệ ghi trong bài là {format_fixed(stated, places)}% nhưng "
            f"{figure(indicator.value)}/{figure(base)} = {rounded}%. Sửa 'percent' thành "
            f"\"{rounded}\", hoặc kiểm tra lại 'value' và '{key}'.",
            "percent",
            warning=True,
        )
    total = indicator.parts_total
    if total is not None and indicator.parts_mismatch:
        item.report(
            f"các phần trong 'parts' cộng lại được {amount(total, indicator.unit)}, khác với "
            f"'value' là {amount(indicator.value, indicator.unit)}. Sửa số của các phần hoặc "
            "'value' cho khớp.",
            "parts",
            warning=True,
        )
    if indicator.exceeds_whole and indicator.of is not None:
        item.report(
            f"'value' ({figure(indicator.value)}) lớn hơn 'of' ({figure(indicator.of)}): phần "
            "không thể lớn hơn tổng số. Kiểm tra lại hai số; nếu đây là kế hoạch (chỉ tiêu) có "
            "thể vượt, dùng 'target' thay cho 'of'.",
            "of",
            warning=True,
        )


__all__ = ["KNOWN_KEYS", "PART_KEYS", "parse_indicators"]
