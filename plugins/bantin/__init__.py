"""bantin: a static site generator for Vietnamese ward news, built on MkDocs.

Every subpackage but ``adapter`` is domain code that knows nothing of MkDocs,
Material, Jinja or MarkupSafe (``tests/unit/test_architecture.py``): ``core``,
``posts``, ``indicators``, ``views``, ``feeds``, ``images``, ``bulletins``,
``importer``, ``search``, ``publish`` and ``news`` (the settings and the news
model of one build). ``adapter`` holds both MkDocs plugins, their configs, the
page flow and the ``bantin`` command; ``templates`` is bantin's theme layer.
See ARCHITECTURE.md.
"""

__version__ = "0.1.0"
