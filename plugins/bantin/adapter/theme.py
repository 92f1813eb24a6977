"""bantin's own templates and assets, shipped inside the package as a theme layer.

Material ships its templates in its package; bantin does the same in
``bantin/templates/``. The plugin puts that folder on the theme's search path
after the site's ``custom_dir`` and before Material's, so a site can still
override any bantin template or asset (a file of the same name in its own
``custom_dir``, or an asset in ``docs/``), and bantin overrides Material's.
MkDocs then copies the non-template files (CSS, fonts, scripts, logo) into the
site as it does a theme's.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from .settings import site_settings

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# Stylesheets every bantin page needs, in the order they must load; a site's
# own ``extra_css`` comes after them, so it can restyle anything. Pages link
# them as one file (BUNDLE): every stylesheet in <head> holds up the first
# paint, and on a phone's connection each file is a round trip of its own.
STYLESHEETS = ("assets/bantin.css", "assets/indicators.css")
# Be Vietnam Pro on pages (``web_font: true``): its @font-face rules, and the
# font put before bantin.css's system font stack, so it comes after bantin.css.
# Published either way: the bulletin PDF embeds the font from it.
FONT_STYLESHEET = "assets/fonts/fonts.css"
# The search engines' list of every page, named by the index at sitemap.xml.
SITEMAP_PAGES = "sitemap-pages.xml"
# Named by its content, like Material's own bundles, so it can be cached for long.
BUNDLE = "assets/stylesheets/bantin.{key}.css"

_URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""")


def add_theme_layer(config: MkDocsConfig) -> None:
    """Put bantin's templates on the theme path and its stylesheets in ``extra_css``."""
    dirs = config.theme.dirs
    own = str(TEMPLATES)
    if own not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, own)
    # sitemap.xml (an index) names this list of every page; see the template.
    config.theme.static_templates.add(SITEMAP_PAGES)
    name, _ = stylesheet_bundle(config)
    bantin_css = {*STYLESHEETS, FONT_STYLESHEET, name}
    rest = [css for css in config.extra_css if css not in bantin_css]
    config.extra_css[:] = [name, *rest]


def _source(config: MkDocsConfig, path: str) -> Path:
    """The file MkDocs would publish at ``path``: the site's docs/, else the first theme layer."""
    for folder in (config.docs_dir, *config.theme.dirs):
        candidate = Path(folder, path)
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(path)


def _rebased(css: str, source: str, target: str) -> str:
    """``css`` written for ``source`` with its relative ``url()``s pointing the same from ``target``."""

    def rebase(match: re.Match[str]) -> str:
        url = match.group(2).strip()
        if url.startswith(("/", "#", "data:")) or "://" in url:
            return match.group(0)
        moved = posixpath.relpath(
            posixpath.join(posixpath.dirname(source), url), posixpath.dirname(target)
        )
        return f'url("{moved}")'

    return _URL.sub(rebase, css)


def stylesheet_bundle(config: MkDocsConfig) -> tuple[str, str]:
    """(path in the site, text) of bantin's stylesheets as one file, overrides included."""
    paths = (*STYLESHEETS, FONT_STYLESHEET) if site_settings(config).web_font else STYLESHEETS
    parts = [(path, _source(config, path).read_text(encoding="utf-8")) for path in paths]
    key = hashlib.sha256("".join(text for _, text in parts).encode()).hexdigest()[:8]
    name = BUNDLE.format(key=key)
    text = "\n".join(f"/* {path} */\n{_rebased(css, path, name)}" for path, css in parts)
    return name, text


def add_stylesheet_bundle(files: Files, config: MkDocsConfig) -> None:
    """Publish the stylesheet bundle that ``add_theme_layer`` linked from every page."""
    name, text = stylesheet_bundle(config)
    files.append(File.generated(config, name, content=text))


# Templates that are not HTML (MkDocs would copy them as static files): rendered
# by bantin into rss.xml files, never published as they are.
TEMPLATE_FOLDERS = ("feeds/",)


def drop_raw_templates(files: Files, config: MkDocsConfig) -> None:
    """Keep the feed template (``feeds/rss.xml``) of any theme layer out of the site."""
    theme_dirs = {str(Path(d).resolve()) for d in config.theme.dirs}
    for file in list(files):
        if (
            file.generated_by is None
            and file.src_uri.startswith(TEMPLATE_FOLDERS)
            and file.src_dir is not None
            and str(Path(file.src_dir).resolve()) in theme_dirs
        ):
            files.remove(file)


def own_templates(config: MkDocsConfig) -> set[str]:
    """Names of every template bantin or the site provides (``custom_dir``).

    Those are autoescaped, so front-matter text is always printed as text;
    Material's own templates are left as they are (they print prepared HTML).
    """
    names: set[str] = set()
    for folder in (config.theme.custom_dir, str(TEMPLATES)):
        if folder:
            root = Path(folder)
            names |= {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    return names
