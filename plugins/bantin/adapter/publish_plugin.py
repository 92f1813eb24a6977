"""The ``bantin-atomic`` MkDocs plugin: a failed build never touches the live site.

MkDocs empties ``site_dir`` before it builds, so a build that fails half-way
leaves a broken site. This plugin points ``site_dir`` at a staging folder
beside it, checks the finished output, and swaps it into place only when the
build succeeded (see :mod:`bantin.publish.atomic`). It also writes the security
headers for the site (:mod:`bantin.publish.headers`).

Event order (priorities):

* ``on_config`` 1000: count warnings, for ``--strict``;
* ``on_config`` -1000 (after every other plugin): lock, clean up after killed
  builds, create the staging folder, point ``site_dir`` at it;
* ``on_env`` -1000: every file MkDocs is about to write lands inside staging;
* ``on_post_build`` -1000 (last): check the output, then swap it in; under
  ``--strict`` with warnings, discard it instead (MkDocs aborts next);
* ``on_build_error`` / ``on_shutdown``: discard staging, release the lock.

Plugins must read ``config.site_dir`` when they write (``on_files`` or later),
not keep the value they saw in their own ``on_config``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from jinja2 import Environment, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.utils import CountHandler

from bantin.core.errors import Problem

from ..core.files import atomic_write_text
from ..news.settings import Settings
from ..publish import atomic
from ..publish.headers import render_nginx, render_static_host, security_headers
from ..publish.output import inspect_output, is_inside
from ..publish.scripts import (
    allowed_script_hashes,
    audit_scripts,
    base_urls,
    depths,
    template_snippets,
)
from .publish_config import AtomicBuildConfig
from .settings import site_settings

log = get_plugin_logger(__name__)

FIRST = 1000
LAST = -1000
# Entries in the old site from which it is removed by a process of its own, after
# the swap (atomic.remove_detached); smaller sites are removed before the build ends.
BACKGROUND_REMOVAL = 5000


class _WarningCounter(logging.Handler):
    """Counts WARNING and above on the ``mkdocs`` logger (MkDocs keeps its own count private)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class _Run:
    """One build in progress."""

    config: MkDocsConfig
    configured_site_dir: str
    site_dir: Path
    staging: Path
    lock: atomic.BuildLock
    before: dict[str, tuple[int, int, int]] | None
    swapped: bool = False
    snippet_tmp: Path | None = None


def nginx_headers_path(site_dir: Path) -> Path:
    """Where the nginx snippet goes: beside the site, outside the web root."""
    return site_dir.parent / f".{site_dir.name}-headers" / "nginx-security-headers.conf"


def _remove_stale_snippets(snippet: Path) -> None:
    """Temporary copies of the nginx snippet left by a killed build (we hold the lock)."""
    folder = snippet.parent
    if folder.is_dir():
        for stale in folder.glob(f".{snippet.name}.*.tmp"):
            stale.unlink(missing_ok=True)


def _snippet_renderer(config: MkDocsConfig) -> Callable[[str, str], str | None]:
    """Render a theme's inline script with the site's settings and a base URL, nothing else.

    Any other name (``page``, ``nav``…) is undefined, so a script whose text
    would depend on content is never allowed.
    """
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)

    def render(text: str, base_url: str) -> str | None:
        try:
            return env.from_string(text).render(base_url=base_url, config=config)
        except Exception:  # any failure: the script is simply not allowed
            return None

    return render


class AtomicBuildPlugin(BasePlugin[AtomicBuildConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command: str | None = None
        self.dirty = False
        self._run: _Run | None = None
        self._counter: _WarningCounter | None = None
        self._settings: Settings | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Remember the command: ``mkdocs serve`` builds into its own temporary folder."""
        self.command = command
        self.dirty = dirty

    def _active(self) -> bool:
        return (
            self._settings is not None
            and self._settings.publish.enabled
            and self.command != "serve"
        )

    @event_priority(FIRST)
    def _count_warnings(self, config: MkDocsConfig) -> None:
        """Start counting warnings before any other plugin runs."""
        self._finish()
        self._settings = site_settings(config)
        if self._active() and config.strict:
            self._counter = _WarningCounter()
            logging.getLogger("mkdocs").addHandler(self._counter)

    @event_priority(LAST)
    def _stage(self, config: MkDocsConfig) -> MkDocsConfig:
        """Lock, clean up after killed builds, and build into a fresh staging folder."""
        if not self._active():
            return config
        settings = site_settings(config)
        problems = [
            p
            for p in settings.problems
            if p.is_error and (p.field or "").startswith("bantin-atomic")
        ]
        if problems:
            raise PluginError("\n".join(str(p) for p in problems))
        timeout = settings.publish.lock_timeout
        try:
            site_dir = atomic.check_site_dir(Path(config.site_dir))
            lock = atomic.BuildLock(site_dir.parent / atomic.LOCK_NAME)
            lock.acquire(timeout, on_wait=log.info)
            try:
                recovery = atomic.recover(site_dir)
                _remove_stale_snippets(nginx_headers_path(site_dir))
                before = atomic.fingerprint(site_dir)
                staging = atomic.create_staging(site_dir, seed_from_live=self.dirty)
            except BaseException:
                lock.release()
                raise
        except atomic.AtomicBuildError as exc:
            raise PluginError(str(exc)) from None
        except OSError as exc:
            raise PluginError(str(atomic.describe_os_error(exc, config.site_dir))) from None
        if recovery.restored_from is not None:
            log.info(
                f"Bản dựng trước bị dừng giữa chừng khi thay trang; đã khôi phục trang cũ "
                f"từ '{recovery.restored_from.name}'."
            )
        if recovery.removed:
            names = ", ".join(p.name for p in recovery.removed)
            log.info(f"Đã xoá thư mục tạm còn sót từ bản dựng bị dừng: {names}")
        self._run = _Run(config, config.site_dir, site_dir, staging, lock, before)
        log.info(
            f"Dựng vào thư mục tạm '{staging.name}'; '{site_dir}' chỉ được thay khi dựng xong."
        )
        config.site_dir = str(staging)
        return config

    on_config = CombinedEvent(_count_warnings, _stage)

    @event_priority(LAST)
    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Before anything is written: every output path must lie inside the staging folder."""
        run = self._run
        if run is None:
            return env
        problems = [
            Problem(
                path=file.src_uri,
                message=f"sẽ được ghi ra ngoài thư mục trang (tới '{file.dest_uri}'). Hãy "
                "sửa đường dẫn (slug, url) của trang này hoặc plugin đã tạo ra nó.",
            )
            for file in files
            if not is_inside(file.abs_dest_path, run.staging)
        ]
        if problems:
            raise PluginError("\n".join(str(p) for p in problems))
        return env

    @event_priority(LAST)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Check the finished output and swap it in (or discard it under ``--strict``)."""
        run = self._run
        if run is None:
            return
        report = inspect_output(run.staging, display_name=run.site_dir.name)
        scripts = self._shipped_scripts(config, report.scripts)
        if config.strict and self._warning_count() > 0:
            log.info("Có cảnh báo ở chế độ --strict: bỏ bản dựng tạm, trang đang chạy giữ nguyên.")
            self._finish()
            return

        if report.removed:
            log.info("Không xuất bản tệp tạm của trình soạn thảo: " + ", ".join(report.removed))
        if report.problems:
            raise PluginError("\n".join(str(p) for p in report.problems))
        changed = atomic.changed_entries(run.before, atomic.fingerprint(run.site_dir))
        if changed:
            raise PluginError(
                str(
                    Problem(
                        path=str(run.site_dir),
                        message="có tệp bị ghi thẳng vào trang đang chạy trong lúc dựng ("
                        + ", ".join(changed[:5])
                        + ("…" if len(changed) > 5 else "")
                        + "); bản dựng này không được dùng. Một plugin đã giữ đường dẫn "
                        "'site_dir' cũ: hãy để nó đọc config.site_dir khi ghi tệp, hoặc "
                        "đặt plugin đó sau 'bantin-atomic'.",
                    )
                )
            )

        snippet = self._write_headers(run, scripts)
        try:
            result = atomic.swap_into_place(
                run.staging,
                run.site_dir,
                background=len(run.before or ()) >= BACKGROUND_REMOVAL,
            )
        except atomic.AtomicBuildError as exc:
            raise PluginError(str(exc)) from None
        run.swapped = True
        config.site_dir = run.configured_site_dir
        if snippet is not None:
            self._publish_nginx_snippet(run, snippet)
        if result.left_behind is not None:
            log.info(f"Chưa xoá được trang cũ '{result.left_behind}'; bản dựng sau sẽ xoá.")
        log.info(f"Đã thay trang mới vào '{run.site_dir}' ({result.method}).")
        self._finish()

    @event_priority(LAST)
    def on_build_error(self, *, error: Exception) -> None:
        """Discard the staging folder: the live site stays as it was.

        A disk or file error ends the build with its Vietnamese explanation
        (an ``Abort``), instead of MkDocs printing a Python traceback after it.
        """
        run = self._run
        self._finish()
        if run is not None and isinstance(error, OSError):
            raise Abort(str(atomic.describe_build_error(error, run.site_dir, run.staging)))

    def on_shutdown(self) -> None:
        self._finish()

    # -- helpers -------------------------------------------------------------

    def _warning_count(self) -> int:
        counts = [self._counter.count if self._counter else 0]
        counts += [
            sum(handler.counts.values())
            for handler in logging.getLogger("mkdocs").handlers
            if isinstance(handler, CountHandler)
        ]
        return max(counts)

    def _shipped_scripts(self, config: MkDocsConfig, found: dict[str, set[str]]) -> set[str]:
        """Hashes for the CSP: the theme's and bantin's own inline scripts that the site uses.

        Never the hash of a script found only in the output: one that came
        from content is reported (a warning) and stays blocked by the policy.
        """
        site_path = urlsplit(config.site_url or "/").path or "/"
        urls = base_urls(depths(found), site_path)
        dirs = [Path(d) for d in config.theme.dirs]
        allowed = allowed_script_hashes(template_snippets(dirs), urls, _snippet_renderer(config))
        audit = audit_scripts(found, allowed)
        for page in audit.unknown:
            log.warning(
                f"{page}: có đoạn mã <script> không thuộc giao diện hay bantin (có thể lọt vào "
                "từ nội dung: tên chuyên mục, tiêu đề, trang trong docs/). Chính sách bảo mật "
                "(CSP) sẽ chặn nó; hãy tìm và xoá nó khỏi nội dung."
            )
        return set(audit.used)

    def _write_headers(self, run: _Run, script_hashes: set[str]) -> Path | None:
        """Write ``_headers`` into staging and the nginx snippet to a temporary file."""
        if self._settings is None or not self._settings.publish.security_headers:
            return None
        headers = security_headers(script_hashes, self._settings.publish.csp_sources)
        target = run.staging / "_headers"
        snippet = nginx_headers_path(run.site_dir)
        tmp = snippet.with_name(f".{snippet.name}.{os.getpid()}.tmp")
        run.snippet_tmp = tmp
        if os.path.lexists(target) and (target.is_symlink() or not target.is_file()):
            raise PluginError(
                str(
                    Problem(
                        path=f"{run.site_dir.name}/_headers",
                        message="đã bị một trang hoặc thư mục chiếm chỗ nên không ghi được "
                        "tiêu đề bảo mật (CSP, HSTS, nosniff): Netlify hay Cloudflare Pages "
                        "sẽ phục vụ trang mà không có chúng. Hãy đổi 'slug'/'aliases' của bài "
                        "hoặc tên tệp trong docs/ đang tạo ra '_headers'.",
                    )
                )
            )
        try:
            if target.exists():
                log.info(
                    "Trang đã có tệp _headers riêng (từ docs/); giữ nguyên, không ghi đè. "
                    f"Chính sách CSP tính được nằm ở '{snippet}'."
                )
            else:
                target.write_text(render_static_host(headers), encoding="utf-8")
            atomic_write_text(tmp, render_nginx(headers))
        except OSError as exc:
            raise PluginError(
                str(atomic.describe_os_error(exc, run.site_dir, run.staging))
            ) from None
        return tmp

    def _publish_nginx_snippet(self, run: _Run, tmp: Path) -> None:
        final = nginx_headers_path(run.site_dir)
        try:
            old = final.read_text(encoding="utf-8") if final.exists() else None
            new = tmp.read_text(encoding="utf-8")
            os.replace(tmp, final)
        except OSError as exc:
            log.info(f"Không cập nhật được '{final}': {exc}")
            return
        if old is not None and old != new:
            log.info(
                f"Tiêu đề bảo mật (CSP) đã thay đổi: hãy chép '{final}' lên máy chủ nginx "
                "rồi chạy 'nginx -t && nginx -s reload' (xem deploy/README.md)."
            )

    def _finish(self) -> None:
        """Discard an unswapped staging folder, restore ``site_dir``, release the lock."""
        run, self._run = self._run, None
        if run is not None:
            if not run.swapped:
                atomic.discard(run.staging)
            if run.snippet_tmp is not None and os.path.lexists(run.snippet_tmp):
                os.unlink(run.snippet_tmp)
            run.config.site_dir = run.configured_site_dir
            run.lock.release()
        if self._counter is not None:
            logging.getLogger("mkdocs").removeHandler(self._counter)
            self._counter = None
