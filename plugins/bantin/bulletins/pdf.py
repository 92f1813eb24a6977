"""Bulletin PDFs: the issue's print HTML through WeasyPrint, cached by content.

A :class:`PdfJob` is everything one PDF depends on: the HTML (drawn from the
same partial as the issue page, with the print stylesheet) and the local files
it uses (stylesheets, fonts, photos). Their hash names the cached PDF, so a
build whose bulletins did not change copies PDFs instead of drawing them.

Only files inside the site are read (no request leaves the machine); photos
are scaled down and recompressed on the way in so a typical issue stays well
under 2 MB. WeasyPrint is imported only when a PDF must really be drawn; when
it or Pango is missing, :class:`PdfUnavailable` says in Vietnamese what to
install, or how to switch PDFs off.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import re
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from ..core.errors import Problem
from ..core.files import FileLock, atomic_write_bytes

FORMAT = "bantin-pdf-1"  # bump when the way PDFs are made changes
MAX_IMAGE_WIDTH = 1100  # px: sharp at A4 width and 150 dpi
JPEG_QUALITY = 72
KEEP_UNUSED_DAYS = 7
_LOCAL_REF = re.compile(r'\b(?:src|href)="([^"#?:]+)(?:[?#][^"]*)?"')
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")?#:]+)")
_ASSET_SUFFIXES = (
    ".css",
    ".jpg",
    ".jpeg",
    ".png",
    ".webp",
    ".gif",
    ".svg",
    ".woff2",
    ".woff",
    ".ttf",
    ".otf",
)
_FONT_SUFFIXES = (".woff2", ".woff", ".ttf", ".otf")
_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")

INSTALL_HELP = (
    "Cài thư viện vẽ chữ Pango cho máy dựng trang (Debian/Ubuntu: "
    "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0) và gói WeasyPrint của bantin "
    "(.venv/bin/pip install -c requirements.lock -e .), rồi dựng lại. "
    "Muốn dựng trang mà chưa cần bản PDF: đặt 'pdf: false' trong mục 'bulletins' của plugin "
    "bantin trong mkdocs.yml."
)


class PdfUnavailable(Exception):
    """PDFs cannot be made on this machine; the message says what to install."""


class PdfFailed(Exception):
    """One issue's PDF could not be drawn; carries a Vietnamese :class:`Problem`."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


@dataclass(frozen=True)
class PdfJob:
    """One issue's PDF: its print HTML, where it lives, what it says about itself."""

    issue_key: str
    html: str
    page_dir: Path  # the issue page's folder in the site being built (base of relative URLs)
    site_dir: Path
    target: Path
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...] = ()
    created: str = ""  # W3C date of the issue's newest post: the same content, the same PDF
    site_url: str = ""  # links in the PDF point to the site online; its files are read locally
    font_css: str = ""  # @font-face rules of the merged fonts (see fonts.py)
    font_dir: Path | None = None  # where those merged fonts are

    @property
    def base_url(self) -> str:
        """Relative links resolve to the issue online (so they work in Zalo), else to the file."""
        if self.site_url:
            rel = self.page_dir.resolve().relative_to(self.site_dir.resolve()).as_posix()
            return self.site_url.rstrip("/") + "/" + (rel + "/" if rel != "." else "")
        return self.page_dir.resolve().as_uri() + "/"

    def resources(self) -> list[Path]:
        """Local files the HTML uses, and the files its stylesheets use (fonts)."""
        found: dict[Path, None] = {}
        queue = [(self.page_dir, ref) for ref in _LOCAL_REF.findall(self.html)]
        while queue:
            base, ref = queue.pop(0)
            path = (base / unquote(ref)).resolve()
            if path in found or path.suffix.lower() not in _ASSET_SUFFIXES:
                continue
            if not _inside(path, self.site_dir) or not path.is_file():
                continue
            found[path] = None
            if path.suffix.lower() == ".css":
                css = path.read_text(encoding="utf-8", errors="replace")
                queue.extend((path.parent, ref) for ref in _CSS_URL.findall(css))
        return sorted(found)

    def cache_key(self, engine_version: str) -> str:
        digest = hashlib.sha256()
        parts = (
            FORMAT,
            engine_version,
            self.title,
            self.author,
            self.subject,
            self.created,
            self.font_css,
        )
        for part in (*parts, self.site_url):
            digest.update(part.encode() + b"\0")
        digest.update("\0".join(self.keywords).encode() + b"\0")
        digest.update(self.html.encode())
        for path in self.resources():
            digest.update(
                b"\0" + path.relative_to(self.site_dir.resolve()).as_posix().encode() + b"\0"
            )
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        return digest.hexdigest()


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root.resolve())
    except ValueError:
        return False
    return True


def engine_version() -> str:
    """WeasyPrint's version without importing it (so cached builds stay fast)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("weasyprint")
    except PackageNotFoundError:
        return "missing"


def load_engine() -> Any:  # the weasyprint module
    """Import WeasyPrint, or explain in Vietnamese what is missing."""
    try:
        import weasyprint
    except ImportError:
        raise PdfUnavailable(
            "không làm được bản PDF của bản tin: thiếu gói Python WeasyPrint. " + INSTALL_HELP
        ) from None
    except OSError as exc:  # cffi could not open libpango / libgobject
        raise PdfUnavailable(
            f"không làm được bản PDF của bản tin: máy thiếu thư viện Pango ({exc}). " + INSTALL_HELP
        ) from None
    return weasyprint


def shrink_image(data: bytes, suffix: str) -> tuple[bytes, str]:
    """A photo no wider than :data:`MAX_IMAGE_WIDTH`, as JPEG (PNG kept when it has transparency)."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as opened:
        image: Image.Image = opened
        image.load()
        transparent = image.mode in ("RGBA", "LA", "P") and suffix == ".png"
        if image.width > MAX_IMAGE_WIDTH:
            height = round(image.height * MAX_IMAGE_WIDTH / image.width)
            image = image.resize((MAX_IMAGE_WIDTH, height), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        if transparent:
            image.save(out, "PNG", optimize=True)
            return out.getvalue(), "image/png"
        image.convert("RGB").save(
            out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True
        )
        return out.getvalue(), "image/jpeg"


_MIME = {
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".gif": "image/gif",
}


@dataclass
class _Fetcher:
    """Serves WeasyPrint files from inside the site only, photos scaled down."""

    site_dir: Path
    site_url: str = ""
    font_dir: Path | None = None
    missing: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    def make(self, weasyprint: Any) -> Any:  # a weasyprint URLFetcher
        outer = self
        from weasyprint.urls import URLFetcher, URLFetcherResponse

        class SiteFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no types
            def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
                parts = urlsplit(url)
                prefix = outer.site_url.rstrip("/") + "/" if outer.site_url else None
                if prefix and url.startswith(prefix):
                    local = unquote(urlsplit(url[len(prefix) :]).path)
                    path = (outer.site_dir / local).resolve()
                elif parts.scheme == "file":
                    path = Path(url2pathname(unquote(parts.path))).resolve()
                else:
                    outer.refused.append(url)
                    raise ValueError(f"bantin không tải tài nguyên ngoài trang: {url}")
                fonts = outer.font_dir is not None and _inside(path, outer.font_dir)
                if not fonts and not _inside(path, outer.site_dir):
                    outer.refused.append(url)
                    raise ValueError(f"ngoài thư mục trang: {path}")
                suffix = path.suffix.lower()
                try:
                    data = path.read_bytes()
                except OSError:
                    outer.missing.append(path.name)
                    raise
                mime = _MIME.get(suffix, "application/octet-stream")
                if suffix in _IMAGE_SUFFIXES:
                    data, mime = shrink_image(data, suffix)
                return URLFetcherResponse(url, data, {"Content-Type": mime})

        return SiteFetcher()


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def render_pdf(job: PdfJob, weasyprint: Any) -> bytes:
    """Draw one PDF (no cache); raise :class:`PdfUnavailable` or :class:`PdfFailed`."""
    fetcher = _Fetcher(
        job.site_dir.resolve(), job.site_url, job.font_dir.resolve() if job.font_dir else None
    )
    logger = logging.getLogger("weasyprint")
    collect = _Collect()
    saved = (logger.handlers[:], logger.propagate)
    logger.handlers, logger.propagate = [collect], False
    try:
        url_fetcher = fetcher.make(weasyprint)
        from weasyprint.text.fonts import FontConfiguration

        font_config = FontConfiguration()  # a user stylesheet's @font-face needs one shared
        fonts = []
        if job.font_css:
            fonts.append(
                weasyprint.CSS(
                    string=job.font_css, url_fetcher=url_fetcher, font_config=font_config
                )
            )
        document = weasyprint.HTML(
            string=job.html,
            base_url=job.base_url,
            url_fetcher=url_fetcher,
            media_type="print",
        ).render(stylesheets=fonts, font_config=font_config)
        metadata = document.metadata
        metadata.title = job.title
        metadata.authors = [job.author] if job.author else []
        metadata.description = job.subject
        metadata.keywords = list(job.keywords)
        metadata.generator = "bantin"
        metadata.lang = "vi"
        if job.created:
            metadata.created = metadata.modified = job.created
        identifier = hashlib.sha256(job.html.encode()).hexdigest()[:32].encode()
        data = document.write_pdf(pdf_identifier=identifier)
    except (PdfUnavailable, PdfFailed):
        raise
    except Exception as exc:  # WeasyPrint's own errors: name the issue, not a traceback
        raise PdfFailed(
            Problem(job.issue_key, f"không vẽ được bản PDF ({type(exc).__name__}: {exc}).")
        ) from None
    finally:
        logger.handlers, logger.propagate = saved
    fonts = [name for name in fetcher.missing if name.endswith(_FONT_SUFFIXES)]
    if fonts:
        raise PdfUnavailable(
            "không nhúng được phông chữ Be Vietnam Pro vào bản PDF: thiếu tệp "
            + ", ".join(fonts)
            + ". Các tệp phông nằm trong assets/fonts/ của giao diện bantin; cài lại bantin "
            "(.venv/bin/pip install -c requirements.lock -e .) hoặc chép lại thư mục đó, rồi dựng lại."
        )
    if data is None or not data.startswith(b"%PDF"):
        raise PdfFailed(Problem(job.issue_key, "WeasyPrint không trả về tệp PDF."))
    return bytes(data)


@dataclass
class PdfReport:
    drawn: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    seconds: float = 0.0


def write_pdfs(
    jobs: Sequence[PdfJob],
    cache_dir: Path,
    *,
    engine_loader: Callable[[], object] = load_engine,
) -> PdfReport:
    """Every job's PDF at its target: copied from the cache, or drawn and cached.

    The cache is written through a temporary file and a rename, so builds that
    share it never read half a PDF.
    """
    started = time.perf_counter()
    cache_dir.mkdir(parents=True, exist_ok=True)
    # Builds sharing the cache take turns: the second finds the first one's PDFs
    # instead of drawing the same ones at the same time.
    with FileLock(cache_dir / ".lock"):
        report = _write(jobs, cache_dir, engine_loader)
    report.seconds = time.perf_counter() - started
    return report


def _write(
    jobs: Sequence[PdfJob], cache_dir: Path, engine_loader: Callable[[], object]
) -> PdfReport:
    report = PdfReport()
    version = engine_version()
    engine = None
    used: set[str] = set()
    for job in jobs:
        key = job.cache_key(version)
        cached = cache_dir / f"{key}.pdf"
        used.add(cached.name)
        job.target.parent.mkdir(parents=True, exist_ok=True)
        if cached.is_file():
            shutil.copyfile(cached, job.target)
            os.utime(cached)
            report.reused.append(job.issue_key)
            continue
        if engine is None:
            engine = engine_loader()
        data = render_pdf(job, engine)
        atomic_write_bytes(cached, data, sync=False)
        job.target.write_bytes(data)
        report.drawn.append(job.issue_key)
    _prune(cache_dir, used)
    return report


def _prune(cache_dir: Path, used: set[str]) -> None:
    """Forget PDFs no build has used for a week (other sites may share the folder meanwhile)."""
    limit = time.time() - KEEP_UNUSED_DAYS * 86400
    for path in cache_dir.glob("*.pdf"):
        if path.name not in used:
            try:
                if path.stat().st_mtime < limit:
                    path.unlink()
            except OSError:
                pass
