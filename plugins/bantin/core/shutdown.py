"""Leaving Python quickly after a large build.

When the interpreter exits it collects garbage over the whole heap one last
time. After a 10,000-post build (about a gigabyte of objects) that took 4 s,
longer than the search index takes to finish. Nothing of the build needs it by
then: every file is written and closed, every child process reaped. Freezing the
heap at exit (:func:`gc.freeze`) leaves those objects out of that collection.

Done by an ``atexit`` handler, so only when the interpreter really ends: a
program that runs builds in its own process and goes on is not affected.
"""

from __future__ import annotations

import atexit
import gc

_registered = False


def skip_last_collection() -> None:
    """Freeze the heap when the interpreter exits (once per process, whatever the calls)."""
    global _registered
    if not _registered:
        atexit.register(gc.freeze)
        _registered = True
