"""HTML pasted from Word or a web page, made into the site's own look.

Staff paste tables and text from Word (``class="MsoNormal"``, ``MsoTableGrid``,
``<o:p>``, ``<font>``, ``lang="EN-US"`` on Vietnamese text, empty paragraphs
used as spacing). The sanitiser (:mod:`bantin.posts.sanitize`) has already
removed what is unsafe (``style``, ``<font>``, ``<o:p>`` tags, widths); this
step removes what only spoils the look, on the article body's HTML:

- every ``class`` but the site's own markers (``bt-…``): the site's table,
  list and text styles (and the theme's scroll box for tables, which targets
  ``table:not([class])``) then apply to pasted content as to Markdown;
- ``lang`` on the inline and paragraph elements Word puts it on;
- ``<span>`` with no attribute left (unwrapped), paragraphs and spans that hold
  nothing but spaces and no-break spaces (removed);
- in a table without header cells, the first row becomes the header
  (``<thead>`` of ``<th scope="col">``), and a cell's lone paragraph is
  unwrapped so rows stay compact.

Input is nh3's output (well-formed: every element closed, attributes quoted),
read with the standard library's HTML parser into a small tree and written back.
"""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset({"br", "hr", "img", "col", "wbr", "source"})
OWN_CLASS_PREFIX = "bt-"
LANG_DROPPED = frozenset(
    {"span", "p", "b", "i", "u", "strong", "em", "td", "th", "li", "small", "sub", "sup"}
)
_BLANK = " \t\r\n\u00a0\u200b"
# Inline elements that are empty when everything in them is (Word's spacing).
_BLANK_INLINE = frozenset({"span", "b", "i", "u", "strong", "em", "font", "small"})


@dataclass
class Node:
    tag: str  # "" for text
    attrs: list[tuple[str, str | None]] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    text: str = ""  # raw (already escaped) text for tag == ""

    def attr(self, name: str) -> str | None:
        return next((v for k, v in self.attrs if k == name), None)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.root = Node("#root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, attrs)
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(Node("", text=htmllib.escape(data, quote=False)))

    def handle_entityref(self, name: str) -> None:
        self.stack[-1].children.append(Node("", text=f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self.stack[-1].children.append(Node("", text=f"&#{name};"))


def _text_of(node: Node) -> str:
    if not node.tag:
        return htmllib.unescape(node.text)
    return "".join(_text_of(c) for c in node.children)


def _is_blank(node: Node) -> bool:
    """Nothing to read: spaces, no-break spaces and line breaks only (no image, no table…)."""
    if not node.tag:
        return not htmllib.unescape(node.text).strip(_BLANK)
    if node.tag == "br":
        return True
    if node.tag in _BLANK_INLINE:
        return all(_is_blank(c) for c in node.children)
    return False


def _clean_attrs(node: Node) -> None:
    kept: list[tuple[str, str | None]] = []
    for name, value in node.attrs:
        if name == "class":
            own = [c for c in (value or "").split() if c.startswith(OWN_CLASS_PREFIX)]
            if own:
                kept.append(("class", " ".join(own)))
        elif name == "lang" and node.tag in LANG_DROPPED:
            continue
        else:
            kept.append((name, value))
    node.attrs = kept


_MARKER = re.compile(
    r"^[\s\u00a0]*(?:(?P<bullet>[·•o§▪■□◦\-–*])|(?P<number>\d{1,3}[.)]|[a-zA-Z][.)]))[\s\u00a0]*"
)


def _first_text(node: Node) -> Node | None:
    for child in node.children:
        if not child.tag:
            if htmllib.unescape(child.text).strip(_BLANK):
                return child
            continue
        found = _first_text(child)
        if found is not None:
            return found
    return None


def _list_item(paragraph: Node) -> tuple[Node, str] | None:
    """A Word list paragraph ("·  Text", "1.  Text") as an <li> and its list kind."""
    first = _first_text(paragraph)
    if first is None:
        return None
    text = htmllib.unescape(first.text)
    marker = _MARKER.match(text)
    if marker is None:
        return None
    first.text = htmllib.escape(text[marker.end() :].lstrip(_BLANK), quote=False)
    return Node("li", children=paragraph.children), "ol" if marker.group("number") else "ul"


def _word_lists(children: list[Node]) -> list[Node]:
    """Consecutive ``<p class="MsoListParagraph…">`` become one <ul> or <ol>."""
    result: list[Node] = []
    for child in children:
        classes = (child.attr("class") or "") if child.tag == "p" else ""
        item = _list_item(child) if "msolistparagraph" in classes.lower() else None
        if item is None:
            result.append(child)
            continue
        li, kind = item
        last = len(result)
        while last and not result[last - 1].tag and _is_blank(result[last - 1]):
            last -= 1  # the line breaks between two pasted paragraphs
        previous = result[last - 1] if last else None
        if previous is not None and previous.tag == kind and previous.attr("data-word") == "":
            del result[last:]
            previous.children.append(li)
        else:
            result.append(Node(kind, [("data-word", "")], [li]))
    for node in result:
        if node.tag in ("ul", "ol") and node.attr("data-word") == "":
            node.attrs = []
    return result


def _clean(node: Node) -> None:
    node.children = _word_lists(node.children)
    children: list[Node] = []
    for child in node.children:
        if child.tag:
            _clean_attrs(child)
            _clean(child)
            if child.tag in ("p", "span") and all(_is_blank(c) for c in child.children):
                continue  # an empty paragraph or span, Word's way of adding space
            if child.tag == "span" and not child.attrs:
                children.extend(child.children)  # a bare span says nothing
                continue
        children.append(child)
    node.children = children
    if node.tag == "table":
        _header_row(node)
    if node.tag in ("td", "th"):
        elements = [c for c in node.children if c.tag or not _is_blank(c)]
        if len(elements) == 1 and elements[0].tag == "p" and not elements[0].attrs:
            node.children = elements[0].children


def _rows(node: Node) -> list[tuple[Node, Node]]:
    """(row, its parent) in document order, not descending into nested tables."""
    found: list[tuple[Node, Node]] = []
    for child in node.children:
        if child.tag == "tr":
            found.append((child, node))
        elif child.tag in ("thead", "tbody", "tfoot"):
            found.extend((row, child) for row in child.children if row.tag == "tr")
    return found


def _has_header(table: Node) -> bool:
    for child in table.children:
        if child.tag == "thead":
            return True
    return any(cell.tag == "th" for row, _ in _rows(table) for cell in row.children)


def _header_row(table: Node) -> None:
    rows = _rows(table)
    if len(rows) < 2 or _has_header(table):
        return
    first, parent = rows[0]
    for cell in first.children:
        if cell.tag == "td":
            cell.tag = "th"
            if cell.attr("scope") is None:
                cell.attrs.append(("scope", "col"))
    parent.children.remove(first)
    head = Node("thead", children=[first])
    position = next(
        (i for i, c in enumerate(table.children) if c.tag in ("tbody", "tr", "tfoot")),
        len(table.children),
    )
    table.children.insert(position, head)


def _write(node: Node, out: list[str]) -> None:
    for child in node.children:
        if not child.tag:
            out.append(child.text)
            continue
        attrs = "".join(
            f" {k}" if v is None else f' {k}="{htmllib.escape(v, quote=True)}"'
            for k, v in child.attrs
        )
        out.append(f"<{child.tag}{attrs}>")
        if child.tag in VOID:
            continue
        _write(child, out)
        out.append(f"</{child.tag}>")


# Tags the cleaning writes back as they are and never moves (no span, table, font).
_PLAIN_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "strong", "em", "b", "i", "u", "s"}
    | {"ul", "ol", "li", "blockquote", "code", "pre", "figure", "figcaption", "sup", "sub"}
    | {"small", "mark", "abbr", "cite", "q", "dl", "dt", "dd", "del", "ins", "kbd", "br"}
    | {"hr", "img"}
)
# What a paragraph may hold and still be empty (see _is_blank), besides spaces.
_BLANK_INSIDE = _BLANK_INLINE | {"br"}
# A tag exactly as the cleaning writes it: lower case, each attribute once with a
# double-quoted value that escaping leaves as it is.
_PLAIN_TAG = re.compile(r'<(/?)([a-z][a-z0-9]*)((?: [a-z][a-z0-9_.:-]*="[^"&<>\']*")*)>')
_LOOSE_AMPERSAND = re.compile(r"&(?![a-zA-Z][a-zA-Z0-9]*;|#[0-9]+;|#[xX][0-9a-fA-F]+;)")


def _nothing_to_clean(html: str) -> bool:
    """Whether the cleaning would give ``html`` back unchanged: no class or lang, no
    span, table or Word list, no empty paragraph, and written as the cleaning writes.

    Most articles are Markdown, and reading each into a tree to write it back as
    it was cost about as much as making it. Anything unsure is cleaned.
    """
    if "class=" in html or "lang=" in html or "<span" in html or "<table" in html:
        return False
    if ">" in _PLAIN_TAG.sub("", html) or _LOOSE_AMPERSAND.search(html):
        return False  # a tag not written the plain way, or text the writer would escape
    open_tags: list[str] = []
    paragraph_blank = False
    at = 0
    for tag in _PLAIN_TAG.finditer(html):
        text = html[at : tag.start()]
        at = tag.end()
        if "<" in text:
            return False
        if paragraph_blank and htmllib.unescape(text).strip(_BLANK):
            paragraph_blank = False
        closing, name = tag[1], tag[2]
        if name not in _PLAIN_TAGS:
            return False
        if closing:
            if name in VOID or not open_tags or open_tags.pop() != name:
                return False
            if name == "p" and paragraph_blank:
                return False  # an empty paragraph: Word's spacing, removed by the cleaning
            continue
        if paragraph_blank and name not in _BLANK_INSIDE:
            paragraph_blank = False
        if name == "p":
            if "p" in open_tags:
                return False
            paragraph_blank = True
        if name not in VOID:
            open_tags.append(name)
    return not open_tags and "<" not in html[at:]


def clean_pasted_html(body_html: str) -> str:
    """The article body with Word's and web pages' leftovers removed (see the module doc)."""
    if "<" not in body_html or _nothing_to_clean(body_html):
        return body_html
    return _cleaned(body_html)


def _cleaned(body_html: str) -> str:
    reader = _Reader()
    reader.feed(body_html)
    reader.close()
    _clean(reader.root)
    out: list[str] = []
    _write(reader.root, out)
    return "".join(out)
