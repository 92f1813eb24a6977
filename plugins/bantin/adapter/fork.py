"""Some of MkDocs' pages handled by a second process (:mod:`bantin.core.forked`).

MkDocs works through pages one at a time. :class:`SecondProcess` forks a copy
of the build that runs ``work(file)`` on a share of the pages (with MkDocs'
own functions, so with the same results), while MkDocs goes on with the rest:
it is told to leave the child's pages alone by marking them excluded (its
loops over ``files.documentation_pages()`` skip them) until
:meth:`SecondProcess.join` marks them as they were and returns the results.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from ..core.forked import Forked, ForkedError, worth_it

# When a second process is used: "auto" (a large build with a second core),
# "always" (tests), "never".
VARIABLE = "BANTIN_SECOND_PROCESS"
CHOICES = ("auto", "always", "never")
# Below this many pages a second process does not pay for itself.
MIN_PAGES = 200


def choice() -> str:
    """The developer's choice in :data:`VARIABLE`, checked."""
    given = os.environ.get(VARIABLE, "").strip().lower() or "auto"
    if given not in CHOICES:
        raise PluginError(
            f"Biến môi trường {VARIABLE}={given!r} chỉ nhận một trong {', '.join(CHOICES)} "
            "(dùng một tiến trình thứ hai cho trang web lớn). Hãy sửa hoặc bỏ biến này."
        )
    return given


def wanted(count: int, chosen: str) -> bool:
    """Whether ``count`` pages go to a second process."""
    if chosen == "never" or count == 0:
        return False
    return worth_it(count, 1 if chosen == "always" else MIN_PAGES)


class SecondProcess:
    """``work(file)`` for each of ``files`` in a forked child; the results in the parent."""

    def __init__(self, files: Sequence[File], work: Callable[[File], Any]) -> None:
        self.files = list(files)
        self._forked = Forked(lambda: [work(file) for file in self.files])
        self._levels: dict[str, InclusionLevel] = {}

    def start(self) -> None:
        """Fork; the parent's MkDocs then skips the child's pages."""
        self._forked.start()
        for file in self.files:
            self._levels[file.src_uri] = file.inclusion
            file.inclusion = InclusionLevel.EXCLUDED

    def join(self) -> list[Any]:
        """Wait for the child; its pages are MkDocs' again. Its problem is the build's."""
        self._restore()
        try:
            results: list[Any] = self._forked.join()
        except ForkedError as exc:
            raise PluginError(str(exc)) from None
        return results

    def abandon(self) -> None:
        """A failed build: stop the child; never raises."""
        self._restore()
        self._forked.abandon()

    def _restore(self) -> None:
        for file in self.files:
            level = self._levels.pop(file.src_uri, None)
            if level is not None:
                file.inclusion = level
