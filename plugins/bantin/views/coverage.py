"""Which parts of a log stream have already been imported, so no hit is counted twice.

The unit of bookkeeping is the *candidate*: a log line that passed every check
that does not depend on earlier imports (a GET answered 200/304, for a
page-shaped path, from a browser). Only candidates can become views, so only
they need to be recognised when they come again.

A log file holds every candidate of its time span except, possibly, some at
its very ends: several nginx workers write to one file a little out of order,
Apache logs the time a request *started*, and after a rotation the server
keeps writing to the old file until it reopens its log. So when a file whose
candidates span ``[low, high]`` (epoch seconds) has been imported:

* ``[low + 60, high - 60]`` is *covered*: any line of that time seen again is
  already imported, without looking further. Covered ranges of all imports
  are kept merged (``covered``).
* every candidate in the 60 seconds at either end (:data:`EDGE_SECONDS`) is
  remembered by a fingerprint, per second (``edges``). A line in such a second
  is already imported only if an equal fingerprint is still unclaimed:
  fingerprints form a multiset, so two identical hits in one second stay two,
  and a line imported with only one of them counts the other.

So importing the same file twice, a file that grew since the last import, a
rotated set in any order, or any overlapping slices of one log counts every
line exactly once. Fingerprints inside a covered range are dropped as ranges
grow. The seconds where one rotated file ends and the next begins stay
fingerprinted (a file is never proof of its own ends) until they are
:data:`COMPACT_AFTER` (31 days) older than the newest import: then a gap of
at most 3 minutes between two covered ranges (:data:`JOIN_GAP`: both files'
ends, and up to a minute without page views) is taken as covered. That keeps
the data file small, and can only ever miss a view, never count one twice.

A fingerprint is the first 8 bytes of BLAKE2b over the log line from its time
to its user agent: the time, request, status, size, referrer and user agent
only. The client's address, ident and user fields, and any field a server
adds after the user agent, are left out, so no address is stored, not even
hashed. The price: two readers with the same browser opening the same page in
the same second, from the same referrer, have equal fingerprints; when they
sit in two different files at a file's end, the second is taken for the first
and missed. That can only ever miss a view, never count one twice.

Limits: one coverage is one log stream (one server). Logs of several servers
must be imported under different ``source`` names, or the second server's
lines would be taken for the first one's.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections import Counter, deque
from dataclasses import dataclass, field

from .logparse import LINE_RE

EDGE_SECONDS = 60
COMPACT_AFTER = 31 * 86400
# Two covered ranges this close are the two sides of one rotation: the ends of both files
# (2 x 60 s) and up to a minute without any page view between them.
JOIN_GAP = 3 * EDGE_SECONDS


def material_of(m: re.Match[bytes]) -> bytes:
    """What a fingerprint covers, from a :data:`~.logparse.LINE_RE` match: the line from the
    time to the end of the user agent, without the client's fields nor any extra field after
    (``$http_x_forwarded_for`` would hold addresses)."""
    return m.string[m.start(3) - 1 : m.end(8) + 1]


def fingerprint_material(line: bytes) -> bytes:
    """:func:`material_of` for a whole line."""
    m = LINE_RE.match(line)
    return material_of(m) if m else line.rstrip(b"\r\n")


def fingerprint(material: bytes) -> str:
    return hashlib.blake2b(material, digest_size=8).hexdigest()


def merge_ranges(
    ranges: list[tuple[int, int]], join_gap: int = 0, before: int | None = None
) -> list[tuple[int, int]]:
    """Sort and join ranges that overlap or touch (``[1, 5]`` and ``[6, 9]`` -> ``[1, 9]``).

    With ``join_gap``, also join ranges at most that many seconds apart when
    the gap ends before ``before``.
    """
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged:
            last_start, last_end = merged[-1]
            gap = start - last_end - 1
            if gap <= 0 or (gap <= join_gap and before is not None and start < before):
                merged[-1] = (last_start, max(last_end, end))
                continue
        merged.append((start, end))
    return merged


@dataclass
class Coverage:
    """Covered ranges of one log stream, and fingerprints of the candidates around them."""

    covered: list[tuple[int, int]] = field(default_factory=list)
    edges: dict[int, Counter[str]] = field(default_factory=dict)
    edge_seconds: int = EDGE_SECONDS
    compact_after: int = COMPACT_AFTER

    def __post_init__(self) -> None:
        self.covered = merge_ranges(self.covered)
        self._starts = [start for start, _ in self.covered]

    def is_covered(self, when: int) -> bool:
        i = bisect_right(self._starts, when) - 1
        return i >= 0 and when <= self.covered[i][1]

    def add(self, low: int, high: int, lines: dict[int, Counter[str]]) -> None:
        """Record one imported file: its candidates' span and the fingerprints at its ends."""
        edge = self.edge_seconds
        ranges = list(self.covered)
        if high - edge >= low + edge:
            ranges.append((low + edge, high - edge))
        newest = max([high, *(end for _, end in ranges), *self.edges])
        self.covered = merge_ranges(ranges, JOIN_GAP, newest - self.compact_after)
        self._starts = [start for start, _ in self.covered]
        kept: dict[int, Counter[str]] = {}
        for source in (self.edges, lines):
            for when, prints in source.items():
                if self.is_covered(when):
                    continue
                target = kept.setdefault(when, Counter())
                for key, count in prints.items():
                    if count > target[key]:
                        target[key] = count
        self.edges = kept

    @property
    def fingerprint_count(self) -> int:
        return sum(sum(c.values()) for c in self.edges.values())

    @property
    def empty(self) -> bool:
        return not self.covered and not self.edges


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
        """Note one candidate; True when an earlier import already has it.

        ``line`` is the fingerprinted part of the log line (:func:`material_of`).
        """
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
        if self.coverage.is_covered(when):
            return True
        known = self.coverage.edges.get(when)
        if not known:
            return False
        key = fingerprint(line)
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
            lines.setdefault(when, Counter())[fingerprint(line)] += 1
        self.coverage.add(low, high, lines)
