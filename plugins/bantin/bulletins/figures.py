"""Key figures of a period: each indicator its posts report, against its previous report.

Formatted by :func:`bantin.indicators.present.present`, so the block reads
exactly as the indicator boxes of the articles do.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..core.text import fold_key
from ..indicators.model import Indicator
from ..indicators.present import present
from ..indicators.series import IndicatorSeries
from ..posts.model import Post
from .model import KeyFigure


def key_figures(posts: Sequence[Post], series: Iterable[IndicatorSeries]) -> tuple[KeyFigure, ...]:
    """One figure per indicator id reported by ``posts``: its latest report among them.

    The change is against the report before it (in any earlier post of the
    site); without one, against the ``previous`` the article itself states.
    Figures come in the order of the posts, then of each post's indicators.
    """
    by_id = {item.id: item for item in series}
    chosen: dict[str, tuple[Post, Indicator]] = {}
    for post in sorted(posts, key=lambda p: p.key):  # oldest first: the latest wins
        for indicator in post.indicators:
            if isinstance(indicator, Indicator):
                chosen[indicator.id] = (post, indicator)
    order = [
        indicator.id
        for post in posts
        for indicator in post.indicators
        if isinstance(indicator, Indicator)
    ]
    figures: list[KeyFigure] = []
    for ident in dict.fromkeys(order):
        post, indicator = chosen[ident]
        item = by_id.get(ident)
        if item is not None:
            points = item.points
            index = next(
                (i for i in item.positions.get(post.url, ()) if points[i].indicator == indicator),
                None,
            )
            if index:  # the report before this one; a different unit cannot be compared
                before = points[index - 1]
                if fold_key(before.unit) == fold_key(indicator.unit):
                    indicator = replace(indicator, previous=before.value)
        figures.append(KeyFigure(present(indicator), f"chi-so/{ident}/", post))
    return tuple(figures)
