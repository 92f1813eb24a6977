"""``make serve`` with a broken post: the browser says what is wrong, and the server keeps serving.

MkDocs' preview server rebuilds in a loop; when a rebuild raises, it keeps the
old epoch and every request then waits for a build that never comes (the tab
"hangs"), while the message is only in the terminal. So in the preview:

- content problems never raise: the broken posts are left out (the loader
  already does that), the rest of the site is built, and every page (the 404
  page too) carries a Vietnamese panel naming file, line and fix
  (``partials/preview-problems.html``). MkDocs' live reload reloads the page
  after each save; the 404 page, which MkDocs serves without its reload script,
  polls its own address and reloads as soon as the article is back;
- any other failure of a rebuild is caught (:func:`guard_rebuilds`): it is
  logged, the pages already built get a panel with the message, and the
  server moves on instead of stalling every request.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import escape

from ..core.errors import Problem

log = logging.getLogger("mkdocs.plugins.bantin")
TEMPLATE = "partials/preview-problems.html"


class PreviewProblems:
    """The panel of one preview build: rendered once, put into every page."""

    def __init__(self) -> None:
        self.panel = ""
        self.panel_404 = ""

    def render(self, env: Environment, problems: Sequence[Problem]) -> None:
        errors = [p for p in problems if p.is_error]
        warnings = [p for p in problems if not p.is_error]
        if not problems:
            self.panel = self.panel_404 = ""
            return
        template = env.get_template(TEMPLATE)
        self.panel = template.render(errors=errors, warnings=warnings, not_found=False)
        self.panel_404 = template.render(errors=errors, warnings=warnings, not_found=True)

    def inject(self, html: str, *, not_found: bool = False) -> str:
        panel = self.panel_404 if not_found else self.panel
        return put_after_body(html, panel) if panel else html


def put_after_body(html: str, panel: str) -> str:
    start = html.find("<body")
    end = html.find(">", start) if start >= 0 else -1
    if end < 0:
        return panel + html
    return html[: end + 1] + panel + html[end + 1 :]


def guard_rebuilds(server: Any, site_dir: str, incremental: Any = None) -> None:
    """Wrap the preview server's builder so a failed rebuild never stalls it.

    ``incremental`` (``bantin serve``): its lock is held for the whole rebuild,
    so no page is drawn on request from a build half made.
    """
    builder: Callable[..., Any] = server.builder
    if getattr(builder, "bantin_guarded", False):
        return
    lock = incremental.lock if incremental is not None else contextlib.nullcontext()

    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            with lock:
                return builder(*args, **kwargs)
        except Exception as exc:  # the server must keep answering, whatever went wrong
            message = str(exc).strip() or type(exc).__name__
            log.error(f"Không dựng lại được trang xem thử: {message}")
            mark_pages(Path(site_dir), message)
            return None

    guarded.bantin_guarded = True  # type: ignore[attr-defined]
    server.builder = guarded


def mark_pages(site_dir: Path, message: str) -> None:
    """Put a panel with ``message`` on every page already built (they show the last good build)."""
    panel = (
        '<div class="bt-preview-problems" role="alert" lang="vi" style="position:fixed;left:0;'
        "right:0;bottom:0;z-index:100;max-height:50vh;overflow:auto;box-sizing:border-box;"
        "background:#fff4f4;color:#5c0000;border-top:4px solid #b00020;"
        'padding:.8rem 1rem;font:15px/1.5 system-ui,sans-serif;white-space:pre-wrap">'
        "<strong>Không dựng lại được trang xem thử</strong> (trang đang hiện là bản dựng trước). "
        f"Sửa lỗi dưới đây rồi lưu lại tệp:\n{escape(message)}</div>"
    )
    for page in site_dir.rglob("*.html"):
        try:
            html = page.read_text(encoding="utf-8")
            if "bt-preview-problems" not in html:
                page.write_text(put_after_body(html, panel), encoding="utf-8")
        except OSError:
            continue
