"""The front-matter reader on hostile and unusual input: limits, YAML traps, encodings, lines."""

from __future__ import annotations

import os
import time
from pathlib import Path

import frontmatter
import pytest
import yaml
from bantin.core.errors import ContentError, Problem
from bantin.posts import frontmatter as fm
from bantin.posts import safe_yaml
from bantin.posts.frontmatter import (
    MAX_DEPTH,
    MAX_FRONT_MATTER_BYTES,
    MAX_NODES,
    SafeYAMLHandler,
    parse_post,
    quote_hint,
    read_post,
)

HEAD = "title: Họp dân\ndate: 13/10/2020\ncategory: Thông báo\n"


def fails(data: str | bytes, path: str = "posts/x.md") -> ContentError:
    raw = data.encode() if isinstance(data, str) else data
    with pytest.raises(ContentError) as caught:
        parse_post(raw, path)
    assert caught.value.problems, "a ContentError must carry its problems"
    for problem in caught.value.problems:
        assert problem.path == path
    return caught.value


def only(error: ContentError) -> Problem:
    assert len(error.problems) == 1, error
    return error.problems[0]


@pytest.fixture(params=["C", "Python"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with libyaml's loader and again with PyYAML's pure-Python one."""
    if request.param == "Python":
        monkeypatch.setattr(safe_yaml, "_BaseLoader", yaml.SafeLoader)
    elif not yaml.__with_libyaml__:
        pytest.skip("libyaml is not installed")
    return str(request.param)


def test_the_fast_c_safe_loader_is_used_when_available() -> None:
    if yaml.__with_libyaml__:
        assert safe_yaml._BaseLoader is yaml.CSafeLoader
    assert issubclass(
        safe_yaml._BaseLoader, (yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    )


# --- nesting, size, bombs: never a crash ------------------------------------------------------


@pytest.mark.parametrize(
    ("opener", "count", "fragment"),
    [
        ("[", 50_000, "lồng nhau quá sâu"),
        ("{a: ", 15_000, "lồng nhau quá sâu"),
        ("[{a: ", 12_000, "lồng nhau quá sâu"),
        ("{", 50_000, "tên trường phải là một chữ"),  # '{' where a key must be: refused first
    ],
)
def test_fifty_thousand_nested_brackets_are_a_clean_error_in_process(
    opener: str, count: int, fragment: str, loader: str
) -> None:
    # PyYAML's own C composer segfaults on 50,000 '['; the reader answers with a ContentError.
    text = "---\ntags: " + opener * count + "\n---\n"
    assert len(text.encode()) < MAX_FRONT_MATTER_BYTES  # the depth check, not the size check
    problem = only(fails(text))
    assert fragment in problem.message
    assert (problem.field, problem.line) == ("tags", 2)


def test_deep_block_nesting_is_refused_too(loader: str) -> None:
    text = "- " * 30_000 + "x"  # compact nested block lists, 60 kB: under the size limit
    problem = only(fails(f"---\ntags:\n  {text}\n---\n"))
    assert "lồng nhau quá sâu" in problem.message
    assert problem.line == 3


def test_depth_limit_boundary() -> None:
    # The mapping of fields is level 1, so a field may hold MAX_DEPTH - 1 nested lists.
    ok = parse_post(
        f"---\ntags: {'[' * (MAX_DEPTH - 1)}{']' * (MAX_DEPTH - 1)}\n---\n".encode(), "x"
    )
    assert ok.meta["tags"] is not None
    problem = only(fails(f"---\ntags: {'[' * MAX_DEPTH}{']' * MAX_DEPTH}\n---\n"))
    assert problem.column == len("tags: ") + MAX_DEPTH  # at the opening that is one too many


def test_oversized_front_matter_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def must_not_parse(*args: object) -> None:
        raise AssertionError("the YAML parser must not see oversized front matter")

    monkeypatch.setattr(safe_yaml, "_BaseLoader", must_not_parse)
    summary = "Tóm tắt rất dài. " * (MAX_FRONT_MATTER_BYTES // 10)
    problem = only(fails(f"---\n{HEAD}summary: {summary}\n---\nbody\n"))
    assert "quá lớn" in problem.message and "64 KiB" in problem.message
    assert problem.line == 1


def test_front_matter_just_under_the_size_limit_is_read() -> None:
    summary = "a" * (MAX_FRONT_MATTER_BYTES - 200)
    raw = parse_post(f"---\n{HEAD}summary: {summary}\n---\n".encode(), "x")
    assert raw.meta["summary"] == summary


def test_too_many_values_are_refused() -> None:
    items = ",".join(["a"] * (MAX_NODES + 10))
    problem = only(fails(f"---\ntags: [{items}]\n---\n"))
    assert "quá nhiều giá trị" in problem.message and problem.field == "tags"


def test_billion_laughs_is_refused_at_the_first_anchor(loader: str) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[index]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    started = time.perf_counter()
    problem = only(fails("---\n" + "\n".join(lines) + "\n---\n"))
    assert time.perf_counter() - started < 1
    assert "neo" in problem.message and (problem.line, problem.column) == (2, 4)


def test_python_tags_never_run(tmp_path: Path, loader: str) -> None:
    marker = tmp_path / "da-chay"
    problem = only(fails(f"---\ntitle: !!python/object/apply:os.mkdir ['{marker}']\n---\n"))
    assert not marker.exists()
    assert "!!python/object/apply:os.mkdir" in problem.message and "bị cấm" in problem.message
    assert problem.field == "title"


@pytest.mark.parametrize(
    "tag", ["!!python/name:os.system", "!!python/module:os", "!ruby/object", "!!set"]
)
def test_every_unusual_tag_is_an_error(tag: str) -> None:
    problem = only(fails(f"---\nsummary: {tag} x\n---\n"))
    assert "thẻ YAML" in problem.message and problem.field == "summary"


def test_plain_str_tag_is_allowed() -> None:
    assert parse_post(b"---\ntitle: !!str no\nslug: ! 012\n---\n", "x").meta["title"] == "no"


# --- YAML 1.1 surprises --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "fragment"),
    [
        ("012", "thành số 10"),
        ("0o12", None),
        ("0x1F", "thành số 31"),
        ("0b101", "thành số 5"),
        ("1:30", "thành số 90"),
        ("1:30.5", "thành số 90.5"),
        (".nan", "NaN"),
        (".inf", "vô cực"),
        ("-.inf", "vô cực"),
        ("1.0e+400", "vô cực"),
    ],
)
def test_numbers_that_do_not_mean_what_they_look_like(written: str, fragment: str | None) -> None:
    text = f"---\n{HEAD}views: {written}\n---\n"
    if fragment is None:  # "0o12" is not a YAML 1.1 number at all: it stays text
        assert parse_post(text.encode(), "x").meta["views"] == written
        return
    problem = only(fails(text))
    assert fragment in problem.message and f'views: "{written}"' in problem.message
    assert (problem.field, problem.line, problem.column) == ("views", 5, 8)


def test_surprises_inside_lists_are_reported_with_their_path() -> None:
    problem = only(fails("---\nindicators:\n  - label: Hộ\n    value: 017\n---\n"))
    assert problem.field == "indicators" and problem.line == 4
    assert "“017” thành số 15" in problem.message


def test_plain_decimal_numbers_dates_and_booleans_are_kept_with_their_source() -> None:
    raw = parse_post(
        b"---\nviews: 31\npinned: yes\ndate: 2020-10-13\ntags: [no, 12]\n"
        b"indicators:\n  - value: 93.095\n---\n",
        "x",
    )
    assert raw.meta["views"] == 31 and raw.meta["pinned"] is True
    assert raw.plain == {
        "views": "31",
        "pinned": "yes",
        "date": "2020-10-13",
        "tags[0]": "no",
        "tags[1]": "12",
        "indicators[0].value": "93.095",
    }
    assert raw.position("indicators[0].value") == (7, 12)


def test_impossible_yaml_dates_stay_text_for_the_date_field_to_explain() -> None:
    raw = parse_post(b"---\ndate: 2020-02-30\nother: 2020-13-45 10:00:00\n---\n", "x")
    assert raw.meta == {"date": "2020-02-30", "other": "2020-13-45 10:00:00"}


def test_keys_are_names_never_booleans_numbers_or_merges() -> None:
    raw = parse_post(b"---\nno: 1\n1: 2\n<<: {title: x}\nnull: 3\nt: <<\nu: =\n---\n", "x")
    assert raw.meta == {"no": 1, "1": 2, "<<": {"title": "x"}, "null": 3, "t": "<<", "u": "="}
    assert "title" not in raw.meta


def test_duplicate_keys_name_both_lines_at_every_level() -> None:
    error = fails("---\ntitle: a\ndate: b\ntitle: c\nindicators:\n  - {label: x, label: y}\n---\n")
    first, second = error.problems
    assert (first.field, first.line, first.column) == ("title", 4, 1)
    assert "dòng 2 và dòng 4" in first.message
    assert second.field == "indicators" and "'indicators[0].label'" in second.message
    assert "dòng 6 và dòng 6" in second.message


def test_quoted_keys_count_as_the_same_key() -> None:
    problem = only(fails('---\ntitle: a\n"title": b\n---\n'))
    assert "dòng 2 và dòng 3" in problem.message


def test_quote_hint_only_when_quoting_would_help() -> None:
    raw = parse_post(b"---\ntitle: no\nviews: 1.5\ntags: [a, yes]\n---\n", "x")
    assert quote_hint(raw, "title", str.upper) == (
        ' (YAML đọc “no” thành giá trị đúng/sai (false); hãy viết trong dấu ngoặc kép: title: "no".)'
    )

    def rejects(value: object) -> None:
        raise ValueError(value)

    assert quote_hint(raw, "views", rejects) == ""
    assert '"yes"' in quote_hint(raw, "tags", lambda v: [str(x) for x in v])
    assert quote_hint(raw, "author", str) == ""


# --- structure -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "line"),
    [
        ("", "không bắt đầu bằng phần thông tin", 1),
        ("Chỉ có nội dung.\n", "không bắt đầu bằng phần thông tin", 1),
        ("\n\ntitle: x\n---\n", "hãy thêm dòng '---'", 3),
        ('{"title": "x"}\n', "JSON", 1),
        ("---\ntitle: x\n", "không có dòng '---' đóng lại", 1),
        ("---", "không có dòng '---' đóng lại", 1),
        ("\n---\ntitle: x\n-- \n", "mở bằng '---' ở dòng 2", 2),
        ("---\n- a\n---\n", "là một danh sách", 2),
        ("---\nchữ\n---\n", "là một dòng chữ", 2),
        ('---\n""\n---\n', "là một dòng chữ", 2),
        ("---\ntitle: a\n--- x\ndate: b\n---\n", "hơn một khối YAML", 3),
        ("---\n? [a]\n: b\n---\n", "tên trường phải là một chữ", 2),
        ('---\n"": b\n---\n', "tên trường để trống", 2),
    ],
)
def test_structure_problems(text: str, fragment: str, line: int) -> None:
    problem = only(fails(text))
    assert fragment in problem.message and problem.line == line, problem


def test_empty_and_comment_only_front_matter_give_no_fields() -> None:
    for text in ("---\n---\nbody", "---\n# chỉ có ghi chú\n---\nbody", "---\n~\n---\nbody"):
        raw = parse_post(text.encode(), "x")
        assert raw.meta == {} and raw.body == "body"


def test_body_keeps_dashes_after_the_front_matter() -> None:
    raw = parse_post(f"---\n{HEAD}---\nĐoạn một.\n\n---\n\nĐoạn hai.\n".encode(), "x")
    assert raw.body == "Đoạn một.\n\n---\n\nĐoạn hai.\n" and raw.body_line == 6


def test_python_frontmatter_handler_is_the_same_safe_reader() -> None:
    post = frontmatter.loads(f"---\n{HEAD}---\nbody", handler=SafeYAMLHandler())
    assert post["title"] == "Họp dân" and post.content == "body"
    with pytest.raises(ContentError):
        frontmatter.loads("---\na: !!python/name:os.system x\n---\n", handler=SafeYAMLHandler())


# --- syntax errors: whole-file line and column, field named -----------------------------------------


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        # Text fields take colons, '`', '[' as written (test_word_habits.py): other fields do not.
        ("category: Thông báo: lịch tiếp dân", "dấu hai chấm"),
        ('title: "C:\\tai-lieu\\q"', "dấu '\\'"),
        ("category: `lệnh`", "ký tự đặc biệt"),
        ("title: 'chưa đóng", "chưa đóng"),
        ("tags: [a, b", "chưa đóng"),
        ("tags: {a: b", "chưa đóng"),
        ("title:\ta", None),  # a tab after ':' is fine in YAML 1.2 and libyaml
    ],
)
def test_syntax_errors_point_into_the_whole_file(line: str, fragment: str | None) -> None:
    prefix = "\n\n---\n# ghi chú\nauthor: N. Hoa\n"  # the bad line is line 6 of the file
    text = f"{prefix}{line}\nsource: UBND\n---\nbody\n"
    if fragment is None:
        assert parse_post(text.encode(), "x").meta["title"] == "a"
        return
    problem = only(fails(text))
    assert fragment in problem.message, problem
    assert problem.line == 6 and problem.field == line.split(":")[0], problem
    assert "cú pháp YAML" in problem.message


def test_unfinished_values_point_at_their_start() -> None:
    problem = only(fails("---\ntitle: Họp dân\ntags: [a, b\nauthor: x\nsource: y\n---\n"))
    assert (problem.field, problem.line, problem.column) == ("tags", 3, 7)
    assert "YAML nhận ra lỗi ở dòng" in problem.message
    problem = only(fails("---\ntitle: Họp dân\ntiếp theo của tiêu đề\ndate: 2020-10-13\n---\n"))
    assert (problem.line, problem.field) == (3, "title"), problem  # a title wrapped onto line 3
    assert "thiếu dấu ':'" in problem.message


def test_tab_indentation_is_explained() -> None:
    problem = only(fails("---\ntags:\n\t- a\n---\n"))
    assert "tab" in problem.message and (problem.line, problem.column) == (3, 1)


def test_column_counts_characters_not_bytes() -> None:
    problem = only(fails("---\ncategory: Ủy ban: họp\n---\n"))
    assert problem.column == len("category: Ủy ban") + 1


# --- encodings and line ends ------------------------------------------------------------------------


def test_not_utf8_names_the_byte_offset_line_and_column() -> None:
    data = "---\ntitle: Hội nghị\n".encode() + b"author: Nguy\xe3n\n---\n"
    problem = only(fails(data))
    offset = data.index(b"\xe3")
    assert f"byte lỗi ở vị trí {offset}" in problem.message and "UTF-8" in problem.message
    assert (problem.line, problem.column) == (3, len("author: Nguy") + 1)


def test_not_utf8_after_a_bom_counts_the_bom_bytes() -> None:
    data = b"\xef\xbb\xbf---\ntitle: \xff\n---\n"
    problem = only(fails(data))
    offset = data.index(b"\xff")
    assert f"vị trí {offset}" in problem.message


def test_utf16_is_recognised() -> None:
    assert "UTF-16" in only(fails(f"---\n{HEAD}---\n".encode("utf-16"))).message


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_line_ends_and_bom(newline: str, bom: bytes) -> None:
    text = f"---\n{HEAD}tags: [a]\n---\n\nĐoạn một.\nĐoạn hai.\n".replace("\n", newline)
    raw = parse_post(bom + text.encode(), "x")
    assert raw.meta["title"] == "Họp dân" and raw.meta["tags"] == ["a"]
    assert raw.body == "\nĐoạn một.\nĐoạn hai.\n"
    assert raw.body_line == 7 and raw.lines == {"title": 2, "date": 3, "category": 4, "tags": 5}
    broken = (f"---\n{HEAD}tags: [a\n---\n").replace("\n", newline)
    assert only(fails(bom + broken.encode())).line == 5


def test_unicode_line_separators_do_not_shift_lines() -> None:
    raw = parse_post("---\ntitle: a\u2028b\u0085c\nauthor: x\n---\n".encode(), "x")
    assert raw.meta["title"] == "a bc" and raw.lines["author"] == 3


def test_control_characters_are_removed_from_fields_and_body() -> None:
    raw = parse_post(
        b'---\ntitle: "a\\x07b\\u0000c\\e"\nauthor: d\x1be\ntags: ["f\\x0bg"]\n---\nh\x00i\x7fj\n',
        "x",
    )
    assert raw.meta == {"title": "abc", "author": "de", "tags": ["fg"]}
    assert raw.body == "hij\n"


def test_strings_are_nfc() -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", f"---\n{HEAD}tags: [Mặt trận]\n---\nThân bài")
    raw = parse_post(nfd.encode(), "x")
    for value in (raw.meta["title"], raw.meta["tags"][0], raw.body):
        assert unicodedata.is_normalized("NFC", value)
    assert raw.meta["title"] == "Họp dân"


# --- files -----------------------------------------------------------------------------------------


def test_read_post_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    (tmp_path / "thu-muc.md").mkdir()
    with pytest.raises(ContentError, match="không phải một tệp thường"):
        read_post(tmp_path / "thu-muc.md", "posts/thu-muc.md")
    fifo = tmp_path / "ong.md"
    os.mkfifo(fifo)
    with pytest.raises(ContentError, match="không phải một tệp thường"):
        read_post(fifo, "posts/ong.md")  # would block forever if it were opened
    with pytest.raises(ContentError, match="không đọc được tệp"):
        read_post(tmp_path / "khong-co.md", "posts/khong-co.md")


def test_read_post_refuses_huge_files_without_reading_them(tmp_path: Path) -> None:
    huge = tmp_path / "lon.md"
    with huge.open("wb") as handle:
        handle.truncate(fm.MAX_FILE_BYTES + 1)  # sparse: nothing is actually written
    with pytest.raises(ContentError, match="tệp quá lớn"):
        read_post(huge, "posts/lon.md")


def test_read_post_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "bai.md"
    path.write_text(f"---\n{HEAD}---\nThân bài\n", encoding="utf-8")
    raw = read_post(path, "posts/bai.md")
    assert raw.path == "posts/bai.md" and raw.body == "Thân bài\n" and raw.yaml_line == 2
