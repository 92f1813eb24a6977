"""bantin: a static site generator for Vietnamese ward news, built on MkDocs.

The domain (``core``, ``posts``, ``indicators``, ``views``) knows nothing of
MkDocs; only the ``plugin.py``/``config.py``/``adapter`` modules import it.
"""

__version__ = "0.1.0"
