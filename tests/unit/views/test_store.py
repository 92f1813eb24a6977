"""The data file: format, validation with Vietnamese errors, atomic writes, lock."""

from __future__ import annotations

import json
import os
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
from bantin.core import files
from bantin.core.dates import VIETNAM
from bantin.views import store
from bantin.views.coverage import Coverage
from bantin.views.store import ViewsData, ViewsDataError

NOW = datetime(2026, 11, 22, 10, 15, 3, tzinfo=VIETNAM)


def sample() -> ViewsData:
    data = ViewsData()
    data.add_view("", "2026-11-21")
    data.add_view("2020/10/13/slug/", "2026-11-22")
    data.add_view("2020/10/13/slug/", "2026-11-22")
    data.imported["default"] = Coverage([(100, 200)], {99: Counter({"0123456789abcdef": 2})})
    return data


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "data" / "views.json"
    store.save(sample(), path, NOW)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc == {
        "format": "bantin-views",
        "version": 1,
        "updated": "2026-11-22T10:15:03+07:00",
        "pages": {"": 1, "2020/10/13/slug/": 2},
        "days": {"2026-11-21": 1, "2026-11-22": 2},
        "imported": {
            "default": {"covered": [[100, 200]], "edges": {"99": ["0123456789abcdef"] * 2}}
        },
    }
    again = store.load(path)
    assert again.pages == Counter({"": 1, "2020/10/13/slug/": 2})
    assert again.days == Counter({"2026-11-21": 1, "2026-11-22": 2})
    assert again.imported["default"].covered == [(100, 200)]
    assert again.imported["default"].edges == {99: Counter({"0123456789abcdef": 2})}


def test_missing_file_is_empty(tmp_path: Path) -> None:
    data = store.load(tmp_path / "nothing.json")
    assert not data.pages and not data.days and not data.imported


def test_written_file_is_readable_by_people(tmp_path: Path) -> None:
    path = tmp_path / "views.json"
    store.save(sample(), path, NOW)
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n")
    assert '\n  "2020/10/13/slug/": 2' in text  # one page per line: clean git diffs


def _fails(path: Path, content: str | bytes) -> ViewsDataError:
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    with pytest.raises(ViewsDataError) as caught:
        store.load(path)
    return caught.value


def test_corrupt_json_names_file_line_and_fix(tmp_path: Path) -> None:
    path = tmp_path / "views.json"
    error = _fails(path, '{\n "format": "bantin-views",\n "version": 1,\n "pages": {"a/": 3,,}\n}')
    problem = error.problems[0]
    assert problem.path == str(path)
    assert problem.line == 4
    message = str(error)
    assert str(path) in message
    assert "không phải JSON hợp lệ" in message
    assert "git checkout" in message and "Đừng xoá tệp" in message


@pytest.mark.parametrize(
    ("doc", "words"),
    [
        ([], "đối tượng JSON"),
        ({"version": 1}, "format"),
        ({"format": "bantin-views", "version": "1"}, "version"),
        ({"format": "bantin-views", "version": 1, "pages": []}, "pages"),
        ({"format": "bantin-views", "version": 1, "pages": {"a/": -3}}, 'pages["a/"]'),
        ({"format": "bantin-views", "version": 1, "pages": {"a/": 2.5}}, 'pages["a/"]'),
        ({"format": "bantin-views", "version": 1, "pages": {"a/": True}}, 'pages["a/"]'),
        ({"format": "bantin-views", "version": 1, "days": {"22/11/2026": 1}}, "YYYY-MM-DD"),
        ({"format": "bantin-views", "version": 1, "days": {"2026-02-30": 1}}, "YYYY-MM-DD"),
        (
            {
                "format": "bantin-views",
                "version": 1,
                "imported": {"default": {"covered": [[5, 1]]}},
            },
            "covered",
        ),
        (
            {"format": "bantin-views", "version": 1, "imported": {"default": {"edges": {"x": []}}}},
            "edges",
        ),
        (
            {
                "format": "bantin-views",
                "version": 1,
                "imported": {"default": {"edges": {"1": ["zz"]}}},
            },
            "edges",
        ),
    ],
)
def test_invalid_content_is_refused_with_the_field(tmp_path: Path, doc: object, words: str) -> None:
    error = _fails(tmp_path / "views.json", json.dumps(doc))
    assert words in str(error)
    assert str(tmp_path / "views.json") in str(error)


def test_newer_format_is_refused_not_rewritten(tmp_path: Path) -> None:
    error = _fails(tmp_path / "views.json", json.dumps({"format": "bantin-views", "version": 2}))
    assert "phiên bản bantin mới hơn" in str(error)


@pytest.mark.parametrize("content", [b"", b"\xff\xfe{", b"   "])
def test_empty_or_binary_file_is_not_silently_reset(tmp_path: Path, content: bytes) -> None:
    error = _fails(tmp_path / "views.json", content)
    assert "Đừng xoá tệp" in str(error)


def test_failed_rename_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "views.json"
    store.save(sample(), path, NOW)
    before = path.read_bytes()
    bigger = sample()
    bigger.add_view("x/", "2026-11-23")

    def crash(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", crash)
    with pytest.raises(store.ViewsDataError, match="ổ đĩa đã đầy"):
        store.save(bigger, path, NOW)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["views.json"]  # no temp file left


def test_crash_while_writing_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "views.json"
    store.save(sample(), path, NOW)
    before = path.read_bytes()

    def crash(fd: int) -> None:
        raise KeyboardInterrupt  # the process is stopped mid-write

    monkeypatch.setattr(files.os, "fsync", crash)
    with pytest.raises(KeyboardInterrupt):
        store.save(sample(), path, NOW)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["views.json"]


def test_mode_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "views.json"
    store.save(sample(), path, NOW)
    assert path.stat().st_mode & 0o777 == 0o644
    os.chmod(path, 0o664)
    store.save(sample(), path, NOW)
    assert path.stat().st_mode & 0o777 == 0o664


def test_one_import_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "data" / "views.json"
    with store.locked(path):
        with pytest.raises(ViewsDataError) as caught, store.locked(path):
            pass
        assert "đang ghi tệp này" in str(caught.value)
    with store.locked(path):  # released
        pass
