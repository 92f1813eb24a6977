"""Issue 13 items 3 and 11: hostile or damaged logs cannot poison the view history nor
exhaust memory.

* a line stamped in the future (server clock glitch) is skipped and reported, and never
  marks a time span as imported;
* a time zone offset no place has (``+9999``, ``+0575``) makes the line unreadable;
* a line without end (1 GiB and no newline) is skipped without being held whole;
* a ``.gz`` that decompresses a thousand times over stops the import with a Vietnamese
  message, before it fills memory, and nothing is written.
"""

from __future__ import annotations

import gzip
import json
import tracemalloc
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from bantin.views.importer import LogReadError, import_logs
from bantin.views.logparse import MAX_LINE, LogFile, parse_time
from bantin.views.skip import Skip
from hypothesis import given
from hypothesis import strategies as st

from .logkit import ARTICLE, ARTICLE_KEY, CHROME, IPHONE, T0, line, write_log


def _views(data: Path) -> int:
    return sum(json.loads(data.read_text(encoding="utf-8"))["pages"].values())


def test_a_line_from_the_future_does_not_poison_later_imports(tmp_path: Path) -> None:
    data = tmp_path / "views.json"
    glitch = T0.replace(year=2030)
    first = write_log(
        tmp_path / "a.log",
        [line(at=0), line(at=glitch, addr="198.51.100.9"), line(at=60, agent=IPHONE)],
    )
    summary = import_logs([first], data, now=T0 + timedelta(hours=1))
    assert summary.views == 2
    assert summary.skipped[Skip.FUTURE] == 1
    assert summary.last is not None and summary.last < int(glitch.timestamp())
    # The next day's log: every view is new, none is taken for "already imported".
    later = T0 + timedelta(days=1)
    second = write_log(
        tmp_path / "b.log",
        [line(at=later + timedelta(minutes=i), addr=f"203.0.113.{i}") for i in range(1, 6)],
    )
    summary = import_logs([second], data, now=later + timedelta(hours=1))
    assert summary.views == 5 and summary.skipped[Skip.DUPLICATE] == 0
    assert _views(data) == 7
    coverage = json.loads(data.read_text(encoding="utf-8"))
    assert "2030" not in json.dumps(coverage)


def test_a_line_within_the_tolerance_counts(tmp_path: Path) -> None:
    data = tmp_path / "views.json"
    log = write_log(tmp_path / "a.log", [line(at=0), line(at=30 * 60, agent=IPHONE)])
    summary = import_logs([log], data, now=T0)
    assert summary.views == 2 and not summary.skipped[Skip.FUTURE]


ZONE = st.tuples(st.sampled_from("+-"), st.integers(0, 99), st.integers(0, 99))


@given(ZONE)
def test_only_real_offsets_are_read(zone: tuple[str, int, int]) -> None:
    sign, hours, minutes = zone
    text = f"22/Nov/2026:10:00:00 {sign}{hours:02d}{minutes:02d}".encode()
    seconds = hours * 3600 + minutes * 60
    real = minutes < 60 and seconds <= (14 * 3600 if sign == "+" else 12 * 3600)
    parsed = parse_time(text)
    if not real:
        assert parsed is None
    else:
        offset = timezone(timedelta(seconds=seconds if sign == "+" else -seconds))
        assert parsed == int(datetime(2026, 11, 22, 10, tzinfo=offset).timestamp())


def test_impossible_offset_is_skipped_and_reported(tmp_path: Path) -> None:
    log = tmp_path / "a.log"
    good = line(at=0)
    log.write_text(good + good.replace("+0700", "+9999").replace("203.0.113.7", "1.2.3.4"))
    summary = import_logs([log], tmp_path / "views.json", now=T0)
    assert summary.views == 1 and summary.skipped[Skip.MALFORMED] == 1


def test_an_endless_line_is_skipped_in_bounded_memory(tmp_path: Path) -> None:
    log = tmp_path / "a.log"
    with open(log, "wb") as out:
        out.write(line(at=0).encode())
        block = b"A" * (1 << 20)
        for _ in range(24):  # 24 MiB without a newline
            out.write(block)
        out.write(b"\n" + line(at=60, agent=IPHONE).encode())
    tracemalloc.start()
    try:
        summary = import_logs([log], tmp_path / "views.json", now=T0)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert summary.views == 2
    assert summary.skipped[Skip.TOO_LONG] == 1
    assert peak < 4 * MAX_LINE + (2 << 20), peak


def test_lines_are_never_longer_than_the_limit(tmp_path: Path) -> None:
    log = write_log(tmp_path / "a.log", ["x" * (MAX_LINE - 1) + "\n", "y" * (MAX_LINE + 5) + "\n"])
    with LogFile(log) as opened:
        lines = list(opened)
        assert opened.too_long == 1
    assert [len(x) for x in lines] == [MAX_LINE]


def test_a_gzip_bomb_stops_the_import_and_writes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "views.json"
    import_logs([write_log(tmp_path / "a.log", [line(at=0)])], data, now=T0)
    before = data.read_bytes()
    bomb = tmp_path / "access.log.2.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as out:
        out.write(line(at=0).encode())
        zeros = bytes(1 << 20)
        for _ in range(96):  # 96 MiB of zeros in about 100 KB
            out.write(zeros)
    assert bomb.stat().st_size < 1 << 20
    with pytest.raises(LogReadError) as caught:
        import_logs([bomb], data, now=T0)
    assert "giãn ra quá lớn" in str(caught.value) and "Chưa ghi gì" in str(caught.value)
    assert data.read_bytes() == before


def test_views_key_is_the_article(tmp_path: Path) -> None:
    """The helpers above write the article the other views tests use."""
    data = tmp_path / "views.json"
    import_logs([write_log(tmp_path / "a.log", [line(ARTICLE, at=0, agent=CHROME)])], data, now=T0)
    assert json.loads(data.read_text(encoding="utf-8"))["pages"] == {ARTICLE_KEY: 1}
    assert UTC
