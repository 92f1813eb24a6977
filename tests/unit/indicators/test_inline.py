"""Body markers: where the box goes, hiding it, and figures quoted inline."""

from __future__ import annotations

import unicodedata
from decimal import Decimal as D

import pytest
from bantin.core.errors import Severity
from bantin.core.text import fold_marks
from bantin.indicators.inline import expand, find_placement, lookup, markers
from bantin.indicators.model import Indicator

FUND = Indicator(
    "Quỹ “Vì người nghèo”", "quy-vi-nguoi-ngheo", D(93095000), "đồng", percent=D("88.37")
)
CREMATION = Indicator(
    "Người qua đời được hỏa táng", "ty-le-hoa-tang", D(49), "trường hợp", of=D(51)
)
INDICATORS = (FUND, CREMATION)
BOX = '<div class="bt-indicators">KHUNG</div>'
FUND_HTML = '<span class="bt-figure" data-indicator="quy-vi-nguoi-ngheo">93.095.000 đồng (đạt 88,37%)</span>'


def run(markdown: str, indicators: tuple[Indicator, ...] = INDICATORS, body_line: int = 10):
    return expand(markdown, indicators, BOX, "posts/bai.md", body_line)


@pytest.mark.parametrize(
    ("markdown", "placement"),
    [
        ("Đoạn đầu.\n\nĐoạn hai.", "default"),
        ("Đoạn đầu.\n\n[[chỉ số]]\n\nĐoạn hai.", "inline"),
        ("[[ẩn chỉ số]]\n\nĐoạn.", "hidden"),
        ("Đoạn có [[ẩn chỉ số]] ở giữa.", "hidden"),
        ("[[Chi So]]", "inline"),
        ("  [[CHỈ SỐ]]  ", "inline"),
        ("[[an chi so]]", "hidden"),
        ("[[ Ẩn  chỉ   số ]]", "hidden"),
        (unicodedata.normalize("NFD", "[[chỉ số]]"), "inline"),
        (unicodedata.normalize("NFD", "[[ẩn chỉ số]]"), "hidden"),
        ("Câu có [[chỉ số]] giữa dòng.", "default"),  # not alone: not a placement
        ("Chỉ số [[chỉ số: quy-vi-nguoi-ngheo]] trong câu.", "default"),
        ("```\n[[chỉ số]]\n```", "default"),
        ("~~~~markdown\n[[ẩn chỉ số]]\n~~~~", "default"),
        ("`[[chỉ số]]`", "default"),
        ("\\[[chỉ số]]", "default"),
        ("[[chỉ số]]\n\n[[ẩn chỉ số]]", "inline"),  # the first one counts
        ("[[ẩn chỉ số]]\n\n[[chỉ số]]", "hidden"),
        ("[[chỉ số khác]]", "default"),
    ],
)
def test_find_placement(markdown: str, placement: str) -> None:
    assert find_placement(markdown) == placement


def test_fold() -> None:
    assert fold_marks("  Ẩn   CHỈ Số ") == "an chi so"
    assert fold_marks(unicodedata.normalize("NFD", "đường")) == "duong"


def test_box_marker_becomes_the_box_as_a_raw_html_block() -> None:
    text, problems = run("Đoạn đầu.\n\n[[chỉ số]]\n\nĐoạn hai.")
    assert problems == []
    assert text == f"Đoạn đầu.\n\n\n{BOX}\n\n\nĐoạn hai."


def test_box_marker_without_blank_lines_still_makes_a_block() -> None:
    text, _ = run("Đoạn đầu.\n[[chỉ số]]\nĐoạn hai.")
    assert text == f"Đoạn đầu.\n\n{BOX}\n\nĐoạn hai."


def test_hidden_marker_is_removed() -> None:
    text, problems = run("[[ẩn chỉ số]]\n\nĐoạn.")
    assert problems == []
    assert text == "\n\nĐoạn."


def test_hidden_marker_inside_a_line_is_removed_from_it() -> None:
    text, problems = run("Đoạn [[ẩn chỉ số]] tiếp.")
    assert problems == []
    assert text == "Đoạn  tiếp."


def test_inline_reference_inserts_the_escaped_figure() -> None:
    text, problems = run("Quỹ vận động được [[chỉ số: quy-vi-nguoi-ngheo]], vượt kỳ trước.")
    assert problems == []
    assert text == f"Quỹ vận động được {FUND_HTML}, vượt kỳ trước."


@pytest.mark.parametrize(
    "marker",
    [
        "[[chỉ số: quy-vi-nguoi-ngheo]]",
        "[[chi so: quy-vi-nguoi-ngheo]]",
        "[[CHỈ SỐ:quy-vi-nguoi-ngheo]]",
        "[[Chỉ số : Quy-Vi-Nguoi-Ngheo ]]",
        "[[chỉ số: Quỹ “Vì người nghèo”]]",  # the label works too
        unicodedata.normalize("NFD", "[[chỉ số: quy-vi-nguoi-ngheo]]"),
    ],
)
def test_reference_forms(marker: str) -> None:
    text, problems = run(f"Được {marker}.")
    assert problems == []
    assert text == f"Được {FUND_HTML}."


def test_several_references_on_one_line() -> None:
    text, problems = run("[[chỉ số: quy-vi-nguoi-ngheo]] và [[chỉ số: ty-le-hoa-tang]].")
    assert problems == []
    assert text == (
        f'{FUND_HTML} và <span class="bt-figure" data-indicator="ty-le-hoa-tang">'
        "49/51 trường hợp (96,08%)</span>."
    )


def test_unknown_id_is_an_error_with_line_and_suggestion() -> None:
    markdown = "Đoạn đầu.\n\nTỷ lệ hỏa táng [[chỉ số: ty-le-hoa-tan]]."
    text, problems = run(markdown, body_line=12)
    assert text == markdown  # left as written
    assert [str(p) for p in problems] == [
        "posts/bai.md:14:16: lỗi trường 'nội dung': “[[chỉ số: ty-le-hoa-tan]]”: bài không có chỉ "
        "số có id “ty-le-hoa-tan”. Có phải là “[[chỉ số: ty-le-hoa-tang]]”? Các id trong bài: "
        "quy-vi-nguoi-ngheo, ty-le-hoa-tang."
    ]
    assert problems[0].severity is Severity.ERROR


def test_unknown_id_without_close_match() -> None:
    _, problems = run("[[chỉ số: zzz]]", body_line=1)
    assert [p.message for p in problems] == [
        "“[[chỉ số: zzz]]”: bài không có chỉ số có id “zzz”. Các id trong bài: "
        "quy-vi-nguoi-ngheo, ty-le-hoa-tang."
    ]


def test_reference_in_a_post_without_indicators() -> None:
    _, problems = run("[[chỉ số: quy]]", indicators=(), body_line=5)
    assert [str(p) for p in problems] == [
        "posts/bai.md:5:1: lỗi trường 'nội dung': “[[chỉ số: quy]]” trỏ tới chỉ số “quy” nhưng bài "
        "không có chỉ số nào. Thêm chỉ số vào trường 'indicators' hoặc xóa tham chiếu này."
    ]


def test_reference_without_id() -> None:
    _, problems = run("Số [[chỉ số: ]].", body_line=1)
    assert [p.message for p in problems] == [
        "“[[chỉ số: ]]” thiếu id của chỉ số sau dấu hai chấm, ví dụ: [[chỉ số: quy-vi-nguoi-ngheo]]."
    ]
    assert problems[0].is_error


def test_second_placement_marker_is_removed_with_a_warning() -> None:
    text, problems = run("[[chỉ số]]\n\nĐoạn.\n\n[[ẩn chỉ số]]", body_line=20)
    assert text == f"\n{BOX}\n\n\nĐoạn.\n\n"
    assert [str(p) for p in problems] == [
        "posts/bai.md:24:1: cảnh báo trường 'nội dung': “[[ẩn chỉ số]]” thừa: vị trí khung chỉ số "
        "đã được đặt ở trên. Chỉ viết một “[[chỉ số]]” hoặc “[[ẩn chỉ số]]” trong bài; dòng này bị "
        "bỏ qua."
    ]
    assert problems[0].severity is Severity.WARNING


def test_box_marker_inside_a_sentence_is_a_warning() -> None:
    markdown = "Câu có [[chỉ số]] giữa dòng."
    text, problems = run(markdown, body_line=3)
    assert text == markdown
    assert [str(p) for p in problems] == [
        "posts/bai.md:3:8: cảnh báo trường 'nội dung': “[[chỉ số]]” phải đứng riêng trên một dòng "
        "(dòng trống trước và sau) để đặt khung chỉ số ở đó; để chèn một con số vào câu, viết "
        "“[[chỉ số: id]]”."
    ]


def test_box_marker_in_a_post_without_indicators() -> None:
    text, problems = run("[[chỉ số]]\n\nĐoạn.", indicators=(), body_line=7)
    assert text == "\n\nĐoạn."
    assert [str(p) for p in problems] == [
        "posts/bai.md:7:1: cảnh báo trường 'nội dung': bài không có chỉ số nào (trường "
        "'indicators') nên “[[chỉ số]]” không có tác dụng; xóa dòng này."
    ]


def test_markers_in_code_are_left_alone() -> None:
    markdown = (
        "Cách viết:\n\n```markdown\n[[chỉ số]]\n[[chỉ số: khong-co]]\n```\n\n"
        "Hoặc `[[chỉ số: khong-co]]` trong dòng, và ``[[ẩn chỉ số]]``.\n\n"
        "~~~\n[[ẩn chỉ số]]\n```\nvẫn trong khối\n~~~\n\n"
        "    > ```\n    > [[chỉ số]]\n    > ```\n"
    )
    text, problems = run(markdown)
    assert problems == []
    assert text == markdown
    assert find_placement(markdown) == "default"


def test_an_unclosed_fence_protects_the_rest() -> None:
    markdown = "```\n[[chỉ số: khong-co]]\n"
    assert run(markdown) == (markdown, [])


def test_a_backtick_line_with_backticks_in_its_info_is_not_a_fence() -> None:
    # "``` a ` b" cannot open a fence (CommonMark), so the marker below it counts
    text, problems = run("``` a ` b\n[[chỉ số: quy-vi-nguoi-ngheo]]")
    assert problems == []
    assert FUND_HTML in text


def test_unrelated_double_brackets_are_left_alone() -> None:
    markdown = "Xem [[Trang chủ]] và [[chỉ số khác]]."
    assert run(markdown) == (markdown, [])


def test_inserted_figure_is_escaped_for_html_and_markdown() -> None:
    tricky = Indicator("<script>", "x", D(5), "<b>*hộ*</b> & _co_")
    text, problems = run("Số [[chỉ số: x]].", indicators=(tricky,))
    assert problems == []
    assert text == (
        'Số <span class="bt-figure" data-indicator="x">5 &lt;b&gt;&#42;hộ&#42;&lt;/b&gt; &amp; '
        "&#95;co&#95;</span>."
    )


def test_lookup_by_id_then_label() -> None:
    assert lookup("ty-le-hoa-tang", INDICATORS) is CREMATION
    assert lookup("Người qua đời được hỏa táng", INDICATORS) is CREMATION
    assert lookup("!!!", INDICATORS) is None
    assert lookup("khong-co", INDICATORS) is None


def test_markers_report_positions() -> None:
    found = list(markers("a\n  [[chỉ số]]\nb [[chỉ số: x]]"))
    assert [(m.kind, m.line, m.start, m.alone, m.reference) for m in found] == [
        ("box", 1, 2, True, ""),
        ("reference", 2, 2, False, "x"),
    ]
