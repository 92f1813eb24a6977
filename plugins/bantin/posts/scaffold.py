"""``bantin new``: a new post file with every field present and explained in Vietnamese."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from string import Template

from ..core.dates import VIETNAM
from ..core.text import clean_line, slugify
from .model import Category

_TEMPLATE = Path(__file__).with_name("scaffold.md")


def _yaml_text(value: str) -> str:
    """A YAML double-quoted scalar: JSON strings are valid YAML and escape everything."""
    return json.dumps(value, ensure_ascii=False)


def render_new_post(
    title: str,
    categories: Sequence[Category],
    now: datetime | None = None,
    category: str | None = None,
) -> tuple[str, str]:
    """Return (slug, file text) for a new post titled ``title``."""
    title = clean_line(title)
    if not title:
        raise ValueError('Tiêu đề đang để trống. Ví dụ: bantin new "Thông báo lịch tiếp công dân"')
    slug = slugify(title)
    if not slug:
        raise ValueError("Tiêu đề không có chữ hoặc số nào để tạo đường dẫn; hãy đặt tiêu đề khác.")
    now = (now or datetime.now(VIETNAM)).astimezone(VIETNAM)
    chosen = category or (categories[0].name if categories else "Tin tức - Sự kiện")
    text = Template(_TEMPLATE.read_text(encoding="utf-8")).substitute(
        title=_yaml_text(title),
        date=now.strftime("%d/%m/%Y %H:%M"),
        categories=", ".join(c.name for c in categories) or "(chưa khai báo)",
        category=_yaml_text(chosen),
        slug=slug,
    )
    return slug, text


def new_post_path(posts_dir: Path, slug: str, now: datetime) -> Path:
    """``posts/2026/<slug>.md``; never an existing file."""
    return posts_dir / f"{now.astimezone(VIETNAM).year:04d}" / f"{slug}.md"
