"""Which stretches of a log stream have already been imported, so no hit is counted twice.

The unit of bookkeeping is the *candidate*: a log line that passed every check
that does not depend on earlier imports (a GET answered 200/304, for a
page-shaped path, from a browser). Each import records the time range its
candidates span, per file, merged into a sorted list of ``[start, end]``
ranges (inclusive epoch seconds).

A log file holds every candidate of its time range except, possibly, a few at
its very ends: several nginx workers write to one file a little out of order,
Apache logs the time a request *started*, and after a rotation the server
keeps writing to the old file until it reopens its log. So within
:data:`EDGE_SECONDS` (60 s) of either end of a range, nothing is assumed:
every candidate there is remembered by a fingerprint, and a line in that zone
is a duplicate only if an equal fingerprint is still unclaimed (fingerprints
form a multiset, so two identical hits in one second stay two). Deeper inside
a range, every line is a duplicate without looking further.

A fingerprint is the first 8 bytes of BLAKE2b over the log line *without* its
first three fields (client address, ident, user) and line ending: it depends on
the time, request, status, size, referrer and user agent only, so no address
is stored, not even hashed.

When ranges touch or overlap they are merged, and the fingerprints that end
up inside a merged range (away from its new ends) are dropped: once both sides
of a junction are imported, the junction is covered. Files of a daily
rotation therefore merge into one range with 2 × 60 s of fingerprints.

Limits: one coverage is one log stream (one server). Logs of several servers
must be imported under different ``source`` names, or the second server's
lines would be taken for the first one's.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections import Counter, deque
from dataclasses import dataclass, field

EDGE_SECONDS = 60


def fingerprint_material(line: bytes) -> bytes:
    """The part of a log line a fingerprint covers: everything after the client's fields."""
    return line.rstrip(b"\r\n").split(b" ", 3)[-1]


def fingerprint(material: bytes) -> str:
    return hashlib.blake2b(material, digest_size=8).hexdigest()


def merge_ranges(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort, and join ranges that overlap or touch (``[1, 5]`` and ``[6, 9]`` -> ``[1, 9]``)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1] + 1:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


@dataclass
class Coverage:
    """Imported ranges of one log stream and the fingerprints at their ends."""

    ranges: list[tuple[int, int]] = field(default_factory=list)
    edges: dict[int, Counter[str]] = field(default_factory=dict)
    edge_seconds: int = EDGE_SECONDS

    def __post_init__(self) -> None:
        self.ranges = merge_ranges(self.ranges)
        self._starts = [start for start, _ in self.ranges]

    def find(self, when: int) -> tuple[int, int] | None:
        """The range holding ``when``, if any."""
        i = bisect_right(self._starts, when) - 1
        if i >= 0 and when <= self.ranges[i][1]:
            return self.ranges[i]
        return None

    def in_edge_zone(self, when: int, span: tuple[int, int]) -> bool:
        return when < span[0] + self.edge_seconds or when > span[1] - self.edge_seconds

    def add(self, start: int, end: int, lines: dict[int, Counter[str]]) -> None:
        """Record one imported file: its candidate range and the fingerprints near its ends."""
        ranges = merge_ranges([*self.ranges, (start, end)])
        self.ranges = ranges
        self._starts = [s for s, _ in ranges]
        kept: dict[int, Counter[str]] = {}
        for source in (self.edges, lines):
            for when, prints in source.items():
                span = self.find(when)
                if span is None or not self.in_edge_zone(when, span):
                    continue
                target = kept.setdefault(when, Counter())
                for key, count in prints.items():
                    if count > target[key]:
                        target[key] = count
        self.edges = kept

    @property
    def fingerprint_count(self) -> int:
        return sum(sum(c.values()) for c in self.edges.values())


class FileScan:
    """Checks one file's candidates against what was imported before it, and notes its own.

    Call :meth:`seen` for every candidate in file order, then :meth:`finish`
    to add the file to the coverage. Memory is bounded by the candidates of
    :data:`EDGE_SECONDS` at each end of the file.
    """

    def __init__(self, coverage: Coverage) -> None:
        self.coverage = coverage
        self.low: int | None = None
        self.high: int | None = None
        self._claimed: dict[int, Counter[str]] = {}
        self._seq = 0
        self._head: list[tuple[int, int, bytes]] = []
        self._head_limit = 1024
        self._tail: deque[tuple[int, int, bytes]] = deque()

    def seen(self, when: int, line: bytes) -> bool:
        """Note one candidate line; True when an earlier import already has it."""
        edge = self.coverage.edge_seconds
        entry = (self._seq, when, line)
        self._seq += 1
        if self.low is None or self.high is None:
            self.low = self.high = when
        if when < self.low:
            self.low = when
            if len(self._head) > self._head_limit:
                self._head = [e for e in self._head if e[1] < when + edge]
                self._head_limit = max(1024, 2 * len(self._head))
        if when < self.low + edge:
            self._head.append(entry)
        if when > self.high:
            self.high = when
            tail, horizon = self._tail, when - edge
            while tail and tail[0][1] <= horizon:
                tail.popleft()
        if when > self.high - edge:
            self._tail.append(entry)
        return self._imported_before(when, line)

    def _imported_before(self, when: int, line: bytes) -> bool:
        span = self.coverage.find(when)
        if span is None:
            return False
        if not self.coverage.in_edge_zone(when, span):
            return True
        known = self.coverage.edges.get(when)
        if not known:
            return False
        key = fingerprint(fingerprint_material(line))
        claimed = self._claimed.setdefault(when, Counter())
        if claimed[key] < known[key]:
            claimed[key] += 1
            return True
        return False

    def finish(self) -> None:
        """Add this file's range and end fingerprints to the coverage."""
        if self.low is None or self.high is None:
            return
        edge, low, high = self.coverage.edge_seconds, self.low, self.high
        chosen = {
            seq: (when, line)
            for seq, when, line in (*self._head, *self._tail)
            if when < low + edge or when > high - edge
        }
        lines: dict[int, Counter[str]] = {}
        for when, line in chosen.values():
            lines.setdefault(when, Counter())[fingerprint(fingerprint_material(line))] += 1
        self.coverage.add(low, high, lines)
