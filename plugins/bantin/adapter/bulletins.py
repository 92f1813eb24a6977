"""Bulletins in an MkDocs build: settings from ``mkdocs.yml``, issue pages, PDFs.

The issues are part of the news model (``NewsModel.issues``, settings in
``Settings.bulletins``); ``SitePages`` calls :class:`BulletinBuild` at three
points (page context, after a page is drawn, after the build).
PDFs are written into ``config.site_dir`` in ``on_post_build`` before
``bantin-atomic`` swaps the staging folder in, so they go live with the HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import segno
from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from ..bulletins.fonts import FontMissing, pdf_font_css
from ..bulletins.html import demote_headings, editorial_html, rebase, relative
from ..bulletins.model import Issue
from ..bulletins.pdf import PdfFailed, PdfJob, PdfUnavailable, write_pdfs
from ..bulletins.routes import BulletinView
from ..bulletins.settings import BulletinSettings
from ..core.errors import Problem
from ..news.model import NewsModel
from ..news.settings import Ward
from ..posts.model import Post

log = get_plugin_logger(__name__)

# The site's font declarations, as the theme publishes them (merged for the PDF).
FONTS_CSS = "assets/fonts/fonts.css"


@dataclass(frozen=True)
class IssueArticle:
    """One article as the issue page shows it: HTML already moved to the issue's address."""

    post: Any
    anchor: str
    body: Markup
    box: Markup
    lead: str


@dataclass
class BulletinBuild:
    """What one build knows about its bulletins."""

    settings: BulletinSettings
    issues: list[Issue]
    site_url: str
    ward: Ward
    pdf_html: dict[str, tuple[Issue, str, str]] = field(default_factory=dict)

    @classmethod
    def for_model(cls, model: NewsModel) -> BulletinBuild | None:
        """The bulletins of this build, or ``None`` when the site has none (``enabled: false``)."""
        settings = model.settings
        if settings.bulletins is None:
            return None
        return cls(settings.bulletins, list(model.issues), settings.site_url, settings.ward)

    def page_context(
        self,
        context: dict[str, Any],
        page: Page,
        view: BulletinView,
        bodies: dict[str, str],
        boxes: dict[str, str],
        lead: Callable[[Post], str],
    ) -> None:
        """Everything the issue page (and its PDF) prints besides the view."""
        issue = view.issue
        here = page.url
        articles = []
        for number, post in enumerate(issue.posts, start=1):
            anchor = f"bai-{number}"
            body = rebase(bodies.get(post.url, ""), post.url, here, f"{anchor}-")
            box = rebase(boxes.get(post.url, ""), post.url, here)
            articles.append(
                IssueArticle(
                    post=post,
                    anchor=anchor,
                    body=Markup(demote_headings(body, 2)),
                    box=Markup(demote_headings(box, 2)),
                    lead=lead(post),
                )
            )
        context["articles"] = {a.post.url: a for a in articles}
        context["editorial_html"] = Markup(editorial_html(issue.editorial))
        context["figures"] = [(f.view, relative(f.link, here)) for f in issue.figures]
        context["online_url"] = (
            (self.site_url.rstrip("/") + "/" + issue.url) if self.site_url else ""
        )
        context["qr_svg"] = Markup(_qr_svg(context["online_url"])) if context["online_url"] else ""
        context["pdf_href"] = issue.pdf_name if view.pdf else ""

    def remember_pdf_html(self, env: Environment, page: Page, context: dict[str, Any]) -> None:
        """Draw the issue's print document now, while the page's context is at hand."""
        if not self.settings.pdf:
            return
        view = context.get("view")
        if not isinstance(view, BulletinView):
            return
        html = env.get_template("bulletin-pdf.html").render(context)
        self.pdf_html[view.issue.key] = (view.issue, page.url, html)

    def write_pdfs(self, config: MkDocsConfig) -> list[Problem]:
        """Write each issue's PDF beside its page in ``site_dir`` (the staging folder)."""
        if not self.settings.pdf or not self.pdf_html:
            return []
        site_dir = Path(config.site_dir).resolve()
        assert self.settings.cache_dir is not None
        config_name = Path(config.config_file_path or "mkdocs.yml").name
        font_dir = self.settings.cache_dir / "fonts"
        try:
            font_css = pdf_font_css(site_dir / FONTS_CSS, font_dir)
        except FontMissing as exc:
            return [
                Problem(
                    config_name,
                    f"không nhúng được phông chữ Be Vietnam Pro vào bản PDF của bản tin: {exc} "
                    "Các tệp phông nằm trong assets/fonts/ của giao diện bantin; cài lại bantin "
                    "(.venv/bin/pip install -c requirements.lock -e .) hoặc chép lại thư mục đó. "
                    "Muốn dựng trang mà chưa cần bản PDF: đặt 'pdf: false' trong mục 'bulletins'.",
                    field="bulletins.pdf",
                )
            ]
        jobs = []
        for issue, url, html in self.pdf_html.values():
            newest = max(post.date for post in issue.posts)
            jobs.append(
                PdfJob(
                    issue_key=issue.source or f"{issue.url}{issue.pdf_name}",
                    html=html,
                    page_dir=site_dir / url,
                    site_dir=site_dir,
                    target=site_dir / url / issue.pdf_name,
                    title=issue.title,
                    author=self.ward.agency or self.ward.name,
                    subject=issue.headline or "; ".join(post.title for post in issue.posts[:3]),
                    keywords=("bản tin", self.ward.name, issue.period.label),
                    created=newest.isoformat(timespec="seconds"),
                    site_url=self.site_url,
                    font_css=font_css,
                    font_dir=font_dir,
                )
            )
        assert self.settings.cache_dir is not None
        try:
            report = write_pdfs(jobs, self.settings.cache_dir)
        except PdfUnavailable as exc:
            return [
                Problem(
                    Path(config.config_file_path or "mkdocs.yml").name,
                    str(exc),
                    field="bulletins.pdf",
                )
            ]
        except PdfFailed as exc:
            return [exc.problem]
        log.info(
            f"Bản PDF của bản tin: vẽ mới {len(report.drawn)}, dùng lại {len(report.reused)} "
            f"({report.seconds:.1f} giây)."
        )
        return []


def _qr_svg(url: str) -> str:
    """A QR code of the issue's address as inline SVG (scales with CSS, prints sharp)."""
    code = segno.make(url, error="m")
    return code.svg_inline(
        scale=1,
        omitsize=True,
        svgclass="bt-qr",
        title=f"Mã QR: {url}",
        dark="#000",
        light="#fff",
    )
