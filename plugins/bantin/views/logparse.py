"""Reading web server access logs in the "combined" format of nginx and Apache.

One line looks like this (nginx ``log_format combined``, Apache ``%h %l %u %t
"%r" %>s %b "%{Referer}i" "%{User-agent}i"``)::

    203.0.113.7 - - [22/Nov/2026:10:00:00 +0700] "GET /2020/10/13/slug/ HTTP/1.1" 200 5123 "-" "Mozilla/5.0 ..."

Lines are matched as bytes by one compiled regex; fields are decoded only
once a line matched. Fields that follow the user agent (some servers append
``"$http_x_forwarded_for"``) are ignored. Both servers escape awkward bytes in
quoted fields: nginx writes ``\\x22`` for a quote and ``\\xHH`` for bytes
outside printable ASCII, Apache writes ``\\"``, ``\\\\`` and ``\\xHH``; both
forms are read and undone, so the record holds what the client sent.

A line that cannot be read gives a :class:`Malformed` value (falsy, with a
reason) instead of raising, so a damaged log is skipped line by line.
"""

from __future__ import annotations

import gzip
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import IO, NamedTuple

# A quoted field: anything but a quote or a backslash, or a backslash escape.
# Written "unrolled" so the regex engine does not try an alternation per byte.
_QUOTED = rb'[^"\\]*(?:\\.[^"\\]*)*'

LINE_RE = re.compile(
    rb"(?P<addr>[^ ]+) [^ ]+ (?P<user>[^ ]+) \[(?P<time>[^\]]*)\] "
    rb'"(?P<request>' + _QUOTED + rb')" (?P<status>\d{3}) (?P<size>\d+|-) '
    rb'"(?P<referrer>' + _QUOTED + rb')" "(?P<agent>' + _QUOTED + rb')"'
)

_ESCAPE = re.compile(rb"\\(x[0-9A-Fa-f]{2}|.)")
_C_ESCAPES = {b"n": b"\n", b"t": b"\t", b"r": b"\r", b"v": b"\v", b"f": b"\f", b"b": b"\b"}
_MONTHS = {
    m.encode(): i
    for i, m in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}

GZIP_MAGIC = b"\x1f\x8b"
MAX_EAST = 14 * 3600
MAX_WEST = 12 * 3600
# A log line longer than this is not a request line (nginx's own limit for a
# whole request header is 8 KiB by default); it is skipped, never held whole.
MAX_LINE = 32 * 1024
# A .gz log may not grow more than this many times when decompressed: real logs
# compress 10-30 times; a "zip bomb" (a file of zeros) a thousand times.
MAX_RATIO = 200
MIN_BUDGET = 64 * 1024 * 1024


class LogTooLarge(ValueError):
    """A compressed log that decompresses to far more than any real log would."""


# Reasons a line is malformed.
BAD_FORMAT = "format"
BAD_TIME = "time"


class LogRecord(NamedTuple):
    """One request, as the server logged it (escapes undone)."""

    remote_addr: str
    time: int
    """Seconds since the epoch (UTC); the log's own offset has been applied."""
    method: str
    """``GET``, ``HEAD``…; empty when the request line was not ``METHOD TARGET [PROTOCOL]``."""
    target: str
    """The request target as sent: path and query, still percent-encoded."""
    protocol: str
    status: int
    size: int | None
    """Body bytes sent; ``None`` for ``-``."""
    referrer: str
    user_agent: str

    @property
    def datetime(self) -> datetime:
        """The request time as an aware datetime in UTC."""
        return datetime.fromtimestamp(self.time, UTC)


@dataclass(frozen=True, slots=True)
class Malformed:
    """A line that is not a combined-format log line. Falsy, so ``if record:`` works."""

    reason: str
    line: bytes

    def __bool__(self) -> bool:
        return False


def unescape(value: bytes) -> bytes:
    r"""Undo the escapes nginx and Apache write in quoted fields (``\xHH``, ``\"``, ``\\``, ``\n``)."""
    if b"\\" not in value:
        return value

    def repl(m: re.Match[bytes]) -> bytes:
        code = m.group(1)
        if len(code) == 3:
            return bytes((int(code[1:], 16),))
        return _C_ESCAPES.get(code, code)

    return _ESCAPE.sub(repl, value)


@lru_cache(maxsize=4096)
def _day_start(day: bytes, zone: bytes) -> int | None:
    """Epoch seconds of midnight of ``22/Nov/2026`` at offset ``+0700``; None if impossible."""
    try:
        month = _MONTHS[day[3:6]]
        if day[2:3] != b"/" or day[6:7] != b"/" or zone[:1] not in (b"+", b"-"):
            return None
        if not (day[:2].isdigit() and day[7:].isdigit() and zone[1:].isdigit()):
            return None
        midnight = datetime(int(day[7:]), month, int(day[:2]), tzinfo=UTC)
    except (KeyError, ValueError):
        return None
    if len(zone) != 5 or int(zone[3:5]) > 59:
        return None
    offset = int(zone[1:3]) * 3600 + int(zone[3:5]) * 60
    # Real offsets run from -12:00 to +14:00; "+9999" is a damaged line, not a place.
    if offset > (MAX_EAST if zone[:1] == b"+" else MAX_WEST):
        return None
    return int(midnight.timestamp()) - (offset if zone[:1] == b"+" else -offset)


@lru_cache(maxsize=4096)
def _minute_start(minute: bytes, zone: bytes) -> int | None:
    """``22/Nov/2026:10:00`` at ``+0700`` -> epoch seconds of that minute."""
    base = _day_start(minute[:11], zone)
    if base is None or minute[11:12] != b":" or minute[14:15] != b":":
        return None
    clock = minute[12:14] + minute[15:17]
    if not clock.isdigit():
        return None
    hour, mins = int(clock[:2]), int(clock[2:])
    if hour > 23 or mins > 59:
        return None
    return base + hour * 3600 + mins * 60


def parse_time(text: bytes) -> int | None:
    """``22/Nov/2026:10:00:00 +0700`` -> epoch seconds, or None when it is not a real time."""
    if len(text) != 26 or text[17:18] != b":" or text[20:21] != b" ":
        return None
    base = _minute_start(text[:17], text[21:])
    second = text[18:20]
    if base is None or not second.isdigit() or second > b"60":
        return None
    return base + int(second)


def split_request(request: bytes) -> tuple[bytes, bytes, bytes] | None:
    """``GET /x HTTP/1.1`` -> ``(b"GET", b"/x", b"HTTP/1.1")``, escapes undone; None if not a request line.

    HTTP/0.9 lines without a protocol give an empty one. Garbage (a TLS
    handshake sent to the HTTP port, an empty request) gives None.
    """
    parts = unescape(request).split(b" ")
    if len(parts) == 3:
        if parts[0].isalpha():
            return parts[0], parts[1], parts[2]
    elif len(parts) == 2 and parts[0].isalpha():
        return parts[0], parts[1], b""
    return None


def parse_line(line: bytes | str) -> LogRecord | Malformed:
    """Read one log line (with or without its line ending)."""
    raw = line.encode("utf-8", "surrogateescape") if isinstance(line, str) else line
    m = LINE_RE.match(raw)
    if m is None:
        return Malformed(BAD_FORMAT, raw)
    addr, _user, time_text, request, status, size, referrer, agent = m.groups()
    seconds = parse_time(time_text)
    if seconds is None:
        return Malformed(BAD_TIME, raw)
    parts = split_request(request)
    if parts is not None:
        method = parts[0].decode("ascii")
        target = parts[1].decode("utf-8", "surrogateescape")
        protocol = parts[2].decode("ascii", "replace")
    else:
        method = target = protocol = ""
    return LogRecord(
        addr.decode("ascii", "replace"),
        seconds,
        method,
        target,
        protocol,
        int(status),
        None if size == b"-" else int(size),
        unescape(referrer).decode("utf-8", "replace"),
        unescape(agent).decode("utf-8", "replace"),
    )


class LogFile:
    """A log file opened for streaming, plain or gzip (told apart by content, not name).

    Iterating gives the lines as bytes. :attr:`position` is how far the file on
    disk has been read (compressed bytes for gzip), for progress reports.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.size = self.path.stat().st_size
        self._raw = open(self.path, "rb")  # noqa: SIM115 - closed by close()
        self.compressed = self._raw.read(2) == GZIP_MAGIC
        self._raw.seek(0)
        self._stream: IO[bytes] = self._raw
        self.too_long = 0
        if self.compressed:
            # A buffer over GzipFile reads lines about a third faster than GzipFile alone.
            self._stream = io.BufferedReader(gzip.GzipFile(fileobj=self._raw), 1 << 16)

    @property
    def position(self) -> int:
        return self._raw.tell()

    def __iter__(self) -> Iterator[bytes]:
        """The lines, each at most :data:`MAX_LINE` bytes; longer ones are counted in
        :attr:`too_long` and skipped without ever being held in memory whole."""
        read = self._stream.readline
        budget = max(self.size * MAX_RATIO, MIN_BUDGET) if self.compressed else None
        total = 0
        while True:
            line = read(MAX_LINE + 1)
            if not line:
                return
            total += len(line)
            if len(line) > MAX_LINE and not line.endswith(b"\n"):
                self.too_long += 1
                while line and not line.endswith(b"\n"):
                    line = read(MAX_LINE)
                    total += len(line)
                    self._check_budget(total, budget)
                continue
            self._check_budget(total, budget)
            yield line

    def _check_budget(self, total: int, budget: int | None) -> None:
        if budget is not None and total > budget:
            raise LogTooLarge(
                f"giải nén ra hơn {budget // (1024 * 1024)} MB từ tệp "
                f"{max(1, self.size // 1024)} KB nén"
            )

    def close(self) -> None:
        self._stream.close()
        self._raw.close()

    def __enter__(self) -> LogFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_log(path: str | Path) -> Iterator[LogRecord | Malformed]:
    """Every line of a plain or gzip log, parsed, one at a time (bounded memory)."""
    with LogFile(path) as log:
        for line in log:
            yield parse_line(line)


def first_time(path: str | Path, max_lines: int = 1000) -> int | None:
    """The time of the first readable line, to put rotated files in order; None if none."""
    with LogFile(path) as log:
        for count, line in enumerate(log):
            if count >= max_lines:
                break
            record = parse_line(line)
            if isinstance(record, LogRecord):
                return record.time
    return None
