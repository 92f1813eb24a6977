"""``bantin check``: photos too big to be sensible sources (slow builds, often a scan or a mistake)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PIL import Image

from ..core.errors import Problem, Severity
from ..posts.model import Post
from .settings import PROCESSED_SUFFIXES

HUGE_BYTES = 20 * 1024 * 1024
HUGE_PIXELS = 8000


def huge_photo(path: Path) -> str | None:
    """Why ``path`` is too big, in Vietnamese, or ``None``."""
    size = path.stat().st_size
    if size > HUGE_BYTES:
        return f"ảnh “{path.name}” nặng {size / 1024 / 1024:.0f} MB (quá 20 MB)"
    try:
        with Image.open(path) as image:  # reads the header only
            width, height = image.size
    except Exception:
        return None  # the build reports unreadable photos as errors
    if max(width, height) > HUGE_PIXELS:
        return f"ảnh “{path.name}” rộng {width}×{height} điểm ảnh (quá 8.000)"
    return None


def huge_photo_problems(posts: Iterable[Post]) -> list[Problem]:
    """A warning per post and oversized photo, with the fix."""
    problems: list[Problem] = []
    for post in posts:
        sources = [a.source for a in post.attachments]
        if post.image is not None:
            sources.append(post.image.source)
        for source in dict.fromkeys(sources):
            if Path(source).suffix.lower() not in PROCESSED_SUFFIXES:
                continue
            why = huge_photo(Path(source))
            if why:
                problems.append(
                    Problem(
                        post.path,
                        f"{why}: dựng trang sẽ chậm. Thu nhỏ ảnh (rộng khoảng 2.000 điểm ảnh là đủ) "
                        "rồi chép đè tệp cũ.",
                        severity=Severity.WARNING,
                    )
                )
    return problems
