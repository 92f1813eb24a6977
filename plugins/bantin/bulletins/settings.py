"""How a site makes its bulletins: the engine-free settings read from ``mkdocs.yml``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .periods import MONTH, Period

YEARLY = "year"
RUNNING = "running"


@dataclass(frozen=True)
class BulletinSettings:
    """``bulletins:`` of the plugin configuration, validated.

    Numbers are tied to periods, never to how many issues came before, so an
    issue keeps its number when an older month gains a post: ``year`` numbers
    by the period within its year (tháng 10 is số 10, quý 4 is số 4);
    ``running`` counts periods from ``start`` (which is ``first_number``).
    """

    folder: Path
    period: str = MONTH
    numbering: str = YEARLY
    first_number: int = 1
    start: Period | None = None
    notices: str = "Thông báo"
    digest: bool = False
    name: str = "Bản tin"
    pdf: bool = True
    cache_dir: Path | None = None
