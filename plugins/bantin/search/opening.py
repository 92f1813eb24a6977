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
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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
    """Words still kept in full, and the further words seen (first spelling of each)."""

    def __init__(self, words: int) -> None:
        self.left = words
        self.rest: dict[str, str] = {}

    def take(self, text: str | None) -> str | None:
        if not text:
            return text
        if self.left <= 0:
            self._note(_WORD.findall(text))
            return None
        words = list(_WORD.finditer(text))
        if len(words) <= self.left:
            self.left -= len(words)
            return text
        cut = words[self.left - 1].end()
        self._note(m.group() for m in words[self.left :])
        self.left = 0
        return text[:cut]

    def _note(self, words: Iterable[str]) -> None:
        for word in words:
            self.rest.setdefault(word.lower(), word)


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
    document = lxml_html.document_fromstring(html)
    changed = False
    for body in document.iter():
        if not isinstance(body.tag, str) or body.get(BODY_ATTRIBUTE) is None:
            continue
        budget = _Budget(words)
        _walk(body, budget)
        if budget.rest:
            rest = etree.SubElement(body, "p")
            rest.text = " ".join((REST_MARK, *budget.rest.values()))
            changed = True
    if not changed:
        return html
    shaped: str = lxml_html.tostring(document, encoding="unicode", doctype="<!doctype html>")
    return shaped
