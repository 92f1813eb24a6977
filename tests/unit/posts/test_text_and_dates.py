"""Examples for the text and date helpers the post reader relies on."""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from bantin.core.dates import VIETNAM, DateError, parse_post_date, to_vietnam
from bantin.core.text import clean_line, clean_text, fold_key, slugify


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Đảng ủy phường Phúc Đồng", "dang-uy-phuong-phuc-dong"),
        (
            "Kết quả công tác Mặt trận 9 tháng đầu năm 2019",
            "ket-qua-cong-tac-mat-tran-9-thang-dau-nam-2019",
        ),
        (
            "Thông báo: Lịch tiếp công dân (Quý IV/2019)!",
            "thong-bao-lich-tiep-cong-dan-quy-iv-2019",
        ),
        ("  Quỹ “Vì người nghèo” — 93.095.000 đồng  ", "quy-vi-nguoi-ngheo-93-095-000-dong"),
        ("ĐƯỜNG LÁNG", "duong-lang"),
        ("!!!", ""),
        ("", ""),
    ],
)
def test_slugify_examples(text: str, slug: str) -> None:
    assert slugify(text) == slug
    assert slugify(unicodedata.normalize("NFD", text)) == slug


def test_clean_text_removes_controls_before_composing() -> None:
    # A control character between a letter and its accent must not leave NFD text behind.
    assert clean_text("e\x00\u0301") == "é"
    assert fold_key("Thông\x07 báo") == fold_key(unicodedata.normalize("NFD", "THÔNG BÁO"))
    assert clean_text("a\ud800b\ufffe\x85c\td\ne\r") == "abc\td\ne\r"
    assert clean_line("  a \t\n b\x0b ") == "a b"


@pytest.mark.parametrize(
    ("value", "wanted"),
    [
        ("13/10/2020", datetime(2020, 10, 13, tzinfo=VIETNAM)),
        ("13/10/2020 09:17", datetime(2020, 10, 13, 9, 17, tzinfo=VIETNAM)),
        ("2020-10-13", datetime(2020, 10, 13, tzinfo=VIETNAM)),
        ("2020-10-13 09:17", datetime(2020, 10, 13, 9, 17, tzinfo=VIETNAM)),
        ("2020-10-13T09:17:00+07:00", datetime(2020, 10, 13, 9, 17, tzinfo=VIETNAM)),
        ("2020-10-13T02:17:00Z", datetime(2020, 10, 13, 2, 17, tzinfo=UTC)),
        (date(2020, 10, 13), datetime(2020, 10, 13, tzinfo=VIETNAM)),
        (datetime(2020, 10, 13, 9, 17), datetime(2020, 10, 13, 9, 17, tzinfo=VIETNAM)),
    ],
)
def test_every_contract_date_form(value: object, wanted: datetime) -> None:
    parsed = parse_post_date(value)
    assert parsed == wanted and parsed.utcoffset() == wanted.utcoffset()


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("2020-10-13T09:17:00+25:00", "không có thật"),
        ("2020-10-13 09:17 +23:99", "không có thật"),
        ("31/04/2020", "không có thật"),
        ("13/10/1899", "năm 1899"),
        (date(2101, 1, 1), "năm 2101"),
        (datetime(9999, 12, 31, 23, tzinfo=timezone(-timedelta(hours=12))), "năm 9999"),
        ("hôm qua", "không đọc được ngày “hôm qua”"),
        (True, "không phải là ngày"),
    ],
)
def test_bad_dates_are_date_errors(value: object, fragment: str) -> None:
    with pytest.raises(DateError, match=fragment):
        parse_post_date(value)


def test_vietnam_day_of_an_offset_date() -> None:
    evening_in_new_york = parse_post_date("2019-09-30T23:30:00-05:00")
    assert to_vietnam(evening_in_new_york).date() == date(2019, 10, 1)
