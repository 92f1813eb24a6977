"""MkDocs' English messages about an article, said in Vietnamese with the real ``posts/…`` file.

``bantin check`` (the loader) reports every link the engine would reject, so
normally MkDocs has nothing to say about a post. This filter is the safety
net: whatever MkDocs still logs about a generated article page ("Doc file
'2020/10/13/x/index.md' contains a link …") reaches staff in Vietnamese,
naming the file they wrote, at the same level (a warning still stops a
strict build).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

_DOC_FILE = re.compile(r"^Doc file '(?P<page>[^']+)' (?P<rest>.*)$", re.S)
_LINK = re.compile(r"link (?:to )?'(?P<link>[^']*)'")
_LOGGER = "mkdocs.structure.pages"


class PostMessages(logging.Filter):
    """Rewrites records about generated article pages; ``source_of`` maps a page to its post file."""

    def __init__(self, source_of: Callable[[str], str | None]) -> None:
        super().__init__("bantin")
        self.source_of = source_of

    def filter(self, record: logging.LogRecord) -> bool:
        match = _DOC_FILE.match(record.getMessage())
        if match is None:
            return True
        post = self.source_of(match.group("page"))
        if post is None:
            return True
        link = _LINK.search(match.group("rest"))
        shown = f"“{link.group('link')}”" if link else ""
        record.msg = (
            f"{post}: liên kết {shown} trong bài không dẫn tới trang hay tệp nào của trang web. "
            "Tệp cho người đọc (ảnh, PDF, Word…) thì đặt cạnh bài và viết tên tệp, ví dụ "
            "anh/ten-anh.jpg; bài khác thì dán địa chỉ đầy đủ https://…"
        )
        record.args = ()
        return True


def translate_post_messages(source_of: Callable[[str], str | None]) -> None:
    """Install (or re-point, on a preview rebuild) the filter on MkDocs' page logger."""
    logger = logging.getLogger(_LOGGER)
    for existing in list(logger.filters):
        if isinstance(existing, PostMessages):
            logger.removeFilter(existing)
    logger.addFilter(PostMessages(source_of))
