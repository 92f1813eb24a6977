"""Test-only MkDocs hooks: pause, sleep or fail a build at a chosen event.

Driven by environment variables so one hooks file serves every fault test:

* ``BANTIN_TEST_AT``: event name (``on_pre_build``, ``on_files``,
  ``on_page_content``, ``on_post_page``, ``on_post_build``,
  ``on_post_build_after_swap``);
* ``BANTIN_TEST_COUNT``: act on the N-th call of that event (default 1);
* ``BANTIN_TEST_ACTION``: ``pause`` (write the marker file, then sleep until
  killed), ``sleep`` (write the marker, sleep ``BANTIN_TEST_SECONDS``, go on),
  ``raise`` (RuntimeError), ``enospc`` (OSError ENOSPC), ``symlink`` (put a
  symlink to /etc/passwd into the output), ``escape`` (add a file whose
  output path leaves the site), ``write-live`` (write a file into
  the live site folder, as a plugin holding the old ``site_dir`` would);
* ``BANTIN_TEST_MARKER``: the marker file's path.
"""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File

_calls: dict[str, int] = {}


def _act(event: str, config, files=None) -> None:
    if os.environ.get("BANTIN_TEST_AT") != event:
        return
    _calls[event] = _calls.get(event, 0) + 1
    if _calls[event] != int(os.environ.get("BANTIN_TEST_COUNT", "1")):
        return
    action = os.environ.get("BANTIN_TEST_ACTION", "pause")
    marker = os.environ.get("BANTIN_TEST_MARKER")
    if action in ("pause", "sleep") and marker:
        Path(marker).write_text(str(os.getpid()))
    if action == "pause":
        time.sleep(600)
    elif action == "sleep":
        time.sleep(float(os.environ.get("BANTIN_TEST_SECONDS", "2")))
    elif action == "raise":
        raise RuntimeError("lỗi thử nghiệm do hook gây ra")
    elif action == "enospc":
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), config.site_dir)
    elif action == "symlink":
        os.symlink("/etc/passwd", os.path.join(config.site_dir, "passwd.txt"))
    elif action == "escape":
        escaping = File.generated(config, "thoat.txt", content="thoát ra ngoài")
        escaping.dest_uri = "../thoat.txt"
        files.append(escaping)
    elif action == "write-live":
        live = Path(os.environ["BANTIN_TEST_LIVE"])
        (live / "intruder.html").write_text("ghi thẳng vào trang đang chạy")


def on_pre_build(config):
    _act("on_pre_build", config)


def on_files(files, config):
    _act("on_files", config, files)


def on_page_content(html, page, config, files):
    _act("on_page_content", config)


def on_post_page(output, page, config):
    _act("on_post_page", config)


@event_priority(-999)  # after every other plugin, just before bantin-atomic swaps
def _before_swap(config):
    _act("on_post_build", config)


@event_priority(-1001)  # after bantin-atomic has swapped the new site in
def _after_swap(config):
    _act("on_post_build_after_swap", config)


on_post_build = CombinedEvent(_before_swap, _after_swap)
