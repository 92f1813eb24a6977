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

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# Stylesheets every bantin page needs, in the order they must load; a site's
# own ``extra_css`` comes after them, so it can restyle anything.
STYLESHEETS = ("assets/fonts/fonts.css", "assets/bantin.css", "assets/indicators.css")


def add_theme_layer(config: MkDocsConfig) -> None:
    """Put bantin's templates on the theme path and its stylesheets in ``extra_css``."""
    dirs = config.theme.dirs
    own = str(TEMPLATES)
    if own not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, own)
    missing = [css for css in STYLESHEETS if css not in config.extra_css]
    config.extra_css[:0] = missing


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
