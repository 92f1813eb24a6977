"""Work in a forked copy of the process (bantin.core.forked): results, log, failures."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from bantin.core.forked import Forked, ForkedError, cores, shared_map, worth_it

from tests.sitekit import zombie_children


def test_the_result_comes_back_from_another_process() -> None:
    forked = Forked(lambda: {"pid": os.getpid(), "text": "Phường Phúc Lợi " * 100_000})
    forked.start()
    result = forked.join()
    assert result["pid"] != os.getpid()
    assert result["text"] == "Phường Phúc Lợi " * 100_000  # larger than a pipe's buffer


def test_the_childs_log_is_logged_again_by_the_parent(caplog: pytest.LogCaptureFixture) -> None:
    def work() -> int:
        logging.getLogger("mkdocs.plugins.thu").warning("cảnh báo từ %s", "tin-1.md")
        logging.getLogger("bantin.thu").info("ghi chú")
        return 1

    forked = Forked(work)
    with caplog.at_level(logging.INFO):  # the child logs at the levels it was forked with
        forked.start()
        assert forked.join() == 1
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == [
        ("mkdocs.plugins.thu", logging.WARNING, "cảnh báo từ tin-1.md"),
        ("bantin.thu", logging.INFO, "ghi chú"),
    ]


def test_the_childs_exception_is_raised_by_the_parent() -> None:
    def work() -> None:
        raise ValueError("posts/tin-1.md: trường 'date' sai")

    forked = Forked(work)
    forked.start()
    with pytest.raises(ValueError, match=r"posts/tin-1\.md: trường 'date' sai"):
        forked.join()


def test_an_exception_that_cannot_travel_is_raised_with_its_text() -> None:
    class Local(Exception):  # defined in a function: pickle cannot find it again
        pass

    def work() -> None:
        raise Local("lỗi riêng")

    forked = Forked(work)
    forked.start()
    with pytest.raises(ForkedError, match="Local: lỗi riêng"):
        forked.join()


def test_a_child_that_dies_is_a_clear_error() -> None:
    forked = Forked(lambda: os.kill(os.getpid(), signal.SIGKILL))
    forked.start()
    with pytest.raises(ForkedError, match=r"dừng đột ngột \(mã thoát -9\)"):
        forked.join()


def test_a_result_that_cannot_travel_is_a_clear_error() -> None:
    forked = Forked(lambda: [1, lambda: 2])  # a function cannot be pickled
    forked.start()
    with pytest.raises(ForkedError, match=r"dừng đột ngột \(mã thoát 2\)"):
        forked.join()
    assert not zombie_children()


def test_an_abandoned_child_is_stopped_and_reaped(tmp_path: Path) -> None:
    started = tmp_path / "started"

    def work() -> None:
        started.write_text("có")
        threading.Event().wait()

    forked = Forked(work)
    forked.start()
    pid = forked._pid
    assert pid is not None
    for _ in range(500):
        if started.exists():
            break
        time.sleep(0.01)
    forked.abandon()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: no zombie left
    forked.abandon()  # twice is harmless
    with pytest.raises(ForkedError, match="chưa được chạy"):
        forked.join()


def test_a_second_core_is_needed() -> None:
    assert not worth_it(199, 200)
    assert worth_it(200, 200) is (cores() > 1)


def test_a_shared_map_keeps_the_order_and_uses_two_processes() -> None:
    items = list(range(11))
    result = shared_map(lambda n: (n * n, os.getpid()), items, split=True)
    assert [square for square, _ in result] == [n * n for n in items]
    pids = {pid for _, pid in result}
    assert len(pids) == 2 and os.getpid() in pids
    assert {pid for _, pid in result[::2]} == {os.getpid()}  # every other item is the child's
    assert shared_map(lambda n: os.getpid(), items, split=False) == [os.getpid()] * 11


def test_a_failure_on_this_side_stops_the_child() -> None:
    def work(n: int) -> int:
        if n == 4:  # this process's item
            raise ValueError("tin-4.md hỏng")
        return n

    with pytest.raises(ValueError, match="tin-4"):
        shared_map(work, list(range(6)), split=True)
    assert not zombie_children()


def test_a_fork_leaves_the_collectors_frozen_objects_as_they_were() -> None:
    """The build freezes what it keeps (bantin.core.heap.settle); a fork must not thaw it."""
    import gc

    def run(value: int) -> int:
        forked = Forked(lambda: value)
        forked.start()
        result: int = forked.join()
        return result

    assert gc.get_freeze_count() == 0
    assert run(1) == 1
    assert gc.get_freeze_count() == 0  # nothing frozen before: nothing after
    kept = [object() for _ in range(10)]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert run(2) == 2
        assert gc.get_freeze_count() >= frozen > 0
    finally:
        gc.unfreeze()
    del kept


def test_settling_collects_then_freezes() -> None:
    import gc
    import weakref

    from bantin.core.heap import settle

    class Cycle:
        def __init__(self) -> None:
            self.me = self

    garbage = weakref.ref(Cycle())  # only the collector can free it
    try:
        settle()
        assert gc.get_freeze_count() > 0
        assert garbage() is None
    finally:
        gc.unfreeze()
