"""The inline scripts a bantin site may run, known before anything is built.

The Content-Security-Policy allows an inline ``<script>`` by the SHA-256 of
its text. Those hashes come from the templates the theme (Material) and bantin
ship, never from the built pages: a script that reached a page through
content (a category name in the navigation, a title, a page of ``docs/``) is
not in any template, so it is never allowed, whatever the page holds.

A few of the theme's scripts carry template values: the page's relative
``base_url`` (``__md_scope=new URL("../..",location)``) or a setting of
``mkdocs.yml``. Those are rendered for every folder depth the site has
(``.``, ``..``, ``../..`` …) and for the absolute path used by ``404.html``,
with the site's configuration and nothing else: a snippet that needs a page
(its title, its metadata) is not allowed at all.

This module knows nothing of MkDocs or Jinja.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .output import script_hash

# A bare inline <script> in a template (``<script>…</script>``, no attributes:
# the theme's executable snippets are all written this way; ``<script src>`` and
# ``<script type="application/json">`` are not inline code).
_TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_EXPRESSION = re.compile(r"\{\{\s*(.*?)\s*\}\}")
# Template expressions whose value is the page's base URL and nothing else.
BASE_URL_EXPRESSIONS = frozenset({"base_url", "config.extra.scope | d(base_url)"})


# Renders one snippet for one base URL; ``None`` when it needs anything but the
# site's configuration and that URL (a page's content, above all).
Render = Callable[[str, str], str | None]


@dataclass(frozen=True)
class Snippet:
    """One inline script as written in a template: ``{{ base_url }}`` left in place."""

    template: str
    text: str


def substitute_base_url(text: str, base_url: str) -> str | None:
    """A renderer without a template engine: only ``{{ base_url }}`` is understood."""
    if "{%" in text or "{#" in text:
        return None
    expressions = set(_EXPRESSION.findall(text))
    if not expressions <= BASE_URL_EXPRESSIONS:
        return None
    return _EXPRESSION.sub(lambda _: base_url, text)


def template_snippets(template_dirs: Iterable[Path]) -> list[Snippet]:
    """Every bare inline script in the ``.html`` templates under these folders."""
    found: list[Snippet] = []
    for folder in template_dirs:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.html")):
            text = path.read_text(encoding="utf-8", errors="replace")
            for match in _TEMPLATE_SCRIPT.finditer(text):
                found.append(Snippet(path.relative_to(folder).as_posix(), match.group(1)))
    return found


def base_urls(depths: Iterable[int], site_path: str = "/") -> set[str]:
    """MkDocs' ``base_url`` for pages at these folder depths, and for ``404.html``."""
    urls = {site_path or "/"}
    for depth in set(depths) | {0}:
        urls.add("/".join([".."] * depth) if depth else ".")
    return urls


def allowed_script_hashes(
    snippets: Iterable[Snippet], urls: Iterable[str], render: Render = substitute_base_url
) -> set[str]:
    """CSP hashes of every script the shipped templates can produce."""
    urls = sorted(urls)
    hashes = set()
    for snippet in snippets:
        for url in urls:
            text = render(snippet.text, url)
            if text is not None:
                hashes.add(script_hash(text.encode("utf-8")))
    return hashes


@dataclass(frozen=True)
class ScriptAudit:
    """Which shipped scripts a built site uses, and which pages hold scripts nobody shipped."""

    used: frozenset[str]
    unknown: tuple[str, ...]


def audit_scripts(found: Mapping[str, set[str]], allowed: set[str]) -> ScriptAudit:
    """Sort the inline scripts found per HTML file into shipped ones and strays."""
    used: set[str] = set()
    unknown: list[str] = []
    for page, hashes in sorted(found.items()):
        used |= hashes & allowed
        if hashes - allowed:
            unknown.append(page)
    return ScriptAudit(frozenset(used), tuple(unknown))


def depths(pages: Iterable[str]) -> set[int]:
    """Folder depth of each page path (``a/b/index.html`` is 2)."""
    return {page.count("/") for page in pages}
