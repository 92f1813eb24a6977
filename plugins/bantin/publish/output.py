"""Check a finished build's output before it goes live.

One walk over the staging folder:

* a symlink that points outside the site, or is absolute (it would dangle
  after the swap), is an error: a web server following it could publish any
  file of the machine;
* anything that is not a file, folder or symlink (a FIFO, a socket, a device)
  is an error;
* editor temporary and OS metadata files (``.#x``, ``#x#``, ``*.swp``, ``*~``,
  ``.DS_Store``, ``Thumbs.db``…: :func:`bantin.core.files.is_leftover`) are
  removed: they are never meant to be published and may hold unsaved drafts;
* every inline ``<script>`` in an HTML file is hashed (SHA-256, as in a
  Content-Security-Policy), per file, so :mod:`bantin.publish.scripts` can tell
  the scripts the theme and bantin ship from any other (which the policy never
  allows).

This module knows nothing of MkDocs.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import Problem
from ..core.files import is_leftover

# MIME types that make an inline <script> executable (HTML spec "JavaScript MIME
# type essence match"), plus the non-MIME values browsers also run under CSP.
_SCRIPT_TYPES = {
    "",
    "module",
    "importmap",
    "speculationrules",
    "application/ecmascript",
    "application/javascript",
    "application/x-ecmascript",
    "application/x-javascript",
    "text/ecmascript",
    "text/javascript",
    "text/javascript1.0",
    "text/javascript1.1",
    "text/javascript1.2",
    "text/javascript1.3",
    "text/javascript1.4",
    "text/javascript1.5",
    "text/jscript",
    "text/livescript",
    "text/x-ecmascript",
    "text/x-javascript",
}

_SCRIPT_OPEN = re.compile(rb"""<script(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>""", re.I)
_SCRIPT_CLOSE = re.compile(rb"</script[\s/>]", re.I)
_ATTR_SRC = re.compile(rb"""(?:^|[\s"'/])src\s*=""", re.I)
_ATTR_TYPE = re.compile(rb"""(?:^|[\s"'/])type\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.I)


def script_hash(source: bytes) -> str:
    """The CSP source expression (``'sha256-…'``) allowing one inline script.

    Browsers hash the script text after the HTML parser has turned CR LF and
    lone CR into LF, so we do the same.
    """
    text = source.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    digest = base64.b64encode(hashlib.sha256(text).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def inline_script_hashes(html: bytes) -> set[str]:
    """Hashes of every executable inline ``<script>`` in one HTML document."""
    hashes: set[str] = set()
    pos = 0
    while True:
        opening = _SCRIPT_OPEN.search(html, pos)
        if opening is None:
            return hashes
        closing = _SCRIPT_CLOSE.search(html, opening.end())
        end = closing.start() if closing else len(html)
        attrs = opening.group(1)
        if not _ATTR_SRC.search(attrs) and _is_executable(attrs):
            hashes.add(script_hash(html[opening.end() : end]))
        if closing is None:
            return hashes
        pos = closing.end()


def _is_executable(attrs: bytes) -> bool:
    match = _ATTR_TYPE.search(attrs)
    if match is None:
        return True
    value = next(g for g in match.groups() if g is not None)
    return value.decode("ascii", "replace").strip().lower() in _SCRIPT_TYPES


@dataclass
class OutputReport:
    """What :func:`inspect_output` found."""

    problems: list[Problem] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    scripts: dict[str, set[str]] = field(default_factory=dict)
    html_files: int = 0


def inspect_output(root: Path, *, display_name: str = "site") -> OutputReport:
    """Walk a finished build; remove editor temp files, report unsafe entries, hash scripts.

    Paths in the report are relative to ``root`` and shown as
    ``<display_name>/<path>``, the folder the ward staff know.
    """
    report = OutputReport()
    real_root = os.path.realpath(root)
    stack = [(str(root), "")]
    while stack:
        path, prefix = stack.pop()
        with os.scandir(path) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                rel = prefix + entry.name
                shown = f"{display_name}/{rel}"
                mode = entry.stat(follow_symlinks=False).st_mode
                if stat.S_ISLNK(mode):
                    problem = _check_symlink(entry.path, real_root, shown)
                    if problem is not None:
                        report.problems.append(problem)
                elif stat.S_ISDIR(mode):
                    stack.append((entry.path, rel + "/"))
                elif not stat.S_ISREG(mode):
                    report.problems.append(
                        Problem(
                            path=shown,
                            message="không phải tệp thường (FIFO, socket hoặc thiết bị) nên "
                            "không được xuất bản. Hãy xoá nó khỏi thư mục nguồn.",
                        )
                    )
                elif is_leftover(entry.name):
                    os.unlink(entry.path)
                    report.removed.append(rel)
                elif entry.name.endswith((".html", ".htm")):
                    report.html_files += 1
                    with open(entry.path, "rb") as handle:
                        hashes = inline_script_hashes(handle.read())
                    if hashes:
                        report.scripts[rel] = hashes
    report.removed.sort()
    return report


def _check_symlink(path: str, real_root: str, shown: str) -> Problem | None:
    target = os.readlink(path)
    resolved = os.path.realpath(path)
    if os.path.isabs(target) or not is_inside(resolved, real_root):
        return Problem(
            path=shown,
            message=f"là liên kết tượng trưng (symlink) trỏ ra ngoài thư mục trang (tới "
            f"'{target}'); máy chủ web đi theo nó có thể công khai tệp bất kỳ của máy. Hãy "
            "thay liên kết bằng bản sao của tệp, hoặc xoá nó khỏi thư mục nguồn.",
        )
    return None


def is_inside(path: str | Path, root: str | Path) -> bool:
    """Whether resolved ``path`` is ``root`` or below it (compares real paths, not prefixes)."""
    real_path = os.path.realpath(path)
    real_root = os.path.realpath(root)
    try:
        return os.path.commonpath([real_path, real_root]) == real_root
    except ValueError:
        return False
