"""Python's garbage collector and a build's gigabyte of long-lived objects.

A large build holds its posts, pages and their HTML from start to end. Python's
cyclic collector walks every object it tracks in each full collection, and it
runs them more often as the heap grows: at 10,000 posts, a dozen full
collections cost 3.5 s, and the last one, when the interpreter exits, 4 s more.
None of them finds much: what a build holds it still needs.

* :func:`settle` collects once, then freezes what is left (:func:`gc.freeze`):
  later collections skip it. Called when the pages are read and the drawing
  starts, in a build (not in the preview, whose process lives on).
* :func:`skip_last_collection` freezes the heap when the interpreter exits,
  by an ``atexit`` handler: a program that runs builds and goes on is not
  affected until it ends.
"""

from __future__ import annotations

import atexit
import gc

_registered = False


def settle() -> None:
    """Collect the garbage there is, and leave every object still alive out of later collections."""
    gc.collect()
    gc.freeze()


def skip_last_collection() -> None:
    """Freeze the heap when the interpreter exits (once per process, whatever the calls)."""
    global _registered
    if not _registered:
        atexit.register(gc.freeze)
        _registered = True
