"""MkDocs' English page messages about an article are rewritten in Vietnamese, naming the post."""

from __future__ import annotations

import logging

import pytest
from bantin.adapter.messages import PostMessages, translate_post_messages


def test_a_message_about_an_article_names_the_post_in_vietnamese(
    caplog: pytest.LogCaptureFixture,
) -> None:
    translate_post_messages({"2020/10/13/hop-dan/index.md": "posts/2020/hop-dan.md"}.get)
    translate_post_messages({"2020/10/13/hop-dan/index.md": "posts/2020/hop-dan.md"}.get)
    logger = logging.getLogger("mkdocs.structure.pages")
    ours = [f for f in logger.filters if isinstance(f, PostMessages)]
    assert len(ours) == 1  # a preview rebuild re-points, never stacks
    with caplog.at_level(logging.INFO, logger="mkdocs.structure.pages"):
        logger.warning(
            "Doc file '%s' contains a link '%s', but the target is not found among documentation files.",
            "2020/10/13/hop-dan/index.md",
            "anh/Ảnh 1.png",
        )
        logger.info(
            "Doc file 'gioi-thieu.md' contains an unrecognized relative link 'x', it was left as is."
        )
    article, page = caplog.records
    assert article.levelno == logging.WARNING
    assert article.getMessage().startswith("posts/2020/hop-dan.md: liên kết “anh/Ảnh 1.png”")
    assert "Doc file" not in article.getMessage()
    assert page.getMessage().startswith("Doc file 'gioi-thieu.md'")  # docs/ pages: not ours
