"""Work done by a forked copy of this process, on the machine's other core.

Building a large site is long stretches of independent work (reading posts,
converting Markdown) on one core while the other waits. :class:`Forked` hands
one such share to a copy of the process made by ``os.fork``: the child starts
with everything the parent holds, with no start-up and nothing to send it, runs
``work()``, and sends the result back over a pipe. Results must be picklable.

Only where ``os.fork`` exists (Linux, macOS) and there is a second core
(:func:`worth_it`); elsewhere callers do the work themselves, as before.

What the child logs is logged again by the parent, under the same logger
(MkDocs' ``--strict`` counts its warnings there). An exception in the child is
raised again by :meth:`Forked.join` when it can be pickled, else as
:class:`ForkedError` with its text.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import pickle
import signal
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")
A = TypeVar("A")

# The loggers whose records the child sends back: the root and MkDocs' own
# (which does not pass its records up to the root).
LOGGERS = ("", "mkdocs")


class ForkedError(Exception):
    """The child failed and its exception could not be sent back as it was."""


@dataclass
class _Outcome:
    result: Any = None
    records: list[tuple[str, int, str]] = field(default_factory=list)  # (logger, level, message)
    error: BaseException | None = None
    error_text: str | None = None


class _Recorder(logging.Handler):
    def __init__(self, into: _Outcome) -> None:
        super().__init__(logging.DEBUG)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        with contextlib.suppress(Exception):
            self.into.records.append((record.name, record.levelno, record.getMessage()))


def cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def worth_it(count: int, at_least: int) -> bool:
    """Whether ``count`` pieces of work (``at_least`` pay for a fork) can go to a second core."""
    return hasattr(os, "fork") and cores() > 1 and count >= at_least


class Forked(Generic[T]):
    """``work()`` in a forked child; :meth:`join` returns its result in the parent."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        self._pid: int | None = None
        self._read_fd: int | None = None

    def start(self) -> None:
        read_fd, write_fd = os.pipe()
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        # The child reads the parent's objects; the collector must not walk them
        # all there (every page of memory it touched would be copied).
        frozen = gc.get_freeze_count() > 0  # by bantin.core.heap.settle: it stays so
        gc.freeze()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child; what it does is checked by the parent
            os.close(read_fd)
            self._child(write_fd)
        if not frozen:
            gc.unfreeze()
        os.close(write_fd)
        self._pid, self._read_fd = pid, read_fd

    def _child(self, write_fd: int) -> None:  # pragma: no cover - runs in the child
        """Work, send back what happened, and leave without running anything of the
        parent's on the way out (``os._exit``: no atexit handler, no ``finally``)."""
        outcome = _Outcome()
        status = 0
        try:
            # Ctrl+C stops the parent, and the parent stops the child.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            recorder = _Recorder(outcome)
            for name in LOGGERS:
                logger = logging.getLogger(name)
                logger.handlers = [recorder]
                logger.propagate = False
            outcome.result = self._work()
        except BaseException as exc:
            outcome.result = None
            outcome.error_text = f"{type(exc).__name__}: {exc}"
            with contextlib.suppress(Exception):
                pickle.loads(pickle.dumps(exc))
                outcome.error = exc
            status = 1
        try:
            with os.fdopen(write_fd, "wb") as out:
                pickle.dump(outcome, out, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:
            status = 2
        os._exit(status)

    def join(self) -> T:
        """Wait for the child: its log is logged here, its error raised here."""
        pid, read_fd = self._pid, self._read_fd
        self._pid = self._read_fd = None
        if pid is None or read_fd is None:
            raise ForkedError("bantin: tiến trình thứ hai chưa được chạy.")
        outcome: Any = None
        try:
            with os.fdopen(read_fd, "rb") as pipe, contextlib.suppress(Exception):
                outcome = pickle.load(pipe)
        finally:
            _, status = os.waitpid(pid, 0)
        if not isinstance(outcome, _Outcome):
            raise ForkedError(
                "bantin: tiến trình thứ hai của bản dựng dừng đột ngột (mã thoát "
                f"{os.waitstatus_to_exitcode(status)}). Trang đang chạy được giữ nguyên; "
                "hãy dựng lại."
            )
        for name, level, message in outcome.records:
            logging.getLogger(name).log(level, message)
        if outcome.error is not None:
            raise outcome.error
        if outcome.error_text is not None:
            raise ForkedError(outcome.error_text)
        result: T = outcome.result
        return result

    def abandon(self) -> None:
        """Stop the child (a failed build); never raises."""
        pid, read_fd = self._pid, self._read_fd
        self._pid = self._read_fd = None
        if read_fd is not None:
            with contextlib.suppress(OSError):
                os.close(read_fd)
        if pid is not None:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.waitpid(pid, 0)


def shared_map(work: Callable[[A], T], items: Sequence[A], *, split: bool) -> list[T]:
    """``[work(item) for item in items]``; with ``split``, a forked child does every
    other item while this process does the rest (same order in the result)."""
    if not split or len(items) < 2:
        return [work(item) for item in items]
    theirs = items[1::2]
    forked = Forked(lambda: [work(item) for item in theirs])
    forked.start()
    try:
        ours = [work(item) for item in items[::2]]
    except BaseException:
        forked.abandon()
        raise
    results: list[T] = [None] * len(items)  # type: ignore[list-item]
    results[::2] = ours
    results[1::2] = forked.join()
    return results
