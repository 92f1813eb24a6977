"""Peak memory of a process and everything it starts, summed at each moment.

``wait4``'s ``ru_maxrss`` is the largest single process's peak, not what the
machine needed: a build at 900 MB that starts an indexer at 600 MB and waits
for it needs 1.5 GB, and ``ru_maxrss`` says 900 MB. So the tree (the child,
its children, theirs...) is sampled from ``/proc`` (:data:`INTERVAL`) and
the largest sum is kept. Linux only; elsewhere the sampler reports 0 and the
caller keeps ``ru_maxrss``.

Each process counts its proportional set size (PSS), not its resident set: a
forked process (bantin's second painter) shares its parent's memory until one
of them writes to it, and resident sets would count those pages twice. PSS
splits each shared page between the processes that share it, so the sum is
what the machine holds. Where the kernel has no ``smaps_rollup`` (before Linux
4.14) the resident set is used.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
# Reading a process's PSS walks its page tables: about 4 ms for 800 MB, under the
# lock its page faults need. Sampled every 20 ms it took a third of a core and
# slowed the measured build by 8%; every 250 ms it costs about 3% of a core. A
# peak shorter than that is still caught by ``ru_maxrss`` when one process makes it.
INTERVAL = 0.25


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return found


def _resident(pid: int) -> int:
    """Bytes held by ``pid``: its proportional set size, else its resident set."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except (OSError, ValueError, IndexError):
        return 0


def tree_resident(pid: int) -> int:
    """Bytes held by ``pid`` and all its descendants now (shared pages counted once)."""
    total, todo, seen = 0, [pid], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        total += _resident(current)
        todo += _children(current)
    return total


class TreePeak:
    """Samples ``tree_resident(pid)`` in a thread until :meth:`stop`; ``peak`` in bytes."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._done.wait(INTERVAL):
            self.peak = max(self.peak, tree_resident(self.pid))

    def stop(self) -> int:
        self._done.set()
        self._thread.join()
        return self.peak
