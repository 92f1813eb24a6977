"""Typed configuration of the ``bantin-atomic`` plugin in ``mkdocs.yml``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class AtomicBuildConfig(base.Config):
    # Off: MkDocs' own behaviour (empties site/ first, no lock, no headers).
    enabled = c.Type(bool, default=True)
    # Seconds a build waits for another build into the same folder; 0 = refuse at once.
    lock_timeout = c.Type((int, float), default=60)
    # Write <site>/_headers and the nginx snippet beside the site (see deploy/README.md).
    security_headers = c.Type(bool, default=True)
    # Extra CSP sources per directive, e.g. {"connect-src": ["https://stats.example.vn"]}.
    csp_sources = c.DictOfItems(c.ListOfItems(c.Type(str)), default={})
