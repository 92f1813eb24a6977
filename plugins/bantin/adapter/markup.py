"""Small corrections to Material 9.8's own markup, so every page is valid HTML.

Material writes ``autocomplete`` on its hidden checkbox toggles and a
``<label for="__toc">`` on pages without a table of contents; the Nu Html
Checker rejects both. These fixes are exact string edits on the pinned
Material version; the HTML validation test of the demo site guards them.
"""

from __future__ import annotations

import re

_TOGGLE_AUTOCOMPLETE = re.compile(
    r'(<input class="md-toggle"[^>]*?type="checkbox"[^>]*?) autocomplete="off"'
)
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def fix_material_markup(html: str) -> str:
    html = _TOGGLE_AUTOCOMPLETE.sub(r"\1", html)
    if _TOC_LABEL in html and 'id="__toc"' not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">')
    return html
