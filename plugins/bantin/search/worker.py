"""The search index built in a process of its own, on the machine's other core.

Making each page's search copy (folding, then lxml for the opening) and
running Pagefind cost about a fifth of a large build when done between two
pages. :class:`BackgroundIndexer` keeps only the cheap part in the build's
process (cutting the page down to its marked part, :func:`~.pagefind.marked_page`)
and hands each page to ``python -m bantin.search.worker``, which runs a
:class:`~.pagefind.SearchIndexer` on it. Messages are pickled over the child's
standard input and output: the child is this same Python and this same bantin.

A failure in the child (Pagefind failing, the child dying) is reported by
:meth:`BackgroundIndexer.finish` as the :class:`~.pagefind.SearchIndexError`
it would have raised in the build's own process.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from ..core.errors import Problem
from .pagefind import (
    BUNDLE_DIR,
    PART_PAGES,
    IndexResult,
    SearchIndexer,
    SearchIndexError,
    find_executable,
    marked_page,
    pages_on_disk,
)

# Seconds to wait for the child to stop when the build is abandoned.
STOP_SECONDS = 10
# Pages waiting for the child at most (about 20 KB each): the build waits beyond.
QUEUE_MESSAGES = 2000


class BackgroundIndexer:
    """:class:`~.pagefind.SearchIndexer`'s interface, with the work done in a child process."""

    def __init__(
        self,
        site_dir: Path,
        *,
        language: str = "vi",
        executable: Path | None = None,
        shown_as: str = "site",
        part_pages: int = PART_PAGES,
    ) -> None:
        self.language = language
        self.site_dir = Path(site_dir)
        self.shown_as = shown_as
        # Made here, so that it is removed even if the child dies.
        self._work = Path(tempfile.mkdtemp(prefix="bantin-search-"))
        settings = {
            "work": str(self._work),
            "site_dir": str(self.site_dir),
            "language": language,
            "executable": str(executable or find_executable()),
            "shown_as": shown_as,
            "part_pages": part_pages,
        }
        self._seen: set[str] = set()
        self._child = subprocess.Popen(
            [sys.executable, "-m", "bantin.search.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        # Pages are written to the child by a thread: drawing the next page never
        # waits for the child to read the last one (it lags while Pagefind runs).
        self._outbox: queue.Queue[bytes | None] = queue.Queue(maxsize=QUEUE_MESSAGES)
        self._broken = False
        self._closed = False
        self._writer = threading.Thread(target=self._write, name="bantin-search", daemon=True)
        self._writer.start()
        self._send(("start", settings))

    def seen(self, rel: str) -> bool:
        return rel in self._seen

    def add(self, rel: str, html: str) -> None:
        self._seen.add(rel)
        page = marked_page(html, self.language)
        if page is not None:
            self._send(("add", rel, page))

    def add_files(self, rels: Iterable[str]) -> None:
        """Pages already on disk in the site (copied as they are, or kept by a ``--dirty`` build)."""
        for rel, html in pages_on_disk(self.site_dir, rels):
            self.add(rel, html)

    def flush(self) -> None:
        """No page to index comes before the end: index the part being filled now."""
        self._send(("flush",))

    def finish(self) -> IndexResult:
        """Wait for the child to index what is left; its result, or its problem raised."""
        self._send(("finish",))
        self._outbox.put(None)
        self._writer.join()
        reply: tuple[str, Any] | None = None
        if not self._broken:
            try:
                assert self._child.stdout is not None
                reply = pickle.load(self._child.stdout)
            except (EOFError, pickle.UnpicklingError, OSError):
                reply = None
        self.close()
        if reply is None:
            raise self._died()
        if reply[0] == "error":
            raise SearchIndexError(reply[1])
        result: IndexResult = reply[1]
        return result

    def close(self) -> None:
        """Stop the child (it stops Pagefind) and remove the copies; idempotent, never raises."""
        if self._closed:
            return
        self._closed = True
        child = self._child
        if child.poll() is None and not self._broken:
            self._put_quietly(pickle.dumps(("close",)))
        self._put_quietly(None)
        self._writer.join(timeout=STOP_SECONDS)
        try:
            child.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        for stream in (child.stdin, child.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        shutil.rmtree(self._work, ignore_errors=True)

    def _send(self, message: tuple[Any, ...]) -> None:
        if self._broken or self._closed:
            self.close()
            raise self._died()
        self._outbox.put(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))

    def _put_quietly(self, item: bytes | None) -> None:
        with contextlib.suppress(queue.Full):
            self._outbox.put(item, timeout=STOP_SECONDS)

    def _write(self) -> None:
        """The writer thread: messages to the child's input until ``None``."""
        stdin = self._child.stdin
        assert stdin is not None
        while True:
            data = self._outbox.get()
            if data is None:
                break
            if self._broken:
                continue  # the child is gone: drain, so nobody waits on a full queue
            try:
                stdin.write(data)
                stdin.flush()
            except (OSError, ValueError):
                self._broken = True
        with contextlib.suppress(OSError, ValueError):
            stdin.close()  # the child reads to the end and stops

    def _died(self) -> SearchIndexError:
        return SearchIndexError(
            Problem(
                path=f"{self.shown_as}/{BUNDLE_DIR}",
                message="tiến trình tạo chỉ mục tìm kiếm dừng đột ngột (mã thoát "
                f"{self._child.poll()}). Trang đang chạy được giữ nguyên; hãy dựng lại.",
            )
        )


# Seconds between two looks at Pagefind while no page comes.
IDLE_SECONDS = 0.2


def _messages(inbox: IO[bytes], into: queue.Queue[tuple[Any, ...] | None]) -> None:
    """The child's reader thread: every message of the build, then ``None`` at the end."""
    try:
        while True:
            into.put(pickle.load(inbox))
    except (EOFError, OSError, pickle.UnpicklingError):
        into.put(None)


def serve(inbox: IO[bytes], outbox: IO[bytes]) -> None:
    """The child: index the pages it is sent; answer ``finish`` with the result or the problem.

    Messages are read by a thread, so that while none comes the next part still
    goes to Pagefind as soon as the last run ends (:meth:`SearchIndexer.pump`).
    """
    indexer: SearchIndexer | None = None
    problem: Problem | None = None
    inbound: queue.Queue[tuple[Any, ...] | None] = queue.Queue()
    threading.Thread(target=_messages, args=(inbox, inbound), daemon=True).start()

    def step(work: Callable[..., object], *args: object) -> None:
        """One piece of indexing; its problem is kept for ``finish`` and ends the work."""
        nonlocal problem
        if indexer is not None and problem is None:
            try:
                work(indexer, *args)
            except SearchIndexError as exc:
                problem = exc.problem

    try:
        while True:
            try:
                message = inbound.get(timeout=IDLE_SECONDS)
            except queue.Empty:
                step(SearchIndexer.pump)
                continue
            if message is None:
                return
            kind = message[0]
            if kind == "start":
                settings = message[1]
                try:
                    indexer = SearchIndexer(
                        Path(settings["site_dir"]),
                        language=settings["language"],
                        executable=Path(settings["executable"]),
                        shown_as=settings["shown_as"],
                        part_pages=settings["part_pages"],
                        work=Path(settings["work"]),
                    )
                except SearchIndexError as exc:
                    problem = exc.problem
            elif kind == "add":
                step(SearchIndexer.add_marked, message[1], message[2])
            elif kind == "flush":
                step(SearchIndexer.flush)
            elif kind == "finish":
                reply: tuple[str, object]
                if problem is not None:
                    reply = ("error", problem)
                elif indexer is None:
                    reply = ("error", Problem(path=BUNDLE_DIR, message="chưa bắt đầu."))
                else:
                    try:
                        reply = ("done", indexer.finish())
                    except SearchIndexError as exc:
                        reply = ("error", exc.problem)
                pickle.dump(reply, outbox, protocol=pickle.HIGHEST_PROTOCOL)
                outbox.flush()
                return
            elif kind == "close":
                return
    finally:
        if indexer is not None:
            indexer.close()


if __name__ == "__main__":
    # Ctrl+C in the terminal reaches the whole group: the build decides, and the
    # child stops when its input closes.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Nothing else may write to the pipe the build reads.
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout = sys.stderr
    serve(sys.stdin.buffer, out)
