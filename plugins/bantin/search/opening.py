"""What of a page goes into the search index: its opening in full, then each further word once.

Pagefind stores every place a word occurs on every page. On a 10,000-post archive
the syllables Vietnamese uses everywhere ("dân", "hội", "phường", "đường") occur
dozens of times in each article, and the index pieces for them grew to a megabyte
or more: one search cost 1.2 to 3.4 MB. Readers find an article by its title, its
lead and its first paragraphs, and that is where a word counts for ranking too.

So the copy of a page that Pagefind reads (never the published page) keeps the
first :data:`OPENING_WORDS` words of its indexed part as they are (the title, the
lead, the start of the body: these rank and give the excerpts), and replaces the
rest by a last paragraph that lists every other word of the page once, after
:data:`REST_MARK`. Every word of an article still finds it; a word only in its
later part counts once, and the search page (``bantin-search-ui.js``) never shows
that list as an excerpt: a page found only by it is shown with its opening.

Parts Pagefind reads for other purposes (``data-pagefind-ignore``,
``data-pagefind-meta``/``-filter``/``-sort`` elements, scripts) are left as written.

**Two ways, one result.** Every indexed page of a build goes through this, in
the search child (``search/worker.py``) while the build draws pages. Parsing the
page into a tree with lxml and writing it back cost about 1.2 ms a page, twice
what drawing the page's search copy cost otherwise. :func:`_shaped_tokens`
instead walks the page's tags and texts as written (the pages are bantin's own
and well-formed) and changes only the texts; where it is not sure of the page's
shape (an element left open, a marked element inside another) it says so and
the tree is used. Pagefind reads the same words from both (the tests compare
them on generated pages).
"""

from __future__ import annotations

import html as htmllib
import re

from lxml import etree
from lxml import html as lxml_html

OPENING_WORDS = 200
# Starts the list of further words. A word position of its own for Pagefind (so
# the search page can find where the list begins), never a word anyone types.
REST_MARK = "\u2042"  # ⁂ (asterism)

BODY_ATTRIBUTE = "data-pagefind-body"
_KEEP_ATTRIBUTES = (
    "data-pagefind-ignore",
    "data-pagefind-meta",
    "data-pagefind-filter",
    "data-pagefind-sort",
)
_KEEP_TAGS = frozenset({"script", "style", "template", "noscript"})
_WORD = re.compile(r"\w+")


class _Budget:
    """Words still kept in full, and every later word as written."""

    def __init__(self, words: int) -> None:
        self.left = words
        self.later: list[str] = []

    def take(self, text: str | None) -> str | None:
        if not text:
            return text
        if self.left <= 0:
            self.later += _WORD.findall(text)
            return None
        words = list(_WORD.finditer(text))
        if len(words) <= self.left:
            self.left -= len(words)
            return text
        cut = words[self.left - 1].end()
        self.later += (m.group() for m in words[self.left :])
        self.left = 0
        return text[:cut]

    def rest(self) -> list[str]:
        """Each later word once, whatever its case, spelt as it first came, in that order."""
        # A few C-speed passes over a page's thousands of words, not a Python loop.
        lowered = " ".join(self.later).lower().split()
        first_spelling = dict(zip(reversed(lowered), reversed(self.later), strict=True))
        return [first_spelling[word] for word in dict.fromkeys(lowered)]


def _kept(element: etree._Element) -> bool:
    return (
        not isinstance(element.tag, str)
        or element.tag in _KEEP_TAGS
        or any(element.get(name) is not None for name in _KEEP_ATTRIBUTES)
    )


def _walk(element: etree._Element, budget: _Budget) -> None:
    element.text = budget.take(element.text)
    for child in element:
        if not _kept(child):
            _walk(child, budget)
        child.tail = budget.take(child.tail)


def opening_form(html: str, words: int = OPENING_WORDS) -> str:
    """``html`` as Pagefind should index it (unchanged if its indexed part is short)."""
    if BODY_ATTRIBUTE not in html:
        return html
    shaped = _shaped_tokens(html, words)
    return _shaped_tree(html, words) if shaped is None else shaped


# Tags, comments, doctypes; a start tag's attributes may hold ">" inside quotes.
_TOKEN = re.compile(
    r"<(?:!--.*?-->|![^>]*>|\?[^>]*>"
    r"|/(?P<end>[a-zA-Z][\w:.-]*)\s*>"
    r"|(?P<start>[a-zA-Z][\w:.-]*)(?P<attrs>[^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*)>)",
    re.S,
)
_ATTRIBUTE_NAME = re.compile(r"\s+([^\s\"'>/=]+)(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)
_RAW_TEXT = frozenset({"script", "style", "textarea", "title"})


def _attribute_names(attrs: str) -> set[str]:
    return {name.lower() for name in _ATTRIBUTE_NAME.findall(attrs)} if attrs else set()


def _shaped_tokens(html: str, words: int) -> str | None:
    """:func:`opening_form` by walking the tags as written; ``None`` when unsure of the shape."""
    out: list[str] = []
    at = 0
    budget: _Budget | None = None  # inside a marked element
    body_name = ""
    body_depth = 0
    skip_name = ""  # inside a kept element (its words do not count)
    skip_depth = 0
    changed = False
    while (token := _TOKEN.search(html, at)) is not None:
        text = html[at : token.start()]
        at = token.end()
        if text:
            if budget is None or skip_name:
                out.append(text)
            else:
                plain = htmllib.unescape(text)
                taken = budget.take(plain)
                if taken is plain:
                    out.append(text)  # as written, character references and all
                elif taken is not None:
                    out.append(htmllib.escape(taken, quote=False))
        start, end = token["start"], token["end"]
        if start:
            name = start.lower()
            if name in _RAW_TEXT and not token["attrs"].endswith("/"):
                # Its content is text, whatever it looks like: copy it to its end tag.
                close = re.compile(rf"</{name}\s*>", re.I).search(html, at)
                if close is None:
                    return None
                out.append(html[token.start() : close.end()])
                at = close.end()
                if budget is not None and not skip_name and name not in _KEEP_TAGS:
                    return None  # a title or text area inside the indexed part: rare, use the tree
                continue
            attrs = token["attrs"]
            void = name in _VOID or attrs.endswith("/")
            if skip_name:
                if name == skip_name and not void:
                    skip_depth += 1
            elif budget is not None:
                if name == body_name and not void:
                    body_depth += 1
                names = _attribute_names(attrs) if "data-pagefind" in attrs else set()
                if BODY_ATTRIBUTE in names:
                    return None  # a marked element inside another: the tree knows what to do
                if not void and (name in _KEEP_TAGS or names.intersection(_KEEP_ATTRIBUTES)):
                    skip_name, skip_depth = name, 1
            elif BODY_ATTRIBUTE in attrs and BODY_ATTRIBUTE in _attribute_names(attrs):
                if void:
                    return None
                budget, body_name, body_depth = _Budget(words), name, 1
            out.append(token.group())
        elif end:
            name = end.lower()
            if skip_name:
                if name == skip_name:
                    skip_depth -= 1
                    if skip_depth == 0:
                        skip_name = ""
            elif budget is not None and name == body_name:
                body_depth -= 1
                if body_depth == 0:
                    rest = budget.rest()
                    if rest:
                        out.append(f"<p>{' '.join((REST_MARK, *rest))}</p>")
                        changed = True
                    budget = None
            out.append(token.group())
        else:
            out.append(token.group())  # a comment or a doctype
    if budget is not None or skip_name:
        return None  # an element left open
    if not changed:
        return html
    out.append(html[at:])
    return "".join(out)


def _shaped_tree(html: str, words: int) -> str:
    """:func:`opening_form` on lxml's tree of the page (what any HTML gives)."""
    document = lxml_html.document_fromstring(html)
    changed = False
    for body in document.iter():
        if not isinstance(body.tag, str) or body.get(BODY_ATTRIBUTE) is None:
            continue
        budget = _Budget(words)
        _walk(body, budget)
        rest = budget.rest()
        if rest:
            paragraph = etree.SubElement(body, "p")
            paragraph.text = " ".join((REST_MARK, *rest))
            changed = True
    if not changed:
        return html
    shaped: str = lxml_html.tostring(document, encoding="unicode", doctype="<!doctype html>")
    return shaped
