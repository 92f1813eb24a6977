"""The heap is frozen when Python exits after a build, not before (bantin.core.heap)."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import atexit, gc
# Registered first, so it runs last: it sees what the exit left.
atexit.register(lambda: print("frozen" if gc.get_freeze_count() else "not frozen"))
before = atexit._ncallbacks()
from bantin.core.heap import skip_last_collection
{calls}
print("handlers added:", atexit._ncallbacks() - before, "frozen now:", gc.get_freeze_count() > 0)
"""


def run(calls: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(calls=calls)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout.splitlines()


def test_the_heap_is_frozen_at_exit_once_however_often_asked() -> None:
    assert run("skip_last_collection(); skip_last_collection()") == [
        "handlers added: 1 frozen now: False",
        "frozen",
    ]


def test_nothing_changes_unless_asked() -> None:
    assert run("pass") == ["handlers added: 0 frozen now: False", "not frozen"]
