"""A save in ``posts/`` reaches ``bantin serve`` at once: the system's file events beside MkDocs' polling.

MkDocs' preview server looks at every watched folder every half second
(watchdog's ``PollingObserver``: the system's own events do not arrive from
some shared and Windows-mounted folders). At 10,000 posts that wait, and the
walk of 12,000 files each look takes, were a third of the 2 seconds a save may
take (issue 11). ``bantin serve`` also listens to the operating system's
events (inotify, ReadDirectoryChangesW, FSEvents) for the folders of posts and
bulletins; an event asks for the same rebuild MkDocs' own watcher asks for.
The polling stays: where the system's events do not arrive, a save is still
seen half a second later.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

log = logging.getLogger("mkdocs.plugins.bantin")

# Writes only: bantin reads the post files itself while it builds, and an
# "opened" or "closed without writing" event must not ask for another build.
CHANGES = frozenset({"created", "modified", "deleted", "moved", "closed"})


class _Rebuild(FileSystemEventHandler):
    def __init__(self, server: Any) -> None:
        self.server = server

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type not in CHANGES:
            return
        with self.server._rebuild_cond:  # as MkDocs' own watcher asks for a build
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()


def system_events(server: Any, folders: Iterable[Path]) -> BaseObserver | None:
    """Start listening to ``folders``; ``None`` (polling only) where the system cannot."""
    if not hasattr(server, "_rebuild_cond") or not hasattr(server, "_want_rebuild"):
        return None  # another MkDocs: its own watcher alone
    try:
        observer = Observer()
        handler = _Rebuild(server)
        for folder in folders:
            if folder.is_dir():
                observer.schedule(handler, str(folder), recursive=True)
        observer.daemon = True
        observer.start()
    except Exception as exc:  # no inotify watches left, an unsupported file system…
        log.debug(f"bantin serve: file events unavailable ({exc}); polling only")
        return None
    return observer
