"""The access-log parser on lines exactly as nginx and Apache write them."""

from __future__ import annotations

import gzip
import inspect
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bantin.views.logparse import (
    BAD_FORMAT,
    BAD_TIME,
    LogFile,
    LogRecord,
    Malformed,
    first_time,
    parse_line,
    parse_time,
    read_log,
    split_request,
    unescape,
)

from .logkit import CHROME, line, write_log

NGINX = (
    '127.0.0.1 - - [22/Nov/2026:10:00:00 +0700] "GET /2020/10/13/slug/ HTTP/1.1" 200 5123 '
    '"https://www.google.com/" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 '
    '(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"\n'
)


def test_nginx_combined_line() -> None:
    record = parse_line(NGINX.encode())
    assert isinstance(record, LogRecord)
    assert record.remote_addr == "127.0.0.1"
    assert record.time == int(datetime(2026, 11, 22, 3, 0, tzinfo=UTC).timestamp())
    assert record.datetime == datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
    assert (record.method, record.target, record.protocol) == (
        "GET",
        "/2020/10/13/slug/",
        "HTTP/1.1",
    )
    assert (record.status, record.size) == (200, 5123)
    assert record.referrer == "https://www.google.com/"
    assert (
        record.user_agent.startswith("Mozilla/5.0 (Windows NT 10.0")
        and "Chrome/120" in record.user_agent
    )


def test_str_and_bytes_give_the_same_record() -> None:
    assert parse_line(NGINX) == parse_line(NGINX.encode())


def test_crlf_and_missing_newline() -> None:
    base = parse_line(NGINX)
    assert parse_line(NGINX.rstrip("\n")) == base
    assert parse_line(NGINX.rstrip("\n") + "\r\n") == base


def test_ipv6_client_and_dash_size_on_304() -> None:
    text = '2001:db8::8a2e:370:7334 - - [22/Nov/2026:10:00:00 +0700] "GET / HTTP/2.0" 304 - "-" "Mozilla/5.0"'
    record = parse_line(text)
    assert record.remote_addr == "2001:db8::8a2e:370:7334"
    assert (record.status, record.size, record.protocol) == (304, None, "HTTP/2.0")
    mapped = parse_line(text.replace("2001:db8::8a2e:370:7334", "::ffff:192.0.2.1"))
    assert mapped.remote_addr == "::ffff:192.0.2.1"


def test_apache_backslash_escapes_in_agent_and_referrer() -> None:
    # Apache writes " as \" and \ as \\ inside quoted fields.
    text = (
        r'192.0.2.4 - frank [10/Oct/2026:13:55:36 -0700] "GET /a/ HTTP/1.0" 200 2326 '
        r'"http://example.com/?q=\"x\"" "Mozilla/4.08 [en] (Win98; I ;Nav) \"quoted\" back\\slash"'
    )
    record = parse_line(text)
    assert record.referrer == 'http://example.com/?q="x"'
    assert record.user_agent == 'Mozilla/4.08 [en] (Win98; I ;Nav) "quoted" back\\slash'
    assert record.time == int(datetime(2026, 10, 10, 20, 55, 36, tzinfo=UTC).timestamp())


def test_nginx_hex_escapes_are_undone() -> None:
    # nginx (escape=default) writes " as \x22 and bytes above 0x7E as \xHH.
    text = (
        r'198.51.100.2 - - [22/Nov/2026:10:00:00 +0700] "GET /th\xC3\xB4ng-b\xC3\xA1o/ HTTP/1.1" '
        r'200 10 "-" "Agent \x22x\x22"'
    )
    record = parse_line(text)
    assert record.target == "/thông-báo/"
    assert record.user_agent == 'Agent "x"'


def test_percent_encoding_is_kept_in_target() -> None:
    record = parse_line(line("/chuy%C3%AAn-m%E1%BB%A5c/?utm=x"))
    assert record.target == "/chuy%C3%AAn-m%E1%BB%A5c/?utm=x"


def test_extra_fields_after_the_agent_are_ignored() -> None:
    text = NGINX.rstrip("\n") + ' "10.0.0.1, 10.0.0.2" rt=0.004\n'
    assert parse_line(text) == parse_line(NGINX)


def test_request_lines_that_are_not_requests() -> None:
    tls = (
        r'198.51.100.4 - - [22/Nov/2026:10:00:00 +0700] "\x16\x03\x01\x02\x00\x01" 400 157 "-" "-"'
    )
    empty = '198.51.100.4 - - [22/Nov/2026:10:00:00 +0700] "" 400 0 "-" "-"'
    for text in (tls, empty):
        record = parse_line(text)
        assert record and record.method == "" and record.target == "" and record.status == 400
    old = parse_line('198.51.100.4 - - [22/Nov/2026:10:00:00 +0700] "GET /" 200 10 "-" "-"')
    assert (old.method, old.target, old.protocol) == ("GET", "/", "")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", BAD_FORMAT),
        ("\n", BAD_FORMAT),
        ("not a log line at all", BAD_FORMAT),
        # the server died mid-write
        ('203.0.113.9 - - [22/Nov/2026:10:00:00 +0700] "GET /2020/01/01/bai-viet', BAD_FORMAT),
        # common log format: no referrer nor user agent
        ('203.0.113.9 - - [22/Nov/2026:10:00:00 +0700] "GET / HTTP/1.1" 200 10', BAD_FORMAT),
        (
            '203.0.113.9 - - [22/Nov/2026:10:00:00 +0700] "GET / HTTP/1.1" 2000 10 "-" "x"',
            BAD_FORMAT,
        ),
        (
            '203.0.113.9 - - [22/Nov/2026:10:00:00 +0700] "GET / HTTP/1.1" 200 ten "-" "x"',
            BAD_FORMAT,
        ),
        ('203.0.113.9 - - [31/Feb/2026:10:00:00 +0700] "GET / HTTP/1.1" 200 1 "-" "x"', BAD_TIME),
        ('203.0.113.9 - - [22/Foo/2026:10:00:00 +0700] "GET / HTTP/1.1" 200 1 "-" "x"', BAD_TIME),
        ('203.0.113.9 - - [22/Nov/2026:25:00:00 +0700] "GET / HTTP/1.1" 200 1 "-" "x"', BAD_TIME),
        ('203.0.113.9 - - [2026-11-22T10:00:00+07:00] "GET / HTTP/1.1" 200 1 "-" "x"', BAD_TIME),
    ],
)
def test_malformed_lines_give_a_reason(text: str, reason: str) -> None:
    result = parse_line(text)
    assert isinstance(result, Malformed)
    assert not result  # falsy, like None
    assert result.reason == reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("22/Nov/2026:10:00:00 +0700", datetime(2026, 11, 22, 3, 0, tzinfo=UTC)),
        ("22/Nov/2026:10:00:00 +0000", datetime(2026, 11, 22, 10, 0, tzinfo=UTC)),
        ("22/Nov/2026:10:00:00 -0130", datetime(2026, 11, 22, 11, 30, tzinfo=UTC)),
        ("01/Jan/2027:00:00:59 +0700", datetime(2026, 12, 31, 17, 0, 59, tzinfo=UTC)),
        ("29/Feb/2028:23:59:59 +0700", datetime(2028, 2, 29, 16, 59, 59, tzinfo=UTC)),
    ],
)
def test_parse_time(text: str, expected: datetime) -> None:
    assert parse_time(text.encode()) == int(expected.timestamp())


@pytest.mark.parametrize(
    "text",
    [
        "29/Feb/2027:10:00:00 +0700",
        "22/Nov/2026:10:60:00 +0700",
        "22/Nov/2026:10:00:61 +0700",
        "22/nov/2026:10:00:00 +0700",
        "22/Nov/2026:10:00:00 0700",
        "22/Nov/2026:10:00:0a +0700",
    ],
)
def test_parse_time_rejects(text: str) -> None:
    assert parse_time(text.encode()) is None


def test_split_request_and_unescape() -> None:
    assert split_request(b"GET /x/?a=1 HTTP/1.1") == (b"GET", b"/x/?a=1", b"HTTP/1.1")
    assert split_request(b"GET /x/ y HTTP/1.1") is None
    assert split_request(b"") is None
    assert unescape(rb"a\x22b\"c\\d\te") == b'a"b"c\\d\te'
    assert unescape(b"plain") == b"plain"


def test_plain_and_gzip_logs_read_the_same(tmp_path: Path) -> None:
    lines = [line(at=i, addr=f"192.0.2.{i}") for i in range(50)] + ["garbage\n"]
    plain = write_log(tmp_path / "access.log", lines)
    # Compressed but without a .gz name: the content decides, as logrotate names vary.
    packed = write_log(tmp_path / "access.log.1", lines, gz=True)
    assert packed.read_bytes()[:2] == b"\x1f\x8b"
    got_plain, got_packed = list(read_log(plain)), list(read_log(packed))
    assert got_plain == got_packed
    assert len(got_plain) == 51 and not got_plain[-1]
    assert [r.remote_addr for r in got_plain[:3]] == ["192.0.2.0", "192.0.2.1", "192.0.2.2"]
    with LogFile(packed) as log:
        assert log.compressed
        for _ in log:
            pass
        assert log.position == packed.stat().st_size


def test_read_log_streams(tmp_path: Path) -> None:
    path = write_log(tmp_path / "access.log.gz", [line(at=i) for i in range(10)], gz=True)
    records = read_log(path)
    assert inspect.isgenerator(records)
    assert next(records).time < next(records).time + 1


def test_first_time_skips_damaged_head(tmp_path: Path) -> None:
    path = write_log(tmp_path / "a.log", ["\x00\x00garbage\n", line(at=42), line(at=1)])
    assert first_time(path) == parse_line(line(at=42)).time
    empty = write_log(tmp_path / "b.log", [])
    assert first_time(empty) is None


def test_truncated_gzip_raises_at_the_end(tmp_path: Path) -> None:
    path = tmp_path / "cut.gz"
    data = gzip.compress("".join(line(at=i) for i in range(2000)).encode())
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(EOFError):
        list(read_log(path))


def test_chrome_agent_round_trip() -> None:
    assert parse_line(line(agent=CHROME)).user_agent == CHROME
