"""Front matter typed in Word: text fields take colons, Word quotes are quotes, odd spaces are spaces.

The data-driven cases are in tests/fixtures/posts/ (valid/ and invalid/); these
check the rules one by one and that nothing moves lines or columns.
"""

from __future__ import annotations

import pytest
from bantin.core.errors import ContentError
from bantin.posts.frontmatter import parse_post
from bantin.posts.habits import normalize_front_matter
from hypothesis import given, settings
from hypothesis import strategies as st


def meta(front: str) -> dict[str, object]:
    return parse_post(f"---\n{front}\n---\nThân bài\n".encode(), "posts/x.md").meta


def error(front: str):
    with pytest.raises(ContentError) as caught:
        parse_post(f"---\n{front}\n---\nThân bài\n".encode(), "posts/x.md")
    (problem,) = caught.value.problems
    return problem


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("title: Quận Tây Hồ: Hiệu quả công tác dân vận", "Quận Tây Hồ: Hiệu quả công tác dân vận"),
        ("image_caption: Trao quà (Ảnh: N. Hoa)", "Trao quà (Ảnh: N. Hoa)"),
        ("summary: Kết quả:", "Kết quả:"),
        ("author: @phuong", "@phuong"),
        ("source: `UBND`", "`UBND`"),
        ("unit: %Hội", "%Hội"),
        ("title: - Tin vắn", "- Tin vắn"),
        ("title: [Video] Hội nghị", "[Video] Hội nghị"),
        ('title: "Dân vận khéo" lan tỏa', '"Dân vận khéo" lan tỏa'),
        ("title: 'Tết' ấm", "'Tết' ấm"),
        ("title: Họp: dân # ghi chú", "Họp: dân"),
        ("title: “Thông báo: lịch tiếp dân”", "Thông báo: lịch tiếp dân"),
        ("title: ‘Tổ #5’", "Tổ #5"),
        ("title: ”Word đóng ngoặc sai”", "Word đóng ngoặc sai"),
        ("title: “a” và “b”", "“a” và “b”"),
        ('title: "Đã: có ngoặc"', "Đã: có ngoặc"),
        ("title:\u00a0Thông báo", "Thông báo"),
        ("title\u00a0:\u00a0\u00a0Thông báo\u00a0", "Thông báo"),
        ("\u200btitle: Thông\u200b báo", "Thông báo"),
    ],
)
def test_text_fields_take_the_line_as_written(line: str, expected: str) -> None:
    key = "title"
    for candidate in ("image_caption", "summary", "author", "source", "unit"):
        if line.startswith(candidate):
            key = candidate
    assert meta(line)[key] == expected


def test_word_quotes_are_quotes_for_any_field_and_list() -> None:
    got = meta(
        "category: “Thông báo”\ntags: [“a b”, ‘c’]\nviews: “12”\naliases:\n  - “tin/cu.html”"
    )
    assert got == {
        "category": "Thông báo",
        "tags": ["a b", "c"],
        "views": "12",
        "aliases": ["tin/cu.html"],
    }


@pytest.mark.parametrize(
    ("front", "field", "fragment"),
    [
        ("category: Tin tức: Sự kiện", "category", 'category: "Tin tức: Sự kiện"'),
        ("tags: a: b", "tags", "dấu hai chấm"),
        ("date: 13/10/2020: 09:17", "date", "dấu hai chấm"),
        ("title: !!python/name:os.system x", "title", "thẻ YAML"),
        ("title: 'chưa đóng", "title", "chưa đóng"),
        ("summary: Dòng: một\n  dòng hai", "summary", "dấu hai chấm"),
        ("category: “Tin: tức", "category", "ngoặc kép của Word"),
        ("slug: @a", "slug", "ngoặc kép"),
    ],
)
def test_everything_else_stays_strict(front: str, field: str, fragment: str) -> None:
    problem = error(front)
    assert problem.field == field and fragment in problem.message, problem


def test_numbers_dates_and_flags_in_text_fields_keep_their_clear_errors() -> None:
    # YAML reads these as true/false, a date, 1:30 as 90: the title field explains it.
    assert meta("title: no")["title"] is False
    assert error("title: 1:30").field == "title"


def test_columns_stay_where_they_were_written() -> None:
    problem = error("title: Ủy ban: họp\ncategory: Tin: x")
    assert (problem.line, problem.column) == (3, len("category: Tin") + 1)
    raw = parse_post("---\ntitle: A: b\ntags: [“x”]\n---\n".encode(), "x")
    assert raw.position("title") == (2, 8)
    assert raw.position("tags[0]") == (3, 8)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "title: A: b",
                "  - label: X: y",
                "\u00a0value:\u00a01",
                "summary: >",
                "  dòng: hai",
                "tags: [“a”, b]",
                "“",
                "‘x’",
                "\u200b",
                "# ghi chú: x",
                "author: 'a' b",
                "",
            ]
        ),
        max_size=12,
    )
)
def test_normalizing_keeps_every_line_in_place(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert normalize_front_matter(text).count("\n") == text.count("\n")
