"""Property-based tests (hypothesis): the reader, slugs and dates only ever fail in the declared way."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta

import yaml
from bantin.core.dates import MAX_YEAR, MIN_YEAR, VIETNAM, DateError, parse_post_date
from bantin.core.errors import ContentError
from bantin.core.text import clean_text, slugify
from bantin.posts.frontmatter import parse_post
from bantin.posts.habits import NBSP, ZERO_WIDTH
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Characters XML 1.0 forbids (plus U+FFFE/U+FFFF): never in a value the site prints.
XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like YAML: indicators, quotes, brackets, numbers, Vietnamese, line ends.
YAMLISH = st.lists(
    st.sampled_from(
        [
            *"abcxyz019 .:-_,#&*!|>'\"%@`[]{}?<=~\t\n\r\\/+eE",
            "\n  ",
            "\n- ",
            ": ",
            "---",
            "...",
            "title",
            "date",
            "tags",
            "Đ",
            "ư",
            "ờ",
            "ng",
            "\u0301",
            "\x00",
            "\x1b",
            "\u2028",
            "\ufeff",
            "!!python/object:os.system",
            "&a",
            "*a",
            "0x",
            ".nan",
            "2020-13-45",
            "1:30",
            "012",
            "yes",
            "no",
            "null",
            "<<",
        ]
    ),
    max_size=60,
).map("".join)
VALUE_TYPES = (str, int, float, bool, type(None), date, datetime, list, dict)


def check_values(value: object) -> None:
    """Every value the reader returns is plain data, every string clean NFC text."""
    assert isinstance(value, VALUE_TYPES), type(value)
    if isinstance(value, str):
        assert not XML_FORBIDDEN.search(value), repr(value)
        assert unicodedata.is_normalized("NFC", value), repr(value)
    elif isinstance(value, list):
        for item in value:
            check_values(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            assert isinstance(key, str)
            check_values(key)
            check_values(item)


def read_or_content_error(data: bytes) -> None:
    try:
        raw = parse_post(data, "posts/x.md")
    except ContentError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.path == "posts/x.md" and problem.message
            assert problem.line is None or problem.line >= 1
            assert problem.column is None or problem.column >= 1
        return
    assert isinstance(raw.meta, dict)
    check_values(raw.meta)
    assert not XML_FORBIDDEN.search(raw.body)
    assert raw.body_line >= 2
    for line in raw.lines.values():
        assert 2 <= line < raw.body_line


# --- the front-matter reader --------------------------------------------------------------------


@SETTINGS
@given(st.binary(max_size=400))
@example(b"---\n" + b"[" * 50_000 + b"\n---\n")
@example(b"\xef\xbb\xbf---\r\na: 1\r\n---\r\n")
@example(b"---\n\xff\n---\n")
def test_arbitrary_bytes_give_a_post_or_a_content_error(data: bytes) -> None:
    read_or_content_error(data)


@SETTINGS
@given(st.binary(max_size=300))
def test_arbitrary_bytes_inside_front_matter(data: bytes) -> None:
    read_or_content_error(b"---\n" + data + b"\n---\nThan bai\n")


@SETTINGS
@given(YAMLISH, st.sampled_from(["\n", "\r\n", "\r"]), st.booleans())
@example("a: &x [1]\nb: *x", "\n", False)
@example("a: !!python/object/apply:os.system ['true']", "\n", False)
@example("title: 1:30\nslug: 012\nviews: .inf", "\n", True)
def test_yaml_like_text_gives_a_post_or_a_content_error(text: str, newline: str, bom: bool) -> None:
    document = f"---\n{text}\n---\nThân bài\n".replace("\n", newline)
    read_or_content_error(
        (b"\xef\xbb\xbf" if bom else b"") + document.encode("utf-8", "surrogatepass")
    )


KEYS = st.from_regex(r"[a-z][a-z_]{0,11}", fullmatch=True)
# NEL, LS and PS are line breaks only in YAML 1.1 (PyYAML's dumper relies on that); the
# reader follows YAML 1.2 and editors, where they are not (see the reader's docstring).
# Word's no-break and zero-width spaces and curly quotes are read as Word means them
# (bantin.posts.habits; tested in test_word_habits.py), not as YAML would.
WORD_HABITS = NBSP + ZERO_WIDTH + "“”„‘’"
TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",), blacklist_characters="\x85\u2028\u2029" + WORD_HABITS
    ),
    max_size=30,
)
SCALARS = st.one_of(
    TEXT,
    st.integers(min_value=-(10**12), max_value=10**12),
    st.booleans(),
    st.none(),
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4), max_leaves=12)


def expected_value(value: object) -> object:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [expected_value(v) for v in value]
    return value


@SETTINGS
@given(
    st.dictionaries(KEYS, VALUES, min_size=1, max_size=8),
    st.integers(0, 3),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
)
def test_safely_dumped_front_matter_reads_back_with_whole_file_lines(
    meta: dict[str, object], blank_lines: int, newline: str, bom: bool
) -> None:
    dumped = yaml.safe_dump(meta, allow_unicode=True, default_flow_style=False, sort_keys=False)
    text = "\n" * blank_lines + "---\n" + dumped + "---\nThân bài\n"
    data = (b"\xef\xbb\xbf" if bom else b"") + text.replace("\n", newline).encode()
    raw = parse_post(data, "posts/x.md")
    assert raw.meta == {key: expected_value(value) for key, value in meta.items()}
    lines = text.split("\n")
    for key, line in raw.lines.items():
        written = (f"{key}:", f"'{key}':", f'"{key}":')  # the dumper quotes keys like 'no'
        assert lines[line - 1].startswith(written), (key, line, lines)
    assert lines[raw.body_line - 1] == "Thân bài"


@SETTINGS
@given(
    st.lists(
        st.sampled_from(
            [
                "title: Họp dân",
                "author: N. Hoa",
                "# ghi chú",
                "",
                "tags: [a, b]",
                "summary: >\n  Tóm tắt\n  hai dòng",
            ]
        ),
        max_size=6,
    ),
    st.sampled_from(
        [
            "category: Thông báo: lịch họp",
            "tags: [a, b",
            'author: "N. Hoa',
            "slug: @x",
            "date: 2020-10-13\n\tunit: x",
        ]
    ),
    st.integers(0, 3),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
)
def test_syntax_errors_are_reported_on_the_line_written(
    before: list[str], bad: str, blank_lines: int, newline: str, bom: bool
) -> None:
    fields = "\n".join(line for line in before if line) + "\n" if any(before) else ""
    head = "\n" * blank_lines + "---\n" + fields
    bad_line = head.count("\n") + 1 + bad.count("\n")  # the last line of the bad snippet
    first_line = head.count("\n") + 1
    text = head + bad + "\nsource: UBND\n---\nThân bài\n"
    data = (b"\xef\xbb\xbf" if bom else b"") + text.replace("\n", newline).encode()
    try:
        parse_post(data, "posts/x.md")
    except ContentError as exc:
        (problem,) = exc.problems
        assert problem.line in (first_line, bad_line), (problem, text)
        return
    raise AssertionError(f"no error for:\n{text}")


# --- slugs ---------------------------------------------------------------------------------------


@SETTINGS
@given(st.text(max_size=80))
@example("Đảng ủy phường Phúc Đồng")
@example("\u0110\u0301")
@example("ǅ ß ﬁ ① İ")
def test_slugify_is_a_clean_idempotent_form_insensitive_slug(text: str) -> None:
    slug = slugify(text)
    assert slug == "" or SLUG.match(slug), slug
    assert slugify(slug) == slug
    assert slugify(unicodedata.normalize("NFD", text)) == slug
    assert slugify(unicodedata.normalize("NFC", text)) == slug


@SETTINGS
@given(
    st.text(
        alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩị"
        "òóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ-",
        min_size=1,
        max_size=40,
    )
)
def test_vietnamese_letters_never_vanish_from_slugs(text: str) -> None:
    letters = [c for c in text if c.isalpha()]
    assume(letters)
    assert len(slugify(text).replace("-", "")) == len(letters)


# --- dates ---------------------------------------------------------------------------------------


def check_date(value: object) -> datetime | None:
    try:
        parsed = parse_post_date(value)
    except DateError as exc:
        assert str(exc)
        return None
    assert isinstance(parsed, datetime) and parsed.utcoffset() is not None
    assert MIN_YEAR <= parsed.year <= MAX_YEAR
    parsed.astimezone(VIETNAM)  # never overflows
    return parsed


@SETTINGS
@given(
    st.one_of(
        st.text(max_size=40),
        st.integers(),
        st.floats(),
        st.none(),
        st.booleans(),
        st.dates(),
        st.datetimes(),
        st.datetimes(timezones=st.timezones()),
        st.lists(st.integers(), max_size=3),
    )
)
@example("2020-10-13T09:17:00+25:00")
@example("2020-10-13T09:17:00+23:99")
@example("9999-12-31T23:59:00-12:00")
@example("٢٠٢٠-١٠-١٣")
def test_parse_post_date_gives_an_aware_datetime_or_a_date_error(value: object) -> None:
    check_date(value)


@SETTINGS
@given(
    st.integers(0, 40),
    st.integers(0, 14),
    st.integers(1890, 2110),
    st.integers(0, 26),
    st.integers(0, 62),
    st.sampled_from(["vi", "iso", "iso-t", "iso-offset"]),
    st.integers(-14 * 60, 14 * 60),
)
def test_date_forms_read_exactly_what_is_written(
    day: int, month: int, year: int, hour: int, minute: int, form: str, offset_minutes: int
) -> None:
    offset = timedelta(minutes=offset_minutes)
    sign = "+" if offset_minutes >= 0 else "-"
    zone = f"{sign}{abs(offset_minutes) // 60:02d}:{abs(offset_minutes) % 60:02d}"
    text = {
        "vi": f"{day:02d}/{month:02d}/{year} {hour:02d}:{minute:02d}",
        "iso": f"{year}-{month:02d}-{day:02d} {hour:02d}:{minute:02d}",
        "iso-t": f"{year}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:00",
        "iso-offset": f"{year}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:00{zone}",
    }[form]
    parsed = check_date(text)
    try:
        wanted = datetime(
            year, month, day, hour, minute, tzinfo=VIETNAM if form != "iso-offset" else None
        )
    except ValueError:
        assert parsed is None, text
        return
    if not MIN_YEAR <= year <= MAX_YEAR:
        assert parsed is None, text
        return
    assert parsed is not None, text
    assert parsed.replace(tzinfo=None) == wanted.replace(tzinfo=None)
    assert parsed.utcoffset() == (offset if form == "iso-offset" else timedelta(hours=7))


@SETTINGS
@given(st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2100, 12, 30)))
def test_yaml_dates_and_datetimes_through_the_reader(moment: datetime) -> None:
    moment = moment.replace(microsecond=0)
    for written, wanted in (
        (moment.date().isoformat(), datetime.combine(moment.date(), datetime.min.time(), VIETNAM)),
        (moment.isoformat(sep=" "), moment.replace(tzinfo=VIETNAM)),
        (moment.strftime("%d/%m/%Y %H:%M"), moment.replace(second=0, tzinfo=VIETNAM)),
    ):
        raw = parse_post(f"---\ndate: {written}\n---\n".encode(), "x")
        assert parse_post_date(raw.meta["date"]) == wanted
