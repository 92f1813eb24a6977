"""An article's blocks as the Markdown body of a post."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .blocks import escape_markdown
from .model import Block


def _table(rows: Sequence[Sequence[str]]) -> str:
    width = max(len(row) for row in rows)
    lines = []
    for index, row in enumerate(rows):
        cells = list(row) + [""] * (width - len(row))
        lines.append("| " + " | ".join(cells) + " |")
        if index == 0:
            lines.append("|" + "|".join(["---"] * width) + "|")
    return "\n".join(lines)


def render_body(blocks: Sequence[Block], photo_paths: Mapping[str, str]) -> str:
    """Markdown paragraphs, headings (from ``##``), lists, tables and photos with captions.

    ``photo_paths`` maps a block's ``source`` to the file written beside the
    post; a photo that was not written is left out (the report says why).
    """
    levels = [b.level for b in blocks if b.kind == "heading"]
    shift = 2 - min(levels) if levels else 0
    parts: list[str] = []
    for block in blocks:
        if block.kind in ("paragraph", "line"):
            parts.append(block.text)
        elif block.kind == "heading":
            level = min(6, max(2, block.level + shift))
            parts.append("#" * level + " " + block.text)
        elif block.kind == "list":
            marker = "1." if block.ordered else "-"
            parts.append(
                "\n".join(
                    f"{index}. {item}" if block.ordered else f"{marker} {item}"
                    for index, item in enumerate(block.items, start=1)
                )
            )
        elif block.kind == "table":
            parts.append(_table(block.rows))
        elif block.kind == "image":
            path = photo_paths.get(block.source)
            caption = escape_markdown(block.text)
            if path is None:
                if caption:
                    parts.append(f"*{caption}*")
                continue
            line = f"![{caption}]({path})"
            parts.append(f"{line}\n\n*{caption}*" if caption else line)
        elif block.kind == "caption":
            parts.append(f"*{block.text}*")
    return "\n\n".join(p for p in parts if p.strip()) + "\n"
