"""``bantin serve`` hears a save through the system's file events (adapter/watch.py), not only
through MkDocs' half-second polling; reading a post, as every build does, asks for nothing."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from types import SimpleNamespace

from bantin.adapter.watch import system_events

from tests.sitekit import wait_for


def server() -> SimpleNamespace:
    """What MkDocs' LiveReloadServer has for its watchers: a condition and a flag."""
    return SimpleNamespace(_rebuild_cond=threading.Condition(), _want_rebuild=False)


def test_a_saved_post_asks_for_a_build_and_a_read_one_does_not(tmp_path: Path) -> None:
    posts = tmp_path / "posts" / "2020"
    posts.mkdir(parents=True)
    post = posts / "bai.md"
    post.write_text("---\ntitle: Tin\n---\nNội dung.\n", "utf-8")
    watched = server()
    observer = system_events(watched, [tmp_path / "posts", tmp_path / "khong-co"])
    assert observer is not None, "this machine has file events (inotify)"
    try:
        time.sleep(0.3)  # let the observer settle
        post.read_bytes()
        time.sleep(0.5)
        assert watched._want_rebuild is False, "reading a post asks for no build"
        post.write_text("---\ntitle: Tin đã sửa\n---\nNội dung.\n", "utf-8")
        # No poller runs here: only the system's event can raise the flag.
        wait_for(lambda: watched._want_rebuild, "the save's event", timeout=30)
        watched._want_rebuild = False
        post.unlink()
        wait_for(lambda: watched._want_rebuild, "the deletion's event", timeout=30)
    finally:
        observer.stop()
        observer.join(timeout=5)


def test_another_server_keeps_its_own_watcher_alone(tmp_path: Path) -> None:
    assert system_events(SimpleNamespace(), [tmp_path]) is None
