"""Telling readers apart without keeping their IP addresses, and the 30-minute rule.

A visitor is the pair (IP address, user agent), turned into a keyed BLAKE2b
hash whose key is 32 random bytes drawn for each import run, kept in memory
only and never written. The hashes themselves are never written either: they
live only while the import runs. Nothing in the data file can be traced back
to an address, and two runs cannot even tell whether they saw the same visitor.

One view per visitor per page per 30 minutes: a request counts when the same
visitor's last *counted* view of that page is 30 minutes (1,800 seconds) old
or more, or when there is none. Requests in between do not move the window, so
a reader who keeps a page open and reloads it every 10 minutes for two hours
counts 4 views (at 0, 30, 60 and 90 minutes), not 1 and not 12. A request
exactly 30 minutes after the counted one counts.

Because the key is discarded, the rule holds within one import run (across all
the files given to it), not across runs: a reader seen at 23:50 in Monday's
import and at 00:10 in Tuesday's counts twice. Import a rotated set in one run
to avoid that.
"""

from __future__ import annotations

import hashlib
import secrets
from collections import deque

VIEW_WINDOW = 30 * 60
# How far a line may lag behind the latest time seen (servers log out of order
# by a few seconds) and still be judged exactly.
OUT_OF_ORDER_SLACK = 5 * 60


class VisitorHasher:
    """Keyed hash of (IP address, user agent) with a per-run random key."""

    def __init__(self) -> None:
        self._key = secrets.token_bytes(32)

    def __call__(self, remote_addr: str, user_agent: str) -> bytes:
        data = f"{remote_addr}\x00{user_agent}".encode("utf-8", "surrogatepass")
        return hashlib.blake2b(data, key=self._key, digest_size=16).digest()

    def raw(self, remote_addr: bytes, user_agent: bytes) -> bytes:
        """The same for the fields as logged (bytes): what the importer uses."""
        return hashlib.blake2b(
            remote_addr + b"\x00" + user_agent, key=self._key, digest_size=16
        ).digest()

    def __repr__(self) -> str:  # never show the key
        return "VisitorHasher(<key hidden>)"


class ViewWindow:
    """Remembers each visitor's last counted view of each page, for the 30-minute rule.

    Memory stays bounded: once the latest time seen is more than
    ``seconds + slack`` past a counted view, that view can no longer stop any
    request (requests come in time order, give or take ``slack``), so it is
    forgotten.
    """

    def __init__(self, seconds: int = VIEW_WINDOW, slack: int = OUT_OF_ORDER_SLACK) -> None:
        self.seconds = seconds
        self.slack = slack
        self._last: dict[tuple[bytes, str], int] = {}
        self._order: deque[tuple[int, tuple[bytes, str]]] = deque()
        self._latest = -(1 << 62)

    def admit(self, visitor: bytes, page: str, when: int) -> bool:
        """Whether a request at ``when`` (epoch seconds) is a new view; remembers it if so."""
        key = (visitor, page)
        last = self._last.get(key)
        if last is not None and when - last < self.seconds:
            return False
        self._last[key] = when
        self._order.append((when, key))
        if when > self._latest:
            self._latest = when
            horizon = when - self.seconds - self.slack
            order, remembered = self._order, self._last
            while order and order[0][0] < horizon:
                old_time, old_key = order.popleft()
                if remembered.get(old_key) == old_time:
                    del remembered[old_key]
        return True

    def __len__(self) -> int:
        return len(self._last)
