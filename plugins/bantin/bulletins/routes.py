"""The bulletin pages: ``ban-tin/`` (every issue) and ``ban-tin/<kỳ>/`` (one issue)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..news.routes import Route, src_uri
from .model import LIST_URL, Issue


@dataclass(frozen=True)
class BulletinListView:
    """All issues, newest first."""

    issues: tuple[Issue, ...]
    pdf: bool


@dataclass(frozen=True)
class BulletinView:
    """One issue, with its neighbours in time and whether a PDF is published."""

    issue: Issue
    older: Issue | None
    newer: Issue | None
    pdf: bool


def bulletin_routes(issues: Sequence[Issue], *, pdf: bool) -> list[Route]:
    """The list page (a tab) and one page per issue; ``issues`` newest first."""
    routes = [
        Route(
            src_uri(LIST_URL),
            "bulletins.html",
            "Bản tin",
            BulletinListView(tuple(issues), pdf),
            True,
        )
    ]
    for index, issue in enumerate(issues):
        newer = issues[index - 1] if index > 0 else None
        older = issues[index + 1] if index + 1 < len(issues) else None
        routes.append(
            Route(
                src_uri(issue.url),
                "bulletin.html",
                issue.title,
                BulletinView(issue, older, newer, pdf),
            )
        )
    return routes


def issues_by_post(issues: Sequence[Issue]) -> dict[str, list[Issue]]:
    """For each article's URL, the issues it appears in (newest first): the article links to them."""
    found: dict[str, list[Issue]] = {}
    for issue in issues:
        for post in issue.posts:
            found.setdefault(post.url, []).append(issue)
    return found
