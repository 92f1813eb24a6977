"""One spelling for search: the text Pagefind indexes and the words readers type.

Pagefind 1.5 folds tone marks ("dan van kheo" finds "Dân vận khéo") and ranks
a match with the reader's own marks first, but two things it does not do for
Vietnamese, so the index and the query are both put through :func:`index_form`:

* **Tone placement.** "hoả" and "hỏa", "thuý" and "thúy", "uỷ" and "ủy" are
  the same word written by the old and the new rule. Pagefind finds one from
  the other but ranks them as different spellings. Both are written here the
  new way: in an open syllable ``oa``, ``oe``, ``uy`` (no letter after it, no
  ``q`` before ``uy``) the mark goes on the first vowel. Closed syllables
  ("hoàng", "thuyết") and "quý" are the same in both rules and stay.
* **đ.** Unicode gives ``đ`` no decomposition, so Pagefind never folds it to
  ``d`` ("duong" would not find "đường"). It is indexed as ``ḏ`` (d with line
  below, U+1E0F), which decomposes to ``d`` plus a mark: Pagefind folds it to
  ``d`` for readers without marks, and a query typed with ``đ`` (turned into
  ``ḏ`` the same way) matches it exactly and ranks first. The search page
  turns ``ḏ`` back into ``đ`` before showing titles and excerpts.

``assets/javascripts/bantin-search.js`` applies the same rules to the query;
a browser test checks that both give the same result on a list of words.
"""

from __future__ import annotations

import re
import unicodedata

# Marked vowel -> (tone mark as a combining character, base letter).
_TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng


def _marked(base: str) -> dict[str, tuple[str, str]]:
    table = {}
    for letter in (base, base.upper()):
        for tone in _TONES:
            table[unicodedata.normalize("NFC", letter + tone)] = (tone, letter)
    return table


_MARKED = {**_marked("a"), **_marked("e"), **_marked("y")}

_Y = frozenset("ỳýỷỹỵỲÝỶỸỴ")
_A_E = frozenset("àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ")
# An open syllable ending in o+a/e or u+y with the mark on the last vowel.
# "Open": no letter follows. "quý" keeps its mark (the u belongs to "qu").
# The pattern finds candidates (u or o, any of those marked vowels, no letter
# after) and _new_placement sorts them: a pattern that starts with a set of
# letters lets the regex engine skip ahead, where one with a look-behind and two
# alternatives is tried at every character (six times slower on a page).
_CANDIDATE = re.compile(r"[uUoO][ỳýỷỹỵỲÝỶỸỴàáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ](?![^\W\d_])")


def _new_placement(match: re.Match[str]) -> str:
    first, marked = match[0][0], match[0][1]
    if first in "uU":
        start = match.start()
        if marked not in _Y or (start and match.string[start - 1] in "qQ"):
            return match[0]
    elif marked not in _A_E:
        return match[0]
    tone, base = _MARKED[marked]
    return unicodedata.normalize("NFC", first + tone) + base


def tone_placement(text: str) -> str:
    """Write every open ``oa``/``oe``/``uy`` syllable the new way: "Hoả" -> "Hỏa"."""
    return _CANDIDATE.sub(_new_placement, unicodedata.normalize("NFC", text))


def index_form(text: str) -> str:
    """The spelling Pagefind indexes and searches: NFC, new tone placement, ``đ`` as ``ḏ``."""
    # đ -> ḏ (folds to d; see the module docstring), shown back as đ. str.replace,
    # not str.translate: translate looks every character of a whole page up in a
    # dict (a tenth of a 1,000-post build).
    return tone_placement(text).replace("đ", "\u1e0f").replace("Đ", "\u1e0e")


def display_form(text: str) -> str:
    """Undo the ``đ`` substitution for showing indexed text to readers."""
    return text.replace("\u1e0f", "đ").replace("\u1e0e", "Đ")
