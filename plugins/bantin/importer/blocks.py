"""Pages and converted Word documents as a list of :class:`~.model.Block`.

Plain text gives paragraphs only (the structure is found later, in
:mod:`.portal`); HTML keeps what its tags say: headings, lists, tables,
photos, bold and italics. Everything around an article that a portal adds
(menus, forms, scripts, footers) is dropped here when the tags say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree, html

from .model import Block

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_TERMINAL = tuple('.!?:;…"”’)»')
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "form",
    "aside",
    "iframe",
    "button",
    "select",
    "input",
    "textarea",
    "svg",
    "object",
    "embed",
    "template",
    "head",
    "map",
)
# Class or id words of the parts of a portal page around the article.
_CHROME = re.compile(
    r"(?:^|[\s_-])(?:menu|nav|navbar|footer|sidebar|breadcrumbs?|comments?|share|social|"
    r"related|banner|advert|ads|quangcao|login|search|widget|counter|thongke|tinlienquan|"
    r"tinkhac|othernews|relatednews|top-menu|header)(?:$|[\s_-])",
    re.I,
)
_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "blockquote",
    "center",
    "dl",
    "dd",
    "dt",
    "address",
    "pre",
    "figure",
    "figcaption",
    "body",
    "html",
    "span_block",
    "tbody",
    "thead",
    "tr",
    "td",
    "th",
    "caption",
}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def clean_inline(text: str) -> str:
    """One line of text: Word's non-breaking and odd spaces folded, smart quotes kept."""
    return _SPACES.sub(" ", text.replace("\u00ad", "").replace("\n", " ")).strip()


def plain(text: str) -> str:
    """Text of a block without Markdown marks, for matching."""
    return re.sub(r"\\(.)", r"\1", text.replace("**", "").replace("*", "")).strip()


def escape_markdown(text: str) -> str:
    """Characters that Markdown would read as formatting, escaped; a leading ``1.`` or ``-`` too."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = re.sub(r"^(\d+)([.)])(\s)", r"\1\\\2\3", text)
    return re.sub(r"^([-+#=>])", r"\\\1", text)


def text_blocks(text: str) -> list[Block]:
    """Non-empty lines of a plain-text page (``line`` blocks, not yet Markdown); tab-separated lines as tables.

    A line that does not end a sentence and is followed, without a blank
    line, by one that starts in lower case is the same sentence broken in
    two (a manual line break), and is joined.
    """
    lines: list[str | tuple[str, ...]] = []
    joinable = False
    for raw in text.split("\n"):
        if "\t" in raw.strip():
            lines.append(tuple(clean_inline(c) for c in raw.strip().split("\t")))
            joinable = False
            continue
        line = clean_inline(raw)
        if not line:
            joinable = False
            continue
        previous = lines[-1] if lines else None
        if (
            joinable
            and isinstance(previous, str)
            and line[0].islower()
            and not previous.endswith(_TERMINAL)
        ):
            lines[-1] = f"{previous} {line}"
        else:
            lines.append(line)
        joinable = True
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        item = lines[index]
        if isinstance(item, tuple):
            rows = [item]
            while (
                index + 1 < len(lines)
                and isinstance(lines[index + 1], tuple)
                and len(lines[index + 1]) == len(item)
            ):
                index += 1
                rows.append(lines[index])  # type: ignore[arg-type]
            if len(rows) > 1:
                table = tuple(tuple(escape_markdown(c) for c in row) for row in rows)
                blocks.append(Block("table", rows=table))
            else:
                blocks.append(Block("line", " ".join(c for c in item if c)))
        else:
            blocks.append(Block("line", item))
        index += 1
    return blocks


@dataclass
class PageHints:
    """What the HTML head and tags say about the article, besides its body."""

    title: str = ""
    heading: str = ""
    url: str = ""
    published: str = ""
    images: dict[str, str] = field(default_factory=dict)


def _is_chrome(element: etree._Element) -> bool:
    marks = " ".join(filter(None, (element.get("class"), element.get("id"), element.get("role"))))
    return bool(marks and _CHROME.search(marks))


def parse_html(text: str) -> tuple[html.HtmlElement, PageHints]:
    """The page's element tree with everything around the article removed, and its hints."""
    parser = html.HTMLParser(remove_comments=True, remove_pis=True)
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    try:
        root = html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        root = html.document_fromstring("<html><body></body></html>", parser=parser)
    hints = PageHints()
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        content = clean_inline(meta.get("content") or "")
        if key == "og:title" and content:
            hints.title = content
        elif key == "og:url" and content:
            hints.url = content
        elif key in ("article:published_time", "pubdate", "date") and content:
            hints.published = content
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            hints.url = hints.url or link.get("href", "")
    title = root.find(".//title")
    if title is not None and not hints.title:
        hints.title = clean_inline(title.text_content())
    for element in list(root.iter(*_DROP_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        if element.tag not in ("html", "body") and _is_chrome(element):
            element.drop_tree()
    h1 = root.find(".//h1")
    if h1 is not None:
        hints.heading = clean_inline(h1.text_content())
    return root, hints


class _Writer:
    """Walks an element tree and emits blocks; inline text becomes Markdown."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buffer: list[str] = []

    def flush(self) -> None:
        text = clean_inline("".join(self.buffer))
        self.buffer = []
        if text:
            self.blocks.append(Block("paragraph", text))

    def inline(self, element: etree._Element) -> str:
        """Markdown of an element's inline content (bold, italics, links, line breaks)."""
        parts: list[str] = [escape_markdown(element.text or "")]
        for child in element:
            if isinstance(child.tag, str):
                parts.append(self._inline_child(child))
            parts.append(escape_markdown(child.tail or ""))
        return "".join(parts)

    def _inline_child(self, child: etree._Element) -> str:
        tag = child.tag
        if tag == "br":
            return " "
        if tag == "img":
            return ""
        inner = self.inline(child)
        if not clean_inline(inner):
            return inner
        if tag in ("strong", "b"):
            return _wrap(inner, "**")
        if tag in ("em", "i"):
            return _wrap(inner, "*")
        if tag == "a":
            href = (child.get("href") or "").strip()
            if href.startswith(("http://", "https://", "mailto:")) and "(" not in href:
                return f"[{clean_inline(inner)}]({href.replace(' ', '%20')})"
        return inner

    def walk(self, element: etree._Element) -> None:
        if element.text:
            self.buffer.append(escape_markdown(element.text))
        for child in element:
            if isinstance(child.tag, str):
                self.element(child)
            if child.tail:
                self.buffer.append(escape_markdown(child.tail))

    def element(self, element: etree._Element) -> None:
        tag = element.tag
        if tag in _HEADINGS:
            self.flush()
            text = clean_inline(_strip_emphasis(self.inline(element)))
            if text:
                self.blocks.append(Block("heading", text, level=_HEADINGS[tag]))
            for image in element.iter("img"):
                self.image(image)
        elif tag in ("ul", "ol"):
            self.flush()
            self.list(element)
        elif tag == "table":
            self.flush()
            self.table(element)
        elif tag == "img":
            self.flush()
            self.image(element)
        elif tag == "br":
            # Two line breaks in a row separate paragraphs; one is Word's manual break.
            nxt = element.getnext()
            ended = clean_inline("".join(self.buffer)).endswith((".", "!", "?", "…", ":", ";"))
            if ended or (nxt is not None and nxt.tag == "br" and not (element.tail or "").strip()):
                self.flush()
            else:
                self.buffer.append(" ")
        elif tag in ("p", "figcaption") and not _has_blocks(element):
            self.flush()
            self.buffer.append(self.inline(element))
            self.flush()
            for image in element.iter("img"):
                self.image(image)
        elif tag in _BLOCK_TAGS or tag == "li":
            self.flush()
            self.walk(element)
            self.flush()
        elif tag in ("strong", "b", "em", "i", "a", "span", "font", "u", "sup", "sub"):
            if _has_blocks(element):
                self.walk(element)
            else:
                self.buffer.append(self._inline_child(element))
                for image in element.iter("img"):
                    self.flush()
                    self.image(image)
        else:
            self.walk(element)

    def image(self, element: etree._Element) -> None:
        source = (element.get("src") or "").strip()
        alt = clean_inline(element.get("alt") or "")
        if source:
            self.blocks.append(Block("image", alt, source=source))

    def list(self, element: etree._Element) -> None:
        if _is_link_list(element):
            return  # "Tin liên quan", "Tin khác": a list of links to other pages
        items: list[str] = []
        for li in element.iterchildren("li"):
            nested = [child for child in li if child.tag in ("ul", "ol")]
            for child in nested:
                li.remove(child)
                # Word's nested lists, one level deep, become the item's own sentence list.
            text = clean_inline(self.inline(li))
            if text:
                items.append(text)
            for child in nested:
                items.extend(
                    "– " + clean_inline(self.inline(sub)) for sub in child.iterchildren("li")
                )
        if items:
            self.blocks.append(Block("list", ordered=element.tag == "ol", items=tuple(items)))

    def table(self, element: etree._Element) -> None:
        rows = [row for row in element.iter("tr") if _closest_table(row) is element]
        cells = [[cell for cell in row if cell.tag in ("td", "th")] for row in rows]
        layout = (
            not rows
            or any(
                c.find(".//img") is not None or c.find(".//table") is not None
                for r in cells
                for c in r
            )
            or max((len(r) for r in cells), default=0) < 2
            or any(_has_blocks(c, paragraphs=False) for r in cells for c in r)
        )
        if layout:
            self.walk(element)
            self.flush()
            return
        width = max(len(r) for r in cells)
        table = []
        for row in cells:
            texts = [clean_inline(self.inline(c)) for c in row]
            table.append(tuple(texts + [""] * (width - len(texts))))
        if any(any(t) for t in table):
            self.blocks.append(Block("table", rows=tuple(table)))


def _is_link_list(element: etree._Element) -> bool:
    """A list whose every item is nothing but one link."""
    items = list(element.iterchildren("li"))
    if len(items) < 2:
        return False
    for li in items:
        links = li.findall(".//a")
        linked = "".join(clean_inline(a.text_content()) for a in links)
        if len(links) != 1 or clean_inline(li.text_content()) != linked:
            return False
    return True


def _wrap(text: str, mark: str) -> str:
    stripped = text.strip()
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}{mark}{stripped}{mark}{trail}"


def _strip_emphasis(text: str) -> str:
    """A heading is bold already: Word's bold runs inside it add nothing."""
    return text.replace("**", "")


def _closest_table(element: etree._Element) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _has_blocks(element: etree._Element, *, paragraphs: bool = True) -> bool:
    names = {"ul", "ol", "table", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
    if paragraphs:
        names |= {"p"}
    return any(isinstance(e.tag, str) and e.tag in names for e in element.iterdescendants())


def html_blocks(root: etree._Element) -> list[Block]:
    """The blocks of a cleaned element tree (see :func:`parse_html`)."""
    writer = _Writer()
    body = root.find(".//body")
    writer.walk(body if body is not None else root)
    writer.flush()
    return writer.blocks


def fragment_blocks(markup: str) -> list[Block]:
    """The blocks of an HTML fragment, such as mammoth's conversion of a Word file."""
    root = html.document_fromstring(f"<html><body>{markup}</body></html>")
    return html_blocks(root)
